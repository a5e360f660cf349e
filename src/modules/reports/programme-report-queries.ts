/**
 * The programme report's figures, each computed by PostgreSQL (GROUP BY, FILTER, COUNT DISTINCT) over the
 * recorded facts: referrals and their steps, handed-over allocations, internet aids, enrolments,
 * attendance and assessments. JavaScript receives aggregates only — a few rows per query, never one row
 * per person or device — and shapes them.
 *
 * Every query takes the programme and an inclusive period of calendar days (`BETWEEN from AND to` on
 * `date` columns: a fact on `to` counts, the day after does not).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { QueryResultRow } from 'pg';
import type { Executor } from '../../db/tx.ts';

export interface Scope {
  programmeId: string;
  from: string;
  to: string;
}

async function rows<Row extends QueryResultRow>(db: Executor, query: SQL): Promise<Row[]> {
  return (await db.execute<Row>(query)).rows as Row[];
}

// PostgreSQL answers count() and sum() of integers as bigint, which `pg` hands over as text.
const n = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** The handovers of the period: allocations still handed over (a handover taken back is not one). */
const handovers = (s: Scope) => sql`
  SELECT a.id, a.beneficiary_id, a.device_id, a.handed_over_on, a.payment_cents
  FROM allocations a
  WHERE a.programme_id = ${s.programmeId} AND a.status = 'handed_over'
    AND a.handed_over_on BETWEEN ${s.from}::date AND ${s.to}::date`;

/**
 * Referred = referrals with `referredOn` in the period; eligible = those of them found eligible, now or at
 * some step (a referral that was eligible and then left the programme still was eligible). A referral
 * closed as a duplicate in a merge is not counted: its person is counted by the referral kept.
 */
export async function referralCounts(
  db: Executor,
  s: Scope,
): Promise<{ referred: number; eligible: number }> {
  const [row] = await rows<{ referred: string; eligible: string }>(
    db,
    sql`SELECT count(*) AS referred,
          count(*) FILTER (WHERE r.status NOT IN ('ineligible', 'exited') OR EXISTS (
            SELECT 1 FROM beneficiary_events e
            WHERE e.beneficiary_id = r.beneficiary_id AND e.referral_id = r.id AND e.to_status = 'eligible'
          )) AS eligible
        FROM referrals r
        WHERE r.programme_id = ${s.programmeId} AND r.referred_on BETWEEN ${s.from}::date AND ${s.to}::date
          AND r.exit_reason IS DISTINCT FROM 'duplicate'`,
  );
  return { referred: n(row?.referred), eligible: n(row?.eligible) };
}

export interface HandoverTotals {
  handedOver: number;
  equipped: number;
  persons: number;
  associations: number;
  contributionsCents: number;
}

/** Handovers, beneficiaries equipped (people and associations) and the payments made at those handovers. */
export async function handoverTotals(db: Executor, s: Scope): Promise<HandoverTotals> {
  const [row] = await rows<Record<keyof HandoverTotals, string>>(
    db,
    sql`WITH h AS (${handovers(s)})
        SELECT count(*) AS "handedOver",
          count(DISTINCT h.beneficiary_id) AS equipped,
          count(DISTINCT h.beneficiary_id) FILTER (WHERE b.kind = 'person') AS persons,
          count(DISTINCT h.beneficiary_id) FILTER (WHERE b.kind = 'association') AS associations,
          coalesce(sum(h.payment_cents), 0) AS "contributionsCents"
        FROM h JOIN beneficiaries b ON b.id = h.beneficiary_id`,
  );
  return {
    handedOver: n(row?.handedOver),
    equipped: n(row?.equipped),
    persons: n(row?.persons),
    associations: n(row?.associations),
    contributionsCents: n(row?.contributionsCents),
  };
}

/** Beneficiaries equipped per target group. */
export async function equippedByGroup(db: Executor, s: Scope): Promise<Map<string, number>> {
  const result = await rows<{ group: string; equipped: string }>(
    db,
    sql`WITH h AS (${handovers(s)})
        SELECT b.target_group AS "group", count(DISTINCT b.id) AS equipped
        FROM h JOIN beneficiaries b ON b.id = h.beneficiary_id
        GROUP BY b.target_group`,
  );
  return new Map(result.map((r) => [r.group, n(r.equipped)]));
}

