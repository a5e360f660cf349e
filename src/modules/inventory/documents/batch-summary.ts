import type { Locale } from '../../../lib/messages.ts';
import {
  addPageNumbers,
  createPdf,
  drawTable,
  FONTS,
  formatDateTime,
  formatDay,
  type PdfDocument,
  pdfToBuffer,
} from '../../../lib/pdf.ts';
import { type DeviceType, TYPES_WITH_STORAGE } from '../device-fields.ts';
import { COLORS, drawFields, orDash, signed } from './common.ts';
import { type DocumentTextKey, statusLabel, t, typeLabel } from './texts.ts';

export interface BatchSummaryDevice {
  assetTag: string;
  type: DeviceType;
  brand: string | null;
  model: string | null;
  serialNumber: string | null;
  /** 0 when the device arrived without its storage. */
  storageGb: number | null;
  status: string;
  /** The device's erasure outcome (failed when any medium's latest erasure failed), or null when none yet. */
  erasure: { result: 'passed' | 'failed'; certificateNumber: string | null } | null;
}

export interface BatchSummaryData {
  locale: Locale;
  generatedAt: Date;
  donation: {
    id: string;
    /** Calendar day, YYYY-MM-DD. */
    receivedOn: string;
    donorName: string | null;
    refurbisherName: string;
    declaredCount: number | null;
    note?: string | null;
  };
  devices: BatchSummaryDevice[];
}

/** Where a device stands as to erasure. */
export type ErasureState = 'passed' | 'failed' | 'pending' | 'no_storage' | 'not_applicable';

export function erasureState(
  device: Pick<BatchSummaryDevice, 'type' | 'storageGb' | 'erasure'>,
): ErasureState {
  if (device.erasure) return device.erasure.result;
  if (device.storageGb === 0) return 'no_storage';
  return TYPES_WITH_STORAGE.includes(device.type) ? 'pending' : 'not_applicable';
}

export interface BatchTotals {
  received: number;
  declared: number | null;
  passed: number;
  failed: number;
  pending: number;
  noStorage: number;
  notApplicable: number;
}

export function batchTotals(data: Pick<BatchSummaryData, 'donation' | 'devices'>): BatchTotals {
  const totals: BatchTotals = {
    received: data.devices.length,
    declared: data.donation.declaredCount,
    passed: 0,
    failed: 0,
    pending: 0,
    noStorage: 0,
    notApplicable: 0,
  };
  for (const device of data.devices) {
    const state = erasureState(device);
    if (state === 'no_storage') totals.noStorage++;
    else if (state === 'not_applicable') totals.notApplicable++;
    else totals[state]++;
  }
  return totals;
}

const STATE_KEYS: Record<ErasureState, DocumentTextKey> = {
  passed: 'erasure.passed',
  failed: 'erasure.failed',
  pending: 'erasure.pending',
  no_storage: 'erasure.no_storage',
  not_applicable: 'erasure.not_applicable',
};

function drawTotals(
  doc: PdfDocument,
  locale: Locale,
  totals: BatchTotals,
  x: number,
  y: number,
  width: number,
) {
  const boxes: { label: string; value: number; color: string }[] = [
    { label: t(locale, 'batch.total_received'), value: totals.received, color: COLORS.neutral },
    { label: t(locale, 'batch.total_passed'), value: totals.passed, color: COLORS.passed },
    {
      label: t(locale, 'batch.total_failed'),
      value: totals.failed,
      color: totals.failed > 0 ? COLORS.failed : COLORS.neutral,
    },
    { label: t(locale, 'batch.total_pending'), value: totals.pending, color: COLORS.neutral },
    { label: t(locale, 'batch.total_no_storage'), value: totals.noStorage, color: COLORS.neutral },
    { label: t(locale, 'batch.total_not_applicable'), value: totals.notApplicable, color: COLORS.neutral },
  ];
  const gap = 6;
  const boxWidth = (width - gap * (boxes.length - 1)) / boxes.length;
  const height = 30;
  boxes.forEach((box, i) => {
    const bx = x + i * (boxWidth + gap);
    doc.save().rect(bx, y, boxWidth, height).lineWidth(0.6).strokeColor(COLORS.line).stroke().restore();
    doc
      .font(FONTS.bold)
      .fontSize(13)
      .fillColor(box.color)
      .text(String(box.value), bx, y + 3, { width: boxWidth, align: 'center', lineBreak: false });
    doc
      .font(FONTS.regular)
      .fontSize(6.5)
      .fillColor(COLORS.muted)
      .text(box.label, bx + 3, y + 19.5, { width: boxWidth - 6, align: 'center', lineBreak: false });
  });
  doc.fillColor(COLORS.text);
  return y + height;
}

