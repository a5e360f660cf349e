import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestApp, TEST_PASSWORD, type TestApp } from '../../test/support/app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { describeBackupError } from '../cli/backup.ts';
import { loadDemo } from '../demo/demo.ts';
import { systemActor } from '../lib/actor.ts';
import { AppError } from '../lib/errors.ts';
import { buildApp } from '../server/app.ts';
import type { App } from '../server/http.ts';
import {
  type BackupSummary,
  backupToFile,
  CLEARED_ON_RESTORE,
  codeMigrations,
  type RestoreSummary,
  readBackupHeader,
  restoreFromFile,
  targetContents,
} from './backup.ts';
import type { Database } from './connection.ts';

/**
 * The round trip: the demo network backed up, restored into a fresh database, and every report asked
 * of both, as JSON, answer for answer; plus the refusals (newer schema, non-empty target) and a damaged
 * file, each leaving the target exactly as it was.
 */
let source: TestApp;
let target: TestDatabase;
let targetApp: App;
let dir: string;
let backupFile: string;
let backedUp: BackupSummary;
let restored: RestoreSummary;
let adminEmail: string;
const answers = new Map<string, { status: number; body: unknown }>();
let sourceFingerprint: Record<string, string>;
let targetFingerprintAfterRestore: Record<string, string>;

/**
 * Each table's row count and a digest of its rows, plus the sequences: equal fingerprints, equal data.
 * `settled` leaves out the outbox, which a running app's mail worker updates on its own.
 */
async function fingerprint(database: Database, settled = false): Promise<Record<string, string>> {
  const { rows: tables } = await database.pool.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    if (settled && name === 'outbox') continue;
    // Emptied by every restore (checked on their own below).
    if ((CLEARED_ON_RESTORE as readonly string[]).includes(name)) continue;
    const { rows } = await database.pool.query<{ n: number; digest: string | null }>(
      `SELECT count(*)::int AS n, md5(string_agg(to_jsonb(t)::text, E'\\n' ORDER BY to_jsonb(t)::text)) AS digest FROM "${name}" t`,
    );
    out[name] = `${rows[0]?.n} ${rows[0]?.digest ?? '-'}`;
  }
  const { rows: sequences } = await database.pool.query<{ name: string }>(
    "SELECT relname AS name FROM pg_class WHERE relkind = 'S' AND relnamespace = 'public'::regnamespace",
  );
  for (const { name } of sequences) {
    const { rows } = await database.pool.query(`SELECT last_value::text, is_called FROM "${name}"`);
    out[`sequence ${name}`] = JSON.stringify(rows[0]);
  }
  const { rows: migrations } = await database.pool.query(
    'SELECT hash, created_at::text FROM drizzle.__drizzle_migrations ORDER BY created_at',
  );
  out.migrations = JSON.stringify(migrations);
  return out;
}

/** Every report of the demo: each programme's, each organisation's funder report, donor summary and dashboard. */
async function reportAnswers(
  database: Database,
  client: ApiClient,
): Promise<Map<string, { status: number; body: unknown }>> {
  const result = new Map<string, { status: number; body: unknown }>();
  const { rows: programmes } = await database.pool.query<{ id: string }>(
    'SELECT id FROM programmes ORDER BY id',
  );
  const { rows: organisations } = await database.pool.query<{ id: string }>(
    'SELECT id FROM organisations ORDER BY id',
  );
  const urls = [
    ...programmes.map((p) => `/reports/programmes/${p.id}`),
    ...organisations.flatMap((o) => [
      `/reports/funders/${o.id}`,
      `/reports/donors/${o.id}/summary`,
      `/reports/network?coordinatorOrganisationId=${o.id}`,
    ]),
  ];
  for (const url of urls) {
    const res = await client.get(url);
    result.set(url, { status: res.statusCode, body: res.json() });
  }
  return result;
}

async function login(app: App, email: string): Promise<ApiClient> {
  const res = await new ApiClient(app).post('/session', { email, password: TEST_PASSWORD });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'sv_session');
  return new ApiClient(app, { cookie: `sv_session=${cookie?.value}` });
}

