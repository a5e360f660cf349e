/**
 * A person's training in the rights of the person and in merges: what the export lists, what an erasure
 * empties (the assessors' free notes), and how a duplicate's enrolments, attendance and assessments move
 * to the record kept. Called by the programmes module inside its own transactions.
 */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { organisations } from '../organisations/schema.ts';
import { programmes } from '../programmes/schema.ts';
import { syncTraining } from './completion.ts';
import { promoteWaiting } from './enrolments.ts';
import { attendance, enrolments, skillsAssessments, workshopSessions, workshops } from './schema.ts';

export interface PersonTraining {
  enrolments: {
    workshopId: string;
    workshopTitle: string;
    organisationName: string;
    programmeName: string | null;
    enrolledOn: string;
    status: string;
    withdrawnOn: string | null;
  }[];
  attendance: { sessionId: string; workshopTitle: string; startsAt: Date; present: boolean }[];
  assessments: {
    id: string;
    stage: string;
    assessedOn: string;
    organisationName: string;
    programmeName: string | null;
    levels: Record<string, number>;
    autonomous: boolean;
    note: string | null;
  }[];
}

/** Everything training keeps about a person, for the export of the right of access. */
export async function personTrainingData(db: Executor, beneficiaryId: string): Promise<PersonTraining> {
  const enrolled = await db
    .select({
      workshopId: workshops.id,
      workshopTitle: workshops.title,
      organisationName: organisations.name,
      programmeName: programmes.name,
      enrolledOn: enrolments.enrolledOn,
      status: enrolments.status,
      withdrawnOn: enrolments.withdrawnOn,
    })
    .from(enrolments)
    .innerJoin(workshops, eq(workshops.id, enrolments.workshopId))
    .innerJoin(organisations, eq(organisations.id, workshops.organisationId))
    .leftJoin(programmes, eq(programmes.id, workshops.programmeId))
    .where(eq(enrolments.beneficiaryId, beneficiaryId))
    .orderBy(asc(enrolments.enrolledOn), asc(enrolments.createdAt));
  const attended = await db
    .select({
      sessionId: attendance.sessionId,
      workshopTitle: workshops.title,
      startsAt: workshopSessions.startsAt,
      present: attendance.present,
    })
    .from(attendance)
    .innerJoin(workshopSessions, eq(workshopSessions.id, attendance.sessionId))
    .innerJoin(workshops, eq(workshops.id, workshopSessions.workshopId))
    .where(eq(attendance.beneficiaryId, beneficiaryId))
    .orderBy(asc(workshopSessions.startsAt));
  const assessed = await db
    .select({
      id: skillsAssessments.id,
      stage: skillsAssessments.stage,
      assessedOn: skillsAssessments.assessedOn,
      organisationName: organisations.name,
      programmeName: programmes.name,
      levels: skillsAssessments.levels,
      autonomous: skillsAssessments.autonomous,
      note: skillsAssessments.note,
    })
    .from(skillsAssessments)
    .innerJoin(organisations, eq(organisations.id, skillsAssessments.organisationId))
    .leftJoin(programmes, eq(programmes.id, skillsAssessments.programmeId))
    .where(eq(skillsAssessments.beneficiaryId, beneficiaryId))
    .orderBy(asc(skillsAssessments.assessedOn), asc(skillsAssessments.createdAt));
  return { enrolments: enrolled, attendance: attended, assessments: assessed };
}

/** An erasure empties the assessors' free notes (they may describe the person); levels and dates stay. */
export async function erasePersonTrainingNotes(tx: Executor, beneficiaryId: string): Promise<void> {
  await tx
    .update(skillsAssessments)
    .set({ note: null })
    .where(eq(skillsAssessments.beneficiaryId, beneficiaryId));
}

const RANK: Record<string, number> = { enrolled: 2, waiting: 1, withdrawn: 0 };

/**
 * Moves a duplicate's training to the record kept. Both in one workshop: the better place stays (enrolled
 * over waiting), the other is withdrawn; both marked for one session: present if either was. The kept
 * person's referrals then follow the completion rule again, and a place given up goes to the first person
 * on the workshop's waiting list.
 */
export async function mergeTrainingRecords(
  tx: Executor,
  actor: Actor,
  keepId: string,
  duplicateId: string,
): Promise<void> {
  const open = await tx
    .select()
    .from(enrolments)
    .where(and(inArray(enrolments.beneficiaryId, [keepId, duplicateId]), ne(enrolments.status, 'withdrawn')))
    .orderBy(asc(enrolments.id));
  const byWorkshop = new Map<string, (typeof open)[number][]>();
  for (const e of open) byWorkshop.set(e.workshopId, [...(byWorkshop.get(e.workshopId) ?? []), e]);
  const shared = [...byWorkshop.entries()].filter(([, pair]) => pair.length >= 2).map(([id]) => id);
  // The workshops where one of the two places is given up are locked (in a fixed order, as enrolments
  // lock them), so that the place freed goes to the first person waiting, as a withdrawal does.
  const locked =
    shared.length > 0
      ? await tx
          .select()
          .from(workshops)
          .where(inArray(workshops.id, shared))
          .orderBy(asc(workshops.id))
          .for('update')
      : [];
  const freed: (typeof locked)[number][] = [];
  for (const pair of byWorkshop.values()) {
    if (pair.length < 2) continue;
    const [loser] = [...pair].sort(
      (a, b) =>
        (RANK[a.status] ?? 0) - (RANK[b.status] ?? 0) ||
        (a.beneficiaryId === duplicateId ? -1 : 1) - (b.beneficiaryId === duplicateId ? -1 : 1),
    );
    if (loser) {
      await tx
        .update(enrolments)
        .set({ status: 'withdrawn', withdrawnOn: today(), updatedAt: new Date() })
        .where(eq(enrolments.id, loser.id));
      const workshop = locked.find((w) => w.id === loser.workshopId);
      if (loser.status === 'enrolled' && workshop) freed.push(workshop);
    }
  }
  await tx.update(enrolments).set({ beneficiaryId: keepId }).where(eq(enrolments.beneficiaryId, duplicateId));
  await tx.execute(sql`UPDATE ${attendance} AS k SET present = true FROM ${attendance} AS d
    WHERE d.session_id = k.session_id AND k.beneficiary_id = ${keepId} AND d.beneficiary_id = ${duplicateId} AND d.present`);
  await tx.execute(sql`DELETE FROM ${attendance} AS d WHERE d.beneficiary_id = ${duplicateId}
    AND EXISTS (SELECT 1 FROM ${attendance} AS k WHERE k.session_id = d.session_id AND k.beneficiary_id = ${keepId})`);
  await tx.update(attendance).set({ beneficiaryId: keepId }).where(eq(attendance.beneficiaryId, duplicateId));
  await tx
    .update(skillsAssessments)
    .set({ beneficiaryId: keepId })
    .where(eq(skillsAssessments.beneficiaryId, duplicateId));
  const programmeIds = await tx
    .selectDistinct({ id: workshops.programmeId })
    .from(enrolments)
    .innerJoin(workshops, eq(workshops.id, enrolments.workshopId))
    .where(eq(enrolments.beneficiaryId, keepId));
  for (const { id } of programmeIds) await syncTraining(tx, actor, keepId, id);
  for (const workshop of freed) await promoteWaiting(tx, actor, workshop);
}
