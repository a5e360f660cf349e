import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../../test/support/app.ts';
import { systemActor } from '../../lib/actor.ts';
import { hashToken, randomToken } from '../../lib/ids.ts';
import { auditLog } from '../audit/schema.ts';
import { CHALLENGE_MAX_ATTEMPTS, MAX_FAILURES_PER_ACCOUNT } from './auth.ts';
import { loginChallenges, passwordResets, sessions, users } from './schema.ts';
import { codeAt, completeTotpLogin, matchCode, removeTotp } from './totp.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** A code of the secret that is not the one of the current step (a step already behind or ahead). */
function code(secret: string, offsetSteps = 0): string {
  return codeAt(secret, new Date(Date.now() + offsetSteps * 30_000));
}

/** A user with the second factor on, and their secret. */
async function userWithTotp(options: { organisationId?: string } = {}) {
  const user = await t.buildUser(options);
  const client = await t.login(user.email);
  const setup = await client.post('/me/totp', { password: TEST_PASSWORD });
  expect(setup.statusCode).toBe(200);
  const { secret } = setup.json();
  // A code one step back: the login tests below may then use the current one.
  const confirmed = await client.post('/me/totp/confirm', { code: code(secret, -1) });
  expect(confirmed.statusCode).toBe(200);
  return { user, client, secret: secret as string };
}

/** A reset link's token for the account, as its e-mail would carry it. */
async function resetTokenFor(userId: string): Promise<string> {
  const token = randomToken();
  await t.database.db.insert(passwordResets).values({
    userId,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + 60 * 60_000),
  });
  return token;
}

async function passwordStep(email: string, password = TEST_PASSWORD) {
  return t.anonymous.post('/session', { email, password });
}

describe('matchCode', () => {
  it('accepts the current step and one on either side, nothing further, six digits only', () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const now = new Date('2026-03-02T10:00:15Z');
    const step = Math.floor(now.getTime() / 30_000);
    for (const offset of [-1, 0, 1]) {
      expect(matchCode(secret, codeAt(secret, new Date(now.getTime() + offset * 30_000)), now)).toBe(
        step + offset,
      );
    }
    for (const offset of [-2, 2]) {
      expect(matchCode(secret, codeAt(secret, new Date(now.getTime() + offset * 30_000)), now)).toBeNull();
    }
    const current = codeAt(secret, now);
    expect(matchCode(secret, `${current.slice(0, 3)} ${current.slice(3)}`, now)).toBe(step);
    expect(matchCode(secret, `${current}0`, now)).toBeNull();
    expect(matchCode(secret, 'abcdef', now)).toBeNull();
  });
});

