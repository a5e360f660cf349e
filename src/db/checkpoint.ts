import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';

/**
 * The embedded database's safety net. PGlite runs PostgreSQL with `fsync = off` and as a single process:
 * every commit is written to the WAL (so a killed process loses nothing: the writes are in the operating
 * system's cache), but nothing ever asks the disk to keep them, and no checkpointer runs, so the WAL since
 * the last checkpoint grows until 1 GB and is replayed in full at the next start after a crash.
 *
 * Every `everyMs`, when something was written since the last turn, this runs a CHECKPOINT (the data files
 * then hold every commit and the next start replays almost nothing) and then fsyncs every file of the data
 * directory changed since the previous turn, and their directories. After a power loss, what was committed
 * before the last turn is on the disk; what came after may be lost (see the README).
 */
export const CHECKPOINT_EVERY_MS = 60_000;

export interface CheckpointTurn {
  /** False when nothing was written since the previous turn (no checkpoint, no fsync). */
  ran: boolean;
  /** Files and directories flushed to the disk. */
  synced: number;
  durationMs: number;
}

export interface Checkpoints {
  /** One turn now (waits for a running turn first). */
  runNow(): Promise<CheckpointTurn>;
  /** Stops the timer and waits for a running turn. */
  stop(): Promise<void>;
  /** After the database closed (its last checkpoint written): flushes what changed since the last turn. */
  finalSync(): Promise<number>;
}

/**
 * Flushes to the disk every file under `dir` modified at or after `sinceMs` (all of them when 0), and the
 * directories holding them (new and renamed files live in their directory's entries).
 */
export async function syncDirectory(dir: string, sinceMs = 0): Promise<number> {
  let synced = 0;
  const flush = async (file: string) => {
    const handle = await open(file, 'r');
    try {
      await handle.sync();
      synced += 1;
    } finally {
      await handle.close();
    }
  };
  const walk = async (current: string): Promise<boolean> => {
    let changed = false;
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      try {
        if (entry.isDirectory()) {
          if (await walk(full)) changed = true;
        } else if (entry.isFile()) {
          const info = await stat(full);
          if (info.mtimeMs >= sinceMs || info.ctimeMs >= sinceMs) {
            await flush(full);
            changed = true;
          }
        }
      } catch (err) {
        // PostgreSQL removes files as it goes (old WAL segments, temporary files): gone is fine.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    const info = await stat(current);
    if (changed || info.mtimeMs >= sinceMs) {
      await flush(current);
      return true;
    }
    return false;
  };
  await walk(dir);
  return synced;
}

/** Checkpoints the embedded database through `pool` and flushes `pgdata` to the disk, every `everyMs`. */
export function startCheckpoints(
  pool: pg.Pool,
  pgdata: string,
  options: { everyMs?: number; onError?: (err: unknown) => void } = {},
): Checkpoints {
  let lastLsn: string | null = null;
  let lastSyncMs = 0;
  const openedAtMs = Date.now();
  let current: Promise<CheckpointTurn> | null = null;

  const turn = async (): Promise<CheckpointTurn> => {
    const started = Date.now();
    const { rows } = await pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    if (rows[0]?.lsn === lastLsn) return { ran: false, synced: 0, durationMs: Date.now() - started };
    await pool.query('CHECKPOINT');
    // Files touched during the flush are taken again next turn: a second's margin covers clock granularity.
    const since = lastSyncMs === 0 ? 0 : lastSyncMs - 1000;
    lastSyncMs = Date.now();
    const synced = await syncDirectory(pgdata, since);
    const after = await pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    lastLsn = after.rows[0]?.lsn ?? null;
    return { ran: true, synced, durationMs: Date.now() - started };
  };

  const runNow = async (): Promise<CheckpointTurn> => {
    while (current) await current.catch(() => {});
    current = turn();
    try {
      return await current;
    } finally {
      current = null;
    }
  };

  const timer = setInterval(() => {
    if (current) return;
    runNow().catch((err) => options.onError?.(err));
  }, options.everyMs ?? CHECKPOINT_EVERY_MS);
  timer.unref();

  return {
    runNow,
    async stop() {
      clearInterval(timer);
      while (current) await current.catch(() => {});
    },
    finalSync: () => syncDirectory(pgdata, (lastSyncMs || openedAtMs) - 1000),
  };
}
