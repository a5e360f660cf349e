/**
 * The generated region the data benches read (stock search, people search, programme report, network
 * dashboard): generated once per backend and scale in this process, then shared, since the benches only
 * read it. PGlite: one in-memory instance. PostgreSQL: a database of its own on DATABASE_URL's server,
 * dropped by `closeRegions` (run.ts calls it before exiting).
 */
import { performance } from 'node:perf_hooks';
import { type Database, openEmbeddedDatabase, openServerDatabase } from '../src/db/connection.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { DEFAULT_SEED, loadRegion, REDUCED_FACTOR } from '../src/demo/region/generate.ts';
import type { Backend, BenchOptions } from './format.ts';

type DataBackend = Extract<Backend, 'pglite' | 'postgres'>;

/** The generator's size factor for a bench scale: a tenth of the region by default. */
export function regionFactor(scale: BenchOptions['scale']): number {
  return scale === 'full' ? 1 : REDUCED_FACTOR;
}

interface Held {
  database: Database;
  drop?: () => Promise<void>;
}
const held = new Map<string, Promise<Held>>();

async function create(backend: DataBackend, scale: BenchOptions['scale']): Promise<Held> {
  const started = performance.now();
  process.stderr.write(`  generating the region (${scale}, seed ${DEFAULT_SEED}) on ${backend}…\n`);
  let result: Held;
  if (backend === 'pglite') {
    const database = await openEmbeddedDatabase({});
    await runMigrations(database);
    result = { database };
  } else {
    const serverUrl = process.env.DATABASE_URL as string;
    const admin = await openServerDatabase(serverUrl, 1);
    const name = `sv_bench_region_${process.pid}_${scale}`;
    await admin.pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.pool.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = await openServerDatabase(url.toString());
    await runMigrations(database);
    result = {
      database,
      drop: async () => {
        await admin.pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.close();
      },
    };
  }
  const summary = await loadRegion(result.database.pool, { seed: DEFAULT_SEED, factor: regionFactor(scale) });
  process.stderr.write(
    `  region on ${backend}: ${summary.devices} devices, ${summary.beneficiaries} people, ${summary.allocations} allocations in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
  );
  return result;
}

/**
 * The region's database on a backend (generated on first use), or undefined for PostgreSQL when
 * DATABASE_URL is not set. Read it only: other benches share it.
 */
export async function regionDatabase(
  backend: DataBackend,
  scale: BenchOptions['scale'],
): Promise<Database | undefined> {
  if (backend === 'postgres' && !process.env.DATABASE_URL) return undefined;
  const key = `${backend}:${scale}`;
  let entry = held.get(key);
  if (!entry) {
    entry = create(backend, scale);
    held.set(key, entry);
  }
  return (await entry).database;
}

/** Closes the shared databases and drops the PostgreSQL ones. */
export async function closeRegions(): Promise<void> {
  const entries = [...held.values()];
  held.clear();
  for (const entry of entries) {
    const { database, drop } = await entry.catch(() => ({ database: null, drop: undefined }) as const);
    await database?.close();
    await drop?.();
  }
}

/**
 * The backends to measure: PGlite always, PostgreSQL when DATABASE_URL is set; BENCH_DATA_BACKENDS
 * (e.g. `postgres`) keeps some only — generating the full region in PGlite takes long.
 */
export function dataBackends(): DataBackend[] {
  const all: DataBackend[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  const only = process.env.BENCH_DATA_BACKENDS?.split(',').map((b) => b.trim());
  return only ? all.filter((b) => only.includes(b)) : all;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Times `a` and `b` alternately (after one warm-up of each), so both see the same machine. */
export async function alternate<A, B>(
  runs: number,
  a: () => Promise<A>,
  b: () => Promise<B>,
): Promise<{ a: number[]; b: number[]; lastA: A; lastB: B }> {
  let lastA = await a();
  let lastB = await b();
  const timesA: number[] = [];
  const timesB: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    lastA = await a();
    timesA.push(performance.now() - start);
    start = performance.now();
    lastB = await b();
    timesB.push(performance.now() - start);
  }
  return { a: timesA, b: timesB, lastA, lastB };
}
