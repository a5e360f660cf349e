/**
 * Crash tests: the real server (`seconde-vie serve`) as a child process on a data directory (embedded) or a
 * database (DATABASE_URL) of the test's own, killed with SIGKILL while it works, and started again on the
 * same data. Seeding goes through the application in this process, before the server starts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import {
  connectToRunningEmbedded,
  type Database,
  openEmbeddedDatabase,
  openServerDatabase,
} from '../../src/db/connection.ts';
import { readLiveLock } from '../../src/db/lock.ts';
import { runMigrations } from '../../src/db/migrate.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CrashBackend {
  kind: 'embedded' | 'postgres';
  dataDir: string;
  /** The test's own database on the server (postgres only). */
  databaseUrl?: string;
  /** Opens the data directly (no server running), migrated. */
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

/** A fresh place for the data: a temporary data directory, or a new database on DATABASE_URL's server. */
export async function createCrashBackend(): Promise<CrashBackend> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sv-crash-'));
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    return {
      kind: 'embedded',
      dataDir,
      async open() {
        const database = await openEmbeddedDatabase({ dataDir, lock: true });
        await runMigrations(database);
        return database;
      },
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `sv_crash_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    kind: 'postgres',
    dataDir,
    databaseUrl,
    async open() {
      const database = await openServerDatabase(databaseUrl, 5);
      await runMigrations(database);
      return database;
    },
    async dispose() {
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface RunningServer {
  baseUrl: string;
  child: ChildProcess;
  /** Milliseconds from spawn to the first healthy answer. */
  startMs: number;
  output(): string;
  /** A connection to the running server's database (through its socket when embedded), for counting. */
  peek(): Promise<Database>;
  /** SIGKILL: no handler runs, nothing is flushed or closed. */
  kill(): Promise<void>;
  /** SIGTERM: the normal stop. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    import('node:net').then(({ default: net }) => {
      const server = net.createServer();
      server.unref();
      server.on('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolve(port));
      });
    }, reject);
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `seconde-vie serve` on the backend's data and waits for its health check to answer. */
export async function startServer(backend: CrashBackend): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: backend.dataDir,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  if (backend.databaseUrl) env.DATABASE_URL = backend.databaseUrl;
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/seconde-vie.mjs'), 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer in time:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const startMs = Date.now() - started;
  return {
    baseUrl,
    child,
    startMs,
    output: () => log,
    async peek() {
      if (backend.databaseUrl) return openServerDatabase(backend.databaseUrl, 2);
      const live = readLiveLock(backend.dataDir);
      if (!live?.socketPath) throw new Error('the embedded server holds no socket');
      return connectToRunningEmbedded(live.socketPath);
    },
    async kill() {
      const gone = exited(child);
      child.kill('SIGKILL');
      await gone;
    },
    async stop() {
      const gone = exited(child);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** A call to the spawned server with an API token; resolves to status and body, or to an error if killed. */
export async function call(
  server: RunningServer,
  token: string,
  method: string,
  url: string,
  body?: string | Buffer | object,
  contentType = 'application/json',
): Promise<{ status: number; body: Buffer }> {
  const payload =
    body === undefined
      ? undefined
      : typeof body === 'string'
        ? body
        : Buffer.isBuffer(body)
          ? new Uint8Array(body)
          : JSON.stringify(body);
  const res = await fetch(`${server.baseUrl}/api/v1${url}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(payload === undefined ? {} : { 'content-type': contentType }),
    },
    ...(payload === undefined ? {} : { body: payload }),
  });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

export interface IntegrityReport {
  /** B-tree indexes checked with amcheck's bt_index_check (heap included: every tuple has its entry). */
  indexes: number;
  /** Tables whose every page was read and checked with verify_heapam. */
  tables: number;
  problems: string[];
}

/**
 * Checks the stopped server's data with PostgreSQL's amcheck: every heap page (and its checksum on the
 * embedded database) and every B-tree index against its table.
 */
export async function checkIntegrity(backend: CrashBackend): Promise<IntegrityReport> {
  const run = async (query: <T>(sql: string) => Promise<T[]>) => {
    await query('CREATE EXTENSION IF NOT EXISTS amcheck');
    const tables = await query<{ oid: string; name: string }>(
      `SELECT c.oid::text AS oid, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY c.relname`,
    );
    const problems: string[] = [];
    for (const table of tables) {
      const rows = await query<{ msg: string }>(`SELECT msg FROM verify_heapam(${table.oid}::regclass)`);
      for (const row of rows) problems.push(`${table.name}: ${row.msg}`);
    }
    const indexes = await query<{ oid: string; name: string }>(
      `SELECT c.oid::text AS oid, c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
         JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE am.amname = 'btree' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND i.indisvalid`,
    );
    for (const index of indexes) {
      try {
        await query(`SELECT bt_index_check(${index.oid}::regclass, true)`);
      } catch (err) {
        problems.push(`${index.name}: ${(err as Error).message}`);
      }
    }
    return { indexes: indexes.length, tables: tables.length, problems };
  };
  if (backend.databaseUrl) {
    const client = new pg.Client({ connectionString: backend.databaseUrl });
    await client.connect();
    try {
      return await run(async <T>(sql: string) => (await client.query(sql)).rows as T[]);
    } finally {
      await client.end();
    }
  }
  const db = await PGlite.create({
    dataDir: path.join(backend.dataDir, 'pgdata'),
    extensions: { amcheck, pg_trgm },
  });
  try {
    return await run(async <T>(sql: string) => (await db.query<T>(sql)).rows);
  } finally {
    await db.close();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
