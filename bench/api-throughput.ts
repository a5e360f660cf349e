/**
 * API throughput: an authenticated `GET /api/v1/devices/{id}` (session cookie) under concurrent load, vs a
 * bare Fastify route on the same database running the device's single SQL query. The load comes from
 * autocannon in a child process, so the load generator does not share the server's event loop.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import Fastify from 'fastify';
import type { Database } from '../src/db/connection.ts';
import { systemActor } from '../src/lib/actor.ts';
import { loadConfig } from '../src/lib/config.ts';
import { createOrganisation } from '../src/modules/organisations/organisations.ts';
import { memberships } from '../src/modules/organisations/schema.ts';
import { insertUser } from '../src/modules/organisations/users.ts';
import { buildApp } from '../src/server/app.ts';
import { onEmbedded, onServer } from './databases.ts';
import type { Backend, Bench, BenchLine } from './format.ts';

const CONNECTIONS = 20;
const PASSWORD = 'a bench password, long enough';

/** What the child process reports of one autocannon run. */
interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/**
 * Runs in the child: one autocannon run, its figures as JSON on stdout. Behind a reverse proxy every
 * client has its own address; the requests are spread over 4,000 forwarded addresses so the app's coarse
 * per-address limit (1,200 a minute) still does its work on each request without answering 429 instead.
 */
const CLIENT = `
const [modulePath, json] = process.argv.slice(1);
const autocannon = require(modulePath);
const o = JSON.parse(json);
let n = 0;
autocannon({
  url: o.url, connections: o.connections, duration: o.duration, headers: o.headers,
  requests: [{ setupRequest(req) {
    n = (n + 1) % 4000;
    req.headers = Object.assign({}, req.headers, { 'x-forwarded-for': '10.0.' + (n >> 8) + '.' + (n & 255) });
    return req;
  } }],
}, (err, r) => {
  if (err) { console.error(err); process.exit(1); }
  process.stdout.write(JSON.stringify({
    requestsPerSecond: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99,
    total: r.requests.total, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts,
  }));
});
`;

function load(url: string, headers: Record<string, string>, duration: number): Promise<LoadResult> {
  const modulePath = createRequire(import.meta.url).resolve('autocannon');
  const options = JSON.stringify({ url, headers, duration, connections: CONNECTIONS });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CLIENT, modulePath, options], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out) as LoadResult);
      else reject(new Error(`autocannon exited with ${code}: ${err}`));
    });
  });
}

async function measure(database: Database, backend: Backend, duration: number): Promise<BenchLine[]> {
  const { db } = database;
  const system = systemActor();
  const config = loadConfig({ PORT: '0', TRUST_PROXY: 'true' });
  const app = await buildApp({ database, config, serveWeb: false });
  const bare = Fastify({ logger: false });
  try {
    const organisation = await createOrganisation(db, system, {
      name: 'Bench refurbisher',
      kinds: ['refurbisher'],
    });
    const user = await db.transaction((tx) =>
      insertUser(tx, system, { email: 'bench-load@example.org', name: 'Bench', password: PASSWORD }),
    );
    await db
      .insert(memberships)
      .values({ userId: user.id, organisationId: organisation.id, role: 'technician' });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: user.email, password: PASSWORD },
    });
    const session = login.cookies.find((c) => c.name === 'sv_session')?.value;
    if (!session) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
    const headers = { cookie: `sv_session=${session}` };
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/devices',
      headers,
      payload: { type: 'laptop', brand: 'Dell', model: 'Latitude 5490', storageGb: 0 },
    });
    if (created.statusCode !== 201) throw new Error(`device: ${created.statusCode} ${created.body}`);
    const deviceId = created.json<{ id: string }>().id;
    // A short history, as a device in stock has.
    for (const status of ['diagnosed', 'refurbishing', 'ready']) {
      await app.inject({
        method: 'POST',
        url: `/api/v1/devices/${deviceId}/status`,
        headers,
        payload: { status },
      });
    }

    // The same single query the app's handler starts with, its row sent back as JSON.
    bare.get<{ Params: { id: string } }>('/devices/:id', async (request, reply) => {
      const { rows } = await database.pool.query('SELECT * FROM devices WHERE id = $1', [request.params.id]);
      if (!rows[0]) return reply.code(404).send({ title: 'not found' });
      return rows[0];
    });
    // listen() gives the address, e.g. http://127.0.0.1:40123.
    const appUrl = `${await app.listen({ host: '127.0.0.1', port: 0 })}/api/v1/devices/${deviceId}`;
    const bareUrl = `${await bare.listen({ host: '127.0.0.1', port: 0 })}/devices/${deviceId}`;
    const check = await fetch(appUrl, { headers });
    const body = (await check.json()) as { id?: string; events?: unknown[] };
    if (check.status !== 200 || body.id !== deviceId) throw new Error(`GET device: ${check.status}`);

    // A short warm-up of each (JIT, pool connections), then the measured runs.
    await load(bareUrl, headers, 1);
    await load(appUrl, headers, 1);
    const base = await load(bareUrl, headers, duration);
    const measured = await load(appUrl, headers, duration);

    // Wrong answers fail the line; timeouts and socket errors are a matter of time on a loaded machine.
    const detail = `${measured.total} requests to the app in ${duration} s (${CONNECTIONS} connections), ${measured.non2xx} not 2xx, ${measured.errors} errors, ${measured.timeouts} timeouts; bare route ${base.total} requests`;
    const comparison = `authenticated GET /api/v1/devices/{id} (session cookie, device with ${body.events?.length ?? 0} events) vs a bare Fastify route running SELECT * FROM devices WHERE id = $1 on the same database; autocannon, ${CONNECTIONS} connections, ${duration} s each`;
    const line = (
      name: string,
      value: number,
      baseline: number,
      unit: string,
      target?: string,
    ): BenchLine => ({
      name,
      backend,
      value: Math.round(value * 10) / 10,
      unit,
      baseline: Math.round(baseline * 10) / 10,
      ratio: baseline > 0 ? Math.round((value / baseline) * 1000) / 1000 : null,
      ...(target ? { target } : {}),
      comparison,
    });
    return [
      {
        ...line(
          'api-device-get-throughput',
          measured.requestsPerSecond,
          base.requestsPerSecond,
          'req/s',
          '≥ 0.5',
        ),
        correctness: { ok: measured.non2xx === 0, detail },
      },
      line('api-device-get-latency-p50', measured.p50, base.p50, 'ms'),
      line('api-device-get-latency-p99', measured.p99, base.p99, 'ms'),
    ];
  } finally {
    await bare.close();
    await app.close();
  }
}

/** Throughput of an authenticated device read on PGlite, and on PostgreSQL when DATABASE_URL is set. */
export const apiThroughput: Bench = async ({ scale }) => {
  const duration = scale === 'full' ? 15 : 5;
  const lines = await onEmbedded((database) => measure(database, 'pglite', duration));
  const server = await onServer((database) => measure(database, 'postgres', duration));
  return [...lines, ...(server ?? [])];
};
