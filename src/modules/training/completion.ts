/**
 * The completion rule and the referral's training steps. A person completes a workshop by attending at
 * least its threshold (80 % by default) of its sessions that were not cancelled, and at least the
 * programme's `trainingMinSessions` when set; completing one of the programme's workshops makes the
 * referral `trained`. Every change of attendance, sessions, enrolments or threshold runs `syncTraining`,
 * which moves the referral where the rule puts it: `eligible` → `in_training` when enrolled, → `trained`
 * when completed, and back (a correction) while the person is not yet equipped.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { recordStep } from '../programmes/events.ts';
import { applyMove } from '../programmes/referral-changes.ts';
import { programmes, referrals } from '../programmes/schema.ts';
import type { ReferralRow } from '../programmes/visibility.ts';
import type { ReferralStatus } from '../programmes/vocabulary.ts';
import { attendance, enrolments, workshopSessions, workshops } from './schema.ts';

export interface CompletionFacts {
  attended: number;
  /** Sessions of the workshop that were not cancelled. */
  sessions: number;
  thresholdPercent: number;
  /** The programme's minimum number of sessions, if any. */
  minSessions: number | null;
}

/** The completion rule, pure: at least the threshold of the sessions held, and the programme's minimum. */
export function isCompleted(facts: CompletionFacts): boolean {
  if (facts.sessions === 0) return false;
  if (facts.attended * 100 < facts.thresholdPercent * facts.sessions) return false;
  return facts.minSessions === null || facts.attended >= facts.minSessions;
}

/** Sessions not cancelled, per workshop. */
export async function sessionCounts(db: Executor, workshopIds: string[]): Promise<Map<string, number>> {
  if (workshopIds.length === 0) return new Map();
  const rows = await db
    .select({ workshopId: workshopSessions.workshopId, n: sql<number>`count(*)::int` })
    .from(workshopSessions)
    .where(and(inArray(workshopSessions.workshopId, workshopIds), isNull(workshopSessions.cancelledAt)))
    .groupBy(workshopSessions.workshopId);
  return new Map(rows.map((r) => [r.workshopId, r.n]));
}

/** Sessions (not cancelled) each person attended in a workshop. */
export async function attendedCounts(db: Executor, workshopId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ beneficiaryId: attendance.beneficiaryId, n: sql<number>`count(*)::int` })
    .from(attendance)
    .innerJoin(workshopSessions, eq(workshopSessions.id, attendance.sessionId))
    .where(
      and(
        eq(workshopSessions.workshopId, workshopId),
        isNull(workshopSessions.cancelledAt),
        eq(attendance.present, true),
      ),
    )
    .groupBy(attendance.beneficiaryId);
  return new Map(rows.map((r) => [r.beneficiaryId, r.n]));
}

/** Whether the person is enrolled in, and has completed, one of the programme's workshops. */
async function trainingState(
  db: Executor,
  beneficiaryId: string,
  programmeId: string,
  minSessions: number | null,
): Promise<{ enrolled: boolean; completed: boolean }> {
  const rows = await db
    .select({
      workshopId: workshops.id,
      threshold: workshops.completionThresholdPercent,
      cancelled: sql<boolean>`${workshops.cancelledAt} IS NOT NULL`,
    })
    .from(enrolments)
    .innerJoin(workshops, eq(workshops.id, enrolments.workshopId))
    .where(
      and(
        eq(enrolments.beneficiaryId, beneficiaryId),
        eq(workshops.programmeId, programmeId),
        eq(enrolments.status, 'enrolled'),
      ),
    );
  const sessions = await sessionCounts(
    db,
    rows.map((r) => r.workshopId),
  );
  let completed = false;
  for (const row of rows) {
    const attended = (await attendedCounts(db, row.workshopId)).get(beneficiaryId) ?? 0;
    const facts = {
      attended,
      sessions: sessions.get(row.workshopId) ?? 0,
      thresholdPercent: row.threshold,
      minSessions,
    };
    if (isCompleted(facts)) completed = true;
  }
  return { enrolled: rows.some((r) => !r.cancelled), completed };
}

/** Where the training rule puts a referral still waiting for its device. */
export function trainingTarget(state: { enrolled: boolean; completed: boolean }): ReferralStatus {
  if (state.completed) return 'trained';
  return state.enrolled ? 'in_training' : 'eligible';
}

/**
 * Moves the person's referral to the programme where the training rule puts it, with its timeline steps
 * (`status_changed`, and `training_completed` on completion). Referrals already equipped, exited or
 * refused are left alone. Call it inside the transaction of the change, the person locked.
 */
export async function syncTraining(
  tx: Executor,
  actor: Actor,
  beneficiaryId: string,
  programmeId: string | null,
  on: string = today(),
): Promise<ReferralStatus | null> {
  if (!programmeId) return null;
  const [referral] = await tx
    .select()
    .from(referrals)
    .where(
      and(
        eq(referrals.beneficiaryId, beneficiaryId),
        eq(referrals.programmeId, programmeId),
        inArray(referrals.status, ['eligible', 'in_training', 'trained']),
      ),
    )
    .for('update');
  if (!referral) return null;
  const [programme] = await tx
    .select({ minSessions: programmes.trainingMinSessions })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  const target = trainingTarget(
    await trainingState(tx, beneficiaryId, programmeId, programme?.minSessions ?? null),
  );
  // A step of the path is never dated before the referral.
  const day = on < referral.referredOn ? referral.referredOn : on;
  let current: ReferralRow = referral;
  const move = async (status: ReferralStatus) => {
    await applyMove(tx, actor, current, status, day, null);
    if (status === 'trained') {
      await recordStep(tx, actor, {
        beneficiaryId,
        kind: 'training_completed',
        on: day,
        referralId: referral.id,
        programmeId,
      });
    }
    current = { ...current, status };
  };
  if (current.status === target) return target;
  if (current.status === 'eligible') {
    await move('in_training');
    if (target === 'trained') await move('trained');
  } else if (current.status === 'in_training') {
    await move(target);
  } else if (current.status === 'trained') {
    // A correction: back under the rule, the person is training again (or no longer enrolled).
    await move(target);
  }
  return target;
}
