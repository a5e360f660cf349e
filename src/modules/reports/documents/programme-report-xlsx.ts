import ExcelJS from 'exceljs';
import { IMPACT_METHOD } from '../../../lib/impact.ts';
import type { Locale } from '../../../lib/messages.ts';
import { xlsxCell } from '../../../lib/spreadsheet-safety.ts';
import { bt } from '../../budgets/statement-texts.ts';
import type { ProgrammeReport } from '../programme-report.ts';
import { addChequesSheet } from './cheques-document.ts';
import { addReportBudgetSheet } from './programme-report-budget-document.ts';
import { label, type ProgrammeReportTextKey, t } from './programme-report-texts.ts';

/** Cell formats: money in euros, shares as percentages (the value stays a fraction 0..1), decimals. */
const FORMATS = {
  eur: '#,##0.00 "€"',
  pct: '0.0%',
  dec: '0.00',
  int: '0',
} as const;

type Cell = string | number | null | { value: number; format: keyof typeof FORMATS };

const eur = (cents: number): Cell => ({ value: cents / 100, format: 'eur' });
const pct = (share: number | null): Cell => (share === null ? null : { value: share, format: 'pct' });
const dec = (value: number): Cell => ({ value, format: 'dec' });

function addSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  headers: string[],
  rows: Cell[][],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  for (const cells of rows) {
    const row = sheet.addRow(cells.map((c) => (c !== null && typeof c === 'object' ? c.value : xlsxCell(c))));
    cells.forEach((c, i) => {
      if (c !== null && typeof c === 'object') row.getCell(i + 1).numFmt = FORMATS[c.format];
    });
  }
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 44 : 18;
  });
  return sheet;
}

/**
 * The programme report as an XLSX workbook: one sheet per part (summary, beneficiaries, devices, funding,
 * who was equipped, training, impact), a bold header row on each, numbers stored as numbers, money in euros
 * with a currency format, shares as fractions shown as percentages. Drawn from the report object alone.
 */
