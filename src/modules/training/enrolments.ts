/**
 * Enrolments: a person takes a place in a workshop, or waits when it is full (first come, first served);
 * a withdrawal frees the place for the first in line. Enrolling in a programme's workshop moves the
 * person's referral `eligible` → `in_training`.
 */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { isUniqueViolation } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { conflict, invalidField, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { recordStep } from '../programmes/events.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { displayName } from '../programmes/referrals.ts';
import { beneficiaries, referrals } from '../programmes/schema.ts';
import { assertCan, isNotFound, loadEnrolablePerson, loadWorkshop, type WorkshopRow } from './access.ts';
import { attendedCounts, isCompleted, sessionCounts, syncTraining, syncTrainingOf } from './completion.ts';
import { enrolments } from './schema.ts';
import { ENROLMENT_STATUS_WORDS, type EnrolmentStatus } from './vocabulary.ts';

export type EnrolmentRow = typeof enrolments.$inferSelect;

export interface Enrolment extends EnrolmentRow {
  /** Place on the waiting list (1 = next in), or null. */
  waitingPosition: number | null;
}

export interface RosterEntry extends Enrolment {
  name: string | null;
  attended: number;
  sessions: number;
  completed: boolean;
  /** The person's referral to the workshop's programme, if the actor's organisation may know it. */
  referralStatus: string | null;
}

/** Judges completion again for every enrolled person of the workshop (after a change of sessions or threshold). */
export async function syncWorkshop(tx: Executor, actor: Actor, workshop: WorkshopRow): Promise<void> {
  if (!workshop.programmeId) return;
  const people = await tx
    .selectDistinct({ id: enrolments.beneficiaryId })
    .from(enrolments)
    .where(and(eq(enrolments.workshopId, workshop.id), ne(enrolments.status, 'withdrawn')))
    .orderBy(asc(enrolments.beneficiaryId));
  if (people.length === 0) return;
  const ids = people.map((p) => p.id);
  // The people in one order, as every change of a person locks them; then judged together.
  await tx
    .select({ id: beneficiaries.id })
    .from(beneficiaries)
    .where(inArray(beneficiaries.id, ids))
    .orderBy(asc(beneficiaries.id))
    .for('update');
  await syncTrainingOf(tx, actor, ids, workshop.programmeId);
}

async function enrolledCount(tx: Executor, workshopId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(enrolments)
    .where(and(eq(enrolments.workshopId, workshopId), eq(enrolments.status, 'enrolled')));
  return row?.n ?? 0;
}

/** Lets the first people of the waiting list in while places are free (the workshop locked). */
export async function promoteWaiting(tx: Executor, actor: Actor, workshop: WorkshopRow): Promise<number> {
  let promoted = 0;
  for (;;) {
    if (workshop.capacity !== null && (await enrolledCount(tx, workshop.id)) >= workshop.capacity) break;
    const [next] = await tx
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.workshopId, workshop.id), eq(enrolments.status, 'waiting')))
      .orderBy(asc(enrolments.waitingSince), asc(enrolments.id))
      .limit(1);
    if (!next) break;
    await tx
      .select({ id: beneficiaries.id })
      .from(beneficiaries)
      .where(eq(beneficiaries.id, next.beneficiaryId))
      .for('update');
    await tx
      .update(enrolments)
      .set({ status: 'enrolled', enrolledOn: today(), updatedAt: new Date() })
      .where(eq(enrolments.id, next.id));
    await recordStep(tx, actor, {
      beneficiaryId: next.beneficiaryId,
      kind: 'enrolled',
      programmeId: workshop.programmeId,
      fields: ['waiting_list'],
    });
    await syncTraining(tx, actor, next.beneficiaryId, workshop.programmeId);
    promoted++;
  }
  return promoted;
}

export interface EnrolmentInput {
  beneficiaryId: string;
  enrolledOn?: string;
}

/**
 * Enrols a person: `enrolled`, or `waiting` when the workshop is full. The person must be one the actor
 * sees, or one referred to the workshop's programme (a trainer partner enrols them by name); erased people
 * are refused (422); a person already enrolled or waiting gets 409.
 */
