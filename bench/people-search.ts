import { performance } from 'node:perf_hooks';
import type { Database } from '../src/db/connection.ts';
import type { Actor } from '../src/lib/actor.ts';
import { type BeneficiaryFilters, listBeneficiaries } from '../src/modules/programmes/beneficiaries.ts';
import { searchPattern } from '../src/modules/programmes/eligibility.ts';
import { listReferrals } from '../src/modules/programmes/referral-lists.ts';
import type { Bench, BenchLine, BenchOptions } from './format.ts';
import { dataBackends, percentile, regionDatabase, round } from './region.ts';

const QUERIES = 200;

/**
 * The people pages over the generated region (100,000 people with --full, 10,000 by default), as a social
 * worker of the prescriber following the most people: `listBeneficiaries` (visibility through the
 * referring organisation or a programme's owner, name search, programme and status filters, the page's
 * referral paths) against the same question written by hand as one statement, alternately; both must
 * return the same people in the same order with the same referrals. The referral lists (waiting list,
 * search by name) are timed too, without a hand-written baseline.
 */
export const peopleSearch: Bench = async (options: BenchOptions) => {
  const lines: BenchLine[] = [];
  for (const backend of dataBackends()) {
    const database = await regionDatabase(backend, options.scale);
    if (!database) continue;
    const m = await measure(database);
    const comparison = `listBeneficiaries vs one hand-written statement, ${m.searches} searches (surname, full name, alphabetical, programme and status) as a social worker of a prescriber (${m.own} of ${m.people} people its own)`;
    lines.push(
      {
        name: 'people-search-p50',
        backend,
        value: round(m.service.p50),
        unit: 'ms',
        baseline: round(m.direct.p50),
        ratio: round(m.service.p50 / m.direct.p50),
        target: '≤ 1.5',
        comparison,
      },
      {
        name: 'people-search-p95',
        backend,
        value: round(m.service.p95),
        unit: 'ms',
        baseline: round(m.direct.p95),
        ratio: round(m.service.p95 / m.direct.p95),
        target: backend === 'postgres' ? '≤ 1.5, and < 50 ms' : '≤ 1.5',
        comparison,
        correctness: {
          ok: m.mismatches.length === 0,
          detail:
            m.mismatches.length === 0
              ? `same people, order and referrals for all ${m.searches} searches`
              : `differs for: ${m.mismatches.slice(0, 5).join('; ')}`,
        },
      },
      {
        name: 'referral-list-p95',
        backend,
        value: round(m.referrals.p95),
        unit: 'ms',
        baseline: null,
        ratio: null,
        target: backend === 'postgres' ? '< 50 ms' : undefined,
        comparison: `listReferrals p95 (the programme's waiting list, referrals searched by surname), ${m.referralQueries} queries; no hand-written baseline`,
      },
    );
  }
  return lines;
};

interface Scene {
  actor: Actor;
  organisationId: string;
  programmeId: string;
  surnames: string[];
  names: string[];
}

