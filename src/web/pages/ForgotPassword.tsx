/**
 * « Mot de passe oublié » (`/mot-de-passe-oublie`): asks for a reset link by e-mail. The answer is the
 * same whether the address has an account or not, and the page says so in those words.
 */
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { EMAIL_MAX_LENGTH } from '../../lib/limits.ts';
import { ApiError, trustApi } from '../api.ts';
import { EMAIL_INPUT, FormAlert, PlainField } from '../components/plain-fields.tsx';
import { Page } from '../components/ui.tsx';

export default function ForgotPassword() {
  const { t } = useTranslation();
  const location = useLocation();
  const [email, setEmail] = useState(((location.state ?? {}) as { email?: string }).email ?? '');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const address = email.trim();
    if (!address) {
      setError(t('passwordReset.missingEmail'));
      emailRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await trustApi.askPasswordReset(address);
      setSentTo(address);
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : t('errors.unexpected'));
      emailRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('passwordReset.askTitle')} className="page-narrow">
      <p>{t('passwordReset.askIntro')}</p>
      <div role="status">
        {sentTo && <p className="alert alert-success">{t('passwordReset.sent', { email: sentTo })}</p>}
      </div>
      <form className="card form" onSubmit={submit} noValidate aria-busy={busy}>
        <FormAlert id="forgot-error" message={error} />
        <PlainField
          id="forgot-email"
          label={t('passwordReset.email')}
          inputRef={emailRef}
          {...EMAIL_INPUT}
          maxLength={EMAIL_MAX_LENGTH}
          value={email}
          onChange={setEmail}
          invalid={Boolean(error)}
          describedBy={error ? 'forgot-error' : undefined}
        />
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? t('passwordReset.asking') : t('passwordReset.ask')}
        </button>
      </form>
      <p>
        <Link to="/connexion">{t('passwordReset.toLogin')}</Link>
      </p>
    </Page>
  );
}