/** Rewrites a backup's lines (header first) into a new file. */
function rewrite(file: string, name: string, edit: (lines: string[]) => string[]): string {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  const out = path.join(dir, name);
  writeFileSync(out, gzipSync(edit(lines).join('\n')));
  return out;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sv-backup-test-'));
  source = await startTestApp();
  await loadDemo(source.database.db, systemActor(), source.config.publicUrl);
  const admin = await source.buildUser({ isPlatformAdmin: true });
  adminEmail = admin.email;
  for (const [url, answer] of await reportAnswers(source.database, await login(source.app, adminEmail)))
    answers.set(url, answer);
  sourceFingerprint = await fingerprint(source.database);
  backupFile = path.join(dir, 'demo.svbackup');
  backedUp = await backupToFile(source.database.pool, backupFile, { source: source.database.mode });

  target = await createTestDatabase({ migrate: false });
  restored = await restoreFromFile(target.pool, backupFile, { force: false });
  targetFingerprintAfterRestore = await fingerprint(target);
  targetApp = await buildApp({ database: target, config: source.config, serveWeb: false });
  await targetApp.ready();
  console.log(
    `demo backup (${source.database.mode}): ${backedUp.rows} rows, ${backedUp.tables} tables, ${backedUp.bytes} bytes in ${backedUp.ms} ms; restored in ${restored.ms} ms`,
  );
}, 240_000);

afterAll(async () => {
  await targetApp?.close();
  await target?.close();
  await source?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore of the demo network', () => {
  it('restores every row of every table, the sequences and the schema version', async () => {
    expect(backedUp.rows).toBeGreaterThan(500);
    expect(restored.rows).toBe(backedUp.rows);
    expect(restored.migratedForward).toBe(0);
    expect(targetFingerprintAfterRestore).toEqual(sourceFingerprint);
  });

  it('brings back no session, login challenge or reset link: everyone logs in again', async () => {
    const { rows: held } = await source.database.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sessions',
    );
    expect(held[0]?.n).toBeGreaterThan(0);
    for (const table of CLEARED_ON_RESTORE) {
      const { rows } = await target.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      expect(rows[0]?.n, table).toBe(0);
    }
  });

  it('answers every report identically after the restore', async () => {
    const after = await reportAnswers(target, await login(targetApp, adminEmail));
    expect(answers.size).toBeGreaterThan(10);
    expect([...answers.values()].filter((a) => a.status === 200).length).toBeGreaterThan(5);
    expect(Object.fromEntries(after)).toEqual(Object.fromEntries(answers));
  });

  it('keeps the app working after the restore: the next asset tag follows the restored ones', async () => {
    const { rows: before } = await source.database.pool.query<{ v: string }>(
      "SELECT nextval('asset_tag_seq')::text AS v",
    );
    const { rows: after } = await target.pool.query<{ v: string }>(
      "SELECT nextval('asset_tag_seq')::text AS v",
    );
    expect(after[0]?.v).toBe(before[0]?.v);
  });

  it('is created readable by its owner only, replacing a stale partial file of a wider mode', async () => {
    const file = path.join(dir, 'owner-only.svbackup');
    writeFileSync(`${file}.partial`, 'left by a crash', { mode: 0o644 });
    chmodSync(`${file}.partial`, 0o644);
    await backupToFile(source.database.pool, file, { source: source.database.mode });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(`${file}.partial`)).toBe(false);
    expect((await readBackupHeader(file)).totalRows).toBe(backedUp.rows);
  });

  it('describes itself in its header: schema version and row counts', async () => {
    const header = await readBackupHeader(backupFile);
    expect(header.schema.migrations).toBe(codeMigrations().length);
    expect(header.totalRows).toBe(backedUp.rows);
    expect(header.tables.length).toBe(backedUp.tables);
  });
});

