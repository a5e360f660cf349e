/**
 * Home: a greeting and the person's organisations. On a new instance, a platform administrator is
 * offered to create the first organisation or to load the demo network; an organisation's administrator
 * sees its first steps (« Pour bien démarrer ») until they are done or hidden.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type DemoAccount } from '../api.ts';
import { FirstSteps } from '../components/FirstSteps.tsx';
import { ErrorAlert, Page, SuccessNotice, TableScroll, useLoad } from '../components/ui.tsx';
import { useMe, useSession } from '../session.tsx';

function DemoAccountsTable({ accounts }: { accounts: DemoAccount[] }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={t('login.demoList')}>
      <table>
        <caption className="visually-hidden">{t('login.demoList')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('login.colName')}</th>
            <th scope="col">{t('login.colEmail')}</th>
            <th scope="col">{t('login.colRole')}</th>
            <th scope="col">{t('login.colOrganisation')}</th>
            <th scope="col">{t('login.colPassword')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.email}>
              <th scope="row">{account.name}</th>
              <td className="nowrap">{account.email}</td>
              <td>{t(`roles.${account.role}`)}</td>
              <td>{account.organisationName ?? t('common.none')}</td>
              <td>
                <code>{account.password}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function FirstRun({ onLoaded }: { onLoaded: (accounts: DemoAccount[]) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <section className="card first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">{t('home.firstRunTitle')}</h2>
      <p>{t('home.firstRunIntro')}</p>
      <ErrorAlert error={error} />
      <div className="actions">
        <Link to="/organisations/nouvelle" className="button button-primary">
          {t('home.createFirst')}
        </Link>
        <button
          type="button"
          className="button button-secondary"
          aria-disabled={busy}
          onClick={async () => {
            if (busy) return;
            setBusy(true);
            setError(null);
            try {
              const result = await api.loadDemo();
              onLoaded(result.accounts);
            } catch (err) {
              setError(err);
            } finally {
              setBusy(false);
            }
          }}
        >
          {busy ? t('home.loadingDemo') : t('home.loadDemo')}
        </button>
      </div>
    </section>
  );
}

export default function Home() {
  const { t } = useTranslation();
  const me = useMe();
  const { currentOrganisationId, refresh } = useSession();
  const [demoAccounts, setDemoAccounts] = useState<DemoAccount[] | null>(null);
  const isAdmin = me.user.isPlatformAdmin;
  const adminOf = me.memberships.find(
    (m) => m.organisation.id === currentOrganisationId && m.role === 'admin',
  )?.organisation;
  const firstRun = useLoad(
    async (signal) => (isAdmin ? (await api.organisations({ limit: 1 }, signal)).items.length === 0 : false),
    [isAdmin, demoAccounts],
  );

  return (
    <Page
      title={t('home.title')}
      heading={t('home.greeting', { name: me.user.name })}
      help={adminOf ? 'premiers-pas' : undefined}
    >
      {isAdmin && <p className="badge-line">{t('home.platformAdmin')}</p>}
      {firstRun.data === true && (
        <FirstRun
          onLoaded={(accounts) => {
            setDemoAccounts(accounts);
            void refresh();
          }}
        />
      )}
      {adminOf && <FirstSteps key={adminOf.id} organisation={adminOf} />}
      {demoAccounts && (
        <section className="card" aria-labelledby="demo-loaded-title">
          <h2 id="demo-loaded-title">{t('login.demoTitle')}</h2>
          <SuccessNotice>{t('home.demoLoaded')}</SuccessNotice>
          <DemoAccountsTable accounts={demoAccounts} />
        </section>
      )}
      <section aria-labelledby="my-organisations">
        <h2 id="my-organisations">{t('home.myOrganisations')}</h2>
        {me.memberships.length === 0 ? (
          <>
            <p>{t('home.noMemberships')}</p>
            {!isAdmin && <p>{t('home.noMembershipsHelp')}</p>}
          </>
        ) : (
          <ul className="card-list">
            {me.memberships.map((membership) => (
              <li key={membership.organisation.id} className="card">
                <h3>
                  <Link to={`/organisations/${membership.organisation.id}`}>
                    {membership.organisation.name}
                  </Link>
                </h3>
                <p>
                  {t('home.roleIn', { role: t(`roles.${membership.role}`) })}
                  {membership.organisation.id === currentOrganisationId && me.memberships.length > 1 && (
                    <span className="tag"> {t('home.current')}</span>
                  )}
                </p>
                {membership.organisation.kinds.includes('association') && (
                  <p>
                    <Link to="/portail">{t('home.portalLink')}</Link>
                  </p>
                )}
                {membership.organisation.city && (
                  <p className="muted">
                    {[membership.organisation.postcode, membership.organisation.city]
                      .filter(Boolean)
                      .join(' ')}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/organisations">{t('home.browse')}</Link>
        </p>
      </section>
    </Page>
  );
}
