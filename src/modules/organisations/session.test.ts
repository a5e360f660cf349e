import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestApp, TEST_PASSWORD, type TestApp } from '../../../test/support/app.ts';
import { MAX_FAILURES_PER_ACCOUNT, SESSION_IDLE_DAYS, SESSION_MAX_DAYS } from './auth.ts';
import { apiTokens, memberships, sessions, users } from './schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('POST /session', () => {
  it('logs in and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const user = await t.buildUser();
    const res = await t.anonymous.post('/session', {
      email: user.email.toUpperCase(),
      password: TEST_PASSWORD,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ id: user.id, email: user.email });
    expect(res.json().user).not.toHaveProperty('passwordHash');
    const cookie = res.cookies.find((c) => c.name === 'sv_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await new ApiClient(t.app, { cookie: `sv_session=${cookie?.value}` }).get('/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(user.id);
  });

  it('gives the same answer for an unknown account and a wrong password', async () => {
    const user = await t.buildUser();
    const wrongPassword = await t.anonymous.post('/session', {
      email: user.email,
      password: 'not the password!',
    });
    const unknown = await t.anonymous.post('/session', {
      email: 'nobody@example.org',
      password: 'not the password!',
    });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(unknown.json());
    expect(wrongPassword.json().detail).toBe('Adresse e-mail ou mot de passe incorrect.');
  });

  it('refuses an invited account that has not chosen a password yet', async () => {
    const user = await t.buildUser({ password: null });
    const res = await t.anonymous.post('/session', { email: user.email, password: '' });
    expect(res.statusCode).toBe(400);
    const res2 = await t.anonymous.post('/session', { email: user.email, password: 'anything at all' });
    expect(res2.statusCode).toBe(401);
  });

  it('names every missing field', async () => {
    const res = await t.anonymous.post('/session', {});
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['email', 'password']);
    expect(res.json().errors[0].message).toBe('Ce champ est obligatoire.');
  });

  it('issues a new session token at every login and drops the one presented', async () => {
    const user = await t.buildUser();
    const first = await t.login(user.email);
    const second = await t.anonymous.post(
      '/session',
      { email: user.email, password: TEST_PASSWORD },
      first.headers,
    );
    expect(second.statusCode).toBe(200);
    const newCookie = second.cookies.find((c) => c.name === 'sv_session')?.value;
    expect(`sv_session=${newCookie}`).not.toBe(first.headers.cookie);
    expect((await first.get('/me')).statusCode).toBe(401);
  });

  it(`throttles an account after ${MAX_FAILURES_PER_ACCOUNT} failures, even with the right password`, async () => {
    const user = await t.buildUser();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      const res = await t.anonymous.post('/session', { email: user.email, password: `wrong password ${i}` });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await t.anonymous.post('/session', { email: user.email, password: TEST_PASSWORD });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('TOO_MANY_REQUESTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account from another address is not affected.
    const other = await t.buildUser();
    expect(
      (await t.anonymous.post('/session', { email: other.email, password: TEST_PASSWORD })).statusCode,
    ).toBe(200);
  });

  it('counts attempts sent in parallel, so they cannot slip past the limit together', async () => {
    const user = await t.buildUser();
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        t.anonymous.post('/session', { email: user.email, password: `guess ${i}` }),
      ),
    );
    const checked = answers.filter((r) => r.statusCode === 401).length;
    expect(checked).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    expect(answers.filter((r) => r.statusCode === 429).length).toBe(25 - checked);
    // All came from 127.0.0.1: forget them, or the address stays throttled for the next tests.
    await t.database.pool.query('DELETE FROM login_failures');
  });

  it('refuses a disabled account like a wrong password', async () => {
    const user = await t.buildUser();
    await t.database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect(
      (await t.anonymous.post('/session', { email: user.email, password: TEST_PASSWORD })).statusCode,
    ).toBe(401);
  });
});

