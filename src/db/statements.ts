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

/**
 * Pools of the embedded database served by this process. Every connection of such a pool reaches the same
 * PGlite session, so a name prepared through one connection already exists for the others, and their own
 * Parse of it fails. Each connection gets names of its own instead (`<name>_<n>`); they are dropped when
 * the pool lets that connection go, so the one session does not collect plans of connections long gone.
 * Only this process's pool: another process on the same socket (the CLI) keeps unnamed statements.
 */
const perConnectionPools = new WeakSet<pg.Pool>();
const connectionNames = new WeakMap<pg.PoolClient, { suffix: number; names: Set<string> }>();
let lastSuffix = 0;

/** Lets `pool` (the embedded database's, in the process serving it) keep named statements, per connection. */
export function nameStatementsPerConnection(pool: pg.Pool): void {
  perConnectionPools.add(pool);
  pool.on('remove', (client) => {
    const own = connectionNames.get(client as pg.PoolClient);
    if (!own) return;
    // Through another connection: it is the same session. A pool being ended refuses, and that is fine.
    for (const name of own.names) pool.query(`deallocate "${name}"`).catch(() => {});
  });
}

/** A handle on which named statements may be prepared, and the name a statement takes on it. */
export interface NamedStatementTarget {
  client: pg.Pool | pg.PoolClient;
  name(base: string): string;
}

/**
 * Runs `run` on a handle that keeps named statements (planned once per connection), or `otherwise` when
 * the executor cannot keep them (a transaction, a server on a Unix socket, another process's embedded
 * database). On the embedded pool the connection is held for the duration of `run`: keep it to the query.
 */
export async function withNamedStatements<T>(
  db: Executor,
  run: (target: NamedStatementTarget) => Promise<T>,
  otherwise: () => Promise<T>,
): Promise<T> {
  const shared = namedStatementPool(db);
  if (shared) return run({ client: shared, name: (base) => base });
  const pool = (db as { $client?: unknown }).$client;
  if (!(pool instanceof pg.Pool) || !perConnectionPools.has(pool)) return otherwise();
  const client = await pool.connect();
  let own = connectionNames.get(client);
  if (!own) {
    own = { suffix: ++lastSuffix, names: new Set() };
    connectionNames.set(client, own);
  }
  const names = own;
  try {
    const result = await run({
      client,
      name(base) {
        const name = `${base}_${names.suffix}`;
        names.names.add(name);
        return name;
      },
    });
    client.release();
    return result;
  } catch (err) {
    // As pool.query does: a connection that failed a query is not reused.
    client.release(err as Error);
    throw err;
  }
}
