/**
 * Create a programme or change one: name, owner, mode, period, unit price and subsidies per funder (the
 * contribution left to the beneficiary computed as one types), loan, internet aid, training, targets,
 * partners and the eligibility rules (with their preview). Amounts are typed in euros (decimal comma) and
 * sent in cents; a change sends only the fields that changed.
 */
import { type FormEvent, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { NAME_MAX_LENGTH } from '../../lib/limits.ts';
import {
  CheckboxField,
  ErrorSummary,
  Field,
  SelectField,
  SubmitButton,
  type SummaryField,
  TextAreaField,
  useServerPathErrors,
} from '../components/forms.tsx';
import { HelpDetails } from '../components/help.tsx';
import { todayDay } from '../components/inventory.tsx';
import { OrganisationPicker, type PickedOrganisation } from '../components/OrganisationPicker.tsx';
import {
  euroError,
  eurosText,
  formatMoney,
  parseEuros,
  parseWhole,
  wholeError,
} from '../components/people.tsx';
import { RulesEditor, type RulesState, rulesFromState, rulesStateFrom } from '../components/RulesEditor.tsx';
import { ErrorAlert, Loading, Page, SuccessNotice, useLoad } from '../components/ui.tsx';
import {
  PARTNER_ROLES,
  type PartnerRole,
  PROGRAMME_MODES,
  type Programme,
  type ProgrammeInput,
  type ProgrammeMode,
  type ProgrammePatch,
  peopleApi,
  TARGET_GROUPS,
  type TargetGroup,
} from '../peopleApi.ts';
import { programmeOwnerOrganisations, useMe, useSession } from '../session.tsx';
import type { NoticeState } from './OrganisationForm.tsx';

interface SubsidyRow {
  key: number;
  funder: PickedOrganisation | null;
  amount: string;
}

interface PartnerRow {
  key: number;
  organisation: PickedOrganisation | null;
  role: PartnerRole;
}

interface FormState {
  name: string;
  owner: PickedOrganisation | null;
  description: string;
  mode: ProgrammeMode;
  startsOn: string;
  endsOn: string;
  unitPrice: string;
  subsidies: SubsidyRow[];
  loanMonths: string;
  loanRenewable: boolean;
  /** At most this many renewals (empty: no cap). */
  loanMaxRenewals: string;
  internetAidAmount: string;
  internetAidMonths: string;
  /** Who pays the internet aid, if stated (the aids' totals are counted by funder). */
  internetAidFunder: PickedOrganisation | null;
  trainingRequired: boolean;
  trainingMinSessions: string;
  maxDevices: string;
  targetBeneficiaries: string;
  targetDevices: string;
  targetAutonomy: string;
  targetGroups: Record<TargetGroup, string>;
  partners: PartnerRow[];
  rules: RulesState;
}

let nextKey = 1;

function endOfYear(): string {
  return `${new Date().getFullYear()}-12-31`;
}

function whole(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/** A target autonomy rate as a percentage for the input (the API keeps a share: 0.8). */
function percentText(rate: number | null | undefined, language: string): string {
  if (rate === null || rate === undefined) return '';
  const percent = rate <= 1 ? Math.round(rate * 1000) / 10 : rate;
  return language === 'fr' ? String(percent).replace('.', ',') : String(percent);
}

function stateFrom(
  programme: Programme | null,
  owner: PickedOrganisation | null,
  language: string,
): FormState {
  const groups = {} as Record<TargetGroup, string>;
  for (const group of TARGET_GROUPS) groups[group] = whole(programme?.targets?.byGroup?.[group]);
  return {
    name: programme?.name ?? '',
    owner,
    description: programme?.description ?? '',
    mode: programme?.mode ?? 'sale',
    startsOn: programme?.startsOn ?? todayDay(),
    endsOn: programme?.endsOn ?? endOfYear(),
    unitPrice: eurosText(programme?.unitPriceCents, language),
    subsidies: (programme?.subsidies ?? []).map((s) => ({
      key: nextKey++,
      funder: { id: s.funderOrganisationId, name: s.funderName },
      amount: eurosText(s.amountCents, language),
    })),
    loanMonths: whole(programme?.loanMonths),
    loanRenewable: programme?.loanRenewable ?? false,
    loanMaxRenewals: whole(programme?.loanMaxRenewals),
    internetAidFunder:
      programme?.internetAid?.funderOrganisationId && programme.internetAid.funderName
        ? { id: programme.internetAid.funderOrganisationId, name: programme.internetAid.funderName }
        : null,
    internetAidAmount: eurosText(programme?.internetAid?.amountCents, language),
    internetAidMonths: whole(programme?.internetAid?.months),
    trainingRequired: programme?.trainingRequired ?? false,
    trainingMinSessions: whole(programme?.trainingMinSessions),
    maxDevices: whole(programme?.maxDevicesPerPerson ?? 1),
    targetBeneficiaries: whole(programme?.targets?.beneficiaries),
    targetDevices: whole(programme?.targets?.devices),
    targetAutonomy: percentText(programme?.targets?.autonomyRate, language),
    targetGroups: groups,
    partners: (programme?.partners ?? []).map((p) => ({
      key: nextKey++,
      organisation: { id: p.organisationId, name: p.organisationName },
      role: p.role,
    })),
    rules: rulesStateFrom(programme?.eligibility, language),
  };
}

/** What the form says, as the API wants it (a new programme: empty fields left out). */
function inputFrom(state: FormState): ProgrammeInput {
  const input: ProgrammeInput = {
    name: state.name.trim(),
    ownerOrganisationId: state.owner?.id ?? '',
    description: state.description.trim() || null,
    mode: state.mode,
    startsOn: state.startsOn,
    endsOn: state.endsOn,
    unitPriceCents: parseEuros(state.unitPrice) ?? null,
    subsidies: state.subsidies
      .filter((row) => row.funder)
      .map((row) => ({
        funderOrganisationId: row.funder?.id ?? '',
        amountCents: parseEuros(row.amount) ?? 0,
      })),
    loanMonths: state.mode === 'loan' ? (parseWhole(state.loanMonths) ?? null) : null,
    loanRenewable: state.mode === 'loan' && state.loanRenewable,
    loanMaxRenewals:
      state.mode === 'loan' && state.loanRenewable ? (parseWhole(state.loanMaxRenewals, 100) ?? null) : null,
    internetAid: null,
    trainingRequired: state.trainingRequired,
    trainingMinSessions: state.trainingRequired ? (parseWhole(state.trainingMinSessions) ?? null) : null,
    maxDevicesPerPerson: parseWhole(state.maxDevices) ?? 1,
    targets: {},
    eligibility: rulesFromState(state.rules),
    partners: state.partners
      .filter((row) => row.organisation)
      .map((row) => ({ organisationId: row.organisation?.id ?? '', role: row.role })),
  };
  const aid = parseEuros(state.internetAidAmount);
  const aidMonths = parseWhole(state.internetAidMonths);
  if (aid !== undefined && aid > 0) {
    input.internetAid = {
      amountCents: aid,
      months: aidMonths ?? 12,
      funderOrganisationId: state.internetAidFunder?.id ?? null,
    };
  }
  const targets: NonNullable<ProgrammeInput['targets']> = {};
  const beneficiaries = parseWhole(state.targetBeneficiaries);
  if (beneficiaries !== undefined) targets.beneficiaries = beneficiaries;
  const devices = parseWhole(state.targetDevices);
  if (devices !== undefined) targets.devices = devices;
  const autonomy = parsePercent(state.targetAutonomy);
  if (autonomy !== undefined) targets.autonomyRate = autonomy / 100;
  const byGroup: Partial<Record<TargetGroup, number>> = {};
  for (const group of TARGET_GROUPS) {
    const value = parseWhole(state.targetGroups[group]);
    if (value !== undefined) byGroup[group] = value;
  }
  if (Object.keys(byGroup).length > 0) targets.byGroup = byGroup;
  input.targets = targets;
  return input;
}

function parsePercent(text: string): number | undefined {
  const trimmed = text.trim().replace('%', '').replace(',', '.').trim();
  if (!trimmed) return undefined;
  if (!/^\d{1,3}(\.\d+)?$/.test(trimmed)) return Number.NaN;
  const value = Number(trimmed);
  return value > 100 ? Number.NaN : value;
}

/** For a new programme: empty optional fields left out. */
function forCreation(input: ProgrammeInput): ProgrammeInput {
  const out: ProgrammeInput = { ...input };
  for (const key of Object.keys(out) as (keyof ProgrammeInput)[]) {
    if (out[key] === null) delete out[key];
  }
  if (out.subsidies?.length === 0) delete out.subsidies;
  if (out.partners?.length === 0) delete out.partners;
  if (out.targets && Object.keys(out.targets).length === 0) delete out.targets;
  if (out.eligibility && Object.keys(out.eligibility).length === 0) delete out.eligibility;
  return out;
}

/** Only what changed, so that the audit log names the fields that really changed. */
function changes(before: ProgrammeInput, after: ProgrammeInput): ProgrammePatch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof ProgrammeInput)[]) {
    if (key === 'ownerOrganisationId') continue;
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) patch[key] = after[key];
  }
  return patch as ProgrammePatch;
}

