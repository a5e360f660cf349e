import { type SQL, sql } from 'drizzle-orm';
import { type Impact, type ImpactDevice, sumImpact } from '../../lib/impact.ts';
import type { DeviceType } from '../../lib/vocabulary.ts';
import { type PeopleCount, SMALL_COUNT, SMALL_COUNT_THRESHOLD } from './network-types.ts';

/** Helpers shared by the network dashboard, the funder report and the donor summary. */

/** A count of people as a coordinator may see it: 1 to 4 become `"<5"` (0 identifies nobody). */
export function maskPeople(count: number): PeopleCount {
  return count > 0 && count < SMALL_COUNT_THRESHOLD ? SMALL_COUNT : count;
}

/** Every month (`YYYY-MM`) from the month of `from` to the month of `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [endY, endM] = to.split('-').map(Number) as [number, number];
  while (y < endY || (y === endY && m <= endM)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

/** The instants of a period of calendar days in the instance's time zone: `[start, end)`. */
export function periodInstants(from: string, to: string, timeZone: string): { start: SQL; end: SQL } {
  return {
    start: sql`(${from}::date::timestamp AT TIME ZONE ${timeZone})`,
    end: sql`((${to}::date + 1)::timestamp AT TIME ZONE ${timeZone})`,
  };
}

/** A group of devices of one type and weight, as an SQL aggregate returns them. */
export interface DeviceGroup {
  type: DeviceType;
  weightKg: number | null;
  count: number;
}

function* expand(groups: readonly DeviceGroup[]): Generator<ImpactDevice> {
  for (const group of groups) {
    const device = { type: group.type, weightKg: group.weightKg };
    for (let i = 0; i < group.count; i++) yield device;
  }
}

/**
 * CO2e and WEEE avoided by reused devices counted by SQL in groups of (type, weight): the same method and
 * rounding as the donor's traceability report (`sumImpact`), without loading one row per device.
 */
export function impactOfGroups(groups: readonly DeviceGroup[]): Impact {
  return sumImpact(expand(groups));
}

/** A calendar-day column compared with a period, both ends included. */
export function dayInPeriod(column: SQL | unknown, from: string, to: string): SQL {
  return sql`${column} BETWEEN ${from}::date AND ${to}::date`;
}
