/**
 * The completion rule and the referral's training steps. A person completes a workshop by attending at
 * least its threshold (80 % by default) of its sessions that were not cancelled, and at least the
 * programme's `trainingMinSessions` when set; completing one of the programme's workshops makes the
 * referral `trained`. Every change of attendance, sessions, enrolments or threshold runs `syncTraining`,
 * which moves the referral where the rule puts it: `eligible` → `in_training` when enrolled, → `trained`
 * when completed, and back (a correction) while the person is not yet equipped.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
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

/**
 * Whether each person is enrolled in, and has completed, one of the programme's workshops: one query for
 * all of them — per person and workshop, the sessions held and the sessions the person attended — and the
 * rule applied here (`isCompleted`), so that it stays written once.
 */
async function trainingStates(
  db: Executor,
  beneficiaryIds: readonly string[],
  programmeId: string,
  minSessions: number | null,
): Promise<Map<string, { enrolled: boolean; completed: boolean }>> {
  const states = new Map(beneficiaryIds.map((id) => [id, { enrolled: false, completed: false }]));
  if (beneficiaryIds.length === 0) return states;
  const people = sql`(${sql.join(
    beneficiaryIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
  const { rows } = await db.execute<{
    beneficiary_id: string;
    threshold: number;
    cancelled: boolean;
    sessions: string;
    attended: string;
  }>(sql`
    WITH held AS (
      SELECT s.workshop_id, count(*) AS sessions
      FROM ${workshopSessions} s JOIN ${workshops} w ON w.id = s.workshop_id
      WHERE w.programme_id = ${programmeId} AND s.cancelled_at IS NULL
      GROUP BY s.workshop_id
    ), present AS (
      SELECT s.workshop_id, k.beneficiary_id, count(*) AS attended
      FROM ${attendance} k
      JOIN ${workshopSessions} s ON s.id = k.session_id
      JOIN ${workshops} w ON w.id = s.workshop_id
      WHERE w.programme_id = ${programmeId} AND s.cancelled_at IS NULL AND k.present
        AND k.beneficiary_id IN ${people}
      GROUP BY s.workshop_id, k.beneficiary_id
    )
    SELECT e.beneficiary_id, w.completion_threshold_percent AS threshold,
      w.cancelled_at IS NOT NULL AS cancelled,
      coalesce(h.sessions, 0) AS sessions, coalesce(p.attended, 0) AS attended
    FROM ${enrolments} e
    JOIN ${workshops} w ON w.id = e.workshop_id
    LEFT JOIN held h ON h.workshop_id = w.id
    LEFT JOIN present p ON p.workshop_id = w.id AND p.beneficiary_id = e.beneficiary_id
    WHERE w.programme_id = ${programmeId} AND e.status = 'enrolled'
      AND e.beneficiary_id IN ${people}`);
  for (const row of rows) {
    const state = states.get(row.beneficiary_id);
    if (!state) continue;
    if (!row.cancelled) state.enrolled = true;
    const facts = {
      attended: Number(row.attended),
      sessions: Number(row.sessions),
      thresholdPercent: Number(row.threshold),
      minSessions,
    };
    if (isCompleted(facts)) state.completed = true;
  }
  return states;
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
  const targets = await syncTrainingOf(tx, actor, [beneficiaryId], programmeId, on);
  return targets.get(beneficiaryId) ?? null;
}

/**
 * `syncTraining` for several people of one programme at once (a workshop's roster, a session's
 * attendance): their referrals locked and their training judged by one query each, whatever their number;
 * only the referrals that move are written. Call it inside the transaction of the change, the people
 * locked.
 */
export async function syncTrainingOf(
  tx: Executor,
  actor: Actor,
  beneficiaryIds: readonly string[],
  programmeId: string | null,
  on: string = today(),
): Promise<Map<string, ReferralStatus>> {
  const moved = new Map<string, ReferralStatus>();
  if (!programmeId || beneficiaryIds.length === 0) return moved;
  const open = await tx
    .select()
    .from(referrals)
    .where(
      and(
        inArray(referrals.beneficiaryId, [...beneficiaryIds]),
        eq(referrals.programmeId, programmeId),
        inArray(referrals.status, ['eligible', 'in_training', 'trained']),
      ),
    )
    .orderBy(asc(referrals.id))
    .for('update');
  if (open.length === 0) return moved;
  const [programme] = await tx
    .select({ minSessions: programmes.trainingMinSessions })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  const states = await trainingStates(
    tx,
    open.map((r) => r.beneficiaryId),
    programmeId,
    programme?.minSessions ?? null,
  );
  for (const referral of open) {
    const state = states.get(referral.beneficiaryId) ?? { enrolled: false, completed: false };
    const target = trainingTarget(state);
    moved.set(referral.beneficiaryId, target);
    await moveReferral(tx, actor, referral, target, on);
  }
  return moved;
}

/** One referral to where the rule puts it, through `in_training` when it starts from `eligible`. */
async function moveReferral(
  tx: Executor,
  actor: Actor,
  referral: ReferralRow,
  target: ReferralStatus,
  on: string,
): Promise<void> {
  // A step of the path is never dated before the referral.
  const day = on < referral.referredOn ? referral.referredOn : on;
  let current: ReferralRow = referral;
  const move = async (status: ReferralStatus) => {
    await applyMove(tx, actor, current, status, day, null);
    if (status === 'trained') {
      await recordStep(tx, actor, {
        beneficiaryId: referral.beneficiaryId,
        kind: 'training_completed',
        on: day,
        referralId: referral.id,
        programmeId: referral.programmeId,
      });
    }
    current = { ...current, status };
  };
  if (current.status === target) return;
  if (current.status === 'eligible') {
    await move('in_training');
    if (target === 'trained') await move('trained');
  } else {
    // From in_training, or from trained: a correction (back under the rule, training again or no longer
    // enrolled).
    await move(target);
  }
}
