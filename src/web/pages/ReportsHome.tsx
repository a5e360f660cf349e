/**
 * « Rapports » (`/rapports`): the reports the account may open — its funders' reports, its donors' yearly
 * summaries, its coordinators' network dashboards — and where a programme's report is found (on the
 * programme's page). A platform administrator picks the funder or donor to look at.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { OrganisationProfile } from '../api.ts';
import { OrganisationPicker, type PickedOrganisation } from '../components/OrganisationPicker.tsx';
import { reportOrganisations } from '../components/reports/access.ts';
import { Page } from '../components/ui.tsx';
import { canSeeProgrammes, useMe } from '../session.tsx';

function ReportList({
  id,
  title,
  intro,
  organisations,
  linkOf,
  labelOf,
}: {
  id: string;
  title: string;
  intro: string;
  organisations: OrganisationProfile[];
  linkOf: (organisation: OrganisationProfile) => string;
  labelOf: (organisation: OrganisationProfile) => string;
}) {
  if (organisations.length === 0) return null;
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p>{intro}</p>
      <ul className="link-list">
        {organisations.map((organisation) => (
          <li key={organisation.id}>
            <Link to={linkOf(organisation)}>{labelOf(organisation)}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AdminPicker({ kind, label, path }: { kind: 'funder' | 'donor'; label: string; path: string }) {
  const navigate = useNavigate();
  const [value, setValue] = useState<PickedOrganisation | null>(null);
  return (
    <OrganisationPicker
      id={`reports-pick-${kind}`}
      name="organisationId"
      kind={kind}
      label={label}
      value={value}
      onChange={(organisation) => {
        setValue(organisation);
        if (organisation) navigate(`${path}/${organisation.id}`);
      }}
    />
  );
}

export default function ReportsHome() {
  const { t } = useTranslation();
  const me = useMe();
  const funders = reportOrganisations(me, 'funder');
  const donors = reportOrganisations(me, 'donor');
  const coordinators = reportOrganisations(me, 'coordinator');
  const isAdmin = me.user.isPlatformAdmin;
  const nothing = funders.length + donors.length + coordinators.length === 0 && !isAdmin;

  return (
    <Page help="rapport-annuel" title={t('reports.home.title')}>
      <p className="help">{t('reports.home.intro')}</p>
      {canSeeProgrammes(me) && (
        <section className="card" aria-labelledby="reports-programmes">
          <h2 id="reports-programmes">{t('reports.home.programmes')}</h2>
          <p>{t('reports.home.programmesIntro')}</p>
          <p>
            <Link to="/programmes">{t('reports.home.programmesLink')}</Link>
          </p>
        </section>
      )}
      <ReportList
        id="reports-funders"
        title={t('reports.home.funders')}
        intro={t('reports.home.fundersIntro')}
        organisations={funders}
        linkOf={(o) => `/rapports/financeurs/${o.id}`}
        labelOf={(o) => t('reports.home.funderLink', { name: o.name })}
      />
      <ReportList
        id="reports-donors"
        title={t('reports.home.donors')}
        intro={t('reports.home.donorsIntro')}
        organisations={donors}
        linkOf={(o) => `/rapports/donateurs/${o.id}`}
        labelOf={(o) => t('reports.home.donorLink', { name: o.name })}
      />
      <ReportList
        id="reports-networks"
        title={t('reports.home.networks')}
        intro={t('reports.home.networksIntro')}
        organisations={coordinators}
        linkOf={(o) => `/reseau?organisation=${o.id}`}
        labelOf={(o) => t('reports.home.networkLink', { name: o.name })}
      />
      {isAdmin && (
        <section className="card" aria-labelledby="reports-admin">
          <h2 id="reports-admin">{t('reports.home.adminTitle')}</h2>
          <p>{t('reports.home.adminIntro')}</p>
          <AdminPicker kind="funder" label={t('reports.home.pickFunder')} path="/rapports/financeurs" />
          <AdminPicker kind="donor" label={t('reports.home.pickDonor')} path="/rapports/donateurs" />
        </section>
      )}
      {nothing && <p className="empty">{t('reports.home.nothing')}</p>}
    </Page>
  );
}
