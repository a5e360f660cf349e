import { type Database, DatabaseUnreachableError, openDatabase } from '../db/connection.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { runMigrations } from '../db/migrate.ts';
import type { Config } from '../lib/config.ts';

/** A problem the user can fix, printed without a stack trace. */
export class CliError extends Error {}

/**
 * Opens the configured database for a command: the PostgreSQL server of DATABASE_URL, the embedded
 * database a running server holds (through its socket), or the data directory itself when no server runs.
 */
export async function openForCommand(config: Config, purpose: 'server' | 'cli'): Promise<Database> {
  try {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      purpose,
      statementTimeoutSeconds: config.statementTimeoutSeconds,
      onStaleLock: (message) => console.warn(`warning: ${message}`),
    });
    await runMigrations(database);
    return database;
  } catch (err) {
    if (err instanceof DatabaseUnreachableError || err instanceof DataDirLockedError)
      throw new CliError(err.message);
    throw err;
  }
}
