/**
 * The workforce's period report (`/equipe/rapport`): insertion hours (per clause against its required
 * hours, per month), and per technician the hours entered or derived, the production and the skills'
 * progress; downloadable as XLSX.
 */
import { type FormEvent, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Field } from '../components/forms.tsx';
import { EmptyState } from '../components/help.tsx';
import { ErrorAlert, Loading, Page, TableScroll, useAnnounce, useLoad } from '../components/ui.tsx';
import { type Report, STEPS, workforceApi } from '../components/workforce/api.ts';
import {
  ClauseProgress,
  ContractTypeText,
  dayText,
  todayDay,
  useHours,
  useWorkforceOrganisation,
} from '../components/workforce/common.tsx';
import { downloadFile } from '../reportsApi.ts';

function Insertion({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const hours = useHours();
  const ins = report.insertion;
  const monthText = (month: string) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${month}-01T00:00:00Z`));
  return (
    <section aria-labelledby="report-insertion">
      <h2 id="report-insertion">{t('workforce.report.insertion')}</h2>
      <p>
        <strong>{t('workforce.report.insertionTotal', { total: hours(ins.totalMinutes) })}</strong>
        <br />
        {t('workforce.report.insertionDetail', {
          entered: hours(ins.enteredMinutes),
          derived: hours(ins.derivedMinutes),
          without: hours(ins.withoutClauseMinutes),
        })}
      </p>
      <p className="help">{t('workforce.report.onlyInsertion')}</p>
      <h3>{t('workforce.report.byClause')}</h3>
      {ins.byClause.length === 0 ? (
        <p className="empty">{t('workforce.report.noClause')}</p>
      ) : (
        <TableScroll label={t('workforce.report.clausesCaption')}>
          <table>
            <caption className="visually-hidden">{t('workforce.report.clausesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('workforce.report.clause')}</th>
                <th scope="col">{t('workforce.report.required')}</th>
                <th scope="col">{t('workforce.report.period')}</th>
                <th scope="col">{t('workforce.report.toDate')}</th>
              </tr>
            </thead>
            <tbody>
              {ins.byClause.map((c) => (
                <tr key={c.clauseId}>
                  <th scope="row">
                    {c.name}
                    <br />
                    <span className="help">
                      {[c.buyer, c.reference].filter(Boolean).join(' — ')}{' '}
                      {t('workforce.dates', {
                        from: dayText(c.startsOn, i18n.language),
                        to: dayText(c.endsOn, i18n.language),
                      })}
                    </span>
                  </th>
                  <td>{hours(c.requiredHours * 60)}</td>
                  <td>{hours(c.periodMinutes)}</td>
                  <td>
                    <ClauseProgress
                      name={c.name}
                      doneMinutes={c.toDateMinutes}
                      requiredHours={c.requiredHours}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h3>{t('workforce.report.byMonth')}</h3>
      {ins.byMonth.length === 0 ? (
        <p className="empty">{t('workforce.report.noMonth')}</p>
      ) : (
        <TableScroll label={t('workforce.report.monthsCaption')}>
          <table>
            <caption className="visually-hidden">{t('workforce.report.monthsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('workforce.report.month')}</th>
                <th scope="col">{t('workforce.report.insertion')}</th>
              </tr>
            </thead>
            <tbody>
              {ins.byMonth.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{monthText(m.month)}</th>
                  <td>{hours(m.minutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

function Technicians({ report }: { report: Report }) {
  const { t } = useTranslation();
  const hours = useHours();
  return (
    <section aria-labelledby="report-technicians">
      <h2 id="report-technicians">{t('workforce.report.technicians')}</h2>
      {report.technicians.length === 0 ? (
        <EmptyState message={t('workforce.report.empty')} />
      ) : (
        <TableScroll label={t('workforce.report.techniciansCaption')}>
          <table>
            <caption className="visually-hidden">{t('workforce.report.techniciansCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('workforce.technicians.person')}</th>
                <th scope="col">{t('workforce.technicians.contract')}</th>
                <th scope="col">{t('workforce.person.hours')}</th>
                <th scope="col">{t('workforce.report.insertion')}</th>
                {STEPS.map((step) => (
                  <th key={step} scope="col">
                    {t(`workforce.steps.${step}`)}
                  </th>
                ))}
                <th scope="col">{t('workforce.report.skillsProgress')}</th>
              </tr>
            </thead>
            <tbody>
              {report.technicians.map((p) => {
                const assessed = p.skills.filter((s) => s.latest);
                return (
                  <tr key={p.userId}>
                    <th scope="row">
                      <Link to={`/equipe/${p.userId}`}>{p.name}</Link>
                    </th>
                    <td>
                      {p.contracts.map((c) => (
                        <div key={c.id}>
                          <ContractTypeText type={c.contractType} />
                        </div>
                      ))}
                    </td>
                    <td>
                      {hours(p.totals.totalMinutes)}
                      <br />
                      <span className="help">
                        {t('workforce.person.entered')} {hours(p.totals.enteredMinutes)} ·{' '}
                        {t('workforce.person.derived')} {hours(p.totals.derivedMinutes)}
                      </span>
                      {p.totals.overContractWeeks > 0 && (
                        <>
                          <br />
                          <span className="tag">
                            {t('workforce.report.overContractWeeks', { count: p.totals.overContractWeeks })}
                          </span>
                        </>
                      )}
                    </td>
                    <td>{hours(p.totals.insertionMinutes)}</td>
                    {STEPS.map((step) => (
                      <td key={step}>{p.production[step]}</td>
                    ))}
                    <td>
                      {assessed.length === 0
                        ? t('workforce.report.noSkill')
                        : assessed.map((s) => (
                            <div key={s.skillKey}>
                              {s.label} : {s.first?.level} → {s.latest?.level}
                            </div>
                          ))}
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

export default function WorkforceReport() {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const organisation = useWorkforceOrganisation();
  const organisationId = organisation?.id ?? '';
  const today = todayDay();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [period, setPeriod] = useState({ from, to });
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const report = useLoad(
    (signal) =>
      organisationId ? workforceApi.report(organisationId, period, signal) : Promise.resolve(undefined),
    [organisationId, period.from, period.to],
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (from && to) setPeriod({ from, to });
  }

  async function download() {
    if (downloading || !organisationId) return;
    setDownloading(true);
    setDownloadError(null);
    announce(t('workforce.report.preparing'));
    try {
      await downloadFile(
        workforceApi.reportXlsxAddress(organisationId, period),
        `equipe-insertion-${period.from}-${period.to}.xlsx`,
      );
      announce(t('workforce.report.ready'));
    } catch (err) {
      setDownloadError(err);
    } finally {
      setDownloading(false);
    }
  }

  return (
    <Page help="effacer-et-certifier" title={t('workforce.report.title')}>
      <p className="breadcrumbs">
        <Link to="/equipe">{t('workforce.back')}</Link>
      </p>
      {!organisation ? (
        <p className="empty">{t('workforce.noOrganisation')}</p>
      ) : (
        <>
          <p className="help">{t('workforce.report.intro')}</p>
          <Form className="card form" onSubmit={submit}>
            <div className="field-row">
              <Field
                id="report-from"
                name="from"
                type="date"
                label={t('workforce.report.from')}
                isRequired
                value={from}
                onChange={setFrom}
              />
              <Field
                id="report-to"
                name="to"
                type="date"
                label={t('workforce.report.to')}
                isRequired
                value={to}
                onChange={setTo}
              />
            </div>
            <div className="actions">
              <button type="submit" className="button button-primary">
                {t('workforce.report.show')}
              </button>
              <button
                type="button"
                className="button button-secondary"
                aria-disabled={downloading || !report.data}
                onClick={() => void download()}
              >
                {downloading ? (
                  <>
                    <span className="spinner" aria-hidden="true" />
                    {t('workforce.report.preparing')}
                  </>
                ) : (
                  t('workforce.report.xlsx')
                )}
              </button>
            </div>
          </Form>
          <ErrorAlert error={downloadError} />
          <ErrorAlert error={report.error} onRetry={report.reload} />
          {report.loading && <Loading />}
          {report.data && !report.loading && (
            <>
              <p>
                {report.data.productionFrom && report.data.productionTo
                  ? t('workforce.report.weeksCounted', {
                      from: dayText(report.data.productionFrom, i18n.language),
                      to: dayText(report.data.productionTo, i18n.language),
                    })
                  : t('workforce.report.noWeek')}
              </p>
              <Insertion report={report.data} />
              <Technicians report={report.data} />
            </>
          )}
        </>
      )}
    </Page>
  );
}
