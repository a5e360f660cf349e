import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { acquireLock, DataDirLockedError, lockPath, readLiveLock } from './lock.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sv-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('refuses a second holder while the first is alive, and frees the directory on release', () => {
  const lock = acquireLock(dir);
  expect(() => acquireLock(dir)).toThrow(DataDirLockedError);
  expect(readLiveLock(dir)?.pid).toBe(process.pid);
  lock.release();
  expect(readLiveLock(dir)).toBeNull();
  acquireLock(dir).release();
});

it('takes over the lock of a process that is gone, and says so', () => {
  writeFileSync(
    lockPath(dir),
    JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), startedAt: 'yesterday', socketPath: null }),
  );
  const warnings: string[] = [];
  const lock = acquireLock(dir, (old) => warnings.push(old.startedAt));
  expect(warnings).toEqual(['yesterday']);
  expect(JSON.parse(readFileSync(lockPath(dir), 'utf8')).pid).toBe(process.pid);
  lock.release();
});

it('records where the socket is, for other commands to connect through it', () => {
  const lock = acquireLock(dir);
  lock.update({ socketPath: '/tmp/somewhere/.s.PGSQL.5432' });
  expect(readLiveLock(dir)?.socketPath).toBe('/tmp/somewhere/.s.PGSQL.5432');
  lock.release();
});
