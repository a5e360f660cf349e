/** My account: who I am, my password, the second factor, my sessions and my API tokens. */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, TOKEN_NAME_MAX_LENGTH } from '../../lib/limits.ts';
import { type ApiToken, api, type CreatedApiToken } from '../api.ts';
import {
  ConfirmButton,
  ErrorSummary,
  Field,
  NewPasswordFields,
  SubmitButton,
  type SummaryField,
  useServerFieldErrors,
} from '../components/forms.tsx';
import { TotpSection } from '../components/TotpSection.tsx';
import {
  CopyField,
  DateTime,
  ErrorAlert,
  formatDateTime,
  Loading,
  Page,
  SuccessNotice,
  TableScroll,
  useLoad,
} from '../components/ui.tsx';
import { useMe, useSession } from '../session.tsx';

function PasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerFieldErrors(error);
  const [done, setDone] = useState(false);
  const fields: Record<string, SummaryField> = {
    currentPassword: { id: 'password-current', label: t('account.currentPassword') },
    newPassword: { id: 'password-new', label: t('account.newPassword') },
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">{t('account.passwordTitle')}</h2>
      <p className="help">{t('account.passwordIntro', { min: PASSWORD_MIN_LENGTH })}</p>
      {done && <SuccessNotice>{t('account.passwordChanged')}</SuccessNotice>}
      <Form className="form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
        <ErrorSummary error={error} fields={fields} />
        <Field
          id="password-current"
          name="currentPassword"
          type="password"
          label={t('account.currentPassword')}
          isRequired
          value={current}
          onChange={setCurrent}
          autoComplete="current-password"
          maxLength={PASSWORD_MAX_LENGTH}
          validate={(value) => (value ? null : t('validation.required'))}
        />
        <NewPasswordFields
          idPrefix="account"
          name="newPassword"
          label={t('account.newPassword')}
          confirmLabel={t('account.confirmPassword')}
          password={next}
          onPasswordChange={setNext}
          confirm={confirm}
          onConfirmChange={setConfirm}
        />
        <SubmitButton busy={busy}>{t('account.changePassword')}</SubmitButton>
      </Form>
    </section>
  );
}

function Sessions() {
  const { t } = useTranslation();
  const { signedOut } = useSession();
  const navigate = useNavigate();
  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('account.sessionsTitle')}</h2>
      <p>{t('account.sessionsIntro')}</p>
      <ConfirmButton
        className="button button-danger-outline"
        label={t('account.logoutEverywhere')}
        title={t('account.logoutEverywhereTitle')}
        message={<p>{t('account.logoutEverywhereText')}</p>}
        confirmLabel={t('account.logoutEverywhereConfirm')}
        onConfirm={async () => {
          const { ended } = await api.logoutEverywhere();
          signedOut();
          navigate('/connexion', { replace: true, state: { loggedOutEverywhere: ended } });
        }}
      />
    </section>
  );
}

function CreatedToken({ token }: { token: CreatedApiToken }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <section className="created-token" tabIndex={-1} ref={ref} aria-labelledby="created-token-title">
      <h3 id="created-token-title">{t('tokens.createdTitle', { name: token.name })}</h3>
      <p className="alert alert-warning">
        <strong>{t('tokens.createdWarning')}</strong>
      </p>
      <CopyField label={t('tokens.secret')} value={token.token} />
    </section>
  );
}

function Tokens() {
  const { t, i18n } = useTranslation();
  const loaded = useLoad((signal) => api.tokens(signal), []);
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerFieldErrors(error);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [notice, setNotice] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (loaded.data) setTokens(loaded.data.items);
  }, [loaded.data]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const token = await api.createToken(name.trim());
      const { token: _secret, ...listed } = token;
      setTokens((previous) => [listed, ...previous]);
      setCreated(token);
      setName('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title" ref={headingRef} tabIndex={-1}>
        {t('tokens.title')}
      </h2>
      <p>{t('tokens.intro')}</p>
      <SuccessNotice>{notice}</SuccessNotice>
      {created && <CreatedToken key={created.id} token={created} />}
      <Form className="form form-inline" onSubmit={submit} validationErrors={serverErrors}>
        <ErrorSummary error={error} fields={{ name: { id: 'token-name', label: t('tokens.name') } }} />
        <div className="input-with-button">
          <Field
            id="token-name"
            name="name"
            label={t('tokens.name')}
            isRequired
            value={name}
            onChange={setName}
            maxLength={TOKEN_NAME_MAX_LENGTH}
            autoComplete="off"
            validate={(value) => (value.trim() ? null : t('validation.required'))}
          />
          <button type="submit" className="button button-primary" aria-disabled={busy}>
            {busy ? t('tokens.creating') : t('tokens.create')}
          </button>
        </div>
      </Form>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !loaded.data && <Loading />}
      {loaded.data && tokens.length === 0 && <p className="empty">{t('tokens.empty')}</p>}
      {tokens.length > 0 && (
        <TableScroll label={t('tokens.caption')}>
          <table>
            <caption className="visually-hidden">{t('tokens.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tokens.colName')}</th>
                <th scope="col">{t('tokens.colPrefix')}</th>
                <th scope="col">{t('tokens.colCreated')}</th>
                <th scope="col">{t('tokens.colLastUsed')}</th>
                <th scope="col">{t('tokens.colStatus')}</th>
                <th scope="col">{t('tokens.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <th scope="row">{token.name}</th>
                  <td>
                    <code>{token.prefix}…</code>
                  </td>
                  <td className="nowrap">
                    <DateTime value={token.createdAt} />
                  </td>
                  <td className="nowrap">
                    {token.lastUsedAt ? <DateTime value={token.lastUsedAt} /> : t('tokens.never')}
                  </td>
                  <td>
                    {token.revokedAt ? (
                      <span className="status status-off">
                        {t('tokens.revokedOn', { date: formatDateTime(token.revokedAt, i18n.language) })}
                      </span>
                    ) : (
                      <span className="status status-ok">{t('tokens.active')}</span>
                    )}
                  </td>
                  <td>
                    {!token.revokedAt && (
                      <ConfirmButton
                        label={t('tokens.revoke')}
                        ariaLabel={t('tokens.revokeOf', { name: token.name })}
                        title={t('tokens.revokeTitle')}
                        message={<p>{t('tokens.revokeText', { name: token.name })}</p>}
                        confirmLabel={t('tokens.revokeConfirm')}
                        onConfirm={async () => {
                          const revoked = await api.revokeToken(token.id);
                          setTokens((previous) =>
                            previous.map((item) => (item.id === revoked.id ? revoked : item)),
                          );
                          if (created?.id === revoked.id) setCreated(null);
                          setNotice(t('tokens.revoked', { name: revoked.name }));
                          headingRef.current?.focus();
                        }}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

export default function Account() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Page title={t('account.title')}>
      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">{t('account.profile')}</h2>
        <dl className="properties">
          <dt>{t('account.name')}</dt>
          <dd>{me.user.name}</dd>
          <dt>{t('account.email')}</dt>
          <dd>{me.user.email}</dd>
        </dl>
        {me.user.isPlatformAdmin && <p className="tag">{t('account.platformAdmin')}</p>}
      </section>
      <PasswordForm />
      <TotpSection />
      <Tokens />
      <Sessions />
    </Page>
  );
}
