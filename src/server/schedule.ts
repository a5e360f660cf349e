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
  /**
   * One turn of the work; its own claims in the database make a second server's turn a no-op. It returns
   * 'idle' when it found nothing to claim (today's run already made, by this server or another): such a
   * turn is not recorded, so it never hides the record of the turn that did the work.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: most jobs return nothing (a turn that worked); 'idle' is the exception
  work: () => Promise<void | 'idle'>;
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
 * runs, and a failed turn is logged and tried again at the next. Each turn that did something (or
 * failed) is written to `job_runs` once ended: start, end, outcome, duration (a failure as its kind and
 * codes only); an idle turn (nothing to claim) writes nothing. Returns the stop function for
 * shutdown, which stops the timers and then waits for the turn under way.
 */
export function scheduleRecurring(recurring: RecurringWork): StopJob {
  let current: Promise<void> | null = null;
  let stopped = false;
  const turn = async () => {
    const started = new Date();
    let failure: unknown = null;
    let idle = false;
    try {
      idle = (await recurring.work()) === 'idle';
    } catch (err) {
      failure = err;
      recurring.log.error({ failure: safeErrorForLog(err) }, recurring.failureMessage);
    }
    if (!idle) await record(recurring, () => recordTurn(recurring.db, recurring.name, started, failure));
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

/**
 * Writes a turn that did something (or failed) once it has ended, in one statement: start, end, outcome,
 * duration and instance always describe the same turn. A turn under way is therefore not shown; a row
 * still reading 'running' was written by an earlier version.
 */
async function recordTurn(db: Executor | null, name: string, started: Date, failure: unknown): Promise<void> {
  if (!db) return;
  const failed = failure !== null;
  const finished = new Date();
  const turn = {
    lastStartedAt: started,
    lastFinishedAt: finished,
    lastOutcome: failed ? 'failed' : 'ok',
    lastError: failed ? describeFailure(failure) : null,
    lastDurationMs: finished.getTime() - started.getTime(),
    instance: INSTANCE,
  };
  await db
    .insert(jobRuns)
    .values({ name, ...turn, runs: 1, failures: failed ? 1 : 0 })
    .onConflictDoUpdate({
      target: jobRuns.name,
      set: {
        ...turn,
        runs: sql`${jobRuns.runs} + 1`,
        failures: failed ? sql`${jobRuns.failures} + 1` : jobRuns.failures,
      },
    });
}

/**
 * What the « Tâches » page shows of a failure: its kind and the database's codes (which table, which
 * constraint), never its message, which may quote personal values.
 */
export function describeFailure(failure: unknown): string {
  const safe = safeErrorForLog(failure);
  // A system error's code (ECONNRESET, EIO…) names the cause and carries no data.
  const systemCode = (failure as { code?: unknown } | null)?.code;
  return [
    safe.type,
    typeof systemCode === 'string' && /^E[A-Z0-9_]+$/.test(systemCode) ? systemCode : null,
    safe.pgCode ? `SQLSTATE ${safe.pgCode}` : null,
    safe.table ? `table ${safe.table}` : null,
    safe.constraint ? `constraint ${safe.constraint}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}
