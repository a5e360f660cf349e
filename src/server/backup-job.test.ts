import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { readBackupHeader } from '../db/backup.ts';
import { type Database, openEmbeddedDatabase, openServerDatabase } from '../db/connection.ts';
import { systemActor } from '../lib/actor.ts';
import { loadConfig } from '../lib/config.ts';
import { createOrganisation } from '../modules/organisations/organisations.ts';
import { backupFileName, backupsScheduled, CLAIM_EXPIRES_HOURS, runScheduledBackup } from './backup-job.ts';

/**
 * The scheduled backup: once a day from the configured hour, the last N kept, and one backup a day
 * however many instances run the job. On PostgreSQL the second instance has a pool of its own and both
 * turns run at once; the embedded database serves one process, so there they run one after the other.
 */
let database: TestDatabase;
let second: Database;
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  second = database.url ? await openServerDatabase(database.url, 3) : database;
  await createOrganisation(database.db, systemActor(), { name: 'Centre social', kinds: ['prescriber'] });
  dir = mkdtempSync(path.join(os.tmpdir(), 'sv-backup-job-'));
});
afterAll(async () => {
  if (second !== database) await second.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Noon UTC on `day`: past 3 o'clock in any European time zone. */
const noon = (day: string) => new Date(`${day}T12:00:00Z`);

describe('the scheduled backup', () => {
  it('waits for the configured hour', async () => {
    const result = await runScheduledBackup(
      database,
      { dir, keep: 3, hour: 23 },
      new Date('2031-01-05T01:00:00Z'),
    );
    expect(result.ran).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps the last N daily backups, and leaves other files alone', async () => {
    for (const day of ['2030-12-28', '2030-12-29', '2030-12-30', '2030-12-31'])
      writeFileSync(path.join(dir, backupFileName(day)), 'old');
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const result = await runScheduledBackup(database, { dir, keep: 3, hour: 3 }, noon('2031-01-01'));
    expect(result.ran).toBe(true);
    expect(result.removed.sort()).toEqual([backupFileName('2030-12-28'), backupFileName('2030-12-29')]);
    expect(readdirSync(dir).sort()).toEqual(
      [
        backupFileName('2030-12-30'),
        backupFileName('2030-12-31'),
        backupFileName('2031-01-01'),
        'notes.txt',
      ].sort(),
    );
    const header = await readBackupHeader(path.join(dir, backupFileName('2031-01-01')));
    expect(header.tables.find((t) => t.name === 'organisations')?.rows).toBe(1);
  });

  it('runs once a day across two instances', async () => {
    const config = { dir, keep: 3, hour: 3 };
    const turn = (db: Database) => runScheduledBackup(db, config, noon('2031-01-02'));
    const results =
      second === database
        ? [await turn(database), await turn(database)]
        : await Promise.all([turn(database), turn(second)]);
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    // Later turns the same day are no-ops; the next day runs again.
    expect((await turn(second)).ran).toBe(false);
    expect((await runScheduledBackup(second, config, noon('2031-01-03'))).ran).toBe(true);
    expect(
      readdirSync(dir)
        .filter((f) => f.startsWith('seconde-vie-'))
        .sort(),
    ).toEqual([backupFileName('2031-01-01'), backupFileName('2031-01-02'), backupFileName('2031-01-03')]);
  });

  it('gives the day back when the backup fails, so the next turn tries again', async () => {
    const blocked = path.join(dir, 'not-a-directory');
    writeFileSync(blocked, '');
    await expect(
      runScheduledBackup(database, { dir: blocked, keep: 3, hour: 3 }, noon('2031-01-04')),
    ).rejects.toThrow();
    const retry = await runScheduledBackup(database, { dir, keep: 3, hour: 3 }, noon('2031-01-04'));
    expect(retry.ran).toBe(true);
  });

  it('lets a day claimed by a turn that died be claimed again once the claim has expired', async () => {
    const config = { dir, keep: 10, hour: 3 };
    // A turn claimed the day and died (killed) before writing anything, leaving its temporary file.
    await database.pool.query(
      `UPDATE settings SET value = '2031-01-06 claimed', updated_at = now() WHERE key = 'backup_last_day'`,
    );
    writeFileSync(path.join(dir, `${backupFileName('2031-01-06')}.partial`), 'half');
    expect((await runScheduledBackup(database, config, noon('2031-01-06'))).ran).toBe(false);
    await database.pool.query(
      `UPDATE settings SET updated_at = now() - make_interval(hours => ${CLAIM_EXPIRES_HOURS + 1}) WHERE key = 'backup_last_day'`,
    );
    const retry = await runScheduledBackup(database, config, noon('2031-01-06'));
    expect(retry.ran).toBe(true);
    // Done: later turns that day do nothing, however late; the dead turn's file is gone.
    await database.pool.query(
      `UPDATE settings SET updated_at = now() - make_interval(hours => ${CLAIM_EXPIRES_HOURS + 1}) WHERE key = 'backup_last_day'`,
    );
    expect((await runScheduledBackup(database, config, noon('2031-01-06'))).ran).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('is on by default for the embedded data directory only, on PostgreSQL only when configured', () => {
    // A test database is in memory or on a server of its own: no DATA_DIR database held by this process.
    expect(backupsScheduled(database, loadConfig({ DATA_DIR: dir }))).toBe(false);
    const server = { ...database, mode: 'postgres' as const };
    expect(backupsScheduled(server, loadConfig({ DATABASE_URL: 'postgres://x/y' }))).toBe(false);
    expect(backupsScheduled(server, loadConfig({ DATABASE_URL: 'postgres://x/y', BACKUP_HOUR: '2' }))).toBe(
      true,
    );
    expect(
      backupsScheduled(
        server,
        loadConfig({ DATABASE_URL: 'postgres://x/y', BACKUP_DIR: dir, BACKUP_HOUR: 'off' }),
      ),
    ).toBe(false);
    expect(() => loadConfig({ BACKUP_HOUR: '25' })).toThrow(/BACKUP_HOUR/);
    expect(() => loadConfig({ BACKUP_KEEP: '0' })).toThrow(/BACKUP_KEEP/);
  });

  it.skipIf(Boolean(process.env.DATABASE_URL))(
    'is on for the embedded database this process holds in DATA_DIR',
    async () => {
      const dataDir = path.join(dir, 'data');
      const held = await openEmbeddedDatabase({ dataDir, lock: true });
      try {
        expect(backupsScheduled(held, loadConfig({ DATA_DIR: dataDir }))).toBe(true);
        expect(backupsScheduled(held, loadConfig({ DATA_DIR: dataDir, BACKUP_HOUR: 'off' }))).toBe(false);
      } finally {
        await held.close();
      }
    },
  );
});
