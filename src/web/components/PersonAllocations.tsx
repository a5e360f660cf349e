/**
 * The devices of a person on their page, across programmes: what happened to each (reserved, handed over,
 * paid, loan), the signature drawn, and for the staff of the programme's owner « Signaler un problème »
 * and « Annuler la remise » on a handed-over device.
 */
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { distributionApi } from '../distributionApi.ts';
import type { Referral } from '../peopleApi.ts';
import { distributesFor, useMe } from '../session.tsx';
import { AllocationFacts, AllocationStatusBadge, deviceTypeText, TakeBackButton } from './Allocations.tsx';
import { OpenTicketButton } from './Maintenance.tsx';
import { ErrorAlert, Loading, TableScroll, useLoad } from './ui.tsx';

export function PersonAllocations({
  beneficiaryId,
  referrals,
  version,
  onChanged,
  headingRef,
}: {
  beneficiaryId: string;
  referrals: readonly Referral[];
  version: number;
  /** After a change: the message to show (the page reloads what depends on it). */
  onChanged: (message: string) => void;
  headingRef?: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const loaded = useLoad(
    (signal) => distributionApi.allocations({ beneficiaryId, limit: 100 }, signal),
    [beneficiaryId, version],
  );
  const items = loaded.data?.items ?? [];
  const programmes = new Map(referrals.map((r) => [r.programmeId, r] as const));
  return (
    <section className="card" aria-labelledby="person-devices-title" aria-busy={loaded.loading}>
      <h2 id="person-devices-title" ref={headingRef} tabIndex={-1}>
        {t('personAllocations.title')}
      </h2>
      <p className="help">{t('personAllocations.intro')}</p>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !loaded.data && <Loading />}
      {loaded.data && items.length === 0 && <p className="empty">{t('personAllocations.empty')}</p>}
      {items.length > 0 && (
        <TableScroll label={t('personAllocations.caption')}>
          <table>
            <caption className="visually-hidden">{t('personAllocations.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('distribution.colDevice')}</th>
                <th scope="col">{t('personAllocations.colProgramme')}</th>
                <th scope="col">{t('distribution.colStatus')}</th>
                <th scope="col">{t('distribution.colDates')}</th>
                <th scope="col">{t('distribution.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((allocation) => {
                const referral = programmes.get(allocation.programmeId);
                const manages =
                  referral !== undefined &&
                  distributesFor(me, {
                    ownerOrganisationId: referral.programmeOwnerOrganisationId,
                    can: { manage: false },
                  });
                return (
                  <tr key={allocation.id}>
                    <th scope="row">
                      <Link to={`/appareils/${allocation.deviceId}`}>{allocation.assetTag}</Link>
                      <br />
                      <span className="small muted">{deviceTypeText(allocation.deviceType)}</span>
                    </th>
                    <td>
                      <Link to={`/programmes/${allocation.programmeId}`}>
                        {referral?.programmeName ?? t('personAllocations.colProgramme')}
                      </Link>
                    </td>
                    <td>
                      <AllocationStatusBadge status={allocation.status} />
                    </td>
                    <td>
                      <AllocationFacts allocation={allocation} />
                    </td>
                    <td>
                      {allocation.status === 'handed_over' && manages && (
                        <div className="row-actions">
                          <OpenTicketButton
                            allocation={allocation}
                            onOpened={(ticket) => onChanged(t('tickets.opened', { tag: ticket.assetTag }))}
                          />
                          <TakeBackButton
                            allocation={allocation}
                            onDone={(updated) => onChanged(t('takeBack.done', { tag: updated.assetTag }))}
                          />
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
