import { performance } from 'node:perf_hooks';
import type { Database } from '../src/db/connection.ts';
import { systemActor } from '../src/lib/actor.ts';
import { createDonation } from '../src/modules/inventory/donations.ts';
import { importDevices } from '../src/modules/inventory/import-devices.ts';
import { createOrganisation } from '../src/modules/organisations/organisations.ts';
import { onEmbedded, onServer } from './databases.ts';
import type { BenchResult } from './run.ts';

const ROWS = 10_000;

function csv(prefix: string): Buffer {
  const lines = ['type;marque;modèle;numéro de série;processeur;RAM (Go);stockage (Go);poids (kg)'];
  for (let i = 0; i < ROWS; i++)
    lines.push(`portable;Dell;Latitude 5490;${prefix}${i};Intel Core i5-8350U;8;256;1,6`);
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

async function measure(database: Database) {
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
  // Baseline: the same rows, already parsed, in a plain multi-row INSERT through the same driver.
  const baselineStart = performance.now();
  const client = await database.pool.connect();
  try {
    await client.query('BEGIN');
    for (let start = 0; start < ROWS; start += 1000) {
      const values: unknown[] = [];
      const tuples: string[] = [];
      for (let i = start; i < Math.min(ROWS, start + 1000); i++) {
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
    data: csv('IMP'),
    kind: 'csv',
  });
  const imported = performance.now() - importStart;
  if (!('created' in result) || result.created !== ROWS)
    throw new Error('the import did not create every row');
  return { baseline, imported };
}

/** Import of a 10,000-row CSV (parse, validate, check serials, insert devices and their events) vs a plain INSERT. */
export async function deviceImport(): Promise<BenchResult> {
  const pglite = await onEmbedded(measure);
  const details: Record<string, string | number> = {
    rows: ROWS,
    pgliteImportMs: pglite.imported.toFixed(0),
    pglitePlainInsertMs: pglite.baseline.toFixed(0),
  };
  const pg = await onServer(measure);
  if (pg) {
    details.postgresImportMs = pg.imported.toFixed(0);
    details.postgresPlainInsertMs = pg.baseline.toFixed(0);
    details.postgresRatio = (pg.imported / pg.baseline).toFixed(2);
  }
  return {
    name: `import of a ${ROWS}-row CSV`,
    comparison: 'import time / plain multi-row INSERT of the same rows (PGlite)',
    ratio: pglite.imported / pglite.baseline,
    target: 'at most 3',
    details,
  };
}
