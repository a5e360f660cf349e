/**
 * A programme's report (`/programmes/:id/rapport`, `?du=&au=`, the programme's own period by default):
 * key figures first (people referred, eligible and equipped against the target, devices, money, internet
 * aids, autonomy at exit), then devices, money, who was equipped (every share with its base), training and
 * the environmental impact with its method. Charts where one would rather look than read, each with its
 * table; the PDF, XLSX, CSV and open-data files. Figures only: the report never names a person.
 */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { DeviceType } from '../api.ts';
import { ReportBudgetSection } from '../components/budgets/ReportBudgetSection.tsx';
import { ReportCheques } from '../components/cheques/ReportCheques.tsx';
import { FollowUpReportCard } from '../components/followup/sections.tsx';
import { BarChart, type ChartRow } from '../components/reports/charts.tsx';
import {
  formatCount,
  formatEuros,
  formatReportDay,
  formatShare,
  PeopleFigure,
  ShareOf,
} from '../components/reports/format.tsx';
import {
  Downloads,
  GroupTargetTable,
  ImpactFigures,
  KeyFigures,
  PeriodFilter,
  ShareTable,
  usePeriodParams,
} from '../components/reports/parts.tsx';
import { ErrorAlert, Loading, Page, TableScroll, useLoad } from '../components/ui.tsx';
import { type ProgrammeReport as Report, reportFiles, reportsApi, SMALL_COUNT } from '../reportsApi.ts';

/** « objectif 40 : 80 % atteint », or « Pas d'objectif ». */
function useAchievementText(): (value: number, target: number | null) => string {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (value, target) =>
    target === null
      ? t('reports.noTarget')
      : t('reports.programme.againstTarget', {
          target: formatCount(target, language),
          share: formatShare(target > 0 ? value / target : 0, language),
        });
}

