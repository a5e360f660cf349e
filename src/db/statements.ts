import pg from 'pg';
import type { Executor } from './tx.ts';

/**
 * The pool behind an executor when PostgreSQL can keep a named prepared statement for it, else null.
 *
 * A named statement is parsed and planned once per connection, then only executed; for the small reads
 * done on every request (authentication, one device), planning cost several times the execution. Only on
 * a PostgreSQL server reached over TCP: PGlite (served on a Unix socket) is one database session shared
 * by every connection of the pool, where a second connection preparing the same name would fail. A real
 * server on a Unix socket is taken for PGlite too, and just gets unnamed statements. Transactions get
 * unnamed statements as well (their handle is not the pool).
 */
export function namedStatementPool(db: Executor): pg.Pool | null {
  const client = (db as { $client?: unknown }).$client;
  if (!(client instanceof pg.Pool)) return null;
  const host = (client as unknown as { options: { host?: string } }).options.host;
  const connectionString = (client as unknown as { options: { connectionString?: string } }).options
    .connectionString;
  if (host?.startsWith('/')) return null;
  if (!connectionString && !host) return null;
  if (connectionString && /[?&]host=\//.test(connectionString)) return null;
  return client;
}
