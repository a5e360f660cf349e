import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { recordAudit } from '../audit/service.ts';
import type { EligibilityReason } from './eligibility.ts';
import { beneficiaries, beneficiaryEvents } from './schema.ts';
import type { ExitReason, ReferralStatus, TimelineKind } from './vocabulary.ts';

export interface TimelineEventInput {
  beneficiaryId: string;
  kind: TimelineKind;
  on?: string;
  referralId?: string | null;
  programmeId?: string | null;
  fromStatus?: ReferralStatus | null;
  toStatus?: ReferralStatus | null;
  reasons?: EligibilityReason[] | null;
  exitReason?: ExitReason | null;
  /** Names of the fields involved, never their values. */
  fields?: string[] | null;
  relatedBeneficiaryId?: string | null;
}

/**
 * Writes one step of the person's path and counts it as a contact (the retention period runs from the
 * last one). Call it inside the transaction that makes the change.
 */
export async function recordStep(tx: Executor, actor: Actor, event: TimelineEventInput): Promise<void> {
  const day = event.on ?? today();
  await tx.insert(beneficiaryEvents).values({
    beneficiaryId: event.beneficiaryId,
    kind: event.kind,
    happenedOn: day,
    referralId: event.referralId ?? null,
    programmeId: event.programmeId ?? null,
    fromStatus: event.fromStatus ?? null,
    toStatus: event.toStatus ?? null,
    reasons: event.reasons ?? null,
    exitReason: event.exitReason ?? null,
    fields: event.fields ?? null,
    relatedBeneficiaryId: event.relatedBeneficiaryId ?? null,
    authorUserId: actor.userId,
  });
  await touchBeneficiary(tx, event.beneficiaryId);
}

/** Counts today as a contact with the person (later modules call it on handovers, attendance…). */
export async function touchBeneficiary(tx: Executor, beneficiaryId: string): Promise<void> {
  await tx
    .update(beneficiaries)
    .set({ lastActivityOn: sql`GREATEST(${beneficiaries.lastActivityOn}, ${today()}::date)` })
    .where(eq(beneficiaries.id, beneficiaryId));
}

/**
 * Writes a read of the person's record in the audit log (ids and the part read, never values): every read
 * of a record, its timeline, one of its referrals or a verdict quoting its facts.
 */
export async function recordRead(
  db: Executor,
  actor: Actor,
  person: { id: string; referringOrganisationId: string },
  part?: 'timeline' | 'referral' | 'eligibility',
): Promise<void> {
  await recordAudit(db, actor, {
    action: 'beneficiary.read',
    entityType: 'beneficiary',
    entityId: person.id,
    organisationId: person.referringOrganisationId,
    fields: part ? [part] : [],
  });
}