describe('restore refuses, and changes nothing', () => {
  it('refuses a non-empty target without --force', async () => {
    const before = await fingerprint(source.database, true);
    const err = await refusal(restoreFromFile(source.database.pool, backupFile, { force: false }));
    expect(err.messageKey).toBe('backup.target_not_empty');
    expect(err.code).toBe('CONFLICT');
    expect(await fingerprint(source.database, true)).toEqual(before);
    expect((await targetContents(source.database.pool)).length).toBeGreaterThan(5);
  });

  it('refuses a backup from a newer schema', async () => {
    const newer = rewrite(backupFile, 'newer.svbackup', ([head = '', ...rest]) => {
      const header = JSON.parse(head);
      header.schema = { migrations: header.schema.migrations + 1, lastMillis: Date.now() };
      return [JSON.stringify(header), ...rest];
    });
    const before = await fingerprint(target, true);
    const err = await refusal(restoreFromFile(target.pool, newer, { force: true }));
    expect(err.messageKey).toBe('backup.newer_schema');
    expect(await fingerprint(target, true)).toEqual(before);
  });

  it('rolls everything back when the file is damaged half-way, even with --force', async () => {
    const bytes = readFileSync(backupFile);
    const damaged = Buffer.from(bytes);
    for (let i = Math.floor(bytes.length / 2); i < Math.floor(bytes.length / 2) + 64; i++) damaged[i] = 0x55;
    const damagedFile = path.join(dir, 'damaged.svbackup');
    writeFileSync(damagedFile, damaged);
    const truncatedFile = path.join(dir, 'truncated.svbackup');
    writeFileSync(truncatedFile, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    // A row PostgreSQL refuses near the end (a device pointing to a donation that is not there).
    const badRowFile = rewrite(backupFile, 'bad-row.svbackup', (lines) => {
      const at = lines.findIndex((l) => l.startsWith('@{"table":"devices"'));
      const row = JSON.parse(lines[at + 1] ?? '{}');
      row.donation_id = '00000000-0000-4000-8000-000000000000';
      lines[at + 1] = JSON.stringify(row);
      return lines;
    });
    const before = await fingerprint(target, true);
    for (const file of [damagedFile, truncatedFile, badRowFile]) {
      const err = await refusal(restoreFromFile(target.pool, file, { force: true }));
      expect(err.messageKey, file).toBe('backup.unreadable');
      // The reason is a message of its own, worded in the terminal's language.
      expect(err.params.reason, file).toMatch(/^backup\.reason\./);
      const french = describeBackupError('fr', err);
      expect(french, file).toContain('est illisible ou abîmé (');
      expect(french, file).not.toContain('backup.reason');
      expect(describeBackupError('en', err), file).toContain('is unreadable or damaged (');
      expect(await fingerprint(target, true)).toEqual(before);
    }
  });

  it('refuses a file that is not a backup', async () => {
    const other = path.join(dir, 'other.csv');
    writeFileSync(other, 'a;b\n1;2\n');
    expect((await refusal(readBackupHeader(other))).messageKey).toBe('backup.not_a_backup');
    const pgDump = path.join(dir, 'dump.custom');
    writeFileSync(pgDump, 'PGDMP\u0001\u000e');
    expect((await refusal(readBackupHeader(pgDump))).messageKey).toBe('backup.pg_dump_file');
    expect((await refusal(readBackupHeader(path.join(dir, 'none')))).messageKey).toBe('backup.no_file');
  });
});

describe('a backup from an older version', () => {
  it('is restored at its own schema version, then migrated forward', async () => {
    const migrations = codeMigrations();
    // The schema before the last migration: without the tables it creates (read from its statements, so
    // the test follows each new migration); rows of older tables may carry later columns, which the older
    // table ignores.
    const newTables = new Set(
      (migrations.at(-1)?.sql ?? []).flatMap((statement) =>
        [...statement.matchAll(/CREATE TABLE(?: IF NOT EXISTS)? "(\w+)"/g)].map((m) => m[1] as string),
      ),
    );
    expect(newTables.size, 'tables created by the last migration').toBeGreaterThan(0);
    const older = rewrite(backupFile, 'older.svbackup', ([head = '', ...rest]) => {
      const header = JSON.parse(head);
      header.schema = {
        migrations: migrations.length - 1,
        lastMillis: migrations[migrations.length - 2]?.folderMillis,
      };
      const dropped = header.tables.filter((t: { name: string }) => newTables.has(t.name));
      header.tables = header.tables.filter((t: { name: string }) => !newTables.has(t.name));
      header.totalRows -= dropped.reduce((n: number, t: { rows: number }) => n + t.rows, 0);
      const kept: string[] = [];
      let skipping = false;
      for (const line of rest) {
        if (line.startsWith('@')) skipping = newTables.has(JSON.parse(line.slice(1)).table);
        if (!skipping) kept.push(line);
      }
      return [JSON.stringify(header), ...kept];
    });
    const fresh = await createTestDatabase({ migrate: false });
    try {
      const summary = await restoreFromFile(fresh.pool, older, { force: false });
      expect(summary.migratedForward).toBe(1);
      const after = await fingerprint(fresh);
      expect(after.migrations).toBe(sourceFingerprint.migrations);
      for (const [table, print] of Object.entries(sourceFingerprint)) {
        if (newTables.has(table) || table === 'users') continue;
        expect(after[table], table).toBe(print);
      }
      expect(after.users?.split(' ')[0]).toBe(sourceFingerprint.users?.split(' ')[0]);
      // The tables the older backup did not have are there, empty.
      for (const table of newTables) expect(after[table], table).toBe('0 -');
    } finally {
      await fresh.close();
    }
  });
});
