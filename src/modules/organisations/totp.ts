/**
 * The optional second factor: time-based one-time codes (TOTP, RFC 6238: 30-second steps, 6 digits,
 * SHA-1, the step before and after accepted for clock drift). Any account may turn it on; the
 * administrators of an organisation or of the platform are invited to. Codes are checked by the otpauth
 * library; a code is never accepted twice (the account keeps the last step used).
 */
import bwipjs from 'bwip-js/node';
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { requireUser } from '../../lib/actor.ts';
import { AppError, conflict, forbidden, invalidField } from '../../lib/errors.ts';
import { hashToken } from '../../lib/ids.ts';
import { recordAudit } from '../audit/service.ts';
import {
  assertNotThrottled,
  CHALLENGE_MAX_ATTEMPTS,
  type LoginResult,
  openSession,
  type RequestContext,
} from './auth.ts';
import { verifyPassword } from './passwords.ts';
import { loginChallenges, loginFailures, memberships, sessions, users } from './schema.ts';
import { findUserByEmail, normaliseEmail } from './users.ts';

export const TOTP_ISSUER = 'Seconde Vie';
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** Steps accepted on either side of the current one (a phone's clock a little off). */
const WINDOW = 1;

function totpFor(secret: string, label = 'account'): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/**
 * The step a code belongs to, or null when it matches none of the accepted steps around `now`. Only
 * six digits are looked at (spaces typed by the person are dropped first).
 */
export function matchCode(secret: string, code: string, now: Date): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secret).validate({ token, timestamp: now.getTime(), window: WINDOW });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

/** The code of a secret at a time (for tests and the demo: the server never sends codes). */
export function codeAt(secret: string, at: Date): string {
  return totpFor(secret).generate({ timestamp: at.getTime() });
}

export interface TotpStatus {
  enabled: boolean;
  enabledAt: Date | null;
  /** A secret was given and waits for its first code. */
  pending: boolean;
  /** The account administers an organisation or the platform: the second factor is recommended. */
  recommended: boolean;
}

async function loadUser(db: Executor, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('UNAUTHENTICATED', 'errors.unauthenticated');
  return user;
}

/** Whether the actor's account has the second factor on, and whether it is recommended for them. */
export async function totpStatus(db: Executor, actor: Actor): Promise<TotpStatus> {
  const user = await loadUser(db, requireUser(actor));
  const [admin] = await db
    .select({ organisationId: memberships.organisationId })
    .from(memberships)
    .where(and(eq(memberships.userId, user.id), eq(memberships.role, 'admin')))
    .limit(1);
  return {
    enabled: user.totpEnabledAt !== null,
    enabledAt: user.totpEnabledAt,
    pending: user.totpSecret !== null && user.totpEnabledAt === null,
    recommended: user.isPlatformAdmin || admin !== undefined,
  };
}

export interface TotpSetup {
  /** The shared secret in base32, for typing into an app by hand. */
  secret: string;
  /** `otpauth://totp/…`: what the QR code holds. */
  uri: string;
  /** The QR code of the URI, as an SVG document. */
  qrSvg: string;
}

/**
 * Starts setting up the second factor, with the account's password (a session taken over without it
 * cannot bind its own phone to the account): a new secret, kept but not asked at login until a first code
 * confirms it. Starting again replaces a secret not yet confirmed; with the factor on, 409. Audited.
 */
export async function startTotp(db: Executor, actor: Actor, password: string): Promise<TotpSetup> {
  const user = await loadUser(db, requireUser(actor));
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw invalidField('password', 'auth.wrong_current_password');
  }
  if (user.totpEnabledAt) throw conflict('totp.already_enabled');
  const secret = new Secret({ size: 20 }).base32;
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ totpSecret: secret, totpLastStep: null })
      .where(and(eq(users.id, user.id), isNull(users.totpEnabledAt)))
      .returning({ id: users.id });
    if (updated.length === 0) throw conflict('totp.already_enabled');
    await recordAudit(tx, actor, {
      action: 'user.totp_start',
      entityType: 'user',
      entityId: user.id,
      fields: ['totp'],
    });
  });
  const uri = totpFor(secret, user.email).toString();
  const qrSvg = bwipjs.toSVG({
    bcid: 'qrcode',
    text: uri,
    scale: 4,
    eclevel: 'M',
    paddingwidth: 4,
    paddingheight: 4,
    backgroundcolor: 'FFFFFF',
  } as Parameters<typeof bwipjs.toSVG>[0]);
  return { secret, uri, qrSvg };
}

/**
 * Turns the second factor on with a first code from the app (proof the secret was copied right). The
 * account's other sessions end: they were opened without it.
 */
export async function confirmTotp(
  db: Executor,
  actor: Actor,
  code: string,
  keepSessionToken: string | undefined,
  now: Date = new Date(),
): Promise<TotpStatus> {
  const userId = requireUser(actor);
  const user = await loadUser(db, userId);
  if (user.totpEnabledAt) throw conflict('totp.already_enabled');
  if (!user.totpSecret) throw conflict('totp.not_started');
  const step = matchCode(user.totpSecret, code, now);
  if (step === null) throw invalidField('code', 'totp.code_invalid');
  await db.transaction(async (tx) => {
    const done = await tx
      .update(users)
      .set({ totpEnabledAt: now, totpLastStep: step })
      .where(
        and(
          eq(users.id, userId),
          eq(users.totpSecret, user.totpSecret as string),
          isNull(users.totpEnabledAt),
        ),
      )
      .returning({ id: users.id });
    if (done.length === 0) throw conflict('totp.already_enabled');
    const keep = keepSessionToken ? hashToken(keepSessionToken) : '';
    await tx.delete(sessions).where(and(eq(sessions.userId, userId), sql`${sessions.tokenHash} <> ${keep}`));
    await recordAudit(tx, actor, {
      action: 'user.totp_enable',
      entityType: 'user',
      entityId: userId,
      fields: ['totp'],
    });
  });
  return totpStatus(db, actor);
}

