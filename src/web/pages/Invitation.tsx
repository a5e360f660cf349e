/**
 * The page an invitation link opens (`/invitation/<token>`): whom it invites where, and the form to
 * choose a password, which activates the account and logs in.
 */
import { type FormEvent, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PASSWORD_MIN_LENGTH } from '../../lib/limits.ts';
import { api } from '../api.ts';
import { ErrorSummary, NewPasswordFields, useServerFieldErrors } from '../components/forms.tsx';
import { errorText, formatDateTime, Loading, Page, useLoad } from '../components/ui.tsx';
import { useSession } from '../session.tsx';

export default function Invitation() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const invitation = useLoad((signal) => api.invitation(token, signal), [token]);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerFieldErrors(error);

  if (invitation.error) {
    return (
      <Page title={t('invitation.invalidTitle')} className="page-narrow">
        <div className="alert alert-error" role="alert">
          <p>{errorText(invitation.error, t('errors.unexpected'))}</p>
        </div>
        <p>
          <Link to="/connexion">{t('invitation.toLogin')}</Link>
        </p>
      </Page>
    );
  }
  const data = invitation.data;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const me = await api.acceptInvitation(token, password);
      session.signedIn(me);
      navigate('/', { replace: true });
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  return (
    <Page
      title={t('invitation.title')}
      heading={
        data ? t('invitation.invited', { organisation: data.organisationName }) : t('invitation.title')
      }
      className="page-narrow"
    >
      {!data && <Loading />}
      {data && (
        <>
          <p>{t('invitation.account', { email: data.email })}</p>
          <p className="muted">
            {t('invitation.expires', { date: formatDateTime(data.expiresAt, i18n.language) })}
          </p>
          <Form className="card form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
            <ErrorSummary
              error={error}
              fields={{ password: { id: 'invitation-password', label: t('invitation.password') } }}
            />
            <p className="help">{t('invitation.intro', { min: PASSWORD_MIN_LENGTH })}</p>
            {/* Lets password managers file the new password under the right account. */}
            <input type="hidden" name="username" autoComplete="username" value={data.email} />
            <NewPasswordFields
              idPrefix="invitation"
              name="password"
              label={t('invitation.password')}
              confirmLabel={t('invitation.confirm')}
              password={password}
              onPasswordChange={setPassword}
              confirm={confirm}
              onConfirmChange={setConfirm}
            />
            <button type="submit" className="button button-primary" aria-disabled={busy}>
              {busy ? t('invitation.submitting') : t('invitation.submit')}
            </button>
          </Form>
        </>
      )}
    </Page>
  );
}
