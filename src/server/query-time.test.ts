import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { openServerDatabase } from '../db/connection.ts';
import { runMigrations } from '../db/migrate.ts';
import { loadConfig } from '../lib/config.ts';
import { withoutStatementLimit } from './query-time.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);

describe('STATEMENT_TIMEOUT_SECONDS', () => {
  it('defaults to 30 seconds, 0 turns it off, and nonsense is refused with the variable named', () => {
    expect(loadConfig({}).statementTimeoutSeconds).toBe(30);
    expect(loadConfig({ STATEMENT_TIMEOUT_SECONDS: '0' }).statementTimeoutSeconds).toBe(0);
    expect(() => loadConfig({ STATEMENT_TIMEOUT_SECONDS: 'soon' })).toThrow(/STATEMENT_TIMEOUT_SECONDS/);
  });
});

describe.skipIf(!onPostgres)('a statement past the time limit (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ STATEMENT_TIMEOUT_SECONDS: '1' });
  });
  afterAll(() => t?.close());

  it('is cancelled, and the request answers 503 QUERY_TIMEOUT saying so; nothing is held after', async () => {
    const admin = await t.admin();
    // Another session holds the organisations table: the list waits for it past the limit.
    const url = (t.database as { url?: string }).url;
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE organisations IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const res = await admin.get('/organisations');
      expect(Date.now() - started).toBeLessThan(5000);
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        code: 'QUERY_TIMEOUT',
        status: 503,
        title: 'Opération trop longue',
      });
      expect(res.json().detail).toContain('plus de 1 secondes');
      expect(res.json().detail).toContain('rien n’a été enregistré');
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    expect((await admin.get('/organisations')).statusCode).toBe(200);
  });

  it('applies to every connection the server borrows', async () => {
    const clients = await Promise.all([1, 2, 3].map(() => t.database.pool.connect()));
    try {
      for (const client of clients) {
        const { rows } = await client.query('SHOW statement_timeout');
        expect(rows[0].statement_timeout).toBe('1s');
      }
    } finally {
      for (const client of clients) client.release();
    }
  });
});

describe.skipIf(!onPostgres)('the limit set when the pool is built (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  async function limitedPool() {
    const url = (t.database as { url?: string }).url;
    if (!url) throw new Error('no database URL');
    return openServerDatabase(url, 3, 1);
  }

  it('is on the very first connection checked out, before any app or worker exists', async () => {
    const database = await limitedPool();
    try {
      const first = await database.pool.connect();
      try {
        expect((await first.query('SHOW statement_timeout')).rows[0].statement_timeout).toBe('1s');
        await expect(first.query('SELECT pg_sleep(1.5)')).rejects.toMatchObject({ code: '57014' });
      } finally {
        first.release();
      }
    } finally {
      await database.close();
    }
  });

  it('does not cap a job turn, and the connection has its limit back after the turn', async () => {
    const database = await limitedPool();
    try {
      const seen = await withoutStatementLimit(database.db, async (jobDb) => {
        const { rows } = await jobDb.execute<{ statement_timeout: string }>('SHOW statement_timeout');
        await jobDb.transaction(async (tx) => {
          await tx.execute('SELECT pg_sleep(1.3)');
        });
        await jobDb.execute('SELECT pg_sleep(1.3)');
        return rows[0]?.statement_timeout;
      });
      expect(seen).toBe('0');
      // The pool holds at most 3 connections: every one, the job's included, is limited again.
      const clients = await Promise.all([1, 2, 3].map(() => database.pool.connect()));
      try {
        for (const client of clients) {
          expect((await client.query('SHOW statement_timeout')).rows[0].statement_timeout).toBe('1s');
        }
      } finally {
        for (const client of clients) client.release();
      }
    } finally {
      await database.close();
    }
  });

  it('does not cap the migrations', async () => {
    const database = await limitedPool();
    try {
      await runMigrations(database); // already up to date: runs its statements under the lifted limit
      const client = await database.pool.connect();
      try {
        expect((await client.query('SHOW statement_timeout')).rows[0].statement_timeout).toBe('1s');
      } finally {
        client.release();
      }
    } finally {
      await database.close();
    }
  });
});