export interface DeviceGroups {
  /** Devices handed over per type and recorded weight (null: not weighed), for counts and impact. */
  byTypeAndWeight: { type: string; weightKg: number | null; count: number }[];
  /** Per operating system image, devices without one left out. */
  osImages: { name: string; count: number }[];
}

/** The devices handed over, grouped two ways in one pass (GROUPING SETS). */
export async function deviceGroups(db: Executor, s: Scope): Promise<DeviceGroups> {
  const result = await rows<{
    byOs: boolean;
    type: string | null;
    weightKg: number | null;
    osImage: string | null;
    count: string;
  }>(
    db,
    sql`WITH h AS (${handovers(s)})
        SELECT GROUPING(d.os_image) = 0 AS "byOs", d.type, d.weight_kg AS "weightKg",
          d.os_image AS "osImage", count(*) AS count
        FROM h JOIN devices d ON d.id = h.device_id
        GROUP BY GROUPING SETS ((d.type, d.weight_kg), (d.os_image))`,
  );
  const byTypeAndWeight: DeviceGroups['byTypeAndWeight'] = [];
  const osImages: DeviceGroups['osImages'] = [];
  for (const r of result) {
    if (r.byOs) {
      if (r.osImage !== null && r.osImage.trim() !== '')
        osImages.push({ name: r.osImage, count: n(r.count) });
    } else if (r.type !== null) {
      byTypeAndWeight.push({ type: r.type, weightKg: r.weightKg, count: n(r.count) });
    }
  }
  osImages.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  return { byTypeAndWeight, osImages };
}

/** Each subsidy funder: the handovers of the period it subsidises and what that costs it. */
export async function subsidiesByFunder(
  db: Executor,
  s: Scope,
): Promise<{ funderOrganisationId: string; funderName: string; units: number; amountCents: number }[]> {
  const result = await rows<{
    funderOrganisationId: string;
    funderName: string;
    units: string;
    amountCents: string;
  }>(
    db,
    sql`WITH units AS (SELECT count(*) AS units FROM (${handovers(s)}) h)
        SELECT s.funder_organisation_id AS "funderOrganisationId", o.name AS "funderName",
          units.units AS units, s.amount_cents::bigint * units.units AS "amountCents"
        FROM programme_subsidies s
        JOIN organisations o ON o.id = s.funder_organisation_id
        CROSS JOIN units
        WHERE s.programme_id = ${s.programmeId}
        ORDER BY o.name, s.funder_organisation_id`,
  );
  return result.map((r) => ({
    funderOrganisationId: r.funderOrganisationId,
    funderName: r.funderName,
    units: n(r.units),
    amountCents: n(r.amountCents),
  }));
}

/** Internet aids granted in the period, per funder recorded on the aid. */
export async function internetAidsByFunder(
  db: Executor,
  s: Scope,
): Promise<
  { funderOrganisationId: string | null; funderName: string | null; count: number; totalCents: number }[]
> {
  const result = await rows<{
    funderOrganisationId: string | null;
    funderName: string | null;
    count: string;
    totalCents: string;
  }>(
    db,
    sql`SELECT i.funder_id AS "funderOrganisationId", o.name AS "funderName",
          count(*) AS count, sum(i.amount_cents) AS "totalCents"
        FROM internet_aids i LEFT JOIN organisations o ON o.id = i.funder_id
        WHERE i.programme_id = ${s.programmeId} AND i.granted_on BETWEEN ${s.from}::date AND ${s.to}::date
        GROUP BY i.funder_id, o.name
        ORDER BY o.name NULLS LAST, i.funder_id`,
  );
  return result.map((r) => ({
    funderOrganisationId: r.funderOrganisationId,
    funderName: r.funderName,
    count: n(r.count),
    totalCents: n(r.totalCents),
  }));
}

/**
 * The age band, in SQL, of the same rule as `ageBand()` (programmes/vocabulary.ts): the age reached in the
 * year of the person's first handover of the period; an erased person keeps the band stored at erasure.
 */
