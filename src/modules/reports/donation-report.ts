import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { sumImpact } from '../../lib/impact.ts';
import type { Locale } from '../../lib/messages.ts';
import { allocations } from '../distribution/schema.ts';
import {
  type DeviceFate,
  type DonorReportData,
  renderDonorReportCsv,
  renderDonorReportPdf,
} from '../inventory/documents/donor-report.ts';
import { donationDevices } from '../inventory/documents-service.ts';
import type { DeviceStatus } from '../inventory/lifecycle.ts';
import { loadDonation } from '../inventory/visibility.ts';
import { organisations } from '../organisations/schema.ts';
import { programmes } from '../programmes/schema.ts';

/**
 * The donor's traceability report: every device of a donation, its erasure and its fate — never the
 * identity of the person who received it (nothing here reads beneficiaries).
 */
export interface DonationReport {
  donation: {
    id: string;
    receivedOn: string;
    donorOrganisationId: string;
    donorName: string;
    refurbisherOrganisationId: string;
    refurbisherName: string;
    declaredCount: number | null;
    note: string | null;
  };
  devices: {
    id: string;
    assetTag: string;
    type: DonorReportData['devices'][number]['type'];
    status: DeviceStatus;
    weightKg: number | null;
    erasure: { result: 'passed' | 'failed'; certificateNumber: string | null } | null;
    fate: { programmeId: string; programmeName: string; mode: 'sale' | 'loan' | 'donation' } | null;
  }[];
  summary: {
    received: number;
    reused: number;
    recycled: number;
    inStock: number;
    lost: number;
    co2eAvoidedKg: number;
    weeeAvoidedKg: number;
  };
}

function fateKind(status: string, fate: DonationReport['devices'][number]['fate']): DeviceFate {
  // Where it ended counts: a lent device that came back and was recycled (or lost) is not reused.
  if (status === 'recycled') return { kind: 'recycled' };
  if (status === 'lost') return { kind: 'lost' };
  if (fate) return { kind: 'reused', programmeName: fate.programmeName, mode: fate.mode };
  return { kind: 'in_stock' };
}

/** Builds the report for the donor's or the refurbisher's members (404 for anyone else). */
export async function donationReport(
  db: Executor,
  actor: Actor,
  donationId: string,
): Promise<DonationReport> {
  const donation = await loadDonation(db, actor, donationId);
  const names = new Map(
    (
      await db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(eq(organisations.id, donation.donorOrganisationId))
    )
      .concat(
        await db
          .select({ id: organisations.id, name: organisations.name })
          .from(organisations)
          .where(eq(organisations.id, donation.refurbisherOrganisationId)),
      )
      .map((o) => [o.id, o.name]),
  );
  const listed = await donationDevices(db, donation.id);
  // Where each device went: the programme of its latest handover (never the person it went to).
  const handovers =
    listed.length === 0
      ? []
      : await db
          .selectDistinctOn([allocations.deviceId], {
            deviceId: allocations.deviceId,
            programmeId: programmes.id,
            programmeName: programmes.name,
            mode: programmes.mode,
          })
          .from(allocations)
          .innerJoin(programmes, eq(programmes.id, allocations.programmeId))
          .where(
            and(
              inArray(
                allocations.deviceId,
                listed.map((d) => d.device.id),
              ),
              eq(allocations.status, 'handed_over'),
            ),
          )
          .orderBy(allocations.deviceId, desc(allocations.handedOverOn), desc(allocations.createdAt));
  const fates = new Map(handovers.map(({ deviceId, ...fate }) => [deviceId, fate]));
  const devices = listed.map(({ device, erasure }) => ({
    id: device.id,
    assetTag: device.assetTag,
    type: device.type,
    status: device.status,
    weightKg: device.weightKg,
    erasure,
    fate: fates.get(device.id) ?? null,
  }));
  const kinds = devices.map((d) => fateKind(d.status, d.fate).kind);
  const reused = devices.filter((_, i) => kinds[i] === 'reused');
  const impact = sumImpact(reused);
  return {
    donation: {
      id: donation.id,
      receivedOn: donation.receivedOn,
      donorOrganisationId: donation.donorOrganisationId,
      donorName: names.get(donation.donorOrganisationId) ?? '',
      refurbisherOrganisationId: donation.refurbisherOrganisationId,
      refurbisherName: names.get(donation.refurbisherOrganisationId) ?? '',
      declaredCount: donation.declaredCount,
      note: donation.note,
    },
    devices,
    summary: {
      received: devices.length,
      reused: reused.length,
      recycled: kinds.filter((k) => k === 'recycled').length,
      inStock: kinds.filter((k) => k === 'in_stock').length,
      lost: kinds.filter((k) => k === 'lost').length,
      co2eAvoidedKg: impact.co2eAvoidedKg,
      weeeAvoidedKg: impact.weeeAvoidedKg,
    },
  };
}

function toDocumentData(report: DonationReport, locale: Locale): DonorReportData {
  return {
    locale,
    generatedAt: new Date(),
    donation: report.donation,
    devices: report.devices.map((d) => ({
      assetTag: d.assetTag,
      type: d.type,
      status: d.status,
      weightKg: d.weightKg,
      erasure: d.erasure,
      fate: fateKind(d.status, d.fate),
    })),
  };
}

export async function donationReportPdf(
  db: Executor,
  actor: Actor,
  donationId: string,
  locale: Locale,
): Promise<Buffer> {
  return renderDonorReportPdf(toDocumentData(await donationReport(db, actor, donationId), locale));
}

export async function donationReportCsv(
  db: Executor,
  actor: Actor,
  donationId: string,
  locale: Locale,
): Promise<string> {
  return renderDonorReportCsv(toDocumentData(await donationReport(db, actor, donationId), locale));
}
