/**
 * The programme report's « Budget » section in its files: a PDF part, an XLSX sheet and the CSV figures.
 * Drawn from `report.budget` alone.
 */
import type ExcelJS from 'exceljs';
import type { Locale } from '../../../lib/messages.ts';
import { drawTable, type PdfDocument } from '../../../lib/pdf.ts';
import { xlsxCell } from '../../../lib/spreadsheet-safety.ts';
import { bt, categoryLabel, coveredYears } from '../../budgets/statement-texts.ts';
import { ensureSpace, formatEuros, heading, paragraph } from '../../programmes/documents/common.ts';
import type { ProgrammeReportBudget } from '../programme-report-budget.ts';

const percent = (share: number, locale: Locale) =>
  new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(share);

type Row = { cells: string[]; bold?: boolean };

function table(doc: PdfDocument, headers: string[], rows: Row[], widths: number[]): void {
  ensureSpace(doc, 50);
  drawTable(doc, {
    columns: headers.map((header, i) => ({
      header,
      width: widths[i] ?? 1,
      align: i === 0 ? ('left' as const) : ('right' as const),
      value: (r: Row) => r.cells[i] ?? '',
      style: (r: Row) => (r.bold ? { bold: true } : undefined),
    })),
    rows,
    fontSize: 9,
  });
  doc.moveDown(0.6);
}

/** Planned, committed and spent per category, then the total (PDF). */
export function drawSpendingTable(
  doc: PdfDocument,
  budget: Pick<ProgrammeReportBudget, 'categories' | 'totals'>,
  locale: Locale,
): void {
  const eur = (cents: number) => formatEuros(cents, locale);
  table(
    doc,
    [
      bt(locale, 'col_category'),
      bt(locale, 'col_planned'),
      bt(locale, 'col_committed'),
      bt(locale, 'col_spent'),
    ],
    [
      ...budget.categories.map((c) => ({
        cells: [
          categoryLabel(locale, c.category),
          eur(c.plannedCents),
          eur(c.committedCents),
          eur(c.spentCents),
        ],
      })),
      {
        cells: [
          bt(locale, 'total'),
          eur(budget.totals.plannedCents),
          eur(budget.totals.committedCents),
          eur(budget.totals.spentCents),
        ],
        bold: true,
      },
    ],
    [2.4, 1, 1, 1],
  );
}

/** The « Budget » part of the programme report's PDF. */
export function drawReportBudget(doc: PdfDocument, budget: ProgrammeReportBudget, locale: Locale): void {
  const eur = (cents: number) => formatEuros(cents, locale);
  heading(doc, bt(locale, 'section_budget'));
  paragraph(doc, coveredYears(locale, budget.coveredFrom, budget.coveredTo) ?? '', { fontSize: 9 });
  if (!budget.recorded) {
    paragraph(doc, bt(locale, 'budget_none'), { fontSize: 9 });
    return;
  }
  drawSpendingTable(doc, budget, locale);
  const cost = (cents: number | null) => (cents === null ? bt(locale, 'cost_none') : eur(cents));
  table(
    doc,
    [bt(locale, 'section_costs'), ''],
    [
      { cells: [bt(locale, 'cost_per_person'), cost(budget.costPerPersonCents)] },
      { cells: [bt(locale, 'cost_per_device'), cost(budget.costPerDeviceCents)] },
    ],
    [3, 1.2],
  );
  paragraph(doc, bt(locale, 'costs_base'), { fontSize: 9 });
  if (budget.funders.length > 0)
    table(
      doc,
      [
        bt(locale, 'col_funder'),
        bt(locale, 'col_granted'),
        bt(locale, 'col_received'),
        bt(locale, 'col_share_granted'),
        bt(locale, 'col_share_planned'),
      ],
      [
        ...budget.funders.map((f) => ({
          cells: [
            f.funderName,
            eur(f.grantedCents),
            eur(f.receivedCents),
            percent(f.shareOfGranted, locale),
            f.shareOfPlanned === null ? '—' : percent(f.shareOfPlanned, locale),
          ],
        })),
        { cells: [bt(locale, 'unfunded'), eur(budget.funding.unfundedCents), '', '', ''], bold: true },
        ...(budget.funding.overfundedCents > 0
          ? [
              {
                cells: [bt(locale, 'overfunded'), eur(budget.funding.overfundedCents), '', '', ''],
                bold: true,
              },
            ]
          : []),
      ],
      [2.4, 1, 1, 1, 1],
    );
}

const FORMATS = { eur: '#,##0.00 "€"', pct: '0.0%' } as const;
type Cell = string | number | null | { value: number; format: keyof typeof FORMATS };
export const eurCell = (cents: number): Cell => ({ value: cents / 100, format: 'eur' });
export const pctCell = (share: number | null): Cell =>
  share === null ? null : { value: share, format: 'pct' };

/** Appends rows to a sheet: numbers stored as numbers (euros, fractions shown as percentages). */
export function addRows(sheet: ExcelJS.Worksheet, rows: Cell[][], bold = false): void {
  for (const cells of rows) {
    const row = sheet.addRow(cells.map((c) => (c !== null && typeof c === 'object' ? c.value : xlsxCell(c))));
    if (bold) row.font = { bold: true };
    cells.forEach((c, i) => {
      if (c !== null && typeof c === 'object') row.getCell(i + 1).numFmt = FORMATS[c.format];
    });
  }
}

/** The « Budget » sheet of the programme report's workbook. */
export function addReportBudgetSheet(
  workbook: ExcelJS.Workbook,
  budget: ProgrammeReportBudget,
  locale: Locale,
): void {
  const sheet = workbook.addWorksheet(bt(locale, 'section_budget'), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  addRows(
    sheet,
    [
      [
        bt(locale, 'col_category'),
        bt(locale, 'col_planned'),
        bt(locale, 'col_committed'),
        bt(locale, 'col_spent'),
      ],
    ],
    true,
  );
  addRows(
    sheet,
    budget.categories.map((c) => [
      categoryLabel(locale, c.category),
      eurCell(c.plannedCents),
      eurCell(c.committedCents),
      eurCell(c.spentCents),
    ]),
  );
  const t = budget.totals;
  addRows(
    sheet,
    [[bt(locale, 'total'), eurCell(t.plannedCents), eurCell(t.committedCents), eurCell(t.spentCents)]],
    true,
  );
  addRows(sheet, [
    [coveredYears(locale, budget.coveredFrom, budget.coveredTo) ?? ''],
    [],
    [
      bt(locale, 'cost_per_person'),
      budget.costPerPersonCents === null ? null : eurCell(budget.costPerPersonCents),
    ],
    [
      bt(locale, 'cost_per_device'),
      budget.costPerDeviceCents === null ? null : eurCell(budget.costPerDeviceCents),
    ],
    [],
  ]);
  addRows(
    sheet,
    [
      [
        bt(locale, 'col_funder'),
        bt(locale, 'col_granted'),
        bt(locale, 'col_received'),
        bt(locale, 'col_share_granted'),
        bt(locale, 'col_share_planned'),
      ],
    ],
    true,
  );
  addRows(
    sheet,
    budget.funders.map((f) => [
      f.funderName,
      eurCell(f.grantedCents),
      eurCell(f.receivedCents),
      pctCell(f.shareOfGranted),
      pctCell(f.shareOfPlanned),
    ]),
  );
  addRows(
    sheet,
    [
      [bt(locale, 'unfunded'), eurCell(budget.funding.unfundedCents)],
      [bt(locale, 'overfunded'), eurCell(budget.funding.overfundedCents)],
    ],
    true,
  );
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 40 : 18;
  });
}
