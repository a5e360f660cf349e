import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, type FieldError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { findTakenSerials, insertDevices, ownerForImport } from './devices.ts';
import { type DeviceRowInput, parseDeviceFile } from './import/parse-device-file.ts';
import { loadDonation } from './visibility.ts';

export interface ImportInput {
  donationId: string;
  data: Buffer;
  kind: 'csv' | 'xlsx';
  /** Check only: parse, validate and look for serials already in stock, but write nothing. */
  dryRun?: boolean;
}

export interface ImportPreview {
  rows: number;
  preview: DeviceRowInput[];
  errors: FieldError[];
}

export interface ImportProgress {
  phase: 'reading' | 'saving';
  done: number;
  total: number;
}

const PREVIEW_ROWS = 10;

/**
 * Imports a whole batch from a CSV or XLSX file into a donation: every row or none, in one
 * transaction. Every problem of every row is reported at once, with the row number a spreadsheet shows.
 */
export async function importDevices(
  db: Executor,
  actor: Actor,
  input: ImportInput,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportPreview | { created: number }> {
  const donation = await loadDonation(db, actor, input.donationId);
  const owner = await ownerForImport(db, actor, donation.id);
  const parsed = await parseDeviceFile({ data: input.data, kind: input.kind }, (done, total) =>
    onProgress?.({ phase: 'reading', done, total }),
  );
  const errors: FieldError[] = parsed.errors.map((e) => ({
    path: e.path,
    messageKey: e.messageKey,
    params: e.params,
  }));
  const rowsWithParseErrors = new Set(errors.map((e) => rowOf(e.path)).filter((n) => n > 0)).size;
  const taken = await findTakenSerials(
    db,
    owner,
    parsed.rows.map((r) => r.values.serialNumber),
  );
  for (const { row, values } of parsed.rows) {
    if (values.serialNumber && taken.has(values.serialNumber.toLowerCase())) {
      errors.push({
        path: `row ${row}.serialNumber`,
        messageKey: 'inventory.serial_taken',
        params: { serialNumber: values.serialNumber },
      });
    }
  }
  errors.sort((a, b) => rowOf(a.path) - rowOf(b.path));
  if (input.dryRun) {
    return {
      rows: parsed.rows.length + rowsWithParseErrors,
      preview: parsed.rows.slice(0, PREVIEW_ROWS).map((r) => r.values),
      errors,
    };
  }
  if (errors.length > 0) {
    throw new AppError('INVALID_INPUT', 'errors.invalid_input', {
      params: { count: errors.length },
      fieldErrors: errors,
    });
  }
  const total = parsed.rows.length;
  return db.transaction(async (tx) => {
    const created = await insertDevices(
      tx,
      actor,
      owner,
      donation.id,
      parsed.rows.map((r) => r.values),
      (i) => `row ${parsed.rows[i]?.row}.serialNumber`,
      null,
      (done) => onProgress?.({ phase: 'saving', done, total }),
      // Checked above, outside the transaction; the unique index still guards against a race.
      true,
    );
    await recordAudit(tx, actor, {
      action: 'device.import',
      entityType: 'donation',
      entityId: donation.id,
      organisationId: owner,
    });
    return { created: created.length };
  });
}

function rowOf(path: string): number {
  const match = /^row (\d+)/.exec(path);
  return match ? Number(match[1]) : 0;
}
