/** Attendance: who was at a session, taken from the sign-in sheet or the check-in page; completion follows. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { instanceTimeZone, today } from '../../lib/dates.ts';
import { AppError, conflict } from '../../lib/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { touchBeneficiary } from '../programmes/events.ts';
import { beneficiaries } from '../programmes/schema.ts';
import { assertCan } from './access.ts';
import { dayInZone } from './calendar.ts';
import { syncTrainingOf } from './completion.ts';
import { attendance, enrolments } from './schema.ts';
import { getSession, loadSession, type SessionDetail } from './sessions.ts';

/**
 * Replaces the session's attendance: the people listed were there, every other enrolled person was not.
 * Only enrolled people may be listed (422 naming each other one); a cancelled session (409) or one of a
 * day to come (422) takes none. Each person's completion is judged again.
 */
export async function recordAttendance(
  db: Executor,
  actor: Actor,
  sessionId: string,
  presentBeneficiaryIds: string[],
): Promise<SessionDetail> {
  await db.transaction(async (tx) => {
    const { workshop, session } = await loadSession(tx, actor, sessionId, true);
    assertCan(actor, workshop, 'training.manage');
    if (workshop.cancelledAt) throw conflict('workshops.cancelled');
    if (session.cancelledAt) throw conflict('sessions.cancelled');
    if (dayInZone(session.startsAt, instanceTimeZone()) > today()) {
      throw new AppError('RULE_REFUSED', 'attendance.future_session');
    }
    const enrolled = await tx
      .select({ beneficiaryId: enrolments.beneficiaryId })
      .from(enrolments)
      .where(and(eq(enrolments.workshopId, workshop.id), eq(enrolments.status, 'enrolled')))
      .orderBy(asc(enrolments.beneficiaryId));
    const enrolledIds = new Set(enrolled.map((e) => e.beneficiaryId));
    const errors = presentBeneficiaryIds.flatMap((id, index) =>
      enrolledIds.has(id)
        ? []
        : [{ path: `presentBeneficiaryIds.${index}`, messageKey: 'attendance.not_enrolled' }],
    );
    if (errors.length > 0) {
      throw new AppError('RULE_REFUSED', 'errors.invalid_input', {
        params: { count: errors.length },
        fieldErrors: errors,
      });
    }
    const present = new Set(presentBeneficiaryIds);
    // Those who withdrew since keep their row: it is what happened.
    const concerned = [...enrolledIds];
    if (concerned.length > 0) {
      // People in one order, as every change of a person locks them.
      await tx
        .select({ id: beneficiaries.id })
        .from(beneficiaries)
        .where(inArray(beneficiaries.id, concerned))
        .orderBy(asc(beneficiaries.id))
        .for('update');
    }
    if (concerned.length > 0) {
      await tx
        .delete(attendance)
        .where(and(eq(attendance.sessionId, sessionId), inArray(attendance.beneficiaryId, concerned)));
      await tx.insert(attendance).values(
        [...enrolledIds].map((beneficiaryId) => ({
          sessionId,
          beneficiaryId,
          present: present.has(beneficiaryId),
          recordedByUserId: actor.userId,
        })),
      );
    }
    for (const id of present) await touchBeneficiary(tx, id);
    await syncTrainingOf(tx, actor, concerned, workshop.programmeId);
    await recordAudit(tx, actor, {
      action: 'attendance.record',
      entityType: 'session',
      entityId: sessionId,
      organisationId: workshop.organisationId,
      fields: ['presentBeneficiaryIds'],
    });
  });
  return getSession(db, actor, sessionId);
}
