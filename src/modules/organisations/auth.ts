import { and, count, desc, eq, gt, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { withNamedStatements } from '../../db/statements.ts';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { requireUser } from '../../lib/actor.ts';
import { addDays } from '../../lib/dates.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { hashToken, randomToken } from '../../lib/ids.ts';
import type { Locale } from '../../lib/messages.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/service.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import {
  apiTokens,
  invitations,
  loginChallenges,
  loginFailures,
  organisations,
  sessions,
  users,
} from './schema.ts';
import {
  actorFromRow,
  assertPasswordPolicy,
  findUserByEmail,
  loadActor,
  normaliseEmail,
  type User,
} from './users.ts';

/** A session lives 14 days after its last use, and never more than 60 days in all. */
export const SESSION_IDLE_DAYS = 14;
export const SESSION_MAX_DAYS = 60;
/** Failed logins allowed in the window, per account and per client address (a shared office counts as one). */
export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 10;
export const MAX_FAILURES_PER_IP = 30;
export const INVITATION_DAYS = 7;

export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
  locale: Locale;
}

export interface LoginResult {
  sessionToken: string;
  user: User;
  expiresAt: Date;
}

async function createSession(tx: Executor, userId: string, context: RequestContext): Promise<string> {
  const token = randomToken();
  await tx.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    expiresAt: addDays(new Date(), SESSION_IDLE_DAYS),
    ip: context.ip,
    userAgent: context.userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

/**
 * Refuses (429) once the account or the client address has too many failed logins in the window; wrong
 * passwords and wrong second-factor codes count alike. `pending`: attempts of this request already
 * counted (its own row).
 */
export async function assertNotThrottled(
  db: Executor,
  email: string,
  ip: string | null,
  pending = 0,
): Promise<void> {
  const since = sql`now() - make_interval(mins => ${THROTTLE_WINDOW_MINUTES})`;
  const [byAccount] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email), gt(loginFailures.at, since)));
  const [byIp] = ip
    ? await db
        .select({ n: count() })
        .from(loginFailures)
        .where(and(eq(loginFailures.ip, ip), gt(loginFailures.at, since)))
    : [{ n: 0 }];
  if (
    (byAccount?.n ?? 0) - pending >= MAX_FAILURES_PER_ACCOUNT ||
    (byIp?.n ?? 0) - pending >= MAX_FAILURES_PER_IP
  ) {
    throw new AppError('TOO_MANY_REQUESTS', 'auth.too_many_failures', {
      params: { minutes: THROTTLE_WINDOW_MINUTES },
      headers: { 'retry-after': String(THROTTLE_WINDOW_MINUTES * 60) },
    });
  }
}

/**
 * Checks e-mail and password and opens a new session (a fresh token every time, so a session id
 * planted before login is worthless). Wrong e-mail and wrong password get the same answer. An account
 * with a second factor gets a challenge instead, completed with a code (`completeTotpLogin`).
 */
export async function login(
  db: Executor,
  input: { email: string; password: string; previousSessionToken?: string },
  context: RequestContext,
): Promise<LoginResult | LoginChallenge> {
  const email = normaliseEmail(input.email);
  // The attempt is recorded as a failure *before* the password is checked, and withdrawn on success:
  // attempts sent in parallel all count, so they cannot slip past the limit together.
  const [attempt] = await db
    .insert(loginFailures)
    .values({ email, ip: context.ip ?? 'unknown' })
    .returning({ id: loginFailures.id });
  await assertNotThrottled(db, email, context.ip, 1);
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(user && !user.disabledAt ? user.passwordHash : null, input.password);
  if (!user || !ok) {
    await db.delete(loginFailures).where(lt(loginFailures.at, sql`now() - interval '1 day'`));
    throw new AppError('UNAUTHENTICATED', 'auth.invalid_credentials');
  }
  if (attempt) await db.delete(loginFailures).where(eq(loginFailures.id, attempt.id));
  // With a second factor, the right password only opens a challenge: the code completes it (totp.ts).
  if (user.totpEnabledAt && user.totpSecret) return openLoginChallenge(db, user.id);
  return db.transaction((tx) => openSession(tx, user, context, input.previousSessionToken));
}

/** A login waiting for its second-factor code: the challenge's secret, returned once. */
export interface LoginChallenge {
  challenge: string;
  expiresAt: Date;
}

/** A login challenge lives 5 minutes and allows 5 codes. */
export const CHALLENGE_MINUTES = 5;
export const CHALLENGE_MAX_ATTEMPTS = 5;

