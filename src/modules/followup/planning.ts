/**
 * Planning follow-ups: when a device is handed over to a person whose consent covers follow-ups, one
 * follow-up per month configured by the programme (3, 6 and 12 by default) is scheduled; taking the
 * handover back cancels those not answered.
 */
import { and, eq, inArray, notExists, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { addMonthsToDay, today } from '../../lib/dates.ts';
import { allocations } from '../distribution/schema.ts';
import { consentInForce } from '../programmes/consents.ts';
import { beneficiaries } from '../programmes/schema.ts';
import { followUpLinks, followUpSettings, followUps } from './schema.ts';

export const DEFAULT_MONTHS = [3, 6, 12];
export const DEFAULT_REMINDER_DAYS = 14;

/** A programme's months and reminder delay (the defaults when it never changed them). */
export async function settingsOf(
  db: Executor,
  programmeId: string,
): Promise<{ months: number[]; reminderDays: number }> {
  const [row] = await db.select().from(followUpSettings).where(eq(followUpSettings.programmeId, programmeId));
  return {
    months: row ? [...row.months].sort((a, b) => a - b) : DEFAULT_MONTHS,
    reminderDays: row?.reminderDays ?? DEFAULT_REMINDER_DAYS,
  };
}

/** How late a follow-up may be planned: one due longer ago than this is not planned (see `monthsToPlan`). */
export const LATE_PLANNING_DAYS = 30;

function plusDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The months to plan for a handover on `handedOverOn`, planned on `plannedOn`: a handover recorded late
 * must not send every overdue questionnaire at once, so a follow-up due more than 30 days before the
 * planning day is left out — except the latest of those, so a late handover still gets one follow-up.
 */
export function monthsToPlan(months: number[], handedOverOn: string, plannedOn: string): number[] {
  const limit = plusDays(plannedOn, -LATE_PLANNING_DAYS);
  const sorted = [...months].sort((a, b) => a - b);
  const late = sorted.filter((n) => addMonthsToDay(handedOverOn, n) < limit);
  const latestLate = late.at(-1);
  return sorted.filter((n) => !late.includes(n) || n === latestLate);
}

/**
 * Schedules the follow-ups of a handover, inside its transaction: nothing for an association, a handover
 * not (or no longer) recorded, or a person whose consent does not cover follow-ups on the handover day.
 * Follow-ups cancelled by an earlier taking back are scheduled again. `plannedOn` is the day the planning
 * happens (today; a replay of a handover recorded on its own day passes that day): follow-ups long overdue
 * then are left out (see `monthsToPlan`). Returns how many were scheduled.
 */
export async function planFollowUps(
  tx: Executor,
  allocationId: string,
  plannedOn: string = today(),
): Promise<number> {
  const [row] = await tx
    .select({ allocation: allocations, kind: beneficiaries.kind, erased: beneficiaries.anonymisedAt })
    .from(allocations)
    .innerJoin(beneficiaries, eq(beneficiaries.id, allocations.beneficiaryId))
    .where(eq(allocations.id, allocationId));
  if (row?.kind !== 'person' || row.erased) return 0;
  const { allocation } = row;
  if (allocation.status !== 'handed_over' || !allocation.handedOverOn) return 0;
  if (!(await consentInForce(tx, allocation.beneficiaryId, 'follow_up', allocation.handedOverOn))) return 0;
  const { months } = await settingsOf(tx, allocation.programmeId);
  let planned = 0;
  for (const n of monthsToPlan(months, allocation.handedOverOn, plannedOn)) {
    const dueOn = addMonthsToDay(allocation.handedOverOn, n);
    const [done] = await tx
      .insert(followUps)
      .values({
        programmeId: allocation.programmeId,
        allocationId: allocation.id,
        beneficiaryId: allocation.beneficiaryId,
        referralId: allocation.referralId,
        months: n,
        dueOn,
      })
      .onConflictDoUpdate({
        target: [followUps.allocationId, followUps.months],
        set: {
          status: 'scheduled',
          dueOn,
          sentAt: null,
          remindedAt: null,
          cancelledAt: null,
          updatedAt: new Date(),
        },
        setWhere: sql`${followUps.status} = 'cancelled'`,
      })
      .returning({ id: followUps.id });
    if (done) {
      // A follow-up scheduled again starts afresh: links made before the taking back no longer work.
      await tx.delete(followUpLinks).where(eq(followUpLinks.followUpId, done.id));
      planned++;
    }
  }
  return planned;
}

/** The statuses a taking back or an erasure cancels: everything not answered. */
const CANCELLABLE = ['scheduled', 'sent', 'to_contact', 'no_answer'] as const;

/** Cancels a handover's follow-ups not answered yet (the handover was taken back); inside its transaction. */
export async function cancelFollowUps(tx: Executor, allocationId: string): Promise<number> {
  const rows = await tx
    .update(followUps)
    .set({ status: 'cancelled', cancelledAt: new Date(), updatedAt: new Date() })
    .where(and(eq(followUps.allocationId, allocationId), inArray(followUps.status, [...CANCELLABLE])))
    .returning({ id: followUps.id });
  return rows.length;
}

/** Cancels every follow-up of a person not answered yet (erasure). */
export async function cancelPersonFollowUps(tx: Executor, beneficiaryId: string): Promise<number> {
  const rows = await tx
    .update(followUps)
    .set({ status: 'cancelled', cancelledAt: new Date(), updatedAt: new Date() })
    .where(and(eq(followUps.beneficiaryId, beneficiaryId), inArray(followUps.status, [...CANCELLABLE])))
    .returning({ id: followUps.id });
  return rows.length;
}

/**
 * A consent covering follow-ups was withdrawn, inside that transaction: unless another consent still
 * covers them, the person's follow-ups not answered are cancelled (their links stop working) so nobody
 * contacts them again. Returns how many were cancelled.
 */
export async function stopFollowUpsWithoutConsent(tx: Executor, beneficiaryId: string): Promise<number> {
  if (await consentInForce(tx, beneficiaryId, 'follow_up')) return 0;
  return cancelPersonFollowUps(tx, beneficiaryId);
}

/** How far back the job looks for handovers that have no follow-up (a missed planning). */
export const CATCH_UP_DAYS = 30;

/**
 * Plans the follow-ups of recent handovers to persons that have none (handovers recorded before the
 * programme had follow-ups, or by a path that did not plan them). Returns how many were scheduled.
 */
export async function catchUpFollowUps(db: Executor, asOf: string): Promise<number> {
  const candidates = await db
    .select({ id: allocations.id })
    .from(allocations)
    .innerJoin(beneficiaries, eq(beneficiaries.id, allocations.beneficiaryId))
    .where(
      and(
        eq(allocations.status, 'handed_over'),
        eq(beneficiaries.kind, 'person'),
        sql`${beneficiaries.anonymisedAt} IS NULL`,
        sql`${allocations.handedOverOn} >= ${asOf}::date - ${CATCH_UP_DAYS}::int`,
        notExists(
          db.select({ one: sql`1` }).from(followUps).where(eq(followUps.allocationId, allocations.id)),
        ),
      ),
    );
  let planned = 0;
  for (const { id } of candidates) {
    planned += await db.transaction(async (tx) => {
      // Locked and checked again: another server may be planning the same handover.
      const [locked] = await tx
        .select({ id: allocations.id })
        .from(allocations)
        .where(eq(allocations.id, id))
        .for('update');
      if (!locked) return 0;
      const [existing] = await tx
        .select({ id: followUps.id })
        .from(followUps)
        .where(eq(followUps.allocationId, id))
        .limit(1);
      return existing ? 0 : planFollowUps(tx, id, asOf);
    });
  }
  return planned;
}
