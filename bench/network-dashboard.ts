import type { Database } from '../src/db/connection.ts';
import { systemActor } from '../src/lib/actor.ts';
import { instanceTimeZone } from '../src/lib/dates.ts';
import { impactOfGroups } from '../src/modules/reports/network-common.ts';
import { networkDashboard } from '../src/modules/reports/network-dashboard.ts';
import { type NetworkDashboard, SMALL_COUNT } from '../src/modules/reports/network-types.ts';
import type { Bench, BenchLine, BenchOptions } from './format.ts';
import { alternate, dataBackends, percentile, regionDatabase, round } from './region.ts';

const RUNS = 15;
const PERIOD = { from: '2025-01-01', to: '2025-12-31' };

/**
 * The network dashboard of the generated region's coordinator (its network: the 8 refurbishers and half
 * of the prescribers) for 2025, against a hand-written one-statement SQL computing the same figures,
 * median of alternate runs, on PGlite and PostgreSQL; every figure must equal the baseline's (cells the
 * dashboard masks as "<5" are not compared).
 */
export const networkDashboardBench: Bench = async (options: BenchOptions) => {
  const lines: BenchLine[] = [];
  for (const backend of dataBackends()) {
    const database = await regionDatabase(backend, options.scale);
    if (!database) continue;
    const m = await measure(database);
    lines.push({
      name: 'network-dashboard',
      backend,
      value: round(m.dashboard),
      unit: 'ms',
      baseline: round(m.baseline),
      ratio: round(m.dashboard / m.baseline),
      target: backend === 'postgres' ? '≤ 1.5, and < 500 ms' : '≤ 1.5',
      comparison: `networkDashboard (2025, ${m.organisations} organisations, ${m.stock} devices held) vs one hand-written SQL statement of the same figures, medians of ${RUNS} alternate runs`,
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
 * The same figures as the dashboard, written by hand as one statement: stock by status and type, the
 * month's intakes, refurbishments and recycling, handovers by month, type and weight (for the flows and
 * the impact), people equipped by group and mode, sessions held, people trained and anonymous activities.
 */
const NETWORK_BASELINE = `
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

async function measure(database: Database) {
  const coordinator = await database.pool.query<{ id: string }>(
    `SELECT id FROM organisations WHERE 'coordinator' = ANY(kinds) ORDER BY name LIMIT 1`,
  );
  const coordinatorId = coordinator.rows[0]?.id as string;
  const actor = systemActor();
  const params = [coordinatorId, PERIOD.from, PERIOD.to, instanceTimeZone()];
  const runs = await alternate(
    RUNS,
    () => networkDashboard(database.db, actor, coordinatorId, PERIOD),
    () => database.pool.query(NETWORK_BASELINE, params),
  );
  const d = runs.lastA;
  const { compared, mismatches } = compare(d, runs.lastB.rows[0] as Baseline);
  return {
    dashboard: percentile(runs.a, 50),
    baseline: percentile(runs.b, 50),
    organisations: d.organisations.length,
    stock: d.stock.total,
    compared,
    mismatches,
    sample: `received ${d.flowTotals.received}, handed over ${d.flowTotals.handedOver}, equipped ${d.people.equipped}, sessions ${d.training.sessionsHeld}, people trained ${d.training.peopleTrained}`,
  };
}

interface Baseline {
  stock: { status: string; type: string; count: number }[] | null;
  flows: { month: string; received: number; ready: number; recycled: number }[] | null;
  handovers: { month: string; type: string; weight_kg: number | null; count: number }[] | null;
  equipped: number;
  by_group: Record<string, number> | null;
  by_mode: Record<string, number> | null;
  training: { sessions: number; people: number };
  activities: { activities: number; participants: number };
}

/** Every figure the baseline computes, beside the dashboard's; a difference is a wrong figure. */
function compare(d: NetworkDashboard, b: Baseline): { compared: number; mismatches: string[] } {
  const pairs: [string, unknown, unknown][] = [];
  const add = (name: string, got: unknown, expected: unknown) => {
    if (got !== SMALL_COUNT) pairs.push([name, got, Number(expected ?? 0)]);
  };
  const stock = new Map((b.stock ?? []).map((s) => [`${s.status}/${s.type}`, Number(s.count)]));
  for (const s of d.stock.byStatusAndType)
    add(`stock ${s.status}/${s.type}`, s.count, stock.get(`${s.status}/${s.type}`));
  add('stock cells', d.stock.byStatusAndType.length, stock.size);
  const flows = new Map((b.flows ?? []).map((f) => [f.month, f]));
  const handed = new Map<string, number>();
  for (const h of b.handovers ?? []) handed.set(h.month, (handed.get(h.month) ?? 0) + Number(h.count));
  for (const month of d.flows) {
    const f = flows.get(month.month);
    add(`${month.month} received`, month.received, f?.received);
    add(`${month.month} ready`, month.ready, f?.ready);
    add(`${month.month} recycled`, month.recycled, f?.recycled);
    add(`${month.month} handed over`, month.handedOver, handed.get(month.month));
  }
  add('equipped', d.people.equipped, b.equipped);
  for (const g of d.people.byGroup) add(`group ${g.group}`, g.equipped, b.by_group?.[g.group]);
  for (const m of d.people.byMode) add(`mode ${m.mode}`, m.equipped, b.by_mode?.[m.mode]);
  add('sessions held', d.training.sessionsHeld, b.training.sessions);
  add('people trained', d.training.peopleTrained, b.training.people);
  add('anonymous activities', d.training.anonymousActivities, b.activities.activities);
  add('anonymous participants', d.training.anonymousParticipants, b.activities.participants);
  const impact = impactOfGroups(
    (b.handovers ?? []).map((h) => ({
      type: h.type as never,
      weightKg: h.weight_kg === null ? null : Number(h.weight_kg),
      count: Number(h.count),
    })),
  );
  add('CO2e avoided (kg)', round(d.impact.co2eAvoidedKg, 3), round(impact.co2eAvoidedKg, 3));
  add('WEEE avoided (kg)', round(d.impact.weeeAvoidedKg, 3), round(impact.weeeAvoidedKg, 3));
  const mismatches = pairs
    .filter(([, got, expected]) => got !== expected)
    .map(([name, got, expected]) => `${name}: dashboard ${got}, SQL ${expected}`);
  return { compared: pairs.length, mismatches };
}
