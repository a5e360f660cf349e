import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openEmbeddedDatabase } from './connection.ts';
import { namedStatementPool, withNamedStatements } from './statements.ts';
import type { Executor } from './tx.ts';

const pools: pg.Pool[] = [];
function dbOn(config: pg.PoolConfig) {
  const pool = new pg.Pool(config);
  pools.push(pool);
  return { db: drizzle(pool) as unknown as Executor, pool };
}
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});

describe('namedStatementPool', () => {
  it('names statements for a PostgreSQL server reached over TCP', () => {
    const { db, pool } = dbOn({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    expect(namedStatementPool(db)).toBe(pool);
    const byHost = dbOn({ host: 'db.example.org', port: 5432 });
    expect(namedStatementPool(byHost.db)).toBe(byHost.pool);
  });

  it('never for the embedded database on its Unix socket (one session shared by the pool)', () => {
    expect(namedStatementPool(dbOn({ host: '/tmp/sv-x', port: 5432 }).db)).toBeNull();
    expect(
      namedStatementPool(dbOn({ connectionString: 'postgres:///db?host=/var/run/postgresql' }).db),
    ).toBeNull();
  });

  it('never for anything that is not the pool itself (a transaction)', () => {
    expect(namedStatementPool({} as never)).toBeNull();
  });
});

describe('withNamedStatements on the embedded database', () => {
  it('gives each connection of the shared session its own names, dropped with the connection', async () => {
    const database = await openEmbeddedDatabase({});
    try {
      const run = () =>
        withNamedStatements(
          database.db,
          async ({ client, name }) => {
            const result = await client.query<{ n: number }>({
              name: name('sv_test_statement'),
              text: 'select $1::int as n, pg_sleep(0.05)',
              values: [1],
            });
            return result.rows[0]?.n;
          },
          async () => -1,
        );
      // Concurrent calls hold several connections: each prepares the name on its own.
      expect(await Promise.all([run(), run(), run()])).toEqual([1, 1, 1]);
      const prepared = async (pattern: string) =>
        (
          await database.pool.query<{ name: string }>(
            'select name from pg_prepared_statements where name like $1',
            [pattern],
          )
        ).rows.length;
      expect(await prepared('sv_test_statement_%')).toBeGreaterThanOrEqual(2);
      // A failed query takes its connection out of the pool, and the names prepared on it with it
      // (the statement parses; it fails when executed).
      await expect(
        withNamedStatements(
          database.db,
          ({ client, name }) => client.query({ name: name('sv_test_failing'), text: 'select 1/0' }),
          async () => null,
        ),
      ).rejects.toThrow();
      await vi.waitFor(async () => expect(await prepared('sv_test_failing_%')).toBe(0));
      expect(await prepared('sv_test_statement_%')).toBeGreaterThanOrEqual(1);
    } finally {
      await database.close();
    }
  });

  it('runs the unnamed path in a transaction', async () => {
    const database = await openEmbeddedDatabase({});
    try {
      const via = await database.db.transaction((tx) =>
        withNamedStatements(
          tx,
          async () => 'named',
          async () => 'unnamed',
        ),
      );
      expect(via).toBe('unnamed');
    } finally {
      await database.close();
    }
  });
});
