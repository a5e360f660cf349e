/**
 * Distribution on a programme's page, for the staff of its owner: « Attribuer un appareil » from the
 * waiting list (a dialog listing the ready devices of the owner's and its refurbisher partners' stock,
 * filtered by type, pre-set to the person's device need), and the programme's allocations with
 * « Remettre » (day, payment of a sale pre-filled with the contribution, a note when the amount differs,
 * receipt signed on paper) and « Annuler » (with a reason). The server's refusals show inside the dialogs.
 */
import { type FormEvent, type ReactNode, type RefObject, useId, useState } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DEVICE_TYPES, type DeviceType, documents } from '../api.ts';
import {
  type Allocation,
  type AllocationStatus,
  type AvailableDevice,
  distributionApi,
  PAYMENT_METHODS,
  type PaymentMethod,
  signatureUrl,
  type Ticket,
} from '../distributionApi.ts';
import { i18n } from '../i18n/index.ts';
import type { DeviceNeed, Programme } from '../peopleApi.ts';
import {
  CheckboxField,
  ErrorSummary,
  Field,
  SelectField,
  SubmitButton,
  type SummaryField,
  TextAreaField,
  useServerPathErrors,
} from './forms.tsx';
import { formatDay, todayDay } from './inventory.tsx';
import { OpenTicketButton } from './Maintenance.tsx';
import { euroError, eurosText, formatMoney, parseEuros } from './people.tsx';
import { SignaturePad } from './SignaturePad.tsx';
import { ErrorAlert, Loading, TableScroll, useLoad } from './ui.tsx';

/** The server's limits (`CancelBody`, `HandoverBody`). */
const REASON_MAX_LENGTH = 500;
const NOTE_MAX_LENGTH = 1000;

function isDeviceType(value: string): value is DeviceType {
  return (DEVICE_TYPES as readonly string[]).includes(value);
}

/** "Ordinateur portable", or the server's word for a type we do not know. */
export function deviceTypeText(type: string): string {
  return isDeviceType(type) ? i18n.t(`distribution.deviceTypes.${type}`) : type;
}

/** "SV-000123 — Ordinateur portable, Dell Latitude 5490, grade B". */
export function deviceChoiceText(device: AvailableDevice): string {
  const model = [device.brand, device.model].filter(Boolean).join(' ');
  const grade = device.grade
    ? i18n.t('distribution.grade', { grade: device.grade })
    : i18n.t('distribution.noGrade');
  return `${device.assetTag} — ${[deviceTypeText(device.type), model, grade].filter(Boolean).join(', ')}`;
}

/**
 * A ready device to choose, one radio button each (the fieldset takes the focus when nothing is chosen:
 * its id is `${idPrefix}-devices`).
 */
