import { type Database, openEmbeddedDatabase, openServerDatabase } from '../src/db/connection.ts';
import { runMigrations } from '../src/db/migrate.ts';

/** Runs `measure` on a fresh, migrated embedded database. */
export async function onEmbedded<T>(measure: (database: Database) => Promise<T>): Promise<T> {
  const database = await openEmbeddedDatabase({});
  try {
    await runMigrations(database);
    return await measure(database);
  } finally {
    await database.close();
  }
}

/**
 * Runs `measure` on a database created for it on the PostgreSQL server of DATABASE_URL, dropped after;
 * undefined when DATABASE_URL is not set.
 */
export async function onServer<T>(measure: (database: Database) => Promise<T>): Promise<T | undefined> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return undefined;
  const server = await openServerDatabase(serverUrl);
  const name = `sv_bench_${Date.now().toString(36)}`;
  try {
    await server.pool.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = await openServerDatabase(url.toString());
    try {
      await runMigrations(database);
      return await measure(database);
    } finally {
      await database.close();
      await server.pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await server.close();
  }
}
