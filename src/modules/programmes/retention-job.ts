import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../../db/tx.ts';
import { safeErrorForLog } from '../../server/errors.ts';
import { anonymiseInactive } from './rights.ts';

const HOUR = 60 * 60 * 1000;

/**
 * Runs the retention job once a day: a few minutes after start-up, then every hour it checks whether today's run has
 * happened (the run claims its day in the database, so several servers run it once). Returns a stop
 * function for shutdown.
 */
export function scheduleRetentionJob(
  db: Executor,
  retentionMonths: number,
  log: Pick<FastifyBaseLogger, 'info' | 'error'>,
): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const report = await anonymiseInactive(db, { retentionMonths, trigger: 'daily' });
      if (report.ran && report.anonymised > 0) {
        log.info(
          { anonymised: report.anonymised, cutoffOn: report.cutoffOn },
          'retention: people with no contact since the cut-off day anonymised',
        );
      }
    } catch (err) {
      log.error({ failure: safeErrorForLog(err) }, 'retention job failed; it will try again within the hour');
    } finally {
      running = false;
    }
  };
  // The first run waits a few minutes: start-up stays quick, and a demo loaded at start keeps its
  // "person due for anonymisation" long enough for a newcomer to try `seconde-vie anonymise --dry-run`.
  const first = setTimeout(() => void run(), 5 * 60 * 1000);
  const timer = setInterval(() => void run(), HOUR);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
