import { and, desc, eq, getTableColumns, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { instanceTimeZone } from '../../lib/dates.ts';
import { forbidden } from '../../lib/errors.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { auditPermissions } from './permissions.ts';
import { auditLog } from './schema.ts';

export interface AuditEntryInput {
  /** Verb in dotted form: `organisation.create`, `member.add`, `session.login`… */
  action: string;
  entityType: string;
  entityId?: string | null;
  organisationId?: string | null;
  /** Names of the fields that changed; never their values. */
  fields?: string[];
}

/** Appends one audit entry; call it inside the transaction that makes the change. */
export async function recordAudit(tx: Executor, actor: Actor, entry: AuditEntryInput): Promise<void> {
  await tx.insert(auditLog).values({
    actorUserId: actor.userId,
    organisationId: entry.organisationId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    fields: entry.fields ?? [],
    ip: actor.ip,
  });
}

export interface AuditFilters {
  organisationId?: string;
  actorUserId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

export type AuditEntry = typeof auditLog.$inferSelect;

/**
 * Lists audit entries, newest first: all of them for a platform administrator, else those of the
 * organisations the actor administers.
 */
export async function listAuditEntries(
  db: Executor,
  actor: Actor,
  filters: AuditFilters,
): Promise<Page<AuditEntry>> {
  const scope = auditPermissions.organisationsWith(actor, 'audit.read');
  if (scope !== 'all' && scope.length === 0) throw forbidden();
  const conditions: (SQL | undefined)[] = [];
  if (scope !== 'all') conditions.push(inArray(auditLog.organisationId, scope));
  if (filters.organisationId) conditions.push(eq(auditLog.organisationId, filters.organisationId));
  if (filters.actorUserId) conditions.push(eq(auditLog.actorUserId, filters.actorUserId));
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.entityType) conditions.push(eq(auditLog.entityType, filters.entityType));
  if (filters.entityId) conditions.push(eq(auditLog.entityId, filters.entityId));
  // Calendar days are the instance's, not UTC's; compared as instants so the index on `at` serves.
  const tz = instanceTimeZone();
  if (filters.from)
    conditions.push(gte(auditLog.at, sql`(${filters.from}::date::timestamp AT TIME ZONE ${tz})`));
  if (filters.to)
    conditions.push(lt(auditLog.at, sql`((${filters.to}::date + 1)::timestamp AT TIME ZONE ${tz})`));
  const after = decodeCursor(filters.cursor, ['instant', 'uuid']);
  if (after) {
    // The cursor keeps the instant as PostgreSQL's text (microseconds), which a JS Date would truncate.
    const [at, id] = after as [string, string];
    const atValue = sql`${at}::timestamptz`;
    conditions.push(or(lt(auditLog.at, atValue), and(eq(auditLog.at, atValue), lt(auditLog.id, id))));
  }
  const rows = await db
    .select({ ...getTableColumns(auditLog), atKey: sql<string>`${auditLog.at}::text` })
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(filters.limit + 1);
  const page = toPage(rows, filters.limit, (r) => [r.atKey, r.id]);
  return { ...page, items: page.items.map(({ atKey: _atKey, ...entry }) => entry) };
}
