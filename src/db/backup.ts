/**
 * Backups as one logical dump that restores into an empty embedded data directory or a PostgreSQL
 * database alike: gzip'd lines of JSON, read in one REPEATABLE READ transaction (a consistent snapshot,
 * whether or not a server is writing), restored in one transaction (a failure leaves the target as it was).
 *
 * The file: a header line (format, schema version, tables with their row counts, sequences), then for
 * each table in foreign-key order a `@{"table":…}` line followed by one `to_jsonb` row per line, then an
 * `@{"end":…}` line. Rows stay PostgreSQL's own JSON text from dump to restore (no JavaScript number or
 * date in between), and `jsonb_populate_recordset` turns them back into the table's types.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { type MigrationMeta, readMigrationFiles } from 'drizzle-orm/migrator';
import type pg from 'pg';
import { z } from 'zod';
import { AppError } from '../lib/errors.ts';
import type { backupMessagesFr } from './backup-messages.ts';
import { MIGRATIONS_FOLDER } from './migrate.ts';

export const BACKUP_FORMAT = 'seconde-vie-backup';
export const BACKUP_EXTENSION = '.svbackup';

const BackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  /** Where it was taken: the embedded database or a PostgreSQL server (informative only). */
  source: z.enum(['embedded', 'postgres']),
  schema: z.object({
    /** How many of the code's migrations the database had applied. */
    migrations: z.number().int().min(0),
    /** The last one's timestamp (drizzle's `created_at`, the journal's `when`), which names it. */
    lastMillis: z.number().int().nullable(),
  }),
  tables: z.array(z.object({ name: z.string(), rows: z.number().int().min(0) })),
  sequences: z.array(z.object({ name: z.string(), lastValue: z.string(), isCalled: z.boolean() })),
  totalRows: z.number().int().min(0),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

/** Where a backup or a restore stands, for a progress bar. */
export interface BackupProgress {
  done: number;
  total: number;
  table: string | null;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  tables: number;
  rows: number;
  ms: number;
}

/** Tables the app writes by itself on an instance nobody used yet: they do not make a target "non-empty". */
const BOOKKEEPING_TABLES = new Set(['settings', 'job_runs', 'login_failures']);
const FETCH_ROWS = 2000;
const INSERT_ROWS = 1000;
const INSERT_CHARS = 4_000_000;

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The code's migrations, oldest first. */
export function codeMigrations(): MigrationMeta[] {
  return readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
}

async function schemaVersion(client: pg.PoolClient): Promise<BackupHeader['schema']> {
  const { rows: exists } = await client.query<{ present: boolean }>(
    "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present",
  );
  if (!exists[0]?.present) return { migrations: 0, lastMillis: null };
  const { rows } = await client.query<{ n: number; last: string | null }>(
    'SELECT count(*)::int AS n, max(created_at)::text AS last FROM drizzle.__drizzle_migrations',
  );
  return { migrations: rows[0]?.n ?? 0, lastMillis: rows[0]?.last ? Number(rows[0].last) : null };
}

async function publicTables(client: pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  return rows.map((r) => r.name);
}

