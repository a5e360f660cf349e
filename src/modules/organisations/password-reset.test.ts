import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../../test/support/app.ts';
import { startSmtpServer } from '../../../test/support/smtp.ts';
import { auditLog } from '../audit/schema.ts';
import { createTransport } from '../notifications/mailer.ts';
import { deliverDue } from '../notifications/outbox.ts';
import { outbox } from '../notifications/schema.ts';
import { MAX_RESETS_PER_ACCOUNT_PER_HOUR, REQUEST_FLOOR_MS, requestPasswordReset } from './password-reset.ts';
import { passwordResets, sessions, users } from './schema.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let transport: ReturnType<typeof createTransport>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startTestApp({ SMTP_URL: smtp.url });
  transport = createTransport(smtp.url);
});
afterAll(async () => {
  transport?.close();
  await t.close();
  await smtp.close();
});

let ipCounter = 0;
/** Asks for a reset from a new client address (the route allows 20 an hour per address). */
function askReset(email: string, ip?: string) {
  ipCounter += 1;
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/password-resets',
    payload: { email },
    remoteAddress: ip ?? `10.9.${Math.floor(ipCounter / 250)}.${ipCounter % 250}`,
  });
}

const RESET_LINK = /http:\/\/localhost:3999\/mot-de-passe\/([A-Za-z0-9_-]+)/;

/** The reset link's token, as the person reads it in the e-mail the SMTP server received. */
async function tokenFromSmtp(email: string): Promise<string> {
  const start = Date.now();
  for (;;) {
    const mail = [...smtp.received].reverse().find((m) => m.to.includes(email));
    const token = mail?.raw.match(RESET_LINK)?.[1];
    if (token) return token;
    if (Date.now() - start > 10_000) throw new Error(`no reset e-mail for ${email}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The token of the newest reset mail to the address: read from the outbox while it waits to be sent, else
 * (the outbox worker sent it, cutting the link from the table) as the SMTP server received it.
 */
async function newestLink(email: string): Promise<string> {
  const [mail] = await mailsTo(email);
  return mail?.textBody.match(RESET_LINK)?.[1] ?? tokenFromSmtp(email);
}

async function mailsTo(email: string) {
  return t.database.db
    .select()
    .from(outbox)
    .where(eq(outbox.toAddress, email))
    .orderBy(desc(outbox.createdAt));
}

describe('POST /password-resets', () => {
  it('answers the same for a known, an unknown, a disabled and a not yet activated address', async () => {
    const known = await t.buildUser();
    const disabled = await t.buildUser();
    await t.database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.id));
    const invited = await t.buildUser({ password: null });
    const replies = [];
    for (const email of [known.email, 'nobody@example.org', disabled.email, invited.email]) {
      const started = Date.now();
      const res = await askReset(email);
      replies.push({ status: res.statusCode, body: res.body, headers: res.headers['content-type'] });
      expect(Date.now() - started).toBeGreaterThanOrEqual(REQUEST_FLOOR_MS - 5);
    }
    expect(replies[0]).toEqual({
      status: 202,
      body: '{"status":"check_your_email"}',
      headers: expect.any(String),
    });
    for (const reply of replies) expect(reply).toEqual(replies[0]);
    // What differs is only what was written, for the addressee alone.
    expect(await mailsTo(known.email)).toHaveLength(1);
    expect(await mailsTo('nobody@example.org')).toHaveLength(0);
    expect(await mailsTo(disabled.email)).toHaveLength(0);
    const [notActivated] = await mailsTo(invited.email);
    expect(notActivated?.template).toBe('password_reset');
    expect(notActivated?.textBody).toContain('pas encore de mot de passe');
    expect(notActivated?.textBody).not.toContain('/mot-de-passe/');
  });

  it('mails a link valid one hour, in the account’s language, through the SMTP server', async () => {
    const user = await t.buildUser();
    await t.database.db.update(users).set({ locale: 'en' }).where(eq(users.id, user.id));
    expect((await askReset(user.email.toUpperCase())).statusCode).toBe(202);
    const token = await tokenFromSmtp(user.email);
    const mail = smtp.received.find((m) => m.to.includes(user.email));
    expect(mail?.raw).toContain('Seconde Vie: choose a new password');
    // Only the hash is kept.
    const [row] = await t.database.db.select().from(passwordResets).where(eq(passwordResets.userId, user.id));
    expect(row?.tokenHash).not.toContain(token);
    expect((row?.expiresAt.getTime() ?? 0) - (row?.createdAt.getTime() ?? 0)).toBe(3600_000);
    const described = await t.anonymous.get(`/password-resets/${token}`);
    expect(described.statusCode).toBe(200);
    expect(described.json().email).toBe(user.email);
  });

  it('sends 5 links an hour to one account at most, from any address, still answering the same', async () => {
    const user = await t.buildUser();
    for (let i = 0; i < MAX_RESETS_PER_ACCOUNT_PER_HOUR + 2; i++) {
      expect((await askReset(user.email)).statusCode).toBe(202);
    }
    expect(await mailsTo(user.email)).toHaveLength(MAX_RESETS_PER_ACCOUNT_PER_HOUR);
  });

  it('allows 20 requests an hour from one client address', async () => {
    const codes = [];
    for (let i = 0; i < 21; i++)
      codes.push((await askReset(`someone${i}@example.org`, '10.99.0.1')).statusCode);
    expect(codes).toEqual([...Array(20).fill(202), 429]);
  });

  it('hides the link from the outbox, platform administrators included, and cuts it from the table once sent', async () => {
    const user = await t.buildUser();
    const waiting = await requestPasswordReset(t.database.db, user.email, {
      publicUrl: 'http://localhost:3999',
      mailTransport: true,
    });
    expect(waiting).toBe('sent');
    const admin = await t.admin();
    const [pending] = await mailsTo(user.email);
    const seen = await admin.get(`/outbox/${pending?.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().textBody).toContain('/mot-de-passe/…');
    expect(seen.json().textBody).not.toMatch(RESET_LINK);
    expect(seen.json().htmlBody).not.toMatch(RESET_LINK);
    // Sent: the person has the link; the stored bodies keep its path only.
    await deliverDue(t.database.db, transport, 'Seconde Vie <no-reply@localhost>');
    const token = await tokenFromSmtp(user.email);
    const [sent] = await mailsTo(user.email);
    expect(sent?.status).toBe('sent');
    expect(`${sent?.textBody}${sent?.htmlBody}`).not.toContain(token);
    expect(sent?.textBody).toContain('/mot-de-passe/…');
    expect(sent?.htmlBody).toContain('/mot-de-passe/…');
  });
});

