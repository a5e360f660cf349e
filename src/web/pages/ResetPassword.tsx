/**
 * The page a reset link opens (`/mot-de-passe/<token>`): the account it is for, and the form to choose
 * a new password. Every session of the account ends; the person then logs in with the new password (and
 * their code, when the second factor is on).
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PASSWORD_MIN_LENGTH } from '../../lib/limits.ts';
import { trustApi } from '../api.ts';
import { ErrorSummary, NewPasswordFields, useServerFieldErrors } from '../components/forms.tsx';
import { errorText, formatDateTime, Loading, Page, useLoad } from '../components/ui.tsx';
import { useSession } from '../session.tsx';

/**
 * A used, expired or unknown link. The message takes the focus when it appears: it replaces the loading
 * page after the check, and an alert present from a page's first render is not reliably announced.
 */
function InvalidLink({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const messageRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    messageRef.current?.focus();
  }, []);
  return (
    <Page title={t('passwordReset.invalidTitle')} className="page-narrow">
      <div className="alert alert-error" role="alert" ref={messageRef} tabIndex={-1}>
        <p>{errorText(error, t('errors.unexpected'))}</p>
      </div>
      <p>
        <Link to="/mot-de-passe-oublie">{t('passwordReset.askAgain')}</Link>
      </p>
      <p>
        <Link to="/connexion">{t('passwordReset.toLogin')}</Link>
      </p>
    </Page>
  );
}

export default function ResetPassword() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const session = useSession();
  const link = useLoad((signal) => trustApi.passwordReset(token, signal), [token]);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerFieldErrors(error);

  if (link.error) return <InvalidLink error={link.error} />;
  const data = link.data;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || !data) return;
    setBusy(true);
    setError(null);
    try {
      await trustApi.resetPassword(token, password);
      // Every session of the account has ended, this browser's too.
      if (session.me) session.signedOut();
      navigate('/connexion', { replace: true, state: { passwordReset: true, email: data.email } });
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  return (
    <Page title={t('passwordReset.title')} className="page-narrow">
      {!data && <Loading />}
      {data && (
        <>
          <p>{t('passwordReset.account', { email: data.email })}</p>
          <p className="muted">
            {t('passwordReset.expires', { date: formatDateTime(data.expiresAt, i18n.language) })}
          </p>
          <Form className="card form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
            <ErrorSummary
              error={error}
              fields={{ password: { id: 'reset-password', label: t('passwordReset.password') } }}
            />
            <p className="help">{t('passwordReset.intro', { min: PASSWORD_MIN_LENGTH })}</p>
            {/* Lets password managers file the new password under the right account. */}
            <input type="hidden" name="username" autoComplete="username" value={data.email} />
            <NewPasswordFields
              idPrefix="reset"
              name="password"
              label={t('passwordReset.password')}
              confirmLabel={t('passwordReset.confirm')}
              password={password}
              onPasswordChange={setPassword}
              confirm={confirm}
              onConfirmChange={setConfirm}
            />
            <button type="submit" className="button button-primary" aria-disabled={busy}>
              {busy ? t('passwordReset.submitting') : t('passwordReset.submit')}
            </button>
          </Form>
        </>
      )}
    </Page>
  );
}
