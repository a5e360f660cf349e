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

describe('POST /organisations/{id}/members', () => {
  it('adds a member with a password, who can then log in and sees the organisation as theirs', async () => {
    const org = await t.buildOrganisation();
    const email = `${unique('tech')}@example.org`;
    const res = await admin.post(`/organisations/${org.id}/members`, {
      email,
      name: 'Lucie Moreau',
      role: 'technician',
      password: TEST_PASSWORD,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email, role: 'technician', active: true, invitation: null });
    const client = await t.login(email);
    const me = (await client.get('/me')).json();
    expect(me.memberships).toEqual([
      { organisation: expect.objectContaining({ id: org.id }), role: 'technician' },
    ]);
  });

  it('without a password, returns a single-use invitation link valid 7 days', async () => {
    const org = await t.buildOrganisation();
    const email = `${unique('inv')}@example.org`;
    const res = await admin.post(`/organisations/${org.id}/members`, {
      email,
      name: 'Claire Martin',
      role: 'social_worker',
    });
    expect(res.statusCode).toBe(201);
    const { invitation, active } = res.json();
    expect(active).toBe(false);
    expect(invitation.url).toMatch(/^http:\/\/localhost:3999\/invitation\/[\w-]+$/);
    const days = (new Date(invitation.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const token = invitation.url.split('/').pop();
    const seen = await t.anonymous.get(`/invitations/${token}`);
    expect(seen.json()).toMatchObject({ email, organisationName: org.name });
    const tooShort = await t.anonymous.post(`/invitations/${token}`, { password: 'short' });
    expect(tooShort.statusCode).toBe(400);
    const accepted = await t.anonymous.post(`/invitations/${token}`, { password: 'my own long passphrase' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.cookies.some((c) => c.name === 'sv_session')).toBe(true);
    expect(
      (await t.anonymous.post(`/invitations/${token}`, { password: 'another long passphrase' })).statusCode,
    ).toBe(404);
    await t.login(email, 'my own long passphrase');
  });

  it('a new invitation link replaces the previous one', async () => {
    const org = await t.buildOrganisation();
    const added = (
      await admin.post(`/organisations/${org.id}/members`, {
        email: `${unique('r')}@example.org`,
        name: 'R',
        role: 'viewer',
      })
    ).json();
    const again = await admin.post(`/organisations/${org.id}/members/${added.userId}/invitation`);
    expect(again.statusCode).toBe(200);
    const oldToken = added.invitation.url.split('/').pop();
    expect((await t.anonymous.get(`/invitations/${oldToken}`)).statusCode).toBe(404);
    expect(
      (await t.anonymous.get(`/invitations/${again.json().invitation.url.split('/').pop()}`)).statusCode,
    ).toBe(200);
  });

  it('adds an existing account to a second organisation without touching its password', async () => {
    const first = await t.buildOrganisation();
    const second = await t.buildOrganisation();
    const user = await t.buildUser({ organisationId: first.id, role: 'trainer' });
    const withPassword = await admin.post(`/organisations/${second.id}/members`, {
      email: user.email,
      name: 'x',
      role: 'viewer',
      password: 'an attempt to take over',
    });
    expect(withPassword.statusCode).toBe(409);
    const res = await admin.post(`/organisations/${second.id}/members`, {
      email: user.email,
      name: 'x',
      role: 'viewer',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().invitation).toBeNull();
    const me = (await (await t.login(user.email)).get('/me')).json();
    expect(me.memberships).toHaveLength(2);
    expect(
      (
        await admin.post(`/organisations/${second.id}/members`, {
          email: user.email,
          name: 'x',
          role: 'viewer',
        })
      ).statusCode,
    ).toBe(409);
  });

  it("never hands another organisation a link to someone's pending account", async () => {
    const a = await t.buildOrganisation();
    const b = await t.buildOrganisation();
    const email = `${unique('boss')}@example.org`;
    const invited = (
      await admin.post(`/organisations/${a.id}/members`, { email, name: 'New Boss', role: 'admin' })
    ).json();
    const bAdmin = (await t.member(b.id, 'admin')).client;
    const added = await bAdmin.post(`/organisations/${b.id}/members`, { email, name: 'x', role: 'viewer' });
    expect(added.statusCode).toBe(201);
    expect(added.json().invitation).toBeNull();
    const reinvite = await bAdmin.post(`/organisations/${b.id}/members/${invited.userId}/invitation`);
    expect(reinvite.statusCode).toBe(409);
    // A's link still works, and only the person who holds it chooses the password.
    const token = invited.invitation.url.split('/').pop();
    expect((await t.anonymous.get(`/invitations/${token}`)).statusCode).toBe(200);
  });

  it('validates the e-mail, the role and the password length', async () => {
    const org = await t.buildOrganisation();
    const res = await admin.post(`/organisations/${org.id}/members`, {
      email: 'not-an-email',
      name: '',
      role: 'boss',
      password: 'short',
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['email', 'name', 'password', 'role']);
  });

  it("is for the organisation's administrators: a technician gets 403", async () => {
    const org = await t.buildOrganisation();
    const { client } = await t.member(org.id, 'technician');
    const res = await client.post(`/organisations/${org.id}/members`, {
      email: `${unique('z')}@example.org`,
      name: 'Z',
      role: 'viewer',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('roles and removal', () => {
  it('changes a role, and keeps at least one administrator', async () => {
    const org = await t.buildOrganisation();
    const { client, user } = await t.member(org.id, 'admin');
    const demote = await client.patch(`/organisations/${org.id}/members/${user.id}`, { role: 'viewer' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().code).toBe('CONFLICT');
    const colleague = await t.buildUser({ organisationId: org.id, role: 'viewer' });
    expect(
      (await client.patch(`/organisations/${org.id}/members/${colleague.id}`, { role: 'admin' })).json().role,
    ).toBe('admin');
    expect(
      (await client.patch(`/organisations/${org.id}/members/${user.id}`, { role: 'manager' })).statusCode,
    ).toBe(200);
  });

  it('removes a member, who then no longer sees the members', async () => {
    const org = await t.buildOrganisation();
    const { client: orgAdmin } = await t.member(org.id, 'admin');
    const { client, user } = await t.member(org.id, 'viewer');
    expect((await client.get(`/organisations/${org.id}/members`)).statusCode).toBe(200);
    expect((await orgAdmin.delete(`/organisations/${org.id}/members/${user.id}`)).statusCode).toBe(204);
    expect((await client.get(`/organisations/${org.id}/members`)).statusCode).toBe(404);
    expect((await orgAdmin.delete(`/organisations/${org.id}/members/${user.id}`)).statusCode).toBe(404);
  });

  it('lists members by name with pagination', async () => {
    const org = await t.buildOrganisation();
    for (let i = 0; i < 3; i++) await t.buildUser({ organisationId: org.id, role: 'viewer' });
    const page1 = (await admin.get(`/organisations/${org.id}/members?limit=2`)).json();
    expect(page1.items).toHaveLength(2);
    const page2 = (
      await admin.get(`/organisations/${org.id}/members?limit=2&cursor=${page1.nextCursor}`)
    ).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
  });
});
