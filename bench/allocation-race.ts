/**
 * The allocation race: 200 people's allocations fired at once at 50 ready devices (each device wanted by
 * four people), through the HTTP API of two app instances on one PostgreSQL (each with its own pool, as
 * separate processes behind a reverse proxy would), or of one instance on PGlite. Exactly 50 must be
 * made, never more: this is the line CI fails on. Baseline: the same race in bare SQL on the same pools
 * (a conditional UPDATE of the device and an INSERT of the allocation in one transaction per attempt).
 */
import { performance } from 'node:perf_hooks';
import type { InjectOptions } from 'fastify';
import { type Database, openServerDatabase } from '../src/db/connection.ts';
import { systemActor } from '../src/lib/actor.ts';
import { loadConfig } from '../src/lib/config.ts';
import { today } from '../src/lib/dates.ts';
import { createOrganisation } from '../src/modules/organisations/organisations.ts';
import { memberships } from '../src/modules/organisations/schema.ts';
import { insertUser } from '../src/modules/organisations/users.ts';
import { buildApp } from '../src/server/app.ts';
import type { App } from '../src/server/http.ts';
import { onEmbedded, onServer } from './databases.ts';
import type { Backend, Bench, BenchLine } from './format.ts';

const PEOPLE = 200;
const DEVICES = 50;
const PASSWORD = 'a bench password, long enough';
/** Setup requests in flight at once. */
const SETUP_BATCH = 20;

let clientNumber = 0;
/** Setup goes through the API from many client addresses, so the per-address rate limit never answers. */
function inject(app: App, cookie: string, options: InjectOptions) {
  clientNumber += 1;
  return app.inject({
    ...options,
    headers: { cookie },
    remoteAddress: `10.1.${(clientNumber >> 8) & 255}.${clientNumber & 255}`,
  });
}

async function post<T>(app: App, cookie: string, url: string, payload: object): Promise<T> {
  const res = await inject(app, cookie, { method: 'POST', url: `/api/v1${url}`, payload });
  if (res.statusCode !== 200 && res.statusCode !== 201)
    throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

async function inBatches<T>(count: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < count; start += SETUP_BATCH) {
    const batch = Array.from({ length: Math.min(SETUP_BATCH, count - start) }, (_, k) => make(start + k));
    out.push(...(await Promise.all(batch)));
  }
  return out;
}

interface Scene {
  programmeId: string;
  people: string[];
  devices: string[];
  managerCookie: string;
}

/** A programme, 200 people with an eligible referral and 50 ready devices, all through the API. */
async function setUp(database: Database, app: App): Promise<Scene> {
  const { db } = database;
  const system = systemActor();
  const year = today().slice(0, 4);
  const ccas = await createOrganisation(db, system, {
    name: 'Bench CCAS',
    kinds: ['prescriber', 'coordinator'],
  });
  const refurbisher = await createOrganisation(db, system, {
    name: 'Bench refurbisher',
    kinds: ['refurbisher'],
  });
  const funder = await createOrganisation(db, system, { name: 'Bench funder', kinds: ['funder'] });
  const login = async (
    name: string,
    organisationId: string,
    role: 'manager' | 'social_worker' | 'technician',
  ) => {
    const user = await db.transaction((tx) =>
      insertUser(tx, system, { email: `${name}@example.org`, name, password: PASSWORD }),
    );
    await db.insert(memberships).values({ userId: user.id, organisationId, role });
    const res = await inject(app, '', {
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: user.email, password: PASSWORD },
    });
    const session = res.cookies.find((c) => c.name === 'sv_session')?.value;
    if (!session) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    return `sv_session=${session}`;
  };
  const manager = await login('bench-manager', ccas.id, 'manager');
  const socialWorker = await login('bench-social-worker', ccas.id, 'social_worker');
  const technician = await login('bench-technician', refurbisher.id, 'technician');
  const programme = await post<{ id: string }>(app, manager, '/programmes', {
    name: 'Bench programme',
    mode: 'sale',
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    unitPriceCents: 13000,
    subsidies: [{ funderOrganisationId: funder.id, amountCents: 8800 }],
    partners: [{ organisationId: refurbisher.id, role: 'refurbisher' }],
  });
  const people = await inBatches(PEOPLE, async (i) => {
    const person = await post<{ id: string }>(app, socialWorker, '/beneficiaries', {
      kind: 'person',
      firstName: `Nora${i}`,
      lastName: 'Petit',
      consentGivenOn: `${year}-01-01`,
    });
    await post(app, socialWorker, '/referrals', { beneficiaryId: person.id, programmeId: programme.id });
    return person.id;
  });
  const devices = await inBatches(DEVICES, async () => {
    const device = await post<{ id: string }>(app, technician, '/devices', {
      type: 'laptop',
      brand: 'Dell',
      storageGb: 0,
    });
    return device.id;
  });
  // The whole batch through the workshop at once, as a technician does (all or none).
  for (const status of ['diagnosed', 'refurbishing', 'ready']) {
    await post(app, technician, '/devices/status', { ids: devices, status });
  }
  return { programmeId: programme.id, people, devices, managerCookie: manager };
}

/**
 * Person i wants device i mod 50; attempts 0-49 and 100-149 go to the first instance, 50-99 and 150-199
 * to the second, so the four people wanting a device are split across both instances.
 */