describe('without a mail server', () => {
  let bare: TestApp;
  beforeAll(async () => {
    bare = await startTestApp();
  });
  afterAll(() => bare.close());

  it('writes no reset mail and no link, and answers the same 202', async () => {
    const user = await bare.buildUser();
    const res = await bare.app.inject({
      method: 'POST',
      url: '/api/v1/password-resets',
      payload: { email: user.email },
      remoteAddress: '10.98.0.1',
    });
    expect(res.statusCode).toBe(202);
    expect(res.body).toBe('{"status":"check_your_email"}');
    expect(await bare.database.db.select().from(outbox).where(eq(outbox.toAddress, user.email))).toEqual([]);
    expect(
      await bare.database.db.select().from(passwordResets).where(eq(passwordResets.userId, user.id)),
    ).toEqual([]);
  });
});

describe('the reset link', () => {
  async function freshLink(now?: Date) {
    const user = await t.buildUser();
    await requestPasswordReset(t.database.db, user.email, {
      publicUrl: 'http://localhost:3999',
      mailTransport: true,
      ...(now ? { now } : {}),
    });
    return { user, token: await newestLink(user.email) };
  }

  it('works 59 minutes after it was sent, and no longer at 61 minutes (410)', async () => {
    const early = await freshLink(new Date(Date.now() - 59 * 60_000));
    expect((await t.anonymous.get(`/password-resets/${early.token}`)).statusCode).toBe(200);
    const late = await freshLink(new Date(Date.now() - 61 * 60_000));
    const res = await t.anonymous.get(`/password-resets/${late.token}`);
    expect(res.statusCode).toBe(410);
    expect(res.json().detail).toContain('60 minutes');
    const set = await t.anonymous.post(`/password-resets/${late.token}`, {
      password: 'a brand new password',
    });
    expect(set.statusCode).toBe(410);
  });

  it('answers 404 for an unknown link', async () => {
    const res = await t.anonymous.get(`/password-resets/${'x'.repeat(43)}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });

  it('sets the password once, ends every session, audits, and does not log in', async () => {
    const { user, token } = await freshLink();
    const before = await t.login(user.email);
    await t.login(user.email);
    const weak = await t.anonymous.post(`/password-resets/${token}`, { password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].path).toBe('password');
    const res = await t.anonymous.post(`/password-resets/${token}`, { password: 'a brand new password' });
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((c) => c.name === 'sv_session' && c.value)).toBeUndefined();
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect((await before.get('/me')).statusCode).toBe(401);
    await expect(t.login(user.email, TEST_PASSWORD)).rejects.toThrow(/401/);
    expect((await t.login(user.email, 'a brand new password').then((c) => c.get('/me'))).statusCode).toBe(
      200,
    );
    // Single use.
    const again = await t.anonymous.post(`/password-resets/${token}`, { password: 'another new password' });
    expect(again.statusCode).toBe(410);
    expect((await t.anonymous.get(`/password-resets/${token}`)).statusCode).toBe(410);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.entityId} = ${user.id} and ${auditLog.action} = 'user.reset_password'`);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorUserId).toBe(user.id);
  });

  it('is used up when another link of the account is used', async () => {
    const { user, token } = await freshLink();
    await requestPasswordReset(t.database.db, user.email, {
      publicUrl: 'http://localhost:3999',
      mailTransport: true,
    });
    const second = await newestLink(user.email);
    expect(second).toBeDefined();
    expect(second).not.toBe(token);
    expect(
      (await t.anonymous.post(`/password-resets/${second}`, { password: 'a brand new password' })).statusCode,
    ).toBe(204);
    expect((await t.anonymous.get(`/password-resets/${token}`)).statusCode).toBe(410);
  });
});
