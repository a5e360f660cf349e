/**
 * A workshop (`/ateliers/:id`): its details in words, « Modifier », « Marquer comme terminé » and
 * « Annuler l’atelier » (confirmed, with a reason), its sessions (`SessionsPanel`) and its people
 * (`RosterPanel`). Every change is said in a notice that takes focus.
 */
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ConfirmButton } from '../components/forms.tsx';
import { WorkshopState } from '../components/training/common.tsx';
import { ReasonButton } from '../components/training/dialogs.tsx';
import { RosterPanel } from '../components/training/Roster.tsx';
import { SessionsPanel } from '../components/training/Sessions.tsx';
import { ErrorAlert, Loading, Page, SuccessNotice, useLoad } from '../components/ui.tsx';
import { type WorkshopDetail as Detail, trainingApi } from '../trainingApi.ts';
import type { NoticeState } from './OrganisationForm.tsx';

function Properties({ workshop }: { workshop: Detail }) {
  const { t } = useTranslation();
  const none = t('common.none');
  const rows: [string, ReactNode][] = [
    [
      t('workshop.programme'),
      workshop.programmeId ? (
        <Link key="programme" to={`/programmes/${workshop.programmeId}`}>
          {workshop.programmeName}
        </Link>
      ) : (
        t('workshops.noProgramme')
      ),
    ],
    [t('workshop.organisation'), workshop.organisationName],
    [t('workshop.format'), t(`workshops.formats.${workshop.format}`)],
    [t('workshop.place'), workshop.place ?? none],
    [t('workshop.trainer'), workshop.trainerDisplayName ?? workshop.trainerName ?? none],
    [
      t('workshop.capacity'),
      workshop.capacity === null
        ? t('workshop.noCapacity')
        : t('workshop.places', { count: workshop.capacity }),
    ],
    [t('workshop.threshold'), t('workshop.thresholdValue', { percent: workshop.completionThresholdPercent })],
    [t('workshop.state'), <WorkshopState key="state" workshop={workshop} />],
  ];
  return (
    <>
      <dl className="properties properties-columns">
        {rows.map(([label, value]) => (
          <div key={label} className="property">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {workshop.description && <p className="pre-line">{workshop.description}</p>}
      {workshop.cancelledAt && (
        <p className="alert alert-info">
          {t('workshop.cancelledBecause', { reason: workshop.cancelReason ?? '' })}
        </p>
      )}
      {workshop.closedAt && !workshop.cancelledAt && (
        <p className="alert alert-info">{t('workshop.closedNote')}</p>
      )}
    </>
  );
}

export default function WorkshopDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const loaded = useLoad((signal) => trainingApi.workshop(id, signal), [id]);
  const workshop = loaded.data?.id === id ? loaded.data : undefined;
  const [notice, setNotice] = useState(() => (location.state as NoticeState | null)?.notice ?? '');
  const [version, setVersion] = useState(0);
  const noticeRef = useRef<HTMLDivElement>(null);

  function changed(message: string) {
    setNotice(message);
    loaded.reload();
    setVersion((v) => v + 1);
    window.setTimeout(() => noticeRef.current?.focus(), 0);
  }

  const title = workshop?.title ?? t('workshop.titleShort');
  return (
    <Page help="animer-un-atelier" title={title}>
      <p className="breadcrumbs">
        <Link to="/ateliers">{t('workshop.back')}</Link>
      </p>
      <div ref={noticeRef} tabIndex={-1} className="notice-anchor">
        <SuccessNotice>{notice}</SuccessNotice>
      </div>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !workshop && <Loading />}
      {workshop && (
        <>
          <section className="card" aria-labelledby="workshop-details-title">
            <div className="card-heading">
              <h2 id="workshop-details-title">{t('workshop.details')}</h2>
              {workshop.can.manage && (
                <div className="row-actions">
                  <Link to={`/ateliers/${workshop.id}/modifier`} className="button button-secondary">
                    {t('workshop.edit')}
                  </Link>
                  <ConfirmButton
                    label={t('workshop.close')}
                    className="button button-secondary"
                    danger={false}
                    title={t('workshop.closeTitle', { title: workshop.title })}
                    message={<p>{t('workshop.closeText')}</p>}
                    confirmLabel={t('workshop.closeConfirm')}
                    onConfirm={async () => {
                      await trainingApi.updateWorkshop(workshop.id, { closed: true });
                      changed(t('workshop.closed', { title: workshop.title }));
                    }}
                  />
                  <ReasonButton
                    label={t('workshop.cancel')}
                    className="button button-danger-outline"
                    title={t('workshop.cancelTitle', { title: workshop.title })}
                    message={<p>{t('workshop.cancelText')}</p>}
                    reasonLabel={t('workshop.cancelReason')}
                    keepLabel={t('workshop.keep')}
                    confirmLabel={t('workshop.cancelConfirm')}
                    onConfirm={async (reason) => {
                      await trainingApi.cancelWorkshop(workshop.id, reason);
                      changed(t('workshop.cancelled', { title: workshop.title }));
                    }}
                  />
                </div>
              )}
            </div>
            <Properties workshop={workshop} />
          </section>
          <SessionsPanel workshop={workshop} onChanged={changed} />
          <RosterPanel workshop={workshop} version={version} onChanged={changed} />
        </>
      )}
    </Page>
  );
}
