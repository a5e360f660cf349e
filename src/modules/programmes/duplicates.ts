/** The same person recorded twice: finding lookalikes in an organisation, and merging two records. */
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { type Actor, actingOrganisationId } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { allocations, internetAids, loans, maintenanceTickets } from '../distribution/schema.ts';
import { mergeFollowUps } from '../followup/person-data.ts';
import { mergeTrainingRecords } from '../training/person-data.ts';
import { type Beneficiary, type DuplicateCandidate, presentBeneficiary } from './beneficiaries.ts';
import { foldText } from './eligibility.ts';
import { recordStep } from './events.ts';
import { peoplePermissions } from './permissions.ts';
import { applyMove } from './referral-changes.ts';
import { beneficiaries, beneficiaryEvents, consents, ERASED_FIELDS, referrals } from './schema.ts';
import { loadBeneficiary, loadWritableBeneficiary } from './visibility.ts';
import type { ExitReason } from './vocabulary.ts';

export interface DuplicateQuery {
  referringOrganisationId?: string;
  firstName: string;
  lastName: string;
  birthYear?: number;
  postcode?: string;
}

/**
 * Records of the same organisation that look like the same person: the same names (in either order,
 * without accents, case or hyphens), and the same birth year and postcode when given.
 */
export async function findDuplicates(
  db: Executor,
  actor: Actor,
  query: DuplicateQuery,
): Promise<DuplicateCandidate[]> {
  const organisationId = actingOrganisationId(
    actor,
    query.referringOrganisationId,
    'referringOrganisationId',
  );
  peoplePermissions.authorize(actor, 'beneficiary.read', organisationId);
  const keys = [
    foldText(`${query.lastName} ${query.firstName}`),
    foldText(`${query.firstName} ${query.lastName}`),
  ];
  if (!keys[0]) return [];
  return db
    .select({
      id: beneficiaries.id,
      firstName: beneficiaries.firstName,
      lastName: beneficiaries.lastName,
      name: beneficiaries.name,
      birthYear: beneficiaries.birthYear,
      postcode: beneficiaries.postcode,
      city: beneficiaries.city,
    })
    .from(beneficiaries)
    .where(
      and(
        eq(beneficiaries.referringOrganisationId, organisationId),
        eq(beneficiaries.kind, 'person'),
        inArray(beneficiaries.searchKey, keys),
        query.birthYear !== undefined ? eq(beneficiaries.birthYear, query.birthYear) : undefined,
        query.postcode ? eq(beneficiaries.postcode, query.postcode.trim()) : undefined,
        isNull(beneficiaries.anonymisedAt),
        isNull(beneficiaries.mergedIntoId),
      ),
    )
    .orderBy(asc(beneficiaries.createdAt))
    .limit(20);
}

const MERGEABLE_FIELDS = [
  'birthYear',
  'householdType',
  'childrenCount',
  'postcode',
  'city',
  'priorityZone',
  'incomeSituation',
  'familyQuotientCents',
  'employmentSituation',
  'phone',
  'email',
  'deviceNeed',
  'rna',
  'siret',
  'contactName',
  'peopleServed',
] as const;

/**
 * Merges a duplicate into this record: its consents, referrals and timeline move here (both histories
 * are kept), fields this record lacks are taken from it, and the duplicate keeps only a pointer. When both
 * have an open referral to the same programme, the duplicate's is closed as `duplicate`.
 */
