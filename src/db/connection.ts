import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { maskDatabaseUrl } from '../lib/config.ts';
import { rememberStatementLimit, statementLimitParameter } from '../server/query-time.ts';
import { describeFailure } from '../server/schedule.ts';
import { type CheckpointTurn, startCheckpoints } from './checkpoint.ts';
import { acquireLock, DataDirLockedError, type HeldLock, readLiveLock } from './lock.ts';
import { type PGliteSocketServer, servePGlite } from './pglite-server.ts';
import * as schema from './schema.ts';
import { nameStatementsPerConnection } from './statements.ts';

export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema>;
export type DatabaseMode = 'embedded' | 'postgres';

export interface Database {
  db: Db;
  pool: pg.Pool;
  mode: DatabaseMode;
  /** The Unix socket other processes may use to reach an embedded database, when this process serves it. */
  socketPath: string | null;
  /** A tarball of the embedded data directory (PGlite's own dump), when this process runs PGlite. */
  dumpDataDir?: () => Promise<Blob>;
  /** Checkpoints an embedded database kept on disk and flushes its files to the disk (see checkpoint.ts). */
  checkpoint?: () => Promise<CheckpointTurn>;
  close(): Promise<void>;
}

// Calendar days stay 'YYYY-MM-DD' strings: turning them into Date objects would shift them by the time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/** The pool stays small: pglite-socket multiplexes its connections onto one PGlite, one query at a time. */
const EMBEDDED_POOL_SIZE = 8;
const SOCKET_MAX_CONNECTIONS = 12;
const SOCKET_PORT = 5432;
const SOCKET_PATH_LIMIT = 100; // sun_path holds 107 bytes on Linux; keep a margin

export class DatabaseUnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    super(
      `Cannot connect to the PostgreSQL server at DATABASE_URL=${maskDatabaseUrl(url)}: ${(cause as Error).message}. ` +
        'Check that the server is running and that DATABASE_URL is right, or unset DATABASE_URL to use the embedded database.',
    );
    this.name = 'DatabaseUnreachableError';
  }
}

/** The app's drizzle (its schema and column naming) over a pool or over one of its connections. */
export function drizzleOn(client: pg.Pool | pg.PoolClient): Db {
  return drizzle(client, { schema, casing: 'snake_case' });
}

function wrap(
  pool: pg.Pool,
  mode: DatabaseMode,
  socketPath: string | null,
  onClose: () => Promise<void>,
): Database {
  pool.on('error', (err) => {
    // An idle client lost its connection (server restart): the pool replaces it; do not crash.
    // Its kind and codes only: a driver's message may quote a query's values.
    console.error(`database connection error: ${describeFailure(err)}`);
  });
  let closed = false;
  return {
    db: drizzleOn(pool),
    pool,
    mode,
    socketPath,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await pool.end();
      } finally {
        await onClose();
      }
    },
  };
}

/**
 * Connects to a PostgreSQL server and checks that it answers. `statementTimeoutSeconds` (the server's
 * STATEMENT_TIMEOUT_SECONDS) goes into every connection's start-up parameters: no connection of the pool,
 * however early it is checked out, runs without it (see query-time.ts).
 */
export async function openServerDatabase(
  url: string,
  poolSize = 10,
  statementTimeoutSeconds?: number,
): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 10_000,
    options: statementLimitParameter(statementTimeoutSeconds),
  });
  rememberStatementLimit(pool, statementTimeoutSeconds);
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new DatabaseUnreachableError(url, err);
  }
  return wrap(pool, 'postgres', null, async () => {});
}

function socketDirectory(dataDir: string | undefined): { dir: string; temporary: boolean } {
  if (dataDir) {
    const dir = path.join(dataDir, 'run');
    if (path.join(dir, `.s.PGSQL.${SOCKET_PORT}`).length <= SOCKET_PATH_LIMIT) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      chmodSync(dir, 0o700);
      return { dir, temporary: false };
    }
  }
  return { dir: mkdtempSync(path.join(os.tmpdir(), 'sv-')), temporary: true };
}

export interface EmbeddedOptions {
  /** Where the data lives; undefined keeps it in memory (tests). */
  dataDir?: string;
  /** Start from this dump of a data directory (PGlite's `dumpDataDir`), e.g. a migrated template in tests. */
  loadDataDir?: Blob;
  /** Hold the data directory's lock file (a server or a CLI command working alone). */
  lock?: boolean;
  onStaleLock?: (message: string) => void;
}

