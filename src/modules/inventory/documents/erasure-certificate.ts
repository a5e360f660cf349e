import type { Locale } from '../../../lib/messages.ts';
import {
  addPageNumbers,
  createPdf,
  drawQrCode,
  drawTable,
  FONTS,
  fitText,
  formatDateTime,
  formatShortDateTime,
  type PdfDocument,
  pdfToBuffer,
} from '../../../lib/pdf.ts';
import {
  COLORS,
  destinationOf,
  drawBanner,
  drawFields,
  drawHeading,
  formatCapacity,
  orDash,
} from './common.ts';
import { statusLabel, storageTypeLabel, t, typeLabel } from './texts.ts';

export interface ErasureRecord {
  diskSerial: string | null;
  diskModel: string | null;
  storageType: string | null;
  capacityGb: number | null;
  method: string;
  level: 'clear' | 'purge' | 'destroy' | null;
  tool: string | null;
  toolVersion: string | null;
  passes: number | null;
  verified: boolean;
  /** An erasure that ended "with exceptions" is recorded as failed. */
  result: 'passed' | 'failed';
  operatorName: string | null;
  startedAt: Date | null;
  performedAt: Date;
}

export interface ErasureCertificateData {
  locale: Locale;
  /** e.g. 'EC-2026-000042' */
  certificateNumber: string;
  issuedAt: Date;
  /** Hex SHA-256 of the record, computed by the caller. */
  recordHash: string;
  /** Where the QR code points. */
  verifyUrl: string;
  organisation: { name: string; siret: string | null; postcode: string | null; city: string | null };
  donor: { name: string } | null;
  device: {
    assetTag: string;
    type: string;
    brand: string | null;
    model: string | null;
    serialNumber: string | null;
    storageGb: number | null;
    status: string;
  };
  erasures: ErasureRecord[];
}

/**
 * passed: every medium's latest erasure passed; failed: at least one medium's latest erasure failed;
 * no_storage: the device came without storage and nothing was erased; none: nothing recorded.
 * Records without a disk serial count as one medium, as in the "ready requires a passed erasure" rule.
 */
export type CertificateOutcome = 'passed' | 'failed' | 'no_storage' | 'none';

export function certificateOutcome(
  data: Pick<ErasureCertificateData, 'device' | 'erasures'>,
): CertificateOutcome {
  if (data.erasures.length === 0) return data.device.storageGb === 0 ? 'no_storage' : 'none';
  const latest = new Map<string, ErasureRecord>();
  for (const erasure of data.erasures) {
    const key = erasure.diskSerial?.trim().toLowerCase() ?? '';
    const seen = latest.get(key);
    if (!seen || seen.performedAt <= erasure.performedAt) latest.set(key, erasure);
  }
  return [...latest.values()].every((e) => e.result === 'passed') ? 'passed' : 'failed';
}

const LEVELS = { clear: 'Clear', purge: 'Purge', destroy: 'Destroy' } as const;

function passes(locale: Locale, n: number | null): string | null {
  if (n === null) return null;
  return t(locale, n > 1 ? 'certificate.passes_other' : 'certificate.passes_one', { n });
}

function joinLines(...lines: (string | null | undefined)[]): string {
  return lines.filter((l): l is string => !!l && l.trim() !== '').join('\n');
}

function drawSignatureBox(
  doc: PdfDocument,
  locale: Locale,
  title: string,
  name: string | null,
  x: number,
  y: number,
  width: number,
): void {
  const height = 62;
  doc.save().rect(x, y, width, height).lineWidth(0.6).strokeColor(COLORS.line).stroke().restore();
  doc
    .font(FONTS.bold)
    .fontSize(8.5)
    .fillColor(COLORS.text)
    .text(title, x + 6, y + 5, { width: width - 12 });
  doc.font(FONTS.regular).fontSize(8).fillColor(COLORS.muted);
  const lines: [string, string][] = [
    [t(locale, 'certificate.signature_name'), name ?? ''],
    [t(locale, 'certificate.signature_date'), ''],
    [t(locale, 'certificate.signature'), ''],
  ];
  lines.forEach(([label, value], i) => {
    const ly = y + 20 + i * 13;
    doc.fillColor(COLORS.muted).text(label, x + 6, ly, { width: 60, lineBreak: false });
    if (value) doc.fillColor(COLORS.text).text(value, x + 66, ly, { width: width - 72, lineBreak: false });
    doc
      .save()
      .moveTo(x + 64, ly + 9)
      .lineTo(x + width - 8, ly + 9)
      .lineWidth(0.4)
      .dash(1.5, { space: 1.5 })
      .strokeColor(COLORS.line)
      .stroke()
      .restore();
  });
  doc.fillColor(COLORS.text);
}

