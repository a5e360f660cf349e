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
