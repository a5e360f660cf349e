import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import { programmeChequeFigures } from '../cheques/report.ts';
import {
  type ProgrammeMode,
  type ProgrammeTargets,
  TARGET_GROUPS,
  type TargetGroup,
} from '../programmes/vocabulary.ts';
import { type FunderProgrammeBudget, funderProgrammeBudget } from './funder-report-budget.ts';
import type { FunderReport, FunderReportProgramme } from './funder-types.ts';
import { organisationProfile } from './network-members.ts';
import { reportPermissions } from './network-permissions.ts';

const int = (value: unknown): number => Number(value ?? 0);

/** A share rounded to 4 decimals, or null without a (positive) target. */
function achievement(reached: number, target: number | null | undefined): number | null {
  if (!target || target <= 0) return null;
  return Math.round((reached / target) * 10_000) / 10_000;
}

type FundedProgramme = {
  id: string;
  name: string;
  mode: ProgrammeMode;
  owner_organisation_id: string;
  owner_name: string;
  starts_on: string;
  ends_on: string;
  targets: ProgrammeTargets;
  subsidy_cents: number | null;
};

/**
 * The programmes a funder pays for: those it subsidises per unit, those whose internet aid it is named to
 * pay, those where it paid at least one aid, and those whose co-financing plan holds a funding it granted
 * (not refused): a funder only asked, or one that said no, does not read the programme's figures.
 */
async function fundedProgrammes(db: Executor, funderId: string): Promise<FundedProgramme[]> {
  const { rows } = await db.execute<FundedProgramme>(sql`
    SELECT p.id, p.name, p.mode, p.owner_organisation_id, o.name AS owner_name,
      p.starts_on::text AS starts_on, p.ends_on::text AS ends_on, p.targets, ps.amount_cents AS subsidy_cents
    FROM programmes p
    JOIN organisations o ON o.id = p.owner_organisation_id
    LEFT JOIN programme_subsidies ps ON ps.programme_id = p.id AND ps.funder_organisation_id = ${funderId}::uuid
    WHERE ps.funder_organisation_id IS NOT NULL
       OR p.internet_aid_funder_id = ${funderId}::uuid
       OR EXISTS (SELECT 1 FROM internet_aids ia WHERE ia.programme_id = p.id AND ia.funder_id = ${funderId}::uuid)
       OR EXISTS (SELECT 1 FROM fundings f WHERE f.programme_id = p.id AND f.funder_organisation_id = ${funderId}::uuid
         AND f.granted_cents IS NOT NULL AND f.refused_on IS NULL)
    ORDER BY p.starts_on, p.name, p.id`);
  return rows;
}

/** Which programmes the actor reads in this funder's report: all of them, or those its organisations run. */
function readableProgrammes(
  actor: Actor,
  funderId: string,
  funded: FundedProgramme[],
): { scope: FunderReport['scope']; programmes: FundedProgramme[] } {
  if (reportPermissions.can(actor, 'report.read', funderId)) return { scope: 'full', programmes: funded };
  const owners = reportPermissions.organisationsWith(actor, 'report.read');
  const mine = funded.filter((p) => owners === 'all' || owners.includes(p.owner_organisation_id));
  // A funder's report is invisible to anyone who is neither its member nor the owner of a programme it funds.
  if (mine.length === 0) {
    if (actor.memberships.has(funderId)) reportPermissions.authorize(actor, 'report.read', funderId);
    throw notFound('funder_report');
  }
  return { scope: 'owner', programmes: mine };
}

/**
 * Who the funder reached in the period, per programme: the beneficiaries of a handover in a programme it
 * subsidises per unit, and of an internet aid it pays. A CTE of (programme, beneficiary) pairs.
 */
function reachedPairs(funderId: string, ids: SQL, from: string, to: string): SQL {
  return sql`
    SELECT a.programme_id, a.beneficiary_id FROM allocations a
    JOIN programme_subsidies ps ON ps.programme_id = a.programme_id AND ps.funder_organisation_id = ${funderId}::uuid
    WHERE a.status = 'handed_over' AND a.programme_id = ANY(${ids})
      AND a.handed_over_on BETWEEN ${from}::date AND ${to}::date
    UNION
    SELECT ia.programme_id, ia.beneficiary_id FROM internet_aids ia
    WHERE ia.funder_id = ${funderId}::uuid AND ia.programme_id = ANY(${ids})
      AND ia.granted_on BETWEEN ${from}::date AND ${to}::date`;
}

const groupColumns = () =>
  sql.join(
    TARGET_GROUPS.map(
      (g) =>
        sql`, count(DISTINCT r.beneficiary_id) FILTER (WHERE b.target_group = ${g}) AS ${sql.raw(`"group_${g}"`)}`,
    ),
    sql``,
  );

/**
 * The funder report: per programme it pays for, the units it subsidised (handovers in the period), the
 * amounts, the internet aids it pays, and the people reached by public against the programme's targets.
 * Counts only: no person is named. The funder's readers and platform administrators see every programme;
 * the readers of a programme's owner see their programmes only; anyone else gets 404.
 */
