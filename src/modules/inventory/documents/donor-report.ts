import { stringify } from 'csv-stringify/sync';
import { IMPACT_METHOD, type Impact, sumImpact } from '../../../lib/impact.ts';
import type { Locale } from '../../../lib/messages.ts';
import {
  addPageNumbers,
  createPdf,
  drawTable,
  FONTS,
  formatDateTime,
  formatDay,
  formatNumber,
  type PdfDocument,
  pdfToBuffer,
} from '../../../lib/pdf.ts';
import { csvCell } from '../../../lib/spreadsheet-safety.ts';
import type { DeviceType } from '../device-fields.ts';
import { COLORS, drawFields, drawHeading, orDash } from './common.ts';
import { type DocumentTextKey, statusLabel, t, typeLabel } from './texts.ts';

export type DeviceFate =
  | { kind: 'reused'; programmeName: string; mode: 'sale' | 'loan' | 'donation' }
  | { kind: 'recycled' }
  | { kind: 'in_stock' }
  | { kind: 'lost' };

/**
 * What a donor may see of a device. There is deliberately no field about people (recipients, operators):
 * the report is built from this type only.
 */
export interface DonorReportDevice {
  assetTag: string;
  type: DeviceType;
  status: string;
  weightKg: number | null;
  erasure: { result: 'passed' | 'failed'; certificateNumber: string | null } | null;
  fate: DeviceFate;
}

export interface DonorReportData {
  locale: Locale;
  generatedAt: Date;
  donation: {
    id: string;
    /** Calendar day, YYYY-MM-DD. */
    receivedOn: string;
    donorName: string;
    refurbisherName: string;
    declaredCount: number | null;
    note: string | null;
  };
  devices: DonorReportDevice[];
}

export interface DonorReportSummary {
  received: number;
  reused: number;
  recycled: number;
  inStock: number;
  lost: number;
  /** Impact of the reused devices only. */
  impact: Impact;
}

export function donorReportSummary(devices: readonly DonorReportDevice[]): DonorReportSummary {
  const count = (kind: DeviceFate['kind']) => devices.filter((d) => d.fate.kind === kind).length;
  return {
    received: devices.length,
    reused: count('reused'),
    recycled: count('recycled'),
    inStock: count('in_stock'),
    lost: count('lost'),
    impact: sumImpact(
      devices.filter((d) => d.fate.kind === 'reused').map((d) => ({ type: d.type, weightKg: d.weightKg })),
    ),
  };
}

const FATE_KEYS: Record<DeviceFate['kind'], DocumentTextKey> = {
  reused: 'donor.fate_reused',
  recycled: 'donor.fate_recycled',
  in_stock: 'donor.fate_in_stock',
  lost: 'donor.fate_lost',
};

const MODE_KEYS: Record<'sale' | 'loan' | 'donation', DocumentTextKey> = {
  sale: 'donor.mode_sale',
  loan: 'donor.mode_loan',
  donation: 'donor.mode_donation',
};

function fateText(locale: Locale, fate: DeviceFate): string {
  if (fate.kind === 'reused') {
    return t(locale, 'donor.fate_reused_detail', {
      programme: fate.programmeName,
      mode: t(locale, MODE_KEYS[fate.mode]),
    });
  }
  return t(locale, FATE_KEYS[fate.kind]);
}

function erasureText(locale: Locale, erasure: DonorReportDevice['erasure']): string {
  if (!erasure) return t(locale, 'common.none');
  return t(locale, erasure.result === 'passed' ? 'erasure.passed' : 'erasure.failed');
}

const kg = (locale: Locale, value: number) => t(locale, 'unit.kg', { n: formatNumber(value, locale, 1) });

