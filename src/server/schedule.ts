import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { jobRuns } from '../db/job-runs.ts';
import type { Executor } from '../db/tx.ts';
import { safeErrorForLog } from './errors.ts';

export const MINUTE = 60 * 1000;
export const HOUR = 60 * MINUTE;

export interface RecurringWork {
  /** The job's name in `job_runs` and on the administrators' « Tâches » page (`loan-reminders`…). */
  name: string;
  /** Where each turn is recorded (`job_runs`); null records nothing (unit tests). */
  db: Executor | null;
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

/** What this process knows of a job it runs: how often, and when its next turn comes. */
export interface ScheduledJob {
  name: string;
  everyMs: number;
  nextRunAt: () => Date;
}

const scheduled = new Map<string, ScheduledJob>();

/** The periodic jobs this process runs, by name. */
export function scheduledJobs(): ScheduledJob[] {
  return [...scheduled.values()];
}

/** Which process ran a turn: host name and process id. */
export const INSTANCE = `${os.hostname()}:${process.pid}`;

/** How long shutdown waits for a job's turn under way before closing the database under it. */
export const SHUTDOWN_WAIT_MS = 30_000;

/** Resolves when `work` settles, or after `ms` (the wait does not keep the process alive). */
export async function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  try {
    await Promise.race([work.catch(() => undefined), limit]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Stops a job at shutdown: no turn starts any more, and the promise resolves once the turn under way (if
 * any) has ended, or after `waitMs` at most, so the database can be closed behind it.
 */
export type StopJob = (waitMs?: number) => Promise<void>;

/**
 * Runs periodic work without keeping the process alive: a turn never starts while the previous one still
 * runs, and a failed turn is logged and tried again at the next. Each turn's start, end, outcome and
 * duration are written to `job_runs` (a failure as its kind and codes only). Returns the stop function for
 * shutdown, which stops the timers and then waits for the turn under way.
 */
export function scheduleRecurring(recurring: RecurringWork): StopJob {
  let current: Promise<void> | null = null;
  let stopped = false;
  const turn = async () => {
    const started = Date.now();
    let failure: unknown = null;
    try {
      await record(recurring, () => recordStart(recurring.db, recurring.name));
      await recurring.work();
    } catch (err) {
      failure = err;
      recurring.log.error({ failure: safeErrorForLog(err) }, recurring.failureMessage);
    } finally {
      await record(recurring, () => recordEnd(recurring.db, recurring.name, Date.now() - started, failure));
    }
  };
  const startTurn = () => {
    if (current || stopped) return;
    current = turn().finally(() => {
      current = null;
    });
  };
  const scheduledAt = Date.now();
  const first = setTimeout(startTurn, recurring.firstAfterMs);
  const timer = setInterval(startTurn, recurring.everyMs);
  first.unref();
  timer.unref();
  const job: ScheduledJob = {
    name: recurring.name,
    everyMs: recurring.everyMs,
    nextRunAt: () => nextRunAt(scheduledAt, recurring.firstAfterMs, recurring.everyMs, Date.now()),
  };
  scheduled.set(recurring.name, job);
  return async (waitMs = SHUTDOWN_WAIT_MS) => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
    if (scheduled.get(recurring.name) === job) scheduled.delete(recurring.name);
    if (current) await settledWithin(current, waitMs);
  };
}

/** The next of the first timer (if still to come) and the interval's ticks, counted from `scheduledAt`. */
export function nextRunAt(scheduledAt: number, firstAfterMs: number, everyMs: number, now: number): Date {
  const first = scheduledAt + firstAfterMs;
  const tick = scheduledAt + Math.max(1, Math.ceil((now - scheduledAt) / everyMs)) * everyMs;
  return new Date(first > now ? Math.min(first, tick) : tick);
}

/** Recording a turn must never stop the work: a failure to record is logged and forgotten. */
async function record(recurring: RecurringWork, write: () => Promise<void>): Promise<void> {
  if (!recurring.db) return;
  try {
    await write();
  } catch (err) {
    recurring.log.error(
      { failure: safeErrorForLog(err), job: recurring.name },
      'recording a job turn failed',
    );
  }
}

async function recordStart(db: Executor | null, name: string): Promise<void> {
  if (!db) return;
  const now = new Date();
  await db
    .insert(jobRuns)
    .values({ name, lastStartedAt: now, lastOutcome: 'running', instance: INSTANCE })
    .onConflictDoUpdate({
      target: jobRuns.name,
      set: { lastStartedAt: now, lastOutcome: 'running', instance: INSTANCE },
    });
}

async function recordEnd(
  db: Executor | null,
  name: string,
  durationMs: number,
  failure: unknown,
): Promise<void> {
  if (!db) return;
  const failed = failure !== null;
  await db
    .update(jobRuns)
    .set({
      lastFinishedAt: new Date(),
      lastOutcome: failed ? 'failed' : 'ok',
      lastError: failed ? describeFailure(failure) : null,
      lastDurationMs: durationMs,
      runs: sql`${jobRuns.runs} + 1`,
      failures: failed ? sql`${jobRuns.failures} + 1` : jobRuns.failures,
      instance: INSTANCE,
    })
    .where(sql`${jobRuns.name} = ${name}`);
}

/**
 * What the « Tâches » page shows of a failure: its kind and the database's codes (which table, which
 * constraint), never its message, which may quote personal values.
 */
export function describeFailure(failure: unknown): string {
  const safe = safeErrorForLog(failure);
  return [
    safe.type,
    safe.pgCode ? `SQLSTATE ${safe.pgCode}` : null,
    safe.table ? `table ${safe.table}` : null,
    safe.constraint ? `constraint ${safe.constraint}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}
