/**
 * The eligibility rules of a programme, edited as data: kinds and income situations accepted (boxes to
 * tick), a family-quotient ceiling in euros, an age range, the area (postcodes, `45*` for a department,
 * towns, priority neighbourhood) and a cap on each prescriber's open referrals. Beside it, a box to test
 * the saved rules on made-up facts (`POST /programmes/{id}/eligibility-check`), answered as one types.
 */
import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { Checkbox, CheckboxGroup, FieldError, Label, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { isAbort } from '../api.ts';
import {
  BENEFICIARY_KINDS,
  type BeneficiaryKind,
  type EligibilityFacts,
  type EligibilityRules,
  type EligibilityVerdict,
  INCOME_SITUATIONS,
  type IncomeSituation,
  peopleApi,
} from '../peopleApi.ts';
import { CheckboxField, Field } from './forms.tsx';
import { HelpDetails } from './help.tsx';
import { euroError, eurosText, parseEuros, parseWhole, VerdictRegions, wholeError } from './people.tsx';
import { ErrorAlert } from './ui.tsx';

export interface RulesState {
  kinds: string[];
  incomeSituations: string[];
  quotient: string;
  minAge: string;
  maxAge: string;
  postcodes: string;
  cities: string;
  priorityZoneRequired: boolean;
  maxOpen: string;
}

export function rulesStateFrom(rules: EligibilityRules | null | undefined, language: string): RulesState {
  const number = (value: number | null | undefined) =>
    value === null || value === undefined ? '' : String(value);
  return {
    kinds: rules?.kinds ?? [],
    incomeSituations: rules?.incomeSituations ?? [],
    quotient: eurosText(rules?.maxFamilyQuotientCents, language),
    minAge: number(rules?.minAge),
    maxAge: number(rules?.maxAge),
    postcodes: (rules?.postcodes ?? []).join(', '),
    cities: (rules?.cities ?? []).join(', '),
    priorityZoneRequired: rules?.priorityZoneRequired ?? false,
    maxOpen: number(rules?.maxOpenReferralsPerPrescriber),
  };
}

/** "45000, 41*; 18100" → ["45000", "41*", "18100"]. */
export function splitPostcodes(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** Town names are separated by commas or semicolons (they may hold spaces and hyphens). */
export function splitCities(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** A postcode of 5 digits, or the first digits followed by `*` (a department, a district). */
function isPostcodeRule(entry: string): boolean {
  return /^\d{5}$/.test(entry) || /^\d{1,4}\*$/.test(entry);
}

/** The rules to send: only what is filled in (an empty rule accepts everybody). */
export function rulesFromState(state: RulesState): EligibilityRules {
  const rules: EligibilityRules = {};
  if (state.kinds.length > 0) rules.kinds = BENEFICIARY_KINDS.filter((k) => state.kinds.includes(k));
  if (state.incomeSituations.length > 0)
    rules.incomeSituations = INCOME_SITUATIONS.filter((s) => state.incomeSituations.includes(s));
  const quotient = parseEuros(state.quotient);
  if (quotient !== undefined) rules.maxFamilyQuotientCents = quotient;
  const minAge = parseWhole(state.minAge, 150);
  if (minAge !== undefined) rules.minAge = minAge;
  const maxAge = parseWhole(state.maxAge, 150);
  if (maxAge !== undefined) rules.maxAge = maxAge;
  const postcodes = splitPostcodes(state.postcodes);
  if (postcodes.length > 0) rules.postcodes = postcodes;
  const cities = splitCities(state.cities);
  if (cities.length > 0) rules.cities = cities;
  if (state.priorityZoneRequired) rules.priorityZoneRequired = true;
  const maxOpen = parseWhole(state.maxOpen, 100_000);
  if (maxOpen !== undefined) rules.maxOpenReferralsPerPrescriber = maxOpen;
  return rules;
}

function CheckMark() {
  return (
    <svg viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      <polyline points="3.5 9.5 7.5 13 14.5 5" fill="none" stroke="currentColor" strokeWidth="2.5" />
    </svg>
  );
}

export function RulesEditor({
  value,
  onChange,
  programmeId,
  changedSinceSaved,
}: {
  value: RulesState;
  onChange: (value: RulesState) => void;
  /** The saved programme whose rules the preview tests; none for a new programme. */
  programmeId: string | null;
  changedSinceSaved: boolean;
}) {
  const { t } = useTranslation();
  const set =
    <K extends keyof RulesState>(key: K) =>
    (next: RulesState[K]) =>
      onChange({ ...value, [key]: next });
  return (
    <fieldset className="fieldset rules-editor">
      <legend>{t('rules.title')}</legend>
      <p className="help">{t('rules.intro')}</p>
      <HelpDetails summary={t('rules.how.title')}>
        <ul>
          <li>{t('rules.how.all')}</li>
          <li>{t('rules.how.within')}</li>
          <li>{t('rules.how.area')}</li>
          <li>{t('rules.how.association')}</li>
          <li>{t('rules.how.missing')}</li>
          <li>{t('rules.how.day')}</li>
          <li>{t('rules.how.cap')}</li>
          <li>{t('rules.how.change')}</li>
        </ul>
      </HelpDetails>
      <div className="rules-layout">
        <div className="rules-fields">
          <CheckboxGroup
            className="field checkbox-group"
            name="eligibility.kinds"
            value={value.kinds}
            onChange={set('kinds')}
          >
            <Label>{t('rules.kinds')}</Label>
            <Text slot="description" className="help">
              {t('rules.kindsHelp')}
            </Text>
            <div className="checkbox-grid">
              {BENEFICIARY_KINDS.map((kind) => (
                <Checkbox key={kind} id={`rules-kind-${kind}`} value={kind} className="checkbox">
                  <span className="checkbox-box" aria-hidden="true">
                    <CheckMark />
                  </span>
                  {t(`beneficiaryKinds.${kind}`)}
                </Checkbox>
              ))}
            </div>
            <FieldError className="field-error" />
          </CheckboxGroup>
          <CheckboxGroup
            className="field checkbox-group"
            name="eligibility.incomeSituations"
            value={value.incomeSituations}
            onChange={set('incomeSituations')}
          >
            <Label>{t('rules.incomeSituations')}</Label>
            <Text slot="description" className="help">
              {t('rules.incomeSituationsHelp')}
            </Text>
            <div className="checkbox-grid">
              {INCOME_SITUATIONS.map((situation) => (
                <Checkbox
                  key={situation}
                  id={`rules-income-${situation}`}
                  value={situation}
                  className="checkbox"
                >
                  <span className="checkbox-box" aria-hidden="true">
                    <CheckMark />
                  </span>
                  {t(`incomeSituations.${situation}`)}
                </Checkbox>
              ))}
            </div>
            <FieldError className="field-error" />
          </CheckboxGroup>
          <div className="field-row">
            <Field
              id="rules-quotient"
              name="eligibility.maxFamilyQuotientCents"
              label={t('rules.quotient')}
              description={t('rules.quotientHelp')}
              optional
              value={value.quotient}
              onChange={set('quotient')}
              inputProps={{ inputMode: 'decimal', className: 'input-short', autoComplete: 'off' }}
              validate={euroError}
            />
            <Field
              id="rules-max-open"
              name="eligibility.maxOpenReferralsPerPrescriber"
              label={t('rules.maxOpen')}
              description={t('rules.maxOpenHelp')}
              optional
              value={value.maxOpen}
              onChange={set('maxOpen')}
              inputProps={{ inputMode: 'numeric', className: 'input-short', autoComplete: 'off' }}
              validate={(text) => wholeError(text, 100_000)}
            />
          </div>
          <div className="field-row">
            <Field
              id="rules-min-age"
              name="eligibility.minAge"
              label={t('rules.minAge')}
              optional
              value={value.minAge}
              onChange={set('minAge')}
              inputProps={{ inputMode: 'numeric', className: 'input-short', autoComplete: 'off' }}
              validate={(text) => wholeError(text, 150)}
            />
            <Field
              id="rules-max-age"
              name="eligibility.maxAge"
              label={t('rules.maxAge')}
              optional
              value={value.maxAge}
              onChange={set('maxAge')}
              inputProps={{ inputMode: 'numeric', className: 'input-short', autoComplete: 'off' }}
              validate={(text) => {
                const problem = wholeError(text, 150);
                if (problem) return problem;
                const min = parseWhole(value.minAge, 150);
                const max = parseWhole(text, 150);
                return min !== undefined && max !== undefined && max < min ? t('rules.ageOrder') : null;
              }}
            />
          </div>
          <p className="help">{t('rules.ageHelp')}</p>
          <Field
            id="rules-postcodes"
            name="eligibility.postcodes"
            label={t('rules.postcodes')}
            description={t('rules.postcodesHelp')}
            optional
            value={value.postcodes}
            onChange={set('postcodes')}
            inputProps={{ autoComplete: 'off', spellCheck: false }}
            validate={(text) => {
              const wrong = splitPostcodes(text).filter((entry) => !isPostcodeRule(entry));
              return wrong.length > 0 ? t('rules.postcodesInvalid', { entries: wrong.join(', ') }) : null;
            }}
          />
          <Field
            id="rules-cities"
            name="eligibility.cities"
            label={t('rules.cities')}
            description={t('rules.citiesHelp')}
            optional
            value={value.cities}
            onChange={set('cities')}
            inputProps={{ autoComplete: 'off' }}
          />
          <CheckboxField
            id="rules-priority-zone"
            name="eligibility.priorityZoneRequired"
            label={t('rules.priorityZone')}
            description={t('rules.priorityZoneHelp')}
            isSelected={value.priorityZoneRequired}
            onChange={set('priorityZoneRequired')}
          />
        </div>
        <RulesPreview programmeId={programmeId} changedSinceSaved={changedSinceSaved} />
      </div>
    </fieldset>
  );
}

/** The facts typed in the preview, as the API wants them. */
function factsOf(state: PreviewState): EligibilityFacts | null {
  const facts: EligibilityFacts = { kind: state.kind };
  const birthYear = parseWhole(state.birthYear, 3000);
  if (Number.isNaN(birthYear)) return null;
  if (birthYear !== undefined) facts.birthYear = birthYear;
  if (state.incomeSituation) facts.incomeSituation = state.incomeSituation;
  const quotient = parseEuros(state.quotient);
  if (Number.isNaN(quotient)) return null;
  if (quotient !== undefined) facts.familyQuotientCents = quotient;
  if (state.postcode.trim()) facts.postcode = state.postcode.trim();
  if (state.city.trim()) facts.city = state.city.trim();
  facts.priorityZone = state.priorityZone;
  return facts;
}

interface PreviewState {
  kind: BeneficiaryKind;
  birthYear: string;
  incomeSituation: IncomeSituation | '';
  quotient: string;
  postcode: string;
  city: string;
  priorityZone: boolean;
}

const EMPTY_PREVIEW: PreviewState = {
  kind: 'person',
  birthYear: '',
  incomeSituation: '',
  quotient: '',
  postcode: '',
  city: '',
  priorityZone: false,
};

/**
 * "Test these rules": made-up facts judged by the server against the saved rules, as one types (after a
 * short pause) or at once with the button. Its own fields, not the programme's: Enter tests, not saves.
 */
function RulesPreview({
  programmeId,
  changedSinceSaved,
}: {
  programmeId: string | null;
  changedSinceSaved: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [state, setState] = useState<PreviewState>(EMPTY_PREVIEW);
  const [verdict, setVerdict] = useState<EligibilityVerdict | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const facts = factsOf(state);
  const factsKey = JSON.stringify(facts);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the facts (as text) and the button start a test.
  useEffect(() => {
    if (!programmeId || !facts || version === 0) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setBusy(true);
      peopleApi
        .checkEligibility(programmeId, facts, controller.signal)
        .then((value) => {
          setVerdict(value);
          setError(null);
        })
        .catch((err: unknown) => {
          if (!isAbort(err)) setError(err);
        })
        .finally(() => {
          if (!controller.signal.aborted) setBusy(false);
        });
    }, 400);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [programmeId, factsKey, version]);

  function change<K extends keyof PreviewState>(key: K, next: PreviewState[K]) {
    setState((previous) => ({ ...previous, [key]: next }));
    setVersion((v) => v + 1);
  }

  function keyDown(event: KeyboardEvent<HTMLDivElement>) {
    // Enter in the test's fields tests the rules; it must not send the programme's form.
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
      event.preventDefault();
      setVersion((v) => v + 1);
    }
  }

  return (
    <section className="card rules-preview" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('rules.previewTitle')}</h3>
      {!programmeId ? (
        <p className="help">{t('rules.previewAfterSave')}</p>
      ) : (
        // biome-ignore lint/a11y/noStaticElementInteractions: Enter in these fields tests instead of saving.
        <div onKeyDown={keyDown}>
          <p className="help">{t('rules.previewIntro')}</p>
          {changedSinceSaved && <p className="alert alert-info">{t('rules.previewUnsaved')}</p>}
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t('beneficiaryFields.kind')}</label>
            <select
              id={`${id}-kind`}
              value={state.kind}
              onChange={(event) =>
                change('kind', event.target.value === 'association' ? 'association' : 'person')
              }
            >
              {BENEFICIARY_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`beneficiaryKinds.${kind}`)}
                </option>
              ))}
            </select>
          </div>
          {state.kind === 'person' && (
            <>
              <div className="field">
                <label htmlFor={`${id}-birth`}>{t('beneficiaryFields.birthYear')}</label>
                <input
                  id={`${id}-birth`}
                  className="input-short"
                  inputMode="numeric"
                  autoComplete="off"
                  value={state.birthYear}
                  onChange={(event) => change('birthYear', event.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-income`}>{t('beneficiaryFields.incomeSituation')}</label>
                <select
                  id={`${id}-income`}
                  value={state.incomeSituation}
                  onChange={(event) =>
                    change('incomeSituation', INCOME_SITUATIONS.find((s) => s === event.target.value) ?? '')
                  }
                >
                  <option value="">{t('people.notFilled')}</option>
                  {INCOME_SITUATIONS.map((situation) => (
                    <option key={situation} value={situation}>
                      {t(`incomeSituations.${situation}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-quotient`}>{t('beneficiaryFields.familyQuotient')}</label>
                <input
                  id={`${id}-quotient`}
                  className="input-short"
                  inputMode="decimal"
                  autoComplete="off"
                  value={state.quotient}
                  onChange={(event) => change('quotient', event.target.value)}
                />
              </div>
            </>
          )}
          <div className="field">
            <label htmlFor={`${id}-postcode`}>{t('beneficiaryFields.postcode')}</label>
            <input
              id={`${id}-postcode`}
              className="input-short"
              inputMode="numeric"
              autoComplete="off"
              value={state.postcode}
              onChange={(event) => change('postcode', event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-city`}>{t('beneficiaryFields.city')}</label>
            <input
              id={`${id}-city`}
              autoComplete="off"
              value={state.city}
              onChange={(event) => change('city', event.target.value)}
            />
          </div>
          <div className="checkbox-line">
            <input
              id={`${id}-qpv`}
              type="checkbox"
              checked={state.priorityZone}
              onChange={(event) => change('priorityZone', event.target.checked)}
            />
            <label htmlFor={`${id}-qpv`}>{t('beneficiaryFields.priorityZone')}</label>
          </div>
          <button
            type="button"
            className="button button-secondary"
            aria-disabled={busy}
            onClick={() => setVersion((v) => v + 1)}
          >
            {busy ? t('rules.previewTesting') : t('rules.previewTest')}
          </button>
          {!facts && <p className="field-error">{t('rules.previewInvalid')}</p>}
          <div className="rules-preview-result">
            <ErrorAlert error={error} />
            <VerdictRegions verdict={error ? null : verdict} title={t('rules.previewVerdict')} />
          </div>
        </div>
      )}
    </section>
  );
}
