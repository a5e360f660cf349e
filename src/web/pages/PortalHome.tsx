/**
 * The association's space (`/portail`): for each programme its association belongs to, the catalogue
 * (how many devices of each type and grade are available, never which machines), the limits already used,
 * the order form (with a confirmation before sending) and the orders with their status. Each order opens
 * its page (devices, due dates, « signaler un problème »).
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deviceTypeText } from '../components/Allocations.tsx';
import { ShowMore, usePagedList } from '../components/lists.tsx';
import { OrderForm } from '../components/portal/OrderForm.tsx';
import { gradeText, OrdersTable } from '../components/portal/shared.tsx';
import { ErrorAlert, Loading, Page, TableScroll, useLoad } from '../components/ui.tsx';
import { type Catalogue, type PortalMembership, portalApi } from '../portalApi.ts';

const PAGE_SIZE = 50;

function CatalogueTable({ catalogue, programmeName }: { catalogue: Catalogue; programmeName: string }) {
  const { t } = useTranslation();
  const items = catalogue.items.filter((item) => item.available > 0);
  if (items.length === 0) return <p className="empty">{t('portal.home.catalogueEmpty')}</p>;
  const caption = t('portal.home.catalogueCaption', { programme: programmeName });
  return (
    <TableScroll label={caption}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('portal.home.colType')}</th>
            <th scope="col">{t('portal.home.colGrade')}</th>
            <th scope="col" className="numeric">
              {t('portal.home.colAvailable')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={`${item.deviceType}-${item.grade ?? ''}`}>
              <th scope="row">{deviceTypeText(item.deviceType)}</th>
              <td>{item.grade ? gradeText(item.grade) : t('distribution.noGrade')}</td>
              <td className="numeric">{item.available}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function ProgrammeSpace({ membership }: { membership: PortalMembership }) {
  const { t } = useTranslation();
  const headingId = `portal-programme-${membership.programmeId}`;
  const catalogue = useLoad(
    (signal) => portalApi.catalogue(membership.programmeId, membership.organisationId, signal),
    [membership.programmeId, membership.organisationId],
  );
  const first = useLoad(
    (signal) => portalApi.orders({ programmeId: membership.programmeId, limit: PAGE_SIZE }, signal),
    [membership.programmeId],
  );
  const list = usePagedList(first.data, (cursor) =>
    portalApi.orders({ programmeId: membership.programmeId, limit: PAGE_SIZE, cursor }),
  );
  const [notice, setNotice] = useState('');
  const noticeRef = useRef<HTMLDivElement>(null);
  const data = catalogue.data;
  const limits = data?.limits;
  const limitReached =
    limits !== undefined &&
    (limits.openOrders >= limits.maxOpenOrders || limits.devicesThisYear >= limits.maxDevicesPerYear);
  const anyAvailable = (data?.items ?? []).some((item) => item.available > 0);

  return (
    <section className="card portal-programme" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('portal.home.programme', { programme: membership.programmeName })}</h2>
      <p className="muted">{t('portal.home.organisation', { organisation: membership.organisationName })}</p>
      <div role="status" ref={noticeRef} tabIndex={-1} className="notice-anchor">
        {notice && <p className="alert alert-success">{notice}</p>}
      </div>
      <h3>{t('portal.home.catalogue')}</h3>
      <p className="help">{t('portal.home.catalogueIntro')}</p>
      <ErrorAlert error={catalogue.error} onRetry={catalogue.reload} />
      {catalogue.loading && !data && <Loading />}
      {data && <CatalogueTable catalogue={data} programmeName={membership.programmeName} />}
      {limits && (
        <>
          <h3>{t('portal.home.limits')}</h3>
          <ul>
            <li>
              {t('portal.home.devicesUsed', { count: limits.devicesThisYear, max: limits.maxDevicesPerYear })}
            </li>
            <li>{t('portal.home.ordersUsed', { count: limits.openOrders, max: limits.maxOpenOrders })}</li>
          </ul>
          {limitReached && <p className="alert alert-info">{t('portal.home.limitReached')}</p>}
        </>
      )}
      {data && anyAvailable && !limitReached && (
        <OrderForm
          programmeId={membership.programmeId}
          organisationId={membership.organisationId}
          catalogue={data}
          onSent={(order) => {
            setNotice(t('portal.orderForm.sent', { number: order.number }));
            list.setItems((items) => [order, ...items.filter((o) => o.id !== order.id)]);
            catalogue.reload();
            window.setTimeout(() => noticeRef.current?.focus(), 0);
          }}
        />
      )}
      <h3>{t('portal.home.orders')}</h3>
      <ErrorAlert error={first.error} onRetry={first.reload} />
      {first.loading && list.items.length === 0 && <Loading />}
      {first.data && list.items.length === 0 && <p className="empty">{t('portal.home.ordersEmpty')}</p>}
      {list.items.length > 0 && (
        <OrdersTable orders={list.items} showAssociation={false} showProgramme={false} />
      )}
      <ShowMore list={list} />
    </section>
  );
}

export default function PortalHome() {
  const { t } = useTranslation();
  const memberships = useLoad((signal) => portalApi.memberships(signal), []);
  return (
    <Page help="inscrire-une-association" title={t('portal.home.title')}>
      <p className="help">{t('portal.home.intro')}</p>
      <ErrorAlert error={memberships.error} onRetry={memberships.reload} />
      {memberships.loading && !memberships.data && <Loading />}
      {memberships.data && memberships.data.length === 0 && <p className="empty">{t('portal.home.empty')}</p>}
      {memberships.data?.map((membership) => (
        <ProgrammeSpace
          key={`${membership.programmeId}-${membership.organisationId}`}
          membership={membership}
        />
      ))}
    </Page>
  );
}
