import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { namedStatementPool } from './statements.ts';
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
