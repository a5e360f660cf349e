/**
 * The borrower's page (`/signaler/<token>`, no account): which computer was lent by whom, the problems
 * already reported and their status, and a short form to report one (what is wrong, how to reach them).
 * Plain words, large text. A link unknown or replaced says so kindly. A hidden « website » field, left
 * empty by people, catches form-filling robots.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../api.ts';
import { deviceTypeText } from '../components/Allocations.tsx';
import { formatDay } from '../components/inventory.tsx';
import { TICKET_DESCRIPTION_MAX_LENGTH } from '../components/Maintenance.tsx';
import { ErrorAlert, formatDate, Loading, Page, useLoad } from '../components/ui.tsx';
import { distributionApi, type PublicLoan } from '../distributionApi.ts';

const CONTACT_MAX_LENGTH = 200;

function Sent({ loan, onAnother }: { loan: PublicLoan; onAnother: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  // The confirmation takes the focus: the form it replaces is gone.
  useEffect(() => ref.current?.focus(), []);
  return (
    <section className="card" aria-labelledby="report-sent">
      <h2 id="report-sent" ref={ref} tabIndex={-1}>
        {t('report.sentTitle')}
      </h2>
      <p>{t('report.sentText', { organisation: loan.organisationName })}</p>
      <button type="button" className="button button-secondary" onClick={onAnother}>
        {t('report.another')}
      </button>
    </section>
  );
}

export default function ReportProblem() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { token = '' } = useParams();
  const ids = useId();
  const loaded = useLoad((signal) => distributionApi.publicLoan(token, signal), [token]);
  const [description, setDescription] = useState('');
  const [contact, setContact] = useState('');
  const [website, setWebsite] = useState('');
  const [descriptionError, setDescriptionError] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);

  const unknown = loaded.error instanceof ApiError && loaded.error.status === 404;
  if (unknown) {
    return (
      <Page title={t('report.unknownTitle')} className="page-narrow page-large">
        <p>{t('report.unknownText')}</p>
      </Page>
    );
  }
  const loan = loaded.data;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!description.trim()) {
      setDescriptionError(t('report.descriptionRequired'));
      descriptionRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await distributionApi.publicReport(token, {
        description: description.trim(),
        ...(contact.trim() ? { contact: contact.trim() } : {}),
        website,
      });
      setBusy(false);
      setSent(true);
      setDescription('');
      setContact('');
      loaded.reload();
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  return (
    <Page title={t('report.title')} className="page-narrow page-large">
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {!loan && !loaded.error && <Loading />}
      {loan && (
        <>
          <p>
            {t('report.device', {
              type: deviceTypeText(loan.deviceType),
              tag: loan.assetTag,
              organisation: loan.organisationName,
              programme: loan.programmeName,
            })}{' '}
            {t('report.due', { date: formatDay(loan.dueOn, language) })}
          </p>
          {sent && (
            <Sent
              loan={loan}
              onAnother={() => {
                setSent(false);
                window.setTimeout(() => descriptionRef.current?.focus(), 0);
              }}
            />
          )}
          {!sent && (
            <form className="card form" onSubmit={submit} aria-busy={busy} noValidate>
              <p>{t('report.intro')}</p>
              <div className="field">
                <label htmlFor={`${ids}-description`}>
                  {t('report.description')}
                  <span className="field-flag"> ({t('common.required')})</span>
                </label>
                <p className="help" id={`${ids}-description-help`}>
                  {t('report.descriptionHelp')}
                </p>
                <textarea
                  id={`${ids}-description`}
                  ref={descriptionRef}
                  rows={5}
                  value={description}
                  maxLength={TICKET_DESCRIPTION_MAX_LENGTH}
                  aria-required
                  aria-invalid={descriptionError ? true : undefined}
                  aria-describedby={[
                    `${ids}-description-help`,
                    descriptionError ? `${ids}-description-error` : '',
                  ]
                    .filter(Boolean)
                    .join(' ')}
                  onChange={(event) => {
                    setDescription(event.target.value);
                    if (event.target.value.trim()) setDescriptionError('');
                  }}
                />
                {descriptionError && (
                  <p className="field-error" id={`${ids}-description-error`}>
                    {descriptionError}
                  </p>
                )}
              </div>
              <div className="field">
                <label htmlFor={`${ids}-contact`}>
                  {t('report.contact')}
                  <span className="field-flag"> ({t('common.optional')})</span>
                </label>
                <p className="help" id={`${ids}-contact-help`}>
                  {t('report.contactHelp')}
                </p>
                <input
                  id={`${ids}-contact`}
                  type="text"
                  autoComplete="tel"
                  value={contact}
                  maxLength={CONTACT_MAX_LENGTH}
                  aria-describedby={`${ids}-contact-help`}
                  onChange={(event) => setContact(event.target.value)}
                />
              </div>
              {/* Left empty by people (hidden from sight, screen readers and the keyboard); robots fill it. */}
              <div className="visually-hidden" aria-hidden="true">
                <label htmlFor={`${ids}-website`}>{t('report.website')}</label>
                <input
                  id={`${ids}-website`}
                  name="website"
                  type="text"
                  tabIndex={-1}
                  autoComplete="off"
                  value={website}
                  onChange={(event) => setWebsite(event.target.value)}
                />
              </div>
              <ErrorAlert error={error} />
              <button type="submit" className="button button-primary" aria-disabled={busy}>
                {busy ? t('report.sending') : t('report.send')}
              </button>
            </form>
          )}
          {loan.tickets.length > 0 && (
            <section className="card" aria-labelledby="report-previous">
              <h2 id="report-previous">{t('report.previous')}</h2>
              <ul>
                {loan.tickets.map((ticket) => (
                  <li key={`${ticket.createdAt}-${ticket.status}`}>
                    {t('report.previousItem', {
                      date: formatDate(ticket.createdAt, language),
                      status: t(`tickets.statuses.${ticket.status}`),
                    })}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </Page>
  );
}
