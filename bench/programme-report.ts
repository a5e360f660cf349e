import { performance } from 'node:perf_hooks';
import type { Database } from '../src/db/connection.ts';
import { systemActor } from '../src/lib/actor.ts';
import { programmeReport } from '../src/modules/reports/programme-report.ts';
import { onEmbedded, onServer } from './databases.ts';
import type { BenchResult } from './run.ts';

const PEOPLE = Number(process.env.BENCH_REPORT_PEOPLE ?? 20_000);
const ORGANISATIONS = 10;
const PROGRAMMES = 5;
const RUNS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * A modest region, generated in SQL (the benchmark measures reading, not loading): 10 organisations, 5
 * programmes, PEOPLE people referred (with their referral step), as many devices, about 70 % of the people
 * equipped, internet aids for a third of them, one workshop of 8 sessions per programme with a tenth of
 * the people enrolled and their attendance, entry and exit assessments.
 */
async function seed(database: Database): Promise<string> {
  const q = (text: string, params: unknown[] = []) => database.pool.query(text, params);
  await q(
    `INSERT INTO organisations (name, kinds) SELECT 'Bench org ' || n, ARRAY['prescriber','refurbisher','funder']
     FROM generate_series(1, $1::int) n`,
    [ORGANISATIONS],
  );
  await q(
    `INSERT INTO programmes (owner_organisation_id, name, mode, starts_on, ends_on, targets)
     SELECT orgs.ids[1 + n % $2::int], 'Bench programme ' || n, 'sale', date '2025-01-01', date '2025-12-31',
            '{"beneficiaries": 5000, "devices": 5000}'::jsonb
     FROM generate_series(1, $1::int) n, (SELECT array_agg(id ORDER BY name) ids FROM organisations) orgs`,
    [PROGRAMMES, ORGANISATIONS],
  );
  await q(
    `INSERT INTO programme_subsidies (programme_id, funder_organisation_id, amount_cents)
     SELECT p.id, o.id, 2000 FROM programmes p CROSS JOIN (SELECT id FROM organisations ORDER BY name LIMIT 2) o`,
  );
  await q(
    `INSERT INTO beneficiaries (kind, referring_organisation_id, first_name, birth_year, household_type,
                                priority_zone, income_situation, city, target_group, last_activity_on)
     SELECT CASE WHEN n % 40 = 0 THEN 'association' ELSE 'person' END, orgs.ids[1 + n % $2::int], 'P' || n,
            1930 + n % 80, (ARRAY['single','single_parent','couple','couple_with_children','other'])[1 + n % 5],
            n % 3 = 0, (ARRAY['rsa','aah','low_income','none'])[1 + n % 4], 'Ville ' || (n % 60),
            (ARRAY['pupil','job_seeker','senior','household'])[1 + n % 4], current_date
     FROM generate_series(1, $1::int) n, (SELECT array_agg(id ORDER BY name) ids FROM organisations) orgs`,
    [PEOPLE, ORGANISATIONS],
  );
  await q(
    `INSERT INTO referrals (beneficiary_id, programme_id, referring_organisation_id, referred_on, status,
                            evaluated_on)
     SELECT b.id, progs.ids[1 + b.rn % $1::int], b.referring_organisation_id, date '2025-01-01' + (b.rn % 180)::int,
            CASE WHEN b.rn % 10 < 7 THEN 'equipped' WHEN b.rn % 10 = 7 THEN 'ineligible' ELSE 'eligible' END,
            current_date
     FROM (SELECT id, referring_organisation_id, row_number() OVER (ORDER BY first_name) rn FROM beneficiaries) b,
          (SELECT array_agg(id ORDER BY name) ids FROM programmes) progs`,
    [PROGRAMMES],
  );
  await q(
    `INSERT INTO beneficiary_events (beneficiary_id, referral_id, programme_id, kind, happened_on, to_status)
     SELECT beneficiary_id, id, programme_id, 'referred', referred_on,
            CASE WHEN status = 'ineligible' THEN 'ineligible' ELSE 'eligible' END
     FROM referrals`,
  );
  await q(
    `INSERT INTO devices (tag_number, asset_tag, organisation_id, type, status, weight_kg, os_image)
     SELECT n, 'BENCH-' || n, orgs.ids[1 + n % $2::int],
            (ARRAY['laptop','laptop','laptop','desktop','tablet','monitor'])[1 + n % 6], 'handed_over',
            CASE WHEN n % 4 = 0 THEN 1.5 + (n % 3) END, CASE WHEN n % 5 = 0 THEN 'Emmabuntüs 5' END
     FROM generate_series(1, $1::int) n, (SELECT array_agg(id ORDER BY name) ids FROM organisations) orgs`,
    [PEOPLE, ORGANISATIONS],
  );
  await q(
    `INSERT INTO allocations (programme_id, beneficiary_id, referral_id, device_id, device_organisation_id,
                              status, allocated_on, handed_over_on, payment_cents)
     SELECT r.programme_id, r.beneficiary_id, r.id, d.id, d.organisation_id, 'handed_over',
            r.referred_on, r.referred_on + 30, 3000
     FROM (SELECT r.*, row_number() OVER (ORDER BY r.id) rn FROM referrals r WHERE r.status = 'equipped') r
     JOIN (SELECT d.*, row_number() OVER (ORDER BY d.tag_number) rn FROM devices d) d ON d.rn = r.rn`,
  );
  await q(
    `INSERT INTO internet_aids (programme_id, beneficiary_id, amount_cents, months, granted_on, funder_id)
     SELECT a.programme_id, a.beneficiary_id, 15000, 6, a.handed_over_on,
            (SELECT id FROM organisations ORDER BY name LIMIT 1)
     FROM allocations a WHERE abs(hashtext(a.id::text)) % 3 = 0`,
  );
  await q(
    `INSERT INTO workshops (organisation_id, programme_id, title)
     SELECT owner_organisation_id, id, 'Premiers pas' FROM programmes`,
  );
  await q(
    `INSERT INTO workshop_sessions (workshop_id, starts_at, ends_at)
     SELECT w.id, timestamptz '2025-03-01 09:00+01' + k * interval '7 days',
            timestamptz '2025-03-01 12:00+01' + k * interval '7 days'
     FROM workshops w, generate_series(0, 7) k`,
  );
  await q(
    `INSERT INTO enrolments (workshop_id, beneficiary_id, enrolled_on, status)
     SELECT w.id, r.beneficiary_id, date '2025-02-20', 'enrolled'
     FROM referrals r JOIN workshops w ON w.programme_id = r.programme_id
     WHERE abs(hashtext(r.id::text)) % 10 = 0`,
  );
  await q(
    `INSERT INTO attendance (session_id, beneficiary_id, present)
     SELECT s.id, e.beneficiary_id, abs(hashtext(s.id::text || e.beneficiary_id::text)) % 10 < 8
     FROM enrolments e JOIN workshop_sessions s ON s.workshop_id = e.workshop_id`,
  );
  await q(
    `INSERT INTO skills_assessments (beneficiary_id, organisation_id, programme_id, stage, levels, autonomous,
                                     assessed_on)
     SELECT e.beneficiary_id, w.organisation_id, w.programme_id, st.stage,
            jsonb_build_object('information', st.base + abs(hashtext(e.id::text)) % 2, 'communication', st.base),
            st.stage = 'exit' AND abs(hashtext(e.id::text)) % 3 > 0, st.assessed
     FROM enrolments e JOIN workshops w ON w.id = e.workshop_id,
          (VALUES ('entry', 0, date '2025-02-20'), ('exit', 2, date '2025-05-01')) st(stage, base, assessed)`,
  );
  for (const table of [
    'programmes',
    'beneficiaries',
    'referrals',
    'beneficiary_events',
    'devices',
    'allocations',
    'internet_aids',
    'workshops',
    'workshop_sessions',
    'enrolments',
    'attendance',
    'skills_assessments',
  ])
    await q(`ANALYZE ${table}`);
  const programme = await q('SELECT id FROM programmes ORDER BY name LIMIT 1');
  return programme.rows[0].id;
}

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

