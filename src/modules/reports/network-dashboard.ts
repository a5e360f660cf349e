import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { instanceTimeZone } from '../../lib/dates.ts';
import { invalidField } from '../../lib/errors.ts';
import { IMPACT_METHOD } from '../../lib/impact.ts';
import { DEVICE_STATUSES, DEVICE_TYPES, type DeviceStatus, type DeviceType } from '../../lib/vocabulary.ts';
import { PROGRAMME_MODES, TARGET_GROUPS } from '../programmes/vocabulary.ts';
import {
  type DeviceGroup,
  impactOfGroups,
  maskPeople,
  monthsBetween,
  periodInstants,
} from './network-common.ts';
import { coordinatorProfile, networkOrganisations } from './network-members.ts';
import { reportPermissions } from './network-permissions.ts';
import {
  type NetworkDashboard,
  type PeopleCount,
  SMALL_COUNT,
  SMALL_COUNT_THRESHOLD,
} from './network-types.ts';
import { type Breakdown, suppressSmallCounts } from './small-counts.ts';

/**
 * The organisations a coordinator's figures cover: itself and the members whose membership both sides
 * agreed to, read at query time (an organisation that left stops being counted at once). Returned as a
 * list of constants for the queries that follow: the planner then reads each organisation's rows from
 * its indexes (the device events' flows index) instead of scanning every organisation's.
 */
async function networkScope(db: Executor, coordinatorId: string): Promise<SQL> {
  const { rows } = await db.execute<{ id: string }>(sql`
    SELECT ${coordinatorId}::uuid AS id
    UNION SELECT organisation_id FROM network_members
    WHERE coordinator_organisation_id = ${coordinatorId}::uuid
      AND coordinator_agreed_at IS NOT NULL AND member_agreed_at IS NOT NULL`);
  return sql`(${sql.join(
    rows.map((r) => sql`${r.id}::uuid`),
    sql`, `,
  )})`;
}

const int = (value: unknown): number => Number(value ?? 0);

async function stock(db: Executor, scope: SQL) {
  const { rows } = await db.execute<{ status: DeviceStatus; type: DeviceType; count: string }>(sql`
    SELECT status, type, count(*) AS count FROM devices
    WHERE organisation_id IN ${scope}
    GROUP BY status, type`);
  const byStatusAndType = rows
    .map((r) => ({ status: r.status, type: r.type, count: int(r.count) }))
    .sort(
      (a, b) =>
        DEVICE_STATUSES.indexOf(a.status) - DEVICE_STATUSES.indexOf(b.status) ||
        DEVICE_TYPES.indexOf(a.type) - DEVICE_TYPES.indexOf(b.type),
    );
  const sum = (keep: (r: (typeof byStatusAndType)[number]) => boolean) =>
    byStatusAndType.filter(keep).reduce((total, r) => total + r.count, 0);
  return {
    total: sum(() => true),
    byStatus: DEVICE_STATUSES.map((status) => ({ status, count: sum((r) => r.status === status) })),
    byType: DEVICE_TYPES.map((type) => ({ type, count: sum((r) => r.type === type) })),
    byStatusAndType,
  };
}

async function flows(
  db: Executor,
  scope: SQL,
  from: string,
  to: string,
  handovers: Promise<HandoverGroup[]>,
) {
  const tz = instanceTimeZone();
  const { start, end } = periodInstants(from, to, tz);
  // Intake, refurbishment and recycling are device events (instants, in the instance's time zone). Each
  // event finds its month by a binary search among the months' first instants (width_bucket), which costs
  // far less than converting every event's instant to the time zone.
  const events = await db.execute<{ bucket: number; received: string; ready: string; recycled: string }>(sql`
    SELECT width_bucket(e.at, (
        SELECT array_agg(d AT TIME ZONE ${tz} ORDER BY d)
        FROM generate_series(date_trunc('month', ${from}::date::timestamp), ${to}::date::timestamp, interval '1 month') d
      )) AS bucket,
      count(*) FILTER (WHERE e.kind = 'received') AS received,
      count(*) FILTER (WHERE e.kind = 'status' AND e.to_status = 'ready') AS ready,
      count(*) FILTER (WHERE e.kind = 'status' AND e.to_status = 'recycled') AS recycled
    FROM device_events e
    WHERE e.organisation_id IN ${scope} AND e.at >= ${start} AND e.at < ${end}
      AND (e.kind = 'received' OR e.to_status IN ('ready', 'recycled'))
    GROUP BY 1`);
  const names = monthsBetween(from, to);
  const byMonth = new Map(events.rows.map((r) => [names[Number(r.bucket) - 1], r]));
  const handedOver = new Map<string, number>();
  for (const h of await handovers) handedOver.set(h.month, (handedOver.get(h.month) ?? 0) + h.count);
  const months = names.map((month) => {
    const e = byMonth.get(month);
    return {
      month,
      received: int(e?.received),
      ready: int(e?.ready),
      handedOver: handedOver.get(month) ?? 0,
      recycled: int(e?.recycled),
    };
  });
  const total = (key: 'received' | 'ready' | 'handedOver' | 'recycled') =>
    months.reduce((sum, m) => sum + m[key], 0);
  return {
    flows: months,
    flowTotals: {
      received: total('received'),
      ready: total('ready'),
      handedOver: total('handedOver'),
      recycled: total('recycled'),
    },
  };
}

