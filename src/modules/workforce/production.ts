/**
 * What technicians did, read from the facts the inventory already records (never typed twice):
 * - diagnosed: a status event to `diagnosed` (received → diagnosed, or returned → diagnosed) they signed;
 * - wiped: an erasure record they recorded (`erasures.operatorUserId`; its `erasure` device event is the
 *   same act, so it is not counted again);
 * - refurbished: a status event to `refurbishing` they signed, from any status but `ready` (diagnosed,
 *   returned or to_recycle → refurbishing is the start of the repair work; ready → refurbishing is a step
 *   back after a failed check, not a new refurbishing);
 * - quality-checked: a status event refurbishing → ready they signed: the final check, which the inventory
 *   only allows once every disk has a passed erasure (see `lifecycle.ts`).
 * Days are taken in the instance's time zone; weeks run Monday to Sunday.
 */
import { and, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { instanceTimeZone } from '../../lib/dates.ts';
import { deviceEvents, erasures } from '../inventory/schema.ts';
import type { StepMinutes } from './schema.ts';
import { mondayOf } from './weeks.ts';

export type Step = keyof StepMinutes;
export const STEPS: readonly Step[] = ['diagnosed', 'wiped', 'refurbished', 'qualityChecked'];
export type Production = Record<Step, number>;

export const noProduction = (): Production => ({ diagnosed: 0, wiped: 0, refurbished: 0, qualityChecked: 0 });

export interface DayProduction extends Production {
  userId: string;
  day: string;
}

/** Each person's production per day between two days (inclusive), in one organisation. */
export async function productionByDay(
  db: Executor,
  organisationId: string,
  userIds: string[],
  from: string,
  to: string,
): Promise<DayProduction[]> {
  if (userIds.length === 0) return [];
  const tz = instanceTimeZone();
  const eventDay = sql<string>`to_char(${deviceEvents.at} at time zone ${tz}, 'YYYY-MM-DD')`;
  const events = await db
    .select({
      userId: sql<string>`${deviceEvents.actorUserId}`,
      day: eventDay,
      diagnosed: sql<number>`count(*) filter (where ${deviceEvents.toStatus} = 'diagnosed')::int`,
      refurbished: sql<number>`count(*) filter (where ${deviceEvents.toStatus} = 'refurbishing'
        and ${deviceEvents.fromStatus} is distinct from 'ready')::int`,
      qualityChecked: sql<number>`count(*) filter (where ${deviceEvents.fromStatus} = 'refurbishing'
        and ${deviceEvents.toStatus} = 'ready')::int`,
    })
    .from(deviceEvents)
    .where(
      and(
        eq(deviceEvents.organisationId, organisationId),
        eq(deviceEvents.kind, 'status'),
        isNotNull(deviceEvents.actorUserId),
        inArray(deviceEvents.actorUserId, userIds),
        // A day's window with a margin, then the exact local day below.
        gte(deviceEvents.at, sql`(${from}::date - 1)::timestamptz`),
        lte(deviceEvents.at, sql`(${to}::date + 2)::timestamptz`),
      ),
    )
    .groupBy(sql`1, 2`); // by position: the day's expression carries a parameter
  const erasureDay = sql<string>`to_char(${erasures.performedAt} at time zone ${tz}, 'YYYY-MM-DD')`;
  const wipes = await db
    .select({
      userId: sql<string>`${erasures.operatorUserId}`,
      day: erasureDay,
      wiped: sql<number>`count(*)::int`,
    })
    .from(erasures)
    .where(
      and(
        eq(erasures.organisationId, organisationId),
        isNotNull(erasures.operatorUserId),
        inArray(erasures.operatorUserId, userIds),
        gte(erasures.performedAt, sql`(${from}::date - 1)::timestamptz`),
        lte(erasures.performedAt, sql`(${to}::date + 2)::timestamptz`),
      ),
    )
    .groupBy(sql`1, 2`);
  const byKey = new Map<string, DayProduction>();
  const at = (userId: string, day: string) => {
    const key = `${userId} ${day}`;
    let row = byKey.get(key);
    if (!row) {
      row = { userId, day, ...noProduction() };
      byKey.set(key, row);
    }
    return row;
  };
  for (const e of events) {
    if (e.day < from || e.day > to) continue;
    const row = at(e.userId, e.day);
    row.diagnosed += e.diagnosed;
    row.refurbished += e.refurbished;
    row.qualityChecked += e.qualityChecked;
  }
  for (const w of wipes) if (w.day >= from && w.day <= to) at(w.userId, w.day).wiped += w.wiped;
  return [...byKey.values()];
}

/** Adds a day's production to a total. */
export function addProduction(total: Production, more: Production): Production {
  for (const step of STEPS) total[step] += more[step];
  return total;
}

/** Minutes a production is worth at the organisation's standard minutes per step. */
export function minutesOf(production: Production, minutes: StepMinutes): number {
  return STEPS.reduce((sum, step) => sum + production[step] * minutes[step], 0);
}

/** Production per person and week (Monday), from production per day. */
export function byWeek(days: DayProduction[]): Map<string, Map<string, Production>> {
  const result = new Map<string, Map<string, Production>>();
  for (const d of days) {
    let weeks = result.get(d.userId);
    if (!weeks) {
      weeks = new Map();
      result.set(d.userId, weeks);
    }
    const week = mondayOf(d.day);
    weeks.set(week, addProduction(weeks.get(week) ?? noProduction(), d));
  }
  return result;
}