export async function enrol(
  db: Executor,
  actor: Actor,
  workshopId: string,
  input: EnrolmentInput,
): Promise<Enrolment> {
  const enrolledOn = input.enrolledOn ?? today();
  if (enrolledOn > today()) throw invalidField('enrolledOn', 'validation.day_in_future');
  const id = await db
    .transaction(async (tx) => {
      // The workshop first (its places are counted under its lock), then the person, then the referral.
      const { workshop } = await loadWorkshop(tx, actor, workshopId, true);
      assertCan(actor, workshop, 'training.enrol');
      if (workshop.cancelledAt) throw conflict('workshops.cancelled');
      if (workshop.closedAt) throw conflict('workshops.closed');
      const person = await loadEnrolablePerson(tx, actor, workshop, input.beneficiaryId);
      const [existing] = await tx
        .select({ status: enrolments.status })
        .from(enrolments)
        .where(
          and(
            eq(enrolments.workshopId, workshopId),
            eq(enrolments.beneficiaryId, person.id),
            ne(enrolments.status, 'withdrawn'),
          ),
        );
      if (existing) {
        throw conflict('enrolments.already', {
          status: ENROLMENT_STATUS_WORDS[actor.locale][existing.status],
        });
      }
      const full = workshop.capacity !== null && (await enrolledCount(tx, workshopId)) >= workshop.capacity;
      const status: EnrolmentStatus = full ? 'waiting' : 'enrolled';
      const [row] = await tx
        .insert(enrolments)
        .values({
          workshopId,
          beneficiaryId: person.id,
          enrolledOn,
          status,
          waitingSince: full ? new Date() : null,
          enrolledByUserId: actor.userId,
        })
        .returning({ id: enrolments.id });
      if (!row) throw new Error('insert returned no row');
      await recordStep(tx, actor, {
        beneficiaryId: person.id,
        kind: 'enrolled',
        on: enrolledOn,
        programmeId: workshop.programmeId,
        fields: full ? ['waiting_list'] : null,
      });
      if (!full) await syncTraining(tx, actor, person.id, workshop.programmeId, enrolledOn);
      await recordAudit(tx, actor, {
        action: 'enrolment.create',
        entityType: 'enrolment',
        entityId: row.id,
        organisationId: workshop.organisationId,
        fields: ['beneficiaryId', 'status'],
      });
      return row.id;
    })
    .catch((err: unknown) => {
      if (isUniqueViolation(err, 'enrolments_open_unique'))
        throw conflict('enrolments.already', { status: ENROLMENT_STATUS_WORDS[actor.locale].enrolled });
      throw err;
    });
  return getEnrolment(db, actor, id);
}

async function loadEnrolment(db: Executor, actor: Actor, id: string, forUpdate = false) {
  if (!isUuid(id)) throw notFound('enrolment');
  const [found] = await db.select().from(enrolments).where(eq(enrolments.id, id));
  if (!found) throw notFound('enrolment');
  // Only "not found or not visible" becomes the enrolment's 404: a lock timeout or a deadlock stays what it is.
  const loaded = await loadWorkshop(db, actor, found.workshopId, forUpdate).catch((err: unknown) => {
    throw isNotFound(err) ? notFound('enrolment') : err;
  });
  const query = db.select().from(enrolments).where(eq(enrolments.id, id));
  const [enrolment] = forUpdate ? await query.for('update') : await query;
  if (!enrolment) throw notFound('enrolment');
  return { ...loaded, enrolment };
}

async function waitingPositions(db: Executor, workshopId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(and(eq(enrolments.workshopId, workshopId), eq(enrolments.status, 'waiting')))
    .orderBy(asc(enrolments.waitingSince), asc(enrolments.id));
  return new Map(rows.map((r, i) => [r.id, i + 1]));
}

/** One enrolment, with its place on the waiting list. */
export async function getEnrolment(db: Executor, actor: Actor, id: string): Promise<Enrolment> {
  const { enrolment } = await loadEnrolment(db, actor, id);
  const positions = await waitingPositions(db, enrolment.workshopId);
  return { ...enrolment, waitingPosition: positions.get(enrolment.id) ?? null };
}

/**
 * The person withdraws (or is withdrawn): the place goes to the first on the waiting list; the referral
 * goes back to `eligible` when the person is no longer enrolled in any of the programme's workshops.
 */
