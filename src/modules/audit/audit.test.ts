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

describe('the audit trail', () => {
  it('records each change with who, which organisation, what, which record and from where, in the same transaction', async () => {
    const created = (
      await admin.post('/organisations', { name: unique('Audited '), kinds: ['donor'] })
    ).json();
    const email = `${unique('a')}@example.org`;
    const member = (
      await admin.post(`/organisations/${created.id}/members`, {
        email,
        name: 'Paul Girard',
        role: 'manager',
        password: TEST_PASSWORD,
      })
    ).json();
    const items = (await admin.get(`/audit?organisationId=${created.id}`)).json().items;
    const actions = items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['organisation.create', 'member.add']));
    const add = items.find((e: { action: string }) => e.action === 'member.add');
    expect(add).toMatchObject({
      entityType: 'membership',
      entityId: member.userId,
      organisationId: created.id,
      ip: '127.0.0.1',
    });
  });

  it('holds field names, never personal values', async () => {
    const org = await t.buildOrganisation();
    const email = `${unique('secret')}@example.org`;
    await admin.post(`/organisations/${org.id}/members`, {
      email,
      name: 'Très Secret',
      role: 'viewer',
      password: TEST_PASSWORD,
    });
    const all = (await admin.get('/audit?limit=500')).json().items;
    const text = JSON.stringify(all);
    expect(text).not.toContain(email);
    expect(text).not.toContain('Très Secret');
    expect(text).not.toContain(TEST_PASSWORD);
  });

  it("shows an organisation's administrator only their organisations' entries", async () => {
    const mine = await t.buildOrganisation();
    const other = await t.buildOrganisation();
    const { client } = await t.member(mine.id, 'admin');
    await admin.patch(`/organisations/${mine.id}`, { city: 'Vierzon' });
    await admin.patch(`/organisations/${other.id}`, { city: 'Bourges' });
    const items = (await client.get('/audit?limit=500')).json().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e: { organisationId: string }) => e.organisationId === mine.id)).toBe(true);
  });

  it('is refused to members who administer no organisation', async () => {
    const org = await t.buildOrganisation();
    const { client } = await t.member(org.id, 'social_worker');
    expect((await client.get('/audit')).statusCode).toBe(403);
  });

  it('filters by day and pages newest first without losing entries', async () => {
    const org = await t.buildOrganisation();
    for (let i = 0; i < 5; i++) await admin.patch(`/organisations/${org.id}`, { city: `Ville ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await admin.get(
        `/audit?organisationId=${org.id}&action=organisation.update&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.json().items.map((e: { id: string }) => e.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(5);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    expect(
      (await admin.get(`/audit?organisationId=${org.id}&from=${today}&to=${today}`)).json().items.length,
    ).toBe(6);
    expect((await admin.get(`/audit?organisationId=${org.id}&to=2000-01-01`)).json().items).toEqual([]);
    expect((await admin.get('/audit?from=yesterday')).statusCode).toBe(400);
  });

  it('records logins', async () => {
    const user = await t.buildUser();
    await t.login(user.email);
    const items = (await admin.get(`/audit?actorUserId=${user.id}&action=session.login`)).json().items;
    expect(items).toHaveLength(1);
  });
});