describe('setting up the second factor', () => {
  it('gives a secret, its otpauth URI and a QR code, and asks nothing at login until confirmed', async () => {
    const user = await t.buildUser();
    const client = await t.login(user.email);
    expect((await client.get('/me/totp')).json()).toMatchObject({ enabled: false, pending: false });
    const res = await client.post('/me/totp', { password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const { secret, uri, qrSvg } = res.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Seconde%20Vie:/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain(encodeURIComponent(user.email));
    expect(qrSvg).toMatch(/^<svg /);
    expect((await client.get('/me/totp')).json()).toMatchObject({ enabled: false, pending: true });
    expect((await passwordStep(user.email)).statusCode).toBe(200);
  });

  it('asks for the password before giving a secret, and audits the start', async () => {
    const user = await t.buildUser();
    const client = await t.login(user.email);
    const wrong = await client.post('/me/totp', { password: 'not my password at all' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].path).toBe('password');
    expect((await client.post('/me/totp', {})).statusCode).toBe(400);
    expect((await client.get('/me/totp')).json()).toMatchObject({ pending: false });
    expect((await client.post('/me/totp', { password: TEST_PASSWORD })).statusCode).toBe(200);
    const audit = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(sql`${auditLog.entityId} = ${user.id} and ${auditLog.action} = 'user.totp_start'`);
    expect(audit).toHaveLength(1);
  });

  it('refuses a wrong code, then turns it on and ends the other sessions only', async () => {
    const user = await t.buildUser();
    const client = await t.login(user.email);
    const other = await t.login(user.email);
    const { secret } = (await client.post('/me/totp', { password: TEST_PASSWORD })).json();
    const wrong = await client.post('/me/totp/confirm', { code: code(secret, 5) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].path).toBe('code');
    const ok = await client.post('/me/totp/confirm', { code: code(secret) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ enabled: true, pending: false });
    expect((await client.get('/me')).statusCode).toBe(200);
    expect((await other.get('/me')).statusCode).toBe(401);
    expect((await client.post('/me/totp', { password: TEST_PASSWORD })).statusCode).toBe(409);
  });

  it('recommends it to administrators of an organisation or of the platform', async () => {
    const org = await t.buildOrganisation();
    const admin = await t.member(org.id, 'admin');
    const worker = await t.member(org.id, 'social_worker');
    expect((await admin.client.get('/me/totp')).json().recommended).toBe(true);
    expect((await (await t.admin()).get('/me/totp')).json().recommended).toBe(true);
    expect((await worker.client.get('/me/totp')).json().recommended).toBe(false);
  });
});

describe('logging in with the second factor', () => {
  it('answers 202 with a challenge and no session, then the code sets the session cookie', async () => {
    const { user, secret } = await userWithTotp();
    const first = await passwordStep(user.email);
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ secondFactor: 'totp', challenge: expect.any(String) });
    expect(first.cookies.find((c) => c.name === 'sv_session')).toBeUndefined();
    const done = await t.anonymous.post('/session/totp', {
      challenge: first.json().challenge,
      code: code(secret),
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().user.id).toBe(user.id);
    const cookie = done.cookies.find((c) => c.name === 'sv_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.entityId} = ${user.id} and ${auditLog.action} = 'session.login'`);
    expect(audit.at(-1)?.fields).toEqual(['totp']);
  });

  it('never accepts a code twice, nor an older one', async () => {
    const { user, secret } = await userWithTotp();
    const current = code(secret);
    const a = (await passwordStep(user.email)).json().challenge;
    expect((await t.anonymous.post('/session/totp', { challenge: a, code: current })).statusCode).toBe(200);
    const b = (await passwordStep(user.email)).json().challenge;
    const replay = await t.anonymous.post('/session/totp', { challenge: b, code: current });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().errors[0].path).toBe('code');
    const older = await t.anonymous.post('/session/totp', { challenge: b, code: code(secret, -1) });
    expect(older.statusCode).toBe(401);
    // The next step's code works (the phone a little ahead).
    expect(
      (await t.anonymous.post('/session/totp', { challenge: b, code: code(secret, 1) })).statusCode,
    ).toBe(200);
  });

  it('allows 5 codes per challenge, then asks for the password again', async () => {
    const { user, secret } = await userWithTotp();
    const challenge = (await passwordStep(user.email)).json().challenge;
    for (let i = 1; i < CHALLENGE_MAX_ATTEMPTS; i++) {
      const res = await t.anonymous.post('/session/totp', { challenge, code: code(secret, 10) });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    }
    const last = await t.anonymous.post('/session/totp', { challenge, code: code(secret, 10) });
    expect(last.statusCode).toBe(401);
    expect(last.json().detail).toContain('mot de passe');
    // Even the right code no longer helps this challenge.
    expect((await t.anonymous.post('/session/totp', { challenge, code: code(secret) })).statusCode).toBe(401);
    const gone = await t.database.db
      .select()
      .from(loginChallenges)
      .where(eq(loginChallenges.userId, user.id));
    expect(gone).toHaveLength(0);
  });

  it('counts wrong codes as failed logins: the account’s throttle caps them across challenges', async () => {
    const { user, secret } = await userWithTotp();
    let refused = false;
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT && !refused; i++) {
      const step = await passwordStep(user.email);
      if (step.statusCode === 429) {
        refused = true;
        break;
      }
      const challenge = step.json().challenge;
      for (let j = 0; j < CHALLENGE_MAX_ATTEMPTS; j++) {
        await t.anonymous.post('/session/totp', { challenge, code: code(secret, 10) });
      }
    }
    expect(refused || (await passwordStep(user.email)).statusCode === 429).toBe(true);
  });

  it('keeps one live challenge per account: opening one ends the earlier ones', async () => {
    const { user, secret } = await userWithTotp();
    const first = (await passwordStep(user.email)).json().challenge;
    const second = (await passwordStep(user.email)).json().challenge;
    const stale = await t.anonymous.post('/session/totp', { challenge: first, code: code(secret) });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().errors ?? []).toEqual([]);
    const live = await t.database.db
      .select()
      .from(loginChallenges)
      .where(eq(loginChallenges.userId, user.id));
    expect(live).toHaveLength(1);
    expect(
      (await t.anonymous.post('/session/totp', { challenge: second, code: code(secret) })).statusCode,
    ).toBe(200);
  });

  it('caps the codes tried across challenges opened beforehand at the account’s throttle (10 in 15 minutes)', async () => {
    const { user, secret } = await userWithTotp();
    // N challenges opened first, then codes spread over all of them, each from its own address (so only
    // the per-account limit can stop them). Written directly: the login itself keeps one at a time.
    const challenges: string[] = [];
    for (let i = 0; i < 6; i++) {
      const token = randomToken();
      await t.database.db.insert(loginChallenges).values({
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + 5 * 60_000),
      });
      challenges.push(token);
    }
    let checked = 0;
    let refused = 0;
    let n = 0;
    for (const challenge of challenges) {
      for (let j = 0; j < CHALLENGE_MAX_ATTEMPTS; j++) {
        n += 1;
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/session/totp',
          payload: { challenge, code: code(secret, 10) },
          remoteAddress: `10.77.${n}.1`,
        });
        if (res.statusCode === 429) refused += 1;
        else {
          // Looked at, and wrong.
          expect(res.statusCode).toBe(401);
          checked += 1;
        }
      }
    }
    expect(checked).toBe(MAX_FAILURES_PER_ACCOUNT);
    expect(refused).toBe(challenges.length * CHALLENGE_MAX_ATTEMPTS - MAX_FAILURES_PER_ACCOUNT);
    // Past the cap, even the right code on a fresh challenge is not looked at.
    const fresh = randomToken();
    await t.database.db.insert(loginChallenges).values({
      userId: user.id,
      tokenHash: hashToken(fresh),
      expiresAt: new Date(Date.now() + 5 * 60_000),
    });
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session/totp',
      payload: { challenge: fresh, code: code(secret) },
      remoteAddress: '10.78.0.1',
    });
    expect(right.statusCode).toBe(429);
    expect(right.headers['retry-after']).toBe(String(15 * 60));
  });

  it('still counts the failed codes after a password reset', async () => {
    const { user, secret } = await userWithTotp();
    const ip = '10.79.0.1';
    const post = (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload, remoteAddress: ip });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i += CHALLENGE_MAX_ATTEMPTS) {
      const challenge = (await post('/session', { email: user.email, password: TEST_PASSWORD })).json()
        .challenge;
      for (let j = 0; j < CHALLENGE_MAX_ATTEMPTS; j++)
        await post('/session/totp', { challenge, code: code(secret, 10) });
    }
    const token = await resetTokenFor(user.id);
    expect((await post(`/password-resets/${token}`, { password: 'a brand new password' })).statusCode).toBe(
      204,
    );
    expect((await post('/session', { email: user.email, password: 'a brand new password' })).statusCode).toBe(
      429,
    );
  });

  it('lets a challenge expire after 5 minutes', async () => {
    const { user, secret } = await userWithTotp();
    const challenge = (await passwordStep(user.email)).json().challenge;
    const later = new Date(Date.now() + 5 * 60_000 + 1000);
    await expect(
      completeTotpLogin(
        t.database.db,
        { challenge, code: codeAt(secret, later) },
        { ip: null, userAgent: null, locale: 'fr' },
        later,
      ),
    ).rejects.toMatchObject({ messageKey: 'totp.challenge_invalid' });
  });

  it('leaves API tokens alone: they never ask for a code', async () => {
    const { client } = await userWithTotp();
    const token = (await client.post('/tokens', { name: 'script' })).json().token;
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.statusCode).toBe(200);
  });
});

