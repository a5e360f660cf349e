/**
 * « Double authentification » on the account page: set up with the password, then a QR code (and the key
 * in text for typing by hand), confirm with a first code, turn off with the password. Administrators are told it is
 * recommended for them.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MAX_LENGTH } from '../../lib/limits.ts';
import { type TotpSetup, type TotpStatus, trustApi } from '../api.ts';
import { ErrorSummary, Field, SubmitButton, useServerFieldErrors } from './forms.tsx';
import { CopyField, ErrorAlert, formatDateTime, Loading, SuccessNotice, useLoad } from './ui.tsx';

function SetupSteps({
  setup,
  onDone,
  onCancel,
}: {
  setup: TotpSetup;
  onDone: (status: TotpStatus) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerFieldErrors(error);
  const stepRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    stepRef.current?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await trustApi.confirmTotp(code.trim()));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <div className="totp-setup">
      <p ref={stepRef} tabIndex={-1}>
        {t('totp.scan')}
      </p>
      <img
        className="totp-qr"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrSvg)}`}
        alt={t('totp.qrAlt')}
        width={200}
        height={200}
      />
      <CopyField label={t('totp.manual')} value={setup.secret} help={t('totp.manualHelp')} />
      <Form className="form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
        <ErrorSummary error={error} fields={{ code: { id: 'totp-code', label: t('totp.code') } }} />
        <p>{t('totp.confirmStep')}</p>
        <Field
          id="totp-code"
          name="code"
          label={t('totp.code')}
          isRequired
          value={code}
          onChange={setCode}
          autoComplete="one-time-code"
          inputProps={{ inputMode: 'numeric', maxLength: 7, spellCheck: false }}
          validate={(value) => (value.trim() ? null : t('totp.codeMissing'))}
        />
        <div className="actions">
          <button type="submit" className="button button-primary" aria-disabled={busy}>
            {busy ? t('totp.confirming') : t('totp.confirm')}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('totp.cancel')}
          </button>
        </div>
      </Form>
    </div>
  );
}

/**
 * A form asking for the account's password before acting: setting the factor up (a session taken over
 * without the password cannot bind another phone to the account) or turning it off.
 */
function PasswordForm<T>({
  id,
  action,
  onDone,
  title,
  intro,
  label,
  busyLabel,
  tone,
}: {
  id: string;
  action: (password: string) => Promise<T>;
  onDone: (result: T) => void;
  title?: string;
  intro: string;
  label: string;
  busyLabel: string;
  tone?: 'danger';
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerFieldErrors(error);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await action(password));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Form className="form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
      {title && <h3>{title}</h3>}
      <p className="help">{intro}</p>
      <ErrorSummary error={error} fields={{ password: { id, label: t('totp.password') } }} />
      <Field
        id={id}
        name="password"
        type="password"
        label={t('totp.password')}
        isRequired
        value={password}
        onChange={(value) => {
          // The server's refusal holds until the field changes: without this, its native validity would
          // block the next submission before the form had re-rendered.
          setPassword(value);
          setError(null);
        }}
        autoComplete="current-password"
        maxLength={PASSWORD_MAX_LENGTH}
        validate={(value) => (value ? null : t('validation.required'))}
      />
      <SubmitButton busy={busy} tone={tone}>
        {busy ? busyLabel : label}
      </SubmitButton>
    </Form>
  );
}

export function TotpSection() {
  const { t, i18n } = useTranslation();
  const loaded = useLoad((signal) => trustApi.totpStatus(signal), []);
  const [status, setStatus] = useState<TotpStatus | null>(null);
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [notice, setNotice] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const current = status ?? loaded.data ?? null;

  function changed(next: TotpStatus, message: string) {
    setStatus(next);
    setSetup(null);
    setNotice(message);
    headingRef.current?.focus();
  }

  return (
    <section className="card" aria-labelledby="totp-title">
      <h2 id="totp-title" ref={headingRef} tabIndex={-1}>
        {t('totp.sectionTitle')}
      </h2>
      <p>{t('totp.intro')}</p>
      <SuccessNotice>{notice}</SuccessNotice>
      <ErrorAlert error={loaded.error} onRetry={loaded.error ? loaded.reload : undefined} />
      {!current && loaded.loading && <Loading />}
      {current?.enabled && (
        <>
          <p className="status status-ok">
            {current.enabledAt
              ? t('totp.enabledOn', { date: formatDateTime(current.enabledAt, i18n.language) })
              : t('totp.sectionTitle')}
          </p>
          <p className="help">{t('totp.lostPhone')}</p>
          <PasswordForm
            id="totp-password"
            action={trustApi.disableTotp}
            onDone={(next) => changed(next, t('totp.disabled'))}
            title={t('totp.disableTitle')}
            intro={t('totp.disableIntro')}
            label={t('totp.disable')}
            busyLabel={t('totp.disabling')}
            tone="danger"
          />
        </>
      )}
      {current && !current.enabled && (
        <>
          {current.recommended && <p className="alert alert-warning">{t('totp.recommended')}</p>}
          {!setup && (
            <>
              <p>{t('totp.off')}</p>
              <PasswordForm
                id="totp-start-password"
                action={trustApi.startTotp}
                onDone={(next) => {
                  setNotice('');
                  setSetup(next);
                }}
                intro={t('totp.startIntro')}
                label={t('totp.start')}
                busyLabel={t('totp.starting')}
              />
            </>
          )}
          {setup && (
            <SetupSteps
              setup={setup}
              onDone={(next) => changed(next, t('totp.enabled'))}
              onCancel={() => {
                setSetup(null);
                headingRef.current?.focus();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
