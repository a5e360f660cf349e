/**
 * Migrations forward from every released schema, on a database with data. One database walks the
 * migrations one at a time; after each step it receives the rows of that step's fixture
 * (test/fixtures/migrations/NNNN.sql, for the steps where tables appear), so at step N it holds data valid
 * at N. A copy of it at every step is then migrated to the latest schema the way the server does it
 * (runMigrations), and the services read every fixture row back. The steps and their tables are read from
 * the migrations' `CREATE TABLE` statements: every table a released migration creates holds rows when
 * migrated forward.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../lib/actor.ts';
import { getHandoverEvent } from '../modules/distribution/handover-events.ts';
import { getDevice } from '../modules/inventory/devices.ts';
import { loadActor } from '../modules/organisations/users.ts';
import { getBeneficiary } from '../modules/programmes/beneficiaries.ts';
import { getProgramme } from '../modules/programmes/programmes.ts';
import { programmeReport } from '../modules/reports/programme-report.ts';
import { getWorkshop } from '../modules/training/workshops.ts';
import { type Database, openEmbeddedDatabase, openServerDatabase } from './connection.ts';
import { MIGRATIONS_FOLDER, runMigrations } from './migrate.ts';

const FIXTURES = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../../test/fixtures/migrations',
);

interface JournalEntry {
  idx: number;
  tag: string;
}
const journal: { entries: JournalEntry[] } = JSON.parse(
  readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8'),
);
const steps = journal.entries.map((e) => e.idx);
const latest = steps.length - 1;

/** The tables each released migration creates, read from its `CREATE TABLE` statements. */
const createdAt: string[][] = journal.entries.map((e) =>
  [
    ...readFileSync(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`), 'utf8').matchAll(
      /CREATE TABLE (?:IF NOT EXISTS )?(?:"?public"?\.)?"?(\w+)"?/gi,
    ),
  ].map((m) => m[1] as string),
);
/** The tables of the schema as released at a step. */
const tablesAt = (step: number) => createdAt.slice(0, step + 1).flat();

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const MANAGER = id(101);
const TECHNICIAN = id(102);

let work: string;
/** What each step's copy needs to be opened: a dump (embedded) or a database name (server). */
const snapshots = new Map<number, Blob | string>();
const serverUrl = process.env.DATABASE_URL;
const created: string[] = [];

/** A migrations folder holding only the first `upTo + 1` migrations: the schema as released at that step. */
function folderUpTo(upTo: number): string {
  const dir = path.join(work, `upto-${upTo}`);
  if (existsSync(dir)) return dir;
  mkdirSync(path.join(dir, 'meta'), { recursive: true });
  const entries = journal.entries.slice(0, upTo + 1);
  for (const e of entries)
    cpSync(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  return dir;
}

async function migrateTo(database: Database, step: number): Promise<void> {
  const client = await database.pool.connect();
  try {
    await migrate(drizzle(client), { migrationsFolder: folderUpTo(step) });
  } finally {
    client.release();
  }
}

function fixtureOf(step: number): string | null {
  const file = path.join(FIXTURES, `${String(step).padStart(4, '0')}.sql`);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

async function serverAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function urlOf(name: string): string {
  const url = new URL(serverUrl ?? '');
  url.pathname = `/${name}`;
  return url.toString();
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'sv-migrate-forward-'));
  const base = `sv_fwd_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  let database: Database;
  if (serverUrl) {
    await serverAdmin(`CREATE DATABASE ${base}`);
    created.push(base);
    database = await openServerDatabase(urlOf(base), 2);
  } else {
    database = await openEmbeddedDatabase({});
  }
  try {
    for (const step of steps) {
      await migrateTo(database, step);
      const fixture = fixtureOf(step);
      if (fixture) await database.pool.query(fixture);
      if (serverUrl) {
        // A copy of the database as it stands at this step (the template must have no other session).
        await database.pool.end();
        const copy = `${base}_${step}`;
        await serverAdmin(`CREATE DATABASE ${copy} TEMPLATE ${base}`);
        created.push(copy);
        snapshots.set(step, copy);
        database = await openServerDatabase(urlOf(base), 2);
      } else {
        if (!database.dumpDataDir) throw new Error('the embedded database cannot dump itself');
        snapshots.set(step, await database.dumpDataDir());
      }
    }
  } finally {
    await database.close();
  }
}, 300_000);

afterAll(async () => {
  for (const name of created.reverse()) await serverAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  if (work) rmSync(work, { recursive: true, force: true });
});

async function openSnapshot(step: number): Promise<Database> {
  const snapshot = snapshots.get(step);
  if (snapshot === undefined) throw new Error(`no snapshot at step ${step}`);
  if (typeof snapshot === 'string') return openServerDatabase(urlOf(snapshot), 3);
  return openEmbeddedDatabase({ loadDataDir: snapshot });
}

async function count(database: Database, table: string): Promise<number> {
  const { rows } = await database.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0]?.n ?? 0);
}

