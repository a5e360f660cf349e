/**
 * The training cheques of one session, on its check-in page: those received, and a form to record the
 * cheques a person present hands over (`POST /sessions/{id}/cheques`). Expiry warnings from the server are
 * read out in a live region and stay visible as text.
 */
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../session.tsx';
import { ErrorSummary, type SummaryField, useServerPathErrors } from '../forms.tsx';
import { formatDay } from '../inventory.tsx';
import { formatMoney, parseEuros } from '../people.tsx';
import { ErrorAlert, SuccessNotice, useLoad } from '../ui.tsx';
import {
  CHEQUE_ISSUERS,
  type ChequeIssuer,
  canReadCheques,
  canRecordCheques,
  chequesApi,
  PASS_VALUE_CENTS,
  splitNumbers,
} from './api.ts';

export interface SessionPerson {
  beneficiaryId: string;
  name: string | null;
}

export function SessionCheques({
  sessionId,
  organisationId,
  people,
}: {
  sessionId: string;
  organisationId: string;
  /** The people who may hand over a cheque: enrolled, and present once attendance is taken. */
  people: SessionPerson[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const me = useMe();
  const id = useId();
  const readable = canReadCheques(me, organisationId);
  const loaded = useLoad(
    (signal) => (readable ? chequesApi.sessionCheques(sessionId, signal) : Promise.resolve([])),
    [sessionId, readable],
  );
  const [beneficiaryId, setBeneficiaryId] = useState('');
  const [issuer, setIssuer] = useState<ChequeIssuer>('pass_numerique');
  const [issuerName, setIssuerName] = useState('');
  const [numbers, setNumbers] = useState('');
  const [value, setValue] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [warnings, setWarnings] = useState<string[]>([]);
  // The server's refusals (a pass numérique cap, an expiry before the session…) next to their fields too.
  const serverErrors = useServerPathErrors(error);
  if (!readable) return null;
  const pass = issuer === 'pass_numerique';
  const shown: Record<string, string | undefined> = { ...serverErrors, ...problems };
  const fields: Record<string, SummaryField> = {
    beneficiaryId: { id: `${id}-person`, label: t('cheques.person') },
    issuer: { id: `${id}-issuer`, label: t('cheques.issuer') },
    issuerName: { id: `${id}-issuer-name`, label: t('cheques.issuerName') },
    valueCents: { id: pass ? `${id}-issuer` : `${id}-value`, label: t('cheques.value') },
    numbers: { id: `${id}-numbers`, label: t('cheques.numbers') },
    expiresOn: { id: `${id}-expires`, label: t('cheques.expiresOn') },
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: Record<string, string> = {};
    const list = splitNumbers(numbers);
    const cents = pass ? PASS_VALUE_CENTS : parseEuros(value);
    if (!beneficiaryId) found.beneficiaryId = t('cheques.personRequired');
    if (list.length === 0) found.numbers = t('cheques.numbersRequired');
    if (!expiresOn) found.expiresOn = t('cheques.expiresRequired');
    if (cents === undefined || Number.isNaN(cents)) found.valueCents = t('cheques.amountInvalid');
    setProblems(found);
    setNotice('');
    setWarnings([]);
    setError(null);
    if (Object.keys(found).length > 0 || cents === undefined || Number.isNaN(cents)) return;
    setBusy(true);
    try {
      const result = await chequesApi.record(sessionId, {
        beneficiaryId,
        issuer,
        ...(pass ? {} : { valueCents: cents, issuerName: issuerName.trim() || null }),
        numbers: list,
        expiresOn,
      });
      const person = people.find((p) => p.beneficiaryId === beneficiaryId)?.name ?? '';
      setNotice(t('cheques.recorded', { count: result.items.length, person }));
      setWarnings(result.warnings);
      setNumbers('');
      loaded.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const cheques = loaded.data ?? [];
  const recordable = canRecordCheques(me, organisationId) && people.length > 0;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('cheques.sessionTitle')}</h2>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.data && cheques.length === 0 && <p className="empty">{t('cheques.sessionEmpty')}</p>}
      {cheques.length > 0 && (
        <ul aria-label={t('cheques.sessionListLabel')}>
          {cheques.map((c) => (
            <li key={c.id}>
              {t(`cheques.issuers.${c.issuer}`)} {t('cheques.numberShort', { number: c.number })} ·{' '}
              {formatMoney(c.valueCents, language)} · {c.personName ?? t('cheques.erasedPerson')} ·{' '}
              {t('cheques.colExpiresOn')} {formatDay(c.expiresOn, language)}
              {c.expiry === 'expired' && (
                <strong> · {t('cheques.expiredWarning', { count: -c.daysLeft })}</strong>
              )}
              {c.expiry === 'expiring' && (
                <strong> · {t('cheques.expiringWarning', { count: c.daysLeft })}</strong>
              )}
            </li>
          ))}
        </ul>
      )}
      <div role="status">
        <SuccessNotice>{notice}</SuccessNotice>
        {warnings.length > 0 && (
          <ul className="alert alert-warning">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
      </div>
      {recordable && (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <p className="help">
            {t('cheques.sessionIntro', { amount: formatMoney(PASS_VALUE_CENTS, language) })}
          </p>
          <div className="field">
            <label htmlFor={`${id}-person`}>{t('cheques.person')}</label>
            <select
              id={`${id}-person`}
              value={beneficiaryId}
              onChange={(event) => setBeneficiaryId(event.target.value)}
              aria-invalid={found(shown.beneficiaryId)}
              aria-describedby={shown.beneficiaryId ? `${id}-person-error` : undefined}
            >
              <option value="">{t('cheques.choosePerson')}</option>
              {people.map((p) => (
                <option key={p.beneficiaryId} value={p.beneficiaryId}>
                  {p.name ?? t('cheques.erasedPerson')}
                </option>
              ))}
            </select>
            <FieldError id={`${id}-person-error`} text={shown.beneficiaryId} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-issuer`}>{t('cheques.issuer')}</label>
            <select
              id={`${id}-issuer`}
              value={issuer}
              onChange={(event) => setIssuer(event.target.value as ChequeIssuer)}
              aria-invalid={found(shown.issuer)}
              aria-describedby={shown.issuer ? `${id}-issuer-error` : undefined}
            >
              {CHEQUE_ISSUERS.map((x) => (
                <option key={x} value={x}>
                  {t(`cheques.issuers.${x}`)}
                </option>
              ))}
            </select>
            <FieldError
              id={`${id}-issuer-error`}
              text={shown.issuer ?? (pass ? shown.valueCents : undefined)}
            />
            {pass && (
              <p className="help">
                {t('cheques.passValue', { amount: formatMoney(PASS_VALUE_CENTS, language) })}
              </p>
            )}
          </div>
          {!pass && (
            <>
              <div className="field">
                <label htmlFor={`${id}-issuer-name`}>{t('cheques.issuerName')}</label>
                <input
                  id={`${id}-issuer-name`}
                  value={issuerName}
                  placeholder={t('cheques.issuerNamePlaceholder')}
                  onChange={(event) => setIssuerName(event.target.value)}
                  aria-invalid={found(shown.issuerName)}
                  aria-describedby={shown.issuerName ? `${id}-issuer-name-error` : undefined}
                />
                <FieldError id={`${id}-issuer-name-error`} text={shown.issuerName} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-value`}>{t('cheques.value')}</label>
                <input
                  id={`${id}-value`}
                  inputMode="decimal"
                  value={value}
                  onChange={(event) => setValue(event.target.value)}
                  aria-invalid={found(shown.valueCents)}
                  aria-describedby={shown.valueCents ? `${id}-value-error` : undefined}
                />
                <FieldError id={`${id}-value-error`} text={shown.valueCents} />
              </div>
            </>
          )}
          <div className="field">
            <label htmlFor={`${id}-numbers`}>{t('cheques.numbers')}</label>
            <textarea
              id={`${id}-numbers`}
              rows={2}
              value={numbers}
              onChange={(event) => setNumbers(event.target.value)}
              aria-invalid={found(shown.numbers)}
              aria-describedby={`${id}-numbers-help${shown.numbers ? ` ${id}-numbers-error` : ''}`}
            />
            <p className="help" id={`${id}-numbers-help`}>
              {t('cheques.numbersHelp')}
            </p>
            <FieldError id={`${id}-numbers-error`} text={shown.numbers} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-expires`}>{t('cheques.expiresOn')}</label>
            <input
              id={`${id}-expires`}
              type="date"
              value={expiresOn}
              onChange={(event) => setExpiresOn(event.target.value)}
              aria-invalid={found(shown.expiresOn)}
              aria-describedby={shown.expiresOn ? `${id}-expires-error` : undefined}
            />
            <FieldError id={`${id}-expires-error`} text={shown.expiresOn} />
          </div>
          <ErrorSummary error={error} fields={fields} clientErrors={problems} />
          <div className="actions">
            <button type="submit" className="button button-primary" aria-disabled={busy}>
              {busy ? t('common.saving') : t('cheques.record')}
            </button>
          </div>
        </form>
      )}
      <p>
        <Link to="/ateliers/cheques">{t('cheques.seeAll')}</Link>
      </p>
    </section>
  );
}

function found(problem: string | undefined): boolean | undefined {
  return problem ? true : undefined;
}

export function FieldError({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <p className="field-error" id={id}>
      {text}
    </p>
  );
}
