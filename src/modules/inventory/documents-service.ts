import { createHash } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { Locale } from '../../lib/messages.ts';
import { organisations } from '../organisations/schema.ts';
import { type BatchSummaryDevice, renderBatchSummary } from './documents/batch-summary.ts';
import { formatCapacity } from './documents/common.ts';
import { renderErasureCertificate } from './documents/erasure-certificate.ts';
import { type LabelLayoutName, renderLabels } from './documents/labels.ts';
import { assignCertificateNumber } from './erasures.ts';
import { erasureAllowsReady } from './lifecycle.ts';
import { inventoryPermissions } from './permissions.ts';
import { devices, donations, erasures } from './schema.ts';
import { type DeviceRow, loadDevice, loadDonation } from './visibility.ts';

type ErasureRow = typeof erasures.$inferSelect;

/** The web page of a device: what QR codes on labels and certificates point to. */
export function deviceUrl(publicUrl: string, deviceId: string): string {
  return `${publicUrl}/appareils/${deviceId}`;
}

/**
 * A fingerprint of the erasure record as certified: anyone holding a copy of the certificate can ask
 * the refurbisher to recompute it from the records, which are append-only.
 */
export function erasureRecordHash(
  certificateNumber: string,
  device: DeviceRow,
  records: ErasureRow[],
): string {
  const canonical = JSON.stringify({
    certificateNumber,
    organisationId: device.organisationId,
    device: {
      id: device.id,
      assetTag: device.assetTag,
      type: device.type,
      brand: device.brand,
      model: device.model,
      serialNumber: device.serialNumber,
      storageGb: device.storageGb,
    },
    erasures: records.map((e) => ({
      id: e.id,
      diskSerial: e.diskSerial,
      method: e.method,
      level: e.level,
      tool: e.tool,
      toolVersion: e.toolVersion,
      passes: e.passes,
      verified: e.verified,
      result: e.result,
      performedAt: e.performedAt.toISOString(),
    })),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/** The device's erasure outcome: failed while any disk's latest erasure failed; null before any. */
export function erasureSummary(
  device: DeviceRow,
  records: Pick<ErasureRow, 'diskSerial' | 'result' | 'performedAt'>[],
) {
  if (records.length === 0) return null;
  return {
    result: erasureAllowsReady(records) ? ('passed' as const) : ('failed' as const),
    certificateNumber: device.certificateNumber,
  };
}

async function organisationName(db: Executor, id: string | null | undefined) {
  if (!id) return null;
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row ?? null;
}

/** The erasure certificate of one device (all its disks on one page), as PDF. */
export async function erasureCertificatePdf(
  db: Executor,
  actor: Actor,
  deviceId: string,
  locale: Locale,
  publicUrl: string,
): Promise<{ pdf: Buffer; filename: string }> {
  let device = await loadDevice(db, actor, deviceId);
  const records = await db
    .select()
    .from(erasures)
    .where(eq(erasures.deviceId, device.id))
    .orderBy(asc(erasures.performedAt));
  if (records.length === 0 && device.storageGb !== 0) {
    throw new AppError('CONFLICT', 'inventory.no_certificate_yet', { params: { assetTag: device.assetTag } });
  }
  if (!device.certificateNumber) {
    // A device received without storage still gets its certificate ("no storage medium received"),
    // numbered by someone who records erasures: numbers are gapless and count for the organisation.
    if (!inventoryPermissions.can(actor, 'erasure.record', device.organisationId)) {
      throw new AppError('CONFLICT', 'inventory.no_certificate_yet', {
        params: { assetTag: device.assetTag },
      });
    }
    device = await assignCertificateNumber(db, device);
  }
  const certificateNumber = device.certificateNumber as string;
  const organisation = await organisationName(db, device.organisationId);
  const donation = device.donationId
    ? (await db.select().from(donations).where(eq(donations.id, device.donationId)))[0]
    : undefined;
  const donor = await organisationName(db, donation?.donorOrganisationId);
  const pdf = await renderErasureCertificate({
    locale,
    certificateNumber,
    issuedAt: new Date(),
    recordHash: erasureRecordHash(certificateNumber, device, records),
    verifyUrl: deviceUrl(publicUrl, device.id),
    organisation: {
      name: organisation?.name ?? '',
      siret: organisation?.siret ?? null,
      postcode: organisation?.postcode ?? null,
      city: organisation?.city ?? null,
    },
    donor: donor ? { name: donor.name } : null,
    device,
    erasures: records,
  });
  return { pdf, filename: `${certificateNumber}.pdf` };
}

/** QR-code labels for the chosen devices (A4 sheets of 3×8, or a 62 mm roll). */
export async function labelsPdf(
  db: Executor,
  actor: Actor,
  ids: string[],
  layout: LabelLayoutName,
  locale: Locale,
  publicUrl: string,
  skip = 0,
): Promise<Buffer> {
  const unique = [...new Set(ids)];
  const rows = await db.select().from(devices).where(inArray(devices.id, unique));
  const visible = new Map(
    rows
      .filter((r) => inventoryPermissions.can(actor, 'device.read', r.organisationId))
      .map((r) => [r.id, r]),
  );
  if (visible.size !== unique.length) throw notFound('device');
  return renderLabels({
    locale,
    layout,
    skip,
    labels: unique.map((id) => {
      const d = visible.get(id) as DeviceRow;
      return {
        assetTag: d.assetTag,
        type: d.type,
        brandModel: [d.brand, d.model].filter(Boolean).join(' ') || null,
        ram: d.ramGb ? formatCapacity(locale, d.ramGb) : null,
        storage: d.storageGb
          ? [d.storageType?.toUpperCase(), formatCapacity(locale, d.storageGb)].filter(Boolean).join(' ')
          : null,
        grade: d.grade,
        url: deviceUrl(publicUrl, d.id),
      };
    }),
  });
}

/** Every device of a donation with its erasure outcome, for the batch summary and the donor report. */
export async function donationDevices(db: Executor, donationId: string) {
  const rows = await db
    .select()
    .from(devices)
    .where(eq(devices.donationId, donationId))
    .orderBy(asc(devices.tagNumber));
  const records = rows.length
    ? await db
        .select({
          deviceId: erasures.deviceId,
          diskSerial: erasures.diskSerial,
          result: erasures.result,
          performedAt: erasures.performedAt,
        })
        .from(erasures)
        .where(
          inArray(
            erasures.deviceId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  const byDevice = new Map<string, typeof records>();
  for (const r of records) byDevice.set(r.deviceId, [...(byDevice.get(r.deviceId) ?? []), r]);
  return rows.map((device) => ({ device, erasure: erasureSummary(device, byDevice.get(device.id) ?? []) }));
}

/** The one-page summary of a donation's erasures, for the donor and the refurbisher. */
export async function batchSummaryPdf(
  db: Executor,
  actor: Actor,
  donationId: string,
  locale: Locale,
): Promise<Buffer> {
  const donation = await loadDonation(db, actor, donationId);
  const [donor, refurbisher] = await Promise.all([
    organisationName(db, donation.donorOrganisationId),
    organisationName(db, donation.refurbisherOrganisationId),
  ]);
  const list: BatchSummaryDevice[] = (await donationDevices(db, donation.id)).map(({ device, erasure }) => ({
    ...device,
    erasure,
  }));
  return renderBatchSummary({
    locale,
    generatedAt: new Date(),
    donation: { ...donation, donorName: donor?.name ?? null, refurbisherName: refurbisher?.name ?? '' },
    devices: list,
  });
}