/**
 * Turns the second factor off (or drops a set-up not confirmed), with the account's password. The
 * account's other sessions end. API tokens are not touched: they never asked for a code.
 */
export async function disableTotp(
  db: Executor,
  actor: Actor,
  password: string,
  keepSessionToken: string | undefined,
): Promise<TotpStatus> {
  const userId = requireUser(actor);
  const user = await loadUser(db, userId);
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw invalidField('password', 'auth.wrong_current_password');
  }
  if (!user.totpSecret) throw conflict('totp.not_enabled');
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
      .where(eq(users.id, userId));
    const keep = keepSessionToken ? hashToken(keepSessionToken) : '';
    await tx.delete(sessions).where(and(eq(sessions.userId, userId), sql`${sessions.tokenHash} <> ${keep}`));
    await tx.delete(loginChallenges).where(eq(loginChallenges.userId, userId));
    await recordAudit(tx, actor, {
      action: 'user.totp_disable',
      entityType: 'user',
      entityId: userId,
      fields: ['totp'],
    });
  });
  return totpStatus(db, actor);
}

/**
 * Removes an account's second factor for someone who lost their phone (or whose session was taken over
 * and the factor set by someone else): platform administrators and the command line only
 * (`seconde-vie user totp-off EMAIL`). Every session and login challenge of the account ends (API tokens
 * never asked for a code and are left); audited as `user.totp_remove` by the actor (system on the
 * command line). 404 for an unknown address; 409 when the account has no second factor.
 */
export async function removeTotp(db: Executor, actor: Actor, email: string): Promise<{ userId: string }> {
  if (!actor.isPlatformAdmin) throw forbidden();
  const user = await findUserByEmail(db, normaliseEmail(email));
  if (!user) throw new AppError('NOT_FOUND', 'totp.no_such_account', { params: { email } });
  if (!user.totpSecret) throw conflict('totp.not_enabled');
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
      .where(eq(users.id, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await tx.delete(loginChallenges).where(eq(loginChallenges.userId, user.id));
    await recordAudit(tx, actor, {
      action: 'user.totp_remove',
      entityType: 'user',
      entityId: user.id,
      fields: ['totp'],
    });
  });
  return { userId: user.id };
}

/**
 * Completes a login waiting for its code (`POST /session` answered 202 with a challenge). A challenge
 * takes CHALLENGE_MAX_ATTEMPTS codes within its 5 minutes, then is gone (the password is asked again).
 * Every code is counted as a failed login of the account *before* it is checked, and withdrawn when
 * right, and the account's login throttle is checked first, as at login: the codes tried across
 * challenges are capped by it (MAX_FAILURES_PER_ACCOUNT per THROTTLE_WINDOW_MINUTES). A code already used
 * (same step or older) is refused.
 */
export async function completeTotpLogin(
  db: Executor,
  input: { challenge: string; code: string; previousSessionToken?: string },
  context: RequestContext,
  now: Date = new Date(),
): Promise<LoginResult> {
  // Counted first and on its own, so a wrong code's attempt stays counted whatever happens next.
  const [challenge] = await db
    .update(loginChallenges)
    .set({ attempts: sql`${loginChallenges.attempts} + 1` })
    .where(
      and(
        eq(loginChallenges.tokenHash, hashToken(input.challenge)),
        gt(loginChallenges.expiresAt, now),
        lt(loginChallenges.attempts, CHALLENGE_MAX_ATTEMPTS),
      ),
    )
    .returning();
  if (!challenge) throw new AppError('UNAUTHENTICATED', 'totp.challenge_invalid');
  const user = await loadUser(db, challenge.userId);
  // Recorded as a failure before the code is checked, as login does with the password: codes sent in
  // parallel all count, so they cannot slip past the limit together.
  const [attempt] = await db
    .insert(loginFailures)
    .values({ email: user.email, ip: context.ip ?? 'unknown' })
    .returning({ id: loginFailures.id });
  await assertNotThrottled(db, user.email, context.ip, 1);
  const step =
    user.totpSecret && user.totpEnabledAt && !user.disabledAt
      ? matchCode(user.totpSecret, input.code, now)
      : null;
  const result =
    step === null
      ? null
      : await db.transaction(async (tx) => {
          const advanced = await tx
            .update(users)
            .set({ totpLastStep: step })
            .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
            .returning({ id: users.id });
          // A replayed code; or the challenge used by a concurrent request.
          if (advanced.length === 0) return null;
          const used = await tx
            .delete(loginChallenges)
            .where(eq(loginChallenges.id, challenge.id))
            .returning({ id: loginChallenges.id });
          if (used.length === 0) return null;
          if (attempt) await tx.delete(loginFailures).where(eq(loginFailures.id, attempt.id));
          return openSession(tx, user, context, input.previousSessionToken, ['totp']);
        });
  if (result) return result;
  const remaining = CHALLENGE_MAX_ATTEMPTS - challenge.attempts;
  if (remaining <= 0) {
    await db.delete(loginChallenges).where(eq(loginChallenges.id, challenge.id));
    throw new AppError('UNAUTHENTICATED', 'totp.challenge_invalid');
  }
  throw new AppError('UNAUTHENTICATED', 'totp.code_wrong', {
    params: { remaining },
    fieldErrors: [{ path: 'code', messageKey: 'totp.code_wrong', params: { remaining } }],
  });
}
