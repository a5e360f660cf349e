/**
 * The frame of every page: skip link, header (app name, navigation by role, organisation switcher,
 * language, logout), the `<main>` landmark holding the page, and a footer.
 */
import {
  Component,
  type ErrorInfo,
  type ReactNode,
  Suspense,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { guideHref } from '../../lib/guide-pages.ts';
import { api } from '../api.ts';
import { changeLanguage, currentLanguage, i18n, LANGUAGES, type Language } from '../i18n/index.ts';
import {
  canDistribute,
  canReadAudit,
  canReadOutbox,
  canSeeDonations,
  canSeePeople,
  canSeeProgrammes,
  canSeeTraining,
  canUseStock,
  useSession,
} from '../session.tsx';
import { FindDevice } from './FindDevice.tsx';
import { FollowUpsNavItem } from './followup/NavItem.tsx';
import { PortalNavEntry } from './portal/links.tsx';
import { canReadNetwork, canReadReports } from './reports/access.ts';
import { Loading, useAnnounce } from './ui.tsx';
import { workforceMemberships } from './workforce/common.tsx';

const LANGUAGE_NAMES: Record<Language, string> = { fr: 'Français', en: 'English' };

function LanguageSwitch() {
  const { t } = useTranslation();
  const { me } = useSession();
  const announce = useAnnounce();
  const language = currentLanguage();
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('nav.languageGroup')}</legend>
      {LANGUAGES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          className="header-button"
          aria-pressed={language === code}
          onClick={async () => {
            if (code === currentLanguage()) return;
            await changeLanguage(code);
            announce(i18n.t('nav.languageSwitched'));
            if (me) api.setLocale(code).catch(() => {});
          }}
        >
          {LANGUAGE_NAMES[code]}
        </button>
      ))}
    </fieldset>
  );
}

