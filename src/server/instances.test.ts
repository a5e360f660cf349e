import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient, TEST_PASSWORD } from '../../test/support/app.ts';
import type { TestDatabase } from '../../test/support/database.ts';
import { type Database, openServerDatabase } from '../db/connection.ts';
import { systemActor } from '../lib/actor.ts';
import { loadConfig } from '../lib/config.ts';
import {
  createProgramme,
  type FollowUpKit,
  handOverToPerson,
  startFollowUpKit,
} from '../modules/followup/test-kit.ts';
import { MAX_FAILURES_PER_ACCOUNT } from '../modules/organisations/auth.ts';
import { insertUser } from '../modules/organisations/users.ts';
import { buildApp } from './app.ts';
import type { App } from './http.ts';

/**
 * Several app instances on one database, as behind a reverse proxy: any instance serves any request.
 * On a server each instance has its own connection pool, as separate processes would.
 */
let kit: FollowUpKit;
let database: TestDatabase;
let second: Database;
let a: App;
let b: App;
const email = 'shared@example.org';

beforeAll(async () => {
  // Instance a is the test kit's app (its clients call a); b shares the database through a pool of its own.
  kit = await startFollowUpKit({ TRUST_PROXY: 'true' });
  database = kit.t.database;
  a = kit.t.app;
  second = database.url ? await openServerDatabase(database.url, 3) : database;
  const config = loadConfig({ PORT: '0', PUBLIC_URL: 'http://localhost:3999', TRUST_PROXY: 'true' });
  b = await buildApp({ database: second, config, serveWeb: false });
  await database.db.transaction((tx) =>
    insertUser(tx, systemActor(), { email, name: 'Shared', password: TEST_PASSWORD }),
  );
});
afterAll(async () => {
  await b.close();
  if (second !== database) await second.close();
  await kit.t.close();
});

/** The same person (the same cookie) calling instance b. */
const onB = (client: ApiClient) => new ApiClient(b, client.headers);

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

/** A valid 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

it('serves from one instance the logo uploaded through the other (kept in PostgreSQL, not on disk)', async () => {
  const admin = (await kit.t.member(kit.owner.id, 'admin')).client;
  const put = await admin.put(`/organisations/${kit.owner.id}/logo`, {
    image: `data:image/png;base64,${PNG.toString('base64')}`,
  });
  expect(put.statusCode, put.body).toBe(200);
  const served = await onB(kit.manager).get(`/organisations/${kit.owner.id}/logo`);
  expect(served.statusCode).toBe(200);
  expect(served.headers['content-type']).toMatch(/image\/png/);
  expect(Buffer.compare(served.rawPayload, PNG)).toBe(0);
  // Removed on b: gone on a too.
  expect((await onB(admin).delete(`/organisations/${kit.owner.id}/logo`)).statusCode).toBeLessThan(300);
  expect((await admin.get(`/organisations/${kit.owner.id}/logo`)).statusCode).toBe(404);
});

it('re-downloads from one instance, byte for byte, a document issued on the other', async () => {
  const programme = await createProgramme(kit);
  const handed = await handOverToPerson(kit, programme);
  const url = `/allocations/${handed.allocationId}/documents/handover-attestation.pdf`;
  const issued = await kit.manager.get(url);
  expect(issued.statusCode, issued.body).toBe(200);
  const again = await onB(kit.manager).get(url);
  expect(again.statusCode).toBe(200);
  expect(Buffer.compare(again.rawPayload, issued.rawPayload)).toBe(0);
});

it('issues a document once when both instances are asked for it first at the same moment', async () => {
  const programme = await createProgramme(kit);
  const handed = await handOverToPerson(kit, programme);
  const url = `/allocations/${handed.allocationId}/documents/handover-attestation.pdf`;
  const [onA, onOther] = await Promise.all([kit.manager.get(url), onB(kit.manager).get(url)]);
  expect([onA.statusCode, onOther.statusCode]).toEqual([200, 200]);
  expect(Buffer.compare(onA.rawPayload, onOther.rawPayload)).toBe(0);
  const { rows } = await database.pool.query(
    "SELECT count(*)::int AS n FROM distribution_documents WHERE allocation_id = $1 AND kind = 'handover_attestation'",
    [handed.allocationId],
  );
  expect(rows[0].n).toBe(1);
});
