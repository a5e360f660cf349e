import type { Database } from '../src/db/connection.ts';
import { systemActor } from '../src/lib/actor.ts';
import { type ProgrammeReport, programmeReport } from '../src/modules/reports/programme-report.ts';
import type { Bench, BenchLine, BenchOptions } from './format.ts';
import { alternate, dataBackends, percentile, regionDatabase, round } from './region.ts';

const RUNS = 15;
const PERIOD = { from: '2025-01-01', to: '2025-12-31' };

/**
 * The programme report over the generated region (its largest programme of 2025: a few thousand
 * handovers at full scale) against a hand-written one-statement SQL computing the same figures, median of
 * alternate runs, on PGlite and PostgreSQL; every figure the baseline computes must equal the report's.
 */
export const programmeReportBench: Bench = async (options: BenchOptions) => {
  const lines: BenchLine[] = [];
  for (const backend of dataBackends()) {
    const database = await regionDatabase(backend, options.scale);
    if (!database) continue;
    const m = await measure(database);
    lines.push({
      name: 'programme-report',
      backend,
      value: round(m.report),
      unit: 'ms',
      baseline: round(m.baseline),
      ratio: round(m.report / m.baseline),
      target: backend === 'postgres' ? '≤ 1.5, and < 500 ms' : '≤ 1.5',
      comparison: `programmeReport (2025, ${m.handovers} handovers, ${m.referrals} referrals) vs one hand-written SQL statement of the same figures, medians of ${RUNS} alternate runs`,
      correctness: {
        ok: m.mismatches.length === 0,
        detail:
          m.mismatches.length === 0
            ? `${m.compared} figures equal to the baseline's (e.g. ${m.sample})`
            : `${m.mismatches.length} of ${m.compared} figures differ: ${m.mismatches.slice(0, 6).join('; ')}`,
      },
    });
  }
  return lines;
};

/**
 * The same figures as the report, written by hand as one statement: what a careful person would write for
 * one report, without the service's structure (one round trip, one plan).
 */
