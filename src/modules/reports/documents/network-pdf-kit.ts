import { stringify } from 'csv-stringify/sync';
import type { Locale } from '../../../lib/messages.ts';
import {
  addPageNumbers,
  createPdf,
  FONTS,
  formatDateTime,
  formatDay,
  formatNumber,
  type PdfDocument,
  pdfToBuffer,
} from '../../../lib/pdf.ts';
import { csvRows } from '../../../lib/spreadsheet-safety.ts';
import { COLORS, drawHeading } from '../../inventory/documents/common.ts';
import { nt } from './network-texts.ts';

/** Page furniture shared by the network, funder and donor documents. */

export { COLORS, drawHeading };

export interface Page {
  doc: PdfDocument;
  left: number;
  width: number;
}

/** A new A4 document with its title, the organisation it is about and the period, in DejaVu Sans. */
export function startDocument(options: {
  locale: Locale;
  title: string;
  organisation: string;
  subtitle: string;
}): Page {
  const doc = createPdf({
    title: `${options.title} — ${options.organisation}`,
    author: options.organisation,
    locale: options.locale,
    margins: { top: 36, bottom: 40, left: 40, right: 40 },
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc
    .font(FONTS.regular)
    .fontSize(8.5)
    .fillColor(COLORS.muted)
    .text(options.organisation, left, doc.page.margins.top);
  doc
    .font(FONTS.bold)
    .fontSize(17)
    .fillColor(COLORS.text)
    .text(options.title, left, doc.y + 2, { width });
  doc
    .font(FONTS.regular)
    .fontSize(9)
    .fillColor(COLORS.muted)
    .text(options.subtitle, left, doc.y + 1, { width });
  doc.fillColor(COLORS.text);
  doc.y += 8;
  return { doc, left, width };
}

/** "du 1 janvier 2026 au 31 décembre 2026". */
export function periodText(locale: Locale, period: { from: string; to: string }): string {
  return nt(locale, 'common.from_to', {
    from: formatDay(period.from, locale),
    to: formatDay(period.to, locale),
  });
}

/** A row of boxes, each a big figure over its label. Returns the y below. */
export function drawFigures(
  page: Page,
  figures: readonly (readonly [label: string, value: string])[],
  options: { fill?: string; color?: string } = {},
): number {
  const { doc, left, width } = page;
  const gap = 6;
  const y = ensureRoom(page, 40);
  const boxWidth = (width - gap * (figures.length - 1)) / figures.length;
  figures.forEach(([label, value], i) => {
    const x = left + i * (boxWidth + gap);
    doc
      .save()
      .rect(x, y, boxWidth, 38)
      .fill(options.fill ?? COLORS.neutralFill)
      .restore();
    doc
      .font(FONTS.bold)
      .fontSize(14)
      .fillColor(options.color ?? COLORS.neutral)
      .text(value, x, y + 4, { width: boxWidth, align: 'center', lineBreak: false });
    doc
      .font(FONTS.regular)
      .fontSize(7)
      .fillColor(COLORS.muted)
      .text(label, x + 2, y + 23, { width: boxWidth - 4, align: 'center', height: 14, ellipsis: true });
  });
  doc.fillColor(COLORS.text);
  doc.y = y + 38 + gap;
  return doc.y;
}

/** Moves to a new page when fewer than `height` points are left. Returns the y to draw at. */
export function ensureRoom(page: Page, height: number): number {
  const { doc } = page;
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    doc.y = doc.page.margins.top;
  }
  return doc.y;
}

/** A section heading, on a new page if the page is nearly full. */
export function heading(page: Page, text: string): void {
  const y = ensureRoom(page, 60);
  page.doc.y = drawHeading(page.doc, text, { x: page.left, y: y + 6, width: page.width });
}

/** A paragraph of small grey text (a method, a privacy note). */
export function note(page: Page, text: string): void {
  const y = ensureRoom(page, 30);
  page.doc
    .font(FONTS.regular)
    .fontSize(7.5)
    .fillColor(COLORS.muted)
    .text(text, page.left, y + 4, {
      width: page.width,
    });
  page.doc.fillColor(COLORS.text);
}

/** Numbers page by page with the organisation and the issue date, and returns the bytes. */
export function finishDocument(page: Page, locale: Locale, organisation: string): Promise<Buffer> {
  addPageNumbers(page.doc, {
    left: `${organisation} — ${nt(locale, 'common.generated', { date: formatDateTime(new Date(), locale) })}`,
  });
  return pdfToBuffer(page.doc);
}

export const kg = (locale: Locale, value: number): string =>
  nt(locale, 'common.kg', { n: formatNumber(value, locale, 1) });

/**
 * CSV for spreadsheets, as the other reports: UTF-8 with a byte order mark, `;` separators, CRLF, and no
 * cell that a spreadsheet would run as a formula.
 */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return stringify(csvRows(rows), { bom: true, delimiter: ';', record_delimiter: 'windows' });
}
