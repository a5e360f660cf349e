import ExcelJS from 'exceljs';
import type { Locale } from '../../../lib/messages.ts';
import { drawTable, FONTS, formatNumber } from '../../../lib/pdf.ts';
import { xlsxCell } from '../../../lib/spreadsheet-safety.ts';
import { euros } from '../../distribution/documents/common.ts';
import type { FunderReport, FunderReportProgramme } from '../funder-types.ts';
import { addChequesSheet, drawFunderCheques } from './cheques-document.ts';
import { addFunderBudgetSheet, drawFunderBudgets } from './funder-report-budget-document.ts';
import {
  drawFigures,
  finishDocument,
  heading,
  note,
  periodText,
  startDocument,
  toCsv,
} from './network-pdf-kit.ts';
import { decimal, eurosNumber, groupLabel, modeLabel, nt, percent } from './network-texts.ts';

const orDash = (value: number | null, show: (n: number) => string) => (value === null ? '—' : show(value));

/** The funder report as PDF: totals first, then each programme's units, amounts and publics against targets. */
export async function renderFunderReportPdf(report: FunderReport, locale: Locale): Promise<Buffer> {
  const page = startDocument({
    locale,
    title: nt(locale, 'funder.title'),
    organisation: report.funder.name,
    subtitle: `${nt(locale, 'common.period')} : ${periodText(locale, report.period)}`,
  });
  const { doc, left, width } = page;
  const n = (value: number) => formatNumber(value, locale, 0);
  const money = (cents: number) => euros(cents, locale);
  if (report.scope === 'owner') note(page, nt(locale, 'funder.scope_owner'));
  drawFigures(page, [
    [nt(locale, 'funder.units'), n(report.totals.unitsSubsidised)],
    [nt(locale, 'funder.subsidies'), money(report.totals.subsidiesCents)],
    [nt(locale, 'funder.aids_count'), n(report.totals.internetAids.count)],
    [nt(locale, 'funder.total'), money(report.totals.totalCents)],
    [nt(locale, 'funder.reached'), n(report.totals.reached)],
  ]);

  heading(page, nt(locale, 'funder.programmes'));
  if (report.programmes.length === 0) {
    doc.font(FONTS.regular).fontSize(9).text(nt(locale, 'funder.no_programme'), left, doc.y, { width });
  } else {
    drawTable(doc, {
      x: left,
      width,
      fontSize: 7.5,
      padding: 2.5,
      rows: report.programmes,
      columns: [
        {
          header: nt(locale, 'funder.programme'),
          width: 2.4,
          value: (p) =>
            `${p.programme.name}\n${p.programme.ownerName} · ${modeLabel(locale, p.programme.mode)}`,
        },
        {
          header: nt(locale, 'funder.subsidy_per_unit'),
          width: 1.1,
          align: 'right',
          value: (p) => orDash(p.subsidyPerUnitCents, money),
        },
        {
          header: nt(locale, 'funder.units'),
          width: 1.25,
          align: 'right',
          value: (p) => n(p.unitsSubsidised),
        },
        {
          header: nt(locale, 'funder.subsidies'),
          width: 1.1,
          align: 'right',
          value: (p) => money(p.subsidiesCents),
        },
        {
          header: nt(locale, 'funder.aids_count'),
          width: 1.3,
          align: 'right',
          value: (p) => `${n(p.internetAids.count)}\n${money(p.internetAids.totalCents)}`,
        },
        { header: nt(locale, 'funder.total'), width: 1.1, align: 'right', value: (p) => money(p.totalCents) },
        {
          header: `${nt(locale, 'funder.reached')} / ${nt(locale, 'funder.target')}`,
          width: 1.2,
          align: 'right',
          value: (p) =>
            `${n(p.reached)} / ${orDash(p.target.beneficiaries, n)}\n${percent(p.target.achievement, locale)}`,
        },
      ],
    });
    for (const p of report.programmes) {
      heading(page, `${nt(locale, 'funder.by_group')} — ${p.programme.name}`);
      drawTable(doc, {
        x: left,
        width,
        fontSize: 8,
        rows: p.byGroup,
        columns: [
          { header: nt(locale, 'funder.group'), width: 2, value: (g) => groupLabel(locale, g.group) },
          { header: nt(locale, 'funder.reached'), width: 1, align: 'right', value: (g) => n(g.reached) },
          {
            header: nt(locale, 'funder.target'),
            width: 1,
            align: 'right',
            value: (g) => orDash(g.target, n),
          },
          {
            header: nt(locale, 'funder.achievement'),
            width: 1,
            align: 'right',
            value: (g) => percent(g.achievement, locale),
          },
        ],
      });
    }
    heading(page, `${nt(locale, 'funder.by_group')} — ${nt(locale, 'funder.totals')}`);
    drawTable(doc, {
      x: left,
      width,
      fontSize: 8,
      rows: report.totals.byGroup,
      columns: [
        { header: nt(locale, 'funder.group'), width: 2, value: (g) => groupLabel(locale, g.group) },
        { header: nt(locale, 'funder.reached'), width: 1, align: 'right', value: (g) => n(g.reached) },
      ],
    });
  }
  if (report.programmes.length > 0) drawFunderBudgets(page, report, locale);
  drawFunderCheques(page, report.cheques, locale);
  note(page, nt(locale, 'funder.privacy'));
  return finishDocument(page, locale, report.funder.name);
}

