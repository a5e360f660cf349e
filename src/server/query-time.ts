import type pg from 'pg';
import { type DatabaseMode, drizzleOn } from '../db/connection.ts';
import type { Executor } from '../db/tx.ts';

/**
 * Caps how long one SQL statement of the server may run (PostgreSQL's `statement_timeout`), so that a
 * runaway report or a lock held too long fails with a clear 503 QUERY_TIMEOUT instead of tying up a
 * connection and the person waiting.
 *
 * The server's pool is built with the limit in its connection parameters (`statementLimitParameter`), so
 * every connection has it from its first statement, whichever is checked out first. The migrations and
 * the periodic jobs lift it on their own connection (`withoutStatementLimit`): a catch-up after a long
 * stop may legitimately run long, and a job's statements wait for nobody.
 *
 * Not on the embedded database: PGlite runs in this process without the timer PostgreSQL cancels
 * statements with (a `SET statement_timeout` there is accepted and never fires), and its one session is
 * shared by every connection, command-line tools included.
 */

/** The limit in milliseconds each pool's connections carry (pools without a limit are absent). */
const limits = new WeakMap<pg.Pool, number>();

function toMs(seconds: number): number {
  return Math.round(seconds * 1000);
}

/** The `options` connection parameter giving every connection of a PostgreSQL pool the limit, if any. */
export function statementLimitParameter(seconds: number | undefined): string | undefined {
  if (!seconds || seconds <= 0) return undefined;
  return `-c statement_timeout=${toMs(seconds)}`;
}

/** Notes that a pool's connections carry the limit (set by `statementLimitParameter` when it was built). */
export function rememberStatementLimit(pool: pg.Pool, seconds: number | undefined): void {
  if (seconds && seconds > 0) limits.set(pool, toMs(seconds));
}

/**
 * Gives the limit to a pool built without it (the tests build their database before the app's
 * configuration): new connections get it in their start-up parameters, and the idle ones a SET. Called
 * before the app starts its workers, so no connection is checked out meanwhile. A pool built with the
 * same limit is left as it is.
 */
export async function limitStatementTime(pool: pg.Pool, mode: DatabaseMode, seconds: number): Promise<void> {
  if (mode !== 'postgres' || seconds <= 0) return;
  const ms = toMs(seconds);
  if (limits.get(pool) === ms) return;
  pool.options.statement_timeout = ms;
  limits.set(pool, ms);
  // Borrowing as many clients as are idle hands back exactly those (nothing else runs yet).
  const idle = await Promise.all(Array.from({ length: pool.idleCount }, () => pool.connect()));
  try {
    await Promise.all(idle.map((client) => client.query(`SET statement_timeout = ${ms}`)));
  } finally {
    for (const client of idle) client.release();
  }
}

/**
 * Runs `work` on one connection of `pool` with no statement limit, then gives the connection its limit
 * back before it returns to the pool (a connection that cannot take it back is closed, not reused).
 * Without a limit on the pool (embedded database, STATEMENT_TIMEOUT_SECONDS=0) the work runs as is.
 */
export async function withoutStatementLimitOn<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient | null) => Promise<T>,
): Promise<T> {
  const ms = limits.get(pool);
  if (ms === undefined) return work(null);
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('SET statement_timeout = 0');
    return await work(client);
  } finally {
    try {
      await client.query(`SET statement_timeout = ${ms}`);
    } catch {
      broken = true;
    }
    client.release(broken);
  }
}

/**
 * A periodic job's turn with no statement limit: `work` gets a database on one connection whose limit is
 * lifted (its transactions and statements all go through that connection), or `db` itself when the pool
 * has no limit.
 */
export function withoutStatementLimit<T>(db: Executor, work: (db: Executor) => Promise<T>): Promise<T> {
  // drizzle keeps what it was built over as `$client`: the pool, or one connection (then nothing to lift).
  const over = (db as unknown as { $client?: pg.Pool | pg.PoolClient }).$client;
  if (!over || !('idleCount' in over)) return work(db);
  return withoutStatementLimitOn(over, (client) => work(client ? drizzleOn(client) : db));
}