const AGE_BAND_SQL = sql`CASE
    WHEN p.birth_year IS NULL THEN coalesce(p.age_band, 'unknown')
    WHEN p.age < 18 THEN 'under-18'
    WHEN p.age < 25 THEN '18-24'
    WHEN p.age < 45 THEN '25-44'
    WHEN p.age < 60 THEN '45-59'
    WHEN p.age < 75 THEN '60-74'
    ELSE '75+' END`;

/** How many towns the report lists. */
export const TOP_TOWNS = 10;

export interface DemographicCounts {
  ageBands: Map<string, number>;
  householdTypes: Map<string, number>;
  incomeSituations: Map<string, number>;
  priorityZone: number;
  towns: { town: string; count: number }[];
}

/**
 * The persons (not associations) equipped in the period, counted by age band, household type, income
 * situation, priority neighbourhood and town — one query, each person once.
 */
export async function demographicCounts(db: Executor, s: Scope): Promise<DemographicCounts> {
  const result = await rows<{ dimension: string; key: string; count: string }>(
    db,
    sql`WITH h AS (${handovers(s)}),
        p AS (
          SELECT b.id, b.birth_year, b.age_band, b.household_type, b.income_situation, b.priority_zone,
            nullif(btrim(b.city), '') AS city,
            extract(year FROM min(h.handed_over_on))::int - b.birth_year AS age
          FROM h JOIN beneficiaries b ON b.id = h.beneficiary_id
          WHERE b.kind = 'person'
          GROUP BY b.id
        )
        SELECT 'age' AS dimension, ${AGE_BAND_SQL} AS key, count(*) AS count FROM p GROUP BY 2
        UNION ALL
        SELECT 'household', coalesce(p.household_type, 'unknown'), count(*) FROM p GROUP BY 2
        UNION ALL
        SELECT 'income', coalesce(p.income_situation, 'unknown'), count(*) FROM p GROUP BY 2
        UNION ALL
        SELECT 'priority', 'yes', count(*) FILTER (WHERE p.priority_zone) FROM p
        UNION ALL
        (SELECT 'town', min(p.city), count(*) FROM p WHERE p.city IS NOT NULL
          GROUP BY lower(p.city) ORDER BY 3 DESC, 2 LIMIT ${TOP_TOWNS})`,
  );
  const counts: DemographicCounts = {
    ageBands: new Map(),
    householdTypes: new Map(),
    incomeSituations: new Map(),
    priorityZone: 0,
    towns: [],
  };
  for (const r of result) {
    const count = n(r.count);
    if (r.dimension === 'age') counts.ageBands.set(r.key, count);
    else if (r.dimension === 'household') counts.householdTypes.set(r.key, count);
    else if (r.dimension === 'income') counts.incomeSituations.set(r.key, count);
    else if (r.dimension === 'priority') counts.priorityZone = count;
    else counts.towns.push({ town: r.key, count });
  }
  counts.towns.sort((a, b) => b.count - a.count || a.town.localeCompare(b.town));
  return counts;
}

/**
 * The completion rule of `isCompleted` (training/completion.ts), written in SQL over `attended`,
 * `sessions` (not cancelled), `threshold` and `min_sessions`: kept in step with it by a test.
 */
export const COMPLETED_SQL = sql`(sessions > 0 AND attended * 100 >= threshold * sessions
  AND (min_sessions IS NULL OR attended >= min_sessions))`;

/**
 * Enrolled = people with an enrolment (status enrolled, `enrolledOn` in the period) in one of the
 * programme's workshops; completed = those of them who meet the completion rule in one of those workshops.
 */