describe('turning the second factor off', () => {
  it('needs the password, ends the other sessions, and is audited', async () => {
    const { user, client, secret } = await userWithTotp();
    // A second session, through the code.
    const challenge = (await passwordStep(user.email)).json().challenge;
    const second = await t.anonymous.post('/session/totp', { challenge, code: code(secret) });
    const other = {
      get: (url: string) =>
        t.app.inject({
          method: 'GET',
          url: `/api/v1${url}`,
          cookies: { sv_session: second.cookies.find((c) => c.name === 'sv_session')?.value ?? '' },
        }),
    };
    expect((await other.get('/me')).statusCode).toBe(200);
    const wrong = await client.request('DELETE', '/me/totp', { password: 'not my password at all' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].path).toBe('password');
    const off = await client.request('DELETE', '/me/totp', { password: TEST_PASSWORD });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ enabled: false, pending: false });
    expect((await client.get('/me')).statusCode).toBe(200);
    expect((await other.get('/me')).statusCode).toBe(401);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ totpSecret: null, totpEnabledAt: null });
    expect((await passwordStep(user.email)).statusCode).toBe(200);
    const audit = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(sql`${auditLog.entityId} = ${user.id} and ${auditLog.action} like 'user.totp_%'`);
    expect(audit.map((a) => a.action).sort()).toEqual([
      'user.totp_disable',
      'user.totp_enable',
      'user.totp_start',
    ]);
    expect((await client.request('DELETE', '/me/totp', { password: TEST_PASSWORD })).statusCode).toBe(409);
  });

  it('is removed for a lost phone by the command line or a platform administrator only: sessions end, audited', async () => {
    const { user, client } = await userWithTotp();
    const challenge = (await passwordStep(user.email)).json().challenge;
    await expect(
      removeTotp(t.database.db, { ...systemActor(), isPlatformAdmin: false, userId: user.id }, user.email),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await removeTotp(t.database.db, systemActor(), ` ${user.email.toUpperCase()} `);
    expect((await client.get('/me')).statusCode).toBe(401);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect((await t.anonymous.post('/session/totp', { challenge, code: '000000' })).statusCode).toBe(401);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    expect((await passwordStep(user.email)).statusCode).toBe(200);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.entityId} = ${user.id} and ${auditLog.action} = 'user.totp_remove'`);
    expect(audit).toMatchObject({ actorUserId: null, fields: ['totp'] });
    await expect(removeTotp(t.database.db, systemActor(), user.email)).rejects.toMatchObject({
      messageKey: 'totp.not_enabled',
    });
    await expect(removeTotp(t.database.db, systemActor(), 'nobody@example.org')).rejects.toMatchObject({
      messageKey: 'totp.no_such_account',
    });
  });

  it('keeps asking for the code after a password reset', async () => {
    const { user } = await userWithTotp();
    const token = await resetTokenFor(user.id);
    const reset = await t.anonymous.post(`/password-resets/${token}`, { password: 'a brand new password' });
    expect(reset.statusCode).toBe(204);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect((await passwordStep(user.email, 'a brand new password')).statusCode).toBe(202);
  });
});
