import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient, TEST_PASSWORD } from '../../test/support/app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { type Database, openServerDatabase } from '../db/connection.ts';
import { systemActor } from '../lib/actor.ts';
import { loadConfig } from '../lib/config.ts';
import { MAX_FAILURES_PER_ACCOUNT } from '../modules/organisations/auth.ts';
import { insertUser } from '../modules/organisations/users.ts';
import { buildApp } from './app.ts';
import type { App } from './http.ts';

/**
 * Several app instances on one database, as behind a reverse proxy: any instance serves any request.
 * On a server each instance has its own connection pool, as separate processes would.
 */
let database: TestDatabase;
let second: Database;
let a: App;
let b: App;
const email = 'shared@example.org';

beforeAll(async () => {
  database = await createTestDatabase();
  second = database.url ? await openServerDatabase(database.url, 3) : database;
  const config = loadConfig({ PORT: '0', TRUST_PROXY: 'true' });
  a = await buildApp({ database, config, serveWeb: false });
  b = await buildApp({ database: second, config, serveWeb: false });
  await database.db.transaction((tx) =>
    insertUser(tx, systemActor(), { email, name: 'Shared', password: TEST_PASSWORD }),
  );
});
afterAll(async () => {
  await a.close();
  await b.close();
  if (second !== database) await second.close();
  await database.close();
});

it('accepts on one instance the session opened on another', async () => {
  const login = await new ApiClient(a).post('/session', { email, password: TEST_PASSWORD });
  const cookie = login.cookies.find((c) => c.name === 'sv_session')?.value;
  const me = await new ApiClient(b, { cookie: `sv_session=${cookie}` }).get('/me');
  expect(me.statusCode).toBe(200);
  expect(me.json().user.email).toBe(email);
});

it('counts failed logins across instances', async () => {
  for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
    const instance = i % 2 === 0 ? a : b;
    expect(
      (await new ApiClient(instance).post('/session', { email, password: `wrong ${i}` })).statusCode,
    ).toBe(401);
  }
  expect((await new ApiClient(a).post('/session', { email, password: TEST_PASSWORD })).statusCode).toBe(429);
  expect((await new ApiClient(b).post('/session', { email, password: TEST_PASSWORD })).statusCode).toBe(429);
});

it('marks the cookie Secure when the proxy says the request came over HTTPS', async () => {
  await database.pool.query('DELETE FROM login_failures');
  const res = await new ApiClient(a, { 'x-forwarded-proto': 'https' }).post('/session', {
    email,
    password: TEST_PASSWORD,
  });
  expect(res.statusCode).toBe(200);
  expect(res.cookies.find((c) => c.name === 'sv_session')?.secure).toBe(true);
  const plain = await new ApiClient(a).post('/session', { email, password: TEST_PASSWORD });
  expect(plain.cookies.find((c) => c.name === 'sv_session')?.secure).toBeFalsy();
});