async function actor(database: Database, userId: string): Promise<Actor> {
  return loadActor(
    database.db,
    { id: userId, isPlatformAdmin: false },
    { ip: null, locale: 'fr', via: 'session' },
  );
}

it('has a fixture for every step where tables appear, and a released schema at every step', () => {
  expect(steps).toEqual(Array.from({ length: latest + 1 }, (_, i) => i));
  const withTables = steps.filter((step) => (createdAt[step] ?? []).length > 0);
  // Read from the migrations, so a new migration's tables need a fixture; the first ones as a check on the reading.
  expect(withTables.slice(0, 10)).toEqual([0, 2, 3, 4, 5, 7, 8, 9, 12, 13]);
  expect(tablesAt(latest)).toEqual(
    expect.arrayContaining(['users', 'outbox', 'organisation_logos', 'job_runs']),
  );
  for (const step of withTables) expect(fixtureOf(step), `fixture ${step}`).not.toBeNull();
});

describe.each(steps.map((step) => ({ step, tag: journal.entries[step]?.tag })))(
  'from the schema of $tag, with its data',
  ({ step }) => {
    it('migrates to the latest schema, keeps every row and the services read them', async () => {
      const database = await openSnapshot(step);
      try {
        await runMigrations(database);
        const applied = await database.pool.query(
          'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
        );
        expect(applied.rows[0].n).toBe(latest + 1);
        // Every table of the schema as released at this step held rows, and still does.
        const counts = await database.pool.query<Record<string, string>>(
          `SELECT ${tablesAt(step).map((table) => `(SELECT count(*) FROM "${table}") AS "${table}"`)}`,
        );
        const empty = Object.entries(counts.rows[0] ?? {}).filter(([, n]) => Number(n) === 0);
        expect(
          empty.map(([table]) => table),
          'tables without a fixture row',
        ).toEqual([]);

        // Foundation: always there.
        expect(await count(database, 'organisations')).toBe(3);
        expect(await count(database, 'memberships')).toBe(2);
        const manager = await actor(database, MANAGER);
        const technician = await actor(database, TECHNICIAN);
        const setting = await database.pool.query(
          `SELECT value FROM settings WHERE key = 'fixture.migrations'`,
        );
        expect(setting.rows).toEqual([{ value: 'kept' }]);
        // A migration that adds columns to users keeps them empty for existing accounts.
        const user = await database.pool.query('SELECT totp_enabled_at FROM users WHERE id = $1', [MANAGER]);
        expect(user.rows).toEqual([{ totp_enabled_at: null }]);

        if (step >= 2) {
          const device = await getDevice(database.db, technician, id(212));
          expect(device).toMatchObject({ assetTag: 'SV-900002', serialNumber: 'FIX-2' });
          expect(device.status).toBe(step >= 5 ? 'handed_over' : 'ready');
          const erased = await getDevice(database.db, technician, id(213));
          expect(erased.erasures).toHaveLength(1);
        }
        if (step >= 3) {
          const programme = await getProgramme(database.db, manager, id(301));
          expect(programme).toMatchObject({ name: 'Programme Fixture', mode: 'donation' });
          const person = await getBeneficiary(database.db, manager, id(311));
          expect(person).toMatchObject({ firstName: 'Léa', lastName: 'Fixture' });
          const report = await programmeReport(database.db, manager, id(301), {
            from: '2025-01-01',
            to: '2025-12-31',
          });
          expect(report.beneficiaries).toMatchObject({ referred: 1, equipped: step >= 5 ? 1 : 0 });
        }
        if (step >= 5) {
          const event = await getHandoverEvent(database.db, manager, id(501));
          expect(event.allocations.map((a) => a.id)).toEqual([id(511)]);
          expect(event.allocations[0]?.status).toBe('handed_over');
        }
        if (step >= 7) {
          const workshop = await getWorkshop(database.db, manager, id(701));
          expect(workshop).toMatchObject({ title: 'Premiers pas Fixture' });
          expect(await count(database, 'enrolments')).toBe(1);
        }
        if (step >= 12) expect(await count(database, 'follow_ups')).toBe(1);
        if (step >= 13) expect(await count(database, 'job_runs')).toBe(1);
      } finally {
        await database.close();
      }
    }, 60_000);
  },
);
