import { performance } from 'node:perf_hooks';
import type { Database } from '../src/db/connection.ts';
import { systemActor } from '../src/lib/actor.ts';
import { listDevices } from '../src/modules/inventory/devices.ts';
import { createOrganisation } from '../src/modules/organisations/organisations.ts';
import { onEmbedded, onServer } from './databases.ts';
import type { BenchResult } from './run.ts';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 200_000);
const QUERIES = 200;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function seed(database: Database, organisationId: string): Promise<void> {
  // Generated in SQL: the benchmark measures searching, not loading.
  await database.pool.query(
    `INSERT INTO devices (tag_number, asset_tag, organisation_id, type, status, brand, model, serial_number, ram_gb, storage_gb, grade)
     SELECT n, 'SV-' || lpad(n::text, 6, '0'), $1,
            (ARRAY['laptop','desktop','monitor','tablet','smartphone','printer','other'])[1 + n % 7],
            (ARRAY['received','diagnosed','refurbishing','ready','handed_over','recycled'])[1 + n % 6],
            (ARRAY['Dell','HP','Lenovo','Acer','Asus','Apple','Fujitsu','Toshiba'])[1 + n % 8],
            (ARRAY['Latitude 5490','EliteBook 840','ThinkPad T480','TravelMate','VivoBook','MacBook Air','Esprimo','Tecra'])[1 + (n / 8) % 8] || ' G' || (n % 13),
            'SN' || md5(n::text),
            (ARRAY[4,8,16])[1 + n % 3], (ARRAY[128,256,500])[1 + n % 3],
            (ARRAY['A','B','C'])[1 + n % 3]
     FROM generate_series(1, $2::int) AS n`,
    [organisationId, DEVICES],
  );
  await database.pool.query("SELECT setval('asset_tag_seq', $1::bigint)", [DEVICES]);
  await database.pool.query('ANALYZE devices');
}

/** What people type in the stock page's search box and filters, in a realistic mix. */
function queries(organisationId: string) {
  const list: Parameters<typeof listDevices>[2][] = [];
  for (let i = 0; i < QUERIES; i++) {
    const n = 1 + ((i * 7919) % DEVICES);
    const kind = i % 6;
    if (kind === 0) list.push({ organisationId, q: `SV-${String(n).padStart(6, '0')}`, limit: 50 });
    else if (kind === 1) list.push({ organisationId, q: String(n), limit: 50 });
    else if (kind === 2) list.push({ organisationId, q: 'latitude', limit: 50 });
    else if (kind === 3) list.push({ organisationId, status: ['ready'], type: ['laptop'], limit: 50 });
    else if (kind === 4) list.push({ organisationId, q: 'thinkpad t4', status: ['ready'], limit: 50 });
    else list.push({ organisationId, limit: 50, sort: '-assetTag' });
  }
  return list;
}

async function measure(database: Database): Promise<{ median: number; p95: number; serial: number }> {
  const actor = systemActor();
  const org = await createOrganisation(database.db, actor, {
    name: 'Bench refurbisher',
    kinds: ['refurbisher'],
  });
  await seed(database, org.id);
  const times: number[] = [];
  for (const filters of queries(org.id)) {
    const start = performance.now();
    await listDevices(database.db, actor, filters);
    times.push(performance.now() - start);
  }
  // A search by serial number (a scan of a sticker), which matches one device among all of them.
  const serialTimes: number[] = [];
  const sample = await database.pool.query(
    'SELECT serial_number FROM devices ORDER BY tag_number DESC LIMIT 20',
  );
  for (const row of sample.rows as { serial_number: string }[]) {
    const start = performance.now();
    await listDevices(database.db, actor, { organisationId: org.id, q: row.serial_number, limit: 50 });
    serialTimes.push(performance.now() - start);
  }
  return { median: percentile(times, 50), p95: percentile(times, 95), serial: percentile(serialTimes, 50) };
}

export async function stockSearch(): Promise<BenchResult> {
  const pglite = await onEmbedded(measure);
  const details: Record<string, string | number> = {
    devices: DEVICES,
    queries: QUERIES,
    pgliteMedianMs: pglite.median.toFixed(1),
    pgliteP95Ms: pglite.p95.toFixed(1),
    pgliteSerialSearchMedianMs: pglite.serial.toFixed(1),
  };
  const pg = await onServer(measure);
  if (pg) {
    details.postgresMedianMs = pg.median.toFixed(1);
    details.postgresP95Ms = pg.p95.toFixed(1);
    details.postgresSerialSearchMedianMs = pg.serial.toFixed(1);
  }
  return {
    name: `stock list and search over ${DEVICES} devices`,
    comparison: pg ? 'PostgreSQL p95 / 50 ms' : 'PGlite p95 / 50 ms (set DATABASE_URL to measure PostgreSQL)',
    ratio: (pg ?? pglite).p95 / 50,
    target: 'below 1',
    details,
  };
}