function OrganisationSwitcher() {
  const { t } = useTranslation();
  const { me, currentOrganisationId, setCurrentOrganisationId } = useSession();
  const id = useId();
  const memberships = me?.memberships ?? [];
  if (memberships.length === 0) return null;
  return (
    <div className="organisation-switcher">
      <label htmlFor={id}>{t('nav.currentOrganisation')}</label>
      <select
        id={id}
        value={currentOrganisationId ?? ''}
        onChange={(event) => setCurrentOrganisationId(event.target.value)}
      >
        {memberships.map((m) => (
          <option key={m.organisation.id} value={m.organisation.id}>
            {m.organisation.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function LogoutButton() {
  const { t } = useTranslation();
  const { logout } = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="header-button logout"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await logout();
        } catch {
          // The session is forgotten locally either way.
        }
        navigate('/connexion', { replace: true });
      }}
    >
      {busy ? t('nav.loggingOut') : t('nav.logout')}
    </button>
  );
}

function Navigation() {
  const { t } = useTranslation();
  const { me } = useSession();
  return (
    <nav aria-label={t('nav.label')} className="main-nav">
      <ul>
        <li>
          <NavLink to="/" end>
            {t('nav.home')}
          </NavLink>
        </li>
        <PortalNavEntry />
        {canUseStock(me) && (
          <li>
            <NavLink to="/stock">{t('nav.stock')}</NavLink>
          </li>
        )}
        {canSeeDonations(me) && (
          <li>
            <NavLink to="/dons">{t('nav.donations')}</NavLink>
          </li>
        )}
        {canSeeProgrammes(me) && (
          <li>
            <NavLink to="/programmes">{t('nav.programmes')}</NavLink>
          </li>
        )}
        {canSeePeople(me) && (
          <li>
            <NavLink to="/beneficiaires">{t('nav.beneficiaries')}</NavLink>
          </li>
        )}
        {canSeePeople(me) && <FollowUpsNavItem />}
        {canDistribute(me) && (
          <li>
            <NavLink to="/prets">{t('nav.loans')}</NavLink>
          </li>
        )}
        {(canDistribute(me) || canUseStock(me)) && (
          <li>
            <NavLink to="/maintenance">{t('nav.maintenance')}</NavLink>
          </li>
        )}
        {canDistribute(me) && (
          <li>
            <NavLink to="/aides-internet">{t('nav.internetAids')}</NavLink>
          </li>
        )}
        {canReadReports(me) && (
          <li>
            <NavLink to="/rapports">{t('nav.reports')}</NavLink>
          </li>
        )}
        {canReadNetwork(me) && (
          <li>
            <NavLink to="/reseau">{t('nav.network')}</NavLink>
          </li>
        )}
        {canSeeTraining(me) && (
          <li>
            <NavLink to="/ateliers">{t('nav.workshops')}</NavLink>
          </li>
        )}
        {canSeeTraining(me) && (
          <li>
            <NavLink to="/activites">{t('nav.activities')}</NavLink>
          </li>
        )}
        {workforceMemberships(me?.memberships ?? []).length > 0 && (
          <li>
            <NavLink to="/equipe">{t('nav.workforce')}</NavLink>
          </li>
        )}
        <li>
          <NavLink to="/organisations">{t('nav.organisations')}</NavLink>
        </li>
        {canReadAudit(me) && (
          <li>
            <NavLink to="/journal">{t('nav.audit')}</NavLink>
          </li>
        )}
        {canReadOutbox(me) && (
          <li>
            <NavLink to="/courriels">{t('nav.outbox')}</NavLink>
          </li>
        )}
        {me?.user.isPlatformAdmin && (
          <li>
            <NavLink to="/comptes">{t('nav.accounts')}</NavLink>
          </li>
        )}
        {me?.user.isPlatformAdmin && (
          <li>
            <NavLink to="/taches">{t('nav.jobs')}</NavLink>
          </li>
        )}
        <li>
          <NavLink to="/compte">{t('nav.account')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}

function Header() {
  const { t } = useTranslation();
  const { me } = useSession();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: close the phone menu after each navigation.
  useEffect(() => setOpen(false), [location.pathname]);
  return (
    <header className="site-header">
      <div className={me ? 'header-inner' : 'header-inner header-public'}>
        <Link to="/" className="brand">
          <svg className="brand-logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <path d="M7 9h18v11H7z" fill="none" stroke="currentColor" strokeWidth="2.5" />
            <path d="M12 25h8M16 20v5" stroke="currentColor" strokeWidth="2.5" />
            <path
              d="M13 15.5l2 2 4-4.5"
              fill="none"
              stroke="#ffd166"
              strokeWidth="2.5"
              strokeLinecap="round"
            />
          </svg>
          {t('app.name')}
        </Link>
        {me ? (
          <>
            <button
              type="button"
              ref={toggleRef}
              className="header-button menu-toggle"
              aria-expanded={open}
              aria-controls="site-menu"
              onClick={() => setOpen((value) => !value)}
            >
              <span className="menu-icon" aria-hidden="true" />
              {t('nav.menu')}
            </button>
            {/* biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the phone menu. */}
            <div
              id="site-menu"
              className={open ? 'site-menu open' : 'site-menu'}
              onKeyDown={(event) => {
                if (event.key === 'Escape' && open) {
                  setOpen(false);
                  toggleRef.current?.focus();
                }
              }}
            >
              <Navigation />
              {canUseStock(me) && <FindDevice />}
              <div className="header-tools">
                <OrganisationSwitcher />
                <LanguageSwitch />
                <LogoutButton />
              </div>
            </div>
          </>
        ) : (
          <div className="header-tools header-tools-public">
            <LanguageSwitch />
          </div>
        )}
      </div>
    </header>
  );
}

/** Shows a message instead of a blank page when a page's code cannot be loaded (offline, new version). */
class PageErrorBoundary extends Component<{ children: ReactNode; message: string; reload: string }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="alert alert-error" role="alert">
        <p>{this.props.message}</p>
        <button type="button" className="button button-secondary" onClick={() => window.location.reload()}>
          {this.props.reload}
        </button>
      </div>
    );
  }
}

export function Layout() {
  const { t, i18n: translation } = useTranslation();
  const location = useLocation();
  return (
    <>
      <a className="skip-link" href="#contenu">
        {t('app.skipLink')}
      </a>
      <Header />
      <main id="contenu" tabIndex={-1}>
        <PageErrorBoundary key={location.pathname} message={t('app.chunkError')} reload={t('app.reload')}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </PageErrorBoundary>
      </main>
      <footer className="site-footer">
        <p>
          <a
            href={guideHref('index', translation.language)}
            target="_blank"
            rel="noopener"
            className="footer-help"
          >
            {t('help.footer')}
            <span className="visually-hidden"> {t('help.newTab')}</span>
          </a>
        </p>
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}

/** The pages that need a session: without one, the login page (which sends the person back here). */
export function RequireAuth() {
  const { status, me } = useSession();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (!me) {
    return <Navigate to="/connexion" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return <Outlet />;
}
