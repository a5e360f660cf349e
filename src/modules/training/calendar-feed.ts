/**
 * The sessions as a calendar: a list across workshops (a trainer's week, a programme's month) and the same
 * as an iCalendar (.ics, RFC 5545) feed for calendar applications.
 */
import { and, asc, eq, gt, gte, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { instanceTimeZone } from '../../lib/dates.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { users } from '../organisations/schema.ts';
import { workshopScope } from './access.ts';
import { shiftDay, zonedInstant } from './calendar.ts';
import { workshopSessions, workshops } from './schema.ts';
import type { SessionRow } from './sessions.ts';

export interface CalendarEntry extends SessionRow {
  workshopTitle: string;
  workshopPlace: string | null;
  organisationId: string;
  programmeId: string | null;
  trainerUserId: string | null;
  trainerDisplayName: string | null;
}

export interface CalendarQuery {
  limit: number;
  cursor?: string;
  /** Calendar days of the instance's time zone, both included. */
  from?: string;
  to?: string;
  workshopId?: string;
  trainerUserId?: string;
  /** The caller's own sessions (as the workshops' trainer). */
  mine?: boolean;
  organisationId?: string;
  programmeId?: string;
  includeCancelled?: boolean;
}

/** Sessions of the workshops the actor sees, in time order, filtered by days, workshop, trainer or programme. */
export async function listCalendar(
  db: Executor,
  actor: Actor,
  query: CalendarQuery,
): Promise<Page<CalendarEntry>> {
  const scope = workshopScope(actor);
  if (scope === false) return { items: [], nextCursor: null };
  const zone = instanceTimeZone();
  const cursor = decodeCursor(query.cursor, ['instant', 'uuid']);
  const trainer = query.mine ? actor.userId : query.trainerUserId;
  if (query.mine && !trainer) return { items: [], nextCursor: null };
  const conditions: (SQL | undefined)[] = [
    scope,
    query.from ? gte(workshopSessions.startsAt, zonedInstant(query.from, '00:00', zone)) : undefined,
    query.to ? lt(workshopSessions.startsAt, zonedInstant(shiftDay(query.to, 1), '00:00', zone)) : undefined,
    query.workshopId ? eq(workshops.id, query.workshopId) : undefined,
    trainer ? eq(workshops.trainerUserId, trainer) : undefined,
    query.organisationId ? eq(workshops.organisationId, query.organisationId) : undefined,
    query.programmeId ? eq(workshops.programmeId, query.programmeId) : undefined,
    query.includeCancelled
      ? undefined
      : and(isNull(workshopSessions.cancelledAt), isNull(workshops.cancelledAt)),
    cursor
      ? or(
          gt(workshopSessions.startsAt, sql`${cursor[0]}::timestamptz`),
          and(
            eq(workshopSessions.startsAt, sql`${cursor[0]}::timestamptz`),
            gt(workshopSessions.id, String(cursor[1])),
          ),
        )
      : undefined,
  ];
  const rows = await db
    .select({
      session: workshopSessions,
      workshop: workshops,
      trainerName: users.name,
      key: sql<string>`${workshopSessions.startsAt}::text`,
    })
    .from(workshopSessions)
    .innerJoin(workshops, eq(workshops.id, workshopSessions.workshopId))
    .leftJoin(users, eq(users.id, workshops.trainerUserId))
    .where(and(...conditions))
    .orderBy(asc(workshopSessions.startsAt), asc(workshopSessions.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (r) => [r.key, r.session.id]);
  return {
    items: page.items.map((r) => ({
      ...r.session,
      workshopTitle: r.workshop.title,
      workshopPlace: r.workshop.place,
      organisationId: r.workshop.organisationId,
      programmeId: r.workshop.programmeId,
      trainerUserId: r.workshop.trainerUserId,
      trainerDisplayName: r.trainerName ?? r.workshop.trainerName,
    })),
    nextCursor: page.nextCursor,
  };
}

/** Text escaped for an iCalendar property value. */
function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets folded (a CRLF and a space), as RFC 5545 asks, never inside a character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  for (const char of line) {
    if (Buffer.byteLength(current + char, 'utf8') > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
    }
    current += char;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const stamp = (date: Date) => `${date.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;

/**
 * The sessions as an iCalendar document: one event per session (its id as UID, so a moved session updates
 * the event; SEQUENCE grows with each move; a cancelled one is STATUS:CANCELLED). Pure.
 */
/** The most sessions one .ics feed holds; a feed cut there says so (see `toIcs`). */
export const ICS_MAX_SESSIONS = 2000;

export function toIcs(
  entries: CalendarEntry[],
  options: {
    name: string;
    publicUrl: string;
    /** Set when more sessions follow than the feed holds: the feed then says so, in a final note. */
    cutAfter?: number;
  },
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Seconde Vie//Formation//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
  ];
  for (const e of entries) {
    const place = e.place ?? e.workshopPlace;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.id}@seconde-vie`,
      `DTSTAMP:${stamp(e.moves.length > 0 ? new Date(e.moves[e.moves.length - 1]?.movedAt ?? e.createdAt) : e.createdAt)}`,
      `DTSTART:${stamp(e.startsAt)}`,
      `DTEND:${stamp(e.endsAt)}`,
      `SEQUENCE:${e.moves.length + (e.cancelledAt ? 1 : 0)}`,
      `SUMMARY:${escapeText(e.workshopTitle)}`,
      ...(place ? [`LOCATION:${escapeText(place)}`] : []),
      ...(e.trainerDisplayName ? [`DESCRIPTION:${escapeText(e.trainerDisplayName)}`] : []),
      `STATUS:${e.cancelledAt ? 'CANCELLED' : 'CONFIRMED'}`,
      `URL:${options.publicUrl}/ateliers/${e.workshopId}`,
      'END:VEVENT',
    );
  }
  const last = entries[entries.length - 1];
  if (options.cutAfter !== undefined && last) {
    // A calendar application shows events, not the calendar's properties: the note is an event of its own,
    // right after the last session given, as well as the calendar's description.
    const note = `Seules les ${options.cutAfter} premières séances sont dans ce calendrier : choisissez une période plus courte (from, to) pour voir la suite.`;
    const at = new Date(last.endsAt);
    lines.splice(6, 0, `X-WR-CALDESC:${escapeText(note)}`);
    lines.push(
      'BEGIN:VEVENT',
      `UID:cut-${last.id}@seconde-vie`,
      `DTSTAMP:${stamp(at)}`,
      `DTSTART:${stamp(at)}`,
      `DTEND:${stamp(new Date(at.getTime() + 15 * 60_000))}`,
      `SUMMARY:${escapeText('Suite non incluse')}`,
      `DESCRIPTION:${escapeText(note)}`,
      'TRANSP:TRANSPARENT',
      'STATUS:CONFIRMED',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
