/**
 * Turning a named need into a referral in one click: the person's record (referring organisation: the
 * need's holder — the prescriber that registered it, or the programme's owner for a need left on the
 * public page, the owner always referring for its own programme), a consent recorded from the census
 * consent, then a referral made by the programmes module's own `createReferral` (eligibility evaluated as
 * for any referral). All in one transaction: a refused referral leaves no record behind.
 *
 * One record per person: when the holder already has records that look like the same person, the
 * conversion is refused (409, the lookalikes listed) until the caller says either that it is one of them
 * (`existingBeneficiaryId`: the need is linked to that record, a consent recorded if none covers the
 * referral) or that it is someone else (`createNew`). Once referred, the need keeps only what the counts
 * use (town, postcode, group, device): its names, contact and reason are on the person's record.
 */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { AppError, forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { translate } from '../../lib/messages.ts';
import { recordAudit } from '../audit/service.ts';
import { createBeneficiary } from '../programmes/beneficiaries.ts';
import { consentInForce, insertConsent } from '../programmes/consents.ts';
import { findDuplicates } from '../programmes/duplicates.ts';
import { recordStep } from '../programmes/events.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { createReferral } from '../programmes/referral-changes.ts';
import { displayName, type Referral } from '../programmes/referrals.ts';
import { beneficiaries } from '../programmes/schema.ts';
import { loadWritableBeneficiary } from '../programmes/visibility.ts';
import type { ConsentScope } from '../programmes/vocabulary.ts';
import { holderOf, loadCensusProgramme, loadNeed, writesNeed } from './access.ts';
import { getNeed, type Need, statusWord } from './needs.ts';
import { REFERRED_CLEARED } from './person-data.ts';
import { censusNeeds } from './schema.ts';

/**
 * What the census consent covers: referring the person and sharing their record with the programme's
 * owner. Follow-up questionnaires are not part of it; the prescriber asks for that consent later.
 */
export const CENSUS_CONSENT_SCOPES: ConsentScope[] = ['referral', 'partners'];

/** A record of the holder that looks like the need's person, as the 409 lists it. */
export interface DuplicateChoice {
  id: string;
  displayName: string | null;
  birthYear: number | null;
  city: string | null;
}

/** Refusal of a conversion while lookalike records exist: the caller chooses (see the file's comment). */
export class PossibleDuplicatesError extends AppError {
  readonly possibleDuplicates: DuplicateChoice[];
  constructor(possibleDuplicates: DuplicateChoice[]) {
    super('CONFLICT', 'census.possible_duplicates', { params: { count: possibleDuplicates.length } });
    this.possibleDuplicates = possibleDuplicates;
  }
}

export interface ReferInput {
  socialEvaluation?: string | null;
  /** The need's person is this record of the holder: link the need to it instead of creating one. */
  existingBeneficiaryId?: string;
  /** The lookalikes are other people: create a new record anyway. */
  createNew?: boolean;
}

/** Something the caller should check after a conversion (the need's contact differs from the record's). */
export interface ConversionNotice {
  code: 'email_differs' | 'phone_differs';
  message: string;
}

export interface Conversion {
  need: Need;
  beneficiaryId: string;
  referral: Referral;
  notices: ConversionNotice[];
}

/** Digits only (a phone) or folded case (an e-mail): two spellings of the same contact are no difference. */
function sameContact(field: 'email' | 'phone', a: string, b: string): boolean {
  return field === 'phone'
    ? a.replace(/\D/g, '') === b.replace(/\D/g, '')
    : a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Turns a named, registered need into a person's record and a referral (see the file's comment). */
export async function referNeed(
  db: Executor,
  actor: Actor,
  needId: string,
  input: ReferInput = {},
  programmeId?: string,
): Promise<Conversion> {
  const { beneficiaryId, referral, notices } = await db.transaction(async (tx) => {
    const { need, programme } = await loadNeed(tx, actor, needId, true);
    if (programmeId && need.programmeId !== programmeId) throw notFound('need');
    const holder = holderOf(need, programme.ownerOrganisationId);
    if (!writesNeed(actor, need, programme.ownerOrganisationId)) throw forbidden();
    if (need.status === 'referred') throw new AppError('CONFLICT', 'census.need_already_referred');
    if (need.status !== 'registered') {
      throw new AppError('CONFLICT', 'census.need_not_registered', {
        params: { status: statusWord(actor.locale, need.status) },
      });
    }
    if (!need.consentGivenAt) throw new AppError('RULE_REFUSED', 'census.need_anonymous');
    if (input.existingBeneficiaryId && input.createNew) {
      throw invalidField('createNew', 'census.existing_or_new');
    }
    const givenOn = today(need.consentGivenAt);
    let personId: string;
    const notices: ConversionNotice[] = [];
    if (input.existingBeneficiaryId) {
      const existing = await loadWritableBeneficiary(tx, actor, input.existingBeneficiaryId);
      if (existing.referringOrganisationId !== holder) {
        throw invalidField('existingBeneficiaryId', 'census.existing_other_organisation');
      }
      const covered =
        (await consentInForce(tx, existing.id, 'referral')) &&
        (await consentInForce(tx, existing.id, 'partners'));
      if (!covered) {
        const consentId = await insertConsent(tx, actor, existing.id, {
          givenOn,
          covers: CENSUS_CONSENT_SCOPES,
        });
        await recordAudit(tx, actor, {
          action: 'consent.create',
          entityType: 'consent',
          entityId: consentId,
          organisationId: holder,
          fields: ['givenOn', 'covers'],
        });
      }
      // The need's contact is cleared below: copy it where the record has none, never overwrite the record's.
      const copied: { email?: string; phone?: string } = {};
      for (const field of ['email', 'phone'] as const) {
        const value = need[field]?.trim();
        if (!value) continue;
        const current = existing[field];
        if (!current) copied[field] = field === 'email' ? value.toLowerCase() : value;
        else if (!sameContact(field, current, value)) {
          const code = field === 'email' ? 'email_differs' : 'phone_differs';
          notices.push({ code, message: translate(actor.locale, `census.${code}`) });
        }
      }
      const fields = Object.keys(copied);
      if (fields.length > 0) {
        await tx
          .update(beneficiaries)
          .set({ ...copied, updatedAt: new Date() })
          .where(eq(beneficiaries.id, existing.id));
        await recordStep(tx, actor, { beneficiaryId: existing.id, kind: 'updated', fields });
        await recordAudit(tx, actor, {
          action: 'beneficiary.update',
          entityType: 'beneficiary',
          entityId: existing.id,
          organisationId: holder,
          fields,
        });
      }
      personId = existing.id;
    } else {
      if (need.kind === 'person' && !input.createNew) {
        const lookalikes = await findDuplicates(tx, actor, {
          referringOrganisationId: holder,
          firstName: need.firstName ?? '',
          lastName: need.lastName ?? '',
          ...(need.postcode ? { postcode: need.postcode } : {}),
        });
        if (lookalikes.length > 0) {
          throw new PossibleDuplicatesError(
            lookalikes.map((d) => ({
              id: d.id,
              displayName: displayName({ kind: 'person', ...d }),
              birthYear: d.birthYear,
              city: d.city,
            })),
          );
        }
      }
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
        consent: { givenOn, covers: CENSUS_CONSENT_SCOPES },
      });
      personId = person.id;
    }
    const referral = await createReferral(tx, actor, {
      beneficiaryId: personId,
      programmeId: programme.id,
      socialEvaluation: input.socialEvaluation ?? null,
    });
    const now = new Date();
    const updated = await tx
      .update(censusNeeds)
      .set({
        ...REFERRED_CLEARED,
        status: 'referred',
        beneficiaryId: personId,
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
      fields: ['status', 'beneficiaryId', 'referralId', ...Object.keys(REFERRED_CLEARED)],
    });
    return { beneficiaryId: personId, referral, notices };
  });
  return { need: await getNeed(db, actor, needId), beneficiaryId, referral, notices };
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
