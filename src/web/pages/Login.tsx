/**
 * The login page. Plain HTML form (no component library) so that the first page stays light. On an
 * instance without any account it explains how to create the first one instead; while demo data are
 * loaded it lists the demo accounts.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { ApiError, api, type DemoAccount, isSecondFactorChallenge, type Setup, trustApi } from '../api.ts';
import { EMAIL_INPUT, FormAlert, PlainField } from '../components/plain-fields.tsx';
import { Page, useAnnounce } from '../components/ui.tsx';
import { useSession } from '../session.tsx';

interface LoginState {
  from?: string;
  loggedOutEverywhere?: number;
  /** Back from a password reset: the address to log in with. */
  passwordReset?: boolean;
  email?: string;
}

/**
 * The second step for an account with a second factor: the code from the authenticator app. A refused
 * code is announced and the field keeps focus; a challenge that has expired or had too many codes goes
 * back to the password step.
 */
function CodeStep({ challenge, onBack }: { challenge: string; onBack: (message: string) => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    codeRef.current?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!code.trim()) {
      setError(t('totp.codeMissing'));
      codeRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      session.signedIn(await trustApi.loginWithCode(challenge, code.trim()));
    } catch (err) {
      setBusy(false);
      setCode('');
      const detail = err instanceof ApiError ? err.detail : t('errors.unexpected');
      // Without a field named, the challenge itself is over: the password is asked again.
      if (err instanceof ApiError && err.status === 401 && !err.errors.some((e) => e.path === 'code')) {
        onBack(detail);
        return;
      }
      setError(detail);
      codeRef.current?.focus();
    }
  }

  return (
    <form className="card form" onSubmit={submit} noValidate aria-busy={busy} aria-labelledby="code-title">
      <h2 id="code-title">{t('totp.codeTitle')}</h2>
      <p id="code-help">{t('totp.codeIntro')}</p>
      <FormAlert id="code-error" message={error} />
      <PlainField
        id="login-code"
        label={t('totp.code')}
        inputRef={codeRef}
        type="text"
        name="code"
        autoComplete="one-time-code"
        inputMode="numeric"
        pattern="[0-9 ]*"
        maxLength={7}
        spellCheck={false}
        required
        value={code}
        onChange={setCode}
        invalid={Boolean(error)}
        describedBy={error ? 'code-error code-help' : 'code-help'}
      />
      <div className="actions">
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? t('totp.verifying') : t('totp.verify')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => onBack('')}>
          {t('totp.back')}
        </button>
      </div>
    </form>
  );
}

function NoAccount() {
  const { t } = useTranslation();
  return (
    <Page title={t('setup.title')}>
      <p>{t('setup.intro')}</p>
      <ol className="steps">
        <li>
          <p>{t('setup.env', { email: 'ADMIN_EMAIL', password: 'ADMIN_PASSWORD' })}</p>
          <pre>
            <code>ADMIN_EMAIL=… ADMIN_PASSWORD=… npx seconde-vie serve</code>
          </pre>
        </li>
        <li>
          <p>{t('setup.cli')}</p>
          <pre>
            <code>npx seconde-vie user create --admin</code>
          </pre>
        </li>
        <li>
          <p>{t('setup.demo')}</p>
          <pre>
            <code>npx seconde-vie demo</code>
          </pre>
        </li>
      </ol>
      <p>{t('setup.after')}</p>
    </Page>
  );
}

