import { performance } from 'node:perf_hooks';
import type { Database } from '../src/db/connection.ts';
import type { Actor } from '../src/lib/actor.ts';
import { type DeviceFilters, listDevices, parseAssetTag } from '../src/modules/inventory/devices.ts';
import type { Bench, BenchLine, BenchOptions } from './format.ts';
import { dataBackends, percentile, regionDatabase, round } from './region.ts';

const QUERIES = 240;

/**
 * The stock page's search over the generated region (200,000 devices with --full, 20,000 by default), as
 * a technician of the largest refurbisher: `listDevices` (visibility, filters, cursor page) against the
 * same SQL written by hand and sent directly, query by query, alternately; both must return the same
 * devices in the same order.
 */
export const stockSearch: Bench = async (options: BenchOptions) => {
  const lines: BenchLine[] = [];
  for (const backend of dataBackends()) {
    const database = await regionDatabase(backend, options.scale);
    if (!database) continue;
    const m = await measure(database);
    const pg = backend === 'postgres';
    const comparison = `listDevices vs the same SQL sent directly, ${QUERIES} searches (tag, number, model, serial, filters, sort) as a technician of the largest refurbisher over ${m.devices} devices (${m.orgDevices} its own)`;
    const correctness = {
      ok: m.mismatches.length === 0,
      detail:
        m.mismatches.length === 0
          ? `same devices, same order for all ${QUERIES} searches`
          : `differs for: ${m.mismatches.slice(0, 5).join('; ')}`,
    };
    lines.push(
      {
        name: 'device-search-p50',
        backend,
        value: round(m.service.p50),
        unit: 'ms',
        baseline: round(m.direct.p50),
        ratio: round(m.service.p50 / m.direct.p50),
        target: '≤ 1.5',
        comparison,
      },
      {
        name: 'device-search-p95',
        backend,
        value: round(m.service.p95),
        unit: 'ms',
        baseline: round(m.direct.p95),
        ratio: round(m.service.p95 / m.direct.p95),
        target: pg ? '≤ 1.5, and < 50 ms' : '≤ 1.5',
        comparison,
        correctness,
      },
    );
  }
  return lines;
};

interface Search {
  label: string;
  filters: DeviceFilters;
}

async function searches(database: Database, organisationId: string): Promise<Search[]> {
  const sample = await database.pool.query<{ tag_number: string; serial_number: string; model: string }>(
    `SELECT tag_number, serial_number, model FROM devices WHERE organisation_id = $1 AND serial_number IS NOT NULL
     ORDER BY md5(tag_number::text) LIMIT 40`,
    [organisationId],
  );
  const rows = sample.rows;
  const list: Search[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const row = rows[i % rows.length] as (typeof rows)[number];
    const base = { organisationId, limit: 50 };
    switch (i % 8) {
      case 0:
        list.push({
          label: 'asset tag',
          filters: { ...base, q: `SV-${String(row.tag_number).padStart(6, '0')}` },
        });
        break;
      case 1:
        list.push({ label: 'tag number', filters: { ...base, q: String(row.tag_number) } });
        break;
      case 2:
        list.push({ label: 'serial', filters: { ...base, q: row.serial_number } });
        break;
      case 3:
        list.push({
          label: 'model word',
          filters: { ...base, q: (row.model.split(' ')[0] as string).toLowerCase() },
        });
        break;
      case 4:
        list.push({ label: 'ready laptops', filters: { ...base, status: ['ready'], type: ['laptop'] } });
        break;
      case 5:
        list.push({
          label: 'model and status',
          filters: { ...base, q: 'thinkpad t4', status: ['ready', 'refurbishing'] },
        });
        break;
      case 6:
        list.push({ label: 'newest first', filters: { ...base, sort: '-assetTag' } });
        break;
      default:
        list.push({
          label: 'grade B desktops',
          filters: { ...base, type: ['desktop'], grade: ['B'], status: ['ready'] },
        });
    }
  }
  return list;
}

/** The hand-written SQL of one search: what a careful person would send for the same page. */
function directSql(f: DeviceFilters): { text: string; values: unknown[] } {
  const values: unknown[] = [f.organisationId];
  const where = ['organisation_id = $1'];
  const add = (condition: (n: number) => string, value: unknown) => {
    values.push(value);
    where.push(condition(values.length));
  };
  if (f.status?.length) add((n) => `status = ANY($${n})`, f.status);
  if (f.type?.length) add((n) => `type = ANY($${n})`, f.type);
  if (f.grade?.length) add((n) => `grade = ANY($${n})`, f.grade);
  const q = f.q?.trim();
  if (q) {
    const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const text = `lower(coalesce(brand, '') || ' ' || coalesce(model, '') || ' ' || coalesce(serial_number, '')) LIKE`;
    const tag = parseAssetTag(q);
    values.push(pattern);
    if (tag === null) where.push(`${text} $${values.length}`);
    else {
      values.push(tag);
      where.push(`(tag_number = $${values.length} OR ${text} $${values.length - 1})`);
    }
  }
  const order = f.sort === '-assetTag' ? 'DESC' : 'ASC';
  return {
    text: `SELECT * FROM devices WHERE ${where.join(' AND ')} ORDER BY tag_number ${order} LIMIT ${f.limit + 1}`,
    values,
  };
}

async function measure(database: Database) {
  const org = await database.pool.query<{ organisation_id: string; n: string; total: string }>(
    `SELECT organisation_id, count(*) n, sum(count(*)) OVER () total FROM devices GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
  );
  const { organisation_id: organisationId, n, total } = org.rows[0] as (typeof org.rows)[number];
  const actor: Actor = {
    userId: null,
    isPlatformAdmin: false,
    memberships: new Map([[organisationId, 'technician']]),
    ip: null,
    locale: 'fr',
    via: 'system',
  };
  const list = await searches(database, organisationId);
  // Warm both paths once.
  for (const s of list.slice(0, 8)) {
    await listDevices(database.db, actor, s.filters);
    const d = directSql(s.filters);
    await database.pool.query(d.text, d.values);
  }
  const service: number[] = [];
  const direct: number[] = [];
  const mismatches: string[] = [];
  for (const s of list) {
    let start = performance.now();
    const page = await listDevices(database.db, actor, s.filters);
    service.push(performance.now() - start);
    const d = directSql(s.filters);
    start = performance.now();
    const rows = await database.pool.query<{ id: string }>(d.text, d.values);
    direct.push(performance.now() - start);
    const expected = rows.rows.slice(0, s.filters.limit).map((r) => r.id);
    const got = page.items.map((item) => item.id);
    if (expected.join() !== got.join() && mismatches.length < 20)
      mismatches.push(`${s.label} "${s.filters.q ?? ''}"`);
  }
  return {
    devices: Number(total),
    orgDevices: Number(n),
    service: { p50: percentile(service, 50), p95: percentile(service, 95) },
    direct: { p50: percentile(direct, 50), p95: percentile(direct, 95) },
    mismatches,
  };
}
