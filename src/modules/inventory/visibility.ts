import { eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { type InventoryPermission, inventoryPermissions } from './permissions.ts';
import { devices, donations } from './schema.ts';

/**
 * The one place that says which devices and donations an actor may see. Every inventory query goes
 * through these helpers, so none can forget the organisation.
 */

/** SQL condition on `devices` for the actor's permission; `false` when they may see none. */
export function deviceScope(
  actor: Actor,
  permission: InventoryPermission = 'device.read',
): SQL | undefined | false {
  const orgs = inventoryPermissions.organisationsWith(actor, permission);
  if (orgs === 'all') return undefined;
  if (orgs.length === 0) return false;
  return inArray(devices.organisationId, orgs);
}

/** SQL condition on `donations`: the donor's and the refurbisher's members see a donation. */
export function donationScope(actor: Actor): SQL | undefined | false {
  const orgs = inventoryPermissions.organisationsWith(actor, 'donation.read');
  if (orgs === 'all') return undefined;
  if (orgs.length === 0) return false;
  return or(inArray(donations.donorOrganisationId, orgs), inArray(donations.refurbisherOrganisationId, orgs));
}

export type DeviceRow = typeof devices.$inferSelect;
export type DonationRow = typeof donations.$inferSelect;

/** A device the actor may see, or 404. `forUpdate` locks the row for the rest of the transaction. */
export async function loadDevice(
  db: Executor,
  actor: Actor,
  id: string,
  forUpdate = false,
): Promise<DeviceRow> {
  if (!isUuid(id)) throw notFound('device');
  const query = db.select().from(devices).where(eq(devices.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('device');
  assertDeviceVisible(actor, row);
  return row;
}

/** 404 unless the actor may see this device (a device of another organisation does not exist for them). */
export function assertDeviceVisible(actor: Actor, row: Pick<DeviceRow, 'organisationId'>): void {
  if (!inventoryPermissions.can(actor, 'device.read', row.organisationId)) throw notFound('device');
}

/** A donation the actor may see (as a member of the donor or of the refurbisher), or 404. */
export async function loadDonation(db: Executor, actor: Actor, id: string): Promise<DonationRow> {
  if (!isUuid(id)) throw notFound('donation');
  const [row] = await db.select().from(donations).where(eq(donations.id, id));
  if (
    !row ||
    !(
      inventoryPermissions.can(actor, 'donation.read', row.donorOrganisationId) ||
      inventoryPermissions.can(actor, 'donation.read', row.refurbisherOrganisationId)
    )
  ) {
    throw notFound('donation');
  }
  return row;
}