function KeyFiguresSection({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const b = report.beneficiaries;
  const money = report.money;
  const training = report.training;
  const achievementText = useAchievementText();
  return (
    <section className="card" aria-labelledby="report-key-title">
      <h2 id="report-key-title">{t('reports.keyFigures')}</h2>
      <KeyFigures
        label={t('reports.keyFigures')}
        figures={[
          {
            key: 'referred',
            label: t('reports.programme.referred'),
            value: formatCount(b.referred, language),
          },
          {
            key: 'eligible',
            label: t('reports.programme.eligible'),
            value: formatCount(b.eligible, language),
            detail: t('reports.programme.ofReferred', { count: b.referred }),
          },
          {
            key: 'equipped',
            label: t('reports.programme.equipped'),
            value: formatCount(b.equipped, language),
            detail: achievementText(b.equipped, b.target),
          },
          {
            key: 'devices',
            label: t('reports.programme.handedOver'),
            value: formatCount(report.devices.handedOver, language),
            detail:
              report.devices.target === null
                ? undefined
                : achievementText(report.devices.handedOver, report.devices.target),
          },
          {
            key: 'contributions',
            label: t('reports.programme.contributions'),
            value: formatEuros(money.contributionsCents, language),
          },
          {
            key: 'subsidies',
            label: t('reports.programme.subsidies'),
            value: formatEuros(money.subsidiesCents, language),
          },
          {
            key: 'aids',
            label: t('reports.programme.internetAids'),
            value: formatCount(money.internetAids.count, language),
            detail: t('reports.programme.aidsTotal', {
              amount: formatEuros(money.internetAids.totalCents, language),
            }),
          },
          {
            key: 'autonomy',
            label: t('reports.programme.autonomous'),
            value: formatShare(training.autonomousShare, language),
            detail: [
              t('reports.programme.ofAssessed', { count: training.assessedAtExit }),
              training.autonomyTarget === null
                ? ''
                : t('reports.programme.autonomyTarget', {
                    share: formatShare(
                      training.autonomyTarget > 1 ? training.autonomyTarget / 100 : training.autonomyTarget,
                      language,
                    ),
                  }),
            ]
              .filter(Boolean)
              .join(' · '),
          },
        ]}
      />
      <TargetsChart report={report} />
    </section>
  );
}

/** Targets against what was achieved: beneficiaries, devices, each public that has a target. */
function TargetsChart({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const b = report.beneficiaries;
  const rows: ChartRow[] = [];
  if (b.target !== null)
    rows.push({ key: 'equipped', label: t('reports.programme.equipped'), values: [b.equipped, b.target] });
  if (report.devices.target !== null)
    rows.push({
      key: 'devices',
      label: t('reports.programme.handedOver'),
      values: [report.devices.handedOver, report.devices.target],
    });
  for (const group of b.byGroup) {
    if (group.target === null) continue;
    rows.push({
      key: group.group,
      label: t(`targetGroups.${group.group}`),
      values: [group.equipped, group.target],
    });
  }
  if (rows.length === 0) return <p className="muted">{t('reports.programme.noTargets')}</p>;
  return (
    <BarChart
      title={t('reports.programme.targetsChart')}
      rowHeader={t('reports.programme.colFigure')}
      series={[{ label: t('reports.achieved') }, { label: t('reports.target'), kind: 'target' }]}
      rows={rows}
      format={(value) => formatCount(value, language)}
      extraColumns={[
        {
          header: t('reports.achievement'),
          cells: rows.map((row) => {
            const [done, target] = row.values;
            return typeof done === 'number' && typeof target === 'number' && target > 0
              ? formatShare(done / target, language)
              : t('reports.noTarget');
          }),
        },
      ]}
    />
  );
}

function BeneficiariesSection({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const b = report.beneficiaries;
  return (
    <section className="card" aria-labelledby="report-people-title">
      <h2 id="report-people-title">{t('reports.programme.beneficiaries')}</h2>
      <p>
        {t('reports.programme.equippedSplit', {
          count: b.equipped,
          persons: formatCount(b.persons, language),
          associations: formatCount(b.associations, language),
        })}
      </p>
      <GroupTargetTable
        label={t('reports.programme.byGroup')}
        countHeader={t('reports.programme.equipped')}
        rows={b.byGroup.map((g) => ({ group: g.group, count: g.equipped, target: g.target }))}
      />
    </section>
  );
}

function DevicesSection({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const types = (Object.entries(report.devices.byType) as [DeviceType, number][]).filter(([, n]) => n > 0);
  return (
    <section className="card" aria-labelledby="report-devices-title">
      <h2 id="report-devices-title">{t('reports.programme.devices')}</h2>
      {types.length === 0 ? (
        <p className="empty">{t('reports.programme.noDevices')}</p>
      ) : (
        <BarChart
          title={t('reports.programme.byType')}
          rowHeader={t('reports.colType')}
          series={[{ label: t('reports.programme.handedOver') }]}
          rows={types.map(([type, count]) => ({
            key: type,
            label: t(`deviceTypes.${type}`),
            values: [count],
          }))}
          format={(value) => formatCount(value, language)}
          extraColumns={[
            {
              header: t('reports.colShare'),
              cells: types.map(([type, count]) => (
                <ShareOf key={type} count={count} base={report.devices.handedOver} />
              )),
            },
          ]}
        />
      )}
      <h3 className="subheading">{t('reports.programme.osImages')}</h3>
      {report.devices.osImages.length === 0 ? (
        <p className="muted">{t('reports.programme.noOsImages')}</p>
      ) : (
        <TableScroll label={t('reports.programme.osImages')}>
          <table>
            <caption className="visually-hidden">{t('reports.programme.osImages')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.programme.colOsImage')}</th>
                <th scope="col" className="numeric">
                  {t('reports.colDevices')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.devices.osImages.map((image) => (
                <tr key={image.name}>
                  <th scope="row">{image.name}</th>
                  <td className="numeric">{formatCount(image.count, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

function MoneySection({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const money = report.money;
  return (
    <section className="card" aria-labelledby="report-money-title">
      <h2 id="report-money-title">{t('reports.programme.money')}</h2>
      <dl className="properties">
        <dt>{t('reports.programme.contributions')}</dt>
        <dd>{formatEuros(money.contributionsCents, language)}</dd>
        <dt>{t('reports.programme.subsidies')}</dt>
        <dd>{formatEuros(money.subsidiesCents, language)}</dd>
        <dt>{t('reports.programme.internetAids')}</dt>
        <dd>
          {t('reports.programme.aidsLine', {
            count: money.internetAids.count,
            amount: formatEuros(money.internetAids.totalCents, language),
          })}
        </dd>
        <dt>{t('reports.programme.costPerPerson')}</dt>
        <dd>
          {money.costPerPersonCents === null
            ? t('reports.programme.noBudget')
            : formatEuros(money.costPerPersonCents, language)}
        </dd>
      </dl>
      <h3 className="subheading">{t('reports.programme.subsidiesByFunder')}</h3>
      {money.subsidiesByFunder.length === 0 ? (
        <p className="muted">{t('reports.programme.noSubsidies')}</p>
      ) : (
        <TableScroll label={t('reports.programme.subsidiesByFunder')}>
          <table>
            <caption className="visually-hidden">{t('reports.programme.subsidiesByFunder')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.colFunder')}</th>
                <th scope="col" className="numeric">
                  {t('reports.colUnits')}
                </th>
                <th scope="col" className="numeric">
                  {t('reports.colAmount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {money.subsidiesByFunder.map((funder) => (
                <tr key={funder.funderOrganisationId}>
                  <th scope="row">
                    <Link to={`/rapports/financeurs/${funder.funderOrganisationId}`}>
                      {funder.funderName}
                    </Link>
                  </th>
                  <td className="numeric">{formatCount(funder.units, language)}</td>
                  <td className="numeric nowrap">{formatEuros(funder.amountCents, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {money.internetAids.byFunder.length > 0 && (
        <>
          <h3 className="subheading">{t('reports.programme.aidsByFunder')}</h3>
          <TableScroll label={t('reports.programme.aidsByFunder')}>
            <table>
              <caption className="visually-hidden">{t('reports.programme.aidsByFunder')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.colFunder')}</th>
                  <th scope="col" className="numeric">
                    {t('reports.colAids')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('reports.colAmount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {money.internetAids.byFunder.map((funder) => (
                  <tr key={funder.funderOrganisationId ?? 'none'}>
                    <th scope="row">{funder.funderName ?? t('reports.programme.noFunder')}</th>
                    <td className="numeric">{formatCount(funder.count, language)}</td>
                    <td className="numeric nowrap">{formatEuros(funder.totalCents, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}

function DemographicsSection({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const d = report.demographics;
  const base = d.persons;
  // A funder's copy may mask small counts ("<5", share null): read « moins de 5 », as on the network page.
  const priority = d.priorityZoneShare === null ? null : Math.round(d.priorityZoneShare * base);
  return (
    <section className="card" aria-labelledby="report-who-title">
      <h2 id="report-who-title">{t('reports.programme.who')}</h2>
      <p className="base-note">{t('reports.programme.base', { count: base })}</p>
      {d.masked && <p className="help">{t('reports.programme.maskedNote')}</p>}
      {base === 0 ? (
        <p className="empty">{t('reports.programme.noPersons')}</p>
      ) : (
        <>
          <BarChart
            title={t('reports.programme.ageBands')}
            rowHeader={t('reports.programme.colAgeBand')}
            series={[{ label: t('reports.colPersons') }]}
            rows={d.ageBands.map((band) => ({
              key: band.band,
              label: t(`reports.ageBands.${band.band}`),
              values: [band.count],
            }))}
            format={(value) => formatCount(value, language)}
            extraColumns={[
              {
                header: t('reports.colShare'),
                cells: d.ageBands.map((band) =>
                  band.count === SMALL_COUNT ? (
                    <PeopleFigure key={band.band} value={band.count} />
                  ) : (
                    <ShareOf key={band.band} count={band.count} base={base} />
                  ),
                ),
              },
            ]}
          />
          {d.priorityZoneShare === null || priority === null ? (
            <p>
              {t('reports.programme.priorityZone', {
                share: t('reports.maskedSpoken'),
                count: t('reports.maskedSpoken'),
                base: formatCount(base, language),
              })}
            </p>
          ) : (
            <p>
              {t('reports.programme.priorityZone', {
                share: formatShare(d.priorityZoneShare, language),
                count: formatCount(priority, language),
                base: formatCount(base, language),
              })}
            </p>
          )}
          <ShareTable
            caption={t('reports.programme.householdTypes')}
            header={t('reports.programme.colHousehold')}
            countHeader={t('reports.colPersons')}
            base={base}
            rows={d.householdTypes.map((row) => ({
              key: row.type,
              label: row.type === 'unknown' ? t('reports.unknown') : t(`householdTypes.${row.type}`),
              count: row.count,
            }))}
          />
          <ShareTable
            caption={t('reports.programme.incomeSituations')}
            header={t('reports.programme.colIncome')}
            countHeader={t('reports.colPersons')}
            base={base}
            rows={d.incomeSituations.map((row) => ({
              key: row.situation,
              label:
                row.situation === 'unknown' ? t('reports.unknown') : t(`incomeSituations.${row.situation}`),
              count: row.count,
            }))}
          />
          {d.towns.length > 0 && (
            <ShareTable
              caption={t('reports.programme.towns')}
              header={t('reports.programme.colTown')}
              countHeader={t('reports.colPersons')}
              base={base}
              rows={d.towns.map((row) => ({ key: row.town, label: row.town, count: row.count }))}
            />
          )}
        </>
      )}
    </section>
  );
}

function TrainingSection({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const training = report.training;
  const progress = training.averageSkillsProgress;
  return (
    <section className="card" aria-labelledby="report-training-title">
      <h2 id="report-training-title">{t('reports.programme.training')}</h2>
      <dl className="properties">
        <dt>{t('reports.programme.enrolled')}</dt>
        <dd>{formatCount(training.enrolled, language)}</dd>
        <dt>{t('reports.programme.completed')}</dt>
        <dd>
          <ShareOf count={training.completed} base={training.enrolled} />
        </dd>
        <dt>{t('reports.programme.assessedAtExit')}</dt>
        <dd>{formatCount(training.assessedAtExit, language)}</dd>
        <dt>{t('reports.programme.autonomous')}</dt>
        <dd>
          {formatShare(training.autonomousShare, language)}{' '}
          <span className="muted">
            {t('reports.programme.ofAssessed', { count: training.assessedAtExit })}
          </span>
        </dd>
        <dt>{t('reports.programme.skillsProgress')}</dt>
        <dd>
          {progress === null
            ? t('reports.programme.noProgress')
            : t('reports.programme.progressLine', {
                value: formatCount(progress.overall, language),
                count: progress.people,
              })}
        </dd>
      </dl>
      {progress && progress.byArea.length > 0 && (
        <TableScroll label={t('reports.programme.progressByArea')}>
          <table>
            <caption className="visually-hidden">{t('reports.programme.progressByArea')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.programme.colArea')}</th>
                <th scope="col" className="numeric">
                  {t('reports.colPersons')}
                </th>
                <th scope="col" className="numeric">
                  {t('reports.programme.colProgress')}
                </th>
              </tr>
            </thead>
            <tbody>
              {progress.byArea.map((area) => (
                <tr key={area.area}>
                  <th scope="row">{area.area}</th>
                  <td className="numeric">{formatCount(area.people, language)}</td>
                  <td className="numeric">{formatCount(area.progress, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ReportCheques figures={training.cheques} />
    </section>
  );
}

export default function ProgrammeReport() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { id = '' } = useParams();
  const { from, to, set } = usePeriodParams();
  const loaded = useLoad((signal) => reportsApi.programmeReport(id, { from, to }, signal), [id, from, to]);
  const report = loaded.data?.programme.id === id ? loaded.data : undefined;
  const period = report?.period;
  const files = report
    ? [
        { key: 'pdf', label: t('reports.downloads.pdf'), format: 'pdf' as const },
        { key: 'xlsx', label: t('reports.downloads.xlsx'), format: 'xlsx' as const },
        { key: 'csv', label: t('reports.downloads.csv'), format: 'csv' as const },
      ].map((file) => ({
        key: file.key,
        label: file.label,
        address: reportFiles.programme(id, file.format, report.period),
        fileName: `rapport-programme.${file.format}`,
      }))
    : [];
  if (report)
    files.push({
      key: 'open-data',
      label: t('reports.downloads.openData'),
      address: reportFiles.programmeOpenData(id, report.period),
      fileName: 'donnees-ouvertes-programme.csv',
    });

  return (
    <Page
      help="rapport-annuel"
      title={
        report
          ? t('reports.programme.title', { name: report.programme.name })
          : t('reports.programme.titleShort')
      }
    >
      <p className="breadcrumbs">
        <Link to={`/programmes/${id}`}>{t('reports.programme.back')}</Link>
      </p>
      <p className="help">{t('reports.programme.intro')}</p>
      <PeriodFilter shown={period} onSubmit={set} />
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
      {report && (
        <div aria-busy={loaded.loading}>
          <p>
            {t('reports.programme.owner', {
              owner: report.programme.ownerName,
              mode: t(`programmeModes.${report.programme.mode}`),
            })}
          </p>
          <Downloads title={t('reports.downloads.title')} files={files} />
          <KeyFiguresSection report={report} />
          <BeneficiariesSection report={report} />
          <DevicesSection report={report} />
          <MoneySection report={report} />
          <ReportBudgetSection budget={report.budget} />
          <DemographicsSection report={report} />
          <TrainingSection report={report} />
          <FollowUpReportCard figures={report.followUp} />
          <section className="card" aria-labelledby="report-impact-title">
            <h2 id="report-impact-title">{t('reports.impact.title')}</h2>
            <p>{t('reports.impact.programmeIntro', { count: report.devices.handedOver })}</p>
            <ImpactFigures
              co2eAvoidedKg={report.impact.co2eAvoidedKg}
              weeeAvoidedKg={report.impact.weeeAvoidedKg}
              method={t('reports.impact.method')}
            />
          </section>
        </div>
      )}
    </Page>
  );
}
