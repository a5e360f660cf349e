/**
 * Suggestions and group handovers on a programme's page, for the staff of its owner.
 *
 * « Proposer des attributions » lists the waiting list in its order with the first free ready device of
 * the type each person needs; « Attribuer la sélection » reserves the checked rows one after the other and
 * reports the reservations and each refusal in the server's words.
 *
 * « Journées de remise »: plan a day (date, place, title), put reserved allocations on its list, take them
 * off, print the sign-off sheet, then record every handover of the day at once (for a sale, one payment per
 * person pre-filled with the contribution; a note when an amount differs). The server's errors show next to
 * the row they concern and in an error summary.
 */
import { type FormEvent, type ReactNode, useId, useMemo, useState } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, documents } from '../api.ts';
import {
  type Allocation,
  distributionApi,
  type HandoverEvent,
  type HandoverEventSummary,
  PAYMENT_METHODS,
  type PaymentMethod,
  type Suggestion,
} from '../distributionApi.ts';
import type { Programme } from '../peopleApi.ts';
import {
  AllocationDocuments,
  AllocationStatusBadge,
  deviceChoiceText,
  deviceTypeText,
} from './Allocations.tsx';
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
import { euroError, eurosText, formatMoney, parseEuros } from './people.tsx';
import { ErrorAlert, errorText, formatDate, Loading, TableScroll, useLoad } from './ui.tsx';

/** The server's limits (`POST /handover-events`, the handover's note). */
const PLACE_MAX_LENGTH = 300;
const TITLE_MAX_LENGTH = 200;
const NOTE_MAX_LENGTH = 1000;

/** An amount as typed on a receipt: "42,00" (or "42.00" in English). */
function amountInputText(cents: number, language: string): string {
  const text = eurosText(cents, language);
  return cents % 100 === 0 ? `${text}${language === 'fr' ? ',00' : '.00'}` : text;
}

/** The server's sentence for a refusal, with each field problem it names. */
function refusalText(error: unknown, fallback: string): string {
  const main = errorText(error, fallback);
  if (!(error instanceof ApiError)) return main;
  const details = error.errors.map((problem) => problem.message).filter((m) => m && m !== main);
  return [main, ...details].join(' ');
}

// ---- Suggestions -----------------------------------------------------------------------------------------

interface AllocationOutcome {
  reserved: number;
  refusals: { key: string; name: string; tag: string; message: string }[];
}

