/**
 * What follow-ups keep about one person, for their rights: the export (right of access), the erasure
 * (follow-ups not answered are cancelled, the free comment cleared; the coded answers stay for
 * statistics) and the merge of a duplicate record.
 */
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { programmes } from '../programmes/schema.ts';
import { cancelPersonFollowUps } from './planning.ts';
import { followUpAnswers, followUps } from './schema.ts';

export interface PersonFollowUp {
  programmeName: string;
  months: number;
  dueOn: string;
  status: string;
  sentAt: Date | null;
  answeredAt: Date | null;
  answers: {
    works: string;
    frequency: string;
    uses: string[];
    autonomy: string;
    helpDevice: boolean;
    helpContact: boolean;
    comment: string | null;
    answeredBy: string;
    answeredOn: string;
  } | null;
}

/** Every follow-up of the person with its answers (the caller has checked who may export). */
export async function personFollowUpData(db: Executor, beneficiaryId: string): Promise<PersonFollowUp[]> {
  const rows = await db
    .select({ followUp: followUps, programmeName: programmes.name, answers: followUpAnswers })
    .from(followUps)
    .innerJoin(programmes, eq(programmes.id, followUps.programmeId))
    .leftJoin(followUpAnswers, eq(followUpAnswers.followUpId, followUps.id))
    .where(eq(followUps.beneficiaryId, beneficiaryId))
    .orderBy(asc(followUps.dueOn), asc(followUps.months));
  return rows.map(({ followUp: f, programmeName, answers: a }) => ({
    programmeName,
    months: f.months,
    dueOn: f.dueOn,
    status: f.status,
    sentAt: f.sentAt,
    answeredAt: f.answeredAt,
    answers: a
      ? {
          works: a.works,
          frequency: a.frequency,
          uses: a.uses,
          autonomy: a.autonomy,
          helpDevice: a.helpDevice,
          helpContact: a.helpContact,
          comment: a.comment,
          answeredBy: a.answeredBy,
          answeredOn: a.answeredOn,
        }
      : null,
  }));
}

/** Erasure: the follow-ups still to come are cancelled (their links die with them), comments cleared. */
export async function erasePersonFollowUps(tx: Executor, beneficiaryId: string): Promise<void> {
  await cancelPersonFollowUps(tx, beneficiaryId);
  const ids = await tx
    .select({ id: followUps.id })
    .from(followUps)
    .where(eq(followUps.beneficiaryId, beneficiaryId));
  for (const { id } of ids) {
    await tx.update(followUpAnswers).set({ comment: null }).where(eq(followUpAnswers.followUpId, id));
  }
}

/** A merge: the duplicate's follow-ups become the kept record's (as its allocations do). */
export async function mergeFollowUps(tx: Executor, keepId: string, duplicateId: string): Promise<void> {
  await tx.update(followUps).set({ beneficiaryId: keepId }).where(eq(followUps.beneficiaryId, duplicateId));
}
