/**
 * A donor's yearly summary (`/rapports/donateurs/:id?year=`, this year by default): the devices of the
 * donations received that year and where each stands today (reused, recycled, in progress, lost), CO2e
 * and WEEE avoided with the method, by type and by donation; the PDF thank-you page and the CSV.
 */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAddressSearch } from '../components/lists.tsx';
import { BarChart } from '../components/reports/charts.tsx';
import { formatCount, formatReportDay } from '../components/reports/format.tsx';
import { Downloads, ImpactFigures, KeyFigures } from '../components/reports/parts.tsx';
import { ErrorAlert, Loading, Page, TableScroll, useLoad } from '../components/ui.tsx';
import { reportFiles, reportsApi } from '../reportsApi.ts';

const FATES = ['reused', 'recycled', 'inProgress', 'lost'] as const;
const YEARS_SHOWN = 10;

export default function DonorSummary() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { id = '' } = useParams();
  const { params, update } = useAddressSearch();
  const thisYear = new Date().getFullYear();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 1990 && asked <= thisYear + 1 ? asked : thisYear;
  const loaded = useLoad((signal) => reportsApi.donorSummary(id, year, signal), [id, year]);
  const summary = loaded.data?.donor.id === id && loaded.data.year === year ? loaded.data : undefined;
  const years = Array.from({ length: YEARS_SHOWN }, (_, i) => thisYear - i);
  if (!years.includes(year)) years.push(year);
  const totals = summary?.totals;

  return (
    <Page
      help="rapport-annuel"
      title={
        summary
          ? t('reports.donor.title', { name: summary.donor.name, year })
          : t('reports.donor.titleShort', { year })
      }
    >
      <p className="breadcrumbs">
        <Link to="/rapports">{t('reports.backToReports')}</Link>
      </p>
      <p className="help">{t('reports.donor.intro')}</p>
      <div className="filters">
        <div className="field">
          <label htmlFor="donor-year">{t('reports.donor.year')}</label>
          <select id="donor-year" value={year} onChange={(event) => update({ year: event.target.value })}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !summary && <Loading />}
      {summary && totals && (
        <div aria-busy={loaded.loading}>
          {summary.scope === 'refurbisher' && (
            <p className="alert alert-info">{t('reports.donor.refurbisherScope')}</p>
          )}
          <Downloads
            title={t('reports.downloads.title')}
            files={(['pdf', 'csv'] as const).map((format) => ({
              key: format,
              label: t(`reports.downloads.${format}`),
              address: reportFiles.donor(id, format, year),
              fileName: `bilan-donateur-${year}.${format}`,
            }))}
          />
          <section className="card" aria-labelledby="donor-key-title">
            <h2 id="donor-key-title">{t('reports.keyFigures')}</h2>
            {totals.given === 0 ? (
              <p className="empty">{t('reports.donor.none', { year })}</p>
            ) : (
              <>
                <KeyFigures
                  label={t('reports.keyFigures')}
                  figures={[
                    {
                      key: 'given',
                      label: t('reports.donor.given'),
                      value: formatCount(totals.given, language),
                    },
                    ...FATES.map((fate) => ({
                      key: fate,
                      label: t(`reports.donor.fates.${fate}`),
                      value: formatCount(totals[fate], language),
                    })),
                  ]}
                />
                <BarChart
                  title={t('reports.donor.fatesChart')}
                  rowHeader={t('reports.donor.colFate')}
                  series={[{ label: t('reports.colDevices') }]}
                  rows={FATES.map((fate) => ({
                    key: fate,
                    label: t(`reports.donor.fates.${fate}`),
                    values: [totals[fate]],
                  }))}
                  format={(value) => formatCount(value, language)}
                />
              </>
            )}
          </section>
          <section className="card" aria-labelledby="donor-impact-title">
            <h2 id="donor-impact-title">{t('reports.impact.title')}</h2>
            <p>{t('reports.donor.impactIntro', { count: totals.reused })}</p>
            <ImpactFigures
              co2eAvoidedKg={totals.co2eAvoidedKg}
              weeeAvoidedKg={totals.weeeAvoidedKg}
              method={summary.method}
            />
          </section>
          {summary.byType.length > 0 && (
            <section className="card" aria-labelledby="donor-types-title">
              <h2 id="donor-types-title">{t('reports.donor.byType')}</h2>
              <TableScroll label={t('reports.donor.byType')}>
                <table>
                  <caption className="visually-hidden">{t('reports.donor.byType')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('reports.colType')}</th>
                      <th scope="col" className="numeric">
                        {t('reports.donor.given')}
                      </th>
                      {FATES.map((fate) => (
                        <th scope="col" className="numeric" key={fate}>
                          {t(`reports.donor.fates.${fate}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {summary.byType.map((row) => (
                      <tr key={row.type}>
                        <th scope="row">{t(`deviceTypes.${row.type}`)}</th>
                        <td className="numeric">{formatCount(row.given, language)}</td>
                        {FATES.map((fate) => (
                          <td className="numeric" key={fate}>
                            {formatCount(row[fate], language)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </section>
          )}
          {summary.donations.length > 0 && (
            <section className="card" aria-labelledby="donor-donations-title">
              <h2 id="donor-donations-title">{t('reports.donor.donations')}</h2>
              <TableScroll label={t('reports.donor.donations')}>
                <table>
                  <caption className="visually-hidden">{t('reports.donor.donations')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('reports.donor.colReceivedOn')}</th>
                      <th scope="col">{t('reports.donor.colRefurbisher')}</th>
                      <th scope="col" className="numeric">
                        {t('reports.donor.given')}
                      </th>
                      {FATES.map((fate) => (
                        <th scope="col" className="numeric" key={fate}>
                          {t(`reports.donor.fates.${fate}`)}
                        </th>
                      ))}
                      <th scope="col" className="numeric">
                        {t('reports.donor.colCo2e')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {summary.donations.map((donation) => (
                      <tr key={donation.id}>
                        <th scope="row">
                          <Link to={`/dons/${donation.id}`}>
                            {formatReportDay(donation.receivedOn, language)}
                          </Link>
                        </th>
                        <td>{donation.refurbisherName}</td>
                        <td className="numeric">{formatCount(donation.given, language)}</td>
                        {FATES.map((fate) => (
                          <td className="numeric" key={fate}>
                            {formatCount(donation[fate], language)}
                          </td>
                        ))}
                        <td className="numeric nowrap">
                          {t('reports.kg', { value: formatCount(donation.co2eAvoidedKg, language) })}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </section>
          )}
        </div>
      )}
    </Page>
  );
}
