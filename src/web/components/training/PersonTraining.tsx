/**
 * « Formation » on a person's page: the workshops they were enrolled in (status, « N séances sur M »,
 * completed or not), their skills at entry and at exit side by side (area by area, with the progress),
 * whether they were judged autonomous, and every assessment recorded.
 */
import { useTranslation } from 'react-i18next';
import { type PersonEnrolment, trainingApi } from '../../trainingApi.ts';
import { formatDay } from '../inventory.tsx';
import { ErrorAlert, Loading, TableScroll, useLoad } from '../ui.tsx';

/** The person's workshops, newest first (a trainer partner sees its own only). */
function PersonWorkshops({ beneficiaryId, version }: { beneficiaryId: string; version: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const loaded = useLoad(
    (signal) => trainingApi.personTraining(beneficiaryId, signal),
    [beneficiaryId, version],
  );
  const items = loaded.data?.enrolments;
  const status = (e: PersonEnrolment) =>
    e.status === 'enrolled'
      ? t('personTraining.statusEnrolled')
      : e.status === 'waiting'
        ? t('personTraining.statusWaiting')
        : t('personTraining.statusWithdrawn', { date: formatDay(e.withdrawnOn ?? e.enrolledOn, language) });
  return (
    <>
      <h3>{t('personTraining.workshops')}</h3>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !items && <Loading />}
      {items && items.length === 0 && <p className="empty">{t('personTraining.workshopsEmpty')}</p>}
      {items && items.length > 0 && (
        <TableScroll label={t('personTraining.workshopsCaption')}>
          <table>
            <caption>{t('personTraining.workshopsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('personTraining.colWorkshop')}</th>
                <th scope="col">{t('personTraining.colStatus')}</th>
                <th scope="col">{t('personTraining.colAttendance')}</th>
                <th scope="col">{t('personTraining.colCompletion')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.enrolmentId}>
                  <th scope="row">
                    {e.workshopTitle}
                    <br />
                    <span className="small muted">
                      {e.programmeName
                        ? t('personTraining.workshopByProgramme', {
                            organisation: e.organisationName,
                            programme: e.programmeName,
                            date: formatDay(e.enrolledOn, language),
                          })
                        : t('personTraining.workshopBy', {
                            organisation: e.organisationName,
                            date: formatDay(e.enrolledOn, language),
                          })}
                    </span>
                  </th>
                  <td>{status(e)}</td>
                  <td>{t('personTraining.attended', { count: e.attended, sessions: e.sessions })}</td>
                  <td>{e.completed ? t('personTraining.completed') : t('personTraining.notCompleted')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

export function PersonTraining({ beneficiaryId, version }: { beneficiaryId: string; version: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const loaded = useLoad(
    (signal) => trainingApi.skills(beneficiaryId, undefined, signal),
    [beneficiaryId, version],
  );
  const skills = loaded.data;
  const comparison = skills?.comparison;
  const yesNo = (value: boolean | undefined) =>
    value === undefined
      ? t('common.none')
      : value
        ? t('personTraining.autonomousYes')
        : t('personTraining.autonomousNo');
  const level = (value: number | null) =>
    value === null
      ? t('common.none')
      : t('personTraining.levelOf', { level: value, max: comparison?.maxLevel ?? 0 });
  return (
    <section className="card" aria-labelledby="person-training-title" aria-busy={loaded.loading}>
      <h2 id="person-training-title">{t('personTraining.title')}</h2>
      <PersonWorkshops beneficiaryId={beneficiaryId} version={version} />
      <h3>{t('personTraining.skills')}</h3>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !skills && <Loading />}
      {skills && skills.assessments.length === 0 && <p className="empty">{t('personTraining.empty')}</p>}
      {skills && comparison && skills.assessments.length > 0 && (
        <>
          <TableScroll label={t('personTraining.caption')}>
            <table>
              <caption>{t('personTraining.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('personTraining.colArea')}</th>
                  <th scope="col">
                    {comparison.entry
                      ? t('personTraining.colEntryOn', {
                          date: formatDay(comparison.entry.assessedOn, language),
                        })
                      : t('personTraining.colEntry')}
                  </th>
                  <th scope="col">
                    {comparison.exit
                      ? t('personTraining.colExitOn', {
                          date: formatDay(comparison.exit.assessedOn, language),
                        })
                      : t('personTraining.colExit')}
                  </th>
                  <th scope="col">{t('personTraining.colProgress')}</th>
                </tr>
              </thead>
              <tbody>
                {comparison.areas.map((area) => (
                  <tr key={area.code}>
                    <th scope="row">{area.label}</th>
                    <td>{level(area.entry)}</td>
                    <td>{level(area.exit)}</td>
                    <td>
                      {area.progress === null
                        ? t('common.none')
                        : area.progress > 0
                          ? t('personTraining.up', { count: area.progress })
                          : area.progress < 0
                            ? t('personTraining.down', { count: -area.progress })
                            : t('personTraining.same')}
                    </td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t('personTraining.autonomous')}</th>
                  <td>{yesNo(comparison.entry?.autonomous)}</td>
                  <td>{yesNo(comparison.exit?.autonomous)}</td>
                  <td />
                </tr>
              </tbody>
            </table>
          </TableScroll>
          <h3>{t('personTraining.assessments')}</h3>
          <ul className="plain-list">
            {skills.assessments.map((a) => (
              <li key={a.id}>
                {t('personTraining.assessmentLine', {
                  stage: t(`assessment.stages.${a.stage}`),
                  date: formatDay(a.assessedOn, language),
                  assessor: a.assessorName ?? t('common.none'),
                })}
                {a.note && <span className="pre-line small"> — {a.note}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