/** For each table, the other tables its foreign keys point to. */
async function foreignKeyParents(client: pg.PoolClient): Promise<Map<string, Set<string>>> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT ch.relname AS child, pa.relname AS parent
       FROM pg_constraint c
       JOIN pg_class ch ON ch.oid = c.conrelid
       JOIN pg_class pa ON pa.oid = c.confrelid
      WHERE c.contype = 'f' AND ch.relnamespace = 'public'::regnamespace AND ch.oid <> pa.oid`,
  );
  const parents = new Map<string, Set<string>>();
  for (const { child, parent } of rows) {
    const set = parents.get(child) ?? new Set<string>();
    set.add(parent);
    parents.set(child, set);
  }
  return parents;
}

/** The tables in an order where every table comes after those its foreign keys point to. */
async function foreignKeyOrder(client: pg.PoolClient, tables: string[]): Promise<string[]> {
  const parents = await foreignKeyParents(client);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter(
      (t) => !placed.has(t) && [...(parents.get(t) ?? [])].every((p) => placed.has(p)),
    );
    // A cycle of foreign keys would need deferred constraints; the schema has none, and this says so if one appears.
    if (ready.length === 0) throw new Error('backup: the foreign keys between tables form a cycle');
    for (const t of ready) {
      ordered.push(t);
      placed.add(t);
    }
  }
  return ordered;
}

async function tableCounts(client: pg.PoolClient, tables: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (tables.length === 0) return counts;
  const { rows } = await client.query<{ name: string; n: number }>(
    tables
      .map((t, i) => `SELECT $${i + 1}::text AS name, count(*)::int AS n FROM ${ident(t)}`)
      .join(' UNION ALL '),
    tables,
  );
  for (const r of rows) counts.set(r.name, r.n);
  return counts;
}

async function sequences(client: pg.PoolClient): Promise<BackupHeader['sequences']> {
  const { rows: names } = await client.query<{ name: string }>(
    "SELECT relname AS name FROM pg_class WHERE relkind = 'S' AND relnamespace = 'public'::regnamespace ORDER BY relname",
  );
  const out: BackupHeader['sequences'] = [];
  for (const { name } of names) {
    const { rows } = await client.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text, is_called FROM public.${ident(name)}`,
    );
    if (rows[0]) out.push({ name, lastValue: rows[0].last_value, isCalled: rows[0].is_called });
  }
  return out;
}

/**
 * Writes a backup of the whole database to `file` (through a temporary name, renamed when complete, so
 * a half-written backup never carries the final name). The snapshot is one REPEATABLE READ transaction:
 * writers carry on meanwhile on PostgreSQL; on the embedded database they wait for it to end.
 */
export async function backupToFile(
  pool: pg.Pool,
  file: string,
  options: { source: 'embedded' | 'postgres'; onProgress?: (p: BackupProgress) => void },
): Promise<BackupSummary> {
  const started = Date.now();
  const partial = `${file}.partial`;
  // A stale partial file (a crash, or made by someone else with a wider mode) is removed first; the new
  // one is created here ('wx'), readable by its owner only from its first byte: the mode of an existing
  // file would otherwise be kept.
  rmSync(partial, { force: true });
  const gzip = createGzip({ level: 6 });
  const written = pipeline(gzip, createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
  // A failed write must not leave an unhandled rejection while the reading side still runs.
  written.catch(() => {});
  const write = async (text: string) => {
    if (!gzip.write(text)) await Promise.race([once(gzip, 'drain'), written]);
  };
  const client = await pool.connect();
  let rowsWritten = 0;
  let tableCount = 0;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      await client.query('SET LOCAL statement_timeout = 0');
      const tables = await foreignKeyOrder(client, await publicTables(client));
      const counts = await tableCounts(client, tables);
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: 1,
        createdAt: new Date().toISOString(),
        source: options.source,
        schema: await schemaVersion(client),
        tables: tables.map((name) => ({ name, rows: counts.get(name) ?? 0 })),
        sequences: await sequences(client),
        totalRows: [...counts.values()].reduce((a, b) => a + b, 0),
      };
      tableCount = tables.length;
      await write(`${JSON.stringify(header)}\n`);
      options.onProgress?.({ done: 0, total: header.totalRows, table: null });
      for (const { name, rows } of header.tables) {
        await write(`@${JSON.stringify({ table: name, rows })}\n`);
        if (rows === 0) continue;
        await client.query(
          `DECLARE backup_rows NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS r FROM ${ident(name)} t`,
        );
        for (;;) {
          const { rows: batch } = await client.query<{ r: string }>(`FETCH ${FETCH_ROWS} FROM backup_rows`);
          if (batch.length === 0) break;
          await write(`${batch.map((b) => b.r).join('\n')}\n`);
          rowsWritten += batch.length;
          options.onProgress?.({ done: rowsWritten, total: header.totalRows, table: name });
        }
        await client.query('CLOSE backup_rows');
      }
      await write(`@${JSON.stringify({ end: true, rows: rowsWritten })}\n`);
    } finally {
      await client.query('ROLLBACK').catch(() => {});
    }
    gzip.end();
    await written;
    renameSync(partial, file);
  } catch (err) {
    gzip.destroy();
    await written.catch(() => {});
    rmSync(partial, { force: true });
    throw err;
  } finally {
    client.release();
  }
  return {
    file,
    bytes: statSync(file).size,
    tables: tableCount,
    rows: rowsWritten,
    ms: Date.now() - started,
  };
}

