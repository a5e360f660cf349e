import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { type Database, openServerDatabase } from './connection.ts';
import { runMigrations } from './migrate.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
});
afterAll(() => database.close());

it('applies the migrations once when several instances start together', async () => {
  // Three "instances" racing. On a server, each has a pool of its own, as separate app processes would.
  const others: Database[] = database.url
    ? await Promise.all([openServerDatabase(database.url, 2), openServerDatabase(database.url, 2)])
    : [database, database];
  try {
    await Promise.all([database, ...others].map((d) => runMigrations(d)));
  } finally {
    for (const other of others) if (other !== database) await other.close();
  }
  const { rows } = await database.pool.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
  const files = (await import('node:fs'))
    .readdirSync(new URL('../../migrations', import.meta.url))
    .filter((f) => f.endsWith('.sql'));
  expect(rows[0].n).toBe(files.length);
  const tables = await database.pool.query("SELECT to_regclass('public.organisations') AS t");
  expect(tables.rows[0].t).toBe('organisations');
});

it('runs a transaction across pool connections without losing or mixing writes', async () => {
  await database.pool.query('CREATE TEMP TABLE IF NOT EXISTS probe (n int)');
  const { db } = database;
  await expect(
    db.transaction(async (tx) => {
      await tx.execute("INSERT INTO settings (key, value) VALUES ('probe', 'rolled back')");
      throw new Error('abort');
    }),
  ).rejects.toThrow('abort');
  // Concurrent transactions from several connections all commit.
  await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      db.transaction(async (tx) => {
        await tx.execute(`INSERT INTO settings (key, value) VALUES ('probe-${i}', '${i}')`);
      }),
    ),
  );
  const { rows } = await database.pool.query(
    "SELECT count(*)::int AS n FROM settings WHERE key LIKE 'probe%'",
  );
  expect(rows[0].n).toBe(8);
});
