import { asc, count, eq } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { isUniqueViolation } from '../../db/tx.ts';
import type { Actor, Role } from '../../lib/actor.ts';
import { AppError, forbidden, invalidField } from '../../lib/errors.ts';
import { PASSWORD_MIN_LENGTH } from '../../lib/limits.ts';
import type { Locale } from '../../lib/messages.ts';
import { recordAudit } from '../audit/service.ts';
import { type OrganisationProfile, presentProfile } from './organisations.ts';
import { hashPassword } from './passwords.ts';
import { memberships, organisations, users } from './schema.ts';

export type User = typeof users.$inferSelect;

/** What the API shows of a user: never the password hash. */
export interface PublicUser {
  id: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  locale: string;
  active: boolean;
}

export function presentUser(user: User): PublicUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isPlatformAdmin: user.isPlatformAdmin,
    locale: user.locale,
    active: user.passwordHash !== null && user.disabledAt === null,
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)));
  return user;
}

/** Builds the actor for a signed-in user from their memberships. */
export async function loadActor(
  db: Executor,
  user: Pick<User, 'id' | 'isPlatformAdmin'>,
  context: { ip: string | null; locale: Locale; via: Actor['via'] },
): Promise<Actor> {
  const rows = await db
    .select({ organisationId: memberships.organisationId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.userId, user.id));
  return actorFromRow(
    {
      userId: user.id,
      isPlatformAdmin: user.isPlatformAdmin,
      memberships: rows.map((r) => [r.organisationId, r.role]),
    },
    context,
  );
}

/** The actor from a user and their memberships fetched together (`[organisationId, role]` pairs). */
export function actorFromRow(
  row: { userId: string; isPlatformAdmin: boolean; memberships: readonly (readonly [string, string])[] },
  context: { ip: string | null; locale: Locale; via: Actor['via'] },
): Actor {
  return {
    userId: row.userId,
    isPlatformAdmin: row.isPlatformAdmin,
    memberships: new Map(row.memberships.map(([organisationId, role]) => [organisationId, role as Role])),
    ...context,
  };
}

export async function countUsers(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export interface CreateUserInput {
  email: string;
  name: string;
  password?: string;
  /** A hash made beforehand (argon2 takes time: keep it out of transactions). */
  passwordHash?: string;
  isPlatformAdmin?: boolean;
}

/** At least 12 characters and nothing else: length protects better than forced complexity. */
export function assertPasswordPolicy(password: string | undefined): void {
  if (password !== undefined && [...password].length < PASSWORD_MIN_LENGTH) {
    throw invalidField('password', 'validation.password_too_short', { minimum: PASSWORD_MIN_LENGTH });
  }
}

/**
 * Creates an account (platform administrators only, or the system itself: CLI, first start).
 * Without a password the account stays inactive until an invitation is accepted.
 */
export async function createUser(tx: Executor, actor: Actor, input: CreateUserInput): Promise<User> {
  if (!actor.isPlatformAdmin) throw forbidden();
  return insertUser(tx, actor, input);
}

/**
 * Inserts an account without a permission check of its own: for use cases that have checked it
 * already (an organisation's administrator adding a member creates that member's account).
 */
export async function insertUser(tx: Executor, actor: Actor, input: CreateUserInput): Promise<User> {
  if (input.isPlatformAdmin && !actor.isPlatformAdmin) throw forbidden();
  assertPasswordPolicy(input.password);
  const passwordHash = input.passwordHash ?? (input.password ? await hashPassword(input.password) : null);
  try {
    const [user] = await tx
      .insert(users)
      .values({
        email: normaliseEmail(input.email),
        name: input.name.trim(),
        passwordHash,
        isPlatformAdmin: input.isPlatformAdmin ?? false,
      })
      .returning();
    if (!user) throw new Error('insert returned no row');
    await recordAudit(tx, actor, {
      action: input.isPlatformAdmin ? 'user.create_platform_admin' : 'user.create',
      entityType: 'user',
      entityId: user.id,
      fields: ['email', 'name', ...(passwordHash ? ['password'] : [])],
    });
    return user;
  } catch (err) {
    if (isUniqueViolation(err, 'users_email_unique')) {
      throw new AppError('CONFLICT', 'users.email_taken', {
        fieldErrors: [{ path: 'email', messageKey: 'users.email_taken' }],
      });
    }
    throw err;
  }
}

/**
 * On an empty instance, creates the first platform administrator from ADMIN_EMAIL/ADMIN_PASSWORD.
 * Returns what it did, for the start-up log.
 */
export async function ensureFirstAdmin(
  db: Executor,
  actor: Actor,
  email: string | undefined,
  password: string | undefined,
): Promise<'created' | 'exists' | 'missing'> {
  return db.transaction(async (tx) => {
    // Serialise concurrent first starts of several instances: only one creates the administrator.
    await tx.execute('SELECT pg_advisory_xact_lock(1397048148)');
    if ((await countUsers(tx)) > 0) return 'exists';
    if (!email || !password) return 'missing';
    await createUser(tx, actor, {
      email,
      name: email.split('@')[0] ?? email,
      password,
      isPlatformAdmin: true,
    });
    return 'created';
  });
}

export interface Account {
  user: PublicUser;
  memberships: { organisation: OrganisationProfile; role: Role }[];
}

/** The signed-in person's own account and organisations (what `GET /me` shows). */
export async function describeAccount(db: Executor, userId: string): Promise<Account> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('UNAUTHENTICATED', 'errors.unauthenticated');
  const rows = await db
    .select({ organisation: organisations, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organisations.name));
  return {
    user: presentUser(user),
    memberships: rows.map((r) => ({ organisation: presentProfile(r.organisation), role: r.role as Role })),
  };
}
