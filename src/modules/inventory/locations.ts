import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { type Executor, isUniqueViolation } from '../../db/tx.ts';
import { type Actor, actingOrganisationId } from '../../lib/actor.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/service.ts';
import { assertOrganisationExists } from '../organisations/organisations.ts';
import { inventoryPermissions } from './permissions.ts';
import { locations } from './schema.ts';

export type Location = typeof locations.$inferSelect;

function taken(err: unknown): never {
  if (isUniqueViolation(err, 'locations_org_name_unique')) {
    throw new AppError('CONFLICT', 'inventory.location_taken', {
      fieldErrors: [{ path: 'name', messageKey: 'inventory.location_taken' }],
    });
  }
  throw err;
}

/** Stock locations of an organisation (archived ones only when asked). */
export async function listLocations(
  db: Executor,
  actor: Actor,
  filters: { organisationId?: string; archived?: boolean; limit: number; cursor?: string },
): Promise<Page<Location>> {
  const org = actingOrganisationId(actor, filters.organisationId, 'organisationId');
  inventoryPermissions.authorize(actor, 'device.read', org);
  const sortName = sql<string>`lower(${locations.name})`;
  const after = decodeCursor(filters.cursor, ['text', 'uuid']);
  const rows = await db
    .select({ row: locations, sortKey: sortName })
    .from(locations)
    .where(
      and(
        eq(locations.organisationId, org),
        filters.archived ? undefined : isNull(locations.archivedAt),
        after ? sql`(${sortName}, ${locations.id}) > (${after[0]}, ${after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(sortName), asc(locations.id))
    .limit(filters.limit + 1);
  const page = toPage(rows, filters.limit, (r) => [r.sortKey, r.row.id]);
  return { items: page.items.map((r) => r.row), nextCursor: page.nextCursor };
}

/** Adds a location (a site, a shelf). */
export async function createLocation(
  db: Executor,
  actor: Actor,
  input: { organisationId?: string; name: string; description?: string },
): Promise<Location> {
  const organisationId = actingOrganisationId(actor, input.organisationId, 'organisationId');
  await assertOrganisationExists(db, organisationId);
  inventoryPermissions.authorize(actor, 'location.manage', organisationId);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(locations)
        .values({ organisationId, name: input.name, description: input.description })
        .returning();
      if (!row) throw new Error('insert returned no row');
      await recordAudit(tx, actor, {
        action: 'location.create',
        entityType: 'location',
        entityId: row.id,
        organisationId,
        fields: ['name'],
      });
      return row;
    });
  } catch (err) {
    taken(err);
  }
}

/** Renames, describes, archives or restores a location. */
export async function updateLocation(
  db: Executor,
  actor: Actor,
  id: string,
  patch: { name?: string; description?: string | null; archived?: boolean },
): Promise<Location> {
  if (!isUuid(id)) throw notFound('location');
  const [existing] = await db.select().from(locations).where(eq(locations.id, id));
  if (!existing) throw notFound('location');
  inventoryPermissions.authorize(actor, 'location.manage', existing.organisationId, 'location');
  const changes = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.archived !== undefined ? { archivedAt: patch.archived ? new Date() : null } : {}),
  };
  // An empty change is no change (an UPDATE without columns is not SQL): the location as it is.
  if (Object.keys(changes).length === 0) return existing;
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.update(locations).set(changes).where(eq(locations.id, id)).returning();
      if (!row) throw notFound('location');
      await recordAudit(tx, actor, {
        action: 'location.update',
        entityType: 'location',
        entityId: id,
        organisationId: row.organisationId,
        fields: Object.keys(patch),
      });
      return row;
    });
  } catch (err) {
    taken(err);
  }
}
