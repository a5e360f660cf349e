/**
 * The dialogs of the budget page: a budget line (added or changed), a funding of the co-financing plan,
 * and a payment received. Amounts are typed in euros and sent in cents; the server's refusals show in the
 * dialog, on the field they name, and keep what was typed.
 */
import { type ReactNode, useId, useState } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  BUDGET_BASES,
  BUDGET_CATEGORIES,
  BUDGET_LIMITS,
  type BudgetBasis,
  type BudgetCategory,
  type BudgetLine,
  budgetsApi,
  type Funding,
} from '../../budgetsApi.ts';
import {
  ErrorSummary,
  Field,
  SelectField,
  SubmitButton,
  type SummaryField,
  TextAreaField,
  useServerPathErrors,
} from '../forms.tsx';
import { deName } from '../french.ts';
import { todayDay } from '../inventory.tsx';
import { OrganisationPicker, type PickedOrganisation } from '../OrganisationPicker.tsx';
import { eurosText, formatMoney, parseEuros } from '../people.tsx';

/** A button opening a dialog whose content gets `close`. */
export function DialogButton({
  label,
  ariaLabel,
  className,
  children,
}: {
  label: string;
  ariaLabel?: string;
  className?: string;
  children: (close: () => void) => ReactNode;
}) {
  return (
    <DialogTrigger>
      <Button className={className ?? 'button button-secondary'} aria-label={ariaLabel}>
        {label}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">{({ close }) => children(close)}</Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

/** The check of an amount typed in euros: null when fine, else the message. */
function useAmountCheck(required: boolean): (text: string) => string | null {
  const { t } = useTranslation();
  return (text) => {
    const cents = parseEuros(text);
    if (cents === undefined) return required ? t('budgets.amountRequired') : null;
    return Number.isNaN(cents) ? t('budgets.amountInvalid') : null;
  };
}

/** Cents of an optional amount: null when empty. */
function centsOrNull(text: string): number | null {
  const cents = parseEuros(text);
  return cents === undefined || Number.isNaN(cents) ? null : cents;
}

function DialogActions({ close, busy, submit }: { close: () => void; busy: boolean; submit: string }) {
  const { t } = useTranslation();
  return (
    <div className="dialog-actions">
      <Button className="button button-secondary" onPress={close} isDisabled={busy}>
        {t('common.cancel')}
      </Button>
      <SubmitButton busy={busy}>{submit}</SubmitButton>
    </div>
  );
}

/** Runs a save: busy while it runs, the error kept for the form, `done` after. */
function useSave() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function run(action: () => Promise<void>) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await action();
      setBusy(false);
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }
  return { busy, error, run };
}

