/**
 * Who sees the workforce: the organisation's administrators and managers (and platform administrators).
 * An organisation-scoped call by another member answers 403 (they know the organisation exists); a row by
 * id answers 404 to anyone who may not manage its organisation, so its existence says nothing.
 */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { invalidField, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { memberships, users } from '../organisations/schema.ts';
import { workforcePermissions } from './permissions.ts';
import { insertionClauses, workforceContracts } from './schema.ts';

/** Throws 404 outside the organisation, 403 inside it without the workforce permission. */
export function authorizeWorkforce(actor: Actor, organisationId: string): void {
  if (!isUuid(organisationId)) throw notFound('organisation');
  workforcePermissions.authorize(actor, 'workforce.manage', organisationId);
}

/** A contract the actor may manage, or 404. */
export async function loadContract(db: Executor, actor: Actor, id: string, lock = false) {
  if (!isUuid(id)) throw notFound('contract');
  const query = db.select().from(workforceContracts).where(eq(workforceContracts.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row || !workforcePermissions.can(actor, 'workforce.manage', row.organisationId))
    throw notFound('contract');
  return row;
}

/** A clause the actor may manage, or 404. */
export async function loadClause(db: Executor, actor: Actor, id: string, lock = false) {
  if (!isUuid(id)) throw notFound('clause');
  const query = db.select().from(insertionClauses).where(eq(insertionClauses.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row || !workforcePermissions.can(actor, 'workforce.manage', row.organisationId))
    throw notFound('clause');
  return row;
}

/**
 * The member (name, e-mail, role) of the organisation: when the id was sent in a body, a field error naming
 * `path`; when it came from the address (`path` null), 404 like any record the caller cannot find.
 */
export async function memberOf(
  db: Executor,
  organisationId: string,
  userId: string,
  path: string | null = 'userId',
) {
  const [row] = isUuid(userId)
    ? await db
        .select({ id: users.id, name: users.name, email: users.email, role: memberships.role })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
    : [];
  if (!row) throw path ? invalidField(path, 'workforce.not_member') : notFound('person');
  return row;
}
