import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import bwipjs from 'bwip-js/node';
import PDFDocument from 'pdfkit';
import { formatDay, instanceTimeZone } from './dates.ts';

export { formatDay };

import type { Locale } from './messages.ts';

/**
 * Small helpers shared by the documents the application prints (certificates, labels, receipts, reports):
 * a document with embedded fonts and metadata, a table that breaks across pages, page numbers, a vector
 * QR code, and locale-aware dates and numbers.
 */

export type PdfDocument = PDFKit.PDFDocument;

/**
 * Font names registered on every document. DejaVu Sans is embedded (subset) so that the text looks the
 * same everywhere and characters such as ✓, €, œ, « » and narrow no-break spaces are available; the
 * 14 built-in PDF fonts lack them.
 */
export const FONTS = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold', mono: 'DejaVuSansMono' } as const;

const FONT_FILES: Record<keyof typeof FONTS, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  mono: 'DejaVuSansMono.ttf',
};

let fontData: Record<keyof typeof FONTS, Buffer> | null = null;

/** Reads the font files once per process. */
function fonts(): Record<keyof typeof FONTS, Buffer> {
  if (!fontData) {
    const require = createRequire(import.meta.url);
    const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    const read = (file: string) => readFileSync(path.join(dir, file));
    fontData = {
      regular: read(FONT_FILES.regular),
      bold: read(FONT_FILES.bold),
      mono: read(FONT_FILES.mono),
    };
  }
  return fontData;
}

/** Millimetres to PDF points. */
export const mm = (millimetres: number): number => (millimetres * 72) / 25.4;

export type Margins = { top: number; bottom: number; left: number; right: number };

export interface CreatePdfOptions {
  title: string;
  locale: Locale;
  /** A named size ('A4', the default) or [width, height] in points. */
  size?: string | [number, number];
  layout?: 'portrait' | 'landscape';
  /** In points; one number for all four sides. Default 40 pt (≈ 14 mm). */
  margins?: number | Margins;
  subject?: string;
  author?: string;
}

/**
 * A new PDF document: fonts registered (regular, bold, mono), the regular font selected, metadata set, pages
 * buffered (so that `addPageNumbers` can write on every page before `pdfToBuffer`).
 */
export function createPdf(options: CreatePdfOptions): PdfDocument {
  const margins =
    typeof options.margins === 'number' || options.margins === undefined
      ? {
          top: options.margins ?? 40,
          bottom: options.margins ?? 40,
          left: options.margins ?? 40,
          right: options.margins ?? 40,
        }
      : options.margins;
  const doc = new PDFDocument({
    size: options.size ?? 'A4',
    layout: options.layout ?? 'portrait',
    margins,
    bufferPages: true,
    // No built-in font: pdfkit would otherwise load (and declare) Helvetica before ours is registered.
    font: '',
    lang: options.locale === 'fr' ? 'fr-FR' : 'en-GB',
    displayTitle: true,
    info: {
      Title: options.title,
      Creator: 'Seconde Vie',
      ...(options.subject ? { Subject: options.subject } : {}),
      ...(options.author ? { Author: options.author } : {}),
    },
  });
  const data = fonts();
  doc.registerFont(FONTS.regular, data.regular);
  doc.registerFont(FONTS.bold, data.bold);
  doc.registerFont(FONTS.mono, data.mono);
  doc.font(FONTS.regular);
  return doc;
}

/** Ends the document and collects its bytes. */
export function pdfToBuffer(doc: PdfDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** Draws a horizontal rule across the page's text width at the current y, and moves down. */
export function rule(doc: PdfDocument, options: { color?: string; gap?: number } = {}): void {
  const gap = options.gap ?? 6;
  const y = doc.y + gap / 2;
  doc
    .save()
    .moveTo(doc.page.margins.left, y)
    .lineTo(doc.page.width - doc.page.margins.right, y)
    .lineWidth(0.5)
    .strokeColor(options.color ?? '#999999')
    .stroke()
    .restore();
  doc.y = y + gap / 2;
}

/**
 * Writes "Page n / total" (and an optional text on the left, the same on every page or per page index) at the
 * bottom of every page. Call it once, when all pages are written, before `pdfToBuffer`.
 */
export function addPageNumbers(
  doc: PdfDocument,
  options: { left?: string | ((pageIndex: number) => string); fontSize?: number } = {},
): void {
  const range = doc.bufferedPageRange();
  const fontSize = options.fontSize ?? 7.5;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { margins } = doc.page;
    const bottom = margins.bottom;
    // Writing inside the bottom margin would otherwise make pdfkit open a new page.
    margins.bottom = 0;
    const y = doc.page.height - Math.max(bottom / 2, fontSize * 1.5) - fontSize / 2;
    const width = doc.page.width - margins.left - margins.right;
    doc.font(FONTS.regular).fontSize(fontSize).fillColor('#555555');
    const pageText = `Page ${i - range.start + 1} / ${range.count}`;
    const left = typeof options.left === 'function' ? options.left(i - range.start) : options.left;
    if (left) {
      const pageWidth = doc.widthOfString(pageText) + 10;
      doc.text(truncate(doc, left, width - pageWidth), margins.left, y, {
        width: width - pageWidth,
        lineBreak: false,
      });
    }
    doc.text(pageText, margins.left, y, { width, align: 'right', lineBreak: false });
    margins.bottom = bottom;
  }
  doc.fillColor('black');
}