/** The form of a budget line: new in a year of the programme, or an existing line. */
export function LineForm({
  programmeId,
  years,
  line,
  close,
  onSaved,
}: {
  programmeId: string;
  years: number[];
  line?: BudgetLine;
  close: () => void;
  onSaved: (line: BudgetLine) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const ids = useId();
  const [year, setYear] = useState(String(line?.year ?? years[0] ?? ''));
  const [category, setCategory] = useState<BudgetCategory>(line?.category ?? 'equipment');
  const [label, setLabel] = useState(line?.label ?? '');
  const [basis, setBasis] = useState<BudgetBasis>(line?.basis ?? 'entered');
  const [planned, setPlanned] = useState(eurosText(line?.plannedCents, language));
  const [committed, setCommitted] = useState(eurosText(line?.committedCents, language));
  const [spent, setSpent] = useState(eurosText(line?.spentCents, language));
  const [note, setNote] = useState(line?.note ?? '');
  const { busy, error, run } = useSave();
  const serverErrors = useServerPathErrors(error);
  const required = useAmountCheck(true);
  const optional = useAmountCheck(false);
  // The amounts' errors, checked on submit and kept until the next one: a message that vanished on blur
  // moved the « Enregistrer » button under the pointer, and the first click after a correction missed it.
  const [amountErrors, setAmountErrors] = useState<Record<string, string>>({});
  const kept = (name: string) => () => amountErrors[name] ?? null;
  const entered = basis === 'entered';
  const fields: Record<string, SummaryField> = {
    year: { id: `${ids}-year`, label: t('budgets.lines.year') },
    category: { id: `${ids}-category`, label: t('budgets.lines.category') },
    label: { id: `${ids}-label`, label: t('budgets.lines.label') },
    basis: { id: `${ids}-basis`, label: t('budgets.lines.basisField') },
    plannedCents: { id: `${ids}-planned`, label: t('budgets.lines.planned') },
    committedCents: { id: `${ids}-committed`, label: t('budgets.lines.committed') },
    spentCents: { id: `${ids}-spent`, label: t('budgets.lines.spent') },
    note: { id: `${ids}-note`, label: t('budgets.lines.note') },
  };

  return (
    <Form
      className="form"
      validationErrors={serverErrors}
      aria-busy={busy}
      onSubmit={(event) => {
        event.preventDefault();
        const checked: Record<string, string | null> = {
          plannedCents: required(planned),
          ...(entered ? { committedCents: optional(committed), spentCents: optional(spent) } : {}),
        };
        const errors = Object.fromEntries(
          Object.entries(checked).filter((e): e is [string, string] => e[1] !== null),
        );
        setAmountErrors(errors);
        const first = Object.keys(errors)[0];
        if (first) {
          document.getElementById(fields[first]?.id ?? '')?.focus();
          return;
        }
        const plannedCents = parseEuros(planned);
        if (plannedCents === undefined || Number.isNaN(plannedCents) || !label.trim()) return;
        void run(async () => {
          const input = {
            year: Number(year),
            category,
            label: label.trim(),
            basis,
            plannedCents,
            ...(entered ? { committedCents: centsOrNull(committed), spentCents: centsOrNull(spent) } : {}),
            note: note.trim() || null,
          };
          const saved = line
            ? await budgetsApi.updateLine(line.id, input)
            : await budgetsApi.createLine(programmeId, input);
          close();
          onSaved(saved);
        });
      }}
    >
      <Heading slot="title" className="dialog-title">
        {line ? t('budgets.lines.editTitle') : t('budgets.lines.addTitle')}
      </Heading>
      <ErrorSummary error={error} fields={fields} />
      <div className="field-row">
        <SelectField
          id={`${ids}-year`}
          name="year"
          label={t('budgets.lines.year')}
          isRequired
          value={year}
          onChange={setYear}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
        <SelectField
          id={`${ids}-category`}
          name="category"
          label={t('budgets.lines.category')}
          isRequired
          value={category}
          onChange={(value) => setCategory(value as BudgetCategory)}
          options={BUDGET_CATEGORIES.map((c) => ({ value: c, label: t(`budgets.categories.${c}`) }))}
        />
      </div>
      <Field
        id={`${ids}-label`}
        name="label"
        label={t('budgets.lines.label')}
        isRequired
        value={label}
        onChange={setLabel}
        maxLength={BUDGET_LIMITS.label}
        validate={(value) => (value.trim() ? null : t('budgets.lines.labelRequired'))}
      />
      <SelectField
        id={`${ids}-basis`}
        name="basis"
        label={t('budgets.lines.basisField')}
        description={t('budgets.lines.basisHelp')}
        isRequired
        value={basis}
        onChange={(value) => setBasis(value as BudgetBasis)}
        options={BUDGET_BASES.map((b) => ({ value: b, label: t(`budgets.bases.${b}`) }))}
      />
      <div className="field-row">
        <Field
          id={`${ids}-planned`}
          name="plannedCents"
          label={t('budgets.lines.planned')}
          isRequired
          value={planned}
          onChange={setPlanned}
          inputProps={{ className: 'input-short', inputMode: 'decimal' }}
          validationBehavior="aria"
          validate={kept('plannedCents')}
        />
        {entered && (
          <>
            <Field
              id={`${ids}-committed`}
              name="committedCents"
              label={t('budgets.lines.committed')}
              optional
              value={committed}
              onChange={setCommitted}
              inputProps={{ className: 'input-short', inputMode: 'decimal' }}
              validationBehavior="aria"
              validate={kept('committedCents')}
            />
            <Field
              id={`${ids}-spent`}
              name="spentCents"
              label={t('budgets.lines.spent')}
              optional
              value={spent}
              onChange={setSpent}
              inputProps={{ className: 'input-short', inputMode: 'decimal' }}
              validationBehavior="aria"
              validate={kept('spentCents')}
            />
          </>
        )}
      </div>
      <TextAreaField
        id={`${ids}-note`}
        name="note"
        label={t('budgets.lines.note')}
        optional
        value={note}
        onChange={setNote}
        maxLength={BUDGET_LIMITS.note}
        rows={2}
      />
      <DialogActions close={close} busy={busy} submit={t('budgets.lines.save')} />
    </Form>
  );
}

type Decision = 'pending' | 'granted' | 'refused';

/** The form of a funding: its funder, the request, the answer (granted or refused) and the agreement. */
export function FundingForm({
  programmeId,
  funding,
  close,
  onSaved,
}: {
  programmeId: string;
  funding?: Funding;
  close: () => void;
  onSaved: (funding: Funding) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const ids = useId();
  const [organisation, setOrganisation] = useState<PickedOrganisation | null>(
    funding?.funderOrganisationId ? { id: funding.funderOrganisationId, name: funding.funderLabel } : null,
  );
  const [funderName, setFunderName] = useState(funding?.funderName ?? '');
  const [requested, setRequested] = useState(eurosText(funding?.requestedCents, language));
  const [requestedOn, setRequestedOn] = useState(funding?.requestedOn ?? '');
  const [decision, setDecision] = useState<Decision>(
    funding?.refusedOn ? 'refused' : funding?.grantedCents != null ? 'granted' : 'pending',
  );
  const [granted, setGranted] = useState(eurosText(funding?.grantedCents, language));
  const [grantedOn, setGrantedOn] = useState(funding?.grantedOn ?? '');
  const [refusedOn, setRefusedOn] = useState(funding?.refusedOn ?? '');
  const [reference, setReference] = useState(funding?.agreementReference ?? '');
  const [startsOn, setStartsOn] = useState(funding?.agreementStartsOn ?? '');
  const [endsOn, setEndsOn] = useState(funding?.agreementEndsOn ?? '');
  const [note, setNote] = useState(funding?.note ?? '');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const { busy, error, run } = useSave();
  const serverErrors = useServerPathErrors(error);
  const required = useAmountCheck(true);
  const fields: Record<string, SummaryField> = {
    funderOrganisationId: { id: `${ids}-organisation`, label: t('budgets.fundings.funderOrganisation') },
    funderName: { id: `${ids}-name`, label: t('budgets.fundings.funderName') },
    requestedCents: { id: `${ids}-requested`, label: t('budgets.fundings.requested') },
    requestedOn: { id: `${ids}-requested-on`, label: t('budgets.fundings.requestedOn') },
    grantedCents: { id: `${ids}-granted`, label: t('budgets.fundings.granted') },
    grantedOn: { id: `${ids}-granted-on`, label: t('budgets.fundings.grantedOn') },
    refusedOn: { id: `${ids}-refused-on`, label: t('budgets.fundings.refusedOn') },
    agreementReference: { id: `${ids}-reference`, label: t('budgets.fundings.agreementReference') },
    agreementStartsOn: { id: `${ids}-starts`, label: t('budgets.fundings.agreementStartsOn') },
    agreementEndsOn: { id: `${ids}-ends`, label: t('budgets.fundings.agreementEndsOn') },
    note: { id: `${ids}-note`, label: t('budgets.fundings.note') },
  };

  return (
    <Form
      className="form"
      validationErrors={serverErrors}
      aria-busy={busy}
      onSubmit={(event) => {
        event.preventDefault();
        const missing: Record<string, string> = {};
        if (!organisation && !funderName.trim()) missing.funderName = t('budgets.fundings.funderRequired');
        if (decision === 'refused' && !refusedOn) missing.refusedOn = t('budgets.fundings.refusedOnRequired');
        setClientErrors(missing);
        const requestedCents = parseEuros(requested);
        if (Object.keys(missing).length > 0 || requestedCents === undefined || Number.isNaN(requestedCents))
          return;
        if (decision === 'granted' && required(granted)) return;
        void run(async () => {
          const input = {
            funderOrganisationId: organisation?.id ?? null,
            funderName: funderName.trim() || null,
            requestedCents,
            requestedOn: requestedOn || null,
            grantedCents: decision === 'granted' ? centsOrNull(granted) : null,
            grantedOn: decision === 'granted' ? grantedOn || null : null,
            refusedOn: decision === 'refused' ? refusedOn || null : null,
            agreementReference: reference.trim() || null,
            agreementStartsOn: startsOn || null,
            agreementEndsOn: endsOn || null,
            note: note.trim() || null,
          };
          const saved = funding
            ? await budgetsApi.updateFunding(funding.id, input)
            : await budgetsApi.createFunding(programmeId, input);
          close();
          onSaved(saved);
        });
      }}
    >
      <Heading slot="title" className="dialog-title">
        {funding ? t('budgets.fundings.editTitle') : t('budgets.fundings.addTitle')}
      </Heading>
      <ErrorSummary error={error} fields={fields} clientErrors={clientErrors} />
      <OrganisationPicker
        id={`${ids}-organisation`}
        name="funderOrganisationId"
        label={t('budgets.fundings.funderOrganisation')}
        description={t('budgets.fundings.funderOrganisationHelp')}
        value={organisation}
        onChange={(value) => {
          setOrganisation(value);
          setClientErrors(({ funderName: _done, ...rest }) => rest);
        }}
      />
      <Field
        id={`${ids}-name`}
        name="funderName"
        label={t('budgets.fundings.funderName')}
        description={t('budgets.fundings.funderNameHelp')}
        optional
        value={funderName}
        onChange={(value) => {
          setFunderName(value);
          setClientErrors(({ funderName: _done, ...rest }) => rest);
        }}
        maxLength={BUDGET_LIMITS.funderName}
        isInvalid={!!clientErrors.funderName}
        validate={() => clientErrors.funderName ?? null}
      />
      <div className="field-row">
        <Field
          id={`${ids}-requested`}
          name="requestedCents"
          label={t('budgets.fundings.requested')}
          isRequired
          value={requested}
          onChange={setRequested}
          inputProps={{ className: 'input-short', inputMode: 'decimal' }}
          validate={required}
        />
        <Field
          id={`${ids}-requested-on`}
          name="requestedOn"
          type="date"
          label={t('budgets.fundings.requestedOn')}
          optional
          value={requestedOn}
          onChange={setRequestedOn}
          inputProps={{ className: 'input-short', max: todayDay() }}
        />
      </div>
      <SelectField
        id={`${ids}-decision`}
        name="decision"
        label={t('budgets.fundings.decisionField')}
        value={decision}
        onChange={(value) => setDecision(value as Decision)}
        options={[
          { value: 'pending', label: t('budgets.fundings.decisionPending') },
          { value: 'granted', label: t('budgets.fundings.decisionGranted') },
          { value: 'refused', label: t('budgets.fundings.decisionRefused') },
        ]}
      />
      {decision === 'granted' && (
        <div className="field-row">
          <Field
            id={`${ids}-granted`}
            name="grantedCents"
            label={t('budgets.fundings.granted')}
            description={t('budgets.fundings.grantedHelp')}
            isRequired
            value={granted}
            onChange={setGranted}
            inputProps={{ className: 'input-short', inputMode: 'decimal' }}
            validate={required}
          />
          <Field
            id={`${ids}-granted-on`}
            name="grantedOn"
            type="date"
            label={t('budgets.fundings.grantedOn')}
            optional
            value={grantedOn}
            onChange={setGrantedOn}
            inputProps={{ className: 'input-short' }}
          />
        </div>
      )}
      {decision === 'refused' && (
        <Field
          id={`${ids}-refused-on`}
          name="refusedOn"
          type="date"
          label={t('budgets.fundings.refusedOn')}
          isRequired
          value={refusedOn}
          onChange={(value) => {
            setRefusedOn(value);
            setClientErrors(({ refusedOn: _done, ...rest }) => rest);
          }}
          inputProps={{ className: 'input-short' }}
        />
      )}
      <Field
        id={`${ids}-reference`}
        name="agreementReference"
        label={t('budgets.fundings.agreementReference')}
        optional
        value={reference}
        onChange={setReference}
        maxLength={BUDGET_LIMITS.reference}
      />
      <div className="field-row">
        <Field
          id={`${ids}-starts`}
          name="agreementStartsOn"
          type="date"
          label={t('budgets.fundings.agreementStartsOn')}
          optional
          value={startsOn}
          onChange={setStartsOn}
          inputProps={{ className: 'input-short' }}
        />
        <Field
          id={`${ids}-ends`}
          name="agreementEndsOn"
          type="date"
          label={t('budgets.fundings.agreementEndsOn')}
          optional
          value={endsOn}
          onChange={setEndsOn}
          inputProps={{ className: 'input-short', ...(startsOn ? { min: startsOn } : {}) }}
        />
      </div>
      <TextAreaField
        id={`${ids}-note`}
        name="note"
        label={t('budgets.fundings.note')}
        optional
        value={note}
        onChange={setNote}
        maxLength={BUDGET_LIMITS.note}
        rows={2}
      />
      <DialogActions close={close} busy={busy} submit={t('budgets.fundings.save')} />
    </Form>
  );
}

/** The form of a payment received on a granted funding (at most what remains to be received). */
export function PaymentForm({
  funding,
  close,
  onSaved,
}: {
  funding: Funding;
  close: () => void;
  onSaved: (funding: Funding, amountCents: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const ids = useId();
  const [receivedOn, setReceivedOn] = useState(todayDay());
  const [amount, setAmount] = useState(eurosText(funding.remainingCents, language));
  const [reference, setReference] = useState('');
  const { busy, error, run } = useSave();
  const serverErrors = useServerPathErrors(error);
  const required = useAmountCheck(true);
  const fields: Record<string, SummaryField> = {
    receivedOn: { id: `${ids}-day`, label: t('budgets.payments.receivedOn') },
    amountCents: { id: `${ids}-amount`, label: t('budgets.payments.amount') },
    reference: { id: `${ids}-reference`, label: t('budgets.payments.reference') },
  };
  return (
    <Form
      className="form"
      validationErrors={serverErrors}
      aria-busy={busy}
      onSubmit={(event) => {
        event.preventDefault();
        const amountCents = parseEuros(amount);
        if (amountCents === undefined || Number.isNaN(amountCents) || !receivedOn) return;
        void run(async () => {
          const saved = await budgetsApi.recordPayment(funding.id, {
            receivedOn,
            amountCents,
            reference: reference.trim() || null,
          });
          close();
          onSaved(saved, amountCents);
        });
      }}
    >
      <Heading slot="title" className="dialog-title">
        {t('budgets.payments.title', {
          funder: funding.funderLabel,
          deFunder: deName(funding.funderLabel),
        })}
      </Heading>
      <p className="help">
        {t('budgets.payments.remainingHelp', {
          amount: formatMoney(funding.remainingCents ?? 0, language),
          granted: formatMoney(funding.grantedCents ?? 0, language),
        })}
      </p>
      <ErrorSummary error={error} fields={fields} />
      <div className="field-row">
        <Field
          id={`${ids}-amount`}
          name="amountCents"
          label={t('budgets.payments.amount')}
          isRequired
          value={amount}
          onChange={setAmount}
          inputProps={{ className: 'input-short', inputMode: 'decimal' }}
          validate={required}
        />
        <Field
          id={`${ids}-day`}
          name="receivedOn"
          type="date"
          label={t('budgets.payments.receivedOn')}
          isRequired
          value={receivedOn}
          onChange={setReceivedOn}
          inputProps={{ className: 'input-short' }}
          validate={(value) => (value ? null : t('validation.required'))}
        />
      </div>
      <Field
        id={`${ids}-reference`}
        name="reference"
        label={t('budgets.payments.reference')}
        optional
        value={reference}
        onChange={setReference}
        maxLength={BUDGET_LIMITS.reference}
      />
      <DialogActions close={close} busy={busy} submit={t('budgets.payments.save')} />
    </Form>
  );
}