async function measure(database: Database): Promise<{ report: number; baseline: number }> {
  const programmeId = await seed(database);
  const actor = systemActor();
  const period = { from: '2025-01-01', to: '2025-12-31' };
  // Warm both up once (plans, caches), then alternate so that both see the same machine.
  await programmeReport(database.db, actor, programmeId, period);
  await database.pool.query(BASELINE, [programmeId, period.from, period.to]);
  const report: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let start = performance.now();
    await programmeReport(database.db, actor, programmeId, period);
    report.push(performance.now() - start);
    start = performance.now();
    await database.pool.query(BASELINE, [programmeId, period.from, period.to]);
    baseline.push(performance.now() - start);
  }
  return { report: median(report), baseline: median(baseline) };
}

/** The programme report's median time against the baseline's, on PGlite and (with DATABASE_URL) PostgreSQL. */
export async function programmeReportBench(): Promise<BenchResult> {
  const pglite = await onEmbedded(measure);
  const details: Record<string, string | number> = {
    people: PEOPLE,
    programmes: PROGRAMMES,
    handoversInReport: `about ${Math.round((PEOPLE * 0.7) / PROGRAMMES)}`,
    runs: RUNS,
    pgliteReportMedianMs: pglite.report.toFixed(1),
    pgliteBaselineMedianMs: pglite.baseline.toFixed(1),
  };
  const pg = await onServer(measure);
  if (pg) {
    details.postgresReportMedianMs = pg.report.toFixed(1);
    details.postgresBaselineMedianMs = pg.baseline.toFixed(1);
  }
  const chosen = pg ?? pglite;
  return {
    name: `programme report over ${PEOPLE} people (SQL aggregates)`,
    comparison: pg
      ? 'PostgreSQL report median / hand-written one-statement SQL baseline median'
      : 'PGlite report median / hand-written SQL baseline median (set DATABASE_URL to measure PostgreSQL)',
    ratio: chosen.report / chosen.baseline,
    target: 'at most 1.5',
    details,
  };
}
