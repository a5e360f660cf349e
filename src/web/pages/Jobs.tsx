/**
 * « Tâches », for platform administrators: each periodic job's last turn (when, how long, how it ended,
 * the failure's kind), this server's next turn, and the e-mail queue. Read only; « Actualiser » reloads.
 */
import { useTranslation } from 'react-i18next';
import { api, type JobState } from '../api.ts';
import { DateTime, ErrorAlert, Loading, Page, TableScroll, useLoad } from '../components/ui.tsx';
import type { Translation } from '../i18n/fr.ts';

const OUTCOME_CLASS = {
  ok: 'status status-ok',
  running: 'status status-pending',
  failed: 'status status-failed',
} as const;

function Outcome({ job }: { job: JobState }) {
  const { t } = useTranslation();
  if (!job.lastOutcome) return <span className="status status-off">{t('jobs.outcomes.never')}</span>;
  return <span className={OUTCOME_CLASS[job.lastOutcome]}>{t(`jobs.outcomes.${job.lastOutcome}`)}</span>;
}

/** The jobs with a name in the texts (`jobs.names.*`); the compiler checks this list against them. */
type KnownJob = keyof Translation['jobs']['names'];
const KNOWN_JOBS: Record<KnownJob, true> = {
  'loan-reminders': true,
  'follow-ups': true,
  retention: true,
  'portal-cleanup': true,
  backup: true,
};

const KNOWN_JOB_NAMES: ReadonlySet<string> = new Set(Object.keys(KNOWN_JOBS));

function isKnownJob(name: string): name is KnownJob {
  return KNOWN_JOB_NAMES.has(name);
}

/** A job's name in the reader's language; a job this version has no text for keeps its technical name. */
function JobName({ name }: { name: string }) {
  const { t } = useTranslation();
  return <>{isKnownJob(name) ? t(`jobs.names.${name}`) : name}</>;
}

function Duration({ ms }: { ms: number | null }) {
  const { t } = useTranslation();
  if (ms === null) return null;
  return (
    <>
      {ms < 1000
        ? t('jobs.milliseconds', { count: ms })
        : t('jobs.seconds', { count: Math.round(ms / 1000) })}
    </>
  );
}

export default function Jobs() {
  const { t } = useTranslation();
  const state = useLoad((signal) => api.jobs(signal), []);
  return (
    <Page title={t('jobs.title')}>
      <p className="intro">{t('jobs.intro')}</p>
      {state.error ? <ErrorAlert error={state.error} onRetry={state.reload} /> : null}
      {!state.data && !state.error && <Loading />}
      {state.data && (
        <>
          <section aria-labelledby="jobs-outbox">
            <h2 id="jobs-outbox">{t('jobs.outboxTitle')}</h2>
            <dl className="properties">
              <dt>{t('jobs.pending')}</dt>
              <dd>{state.data.outbox.pending}</dd>
              <dt>{t('jobs.failed')}</dt>
              <dd>{state.data.outbox.failed}</dd>
              <dt>{t('jobs.oldestPending')}</dt>
              <dd>
                {state.data.outbox.oldestPendingAt ? (
                  <DateTime value={state.data.outbox.oldestPendingAt} />
                ) : (
                  t('jobs.none')
                )}
              </dd>
            </dl>
          </section>
          <section aria-labelledby="jobs-list">
            <h2 id="jobs-list">{t('jobs.listTitle')}</h2>
            {state.data.jobs.length === 0 ? (
              <p>{t('jobs.empty')}</p>
            ) : (
              <TableScroll label={t('jobs.caption')}>
                <table>
                  <caption className="visually-hidden">{t('jobs.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('jobs.colName')}</th>
                      <th scope="col">{t('jobs.colOutcome')}</th>
                      <th scope="col">{t('jobs.colLastRun')}</th>
                      <th scope="col">{t('jobs.colDuration')}</th>
                      <th scope="col">{t('jobs.colNext')}</th>
                      <th scope="col">{t('jobs.colCounts')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {state.data.jobs.map((job) => (
                      <tr key={job.name}>
                        <th scope="row">
                          <JobName name={job.name} />
                        </th>
                        <td>
                          <Outcome job={job} />
                          {job.lastError && (
                            <span className="muted small">
                              {' '}
                              · {t('jobs.error', { error: job.lastError })}
                            </span>
                          )}
                        </td>
                        <td>{job.lastStartedAt ? <DateTime value={job.lastStartedAt} /> : t('jobs.none')}</td>
                        <td>
                          <Duration ms={job.lastDurationMs} />
                        </td>
                        <td>
                          {job.nextRunAt ? (
                            <>
                              <DateTime value={job.nextRunAt} />
                              {job.everyMinutes !== null && (
                                <span className="muted small">
                                  {' '}
                                  · {t('jobs.every', { count: job.everyMinutes })}
                                </span>
                              )}
                            </>
                          ) : (
                            t('jobs.notHere')
                          )}
                        </td>
                        <td>{t('jobs.counts', { runs: job.runs, failures: job.failures })}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </section>
          <p>
            <button type="button" className="button button-secondary" onClick={state.reload}>
              {t('jobs.refresh')}
            </button>
          </p>
        </>
      )}
    </Page>
  );
}
