/** Calendar weeks (Monday to Sunday) over calendar days (YYYY-MM-DD), without time-zone shifts. */
import { shiftDay } from '../training/calendar.ts';

export { shiftDay };

function utc(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** Whether the day is a Monday. */
export function isMonday(day: string): boolean {
  return utc(day).getUTCDay() === 1;
}

/** The Monday of the day's week. */
export function mondayOf(day: string): string {
  const weekday = (utc(day).getUTCDay() + 6) % 7;
  return shiftDay(day, -weekday);
}

/** The Mondays falling in [from, to]: the weeks a period counts (a week belongs to the period of its Monday). */
export function mondaysIn(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let week = isMonday(from) ? from : shiftDay(mondayOf(from), 7); week <= to; week = shiftDay(week, 7))
    weeks.push(week);
  return weeks;
}

/** Days between two days (to − from). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to).getTime() - utc(from).getTime()) / 86_400_000);
}

/**
 * The working days (Monday to Friday) of the week starting on `week` that fall within [startsOn, endsOn]
 * (endsOn null: open-ended): 5 for a week fully under contract, fewer for a week a contract starts or ends in.
 */
export function workingDaysWithin(week: string, startsOn: string, endsOn: string | null): number {
  let days = 0;
  for (let i = 0; i < 5; i++) {
    const day = shiftDay(week, i);
    if (day >= startsOn && (endsOn === null || day <= endsOn)) days++;
  }
  return days;
}

/**
 * The minutes the person's contracts give the week starting on `week`: each contract's weekly minutes
 * prorated by its working days (Monday to Friday) within the week, e.g. a 26 h contract starting on a
 * Wednesday gives that week 3/5 × 26 h = 15 h 36. No contract that week: 0.
 */
export function contractMinutesOfWeek(
  contracts: readonly { startsOn: string; endsOn: string | null; weeklyMinutes: number }[],
  week: string,
): number {
  let minutes = 0;
  for (const c of contracts)
    minutes += Math.round((c.weeklyMinutes * workingDaysWithin(week, c.startsOn, c.endsOn)) / 5);
  return minutes;
}