describe('sessions', () => {
  it('ends the session at logout', async () => {
    const user = await t.buildUser();
    const client = await t.login(user.email);
    const res = await client.delete('/session');
    expect(res.statusCode).toBe(204);
    expect((await client.get('/me')).statusCode).toBe(401);
  });

  it('logs out everywhere', async () => {
    const user = await t.buildUser();
    const laptop = await t.login(user.email);
    const phone = await t.login(user.email);
    const res = await laptop.delete('/sessions');
    expect(res.json()).toEqual({ ended: 2 });
    expect((await laptop.get('/me')).statusCode).toBe(401);
    expect((await phone.get('/me')).statusCode).toBe(401);
  });

  it('refuses an expired session', async () => {
    const user = await t.buildUser();
    const client = await t.login(user.email);
    await t.database.db
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(sessions.userId, user.id));
    expect((await client.get('/me')).statusCode).toBe(401);
  });

  it('slides the expiry at most once a minute, never past the absolute limit', async () => {
    const user = await t.buildUser();
    const client = await t.login(user.email);
    const session = async () => {
      const [row] = await t.database.db.select().from(sessions).where(eq(sessions.userId, user.id));
      if (!row) throw new Error('no session');
      return row;
    };
    const days = (a: Date, b: Date) => (a.getTime() - b.getTime()) / 86_400_000;

    // Seen a moment ago: no write.
    await t.database.db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '10 seconds'`, expiresAt: sql`now() + interval '3 days'` })
      .where(eq(sessions.userId, user.id));
    const before = await session();
    expect((await client.get('/me')).statusCode).toBe(200);
    expect(await session()).toEqual(before);

    // Seen two minutes ago: the idle expiry moves to 14 days from now.
    await t.database.db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '2 minutes'` })
      .where(eq(sessions.userId, user.id));
    expect((await client.get('/me')).statusCode).toBe(200);
    const renewed = await session();
    expect(Date.now() - renewed.lastSeenAt.getTime()).toBeLessThan(30_000);
    expect(days(renewed.expiresAt, new Date())).toBeCloseTo(SESSION_IDLE_DAYS, 1);

    // Opened 55 days ago: renewal stops at 60 days after the opening.
    await t.database.db
      .update(sessions)
      .set({ createdAt: sql`now() - interval '55 days'`, lastSeenAt: sql`now() - interval '2 minutes'` })
      .where(eq(sessions.userId, user.id));
    expect((await client.get('/me')).statusCode).toBe(200);
    const capped = await session();
    expect(days(capped.expiresAt, capped.createdAt)).toBeCloseTo(SESSION_MAX_DAYS, 3);
  });

  it('refuses the session of an account disabled after login', async () => {
    const user = await t.buildUser();
    const client = await t.login(user.email);
    expect((await client.get('/me')).statusCode).toBe(200);
    await t.database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect((await client.get('/me')).statusCode).toBe(401);
  });

  it('gives the actor every membership of the account', async () => {
    const [a, b] = [await t.buildOrganisation(), await t.buildOrganisation()];
    const user = await t.buildUser({ organisationId: a.id, role: 'manager' });
    await t.database.db.insert(memberships).values({ userId: user.id, organisationId: b.id, role: 'viewer' });
    const client = await t.login(user.email);
    expect((await client.get(`/organisations/${a.id}/members`)).statusCode).toBe(200);
    expect((await client.get(`/organisations/${b.id}/members`)).statusCode).toBe(200);
    const stranger = await t.buildOrganisation();
    expect((await client.get(`/organisations/${stranger.id}/members`)).statusCode).toBe(404);
  });

  it('changes the password, keeps this session and ends the others', async () => {
    const user = await t.buildUser();
    const here = await t.login(user.email);
    const elsewhere = await t.login(user.email);
    const wrong = await here.put('/me/password', {
      currentPassword: 'nope nope nope',
      newPassword: 'a brand new passphrase',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].path).toBe('currentPassword');
    const short = await here.put('/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0]).toMatchObject({
      path: 'newPassword',
      message: expect.stringContaining('12'),
    });
    const ok = await here.put('/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new passphrase',
    });
    expect(ok.statusCode).toBe(204);
    expect((await here.get('/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/me')).statusCode).toBe(401);
    await t.login(user.email, 'a brand new passphrase');
  });

  it('remembers the preferred language', async () => {
    const user = await t.buildUser();
    const client = await t.login(user.email);
    const res = await client.patch('/me', { locale: 'en' });
    expect(res.json().user.locale).toBe('en');
  });
});

describe('API tokens', () => {
  it('shows a token once, authenticates scripts with it, and stops working once revoked', async () => {
    const org = await t.buildOrganisation();
    const { client } = await t.member(org.id, 'manager');
    const created = await client.post('/tokens', { name: 'Inventaire nocturne' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^sv_/);
    const list = await client.get('/tokens');
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).not.toHaveProperty('token');
    expect(list.json().items[0].prefix).toBe(token.slice(0, 10));

    const script = new ApiClient(t.app, { authorization: `Bearer ${token}` });
    expect((await script.get(`/organisations/${org.id}/members`)).statusCode).toBe(200);

    expect((await client.delete(`/tokens/${id}`)).statusCode).toBe(200);
    expect((await script.get('/me')).statusCode).toBe(401);
  });

  it('records when a token was last used, at most once a minute', async () => {
    const client = await t.login((await t.buildUser()).email);
    const { token, id } = (await client.post('/tokens', { name: 'usage' })).json();
    const lastUsed = async () =>
      (await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, id)))[0]?.lastUsedAt ?? null;
    expect(await lastUsed()).toBeNull();
    const script = new ApiClient(t.app, { authorization: `Bearer ${token}` });
    expect((await script.get('/me')).statusCode).toBe(200);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    expect((await script.get('/me')).statusCode).toBe(200);
    expect(await lastUsed()).toEqual(first);
    await t.database.db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now() - interval '2 minutes'` })
      .where(eq(apiTokens.id, id));
    expect((await script.get('/me')).statusCode).toBe(200);
    expect(Date.now() - ((await lastUsed())?.getTime() ?? 0)).toBeLessThan(30_000);
  });

  it("cannot revoke someone else's token", async () => {
    const owner = await t.login((await t.buildUser()).email);
    const other = await t.login((await t.buildUser()).email);
    const { id } = (await owner.post('/tokens', { name: 'mine' })).json();
    expect((await other.delete(`/tokens/${id}`)).statusCode).toBe(404);
  });

  it('lists tokens newest first, a page at a time', async () => {
    const client = await t.login((await t.buildUser()).email);
    for (const name of ['first', 'second', 'third']) await client.post('/tokens', { name });
    const page1 = (await client.get('/tokens?limit=2')).json();
    expect(page1.items.map((x: { name: string }) => x.name)).toEqual(['third', 'second']);
    const page2 = (await client.get(`/tokens?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.items.map((x: { name: string }) => x.name)).toEqual(['first']);
    expect(page2.nextCursor).toBeNull();
  });

  it('requires a name', async () => {
    const client = await t.login((await t.buildUser()).email);
    const res = await client.post('/tokens', { name: '   ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('name');
  });
});