/** Shortens `text` with an ellipsis so that it fits in `width` at the current font and size. */
export function truncate(doc: PdfDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  const chars = Array.from(text);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (doc.widthOfString(`${chars.slice(0, mid).join('').trimEnd()}…`) <= width) low = mid;
    else high = mid - 1;
  }
  return `${chars.slice(0, low).join('').trimEnd()}…`;
}

/**
 * Picks the largest font size between `max` and `min` at which `text` fits in `width`; at `min`, the text is
 * truncated. Sets the font and size on the document.
 */
export function fitText(
  doc: PdfDocument,
  text: string,
  width: number,
  options: { font?: string; max: number; min: number },
): { text: string; size: number } {
  doc.font(options.font ?? FONTS.regular);
  for (let size = options.max; size > options.min; size -= 0.5) {
    doc.fontSize(size);
    if (doc.widthOfString(text) <= width) return { text, size };
  }
  doc.fontSize(options.min);
  return { text: truncate(doc, text, width), size: options.min };
}

export interface TableColumn<Row> {
  header: string;
  /** Relative width: the columns share the table's width in proportion. */
  width: number;
  align?: 'left' | 'center' | 'right';
  value: (row: Row) => string;
  /** Keep the cell on one line, shortened with an ellipsis, instead of wrapping. */
  noWrap?: boolean;
  /** Per-cell emphasis, e.g. a failed result in bold red. */
  style?: (row: Row) => { bold?: boolean; color?: string; mono?: boolean } | undefined;
}

export interface TableOptions<Row> {
  columns: TableColumn<Row>[];
  rows: readonly Row[];
  /** Defaults: the left margin, the current y, the width between margins. */
  x?: number;
  y?: number;
  width?: number;
  fontSize?: number;
  /** Cell padding in points. Default 3. */
  padding?: number;
  headerFill?: string;
  /** Fill of every other row; null for none. */
  stripeFill?: string | null;
  borderColor?: string;
}

/**
 * Draws a table with a header row; rows wrap their text, and a row that would cross the bottom margin goes
 * to a new page, where the header is repeated. Returns the y below the table (also set as `doc.y`).
 */
export function drawTable<Row>(doc: PdfDocument, options: TableOptions<Row>): number {
  const x = options.x ?? doc.page.margins.left;
  const width = options.width ?? doc.page.width - doc.page.margins.right - x;
  const fontSize = options.fontSize ?? 8;
  const padding = options.padding ?? 3;
  const borderColor = options.borderColor ?? '#b0b0b0';
  const stripeFill = options.stripeFill === undefined ? '#f3f3f3' : options.stripeFill;
  const totalWeight = options.columns.reduce((sum, c) => sum + c.width, 0);
  const widths = options.columns.map((c) => (c.width / totalWeight) * width);
  const lefts = widths.map((_, i) => x + widths.slice(0, i).reduce((sum, w) => sum + w, 0));
  let y = options.y ?? doc.y;

  const cellHeight = (text: string, i: number, font: string) => {
    doc.font(font).fontSize(fontSize);
    return doc.heightOfString(text || ' ', { width: (widths[i] ?? 0) - 2 * padding });
  };

  const drawRow = (
    cells: { text: string; font: string; color: string }[],
    fill: string | null,
    height: number,
  ): void => {
    if (fill) doc.save().rect(x, y, width, height).fill(fill).restore();
    cells.forEach((cell, i) => {
      doc
        .font(cell.font)
        .fontSize(fontSize)
        .fillColor(cell.color)
        .text(cell.text, (lefts[i] ?? x) + padding, y + padding, {
          width: (widths[i] ?? 0) - 2 * padding,
          align: options.columns[i]?.align ?? 'left',
        });
    });
    doc
      .save()
      .lineWidth(0.4)
      .strokeColor(borderColor)
      .moveTo(x, y + height)
      .lineTo(x + width, y + height)
      .stroke()
      .restore();
    y += height;
  };

  const header = options.columns.map((c) => ({ text: c.header, font: FONTS.bold, color: '#000000' }));
  const headerHeight = Math.max(...header.map((c, i) => cellHeight(c.text, i, c.font))) + 2 * padding;

  const drawHeader = () => {
    doc
      .save()
      .lineWidth(0.4)
      .strokeColor(borderColor)
      .moveTo(x, y)
      .lineTo(x + width, y)
      .stroke()
      .restore();
    drawRow(header, options.headerFill ?? '#e4e4e4', headerHeight);
  };

  // Text drawn near the bottom must not trigger pdfkit's own page break: rows are placed by hand.
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  if (y + headerHeight > bottom()) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  drawHeader();
  options.rows.forEach((row, index) => {
    const cells = options.columns.map((c, i) => {
      const style = c.style?.(row);
      const font = style?.mono ? FONTS.mono : style?.bold ? FONTS.bold : FONTS.regular;
      let text = c.value(row);
      if (c.noWrap) {
        doc.font(font).fontSize(fontSize);
        text = truncate(doc, text.replace(/\s+/g, ' '), (widths[i] ?? 0) - 2 * padding - 0.5);
      }
      return { text, font, color: style?.color ?? '#000000' };
    });
    const height = Math.max(...cells.map((c, i) => cellHeight(c.text, i, c.font))) + 2 * padding;
    if (y + height > bottom()) {
      doc.addPage();
      y = doc.page.margins.top;
      drawHeader();
    }
    drawRow(cells, stripeFill && index % 2 === 1 ? stripeFill : null, height);
  });
  doc.fillColor('black').font(FONTS.regular);
  doc.x = doc.page.margins.left;
  doc.y = y;
  return y;
}

