/**
 * One association order (`/portail/commandes/<id>`), for the association and for the programme owner: its
 * status and lines, the devices set aside or handed over (with the loan's due day and the problems under
 * way), its history, and the actions the server allows the caller (`can`): approve, refuse with a reason,
 * prepare, hand over, cancel with a reason — each confirmed first — and « Signaler un problème » on a
 * device received.
 */
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { deviceTypeText } from '../components/Allocations.tsx';
import { ConfirmButton, TextDialogButton } from '../components/forms.tsx';
import { formatDay } from '../components/inventory.tsx';
import { gradeText, lineText, OrderStatusBadge, ReasonButton } from '../components/portal/shared.tsx';
import { DateTime, ErrorAlert, Loading, Page, TableScroll, useLoad } from '../components/ui.tsx';
import { type Order, type OrderDevice, PORTAL_LIMITS, portalApi } from '../portalApi.ts';
import { useMe } from '../session.tsx';

function ReportButton({
  order,
  device,
  onDone,
}: {
  order: Order;
  device: OrderDevice;
  onDone: (device: OrderDevice) => void;
}) {
  const { t } = useTranslation();
  return (
    <TextDialogButton
      label={t('portal.order.report')}
      ariaLabel={t('portal.order.reportOf', { device: device.assetTag })}
      buttonClassName="button button-small button-secondary"
      title={t('portal.order.reportTitle', { device: device.assetTag })}
      text={t('portal.order.reportText')}
      name="description"
      fieldLabel={t('portal.order.description')}
      fieldHelp={t('portal.order.descriptionHelp')}
      requiredMessage={t('portal.order.descriptionRequired')}
      maxLength={PORTAL_LIMITS.descriptionMax}
      rows={4}
      cancelLabel={t('common.cancel')}
      submitLabel={t('portal.order.reportSend')}
      onSubmit={async (description) => {
        await portalApi.reportProblem(order.id, device.allocationId, description);
        onDone(device);
      }}
    />
  );
}

function Actions({ order, onChanged }: { order: Order; onChanged: (order: Order, notice: string) => void }) {
  const { t } = useTranslation();
  const { can } = order;
  const number = order.number;
  if (!can.approve && !can.refuse && !can.prepare && !can.handOver && !can.cancel) return null;
  return (
    <section aria-labelledby="order-actions">
      <h2 id="order-actions">{t('portal.order.actions')}</h2>
      <div className="actions">
        {can.approve && (
          <ConfirmButton
            className="button button-primary"
            danger={false}
            label={t('portal.order.approve')}
            title={t('portal.order.approveTitle', { number })}
            message={<p>{t('portal.order.approveText')}</p>}
            confirmLabel={t('portal.order.approve')}
            onConfirm={async () =>
              onChanged(await portalApi.approveOrder(order.id), t('portal.order.approved'))
            }
          />
        )}
        {can.prepare && (
          <ConfirmButton
            className="button button-primary"
            danger={false}
            label={t('portal.order.prepare')}
            title={t('portal.order.prepareTitle', { number })}
            message={<p>{t('portal.order.prepareText')}</p>}
            confirmLabel={t('portal.order.prepare')}
            onConfirm={async () =>
              onChanged(await portalApi.prepareOrder(order.id), t('portal.order.prepared'))
            }
          />
        )}
        {can.handOver && (
          <ConfirmButton
            className="button button-primary"
            danger={false}
            label={t('portal.order.handOver')}
            title={t('portal.order.handOverTitle', { number })}
            message={<p>{t('portal.order.handOverText')}</p>}
            confirmLabel={t('portal.order.handOver')}
            onConfirm={async () =>
              onChanged(await portalApi.handOverOrder(order.id), t('portal.order.handedOver'))
            }
          />
        )}
        {can.refuse && (
          <ReasonButton
            small={false}
            label={t('portal.order.refuse')}
            title={t('portal.order.refuseTitle', { number })}
            text={t('portal.order.refuseText')}
            help={t('portal.order.refuseHelp')}
            confirmLabel={t('portal.order.refuse')}
            onConfirm={async (reason) =>
              onChanged(await portalApi.refuseOrder(order.id, reason), t('portal.order.refused'))
            }
          />
        )}
        {can.cancel && (
          <ReasonButton
            small={false}
            label={t('portal.order.cancel')}
            title={t('portal.order.cancelTitle', { number })}
            text={t('portal.order.cancelText')}
            help={t('portal.order.cancelHelp')}
            confirmLabel={t('portal.order.cancelConfirm')}
            onConfirm={async (reason) =>
              onChanged(await portalApi.cancelOrder(order.id, reason), t('portal.order.cancelled'))
            }
          />
        )}
      </div>
    </section>
  );
}

