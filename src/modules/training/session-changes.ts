/** Moving and cancelling sessions: the enrolled people who gave an e-mail address are told. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { conflict } from '../../lib/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { queueMail } from '../notifications/outbox.ts';
import { organisations } from '../organisations/schema.ts';
import { displayName } from '../programmes/referrals.ts';
import { beneficiaries } from '../programmes/schema.ts';
import { assertCan, type WorkshopRow } from './access.ts';
import { syncWorkshop } from './enrolments.ts';
import { enrolments, workshopSessions } from './schema.ts';
import {
  assertOpen,
  getSessionRow,
  invalid,
  loadSession,
  type Session,
  type SessionRow,
  slotErrors,
} from './sessions.ts';

/** Writes the e-mail of a moved or cancelled session to every enrolled person with an address. */
async function tellEnrolled(
  tx: Executor,
  workshop: WorkshopRow,
  before: SessionRow,
  change:
    | { kind: 'moved'; startsAt: Date; endsAt: Date; place: string | null }
    | { kind: 'cancelled'; reason: string },
): Promise<number> {
  const people = await tx
    .select({ person: beneficiaries })
    .from(enrolments)
    .innerJoin(beneficiaries, eq(beneficiaries.id, enrolments.beneficiaryId))
    .where(
      and(
        eq(enrolments.workshopId, workshop.id),
        eq(enrolments.status, 'enrolled'),
        isNull(beneficiaries.anonymisedAt),
        sql`${beneficiaries.email} IS NOT NULL AND ${beneficiaries.email} <> ''`,
      ),
    );
  if (people.length === 0) return 0;
  const [org] = await tx
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, workshop.organisationId));
  for (const { person } of people) {
    await queueMail(tx, {
      to: person.email as string,
      template: 'session_changed',
      // People have no language on record: French, the programmes' language.
      locale: 'fr',
      organisationId: workshop.organisationId,
      params: {
        name: displayName(person) ?? '',
        workshopTitle: workshop.title,
        organisationName: org?.name ?? 'Seconde Vie',
        startsAt: before.startsAt.toISOString(),
        endsAt: before.endsAt.toISOString(),
        change:
          change.kind === 'moved'
            ? {
                kind: 'moved',
                startsAt: change.startsAt.toISOString(),
                endsAt: change.endsAt.toISOString(),
                place: change.place,
              }
            : change,
      },
    });
  }
  return people.length;
}

export interface SessionPatch {
  startsAt?: Date;
  endsAt?: Date;
  capacity?: number | null;
  place?: string | null;
  /** Tell the enrolled people of a new time or place (default true). */
  notify?: boolean;
}

/** Moves a session (new time, place) or changes its capacity; a new time or place is e-mailed to the enrolled people. */
export async function updateSession(
  db: Executor,
  actor: Actor,
  id: string,
  patch: SessionPatch,
): Promise<Session & { notified: number }> {
  const notified = await db.transaction(async (tx) => {
    const { workshop, session } = await loadSession(tx, actor, id, true);
    assertCan(actor, workshop, 'training.manage');
    assertOpen(workshop);
    if (session.cancelledAt) throw conflict('sessions.cancelled');
    const startsAt = patch.startsAt ?? session.startsAt;
    const endsAt = patch.endsAt ?? session.endsAt;
    const moved =
      startsAt.getTime() !== session.startsAt.getTime() || endsAt.getTime() !== session.endsAt.getTime();
    const place = patch.place === undefined ? session.place : patch.place?.trim() || null;
    if (moved) {
      const errors = await slotErrors(tx, workshop, startsAt, endsAt, id, '', actor.locale);
      if (errors.length > 0)
        throw invalid(
          errors,
          errors[0]?.messageKey === 'sessions.overlap' ? 'RULE_REFUSED' : 'INVALID_INPUT',
        );
    }
    await tx
      .update(workshopSessions)
      .set({
        startsAt,
        endsAt,
        place,
        capacity: patch.capacity === undefined ? session.capacity : patch.capacity,
        moves: moved
          ? [
              ...session.moves,
              {
                startsAt: session.startsAt.toISOString(),
                endsAt: session.endsAt.toISOString(),
                movedAt: new Date().toISOString(),
              },
            ]
          : session.moves,
      })
      .where(eq(workshopSessions.id, id));
    const fields = Object.keys(patch).filter((k) => k !== 'notify');
    await recordAudit(tx, actor, {
      action: moved ? 'session.move' : 'session.update',
      entityType: 'session',
      entityId: id,
      organisationId: workshop.organisationId,
      fields,
    });
    if ((moved || place !== session.place) && patch.notify !== false) {
      return tellEnrolled(tx, workshop, session, {
        kind: 'moved',
        startsAt,
        endsAt,
        place: place ?? workshop.place,
      });
    }
    return 0;
  });
  return { ...(await getSessionRow(db, id)), notified };
}

/** Cancels a session with a reason; the enrolled people with an address are told; it no longer counts for completion. */
export async function cancelSession(
  db: Executor,
  actor: Actor,
  id: string,
  reason: string,
  notify = true,
): Promise<Session & { notified: number }> {
  const notified = await db.transaction(async (tx) => {
    const { workshop, session } = await loadSession(tx, actor, id, true);
    assertCan(actor, workshop, 'training.manage');
    assertOpen(workshop);
    const done = await tx
      .update(workshopSessions)
      .set({ cancelledAt: new Date(), cancelReason: reason.trim() })
      .where(and(eq(workshopSessions.id, id), isNull(workshopSessions.cancelledAt)))
      .returning({ id: workshopSessions.id });
    if (done.length === 0) throw conflict('sessions.cancelled');
    await syncWorkshop(tx, actor, workshop);
    await recordAudit(tx, actor, {
      action: 'session.cancel',
      entityType: 'session',
      entityId: id,
      organisationId: workshop.organisationId,
      fields: ['cancelledAt', 'cancelReason'],
    });
    return notify ? tellEnrolled(tx, workshop, session, { kind: 'cancelled', reason: reason.trim() }) : 0;
  });
  return { ...(await getSessionRow(db, id)), notified };
}
