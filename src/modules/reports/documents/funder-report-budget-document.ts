/**
 * The funder report's co-financing part in its PDF and XLSX: per programme, this funder's fundings
 * (requested, granted, received, agreement reference and dates), its share, and the programme's unit costs.
 */
import type ExcelJS from 'exceljs';
import type { Locale } from '../../../lib/messages.ts';
import { drawTable, formatDay } from '../../../lib/pdf.ts';
import { bt, fundingStatusLabel } from '../../budgets/statement-texts.ts';
import { formatEuros } from '../../programmes/documents/common.ts';
import type { FunderReport } from '../funder-types.ts';
import { heading, note, type Page } from './network-pdf-kit.ts';
import { addRows, eurCell, pctCell } from './programme-report-budget-document.ts';

const percent = (share: number, locale: Locale) =>
  new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(share);

function dates(from: string | null, to: string | null, locale: Locale): string {
  if (!from || !to) return '—';
  return bt(locale, 'statement_dates', { from: formatDay(from, locale), to: formatDay(to, locale) });
}

/** One part per programme whose co-financing names the funder or whose costs are known. */
export function drawFunderBudgets(page: Page, report: FunderReport, locale: Locale): void {
  const { doc, left, width } = page;
  const eur = (cents: number) => formatEuros(cents, locale);
  const cost = (cents: number | null) => (cents === null ? bt(locale, 'cost_none') : eur(cents));
  for (const p of report.programmes) {
    const b = p.budget;
    heading(page, bt(locale, 'funder_budget', { programme: p.programme.name }));
    if (b.fundings.length === 0) note(page, bt(locale, 'funder_no_funding'));
    else
      drawTable(doc, {
        x: left,
        width,
        fontSize: 8,
        rows: b.fundings,
        columns: [
          {
            header: bt(locale, 'col_reference'),
            width: 1.4,
            value: (f) => (f.derived ? bt(locale, 'handover_subsidies') : (f.agreementReference ?? '—')),
          },
          {
            header: bt(locale, 'col_dates'),
            width: 2,
            value: (f) => dates(f.agreementStartsOn, f.agreementEndsOn, locale),
          },
          {
            header: bt(locale, 'col_status'),
            width: 1.1,
            value: (f) => fundingStatusLabel(locale, f.status),
          },
          {
            header: bt(locale, 'col_requested'),
            width: 1,
            align: 'right',
            value: (f) => eur(f.requestedCents),
          },
          { header: bt(locale, 'col_granted'), width: 1, align: 'right', value: (f) => eur(f.grantedCents) },
          {
            header: bt(locale, 'col_received'),
            width: 1,
            align: 'right',
            value: (f) => eur(f.receivedCents),
          },
        ],
      });
    const funder = report.funder.name;
    drawTable(doc, {
      x: left,
      width,
      fontSize: 8,
      rows: [
        [bt(locale, 'funder_share', { funder }), percent(b.shareOfGranted, locale)],
        [
          bt(locale, 'funder_share_planned', { funder }),
          b.shareOfPlanned === null ? '—' : percent(b.shareOfPlanned, locale),
        ],
        [bt(locale, 'cost_per_person'), cost(b.costPerPersonCents)],
        [bt(locale, 'cost_per_device'), cost(b.costPerDeviceCents)],
      ],
      columns: [
        { header: bt(locale, 'section_costs'), width: 3, value: (r) => r[0] ?? '' },
        { header: '', width: 1, align: 'right', value: (r) => r[1] ?? '' },
      ],
    });
  }
}

/** A sheet of the funder's fundings per programme, with its share and the programme's unit costs. */
export function addFunderBudgetSheet(workbook: ExcelJS.Workbook, report: FunderReport, locale: Locale): void {
  const sheet = workbook.addWorksheet(bt(locale, 'sheet_funder_budget'), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  addRows(
    sheet,
    [
      [
        bt(locale, 'col_programme'),
        bt(locale, 'col_reference'),
        bt(locale, 'col_dates'),
        '',
        bt(locale, 'col_status'),
        bt(locale, 'col_requested'),
        bt(locale, 'col_granted'),
        bt(locale, 'col_received'),
        bt(locale, 'col_share_granted'),
        bt(locale, 'col_share_planned'),
        bt(locale, 'cost_per_person'),
        bt(locale, 'cost_per_device'),
      ],
    ],
    true,
  );
  for (const p of report.programmes) {
    const b = p.budget;
    const tail = [
      pctCell(b.shareOfGranted),
      pctCell(b.shareOfPlanned),
      b.costPerPersonCents === null ? null : eurCell(b.costPerPersonCents),
      b.costPerDeviceCents === null ? null : eurCell(b.costPerDeviceCents),
    ];
    if (b.fundings.length === 0)
      addRows(sheet, [[p.programme.name, null, null, null, null, null, null, null, ...tail]]);
    for (const f of b.fundings)
      addRows(sheet, [
        [
          p.programme.name,
          f.derived ? bt(locale, 'handover_subsidies') : f.agreementReference,
          f.agreementStartsOn,
          f.agreementEndsOn,
          fundingStatusLabel(locale, f.status),
          eurCell(f.requestedCents),
          eurCell(f.grantedCents),
          eurCell(f.receivedCents),
          ...tail,
        ],
      ]);
  }
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 36 : 16;
  });
}
