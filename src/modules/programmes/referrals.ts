import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { organisations, users } from '../organisations/schema.ts';
import { type WordedVerdict, wordVerdict } from './eligibility.ts';
import { recordRead } from './events.ts';
import { peoplePermissions } from './permissions.ts';
import { beneficiaries, programmes, referrals } from './schema.ts';
import { type BeneficiaryRow, canReadReferral, type ReferralRow, referralScope } from './visibility.ts';
import type { ExitReason, ReferralStatus } from './vocabulary.ts';

export const referring = alias(organisations, 'referring');

export interface Referral {
  id: string;
  beneficiaryId: string;
  beneficiaryKind: 'person' | 'association';
  /** First and last name, or the association's name; null once erased. */
  beneficiaryName: string | null;
  programmeId: string;
  programmeName: string;
  programmeOwnerOrganisationId: string;
  referringOrganisationId: string;
  referringOrganisationName: string;
  referredByUserId: string | null;
  referredByName: string | null;
  referredOn: string;
  status: ReferralStatus;
  eligibility: WordedVerdict;
  evaluatedOn: string;
  socialEvaluation: string | null;
  priority: boolean;
  priorityReason: string | null;
  exitReason: ExitReason | null;
  exitedOn: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** In a waiting list: the place in the programme's whole list (1 = next), and its length. */
  position?: number;
  waitingTotal?: number;
  can: { evaluate: boolean; move: boolean; prioritise: boolean; editEvaluation: boolean };
}

export function displayName(
  b: Pick<BeneficiaryRow, 'kind' | 'firstName' | 'lastName' | 'name'>,
): string | null {
  if (b.kind === 'association') return b.name;
  const full = [b.firstName, b.lastName].filter(Boolean).join(' ');
  return full || null;
}

export function permissionsOn(actor: Actor, referral: ReferralRow, programmeOwner: string, erased: boolean) {
  const writer = peoplePermissions.can(actor, 'beneficiary.write', referral.referringOrganisationId);
  const owner = peoplePermissions.can(actor, 'referral.manage', programmeOwner);
  const open = referral.status !== 'exited' && !erased;
  return {
    /** May act on this referral at all (whatever its state). */
    act: writer || owner,
    evaluate:
      open && (writer || owner) && (referral.status === 'eligible' || referral.status === 'ineligible'),
    move: open && (writer || owner),
    prioritise: open && owner,
    editEvaluation: open && writer,
  };
}

export function withoutAct({ act: _act, ...can }: ReturnType<typeof permissionsOn>): Referral['can'] {
  return can;
}

export const referralColumns = {
  referral: referrals,
  beneficiary: {
    kind: beneficiaries.kind,
    firstName: beneficiaries.firstName,
    lastName: beneficiaries.lastName,
    name: beneficiaries.name,
    anonymisedAt: beneficiaries.anonymisedAt,
  },
  programmeName: programmes.name,
  programmeOwner: programmes.ownerOrganisationId,
  referringName: referring.name,
  referredByName: users.name,
};

type ReferralQueryRow = {
  referral: ReferralRow;
  beneficiary: Pick<BeneficiaryRow, 'kind' | 'firstName' | 'lastName' | 'name' | 'anonymisedAt'>;
  programmeName: string;
  programmeOwner: string;
  referringName: string;
  referredByName: string | null;
};

export function referralQuery(db: Executor) {
  return db
    .select(referralColumns)
    .from(referrals)
    .innerJoin(beneficiaries, eq(beneficiaries.id, referrals.beneficiaryId))
    .innerJoin(programmes, eq(programmes.id, referrals.programmeId))
    .innerJoin(referring, eq(referring.id, referrals.referringOrganisationId))
    .leftJoin(users, eq(users.id, referrals.referredByUserId));
}

export function toReferral(actor: Actor, row: ReferralQueryRow): Referral {
  const r = row.referral;
  const erased = row.beneficiary.anonymisedAt !== null;
  return {
    id: r.id,
    beneficiaryId: r.beneficiaryId,
    beneficiaryKind: row.beneficiary.kind,
    beneficiaryName: displayName(row.beneficiary),
    programmeId: r.programmeId,
    programmeName: row.programmeName,
    programmeOwnerOrganisationId: row.programmeOwner,
    referringOrganisationId: r.referringOrganisationId,
    referringOrganisationName: row.referringName,
    referredByUserId: r.referredByUserId,
    referredByName: row.referredByName,
    referredOn: r.referredOn,
    status: r.status,
    eligibility: wordVerdict(actor.locale, { eligible: r.reasons.length === 0, reasons: r.reasons }),
    evaluatedOn: r.evaluatedOn,
    socialEvaluation: r.socialEvaluation,
    priority: r.priority,
    priorityReason: r.priorityReason,
    exitReason: r.exitReason,
    exitedOn: r.exitedOn,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    can: withoutAct(permissionsOn(actor, r, row.programmeOwner, erased)),
  };
}

/**
 * Lists leave the social evaluation out: it is read on the referral itself or on the person's record,
 * reads that are audited.
 */
export function listed(referral: Referral): Referral {
  return { ...referral, socialEvaluation: null };
}

/** `GET /referrals/{id}`: one referral with its social evaluation; the read is audited. */
export async function readReferral(db: Executor, actor: Actor, id: string): Promise<Referral> {
  const referral = await getReferral(db, actor, id);
  await recordRead(
    db,
    actor,
    { id: referral.beneficiaryId, referringOrganisationId: referral.referringOrganisationId },
    'referral',
  );
  return referral;
}

/** One referral, for the referring organisation and the programme's owner; else 404. */
export async function getReferral(db: Executor, actor: Actor, id: string): Promise<Referral> {
  const [row] = isUuid(id) ? await referralQuery(db).where(eq(referrals.id, id)) : [];
  if (!row || !canReadReferral(actor, row.referral, row.programmeOwner)) throw notFound('referral');
  return toReferral(actor, row);
}

/** The referrals of one person that the actor may see (the person's page). */
export async function referralsOf(db: Executor, actor: Actor, beneficiaryId: string): Promise<Referral[]> {
  const scope = referralScope(actor);
  if (scope === false) return [];
  const rows = await referralQuery(db)
    .where(and(eq(referrals.beneficiaryId, beneficiaryId), scope))
    .orderBy(desc(referrals.referredOn), desc(referrals.createdAt));
  return rows.map((row) => toReferral(actor, row));
}