function drawSummary(
  doc: PdfDocument,
  locale: Locale,
  summary: DonorReportSummary,
  x: number,
  y: number,
  width: number,
) {
  const counts: [string, number][] = [
    [t(locale, 'donor.summary_received'), summary.received],
    [t(locale, 'donor.summary_reused'), summary.reused],
    [t(locale, 'donor.summary_recycled'), summary.recycled],
    [t(locale, 'donor.summary_in_stock'), summary.inStock],
    [t(locale, 'donor.summary_lost'), summary.lost],
  ];
  const gap = 6;
  const boxWidth = (width - gap * (counts.length - 1)) / counts.length;
  counts.forEach(([label, value], i) => {
    const bx = x + i * (boxWidth + gap);
    doc.save().rect(bx, y, boxWidth, 38).fill(COLORS.neutralFill).restore();
    doc
      .font(FONTS.bold)
      .fontSize(15)
      .fillColor(COLORS.neutral)
      .text(String(value), bx, y + 4, { width: boxWidth, align: 'center', lineBreak: false });
    doc
      .font(FONTS.regular)
      .fontSize(7.5)
      .fillColor(COLORS.muted)
      .text(label, bx, y + 24, { width: boxWidth, align: 'center', lineBreak: false });
  });
  y += 38 + gap;
  const impacts: [string, string][] = [
    [t(locale, 'donor.co2e'), kg(locale, summary.impact.co2eAvoidedKg)],
    [t(locale, 'donor.weee'), kg(locale, summary.impact.weeeAvoidedKg)],
  ];
  const impactWidth = (width - gap) / 2;
  impacts.forEach(([label, value], i) => {
    const bx = x + i * (impactWidth + gap);
    doc.save().rect(bx, y, impactWidth, 38).fill(COLORS.passedFill).restore();
    doc
      .font(FONTS.bold)
      .fontSize(15)
      .fillColor(COLORS.passed)
      .text(value, bx, y + 4, { width: impactWidth, align: 'center', lineBreak: false });
    doc
      .font(FONTS.regular)
      .fontSize(7.5)
      .fillColor(COLORS.muted)
      .text(label, bx, y + 24, { width: impactWidth, align: 'center', lineBreak: false });
  });
  doc.fillColor(COLORS.text);
  return y + 38;
}