/** The lines of a gzip'd file; a damaged or truncated file makes the iteration throw. */
async function* gzipLines(file: string): AsyncGenerator<string> {
  const gunzip = createGunzip();
  const done = pipeline(createReadStream(file), gunzip);
  done.catch(() => {}); // the iteration below sees the same failure
  let rest = '';
  gunzip.setEncoding('utf8');
  for await (const chunk of gunzip as AsyncIterable<string>) {
    rest += chunk;
    let at = rest.indexOf('\n');
    while (at !== -1) {
      yield rest.slice(0, at);
      rest = rest.slice(at + 1);
      at = rest.indexOf('\n');
    }
  }
  await done;
  if (rest.length > 0) yield rest;
}

/**
 * A damaged backup. `reason` is a message key of its own (`backup.reason.*`), worded with `details` in the
 * reader's language by whoever shows the refusal (see `describeBackupError`).
 */
function unreadable(file: string, reason: BackupReason, details: Record<string, unknown> = {}): AppError {
  return new AppError('INVALID_INPUT', 'backup.unreadable', { params: { ...details, file, reason } });
}

type BackupReason = Extract<keyof typeof backupMessagesFr, `backup.reason.${string}`>;

/** Reads a backup's header: what it holds and its schema version, without reading the rows. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch {
    throw new AppError('NOT_FOUND', 'backup.no_file', { params: { file } });
  }
  const magic = Buffer.alloc(5);
  try {
    await handle.read(magic, 0, 5, 0);
  } finally {
    await handle.close();
  }
  if (magic.toString('latin1') === 'PGDMP')
    throw new AppError('INVALID_INPUT', 'backup.pg_dump_file', { params: { file } });
  if (magic[0] !== 0x1f || magic[1] !== 0x8b)
    throw new AppError('INVALID_INPUT', 'backup.not_a_backup', { params: { file } });
  const lines = gzipLines(file);
  try {
    const first = await lines.next();
    if (first.done) throw new AppError('INVALID_INPUT', 'backup.not_a_backup', { params: { file } });
    const parsed = BackupHeader.safeParse(JSON.parse(first.value));
    if (!parsed.success) throw new AppError('INVALID_INPUT', 'backup.not_a_backup', { params: { file } });
    return parsed.data;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unreadable(file, 'backup.reason.damaged', { detail: (err as Error).message });
  } finally {
    await lines.return(undefined);
  }
}

/** Which migrations a backup's schema version stands for: the first `migrations` of the code's. */
export function checkSchemaVersion(
  header: BackupHeader,
  migrations: MigrationMeta[] = codeMigrations(),
): number {
  const n = header.schema.migrations;
  if (n > migrations.length)
    throw new AppError('RULE_REFUSED', 'backup.newer_schema', {
      params: { backup: n, code: migrations.length },
    });
  const expected = n === 0 ? null : (migrations[n - 1]?.folderMillis ?? null);
  if (expected !== header.schema.lastMillis)
    throw new AppError('RULE_REFUSED', 'backup.unknown_schema', {
      params: { backup: n, code: migrations.length },
    });
  return n;
}

