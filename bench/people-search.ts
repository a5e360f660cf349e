import { performance } from 'node:perf_hooks';
import type { Database } from '../src/db/connection.ts';
import type { Actor } from '../src/lib/actor.ts';
import { listBeneficiaries } from '../src/modules/programmes/beneficiaries.ts';
import { listReferrals } from '../src/modules/programmes/referral-lists.ts';
import { onEmbedded, onServer } from './databases.ts';
import type { BenchResult } from './run.ts';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const ORGANISATIONS = 30;
const PROGRAMMES = 20;
const QUERIES = 200;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const FIRST = ['Marie', 'Jean', 'Fatou', 'Karim', 'Lucie', 'Paul', 'Aicha', 'Thierry', 'Sandrine', 'Mohamed'];
const LAST = [
  'Martin',
  'Bernard',
  'Dubois',
  'Traore',
  'Lefevre',
  'Roux',
  'Benaissa',
  'Nguyen',
  'Garnier',
  'Moreau',
];

/**
 * A region's people, generated in SQL (the benchmark measures reading, not loading): 30 organisations,
 * 20 programmes, 100,000 people with unique-ish names, 150,000 referrals at every status.
 */
async function seed(database: Database): Promise<{ organisationId: string; programmeId: string }> {
  const q = (text: string, params: unknown[] = []) => database.pool.query(text, params);
  await q(
    `INSERT INTO organisations (name, kinds) SELECT 'Bench org ' || n, ARRAY['prescriber'] FROM generate_series(1, $1::int) n`,
    [ORGANISATIONS],
  );
  await q(
    `INSERT INTO programmes (owner_organisation_id, name, mode, starts_on, ends_on)
     SELECT o.id, 'Bench programme ' || n, 'donation', date_trunc('year', now())::date, (date_trunc('year', now()) + interval '1 year - 1 day')::date
     FROM generate_series(1, $1::int) n
     JOIN LATERAL (SELECT id FROM organisations ORDER BY name OFFSET (n % $2::int) LIMIT 1) o ON true`,
    [PROGRAMMES, ORGANISATIONS],
  );
  await q(
    `INSERT INTO beneficiaries (kind, referring_organisation_id, first_name, last_name, birth_year, postcode, city,
                                target_group, search_key, last_activity_on, created_at)
     SELECT 'person', orgs.ids[1 + n % $2::int],
            ($3::text[])[1 + n % 10] || (n % 97)::text, ($4::text[])[1 + (n / 10) % 10] || (n / 97)::text,
            1940 + n % 70, '45' || lpad((n % 1000)::text, 3, '0'), 'Ville ' || (n % 50), 'household',
            lower(($4::text[])[1 + (n / 10) % 10] || (n / 97)::text || ' ' || ($3::text[])[1 + n % 10] || (n % 97)::text),
            current_date, now() - n * interval '1 minute'
     FROM generate_series(1, $1::int) n,
          (SELECT array_agg(id ORDER BY name) ids FROM organisations) orgs`,
    [PEOPLE, ORGANISATIONS, FIRST, LAST],
  );
  await q(
    `INSERT INTO referrals (beneficiary_id, programme_id, referring_organisation_id, referred_on, status, reasons,
                            evaluated_on, priority, created_at)
     SELECT b.id, progs.ids[1 + (b.rn + k * 7) % $1::int], b.referring_organisation_id,
            date_trunc('year', now())::date + ((b.rn % 300)::int),
            (ARRAY['eligible','ineligible','in_training','trained','equipped','followed_up','exited'])[1 + (b.rn + k) % 7],
            '[]'::jsonb, current_date, b.rn % 50 = 0, now() - b.rn * interval '1 second'
     FROM (SELECT id, referring_organisation_id, row_number() OVER (ORDER BY created_at) rn FROM beneficiaries) b
     JOIN generate_series(0, 1) k ON k = 0 OR b.rn % 2 = 0,
          (SELECT array_agg(id ORDER BY name) ids FROM programmes) progs`,
    [PROGRAMMES],
  );
  for (const table of ['organisations', 'programmes', 'beneficiaries', 'referrals'])
    await q(`ANALYZE ${table}`);
  const org = await q(`SELECT id FROM organisations ORDER BY name OFFSET 3 LIMIT 1`);
  const programme = await q(`SELECT id FROM programmes WHERE owner_organisation_id = $1 LIMIT 1`, [
    org.rows[0].id,
  ]);
  return { organisationId: org.rows[0].id, programmeId: programme.rows[0].id };
}

