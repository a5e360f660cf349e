/** One organisation: its public profile, the caller's role in it, and its members when allowed. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api } from '../api.ts';
import { KindTags } from '../components/KindTags.tsx';
import { OrganisationLogo } from '../components/OrganisationLogo.tsx';
import { OrganisationNetworks } from '../components/OrganisationNetworks.tsx';
import { DateTime, ErrorAlert, Loading, Page, SuccessNotice, useLoad } from '../components/ui.tsx';
import { useMe } from '../session.tsx';
import type { NoticeState } from './OrganisationForm.tsx';
import { OrganisationMembers } from './OrganisationMembers.tsx';

export default function OrganisationDetail() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const [notice] = useState(() => (location.state as NoticeState | null)?.notice ?? '');
  const loaded = useLoad((signal) => api.organisation(id, signal), [id]);
  const organisation = loaded.data?.id === id ? loaded.data : undefined;

  // The notice is shown once: forget it so that a reload does not repeat it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on arrival.
  useEffect(() => {
    if (location.state) navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, []);

  const title = organisation?.name ?? t('organisations.title');
  return (
    <Page help="premiers-pas" title={title}>
      <p>
        <Link to="/organisations">{t('orgDetail.backToList')}</Link>
      </p>
      <SuccessNotice>{notice}</SuccessNotice>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !organisation && <Loading />}
      {organisation && (
        <>
          <div className="detail-grid">
            <section className="card" aria-labelledby="profile-title">
              <div className="card-heading">
                <h2 id="profile-title">{t('orgDetail.profile')}</h2>
                {organisation.can.update && (
                  <Link to={`/organisations/${organisation.id}/modifier`} className="button button-secondary">
                    {t('orgDetail.edit')}
                  </Link>
                )}
              </div>
              <dl className="properties">
                <dt>{t('orgDetail.kinds')}</dt>
                <dd>
                  <KindTags kinds={organisation.kinds} />
                </dd>
                <dt>{t('orgDetail.siret')}</dt>
                <dd>{organisation.siret ?? t('common.none')}</dd>
                <dt>{t('orgDetail.rna')}</dt>
                <dd>{organisation.rna ?? t('common.none')}</dd>
                <dt>{t('orgDetail.town')}</dt>
                <dd>
                  {[organisation.postcode, organisation.city].filter(Boolean).join(' ') || t('common.none')}
                </dd>
                <dt>{t('orgDetail.createdAt')}</dt>
                <dd>
                  <DateTime value={organisation.createdAt} dateOnly />
                </dd>
              </dl>
            </section>
            <section className="card" aria-labelledby="role-title">
              <h2 id="role-title">{t('orgDetail.myRole')}</h2>
              {organisation.myRole ? (
                <p className="role-large">{t(`roles.${organisation.myRole}`)}</p>
              ) : (
                <p>{t('orgDetail.notMember')}</p>
              )}
              {me.user.isPlatformAdmin && <p className="muted">{t('orgDetail.platformAdmin')}</p>}
            </section>
          </div>
          <OrganisationLogo organisation={organisation} onChange={loaded.setData} />
          {organisation.can.readMembers && <OrganisationMembers organisation={organisation} />}
          {(me.user.isPlatformAdmin ||
            (organisation.myRole !== null &&
              ['admin', 'manager', 'viewer'].includes(organisation.myRole))) && (
            <OrganisationNetworks
              organisation={organisation}
              canManage={me.user.isPlatformAdmin || organisation.myRole === 'admin'}
            />
          )}
        </>
      )}
    </Page>
  );
}
