import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import { IMPACT_METHOD } from '../../lib/impact.ts';
import { DEVICE_TYPES, type DeviceType } from '../../lib/vocabulary.ts';
import type { DonorFateCounts, DonorSummary, DonorSummaryDonation } from './donor-types.ts';
import { type DeviceGroup, impactOfGroups } from './network-common.ts';
import { organisationProfile } from './network-members.ts';
import { reportPermissions } from './network-permissions.ts';

type Fate = 'reused' | 'recycled' | 'in_progress' | 'lost';

type DonationRow = {
  id: string;
  received_on: string;
  refurbisher_organisation_id: string;
  refurbisher_name: string;
  declared_count: number | null;
};

type FateRow = {
  donation_id: string;
  type: DeviceType;
  weight_kg: number | null;
  fate: Fate;
  count: string;
};

/**
 * Which of the donor's donations the actor may read: all of them for the donor's readers and platform
 * administrators; for a refurbisher's readers, those it received (as with the traceability report).
 */
async function readableScope(
  db: Executor,
  actor: Actor,
  donorId: string,
): Promise<{ scope: DonorSummary['scope']; refurbishers: string[] | 'all' }> {
  if (reportPermissions.can(actor, 'report.read', donorId)) return { scope: 'full', refurbishers: 'all' };
  const orgs = reportPermissions.organisationsWith(actor, 'report.read');
  const list = orgs === 'all' ? [] : orgs;
  const { rows } =
    list.length === 0
      ? { rows: [] }
      : await db.execute<{ refurbisher: string }>(sql`
          SELECT DISTINCT refurbisher_organisation_id AS refurbisher FROM donations
          WHERE donor_organisation_id = ${donorId}::uuid
            AND refurbisher_organisation_id = ANY(string_to_array(${list.join(',')}, ',')::uuid[])`);
  if (rows.length === 0) {
    if (actor.memberships.has(donorId)) reportPermissions.authorize(actor, 'report.read', donorId);
    throw notFound('donor_summary');
  }
  return { scope: 'refurbisher', refurbishers: rows.map((r) => r.refurbisher) };
}

function emptyCounts(): DonorFateCounts {
  return { given: 0, reused: 0, recycled: 0, inProgress: 0, lost: 0, co2eAvoidedKg: 0, weeeAvoidedKg: 0 };
}

const FATE_KEY: Record<Fate, 'reused' | 'recycled' | 'inProgress' | 'lost'> = {
  reused: 'reused',
  recycled: 'recycled',
  in_progress: 'inProgress',
  lost: 'lost',
};

/** Adds a group of devices to counts; the impact is computed at the end from the reused groups. */
function add(counts: DonorFateCounts, row: FateRow): void {
  const n = Number(row.count);
  counts.given += n;
  counts[FATE_KEY[row.fate]] += n;
}

function withImpact(counts: DonorFateCounts, rows: FateRow[]): DonorFateCounts {
  const reused: DeviceGroup[] = rows
    .filter((r) => r.fate === 'reused')
    .map((r) => ({ type: r.type, weightKg: r.weight_kg, count: Number(r.count) }));
  const impact = impactOfGroups(reused);
  return { ...counts, co2eAvoidedKg: impact.co2eAvoidedKg, weeeAvoidedKg: impact.weeeAvoidedKg };
}

/**
 * The donor's yearly summary: the devices of its donations received that year, where each stands today
 * (reused, recycled, in progress, lost — the traceability report's rule: where it ended counts), and the
 * CO2e and WEEE avoided by the reused ones, per donation and in all. Counted by SQL in groups.
 */
export async function donorSummary(
  db: Executor,
  actor: Actor,
  donorId: string,
  year: number,
): Promise<DonorSummary> {
  const donor = await organisationProfile(db, donorId).catch(() => {
    throw notFound('donor_summary');
  });
  const { scope, refurbishers } = await readableScope(db, actor, donorId);
  const from = `${String(year).padStart(4, '0')}-01-01`;
  const to = `${String(year).padStart(4, '0')}-12-31`;
  const onlyReceivedBy =
    refurbishers === 'all'
      ? sql`TRUE`
      : sql`dn.refurbisher_organisation_id = ANY(string_to_array(${refurbishers.join(',')}, ',')::uuid[])`;
  const donationsOfYear = sql`dn.donor_organisation_id = ${donorId}::uuid
    AND dn.received_on BETWEEN ${from}::date AND ${to}::date AND ${onlyReceivedBy}`;
  const [donations, fates] = await Promise.all([
    db.execute<DonationRow>(sql`
      SELECT dn.id, dn.received_on::text AS received_on, dn.refurbisher_organisation_id,
        o.name AS refurbisher_name, dn.declared_count
      FROM donations dn JOIN organisations o ON o.id = dn.refurbisher_organisation_id
      WHERE ${donationsOfYear}
      ORDER BY dn.received_on, dn.created_at, dn.id`),
    db.execute<FateRow>(sql`
      SELECT dn.id AS donation_id, dv.type, dv.weight_kg,
        CASE
          WHEN dv.status = 'recycled' THEN 'recycled'
          WHEN dv.status = 'lost' THEN 'lost'
          WHEN EXISTS (SELECT 1 FROM allocations a WHERE a.device_id = dv.id AND a.status = 'handed_over')
            THEN 'reused'
          ELSE 'in_progress'
        END AS fate,
        count(*) AS count
      FROM donations dn JOIN devices dv ON dv.donation_id = dn.id
      WHERE ${donationsOfYear}
      GROUP BY 1, 2, 3, 4`),
  ]);

  const totals = emptyCounts();
  const byType = new Map<DeviceType, DonorFateCounts>();
  const byDonation = new Map<string, { counts: DonorFateCounts; rows: FateRow[] }>();
  for (const row of fates.rows) {
    add(totals, row);
    const type = byType.get(row.type) ?? emptyCounts();
    add(type, row);
    byType.set(row.type, type);
    const donation = byDonation.get(row.donation_id) ?? { counts: emptyCounts(), rows: [] };
    add(donation.counts, row);
    donation.rows.push(row);
    byDonation.set(row.donation_id, donation);
  }
  const list: DonorSummaryDonation[] = donations.rows.map((d) => {
    const entry = byDonation.get(d.id);
    return {
      id: d.id,
      receivedOn: d.received_on,
      refurbisherOrganisationId: d.refurbisher_organisation_id,
      refurbisherName: d.refurbisher_name,
      declaredCount: d.declared_count === null ? null : Number(d.declared_count),
      ...(entry ? withImpact(entry.counts, entry.rows) : emptyCounts()),
    };
  });
  return {
    donor: { id: donor.id, name: donor.name },
    year,
    scope,
    totals: withImpact(totals, fates.rows),
    byType: DEVICE_TYPES.filter((type) => byType.has(type)).map((type) => {
      const { co2eAvoidedKg: _c, weeeAvoidedKg: _w, ...counts } = byType.get(type) ?? emptyCounts();
      return { type, ...counts };
    }),
    donations: list,
    method: IMPACT_METHOD[actor.locale],
  };
}
