import { performance } from 'node:perf_hooks';
import type { Database } from '../src/db/connection.ts';
import { systemActor } from '../src/lib/actor.ts';
import { instanceTimeZone } from '../src/lib/dates.ts';
import { networkDashboard } from '../src/modules/reports/network-dashboard.ts';
import { onEmbedded, onServer } from './databases.ts';
import type { BenchResult } from './run.ts';

const DEVICES = Number(process.env.BENCH_NETWORK_DEVICES ?? 40_000);
const PEOPLE = Math.round(DEVICES / 2);
/** Organisations of the instance; the coordinator's network counts itself and 5 of them. */
const ORGANISATIONS = 50;
const MEMBERS = 5;
const RUNS = 15;
const PERIOD = { from: '2025-01-01', to: '2025-12-31' };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * An instance, generated in SQL (the benchmark measures reading, not loading): 50 organisations and a
 * coordinator whose network holds 5 of them, a programme per organisation, DEVICES devices over five years
 * (2021 to 2025, the dashboard reading 2025) with their events (received, diagnosed, refurbishing, ready; a tenth recycled), DEVICES / 2 people
 * of whom 70 % were handed a device, a workshop of 8 sessions per organisation with a tenth of the people
 * present, and anonymous activities.
 */
export async function seedNetwork(database: Database): Promise<string> {
  const q = (text: string, params: unknown[] = []) => database.pool.query(text, params);
  await q(
    `INSERT INTO organisations (name, kinds)
     SELECT 'Bench org ' || lpad(n::text, 3, '0'), ARRAY['prescriber','refurbisher','trainer']
     FROM generate_series(1, $1::int) n`,
    [ORGANISATIONS],
  );
  const coordinator = await q(
    `INSERT INTO organisations (name, kinds) VALUES ('Bench coordinator', ARRAY['coordinator']) RETURNING id`,
  );
  const coordinatorId: string = coordinator.rows[0].id;
  await q(
    `INSERT INTO network_members (coordinator_organisation_id, organisation_id, coordinator_agreed_at, member_agreed_at)
     SELECT $1::uuid, id, now(), now() FROM organisations WHERE name LIKE 'Bench org %' ORDER BY name LIMIT $2::int`,
    [coordinatorId, MEMBERS],
  );
  await q(
    `INSERT INTO programmes (owner_organisation_id, name, mode, starts_on, ends_on)
     SELECT id, 'Bench programme ' || name, (ARRAY['sale','loan','donation'])[1 + row_number() OVER (ORDER BY name) % 3],
            date '2021-01-01', date '2025-12-31'
     FROM organisations WHERE name LIKE 'Bench org %'`,
  );
  await q(
    `INSERT INTO devices (tag_number, asset_tag, organisation_id, type, status, weight_kg)
     SELECT n, 'NET-' || n, orgs.ids[1 + n % $2::int],
            (ARRAY['laptop','laptop','laptop','desktop','tablet','monitor'])[1 + n % 6],
            CASE WHEN n % 10 = 0 THEN 'recycled' WHEN n % 10 < 8 THEN 'handed_over' ELSE 'ready' END,
            CASE WHEN n % 4 = 0 THEN 1.5 + (n % 3) END
     FROM generate_series(1, $1::int) n,
          (SELECT array_agg(id ORDER BY name) ids FROM organisations WHERE name LIKE 'Bench org %') orgs`,
    [DEVICES, ORGANISATIONS],
  );
  await q(
    `INSERT INTO device_events (device_id, organisation_id, at, kind, from_status, to_status)
     SELECT d.id, d.organisation_id, timestamptz '2021-01-01 10:00+01' + ((d.tag_number * 7919) % 1800) * interval '1 day' + s.days * interval '1 day',
            s.kind, s.from_status, s.to_status
     FROM devices d,
          (VALUES ('received', NULL, 'received', 0), ('status', 'received', 'diagnosed', 1),
                  ('status', 'diagnosed', 'refurbishing', 2), ('status', 'refurbishing', 'ready', 5))
            s(kind, from_status, to_status, days)`,
  );
  await q(
    `INSERT INTO device_events (device_id, organisation_id, at, kind, from_status, to_status)
     SELECT d.id, d.organisation_id, timestamptz '2021-01-01 10:00+01' + ((d.tag_number * 7919) % 1800 + 20) * interval '1 day',
            'status', 'to_recycle', 'recycled'
     FROM devices d WHERE d.status = 'recycled'`,
  );
  await q(
    `INSERT INTO beneficiaries (kind, referring_organisation_id, first_name, birth_year, city, target_group, last_activity_on)
     SELECT CASE WHEN n % 40 = 0 THEN 'association' ELSE 'person' END, orgs.ids[1 + n % $2::int], 'P' || n,
            1930 + n % 80, 'Ville ' || (n % 60),
            (ARRAY['pupil','job_seeker','senior','household','association'])[1 + n % 5], current_date
     FROM generate_series(1, $1::int) n,
          (SELECT array_agg(id ORDER BY name) ids FROM organisations WHERE name LIKE 'Bench org %') orgs`,
    [PEOPLE, ORGANISATIONS],
  );
  await q(
    `INSERT INTO referrals (beneficiary_id, programme_id, referring_organisation_id, referred_on, status, evaluated_on)
     SELECT b.id, p.id, b.referring_organisation_id, date '2021-01-01', 'equipped', current_date
     FROM beneficiaries b JOIN programmes p ON p.owner_organisation_id = b.referring_organisation_id`,
  );
  // 70 % of the people are handed one of their organisation's devices, on the device's ready day + 10.
  await q(
    `INSERT INTO allocations (programme_id, beneficiary_id, referral_id, device_id, device_organisation_id,
                              status, allocated_on, handed_over_on)
     SELECT r.programme_id, r.beneficiary_id, r.id, d.id, d.organisation_id, 'handed_over',
            date '2021-01-01' + ((d.tag_number * 7919) % 1800)::int + 10, date '2021-01-01' + ((d.tag_number * 7919) % 1800)::int + 10
     FROM (SELECT r.*, b.referring_organisation_id AS org, row_number() OVER (PARTITION BY b.referring_organisation_id ORDER BY r.id) rn
           FROM referrals r JOIN beneficiaries b ON b.id = r.beneficiary_id) r
     JOIN (SELECT d.*, row_number() OVER (PARTITION BY d.organisation_id ORDER BY d.tag_number) rn
           FROM devices d WHERE d.status = 'handed_over') d ON d.organisation_id = r.org AND d.rn = r.rn
     WHERE r.rn % 10 < 7`,
  );
  await q(
    `INSERT INTO workshops (organisation_id, programme_id, title)
     SELECT owner_organisation_id, id, 'Premiers pas' FROM programmes`,
  );
  await q(
    `INSERT INTO workshop_sessions (workshop_id, starts_at, ends_at)
     SELECT w.id, timestamptz '2025-03-03 09:00+01' + k * interval '7 days',
            timestamptz '2025-03-03 12:00+01' + k * interval '7 days'
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
    `INSERT INTO anonymous_activities (organisation_id, held_on, duration_minutes, participants, place_type)
     SELECT o.id, date '2021-01-01' + (k * 13) % 1800, 120, 3 + k % 20, 'venue'
     FROM organisations o, generate_series(1, 50) k WHERE o.name LIKE 'Bench org %'`,
  );
  for (const table of [
    'organisations',
    'network_members',
    'programmes',
    'devices',
    'device_events',
    'beneficiaries',
    'referrals',
    'allocations',
    'workshops',
    'workshop_sessions',
    'enrolments',
    'attendance',
    'anonymous_activities',
  ])
    await q(`ANALYZE ${table}`);
  return coordinatorId;
}

/**
 * The same figures as the dashboard, written by hand as one statement: stock by status and type, the
 * month's intakes, refurbishments and recycling, handovers by month, type and weight (for the flows and
 * the impact), people equipped by group and mode, sessions held, people trained and anonymous activities.
 */
export const NETWORK_BASELINE = `
WITH scope AS (
  SELECT $1::uuid AS id
  UNION SELECT organisation_id FROM network_members
  WHERE coordinator_organisation_id = $1::uuid AND coordinator_agreed_at IS NOT NULL AND member_agreed_at IS NOT NULL
),
bounds AS (
  SELECT ($2::date::timestamp AT TIME ZONE $4) AS start, (($3::date + 1)::timestamp AT TIME ZONE $4) AS stop
),
h AS (
  SELECT a.beneficiary_id, a.handed_over_on, a.device_organisation_id, a.programme_id, a.device_id
  FROM allocations a
  WHERE a.status = 'handed_over' AND a.handed_over_on BETWEEN $2::date AND $3::date
),
equipped AS (
  SELECT h.beneficiary_id, b.target_group, p.mode FROM h
  JOIN programmes p ON p.id = h.programme_id JOIN beneficiaries b ON b.id = h.beneficiary_id
  WHERE p.owner_organisation_id IN (SELECT id FROM scope)
)
SELECT
  (SELECT json_agg(x) FROM (SELECT status, type, count(*) FROM devices
     WHERE organisation_id IN (SELECT id FROM scope) GROUP BY 1, 2) x) AS stock,
  (SELECT json_agg(x) FROM (SELECT to_char(e.at AT TIME ZONE $4, 'YYYY-MM') AS month,
       count(*) FILTER (WHERE e.kind = 'received') AS received,
       count(*) FILTER (WHERE e.kind = 'status' AND e.to_status = 'ready') AS ready,
       count(*) FILTER (WHERE e.kind = 'status' AND e.to_status = 'recycled') AS recycled
     FROM device_events e, bounds
     WHERE e.organisation_id IN (SELECT id FROM scope) AND e.at >= bounds.start AND e.at < bounds.stop
       AND (e.kind = 'received' OR e.to_status IN ('ready', 'recycled'))
     GROUP BY 1) x) AS flows,
  (SELECT json_agg(x) FROM (SELECT to_char(h.handed_over_on, 'YYYY-MM') AS month, d.type, d.weight_kg, count(*)
     FROM h JOIN devices d ON d.id = h.device_id
     WHERE h.device_organisation_id IN (SELECT id FROM scope) GROUP BY 1, 2, 3) x) AS handovers,
  (SELECT count(DISTINCT beneficiary_id) FROM equipped) AS equipped,
  (SELECT json_object_agg(target_group, n) FROM (SELECT target_group, count(DISTINCT beneficiary_id) n
     FROM equipped GROUP BY 1) g) AS by_group,
  (SELECT json_object_agg(mode, n) FROM (SELECT mode, count(DISTINCT beneficiary_id) n
     FROM equipped GROUP BY 1) m) AS by_mode,
  (SELECT json_build_object('sessions', count(DISTINCT s.id), 'people', count(DISTINCT k.beneficiary_id))
     FROM workshop_sessions s JOIN workshops w ON w.id = s.workshop_id
     JOIN attendance k ON k.session_id = s.id AND k.present, bounds
     WHERE w.organisation_id IN (SELECT id FROM scope) AND s.cancelled_at IS NULL
       AND s.starts_at >= bounds.start AND s.starts_at < bounds.stop) AS training,
  (SELECT json_build_object('activities', count(*), 'participants', coalesce(sum(participants), 0))
     FROM anonymous_activities
     WHERE organisation_id IN (SELECT id FROM scope) AND held_on BETWEEN $2::date AND $3::date) AS activities
`;

async function measure(database: Database): Promise<{ dashboard: number; baseline: number }> {
  const coordinatorId = await seedNetwork(database);
  const actor = systemActor();
  const params = [coordinatorId, PERIOD.from, PERIOD.to, instanceTimeZone()];
  // Warm both up once (plans, caches), then alternate so that both see the same machine.
  await networkDashboard(database.db, actor, coordinatorId, PERIOD);
  await database.pool.query(NETWORK_BASELINE, params);
  const dashboard: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let start = performance.now();
    await networkDashboard(database.db, actor, coordinatorId, PERIOD);
    dashboard.push(performance.now() - start);
    start = performance.now();
    await database.pool.query(NETWORK_BASELINE, params);
    baseline.push(performance.now() - start);
  }
  return { dashboard: median(dashboard), baseline: median(baseline) };
}

/** The network dashboard's median time against the baseline's, on PGlite and (with DATABASE_URL) PostgreSQL. */
export async function networkDashboardBench(): Promise<BenchResult> {
  const pglite = await onEmbedded(measure);
  const details: Record<string, string | number> = {
    devices: DEVICES,
    people: PEOPLE,
    organisations: ORGANISATIONS,
    inNetwork: MEMBERS + 1,
    runs: RUNS,
    pgliteDashboardMedianMs: pglite.dashboard.toFixed(1),
    pgliteBaselineMedianMs: pglite.baseline.toFixed(1),
  };
  const pg = await onServer(measure);
  if (pg) {
    details.postgresDashboardMedianMs = pg.dashboard.toFixed(1);
    details.postgresBaselineMedianMs = pg.baseline.toFixed(1);
  }
  const chosen = pg ?? pglite;
  return {
    name: `network dashboard over ${DEVICES} devices (SQL aggregates)`,
    comparison: pg
      ? 'PostgreSQL dashboard median / hand-written one-statement SQL baseline median'
      : 'PGlite dashboard median / hand-written SQL baseline median (set DATABASE_URL to measure PostgreSQL)',
    ratio: chosen.dashboard / chosen.baseline,
    target: 'at most 1.5',
    details,
  };
}