export async function mergeBeneficiaries(
  db: Executor,
  actor: Actor,
  id: string,
  duplicateId: string,
): Promise<Beneficiary> {
  if (id === duplicateId) {
    throw new AppError('INVALID_INPUT', 'errors.invalid_input', {
      params: { count: 1 },
      fieldErrors: [{ path: 'duplicateId', messageKey: 'beneficiaries.merge_self' }],
    });
  }
  await db.transaction(async (tx) => {
    // Both must be visible first (an invisible id in the body is a 404), then both the caller's to change.
    await loadBeneficiary(tx, actor, id);
    await loadBeneficiary(tx, actor, duplicateId);
    // Then both locked in one order, so that two opposite merges at once cannot deadlock.
    await tx
      .select({ id: beneficiaries.id })
      .from(beneficiaries)
      .where(inArray(beneficiaries.id, [id, duplicateId]))
      .orderBy(asc(beneficiaries.id))
      .for('update');
    const keep = await loadWritableBeneficiary(tx, actor, id);
    const duplicate = await loadWritableBeneficiary(tx, actor, duplicateId);
    if (keep.referringOrganisationId !== duplicate.referringOrganisationId || keep.kind !== duplicate.kind) {
      throw new AppError('RULE_REFUSED', 'beneficiaries.merge_other_organisation');
    }
    const keptOpen = await tx
      .select({ programmeId: referrals.programmeId })
      .from(referrals)
      .where(and(eq(referrals.beneficiaryId, keep.id), ne(referrals.status, 'exited')));
    const clashing = await tx
      .select()
      .from(referrals)
      .where(
        and(
          eq(referrals.beneficiaryId, duplicate.id),
          ne(referrals.status, 'exited'),
          keptOpen.length > 0
            ? inArray(
                referrals.programmeId,
                keptOpen.map((r) => r.programmeId),
              )
            : sql`false`,
        ),
      );
    for (const referral of clashing)
      await applyMove(tx, actor, referral, 'exited', today(), 'duplicate' as ExitReason);
    await tx
      .update(referrals)
      .set({ beneficiaryId: keep.id })
      .where(eq(referrals.beneficiaryId, duplicate.id));
    await tx.update(consents).set({ beneficiaryId: keep.id }).where(eq(consents.beneficiaryId, duplicate.id));
    // What the duplicate received counts for the person kept (devices per person, loans, aids).
    await tx
      .update(allocations)
      .set({ beneficiaryId: keep.id })
      .where(eq(allocations.beneficiaryId, duplicate.id));
    await tx.update(loans).set({ beneficiaryId: keep.id }).where(eq(loans.beneficiaryId, duplicate.id));
    await tx
      .update(internetAids)
      .set({ beneficiaryId: keep.id })
      .where(eq(internetAids.beneficiaryId, duplicate.id));
    await tx
      .update(maintenanceTickets)
      .set({ beneficiaryId: keep.id })
      .where(eq(maintenanceTickets.beneficiaryId, duplicate.id));
    await mergeTrainingRecords(tx, actor, keep.id, duplicate.id);
    await mergeFollowUps(tx, keep.id, duplicate.id);
    await tx
      .update(beneficiaryEvents)
      .set({ beneficiaryId: keep.id })
      .where(eq(beneficiaryEvents.beneficiaryId, duplicate.id));
    const filled: Record<string, unknown> = {};
    for (const field of MERGEABLE_FIELDS) {
      if (keep[field] === null && duplicate[field] !== null) filled[field] = duplicate[field];
    }
    await tx
      .update(beneficiaries)
      .set({
        ...filled,
        accessibilityNeeds: keep.accessibilityNeeds || duplicate.accessibilityNeeds,
        lastActivityOn: sql`GREATEST(${beneficiaries.lastActivityOn}, ${duplicate.lastActivityOn}::date)`,
        updatedAt: new Date(),
      })
      .where(eq(beneficiaries.id, keep.id));
    await tx
      .update(beneficiaries)
      .set({ ...ERASED_FIELDS, mergedIntoId: keep.id, updatedAt: new Date() })
      .where(eq(beneficiaries.id, duplicate.id));
    await recordStep(tx, actor, {
      beneficiaryId: keep.id,
      kind: 'merged',
      relatedBeneficiaryId: duplicate.id,
      fields: Object.keys(filled),
    });
    await recordAudit(tx, actor, {
      action: 'beneficiary.merge',
      entityType: 'beneficiary',
      entityId: keep.id,
      organisationId: keep.referringOrganisationId,
      fields: ['duplicateId'],
    });
    await recordAudit(tx, actor, {
      action: 'beneficiary.merged_into',
      entityType: 'beneficiary',
      entityId: duplicate.id,
      organisationId: keep.referringOrganisationId,
    });
  });
  return presentBeneficiary(db, actor, await loadBeneficiary(db, actor, id));
}
