/**
 * One donation: who gave what and when, its devices counted by status and listed, the way to record
 * more (intake screen, import), the batch summary and the traceability report for the donor.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, DEVICE_STATUSES, type DonationDetail as Donation, documents } from '../api.ts';
import { DeviceTable } from '../components/DeviceTable.tsx';
import { formatDay, formatNumber, StatusBadge, useDonationParties } from '../components/inventory.tsx';
import { ShowMore, usePagedList } from '../components/lists.tsx';
import { readsDonorSummary } from '../components/reports/access.ts';
import {
  DateTime,
  ErrorAlert,
  Loading,
  Page,
  SuccessNotice,
  TableScroll,
  useLoad,
} from '../components/ui.tsx';
import { canUseStock, useMe } from '../session.tsx';
import type { NoticeState } from './OrganisationForm.tsx';

const PAGE_SIZE = 50;

function DonationDevices({ donation }: { donation: Donation }) {
  const { t } = useTranslation();
  const first = useLoad(
    (signal) => api.devices({ donationId: donation.id, limit: PAGE_SIZE }, signal),
    [donation.id],
  );
  const list = usePagedList(first.data, (cursor) =>
    api.devices({ donationId: donation.id, limit: PAGE_SIZE, cursor }),
  );
  return (
    <section aria-labelledby="donation-devices-title">
      <h2 id="donation-devices-title">{t('donation.devices')}</h2>
      <ErrorAlert error={first.error} onRetry={first.reload} />
      {first.loading && list.items.length === 0 && <Loading />}
      {first.data && list.items.length === 0 && <p className="empty">{t('donation.noDevices')}</p>}
      {list.items.length > 0 && <DeviceTable devices={list.items} caption={t('donation.devicesCaption')} />}
      <ShowMore list={list} />
    </section>
  );
}

function TraceabilityReport({
  donation,
  open,
  linkDevices,
}: {
  donation: Donation;
  open: boolean;
  /** Whether the reader may open the devices (the refurbisher's members). */
  linkDevices: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [shown, setShown] = useState(open);
  const report = useLoad(
    (signal) => (shown ? api.donationReport(donation.id, signal) : Promise.resolve(null)),
    [donation.id, shown],
  );
  return (
    <section className="card" aria-labelledby="report-title">
      <h2 id="report-title">{t('donation.report')}</h2>
      <p>{t('donation.reportIntro')}</p>
      <div className="actions">
        <a
          className="button button-secondary"
          href={documents.donationReportPdf(donation.id)}
          type="application/pdf"
        >
          {t('donation.reportPdf')}
        </a>
        <a
          className="button button-secondary"
          href={documents.donationReportCsv(donation.id)}
          type="text/csv"
          download
        >
          {t('donation.reportCsv')}
        </a>
        <button
          type="button"
          className="button button-secondary"
          aria-expanded={shown}
          aria-controls="report-table"
          onClick={() => setShown((value) => !value)}
        >
          {shown ? t('donation.reportHide') : t('donation.reportShow')}
        </button>
      </div>
      <div id="report-table">
        {shown && (
          <>
            <ErrorAlert error={report.error} onRetry={report.reload} />
            {report.loading && !report.data && <Loading />}
            {report.data && report.data.devices.length === 0 && (
              <p className="empty">{t('donation.noDevices')}</p>
            )}
            {report.data && (
              <dl className="report-summary">
                {(['received', 'reused', 'recycled', 'inStock', 'lost'] as const).map((key) => (
                  <div key={key}>
                    <dt>{t(`donation.reportSummary.${key}`)}</dt>
                    <dd>{formatNumber(report.data?.summary[key] ?? 0, i18n.language)}</dd>
                  </div>
                ))}
                <div>
                  <dt>{t('donation.reportSummary.co2e')}</dt>
                  <dd>
                    {t('donation.kg', {
                      value: formatNumber(report.data.summary.co2eAvoidedKg, i18n.language),
                    })}
                  </dd>
                </div>
                <div>
                  <dt>{t('donation.reportSummary.weee')}</dt>
                  <dd>
                    {t('donation.kg', {
                      value: formatNumber(report.data.summary.weeeAvoidedKg, i18n.language),
                    })}
                  </dd>
                </div>
              </dl>
            )}
            {report.data && report.data.devices.length > 0 && (
              <TableScroll label={t('donation.reportCaption')}>
                <table>
                  <caption className="visually-hidden">{t('donation.reportCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('deviceFields.assetTag')}</th>
                      <th scope="col">{t('deviceFields.type')}</th>
                      <th scope="col">{t('deviceFields.status')}</th>
                      <th scope="col">{t('donation.colErasure')}</th>
                      <th scope="col">{t('donation.colFate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.data.devices.map((device) => (
                      <tr key={device.id}>
                        <th scope="row" className="nowrap">
                          {linkDevices ? (
                            <Link to={`/appareils/${device.id}`}>{device.assetTag}</Link>
                          ) : (
                            device.assetTag
                          )}
                        </th>
                        <td>{t(`deviceTypes.${device.type}`)}</td>
                        <td>
                          <StatusBadge status={device.status} />
                        </td>
                        <td>
                          {device.erasure
                            ? [
                                t(`erasure.results.${device.erasure.result}`),
                                device.erasure.certificateNumber
                                  ? t('donation.certificate', { number: device.erasure.certificateNumber })
                                  : '',
                              ]
                                .filter(Boolean)
                                .join(' · ')
                            : t('donation.noErasure')}
                        </td>
                        <td>
                          {device.fate
                            ? `${device.fate.programmeName} · ${t(`donation.fateModes.${device.fate.mode}`)}`
                            : t('donation.noFate')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </>
        )}
      </div>
    </section>
  );
}

export default function DonationDetail() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const [notice] = useState(() => (location.state as NoticeState | null)?.notice ?? '');
  const loaded = useLoad((signal) => api.donation(id, signal), [id]);
  const donation = loaded.data?.id === id ? loaded.data : undefined;
  const parties = useDonationParties(donation);

  // The notice is shown once: forget it so that a reload does not repeat it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on arrival.
  useEffect(() => {
    if (location.state) navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, []);

  const language = i18n.language;
  const donor = parties.donor ?? '';
  // The donor's members do not see the refurbisher's stock: the report tells them what became of it.
  const seesDevices =
    !!donation &&
    (me.user.isPlatformAdmin ||
      me.memberships.some((m) => m.organisation.id === donation.refurbisherOrganisationId));
  const title = donation
    ? donor
      ? t('donation.title', { date: formatDay(donation.receivedOn, language), donor })
      : t('donation.titleDate', { date: formatDay(donation.receivedOn, language) })
    : t('donation.titleShort');
  const recorded = donation ? Object.values(donation.deviceCounts).reduce((sum, n) => sum + (n ?? 0), 0) : 0;

  return (
    <Page help="recevoir-un-lot" title={title}>
      <p>
        <Link to="/dons">{t('donation.back')}</Link>
      </p>
      <SuccessNotice>{notice}</SuccessNotice>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !donation && <Loading />}
      {donation && (
        <>
          <div className="actions page-actions">
            {donation.can.addDevices && (
              <>
                <Link to={`/dons/${donation.id}/saisie`} className="button button-primary">
                  {t('donation.intake')}
                </Link>
                <Link to={`/dons/${donation.id}/import`} className="button button-secondary">
                  {t('donation.import')}
                </Link>
              </>
            )}
            <a
              className="button button-secondary"
              href={documents.donationSummaryPdf(donation.id)}
              type="application/pdf"
            >
              {t('donation.summaryPdf')}
            </a>
            {readsDonorSummary(me, donation) && (
              <Link
                to={`/rapports/donateurs/${donation.donorOrganisationId}?year=${donation.receivedOn.slice(0, 4)}`}
                className="button button-secondary"
              >
                {t('reports.links.donorSummary', { name: donor || t('donationForm.donor') })}
              </Link>
            )}
            {seesDevices && canUseStock(me) && recorded > 0 && (
              <Link to={`/stock?donation=${donation.id}`} className="button button-secondary">
                {t('donation.seeInStock')}
              </Link>
            )}
          </div>
          <div className="detail-grid">
            <section className="card" aria-labelledby="donation-details-title">
              <h2 id="donation-details-title">{t('donation.details')}</h2>
              <dl className="properties">
                <dt>{t('donationForm.donor')}</dt>
                <dd>
                  <Link to={`/organisations/${donation.donorOrganisationId}`}>
                    {parties.donor ?? t('common.loading')}
                  </Link>
                </dd>
                <dt>{t('donationForm.refurbisher')}</dt>
                <dd>
                  <Link to={`/organisations/${donation.refurbisherOrganisationId}`}>
                    {parties.refurbisher ?? t('common.loading')}
                  </Link>
                </dd>
                <dt>{t('donationForm.receivedOn')}</dt>
                <dd>{formatDay(donation.receivedOn, language)}</dd>
                <dt>{t('donationForm.pickupAddress')}</dt>
                <dd className="pre-line">{donation.pickupAddress ?? t('common.none')}</dd>
                <dt>{t('donationForm.declaredCount')}</dt>
                <dd>
                  {donation.declaredCount === null
                    ? t('common.none')
                    : formatNumber(donation.declaredCount, language)}
                </dd>
                <dt>{t('donationForm.note')}</dt>
                <dd className="pre-line">{donation.note ?? t('common.none')}</dd>
                <dt>{t('donation.createdAt')}</dt>
                <dd>
                  <DateTime value={donation.createdAt} />
                </dd>
              </dl>
            </section>
            <section className="card" aria-labelledby="donation-counts-title">
              <h2 id="donation-counts-title">{t('donation.counts')}</h2>
              <p className="count-large">
                {donation.declaredCount === null
                  ? t('donation.recorded', { count: recorded })
                  : t('donation.recordedOfDeclared', { count: recorded, declared: donation.declaredCount })}
              </p>
              {recorded > 0 && (
                <ul className="count-list">
                  {DEVICE_STATUSES.filter((status) => donation.deviceCounts[status]).map((status) => (
                    <li key={status}>
                      <StatusBadge status={status} />
                      <span className="count-value">
                        {formatNumber(donation.deviceCounts[status] ?? 0, language)}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
          {seesDevices && <DonationDevices donation={donation} />}
          <TraceabilityReport donation={donation} open={!seesDevices} linkDevices={seesDevices} />
        </>
      )}
    </Page>
  );
}