function ProgrammeFields({ existing }: { existing: Programme | null }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { currentOrganisationId } = useSession();
  const navigate = useNavigate();
  const language = i18n.language;
  const owners = programmeOwnerOrganisations(me);
  // The form starts once from what is saved (the page gives it a new key for another programme).
  const [initial] = useState(() => {
    const current = owners.find((o) => o.id === currentOrganisationId) ?? owners[0] ?? null;
    const owner = existing
      ? { id: existing.ownerOrganisationId, name: existing.ownerOrganisationName }
      : current
        ? { id: current.id, name: current.name }
        : null;
    return stateFrom(existing, owner, language);
  });
  const [state, setState] = useState<FormState>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const addSubsidyRef = useRef<HTMLButtonElement>(null);
  const addPartnerRef = useRef<HTMLButtonElement>(null);

  const set =
    <K extends keyof FormState>(key: K) =>
    (value: FormState[K]) =>
      setState((previous) => ({ ...previous, [key]: value }));

  const rulesChanged =
    JSON.stringify(rulesFromState(state.rules)) !== JSON.stringify(rulesFromState(initial.rules));

  const fields: Record<string, SummaryField> = {
    name: { id: 'programme-name', label: t('programmeForm.name') },
    ownerOrganisationId: { id: 'programme-owner', label: t('programmeForm.owner') },
    description: { id: 'programme-description', label: t('programmeForm.description') },
    mode: { id: 'programme-mode', label: t('programmeForm.mode') },
    startsOn: { id: 'programme-starts-on', label: t('programmeForm.startsOn') },
    endsOn: { id: 'programme-ends-on', label: t('programmeForm.endsOn') },
    unitPriceCents: { id: 'programme-unit-price', label: t('programmeForm.unitPrice') },
    subsidies: { id: 'programme-add-subsidy', label: t('programmeForm.subsidies') },
    loanMonths: { id: 'programme-loan-months', label: t('programmeForm.loanMonths') },
    loanMaxRenewals: { id: 'programme-loan-max-renewals', label: t('programmeForm.loanMaxRenewals') },
    internetAid: { id: 'programme-aid-amount', label: t('programmeForm.internetAidAmount') },
    'internetAid.funderOrganisationId': {
      id: 'programme-aid-funder',
      label: t('programmeForm.internetAidFunder'),
    },
    trainingMinSessions: { id: 'programme-training-sessions', label: t('programmeForm.trainingMinSessions') },
    maxDevicesPerPerson: { id: 'programme-max-devices', label: t('programmeForm.maxDevices') },
    targets: { id: 'programme-target-beneficiaries', label: t('programmeForm.targets') },
    partners: { id: 'programme-add-partner', label: t('programmeForm.partners') },
    eligibility: { id: 'rules-kind-person', label: t('rules.title') },
    'eligibility.maxFamilyQuotientCents': { id: 'rules-quotient', label: t('rules.quotient') },
    'eligibility.minAge': { id: 'rules-min-age', label: t('rules.minAge') },
    'eligibility.maxAge': { id: 'rules-max-age', label: t('rules.maxAge') },
    'eligibility.postcodes': { id: 'rules-postcodes', label: t('rules.postcodes') },
    'eligibility.cities': { id: 'rules-cities', label: t('rules.cities') },
    'eligibility.maxOpenReferralsPerPrescriber': { id: 'rules-max-open', label: t('rules.maxOpen') },
  };
  state.subsidies.forEach((row, index) => {
    fields[`subsidies.${index}.funderOrganisationId`] = {
      id: `subsidy-funder-${row.key}`,
      label: t('programmeForm.subsidyFunderN', { n: index + 1 }),
    };
    fields[`subsidies.${index}.amountCents`] = {
      id: `subsidy-amount-${row.key}`,
      label: t('programmeForm.subsidyAmountN', { n: index + 1 }),
    };
  });
  state.partners.forEach((row, index) => {
    fields[`partners.${index}.organisationId`] = {
      id: `partner-organisation-${row.key}`,
      label: t('programmeForm.partnerN', { n: index + 1 }),
    };
  });

  // The contribution, as the server will compute it: price − subsidies, never below 0.
  const price = parseEuros(state.unitPrice);
  const amounts = state.subsidies
    .map((row) => parseEuros(row.amount))
    .filter((c): c is number => c !== undefined);
  const computable = price !== undefined && !Number.isNaN(price) && amounts.every((c) => !Number.isNaN(c));
  const contribution = computable ? Math.max(0, price - amounts.reduce((sum, c) => sum + c, 0)) : null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || !state.owner) return;
    const input = inputFrom(state);
    setBusy(true);
    setError(null);
    try {
      const saved = existing
        ? await peopleApi.updateProgramme(existing.id, changes(inputFrom(initial), input))
        : await peopleApi.createProgramme(forCreation(input));
      navigate(`/programmes/${saved.id}`, {
        state: {
          notice: existing ? t('programmeForm.saved') : t('programmeForm.created', { name: saved.name }),
        } satisfies NoticeState,
      });
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  return (
    <Form className="card form form-wide" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
      <ErrorSummary error={error} fields={fields} />
      <p className="help">{t('programmeForm.intro')}</p>

      <fieldset className="fieldset">
        <legend>{t('programmeForm.general')}</legend>
        <Field
          id="programme-name"
          name="name"
          label={t('programmeForm.name')}
          description={t('programmeForm.nameHelp')}
          isRequired
          value={state.name}
          onChange={set('name')}
          maxLength={NAME_MAX_LENGTH}
          autoComplete="off"
          validate={(value) => (value.trim() ? null : t('validation.required'))}
        />
        {existing ? (
          <p>
            <strong>{t('programmeForm.owner')}</strong> : {existing.ownerOrganisationName}
          </p>
        ) : me.user.isPlatformAdmin ? (
          <OrganisationPicker
            id="programme-owner"
            name="ownerOrganisationId"
            label={t('programmeForm.owner')}
            description={t('programmeForm.ownerHelp')}
            value={state.owner}
            onChange={set('owner')}
            isRequired
          />
        ) : (
          <SelectField
            id="programme-owner"
            name="ownerOrganisationId"
            label={t('programmeForm.owner')}
            description={t('programmeForm.ownerHelp')}
            isRequired
            value={state.owner?.id ?? ''}
            onChange={(id) => {
              const chosen = owners.find((o) => o.id === id);
              set('owner')(chosen ? { id: chosen.id, name: chosen.name } : null);
            }}
            options={owners.map((o) => ({ value: o.id, label: o.name }))}
          />
        )}
        <TextAreaField
          id="programme-description"
          name="description"
          label={t('programmeForm.description')}
          optional
          value={state.description}
          onChange={set('description')}
          maxLength={4000}
        />
        <SelectField
          id="programme-mode"
          name="mode"
          label={t('programmeForm.mode')}
          description={t('programmeForm.modeHelp')}
          isRequired
          value={state.mode}
          onChange={(value) => set('mode')(PROGRAMME_MODES.find((m) => m === value) ?? 'sale')}
          options={PROGRAMME_MODES.map((mode) => ({ value: mode, label: t(`programmeModes.${mode}`) }))}
        />
        <div className="field-row">
          <Field
            id="programme-starts-on"
            name="startsOn"
            type="date"
            label={t('programmeForm.startsOn')}
            isRequired
            value={state.startsOn}
            onChange={set('startsOn')}
            inputProps={{ className: 'input-short' }}
            validate={(value) => (value ? null : t('validation.required'))}
          />
          <Field
            id="programme-ends-on"
            name="endsOn"
            type="date"
            label={t('programmeForm.endsOn')}
            isRequired
            value={state.endsOn}
            onChange={set('endsOn')}
            inputProps={{ className: 'input-short' }}
            validate={(value) =>
              !value
                ? t('validation.required')
                : state.startsOn && value < state.startsOn
                  ? t('programmeForm.endsBeforeStart')
                  : null
            }
          />
        </div>
        <p className="help">{t('programmeForm.periodHelp')}</p>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('programmeForm.money')}</legend>
        <HelpDetails summary={t('programmeForm.moneyGuide.title')}>
          <dl>
            <dt>{t('programmeForm.unitPrice')}</dt>
            <dd>{t('programmeForm.moneyGuide.price')}</dd>
            <dt>{t('programmeForm.subsidies')}</dt>
            <dd>{t('programmeForm.moneyGuide.subsidies')}</dd>
            <dt>{t('programmeForm.moneyGuide.contributionTerm')}</dt>
            <dd>{t('programmeForm.moneyGuide.contribution')}</dd>
            <dt>{t('programmeForm.moneyGuide.internetAidTerm')}</dt>
            <dd>{t('programmeForm.moneyGuide.internetAid')}</dd>
            <dt>{t('programmeForm.loanMonths')}</dt>
            <dd>{t('programmeForm.moneyGuide.loan')}</dd>
          </dl>
        </HelpDetails>
        <Field
          id="programme-unit-price"
          name="unitPriceCents"
          label={t('programmeForm.unitPrice')}
          description={t('programmeForm.unitPriceHelp')}
          optional
          value={state.unitPrice}
          onChange={set('unitPrice')}
          inputProps={{ inputMode: 'decimal', className: 'input-short', autoComplete: 'off' }}
          validate={euroError}
        />
        <h3 className="subheading">{t('programmeForm.subsidies')}</h3>
        <p className="help">{t('programmeForm.subsidiesHelp')}</p>
        {state.subsidies.length > 0 && (
          <ul className="row-list">
            {state.subsidies.map((row, index) => (
              <li key={row.key} className="row-list-item">
                <OrganisationPicker
                  id={`subsidy-funder-${row.key}`}
                  name={`subsidies.${index}.funderOrganisationId`}
                  label={t('programmeForm.subsidyFunderN', { n: index + 1 })}
                  kind="funder"
                  value={row.funder}
                  onChange={(funder) =>
                    set('subsidies')(state.subsidies.map((r) => (r.key === row.key ? { ...r, funder } : r)))
                  }
                  isRequired
                />
                <Field
                  id={`subsidy-amount-${row.key}`}
                  name={`subsidies.${index}.amountCents`}
                  label={t('programmeForm.subsidyAmountN', { n: index + 1 })}
                  isRequired
                  value={row.amount}
                  onChange={(amount) =>
                    set('subsidies')(state.subsidies.map((r) => (r.key === row.key ? { ...r, amount } : r)))
                  }
                  inputProps={{ inputMode: 'decimal', className: 'input-short', autoComplete: 'off' }}
                  validate={(value) => (value.trim() ? euroError(value) : t('validation.required'))}
                />
                <button
                  type="button"
                  className="button button-small button-secondary"
                  aria-label={t('programmeForm.removeSubsidyN', { n: index + 1 })}
                  onClick={() => {
                    set('subsidies')(state.subsidies.filter((r) => r.key !== row.key));
                    window.setTimeout(() => addSubsidyRef.current?.focus(), 0);
                  }}
                >
                  {t('programmeForm.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <button
          type="button"
          id="programme-add-subsidy"
          ref={addSubsidyRef}
          className="button button-secondary button-small"
          onClick={() => {
            const key = nextKey++;
            set('subsidies')([...state.subsidies, { key, funder: null, amount: '' }]);
            window.setTimeout(() => document.getElementById(`subsidy-funder-${key}`)?.focus(), 0);
          }}
        >
          {t('programmeForm.addSubsidy')}
        </button>
        <p className="contribution" id="programme-contribution">
          {contribution === null || price === undefined
            ? t('programmeForm.contributionUnknown')
            : amounts.length === 0
              ? t('programmeForm.contributionNoSubsidy', { price: formatMoney(price, language) })
              : t('programmeForm.contribution', {
                  price: formatMoney(price, language),
                  subsidies: amounts.map((c) => formatMoney(c, language)).join(' − '),
                  contribution: formatMoney(contribution, language),
                })}
        </p>
        <div className="field-row">
          <Field
            id="programme-aid-amount"
            name="internetAid.amountCents"
            label={t('programmeForm.internetAidAmount')}
            description={t('programmeForm.internetAidHelp')}
            optional
            value={state.internetAidAmount}
            onChange={set('internetAidAmount')}
            inputProps={{ inputMode: 'decimal', className: 'input-short', autoComplete: 'off' }}
            validate={euroError}
          />
          <Field
            id="programme-aid-months"
            name="internetAid.months"
            label={t('programmeForm.internetAidMonths')}
            optional
            value={state.internetAidMonths}
            onChange={set('internetAidMonths')}
            inputProps={{ inputMode: 'numeric', className: 'input-short', autoComplete: 'off' }}
            validate={(value) => wholeError(value, 120)}
          />
        </div>
        <OrganisationPicker
          id="programme-aid-funder"
          name="internetAid.funderOrganisationId"
          label={t('programmeForm.internetAidFunder')}
          description={t('programmeForm.internetAidFunderHelp')}
          kind="funder"
          value={state.internetAidFunder}
          onChange={set('internetAidFunder')}
        />
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('programmeForm.handover')}</legend>
        {state.mode === 'loan' && (
          <div className="field-row">
            <Field
              id="programme-loan-months"
              name="loanMonths"
              label={t('programmeForm.loanMonths')}
              description={t('programmeForm.loanMonthsHelp')}
              isRequired
              value={state.loanMonths}
              onChange={set('loanMonths')}
              inputProps={{ inputMode: 'numeric', className: 'input-short', autoComplete: 'off' }}
              validate={(value) => (value.trim() ? wholeError(value, 120) : t('validation.required'))}
            />
            <CheckboxField
              id="programme-loan-renewable"
              name="loanRenewable"
              label={t('programmeForm.loanRenewable')}
              isSelected={state.loanRenewable}
              onChange={set('loanRenewable')}
            />
            {state.loanRenewable && (
              <Field
                id="programme-loan-max-renewals"
                name="loanMaxRenewals"
                label={t('programmeForm.loanMaxRenewals')}
                description={t('programmeForm.loanMaxRenewalsHelp')}
                optional
                value={state.loanMaxRenewals}
                onChange={set('loanMaxRenewals')}
                inputProps={{ inputMode: 'numeric', className: 'input-short', autoComplete: 'off' }}
                validate={(value) => wholeError(value, 100)}
              />
            )}
          </div>
        )}
        <Field
          id="programme-max-devices"
          name="maxDevicesPerPerson"
          label={t('programmeForm.maxDevices')}
          description={t('programmeForm.maxDevicesHelp')}
          value={state.maxDevices}
          onChange={set('maxDevices')}
          inputProps={{ inputMode: 'numeric', className: 'input-short', autoComplete: 'off' }}
          validate={(value) => wholeError(value, 1000)}
        />
        <CheckboxField
          id="programme-training-required"
          name="trainingRequired"
          label={t('programmeForm.trainingRequired')}
          description={t('programmeForm.trainingRequiredHelp')}
          isSelected={state.trainingRequired}
          onChange={set('trainingRequired')}
        />
        {state.trainingRequired && (
          <Field
            id="programme-training-sessions"
            name="trainingMinSessions"
            label={t('programmeForm.trainingMinSessions')}
            description={t('programmeForm.trainingMinSessionsHelp')}
            optional
            value={state.trainingMinSessions}
            onChange={set('trainingMinSessions')}
            inputProps={{ inputMode: 'numeric', className: 'input-short', autoComplete: 'off' }}
            validate={(value) => wholeError(value, 1000)}
          />
        )}
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('programmeForm.targets')}</legend>
        <p className="help">{t('programmeForm.targetsHelp')}</p>
        <div className="field-grid">
          <Field
            id="programme-target-beneficiaries"
            name="targets.beneficiaries"
            label={t('programmeForm.targetBeneficiaries')}
            optional
            value={state.targetBeneficiaries}
            onChange={set('targetBeneficiaries')}
            inputProps={{ inputMode: 'numeric', autoComplete: 'off' }}
            validate={(value) => wholeError(value)}
          />
          <Field
            id="programme-target-devices"
            name="targets.devices"
            label={t('programmeForm.targetDevices')}
            optional
            value={state.targetDevices}
            onChange={set('targetDevices')}
            inputProps={{ inputMode: 'numeric', autoComplete: 'off' }}
            validate={(value) => wholeError(value)}
          />
          <Field
            id="programme-target-autonomy"
            name="targets.autonomyRate"
            label={t('programmeForm.targetAutonomy')}
            optional
            value={state.targetAutonomy}
            onChange={set('targetAutonomy')}
            inputProps={{ inputMode: 'decimal', autoComplete: 'off' }}
            validate={(value) =>
              Number.isNaN(parsePercent(value)) ? t('programmeForm.percentInvalid') : null
            }
          />
        </div>
        <fieldset className="fieldset">
          <legend>{t('programmeForm.targetsByGroup')}</legend>
          <div className="field-grid">
            {TARGET_GROUPS.map((group) => (
              <Field
                key={group}
                id={`programme-target-${group}`}
                name={`targets.byGroup.${group}`}
                label={t(`targetGroups.${group}`)}
                optional
                value={state.targetGroups[group]}
                onChange={(value) => set('targetGroups')({ ...state.targetGroups, [group]: value })}
                inputProps={{ inputMode: 'numeric', autoComplete: 'off' }}
                validate={(value) => wholeError(value)}
              />
            ))}
          </div>
        </fieldset>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('programmeForm.partners')}</legend>
        <p className="help">{t('programmeForm.partnersHelp')}</p>
        {state.partners.length > 0 && (
          <ul className="row-list">
            {state.partners.map((row, index) => (
              <li key={row.key} className="row-list-item">
                <OrganisationPicker
                  id={`partner-organisation-${row.key}`}
                  name={`partners.${index}.organisationId`}
                  label={t('programmeForm.partnerN', { n: index + 1 })}
                  value={row.organisation}
                  onChange={(organisation) =>
                    set('partners')(
                      state.partners.map((r) => (r.key === row.key ? { ...r, organisation } : r)),
                    )
                  }
                  isRequired
                />
                <SelectField
                  id={`partner-role-${row.key}`}
                  name={`partners.${index}.role`}
                  label={t('programmeForm.partnerRoleN', { n: index + 1 })}
                  value={row.role}
                  onChange={(value) =>
                    set('partners')(
                      state.partners.map((r) =>
                        r.key === row.key
                          ? { ...r, role: PARTNER_ROLES.find((p) => p === value) ?? r.role }
                          : r,
                      ),
                    )
                  }
                  options={PARTNER_ROLES.map((role) => ({ value: role, label: t(`partnerRoles.${role}`) }))}
                />
                <button
                  type="button"
                  className="button button-small button-secondary"
                  aria-label={t('programmeForm.removePartnerN', { n: index + 1 })}
                  onClick={() => {
                    set('partners')(state.partners.filter((r) => r.key !== row.key));
                    window.setTimeout(() => addPartnerRef.current?.focus(), 0);
                  }}
                >
                  {t('programmeForm.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <button
          type="button"
          id="programme-add-partner"
          ref={addPartnerRef}
          className="button button-secondary button-small"
          onClick={() => {
            const key = nextKey++;
            set('partners')([...state.partners, { key, organisation: null, role: 'prescriber' }]);
            window.setTimeout(() => document.getElementById(`partner-organisation-${key}`)?.focus(), 0);
          }}
        >
          {t('programmeForm.addPartner')}
        </button>
      </fieldset>

      <RulesEditor
        value={state.rules}
        onChange={set('rules')}
        programmeId={existing?.id ?? null}
        changedSinceSaved={rulesChanged}
      />

      <div className="actions">
        <SubmitButton busy={busy}>
          {existing ? t('programmeForm.save') : t('programmeForm.create')}
        </SubmitButton>
        <Link
          to={existing ? `/programmes/${existing.id}` : '/programmes'}
          className="button button-secondary"
        >
          {t('common.cancel')}
        </Link>
      </div>
    </Form>
  );
}

export default function ProgrammeForm() {
  const { t } = useTranslation();
  const me = useMe();
  const { id } = useParams();
  const location = useLocation();
  // A copy made for next year opens here, with a word about what to check.
  const notice = (location.state as NoticeState | null)?.notice ?? '';
  const loaded = useLoad((signal) => (id ? peopleApi.programme(id, signal) : Promise.resolve(null)), [id]);

  if (!id) {
    const allowed = me.user.isPlatformAdmin || programmeOwnerOrganisations(me).length > 0;
    return (
      <Page help="premiers-pas" title={t('programmeForm.createTitle')}>
        <p>
          <Link to="/programmes">{t('programme.back')}</Link>
        </p>
        {allowed ? (
          <ProgrammeFields existing={null} />
        ) : (
          <p className="alert alert-info">{t('programmeForm.createForbidden')}</p>
        )}
      </Page>
    );
  }
  const programme = loaded.data?.id === id ? loaded.data : undefined;
  return (
    <Page
      help="premiers-pas"
      title={
        programme ? t('programmeForm.editTitle', { name: programme.name }) : t('programmeForm.editTitleShort')
      }
    >
      <p>
        <Link to={`/programmes/${id}`}>{t('programmeForm.backToProgramme')}</Link>
      </p>
      <SuccessNotice>{notice}</SuccessNotice>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !programme && <Loading />}
      {programme && !programme.can.manage && (
        <p className="alert alert-info">{t('programmeForm.editForbidden')}</p>
      )}
      {programme?.can.manage && <ProgrammeFields key={programme.id} existing={programme} />}
    </Page>
  );
}
