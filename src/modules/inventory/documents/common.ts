import type { Locale } from '../../../lib/messages.ts';
import { FONTS, formatNumber, type PdfDocument } from '../../../lib/pdf.ts';
import { t } from './texts.ts';

/** Colours shared by the inventory documents. */
export const COLORS = {
  text: '#000000',
  muted: '#555555',
  passed: '#1b6e34',
  passedFill: '#e6f4ea',
  failed: '#b00020',
  failedFill: '#fde8eb',
  neutral: '#33475b',
  neutralFill: '#eef2f6',
  line: '#b0b0b0',
} as const;

/** A capacity in gigabytes, in the locale's unit: "256 Go", "2 To". */
export function formatCapacity(locale: Locale, gb: number | null | undefined): string {
  if (gb === null || gb === undefined) return t(locale, 'common.none');
  if (gb >= 1000) return t(locale, 'unit.tb', { n: formatNumber(gb / 1000, locale, 2) });
  return t(locale, 'unit.gb', { n: formatNumber(gb, locale, 1) });
}

/** The value, or a dash when there is none. */
export function orDash(locale: Locale, value: string | null | undefined): string {
  return value === null || value === undefined || value.trim() === '' ? t(locale, 'common.none') : value;
}

/** A signed difference: "+2", "−3", "0". */
export function signed(value: number): string {
  if (value > 0) return `+${value}`;
  if (value < 0) return `−${Math.abs(value)}`;
  return '0';
}

export type Destination = 'reuse' | 'recycling' | 'in_stock' | 'lost';

/** Where a device is headed, from its status. */
export function destinationOf(status: string): Destination {
  switch (status) {
    case 'reserved':
    case 'handed_over':
      return 'reuse';
    case 'to_recycle':
    case 'recycled':
      return 'recycling';
    case 'lost':
      return 'lost';
    default:
      return 'in_stock';
  }
}

/**
 * Draws "label  value" lines in two columns (label in grey, value in the regular font) and returns the y
 * below them. Values wrap within their column.
 */
export function drawFields(
  doc: PdfDocument,
  fields: readonly (readonly [label: string, value: string])[],
  options: { x: number; y: number; width: number; labelWidth: number; fontSize?: number; gap?: number },
): number {
  const fontSize = options.fontSize ?? 9;
  const gap = options.gap ?? 2;
  const valueWidth = options.width - options.labelWidth;
  let y = options.y;
  for (const [label, value] of fields) {
    doc.font(FONTS.regular).fontSize(fontSize);
    const height = Math.max(
      doc.heightOfString(label, { width: options.labelWidth - 4 }),
      doc.heightOfString(value || ' ', { width: valueWidth }),
    );
    doc.fillColor(COLORS.muted).text(label, options.x, y, { width: options.labelWidth - 4 });
    doc.fillColor(COLORS.text).text(value, options.x + options.labelWidth, y, { width: valueWidth });
    y += height + gap;
  }
  doc.fillColor(COLORS.text);
  return y;
}

/** A section heading in bold with a thin line under it; returns the y below. */
export function drawHeading(
  doc: PdfDocument,
  text: string,
  options: { x: number; y: number; width: number; fontSize?: number },
): number {
  const fontSize = options.fontSize ?? 10.5;
  doc.font(FONTS.bold).fontSize(fontSize).fillColor(COLORS.neutral);
  doc.text(text, options.x, options.y, { width: options.width });
  const y = options.y + doc.currentLineHeight() + 2;
  doc
    .save()
    .moveTo(options.x, y)
    .lineTo(options.x + options.width, y)
    .lineWidth(0.6)
    .strokeColor(COLORS.neutral)
    .stroke()
    .restore();
  doc.fillColor(COLORS.text).font(FONTS.regular);
  return y + 5;
}

/**
 * A coloured box with a text inside (a result banner, a summary); returns the y below it.
 */
export function drawBanner(
  doc: PdfDocument,
  text: string,
  options: {
    x: number;
    y: number;
    width: number;
    color: string;
    fill: string;
    fontSize?: number;
    bold?: boolean;
  },
): number {
  const fontSize = options.fontSize ?? 10;
  const padding = 7;
  doc.font(options.bold === false ? FONTS.regular : FONTS.bold).fontSize(fontSize);
  const height = doc.heightOfString(text, { width: options.width - 2 * padding }) + 2 * padding;
  doc
    .save()
    .rect(options.x, options.y, options.width, height)
    .fillAndStroke(options.fill, options.color)
    .restore();
  doc.fillColor(options.color).text(text, options.x + padding, options.y + padding, {
    width: options.width - 2 * padding,
  });
  doc.fillColor(COLORS.text).font(FONTS.regular);
  return options.y + height;
}