export async function renderProgrammeReportXlsx(report: ProgrammeReport, locale: Locale): Promise<Buffer> {
  const tt = (key: ProgrammeReportTextKey) => t(locale, key);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Seconde Vie';
  workbook.title = `${tt('title')} — ${report.programme.name}`;
  const b = report.beneficiaries;
  const d = report.devices;
  const m = report.money;
  const p = report.demographics;
  const tr = report.training;

  addSheet(
    workbook,
    tt('sheet_summary'),
    [tt('col_indicator'), tt('col_value')],
    [
      [tt('programme'), report.programme.name],
      [tt('from'), report.period.from],
      [tt('to'), report.period.to],
      [tt('equipped'), b.equipped],
      [tt('target'), b.target],
      [tt('target_achievement'), pct(b.targetAchievement)],
      [tt('devices_handed_over'), d.handedOver],
      [tt('internet_aids'), m.internetAids.count],
      [tt('internet_aids_total'), eur(m.internetAids.totalCents)],
      [`${tt('co2e_avoided')} (kg)`, report.impact.co2eAvoidedKg],
      [`${tt('weee_avoided')} (kg)`, report.impact.weeeAvoidedKg],
    ],
  );

  addSheet(
    workbook,
    tt('sheet_beneficiaries'),
    [tt('col_indicator'), tt('col_value'), tt('col_target')],
    [
      [tt('referred'), b.referred, null],
      [tt('eligible'), b.eligible, null],
      [tt('equipped'), b.equipped, b.target],
      [tt('equipped_persons'), b.persons, null],
      [tt('equipped_associations'), b.associations, null],
      [tt('target_achievement'), pct(b.targetAchievement), null],
      ...b.byGroup.map((g): Cell[] => [
        `${tt('col_group')} : ${label(locale, 'target', g.group)}`,
        g.equipped,
        g.target,
      ]),
    ],
  );

  addSheet(
    workbook,
    tt('sheet_devices'),
    [tt('col_type'), tt('col_count'), tt('col_target')],
    [
      ...Object.entries(d.byType).map(([type, count]): Cell[] => [
        label(locale, 'device', type),
        count,
        null,
      ]),
      [tt('devices_handed_over'), d.handedOver, d.target],
      ...d.osImages.map((os): Cell[] => [`${tt('col_os_image')} : ${os.name}`, os.count, null]),
    ],
  );

  addSheet(
    workbook,
    tt('sheet_money'),
    [tt('col_indicator'), tt('col_amount'), tt('col_count')],
    [
      [tt('contributions'), eur(m.contributionsCents), d.handedOver],
      [tt('subsidies'), eur(m.subsidiesCents), d.handedOver],
      ...m.subsidiesByFunder.map((s): Cell[] => [
        `${tt('col_funder')} : ${s.funderName}`,
        eur(s.amountCents),
        s.units,
      ]),
      [tt('internet_aids_total'), eur(m.internetAids.totalCents), m.internetAids.count],
      ...m.internetAids.byFunder.map((f): Cell[] => [
        `${tt('internet_aids')} : ${f.funderName ?? tt('no_funder')}`,
        eur(f.totalCents),
        f.count,
      ]),
      m.costPerPersonCents === null
        ? [tt('cost_per_person_none'), null, null]
        : [bt(locale, 'cost_per_person'), eur(m.costPerPersonCents), null],
    ],
  );
  addReportBudgetSheet(workbook, report.budget, locale);

  addSheet(
    workbook,
    tt('sheet_demographics'),
    [tt('col_section'), tt('col_indicator'), tt('col_count'), tt('col_share')],
    [
      [tt('section_demographics'), tt('equipped_persons'), p.persons, null],
      ...p.ageBands.map((a): Cell[] => [
        tt('col_band'),
        label(locale, 'band', a.band),
        a.count,
        pct(a.share),
      ]),
      ...p.householdTypes.map((h): Cell[] => [
        tt('col_household'),
        label(locale, 'household', h.type),
        h.count,
        pct(h.share),
      ]),
      [tt('priority_zone_share'), '', null, pct(p.priorityZoneShare)],
      ...p.incomeSituations.map((i): Cell[] => [
        tt('col_income'),
        label(locale, 'income', i.situation),
        i.count,
        pct(i.share),
      ]),
      ...p.towns.map((town): Cell[] => [tt('col_town'), town.town, town.count, pct(town.share)]),
    ],
  );

  const progress = tr.averageSkillsProgress;
  addSheet(
    workbook,
    tt('sheet_training'),
    [tt('col_indicator'), tt('col_value'), tt('col_people')],
    [
      [tt('enrolled'), tr.enrolled, null],
      [tt('completed'), tr.completed, null],
      [tt('assessed_at_exit'), tr.assessedAtExit, null],
      [tt('autonomous_share'), pct(tr.autonomousShare), tr.assessedAtExit],
      [tt('autonomy_target'), pct(tr.autonomyTarget), null],
      ...(progress
        ? [
            [tt('skills_progress'), dec(progress.overall), progress.people],
            ...progress.byArea.map((a): Cell[] => [
              `${tt('col_area')} : ${a.area}`,
              dec(a.progress),
              a.people,
            ]),
          ]
        : [[tt('skills_none'), null, null]]),
    ],
  );

  const fu = report.followUp;
  // A count masked for the reader ("<5") stays the text it is; every other count is a number.
  const answers = (title: ProgrammeReportTextKey, values: Record<string, number | string>): Cell[][] =>
    Object.entries(values).map(([key, n]) => [
      `${tt(title)} : ${tt(`fu_${key}` as ProgrammeReportTextKey)}`,
      n,
      null,
    ]);
  addSheet(
    workbook,
    tt('sheet_follow_up'),
    [tt('col_indicator'), tt('col_value'), tt('col_due')],
    [
      [tt('fu_scheduled'), fu.scheduled, null],
      [tt('fu_due'), fu.due, null],
      [tt('fu_answered'), fu.answered, null],
      [tt('fu_response_rate'), pct(fu.responseRate), fu.due],
      [tt('fu_still_working'), fu.stillWorking, null],
      [tt('fu_help_asked'), fu.helpAsked, null],
      ...answers('fu_frequency', fu.byFrequency),
      ...answers('fu_use', fu.byUse),
      ...answers('fu_autonomy', fu.byAutonomy),
      ...fu.byMonths.map((m): Cell[] => [t(locale, 'fu_at_months', { months: m.months }), m.answered, m.due]),
    ],
  );

  const impact = addSheet(
    workbook,
    tt('sheet_impact'),
    [tt('col_indicator'), tt('col_value')],
    [
      [`${tt('co2e_avoided')} (kg)`, report.impact.co2eAvoidedKg],
      [`${tt('weee_avoided')} (kg)`, report.impact.weeeAvoidedKg],
      [tt('method'), IMPACT_METHOD[locale]],
      [tt('method'), tt('impact_source')],
    ],
  );
  impact.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  impact.getColumn(2).width = 90;

  addChequesSheet(workbook, tr.cheques, locale);

  // Text a user typed (a programme, funder or town name) must stay text: exceljs never writes a string as a
  // formula, so no guard is needed here (the CSV exports have theirs).
  // exceljs declares its own `Buffer` interface, which Node's generic Buffer type does not match.
  return Buffer.from((await workbook.xlsx.writeBuffer()) as unknown as ArrayBuffer);
}
