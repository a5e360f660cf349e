/**
 * Small pieces shared by the programmes and people pages: money in euros (shown, and typed with a decimal
 * comma), names of people and associations, referral status badges, eligibility verdicts with their
 * reasons, waiting-list positions ("3e sur 12") and the rules of a programme put into sentences.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n/index.ts';
import type {
  BeneficiaryNames,
  Consent,
  ConsentCover,
  EligibilityRules,
  EligibilityVerdict,
  PossibleDuplicate,
  Programme,
  ProgrammeMode,
  ReferralBase,
  ReferralStatus,
} from '../peopleApi.ts';
import { parseDecimal } from './forms.tsx';

function locale(language: string): string {
  return language === 'en' ? 'en-GB' : 'fr-FR';
}

// ---- Money ------------------------------------------------------------------------------------------------

/** "130 €", "88,50 €". */
export function formatMoney(cents: number, language: string): string {
  return new Intl.NumberFormat(locale(language), {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(cents / 100);
}

/** Euros as typed ("88,50", "88.5", "130"): cents, undefined when empty, NaN when not an amount. */
export function parseEuros(text: string): number | undefined {
  const value = parseDecimal(text.replace(/€/g, ''));
  if (value === undefined || Number.isNaN(value)) return value;
  const cents = Math.round(value * 100);
  if (value < 0 || Math.abs(cents - value * 100) > 1e-6) return Number.NaN;
  return cents;
}

/** Cents as euros for an input ("88,50" in French, "88.50" in English; "130" without cents). */
export function eurosText(cents: number | null | undefined, language: string): string {
  if (cents === null || cents === undefined) return '';
  const text = cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
  return language === 'fr' ? text.replace('.', ',') : text;
}

/** The check of an amount field: null when fine (or empty), else the message. */
export function euroError(text: string): string | null {
  const cents = parseEuros(text);
  if (cents === undefined) return null;
  return Number.isNaN(cents) ? i18n.t('people.amountInvalid') : null;
}

/** A whole number as typed: undefined when empty, NaN when not a whole number (within `max`). */
export function parseWhole(text: string, max = 1_000_000): number | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  if (!/^\d{1,9}$/.test(trimmed)) return Number.NaN;
  const value = Number(trimmed);
  return value > max ? Number.NaN : value;
}

/** The check of a whole-number field. */
export function wholeError(text: string, max = 1_000_000): string | null {
  return Number.isNaN(parseWhole(text, max)) ? i18n.t('validation.wholeNumber') : null;
}

// ---- Names ------------------------------------------------------------------------------------------------

/** "Amélie Dupré", an association's name, or "Données effacées" when nothing is left. */
export function beneficiaryName(record: BeneficiaryNames | undefined | null): string {
  if (!record) return i18n.t('people.unknownPerson');
  if (record.displayName) return record.displayName;
  const person = [record.firstName, record.lastName].filter(Boolean).join(' ');
  return (
    (record.kind === 'association' ? record.name || person : person || record.name) ||
    i18n.t('people.erasedName')
  );
}

/** Who a referral is about ("Données effacées" once erased). */
export function referralPersonName(referral: Pick<ReferralBase, 'beneficiaryName'>): string {
  return referral.beneficiaryName || i18n.t('people.erasedName');
}

/** "né·e en 1980, 45200 Montargis" (what tells two records with the same name apart). */
export function duplicateDetails(duplicate: PossibleDuplicate): string {
  return [
    duplicate.birthYear ? i18n.t('beneficiaryForm.bornIn', { year: duplicate.birthYear }) : '',
    [duplicate.postcode, duplicate.city].filter(Boolean).join(' '),
  ]
    .filter(Boolean)
    .join(', ');
}

// ---- Consents -------------------------------------------------------------------------------------------

/**
 * Whether a consent covering `scope` was given by `day` and not withdrawn by then — what the server asks
 * of a referral on that day (`referral`, and `partners` for a programme run by another organisation).
 */
export function consentCoversOn(consents: readonly Consent[], scope: ConsentCover, day: string): boolean {
  return consents.some(
    (c) => c.covers.includes(scope) && c.givenOn <= day && (c.withdrawnOn === null || c.withdrawnOn > day),
  );
}

// ---- Statuses ---------------------------------------------------------------------------------------------

/** A referral's status as a coloured dot and its words ("Éligible", "Non éligible", "Équipé·e"…). */
export function ReferralStatusBadge({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`referral-status referral-status-${status}`}>{t(`referralStatuses.${status}`)}</span>
  );
}

