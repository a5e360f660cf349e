/**
 * Password reset by e-mail link: asked with an address (always the same reply), a single-use link valid
 * one hour, then a new password that ends every session of the account.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { and, count, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { AppError } from '../../lib/errors.ts';
import { hashToken, randomToken } from '../../lib/ids.ts';
import type { Locale } from '../../lib/messages.ts';
import { recordAudit } from '../audit/service.ts';
import { queueMail } from '../notifications/outbox.ts';
import type { RequestContext } from './auth.ts';
import { hashPassword } from './passwords.ts';
import { loginChallenges, memberships, passwordResets, sessions, users } from './schema.ts';
import { assertPasswordPolicy, findUserByEmail, loadActor, normaliseEmail } from './users.ts';

/** A reset link works for one hour, once. */
export const RESET_MINUTES = 60;
/** Links sent to one account in an hour; past that, asking again sends nothing (and says the same). */
export const MAX_RESETS_PER_ACCOUNT_PER_HOUR = 5;
/**
 * The request's reply never comes sooner than this: whether an e-mail was written or not (a few
 * database writes), the answer takes the same time, so its timing does not tell which addresses exist.
 */
export const REQUEST_FLOOR_MS = 250;

export interface ResetRequestContext {
  publicUrl: string;
  /**
   * Whether mails leave through a mail server (SMTP_URL). Without one nothing is written: a reset mail
   * would only wait in the outbox, its link of use to nobody but a reader of the table.
   */
  mailTransport: boolean;
  now?: Date;
}

/** What a reset request did: for tests and logs only, never for the reply. */
export type ResetOutcome = 'sent' | 'not_activated' | 'none' | 'limited' | 'no_mail_server';

/**
 * Asks for a reset link. An enabled account with a password gets one by e-mail; an account still
 * waiting for its invitation gets an e-mail saying to ask its administrator for a new invitation (a
 * password it never had cannot be reset, and a new invitation is the administrator's to give); an
 * unknown or disabled address gets nothing, and so does every address without a mail server. The caller
 * answers the same in every case, after REQUEST_FLOOR_MS at least.
 */
export async function requestPasswordReset(
  db: Executor,
  email: string,
  context: ResetRequestContext,
): Promise<ResetOutcome> {
  const started = Date.now();
  try {
    return await writeResetMail(db, normaliseEmail(email), context);
  } finally {
    const left = REQUEST_FLOOR_MS - (Date.now() - started);
    if (left > 0) await sleep(left);
  }
}

async function writeResetMail(
  db: Executor,
  email: string,
  context: ResetRequestContext,
): Promise<ResetOutcome> {
  const now = context.now ?? new Date();
  // Made whatever the address: the same work on every path.
  const token = randomToken();
  const tokenHash = hashToken(token);
  const user = await findUserByEmail(db, email);
  if (!user || user.disabledAt) return 'none';
  if (!context.mailTransport) return 'no_mail_server';
  const locale: Locale = user.locale === 'en' ? 'en' : 'fr';
  return db.transaction(async (tx) => {
    // Serialises requests for one account, so the hourly limit holds when they arrive together.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for('update');
    const [recent] = await tx
      .select({ n: count() })
      .from(passwordResets)
      .where(
        and(
          eq(passwordResets.userId, user.id),
          gt(passwordResets.createdAt, new Date(now.getTime() - 3600_000)),
        ),
      );
    if ((recent?.n ?? 0) >= MAX_RESETS_PER_ACCOUNT_PER_HOUR) return 'limited';
    // Counted like a link, so the reminder is limited too; its token is never sent, so it opens nothing.
    await tx.insert(passwordResets).values({
      userId: user.id,
      tokenHash,
      createdAt: now,
      expiresAt: new Date(now.getTime() + RESET_MINUTES * 60_000),
      ...(user.passwordHash ? {} : { usedAt: now }),
    });
    const [membership] = await tx
      .select({ organisationId: memberships.organisationId })
      .from(memberships)
      .where(eq(memberships.userId, user.id))
      .limit(1);
    await queueMail(tx, {
      to: user.email,
      template: 'password_reset',
      locale,
      params: user.passwordHash
        ? {
            kind: 'reset',
            name: user.name,
            url: `${context.publicUrl}/mot-de-passe/${token}`,
            minutes: RESET_MINUTES,
          }
        : { kind: 'not_activated', name: user.name },
      // The reset mail is the account's own business: only platform administrators list it, the link is
      // cut from it even for them (redactAccountLinks), and cut from the table once the mail is sent.
      organisationId: user.passwordHash ? null : (membership?.organisationId ?? null),
    });
    return user.passwordHash ? 'sent' : 'not_activated';
  });
}

async function findReset(db: Executor, token: string, now: Date, lock = false) {
  const query = db
    .select({ reset: passwordResets, user: users })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, hashToken(token)));
  const [row] = lock ? await query.for('update', { of: passwordResets }) : await query;
  if (!row) throw new AppError('NOT_FOUND', 'auth.reset_unknown');
  if (row.reset.usedAt) throw new AppError('GONE', 'auth.reset_used');
  if (row.reset.expiresAt.getTime() <= now.getTime() || row.user.disabledAt || !row.user.passwordHash) {
    throw new AppError('GONE', 'auth.reset_expired', { params: { minutes: RESET_MINUTES } });
  }
  return row;
}

/** Whether a reset link still works (public: the link is the secret): 404 unknown, 410 used or expired. */
export async function describePasswordReset(
  db: Executor,
  token: string,
  now: Date = new Date(),
): Promise<{ email: string; expiresAt: Date }> {
  const row = await findReset(db, token, now);
  return { email: row.user.email, expiresAt: row.reset.expiresAt };
}

/**
 * Sets a new password through a reset link: the link is used up (with any other the account had), every
 * session of the account ends (failed logins still count), and the change is audited. It does not
 * log in: the person logs in with the new password, so the second factor, when on, is still asked.
 */
export async function resetPassword(
  db: Executor,
  token: string,
  password: string,
  context: RequestContext,
  now: Date = new Date(),
): Promise<{ email: string }> {
  assertPasswordPolicy(password);
  await findReset(db, token, now);
  // argon2 takes tens of milliseconds: outside the transaction (the embedded database is one session).
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const row = await findReset(tx, token, now, true);
    const userId = row.user.id;
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(loginChallenges).where(eq(loginChallenges.userId, userId));
    // Failed logins are kept: a reset link proves the mailbox, not the second factor, and forgetting the
    // failures would give whoever holds both the password and the mailbox a fresh run of code guesses.
    const actor = await loadActor(tx, row.user, { ip: context.ip, locale: context.locale, via: 'link' });
    await recordAudit(tx, actor, {
      action: 'user.reset_password',
      entityType: 'user',
      entityId: userId,
      fields: ['password'],
    });
    return { email: row.user.email };
  });
}