async function race(scene: Scene, urls: string[]): Promise<{ statuses: Record<string, number>; ms: number }> {
  const statuses: Record<string, number> = {};
  const start = performance.now();
  await Promise.all(
    scene.people.map(async (beneficiaryId, i) => {
      const base = urls[Math.floor(i / DEVICES) % urls.length] as string;
      let status: string;
      try {
        const res = await fetch(`${base}/api/v1/allocations`, {
          method: 'POST',
          headers: { cookie: scene.managerCookie, 'content-type': 'application/json' },
          body: JSON.stringify({
            programmeId: scene.programmeId,
            beneficiaryId,
            deviceId: scene.devices[i % DEVICES],
          }),
        });
        await res.arrayBuffer();
        status = String(res.status);
      } catch (err) {
        status = `network: ${(err as Error).message}`;
      }
      statuses[status] = (statuses[status] ?? 0) + 1;
    }),
  );
  return { statuses, ms: performance.now() - start };
}

/** The same race in bare SQL: the state change guarded by the expected state, and the row it creates. */
async function sqlRace(pools: Database[]): Promise<{ made: number; ms: number }> {
  const [first] = pools;
  if (!first) throw new Error('no pool');
  await first.pool.query(
    'CREATE TABLE bench_race_devices (id int PRIMARY KEY, status text NOT NULL); CREATE TABLE bench_race_allocations (device_id int NOT NULL, person int NOT NULL)',
  );
  await first.pool.query(
    `INSERT INTO bench_race_devices SELECT g, 'ready' FROM generate_series(0, ${DEVICES - 1}) g`,
  );
  const start = performance.now();
  await Promise.all(
    Array.from({ length: PEOPLE }, async (_, i) => {
      const pool = (pools[Math.floor(i / DEVICES) % pools.length] as Database).pool;
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const moved = await client.query(
          "UPDATE bench_race_devices SET status = 'reserved' WHERE id = $1 AND status = 'ready'",
          [i % DEVICES],
        );
        if (moved.rowCount === 1) {
          await client.query('INSERT INTO bench_race_allocations VALUES ($1, $2)', [i % DEVICES, i]);
        }
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    }),
  );
  const ms = performance.now() - start;
  const { rows } = await first.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM bench_race_allocations',
  );
  await first.pool.query('DROP TABLE bench_race_devices, bench_race_allocations');
  return { made: rows[0]?.n ?? 0, ms };
}

async function measure(databases: Database[], backend: Backend): Promise<BenchLine[]> {
  const [first] = databases;
  if (!first) throw new Error('no database');
  const config = loadConfig({ PORT: '0' });
  const apps: App[] = [];
  try {
    for (const database of databases) apps.push(await buildApp({ database, config, serveWeb: false }));
    const scene = await setUp(first, apps[0] as App);
    const urls: string[] = [];
    for (const app of apps) urls.push(await app.listen({ host: '127.0.0.1', port: 0 }));
    const { statuses, ms } = await race(scene, urls);

    const { rows } = await first.pool.query<{
      made: number;
      devices: number;
      people: number;
      reserved: number;
    }>(
      `SELECT count(*)::int AS made, count(DISTINCT device_id)::int AS devices,
              count(DISTINCT beneficiary_id)::int AS people,
              (SELECT count(*)::int FROM devices WHERE id = ANY($2) AND status = 'reserved') AS reserved
         FROM allocations WHERE programme_id = $1 AND status <> 'cancelled'`,
      [scene.programmeId, scene.devices],
    );
    const counts = rows[0] ?? { made: 0, devices: 0, people: 0, reserved: 0 };
    const created = statuses['201'] ?? 0;
    const unexpected = Object.keys(statuses).filter((s) => s !== '201' && s !== '409');
    const ok =
      counts.made === DEVICES &&
      counts.devices === DEVICES &&
      counts.people === DEVICES &&
      counts.reserved === DEVICES &&
      created === DEVICES &&
      unexpected.length === 0;
    const byStatus = Object.entries(statuses)
      .map(([status, n]) => `${status}×${n}`)
      .join(', ');
    const detail = `${counts.made} allocations made (${counts.devices} devices, ${counts.people} people, ${counts.reserved} devices reserved) for ${DEVICES} devices; answers ${byStatus}`;
    const bare = await sqlRace(databases);
    const where =
      databases.length > 1 ? `${databases.length} app instances on one PostgreSQL` : 'one app instance';
    return [
      {
        name: 'allocation-race-allocations',
        backend,
        value: counts.made,
        unit: 'count',
        baseline: DEVICES,
        ratio: counts.made / DEVICES,
        target: `= ${DEVICES} (never more)`,
        comparison: `allocations made by ${PEOPLE} concurrent POST /api/v1/allocations (${where}, 4 people per device) vs the ${DEVICES} ready devices`,
        correctness: { ok, detail },
      },
      {
        name: 'allocation-race-time',
        backend,
        value: Math.round(ms),
        unit: 'ms',
        baseline: Math.round(bare.ms),
        ratio: Math.round((ms / bare.ms) * 100) / 100,
        comparison: `wall time of the ${PEOPLE} concurrent API attempts (${where}) vs the same race in bare SQL on the same pools (conditional UPDATE + INSERT per attempt, ${bare.made} made)`,
        correctness: {
          ok: bare.made === DEVICES,
          detail: `bare SQL race made ${bare.made} of ${DEVICES}; API answers ${byStatus}`,
        },
      },
    ];
  } finally {
    for (const app of apps) await app.close();
  }
}

/** 200 concurrent allocations for 50 devices: two instances on PostgreSQL (DATABASE_URL), one on PGlite. */
export const allocationRace: Bench = async () => {
  const lines = await onEmbedded((database) => measure([database], 'pglite'));
  const server = await onServer(async (database) => {
    const url = database.pool.options.connectionString;
    if (!url) throw new Error('no connection string');
    // Each instance its own pool, as two processes would have.
    const second = await openServerDatabase(url);
    try {
      return await measure([database, second], 'postgres');
    } finally {
      await second.close();
    }
  });
  return [...lines, ...(server ?? [])];
};