/** The tables of the target that hold rows (the app's own bookkeeping aside), with their counts. */
export async function targetContents(
  pool: pg.Pool | pg.PoolClient,
): Promise<{ table: string; rows: number }[]> {
  const client = 'release' in pool ? pool : await pool.connect();
  try {
    const tables = (await publicTables(client as pg.PoolClient)).filter((t) => !BOOKKEEPING_TABLES.has(t));
    const counts = await tableCounts(client as pg.PoolClient, tables);
    return [...counts].filter(([, n]) => n > 0).map(([table, rows]) => ({ table, rows }));
  } finally {
    if (client !== pool) (client as pg.PoolClient).release();
  }
}

async function applyMigrations(client: pg.PoolClient, migrations: MigrationMeta[]): Promise<void> {
  // As drizzle's migrator does, but inside the restore's own transaction.
  for (const migration of migrations) {
    for (const statement of migration.sql) if (statement.trim()) await client.query(statement);
    await client.query('INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)', [
      migration.hash,
      migration.folderMillis,
    ]);
  }
}

/** Drops everything the app's migrations create (the pg_trgm extension stays: it is shared and harmless). */
async function dropAppSchema(client: pg.PoolClient): Promise<void> {
  const tables = await publicTables(client);
  if (tables.length > 0)
    await client.query(`DROP TABLE ${tables.map((t) => `public.${ident(t)}`).join(', ')} CASCADE`);
  const { rows } = await client.query<{ name: string; kind: string }>(
    `SELECT c.relname AS name, c.relkind::text AS kind FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('S', 'v', 'm')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')`,
  );
  for (const r of rows) {
    const what = r.kind === 'S' ? 'SEQUENCE' : r.kind === 'v' ? 'VIEW' : 'MATERIALIZED VIEW';
    await client.query(`DROP ${what} IF EXISTS public.${ident(r.name)} CASCADE`);
  }
  await client.query('DROP SCHEMA IF EXISTS drizzle CASCADE');
  await client.query('CREATE SCHEMA drizzle');
  await client.query(
    'CREATE TABLE drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)',
  );
}

export interface RestoreSummary {
  tables: number;
  rows: number;
  /** Migrations applied after the data, when the backup came from an older version. */
  migratedForward: number;
  ms: number;
}

/** Tables emptied after a restore: everyone logs in again, and no reset link or login challenge survives. */
export const CLEARED_ON_RESTORE = ['sessions', 'login_challenges', 'password_resets'] as const;

/**
 * Replaces the whole database with a backup's content, in one transaction: the schema is rebuilt at the
 * backup's version, the rows loaded in foreign-key order, the sequences set, then the newer migrations
 * applied; sessions, login challenges and reset links are emptied (CLEARED_ON_RESTORE). A target holding data is refused unless `force`; any failure (a damaged file half-way, a row
 * the schema refuses) rolls everything back.
 */
export async function restoreFromFile(
  pool: pg.Pool,
  file: string,
  options: { force: boolean; onProgress?: (p: BackupProgress) => void },
): Promise<RestoreSummary> {
  const started = Date.now();
  const header = await readBackupHeader(file);
  const migrations = codeMigrations();
  const version = checkSchemaVersion(header, migrations);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    try {
      await client.query('SET LOCAL statement_timeout = 0');
      if (!options.force) {
        const contents = await targetContents(client);
        if (contents.length > 0) throw notEmpty(contents);
      }
      await dropAppSchema(client);
      await applyMigrations(client, migrations.slice(0, version));
      const rows = await loadRows(client, file, header, options.onProgress);
      for (const s of header.sequences) {
        await client.query(`SELECT setval(format('public.%I', $1::text)::regclass, $2::bigint, $3)`, [
          s.name,
          s.lastValue,
          s.isCalled,
        ]);
      }
      await applyMigrations(client, migrations.slice(version));
      // Credentials of the moment are not brought back: a session ended since the backup (a logout, a
      // password change, a stolen cookie revoked) must stay ended; login challenges and reset links too.
      for (const table of CLEARED_ON_RESTORE) await client.query(`DELETE FROM ${ident(table)}`);
      await client.query('COMMIT');
      return {
        tables: header.tables.length,
        rows,
        migratedForward: migrations.length - version,
        ms: Date.now() - started,
      };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    }
  } finally {
    client.release();
  }
}

