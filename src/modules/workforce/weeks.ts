/** Calendar weeks (Monday to Sunday) over calendar days (YYYY-MM-DD), without time-zone shifts. */

function utc(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}
function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The day `days` days after `day`. */
export function plusDays(day: string, days: number): string {
  return iso(new Date(utc(day).getTime() + days * 86_400_000));
}

/** Whether the day is a Monday. */
export function isMonday(day: string): boolean {
  return utc(day).getUTCDay() === 1;
}

/** The Monday of the day's week. */
export function mondayOf(day: string): string {
  const weekday = (utc(day).getUTCDay() + 6) % 7;
  return plusDays(day, -weekday);
}

/** The Mondays falling in [from, to]: the weeks a period counts (a week belongs to the period of its Monday). */
export function mondaysIn(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let week = isMonday(from) ? from : plusDays(mondayOf(from), 7); week <= to; week = plusDays(week, 7))
    weeks.push(week);
  return weeks;
}

/** Days between two days (to − from). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to).getTime() - utc(from).getTime()) / 86_400_000);
}
