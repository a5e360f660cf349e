/**
 * Turning a named need into a referral in one click: the person's record (referring organisation: the
 * need's holder — the prescriber that registered it, or the programme's owner for a need left on the
 * public page, the owner always referring for its own programme), a consent recorded from the census
 * consent, then a referral made by the programmes module's own `createReferral` (eligibility evaluated as
 * for any referral). All in one transaction: a refused referral leaves no record behind.
 */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { translate } from '../../lib/messages.ts';
import { recordAudit } from '../audit/service.ts';
import { createBeneficiary } from '../programmes/beneficiaries.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { createReferral } from '../programmes/referral-changes.ts';
import type { Referral } from '../programmes/referrals.ts';
import type { ConsentScope } from '../programmes/vocabulary.ts';
import { holderOf, loadCensusProgramme, loadNeed, writesNeed } from './access.ts';
import { getNeed, type Need, statusWord } from './needs.ts';
import { censusNeeds } from './schema.ts';

/**
 * What the census consent covers: referring the person and sharing their record with the programme's
 * owner. Follow-up questionnaires are not part of it; the prescriber asks for that consent later.
 */
export const CENSUS_CONSENT_SCOPES: ConsentScope[] = ['referral', 'partners'];

export interface Conversion {
  need: Need;
  beneficiaryId: string;
  referral: Referral;
}

/** Turns a named, registered need into a person's record and a referral (see the file's comment). */
export async function referNeed(
  db: Executor,
  actor: Actor,
  needId: string,
  input: { socialEvaluation?: string | null } = {},
  programmeId?: string,
): Promise<Conversion> {
  const { beneficiaryId, referral } = await db.transaction(async (tx) => {
    const { need, programme } = await loadNeed(tx, actor, needId, true);
    if (programmeId && need.programmeId !== programmeId) throw notFound('need');
    const holder = holderOf(need, programme.ownerOrganisationId);
    if (!writesNeed(actor, need, programme.ownerOrganisationId)) throw forbidden();
    if (need.status !== 'registered') {
      throw new AppError('CONFLICT', 'census.need_not_registered', {
        params: { status: statusWord(actor.locale, need.status) },
      });
    }
    if (!need.consentGivenAt) throw new AppError('RULE_REFUSED', 'census.need_anonymous');
    const person = await createBeneficiary(tx, actor, {
      kind: need.kind,
      referringOrganisationId: holder,
      firstName: need.firstName,
      lastName: need.lastName,
      name: need.associationName,
      email: need.email,
      phone: need.phone,
      postcode: need.postcode,
      city: need.town,
      ...(need.targetGroup ? { targetGroup: need.targetGroup } : {}),
      deviceNeed: need.deviceNeed,
      consent: { givenOn: today(need.consentGivenAt), covers: CENSUS_CONSENT_SCOPES },
    });
    const referral = await createReferral(tx, actor, {
      beneficiaryId: person.id,
      programmeId: programme.id,
      socialEvaluation: input.socialEvaluation ?? null,
    });
    const now = new Date();
    const updated = await tx
      .update(censusNeeds)
      .set({
        status: 'referred',
        beneficiaryId: person.id,
        referralId: referral.id,
        convertedAt: now,
        convertedByUserId: actor.userId,
        updatedAt: now,
      })
      .where(and(eq(censusNeeds.id, need.id), eq(censusNeeds.status, 'registered')))
      .returning({ id: censusNeeds.id });
    if (updated.length !== 1) throw new Error('need changed under its lock');
    await recordAudit(tx, actor, {
      action: 'census_need.refer',
      entityType: 'census_need',
      entityId: need.id,
      organisationId: holder,
      fields: ['status', 'beneficiaryId', 'referralId'],
    });
    return { beneficiaryId: person.id, referral };
  });
  return { need: await getNeed(db, actor, needId), beneficiaryId, referral };
}

export interface ConversionResult {
  needId: string;
  outcome: 'referred' | 'refused';
  beneficiaryId?: string;
  referralId?: string;
  referralStatus?: Referral['status'];
  /** Why it was refused (the same problem one conversion would answer), worded for the caller. */
  problem?: { status: number; code: string; detail: string };
}

/**
 * Converts several needs of a programme one by one, each in its own transaction, and reports each result:
 * a refused one (anonymous, already referred, a rule of the programme) leaves the others done. A need the
 * caller may not see is reported as not found, like a need that does not exist.
 */
export async function referNeeds(
  db: Executor,
  actor: Actor,
  programmeId: string,
  needIds: string[],
): Promise<{ results: ConversionResult[]; referred: number; refused: number }> {
  const census = await loadCensusProgramme(db, actor, programmeId);
  const writable = [census.row.ownerOrganisationId, ...census.parties.prescribers].some((org) =>
    peoplePermissions.can(actor, 'beneficiary.write', org),
  );
  if (!writable) throw forbidden();
  const results: ConversionResult[] = [];
  for (const needId of [...new Set(needIds)]) {
    try {
      if (!isUuid(needId)) throw notFound('need');
      const done = await referNeed(db, actor, needId, {}, census.row.id);
      results.push({
        needId,
        outcome: 'referred',
        beneficiaryId: done.beneficiaryId,
        referralId: done.referral.id,
        referralStatus: done.referral.status,
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const detail = [
        translate(actor.locale, err.messageKey, err.params),
        ...err.fieldErrors.map((f) => translate(actor.locale, f.messageKey, f.params ?? {})),
      ].join(' ');
      results.push({ needId, outcome: 'refused', problem: { status: err.status, code: err.code, detail } });
    }
  }
  const referred = results.filter((r) => r.outcome === 'referred').length;
  return { results, referred, refused: results.length - referred };
}