/** Draws one device's certificate on the current page. */
function drawCertificate(doc: PdfDocument, data: ErasureCertificateData): void {
  const { locale } = data;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const outcome = certificateOutcome(data);
  const certified = outcome === 'passed' || outcome === 'no_storage';

  // Header: title and identification on the left, QR code on the right.
  const qrSide = 78;
  const qrX = left + width - qrSide;
  const top = doc.page.margins.top;
  const headerWidth = width - qrSide - 16;
  doc.font(FONTS.regular).fontSize(8.5).fillColor(COLORS.muted).text(data.organisation.name, left, top, {
    width: headerWidth,
  });
  doc
    .font(FONTS.bold)
    .fontSize(17)
    .fillColor(certified ? COLORS.text : COLORS.failed)
    .text(t(locale, certified ? 'certificate.title' : 'certificate.title_not_certified'), left, doc.y + 2, {
      width: headerWidth,
    });
  doc
    .font(FONTS.regular)
    .fontSize(8.5)
    .fillColor(COLORS.muted)
    .text(t(locale, 'certificate.subtitle'), left, doc.y + 1, { width: headerWidth });
  let y = drawFields(
    doc,
    [
      [t(locale, 'certificate.number'), data.certificateNumber],
      [t(locale, 'certificate.issued_at'), formatDateTime(data.issuedAt, locale)],
    ],
    { x: left, y: doc.y + 6, width: headerWidth, labelWidth: 120, fontSize: 9 },
  );
  doc.font(FONTS.regular).fontSize(7.5).fillColor(COLORS.muted);
  doc.text(t(locale, 'certificate.hash'), left, y, { width: headerWidth });
  doc.font(FONTS.mono).fontSize(7.5).fillColor(COLORS.text);
  doc.text(data.recordHash, left, doc.y + 1, { width: headerWidth, lineBreak: false });
  y = doc.y + 2;

  drawQrCode(doc, data.verifyUrl, qrX, top, qrSide);
  // The address stays on one line (shrunk if need be), under the code, so that it can be typed.
  const urlWidth = 230;
  doc.font(FONTS.regular).fontSize(6.5).fillColor(COLORS.muted);
  doc.text(t(locale, 'certificate.verify'), left + width - urlWidth, top + qrSide + 4, {
    width: urlWidth,
    align: 'right',
  });
  const url = fitText(doc, data.verifyUrl, urlWidth, { max: 6.5, min: 4.5 });
  doc.text(url.text, left + width - urlWidth, doc.y, { width: urlWidth, align: 'right', lineBreak: false });
  y = Math.max(y, doc.y + doc.currentLineHeight()) + 8;

  // Result banner.
  const banner = {
    passed: { key: 'certificate.banner_passed', color: COLORS.passed, fill: COLORS.passedFill },
    failed: { key: 'certificate.banner_failed', color: COLORS.failed, fill: COLORS.failedFill },
    no_storage: { key: 'certificate.banner_no_storage', color: COLORS.neutral, fill: COLORS.neutralFill },
    none: { key: 'certificate.banner_none', color: COLORS.failed, fill: COLORS.failedFill },
  } as const;
  const b = banner[outcome];
  y =
    drawBanner(doc, t(locale, b.key), { x: left, y, width, color: b.color, fill: b.fill, fontSize: 10 }) + 12;

  // Parties, side by side: organisation and donor on the left, device on the right.
  const columnGap = 18;
  const half = (width - columnGap) / 2;
  const rightX = left + half + columnGap;
  const town = [data.organisation.postcode, data.organisation.city].filter(Boolean).join(' ');
  const operators = [
    ...new Set(data.erasures.map((e) => e.operatorName?.trim()).filter((n): n is string => !!n)),
  ];

  let leftY = drawHeading(doc, t(locale, 'certificate.organisation'), { x: left, y, width: half });
  leftY = drawFields(
    doc,
    [
      [t(locale, 'certificate.name'), data.organisation.name],
      [t(locale, 'certificate.siret'), orDash(locale, data.organisation.siret)],
      [t(locale, 'certificate.town'), orDash(locale, town)],
      [t(locale, 'certificate.operators'), orDash(locale, operators.join(', '))],
    ],
    { x: left, y: leftY, width: half, labelWidth: 95 },
  );
  leftY = drawHeading(doc, t(locale, 'certificate.donor'), { x: left, y: leftY + 6, width: half });
  leftY = drawFields(
    doc,
    [[t(locale, 'certificate.name'), data.donor?.name ?? t(locale, 'certificate.donor_none')]],
    { x: left, y: leftY, width: half, labelWidth: 95 },
  );

  const d = data.device;
  let rightY = drawHeading(doc, t(locale, 'certificate.device'), { x: rightX, y, width: half });
  doc.font(FONTS.regular).fontSize(9);
  rightY = drawFields(
    doc,
    [
      [t(locale, 'certificate.asset_tag'), d.assetTag],
      [t(locale, 'certificate.type'), typeLabel(locale, d.type)],
      [t(locale, 'certificate.manufacturer'), orDash(locale, d.brand)],
      [t(locale, 'certificate.model'), orDash(locale, d.model)],
      [t(locale, 'certificate.serial'), orDash(locale, d.serialNumber)],
      [t(locale, 'certificate.storage'), formatCapacity(locale, d.storageGb)],
      [
        t(locale, 'certificate.destination'),
        t(locale, 'certificate.destination_value', {
          destination: t(locale, `destination.${destinationOf(d.status)}`),
          status: statusLabel(locale, d.status),
        }),
      ],
    ],
    { x: rightX, y: rightY, width: half, labelWidth: 95 },
  );
  y = Math.max(leftY, rightY) + 8;

  // Storage media: one row per erasure record.
  y = drawHeading(doc, t(locale, 'certificate.media'), { x: left, y, width });
  if (data.erasures.length === 0) {
    doc
      .font(FONTS.bold)
      .fontSize(9.5)
      .fillColor(outcome === 'no_storage' ? COLORS.neutral : COLORS.failed)
      .text(
        t(locale, outcome === 'no_storage' ? 'certificate.media_none' : 'certificate.media_none_recorded'),
        left,
        y,
        { width },
      );
    y = doc.y + 8;
  } else {
    const none = t(locale, 'common.none');
    y = drawTable(doc, {
      x: left,
      y,
      width,
      fontSize: 7.5,
      padding: 3,
      stripeFill: null,
      rows: data.erasures.map((e, i) => ({ ...e, index: i + 1 })),
      columns: [
        { header: '#', width: 0.42, value: (e) => String(e.index) },
        {
          header: t(locale, 'certificate.col_medium'),
          width: 2.13,
          value: (e) =>
            joinLines(orDash(locale, e.diskModel), e.diskSerial ? `S/N\u00a0${e.diskSerial}` : null),
        },
        {
          header: t(locale, 'certificate.col_type'),
          width: 1,
          value: (e) =>
            joinLines(
              e.storageType ? storageTypeLabel(locale, e.storageType) : none,
              formatCapacity(locale, e.capacityGb),
            ),
        },
        {
          header: t(locale, 'certificate.col_level'),
          width: 1.8,
          value: (e) => joinLines(e.level ? LEVELS[e.level] : none, e.method),
        },
        {
          header: t(locale, 'certificate.col_tool'),
          width: 1.35,
          value: (e) =>
            joinLines(
              e.tool ? [e.tool, e.toolVersion].filter(Boolean).join(' ') : none,
              passes(locale, e.passes),
            ),
        },
        {
          header: t(locale, 'certificate.col_verified'),
          width: 0.8,
          value: (e) => t(locale, e.verified ? 'common.yes' : 'common.no'),
        },
        {
          header: t(locale, 'certificate.col_times'),
          width: 1.8,
          value: (e) =>
            joinLines(
              e.startedAt ? formatShortDateTime(e.startedAt, locale) : none,
              formatShortDateTime(e.performedAt, locale),
            ),
        },
        {
          header: t(locale, 'certificate.col_result'),
          width: 0.95,
          value: (e) => t(locale, e.result === 'passed' ? 'erasure.passed' : 'erasure.failed').toUpperCase(),
          style: (e) => ({ bold: true, color: e.result === 'passed' ? COLORS.passed : COLORS.failed }),
        },
      ],
    });
    const namedOperators = new Set(data.erasures.map((e) => e.operatorName ?? ''));
    if (namedOperators.size > 1) {
      // Several operators: say who erased which medium.
      doc.font(FONTS.regular).fontSize(7).fillColor(COLORS.muted);
      const list = data.erasures.map((e, i) => `#${i + 1} ${orDash(locale, e.operatorName)}`).join(' · ');
      doc.text(t(locale, 'certificate.operators_by_medium', { list }), left, y + 3, { width });
      y = doc.y;
    }
    y += 8;
  }

  // Standards and law.
  doc.font(FONTS.regular).fontSize(7).fillColor(COLORS.muted);
  doc.text(t(locale, 'certificate.levels'), left, y, { width });
  doc.moveDown(0.4);
  doc.font(FONTS.bold).fontSize(7).fillColor(COLORS.text);
  doc.text(t(locale, 'certificate.law'), left, doc.y, { width });
  y = doc.y + 12;

  // Signatures, kept at the bottom of the page when there is room.
  const boxWidth = (width - columnGap) / 2;
  const bottom = doc.page.height - doc.page.margins.bottom;
  if (y + 62 > bottom) doc.addPage();
  const signatureY = y + 62 > bottom ? doc.page.margins.top : bottom - 62;
  drawSignatureBox(
    doc,
    locale,
    t(locale, 'certificate.operator_signature'),
    operators.length === 1 ? (operators[0] ?? null) : null,
    left,
    signatureY,
    boxWidth,
  );
  drawSignatureBox(
    doc,
    locale,
    t(locale, 'certificate.validator_signature'),
    null,
    rightX,
    signatureY,
    boxWidth,
  );
  doc.fillColor(COLORS.text).font(FONTS.regular);
}

