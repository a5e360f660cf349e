/**
 * The financial statement as PDF (pdfkit, embedded fonts) and XLSX (exceljs), drawn from the statement
 * object alone, in French or English.
 */
import ExcelJS from 'exceljs';
import type { Locale } from '../../lib/messages.ts';
import { addPageNumbers, createPdf, drawTable, formatDate, formatDay, pdfToBuffer } from '../../lib/pdf.ts';
import { ensureSpace, formatEuros, heading, paragraph } from '../programmes/documents/common.ts';
import {
  addRows,
  drawSpendingTable,
  eurCell,
  pctCell,
} from '../reports/documents/programme-report-budget-document.ts';
import type { BudgetFunding } from './figures.ts';
import type { FinancialStatement } from './statement.ts';
import { bt, categoryLabel, coveredYears, fundingStatusLabel } from './statement-texts.ts';

const percent = (share: number, locale: Locale) =>
  new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(share);

const titleOf = (s: FinancialStatement, locale: Locale) =>
  bt(locale, s.funding ? 'statement_agreement_title' : 'statement_title');

/**
 * The rows of the co-financing table: the agreements (or the one agreement of an agreement's statement),
 * then the subsidies recorded on handovers per funder (computed, « Subventions à la remise (calculées) »).
 */
function coFinancingRows(s: FinancialStatement, locale: Locale) {
  const agreements = (s.funding ? [s.funding] : s.figures.fundings).map((x) => ({
    ...x,
    reference: x.agreementReference ?? '—',
  }));
  if (s.funding) return agreements;
  return [
    ...agreements,
    ...s.figures.handoverSubsidies.map((x) => ({
      ...x,
      status: 'received' as const,
      reference: bt(locale, 'handover_subsidies'),
    })),
  ];
}

function agreementDates(f: BudgetFunding, locale: Locale): string {
  if (!f.agreementStartsOn || !f.agreementEndsOn) return bt(locale, 'statement_no_dates');
  return bt(locale, 'statement_dates', {
    from: formatDay(f.agreementStartsOn, locale),
    to: formatDay(f.agreementEndsOn, locale),
  });
}

type Row = { cells: string[]; bold?: boolean };