/** The donor's traceability report: what became of each device, and what the reuse avoided. */
export async function renderDonorReportPdf(data: DonorReportData): Promise<Buffer> {
  const { locale, donation } = data;
  const summary = donorReportSummary(data.devices);
  const doc = createPdf({
    title: `${t(locale, 'donor.title')} — ${donation.donorName}`,
    subject: donation.id,
    author: donation.refurbisherName,
    locale,
    margins: { top: 36, bottom: 40, left: 40, right: 40 },
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc
    .font(FONTS.regular)
    .fontSize(8.5)
    .fillColor(COLORS.muted)
    .text(donation.refurbisherName, left, doc.page.margins.top);
  doc
    .font(FONTS.bold)
    .fontSize(17)
    .fillColor(COLORS.text)
    .text(t(locale, 'donor.title'), left, doc.y + 2, { width });
  doc
    .font(FONTS.regular)
    .fontSize(9)
    .fillColor(COLORS.muted)
    .text(
      t(locale, 'donor.subtitle', {
        date: formatDay(donation.receivedOn, locale),
        refurbisher: donation.refurbisherName,
      }),
      left,
      doc.y + 1,
      { width },
    );

  let y = drawFields(
    doc,
    [
      [t(locale, 'donor.donor'), donation.donorName],
      [t(locale, 'donor.received_on'), formatDay(donation.receivedOn, locale)],
      [t(locale, 'donor.refurbisher'), donation.refurbisherName],
      [
        t(locale, 'donor.declared'),
        donation.declaredCount === null ? t(locale, 'common.none') : String(donation.declaredCount),
      ],
      [t(locale, 'donor.reference'), donation.id],
      ...(donation.note ? [[t(locale, 'donor.note'), donation.note] as const] : []),
    ],
    { x: left, y: doc.y + 10, width, labelWidth: 130, fontSize: 9 },
  );

  y = drawHeading(doc, t(locale, 'donor.thanks'), { x: left, y: y + 10, width, fontSize: 13 });
  doc
    .font(FONTS.regular)
    .fontSize(9)
    .fillColor(COLORS.text)
    .text(t(locale, 'donor.thanks_text', { received: summary.received }), left, y, { width });
  y = drawSummary(doc, locale, summary, left, doc.y + 8, width);
  doc
    .font(FONTS.regular)
    .fontSize(7)
    .fillColor(COLORS.muted)
    .text(IMPACT_METHOD[locale], left, y + 6, { width });
  y = doc.y + 14;

  y = drawHeading(doc, t(locale, 'donor.devices'), { x: left, y, width });
  if (data.devices.length === 0) {
    doc.font(FONTS.regular).fontSize(9).text(t(locale, 'donor.no_devices'), left, y, { width });
    y = doc.y;
  } else {
    y = drawTable(doc, {
      x: left,
      y,
      width,
      fontSize: 7.5,
      padding: 2.5,
      rows: data.devices,
      columns: [
        {
          header: t(locale, 'donor.col_asset_tag'),
          width: 1.25,
          value: (d) => d.assetTag,
          style: () => ({ bold: true }),
        },
        { header: t(locale, 'donor.col_type'), width: 1.35, value: (d) => typeLabel(locale, d.type) },
        { header: t(locale, 'donor.col_status'), width: 1.3, value: (d) => statusLabel(locale, d.status) },
        {
          header: t(locale, 'donor.col_erasure'),
          width: 0.95,
          value: (d) => erasureText(locale, d.erasure),
          style: (d) =>
            d.erasure?.result === 'failed'
              ? { bold: true, color: COLORS.failed }
              : d.erasure
                ? { color: COLORS.passed }
                : undefined,
        },
        {
          header: t(locale, 'donor.col_certificate'),
          width: 1.3,
          value: (d) => orDash(locale, d.erasure?.certificateNumber),
        },
        { header: t(locale, 'donor.col_fate'), width: 2.6, value: (d) => fateText(locale, d.fate) },
      ],
    });
  }
  doc.font(FONTS.regular).fontSize(7).fillColor(COLORS.muted);
  if (y + 20 > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  doc.text(t(locale, 'donor.privacy'), left, y + 6, { width });

  addPageNumbers(doc, {
    left: t(locale, 'common.page_footer', {
      organisation: donation.refurbisherName,
      date: formatDateTime(data.generatedAt, locale),
    }),
  });
  return pdfToBuffer(doc);
}

/** The CSV columns of the donor report, in order (the header row is in the report's language). */
export const DONOR_REPORT_CSV_COLUMNS = [
  'assetTag',
  'type',
  'status',
  'erasure',
  'certificateNumber',
  'fate',
  'programme',
  'mode',
] as const;

const CSV_HEADER_KEYS: Record<(typeof DONOR_REPORT_CSV_COLUMNS)[number], DocumentTextKey> = {
  assetTag: 'donor.col_asset_tag',
  type: 'donor.col_type',
  status: 'donor.col_status',
  erasure: 'donor.col_erasure',
  certificateNumber: 'donor.col_certificate',
  fate: 'donor.col_fate',
  programme: 'donor.col_programme',
  mode: 'donor.col_mode',
};

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The donor report as CSV for spreadsheets: UTF-8 with a byte order mark, `;` separators (what French
 * Excel expects), CRLF line ends, a header row in the report's language, then one row per device.
 */
export function renderDonorReportCsv(data: DonorReportData): string {
  const { locale } = data;
  const rows = data.devices.map((d) => {
    const row: Record<(typeof DONOR_REPORT_CSV_COLUMNS)[number], string> = {
      assetTag: d.assetTag,
      type: typeLabel(locale, d.type),
      status: statusLabel(locale, d.status),
      erasure: d.erasure ? erasureText(locale, d.erasure) : '',
      certificateNumber: d.erasure?.certificateNumber ?? '',
      fate: t(locale, FATE_KEYS[d.fate.kind]),
      programme: d.fate.kind === 'reused' ? d.fate.programmeName : '',
      mode: d.fate.kind === 'reused' ? capitalise(t(locale, MODE_KEYS[d.fate.mode])) : '',
    };
    return DONOR_REPORT_CSV_COLUMNS.map((column) => csvCell(row[column]));
  });
  const header = DONOR_REPORT_CSV_COLUMNS.map((column) => t(locale, CSV_HEADER_KEYS[column]));
  return stringify([header, ...rows], { bom: true, delimiter: ';', record_delimiter: 'windows' });
}
