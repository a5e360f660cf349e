/**
 * Who may be enrolled in a workshop, for the enrol dialog: for a programme's workshop, the people with an
 * open referral to the programme (names only: a trainer partner sees nothing else, decisions: trainers);
 * for a workshop without a programme, the people its organisation holds. Erased and merged records are
 * left out.
 */
import { and, asc, eq, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { searchPattern } from '../programmes/eligibility.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { displayName } from '../programmes/referrals.ts';
import { beneficiaries, programmes, referrals } from '../programmes/schema.ts';
import { assertCan, loadWorkshop, TRAINABLE_STATUSES } from './access.ts';
import { enrolments } from './schema.ts';

export interface Candidate {
  beneficiaryId: string;
  name: string | null;
  /** The referral to the workshop's programme, if the actor's organisation may know it. */
  referralStatus: string | null;
  /** Already enrolled or waiting in this workshop. */
  enrolled: boolean;
}

export interface CandidateQuery {
  q?: string | undefined;
  limit: number;
}

/** The people the actor may enrol in the workshop, by name (404 for a workshop the actor does not see). */
export async function listEnrolmentCandidates(
  db: Executor,
  actor: Actor,
  workshopId: string,
  query: CandidateQuery,
): Promise<{ items: Candidate[] }> {
  const { workshop, programme } = await loadWorkshop(db, actor, workshopId);
  assertCan(actor, workshop, 'training.enrol');
  const conditions: (SQL | undefined)[] = [
    isNull(beneficiaries.anonymisedAt),
    isNull(beneficiaries.mergedIntoId),
  ];
  if (programme) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM ${referrals} WHERE ${referrals.beneficiaryId} = ${beneficiaries.id}
            AND ${referrals.programmeId} = ${programme.id} AND ${inArray(referrals.status, [...TRAINABLE_STATUSES])})`,
    );
  } else {
    // The organisation's own people, and only when the actor may read them there (as enrolling checks).
    if (!peoplePermissions.can(actor, 'beneficiary.read', workshop.organisationId)) return { items: [] };
    conditions.push(
      or(
        eq(beneficiaries.referringOrganisationId, workshop.organisationId),
        sql`EXISTS (SELECT 1 FROM ${referrals} JOIN ${programmes} ON ${programmes.id} = ${referrals.programmeId}
              WHERE ${referrals.beneficiaryId} = ${beneficiaries.id} AND ${programmes.ownerOrganisationId} = ${workshop.organisationId})`,
      ),
    );
  }
  for (const word of (query.q ?? '').split(/\s+/).filter(Boolean)) {
    conditions.push(sql`${beneficiaries.searchKey} LIKE ${searchPattern(word)}`);
  }
  const people = await db
    .select({
      id: beneficiaries.id,
      kind: beneficiaries.kind,
      firstName: beneficiaries.firstName,
      lastName: beneficiaries.lastName,
      name: beneficiaries.name,
    })
    .from(beneficiaries)
    .where(and(...conditions))
    .orderBy(asc(beneficiaries.searchKey), asc(beneficiaries.id))
    .limit(query.limit);
  const personIds = people.map((p) => p.id);
  const enrolled = new Set(
    personIds.length === 0
      ? []
      : (
          await db
            .select({ id: enrolments.beneficiaryId })
            .from(enrolments)
            .where(
              and(
                eq(enrolments.workshopId, workshop.id),
                inArray(enrolments.beneficiaryId, personIds),
                ne(enrolments.status, 'withdrawn'),
              ),
            )
        ).map((r) => r.id),
  );
  const statuses = new Map<string, string>();
  // The referral's status is the programme owner's to know; a trainer partner sees names only.
  if (
    programme &&
    people.length > 0 &&
    peoplePermissions.can(actor, 'beneficiary.read', programme.ownerOrganisationId)
  ) {
    const rows = await db
      .select({ beneficiaryId: referrals.beneficiaryId, status: referrals.status })
      .from(referrals)
      .where(
        and(
          eq(referrals.programmeId, programme.id),
          inArray(referrals.beneficiaryId, personIds),
          inArray(referrals.status, [...TRAINABLE_STATUSES]),
        ),
      );
    for (const r of rows) statuses.set(r.beneficiaryId, r.status);
  }
  return {
    items: people.map((p) => ({
      beneficiaryId: p.id,
      name: displayName(p),
      referralStatus: statuses.get(p.id) ?? null,
      enrolled: enrolled.has(p.id),
    })),
  };
}
