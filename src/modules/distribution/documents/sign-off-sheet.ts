import type { Locale } from '../../../lib/messages.ts';
import { addPageNumbers, createPdf, FONTS, mm, type PdfDocument, pdfToBuffer } from '../../../lib/pdf.ts';
import {
  COLORS,
  day,
  ensureSpace,
  euros,
  fields,
  fixCreation,
  paragraph,
  partyDetails,
  present,
  textBox,
} from './common.ts';
import { deviceTypeLabel, modeLabel, t } from './texts.ts';
import type { DistributionMode, SignOffSheetInput, SignOffSheetRow } from './types.ts';

/** Room to sign by hand: every row is at least this tall. */
const SIGNATURE_HEIGHT = mm(15);
/** A row never grows past this (a very long name is cut with an ellipsis), so that it always fits a page. */
const MAX_ROW_HEIGHT = mm(40);
const PADDING = 5;
const FONT_SIZE = 10;
const HEADER_FONT_SIZE = 9.5;
const BORDER = '#8a8a8a';

/** Fixed widths in points for the number, amount and signature; the name and device share the rest. */
const INDEX_WIDTH = 34;
const AMOUNT_WIDTH = 82;
const SIGNATURE_WIDTH = 210;
const NAME_SHARE = 0.45;

const FOOTER_BOX_WIDTH = 260;
const FOOTER_BOX_HEIGHT = 64;
const FOOTER_GAP = 16;
const FOOTER_HEIGHT = FOOTER_GAP + FOOTER_BOX_HEIGHT + 4;

interface Columns {
  lefts: [number, number, number, number, number];
  widths: [number, number, number, number, number];
  left: number;
  width: number;
}

function columnsOf(doc: PdfDocument): Columns {
  const { left, width } = textBox(doc);
  const shared = width - INDEX_WIDTH - AMOUNT_WIDTH - SIGNATURE_WIDTH;
  const name = shared * NAME_SHARE;
  const widths: Columns['widths'] = [INDEX_WIDTH, name, shared - name, AMOUNT_WIDTH, SIGNATURE_WIDTH];
  const lefts = widths.map((_, i) => left + widths.slice(0, i).reduce((sum, w) => sum + w, 0));
  return { lefts: lefts as Columns['lefts'], widths, left, width };
}

/** What a row prints, already in words. */
interface Cells {
  index: string;
  name: string;
  assetTag: string;
  device: string;
  amount: string;
}

function cellsOf(row: SignOffSheetRow, index: number, mode: DistributionMode, locale: Locale): Cells {
  const brandModel = [row.device.brand, row.device.model].filter(present).join(' ');
  return {
    index: String(index + 1),
    name: row.name,
    assetTag: row.device.assetTag,
    device: [deviceTypeLabel(locale, row.device.type), brandModel].filter(present).join(' — '),
    amount:
      mode === 'sale' && row.amountCents !== null ? euros(row.amountCents, locale) : t(locale, 'common.none'),
  };
}

const inner = (width: number) => width - 2 * PADDING;

/** The height of a row: its text, never less than the room to sign, never more than MAX_ROW_HEIGHT. */
function rowHeight(doc: PdfDocument, cells: Cells, columns: Columns): number {
  const [, nameWidth, deviceWidth] = columns.widths;
  doc.font(FONTS.regular).fontSize(FONT_SIZE);
  const name = doc.heightOfString(cells.name, { width: inner(nameWidth) });
  doc.font(FONTS.mono).fontSize(FONT_SIZE);
  let device = doc.heightOfString(cells.assetTag, { width: inner(deviceWidth) }) + 2;
  doc.font(FONTS.regular).fontSize(FONT_SIZE - 0.5);
  device += doc.heightOfString(cells.device, { width: inner(deviceWidth) });
  return Math.min(MAX_ROW_HEIGHT, Math.max(SIGNATURE_HEIGHT, name + 2 * PADDING, device + 2 * PADDING));
}

/** The cell borders of a row (or of the header) from `top`, `height` points tall. */
function drawGrid(doc: PdfDocument, columns: Columns, top: number, height: number): void {
  doc.save().lineWidth(0.6).strokeColor(BORDER).rect(columns.left, top, columns.width, height);
  for (const x of columns.lefts.slice(1)) doc.moveTo(x, top).lineTo(x, top + height);
  doc.stroke().restore();
}