/**
 * The one-page summary of a donation's batch (A4 landscape): the donation, the totals, and one line per
 * device. A large batch continues on further pages; the totals stay on the first.
 */
export async function renderBatchSummary(data: BatchSummaryData): Promise<Buffer> {
  const { locale, donation } = data;
  const doc = createPdf({
    title: `${t(locale, 'batch.title')} — ${t(locale, 'batch.subtitle', { date: formatDay(donation.receivedOn, locale) })}`,
    subject: donation.id,
    author: donation.refurbisherName,
    locale,
    layout: 'landscape',
    margins: { top: 24, bottom: 30, left: 30, right: 30 },
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const totals = batchTotals(data);

  doc
    .font(FONTS.regular)
    .fontSize(8)
    .fillColor(COLORS.muted)
    .text(donation.refurbisherName, left, doc.page.margins.top);
  doc
    .font(FONTS.bold)
    .fontSize(13)
    .fillColor(COLORS.text)
    .text(
      `${t(locale, 'batch.title')} — ${t(locale, 'batch.subtitle', { date: formatDay(donation.receivedOn, locale) })}`,
      left,
      doc.y,
      { width },
    );
  const top = doc.y + 4;

  const count =
    donation.declaredCount === null
      ? t(locale, 'batch.count_value_undeclared', { received: totals.received })
      : `${t(locale, 'batch.count_value', { received: totals.received, declared: donation.declaredCount })}${
          totals.received === donation.declaredCount
            ? ''
            : ` (${t(locale, 'batch.difference', { difference: signed(totals.received - donation.declaredCount) })})`
        }`;
  const half = (width - 24) / 2;
  const fieldsY = drawFields(
    doc,
    [
      [t(locale, 'batch.received_on'), formatDay(donation.receivedOn, locale)],
      [t(locale, 'batch.donor'), orDash(locale, donation.donorName)],
      [t(locale, 'batch.refurbisher'), donation.refurbisherName],
    ],
    { x: left, y: top, width: half, labelWidth: 100, fontSize: 8, gap: 0.5 },
  );
  const rightFieldsY = drawFields(
    doc,
    [
      [t(locale, 'batch.count'), count],
      [t(locale, 'batch.reference'), donation.id],
      ...(donation.note ? [[t(locale, 'batch.note'), donation.note] as const] : []),
    ],
    { x: left + half + 24, y: top, width: half, labelWidth: 110, fontSize: 8, gap: 0.5 },
  );
  let y = drawTotals(doc, locale, totals, left, Math.max(fieldsY, rightFieldsY) + 4, width) + 7;

  if (data.devices.length === 0) {
    doc.font(FONTS.regular).fontSize(9).text(t(locale, 'batch.no_devices'), left, y, { width });
  } else {
    y = drawTable(doc, {
      x: left,
      y,
      width,
      fontSize: 7,
      padding: 1.6,
      rows: data.devices,
      columns: [
        {
          header: t(locale, 'batch.col_asset_tag'),
          width: 1.2,
          value: (d) => d.assetTag,
          style: () => ({ bold: true }),
          noWrap: true,
        },
        {
          header: t(locale, 'batch.col_type'),
          width: 1.3,
          value: (d) => typeLabel(locale, d.type),
          noWrap: true,
        },
        {
          header: t(locale, 'batch.col_brand_model'),
          width: 2.3,
          value: (d) => orDash(locale, [d.brand, d.model].filter(Boolean).join(' ')),
          noWrap: true,
        },
        {
          header: t(locale, 'batch.col_serial'),
          width: 1.5,
          value: (d) => orDash(locale, d.serialNumber),
          noWrap: true,
        },
        {
          header: t(locale, 'batch.col_erasure'),
          width: 1.25,
          value: (d) => t(locale, STATE_KEYS[erasureState(d)]),
          noWrap: true,
          style: (d) => {
            const state = erasureState(d);
            if (state === 'failed') return { bold: true, color: COLORS.failed };
            if (state === 'passed') return { color: COLORS.passed };
            return undefined;
          },
        },
        {
          header: t(locale, 'batch.col_certificate'),
          width: 1.3,
          value: (d) => orDash(locale, d.erasure?.certificateNumber),
          noWrap: true,
        },
        {
          header: t(locale, 'batch.col_status'),
          width: 1.35,
          value: (d) => statusLabel(locale, d.status),
          noWrap: true,
        },
      ],
    });
  }

  addPageNumbers(doc, {
    left: `${donation.refurbisherName} — ${t(locale, 'batch.generated', { date: formatDateTime(data.generatedAt, locale) })}`,
  });
  return pdfToBuffer(doc);
}
