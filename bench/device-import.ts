import { performance } from 'node:perf_hooks';
import type { Database } from '../src/db/connection.ts';
import { systemActor } from '../src/lib/actor.ts';
import { createDonation } from '../src/modules/inventory/donations.ts';
import { importDevices } from '../src/modules/inventory/import-devices.ts';
import { createOrganisation } from '../src/modules/organisations/organisations.ts';
import { onEmbedded, onServer } from './databases.ts';
import type { Backend, Bench, BenchLine } from './format.ts';

function csv(prefix: string, rows: number): Buffer {
  const lines = ['type;marque;modèle;numéro de série;processeur;RAM (Go);stockage (Go);poids (kg)'];
  for (let i = 0; i < rows; i++)
    lines.push(`portable;Dell;Latitude 5490;${prefix}${i};Intel Core i5-8350U;8;256;1,6`);
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

async function measure(database: Database, rows: number) {
  const actor = systemActor();
  const donor = await createOrganisation(database.db, actor, { name: 'Bench donor', kinds: ['donor'] });
  const refurbisher = await createOrganisation(database.db, actor, {
    name: 'Bench refurbisher',
    kinds: ['refurbisher'],
  });
  const donation = await createDonation(database.db, actor, {
    donorOrganisationId: donor.id,
    refurbisherOrganisationId: refurbisher.id,
  });
  // Baseline: the same rows, already parsed, in a plain multi-row INSERT through the same driver, in one
  // transaction, batches of 1,000 — what a hand-written loader would do, with no validation or history.
  const baselineStart = performance.now();
  const client = await database.pool.connect();
  try {
    await client.query('BEGIN');
    for (let start = 0; start < rows; start += 1000) {
      const values: unknown[] = [];
      const tuples: string[] = [];
      for (let i = start; i < Math.min(rows, start + 1000); i++) {
        const p = values.length;
        tuples.push(
          `($${p + 1}, $${p + 2}, $${p + 3}, 'laptop', 'Dell', 'Latitude 5490', $${p + 4}, 'Intel Core i5-8350U', 8, 256, 1.6)`,
        );
        values.push(1_000_000 + i, `SV-B${i}`, refurbisher.id, `BASE${i}`);
      }
      await client.query(
        `INSERT INTO devices (tag_number, asset_tag, organisation_id, type, brand, model, serial_number, cpu, ram_gb, storage_gb, weight_kg) VALUES ${tuples.join(',')}`,
        values,
      );
    }
    await client.query('COMMIT');
  } finally {
    client.release();
  }
  const baseline = performance.now() - baselineStart;
  const importStart = performance.now();
  const result = await importDevices(database.db, actor, {
    donationId: donation.id,
    data: csv('IMP', rows),
    kind: 'csv',
  });
  const imported = performance.now() - importStart;
  const created = 'created' in result ? result.created : 0;
  const counted = await database.pool.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM devices WHERE serial_number LIKE 'IMP%'`,
  );
  return { baseline, imported, created, stored: Number(counted.rows[0]?.n ?? 0) };
}

function line(backend: Backend, rows: number, figures: Awaited<ReturnType<typeof measure>>): BenchLine {
  const ok = figures.created === rows && figures.stored === rows;
  return {
    name: 'device-import',
    backend,
    value: figures.imported,
    unit: 'ms',
    baseline: figures.baseline,
    ratio: figures.imported / figures.baseline,
    target: '≤ 3',
    comparison: `CSV import of ${rows} devices (parse, validate, check serials, insert devices and their events) / a plain multi-row INSERT of the same ${rows} rows`,
    correctness: {
      ok,
      detail: ok
        ? `${rows} devices created and stored`
        : `expected ${rows}, import reported ${figures.created}, ${figures.stored} stored`,
    },
  };
}

/**
 * Import of a 10,000-row CSV vs a plain multi-row INSERT, on both backends. The same size at both scales:
 * it takes ~20 s for both, and fewer rows let fixed costs inflate the ratio (2,000 rows: ~3× on PostgreSQL).
 */
export const deviceImport: Bench = async () => {
  const rows = 10_000;
  const lines = [line('pglite', rows, await onEmbedded((database) => measure(database, rows)))];
  const server = await onServer((database) => measure(database, rows));
  if (server) lines.push(line('postgres', rows, server));
  return lines;
};