async function openLoginChallenge(db: Executor, userId: string): Promise<LoginChallenge> {
  const challenge = randomToken();
  const expiresAt = new Date(Date.now() + CHALLENGE_MINUTES * 60_000);
  // Challenges a day old are of no use to anyone: cleared as new ones are made. An account has one live
  // challenge at a time: opening one ends its earlier ones, so codes cannot be spread over many.
  await db
    .delete(loginChallenges)
    .where(
      or(eq(loginChallenges.userId, userId), lt(loginChallenges.expiresAt, sql`now() - interval '1 day'`)),
    );
  await db.insert(loginChallenges).values({ userId, tokenHash: hashToken(challenge), expiresAt });
  return { challenge, expiresAt };
}

/**
 * Opens a session for a user whose credentials were checked (password, and code when asked), ending the
 * session the browser held before, and audits the login. Call it inside a transaction.
 */
export async function openSession(
  tx: Executor,
  user: User,
  context: RequestContext,
  previousSessionToken?: string,
  auditFields: string[] = [],
): Promise<LoginResult> {
  if (previousSessionToken) {
    await tx.delete(sessions).where(eq(sessions.tokenHash, hashToken(previousSessionToken)));
  }
  const sessionToken = await createSession(tx, user.id, context);
  const actor = await loadActor(tx, user, { ip: context.ip, locale: context.locale, via: 'session' });
  await recordAudit(tx, actor, {
    action: 'session.login',
    entityType: 'user',
    entityId: user.id,
    fields: auditFields,
  });
  return { sessionToken, user, expiresAt: addDays(new Date(), SESSION_IDLE_DAYS) };
}

/** A session or API token is written back (last seen, sliding expiry) at most this often. */
export const TOUCH_INTERVAL_SECONDS = 60;

/**
 * The actor behind a session cookie, or null when the session is unknown, expired or its user disabled.
 * One round trip: the session, its user and the user's memberships come back from one statement. The
 * sliding expiry is written by a second one only when the session was last seen more than
 * TOUCH_INTERVAL_SECONDS ago (on the database's clock), never past the absolute limit. Nothing is cached
 * between requests: a revoked session fails on its next request, on every instance.
 */
export async function authenticateSession(
  db: Executor,
  token: string,
  context: RequestContext,
): Promise<Actor | null> {
  const row = await runStatement<AuthenticatedRow>(db, SESSION_SQL, hashToken(token));
  if (!row) return null;
  if (row.due) await runStatement(db, SESSION_TOUCH_SQL, row.id);
  return actorFromRow(
    { userId: row.user_id, isPlatformAdmin: row.is_platform_admin, memberships: row.memberships },
    { ip: context.ip, locale: context.locale, via: 'session' },
  );
}

/** The actor behind an API token (`Authorization: Bearer …`), or null; one round trip, as for sessions. */
export async function authenticateApiToken(
  db: Executor,
  token: string,
  context: RequestContext,
): Promise<Actor | null> {
  const row = await runStatement<AuthenticatedRow>(db, API_TOKEN_SQL, hashToken(token));
  if (!row) return null;
  if (row.due) await runStatement(db, API_TOKEN_TOUCH_SQL, row.id);
  return actorFromRow(
    { userId: row.user_id, isPlatformAdmin: row.is_platform_admin, memberships: row.memberships },
    { ip: context.ip, locale: context.locale, via: 'token' },
  );
}

interface AuthenticatedRow extends Record<string, unknown> {
  /** The session's or the token's id. */
  id: string;
  /** Whether its last use is to be written back. */
  due: boolean;
  user_id: string;
  is_platform_admin: boolean;
  memberships: [string, string][];
}

/**
 * Written by hand rather than with drizzle's builder, each with one parameter: building the equivalent
 * select and subquery with drizzle took longer than running them. The memberships come as one JSON array
 * of `[organisationId, role]` pairs ('[]' for none). The write-back is a statement of its own rather than
 * a data-modifying CTE of the read: planning the UPDATE on every request made the read twice as slow on
 * PGlite, for a write needed once a minute.
 */
const MEMBERSHIPS = `coalesce((select json_agg(json_build_array(m.organisation_id, m.role))
  from memberships m where m.user_id = u.id), '[]'::json) as memberships`;
const TOUCH_DUE = (column: string) =>
  `coalesce(${column} < now() - make_interval(secs => ${TOUCH_INTERVAL_SECONDS}), true)`;