export async function withdraw(
  db: Executor,
  actor: Actor,
  id: string,
  input: { withdrawnOn?: string } = {},
): Promise<Enrolment> {
  const withdrawnOn = input.withdrawnOn ?? today();
  if (withdrawnOn > today()) throw invalidField('withdrawnOn', 'validation.day_in_future');
  await db.transaction(async (tx) => {
    const { workshop, enrolment } = await loadEnrolment(tx, actor, id, true);
    assertCan(actor, workshop, 'training.enrol');
    if (withdrawnOn < enrolment.enrolledOn)
      throw invalidField('withdrawnOn', 'enrolments.withdrawn_before_enrolled', {
        enrolledOn: enrolment.enrolledOn,
      });
    await tx
      .select({ id: beneficiaries.id })
      .from(beneficiaries)
      .where(eq(beneficiaries.id, enrolment.beneficiaryId))
      .for('update');
    const done = await tx
      .update(enrolments)
      .set({ status: 'withdrawn', withdrawnOn, updatedAt: new Date() })
      .where(and(eq(enrolments.id, id), ne(enrolments.status, 'withdrawn')))
      .returning({ id: enrolments.id });
    if (done.length === 0) throw conflict('enrolments.withdrawn');
    await recordStep(tx, actor, {
      beneficiaryId: enrolment.beneficiaryId,
      kind: 'enrolment_withdrawn',
      on: withdrawnOn,
      programmeId: workshop.programmeId,
    });
    await syncTraining(tx, actor, enrolment.beneficiaryId, workshop.programmeId, withdrawnOn);
    if (enrolment.status === 'enrolled') await promoteWaiting(tx, actor, workshop);
    await recordAudit(tx, actor, {
      action: 'enrolment.withdraw',
      entityType: 'enrolment',
      entityId: id,
      organisationId: workshop.organisationId,
      fields: ['status', 'withdrawnOn'],
    });
  });
  return getEnrolment(db, actor, id);
}

/**
 * The workshop's roster: enrolled people (by name), then the waiting list in its order, then those who
 * withdrew; each with the sessions attended, the sessions held and whether the completion rule is met.
 */
export async function listEnrolments(db: Executor, actor: Actor, workshopId: string): Promise<RosterEntry[]> {
  const { workshop, programme } = await loadWorkshop(db, actor, workshopId);
  const rows = await db
    .select({ enrolment: enrolments, person: beneficiaries })
    .from(enrolments)
    .innerJoin(beneficiaries, eq(beneficiaries.id, enrolments.beneficiaryId))
    .where(eq(enrolments.workshopId, workshopId))
    .orderBy(
      sql`CASE ${enrolments.status} WHEN 'enrolled' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END`,
      asc(enrolments.waitingSince),
      asc(beneficiaries.searchKey),
      asc(enrolments.id),
    );
  const attended = await attendedCounts(db, workshopId);
  const sessions = (await sessionCounts(db, [workshopId])).get(workshopId) ?? 0;
  const positions = await waitingPositions(db, workshopId);
  const statuses = new Map<string, string>();
  // The referral's status is the owner's to know; a trainer partner sees names only (decisions).
  if (
    programme &&
    rows.length > 0 &&
    peoplePermissions.can(actor, 'beneficiary.read', programme.ownerOrganisationId)
  ) {
    const referralRows = await db
      .select({ beneficiaryId: referrals.beneficiaryId, status: referrals.status })
      .from(referrals)
      .where(
        and(
          eq(referrals.programmeId, programme.id),
          inArray(
            referrals.beneficiaryId,
            rows.map((r) => r.person.id),
          ),
          ne(referrals.status, 'exited'),
        ),
      );
    for (const r of referralRows) statuses.set(r.beneficiaryId, r.status);
  }
  return rows.map(({ enrolment, person }) => {
    const count = attended.get(person.id) ?? 0;
    return {
      ...enrolment,
      waitingPosition: positions.get(enrolment.id) ?? null,
      name: displayName(person),
      attended: count,
      sessions,
      completed:
        enrolment.status === 'enrolled' &&
        isCompleted({
          attended: count,
          sessions,
          thresholdPercent: workshop.completionThresholdPercent,
          minSessions: programme?.trainingMinSessions ?? null,
        }),
      referralStatus: statuses.get(person.id) ?? null,
    };
  });
}