function headerHeight(doc: PdfDocument, locale: Locale, columns: Columns): number {
  doc.font(FONTS.bold).fontSize(HEADER_FONT_SIZE);
  const headers = headerTexts(locale);
  return (
    Math.max(
      ...headers.map((text, i) => doc.heightOfString(text, { width: inner(columns.widths[i] ?? 0) })),
    ) +
    2 * PADDING
  );
}

const headerTexts = (locale: Locale) => [
  t(locale, 'signoff.col_index'),
  t(locale, 'signoff.col_name'),
  t(locale, 'signoff.col_device'),
  t(locale, 'signoff.col_amount'),
  t(locale, 'signoff.col_signature'),
];

function drawHeaderRow(doc: PdfDocument, locale: Locale, columns: Columns, top: number): number {
  const height = headerHeight(doc, locale, columns);
  doc.save().rect(columns.left, top, columns.width, height).fill('#e4e4e4').restore();
  doc.font(FONTS.bold).fontSize(HEADER_FONT_SIZE).fillColor(COLORS.text);
  headerTexts(locale).forEach((text, i) => {
    doc.text(text, (columns.lefts[i] ?? 0) + PADDING, top + PADDING, {
      width: inner(columns.widths[i] ?? 0),
      align: i === 0 || i === 3 ? 'right' : 'left',
    });
  });
  drawGrid(doc, columns, top, height);
  return top + height;
}

function drawRow(doc: PdfDocument, cells: Cells, columns: Columns, top: number, height: number): void {
  const [indexLeft, nameLeft, deviceLeft, amountLeft] = columns.lefts;
  const [indexWidth, nameWidth, deviceWidth, amountWidth] = columns.widths;
  const y = top + PADDING;
  const room = height - 2 * PADDING;
  doc
    .font(FONTS.regular)
    .fontSize(FONT_SIZE)
    .fillColor(COLORS.text)
    .text(cells.index, indexLeft + PADDING, y, { width: inner(indexWidth), align: 'right' })
    .text(cells.name, nameLeft + PADDING, y, { width: inner(nameWidth), height: room, ellipsis: true });
  doc
    .font(FONTS.mono)
    .fontSize(FONT_SIZE)
    .text(cells.assetTag, deviceLeft + PADDING, y, { width: inner(deviceWidth) });
  doc
    .font(FONTS.regular)
    .fontSize(FONT_SIZE - 0.5)
    .fillColor('#333333')
    .text(cells.device, deviceLeft + PADDING, doc.y + 2, {
      width: inner(deviceWidth),
      height: Math.max(1, top + height - PADDING - (doc.y + 2)),
      ellipsis: true,
    });
  doc
    .font(FONTS.regular)
    .fontSize(FONT_SIZE)
    .fillColor(COLORS.text)
    .text(cells.amount, amountLeft + PADDING, y, { width: inner(amountWidth), align: 'right' });
  drawGrid(doc, columns, top, height);
}

/**
 * The table of the handovers: one row per handover, each tall enough to sign in; a row that would cross the
 * bottom margin goes whole to a new page, where the header is repeated; the last row moves with the "handed
 * over by" footer, so that the footer never stands alone on a page.
 */
function drawRows(doc: PdfDocument, input: SignOffSheetInput, locale: Locale): void {
  const columns = columnsOf(doc);
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const newPage = () => {
    doc.addPage();
    return drawHeaderRow(doc, locale, columns, doc.page.margins.top);
  };
  const firstRow = input.rows[0];
  const firstHeight = firstRow ? rowHeight(doc, cellsOf(firstRow, 0, input.mode, locale), columns) : 0;
  // The header goes with at least one row.
  let y =
    doc.y + headerHeight(doc, locale, columns) + firstHeight > bottom()
      ? newPage()
      : drawHeaderRow(doc, locale, columns, doc.y);
  input.rows.forEach((row, i) => {
    const cells = cellsOf(row, i, input.mode, locale);
    const height = rowHeight(doc, cells, columns);
    const needed = height + (i === input.rows.length - 1 ? FOOTER_HEIGHT : 0);
    if (y + needed > bottom()) y = newPage();
    drawRow(doc, cells, columns, y, height);
    y += height;
  });
  doc.x = columns.left;
  doc.y = y;
}

