/** The instance's time zone: "today" and calendar days of record are taken in it. */
export function instanceTimeZone(): string {
  return process.env.TZ || 'Europe/Paris';
}

/** Today's calendar day (YYYY-MM-DD) in the instance's time zone. */
export function today(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: instanceTimeZone(),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/**
 * The calendar day `months` months after `day` (negative: before), clamped to the month's last day
 * (31 January + 1 month = 28 or 29 February).
 */
export function addMonthsToDay(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month + 1)}-${pad(Math.min(d, lastDay))}`;
}

/** A calendar day ('2026-11-25') as "25 novembre 2026" / "25 November 2026", without time-zone shifts. */
export function formatDay(day: string, locale: 'fr' | 'en'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  const intl = locale === 'fr' ? 'fr-FR' : 'en-GB';
  return new Intl.DateTimeFormat(intl, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
