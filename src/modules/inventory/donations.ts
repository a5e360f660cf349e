import { and, count, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/tx.ts';
import { type Actor, canSeeOrganisationInternals } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/service.ts';
import { assertOrganisationExists } from '../organisations/organisations.ts';
import { organisations } from '../organisations/schema.ts';
import { inventoryPermissions } from './permissions.ts';
import { devices, donations } from './schema.ts';

const donor = alias(organisations, 'donor');
const refurbisher = alias(organisations, 'refurbisher');

import { type DonationRow, donationScope, loadDonation } from './visibility.ts';

export interface DonationInput {
  donorOrganisationId: string;
  refurbisherOrganisationId: string;
  receivedOn?: string;
  pickupAddress?: string;
  declaredCount?: number;
  note?: string;
}

/** A donation with its two parties' names (public profiles) and how many devices are recorded. */
export interface DonationSummary extends DonationRow {
  donorName: string;
  refurbisherName: string;
  deviceCount: number;
}

export interface Donation extends DonationSummary {
  /** Devices recorded so far, by status. */
  deviceCounts: Record<string, number>;
  can: { addDevices: boolean };
}

async function present(db: Executor, actor: Actor, row: DonationRow): Promise<Donation> {
  const counts = await db
    .select({ status: devices.status, n: count() })
    .from(devices)
    .where(eq(devices.donationId, row.id))
    .groupBy(devices.status);
  const [names] = await db
    .select({ donorName: donor.name, refurbisherName: refurbisher.name })
    .from(donations)
    .innerJoin(donor, eq(donor.id, donations.donorOrganisationId))
    .innerJoin(refurbisher, eq(refurbisher.id, donations.refurbisherOrganisationId))
    .where(eq(donations.id, row.id));
  return {
    ...row,
    donorName: names?.donorName ?? '',
    refurbisherName: names?.refurbisherName ?? '',
    deviceCount: counts.reduce((sum, c) => sum + c.n, 0),
    deviceCounts: Object.fromEntries(counts.map((c) => [c.status, c.n])),
    can: { addDevices: inventoryPermissions.can(actor, 'device.write', row.refurbisherOrganisationId) },
  };
}

/**
 * Records a donation (a batch). Either side may record it: a member of the donor or of the refurbisher
 * with the right to write donations there.
 */
export async function createDonation(db: Executor, actor: Actor, input: DonationInput): Promise<Donation> {
  await assertOrganisationExists(db, input.donorOrganisationId);
  await assertOrganisationExists(db, input.refurbisherOrganisationId);
  const sides = [input.refurbisherOrganisationId, input.donorOrganisationId];
  // Recording a donation is for one of its two sides: outside both, the caller has nothing here (404).
  if (!sides.some((id) => canSeeOrganisationInternals(actor, id))) throw notFound('organisation');
  if (!sides.some((id) => inventoryPermissions.can(actor, 'donation.write', id))) throw forbidden();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(donations)
      .values({ ...input, receivedOn: input.receivedOn ?? today(), createdByUserId: actor.userId })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, {
      action: 'donation.create',
      entityType: 'donation',
      entityId: row.id,
      organisationId: row.refurbisherOrganisationId,
      fields: Object.keys(input),
    });
    return present(tx, actor, row);
  });
}

/** One donation, for the donor's and the refurbisher's members. */
export async function getDonation(db: Executor, actor: Actor, id: string): Promise<Donation> {
  return present(db, actor, await loadDonation(db, actor, id));
}

export interface DonationFilters {
  organisationId?: string;
  limit: number;
  cursor?: string;
}

/** Donations the actor may see, newest first. */
export async function listDonations(
  db: Executor,
  actor: Actor,
  filters: DonationFilters,
): Promise<Page<DonationSummary>> {
  const scope = donationScope(actor);
  if (scope === false) return { items: [], nextCursor: null };
  const conditions: (SQL | undefined)[] = [scope];
  if (filters.organisationId) {
    conditions.push(
      or(
        eq(donations.donorOrganisationId, filters.organisationId),
        eq(donations.refurbisherOrganisationId, filters.organisationId),
      ),
    );
  }
  const after = decodeCursor(filters.cursor, ['date', 'instant', 'uuid']);
  if (after) {
    const [receivedOn, createdAt, id] = after as [string, string, string];
    conditions.push(
      sql`(${donations.receivedOn}, ${donations.createdAt}, ${donations.id}) < (${receivedOn}::date, ${createdAt}::timestamptz, ${id}::uuid)`,
    );
  }
  const rows = await db
    .select({
      row: donations,
      donorName: donor.name,
      refurbisherName: refurbisher.name,
      deviceCount: sql<number>`(SELECT count(*)::int FROM ${devices} WHERE ${devices.donationId} = ${donations.id})`,
      createdKey: sql<string>`${donations.createdAt}::text`,
    })
    .from(donations)
    .innerJoin(donor, eq(donor.id, donations.donorOrganisationId))
    .innerJoin(refurbisher, eq(refurbisher.id, donations.refurbisherOrganisationId))
    .where(and(...conditions))
    .orderBy(desc(donations.receivedOn), desc(donations.createdAt), desc(donations.id))
    .limit(filters.limit + 1);
  const page = toPage(rows, filters.limit, (r) => [r.row.receivedOn, r.createdKey, r.row.id]);
  return {
    items: page.items.map((r) => ({
      ...r.row,
      donorName: r.donorName,
      refurbisherName: r.refurbisherName,
      deviceCount: r.deviceCount,
    })),
    nextCursor: page.nextCursor,
  };
}