export async function funderReport(
  db: Executor,
  actor: Actor,
  funderId: string,
  period: { from: string; to: string },
): Promise<FunderReport> {
  const funder = await organisationProfile(db, funderId).catch(() => {
    throw notFound('funder_report');
  });
  const { scope, programmes } = readableProgrammes(actor, funderId, await fundedProgrammes(db, funderId));
  const { from, to } = period;
  const ids = sql`string_to_array(${programmes.map((p) => p.id).join(',')}, ',')::uuid[]`;
  const [units, aids, reached, totals] =
    programmes.length === 0
      ? [{ rows: [] }, { rows: [] }, { rows: [] }, { rows: [] }]
      : await Promise.all([
          db.execute<{ programme_id: string; units: string }>(sql`
            SELECT a.programme_id, count(*) AS units FROM allocations a
            JOIN programme_subsidies ps ON ps.programme_id = a.programme_id AND ps.funder_organisation_id = ${funderId}::uuid
            WHERE a.status = 'handed_over' AND a.programme_id = ANY(${ids})
              AND a.handed_over_on BETWEEN ${from}::date AND ${to}::date
            GROUP BY a.programme_id`),
          db.execute<{ programme_id: string; count: string; total_cents: string }>(sql`
            SELECT programme_id, count(*) AS count, coalesce(sum(amount_cents), 0) AS total_cents
            FROM internet_aids
            WHERE funder_id = ${funderId}::uuid AND programme_id = ANY(${ids})
              AND granted_on BETWEEN ${from}::date AND ${to}::date
            GROUP BY programme_id`),
          db.execute<Record<string, string>>(sql`
            WITH r AS (${reachedPairs(funderId, ids, from, to)})
            SELECT r.programme_id, count(DISTINCT r.beneficiary_id) AS reached ${groupColumns()}
            FROM r JOIN beneficiaries b ON b.id = r.beneficiary_id
            GROUP BY r.programme_id`),
          db.execute<Record<string, string>>(sql`
            WITH r AS (${reachedPairs(funderId, ids, from, to)})
            SELECT count(DISTINCT r.beneficiary_id) AS reached ${groupColumns()}
            FROM r JOIN beneficiaries b ON b.id = r.beneficiary_id`),
        ]);
  const unitsBy = new Map(units.rows.map((r) => [r.programme_id, int(r.units)]));
  const aidsBy = new Map(aids.rows.map((r) => [r.programme_id, r]));
  const reachedBy = new Map(reached.rows.map((r) => [r.programme_id, r]));

  const budgets = await Promise.all(programmes.map((p) => funderProgrammeBudget(db, funderId, p.id, period)));
  const lines: FunderReportProgramme[] = programmes.map((p, i) => {
    const subsidy = p.subsidy_cents === null ? null : int(p.subsidy_cents);
    const unitsSubsidised = subsidy === null ? 0 : (unitsBy.get(p.id) ?? 0);
    const aid = aidsBy.get(p.id);
    const internetAids = { count: int(aid?.count), totalCents: int(aid?.total_cents) };
    const subsidiesCents = unitsSubsidised * (subsidy ?? 0);
    const r = reachedBy.get(p.id);
    const reachedCount = int(r?.reached);
    const targets = p.targets ?? {};
    return {
      programme: {
        id: p.id,
        name: p.name,
        mode: p.mode,
        ownerOrganisationId: p.owner_organisation_id,
        ownerName: p.owner_name,
        startsOn: p.starts_on,
        endsOn: p.ends_on,
      },
      subsidyPerUnitCents: subsidy,
      unitsSubsidised,
      subsidiesCents,
      internetAids,
      totalCents: subsidiesCents + internetAids.totalCents,
      reached: reachedCount,
      target: {
        beneficiaries: targets.beneficiaries ?? null,
        achievement: achievement(reachedCount, targets.beneficiaries),
      },
      byGroup: TARGET_GROUPS.map((group: TargetGroup) => {
        const count = int(r?.[`group_${group}`]);
        const target = targets.byGroup?.[group] ?? null;
        return { group, reached: count, target, achievement: achievement(count, target) };
      }),
      budget: budgets[i] as FunderProgrammeBudget,
    };
  });
  const total = totals.rows[0] ?? {};
  const sum = (pick: (l: FunderReportProgramme) => number) => lines.reduce((s, l) => s + pick(l), 0);
  return {
    funder: { id: funder.id, name: funder.name },
    period: { from, to },
    scope,
    programmes: lines,
    cheques: await programmeChequeFigures(
      db,
      programmes.map((p) => p.id),
      { from, to },
    ),
    totals: {
      unitsSubsidised: sum((l) => l.unitsSubsidised),
      subsidiesCents: sum((l) => l.subsidiesCents),
      internetAids: {
        count: sum((l) => l.internetAids.count),
        totalCents: sum((l) => l.internetAids.totalCents),
      },
      totalCents: sum((l) => l.totalCents),
      reached: int(total.reached),
      byGroup: TARGET_GROUPS.map((group) => ({ group, reached: int(total[`group_${group}`]) })),
    },
  };
}
