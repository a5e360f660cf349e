import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The state of each periodic job (loan reminders, follow-ups, retention, portal clean-up, backups…),
 * one row per job, written when a turn that did something (or failed) ends, by whichever instance ran it;
 * a turn that found nothing to claim writes nothing. The administrators' « Tâches » page reads it. The
 * error is the failure's kind and database codes only, never its message nor personal data.
 */
export const jobRuns = pgTable('job_runs', {
  name: text().primaryKey(),
  lastStartedAt: timestamp({ withTimezone: true }),
  lastFinishedAt: timestamp({ withTimezone: true }),
  /** 'ok' | 'failed' ('running': written by earlier versions at a turn's start) */
  lastOutcome: text(),
  lastError: text(),
  lastDurationMs: integer(),
  runs: integer().notNull().default(0),
  failures: integer().notNull().default(0),
  /** Which instance ran the last turn (host name and process id). */
  instance: text(),
});
