/**
 * Record a person or an association, or change their record. Only what the social-support framework
 * allows (no health detail: an accessibility flag). A new record needs the person's consent (ticked, its
 * day, what it covers), with the information notice to print and hand over. While the names, birth year
 * and postcode are typed, the records of the same organisation that look the same are shown, without
 * blocking the save.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { Form, Label, Radio, RadioGroup, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  isValidPostcode,
  isValidRna,
  isValidSiret,
  normaliseRna,
  normaliseSiret,
} from '../../lib/identifiers.ts';
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH } from '../../lib/limits.ts';
import { isAbort } from '../api.ts';
import { ConsentFields } from '../components/ConsentFields.tsx';
import {
  CheckboxField,
  ErrorSummary,
  Field,
  SelectField,
  SubmitButton,
  type SummaryField,
  useServerPathErrors,
} from '../components/forms.tsx';
import { todayDay } from '../components/inventory.tsx';
import { OrganisationPicker, type PickedOrganisation } from '../components/OrganisationPicker.tsx';
import {
  beneficiaryName,
  duplicateDetails,
  euroError,
  eurosText,
  parseEuros,
  parseWhole,
  wholeError,
} from '../components/people.tsx';
import { ErrorAlert, Loading, Page, useLoad } from '../components/ui.tsx';
import {
  type BeneficiaryDetail,
  type BeneficiaryFields,
  type BeneficiaryInput,
  type BeneficiaryKind,
  CONSENT_COVERS,
  type ConsentCover,
  DEFAULT_CONSENT_COVERS,
  DEVICE_NEEDS,
  EMPLOYMENT_SITUATIONS,
  HOUSEHOLD_TYPES,
  INCOME_SITUATIONS,
  type PossibleDuplicate,
  peopleApi,
  TARGET_GROUPS,
} from '../peopleApi.ts';
import { referringOrganisations, useMe, useSession } from '../session.tsx';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What the person's page says after a creation. */
export interface CreatedState {
  notice?: string;
  possibleDuplicates?: PossibleDuplicate[];
}

interface FormState {
  kind: BeneficiaryKind;
  firstName: string;
  lastName: string;
  name: string;
  birthYear: string;
  householdType: string;
  childrenCount: string;
  postcode: string;
  city: string;
  priorityZone: boolean;
  incomeSituation: string;
  familyQuotient: string;
  employmentSituation: string;
  targetGroup: string;
  phone: string;
  email: string;
  accessibilityNeeds: boolean;
  deviceNeed: string;
  rna: string;
  siret: string;
  contactName: string;
  peopleServed: string;
}

function stateFrom(record: BeneficiaryDetail | null, language: string): FormState {
  const text = (value: string | null | undefined) => value ?? '';
  const number = (value: number | null | undefined) =>
    value === null || value === undefined ? '' : String(value);
  return {
    kind: record?.kind ?? 'person',
    firstName: text(record?.firstName),
    lastName: text(record?.lastName),
    name: text(record?.name),
    birthYear: number(record?.birthYear),
    householdType: text(record?.householdType),
    childrenCount: number(record?.childrenCount),
    postcode: text(record?.postcode),
    city: text(record?.city),
    priorityZone: record?.priorityZone ?? false,
    incomeSituation: text(record?.incomeSituation),
    familyQuotient: eurosText(record?.familyQuotientCents, language),
    employmentSituation: text(record?.employmentSituation),
    targetGroup: record?.targetGroup ?? '',
    phone: text(record?.phone),
    email: text(record?.email),
    accessibilityNeeds: record?.accessibilityNeeds ?? false,
    deviceNeed: text(record?.deviceNeed),
    rna: text(record?.rna),
    siret: text(record?.siret),
    contactName: text(record?.contactName),
    peopleServed: number(record?.peopleServed),
  };
}

function pick<T extends string>(values: readonly T[], text: string): T | null {
  return values.find((value) => value === text) ?? null;
}

