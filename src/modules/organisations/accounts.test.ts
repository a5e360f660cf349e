import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
  unique,
} from '../../../test/support/app.ts';

let t: TestApp;
let admin: ApiClient;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.admin();
});
afterAll(() => t.close());

describe('account administration', () => {
  it('lists and searches every account for a platform administrator', async () => {
    const name = unique('Zoé ');
    const user = await t.buildUser();
    await admin.patch(`/users/${user.id}`, { name });
    const res = await admin.get(`/users?q=${encodeURIComponent(name)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ id: user.id, name, disabled: false })]);
    expect(JSON.stringify(res.json())).not.toContain('passwordHash');
  });

  it('disables an account: its sessions end and it can no longer log in; enabling brings it back', async () => {
    const user = await t.buildUser();
    const client = await t.login(user.email);
    const res = await admin.patch(`/users/${user.id}`, { disabled: true });
    expect(res.json().disabled).toBe(true);
    expect((await client.get('/me')).statusCode).toBe(401);
    expect(
      (await t.anonymous.post('/session', { email: user.email, password: TEST_PASSWORD })).statusCode,
    ).toBe(401);
    await admin.patch(`/users/${user.id}`, { disabled: false });
    await t.login(user.email);
  });

  it('never lets a platform administrator lock themselves out', async () => {
    const me = (await admin.get('/me')).json().user;
    expect((await admin.patch(`/users/${me.id}`, { disabled: true })).statusCode).toBe(409);
    expect((await admin.patch(`/users/${me.id}`, { isPlatformAdmin: false })).statusCode).toBe(409);
  });

  it("is refused to everyone else, even an organisation's administrator", async () => {
    const org = await t.buildOrganisation();
    const { client } = await t.member(org.id, 'admin');
    expect((await client.get('/users')).statusCode).toBe(403);
    const other = await t.buildUser();
    expect((await client.patch(`/users/${other.id}`, { disabled: true })).statusCode).toBe(403);
  });

  it('answers 404 for an unknown account', async () => {
    expect((await admin.patch('/users/00000000-0000-4000-8000-000000000000', { name: 'x' })).statusCode).toBe(
      404,
    );
  });
  // Last: it disables this file's other platform administrators while it runs.
  it('keeps at least one platform administrator when two demote each other at once', async () => {
    // A fresh pair: every other platform administrator of this test file is disabled first.
    const others = (await admin.get('/users?limit=500'))
      .json()
      .items.filter((u: { isPlatformAdmin: boolean }) => u.isPlatformAdmin);
    const a = await t.buildUser({ isPlatformAdmin: true });
    const b = await t.buildUser({ isPlatformAdmin: true });
    const clientA = await t.login(a.email);
    const clientB = await t.login(b.email);
    for (const other of others) await clientA.patch(`/users/${other.id}`, { disabled: true });
    const [x, y] = await Promise.all([
      clientA.patch(`/users/${b.id}`, { isPlatformAdmin: false }),
      clientB.patch(`/users/${a.id}`, { isPlatformAdmin: false }),
    ]);
    // One wins; the other is refused — 409 (would leave none) or 403 (already demoted when it arrived).
    expect([x.statusCode, y.statusCode].filter((c) => c === 200)).toHaveLength(1);
    expect([409, 403]).toContain(x.statusCode === 200 ? y.statusCode : x.statusCode);
    const remaining = (await (x.statusCode === 200 ? clientA : clientB).get('/users?limit=500')).json().items;
    expect(
      remaining.filter(
        (u: { isPlatformAdmin: boolean; disabled: boolean }) => u.isPlatformAdmin && !u.disabled,
      ),
    ).toHaveLength(1);
    for (const other of others)
      await (x.statusCode === 200 ? clientA : clientB).patch(`/users/${other.id}`, { disabled: false });
  });
});
