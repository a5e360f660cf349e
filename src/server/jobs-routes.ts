import { z } from 'zod';
import { type App, actorOf, type Deps, errorResponses, Instant } from './http.ts';
import { describeJobs } from './jobs.ts';

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
