/**
 * Batches of training cheques: the form that sends the chosen pending cheques (one issuer) as a batch,
 * the list of batches sent, and the form recording what the issuer paid back and which cheques it refused.
 */
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, type SummaryField, useServerPathErrors } from '../forms.tsx';
import { formatDay } from '../inventory.tsx';
import { ShowMore, usePagedList } from '../lists.tsx';
import { formatMoney, parseEuros } from '../people.tsx';
import { ErrorAlert, Loading, TableScroll, useLoad } from '../ui.tsx';
import { type Cheque, type ChequeBatch, chequesApi } from './api.ts';
import { FieldError } from './SessionCheques.tsx';

function todayText(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The id of a cheque's « choose » checkbox in the list, where the batch form's errors lead. */
export function chequeCheckboxId(chequeId: string): string {
  return `cheque-select-${chequeId}`;
}

/** Sends the chosen cheques as one batch, after a confirmation. */
export function BatchForm({
  organisationId,
  selected,
  onCreated,
}: {
  organisationId: string;
  selected: Cheque[];
  onCreated: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [sentOn, setSentOn] = useState(todayText);
  const [reference, setReference] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const total = selected.reduce((sum, c) => sum + c.valueCents, 0);
  const issuers = new Set(selected.map((c) => `${c.issuer} ${c.issuerName ?? ''}`));
  const first = selected[0];
  const mixed = issuers.size > 1;
  const serverErrors = useServerPathErrors(error);
  const fields: Record<string, SummaryField> = {
    sentOn: { id: `${id}-sent`, label: t('cheques.sentOn') },
    reference: { id: `${id}-ref`, label: t('cheques.reference') },
  };
  for (const [index, cheque] of selected.entries()) {
    fields[`chequeIds.${index}`] = {
      id: chequeCheckboxId(cheque.id),
      label: t('cheques.chequeLabel', { number: cheque.number }),
    };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!first || mixed || busy) return;
    const amount = formatMoney(total, i18n.language);
    const issuer = t(`cheques.issuers.${first.issuer}`);
    if (!window.confirm(t('cheques.createConfirm', { count: selected.length, issuer, amount }))) return;
    setBusy(true);
    setError(null);
    try {
      await chequesApi.createBatch(organisationId, {
        issuer: first.issuer,
        chequeIds: selected.map((c) => c.id),
        sentOn,
        reference: reference.trim() || null,
      });
      setReference('');
      onCreated(t('cheques.batchCreated', { count: selected.length, amount }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('cheques.batchTitle')}</h2>
      <p className="help">{t('cheques.batchHelp')}</p>
      <p aria-live="polite">
        {selected.length === 0
          ? t('cheques.batchNone')
          : t('cheques.batchSelected', { count: selected.length, amount: formatMoney(total, i18n.language) })}
      </p>
      {mixed && first && (
        <p className="alert alert-warning" role="alert">
          {t(`cheques.batchMixed.${first.issuer}`)}
        </p>
      )}
      {selected.length > 0 && !mixed && (
        <form onSubmit={(event) => void submit(event)}>
          <div className="field">
            <label htmlFor={`${id}-sent`}>{t('cheques.sentOn')}</label>
            <input
              id={`${id}-sent`}
              type="date"
              value={sentOn}
              onChange={(e) => setSentOn(e.target.value)}
              aria-invalid={serverErrors.sentOn ? true : undefined}
              aria-describedby={serverErrors.sentOn ? `${id}-sent-error` : undefined}
            />
            <FieldError id={`${id}-sent-error`} text={serverErrors.sentOn} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-ref`}>{t('cheques.reference')}</label>
            <input
              id={`${id}-ref`}
              value={reference}
              onChange={(e) => setReference(e.target.value)}
              aria-invalid={serverErrors.reference ? true : undefined}
              aria-describedby={serverErrors.reference ? `${id}-ref-error` : undefined}
            />
            <FieldError id={`${id}-ref-error`} text={serverErrors.reference} />
          </div>
          <ErrorSummary error={error} fields={fields} />
          <div className="actions">
            <button type="submit" className="button button-primary" aria-disabled={busy}>
              {busy ? t('common.saving') : t('cheques.createBatch')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** The batches sent, latest first, each with « Enregistrer le remboursement » for managers. */
export function BatchList({
  organisationId,
  version,
  onSaved,
}: {
  organisationId: string;
  /** Changes when a batch was made elsewhere on the page: the list loads again. */
  version: number;
  onSaved: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const id = useId();
  const first = useLoad(
    (signal) => chequesApi.batches(organisationId, { limit: 20 }, signal),
    [organisationId, version],
  );
  const list = usePagedList(first.data, (cursor) =>
    chequesApi.batches(organisationId, { limit: 20, cursor }),
  );
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('cheques.batchesTitle')}</h2>
      <ErrorAlert error={first.error} onRetry={first.reload} />
      {first.loading && list.items.length === 0 && <Loading />}
      {first.data && list.items.length === 0 && <p className="empty">{t('cheques.batchesEmpty')}</p>}
      {list.items.length > 0 && (
        <TableScroll label={t('cheques.batchesCaption')}>
          <table>
            <caption className="visually-hidden">{t('cheques.batchesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cheques.colSentOn')}</th>
                <th scope="col">{t('cheques.colIssuer')}</th>
                <th scope="col">{t('cheques.colReference')}</th>
                <th scope="col" className="numeric">
                  {t('cheques.colCheques')}
                </th>
                <th scope="col" className="numeric">
                  {t('cheques.colSentValue')}
                </th>
                <th scope="col">{t('cheques.colReimbursement')}</th>
                <th scope="col">{t('cheques.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((batch) => (
                <tr key={batch.id}>
                  <th scope="row" className="nowrap">
                    {formatDay(batch.sentOn, language)}
                  </th>
                  <td>
                    {t(`cheques.issuers.${batch.issuer}`)}
                    {batch.issuerName && <span className="small muted"> · {batch.issuerName}</span>}
                  </td>
                  <td>{batch.reference ?? '—'}</td>
                  <td className="numeric">{batch.chequeCount}</td>
                  <td className="numeric">{formatMoney(batch.sentCents, language)}</td>
                  <td>
                    {batch.reimbursedOn && batch.reimbursedCents !== null
                      ? t('cheques.reimbursedOnAmount', {
                          amount: formatMoney(batch.reimbursedCents, language),
                          date: formatDay(batch.reimbursedOn, language),
                        })
                      : t('cheques.awaitingReimbursement')}
                    {batch.rejectedCount > 0 && (
                      <>
                        <br />
                        <span>
                          {t('cheques.rejectedCount', {
                            count: batch.rejectedCount,
                            amount: formatMoney(batch.rejectedCents, language),
                          })}
                        </span>
                      </>
                    )}
                  </td>
                  <td>
                    {batch.can.reimburse && (
                      <button
                        type="button"
                        className="button button-secondary"
                        aria-expanded={open === batch.id}
                        aria-label={t('cheques.recordReimbursementLabel', {
                          date: formatDay(batch.sentOn, language),
                        })}
                        onClick={() => setOpen(open === batch.id ? null : batch.id)}
                      >
                        {t('cheques.recordReimbursement')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ShowMore list={list} />
      {open && (
        <ReimbursementForm
          key={open}
          batch={list.items.find((b) => b.id === open)}
          onCancel={() => setOpen(null)}
          onSaved={(message) => {
            setOpen(null);
            first.reload();
            onSaved(message);
          }}
        />
      )}
    </section>
  );
}

function ReimbursementForm({
  batch,
  onCancel,
  onSaved,
}: {
  batch: ChequeBatch | undefined;
  onCancel: () => void;
  onSaved: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const id = useId();
  const detail = useLoad((signal) => chequesApi.batch(batch?.id ?? '', signal), [batch?.id]);
  const [reimbursedOn, setReimbursedOn] = useState(todayText);
  const [amount, setAmount] = useState('');
  const [rejected, setRejected] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sentRejected, setSentRejected] = useState<string[]>([]);
  const serverErrors = useServerPathErrors(error);

  useEffect(() => {
    const data = detail.data;
    if (!data) return;
    setRejected(
      Object.fromEntries(
        data.cheques.filter((c) => c.rejectedReason).map((c) => [c.id, c.rejectedReason ?? '']),
      ),
    );
    if (data.reimbursedCents !== null)
      setAmount(String(data.reimbursedCents / 100).replace('.', language === 'en' ? '.' : ','));
    if (data.reimbursedOn) setReimbursedOn(data.reimbursedOn);
  }, [detail.data, language]);

  if (!batch) return null;
  const cheques = detail.data?.cheques ?? [];
  const accepted = cheques.filter((c) => !(c.id in rejected)).reduce((sum, c) => sum + c.valueCents, 0);
  // The server names a refused cheque by its place in the list sent (`rejected.0.reason`).
  const fields: Record<string, SummaryField> = {
    reimbursedOn: { id: `${id}-on`, label: t('cheques.reimbursedOn') },
    reimbursedCents: { id: `${id}-amount`, label: t('cheques.reimbursedAmount') },
  };
  const chequeErrors: Record<string, string> = {};
  for (const [index, chequeId] of sentRejected.entries()) {
    const number = cheques.find((c) => c.id === chequeId)?.number ?? '';
    const field = { id: `${id}-reason-${chequeId}`, label: t('cheques.rejectReason', { number }) };
    fields[`rejected.${index}`] = field;
    fields[`rejected.${index}.chequeId`] = field;
    fields[`rejected.${index}.reason`] = field;
    const message = serverErrors[`rejected.${index}.reason`] ?? serverErrors[`rejected.${index}.chequeId`];
    if (message) chequeErrors[chequeId] = message;
  }
  const shown: Record<string, string | undefined> = {
    amount: serverErrors.reimbursedCents,
    on: serverErrors.reimbursedOn,
    ...chequeErrors,
    ...problems,
  };
  const clientErrors: Record<string, string> = {};
  for (const [key, message] of Object.entries(problems)) {
    clientErrors[key === 'amount' ? 'reimbursedCents' : `cheque:${key}`] = message;
    if (key !== 'amount') {
      const number = cheques.find((c) => c.id === key)?.number ?? '';
      fields[`cheque:${key}`] = { id: `${id}-reason-${key}`, label: t('cheques.rejectReason', { number }) };
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!batch || busy) return;
    const cents = parseEuros(amount);
    const found: Record<string, string> = {};
    if (cents === undefined || Number.isNaN(cents)) found.amount = t('cheques.amountInvalid');
    for (const [chequeId, reason] of Object.entries(rejected)) {
      if (!reason.trim()) found[chequeId] = t('cheques.reasonRequired');
    }
    setProblems(found);
    setError(null);
    if (Object.keys(found).length > 0 || cents === undefined || Number.isNaN(cents)) return;
    setBusy(true);
    const refused = Object.entries(rejected).map(([chequeId, reason]) => ({
      chequeId,
      reason: reason.trim(),
    }));
    setSentRejected(refused.map((r) => r.chequeId));
    try {
      await chequesApi.reimburse(batch.id, { reimbursedOn, reimbursedCents: cents, rejected: refused });
      onSaved(t('cheques.reimbursementSaved', { amount: formatMoney(cents, language) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="card"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <h3 id={`${id}-title`}>
        {t('cheques.reimbursementTitle', {
          date: formatDay(batch.sentOn, language),
          issuer: t(`cheques.issuers.${batch.issuer}`),
        })}
      </h3>
      <ErrorAlert error={detail.error} onRetry={detail.reload} />
      {detail.loading && !detail.data && <Loading />}
      <div className="field">
        <label htmlFor={`${id}-on`}>{t('cheques.reimbursedOn')}</label>
        <input
          id={`${id}-on`}
          type="date"
          value={reimbursedOn}
          onChange={(e) => setReimbursedOn(e.target.value)}
          aria-invalid={shown.on ? true : undefined}
          aria-describedby={shown.on ? `${id}-on-error` : undefined}
        />
        <FieldError id={`${id}-on-error`} text={shown.on} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-amount`}>{t('cheques.reimbursedAmount')}</label>
        <input
          id={`${id}-amount`}
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          aria-invalid={shown.amount ? true : undefined}
          aria-describedby={`${id}-amount-help${shown.amount ? ` ${id}-amount-error` : ''}`}
        />
        <p className="help" id={`${id}-amount-help`} aria-live="polite">
          {t('cheques.reimbursedAmountHelp', { amount: formatMoney(accepted, language) })}
        </p>
        <FieldError id={`${id}-amount-error`} text={shown.amount} />
      </div>
      {cheques.length > 0 && (
        <fieldset>
          <legend>{t('cheques.rejectedLegend')}</legend>
          {cheques.map((c) => {
            const isRejected = c.id in rejected;
            return (
              <div key={c.id}>
                <div className="checkbox-line">
                  <input
                    id={`${id}-rej-${c.id}`}
                    type="checkbox"
                    checked={isRejected}
                    onChange={(e) =>
                      setRejected((previous) => {
                        const next = { ...previous };
                        if (e.target.checked) next[c.id] = '';
                        else delete next[c.id];
                        return next;
                      })
                    }
                  />
                  <label htmlFor={`${id}-rej-${c.id}`}>
                    {t('cheques.rejectCheque', { number: c.number })} ({formatMoney(c.valueCents, language)})
                  </label>
                </div>
                {isRejected && (
                  <div className="field">
                    <label htmlFor={`${id}-reason-${c.id}`}>
                      {t('cheques.rejectReason', { number: c.number })}
                    </label>
                    <input
                      id={`${id}-reason-${c.id}`}
                      value={rejected[c.id] ?? ''}
                      onChange={(e) => setRejected((previous) => ({ ...previous, [c.id]: e.target.value }))}
                      aria-invalid={shown[c.id] ? true : undefined}
                      aria-describedby={shown[c.id] ? `${id}-reason-${c.id}-error` : undefined}
                    />
                    <FieldError id={`${id}-reason-${c.id}-error`} text={shown[c.id]} />
                  </div>
                )}
              </div>
            );
          })}
        </fieldset>
      )}
      <ErrorSummary error={error} fields={fields} clientErrors={clientErrors} />
      <div className="actions">
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? t('common.saving') : t('cheques.saveReimbursement')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('cheques.cancel')}
        </button>
      </div>
    </form>
  );
}
