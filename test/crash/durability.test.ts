/**
 * What the database keeps when the machine misbehaves.
 * - kill -9: N writes answered (committed), the process killed while more are in flight, started again:
 *   all N are there (PGlite writes every commit to the WAL before answering; only fsync is missing).
 * - power loss, simulated (embedded only): the data directory copied file by file while the server
 *   writes, as a disk that kept some writes and not others, then started from the copy. The figures are
 *   printed; the test holds what the embedded mode promises in the README: the copy starts, passes
 *   amcheck, and loses at most the writes of the last moments.
 */
import { rmSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CrashBackend,
  call,
  checkIntegrity,
  createCrashBackend,
  type RunningServer,
  sleep,
  startServer,
} from '../support/crash-server.ts';
import { progress, seedInProcess } from './seed.ts';

let backend: CrashBackend;
let token: string;
const figures: string[] = [];

beforeAll(async () => {
  backend = await createCrashBackend();
  const database = await backend.open();
  try {
    token = (await seedInProcess(database, { handoverEvents: 0, handoverSize: 0 })).tokens.technician;
  } finally {
    await database.close();
  }
}, 120_000);

afterAll(async () => {
  console.log(`durability (${backend?.kind}):\n${figures.join('\n')}`);
  await backend?.dispose();
});

/**
 * Records devices with serial numbers `${prefix}${i}`, one after the other on `concurrency` connections,
 * until `stop()`; each answered 201 is a committed transaction (the device, its tag and its event).
 */
function writer(server: RunningServer, prefix: string, concurrency = 4) {
  let next = 0;
  let stopped = false;
  let failure: Error | null = null;
  const answered: number[] = [];
  const lanes = Array.from({ length: concurrency }, async () => {
    while (!stopped) {
      const i = next++;
      try {
        const res = await call(server, token, 'POST', '/devices', {
          type: 'laptop',
          storageGb: 0,
          serialNumber: `${prefix}${i}`,
        });
        if (res.status === 201) answered.push(i);
        else if (!stopped) failure = new Error(`write ${i}: ${res.status} ${res.body.toString()}`);
      } catch (err) {
        if (!stopped) failure = err as Error;
      }
      if (failure) return;
    }
  });
  return {
    answered,
    sent: () => next,
    /** Waits until `n` writes were answered (throws if a write failed while the server was up). */
    async until(n: number) {
      while (answered.length < n) {
        if (failure) throw failure;
        await sleep(5);
      }
    },
    async stop() {
      stopped = true;
      await Promise.allSettled(lanes);
    },
  };
}

async function kept(server: RunningServer, prefix: string): Promise<Set<number>> {
  const database = await server.peek();
  try {
    const { rows } = await database.pool.query<{ serial: string }>(
      'SELECT serial_number AS serial FROM devices WHERE serial_number LIKE $1',
      [`${prefix}%`],
    );
    return new Set(rows.map((r) => Number(r.serial.slice(prefix.length))));
  } finally {
    await database.close();
  }
}

describe('kill -9', () => {
  it('loses no answered write', async () => {
    const N = 300;
    for (const trial of [1, 2]) {
      let server = await startServer(backend);
      const prefix = `KILL${trial}-`;
      const writes = writer(server, prefix);
      await writes.until(N);
      const answered = [...writes.answered];
      await server.kill();
      await writes.stop();
      progress(`kill -9 trial ${trial}: ${answered.length} answered, ${writes.sent()} sent`);
      server = await startServer(backend);
      try {
        const found = await kept(server, prefix);
        const missing = answered.filter((i) => !found.has(i));
        figures.push(
          `  kill -9 #${trial}: ${answered.length} writes answered before the kill, ${writes.sent()} sent; ` +
            `after restart (${server.startMs} ms): ${found.size} there, ${missing.length} answered writes missing`,
        );
        expect(missing).toEqual([]);
        expect(found.size).toBeLessThanOrEqual(writes.sent());
      } finally {
        await server.stop();
      }
    }
    const integrity = await checkIntegrity(backend);
    expect(integrity.problems).toEqual([]);
  }, 240_000);
});

/**
 * Copies a directory file by file while the server goes on writing, yielding between files so the copy
 * spans many commits: the copy holds some files as they were early and others as they were late, as a
 * disk does that kept some writes of the page cache and not others. `reverse` copies in the other order
 * (the WAL and commit log before the tables).
 */
async function copyWhileWriting(from: string, to: string, reverse: boolean): Promise<number> {
  let files = 0;
  const walk = async (src: string, dst: string) => {
    await mkdir(dst, { recursive: true });
    const entries = (await readdir(src, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    if (reverse) entries.reverse();
    for (const entry of entries) {
      const s = path.join(src, entry.name);
      const d = path.join(dst, entry.name);
      if (entry.isDirectory()) await walk(s, d);
      else if (entry.isFile()) {
        try {
          await copyFile(s, d);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        }
        files += 1;
        if (files % 25 === 0) await sleep(2);
      }
    }
  };
  await walk(from, to);
  return files;
}

describe.runIf(!process.env.DATABASE_URL)('a simulated power loss (embedded)', () => {
  it('starts from a copy taken while writing, sound, missing only the last moments', async () => {
    for (const [trial, reverse] of [
      [1, false],
      [2, false],
      [3, true],
      [4, true],
    ] as const) {
      const server = await startServer(backend);
      const prefix = `COPY${trial}-`;
      const writes = writer(server, prefix);
      await writes.until(100);
      const beforeCopy = [...writes.answered];
      const copyStarted = Date.now();
      const copyDir = await mkdtemp(path.join(os.tmpdir(), 'sv-powerloss-'));
      const files = await copyWhileWriting(
        path.join(backend.dataDir, 'pgdata'),
        path.join(copyDir, 'pgdata'),
        reverse,
      );
      const copyMs = Date.now() - copyStarted;
      const beforeEnd = [...writes.answered];
      await writes.stop();
      await server.stop();
      const copy: CrashBackend = { ...backend, dataDir: copyDir, databaseUrl: undefined };
      try {
        let line = `  power loss #${trial} (${reverse ? 'WAL first' : 'tables first'}): ${files} files copied in ${copyMs} ms while ${beforeEnd.length - beforeCopy.length} more writes were answered; `;
        let fromCopy: RunningServer;
        try {
          fromCopy = await startServer(copy);
        } catch (err) {
          figures.push(
            `${line}the copy did not start: ${(err as Error).message.split('\n').slice(-3).join(' ')}`,
          );
          throw err;
        }
        let found: Set<number>;
        try {
          found = await kept(fromCopy, prefix);
        } finally {
          await fromCopy.stop();
        }
        const lostBefore = beforeCopy.filter((i) => !found.has(i)).length;
        const lostDuring = beforeEnd.filter((i) => !found.has(i)).length - lostBefore;
        const integrity = await checkIntegrity(copy);
        line +=
          `the copy started in ${fromCopy.startMs} ms; of ${beforeCopy.length} writes answered before the copy ` +
          `began ${lostBefore} missing, of ${beforeEnd.length - beforeCopy.length} answered during it ${lostDuring} missing; ` +
          `amcheck: ${integrity.problems.length} problems in ${integrity.tables} tables and ${integrity.indexes} indexes`;
        figures.push(line);
        expect(integrity.problems).toEqual([]);
        expect(lostBefore).toBe(0);
      } finally {
        rmSync(copyDir, { recursive: true, force: true });
      }
    }
  }, 300_000);
});