function DemoAccounts({
  accounts,
  onUse,
}: {
  accounts: DemoAccount[];
  onUse: (account: DemoAccount) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="demo-accounts" aria-labelledby="demo-title">
      <h2 id="demo-title">{t('login.demoTitle')}</h2>
      <p>{t('login.demoIntro')}</p>
      <ul className="card-list demo-list">
        {accounts.map((account) => (
          <li key={account.email} className="card demo-card">
            <h3>{account.name}</h3>
            <p>
              {t(`roles.${account.role}`)}
              {account.organisationName ? ` · ${account.organisationName}` : ''}
            </p>
            <dl className="properties">
              <dt>{t('login.colEmail')}</dt>
              <dd>{account.email}</dd>
              <dt>{t('login.colPassword')}</dt>
              <dd>
                <code>{account.password}</code>
              </dd>
            </dl>
            <button
              type="button"
              className="button button-small button-secondary"
              aria-label={t('login.demoUseLabel', { name: account.name })}
              onClick={() => onUse(account)}
            >
              {t('login.demoUse')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function Login() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const announce = useAnnounce();
  const state = (location.state ?? {}) as LoginState;
  const [setup, setSetup] = useState<Setup | null>(null);
  const [email, setEmail] = useState(state.email ?? '');
  const [challenge, setChallenge] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let cancelled = false;
    api
      .setup()
      .then((value) => {
        if (!cancelled) setSetup(value);
      })
      .catch(() => {
        // Unknown set-up state: the form stays, and says what goes wrong when used.
      });
    return () => {
      cancelled = true;
    };
  }, []);

  if (session.me) {
    const target = state.from && state.from !== '/connexion' ? state.from : '/';
    return <Navigate to={target} replace />;
  }
  if (setup && !setup.hasUsers) return <NoAccount />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!email.trim() || !password) {
      setError(t('login.missing'));
      (email.trim() ? passwordRef : emailRef).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await trustApi.login(email.trim(), password);
      if (isSecondFactorChallenge(answer)) {
        setBusy(false);
        setPassword('');
        setChallenge(answer.challenge);
        return;
      }
      session.signedIn(answer);
    } catch (err) {
      setBusy(false);
      setPassword('');
      setError(err instanceof ApiError ? err.detail : t('errors.unexpected'));
      passwordRef.current?.focus();
    }
  }

  const describedBy = error ? 'login-error' : undefined;
  return (
    <Page title={t('login.title')} className="page-login">
      <p className="lead">{t('app.tagline')}</p>
      <p>{t('login.intro')}</p>
      {session.expired && !error && (
        <p className="alert alert-info" role="status">
          {t('errors.sessionExpired')}
        </p>
      )}
      {state.passwordReset && !error && !challenge && (
        <p className="alert alert-success" role="status">
          {t('passwordReset.done')}
        </p>
      )}
      {challenge && (
        <CodeStep
          challenge={challenge}
          onBack={(message) => {
            setChallenge(null);
            setError(message || null);
            // The password form comes back on the next render: focus it then.
            setTimeout(() => passwordRef.current?.focus(), 0);
          }}
        />
      )}
      {state.loggedOutEverywhere !== undefined && !error && (
        <p className="alert alert-success" role="status">
          {t('login.loggedOutEverywhere', { count: state.loggedOutEverywhere })}
        </p>
      )}
      <form className="card form" onSubmit={submit} noValidate aria-busy={busy} hidden={challenge !== null}>
        <FormAlert id="login-error" message={error} />
        <PlainField
          id="login-email"
          label={t('login.email')}
          inputRef={emailRef}
          {...EMAIL_INPUT}
          value={email}
          onChange={setEmail}
          invalid={Boolean(error)}
          describedBy={describedBy}
        />
        <PlainField
          id="login-password"
          label={t('login.password')}
          inputRef={passwordRef}
          type={showPassword ? 'text' : 'password'}
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
          invalid={Boolean(error)}
          describedBy={describedBy}
        />
        <div className="checkbox-line">
          <input
            id="login-show-password"
            type="checkbox"
            checked={showPassword}
            onChange={(event) => setShowPassword(event.target.checked)}
          />
          <label htmlFor="login-show-password">{t('login.showPassword')}</label>
        </div>
        <button ref={submitRef} type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
        <p>
          <Link to="/mot-de-passe-oublie" state={{ email: email.trim() }}>
            {t('passwordReset.forgotLink')}
          </Link>
        </p>
      </form>
      {setup?.demoAccounts && setup.demoAccounts.length > 0 && (
        <DemoAccounts
          accounts={setup.demoAccounts}
          onUse={(account) => {
            setEmail(account.email);
            setPassword(account.password);
            setError(null);
            submitRef.current?.focus();
            announce(t('login.demoFilled', { name: account.name }));
          }}
        />
      )}
    </Page>
  );
}