const KINDS = ['surname', 'person', 'alphabetical', 'programmeStatus', 'waitingList', 'referralsByName'];

async function measure(
  database: Database,
): Promise<{ median: number; p95: number; byKind: Record<string, number> }> {
  const { organisationId, programmeId } = await seed(database);
  // A social worker of one organisation: every query goes through the visibility rules.
  const actor: Actor = {
    userId: null,
    isPlatformAdmin: false,
    memberships: new Map([[organisationId, 'social_worker']]),
    ip: null,
    locale: 'fr',
    via: 'system',
  };
  const times: number[] = [];
  const byKind: Record<string, number[]> = {};
  for (let i = 0; i < QUERIES; i++) {
    const n = 1 + ((i * 7919) % PEOPLE);
    const start = performance.now();
    switch (i % 6) {
      case 0: // a common surname, as typed
        await listBeneficiaries(database.db, actor, { q: LAST[i % 10] as string, limit: 50, sort: 'recent' });
        break;
      case 1: // one person, first and last name
        await listBeneficiaries(database.db, actor, {
          q: `${FIRST[n % 10]}${n % 97} ${LAST[Math.floor(n / 10) % 10]}${Math.floor(n / 97)}`,
          limit: 50,
          sort: 'name',
        });
        break;
      case 2: // the organisation's people in alphabetical order
        await listBeneficiaries(database.db, actor, { limit: 50, sort: 'name' });
        break;
      case 3: // the people referred to one programme, at one status
        await listBeneficiaries(database.db, actor, {
          programmeId,
          status: 'eligible',
          limit: 50,
          sort: 'recent',
        });
        break;
      case 4: // the programme's waiting list
        await listReferrals(database.db, actor, { programmeId, waiting: true, limit: 50 });
        break;
      default: // referrals searched by name
        await listReferrals(database.db, actor, { q: LAST[i % 10] as string, limit: 50 });
    }
    const elapsed = performance.now() - start;
    times.push(elapsed);
    const kind = KINDS[i % 6] as string;
    byKind[kind] = [...(byKind[kind] ?? []), elapsed];
  }
  return {
    median: percentile(times, 50),
    p95: percentile(times, 95),
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, percentile(v, 95)])),
  };
}

export async function peopleSearch(): Promise<BenchResult> {
  const pglite = await onEmbedded(measure);
  const details: Record<string, string | number> = {
    people: PEOPLE,
    referrals: Math.round(PEOPLE * 1.5),
    queries: QUERIES,
    pgliteMedianMs: pglite.median.toFixed(1),
    pgliteP95Ms: pglite.p95.toFixed(1),
    ...Object.fromEntries(Object.entries(pglite.byKind).map(([k, v]) => [`pgliteP95Ms.${k}`, v.toFixed(1)])),
  };
  const pg = await onServer(measure);
  if (pg) {
    details.postgresMedianMs = pg.median.toFixed(1);
    details.postgresP95Ms = pg.p95.toFixed(1);
    for (const [k, v] of Object.entries(pg.byKind)) details[`postgresP95Ms.${k}`] = v.toFixed(1);
  }
  return {
    name: `people lists, search and waiting list over ${PEOPLE} people`,
    comparison: pg ? 'PostgreSQL p95 / 50 ms' : 'PGlite p95 / 50 ms (set DATABASE_URL to measure PostgreSQL)',
    ratio: (pg ?? pglite).p95 / 50,
    target: 'below 1',
    details,
  };
}
