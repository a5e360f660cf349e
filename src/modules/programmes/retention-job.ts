import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../../db/tx.ts';
import { withoutStatementLimit } from '../../server/query-time.ts';
import { HOUR, MINUTE, type StopJob, scheduleRecurring } from '../../server/schedule.ts';
import { anonymiseInactive } from './rights.ts';

/**
 * Runs the retention job once a day: a few minutes after start-up, then every hour it checks whether today's run has
 * happened (the run claims its day in the database, so several servers run it once). Returns a stop
 * function for shutdown.
 */
export function scheduleRetentionJob(
  db: Executor,
  retentionMonths: number,
  log: Pick<FastifyBaseLogger, 'info' | 'error'>,
): StopJob {
  return scheduleRecurring({
    name: 'retention',
    db,
    // The first run waits a few minutes: start-up stays quick, and a demo loaded at start keeps its
    // "person due for anonymisation" long enough for a newcomer to try `seconde-vie anonymise --dry-run`.
    firstAfterMs: 5 * MINUTE,
    everyMs: HOUR,
    log,
    failureMessage: 'retention job failed; it will try again within the hour',
    // A catch-up after a long stop may anonymise many people: no statement limit for this turn.
    work: async () => {
      const report = await withoutStatementLimit(db, (jobDb) =>
        anonymiseInactive(jobDb, { retentionMonths, trigger: 'daily' }),
      );
      if (report.ran && report.anonymised > 0) {
        log.info(
          { anonymised: report.anonymised, cutoffOn: report.cutoffOn },
          'retention: people with no contact since the cut-off day anonymised',
        );
      }
      // Today's run was already made (here or by another server): nothing to record.
      return report.ran ? undefined : 'idle';
    },
  });
}
