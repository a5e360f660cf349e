import { and, asc, eq, gt, ilike, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/service.ts';
import { sessions, users } from './schema.ts';
import { type PublicUser, presentUser } from './users.ts';

/**
 * Account administration across the instance: a platform administrator's task (decisions: "manages
 * organisations, users and settings"). Organisation administrators manage memberships instead.
 */

export interface AccountFilters {
  q?: string;
  limit: number;
  cursor?: string;
}

export interface AccountSummary extends PublicUser {
  disabled: boolean;
  createdAt: Date;
}

function present(row: typeof users.$inferSelect): AccountSummary {
  return { ...presentUser(row), disabled: row.disabledAt !== null, createdAt: row.createdAt };
}

/** Every account of the instance, by name; searchable by name or e-mail. */
export async function listAccounts(
  db: Executor,
  actor: Actor,
  filters: AccountFilters,
): Promise<Page<AccountSummary>> {
  if (!actor.isPlatformAdmin) throw forbidden();
  const sortName = sql<string>`lower(${users.name})`;
  const conditions: (SQL | undefined)[] = [];
  if (filters.q) {
    const pattern = `%${filters.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.name, pattern), ilike(users.email, pattern)));
  }
  const after = decodeCursor(filters.cursor, ['text', 'uuid']);
  if (after) {
    const [name, id] = after as [string, string];
    conditions.push(or(gt(sortName, name), and(eq(sortName, name), gt(users.id, id))));
  }
  const rows = await db
    .select({ row: users, sortKey: sortName })
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(sortName), asc(users.id))
    .limit(filters.limit + 1);
  const page = toPage(rows, filters.limit, (r) => [r.sortKey, r.row.id]);
  return { items: page.items.map((r) => present(r.row)), nextCursor: page.nextCursor };
}

export interface AccountPatch {
  name?: string;
  isPlatformAdmin?: boolean;
  disabled?: boolean;
}

/**
 * Renames an account, grants or withdraws platform administration, or disables it (which ends its
 * sessions). A platform administrator cannot disable or demote themselves, so the instance always keeps one.
 */
export async function updateAccount(
  db: Executor,
  actor: Actor,
  userId: string,
  patch: AccountPatch,
): Promise<AccountSummary> {
  if (!actor.isPlatformAdmin) throw forbidden();
  if (!isUuid(userId)) throw notFound('user');
  if (userId === actor.userId && (patch.disabled === true || patch.isPlatformAdmin === false)) {
    throw new AppError('CONFLICT', 'users.cannot_lock_out_self');
  }
  return db.transaction(async (tx) => {
    if (patch.disabled === true || patch.isPlatformAdmin === false) {
      // Lock the platform administrators: two of them demoting each other at once must not leave none.
      const admins = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.isPlatformAdmin, true), isNull(users.disabledAt)))
        .for('update');
      if (admins.some((a) => a.id === userId) && admins.length <= 1) {
        throw new AppError('CONFLICT', 'users.last_platform_admin');
      }
    }
    const values: Partial<typeof users.$inferInsert> = {};
    if (patch.name !== undefined) values.name = patch.name.trim();
    if (patch.isPlatformAdmin !== undefined) values.isPlatformAdmin = patch.isPlatformAdmin;
    if (patch.disabled !== undefined) values.disabledAt = patch.disabled ? new Date() : null;
    const [row] = Object.keys(values).length
      ? await tx.update(users).set(values).where(eq(users.id, userId)).returning()
      : await tx.select().from(users).where(eq(users.id, userId));
    if (!row) throw notFound('user');
    if (patch.disabled) await tx.delete(sessions).where(eq(sessions.userId, userId));
    await recordAudit(tx, actor, {
      action:
        patch.disabled === true ? 'user.disable' : patch.disabled === false ? 'user.enable' : 'user.update',
      entityType: 'user',
      entityId: userId,
      fields: Object.keys(patch),
    });
    return present(row);
  });
}
