import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { jobRuns } from '../db/job-runs.ts';
import type { Executor } from '../db/tx.ts';
import type { Actor } from '../lib/actor.ts';
import { forbidden } from '../lib/errors.ts';
import { type App, actorOf, type Deps, errorResponses, Instant } from './http.ts';
import { scheduledJobs } from './schedule.ts';

const JobState = z.object({
  name: z.string().describe('loan-reminders, follow-ups, retention, portal-cleanup, backup…'),
  everyMinutes: z
    .number()
    .int()
    .nullable()
    .describe('How often this instance gives the job a turn; null when this instance does not run it'),
  nextRunAt: Instant.nullable().describe("This instance's next turn, when it runs the job"),
  lastStartedAt: Instant.nullable(),
  lastFinishedAt: Instant.nullable(),
  lastOutcome: z
    .enum(['running', 'ok', 'failed'])
    .nullable()
    .describe(
      "null: never run; 'running' only as left by earlier versions (turns are recorded when they end)",
    ),
  lastError: z
    .string()
    .nullable()
    .describe("The last failure's kind and database codes (no message, no data)"),
  lastDurationMs: z.number().int().nullable(),
  runs: z.number().int(),
  failures: z.number().int(),
  instance: z.string().nullable().describe('The host and process that ran the last turn'),
});

const JobsReply = z.object({
  jobs: z.array(JobState),
  outbox: z.object({
    pending: z.number().int().describe('E-mails waiting to be sent (retries included)'),
    failed: z.number().int().describe('E-mails given up after the last attempt'),
    oldestPendingAt: Instant.nullable().describe('When the oldest e-mail still waiting was written'),
  }),
});
export type JobsReply = z.infer<typeof JobsReply>;

/** The periodic jobs' last turns and the e-mail queue, for the platform administrators. */
export async function describeJobs(db: Executor, actor: Actor): Promise<JobsReply> {
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
      lastOutcome: (row?.lastOutcome as 'running' | 'ok' | 'failed' | null | undefined) ?? null,
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

/** `GET /admin/jobs`: the « Tâches » page's data. */
export function jobsRoutes(app: App, deps: Deps): void {
  app.get(
    '/admin/jobs',
    {
      schema: {
        tags: ['system'],
        summary:
          "The periodic jobs' last turns (outcome, duration, failure's kind), this instance's next turn, and the e-mail queue (platform administrators)",
        response: { 200: JobsReply, ...errorResponses },
      },
    },
    async (request) => describeJobs(deps.database.db, actorOf(request)),
  );
}