/**
 * Draws a QR code as vector squares (sharp at any print resolution) with its top-left corner at (x, y) and
 * the given side, quiet zone excluded: leave about 4 modules of white space around it.
 */
export function drawQrCode(doc: PdfDocument, text: string, x: number, y: number, side: number): void {
  const symbol = bwipjs.raw({ bcid: 'qrcode', text })[0];
  if (!symbol || !('pixs' in symbol)) throw new Error('QR code generation failed');
  const { pixs, pixx, pixy } = symbol;
  const cell = side / Math.max(pixx, pixy);
  doc.save();
  for (let row = 0; row < pixy; row++) {
    let start = -1;
    for (let col = 0; col <= pixx; col++) {
      const dark = col < pixx && pixs[row * pixx + col] === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        // Slight overlap avoids hairline gaps between adjacent squares in some viewers.
        doc.rect(x + start * cell, y + row * cell, (col - start) * cell + 0.01, cell + 0.01);
        start = -1;
      }
    }
  }
  doc.fill('black').restore();
}

/** A QR code as a PNG image, for places that need a raster image (e.g. the web). */
export function qrCodePng(text: string, scale = 4): Promise<Buffer> {
  return bwipjs.toBuffer({ bcid: 'qrcode', text, scale });
}

const intlLocale = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

/** A moment as a date in the instance's time zone: "25 novembre 2026" / "25 November 2026". */
export function formatDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: 'long',
    timeZone: instanceTimeZone(),
  }).format(date);
}

/** A moment with its time: "25 novembre 2026 à 14:30" / "25 November 2026 at 14:30". */
export function formatDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: instanceTimeZone(),
  }).format(date);
}

/** A short moment for tables: "25/11/2026 14:30". */
export function formatShortDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: instanceTimeZone(),
  })
    .format(date)
    .replace(',', '');
}

/** A number with the locale's separators: "1 234,5" / "1,234.5". */
export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits }).format(value);
}

/**
 * Whether pdfkit can place this image (a PNG or JPEG it can read) within `max` pixels each way: checked when
 * an image is received, so a damaged or oversized file is refused then, not when a document is printed
 * months later. A PNG's compressed pixels are inflated here (bounded by what its size allows, so a small
 * file cannot unfold into gigabytes): pdfkit inflates those of a PNG with transparency later, outside any
 * try/catch.
 */
export function isPrintableImage(bytes: Buffer, max: { width: number; height: number }): boolean {
  try {
    const doc = new PDFDocument({ autoFirstPage: false }) as PDFKit.PDFDocument & {
      openImage(src: Buffer): { width: number; height: number; image?: { imgData?: Uint8Array } };
    };
    const image = doc.openImage(bytes);
    if (!(image.width > 0 && image.height > 0 && image.width <= max.width && image.height <= max.height)) {
      return false;
    }
    const compressed = image.image?.imgData;
    // At most 8 bytes a pixel (16-bit RGBA) and one filter byte a row.
    if (compressed) inflateSync(compressed, { maxOutputLength: image.height * (1 + image.width * 8) });
    return true;
  } catch {
    return false;
  }
}
