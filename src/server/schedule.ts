import type { FastifyBaseLogger } from 'fastify';
import { safeErrorForLog } from './errors.ts';

export const MINUTE = 60 * 1000;
export const HOUR = 60 * MINUTE;

export interface RecurringWork {
  /** The first turn, soon after start (a server that was off catches up). */
  firstAfterMs: number;
  /** Then one turn every so often. */
  everyMs: number;
  /** One turn of the work; its own claims in the database make a second server's turn a no-op. */
  work: () => Promise<void>;
  log: Pick<FastifyBaseLogger, 'error'>;
  /** Logged (with the failure's stack frames only, never its parameters) when a turn fails. */
  failureMessage: string;
}

/**
 * Runs periodic work without keeping the process alive: a turn never starts while the previous one still
 * runs, and a failed turn is logged and tried again at the next. Returns the stop function for shutdown.
 */
export function scheduleRecurring(recurring: RecurringWork): () => void {
  let running = false;
  const turn = async () => {
    if (running) return;
    running = true;
    try {
      await recurring.work();
    } catch (err) {
      recurring.log.error({ failure: safeErrorForLog(err) }, recurring.failureMessage);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void turn(), recurring.firstAfterMs);
  const timer = setInterval(() => void turn(), recurring.everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