const BASELINE = `
WITH h AS (
  SELECT a.beneficiary_id, a.device_id, a.handed_over_on, a.payment_cents FROM allocations a
  WHERE a.programme_id = $1 AND a.status = 'handed_over' AND a.handed_over_on BETWEEN $2::date AND $3::date
),
hb AS (SELECT h.*, b.kind, b.target_group FROM h JOIN beneficiaries b ON b.id = h.beneficiary_id),
p AS (
  SELECT b.id, b.birth_year, b.age_band, b.household_type, b.income_situation, b.priority_zone,
         nullif(btrim(b.city), '') AS city, extract(year FROM min(h.handed_over_on))::int - b.birth_year AS age
  FROM h JOIN beneficiaries b ON b.id = h.beneficiary_id WHERE b.kind = 'person' GROUP BY b.id
),
w AS (
  SELECT w.id, w.completion_threshold_percent AS threshold, pr.training_min_sessions AS min_sessions,
         (SELECT count(*) FROM workshop_sessions s WHERE s.workshop_id = w.id AND s.cancelled_at IS NULL) AS sessions
  FROM workshops w JOIN programmes pr ON pr.id = w.programme_id WHERE w.programme_id = $1
),
att AS (
  SELECT e.beneficiary_id, w.threshold, w.min_sessions, w.sessions, count(s.id) AS attended
  FROM enrolments e JOIN w ON w.id = e.workshop_id
  LEFT JOIN attendance a ON a.beneficiary_id = e.beneficiary_id AND a.present
  LEFT JOIN workshop_sessions s ON s.id = a.session_id AND s.workshop_id = e.workshop_id AND s.cancelled_at IS NULL
  WHERE e.status = 'enrolled' AND e.enrolled_on BETWEEN $2::date AND $3::date
  GROUP BY e.beneficiary_id, e.workshop_id, w.threshold, w.min_sessions, w.sessions
),
ex AS (
  SELECT DISTINCT ON (beneficiary_id) beneficiary_id, autonomous, levels, assessed_on FROM skills_assessments
  WHERE programme_id = $1 AND stage = 'exit' AND assessed_on BETWEEN $2::date AND $3::date
  ORDER BY beneficiary_id, assessed_on DESC, created_at DESC
),
en AS (
  SELECT DISTINCT ON (sa.beneficiary_id) sa.beneficiary_id, sa.levels FROM skills_assessments sa
  JOIN ex ON ex.beneficiary_id = sa.beneficiary_id
  WHERE sa.programme_id = $1 AND sa.stage = 'entry' AND sa.assessed_on <= ex.assessed_on
  ORDER BY sa.beneficiary_id, sa.assessed_on, sa.created_at
),
diff AS (
  SELECT ex.beneficiary_id, k.area, (ex.levels ->> k.area)::numeric - (en.levels ->> k.area)::numeric AS delta
  FROM ex JOIN en USING (beneficiary_id) CROSS JOIN LATERAL jsonb_object_keys(ex.levels) k(area)
  WHERE jsonb_typeof(en.levels -> k.area) = 'number' AND jsonb_typeof(ex.levels -> k.area) = 'number'
)
SELECT
  (SELECT json_build_object('referred', count(*), 'eligible', count(*) FILTER (WHERE r.status NOT IN ('ineligible', 'exited')
     OR EXISTS (SELECT 1 FROM beneficiary_events e WHERE e.beneficiary_id = r.beneficiary_id AND e.referral_id = r.id
                AND e.to_status = 'eligible')))
   FROM referrals r WHERE r.programme_id = $1 AND r.referred_on BETWEEN $2::date AND $3::date) AS referrals,
  (SELECT json_build_object('handedOver', count(*), 'equipped', count(DISTINCT beneficiary_id),
     'persons', count(DISTINCT beneficiary_id) FILTER (WHERE kind = 'person'),
     'contributions', coalesce(sum(payment_cents), 0)) FROM hb) AS totals,
  (SELECT json_object_agg(target_group, n) FROM (SELECT target_group, count(DISTINCT beneficiary_id) n FROM hb GROUP BY 1) g) AS groups,
  (SELECT json_agg(x) FROM (SELECT d.type, d.weight_kg, count(*) FROM h JOIN devices d ON d.id = h.device_id GROUP BY 1, 2) x) AS devices,
  (SELECT json_agg(x) FROM (SELECT d.os_image, count(*) FROM h JOIN devices d ON d.id = h.device_id WHERE d.os_image IS NOT NULL GROUP BY 1) x) AS os,
  (SELECT json_agg(x) FROM (SELECT s.funder_organisation_id, o.name, s.amount_cents * (SELECT count(*) FROM h) AS amount
     FROM programme_subsidies s JOIN organisations o ON o.id = s.funder_organisation_id WHERE s.programme_id = $1) x) AS subsidies,
  (SELECT json_agg(x) FROM (SELECT i.funder_id, o.name, count(*), sum(i.amount_cents) FROM internet_aids i
     LEFT JOIN organisations o ON o.id = i.funder_id
     WHERE i.programme_id = $1 AND i.granted_on BETWEEN $2::date AND $3::date GROUP BY 1, 2) x) AS aids,
  (SELECT json_object_agg(band, n) FROM (SELECT CASE WHEN birth_year IS NULL THEN coalesce(age_band, 'unknown')
     WHEN age < 18 THEN 'under-18' WHEN age < 25 THEN '18-24' WHEN age < 45 THEN '25-44' WHEN age < 60 THEN '45-59'
     WHEN age < 75 THEN '60-74' ELSE '75+' END AS band, count(*) n FROM p GROUP BY 1) x) AS ages,
  (SELECT json_object_agg(coalesce(household_type, 'unknown'), n) FROM (SELECT household_type, count(*) n FROM p GROUP BY 1) x) AS households,
  (SELECT json_object_agg(coalesce(income_situation, 'unknown'), n) FROM (SELECT income_situation, count(*) n FROM p GROUP BY 1) x) AS incomes,
  (SELECT count(*) FILTER (WHERE priority_zone) FROM p) AS priority,
  (SELECT json_agg(x) FROM (SELECT min(city) AS town, count(*) n FROM p WHERE city IS NOT NULL GROUP BY lower(city)
     ORDER BY 2 DESC, 1 LIMIT 10) x) AS towns,
  (SELECT json_build_object('enrolled', count(DISTINCT beneficiary_id), 'completed', count(DISTINCT beneficiary_id)
     FILTER (WHERE sessions > 0 AND attended * 100 >= threshold * sessions AND (min_sessions IS NULL OR attended >= min_sessions)))
   FROM att) AS training,
  (SELECT json_build_object('exit', count(*), 'autonomous', count(*) FILTER (WHERE autonomous)) FROM ex) AS assessed,
  (SELECT json_agg(x) FROM (SELECT area, count(DISTINCT beneficiary_id), avg(delta) FROM diff GROUP BY ROLLUP (area)) x) AS progress
`;

