/**
 * Pure calendar rules of training: French public holidays (computed, no table to keep up to date), wall
 * clock times of the instance's time zone turned into instants (daylight saving included), and the
 * sessions a weekly recurrence gives.
 */
import type { Locale } from '../../lib/messages.ts';

export type HolidayKey =
  | 'new_year'
  | 'easter_monday'
  | 'labour_day'
  | 'victory_1945'
  | 'ascension'
  | 'whit_monday'
  | 'bastille_day'
  | 'assumption'
  | 'all_saints'
  | 'armistice'
  | 'christmas';

export const HOLIDAY_NAMES: Record<Locale, Record<HolidayKey, string>> = {
  fr: {
    new_year: 'Jour de l’an',
    easter_monday: 'Lundi de Pâques',
    labour_day: 'Fête du Travail',
    victory_1945: 'Victoire 1945',
    ascension: 'Ascension',
    whit_monday: 'Lundi de Pentecôte',
    bastille_day: 'Fête nationale',
    assumption: 'Assomption',
    all_saints: 'Toussaint',
    armistice: 'Armistice 1918',
    christmas: 'Noël',
  },
  en: {
    new_year: 'New Year’s Day',
    easter_monday: 'Easter Monday',
    labour_day: 'Labour Day',
    victory_1945: 'Victory in Europe Day',
    ascension: 'Ascension Day',
    whit_monday: 'Whit Monday',
    bastille_day: 'Bastille Day',
    assumption: 'Assumption Day',
    all_saints: 'All Saints’ Day',
    armistice: 'Armistice Day',
    christmas: 'Christmas Day',
  },
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isoDay(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** `day` plus `days` calendar days (YYYY-MM-DD in and out). */
export function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return isoDay(date);
}

/** ISO weekday of a calendar day: 1 Monday … 7 Sunday. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(dayOfMonth)}`;
}

/**
 * The eleven public holidays of mainland France in a year (Code du travail L3133-1), by day. Alsace-Moselle's
 * two extra days (Good Friday, 26 December) are not included.
 */
export function frenchPublicHolidays(year: number): Map<string, HolidayKey> {
  const easter = easterSunday(year);
  const y = pad(year, 4);
  const entries: [string, HolidayKey][] = [
    [`${y}-01-01`, 'new_year'],
    [shiftDay(easter, 1), 'easter_monday'],
    [`${y}-05-01`, 'labour_day'],
    [`${y}-05-08`, 'victory_1945'],
    [shiftDay(easter, 39), 'ascension'],
    [shiftDay(easter, 50), 'whit_monday'],
    [`${y}-07-14`, 'bastille_day'],
    [`${y}-08-15`, 'assumption'],
    [`${y}-11-01`, 'all_saints'],
    [`${y}-11-11`, 'armistice'],
    [`${y}-12-25`, 'christmas'],
  ];
  return new Map(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** The holiday falling on a day, if any. */
export function holidayOn(day: string): HolidayKey | undefined {
  return frenchPublicHolidays(Number(day.slice(0, 4))).get(day);
}

/** Minutes east of UTC of a time zone at an instant (Paris: 60 in winter, 120 in summer). */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall clock of `timeZone` shows `time` (HH:MM) on `day`. A time skipped when clocks go
 * forward is read with the offset in force before the change (02:30 → 03:30 in Paris).
 */
export function zonedInstant(day: string, time: string, timeZone: string): Date {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), h, m);
  // The offsets in force a day before and a day after: one of them is the offset at that wall time.
  const before = offsetMinutes(wall - 86_400_000, timeZone);
  const after = offsetMinutes(wall + 86_400_000, timeZone);
  const valid = [before, after]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => offsetMinutes(instant, timeZone) * 60_000 === wall - instant);
  // Twice the same time when clocks go back: the first; none when they go forward: the earlier offset.
  const instant = valid.length > 0 ? Math.min(...valid) : wall - before * 60_000;
  return new Date(instant);
}

/** The calendar day of an instant in a time zone. */
export function dayInZone(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

export interface RecurrenceInput {
  /** ISO weekdays: 1 Monday … 7 Sunday. */
  weekdays: number[];
  /** HH:MM, wall clock of the time zone. */
  startTime: string;
  endTime: string;
  firstDay: string;
  weeks: number;
}

export interface RecurrencePlan {
  sessions: { day: string; startsAt: Date; endsAt: Date }[];
  skipped: { day: string; holiday: HolidayKey }[];
}

/**
 * The sessions of a weekly recurrence: every chosen weekday of the `weeks` weeks starting on `firstDay`
 * (that day included), at the same wall-clock times whatever the season, public holidays left out.
 */
export function planRecurrence(input: RecurrenceInput, timeZone: string): RecurrencePlan {
  const plan: RecurrencePlan = { sessions: [], skipped: [] };
  const weekdays = new Set(input.weekdays);
  for (let offset = 0; offset < input.weeks * 7; offset++) {
    const day = shiftDay(input.firstDay, offset);
    if (!weekdays.has(isoWeekday(day))) continue;
    const holiday = holidayOn(day);
    if (holiday) {
      plan.skipped.push({ day, holiday });
      continue;
    }
    plan.sessions.push({
      day,
      startsAt: zonedInstant(day, input.startTime, timeZone),
      endsAt: zonedInstant(day, input.endTime, timeZone),
    });
  }
  return plan;
}