function certificateTitle(data: ErasureCertificateData): string {
  const outcome = certificateOutcome(data);
  const certified = outcome === 'passed' || outcome === 'no_storage';
  return `${t(data.locale, certified ? 'certificate.title' : 'certificate.title_not_certified')} ${data.certificateNumber}`;
}

/** The erasure certificate of one device: one page, every storage medium on it. */
export function renderErasureCertificate(data: ErasureCertificateData): Promise<Buffer> {
  return renderErasureCertificates([data]);
}

/**
 * Several certificates in one PDF (e.g. a donation's), one page per device, in the order given. They share
 * the first certificate's language.
 */
export async function renderErasureCertificates(
  certificates: readonly ErasureCertificateData[],
): Promise<Buffer> {
  const [first] = certificates;
  if (!first) throw new RangeError('no certificate to render');
  const doc = createPdf({
    title: certificates.length === 1 ? certificateTitle(first) : t(first.locale, 'certificate.title'),
    subject: certificates.map((c) => c.device.assetTag).join(', '),
    author: first.organisation.name,
    locale: first.locale,
    margins: { top: 36, bottom: 40, left: 40, right: 40 },
  });
  // The footer names the certificate each page belongs to (a long one may take two pages).
  const pageOwner: ErasureCertificateData[] = [];
  certificates.forEach((data, i) => {
    if (i > 0) doc.addPage();
    const firstPage = doc.bufferedPageRange().count - 1;
    drawCertificate(doc, { ...data, locale: first.locale });
    for (let p = firstPage; p < doc.bufferedPageRange().count; p++) pageOwner[p] = data;
  });
  addPageNumbers(doc, {
    left: (page) => {
      const owner = pageOwner[page] ?? first;
      return t(first.locale, 'certificate.footer', {
        number: owner.certificateNumber,
        organisation: owner.organisation.name,
      });
    },
  });
  return pdfToBuffer(doc);
}
