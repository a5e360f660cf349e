import { stringify } from 'csv-stringify/sync';
import { and, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { type Actor, actingOrganisationId } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { AppError, type FieldError } from '../../lib/errors.ts';
import { impactOf } from '../../lib/impact.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { csvRows } from '../../lib/spreadsheet-safety.ts';
import { recordAudit } from '../audit/service.ts';
import { organisations } from '../organisations/schema.ts';
import { inventoryPermissions } from './permissions.ts';
import { deviceEvents, devices, recyclingBatches } from './schema.ts';

/** Discarded electrical and electronic equipment, non-hazardous (European waste list). */
export const DEFAULT_WASTE_CODE = '16 02 14';

export interface RecyclingBatchInput {
  organisationId?: string;
  shippedOn?: string;
  recyclerName: string;
  recyclerSiret?: string;
  ecoOrganisme?: string;
  ecoOrganismeSiren?: string;
  trackingNumber?: string;
  wasteCode?: string;
  weightKg?: number;
  note?: string;
  deviceIds: string[];
}

export type RecyclingBatch = typeof recyclingBatches.$inferSelect;

/**
 * Sends devices marked `to_recycle` to a recycler: one batch, every device `recycled`, each with its
 * event, in one transaction. Without a weighed total, the devices' weights (or their category's
 * typical weight) are added up.
 */
export async function createRecyclingBatch(
  db: Executor,
  actor: Actor,
  input: RecyclingBatchInput,
): Promise<RecyclingBatch> {
  const organisationId = actingOrganisationId(actor, input.organisationId, 'organisationId');
  inventoryPermissions.authorize(actor, 'device.write', organisationId);
  const ids = [...new Set(input.deviceIds)];
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(devices)
      .where(and(inArray(devices.id, ids), eq(devices.organisationId, organisationId)))
      .for('update');
    const byId = new Map(rows.map((r) => [r.id, r]));
    const errors: FieldError[] = [];
    ids.forEach((id, index) => {
      const row = byId.get(id);
      if (!row) errors.push({ path: `deviceIds.${index}`, messageKey: 'errors.not_found' });
      else if (row.status !== 'to_recycle') {
        errors.push({
          path: `deviceIds.${index}`,
          messageKey: 'inventory.not_to_recycle',
          params: { assetTag: row.assetTag, status: row.status },
        });
      }
    });
    if (errors.length > 0) {
      throw new AppError(
        errors.some((e) => e.messageKey === 'errors.not_found') ? 'NOT_FOUND' : 'CONFLICT',
        'inventory.bulk_refused',
        {
          params: { count: errors.length },
          fieldErrors: errors,
        },
      );
    }
    const weightKg =
      input.weightKg ?? Math.round(rows.reduce((sum, r) => sum + impactOf(r).weeeAvoidedKg, 0) * 10) / 10;
    const [batch] = await tx
      .insert(recyclingBatches)
      .values({
        organisationId,
        shippedOn: input.shippedOn ?? today(),
        recyclerName: input.recyclerName,
        recyclerSiret: input.recyclerSiret,
        ecoOrganisme: input.ecoOrganisme,
        ecoOrganismeSiren: input.ecoOrganismeSiren,
        trackingNumber: input.trackingNumber,
        wasteCode: input.wasteCode ?? DEFAULT_WASTE_CODE,
        weightKg,
        deviceCount: rows.length,
        note: input.note,
        createdByUserId: actor.userId,
      })
      .returning();
    if (!batch) throw new Error('insert returned no row');
    await tx
      .update(devices)
      .set({ status: 'recycled', recyclingBatchId: batch.id, updatedAt: sql`now()` })
      .where(and(inArray(devices.id, ids), eq(devices.status, 'to_recycle')));
    await tx.insert(deviceEvents).values(
      rows.map((r) => ({
        deviceId: r.id,
        organisationId,
        actorUserId: actor.userId,
        kind: 'status' as const,
        fromStatus: 'to_recycle' as const,
        toStatus: 'recycled' as const,
        note: `${input.recyclerName}${input.trackingNumber ? ` — ${input.trackingNumber}` : ''}`,
      })),
    );
    await recordAudit(tx, actor, {
      action: 'recycling_batch.create',
      entityType: 'recycling_batch',
      entityId: batch.id,
      organisationId,
      fields: Object.keys(input),
    });
    return batch;
  });
}

export interface RegisterFilters {
  organisationId?: string;
  from?: string;
  to?: string;
}

