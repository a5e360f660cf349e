import type { Locale } from '../../../lib/messages.ts';
import { FONTS, formatDate, formatDay, formatShortDateTime, type PdfDocument } from '../../../lib/pdf.ts';

/**
 * Layout helpers of the programme documents. They write in the flow of the page (from `doc.y`, between the
 * margins) and start a new page when a block does not fit, so that documents of any length stay readable.
 */

export const COLORS = {
  text: '#000000',
  muted: '#555555',
  heading: '#33475b',
  line: '#b0b0b0',
} as const;

/** The left edge and the width between the margins of the current page. */
export function textBox(doc: PdfDocument): { left: number; width: number } {
  const left = doc.page.margins.left;
  return { left, width: doc.page.width - left - doc.page.margins.right };
}

const bottomOf = (doc: PdfDocument) => doc.page.height - doc.page.margins.bottom;
const pageBodyHeight = (doc: PdfDocument) => bottomOf(doc) - doc.page.margins.top;

/** Starts a new page unless `height` points fit below the current y. */
export function ensureSpace(doc: PdfDocument, height: number): void {
  if (doc.y + height > bottomOf(doc)) {
    doc.addPage();
    doc.y = doc.page.margins.top;
  }
  doc.x = doc.page.margins.left;
}

/**
 * A section heading with a thin line under it. `keepWith` points of what follows must fit on the same page,
 * so that a heading never ends a page alone.
 */
export function heading(
  doc: PdfDocument,
  text: string,
  options: { fontSize?: number; keepWith?: number } = {},
) {
  const fontSize = options.fontSize ?? 13;
  const { left, width } = textBox(doc);
  doc.font(FONTS.bold).fontSize(fontSize);
  const height = doc.heightOfString(text, { width });
  ensureSpace(doc, height + 6 + (options.keepWith ?? 40));
  doc.fillColor(COLORS.heading).text(text, left, doc.y, { width });
  const y = doc.y + 1;
  doc
    .save()
    .moveTo(left, y)
    .lineTo(left + width, y)
    .lineWidth(0.6)
    .strokeColor(COLORS.heading)
    .stroke()
    .restore();
  doc.fillColor(COLORS.text).font(FONTS.regular);
  doc.x = left;
  doc.y = y + 5;
}

/**
 * A paragraph that flows over as many pages as it needs (pdfkit breaks the page line by line). A short one
 * (`keepTogether`) moves whole to the next page rather than being split.
 */
export function paragraph(
  doc: PdfDocument,
  text: string,
  options: {
    fontSize?: number;
    bold?: boolean;
    color?: string;
    gapAfter?: number;
    keepTogether?: boolean;
  } = {},
): void {
  const { left, width } = textBox(doc);
  doc
    .font(options.bold ? FONTS.bold : FONTS.regular)
    .fontSize(options.fontSize ?? 11)
    .fillColor(options.color ?? COLORS.text);
  if (options.keepTogether) {
    const height = doc.heightOfString(text, { width });
    if (height <= pageBodyHeight(doc)) ensureSpace(doc, height);
  }
  doc.text(text, left, doc.y, { width });
  doc.fillColor(COLORS.text).font(FONTS.regular);
  doc.x = left;
  doc.y += options.gapAfter ?? 4;
}

/** A bulleted line, its text indented; a bullet is not split across pages unless it is taller than one. */
export function bullet(
  doc: PdfDocument,
  text: string,
  options: { fontSize?: number; gapAfter?: number } = {},
) {
  const { left, width } = textBox(doc);
  const indent = 14;
  doc
    .font(FONTS.regular)
    .fontSize(options.fontSize ?? 11)
    .fillColor(COLORS.text);
  const height = doc.heightOfString(text, { width: width - indent });
  if (height <= pageBodyHeight(doc)) ensureSpace(doc, height);
  const y = doc.y;
  doc.text('•', left + 3, y, { width: indent, lineBreak: false });
  doc.text(text, left + indent, y, { width: width - indent });
  doc.x = left;
  doc.y += options.gapAfter ?? 2;
}

/**
 * "label  value" lines in two columns (label in grey). A line moves whole to the next page when it does not
 * fit, except a long value (a free text), which starts where it is and flows over the next pages in its
 * column.
 */
export function fields(
  doc: PdfDocument,
  rows: readonly (readonly [label: string, value: string])[],
  options: { labelWidth: number; fontSize?: number; gap?: number },
): void {
  const fontSize = options.fontSize ?? 10;
  const gap = options.gap ?? 3;
  const { left, width } = textBox(doc);
  const valueWidth = width - options.labelWidth;
  for (const [label, value] of rows) {
    doc.font(FONTS.regular).fontSize(fontSize);
    const lineHeight = doc.currentLineHeight(true);
    const labelHeight = doc.heightOfString(label, { width: options.labelWidth - 6 });
    const height = Math.max(labelHeight, doc.heightOfString(value || ' ', { width: valueWidth }));
    const flows = height > 6 * lineHeight;
    // A flowing value needs its label and a few of its lines on this page; a short one needs all of it.
    ensureSpace(doc, flows ? Math.max(labelHeight, 3 * lineHeight) : height);
    const y = doc.y;
    const pages = doc.bufferedPageRange().count;
    doc.fillColor(COLORS.muted).text(label, left, y, { width: options.labelWidth - 6 });
    doc.fillColor(COLORS.text).text(value || ' ', left + options.labelWidth, y, { width: valueWidth });
    const continued = doc.bufferedPageRange().count > pages;
    doc.x = left;
    doc.y = (continued ? doc.y : Math.max(doc.y, y + labelHeight)) + gap;
  }
  doc.fillColor(COLORS.text);
}

/** An amount in cents, in euros: "780 €", "612,50 €" / "€780", "€612.50". */
export function formatEuros(cents: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(cents / 100);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day ('2026-03-12') or an instant, as a day in words; anything else as it is. */
export function dayText(value: string, locale: Locale): string {
  if (DAY.test(value)) return formatDay(value, locale);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : formatDate(date, locale);
}

/** An instant as "12/03/2026 14:30" in the instance's time zone; a bare day in words; else as it is. */
export function momentText(value: string, locale: Locale): string {
  if (DAY.test(value)) return formatDay(value, locale);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : formatShortDateTime(date, locale);
}

/** A country code ('FR') in words ("France"); anything else as it is. */
export function countryName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale === 'fr' ? 'fr-FR' : 'en-GB'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** True when the value is worth printing (not missing, not blank). */
export function present<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined && !(typeof value === 'string' && value.trim() === '');
}
