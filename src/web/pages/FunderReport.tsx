/**
 * A funder's report (`/rapports/financeurs/:id`, `?du=&au=`, this year by default): for each programme it
 * pays for, the units subsidised, the amounts, the internet aids and the people reached by public against
 * the programme's targets; totals first; PDF, XLSX and CSV. A programme owner's readers see only their
 * programmes (the server says so with `scope: "owner"`).
 */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { FunderBudgetPart } from '../components/budgets/FunderBudgetPart.tsx';
import { ReportCheques } from '../components/cheques/ReportCheques.tsx';
import { BarChart } from '../components/reports/charts.tsx';
import { formatCount, formatEuros, formatReportDay, formatShare } from '../components/reports/format.tsx';
import {
  Downloads,
  GroupTargetTable,
  KeyFigures,
  PeriodFilter,
  usePeriodParams,
} from '../components/reports/parts.tsx';
import { ErrorAlert, Loading, Page, useLoad } from '../components/ui.tsx';
import { type FunderReport as Report, reportFiles, reportsApi } from '../reportsApi.ts';

type ProgrammeLine = Report['programmes'][number];

function ProgrammeCard({ line, funderName }: { line: ProgrammeLine; funderName: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const p = line.programme;
  const headingId = `funder-programme-${p.id}`;
  const properties: [string, string][] = [
    [t('reports.funder.owner'), p.ownerName],
    [t('reports.funder.mode'), t(`programmeModes.${p.mode}`)],
    [
      t('reports.funder.subsidyPerUnit'),
      line.subsidyPerUnitCents === null
        ? t('reports.funder.noSubsidy')
        : formatEuros(line.subsidyPerUnitCents, language),
    ],
    [t('reports.funder.units'), formatCount(line.unitsSubsidised, language)],
    [t('reports.funder.subsidies'), formatEuros(line.subsidiesCents, language)],
    [
      t('reports.funder.aids'),
      t('reports.funder.aidsLine', {
        count: line.internetAids.count,
        amount: formatEuros(line.internetAids.totalCents, language),
      }),
    ],
    [t('reports.funder.total'), formatEuros(line.totalCents, language)],
    [
      t('reports.funder.reached'),
      line.target.beneficiaries === null
        ? formatCount(line.reached, language)
        : t('reports.funder.reachedOfTarget', {
            count: formatCount(line.reached, language),
            target: formatCount(line.target.beneficiaries, language),
            share: formatShare(line.target.achievement ?? 0, language),
          }),
    ],
  ];
  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Link to={`/programmes/${p.id}`}>{p.name}</Link>
      </h3>
      <p className="muted">
        {t('reports.funder.programmePeriod', {
          from: formatReportDay(p.startsOn, language),
          to: formatReportDay(p.endsOn, language),
        })}
      </p>
      <dl className="properties properties-columns">
        {properties.map(([label, value]) => (
          <div key={label} className="property">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <GroupTargetTable
        label={t('reports.funder.byGroupOf', { name: p.name })}
        countHeader={t('reports.funder.reached')}
        rows={line.byGroup.map((g) => ({ group: g.group, count: g.reached, target: g.target }))}
      />
      <FunderBudgetPart budget={line.budget} funderName={funderName} programmeName={p.name} />
    </section>
  );
}

export default function FunderReport() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { id = '' } = useParams();
  const { from, to, set } = usePeriodParams();
  const loaded = useLoad((signal) => reportsApi.funderReport(id, { from, to }, signal), [id, from, to]);
  const report = loaded.data?.funder.id === id ? loaded.data : undefined;
  const totals = report?.totals;

  return (
    <Page
      help="rapport-annuel"
      title={
        report ? t('reports.funder.title', { name: report.funder.name }) : t('reports.funder.titleShort')
      }
    >
      <p className="breadcrumbs">
        <Link to="/rapports">{t('reports.backToReports')}</Link>
      </p>
      <p className="help">{t('reports.funder.intro')}</p>
      <PeriodFilter shown={report?.period} onSubmit={set} />
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !report && <Loading />}
      <p className="results-count" role="status">
        {report && !loaded.loading
          ? t('reports.periodShown', {
              from: formatReportDay(report.period.from, language),
              to: formatReportDay(report.period.to, language),
            })
          : ''}
      </p>
      {report && totals && (
        <div aria-busy={loaded.loading}>
          {report.scope === 'owner' && <p className="alert alert-info">{t('reports.funder.ownerScope')}</p>}
          <Downloads
            title={t('reports.downloads.title')}
            files={(['pdf', 'xlsx', 'csv'] as const).map((format) => ({
              key: format,
              label: t(`reports.downloads.${format}`),
              address: reportFiles.funder(id, format, report.period),
              fileName: `bilan-financeur.${format}`,
            }))}
          />
          <section className="card" aria-labelledby="funder-key-title">
            <h2 id="funder-key-title">{t('reports.keyFigures')}</h2>
            <KeyFigures
              label={t('reports.keyFigures')}
              figures={[
                {
                  key: 'units',
                  label: t('reports.funder.units'),
                  value: formatCount(totals.unitsSubsidised, language),
                },
                {
                  key: 'subsidies',
                  label: t('reports.funder.subsidies'),
                  value: formatEuros(totals.subsidiesCents, language),
                },
                {
                  key: 'aids',
                  label: t('reports.funder.aids'),
                  value: formatCount(totals.internetAids.count, language),
                  detail: t('reports.programme.aidsTotal', {
                    amount: formatEuros(totals.internetAids.totalCents, language),
                  }),
                },
                {
                  key: 'total',
                  label: t('reports.funder.total'),
                  value: formatEuros(totals.totalCents, language),
                },
                {
                  key: 'reached',
                  label: t('reports.funder.reached'),
                  value: formatCount(totals.reached, language),
                  detail: t('reports.funder.reachedOnce'),
                },
              ]}
            />
            {totals.reached > 0 && (
              <BarChart
                title={t('reports.funder.byGroupChart')}
                rowHeader={t('reports.colPublic')}
                series={[{ label: t('reports.funder.reached') }]}
                rows={totals.byGroup.map((group) => ({
                  key: group.group,
                  label: t(`targetGroups.${group.group}`),
                  values: [group.reached],
                }))}
                format={(value) => formatCount(value, language)}
              />
            )}
          </section>
          <ReportCheques figures={report.cheques} section />
          <h2>{t('reports.funder.programmes', { count: report.programmes.length })}</h2>
          {report.programmes.length === 0 ? (
            <p className="empty">{t('reports.funder.noProgrammes')}</p>
          ) : (
            report.programmes.map((line) => (
              <ProgrammeCard key={line.programme.id} line={line} funderName={report.funder.name} />
            ))
          )}
        </div>
      )}
    </Page>
  );
}