/** The fields to send for this kind, empty ones as null. */
function fieldsFrom(state: FormState): BeneficiaryFields {
  const text = (value: string) => value.trim() || null;
  const common: BeneficiaryFields = {
    postcode: text(state.postcode),
    city: text(state.city),
    phone: text(state.phone),
    email: text(state.email),
  };
  if (state.kind === 'association') {
    return {
      ...common,
      name: text(state.name),
      rna: state.rna.trim() ? normaliseRna(state.rna) : null,
      siret: state.siret.trim() ? normaliseSiret(state.siret) : null,
      contactName: text(state.contactName),
      peopleServed: parseWhole(state.peopleServed) ?? null,
    };
  }
  const fields: BeneficiaryFields = {
    ...common,
    firstName: text(state.firstName),
    lastName: text(state.lastName),
    birthYear: parseWhole(state.birthYear, 3000) ?? null,
    householdType: pick(HOUSEHOLD_TYPES, state.householdType),
    childrenCount: parseWhole(state.childrenCount, 30) ?? null,
    priorityZone: state.priorityZone,
    incomeSituation: pick(INCOME_SITUATIONS, state.incomeSituation),
    familyQuotientCents: parseEuros(state.familyQuotient) ?? null,
    employmentSituation: pick(EMPLOYMENT_SITUATIONS, state.employmentSituation),
    accessibilityNeeds: state.accessibilityNeeds,
    deviceNeed: pick(DEVICE_NEEDS, state.deviceNeed),
  };
  const group = pick(TARGET_GROUPS, state.targetGroup);
  if (group) fields.targetGroup = group;
  return fields;
}

/** For a new record: empty fields left out. */
function withoutEmpty(fields: BeneficiaryFields): BeneficiaryFields {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== null) out[key] = value;
  return out as BeneficiaryFields;
}

/** Only what changed, so that the audit log names the fields that really changed. */
function changes(before: BeneficiaryFields, after: BeneficiaryFields): BeneficiaryFields {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(value) !== JSON.stringify(before[key as keyof BeneficiaryFields] ?? null))
      out[key] = value;
  }
  return out as BeneficiaryFields;
}

/** The records of the same organisation that look like the one being typed (names, birth year, postcode). */
function useDuplicates(
  state: FormState,
  organisationId: string | null,
  selfId: string | null,
): PossibleDuplicate[] {
  const [found, setFound] = useState<PossibleDuplicate[]>([]);
  const firstName = state.firstName.trim();
  const lastName = state.lastName.trim();
  const birthYear = parseWhole(state.birthYear, 3000);
  const postcode = state.postcode.trim();
  const ready =
    state.kind === 'person' &&
    Boolean(organisationId && firstName && lastName) &&
    birthYear !== undefined &&
    !Number.isNaN(birthYear) &&
    birthYear > 1900 &&
    isValidPostcode(postcode);
  useEffect(() => {
    if (!ready || !organisationId || birthYear === undefined) {
      setFound([]);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      peopleApi
        .duplicates(
          { referringOrganisationId: organisationId, firstName, lastName, birthYear, postcode },
          controller.signal,
        )
        .then((reply) => setFound(reply.items.filter((item) => item.id !== selfId)))
        .catch((err: unknown) => {
          // The warning is a help, not a step: without an answer, nothing is shown.
          if (!isAbort(err)) setFound([]);
        });
    }, 400);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [ready, organisationId, firstName, lastName, birthYear, postcode, selfId]);
  return found;
}

