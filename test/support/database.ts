import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openEmbeddedDatabase, openServerDatabase } from '../../src/db/connection.ts';
import { runMigrations } from '../../src/db/migrate.ts';

/**
 * A database of the test file's own: a fresh embedded PGlite (from the migrated template), or a new
 * database with a random name on the PostgreSQL server of DATABASE_URL, dropped at the end. Tests never
 * touch a database they did not create.
 */
export type TestDatabase = Database & { /** The server database's URL (server mode only). */ url?: string };

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const template = migrate ? inject('templateDump') : null;
    const database = await openEmbeddedDatabase(
      template ? { loadDataDir: new Blob([readFileSync(template)]) } : {},
    );
    if (!template && migrate) await runMigrations(database);
    return database;
  }
  const name = `sv_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openServerDatabase(url.toString(), 5);
  if (migrate) await runMigrations(database);
  const close = database.close;
  (database as TestDatabase).url = url.toString();
  database.close = async () => {
    await close();
    const dropper = new pg.Client({ connectionString: serverUrl });
    await dropper.connect();
    try {
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await dropper.end();
    }
  };
  return database;
}