/** The refusal to overwrite a database that holds data, naming the largest tables. */
export function notEmpty(contents: { table: string; rows: number }[]): AppError {
  const largest = [...contents]
    .sort((a, b) => b.rows - a.rows)
    .slice(0, 4)
    .map((c) => `${c.table} (${c.rows})`)
    .join(', ');
  return new AppError('CONFLICT', 'backup.target_not_empty', { params: { tables: largest } });
}

async function loadRows(
  client: pg.PoolClient,
  file: string,
  header: BackupHeader,
  onProgress?: (p: BackupProgress) => void,
): Promise<number> {
  const target = new Set(await publicTables(client));
  const expected = new Set(header.tables.map((t) => t.name));
  const missing = [...expected].filter((t) => !target.has(t));
  const extra = [...target].filter((t) => !expected.has(t));
  if (missing.length + extra.length > 0)
    throw unreadable(file, 'backup.reason.tables_differ', { tables: [...missing, ...extra].join(', ') });
  const parents = await foreignKeyParents(client);
  let current: { name: string; rows: number; read: number } | null = null;
  let batch: string[] = [];
  let batchChars = 0;
  let done = 0;
  let ended = false;
  const seen = new Set<string>();
  const flush = async () => {
    if (!current || batch.length === 0) return;
    const table = ident(current.name);
    await client.query(
      `INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`,
      [`[${batch.join(',')}]`],
    );
    done += batch.length;
    batch = [];
    batchChars = 0;
    onProgress?.({ done, total: header.totalRows, table: current.name });
  };
  const closeTable = () => {
    if (current && current.read !== current.rows)
      throw unreadable(file, 'backup.reason.row_count', {
        table: current.name,
        read: current.read,
        rows: current.rows,
      });
  };
  onProgress?.({ done: 0, total: header.totalRows, table: null });
  let first = true;
  try {
    for await (const line of gzipLines(file)) {
      if (first) {
        first = false; // the header, already read
        continue;
      }
      if (ended) throw unreadable(file, 'backup.reason.after_end');
      if (line.startsWith('@')) {
        await flush();
        closeTable();
        const mark = JSON.parse(line.slice(1)) as { table?: string; rows?: number; end?: boolean };
        if (mark.end) {
          ended = true;
          current = null;
          continue;
        }
        const name = mark.table ?? '';
        if (!target.has(name) || seen.has(name))
          throw unreadable(file, 'backup.reason.unexpected_table', { table: name });
        // Rows go in parents first, so every foreign key finds its row.
        if (![...(parents.get(name) ?? [])].every((p) => seen.has(p)))
          throw unreadable(file, 'backup.reason.order', { table: name });
        seen.add(name);
        current = { name, rows: mark.rows ?? 0, read: 0 };
        continue;
      }
      if (!current) throw unreadable(file, 'backup.reason.row_outside');
      if (line.length === 0) continue;
      batch.push(line);
      batchChars += line.length;
      current.read++;
      if (batch.length >= INSERT_ROWS || batchChars >= INSERT_CHARS) await flush();
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    // A damaged file: zlib's, JSON's or PostgreSQL's own words (bad data, a broken reference) say where.
    const code = (err as { code?: unknown }).code;
    if (err instanceof SyntaxError || (typeof code === 'string' && /^(Z_|22|23)/.test(code)))
      throw unreadable(file, 'backup.reason.damaged', { detail: (err as Error).message });
    throw err;
  }
  if (!ended) throw unreadable(file, 'backup.reason.truncated');
  if (seen.size !== expected.size) throw unreadable(file, 'backup.reason.tables_missing');
  return done;
}
