import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { withoutStatementLimitOn } from '../server/query-time.ts';
import type { Database } from './connection.ts';

export const MIGRATIONS_FOLDER = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../migrations',
);

/** Arbitrary, fixed: the advisory lock every instance takes before migrating. */
const MIGRATION_LOCK_KEY = 0x5345_4356; // "SECV"

const inProcess = new WeakMap<Database, Promise<void>>();

/**
 * Applies the committed migrations. Several instances starting together on one PostgreSQL take a
 * session advisory lock, so exactly one applies them and the others find them done. The embedded
 * database is one PostgreSQL session, where advisory locks exclude nobody: calls within this process
 * are therefore also chained one after the other.
 */
export function runMigrations(database: Database): Promise<void> {
  const previous = inProcess.get(database) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(() => migrateOnce(database));
  inProcess.set(database, next);
  return next;
}

async function migrateOnce(database: Database): Promise<void> {
  // A migration rewriting a large table may take longer than the server's statement limit.
  await withoutStatementLimitOn(database.pool, async (lifted) => {
    const client = lifted ?? (await database.pool.connect());
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      try {
        await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      }
    } finally {
      if (!lifted) client.release();
    }
  });
}