/** « Proposer des attributions »: suggested matches of the waiting list, reserved in one go. */
export function SuggestionsSection({
  programme,
  onAllocated,
}: {
  programme: Programme;
  /** After « Attribuer la sélection » reserved at least one device (reload the lists). */
  onAllocated: () => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const [items, setItems] = useState<Suggestion[] | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<AllocationOutcome | null>(null);
  const [chooseError, setChooseError] = useState('');

  async function load(keepOutcome: boolean) {
    setLoading(true);
    setLoadError(null);
    if (!keepOutcome) setOutcome(null);
    try {
      const page = await distributionApi.suggestions(programme.id);
      setItems(page.items);
      setSelected(new Set(page.items.filter((s) => s.device).map((s) => s.referralId)));
    } catch (err) {
      setLoadError(err);
    } finally {
      setLoading(false);
    }
  }

  async function allocateSelection() {
    if (progress || !items) return;
    const chosen = items.filter((s) => s.device && selected.has(s.referralId));
    if (chosen.length === 0) {
      setChooseError(t('suggestions.chooseFirst'));
      return;
    }
    setChooseError('');
    setOutcome(null);
    const result: AllocationOutcome = { reserved: 0, refusals: [] };
    for (const [index, suggestion] of chosen.entries()) {
      setProgress({ done: index + 1, total: chosen.length });
      const device = suggestion.device;
      if (!device) continue;
      try {
        await distributionApi.allocate({
          programmeId: programme.id,
          beneficiaryId: suggestion.beneficiaryId,
          deviceId: device.id,
        });
        result.reserved += 1;
      } catch (err) {
        result.refusals.push({
          key: suggestion.referralId,
          name: suggestion.beneficiaryName ?? t('suggestions.unnamed'),
          tag: device.assetTag,
          message: refusalText(err, t('errors.unexpected')),
        });
      }
    }
    setProgress(null);
    setOutcome(result);
    if (result.reserved > 0) onAllocated();
    await load(true);
  }

  const busy = loading || progress !== null;
  return (
    <section className="card" aria-labelledby={`${ids}-title`} aria-busy={busy}>
      <h2 id={`${ids}-title`}>{t('suggestions.title')}</h2>
      <p className="help">{t('suggestions.intro')}</p>
      <div className="actions">
        <button
          type="button"
          className="button button-secondary"
          aria-disabled={busy}
          onClick={() => {
            if (!busy) void load(false);
          }}
        >
          {t('suggestions.button')}
        </button>
      </div>
      <ErrorAlert error={loadError} onRetry={() => void load(false)} />
      {loading && !items && <Loading />}
      <div role="status">
        {outcome && (
          <p className={outcome.reserved > 0 ? 'alert alert-success' : 'alert alert-info'}>
            {t('suggestions.reserved', { count: outcome.reserved })}
          </p>
        )}
      </div>
      <div role="alert">
        {outcome && outcome.refusals.length > 0 && (
          <div className="alert alert-error">
            <p>{t('suggestions.refused', { count: outcome.refusals.length })}</p>
            <ul>
              {outcome.refusals.map((refusal) => (
                <li key={refusal.key}>
                  {t('suggestions.refusal', {
                    name: refusal.name,
                    tag: refusal.tag,
                    message: refusal.message,
                  })}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {items && items.length === 0 && <p className="empty">{t('suggestions.empty')}</p>}
      {items && items.length > 0 && (
        <>
          <TableScroll label={t('suggestions.caption')}>
            <table>
              <caption className="visually-hidden">{t('suggestions.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('suggestions.colChoose')}</th>
                  <th scope="col">{t('suggestions.colPosition')}</th>
                  <th scope="col">{t('suggestions.colPerson')}</th>
                  <th scope="col">{t('suggestions.colNeed')}</th>
                  <th scope="col">{t('suggestions.colDevice')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((suggestion) => {
                  const name = suggestion.beneficiaryName ?? t('suggestions.unnamed');
                  const device = suggestion.device;
                  return (
                    <tr key={suggestion.referralId}>
                      <td>
                        <input
                          type="checkbox"
                          className="table-checkbox"
                          aria-label={
                            device
                              ? t('suggestions.chooseOf', { name, tag: device.assetTag })
                              : t('suggestions.chooseNone', { name })
                          }
                          checked={Boolean(device) && selected.has(suggestion.referralId)}
                          disabled={!device}
                          onChange={(event) => {
                            const checked = event.target.checked;
                            setChooseError('');
                            setSelected((current) => {
                              const next = new Set(current);
                              if (checked) next.add(suggestion.referralId);
                              else next.delete(suggestion.referralId);
                              return next;
                            });
                          }}
                        />
                      </td>
                      <td className="nowrap">
                        {t('suggestions.position', { position: suggestion.position })}
                      </td>
                      <th scope="row">
                        <Link to={`/beneficiaires/${suggestion.beneficiaryId}`}>{name}</Link>
                      </th>
                      <td>
                        {suggestion.deviceNeed
                          ? deviceTypeText(suggestion.deviceNeed)
                          : t('suggestions.defaultNeed', { type: deviceTypeText('laptop') })}
                        {suggestion.accessibilityNeeds && (
                          <>
                            <br />
                            <span className="status status-pending">{t('suggestions.accessibility')}</span>
                          </>
                        )}
                      </td>
                      <td>{device ? deviceChoiceText(device) : t('suggestions.noDevice')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
          {chooseError && (
            <p className="field-error" role="alert">
              {chooseError}
            </p>
          )}
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              aria-disabled={busy}
              onClick={() => void allocateSelection()}
            >
              {progress
                ? t('suggestions.allocating', { done: progress.done, total: progress.total })
                : t('suggestions.allocate')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

// ---- Plan a day ------------------------------------------------------------------------------------------

function PlanEventForm({
  programme,
  close,
  onCreated,
}: {
  programme: Programme;
  close: () => void;
  onCreated: (event: HandoverEvent) => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const today = todayDay();
  // Today, kept within the programme's period (the middle of the three days).
  const [heldOn, setHeldOn] = useState(
    () => [programme.startsOn, today, programme.endsOn].sort()[1] ?? today,
  );
  const [place, setPlace] = useState('');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const fields: Record<string, SummaryField> = {
    heldOn: { id: `${ids}-day`, label: t('events.day') },
    place: { id: `${ids}-place`, label: t('events.place') },
    title: { id: `${ids}-title`, label: t('events.eventTitle') },
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const created = await distributionApi.createHandoverEvent({
        programmeId: programme.id,
        heldOn,
        ...(place.trim() ? { place: place.trim() } : {}),
        ...(title.trim() ? { title: title.trim() } : {}),
      });
      setBusy(false);
      close();
      onCreated(created);
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  return (
    <Form className="form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
      <Heading slot="title" className="dialog-title">
        {t('events.planTitle')}
      </Heading>
      <ErrorSummary error={error} fields={fields} />
      <Field
        id={`${ids}-day`}
        name="heldOn"
        type="date"
        label={t('events.day')}
        description={t('events.dayHelp')}
        isRequired
        value={heldOn}
        onChange={setHeldOn}
        inputProps={{ className: 'input-short', min: programme.startsOn, max: programme.endsOn }}
        validate={(value) => (value ? null : t('validation.required'))}
      />
      <Field
        id={`${ids}-place`}
        name="place"
        label={t('events.place')}
        description={t('events.placeHelp')}
        optional
        value={place}
        onChange={setPlace}
        maxLength={PLACE_MAX_LENGTH}
      />
      <Field
        id={`${ids}-title`}
        name="title"
        label={t('events.eventTitle')}
        description={t('events.titleHelp')}
        optional
        value={title}
        onChange={setTitle}
        maxLength={TITLE_MAX_LENGTH}
      />
      <div className="dialog-actions">
        <Button className="button button-secondary" onPress={close} isDisabled={busy}>
          {t('common.cancel')}
        </Button>
        <SubmitButton busy={busy}>{t('events.planConfirm')}</SubmitButton>
      </div>
    </Form>
  );
}

// ---- Add reservations ------------------------------------------------------------------------------------

function AttachForm({
  event,
  candidates,
  names,
  close,
  onDone,
}: {
  event: HandoverEvent;
  candidates: Allocation[];
  names: ReadonlyMap<string, string>;
  close: () => void;
  onDone: (updated: HandoverEvent, count: number) => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(candidates.map((a) => a.id)));
  const [chooseError, setChooseError] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The server names a refused reservation by its place in the list sent (`allocationIds.2`).
  const [sent, setSent] = useState<string[]>([]);
  const problems = useMemo(() => {
    const out = new Map<string, string>();
    if (error instanceof ApiError) {
      for (const problem of error.errors) {
        const match = /^allocationIds\.(\d+)/.exec(problem.path);
        const id = match ? sent[Number(match[1])] : undefined;
        if (id && !out.has(id)) out.set(id, problem.message);
      }
    }
    return out;
  }, [error, sent]);
  const fields: Record<string, SummaryField> = {};
  for (const [index, id] of sent.entries()) {
    const allocation = candidates.find((a) => a.id === id);
    if (allocation) {
      fields[`allocationIds.${index}`] = {
        id: `${ids}-${id}`,
        label: `${names.get(allocation.beneficiaryId) ?? t('suggestions.unnamed')} (${allocation.assetTag})`,
      };
    }
  }

  async function submit(formEvent: FormEvent<HTMLFormElement>) {
    formEvent.preventDefault();
    if (busy) return;
    const allocationIds = candidates.filter((a) => chosen.has(a.id)).map((a) => a.id);
    if (allocationIds.length === 0) {
      setChooseError(t('events.chooseFirst'));
      document.getElementById(`${ids}-list`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setSent(allocationIds);
    try {
      const updated = await distributionApi.attachToEvent(event.id, allocationIds);
      setBusy(false);
      close();
      onDone(updated, allocationIds.length);
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-busy={busy} noValidate>
      <Heading slot="title" className="dialog-title">
        {t('events.attachTitle')}
      </Heading>
      <p className="help">{t('events.attachIntro')}</p>
      <ErrorSummary error={error} fields={fields} />
      {candidates.length === 0 ? (
        <p className="empty">{t('events.attachNone')}</p>
      ) : (
        <fieldset
          className="fieldset"
          id={`${ids}-list`}
          tabIndex={-1}
          aria-invalid={chooseError ? true : undefined}
          {...(chooseError ? { 'aria-describedby': `${ids}-list-error` } : {})}
        >
          <legend>{t('events.attachLegend')}</legend>
          {candidates.map((allocation) => {
            const name = names.get(allocation.beneficiaryId) ?? t('suggestions.unnamed');
            const problem = problems.get(allocation.id);
            return (
              <div key={allocation.id} className="checkbox-line">
                <input
                  type="checkbox"
                  id={`${ids}-${allocation.id}`}
                  checked={chosen.has(allocation.id)}
                  aria-invalid={problem ? true : undefined}
                  {...(problem ? { 'aria-describedby': `${ids}-${allocation.id}-error` } : {})}
                  onChange={(changeEvent) => {
                    const checked = changeEvent.target.checked;
                    setChooseError('');
                    setChosen((current) => {
                      const next = new Set(current);
                      if (checked) next.add(allocation.id);
                      else next.delete(allocation.id);
                      return next;
                    });
                  }}
                />
                <label htmlFor={`${ids}-${allocation.id}`}>
                  {t('events.attachLine', {
                    name,
                    tag: allocation.assetTag,
                    type: deviceTypeText(allocation.deviceType),
                  })}
                </label>
                {problem && (
                  <p className="field-error" id={`${ids}-${allocation.id}-error`}>
                    {problem}
                  </p>
                )}
              </div>
            );
          })}
          {chooseError && (
            <p className="field-error" id={`${ids}-list-error`}>
              {chooseError}
            </p>
          )}
        </fieldset>
      )}
      <div className="dialog-actions">
        <Button className="button button-secondary" onPress={close} isDisabled={busy}>
          {t('common.cancel')}
        </Button>
        {candidates.length > 0 && <SubmitButton busy={busy}>{t('events.attachConfirm')}</SubmitButton>}
      </div>
    </form>
  );
}

// ---- Record the day's handovers ----------------------------------------------------------------------------

interface PaymentRow {
  amount: string;
  method: PaymentMethod | '';
  note: string;
}

/** The field a payment's server path names (`payments.2.payment.note`, `payments.2.note`). */
function paymentField(path: string): { index: number; field: 'amount' | 'method' | 'note' | null } | null {
  const match = /^payments\.(\d+)(?:\.payment)?(?:\.(\w+))?/.exec(path);
  if (!match) return null;
  const name = match[2];
  const field =
    name === 'amountCents' ? 'amount' : name === 'method' ? 'method' : name === 'note' ? 'note' : null;
  return { index: Number(match[1]), field };
}

function CompleteEventForm({
  programme,
  event,
  close,
  onDone,
}: {
  programme: Programme;
  event: HandoverEvent;
  close: () => void;
  onDone: (updated: HandoverEvent) => void;
}) {
  const {
    t,
    i18n: { language },
  } = useTranslation();
  const ids = useId();
  const sale = programme.mode === 'sale';
  const rows = event.allocations.filter((a) => a.status === 'reserved');
  const expectedOf = (allocation: Allocation) =>
    allocation.expectedContributionCents ?? programme.contributionCents;
  const [payments, setPayments] = useState<Record<string, PaymentRow>>(() =>
    Object.fromEntries(
      rows.map((a) => [a.id, { amount: amountInputText(expectedOf(a), language), method: '', note: '' }]),
    ),
  );
  const [methodErrors, setMethodErrors] = useState<Record<string, string>>({});
  const [signed, setSigned] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The rows in the order their payments were sent (the server names them `payments.N`).
  const [sentOrder, setSentOrder] = useState<string[]>([]);

  const nameOf = (allocation: HandoverEvent['allocations'][number]) =>
    allocation.beneficiaryName ?? t('suggestions.unnamed');
  const fieldId = (allocationId: string, field: 'amount' | 'method' | 'note') =>
    `${ids}-${allocationId}-${field}`;

  // The server's problems, by our field names, by row, and for the summary.
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed for each new failure only (a new object would bring back corrected errors).
  const { validationErrors, rowMessages, fields } = useMemo(() => {
    const validation: Record<string, string> = {};
    const byRow = new Map<string, string[]>();
    const summary: Record<string, SummaryField> = { heldOn: { id: `${ids}-day`, label: t('events.day') } };
    if (error instanceof ApiError) {
      const byCreation = [...rows].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      for (const problem of error.errors) {
        const payment = paymentField(problem.path);
        const other = /^allocations\.(\d+)/.exec(problem.path);
        const allocationId = payment
          ? sentOrder[payment.index]
          : other
            ? byCreation[Number(other[1])]?.id
            : undefined;
        const allocation = rows.find((a) => a.id === allocationId);
        if (!allocation) continue;
        const name = nameOf(allocation);
        const field = payment?.field ?? null;
        if (field) {
          const key = `${allocation.id}.${field}`;
          if (!(key in validation)) validation[key] = problem.message;
          summary[problem.path] = {
            id: fieldId(allocation.id, field),
            label: t(`events.${field}Of`, { name }),
          };
        } else {
          byRow.set(allocation.id, [...(byRow.get(allocation.id) ?? []), problem.message]);
          summary[problem.path] = { id: `${ids}-${allocation.id}`, label: name };
        }
      }
    }
    return { validationErrors: validation, rowMessages: byRow, fields: summary };
  }, [error, sentOrder]);

  function update(allocationId: string, change: Partial<PaymentRow>) {
    setPayments((current) => {
      const row = current[allocationId] ?? { amount: '', method: '', note: '' };
      return { ...current, [allocationId]: { ...row, ...change } };
    });
  }

  async function submit(formEvent: FormEvent<HTMLFormElement>) {
    formEvent.preventDefault();
    if (busy) return;
    const list: { allocationId: string; amountCents: number; method: PaymentMethod; note?: string }[] = [];
    if (sale) {
      const missing: Record<string, string> = {};
      for (const allocation of rows) {
        const row = payments[allocation.id];
        const cents = row ? parseEuros(row.amount) : undefined;
        if (!row?.method) {
          missing[allocation.id] = t('handover.methodRequired');
          continue;
        }
        if (cents === undefined || Number.isNaN(cents)) continue;
        list.push({
          allocationId: allocation.id,
          amountCents: cents,
          method: row.method,
          ...(row.note.trim() ? { note: row.note.trim() } : {}),
        });
      }
      setMethodErrors(missing);
      const first = Object.keys(missing)[0];
      if (first) {
        document.getElementById(fieldId(first, 'method'))?.focus();
        return;
      }
    }
    setBusy(true);
    setError(null);
    setSentOrder(list.map((p) => p.allocationId));
    try {
      const updated = await distributionApi.completeEvent(event.id, {
        signedOnPaper: signed,
        ...(sale ? { payments: list } : {}),
      });
      setBusy(false);
      close();
      onDone(updated);
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  // Memoised: a new object would make the summary take the focus again at each keystroke.
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed when our checks or the server's answer change.
  const { clientErrors, summaryFields } = useMemo(() => {
    const client: Record<string, string> = {};
    const summary: Record<string, SummaryField> = { ...fields };
    for (const [allocationId, message] of Object.entries(methodErrors)) {
      const allocation = rows.find((a) => a.id === allocationId);
      if (!allocation) continue;
      client[`${allocationId}.method`] = message;
      summary[`${allocationId}.method`] = {
        id: fieldId(allocationId, 'method'),
        label: t('events.methodOf', { name: nameOf(allocation) }),
      };
    }
    return { clientErrors: client, summaryFields: summary };
  }, [methodErrors, fields]);

  return (
    <Form className="form" onSubmit={submit} validationErrors={validationErrors} aria-busy={busy}>
      <Heading slot="title" className="dialog-title">
        {t('events.completeTitle', { date: formatDay(event.heldOn, language) })}
      </Heading>
      <ErrorSummary error={error} fields={summaryFields} clientErrors={clientErrors} />
      <p id={`${ids}-day`} tabIndex={-1}>
        {t('events.completeIntro', { date: formatDay(event.heldOn, language), count: rows.length })}
      </p>
      {rows.map((allocation) => {
        const name = nameOf(allocation);
        const row = payments[allocation.id] ?? { amount: '', method: '', note: '' };
        const expected = expectedOf(allocation);
        const cents = parseEuros(row.amount);
        const differs = sale && cents !== undefined && !Number.isNaN(cents) && cents !== expected;
        const messages = rowMessages.get(allocation.id) ?? [];
        return (
          <fieldset key={allocation.id} className="fieldset" id={`${ids}-${allocation.id}`} tabIndex={-1}>
            <legend>{t('events.rowLegend', { name, tag: allocation.assetTag })}</legend>
            {messages.map((message) => (
              <p key={message} className="field-error">
                {message}
              </p>
            ))}
            {sale ? (
              <>
                <Field
                  id={fieldId(allocation.id, 'amount')}
                  name={`${allocation.id}.amount`}
                  label={t('handover.amount')}
                  description={t('handover.amountHelp', { amount: formatMoney(expected, language) })}
                  isRequired
                  value={row.amount}
                  onChange={(value) => update(allocation.id, { amount: value })}
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
                  id={fieldId(allocation.id, 'method')}
                  name={`${allocation.id}.method`}
                  label={t('handover.method')}
                  isRequired
                  value={row.method}
                  onChange={(value) => {
                    update(allocation.id, { method: PAYMENT_METHODS.find((m) => m === value) ?? '' });
                    setMethodErrors((current) => {
                      const { [allocation.id]: _removed, ...rest } = current;
                      return rest;
                    });
                  }}
                  placeholder={t('handover.chooseMethod')}
                  error={methodErrors[allocation.id] ?? null}
                  options={PAYMENT_METHODS.map((m) => ({
                    value: m,
                    label: t(`distribution.paymentMethods.${m}`),
                  }))}
                />
                <TextAreaField
                  id={fieldId(allocation.id, 'note')}
                  name={`${allocation.id}.note`}
                  label={t('handover.note')}
                  description={t('handover.noteHelp')}
                  isRequired={differs}
                  optional={!differs}
                  rows={2}
                  value={row.note}
                  onChange={(value) => update(allocation.id, { note: value })}
                  maxLength={NOTE_MAX_LENGTH}
                  validate={(value) => (differs && !value.trim() ? t('handover.noteRequired') : null)}
                />
              </>
            ) : (
              <p className="small muted">{deviceTypeText(allocation.deviceType)}</p>
            )}
          </fieldset>
        );
      })}
      <CheckboxField
        id={`${ids}-signed`}
        name="signedOnPaper"
        label={t('events.signed')}
        isSelected={signed}
        onChange={setSigned}
      />
      <div className="dialog-actions">
        <Button className="button button-secondary" onPress={close} isDisabled={busy}>
          {t('common.cancel')}
        </Button>
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? t('handover.saving') : t('events.completeConfirm')}
        </button>
      </div>
    </Form>
  );
}

// ---- One day ---------------------------------------------------------------------------------------------

function DialogButton({
  label,
  ariaLabel,
  className,
  wide,
  children,
}: {
  label: string;
  ariaLabel?: string;
  className: string;
  wide?: boolean;
  children: (close: () => void) => ReactNode;
}) {
  return (
    <DialogTrigger>
      <Button className={className} {...(ariaLabel ? { 'aria-label': ariaLabel } : {})}>
        {label}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className={wide ? 'modal modal-wide' : 'modal'}>
          <Dialog className="dialog">{({ close }) => children(close)}</Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

function EventDetail({
  programme,
  eventId,
  id,
  allocations,
  names,
  version,
  onChanged,
}: {
  programme: Programme;
  eventId: string;
  id: string;
  allocations: readonly Allocation[];
  names: ReadonlyMap<string, string>;
  version: number;
  onChanged: () => void;
}) {
  const {
    t,
    i18n: { language },
  } = useTranslation();
  const loaded = useLoad((signal) => distributionApi.handoverEvent(eventId, signal), [eventId, version]);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const event = loaded.data;
  const candidates = allocations.filter((a) => a.status === 'reserved' && a.handoverEventId === null);

  function updated(next: HandoverEvent, message: string) {
    loaded.setData(next);
    setNotice(message);
    setError(null);
    onChanged();
  }

  async function detach(allocation: Allocation, name: string) {
    if (busy) return;
    setBusy(allocation.id);
    setError(null);
    try {
      const next = await distributionApi.detachFromEvent(eventId, allocation.id);
      updated(next, t('events.detached', { name, tag: allocation.assetTag }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div id={id} className="event-detail" aria-busy={loaded.loading}>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !event && <Loading />}
      <div role="status">{notice && <p className="alert alert-success">{notice}</p>}</div>
      <ErrorAlert error={error} />
      {event && (
        <>
          {event.completedAt && (
            <p className="alert alert-success">
              {t('events.completedOn', { date: formatDate(event.completedAt, language) })}
            </p>
          )}
          {event.allocations.length === 0 ? (
            <p className="empty">{t('events.noHandovers')}</p>
          ) : (
            <TableScroll label={t('events.handoversCaption', { date: formatDay(event.heldOn, language) })}>
              <table>
                <caption className="visually-hidden">
                  {t('events.handoversCaption', { date: formatDay(event.heldOn, language) })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('distribution.colPerson')}</th>
                    <th scope="col">{t('distribution.colDevice')}</th>
                    <th scope="col">{t('distribution.colStatus')}</th>
                    <th scope="col">{t('distribution.colActions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {event.allocations.map((allocation) => {
                    const name = allocation.beneficiaryName ?? t('suggestions.unnamed');
                    const tag = allocation.assetTag;
                    return (
                      <tr key={allocation.id}>
                        <th scope="row">
                          <Link to={`/beneficiaires/${allocation.beneficiaryId}`}>{name}</Link>
                        </th>
                        <td>
                          <Link to={`/appareils/${allocation.deviceId}`}>{tag}</Link>
                          <br />
                          <span className="small muted">{deviceTypeText(allocation.deviceType)}</span>
                        </td>
                        <td>
                          <AllocationStatusBadge status={allocation.status} />
                          {allocation.paymentCents !== null && allocation.paymentMethod && (
                            <p className="small">
                              {t('distribution.paid', {
                                amount: formatMoney(allocation.paymentCents, language),
                                method: t(`distribution.paymentMethods.${allocation.paymentMethod}`),
                              })}
                            </p>
                          )}
                        </td>
                        <td>
                          {allocation.status === 'handed_over' && (
                            <AllocationDocuments allocation={allocation} mode={programme.mode} tag={tag} />
                          )}
                          {allocation.status === 'reserved' && !event.completedAt && (
                            <button
                              type="button"
                              className="button button-small button-danger-outline"
                              aria-label={t('events.detachOf', { name, tag })}
                              aria-disabled={busy !== null}
                              onClick={() => void detach(allocation, name)}
                            >
                              {busy === allocation.id ? t('common.saving') : t('events.detach')}
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
          )}
          <div className="actions">
            {event.allocations.length > 0 && (
              <a className="button button-secondary" href={documents.signOffSheetPdf(event.id)}>
                {t('events.signOffSheet')}
              </a>
            )}
            {!event.completedAt && (
              <>
                <DialogButton label={t('events.attach')} className="button button-secondary" wide>
                  {(close) => (
                    <AttachForm
                      event={event}
                      candidates={candidates}
                      names={names}
                      close={close}
                      onDone={(next, count) => updated(next, t('events.attached', { count }))}
                    />
                  )}
                </DialogButton>
                {event.allocations.some((a) => a.status === 'reserved') && (
                  <DialogButton label={t('events.complete')} className="button button-primary" wide>
                    {(close) => (
                      <CompleteEventForm
                        programme={programme}
                        event={event}
                        close={close}
                        onDone={(next) =>
                          updated(
                            next,
                            t('events.completedDone', {
                              count: next.allocations.filter((a) => a.status === 'handed_over').length,
                            }),
                          )
                        }
                      />
                    )}
                  </DialogButton>
                )}
              </>
            )}
          </div>
        </>
      )}
    </div>
  );
}

// ---- The programme's days ----------------------------------------------------------------------------------

function eventName(event: HandoverEventSummary, language: string): string {
  const date = formatDay(event.heldOn, language);
  return event.title ? `${event.title} — ${date}` : date;
}

/** « Journées de remise »: the programme's group handover days, each opened in place. */
export function HandoverEventsSection({
  programme,
  allocations,
  names,
  version,
  onChanged,
}: {
  programme: Programme;
  allocations: readonly Allocation[];
  names: ReadonlyMap<string, string>;
  /** Changes when allocations may have changed elsewhere on the page. */
  version: number;
  /** After a change to a day's list or its handovers (reload the allocations and the waiting list). */
  onChanged: () => void;
}) {
  const {
    t,
    i18n: { language },
  } = useTranslation();
  const ids = useId();
  const list = useLoad(
    (signal) => distributionApi.handoverEvents(programme.id, signal),
    [programme.id, version],
  );
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const [notice, setNotice] = useState('');
  const items = list.data?.items ?? [];

  function toggle(id: string) {
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  return (
    <section className="card" aria-labelledby={`${ids}-title`} aria-busy={list.loading}>
      <h2 id={`${ids}-title`}>{t('events.title')}</h2>
      <p className="help">{t('events.intro')}</p>
      <div role="status">{notice && <p className="alert alert-success">{notice}</p>}</div>
      {!programme.closed && (
        <div className="actions">
          <DialogButton label={t('events.plan')} className="button button-secondary">
            {(close) => (
              <PlanEventForm
                programme={programme}
                close={close}
                onCreated={(created) => {
                  setNotice(
                    t('events.planned', {
                      date: formatDay(created.heldOn, language),
                    }),
                  );
                  setOpen((current) => new Set(current).add(created.id));
                  list.reload();
                }}
              />
            )}
          </DialogButton>
        </div>
      )}
      <ErrorAlert error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && items.length === 0 && <p className="empty">{t('events.empty')}</p>}
      {items.length > 0 && (
        <ul className="plain-list event-list">
          {items.map((event) => {
            const detailId = `${ids}-event-${event.id}`;
            const expanded = open.has(event.id);
            const name = eventName(event, language);
            return (
              <li key={event.id} className="event-item">
                <h3 className="subheading">{name}</h3>
                <p>
                  {event.place ? t('events.at', { place: event.place }) : t('events.noPlace')}
                  {' · '}
                  {event.completedAt ? (
                    <span className="status status-ok">{t('events.done')}</span>
                  ) : (
                    <span className="status status-pending">{t('events.notDone')}</span>
                  )}
                </p>
                <button
                  type="button"
                  className="button button-small button-secondary"
                  aria-expanded={expanded}
                  aria-controls={expanded ? detailId : undefined}
                  aria-label={expanded ? t('events.hideOf', { name }) : t('events.showOf', { name })}
                  onClick={() => toggle(event.id)}
                >
                  {expanded ? t('events.hide') : t('events.show')}
                </button>
                {expanded && (
                  <EventDetail
                    programme={programme}
                    eventId={event.id}
                    id={detailId}
                    allocations={allocations}
                    names={names}
                    version={version}
                    onChanged={onChanged}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
