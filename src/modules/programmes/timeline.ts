/** The person's path across programmes, step by step, as the record page and the export show it. */

import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { users } from '../organisations/schema.ts';
import { eligibilityMessage } from './eligibility.ts';
import { recordRead } from './events.ts';
import { referralsOf } from './referrals.ts';
import { beneficiaryEvents, programmes } from './schema.ts';
import { loadBeneficiary } from './visibility.ts';
import type { ExitReason, ReferralStatus, TimelineKind } from './vocabulary.ts';

export interface TimelineEntry {
  at: Date;
  on: string;
  kind: TimelineKind;
  referralId: string | null;
  programmeId: string | null;
  programmeName: string | null;
  fromStatus: ReferralStatus | null;
  toStatus: ReferralStatus | null;
  reasons: { code: string; params?: Record<string, string | number>; message: string }[] | null;
  exitReason: ExitReason | null;
  fields: string[] | null;
  relatedBeneficiaryId: string | null;
  authorName: string | null;
}

/**
 * The person's path across programmes, oldest first; steps of a referral the actor may not see (another
 * programme's owner) are left out. The read is audited.
 */
export async function beneficiaryTimeline(db: Executor, actor: Actor, id: string): Promise<TimelineEntry[]> {
  const row = await loadBeneficiary(db, actor, id);
  await recordRead(db, actor, row, 'timeline');
  const visible = new Set((await referralsOf(db, actor, id)).map((r) => r.id));
  const rows = await db
    .select({ event: beneficiaryEvents, programmeName: programmes.name, authorName: users.name })
    .from(beneficiaryEvents)
    .leftJoin(programmes, eq(programmes.id, beneficiaryEvents.programmeId))
    .leftJoin(users, eq(users.id, beneficiaryEvents.authorUserId))
    .where(eq(beneficiaryEvents.beneficiaryId, id))
    .orderBy(asc(beneficiaryEvents.at), asc(beneficiaryEvents.id));
  return rows
    .filter((r) => !r.event.referralId || visible.has(r.event.referralId))
    .map(({ event, programmeName, authorName }) => ({
      at: event.at,
      on: event.happenedOn,
      kind: event.kind,
      referralId: event.referralId,
      programmeId: event.programmeId,
      programmeName,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      reasons: event.reasons?.map((r) => ({ ...r, message: eligibilityMessage(actor.locale, r) })) ?? null,
      exitReason: event.exitReason,
      fields: event.fields,
      relatedBeneficiaryId: event.relatedBeneficiaryId,
      authorName,
    }));
}