/** Handovers of the period of devices these organisations hold, by month, type and weight. */
interface HandoverGroup extends DeviceGroup {
  month: string;
}

/**
 * The handovers of the period, counted on their day of record (so a handover taken back no longer
 * counts), in groups that serve both the monthly flows and the impact.
 */
async function handoverGroups(db: Executor, scope: SQL, from: string, to: string): Promise<HandoverGroup[]> {
  const { rows } = await db.execute<{
    month: string;
    type: DeviceType;
    weight_kg: number | null;
    count: string;
  }>(sql`
    SELECT to_char(a.handed_over_on, 'YYYY-MM') AS month, d.type, d.weight_kg, count(*) AS count
    FROM allocations a JOIN devices d ON d.id = a.device_id
    WHERE a.status = 'handed_over' AND a.device_organisation_id IN ${scope}
      AND a.handed_over_on BETWEEN ${from}::date AND ${to}::date
    GROUP BY 1, 2, 3`);
  return rows.map((r) => ({ month: r.month, type: r.type, weightKg: r.weight_kg, count: int(r.count) }));
}

async function people(db: Executor, scope: SQL, from: string, to: string) {
  // One FILTER column per group and mode: the vocabularies are constants, so the aliases are safe.
  const columns = [
    ...TARGET_GROUPS.map(
      (g) =>
        sql`, count(DISTINCT a.beneficiary_id) FILTER (WHERE b.target_group = ${g}) AS ${sql.raw(`"group_${g}"`)}`,
    ),
    ...PROGRAMME_MODES.map(
      (m) =>
        sql`, count(DISTINCT a.beneficiary_id) FILTER (WHERE p.mode = ${m}) AS ${sql.raw(`"mode_${m}"`)}`,
    ),
  ];
  const { rows } = await db.execute<Record<string, string>>(sql`
    SELECT count(DISTINCT a.beneficiary_id) AS equipped ${sql.join(columns, sql``)}
    FROM allocations a
    JOIN programmes p ON p.id = a.programme_id
    JOIN beneficiaries b ON b.id = a.beneficiary_id
    WHERE a.status = 'handed_over' AND p.owner_organisation_id IN ${scope}
      AND a.handed_over_on BETWEEN ${from}::date AND ${to}::date`);
  const row = rows[0] ?? {};
  return {
    equipped: int(row.equipped),
    byGroup: TARGET_GROUPS.map((group) => ({ group, equipped: int(row[`group_${group}`]) })),
    byMode: PROGRAMME_MODES.map((mode) => ({ mode, equipped: int(row[`mode_${mode}`]) })),
  };
}

type ExactPeople = Awaited<ReturnType<typeof people>>;
type ExactFlows = Awaited<ReturnType<typeof flows>>;

/**
 * The cells of the dashboard that count people, and the breakdowns they form: the people equipped by
 * target group (every beneficiary has one) and by mode (a person in two modes counts in each: treated as
 * a breakdown all the same, which can only hide more), and the handovers month by month.
 */
export function dashboardCells(
  peopleFigures: ExactPeople,
  flowFigures: Pick<ExactFlows, 'flows' | 'flowTotals'>,
): { values: Map<string, number>; breakdowns: Breakdown[] } {
  const values = new Map<string, number>([['equipped', peopleFigures.equipped]]);
  for (const g of peopleFigures.byGroup) values.set(`group:${g.group}`, g.equipped);
  for (const m of peopleFigures.byMode) values.set(`mode:${m.mode}`, m.equipped);
  values.set('handedOver', flowFigures.flowTotals.handedOver);
  for (const f of flowFigures.flows) values.set(`month:${f.month}`, f.handedOver);
  return {
    values,
    breakdowns: [
      { total: 'equipped', parts: peopleFigures.byGroup.map((g) => `group:${g.group}`) },
      { total: 'equipped', parts: peopleFigures.byMode.map((m) => `mode:${m.mode}`) },
      { total: 'handedOver', parts: flowFigures.flows.map((f) => `month:${f.month}`) },
    ],
  };
}

