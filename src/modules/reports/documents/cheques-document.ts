/**
 * The « Chèques formation » part of the programme and funder reports' PDF and XLSX: the training cheques
 * received in the period at the programmes' workshops, by issuer (received, sent, pending, reimbursed,
 * rejected), with a total line. Counts and values only, never a person.
 */
import type ExcelJS from 'exceljs';
import type { Locale } from '../../../lib/messages.ts';
import { drawTable, formatNumber, type PdfDocument } from '../../../lib/pdf.ts';
import { type ChequeFigures, sumFigures } from '../../cheques/report.ts';
import type { ChequeIssuer } from '../../cheques/schema.ts';
import { ensureSpace, formatEuros, heading, paragraph } from '../../programmes/documents/common.ts';
import { type Page, heading as pageHeading } from './network-pdf-kit.ts';

const TEXTS = {
  fr: {
    title: 'Chèques formation',
    none: 'Aucun chèque formation reçu sur la période.',
    note: 'Chèques reçus sur la période aux séances des ateliers ; « envoyés » : partis en lot chez l’émetteur (remboursés, refusés ou en attente).',
    issuer: 'Émetteur',
    received: 'Reçus',
    sent: 'Envoyés',
    pending: 'À envoyer',
    reimbursed: 'Remboursé',
    rejected: 'Refusés',
    count: 'nombre',
    total: 'Total',
    pass_numerique: 'Pass numérique',
    regional: 'Chèque régional',
    other: 'Autre émetteur',
  },
  en: {
    title: 'Training cheques',
    none: 'No training cheque received in the period.',
    note: 'Cheques received in the period at the workshops’ sessions; “sent”: gone to the issuer in a batch (reimbursed, rejected or awaiting).',
    issuer: 'Issuer',
    received: 'Received',
    sent: 'Sent',
    pending: 'To send',
    reimbursed: 'Reimbursed',
    rejected: 'Rejected',
    count: 'number',
    total: 'Total',
    pass_numerique: 'Pass numérique',
    regional: 'Regional cheque',
    other: 'Other issuer',
  },
} as const;

type Line = { label: string; figures: Omit<ChequeFigures, 'issuer'> };

function lines(cheques: ChequeFigures[], locale: Locale): Line[] {
  const tx = TEXTS[locale];
  const rows: Line[] = cheques.map((c) => ({ label: tx[c.issuer as ChequeIssuer], figures: c }));
  if (cheques.length > 1) rows.push({ label: tx.total, figures: sumFigures(cheques) });
  return rows;
}

function drawChequeTable(
  doc: PdfDocument,
  cheques: ChequeFigures[],
  locale: Locale,
  x?: number,
  width?: number,
) {
  const tx = TEXTS[locale];
  const tally = (t: { count: number; cents: number }) =>
    `${formatNumber(t.count, locale, 0)} · ${formatEuros(t.cents, locale)}`;
  drawTable(doc, {
    ...(x === undefined ? {} : { x }),
    ...(width === undefined ? {} : { width }),
    fontSize: 8,
    rows: lines(cheques, locale),
    columns: [
      { header: tx.issuer, width: 1.6, value: (r: Line) => r.label },
      { header: tx.received, width: 1.2, align: 'right', value: (r: Line) => tally(r.figures.received) },
      { header: tx.sent, width: 1.2, align: 'right', value: (r: Line) => tally(r.figures.sent) },
      { header: tx.pending, width: 1.2, align: 'right', value: (r: Line) => tally(r.figures.pending) },
      {
        header: tx.reimbursed,
        width: 1,
        align: 'right',
        value: (r: Line) => formatEuros(r.figures.reimbursedCents, locale),
      },
      { header: tx.rejected, width: 1.2, align: 'right', value: (r: Line) => tally(r.figures.rejected) },
    ],
  });
}

/** The part in the programme report's PDF (its headings and paragraphs). */
export function drawReportCheques(doc: PdfDocument, cheques: ChequeFigures[], locale: Locale): void {
  const tx = TEXTS[locale];
  heading(doc, tx.title);
  if (cheques.length === 0) {
    paragraph(doc, tx.none, { fontSize: 9 });
    return;
  }
  ensureSpace(doc, 50);
  drawChequeTable(doc, cheques, locale);
  doc.moveDown(0.4);
  paragraph(doc, tx.note, { fontSize: 8 });
}

/** The part in the funder report's PDF (the network documents' page furniture). */
export function drawFunderCheques(page: Page, cheques: ChequeFigures[], locale: Locale): void {
  const tx = TEXTS[locale];
  pageHeading(page, tx.title);
  const text = (s: string) => page.doc.fontSize(8).text(s, page.left, page.doc.y + 2, { width: page.width });
  if (cheques.length === 0) {
    text(tx.none);
    return;
  }
  drawChequeTable(page.doc, cheques, locale, page.left, page.width);
  text(tx.note);
}

/**
 * A « Chèques formation » sheet: one row per issuer (and a total), counts as numbers and values in euros
 * with a currency format.
 */
export function addChequesSheet(workbook: ExcelJS.Workbook, cheques: ChequeFigures[], locale: Locale): void {
  const tx = TEXTS[locale];
  const sheet = workbook.addWorksheet(tx.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  const pair = (name: string) => [`${name} (${tx.count})`, `${name} (€)`];
  sheet.addRow([
    tx.issuer,
    ...pair(tx.received),
    ...pair(tx.sent),
    ...pair(tx.pending),
    `${tx.reimbursed} (€)`,
    ...pair(tx.rejected),
  ]).font = { bold: true };
  if (cheques.length === 0) sheet.addRow([tx.none]);
  for (const line of lines(cheques, locale)) {
    const f = line.figures;
    const row = sheet.addRow([
      line.label,
      f.received.count,
      f.received.cents / 100,
      f.sent.count,
      f.sent.cents / 100,
      f.pending.count,
      f.pending.cents / 100,
      f.reimbursedCents / 100,
      f.rejected.count,
      f.rejected.cents / 100,
    ]);
    for (const c of [3, 5, 7, 8, 10]) row.getCell(c).numFmt = '#,##0.00 "€"';
  }
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 24 : 14;
  });
}
