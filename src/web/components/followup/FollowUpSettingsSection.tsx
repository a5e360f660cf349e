/**
 * The « Suivi après remise » section of a programme's page, for its managers: when the questionnaires fall
 * (months after the handover, 3, 6 and 12 by default) and the reminder's delay, in a sentence; « Modifier le
 * suivi » opens a small form in place (checked here as the server checks it).
 */
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type FollowUpSettings, followUpApi } from '../../followUpApi.ts';
import { ErrorAlert, Loading, useLoad } from '../ui.tsx';
import { parseMonths } from './months.ts';

function SettingsForm({
  settings,
  onSaved,
  onCancel,
}: {
  settings: FollowUpSettings;
  onSaved: (settings: FollowUpSettings) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [months, setMonths] = useState(settings.months.join(', '));
  const [days, setDays] = useState(String(settings.reminderDays));
  const [monthsError, setMonthsError] = useState('');
  const [daysError, setDaysError] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const monthsRef = useRef<HTMLInputElement>(null);
  const daysRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const parsedMonths = parseMonths(months);
    const parsedDays = /^\d+$/.test(days.trim()) ? Number(days.trim()) : Number.NaN;
    const daysOk = parsedDays >= 3 && parsedDays <= 60;
    setMonthsError(parsedMonths ? '' : t('followup.settings.monthsError'));
    setDaysError(daysOk ? '' : t('followup.settings.reminderDaysError'));
    if (!parsedMonths) {
      monthsRef.current?.focus();
      return;
    }
    if (!daysOk) {
      daysRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(
        await followUpApi.saveSettings(settings.programmeId, {
          months: parsedMonths,
          reminderDays: parsedDays,
        }),
      );
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
      <div className="field">
        <label htmlFor="followup-months">{t('followup.settings.months')}</label>
        <p className="help" id="followup-months-help">
          {t('followup.settings.monthsHelp')}
        </p>
        <input
          id="followup-months"
          ref={monthsRef}
          type="text"
          inputMode="numeric"
          className="input-short"
          value={months}
          aria-invalid={monthsError ? true : undefined}
          aria-describedby={`followup-months-help${monthsError ? ' followup-months-error' : ''}`}
          onChange={(event) => setMonths(event.target.value)}
        />
        {monthsError && (
          <p className="field-error" id="followup-months-error">
            {monthsError}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="followup-days">{t('followup.settings.reminderDays')}</label>
        <p className="help" id="followup-days-help">
          {t('followup.settings.reminderDaysHelp')}
        </p>
        <input
          id="followup-days"
          ref={daysRef}
          type="text"
          inputMode="numeric"
          className="input-short"
          value={days}
          aria-invalid={daysError ? true : undefined}
          aria-describedby={`followup-days-help${daysError ? ' followup-days-error' : ''}`}
          onChange={(event) => setDays(event.target.value)}
        />
        {daysError && (
          <p className="field-error" id="followup-days-error">
            {daysError}
          </p>
        )}
      </div>
      <ErrorAlert error={error} />
      <div className="actions">
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? t('followup.settings.saving') : t('followup.settings.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('followup.settings.cancel')}
        </button>
      </div>
    </form>
  );
}

export function FollowUpSettingsSection({ programmeId, manage }: { programmeId: string; manage: boolean }) {
  const { t } = useTranslation();
  const loaded = useLoad((signal) => followUpApi.settings(programmeId, signal), [programmeId]);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Present from the start (a live region added with its text is often not read), and focused after a
  // save so that the confirmation is the next thing read.
  const noticeRef = useRef<HTMLDivElement>(null);
  const settings = loaded.data;

  return (
    <section className="card" aria-labelledby="followup-settings-title">
      <div className="card-heading">
        <h2 id="followup-settings-title" ref={headingRef} tabIndex={-1}>
          {t('followup.settings.title')}
        </h2>
        {manage && settings && !editing && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setNotice('');
              setEditing(true);
            }}
          >
            {t('followup.settings.edit')}
          </button>
        )}
      </div>
      <p className="help">{t('followup.settings.intro')}</p>
      <div role="status" ref={noticeRef} tabIndex={-1} className="notice-anchor">
        {notice && <p className="alert alert-success">{notice}</p>}
      </div>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !settings && <Loading />}
      {settings && !editing && (
        <p>
          {t('followup.settings.summary', {
            months: settings.months.join(', '),
            days: settings.reminderDays,
          })}{' '}
          <Link to={`/suivis?programme=${programmeId}`}>{t('followup.settings.listLink')}</Link>
        </p>
      )}
      {settings && editing && (
        <SettingsForm
          settings={settings}
          onCancel={() => {
            setEditing(false);
            window.setTimeout(() => headingRef.current?.focus(), 0);
          }}
          onSaved={(saved) => {
            loaded.setData(saved);
            setEditing(false);
            setNotice(t('followup.settings.saved'));
            window.setTimeout(() => noticeRef.current?.focus(), 0);
          }}
        />
      )}
    </section>
  );
}