function table(doc: PDFKit.PDFDocument, headers: string[], rows: Row[], widths: number[]): void {
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

/** The statement as PDF: who and when, the agreement (if one), spending per item, co-financing, unit costs. */
export async function renderStatementPdf(s: FinancialStatement, locale: Locale): Promise<Buffer> {
  const title = titleOf(s, locale);
  const doc = createPdf({
    title: `${title} — ${s.programme.name}`,
    subject: s.programme.name,
    author: s.programme.ownerName,
    locale,
    // Landscape: the co-financing table's eight columns keep their headers and references whole.
    layout: 'landscape',
    margins: { top: 42, bottom: 46, left: 54, right: 54 },
  });
  const eur = (cents: number) => formatEuros(cents, locale);
  const f = s.figures;

  paragraph(doc, title, { fontSize: 18, bold: true, gapAfter: 2 });
  paragraph(doc, bt(locale, 'statement_programme', { name: s.programme.name }), { fontSize: 13, bold: true });
  paragraph(doc, bt(locale, 'statement_owner', { owner: s.programme.ownerName }), { gapAfter: 0 });
  paragraph(
    doc,
    s.period
      ? bt(locale, 'statement_period', {
          from: formatDay(s.period.from, locale),
          to: formatDay(s.period.to, locale),
        })
      : bt(locale, 'statement_all_time'),
    { gapAfter: 0 },
  );
  const covered = coveredYears(locale, f.coveredFrom, f.coveredTo);
  if (covered) paragraph(doc, covered, { gapAfter: 0 });
  if (s.periodCompleted)
    paragraph(doc, bt(locale, 'statement_dates_completed'), { fontSize: 9, gapAfter: 0 });
  paragraph(doc, bt(locale, 'statement_generated', { date: formatDate(s.generatedAt, locale) }), {
    fontSize: 8,
    gapAfter: 8,
  });

  if (s.funding) {
    const a = s.funding;
    heading(doc, bt(locale, 'statement_agreement'));
    paragraph(doc, bt(locale, 'statement_funder', { funder: a.funderName }), { gapAfter: 0 });
    paragraph(
      doc,
      a.agreementReference
        ? bt(locale, 'statement_reference', { reference: a.agreementReference })
        : bt(locale, 'statement_no_reference'),
      { gapAfter: 0 },
    );
    paragraph(doc, agreementDates(a, locale), { gapAfter: 6 });
    table(
      doc,
      [
        bt(locale, 'col_status'),
        bt(locale, 'col_requested'),
        bt(locale, 'col_granted'),
        bt(locale, 'col_received'),
      ],
      [
        {
          cells: [
            fundingStatusLabel(locale, a.status),
            eur(a.requestedCents),
            eur(a.grantedCents),
            eur(a.receivedCents),
          ],
        },
      ],
      [2, 1, 1, 1],
    );
  }

  heading(doc, bt(locale, 'section_spending'));
  if (f.lines.length === 0) paragraph(doc, bt(locale, 'budget_none'), { fontSize: 9 });
  else {
    drawSpendingTable(doc, f, locale);
    paragraph(doc, bt(locale, 'derived_note'), { fontSize: 8 });
    // Overspending happens: it is accepted, and said on the line.
    for (const line of f.lines.filter((l) => l.spentCents > l.plannedCents))
      paragraph(
        doc,
        bt(locale, 'overspent_line', {
          label: line.label,
          year: String(line.year),
          spent: eur(line.spentCents),
          planned: eur(line.plannedCents),
        }),
        { fontSize: 9, bold: true },
      );
  }

  heading(doc, bt(locale, 'section_fundings'));
  const fundingsShown = coFinancingRows(s, locale);
  table(
    doc,
    [
      bt(locale, 'col_funder'),
      bt(locale, 'col_reference'),
      bt(locale, 'col_status'),
      bt(locale, 'col_requested'),
      bt(locale, 'col_granted'),
      bt(locale, 'col_received'),
      bt(locale, 'col_share_granted'),
      bt(locale, 'col_share_planned'),
    ],
    [
      ...fundingsShown.map((x) => ({
        cells: [
          x.funderName,
          x.reference,
          fundingStatusLabel(locale, x.status),
          eur(x.requestedCents),
          eur(x.grantedCents),
          eur(x.receivedCents),
          percent(x.shareOfGranted, locale),
          x.shareOfPlanned === null ? '—' : percent(x.shareOfPlanned, locale),
        ],
      })),
      ...(s.funding
        ? []
        : [
            {
              cells: [
                bt(locale, 'total'),
                '',
                '',
                eur(f.funding.requestedCents),
                eur(f.funding.grantedCents),
                eur(f.funding.receivedCents),
                '',
                '',
              ],
              bold: true,
            },
            {
              cells: [bt(locale, 'unfunded'), '', '', '', eur(f.funding.unfundedCents), '', '', ''],
              bold: true,
            },
            ...(f.funding.overfundedCents > 0
              ? [
                  {
                    cells: [bt(locale, 'overfunded'), '', '', '', eur(f.funding.overfundedCents), '', '', ''],
                    bold: true,
                  },
                ]
              : []),
          ]),
    ],
    [2, 1.8, 1.2, 1, 1, 1, 1.1, 1.1],
  );

  const cost = (cents: number | null) => (cents === null ? bt(locale, 'cost_none') : eur(cents));
  table(
    doc,
    [bt(locale, 'section_costs'), ''],
    [
      { cells: [bt(locale, 'people_equipped'), String(f.peopleEquipped)] },
      { cells: [bt(locale, 'devices_handed_over'), String(f.devicesHandedOver)] },
      { cells: [bt(locale, 'cost_per_person'), cost(f.costPerPersonCents)] },
      { cells: [bt(locale, 'cost_per_device'), cost(f.costPerDeviceCents)] },
    ],
    [3, 1.2],
  );
  paragraph(doc, bt(locale, 'costs_base'), { fontSize: 8 });

  addPageNumbers(doc, { left: `${title} — ${s.programme.name}`, fontSize: 8 });
  return pdfToBuffer(doc);
}

/** The statement as XLSX: a summary sheet, the spending per item and the co-financing, numbers as numbers. */
export async function renderStatementXlsx(s: FinancialStatement, locale: Locale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Seconde Vie';
  workbook.title = `${titleOf(s, locale)} — ${s.programme.name}`;
  const f = s.figures;

  const summary = workbook.addWorksheet(bt(locale, 'sheet_statement'));
  addRows(summary, [[titleOf(s, locale)]], true);
  addRows(summary, [
    [bt(locale, 'statement_programme', { name: s.programme.name })],
    [bt(locale, 'statement_owner', { owner: s.programme.ownerName })],
    [
      s.period
        ? bt(locale, 'statement_period', { from: s.period.from, to: s.period.to })
        : bt(locale, 'statement_all_time'),
    ],
    [coveredYears(locale, f.coveredFrom, f.coveredTo) ?? ''],
    ...(s.periodCompleted ? [[bt(locale, 'statement_dates_completed')]] : []),
    [],
  ]);
  if (s.funding) {
    const a = s.funding;
    addRows(summary, [
      [bt(locale, 'col_funder'), a.funderName],
      [bt(locale, 'col_reference'), a.agreementReference ?? ''],
      [bt(locale, 'col_dates'), a.agreementStartsOn ?? '', a.agreementEndsOn ?? ''],
      [bt(locale, 'col_status'), fundingStatusLabel(locale, a.status)],
      [bt(locale, 'col_requested'), eurCell(a.requestedCents)],
      [bt(locale, 'col_granted'), eurCell(a.grantedCents)],
      [bt(locale, 'col_received'), eurCell(a.receivedCents)],
      [],
    ]);
  }
  addRows(summary, [
    [bt(locale, 'col_planned'), eurCell(f.totals.plannedCents)],
    [bt(locale, 'col_committed'), eurCell(f.totals.committedCents)],
    [bt(locale, 'col_spent'), eurCell(f.totals.spentCents)],
    [bt(locale, 'people_equipped'), f.peopleEquipped],
    [bt(locale, 'devices_handed_over'), f.devicesHandedOver],
    [bt(locale, 'cost_per_person'), f.costPerPersonCents === null ? null : eurCell(f.costPerPersonCents)],
    [bt(locale, 'cost_per_device'), f.costPerDeviceCents === null ? null : eurCell(f.costPerDeviceCents)],
  ]);

  const spending = workbook.addWorksheet(bt(locale, 'sheet_spending'), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  addRows(
    spending,
    [
      [
        bt(locale, 'col_category'),
        bt(locale, 'col_planned'),
        bt(locale, 'col_committed'),
        bt(locale, 'col_spent'),
        bt(locale, 'col_gap'),
      ],
    ],
    true,
  );
  addRows(
    spending,
    f.categories.map((c) => [
      categoryLabel(locale, c.category),
      eurCell(c.plannedCents),
      eurCell(c.committedCents),
      eurCell(c.spentCents),
      eurCell(c.plannedCents - c.spentCents),
    ]),
  );
  addRows(
    spending,
    [
      [
        bt(locale, 'total'),
        eurCell(f.totals.plannedCents),
        eurCell(f.totals.committedCents),
        eurCell(f.totals.spentCents),
        eurCell(f.totals.plannedCents - f.totals.spentCents),
      ],
    ],
    true,
  );

  const co = workbook.addWorksheet(bt(locale, 'sheet_fundings'), { views: [{ state: 'frozen', ySplit: 1 }] });
  addRows(
    co,
    [
      [
        bt(locale, 'col_funder'),
        bt(locale, 'col_reference'),
        bt(locale, 'col_status'),
        bt(locale, 'col_requested'),
        bt(locale, 'col_granted'),
        bt(locale, 'col_received'),
        bt(locale, 'col_share_granted'),
        bt(locale, 'col_share_planned'),
      ],
    ],
    true,
  );
  addRows(
    co,
    coFinancingRows(s, locale).map((x) => [
      x.funderName,
      x.reference === '—' ? '' : x.reference,
      fundingStatusLabel(locale, x.status),
      eurCell(x.requestedCents),
      eurCell(x.grantedCents),
      eurCell(x.receivedCents),
      pctCell(x.shareOfGranted),
      pctCell(x.shareOfPlanned),
    ]),
  );
  if (!s.funding)
    addRows(
      co,
      [
        [
          bt(locale, 'total'),
          '',
          '',
          eurCell(f.funding.requestedCents),
          eurCell(f.funding.grantedCents),
          eurCell(f.funding.receivedCents),
        ],
        [bt(locale, 'unfunded'), '', '', null, eurCell(f.funding.unfundedCents)],
        ...(f.funding.overfundedCents > 0
          ? [[bt(locale, 'overfunded'), '', '', null, eurCell(f.funding.overfundedCents)]]
          : []),
      ],
      true,
    );
  for (const sheet of [summary, spending, co])
    sheet.columns.forEach((column, i) => {
      column.width = i === 0 ? 40 : 18;
    });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
