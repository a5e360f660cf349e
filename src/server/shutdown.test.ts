import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_PASSWORD } from '../../test/support/app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { pause, startSlowPost, tryRequest } from '../../test/support/slow-request.ts';
import { systemActor } from '../lib/actor.ts';
import { loadConfig } from '../lib/config.ts';
import { insertUser } from '../modules/organisations/users.ts';
import { scheduleRetentionJob } from '../modules/programmes/retention-job.ts';
import { buildApp } from './app.ts';

/**
 * Graceful shutdown, as a rolling restart behind a proxy needs it: a request in flight when the instance is
 * told to stop completes; new connections are refused (the proxy sends them to another instance); the
 * periodic jobs stop with the app, so none touches the database after it is closed.
 */
let database: TestDatabase;
const email = 'closing@example.org';
const realSetTimeout = globalThis.setTimeout;
const config = loadConfig({ PORT: '0', PUBLIC_URL: 'http://localhost:3999' });

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.transaction((tx) =>
    insertUser(tx, systemActor(), { email, name: 'Closing', password: TEST_PASSWORD }),
  );
});
afterAll(() => database.close());

describe('graceful shutdown', () => {
  it('finishes the request in flight (200), refuses new ones, then resolves close', async () => {
    const app = await buildApp({ database, config, serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    expect(await tryRequest(port, '/api/v1/health')).toBe(200);

    const slow = startSlowPost(port, '/api/v1/session', { email, password: TEST_PASSWORD });
    await pause(200); // its headers and half its body have reached the server
    let closed = false;
    const closing = app.close().then(() => {
      closed = true;
    });
    await pause(100);
    const refused = await tryRequest(port, '/api/v1/health');
    expect([503, 'ECONNREFUSED']).toContain(refused);
    expect(closed).toBe(false); // still waiting for the request in flight

    slow.finish();
    const response = await slow.response;
    expect(response.status, response.body).toBe(200);
    expect(JSON.parse(response.body).user.email).toBe(email);
    await closing;
    expect(closed).toBe(true);
    // The database is still usable by whoever owns it (the command closes it after the app).
    expect((await database.pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
  });

  it('stops its periodic jobs: none touches the database after close, however long the process lives', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    let calls = 0;
    const { pool } = database;
    const realQuery = pool.query.bind(pool);
    const realConnect = pool.connect.bind(pool);
    const counting = vi.spyOn(pool, 'query').mockImplementation(((...args: Parameters<typeof realQuery>) => {
      calls++;
      return realQuery(...args);
    }) as typeof pool.query);
    const connecting = vi.spyOn(pool, 'connect').mockImplementation(((...args: []) => {
      calls++;
      return realConnect(...args);
    }) as typeof pool.connect);
    try {
      const app = await buildApp({ database, config, serveWeb: false });
      await app.ready();
      const stopRetention = scheduleRetentionJob(database.db, 24, app.log);
      // Running: within a few minutes the jobs have been to the database.
      calls = 0;
      await vi.advanceTimersByTimeAsync(6 * 60_000);
      expect(calls).toBeGreaterThan(0);
      // Let the passes under way finish on the real database (the clock is fake; the wait is real).
      await new Promise((resolve) => realSetTimeout(resolve, 1500));

      stopRetention();
      await app.close();
      calls = 0;
      await vi.advanceTimersByTimeAsync(25 * 60 * 60_000);
      expect(calls).toBe(0);
    } finally {
      counting.mockRestore();
      connecting.mockRestore();
      vi.useRealTimers();
    }
  });
});
