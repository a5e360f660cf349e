/**
 * Sessions of a workshop: added one by one or from a weekly recurrence (French public holidays left out),
 * and read with their attendance. Moving and cancelling them is in `session-changes.ts`.
 */
import { and, asc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { instanceTimeZone } from '../../lib/dates.ts';
import { AppError, conflict, type FieldError, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { type Locale, translate } from '../../lib/messages.ts';
import { formatShortDateTime } from '../../lib/pdf.ts';
import { recordAudit } from '../audit/service.ts';
import { displayName } from '../programmes/referrals.ts';
import { beneficiaries } from '../programmes/schema.ts';
import { assertCan, isNotFound, type LoadedWorkshop, loadWorkshop, type WorkshopRow } from './access.ts';
import { HOLIDAY_NAMES, type HolidayKey, planRecurrence, type RecurrenceInput } from './calendar.ts';
import { syncWorkshop } from './enrolments.ts';
import { attendance, enrolments, workshopSessions, workshops } from './schema.ts';
import type { EnrolmentStatus } from './vocabulary.ts';

export type SessionRow = typeof workshopSessions.$inferSelect;

export interface Session extends SessionRow {
  /** Attendance was taken (someone marked present or absent). */
  attendanceTaken: boolean;
  presentCount: number;
}

/** The workshop's sessions in time order, cancelled ones included (marked). */
export async function listSessions(db: Executor, workshopId: string): Promise<Session[]> {
  const rows = await db
    .select({
      session: workshopSessions,
      taken: sql<number>`(SELECT count(*)::int FROM ${attendance} WHERE ${attendance.sessionId} = ${workshopSessions.id})`,
      present: sql<number>`(SELECT count(*)::int FROM ${attendance} WHERE ${attendance.sessionId} = ${workshopSessions.id} AND ${attendance.present})`,
    })
    .from(workshopSessions)
    .where(eq(workshopSessions.workshopId, workshopId))
    .orderBy(asc(workshopSessions.startsAt), asc(workshopSessions.id));
  return rows.map((r) => ({ ...r.session, attendanceTaken: r.taken > 0, presentCount: r.present }));
}

/** A session and its workshop, both visible to the actor, or 404; `forUpdate` locks the workshop then the session. */
export async function loadSession(
  db: Executor,
  actor: Actor,
  id: string,
  forUpdate = false,
): Promise<LoadedWorkshop & { session: SessionRow }> {
  if (!isUuid(id)) throw notFound('session');
  const [found] = await db
    .select({ workshopId: workshopSessions.workshopId })
    .from(workshopSessions)
    .where(eq(workshopSessions.id, id));
  if (!found) throw notFound('session');
  // Only "not found or not visible" becomes the session's 404: a lock timeout or a deadlock stays what it is.
  const loaded = await loadWorkshop(db, actor, found.workshopId, forUpdate).catch((err: unknown) => {
    throw isNotFound(err) ? notFound('session') : err;
  });
  const query = db.select().from(workshopSessions).where(eq(workshopSessions.id, id));
  const [session] = forUpdate ? await query.for('update') : await query;
  if (!session) throw notFound('session');
  return { ...loaded, session };
}

/** A cancelled workshop no longer changes (409). */
export function assertOpen(workshop: WorkshopRow): void {
  if (workshop.cancelledAt) throw conflict('workshops.cancelled');
}

/** Field errors as one refusal. */
export function invalid(
  errors: FieldError[],
  code: 'INVALID_INPUT' | 'RULE_REFUSED' = 'INVALID_INPUT',
): AppError {
  return new AppError(code, 'errors.invalid_input', {
    params: { count: errors.length },
    fieldErrors: errors,
  });
}

/** The first key of the trainers' advisory locks (the second is the trainer's id hashed). */
const TRAINER_LOCK = 0x54524e52;

/**
 * The sessions that a time slot would overlap: another session of the same workshop, or one of another
 * workshop with the same trainer (a member of the organisation). Cancelled sessions do not count.
 */
async function overlapping(
  db: Executor,
  workshop: WorkshopRow,
  startsAt: Date,
  endsAt: Date,
  exceptId: string | null,
): Promise<{ startsAt: Date; title: string } | undefined> {
  const [row] = await db
    .select({ startsAt: workshopSessions.startsAt, title: workshops.title })
    .from(workshopSessions)
    .innerJoin(workshops, eq(workshops.id, workshopSessions.workshopId))
    .where(
      and(
        isNull(workshopSessions.cancelledAt),
        isNull(workshops.cancelledAt),
        lt(workshopSessions.startsAt, endsAt),
        gt(workshopSessions.endsAt, startsAt),
        exceptId ? ne(workshopSessions.id, exceptId) : undefined,
        workshop.trainerUserId
          ? or(eq(workshops.id, workshop.id), eq(workshops.trainerUserId, workshop.trainerUserId))
          : eq(workshops.id, workshop.id),
      ),
    )
    .orderBy(asc(workshopSessions.startsAt))
    .limit(1);
  return row;
}

/** What is wrong with a time slot: ends before it starts, or overlaps a session of the workshop or its trainer. */
export async function slotErrors(
  db: Executor,
  workshop: WorkshopRow,
  startsAt: Date,
  endsAt: Date,
  exceptId: string | null,
  path: string,
  locale: Locale,
): Promise<FieldError[]> {
  if (endsAt.getTime() <= startsAt.getTime()) {
    return [{ path: `${path}endsAt`, messageKey: 'sessions.ends_before_start' }];
  }
  // Two workshops run by the same trainer are locked separately: the trainer is locked too (until the
  // transaction ends), so that two sessions cannot both pass the check and then overlap.
  if (workshop.trainerUserId) {
    await db.execute(sql`SELECT pg_advisory_xact_lock(${TRAINER_LOCK}, hashtext(${workshop.trainerUserId}))`);
  }
  const other = await overlapping(db, workshop, startsAt, endsAt, exceptId);
  if (!other) return [];
  return [
    {
      path: `${path}startsAt`,
      messageKey: 'sessions.overlap',
      params: { at: formatShortDateTime(other.startsAt, locale), workshop: other.title },
    },
  ];
}

export interface SessionInput {
  startsAt: Date;
  endsAt: Date;
  capacity?: number | null;
  place?: string | null;
}

/** Adds one session. Refused when it ends before it starts (400) or overlaps another of the workshop or of its trainer (422). */
export async function createSession(
  db: Executor,
  actor: Actor,
  workshopId: string,
  input: SessionInput,
): Promise<Session> {
  const id = await db.transaction(async (tx) => {
    const { workshop } = await loadWorkshop(tx, actor, workshopId, true);
    assertCan(actor, workshop, 'training.manage');
    assertOpen(workshop);
    const errors = await slotErrors(tx, workshop, input.startsAt, input.endsAt, null, '', actor.locale);
    if (errors.length > 0)
      throw invalid(errors, errors[0]?.messageKey === 'sessions.overlap' ? 'RULE_REFUSED' : 'INVALID_INPUT');
    const [row] = await tx
      .insert(workshopSessions)
      .values({
        workshopId,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        capacity: input.capacity ?? null,
        place: input.place?.trim() || null,
      })
      .returning({ id: workshopSessions.id });
    if (!row) throw new Error('insert returned no row');
    // One more session: everyone's share of sessions attended changes.
    await syncWorkshop(tx, actor, workshop);
    await recordAudit(tx, actor, {
      action: 'session.create',
      entityType: 'session',
      entityId: row.id,
      organisationId: workshop.organisationId,
      fields: Object.keys(input),
    });
    return row.id;
  });
  return getSessionRow(db, id);
}

/** One session with its attendance counts. */
export async function getSessionRow(db: Executor, id: string): Promise<Session> {
  const [row] = await db.select().from(workshopSessions).where(eq(workshopSessions.id, id));
  if (!row) throw notFound('session');
  const sessions = await listSessions(db, row.workshopId);
  const found = sessions.find((s) => s.id === id);
  if (!found) throw notFound('session');
  return found;
}

export interface RecurrenceRequest extends RecurrenceInput {
  preview?: boolean;
  capacity?: number | null;
  place?: string | null;
}

export interface RecurrenceResult {
  preview: boolean;
  timeZone: string;
  sessions: { day: string; startsAt: Date; endsAt: Date; id: string | null }[];
  skipped: { day: string; holiday: HolidayKey; name: string }[];
  /** Sessions that would overlap another (a preview shows them; a real request is refused). */
  conflicts: { index: number; day: string; message: string }[];
}

/**
 * Sessions from a weekly recurrence ("Monday, Wednesday and Friday, 9:00–12:00, for 8 weeks"), in the
 * instance's time zone, French public holidays left out. `preview` returns them without writing; else
 * all are written, or none when one overlaps (422, naming its day).
 */
export async function createRecurringSessions(
  db: Executor,
  actor: Actor,
  workshopId: string,
  input: RecurrenceRequest,
): Promise<RecurrenceResult> {
  const timeZone = instanceTimeZone();
  const plan = planRecurrence(input, timeZone);
  const skipped = plan.skipped.map((s) => ({ ...s, name: HOLIDAY_NAMES[actor.locale][s.holiday] }));
  if (input.endTime <= input.startTime) {
    throw invalid([{ path: 'endTime', messageKey: 'sessions.ends_before_start' }]);
  }
  if (plan.sessions.length === 0)
    throw invalid([{ path: 'weekdays', messageKey: 'sessions.recurrence_empty' }]);
  return db.transaction(async (tx) => {
    const { workshop } = await loadWorkshop(tx, actor, workshopId, !input.preview);
    assertCan(actor, workshop, 'training.manage');
    assertOpen(workshop);
    const errors: FieldError[] = [];
    for (const [index, s] of plan.sessions.entries()) {
      const found = await slotErrors(tx, workshop, s.startsAt, s.endsAt, null, '', actor.locale);
      for (const e of found)
        errors.push({ ...e, path: `sessions.${index}`, params: { ...e.params, day: s.day } });
    }
    if (input.preview) {
      const conflicts = errors.map((e) => ({
        index: Number(e.path.split('.')[1]),
        day: String(e.params?.day ?? ''),
        message: translate(actor.locale, e.messageKey, e.params),
      }));
      return {
        preview: true,
        timeZone,
        sessions: plan.sessions.map((s) => ({ ...s, id: null })),
        skipped,
        conflicts,
      };
    }
    if (errors.length > 0) throw invalid(errors, 'RULE_REFUSED');
    const inserted = await tx
      .insert(workshopSessions)
      .values(
        plan.sessions.map((s) => ({
          workshopId,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          capacity: input.capacity ?? null,
          place: input.place?.trim() || null,
        })),
      )
      .returning({ id: workshopSessions.id, startsAt: workshopSessions.startsAt });
    const ids = new Map(inserted.map((r) => [r.startsAt.getTime(), r.id]));
    await syncWorkshop(tx, actor, workshop);
    await recordAudit(tx, actor, {
      action: 'session.recurrence',
      entityType: 'workshop',
      entityId: workshopId,
      organisationId: workshop.organisationId,
      fields: ['weekdays', 'startTime', 'endTime', 'firstDay', 'weeks'],
    });
    return {
      preview: false,
      timeZone,
      sessions: plan.sessions.map((s) => ({ ...s, id: ids.get(s.startsAt.getTime()) ?? null })),
      skipped,
      conflicts: [],
    };
  });
}

export interface SessionDetail extends Session {
  workshop: {
    id: string;
    title: string;
    organisationId: string;
    programmeId: string | null;
    place: string | null;
  };
  attendance: {
    beneficiaryId: string;
    name: string | null;
    enrolmentStatus: EnrolmentStatus;
    present: boolean | null;
  }[];
}

/** One session with the enrolled people and whether each was there (null: not taken yet). */
export async function getSession(db: Executor, actor: Actor, id: string): Promise<SessionDetail> {
  const { workshop } = await loadSession(db, actor, id);
  const session = await getSessionRow(db, id);
  const rows = await db
    .select({
      beneficiaryId: beneficiaries.id,
      person: beneficiaries,
      status: enrolments.status,
      present: attendance.present,
    })
    .from(enrolments)
    .innerJoin(beneficiaries, eq(beneficiaries.id, enrolments.beneficiaryId))
    .leftJoin(
      attendance,
      and(eq(attendance.sessionId, id), eq(attendance.beneficiaryId, enrolments.beneficiaryId)),
    )
    .where(
      and(
        eq(enrolments.workshopId, workshop.id),
        or(eq(enrolments.status, 'enrolled'), sql`${attendance.beneficiaryId} IS NOT NULL`),
      ),
    )
    .orderBy(asc(beneficiaries.searchKey), asc(beneficiaries.id));
  return {
    ...session,
    workshop: {
      id: workshop.id,
      title: workshop.title,
      organisationId: workshop.organisationId,
      programmeId: workshop.programmeId,
      place: workshop.place,
    },
    attendance: rows
      // A person withdrawn and enrolled again has two places: the current one speaks.
      .filter((r, i) => {
        const twin = rows.findIndex((o, j) => j !== i && o.beneficiaryId === r.beneficiaryId);
        return twin < 0 || r.status === 'enrolled' || (rows[twin]?.status !== 'enrolled' && twin > i);
      })
      .map((r) => ({
        beneficiaryId: r.beneficiaryId,
        name: displayName(r.person),
        enrolmentStatus: r.status,
        present: r.present,
      })),
  };
}
