import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The state of each periodic job (loan reminders, follow-ups, retention, portal clean-up, backups…),
 * one row per job, updated by whichever instance ran its last turn: the administrators' « Tâches » page
 * reads it. The error is the failure's message only, never personal data.
 */
export const jobRuns = pgTable('job_runs', {
  name: text().primaryKey(),
  lastStartedAt: timestamp({ withTimezone: true }),
  lastFinishedAt: timestamp({ withTimezone: true }),
  /** 'running' | 'ok' | 'failed' */
  lastOutcome: text(),
  lastError: text(),
  lastDurationMs: integer(),
  runs: integer().notNull().default(0),
  failures: integer().notNull().default(0),
  /** Which instance ran the last turn (host name and process id). */
  instance: text(),
});
