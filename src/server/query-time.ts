import type pg from 'pg';
import type { DatabaseMode } from '../db/connection.ts';

/**
 * Caps how long one SQL statement of the server may run (PostgreSQL's `statement_timeout`), so that a
 * runaway report or a lock held too long fails with a clear 503 QUERY_TIMEOUT instead of tying up a
 * connection and the person waiting. New connections get it in their start-up parameters; the ones the
 * pool already holds idle (opened for the migrations) get a SET, once, before the server serves anything.
 *
 * Not on the embedded database: PGlite runs in this process without the timer PostgreSQL cancels
 * statements with (a `SET statement_timeout` there is accepted and never fires), and its one session is
 * shared by every connection, command-line tools included.
 */
export async function limitStatementTime(pool: pg.Pool, mode: DatabaseMode, seconds: number): Promise<void> {
  if (mode !== 'postgres' || seconds <= 0) return;
  const ms = Math.round(seconds * 1000);
  pool.options.statement_timeout = ms;
  // Borrowing as many clients as are idle hands back exactly those (nothing else runs yet).
  const idle = await Promise.all(Array.from({ length: pool.idleCount }, () => pool.connect()));
  try {
    await Promise.all(idle.map((client) => client.query(`SET statement_timeout = ${ms}`)));
  } finally {
    for (const client of idle) client.release();
  }
}
