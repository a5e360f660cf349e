/** The region's five years, 2021 to 2025, as day numbers from 1 January 2021 (UTC calendar days). */
export const FIRST_YEAR = 2021;
export const YEARS = 5;
const EPOCH = Date.UTC(FIRST_YEAR, 0, 1);
const DAY_MS = 86_400_000;
/** The last day of the generated history (31 December 2025): nothing happens after it. */
export const LAST_DAY = (Date.UTC(FIRST_YEAR + YEARS, 0, 1) - EPOCH) / DAY_MS - 1;

const DAYS = new Map<number, string>();

/** 'YYYY-MM-DD' of a day number. */
export function isoDay(day: number): string {
  let text = DAYS.get(day);
  if (text === undefined) {
    text = new Date(EPOCH + day * DAY_MS).toISOString().slice(0, 10);
    DAYS.set(day, text);
  }
  return text;
}

/** A timestamp on that day at the given minute after midnight (UTC, within the day). */
export function isoAt(day: number, minute: number): string {
  const m = Math.min(1439, Math.max(0, Math.floor(minute)));
  return `${isoDay(day)}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00Z`;
}

export function yearOf(day: number): number {
  return new Date(EPOCH + day * DAY_MS).getUTCFullYear();
}

export function firstDayOf(year: number): number {
  return (Date.UTC(year, 0, 1) - EPOCH) / DAY_MS;
}

/** Whether the day is a Saturday or a Sunday (few intakes and handovers then). */
export function isWeekend(day: number): boolean {
  const weekday = new Date(EPOCH + day * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}