/** The columns of the funder report's CSV and XLSX, one row per programme then a totals row. */
function header(locale: Locale): string[] {
  return [
    nt(locale, 'funder.programme'),
    nt(locale, 'funder.owner'),
    nt(locale, 'funder.mode'),
    `${nt(locale, 'funder.subsidy_per_unit')} (EUR)`,
    nt(locale, 'funder.units'),
    `${nt(locale, 'funder.subsidies')} (EUR)`,
    nt(locale, 'funder.aids_count'),
    `${nt(locale, 'funder.aids_total')} (EUR)`,
    `${nt(locale, 'funder.total')} (EUR)`,
    nt(locale, 'funder.reached'),
    nt(locale, 'funder.target'),
    nt(locale, 'funder.achievement'),
    ...(['pupil', 'job_seeker', 'senior', 'household', 'association'] as const).flatMap((g) => [
      `${groupLabel(locale, g)} — ${nt(locale, 'funder.reached')}`,
      `${groupLabel(locale, g)} — ${nt(locale, 'funder.target')}`,
    ]),
  ];
}

type Value = string | number | null;

/** One line of figures; money as `money(cents)` (euros in the CSV's writing, numbers in the XLSX). */
function line(p: FunderReportProgramme, locale: Locale, money: (cents: number) => Value): Value[] {
  return [
    p.programme.name,
    p.programme.ownerName,
    modeLabel(locale, p.programme.mode),
    p.subsidyPerUnitCents === null ? null : money(p.subsidyPerUnitCents),
    p.unitsSubsidised,
    money(p.subsidiesCents),
    p.internetAids.count,
    money(p.internetAids.totalCents),
    money(p.totalCents),
    p.reached,
    p.target.beneficiaries,
    p.target.achievement,
    ...p.byGroup.flatMap((g) => [g.reached, g.target]),
  ];
}

function totalsLine(report: FunderReport, locale: Locale, money: (cents: number) => Value): Value[] {
  const t = report.totals;
  return [
    nt(locale, 'funder.totals'),
    null,
    null,
    null,
    t.unitsSubsidised,
    money(t.subsidiesCents),
    t.internetAids.count,
    money(t.internetAids.totalCents),
    money(t.totalCents),
    t.reached,
    null,
    null,
    ...t.byGroup.flatMap((g) => [g.reached, null]),
  ];
}

/** The funder report as CSV (UTF-8 with BOM, `;`): one row per programme and a totals row; euros with cents. */
export function renderFunderReportCsv(report: FunderReport, locale: Locale): string {
  const money = (cents: number) => eurosNumber(cents, locale);
  // The achievement (column 12) stays a fraction, 0..1, written with the locale's decimal mark.
  const share = (row: Value[]) =>
    row.map((v, i) => (i === 11 && typeof v === 'number' ? decimal(v, locale) : v));
  return toCsv([
    header(locale),
    ...report.programmes.map((p) => share(line(p, locale, money))),
    totalsLine(report, locale, money),
  ]);
}

/**
 * The funder report as XLSX: a "Programmes" sheet (the CSV's columns, money as numbers in euros, the
 * achievement as a percentage) and a "Publics" sheet of the people reached per group in all.
 */
export async function renderFunderReportXlsx(report: FunderReport, locale: Locale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Seconde Vie';
  workbook.title = `${nt(locale, 'funder.title')} — ${report.funder.name}`;
  const sheet = workbook.addWorksheet(nt(locale, 'funder.programmes'), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.addRow(header(locale)).font = { bold: true };
  const money = (cents: number) => cents / 100;
  const moneyColumns = [4, 6, 8, 9];
  for (const values of [
    ...report.programmes.map((p) => line(p, locale, money)),
    totalsLine(report, locale, money),
  ]) {
    // An XLSX text cell is never evaluated: names are written as typed, without the CSV's apostrophe.
    const row = sheet.addRow(values.map(xlsxCell));
    for (const c of moneyColumns) row.getCell(c).numFmt = '#,##0.00 "€"';
    row.getCell(12).numFmt = '0.0%';
  }
  if (sheet.lastRow) sheet.lastRow.font = { bold: true };
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 36 : 16;
  });
  const groups = workbook.addWorksheet(nt(locale, 'funder.by_group').slice(0, 31));
  groups.addRow([nt(locale, 'funder.group'), nt(locale, 'funder.reached')]).font = { bold: true };
  for (const g of report.totals.byGroup) groups.addRow([groupLabel(locale, g.group), g.reached]);
  groups.addRow([nt(locale, 'funder.totals'), report.totals.reached]).font = { bold: true };
  groups.columns.forEach((column, i) => {
    column.width = i === 0 ? 30 : 16;
  });
  addFunderBudgetSheet(workbook, report, locale);
  addChequesSheet(workbook, report.cheques, locale);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
