/**
 * The scheduled backup: once a day, from BACKUP_HOUR (instance time zone), a backup in BACKUP_DIR
 * (default DATA_DIR/backups), keeping the last BACKUP_KEEP. On by default for the embedded database
 * (which has no other safety net against a disk or power failure); on PostgreSQL only when BACKUP_DIR or
 * BACKUP_HOUR is set, as a server usually has backups of its own. The day is claimed in the database, so
 * several instances make one backup a day.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { BACKUP_EXTENSION, backupToFile } from '../db/backup.ts';
import type { Database } from '../db/connection.ts';
import { readLiveLock } from '../db/lock.ts';
import type { BackupConfig, Config } from '../lib/config.ts';
import { instanceTimeZone } from '../lib/dates.ts';
import { MINUTE, type StopJob, scheduleRecurring } from './schedule.ts';

const CLAIM_KEY = 'backup_last_day';
/**
 * A day's claim is `YYYY-MM-DD claimed` while its backup is being made and `YYYY-MM-DD done` once made
 * (a bare day, as written by earlier versions, counts as done). A claim this old was left by a turn that
 * died (a crash, a kill): the day may be claimed again rather than stay without a backup.
 */
export const CLAIM_EXPIRES_HOURS = 6;
const FILE_PATTERN = new RegExp(`^seconde-vie-(\\d{4}-\\d{2}-\\d{2})\\${BACKUP_EXTENSION}$`);
/** A daily backup's temporary file, left behind when its turn died. */
const PARTIAL_PATTERN = new RegExp(`^seconde-vie-(\\d{4}-\\d{2}-\\d{2})\\${BACKUP_EXTENSION}\\.partial$`);

/** The calendar day and hour of `now` in the instance's time zone. */
function localDayAndHour(now: Date): { day: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: instanceTimeZone(),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) };
}

/** The day's backup file name: one a day, sorted by name = sorted by date. */
export function backupFileName(day: string): string {
  return `seconde-vie-${day}${BACKUP_EXTENSION}`;
}

/**
 * Removes the oldest daily backups beyond `keep`, and the temporary files of daily backups whose turn
 * died (called after this instance's own backup of the day is complete, and only one instance makes a
 * day's backup); returns the names removed.
 */
export function pruneBackups(dir: string, keep: number): string[] {
  const names = readdirSync(dir);
  const files = names
    .filter((name) => FILE_PATTERN.test(name))
    .sort()
    .reverse();
  const removed = [...files.slice(keep), ...names.filter((name) => PARTIAL_PATTERN.test(name))];
  for (const name of removed) rmSync(path.join(dir, name), { force: true });
  return removed;
}

export interface ScheduledBackupResult {
  /** False when it is not yet the hour, or another instance already made today's backup. */
  ran: boolean;
  file?: string;
  bytes?: number;
  removed: string[];
}

/**
 * One turn of the scheduled backup: when the hour has come and nobody made today's backup yet, claims
 * the day (a conditional upsert of one settings row: exactly one instance gets it), writes the backup,
 * marks the day done and prunes the old ones. A failed backup gives the day back, so the next turn tries
 * again; a turn that died without a word leaves a claim that expires after CLAIM_EXPIRES_HOURS.
 */
export async function runScheduledBackup(
  database: Database,
  backup: Pick<BackupConfig, 'dir' | 'keep' | 'hour'>,
  now: Date = new Date(),
): Promise<ScheduledBackupResult> {
  if (backup.hour === null) return { ran: false, removed: [] };
  const { day, hour } = localDayAndHour(now);
  if (hour < backup.hour) return { ran: false, removed: [] };
  const { rows: previous } = await database.pool.query<{ value: string }>(
    'SELECT value FROM settings WHERE key = $1',
    [CLAIM_KEY],
  );
  const claim = `${day} claimed`;
  // Claimed when the last claim is of an earlier day, or is today's and was left by a turn that died.
  const { rowCount } = await database.pool.query(
    `INSERT INTO settings (key, value) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
     WHERE split_part(settings.value, ' ', 1) < $3
        OR (settings.value = EXCLUDED.value AND settings.updated_at < now() - make_interval(hours => $4))`,
    [CLAIM_KEY, claim, day, CLAIM_EXPIRES_HOURS],
  );
  if (!rowCount) return { ran: false, removed: [] };
  try {
    mkdirSync(backup.dir, { recursive: true, mode: 0o700 });
    const summary = await backupToFile(database.pool, path.join(backup.dir, backupFileName(day)), {
      source: database.mode,
    });
    await database.pool.query('UPDATE settings SET value = $3 WHERE key = $1 AND value = $2', [
      CLAIM_KEY,
      claim,
      `${day} done`,
    ]);
    return {
      ran: true,
      file: summary.file,
      bytes: summary.bytes,
      removed: pruneBackups(backup.dir, backup.keep),
    };
  } catch (err) {
    const before = previous[0]?.value;
    // The claim taken back: the value it replaced, or none. When it replaced an expired claim of the same
    // day, the claim is left expired, so the next turn may take it at once.
    await database.pool
      .query(
        before === undefined
          ? 'DELETE FROM settings WHERE key = $1 AND value = $2'
          : before === claim
            ? 'UPDATE settings SET updated_at = now() - make_interval(hours => $3 + 1) WHERE key = $1 AND value = $2'
            : 'UPDATE settings SET value = $3 WHERE key = $1 AND value = $2',
        before === undefined
          ? [CLAIM_KEY, claim]
          : before === claim
            ? [CLAIM_KEY, claim, CLAIM_EXPIRES_HOURS]
            : [CLAIM_KEY, claim, before],
      )
      .catch(() => {});
    throw err;
  }
}

/**
 * Whether this instance schedules backups: on the embedded database, when this process holds DATA_DIR's
 * database (not an in-memory one) and BACKUP_HOUR is not `off`; on PostgreSQL, only when configured.
 */
export function backupsScheduled(database: Database, config: Config): boolean {
  if (config.backup.hour === null) return false;
  if (database.mode === 'postgres') return config.backup.configured;
  const lock = readLiveLock(config.dataDir);
  return lock?.pid === process.pid && lock.host === os.hostname();
}

/** Starts the scheduled backup (a turn every 15 minutes; the day's claim makes extra turns no-ops). */
export function scheduleBackups(
  database: Database,
  config: Config,
  log: Pick<FastifyBaseLogger, 'info' | 'error'>,
): StopJob {
  if (!backupsScheduled(database, config)) return async () => {};
  return scheduleRecurring({
    name: 'backup',
    db: database.db,
    firstAfterMs: 3 * MINUTE,
    everyMs: 15 * MINUTE,
    log,
    failureMessage: 'scheduled backup failed; it will be tried again within 15 minutes',
    work: async () => {
      const result = await runScheduledBackup(database, config.backup);
      // Not the hour yet, or today's backup already made (here or by another server): nothing to record.
      if (!result.ran) return 'idle';
      log.info({ file: result.file, bytes: result.bytes, removed: result.removed }, 'backup written');
    },
  });
}