async function measure(database: Database) {
  const chosen = await database.pool.query<{ programme_id: string; n: string }>(
    `SELECT programme_id, count(*) n FROM allocations WHERE status = 'handed_over'
       AND handed_over_on BETWEEN $1::date AND $2::date GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
    [PERIOD.from, PERIOD.to],
  );
  const programmeId = chosen.rows[0]?.programme_id as string;
  const actor = systemActor();
  const runs = await alternate(
    RUNS,
    () => programmeReport(database.db, actor, programmeId, PERIOD),
    () => database.pool.query(BASELINE, [programmeId, PERIOD.from, PERIOD.to]),
  );
  const { compared, mismatches } = compare(runs.lastA, runs.lastB.rows[0] as Baseline);
  return {
    report: percentile(runs.a, 50),
    baseline: percentile(runs.b, 50),
    handovers: runs.lastA.devices.handedOver,
    referrals: runs.lastA.beneficiaries.referred,
    compared,
    mismatches,
    sample: `enrolled ${runs.lastA.training.enrolled}, completed ${runs.lastA.training.completed}, exit assessments ${runs.lastA.training.assessedAtExit}, contributions ${runs.lastA.money.contributionsCents} cents, towns ${runs.lastA.demographics.towns.length}`,
  };
}

type Counts = Record<string, number> | null;
interface Baseline {
  referrals: { referred: number; eligible: number };
  totals: { handedOver: number; equipped: number; persons: number; contributions: number };
  groups: Counts;
  devices: { type: string; weight_kg: number | null; count: number }[] | null;
  os: { os_image: string; count: number }[] | null;
  subsidies: { amount: number }[] | null;
  aids: { count: number; sum: number }[] | null;
  ages: Counts;
  households: Counts;
  incomes: Counts;
  priority: number;
  towns: { town: string; n: number }[] | null;
  training: { enrolled: number; completed: number };
  assessed: { exit: number; autonomous: number };
  progress: { area: string | null; count: number; avg: number }[] | null;
}

/** Every figure the baseline computes, beside the report's; a difference is a wrong figure. */
function compare(r: ProgrammeReport, b: Baseline): { compared: number; mismatches: string[] } {
  const pairs: [string, unknown, unknown][] = [];
  const sumBy = <T>(rows: T[] | null, key: (row: T) => string, value: (row: T) => number) => {
    const out: Record<string, number> = {};
    for (const row of rows ?? []) out[key(row)] = (out[key(row)] ?? 0) + value(row);
    return out;
  };
  const nonZero = (record: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(record).filter(([, v]) => v !== 0));
  pairs.push(['referred', r.beneficiaries.referred, b.referrals.referred]);
  pairs.push(['eligible', r.beneficiaries.eligible, b.referrals.eligible]);
  pairs.push(['handedOver', r.devices.handedOver, b.totals.handedOver]);
  pairs.push(['equipped', r.beneficiaries.equipped, b.totals.equipped]);
  pairs.push(['persons', r.beneficiaries.persons, b.totals.persons]);
  pairs.push(['contributions', r.money.contributionsCents, Number(b.totals.contributions)]);
  pairs.push([
    'byGroup',
    nonZero(Object.fromEntries(r.beneficiaries.byGroup.map((g) => [g.group, g.equipped]))),
    b.groups ?? {},
  ]);
  pairs.push([
    'byType',
    nonZero(r.devices.byType),
    sumBy(
      b.devices,
      (d) => d.type,
      (d) => Number(d.count),
    ),
  ]);
  pairs.push([
    'osImages',
    Object.fromEntries(r.devices.osImages.map((o) => [o.name, o.count])),
    Object.fromEntries((b.os ?? []).map((o) => [o.os_image, Number(o.count)])),
  ]);
  pairs.push([
    'subsidies',
    r.money.subsidiesCents,
    (b.subsidies ?? []).reduce((s, x) => s + Number(x.amount), 0),
  ]);
  pairs.push([
    'internetAids',
    r.money.internetAids.count,
    (b.aids ?? []).reduce((s, x) => s + Number(x.count), 0),
  ]);
  pairs.push([
    'internetAidsCents',
    r.money.internetAids.totalCents,
    (b.aids ?? []).reduce((s, x) => s + Number(x.sum), 0),
  ]);
  pairs.push([
    'ageBands',
    nonZero(Object.fromEntries(r.demographics.ageBands.map((a) => [a.band, a.count]))),
    b.ages ?? {},
  ]);
  pairs.push([
    'householdTypes',
    nonZero(Object.fromEntries(r.demographics.householdTypes.map((h) => [h.type, h.count]))),
    b.households ?? {},
  ]);
  pairs.push([
    'incomeSituations',
    nonZero(Object.fromEntries(r.demographics.incomeSituations.map((i) => [i.situation, i.count]))),
    b.incomes ?? {},
  ]);
  pairs.push([
    'priorityZoneShare',
    round(r.demographics.priorityZoneShare ?? -1, 6),
    round(r.demographics.persons ? Number(b.priority) / r.demographics.persons : 0, 6),
  ]);
  // Towns tied on their count may come in another order: compare the counts, in order.
  pairs.push(['towns', r.demographics.towns.map((t) => t.count), (b.towns ?? []).map((t) => Number(t.n))]);
  pairs.push(['enrolled', r.training.enrolled, b.training.enrolled]);
  pairs.push(['completed', r.training.completed, b.training.completed]);
  pairs.push(['assessedAtExit', r.training.assessedAtExit, b.assessed.exit]);
  pairs.push([
    'autonomousShare',
    round(r.training.autonomousShare, 4),
    round(b.assessed.exit ? b.assessed.autonomous / b.assessed.exit : 0, 4),
  ]);
  const overall = (b.progress ?? []).find((p) => p.area === null);
  const progress = r.training.averageSkillsProgress;
  pairs.push(['progressPeople', progress?.people ?? 0, Number(overall?.count ?? 0)]);
  pairs.push(['progressOverall', round(progress?.overall ?? 0, 2), round(Number(overall?.avg ?? 0), 2)]);
  pairs.push([
    'progressByArea',
    Object.fromEntries((progress?.byArea ?? []).map((a) => [a.area, [a.people, round(a.progress, 2)]])),
    Object.fromEntries(
      (b.progress ?? [])
        .filter((p) => p.area !== null)
        .map((p) => [p.area, [Number(p.count), round(Number(p.avg), 2)]]),
    ),
  ]);
  const mismatches = pairs
    .filter(([, got, expected]) => JSON.stringify(sorted(got)) !== JSON.stringify(sorted(expected)))
    .map(
      ([name, got, expected]) => `${name}: report ${JSON.stringify(got)}, SQL ${JSON.stringify(expected)}`,
    );
  return { compared: pairs.length, mismatches };
}

/** Objects with their keys sorted, so that key order never counts as a difference. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sorted(v)]),
    );
  return value;
}
