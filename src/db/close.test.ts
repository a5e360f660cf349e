import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { openEmbeddedDatabase } from './connection.ts';
import { lockPath, readLiveLock } from './lock.ts';

/** The last flush of the disk fails (a disk gone, a full file system): the lock is released all the same. */
vi.mock('./checkpoint.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('./checkpoint.ts')>();
  return {
    ...real,
    startCheckpoints: (...args: Parameters<typeof real.startCheckpoints>) => ({
      ...real.startCheckpoints(...args),
      finalSync: async () => {
        throw new Error('EIO: the disk is gone');
      },
    }),
  };
});

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sv-close-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it("releases the data directory's lock even when the last flush to the disk fails", async () => {
  const database = await openEmbeddedDatabase({ dataDir, lock: true });
  expect(readLiveLock(dataDir)?.pid).toBe(process.pid);
  await expect(database.close()).rejects.toThrow(/disk is gone/);
  expect(existsSync(lockPath(dataDir))).toBe(false);
  expect(readLiveLock(dataDir)).toBeNull();
  // The next start takes the directory without a word about a stale lock.
  const onStaleLock = vi.fn();
  const again = await openEmbeddedDatabase({ dataDir, lock: true, onStaleLock });
  try {
    expect((await again.pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
    expect(onStaleLock).not.toHaveBeenCalled();
  } finally {
    await again.close().catch(() => {});
  }
});