export function DeviceChoice({
  idPrefix,
  legend,
  devices,
  value,
  error,
  onChange,
}: {
  idPrefix: string;
  legend: string;
  devices: AvailableDevice[];
  value: string;
  error: string;
  onChange: (deviceId: string) => void;
}) {
  return (
    <fieldset
      className="fieldset"
      id={`${idPrefix}-devices`}
      tabIndex={-1}
      aria-invalid={error ? true : undefined}
      {...(error ? { 'aria-describedby': `${idPrefix}-devices-error` } : {})}
    >
      <legend>{legend}</legend>
      {devices.map((device) => (
        <div key={device.id} className="radio-line">
          <input
            type="radio"
            id={`${idPrefix}-device-${device.id}`}
            name="deviceId"
            value={device.id}
            checked={value === device.id}
            onChange={() => onChange(device.id)}
          />
          <label htmlFor={`${idPrefix}-device-${device.id}`}>{deviceChoiceText(device)}</label>
        </div>
      ))}
      {error && (
        <p className="field-error" id={`${idPrefix}-devices-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** An allocation's status in words, as a coloured badge. */
export function AllocationStatusBadge({ status }: { status: AllocationStatus }) {
  const { t } = useTranslation();
  const tone =
    status === 'handed_over' ? 'status-ok' : status === 'reserved' ? 'status-pending' : 'status-off';
  return <span className={`status ${tone}`}>{t(`distribution.statuses.${status}`)}</span>;
}

// ---- Allocate --------------------------------------------------------------------------------------------

function AllocateForm({
  programme,
  beneficiaryId,
  name,
  need,
  close,
  onAllocated,
}: {
  programme: Programme;
  beneficiaryId: string;
  name: string;
  need: DeviceNeed | null;
  close: () => void;
  onAllocated: (allocation: Allocation) => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const [type, setType] = useState<DeviceType | ''>(need ?? '');
  const [deviceId, setDeviceId] = useState('');
  const [chooseError, setChooseError] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const devices = useLoad(
    (signal) => distributionApi.availableDevices(programme.id, type || undefined, signal),
    [programme.id, type],
  );
  const items = devices.data?.items ?? [];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!deviceId || !items.some((d) => d.id === deviceId)) {
      setChooseError(t('allocate.chooseFirst'));
      document.getElementById(`${ids}-devices`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const allocation = await distributionApi.allocate({
        programmeId: programme.id,
        beneficiaryId,
        deviceId,
      });
      setBusy(false);
      close();
      onAllocated(allocation);
    } catch (err) {
      setBusy(false);
      setError(err);
      // A device taken meanwhile is no longer listed.
      devices.reload();
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-busy={busy} noValidate>
      <Heading slot="title" className="dialog-title">
        {t('allocate.title', { name })}
      </Heading>
      <p className="help">{t('allocate.intro')}</p>
      {need && <p>{t('allocate.need', { need: t(`deviceNeeds.${need}`) })}</p>}
      <div className="field">
        <label htmlFor={`${ids}-type`}>{t('allocate.type')}</label>
        <select
          id={`${ids}-type`}
          value={type}
          onChange={(event) => {
            const value = event.target.value;
            setType(isDeviceType(value) ? value : '');
            setDeviceId('');
          }}
        >
          <option value="">{t('allocate.allTypes')}</option>
          {DEVICE_TYPES.map((value) => (
            <option key={value} value={value}>
              {t(`distribution.deviceTypes.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <ErrorAlert error={devices.error} onRetry={devices.reload} />
      {devices.loading && <Loading />}
      <p role="status" className="results-count">
        {devices.data && !devices.loading ? t('allocate.count', { count: items.length }) : ''}
      </p>
      {devices.data && !devices.loading && items.length === 0 && (
        <p className="empty">{type ? t('allocate.none') : t('allocate.noneAtAll')}</p>
      )}
      {items.length > 0 && !devices.loading && (
        <DeviceChoice
          idPrefix={ids}
          legend={t('allocate.devices')}
          devices={items}
          value={deviceId}
          error={chooseError}
          onChange={(id) => {
            setDeviceId(id);
            setChooseError('');
          }}
        />
      )}
      <ErrorAlert error={error} />
      <div className="dialog-actions">
        <Button className="button button-secondary" onPress={close} isDisabled={busy}>
          {t('common.cancel')}
        </Button>
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? t('allocate.allocating') : t('allocate.confirm')}
        </button>
      </div>
    </form>
  );
}

/** « Attribuer un appareil » for one person of the waiting list. */
export function AllocateButton({
  programme,
  beneficiaryId,
  name,
  need,
  onAllocated,
}: {
  programme: Programme;
  beneficiaryId: string;
  name: string;
  need: DeviceNeed | null;
  onAllocated: (allocation: Allocation) => void;
}) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button className="button button-small button-primary" aria-label={t('allocate.buttonOf', { name })}>
        {t('allocate.button')}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal modal-wide">
          <Dialog className="dialog">
            {({ close }) => (
              <AllocateForm
                programme={programme}
                beneficiaryId={beneficiaryId}
                name={name}
                need={need}
                close={close}
                onAllocated={onAllocated}
              />
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

// ---- Hand over -------------------------------------------------------------------------------------------

function HandoverForm({
  programme,
  allocation,
  name,
  close,
  onDone,
}: {
  programme: Programme;
  allocation: Allocation;
  name: string;
  close: () => void;
  onDone: (allocation: Allocation) => void;
}) {
  const {
    t,
    i18n: { language },
  } = useTranslation();
  const ids = useId();
  const sale = programme.mode === 'sale';
  const expected = allocation.expectedContributionCents ?? programme.contributionCents;
  const [day, setDay] = useState(todayDay);
  const [amount, setAmount] = useState(() => {
    const text = eurosText(expected, language);
    // Typed as money is read on a receipt: "42,00".
    return expected % 100 === 0 ? `${text}${language === 'fr' ? ',00' : '.00'}` : text;
  });
  const [method, setMethod] = useState<PaymentMethod | ''>('');
  const [methodError, setMethodError] = useState('');
  const [note, setNote] = useState('');
  const [signed, setSigned] = useState(false);
  const [signature, setSignature] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const cents = parseEuros(amount);
  const differs = sale && cents !== undefined && !Number.isNaN(cents) && cents !== expected;
  const fields: Record<string, SummaryField> = {
    handedOverOn: { id: `${ids}-day`, label: t('handover.day') },
    'payment.amountCents': { id: `${ids}-amount`, label: t('handover.amount') },
    'payment.method': { id: `${ids}-method`, label: t('handover.method') },
    'payment.note': { id: `${ids}-note`, label: t('handover.note') },
    payment: { id: `${ids}-amount`, label: t('handover.amount') },
    signature: { id: `${ids}-signed`, label: t('signature.label') },
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (sale && !method) {
      setMethodError(t('handover.methodRequired'));
      document.getElementById(`${ids}-method`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const updated = await distributionApi.handOver(allocation.id, {
        handedOverOn: day,
        signedOnPaper: signed,
        ...(signature ? { signature } : {}),
        ...(sale && method && cents !== undefined && !Number.isNaN(cents)
          ? { payment: { amountCents: cents, method, ...(note.trim() ? { note: note.trim() } : {}) } }
          : {}),
      });
      setBusy(false);
      close();
      onDone(updated);
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  return (
    <Form className="form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
      <Heading slot="title" className="dialog-title">
        {t('handover.title', { tag: allocation.assetTag, name })}
      </Heading>
      <ErrorSummary
        error={error}
        fields={fields}
        clientErrors={methodError ? { 'payment.method': methodError } : {}}
      />
      <Field
        id={`${ids}-day`}
        name="handedOverOn"
        type="date"
        label={t('handover.day')}
        isRequired
        value={day}
        onChange={setDay}
        inputProps={{ className: 'input-short', min: programme.startsOn, max: programme.endsOn }}
        validate={(value) => (value ? null : t('validation.required'))}
      />
      {programme.mode === 'loan' && programme.loanMonths ? (
        <p className="help">{t('handover.loanInfo', { count: programme.loanMonths })}</p>
      ) : null}
      {sale && (
        <>
          <Field
            id={`${ids}-amount`}
            name="payment.amountCents"
            label={t('handover.amount')}
            description={t('handover.amountHelp', { amount: formatMoney(expected, language) })}
            isRequired
            value={amount}
            onChange={setAmount}
            inputProps={{ className: 'input-short', inputMode: 'decimal' }}
            validate={(value) => (value.trim() ? euroError(value) : t('handover.amountRequired'))}
          />
          <div role="status">
            {differs && (
              <p className="alert alert-info">
                {t('handover.amountDiffers', { amount: formatMoney(expected, language) })}
              </p>
            )}
          </div>
          <SelectField
            id={`${ids}-method`}
            name="payment.method"
            label={t('handover.method')}
            isRequired
            value={method}
            onChange={(value) => {
              setMethod(PAYMENT_METHODS.find((m) => m === value) ?? '');
              setMethodError('');
            }}
            placeholder={t('handover.chooseMethod')}
            error={methodError || null}
            options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`distribution.paymentMethods.${m}`) }))}
          />
          <TextAreaField
            id={`${ids}-note`}
            name="payment.note"
            label={t('handover.note')}
            description={t('handover.noteHelp')}
            isRequired={differs}
            optional={!differs}
            rows={2}
            value={note}
            onChange={setNote}
            maxLength={NOTE_MAX_LENGTH}
            validate={(value) => (differs && !value.trim() ? t('handover.noteRequired') : null)}
          />
        </>
      )}
      <SignaturePad onChange={setSignature} />
      <CheckboxField
        id={`${ids}-signed`}
        name="signedOnPaper"
        label={t('handover.signed')}
        isSelected={signed}
        onChange={setSigned}
      />
      <div className="dialog-actions">
        <Button className="button button-secondary" onPress={close} isDisabled={busy}>
          {t('common.cancel')}
        </Button>
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? t('handover.saving') : t('handover.confirm')}
        </button>
      </div>
    </Form>
  );
}

function HandoverButton(props: {
  programme: Programme;
  allocation: Allocation;
  name: string;
  onDone: (allocation: Allocation) => void;
}) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button
        className="button button-small button-primary"
        aria-label={t('handover.buttonOf', { tag: props.allocation.assetTag })}
      >
        {t('handover.button')}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">{({ close }) => <HandoverForm {...props} close={close} />}</Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

// ---- Cancel ----------------------------------------------------------------------------------------------

/**
 * A button opening a confirmation that asks for a reason (required) before a change made by mistake is
 * undone: the reservation cancelled, the handover taken back. The server's refusal shows in the dialog.
 */
export function ReasonButton({
  label,
  ariaLabel,
  title,
  text,
  reasonLabel,
  reasonRequired,
  keepLabel,
  confirmLabel,
  action,
  onDone,
}: {
  label: string;
  ariaLabel: string;
  title: string;
  text: ReactNode;
  reasonLabel: string;
  reasonRequired: string;
  keepLabel: string;
  confirmLabel: string;
  action: (reason: string) => Promise<Allocation>;
  onDone: (allocation: Allocation) => void;
}) {
  const ids = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  return (
    <DialogTrigger
      onOpenChange={(open) => {
        if (open) {
          setReason('');
          setError(null);
        }
      }}
    >
      <Button className="button button-small button-danger-outline" aria-label={ariaLabel}>
        {label}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable={!busy} isKeyboardDismissDisabled={busy}>
        <Modal className="modal">
          <Dialog role="alertdialog" className="dialog">
            {({ close }) => (
              <Form
                className="form"
                validationErrors={serverErrors}
                aria-busy={busy}
                onSubmit={async (event) => {
                  event.preventDefault();
                  if (busy) return;
                  setBusy(true);
                  setError(null);
                  try {
                    const updated = await action(reason.trim());
                    setBusy(false);
                    close();
                    onDone(updated);
                  } catch (err) {
                    setBusy(false);
                    setError(err);
                  }
                }}
              >
                <Heading slot="title" className="dialog-title">
                  {title}
                </Heading>
                <div className="dialog-body">{text}</div>
                <TextAreaField
                  id={`${ids}-reason`}
                  name="reason"
                  label={reasonLabel}
                  isRequired
                  rows={2}
                  value={reason}
                  onChange={setReason}
                  maxLength={REASON_MAX_LENGTH}
                  validate={(value) => (value.trim() ? null : reasonRequired)}
                />
                <ErrorAlert error={error} />
                <div className="dialog-actions">
                  <Button className="button button-secondary" onPress={close} isDisabled={busy} autoFocus>
                    {keepLabel}
                  </Button>
                  <SubmitButton busy={busy} tone="danger">
                    {confirmLabel}
                  </SubmitButton>
                </div>
              </Form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

function CancelButton({
  allocation,
  onDone,
}: {
  allocation: Allocation;
  onDone: (allocation: Allocation) => void;
}) {
  const { t } = useTranslation();
  const tag = allocation.assetTag;
  return (
    <ReasonButton
      label={t('cancelAllocation.button')}
      ariaLabel={t('cancelAllocation.buttonOf', { tag })}
      title={t('cancelAllocation.title', { tag })}
      text={<p>{t('cancelAllocation.text')}</p>}
      reasonLabel={t('cancelAllocation.reason')}
      reasonRequired={t('cancelAllocation.reasonRequired')}
      keepLabel={t('cancelAllocation.keep')}
      confirmLabel={t('cancelAllocation.confirm')}
      action={(reason) => distributionApi.cancel(allocation.id, reason)}
      onDone={onDone}
    />
  );
}

/** « Annuler la remise »: a handover recorded by mistake is taken back (documents voided), with a reason. */
export function TakeBackButton({
  allocation,
  onDone,
}: {
  allocation: Allocation;
  onDone: (allocation: Allocation) => void;
}) {
  const { t } = useTranslation();
  const tag = allocation.assetTag;
  return (
    <ReasonButton
      label={t('takeBack.button')}
      ariaLabel={t('takeBack.buttonOf', { tag })}
      title={t('takeBack.title', { tag })}
      text={
        <>
          <p>{t('takeBack.text')}</p>
          <p>{t('takeBack.documents')}</p>
        </>
      }
      reasonLabel={t('takeBack.reason')}
      reasonRequired={t('takeBack.reasonRequired')}
      keepLabel={t('takeBack.keep')}
      confirmLabel={t('takeBack.confirm')}
      action={(reason) => distributionApi.cancelHandover(allocation.id, reason)}
      onDone={onDone}
    />
  );
}

/** « Remise annulée le … (motif : …) » on an allocation whose handover was taken back. */
export function HandoverTakenBack({ allocation }: { allocation: Allocation }) {
  const {
    t,
    i18n: { language },
  } = useTranslation();
  const on = allocation.handoverCancelledAt?.slice(0, 10);
  if (!on) return null;
  return (
    <li>
      {t('takeBack.takenBackOn', { date: formatDay(on, language) })}
      {allocation.handoverCancelReason
        ? ` ${t('distribution.because', { reason: allocation.handoverCancelReason })}`
        : ''}
    </li>
  );
}

/** The signature drawn at the handover, small, when there is one. */
export function SignatureThumbnail({ allocation }: { allocation: Allocation }) {
  const { t } = useTranslation();
  if (!allocation.hasSignature) return null;
  return (
    <img
      className="signature-thumbnail"
      src={signatureUrl(allocation.id)}
      alt={t('signature.thumbnailOf', { tag: allocation.assetTag })}
      width={120}
      height={48}
      loading="lazy"
    />
  );
}

/** What happened to an allocation, in short lines: reserved, handed over, paid, loan, cancelled, taken back. */
export function AllocationFacts({ allocation }: { allocation: Allocation }) {
  const {
    t,
    i18n: { language },
  } = useTranslation();
  const cancelledOn = allocation.cancelledAt?.slice(0, 10);
  return (
    <>
      <ul className="plain-list small">
        <li>
          {t('distribution.allocatedOn', {
            date: formatDay(allocation.allocatedOn, language),
          })}
        </li>
        {allocation.handedOverOn && (
          <li>
            {t('distribution.handedOverOn', {
              date: formatDay(allocation.handedOverOn, language),
            })}
          </li>
        )}
        {allocation.paymentCents !== null && allocation.paymentMethod && (
          <li>
            {t('distribution.paid', {
              amount: formatMoney(allocation.paymentCents, language),
              method: t(`distribution.paymentMethods.${allocation.paymentMethod}`),
            })}
          </li>
        )}
        {allocation.paymentNote && <li className="pre-line">{allocation.paymentNote}</li>}
        {allocation.signedOnPaper && <li>{t('distribution.signedOnPaper')}</li>}
        {allocation.loan &&
          (allocation.loan.returnedOn ? (
            <li>
              {t('distribution.loanReturned', {
                date: formatDay(allocation.loan.returnedOn, language),
              })}
            </li>
          ) : (
            <li>
              {t('distribution.loanDue', {
                date: formatDay(allocation.loan.dueOn, language),
              })}
            </li>
          ))}
        {cancelledOn && <li>{t('distribution.cancelledOn', { date: formatDay(cancelledOn, language) })}</li>}
        {allocation.cancelReason && <li>{t('distribution.because', { reason: allocation.cancelReason })}</li>}
        <HandoverTakenBack allocation={allocation} />
      </ul>
      {allocation.status === 'handed_over' && <SignatureThumbnail allocation={allocation} />}
    </>
  );
}

// ---- The programme's allocations -------------------------------------------------------------------------

/**
 * The documents of a handover, as plain links (the session cookie goes with them): the receipt of a
 * sale, the loan agreement of a loan, the donation certificate of a gift, and the attestation of any.
 */
export function AllocationDocuments({
  allocation,
  mode,
  tag,
}: {
  allocation: Allocation;
  mode: Programme['mode'];
  tag: string;
}) {
  const { t } = useTranslation();
  const byMode = { sale: 'receipt', loan: 'loan-agreement', donation: 'donation-certificate' } as const;
  const names = [byMode[mode], 'handover-attestation'] as const;
  return (
    <ul className="plain-list small">
      {names.map((name) => (
        <li key={name}>
          <a
            href={documents.allocationDocumentPdf(allocation.id, name)}
            aria-label={t(`distribution.documents.${name}Of`, { tag })}
          >
            {t(`distribution.documents.${name}`)}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The programme's allocations, newest first, with « Remettre » and « Annuler » for a reservation. */
export function AllocationsSection({
  programme,
  allocations,
  loading,
  error,
  onRetry,
  names,
  notice,
  headingRef,
  onHandedOver,
  onCancelled,
  onTakenBack,
  onTicketOpened,
}: {
  programme: Programme;
  allocations: Allocation[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  /** People's names by beneficiary id (from the waiting list and the participants). */
  names: ReadonlyMap<string, string>;
  notice: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onHandedOver: (allocation: Allocation, name: string) => void;
  onCancelled: (allocation: Allocation) => void;
  onTakenBack: (allocation: Allocation) => void;
  onTicketOpened: (ticket: Ticket) => void;
}) {
  const { t } = useTranslation();
  const items = allocations ?? [];
  return (
    <section className="card" aria-labelledby="allocations-title" aria-busy={loading}>
      <h2 id="allocations-title" ref={headingRef} tabIndex={-1}>
        {t('distribution.title')}
      </h2>
      <p className="help">{t('distribution.intro')}</p>
      <div role="status">{notice && <p className="alert alert-success">{notice}</p>}</div>
      <ErrorAlert error={error} onRetry={onRetry} />
      {loading && !allocations && <Loading />}
      {allocations && items.length === 0 && <p className="empty">{t('distribution.empty')}</p>}
      {items.length > 0 && (
        <TableScroll label={t('distribution.caption')}>
          <table>
            <caption className="visually-hidden">{t('distribution.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('distribution.colDevice')}</th>
                <th scope="col">{t('distribution.colPerson')}</th>
                <th scope="col">{t('distribution.colStatus')}</th>
                <th scope="col">{t('distribution.colDates')}</th>
                <th scope="col">{t('distribution.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((allocation) => {
                const name = names.get(allocation.beneficiaryId);
                const tag = allocation.assetTag;
                return (
                  <tr key={allocation.id}>
                    <th scope="row">
                      <Link to={`/appareils/${allocation.deviceId}`}>{tag}</Link>
                      <br />
                      <span className="small muted">{deviceTypeText(allocation.deviceType)}</span>
                    </th>
                    <td>
                      <Link
                        to={`/beneficiaires/${allocation.beneficiaryId}`}
                        {...(name ? {} : { 'aria-label': t('distribution.seePersonOf', { tag }) })}
                      >
                        {name ?? t('distribution.seePerson')}
                      </Link>
                    </td>
                    <td>
                      <AllocationStatusBadge status={allocation.status} />
                    </td>
                    <td>
                      <AllocationFacts allocation={allocation} />
                    </td>
                    <td>
                      {allocation.status === 'handed_over' && (
                        <>
                          <AllocationDocuments allocation={allocation} mode={programme.mode} tag={tag} />
                          <div className="row-actions">
                            <OpenTicketButton allocation={allocation} onOpened={onTicketOpened} />
                            <TakeBackButton allocation={allocation} onDone={onTakenBack} />
                          </div>
                        </>
                      )}
                      {allocation.status === 'reserved' && (
                        <div className="row-actions">
                          <HandoverButton
                            programme={programme}
                            allocation={allocation}
                            name={name ?? tag}
                            onDone={(updated) => onHandedOver(updated, name ?? t('distribution.seePerson'))}
                          />
                          <CancelButton allocation={allocation} onDone={onCancelled} />
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