export async function trainingCounts(
  db: Executor,
  s: Scope,
): Promise<{ enrolled: number; completed: number }> {
  const [row] = await rows<{ enrolled: string; completed: string }>(
    db,
    sql`WITH w AS (
          SELECT w.id, w.completion_threshold_percent AS threshold, pr.training_min_sessions AS min_sessions,
            (SELECT count(*) FROM workshop_sessions ws WHERE ws.workshop_id = w.id AND ws.cancelled_at IS NULL)
              AS sessions
          FROM workshops w JOIN programmes pr ON pr.id = w.programme_id
          WHERE w.programme_id = ${s.programmeId}
        ),
        e AS (
          SELECT DISTINCT en.beneficiary_id, en.workshop_id
          FROM enrolments en JOIN w ON w.id = en.workshop_id
          WHERE en.status = 'enrolled' AND en.enrolled_on BETWEEN ${s.from}::date AND ${s.to}::date
        ),
        facts AS (
          SELECT e.beneficiary_id, w.threshold, w.min_sessions, w.sessions,
            (SELECT count(*) FROM attendance a JOIN workshop_sessions ws ON ws.id = a.session_id
              WHERE a.beneficiary_id = e.beneficiary_id AND ws.workshop_id = e.workshop_id
                AND ws.cancelled_at IS NULL AND a.present) AS attended
          FROM e JOIN w ON w.id = e.workshop_id
        )
        SELECT count(DISTINCT beneficiary_id) AS enrolled,
          count(DISTINCT beneficiary_id) FILTER (WHERE ${COMPLETED_SQL}) AS completed
        FROM facts`,
  );
  return { enrolled: n(row?.enrolled), completed: n(row?.completed) };
}

export interface AssessmentFigures {
  assessedAtExit: number;
  autonomous: number;
  /** Per area (`area` null: all areas together), people with both assessments and the mean progress. */
  progress: { area: string | null; people: number; progress: number }[];
}

/**
 * Exit assessments for the programme with `assessedOn` in the period (each person's latest counts), who was
 * judged autonomous, and the progress in levels from the person's first entry assessment for the programme
 * (made before or in the period) to that exit, per area of the grid and all areas together.
 */
export async function assessmentFigures(db: Executor, s: Scope): Promise<AssessmentFigures> {
  const result = await rows<{
    row: string;
    area: string | null;
    people: string;
    autonomous: string | null;
    progress: string | null;
  }>(
    db,
    sql`WITH ex AS (
          SELECT DISTINCT ON (sa.beneficiary_id) sa.beneficiary_id, sa.autonomous, sa.levels, sa.assessed_on
          FROM skills_assessments sa
          WHERE sa.programme_id = ${s.programmeId} AND sa.stage = 'exit'
            AND sa.assessed_on BETWEEN ${s.from}::date AND ${s.to}::date
          ORDER BY sa.beneficiary_id, sa.assessed_on DESC, sa.created_at DESC
        ),
        en AS (
          SELECT DISTINCT ON (sa.beneficiary_id) sa.beneficiary_id, sa.levels
          FROM skills_assessments sa JOIN ex ON ex.beneficiary_id = sa.beneficiary_id
          WHERE sa.programme_id = ${s.programmeId} AND sa.stage = 'entry' AND sa.assessed_on <= ex.assessed_on
          ORDER BY sa.beneficiary_id, sa.assessed_on, sa.created_at
        ),
        diff AS (
          SELECT ex.beneficiary_id, k.area,
            (ex.levels ->> k.area)::numeric - (en.levels ->> k.area)::numeric AS delta
          FROM ex JOIN en ON en.beneficiary_id = ex.beneficiary_id
          CROSS JOIN LATERAL jsonb_object_keys(ex.levels) AS k(area)
          WHERE jsonb_typeof(ex.levels -> k.area) = 'number' AND jsonb_typeof(en.levels -> k.area) = 'number'
        )
        SELECT 'exit' AS row, NULL AS area, count(*) AS people, count(*) FILTER (WHERE ex.autonomous) AS autonomous,
          NULL AS progress
        FROM ex
        UNION ALL
        SELECT 'progress', diff.area, count(DISTINCT diff.beneficiary_id), NULL, avg(diff.delta)
        FROM diff GROUP BY ROLLUP (diff.area)`,
  );
  const figures: AssessmentFigures = { assessedAtExit: 0, autonomous: 0, progress: [] };
  for (const r of result) {
    if (r.row === 'exit') {
      figures.assessedAtExit = n(r.people);
      figures.autonomous = n(r.autonomous);
    } else if (r.progress !== null) {
      figures.progress.push({ area: r.area, people: n(r.people), progress: Number(r.progress) });
    }
  }
  return figures;
}