/** The people figures and the monthly handovers with small counts and their complements masked. */
function maskDashboard(peopleFigures: ExactPeople, flowFigures: ExactFlows) {
  const { values, breakdowns } = dashboardCells(peopleFigures, flowFigures);
  const masked = suppressSmallCounts(values, breakdowns);
  const show = (key: string, count: number): PeopleCount => (masked.has(key) ? SMALL_COUNT : count);
  return {
    people: {
      equipped: show('equipped', peopleFigures.equipped),
      byGroup: peopleFigures.byGroup.map((g) => ({
        group: g.group,
        equipped: show(`group:${g.group}`, g.equipped),
      })),
      byMode: peopleFigures.byMode.map((m) => ({
        mode: m.mode,
        equipped: show(`mode:${m.mode}`, m.equipped),
      })),
    },
    flows: flowFigures.flows.map((f) => ({ ...f, handedOver: show(`month:${f.month}`, f.handedOver) })),
    flowTotals: {
      ...flowFigures.flowTotals,
      handedOver: show('handedOver', flowFigures.flowTotals.handedOver),
    },
  };
}

async function training(db: Executor, scope: SQL, from: string, to: string) {
  const { start, end } = periodInstants(from, to, instanceTimeZone());
  const sessions = await db.execute<{ sessions_held: string; people_trained: string }>(sql`
    SELECT count(DISTINCT s.id) AS sessions_held, count(DISTINCT k.beneficiary_id) AS people_trained
    FROM workshop_sessions s
    JOIN workshops w ON w.id = s.workshop_id
    JOIN attendance k ON k.session_id = s.id AND k.present
    WHERE w.organisation_id IN ${scope} AND s.cancelled_at IS NULL
      AND s.starts_at >= ${start} AND s.starts_at < ${end}`);
  const activities = await db.execute<{ activities: string; participants: string }>(sql`
    SELECT count(*) AS activities, coalesce(sum(participants), 0) AS participants
    FROM anonymous_activities
    WHERE organisation_id IN ${scope} AND held_on BETWEEN ${from}::date AND ${to}::date`);
  const s = sessions.rows[0];
  const a = activities.rows[0];
  return {
    sessionsHeld: int(s?.sessions_held),
    peopleTrained: maskPeople(int(s?.people_trained)),
    anonymousActivities: int(a?.activities),
    anonymousParticipants: maskPeople(int(a?.participants)),
  };
}

/** The longest period the dashboard covers: ten years of months. */
export const MAX_DASHBOARD_MONTHS = 120;

function lastDayOfMonth(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * The dashboard's period, checked: whole months only (from the 1st of a month to the last day of a month),
 * so that two periods a day apart cannot be subtracted to single out one day's people; at most
 * `MAX_DASHBOARD_MONTHS` months; never reversed (a `from` after the default end is refused, not turned
 * into an empty period). 400 naming the field otherwise.
 */
export function checkDashboardPeriod(period: { from: string; to: string }): { from: string; to: string } {
  const { from, to } = period;
  if (to < from) throw invalidField('to', 'reports.period_reversed', { from, to });
  if (!from.endsWith('-01')) throw invalidField('from', 'reports.period_month_start', { from });
  if (to !== lastDayOfMonth(to)) throw invalidField('to', 'reports.period_month_end', { to });
  const [fromY, fromM] = from.split('-').map(Number) as [number, number];
  const [toY, toM] = to.split('-').map(Number) as [number, number];
  if ((toY - fromY) * 12 + (toM - fromM) + 1 > MAX_DASHBOARD_MONTHS)
    throw invalidField('to', 'reports.period_too_long', { maxMonths: MAX_DASHBOARD_MONTHS });
  return { from, to };
}

/**
 * The network dashboard: aggregates over the coordinator and the organisations of its network, for the
 * coordinator's readers (404 for anyone else). Counts of people below five are shown as "<5", with the
 * complements that stop them being worked out by subtraction (see `small-counts.ts`); nothing here selects
 * a name or a person's id.
 */
export async function networkDashboard(
  db: Executor,
  actor: Actor,
  coordinatorId: string,
  period: { from: string; to: string },
): Promise<NetworkDashboard> {
  reportPermissions.authorize(actor, 'report.read', coordinatorId);
  const coordinator = await coordinatorProfile(db, coordinatorId);
  const { from, to } = checkDashboardPeriod(period);
  const scope = await networkScope(db, coordinatorId);
  const handovers = handoverGroups(db, scope, from, to);
  const [organisations, stockFigures, flowFigures, peopleFigures, trainingFigures, impactFigures] =
    await Promise.all([
      networkOrganisations(db, coordinatorId),
      stock(db, scope),
      flows(db, scope, from, to, handovers),
      people(db, scope, from, to),
      training(db, scope, from, to),
      handovers.then(impactOfGroups),
    ]);
  return {
    coordinator: { id: coordinator.id, name: coordinator.name },
    period: { from, to },
    organisations,
    stock: stockFigures,
    ...maskDashboard(peopleFigures, flowFigures),
    training: trainingFigures,
    impact: { ...impactFigures, method: IMPACT_METHOD[actor.locale] },
    masking: { threshold: SMALL_COUNT_THRESHOLD, shownAs: SMALL_COUNT },
  };
}
