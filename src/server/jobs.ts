import { sql } from 'drizzle-orm';
import { jobRuns } from '../db/job-runs.ts';
import type { Executor } from '../db/tx.ts';
import type { Actor } from '../lib/actor.ts';
import { forbidden } from '../lib/errors.ts';
import { scheduledJobs } from './schedule.ts';

/** 'running' is only found in rows written by earlier versions (turns are now recorded when they end). */
export type JobOutcome = 'running' | 'ok' | 'failed';

/** One periodic job as the « Tâches » page shows it (GET /admin/jobs). */
export interface JobOverview {
  name: string;
  /** How often this instance gives the job a turn; null when this instance does not run it. */
  everyMinutes: number | null;
  /** This instance's next turn, when it runs the job. */
  nextRunAt: Date | null;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  /** null: never run. */
  lastOutcome: JobOutcome | null;
  /** The last failure's kind and database codes (no message, no data). */
  lastError: string | null;
  lastDurationMs: number | null;
  runs: number;
  failures: number;
  /** The host and process that ran the last recorded turn. */
  instance: string | null;
}

export interface JobsOverview {
  jobs: JobOverview[];
  outbox: { pending: number; failed: number; oldestPendingAt: Date | null };
}

function outcomeOf(value: string | null | undefined): JobOutcome | null {
  return value === 'running' || value === 'ok' || value === 'failed' ? value : null;
}

/** The periodic jobs' last turns and the e-mail queue, for the platform administrators. */
export async function describeJobs(db: Executor, actor: Actor): Promise<JobsOverview> {
  if (!actor.isPlatformAdmin) throw forbidden();
  const rows = await db.select().from(jobRuns);
  const local = new Map(scheduledJobs().map((job) => [job.name, job]));
  const names = [...new Set([...rows.map((r) => r.name), ...local.keys()])].sort();
  const jobs = names.map((name) => {
    const row = rows.find((r) => r.name === name);
    const here = local.get(name);
    return {
      name,
      everyMinutes: here ? Math.round(here.everyMs / 60_000) : null,
      nextRunAt: here ? here.nextRunAt() : null,
      lastStartedAt: row?.lastStartedAt ?? null,
      lastFinishedAt: row?.lastFinishedAt ?? null,
      lastOutcome: outcomeOf(row?.lastOutcome),
      lastError: row?.lastError ?? null,
      lastDurationMs: row?.lastDurationMs ?? null,
      runs: row?.runs ?? 0,
      failures: row?.failures ?? 0,
      instance: row?.instance ?? null,
    };
  });
  const [queue] = (
    await db.execute<{ pending: number; failed: number; oldest: string | null }>(sql`
      select count(*) filter (where status = 'pending')::int as pending,
             count(*) filter (where status = 'failed')::int as failed,
             min(created_at) filter (where status = 'pending') as oldest
      from outbox`)
  ).rows;
  return {
    jobs,
    outbox: {
      pending: Number(queue?.pending ?? 0),
      failed: Number(queue?.failed ?? 0),
      oldestPendingAt: queue?.oldest ? new Date(queue.oldest) : null,
    },
  };
}