/** "Remis par : ____", the name and position under it, and a box to sign in. */
function drawHandedBy(doc: PdfDocument, locale: Locale): void {
  const { left, width } = textBox(doc);
  ensureSpace(doc, FOOTER_HEIGHT);
  const top = doc.y + FOOTER_GAP;
  const boxLeft = left + width - FOOTER_BOX_WIDTH;
  doc
    .font(FONTS.regular)
    .fontSize(11)
    .fillColor(COLORS.text)
    .text(t(locale, 'signoff.handed_by'), left, top + 8, { width: boxLeft - left - 20 });
  doc
    .fontSize(8.5)
    .fillColor(COLORS.muted)
    .text(t(locale, 'signoff.handed_by_hint'), left, doc.y + 2, { width: boxLeft - left - 20 });
  doc
    .save()
    .rect(boxLeft, top, FOOTER_BOX_WIDTH, FOOTER_BOX_HEIGHT)
    .lineWidth(0.6)
    .strokeColor(COLORS.line)
    .stroke()
    .restore();
  doc
    .fontSize(9)
    .fillColor(COLORS.muted)
    .text(t(locale, 'signoff.signature'), boxLeft + 8, top + 7, { width: FOOTER_BOX_WIDTH - 16 });
  doc.fillColor(COLORS.text).font(FONTS.regular);
  doc.x = left;
  doc.y = top + FOOTER_BOX_HEIGHT + 4;
}

/**
 * The sign-off sheet (« feuille d'émargement ») of a group handover event, printed before the event and signed
 * on paper: the issuer (the programme's owner), the programme, the day and place, then one row per handover —
 * number, name, device (asset tag, type, make and model), the amount to pay for a sale, and room to sign —
 * over as many landscape A4 pages as needed, and "handed over by" with a place to sign. The same input gives
 * the same bytes: the creation date is `generatedOn` and the file identifier derives from the metadata.
 */
export async function signOffSheetPdf(input: SignOffSheetInput, locale: Locale): Promise<Buffer> {
  const title = t(locale, 'signoff.title');
  const heldOn = day(input.event.heldOn, locale);
  const doc = createPdf({
    title: `${title} — ${heldOn}`,
    subject: input.programmeName,
    author: input.issuer.name,
    locale,
    layout: 'landscape',
    margins: { top: 36, bottom: 42, left: 40, right: 40 },
  });
  fixCreation(doc, input.generatedOn, 'generatedOn');

  const { left, width } = textBox(doc);
  doc
    .font(FONTS.bold)
    .fontSize(12)
    .fillColor(COLORS.text)
    .text(input.issuer.name, left, doc.page.margins.top, { width });
  const details = partyDetails(locale, input.issuer);
  if (details.length > 0)
    doc
      .font(FONTS.regular)
      .fontSize(9)
      .fillColor(COLORS.muted)
      .text(details.join(' · '), left, doc.y + 1, { width });
  doc
    .font(FONTS.bold)
    .fontSize(19)
    .fillColor(COLORS.text)
    .text(title, left, doc.y + 8, { width });
  if (present(input.event.title))
    doc
      .font(FONTS.bold)
      .fontSize(13)
      .fillColor(COLORS.heading)
      .text(input.event.title, left, doc.y + 2, { width });
  doc.fillColor(COLORS.text);
  doc.y += 6;
  fields(
    doc,
    [
      [t(locale, 'signoff.programme'), input.programmeName],
      [t(locale, 'signoff.date'), heldOn],
      [
        t(locale, 'signoff.place'),
        present(input.event.place) ? input.event.place : t(locale, 'signoff.blank'),
      ],
      [t(locale, 'signoff.mode'), modeLabel(locale, input.mode)],
      [t(locale, 'signoff.count'), String(input.rows.length)],
    ],
    { labelWidth: 150, fontSize: 10, gap: 2 },
  );
  doc.y += 4;

  if (input.rows.length === 0) {
    paragraph(doc, t(locale, 'signoff.empty'), { fontSize: 12, bold: true, gapAfter: 10 });
  } else {
    paragraph(doc, t(locale, 'signoff.intro'), { fontSize: 9.5, color: COLORS.muted, gapAfter: 6 });
    drawRows(doc, input, locale);
    drawHandedBy(doc, locale);
  }

  addPageNumbers(doc, {
    left: t(locale, 'signoff.footer', { title, date: heldOn, issuer: input.issuer.name }),
    fontSize: 8,
  });
  return pdfToBuffer(doc);
}