function Devices({ order, onReported }: { order: Order; onReported: (device: OrderDevice) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const caption = t('portal.order.devicesCaption', { number: order.number });
  return (
    <section aria-labelledby="order-devices">
      <h2 id="order-devices">{t('portal.order.devices')}</h2>
      {order.devices.length === 0 ? (
        <p className="empty">{t('portal.order.devicesEmpty')}</p>
      ) : (
        <TableScroll label={caption}>
          <table>
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('portal.order.colDevice')}</th>
                <th scope="col">{t('portal.order.colStatus')}</th>
                <th scope="col">{t('portal.order.colHandedOver')}</th>
                <th scope="col">{t('portal.order.colLoanDue')}</th>
                <th scope="col">{t('portal.order.colTickets')}</th>
                {order.can.reportProblem && <th scope="col">{t('portal.order.colActions')}</th>}
              </tr>
            </thead>
            <tbody>
              {order.devices.map((device) => (
                <tr key={device.allocationId}>
                  <th scope="row">
                    {device.assetTag}
                    <br />
                    <span className="small muted">
                      {deviceTypeText(device.deviceType)}
                      {device.grade ? `, ${gradeText(device.grade)}` : ''}
                    </span>
                  </th>
                  <td>{t(`distribution.statuses.${device.status}`)}</td>
                  <td className="nowrap">
                    {device.handedOverOn
                      ? formatDay(device.handedOverOn, language)
                      : t('portal.order.notYet')}
                  </td>
                  <td className="nowrap">
                    {device.loanDueOn ? formatDay(device.loanDueOn, language) : t('portal.order.noLoan')}
                  </td>
                  <td>
                    {device.openTickets > 0
                      ? t('portal.order.openTickets', { count: device.openTickets })
                      : t('portal.order.noTickets')}
                  </td>
                  {order.can.reportProblem && (
                    <td>
                      {device.status === 'handed_over' && (
                        <ReportButton order={order} device={device} onDone={onReported} />
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

export default function PortalOrder() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const me = useMe();
  const { id = '' } = useParams();
  const loaded = useLoad((signal) => portalApi.orderDetail(id, signal), [id]);
  const order = loaded.data?.id === id ? loaded.data : undefined;
  const [notice, setNotice] = useState('');
  const noticeRef = useRef<HTMLDivElement>(null);
  const association = order ? me.memberships.some((m) => m.organisation.id === order.organisationId) : true;

  function changed(updated: Order, message: string) {
    loaded.setData(updated);
    setNotice(message);
    // The button pressed may be gone: the message takes the focus rather than nothing.
    window.setTimeout(() => noticeRef.current?.focus(), 0);
  }

  const rows: [string, ReactNode][] = order
    ? [
        [t('portal.order.status'), <OrderStatusBadge key="status" status={order.status} />],
        [t('portal.order.programme'), order.programmeName],
        [t('portal.order.association'), order.organisationName],
        [t('portal.order.submittedOn'), formatDay(order.submittedOn, language)],
      ]
    : [];

  return (
    <Page
      help="inscrire-une-association"
      title={order ? t('portal.order.title', { number: order.number }) : t('portal.order.titleShort')}
      className="portal-order"
    >
      <p className="breadcrumbs">
        {association || !order ? (
          <Link to="/portail">{t('portal.order.back')}</Link>
        ) : (
          <Link to={`/programmes/${order.programmeId}/associations`}>{t('portal.order.backOwner')}</Link>
        )}
      </p>
      <div role="status" ref={noticeRef} tabIndex={-1} className="notice-anchor">
        {notice && <p className="alert alert-success">{notice}</p>}
      </div>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !order && <Loading />}
      {order && (
        <>
          <dl className="properties properties-columns">
            {rows.map(([label, value]) => (
              <div key={label} className="property">
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          {order.refusalReason && (
            <p className="alert alert-info">
              <strong>{t('portal.order.refusalReason')}</strong> {order.refusalReason}
            </p>
          )}
          {order.cancelReason && (
            <p className="alert alert-info">
              <strong>{t('portal.order.cancelReason')}</strong> {order.cancelReason}
            </p>
          )}
          <Actions order={order} onChanged={changed} />
          <section aria-labelledby="order-lines">
            <h2 id="order-lines">{t('portal.order.lines')}</h2>
            <ul>
              {order.lines.map((line, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: two lines may share a type and grade; the lines never move.
                <li key={`${index}-${line.deviceType}-${line.grade ?? ''}`}>{lineText(line)}</li>
              ))}
            </ul>
            {order.note && (
              <>
                <h3>{t('portal.order.note')}</h3>
                <p className="pre-line">{order.note}</p>
              </>
            )}
          </section>
          <Devices
            order={order}
            onReported={(device) => {
              setNotice(t('portal.order.reported', { device: device.assetTag }));
              loaded.reload();
              window.setTimeout(() => noticeRef.current?.focus(), 0);
            }}
          />
          <section aria-labelledby="order-history">
            <h2 id="order-history">{t('portal.order.history')}</h2>
            <ol className="order-history">
              {order.history.map((event) => (
                <li key={`${event.at}-${event.status}`}>
                  <strong>{t(`portal.statuses.${event.status}`)}</strong> — <DateTime value={event.at} />
                  {event.byName && <> {t('portal.order.historyBy', { name: event.byName })}</>}
                  {/* The message sent with the order is shown above, with its lines. */}
                  {event.note && !(event.status === 'submitted' && event.note === order.note) && (
                    <>
                      <br />
                      <span className="pre-line">{event.note}</span>
                    </>
                  )}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </Page>
  );
}
