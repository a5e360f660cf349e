import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { pause, startSlowPost, tryRequest } from '../../test/support/slow-request.ts';
import { LOCK_FILE } from '../db/lock.ts';

/** The real `seconde-vie serve`, stopped with SIGTERM as a service manager or a rolling restart would. */
const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/seconde-vie.mjs');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sv-serve-'));
let child: ChildProcess | null = null;

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

it('on SIGTERM finishes the request in flight, refuses new ones, closes the database and exits 0', async () => {
  const email = 'admin@example.org';
  const password = 'correct horse battery staple';
  const server = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      PORT: '0',
      ADMIN_EMAIL: email,
      ADMIN_PASSWORD: password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = server;
  let output = '';
  const exited = new Promise<number | null>((resolve) => server.on('close', resolve));
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      const match = output.match(/running: http:\/\/localhost:(\d+)/);
      if (match?.[1]) resolve(Number(match[1]));
    };
    server.stdout?.on('data', onData);
    server.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(true);
  expect(await tryRequest(port, '/api/v1/health')).toBe(200);

  const slow = startSlowPost(port, '/api/v1/session', { email, password });
  await pause(300);
  server.kill('SIGTERM');
  await pause(300);
  expect([503, 'ECONNREFUSED']).toContain(await tryRequest(port, '/api/v1/health'));
  expect(server.exitCode).toBeNull(); // waiting for the request in flight

  slow.finish();
  const response = await slow.response;
  expect(response.status, response.body).toBe(200);
  expect(await exited).toBe(0);
  expect(output).toContain('SIGTERM: stopping');
  // The first administrator is created and said so, without the address (a service's log is kept).
  expect(output).toContain('First administrator created: the account of ADMIN_EMAIL.');
  expect(output).not.toContain(email);
  // The embedded database was closed, not abandoned: its lock is released.
  expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
}, 90_000);