const SESSION_SQL = statement(
  'sv_authenticate_session',
  `select s.id, ${TOUCH_DUE('s.last_seen_at')} as due, u.id as user_id, u.is_platform_admin, ${MEMBERSHIPS}
  from sessions s join users u on u.id = s.user_id
  where s.token_hash = $1 and s.expires_at > now() and u.disabled_at is null`,
);
// The condition again: of two requests that both found the session due, only the first writes.
const SESSION_TOUCH_SQL = statement(
  'sv_touch_session',
  `update sessions set last_seen_at = now(),
    expires_at = least(now() + make_interval(days => ${SESSION_IDLE_DAYS}), created_at + make_interval(days => ${SESSION_MAX_DAYS}))
  where id = $1 and ${TOUCH_DUE('last_seen_at')}`,
);

const API_TOKEN_SQL = statement(
  'sv_authenticate_api_token',
  `select t.id, ${TOUCH_DUE('t.last_used_at')} as due, u.id as user_id, u.is_platform_admin, ${MEMBERSHIPS}
  from api_tokens t join users u on u.id = t.user_id
  where t.token_hash = $1 and t.revoked_at is null and u.disabled_at is null`,
);
const API_TOKEN_TOUCH_SQL = statement(
  'sv_touch_api_token',
  `update api_tokens set last_used_at = now() where id = $1 and ${TOUCH_DUE('last_used_at')}`,
);

/** A statement's name and text, and for drizzle the text before and after its one parameter, `$1`. */
function statement(name: string, text: string): { name: string; text: string; before: SQL; after: SQL } {
  const [before, after, ...more] = text.split('$1');
  if (before === undefined || after === undefined || more.length > 0) throw new Error('one $1 expected');
  return { name, text, before: sql.raw(before), after: sql.raw(after) };
}

async function runStatement<Row extends Record<string, unknown>>(
  db: Executor,
  query: ReturnType<typeof statement>,
  value: string,
): Promise<Row | undefined> {
  // Straight to the pool with a named statement where the connection can keep it (planned once per
  // connection): see withNamedStatements.
  return withNamedStatements(
    db,
    async ({ client, name }) => {
      const result = await client.query<Row>({ name: name(query.name), text: query.text, values: [value] });
      return result.rows[0];
    },
    async () => {
      const result = await db.execute<Row>(sql`${query.before}${value}${query.after}`);
      return result.rows[0] as Row | undefined;
    },
  );
}

/** Ends one session (logout). */
export async function logout(db: Executor, actor: Actor, sessionToken: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, hashToken(sessionToken)));
    await recordAudit(tx, actor, { action: 'session.logout', entityType: 'user', entityId: actor.userId });
  });
}

/** Ends every session of the actor's account, on every device ("log out everywhere"). */
export async function logoutEverywhere(db: Executor, actor: Actor): Promise<{ ended: number }> {
  const userId = requireUser(actor);
  return db.transaction(async (tx) => {
    const ended = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
    await recordAudit(tx, actor, {
      action: 'session.logout_everywhere',
      entityType: 'user',
      entityId: userId,
    });
    return { ended: ended.length };
  });
}

/** Changes the actor's own password and ends their other sessions. */
export async function changePassword(
  db: Executor,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  keepSessionToken: string | undefined,
): Promise<void> {
  const userId = requireUser(actor);
  assertPasswordPolicy(input.newPassword);
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('INVALID_INPUT', 'errors.invalid_input', {
      params: { count: 1 },
      fieldErrors: [{ path: 'currentPassword', messageKey: 'auth.wrong_current_password' }],
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    const keep = keepSessionToken ? hashToken(keepSessionToken) : '';
    await tx.delete(sessions).where(and(eq(sessions.userId, userId), sql`${sessions.tokenHash} <> ${keep}`));
    await recordAudit(tx, actor, {
      action: 'user.change_password',
      entityType: 'user',
      entityId: userId,
      fields: ['password'],
    });
  });
}