function DuplicateWarning({ duplicates }: { duplicates: PossibleDuplicate[] }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-warning duplicate-warning" role="status">
      {duplicates.length > 0 && (
        <>
          <p>
            <strong>{t('beneficiaryForm.duplicatesTitle', { count: duplicates.length })}</strong>
          </p>
          <p>{t('beneficiaryForm.duplicatesText')}</p>
          <ul>
            {duplicates.map((duplicate) => (
              <li key={duplicate.id}>
                <a href={`/beneficiaires/${duplicate.id}`} target="_blank" rel="noopener">
                  {t('beneficiaryForm.openDuplicate', {
                    name: beneficiaryName({ kind: 'person', ...duplicate }),
                    details: duplicateDetails(duplicate),
                  })}
                </a>{' '}
                <span className="small muted">{t('common.newTab')}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function BeneficiaryFieldsForm({ existing }: { existing: BeneficiaryDetail | null }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { currentOrganisationId } = useSession();
  const navigate = useNavigate();
  const organisations = referringOrganisations(me);
  // The form starts once from what is saved (the page gives it a new key for another record).
  const [initial] = useState(() => stateFrom(existing, i18n.language));
  const [state, setState] = useState<FormState>(initial);
  const current = organisations.find((o) => o.id === currentOrganisationId) ?? organisations[0] ?? null;
  const [referrer, setReferrer] = useState<PickedOrganisation | null>(
    current ? { id: current.id, name: current.name } : null,
  );
  const [consentGiven, setConsentGiven] = useState(false);
  const [consentOn, setConsentOn] = useState(todayDay);
  const [covers, setCovers] = useState<ConsentCover[]>(() => [...DEFAULT_CONSENT_COVERS]);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const organisationId = existing ? existing.referringOrganisationId : (referrer?.id ?? null);
  const duplicates = useDuplicates(state, organisationId, existing?.id ?? null);
  const set =
    <K extends keyof FormState>(key: K) =>
    (value: FormState[K]) =>
      setState((previous) => ({ ...previous, [key]: value }));
  const person = state.kind === 'person';

  const fields: Record<string, SummaryField> = {
    kind: { id: 'beneficiary-kind-person', label: t('beneficiaryFields.kind') },
    firstName: { id: 'beneficiary-first-name', label: t('beneficiaryFields.firstName') },
    lastName: { id: 'beneficiary-last-name', label: t('beneficiaryFields.lastName') },
    name: { id: 'beneficiary-name', label: t('beneficiaryFields.name') },
    birthYear: { id: 'beneficiary-birth-year', label: t('beneficiaryFields.birthYear') },
    householdType: { id: 'beneficiary-household', label: t('beneficiaryFields.householdType') },
    childrenCount: { id: 'beneficiary-children', label: t('beneficiaryFields.childrenCount') },
    postcode: { id: 'beneficiary-postcode', label: t('beneficiaryFields.postcode') },
    city: { id: 'beneficiary-city', label: t('beneficiaryFields.city') },
    priorityZone: { id: 'beneficiary-qpv', label: t('beneficiaryFields.priorityZone') },
    incomeSituation: { id: 'beneficiary-income', label: t('beneficiaryFields.incomeSituation') },
    familyQuotientCents: { id: 'beneficiary-quotient', label: t('beneficiaryFields.familyQuotient') },
    employmentSituation: { id: 'beneficiary-employment', label: t('beneficiaryFields.employmentSituation') },
    targetGroup: { id: 'beneficiary-target-group', label: t('beneficiaryFields.targetGroup') },
    phone: { id: 'beneficiary-phone', label: t('beneficiaryFields.phone') },
    email: { id: 'beneficiary-email', label: t('beneficiaryFields.email') },
    accessibilityNeeds: { id: 'beneficiary-accessibility', label: t('beneficiaryFields.accessibilityNeeds') },
    deviceNeed: { id: 'beneficiary-device-need', label: t('beneficiaryFields.deviceNeed') },
    rna: { id: 'beneficiary-rna', label: t('beneficiaryFields.rna') },
    siret: { id: 'beneficiary-siret', label: t('beneficiaryFields.siret') },
    contactName: { id: 'beneficiary-contact', label: t('beneficiaryFields.contactName') },
    peopleServed: { id: 'beneficiary-people-served', label: t('beneficiaryFields.peopleServed') },
    referringOrganisationId: {
      id: 'beneficiary-referrer',
      label: t('beneficiaryFields.referringOrganisation'),
    },
    consent: { id: 'beneficiary-consent', label: t('consent.given') },
    consentGivenOn: { id: 'beneficiary-consent-on', label: t('consent.givenOn') },
    'consent.givenOn': { id: 'beneficiary-consent-on', label: t('consent.givenOn') },
    'consent.covers': { id: 'beneficiary-cover-referral', label: t('consent.covers') },
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!existing) {
      const problems: Record<string, string> = {};
      if (!consentGiven) problems.consent = t('consent.required');
      else if (!covers.includes('referral')) problems['consent.covers'] = t('consent.referralNeeded');
      setClientErrors(problems);
      if (Object.keys(problems).length > 0) return;
    }
    const after = fieldsFrom(state);
    setBusy(true);
    setError(null);
    try {
      if (existing) {
        const saved = await peopleApi.updateBeneficiary(existing.id, changes(fieldsFrom(initial), after));
        navigate(`/beneficiaires/${saved.id}`, {
          state: { notice: t('beneficiaryForm.saved') } satisfies CreatedState,
        });
      } else {
        if (!referrer) return;
        const input: BeneficiaryInput = {
          kind: state.kind,
          ...withoutEmpty(after),
          referringOrganisationId: referrer.id,
          consent: { givenOn: consentOn, covers: CONSENT_COVERS.filter((c) => covers.includes(c)) },
        };
        const saved = await peopleApi.createBeneficiary(input);
        navigate(`/beneficiaires/${saved.id}`, {
          state: {
            notice: t('beneficiaryForm.created', { name: beneficiaryName(saved) }),
            possibleDuplicates: saved.possibleDuplicates ?? [],
          } satisfies CreatedState,
        });
      }
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  const optionsOf = <T extends string>(values: readonly T[], prefix: string) =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}` as 'householdTypes.single') }));
  const textCheck = (check: (value: string) => boolean, message: string) => (value: string) =>
    value.trim() && !check(value.trim()) ? message : null;
  const currentYear = new Date().getFullYear();

  return (
    <Form className="card form form-wide" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
      <ErrorSummary error={error} fields={fields} clientErrors={clientErrors} />
      <p className="help">{t('beneficiaryForm.intro')}</p>

      {!existing && (
        <RadioGroup
          className="field radio-group"
          name="kind"
          value={state.kind}
          onChange={(value) => set('kind')(value === 'association' ? 'association' : 'person')}
          isRequired
        >
          <Label>
            {t('beneficiaryFields.kind')}
            <span className="field-flag"> ({t('common.required')})</span>
          </Label>
          <Text slot="description" className="help">
            {t('beneficiaryForm.kindHelp')}
          </Text>
          <div className="radio-row">
            <Radio value="person" id="beneficiary-kind-person" className="radio">
              {t('beneficiaryKinds.person')}
            </Radio>
            <Radio value="association" id="beneficiary-kind-association" className="radio">
              {t('beneficiaryKinds.association')}
            </Radio>
          </div>
        </RadioGroup>
      )}

      {person ? (
        <fieldset className="fieldset">
          <legend>{t('beneficiaryForm.identity')}</legend>
          <div className="field-row">
            <Field
              id="beneficiary-first-name"
              name="firstName"
              label={t('beneficiaryFields.firstName')}
              isRequired
              value={state.firstName}
              onChange={set('firstName')}
              maxLength={NAME_MAX_LENGTH}
              autoComplete="off"
              validate={(value) => (value.trim() ? null : t('validation.required'))}
            />
            <Field
              id="beneficiary-last-name"
              name="lastName"
              label={t('beneficiaryFields.lastName')}
              isRequired
              value={state.lastName}
              onChange={set('lastName')}
              maxLength={NAME_MAX_LENGTH}
              autoComplete="off"
              validate={(value) => (value.trim() ? null : t('validation.required'))}
            />
          </div>
          <div className="field-row">
            <Field
              id="beneficiary-birth-year"
              name="birthYear"
              label={t('beneficiaryFields.birthYear')}
              description={t('beneficiaryForm.birthYearHelp')}
              optional
              value={state.birthYear}
              onChange={set('birthYear')}
              inputProps={{ inputMode: 'numeric', className: 'input-short', autoComplete: 'off' }}
              validate={(value) => {
                const year = parseWhole(value, 3000);
                if (year === undefined) return null;
                return Number.isNaN(year) || year < 1900 || year > currentYear
                  ? t('beneficiaryForm.birthYearInvalid', { max: currentYear })
                  : null;
              }}
            />
            <SelectField
              id="beneficiary-target-group"
              name="targetGroup"
              label={t('beneficiaryFields.targetGroup')}
              description={t('beneficiaryForm.targetGroupHelp')}
              optional
              value={state.targetGroup}
              onChange={set('targetGroup')}
              placeholder={t('beneficiaryForm.targetGroupDefault')}
              options={optionsOf(
                TARGET_GROUPS.filter((g) => g !== 'association'),
                'targetGroups',
              )}
            />
          </div>
        </fieldset>
      ) : (
        <fieldset className="fieldset">
          <legend>{t('beneficiaryForm.association')}</legend>
          <Field
            id="beneficiary-name"
            name="name"
            label={t('beneficiaryFields.name')}
            isRequired
            value={state.name}
            onChange={set('name')}
            maxLength={NAME_MAX_LENGTH}
            autoComplete="off"
            validate={(value) => (value.trim() ? null : t('validation.required'))}
          />
          <div className="field-row">
            <Field
              id="beneficiary-rna"
              name="rna"
              label={t('beneficiaryFields.rna')}
              description={t('orgForm.rnaHelp')}
              optional
              value={state.rna}
              onChange={set('rna')}
              inputProps={{ autoComplete: 'off', spellCheck: false }}
              validate={textCheck(isValidRna, t('validation.rna'))}
            />
            <Field
              id="beneficiary-siret"
              name="siret"
              label={t('beneficiaryFields.siret')}
              description={t('orgForm.siretHelp')}
              optional
              value={state.siret}
              onChange={set('siret')}
              inputProps={{ inputMode: 'numeric', autoComplete: 'off', spellCheck: false }}
              validate={textCheck(isValidSiret, t('validation.siret'))}
            />
          </div>
          <div className="field-row">
            <Field
              id="beneficiary-contact"
              name="contactName"
              label={t('beneficiaryFields.contactName')}
              optional
              value={state.contactName}
              onChange={set('contactName')}
              maxLength={NAME_MAX_LENGTH}
              autoComplete="off"
            />
            <Field
              id="beneficiary-people-served"
              name="peopleServed"
              label={t('beneficiaryFields.peopleServed')}
              description={t('beneficiaryForm.peopleServedHelp')}
              optional
              value={state.peopleServed}
              onChange={set('peopleServed')}
              inputProps={{ inputMode: 'numeric', className: 'input-short', autoComplete: 'off' }}
              validate={(value) => wholeError(value)}
            />
          </div>
        </fieldset>
      )}

      <fieldset className="fieldset">
        <legend>{t('beneficiaryForm.address')}</legend>
        <div className="field-row">
          <Field
            id="beneficiary-postcode"
            name="postcode"
            label={t('beneficiaryFields.postcode')}
            optional
            value={state.postcode}
            onChange={set('postcode')}
            inputProps={{ inputMode: 'numeric', className: 'input-short', autoComplete: 'off' }}
            validate={textCheck(isValidPostcode, t('validation.postcode'))}
          />
          <Field
            id="beneficiary-city"
            name="city"
            label={t('beneficiaryFields.city')}
            optional
            value={state.city}
            onChange={set('city')}
            maxLength={NAME_MAX_LENGTH}
            autoComplete="off"
          />
        </div>
        {person && (
          <CheckboxField
            id="beneficiary-qpv"
            name="priorityZone"
            label={t('beneficiaryFields.priorityZone')}
            description={t('beneficiaryForm.priorityZoneHelp')}
            isSelected={state.priorityZone}
            onChange={set('priorityZone')}
          />
        )}
      </fieldset>

      {duplicates.length > 0 && <DuplicateWarning duplicates={duplicates} />}

      {person && (
        <fieldset className="fieldset">
          <legend>{t('beneficiaryForm.situation')}</legend>
          <div className="field-row">
            <SelectField
              id="beneficiary-household"
              name="householdType"
              label={t('beneficiaryFields.householdType')}
              optional
              value={state.householdType}
              onChange={set('householdType')}
              placeholder={t('people.notFilled')}
              options={optionsOf(HOUSEHOLD_TYPES, 'householdTypes')}
            />
            <Field
              id="beneficiary-children"
              name="childrenCount"
              label={t('beneficiaryFields.childrenCount')}
              optional
              value={state.childrenCount}
              onChange={set('childrenCount')}
              inputProps={{ inputMode: 'numeric', className: 'input-short', autoComplete: 'off' }}
              validate={(value) => wholeError(value, 30)}
            />
          </div>
          <div className="field-row">
            <SelectField
              id="beneficiary-income"
              name="incomeSituation"
              label={t('beneficiaryFields.incomeSituation')}
              optional
              value={state.incomeSituation}
              onChange={set('incomeSituation')}
              placeholder={t('people.notFilled')}
              options={optionsOf(INCOME_SITUATIONS, 'incomeSituations')}
            />
            <Field
              id="beneficiary-quotient"
              name="familyQuotientCents"
              label={t('beneficiaryFields.familyQuotient')}
              description={t('beneficiaryForm.quotientHelp')}
              optional
              value={state.familyQuotient}
              onChange={set('familyQuotient')}
              inputProps={{ inputMode: 'decimal', className: 'input-short', autoComplete: 'off' }}
              validate={euroError}
            />
          </div>
          <div className="field-row">
            <SelectField
              id="beneficiary-employment"
              name="employmentSituation"
              label={t('beneficiaryFields.employmentSituation')}
              optional
              value={state.employmentSituation}
              onChange={set('employmentSituation')}
              placeholder={t('people.notFilled')}
              options={optionsOf(EMPLOYMENT_SITUATIONS, 'employmentSituations')}
            />
            <SelectField
              id="beneficiary-device-need"
              name="deviceNeed"
              label={t('beneficiaryFields.deviceNeed')}
              optional
              value={state.deviceNeed}
              onChange={set('deviceNeed')}
              placeholder={t('people.notFilled')}
              options={optionsOf(DEVICE_NEEDS, 'deviceNeeds')}
            />
          </div>
          <CheckboxField
            id="beneficiary-accessibility"
            name="accessibilityNeeds"
            label={t('beneficiaryFields.accessibilityNeeds')}
            description={t('beneficiaryForm.accessibilityHelp')}
            isSelected={state.accessibilityNeeds}
            onChange={set('accessibilityNeeds')}
          />
        </fieldset>
      )}

      <fieldset className="fieldset">
        <legend>{t('beneficiaryForm.contact')}</legend>
        <div className="field-row">
          <Field
            id="beneficiary-phone"
            name="phone"
            type="tel"
            label={t('beneficiaryFields.phone')}
            optional
            value={state.phone}
            onChange={set('phone')}
            maxLength={30}
            autoComplete="off"
          />
          <Field
            id="beneficiary-email"
            name="email"
            type="email"
            label={t('beneficiaryFields.email')}
            optional
            value={state.email}
            onChange={set('email')}
            maxLength={EMAIL_MAX_LENGTH}
            autoComplete="off"
            inputProps={{ spellCheck: false }}
            validate={textCheck((value) => EMAIL_PATTERN.test(value), t('validation.email'))}
          />
        </div>
      </fieldset>

      {!existing && (
        <>
          <fieldset className="fieldset">
            <legend>{t('beneficiaryFields.referringOrganisation')}</legend>
            {organisations.length > 0 ? (
              <SelectField
                id="beneficiary-referrer"
                name="referringOrganisationId"
                label={t('beneficiaryFields.referringOrganisation')}
                description={t('beneficiaryForm.referrerHelp')}
                isRequired
                value={referrer?.id ?? ''}
                onChange={(id) => {
                  const chosen = organisations.find((o) => o.id === id);
                  setReferrer(chosen ? { id: chosen.id, name: chosen.name } : null);
                }}
                options={organisations.map((o) => ({ value: o.id, label: o.name }))}
              />
            ) : (
              <OrganisationPicker
                id="beneficiary-referrer"
                name="referringOrganisationId"
                label={t('beneficiaryFields.referringOrganisation')}
                description={t('beneficiaryForm.referrerHelp')}
                value={referrer}
                onChange={setReferrer}
                isRequired
              />
            )}
          </fieldset>
          <ConsentFields
            given={consentGiven}
            onGiven={(value) => {
              setConsentGiven(value);
              if (value) setClientErrors((previous) => ({ ...previous, consent: '' }));
            }}
            givenOn={consentOn}
            onGivenOn={setConsentOn}
            covers={covers}
            onCovers={setCovers}
            organisationId={referrer?.id ?? null}
            error={clientErrors.consent || clientErrors['consent.covers'] || ''}
          />
        </>
      )}

      <div className="actions">
        <SubmitButton busy={busy}>
          {existing ? t('beneficiaryForm.save') : t('beneficiaryForm.create')}
        </SubmitButton>
        <Link
          to={existing ? `/beneficiaires/${existing.id}` : '/beneficiaires'}
          className="button button-secondary"
        >
          {t('common.cancel')}
        </Link>
      </div>
    </Form>
  );
}

export default function BeneficiaryForm() {
  const { t } = useTranslation();
  const me = useMe();
  const { id } = useParams();
  const loaded = useLoad((signal) => (id ? peopleApi.beneficiary(id, signal) : Promise.resolve(null)), [id]);

  if (!id) {
    const allowed = me.user.isPlatformAdmin || referringOrganisations(me).length > 0;
    return (
      <Page help="orienter-une-personne" title={t('beneficiaryForm.createTitle')}>
        <p>
          <Link to="/beneficiaires">{t('beneficiary.back')}</Link>
        </p>
        {allowed ? (
          <BeneficiaryFieldsForm existing={null} />
        ) : (
          <p className="alert alert-info">{t('beneficiaryForm.createForbidden')}</p>
        )}
      </Page>
    );
  }
  const record = loaded.data?.id === id ? loaded.data : undefined;
  const editable = record?.can.edit && !record.anonymisedAt && !record.mergedIntoId;
  return (
    <Page
      help="orienter-une-personne"
      title={
        record
          ? t('beneficiaryForm.editTitle', { name: beneficiaryName(record) })
          : t('beneficiaryForm.editTitleShort')
      }
    >
      <p>
        <Link to={`/beneficiaires/${id}`}>{t('beneficiaryForm.backToRecord')}</Link>
      </p>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !record && <Loading />}
      {record && !editable && <p className="alert alert-info">{t('beneficiaryForm.editForbidden')}</p>}
      {record && editable && <BeneficiaryFieldsForm key={record.id} existing={record} />}
    </Page>
  );
}
