import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite takes no lock on its data directory, and two processes writing to it silently lose data.
 * The server therefore holds this lock file for as long as it runs; other processes either talk to
 * it through its socket (`socketPath`) or refuse to open the directory.
 */
export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  socketPath: string | null;
}

export const LOCK_FILE = 'seconde-vie.lock';

export function lockPath(dataDir: string): string {
  return path.join(dataDir, LOCK_FILE);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock's content when a live process on this host holds it, else null. */
export function readLiveLock(dataDir: string): LockInfo | null {
  let info: LockInfo;
  try {
    info = JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as LockInfo;
  } catch {
    return null;
  }
  if (info.host !== os.hostname()) return info; // cannot check another host's process: assume alive
  return processAlive(info.pid) ? info : null;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Seconde Vie process (pid ${holder.pid} on ${holder.host}, ` +
        `started ${holder.startedAt}). Stop it first, or set DATA_DIR to another directory.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface HeldLock {
  update(info: Partial<LockInfo>): void;
  release(): void;
}

/**
 * Takes the lock, or throws `DataDirLockedError` when a live process holds it. A lock left by a
 * process that is gone (a crash) is taken over, with `onStale` told about it.
 */
export function acquireLock(dataDir: string, onStale: (old: LockInfo) => void = () => {}): HeldLock {
  const file = lockPath(dataDir);
  let info: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
    socketPath: null,
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(info), { flag: 'wx', mode: 0o600 });
      let released = false;
      return {
        update(partial) {
          info = { ...info, ...partial };
          writeFileSync(file, JSON.stringify(info), { mode: 0o600 });
        },
        release() {
          if (released) return;
          released = true;
          try {
            unlinkSync(file);
          } catch {
            // already gone: nothing to release
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const live = readLiveLock(dataDir);
      if (live) throw new DataDirLockedError(dataDir, live);
      try {
        onStale(JSON.parse(readFileSync(file, 'utf8')) as LockInfo);
      } catch {
        // unreadable stale lock: take it over all the same
      }
      try {
        unlinkSync(file);
      } catch {
        // another process removed it first; the next attempt decides
      }
    }
  }
  const holder = readLiveLock(dataDir);
  throw new DataDirLockedError(
    dataDir,
    holder ?? { pid: 0, host: os.hostname(), startedAt: '?', socketPath: null },
  );
}
