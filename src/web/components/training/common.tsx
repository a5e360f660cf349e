/**
 * Small pieces shared by the training pages: a session's time in words, a workshop's state, days moved by
 * a number, the wall-clock time of an instant.
 */
import { useTranslation } from 'react-i18next';
import type { Session, Workshop } from '../../trainingApi.ts';

function locale(language: string): string {
  return language === 'en' ? 'en-GB' : 'fr-FR';
}

/** « lundi 3 mars 2026 » */
export function dayText(instant: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(instant));
}

/** « lundi 3 mars 2026, 09:00 – 12:00 » */
export function sessionTimeText(session: Pick<Session, 'startsAt' | 'endsAt'>, language: string): string {
  const day = dayText(session.startsAt, language);
  const time = new Intl.DateTimeFormat(locale(language), { hour: '2-digit', minute: '2-digit' });
  return `${day}, ${time.format(new Date(session.startsAt))} – ${time.format(new Date(session.endsAt))}`;
}

/** The calendar day (browser time zone) of an instant, `YYYY-MM-DD`. */
export function localDay(instant: string | Date): string {
  const date = new Date(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The wall-clock time (browser time zone) of an instant, `HH:MM`. */
export function localTime(instant: string | Date): string {
  const date = new Date(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A day and a time typed in the browser, as an ISO instant (undefined when either is missing or wrong). */
export function instantOf(day: string, time: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^\d{2}:\d{2}$/.test(time)) return undefined;
  const date = new Date(`${day}T${time}:00`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** A whole number typed in a field: undefined when empty, NaN when it is not one. */
export function parseWhole(text: string): number | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export type WorkshopStatus = 'open' | 'closed' | 'cancelled';

export function workshopStatus(workshop: Pick<Workshop, 'cancelledAt' | 'closedAt'>): WorkshopStatus {
  if (workshop.cancelledAt) return 'cancelled';
  if (workshop.closedAt) return 'closed';
  return 'open';
}

/** « En cours », « Terminé » or « Annulé », as a status badge. */
export function WorkshopState({ workshop }: { workshop: Pick<Workshop, 'cancelledAt' | 'closedAt'> }) {
  const { t } = useTranslation();
  const status = workshopStatus(workshop);
  const tone = status === 'open' ? 'status-ok' : 'status-off';
  return <span className={`status ${tone}`}>{t(`workshops.states.${status}`)}</span>;
}

/** Whether a session may take attendance now: not cancelled and not of a day to come. */
export function canTakeAttendance(
  session: Pick<Session, 'startsAt' | 'cancelledAt'>,
  today: string,
): boolean {
  return !session.cancelledAt && localDay(session.startsAt) <= today;
}