/**
 * Starts PGlite in this process and serves it on a Unix socket (no TCP: pglite-socket has no
 * authentication), so the app, jobs and the CLI all use the same `pg` driver as on a real server.
 */
export async function openEmbeddedDatabase(options: EmbeddedOptions = {}): Promise<Database> {
  let lock: HeldLock | null = null;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    if (options.lock !== false) {
      lock = acquireLock(options.dataDir, (old) =>
        options.onStaleLock?.(
          `Taking over the lock of a Seconde Vie process that is gone (pid ${old.pid}, started ${old.startedAt}).`,
        ),
      );
    }
  }
  const { dir, temporary } = socketDirectory(options.dataDir);
  const socketPath = path.join(dir, `.s.PGSQL.${SOCKET_PORT}`);
  rmSync(socketPath, { force: true });
  let pglite: PGlite | null = null;
  let server: PGliteSocketServer | null = null;
  try {
    pglite = await PGlite.create({
      dataDir: options.dataDir ? path.join(options.dataDir, 'pgdata') : undefined,
      loadDataDir: options.loadDataDir,
      // Trigram indexes make the stock search fast; the server's PostgreSQL ships the same extension.
      extensions: { pg_trgm },
    });
    server = await servePGlite(pglite, socketPath, SOCKET_MAX_CONNECTIONS);
  } catch (err) {
    await server?.stop().catch(() => {});
    await pglite?.close().catch(() => {});
    lock?.release();
    throw err;
  }
  lock?.update({ socketPath });
  const pool = new pg.Pool({
    host: dir,
    port: SOCKET_PORT,
    user: 'postgres',
    database: 'postgres',
    max: EMBEDDED_POOL_SIZE,
    // Connections to the in-process socket cost nothing to keep; closing idle ones would throw away the
    // plans of the named statements prepared on them.
    idleTimeoutMillis: 0,
  });
  nameStatementsPerConnection(pool);
  const started = { server, pglite };
  const pgdata = options.dataDir ? path.join(options.dataDir, 'pgdata') : null;
  const checkpoints = pgdata
    ? startCheckpoints(pool, pgdata, {
        onError: (err) => console.error(`embedded database checkpoint failed: ${describeFailure(err)}`),
      })
    : null;
  const database = wrap(pool, 'embedded', socketPath, async () => {
    await started.server.stop();
    await started.pglite.close();
    // PGlite is closed: from here on, the data directory is free whatever fails (the lock is released).
    try {
      // Closing wrote a last checkpoint into the operating system's cache: put it on the disk.
      await checkpoints?.finalSync();
    } finally {
      try {
        if (temporary) rmSync(dir, { recursive: true, force: true });
        else rmSync(socketPath, { force: true });
      } finally {
        lock?.release();
      }
    }
  });
  database.dumpDataDir = () => started.pglite.dumpDataDir('none');
  if (checkpoints) {
    database.checkpoint = checkpoints.runNow;
    const close = database.close;
    database.close = async () => {
      try {
        await checkpoints.stop();
      } finally {
        await close();
      }
    };
  }
  return database;
}

/** Connects to the embedded database served by another running process (the server) through its socket. */
export async function connectToRunningEmbedded(socketPath: string): Promise<Database> {
  const pool = new pg.Pool({
    host: path.dirname(socketPath),
    port: Number(path.basename(socketPath).split('.').pop()),
    user: 'postgres',
    database: 'postgres',
    max: 2,
  });
  return wrap(pool, 'embedded', null, async () => {});
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir: string;
  /** `server` must own the data directory; `cli` may go through a running server's socket. */
  purpose: 'server' | 'cli';
  /** The server's statement limit on PostgreSQL (STATEMENT_TIMEOUT_SECONDS); commands run without one. */
  statementTimeoutSeconds?: number;
  onStaleLock?: (message: string) => void;
}

/** Opens the database the configuration names: a PostgreSQL server, else the embedded one. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl)
    return openServerDatabase(
      options.databaseUrl,
      10,
      options.purpose === 'server' ? options.statementTimeoutSeconds : undefined,
    );
  if (options.purpose === 'cli') {
    const live = readLiveLock(options.dataDir);
    if (live?.socketPath) return connectToRunningEmbedded(live.socketPath);
    if (live) throw new DataDirLockedError(options.dataDir, live);
  }
  return openEmbeddedDatabase({ dataDir: options.dataDir, lock: true, onStaleLock: options.onStaleLock });
}
