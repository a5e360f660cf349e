import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { syncDirectory } from './checkpoint.ts';
import { type Database, openEmbeddedDatabase } from './connection.ts';
import { runMigrations } from './migrate.ts';

// The embedded database only: a PostgreSQL server checkpoints and fsyncs on its own.
const embedded = !process.env.DATABASE_URL;
let dir: string;
let database: Database;

beforeAll(async () => {
  if (!embedded) return;
  dir = mkdtempSync(path.join(os.tmpdir(), 'sv-checkpoint-'));
  const template = inject('templateDump');
  database = await openEmbeddedDatabase({
    dataDir: dir,
    ...(template ? { loadDataDir: new Blob([readFileSync(template)]) } : {}),
  });
  await runMigrations(database);
});
afterAll(async () => {
  if (!embedded) return;
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

it.runIf(embedded)(
  'checkpoints after writes, flushes the changed files, and skips a turn with nothing new',
  async () => {
    const redo = async () =>
      (
        await database.pool.query<{ lsn: string }>(
          'SELECT redo_lsn::text AS lsn FROM pg_control_checkpoint()',
        )
      ).rows[0]?.lsn;
    if (!database.checkpoint) throw new Error('an embedded database on disk has a checkpoint');
    await database.checkpoint();
    const before = await redo();
    await database.pool.query(`INSERT INTO settings (key, value) VALUES ('checkpoint-test', 'x')`);
    const turn = await database.checkpoint();
    expect(turn.ran).toBe(true);
    expect(turn.synced).toBeGreaterThan(0);
    expect(await redo()).not.toBe(before);
    const idle = await database.checkpoint();
    expect(idle).toMatchObject({ ran: false, synced: 0 });
  },
);

it.runIf(embedded)(
  'flushes only what changed since the given time, and the directories holding it',
  async () => {
    const pgdata = path.join(dir, 'pgdata');
    const all = await syncDirectory(pgdata);
    expect(all).toBeGreaterThan(100);
    expect(await syncDirectory(pgdata, Date.now() + 60_000)).toBe(0);
  },
);
