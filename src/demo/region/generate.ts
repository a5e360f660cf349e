import type pg from 'pg';
import { type RegionContext, regionScale } from './context.ts';
import { finishPeople, generateOtherReferrals, generateStock } from './lifecycle.ts';
import { generateOrganisations, generateProgrammes } from './organisations.ts';
import { generatePeople } from './people.ts';
import { Random } from './random.ts';
import { insertRows, type Row, TABLES, type TableName } from './tables.ts';
import { generateActivities, generateTraining } from './training.ts';

/** The full region is factor 1; the reduced bench uses 0.1. */
export const REDUCED_FACTOR = 0.1;
export const DEFAULT_SEED = 42;

export interface RegionOptions {
  seed?: number;
  /** 1 = the region (50 organisations, 200,000 devices, 100,000 people…); organisations stay 50. */
  factor?: number;
}

export type RegionRows = Record<TableName, Row[]>;

/**
 * Plans the whole region in memory, deterministically from the seed: every row of every table, ids
 * included. Nothing is random at insert time, so the same seed gives the same database.
 */
export function planRegion(options: RegionOptions = {}): RegionRows {
  const rows = Object.fromEntries(Object.keys(TABLES).map((k) => [k, []])) as unknown as RegionRows;
  const ctx: RegionContext = {
    random: new Random(options.seed ?? DEFAULT_SEED),
    scale: regionScale(options.factor ?? 1),
    rows,
    coordinatorId: '',
    refurbishers: [],
    prescribers: [],
    trainers: [],
    funders: [],
    donors: [],
    programmes: new Map(),
    people: [],
    peopleByOrganisation: new Map(),
    referrals: [],
  };
  generateOrganisations(ctx);
  generateProgrammes(ctx);
  generatePeople(ctx);
  generateStock(ctx);
  generateOtherReferrals(ctx);
  finishPeople(ctx);
  generateTraining(ctx);
  generateActivities(ctx);
  return rows;
}

export interface RegionProgress {
  table: string;
  done: number;
  total: number;
}

/** Row counts by table. */
export type RegionSummary = Record<string, number>;

/**
 * Generates the region and writes it in one transaction, table by table in foreign-key order, with
 * multi-row inserts (see tables.ts): the data's shape (keys, statuses agreeing with events and
 * allocations) is built in the plan rather than by calling the services, which would take hours.
 * Then sets the asset-tag sequence past the generated tags and analyses the tables.
 */
export async function loadRegion(
  pool: pg.Pool,
  options: RegionOptions & { onProgress?: (progress: RegionProgress) => void } = {},
): Promise<RegionSummary> {
  const rows = planRegion(options);
  const total = Object.values(rows).reduce((sum, r) => sum + r.length, 0);
  let done = 0;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const [key, spec] of Object.entries(TABLES) as [TableName, (typeof TABLES)[TableName]][]) {
      options.onProgress?.({ table: spec.table, done, total });
      await insertRows(client, spec, rows[key], (n) => {
        done += n;
        options.onProgress?.({ table: spec.table, done, total });
      });
    }
    await client.query("SELECT setval('asset_tag_seq', $1::bigint)", [Math.max(1, rows.devices.length)]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  for (const spec of Object.values(TABLES)) await pool.query(`ANALYZE ${spec.table}`);
  return Object.fromEntries(
    Object.entries(TABLES).map(([key, spec]) => [spec.table, rows[key as TableName].length]),
  );
}