/** Sets the language the account prefers (used for e-mails and as the UI default). */
export async function setLocale(db: Executor, actor: Actor, locale: Locale): Promise<void> {
  const userId = requireUser(actor);
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

export type ApiToken = Omit<typeof apiTokens.$inferSelect, 'tokenHash' | 'userId'>;

function presentToken(row: typeof apiTokens.$inferSelect): ApiToken {
  const { tokenHash: _hash, userId: _user, ...rest } = row;
  return rest;
}

/** Creates an API token for the actor's account; the secret is returned here and never again. */
export async function createApiToken(
  db: Executor,
  actor: Actor,
  name: string,
): Promise<ApiToken & { token: string }> {
  const userId = requireUser(actor);
  const token = `sv_${randomToken()}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId, name: name.trim(), tokenHash: hashToken(token), prefix: token.slice(0, 10) })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, {
      action: 'token.create',
      entityType: 'api_token',
      entityId: row.id,
      fields: ['name'],
    });
    return { ...presentToken(row), token };
  });
}

/** The actor's own tokens, newest first (revoked ones included, marked). */
export async function listApiTokens(
  db: Executor,
  actor: Actor,
  options: { limit: number; cursor?: string },
): Promise<Page<ApiToken>> {
  const userId = requireUser(actor);
  const after = decodeCursor(options.cursor, ['instant', 'uuid']);
  const rows = await db
    .select({ row: apiTokens, createdKey: sql<string>`${apiTokens.createdAt}::text` })
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.userId, userId),
        after
          ? sql`(${apiTokens.createdAt}, ${apiTokens.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .limit(options.limit + 1);
  const page = toPage(rows, options.limit, (r) => [r.createdKey, r.row.id]);
  return { items: page.items.map((r) => presentToken(r.row)), nextCursor: page.nextCursor };
}

/** Revokes one of the actor's tokens; another account's token answers 404. */
export async function revokeApiToken(db: Executor, actor: Actor, tokenId: string): Promise<ApiToken> {
  const userId = requireUser(actor);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
      .returning();
    if (!row) throw notFound('api_token');
    await recordAudit(tx, actor, { action: 'token.revoke', entityType: 'api_token', entityId: row.id });
    return presentToken(row);
  });
}

/** Creates a single-use invitation link for an account without a password yet. */
export async function createInvitation(
  tx: Executor,
  actor: Actor,
  userId: string,
  organisationId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = addDays(new Date(), INVITATION_DAYS);
  // A new link replaces any earlier one that is still open.
  await tx
    .update(invitations)
    .set({ usedAt: sql`now()` })
    .where(and(eq(invitations.userId, userId), isNull(invitations.usedAt)));
  await tx.insert(invitations).values({
    tokenHash: hashToken(token),
    userId,
    organisationId,
    createdByUserId: actor.userId,
    expiresAt,
  });
  return { token, expiresAt };
}

async function findOpenInvitation(db: Executor, token: string) {
  const [row] = await db
    .select({ invitation: invitations, user: users, organisationName: organisations.name })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(
      and(
        eq(invitations.tokenHash, hashToken(token)),
        isNull(invitations.usedAt),
        gt(invitations.expiresAt, sql`now()`),
        isNull(users.disabledAt),
      ),
    );
  if (!row) throw new AppError('NOT_FOUND', 'auth.invitation_invalid');
  return row;
}

/** What an invitation link shows before it is accepted (public: the link itself is the secret). */
export async function describeInvitation(db: Executor, token: string) {
  const row = await findOpenInvitation(db, token);
  return {
    email: row.user.email,
    name: row.user.name,
    organisationName: row.organisationName,
    expiresAt: row.invitation.expiresAt,
  };
}

/** Accepts an invitation: the person chooses a password and is logged in. */
export async function acceptInvitation(
  db: Executor,
  token: string,
  password: string,
  context: RequestContext,
): Promise<LoginResult> {
  assertPasswordPolicy(password);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const row = await findOpenInvitation(tx, token);
    const used = await tx
      .update(invitations)
      .set({ usedAt: sql`now()` })
      .where(and(eq(invitations.id, row.invitation.id), isNull(invitations.usedAt)))
      .returning({ id: invitations.id });
    if (used.length === 0) throw new AppError('NOT_FOUND', 'auth.invitation_invalid');
    await tx.update(users).set({ passwordHash }).where(eq(users.id, row.user.id));
    const sessionToken = await createSession(tx, row.user.id, context);
    const actor = await loadActor(tx, row.user, { ip: context.ip, locale: context.locale, via: 'session' });
    await recordAudit(tx, actor, {
      action: 'invitation.accept',
      entityType: 'user',
      entityId: row.user.id,
      organisationId: row.invitation.organisationId,
      fields: ['password'],
    });
    return {
      sessionToken,
      user: { ...row.user, passwordHash },
      expiresAt: addDays(new Date(), SESSION_IDLE_DAYS),
    };
  });
}