/** A page of an organisation's recycling batches, newest first. */
export async function pageRecyclingBatches(
  db: Executor,
  actor: Actor,
  filters: RegisterFilters & { limit: number; cursor?: string },
): Promise<Page<RecyclingBatch>> {
  const organisationId = actingOrganisationId(actor, filters.organisationId, 'organisationId');
  inventoryPermissions.authorize(actor, 'device.read', organisationId);
  const after = decodeCursor(filters.cursor, ['date', 'instant', 'uuid']);
  const rows = await db
    .select({ row: recyclingBatches, createdKey: sql<string>`${recyclingBatches.createdAt}::text` })
    .from(recyclingBatches)
    .where(
      and(
        eq(recyclingBatches.organisationId, organisationId),
        filters.from ? gte(recyclingBatches.shippedOn, filters.from) : undefined,
        filters.to ? lte(recyclingBatches.shippedOn, filters.to) : undefined,
        after
          ? sql`(${recyclingBatches.shippedOn}, ${recyclingBatches.createdAt}, ${recyclingBatches.id}) < (${after[0]}::date, ${after[1]}::timestamptz, ${after[2]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(recyclingBatches.shippedOn), desc(recyclingBatches.createdAt), desc(recyclingBatches.id))
    .limit(filters.limit + 1);
  const page = toPage(rows, filters.limit, (r) => [r.row.shippedOn, r.createdKey, r.row.id]);
  return { items: page.items.map((r) => r.row), nextCursor: page.nextCursor };
}

/** An organisation's recycling batches, newest first (all of them: the register's lines). */
export async function listRecyclingBatches(
  db: Executor,
  actor: Actor,
  filters: RegisterFilters,
): Promise<RecyclingBatch[]> {
  const organisationId = actingOrganisationId(actor, filters.organisationId, 'organisationId');
  inventoryPermissions.authorize(actor, 'device.read', organisationId);
  const conditions: (SQL | undefined)[] = [eq(recyclingBatches.organisationId, organisationId)];
  if (filters.from) conditions.push(gte(recyclingBatches.shippedOn, filters.from));
  if (filters.to) conditions.push(lte(recyclingBatches.shippedOn, filters.to));
  return db
    .select()
    .from(recyclingBatches)
    .where(and(...conditions))
    .orderBy(desc(recyclingBatches.shippedOn), desc(recyclingBatches.createdAt));
}

const REGISTER_HEADERS = {
  fr: [
    'Date',
    'Dénomination du déchet',
    'Code déchet',
    'Quantité (kg)',
    "Nombre d'appareils",
    'N° de bordereau de suivi',
    'Destinataire',
    'SIRET du destinataire',
    'Éco-organisme',
    "SIREN de l'éco-organisme",
    'Producteur',
    'SIRET du producteur',
  ],
  en: [
    'Date',
    'Waste',
    'Waste code',
    'Quantity (kg)',
    'Devices',
    'Tracking-form number',
    'Recipient',
    'Recipient SIRET',
    'Éco-organisme',
    'Éco-organisme SIREN',
    'Producer',
    'Producer SIRET',
  ],
} as const;

const WASTE_NAME = {
  fr: 'Équipements électriques et électroniques hors d’usage (DEEE)',
  en: 'Waste electrical and electronic equipment (WEEE)',
};

/**
 * The chronological waste register (Code de l'environnement R541-43): one line per batch, oldest first,
 * as CSV for French spreadsheets (UTF-8 with BOM, semicolons).
 */
export async function exportWasteRegister(
  db: Executor,
  actor: Actor,
  filters: RegisterFilters,
  locale: 'fr' | 'en',
): Promise<string> {
  const batches = (await listRecyclingBatches(db, actor, filters)).sort((a, b) =>
    a.shippedOn.localeCompare(b.shippedOn),
  );
  const [producer] = batches[0]
    ? await db.select().from(organisations).where(eq(organisations.id, batches[0].organisationId))
    : [undefined];
  const rows = batches.map((b) => [
    b.shippedOn,
    WASTE_NAME[locale],
    b.wasteCode,
    String(b.weightKg).replace('.', locale === 'fr' ? ',' : '.'),
    String(b.deviceCount),
    b.trackingNumber ?? '',
    b.recyclerName,
    b.recyclerSiret ?? '',
    b.ecoOrganisme ?? '',
    b.ecoOrganismeSiren ?? '',
    producer?.name ?? '',
    producer?.siret ?? '',
  ]);
  // A recycler's name typed as =HYPERLINK(…) must not run as a formula in a spreadsheet.
  return `\uFEFF${stringify([[...REGISTER_HEADERS[locale]], ...csvRows(rows)], { delimiter: ';' })}`;
}