async function scene(database: Database): Promise<Scene & { own: number; people: number }> {
  const q = database.pool;
  const org = await q.query<{ id: string; n: string; total: string }>(
    `SELECT referring_organisation_id id, count(*) n, sum(count(*)) OVER () total FROM beneficiaries GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
  );
  const { id: organisationId, n, total } = org.rows[0] as (typeof org.rows)[number];
  const programme = await q.query<{ id: string }>(
    `SELECT p.id FROM programmes p JOIN programme_partners pp ON pp.programme_id = p.id AND pp.organisation_id = $1
     WHERE p.starts_on = '2025-01-01' ORDER BY p.name LIMIT 1`,
    [organisationId],
  );
  const people = await q.query<{ first_name: string; last_name: string }>(
    `SELECT first_name, last_name FROM beneficiaries WHERE referring_organisation_id = $1 AND kind = 'person'
     ORDER BY md5(id::text) LIMIT 40`,
    [organisationId],
  );
  return {
    actor: {
      userId: null,
      isPlatformAdmin: false,
      memberships: new Map([[organisationId, 'social_worker']]),
      ip: null,
      locale: 'fr',
      via: 'system',
    },
    organisationId,
    programmeId: programme.rows[0]?.id as string,
    surnames: [...new Set(people.rows.map((p) => p.last_name))],
    names: people.rows.map((p) => `${p.first_name} ${p.last_name}`),
    own: Number(n),
    people: Number(total),
  };
}

function filtersFor(s: Scene, i: number): BeneficiaryFilters {
  switch (i % 5) {
    case 0:
      return { q: s.surnames[i % s.surnames.length] as string, limit: 50, sort: 'recent' };
    case 1:
      return { q: s.names[i % s.names.length] as string, limit: 50, sort: 'name' };
    case 2:
      return { limit: 50, sort: 'name' };
    case 3:
      return { programmeId: s.programmeId, status: 'eligible', limit: 50, sort: 'recent' };
    default:
      return { programmeId: s.programmeId, status: 'equipped', limit: 50, sort: 'name' };
  }
}

/** The same page written by hand: one statement, the person's visible referrals aggregated beside them. */
function directSql(s: Scene, f: BeneficiaryFilters): { text: string; values: unknown[] } {
  const values: unknown[] = [[s.organisationId]];
  const where = [
    `(b.referring_organisation_id = ANY($1) OR EXISTS (SELECT 1 FROM referrals r JOIN programmes p ON p.id = r.programme_id
       WHERE r.beneficiary_id = b.id AND p.owner_organisation_id = ANY($1)))`,
    'b.anonymised_at IS NULL',
    'b.merged_into_id IS NULL',
  ];
  for (const word of (f.q ?? '').split(/\s+/).filter(Boolean)) {
    values.push(searchPattern(word));
    where.push(`b.search_key LIKE $${values.length}`);
  }
  if (f.programmeId || f.status) {
    const inner = [
      'r.beneficiary_id = b.id',
      '(r.referring_organisation_id = ANY($1) OR p.owner_organisation_id = ANY($1))',
    ];
    if (f.programmeId) {
      values.push(f.programmeId);
      inner.push(`r.programme_id = $${values.length}`);
    }
    if (f.status) {
      values.push(f.status);
      inner.push(`r.status = $${values.length}`);
    }
    where.push(
      `EXISTS (SELECT 1 FROM referrals r JOIN programmes p ON p.id = r.programme_id WHERE ${inner.join(' AND ')})`,
    );
  }
  const order = f.sort === 'name' ? 'search_key, id' : 'created_at DESC, id DESC';
  return {
    text: `WITH page AS (
             SELECT b.*, o.name AS organisation_name FROM beneficiaries b
             JOIN organisations o ON o.id = b.referring_organisation_id
             WHERE ${where.join(' AND ')} ORDER BY b.${order.replace(', id', ', b.id')} LIMIT ${f.limit + 1})
           SELECT page.id, (SELECT json_agg(r.id ORDER BY r.referred_on DESC) FROM referrals r
                            JOIN programmes p ON p.id = r.programme_id
                            WHERE r.beneficiary_id = page.id
                              AND (r.referring_organisation_id = ANY($1) OR p.owner_organisation_id = ANY($1))) AS referrals
           FROM page ORDER BY ${order}`,
    values,
  };
}

async function measure(database: Database) {
  const s = await scene(database);
  for (let i = 0; i < 5; i++) {
    await listBeneficiaries(database.db, s.actor, filtersFor(s, i));
    const d = directSql(s, filtersFor(s, i));
    await database.pool.query(d.text, d.values);
  }
  const service: number[] = [];
  const direct: number[] = [];
  const mismatches: string[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const f = filtersFor(s, i);
    let start = performance.now();
    const page = await listBeneficiaries(database.db, s.actor, f);
    service.push(performance.now() - start);
    const d = directSql(s, f);
    start = performance.now();
    const rows = await database.pool.query<{ id: string; referrals: string[] | null }>(d.text, d.values);
    direct.push(performance.now() - start);
    const expected = rows.rows
      .slice(0, f.limit)
      .map((r) => `${r.id}:${[...(r.referrals ?? [])].sort().join('+')}`)
      .join();
    const got = page.items
      .map(
        (p) =>
          `${p.id}:${p.referrals
            .map((r) => r.id)
            .sort()
            .join('+')}`,
      )
      .join();
    if (expected !== got && mismatches.length < 20) mismatches.push(`${JSON.stringify(f)}`);
  }
  const referralTimes: number[] = [];
  const referralQueries = 60;
  for (let i = 0; i < referralQueries; i++) {
    const start = performance.now();
    if (i % 2 === 0)
      await listReferrals(database.db, s.actor, { programmeId: s.programmeId, waiting: true, limit: 50 });
    else
      await listReferrals(database.db, s.actor, {
        q: s.surnames[i % s.surnames.length] as string,
        limit: 50,
      });
    referralTimes.push(performance.now() - start);
  }
  return {
    searches: QUERIES,
    own: s.own,
    people: s.people,
    service: { p50: percentile(service, 50), p95: percentile(service, 95) },
    direct: { p50: percentile(direct, 50), p95: percentile(direct, 95) },
    referrals: { p95: percentile(referralTimes, 95) },
    referralQueries,
    mismatches,
  };
}
