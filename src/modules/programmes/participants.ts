/** A programme looking at people: the rules' verdict for one person (a preview), and the names trainers see. */

import { and, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { type Actor, canSeeOrganisationInternals } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import {
  type BeneficiaryFacts,
  evaluateEligibility,
  type WordedVerdict,
  wordVerdict,
} from './eligibility.ts';
import { recordRead } from './events.ts';
import { beneficiaries, referrals } from './schema.ts';
import { loadBeneficiary, loadProgramme } from './visibility.ts';
import { OPEN_STATUSES } from './vocabulary.ts';

export interface EligibilityCheckInput {
  beneficiaryId?: string;
  facts?: BeneficiaryFacts;
  onDay?: string;
}

/** The rules editor's preview: the verdict for a person (or bare facts), nothing recorded. */
export async function checkEligibility(
  db: Executor,
  actor: Actor,
  programmeId: string,
  input: EligibilityCheckInput,
): Promise<WordedVerdict> {
  const { row } = await loadProgramme(db, actor, programmeId);
  let facts: BeneficiaryFacts;
  if (input.beneficiaryId) {
    const person = await loadBeneficiary(db, actor, input.beneficiaryId);
    // The verdict quotes the person's facts: a read of their record.
    await recordRead(db, actor, person, 'eligibility');
    facts = person;
  } else if (input.facts) facts = input.facts;
  else {
    throw new AppError('INVALID_INPUT', 'errors.invalid_input', {
      params: { count: 1 },
      fieldErrors: [{ path: 'facts', messageKey: 'validation.required' }],
    });
  }
  return wordVerdict(actor.locale, evaluateEligibility(row.eligibility, facts, input.onDay ?? today()));
}

export interface Participant {
  beneficiaryId: string;
  kind: 'person' | 'association';
  firstName: string | null;
  lastName: string | null;
  name: string | null;
}

/**
 * The names of the people with an open referral to the programme — all that a trainer partner sees of
 * them. The owner and trainers see everyone; a prescribing partner sees the people it referred.
 */
export async function listParticipants(
  db: Executor,
  actor: Actor,
  programmeId: string,
): Promise<Participant[]> {
  const { parties } = await loadProgramme(db, actor, programmeId);
  const everyone =
    actor.isPlatformAdmin ||
    [parties.owner, ...parties.trainers].some((org) => canSeeOrganisationInternals(actor, org));
  const own = parties.prescribers.filter((org) => canSeeOrganisationInternals(actor, org));
  if (!everyone && own.length === 0) throw notFound('programme');
  const conditions: SQL[] = [
    eq(referrals.programmeId, programmeId),
    inArray(referrals.status, [...OPEN_STATUSES.filter((s) => s !== 'ineligible')]),
    isNull(beneficiaries.anonymisedAt),
  ];
  if (!everyone) conditions.push(inArray(referrals.referringOrganisationId, own));
  const rows = await db
    .select({
      beneficiaryId: beneficiaries.id,
      kind: beneficiaries.kind,
      firstName: beneficiaries.firstName,
      lastName: beneficiaries.lastName,
      name: beneficiaries.name,
    })
    .from(referrals)
    .innerJoin(beneficiaries, eq(beneficiaries.id, referrals.beneficiaryId))
    .where(and(...conditions))
    .orderBy(beneficiaries.searchKey, beneficiaries.id);
  return rows;
}