/** "1er sur 12", "3e sur 12" (English: "1st of 12"). */
export function positionText(position: number, total: number | undefined, language: string): string {
  const rule = new Intl.PluralRules(locale(language), { type: 'ordinal' }).select(position);
  const key = rule === 'one' || rule === 'two' || rule === 'few' ? rule : 'other';
  const rank = i18n.t(`ordinal.${key}`, { n: position });
  return total === undefined ? rank : i18n.t('people.positionOf', { rank, total });
}

/** "Ouvert", "Fermé" (closed by hand) or "Hors période". */
export function ProgrammeState({ programme }: { programme: Pick<Programme, 'open' | 'closed'> }) {
  const { t } = useTranslation();
  if (programme.open) return <span className="status status-ok">{t('programmes.open')}</span>;
  return (
    <span className="status status-off">
      {programme.closed ? t('programmes.closedByHand') : t('programmes.outsidePeriod')}
    </span>
  );
}

export function modeLabel(mode: ProgrammeMode): string {
  return i18n.t(`programmeModes.${mode}`);
}

// ---- Eligibility ------------------------------------------------------------------------------------------

/** The reasons of a verdict, one sentence each (the server words them in the reader's language). */
export function ReasonList({ verdict }: { verdict: EligibilityVerdict | null | undefined }) {
  if (!verdict || verdict.reasons.length === 0) return null;
  return (
    <ul className="reason-list">
      {verdict.reasons.map((reason) => (
        <li key={`${reason.code}-${reason.message}`}>{reason.message}</li>
      ))}
    </ul>
  );
}

/** A verdict in words: "Éligible", or "Non éligible" and every reason. */
export function Verdict({
  verdict,
  title,
  children,
}: {
  verdict: EligibilityVerdict;
  title?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className={verdict.eligible ? 'alert alert-success verdict' : 'alert alert-warning verdict'}>
      {title && <p className="verdict-title">{title}</p>}
      <p className="verdict-word">
        <strong>
          {verdict.eligible ? t('referralStatuses.eligible') : t('referralStatuses.ineligible')}
        </strong>
      </p>
      <ReasonList verdict={verdict} />
      {children}
    </div>
  );
}

/**
 * A verdict said as soon as it arrives: "Éligible" in a polite status region, "Non éligible" and its
 * reasons in an alert. Both regions stay in the page (empty) so that screen readers hear what fills them.
 */
export function VerdictRegions({
  verdict,
  title,
  children,
}: {
  verdict: EligibilityVerdict | null;
  title?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <>
      <div role="status" className="verdict-region">
        {verdict?.eligible && (
          <Verdict verdict={verdict} title={title}>
            {children}
          </Verdict>
        )}
      </div>
      <div role="alert" className="verdict-region">
        {verdict && !verdict.eligible && (
          <Verdict verdict={verdict} title={title}>
            {children}
          </Verdict>
        )}
      </div>
    </>
  );
}

function list(values: readonly string[], language: string): string {
  return new Intl.ListFormat(locale(language), { style: 'long', type: 'conjunction' }).format(values);
}

/** The rules of a programme as sentences, for its page ("Réservé aux personnes.", "Quotient familial…"). */
export function rulesSentences(rules: EligibilityRules | null | undefined, language: string): string[] {
  const t = i18n.t.bind(i18n);
  if (!rules) return [];
  const out: string[] = [];
  if (rules.kinds && rules.kinds.length === 1 && rules.kinds[0]) {
    out.push(t(`rules.sentences.onlyKind.${rules.kinds[0]}`));
  }
  if (rules.incomeSituations?.length) {
    out.push(
      t('rules.sentences.income', {
        list: list(
          rules.incomeSituations.map((s) => t(`incomeSituations.${s}`)),
          language,
        ),
      }),
    );
  }
  if (rules.maxFamilyQuotientCents !== undefined && rules.maxFamilyQuotientCents !== null) {
    out.push(t('rules.sentences.quotient', { amount: formatMoney(rules.maxFamilyQuotientCents, language) }));
  }
  const min = rules.minAge ?? null;
  const max = rules.maxAge ?? null;
  if (min !== null && max !== null) out.push(t('rules.sentences.ageBetween', { min, max }));
  else if (min !== null) out.push(t('rules.sentences.ageMin', { min }));
  else if (max !== null) out.push(t('rules.sentences.ageMax', { max }));
  if (rules.postcodes?.length) {
    out.push(t('rules.sentences.postcodes', { list: list(rules.postcodes, language) }));
  }
  if (rules.cities?.length) out.push(t('rules.sentences.cities', { list: list(rules.cities, language) }));
  if (rules.priorityZoneRequired) out.push(t('rules.sentences.priorityZone'));
  if (rules.maxOpenReferralsPerPrescriber !== undefined && rules.maxOpenReferralsPerPrescriber !== null) {
    out.push(t('rules.sentences.maxOpen', { count: rules.maxOpenReferralsPerPrescriber }));
  }
  return out;
}
