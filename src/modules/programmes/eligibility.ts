/**
 * The eligibility rules of a programme, as data, and their evaluation. Pure: no database, no clock
 * (the day of the referral is given), so the same facts always get the same verdict and reasons.
 * Reasons are codes with parameters (tests and scripts rely on them); `eligibilityMessage` words them.
 */
import { type Locale, translate } from '../../lib/messages.ts';

export const INCOME_SITUATIONS = [
  'rsa',
  'aah',
  'aspa',
  'minimum_income_other',
  'low_income',
  'scholarship',
  'none',
] as const;
export type IncomeSituation = (typeof INCOME_SITUATIONS)[number];

export interface EligibilityRules {
  kinds?: ('person' | 'association')[];
  incomeSituations?: IncomeSituation[];
  maxFamilyQuotientCents?: number;
  minAge?: number;
  maxAge?: number;
  /** Postcodes accepted; an entry ending in `*` accepts a prefix (`45*`: the whole department). */
  postcodes?: string[];
  /** Towns accepted, compared without accents, case or hyphens (`Saint-Jean-de-Braye`). */
  cities?: string[];
  priorityZoneRequired?: boolean;
  /**
   * How many open referrals one prescribing organisation may have in the programme at once. Not a fact
   * about the person: checked when a referral is made (a refusal), not part of the verdict.
   */
  maxOpenReferralsPerPrescriber?: number;
}

/** What the rules look at, about a person or an association. */
export interface BeneficiaryFacts {
  kind: 'person' | 'association';
  birthYear?: number | null;
  incomeSituation?: IncomeSituation | null;
  familyQuotientCents?: number | null;
  postcode?: string | null;
  city?: string | null;
  priorityZone?: boolean | null;
}

export type EligibilityCode =
  | 'kind_not_accepted'
  | 'income_situation_missing'
  | 'income_situation_not_accepted'
  | 'family_quotient_missing'
  | 'family_quotient_above_ceiling'
  | 'birth_year_missing'
  | 'age_below_minimum'
  | 'age_above_maximum'
  | 'postcode_missing'
  | 'postcode_not_covered'
  | 'city_missing'
  | 'city_not_covered'
  | 'priority_zone_required';

export interface EligibilityReason {
  code: EligibilityCode;
  params?: Record<string, string | number>;
}

export interface EligibilityVerdict {
  eligible: boolean;
  /** Every rule the facts fail, in the order of the rules; empty when eligible. */
  reasons: EligibilityReason[];
}

/**
 * Lower case, no accents, ligatures spelt out (Œ → oe), hyphens and apostrophes as spaces, single spaces:
 * how names and towns are compared.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[-'’_.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function postcodeCovered(postcode: string, accepted: readonly string[]): boolean {
  return accepted.some((entry) =>
    entry.endsWith('*') ? postcode.startsWith(entry.slice(0, -1)) : postcode === entry,
  );
}

/**
 * Judges the facts against the rules on the day of the referral (`YYYY-MM-DD`: the age is the age reached
 * in that year). Criteria about a person — income, family quotient, age — do not apply to an association.
 * A missing fact that a rule needs is a reason of its own, so the prescriber knows what to fill in.
 */
export function evaluateEligibility(
  rules: EligibilityRules,
  facts: BeneficiaryFacts,
  onDay: string,
): EligibilityVerdict {
  const reasons: EligibilityReason[] = [];
  if (rules.kinds?.length && !rules.kinds.includes(facts.kind)) {
    reasons.push({
      code: 'kind_not_accepted',
      params: { kind: facts.kind, accepted: rules.kinds.join(', ') },
    });
  }
  if (facts.kind === 'person') {
    if (rules.incomeSituations?.length) {
      if (!facts.incomeSituation) reasons.push({ code: 'income_situation_missing' });
      else if (!rules.incomeSituations.includes(facts.incomeSituation)) {
        reasons.push({
          code: 'income_situation_not_accepted',
          params: { value: facts.incomeSituation, accepted: rules.incomeSituations.join(', ') },
        });
      }
    }
    if (rules.maxFamilyQuotientCents !== undefined) {
      if (facts.familyQuotientCents === null || facts.familyQuotientCents === undefined) {
        reasons.push({ code: 'family_quotient_missing', params: { ceiling: rules.maxFamilyQuotientCents } });
      } else if (facts.familyQuotientCents > rules.maxFamilyQuotientCents) {
        reasons.push({
          code: 'family_quotient_above_ceiling',
          params: { value: facts.familyQuotientCents, ceiling: rules.maxFamilyQuotientCents },
        });
      }
    }
    if (rules.minAge !== undefined || rules.maxAge !== undefined) {
      if (!facts.birthYear) reasons.push({ code: 'birth_year_missing' });
      else {
        const age = Number(onDay.slice(0, 4)) - facts.birthYear;
        if (rules.minAge !== undefined && age < rules.minAge) {
          reasons.push({ code: 'age_below_minimum', params: { age, min: rules.minAge } });
        }
        if (rules.maxAge !== undefined && age > rules.maxAge) {
          reasons.push({ code: 'age_above_maximum', params: { age, max: rules.maxAge } });
        }
      }
    }
  }
  if (rules.postcodes?.length) {
    if (!facts.postcode) reasons.push({ code: 'postcode_missing' });
    else if (!postcodeCovered(facts.postcode, rules.postcodes)) {
      reasons.push({
        code: 'postcode_not_covered',
        params: { postcode: facts.postcode, accepted: rules.postcodes.join(', ') },
      });
    }
  }
  if (rules.cities?.length) {
    if (!facts.city?.trim()) reasons.push({ code: 'city_missing' });
    else if (!rules.cities.some((city) => foldText(city) === foldText(facts.city ?? ''))) {
      reasons.push({
        code: 'city_not_covered',
        params: { city: facts.city, accepted: rules.cities.join(', ') },
      });
    }
  }
  if (rules.priorityZoneRequired && facts.priorityZone !== true)
    reasons.push({ code: 'priority_zone_required' });
  return { eligible: reasons.length === 0, reasons };
}

function euros(cents: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: 2,
    minimumFractionDigits: 0,
  }).format(cents / 100);
}

/** The reason in plain words, for the person's file and the prescriber's screen. */
export function eligibilityMessage(locale: Locale, reason: EligibilityReason): string {
  const params: Record<string, unknown> = { ...reason.params };
  if (typeof params.value === 'number' && reason.code.startsWith('family_quotient'))
    params.value = euros(params.value, locale);
  if (typeof params.ceiling === 'number') params.ceiling = euros(params.ceiling, locale);
  // After an erasure the person's figures are gone from the reason: say so without a raw placeholder.
  return translate(locale, `eligibility.${reason.code}`, params).replace(/\{\w+\}/g, '…');
}

export interface WordedVerdict {
  eligible: boolean;
  reasons: { code: string; params?: Record<string, string | number>; message: string }[];
}

/** The verdict with every reason worded in the caller's language. */
export function wordVerdict(
  locale: Locale,
  verdict: { eligible: boolean; reasons: { code: string; params?: Record<string, string | number> }[] },
): WordedVerdict {
  return {
    eligible: verdict.eligible,
    reasons: verdict.reasons.map((r) => ({
      ...r,
      message: eligibilityMessage(locale, r as Parameters<typeof eligibilityMessage>[1]),
    })),
  };
}

/** Folded words for a LIKE on `searchKey`, wildcards escaped. */
export function searchPattern(q: string): string {
  return `%${foldText(q).replace(/[\\%_]/g, '\\$&')}%`;
}
