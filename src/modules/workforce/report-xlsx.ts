import ExcelJS from 'exceljs';
import type { Locale } from '../../lib/messages.ts';
import { xlsxCell } from '../../lib/spreadsheet-safety.ts';
import type { WorkforceReport } from './report.ts';
import type { ContractType } from './schema.ts';

const TEXTS = {
  fr: {
    title: 'Équipe en insertion',
    periodSheet: 'Période',
    what: 'Quoi',
    from: 'Du',
    to: 'Au',
    period: 'Période demandée',
    productionWeeks: 'Semaines comptées (heures et production), du lundi au dimanche',
    noWeek: 'aucune semaine ne commence dans la période',
    contractHours: 'Heures du contrat',
    overContract: 'Au-delà du contrat',
    overContractWeeks: 'Semaines au-delà du contrat',
    technicians: 'Techniciens',
    weeks: 'Semaines',
    clauses: 'Clauses',
    months: 'Mois',
    name: 'Personne',
    contracts: 'Contrat(s)',
    totalHours: 'Heures',
    enteredHours: 'Heures saisies',
    derivedHours: 'Heures déduites',
    insertionHours: 'Heures d’insertion',
    diagnosed: 'Diagnostiqués',
    wiped: 'Effacés',
    refurbished: 'Reconditionnés',
    qualityChecked: 'Contrôlés',
    skills: 'Compétences (premier → dernier niveau)',
    week: 'Semaine du',
    source: 'Source',
    entered: 'saisie',
    derived: 'déduite de la production',
    insertion: 'Insertion',
    yes: 'oui',
    no: 'non',
    clause: 'Clause',
    buyer: 'Acheteur',
    reference: 'Référence',
    dates: 'Dates',
    required: 'Heures exigées',
    periodHours: 'Heures dans la période',
    toDate: 'Heures depuis le début',
    share: 'Part réalisée',
    month: 'Mois',
    total: 'Total insertion',
    withoutClause: 'dont hors clause',
  },
  en: {
    title: 'Insertion workforce',
    periodSheet: 'Period',
    what: 'What',
    from: 'From',
    to: 'To',
    period: 'Period asked for',
    productionWeeks: 'Weeks counted (hours and production), Monday to Sunday',
    noWeek: 'no week starts in the period',
    contractHours: 'Contract hours',
    overContract: 'Beyond the contract',
    overContractWeeks: 'Weeks beyond the contract',
    technicians: 'Technicians',
    weeks: 'Weeks',
    clauses: 'Clauses',
    months: 'Months',
    name: 'Person',
    contracts: 'Contract(s)',
    totalHours: 'Hours',
    enteredHours: 'Hours entered',
    derivedHours: 'Hours derived',
    insertionHours: 'Insertion hours',
    diagnosed: 'Diagnosed',
    wiped: 'Wiped',
    refurbished: 'Refurbished',
    qualityChecked: 'Quality-checked',
    skills: 'Skills (first → latest level)',
    week: 'Week of',
    source: 'Source',
    entered: 'entered',
    derived: 'derived from production',
    insertion: 'Insertion',
    yes: 'yes',
    no: 'no',
    clause: 'Clause',
    buyer: 'Buyer',
    reference: 'Reference',
    dates: 'Dates',
    required: 'Hours required',
    periodHours: 'Hours in the period',
    toDate: 'Hours since the start',
    share: 'Share done',
    month: 'Month',
    total: 'Insertion total',
    withoutClause: 'of which outside a clause',
  },
} as const;

const CONTRACT_LABELS: Record<Locale, Record<ContractType, string>> = {
  fr: {
    cddi: 'CDDI',
    pec: 'PEC',
    ea_tremplin: 'CDD tremplin',
    apprenticeship: 'Apprentissage',
    internship: 'Stage',
    cdd: 'CDD',
    cdi: 'CDI',
    volunteer: 'Bénévolat',
    other: 'Autre',
  },
  en: {
    cddi: 'CDDI (insertion)',
    pec: 'PEC (subsidised)',
    ea_tremplin: 'Springboard fixed-term',
    apprenticeship: 'Apprenticeship',
    internship: 'Internship',
    cdd: 'Fixed-term',
    cdi: 'Permanent',
    volunteer: 'Volunteer',
    other: 'Other',
  },
};

type Cell = string | number | null | { value: number; format: string };
const hours = (minutes: number): Cell => ({ value: minutes / 60, format: '0.00' });

function addSheet(workbook: ExcelJS.Workbook, name: string, headers: string[], rows: Cell[][]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(headers).font = { bold: true };
  for (const cells of rows) {
    const row = sheet.addRow(cells.map((c) => (c !== null && typeof c === 'object' ? c.value : xlsxCell(c))));
    cells.forEach((c, i) => {
      if (c !== null && typeof c === 'object') row.getCell(i + 1).numFmt = c.format;
    });
  }
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 32 : 18;
  });
}

/** The workforce report as XLSX: technicians, their weeks, the clauses' progress and insertion hours per month. */
export async function renderWorkforceReportXlsx(report: WorkforceReport, locale: Locale): Promise<Buffer> {
  const t = TEXTS[locale];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Seconde Vie';
  workbook.title = `${t.title} ${report.from} – ${report.to}`;
  addSheet(
    workbook,
    t.periodSheet,
    [t.what, t.from, t.to],
    [
      [t.period, report.from, report.to],
      report.productionFrom && report.productionTo
        ? [t.productionWeeks, report.productionFrom, report.productionTo]
        : [t.productionWeeks, t.noWeek, null],
    ],
  );
  addSheet(
    workbook,
    t.technicians,
    [
      t.name,
      t.contracts,
      t.totalHours,
      t.enteredHours,
      t.derivedHours,
      t.insertionHours,
      t.overContractWeeks,
      t.diagnosed,
      t.wiped,
      t.refurbished,
      t.qualityChecked,
      t.skills,
    ],
    report.technicians.map((p) => [
      p.name,
      p.contracts
        .map((c) => `${CONTRACT_LABELS[locale][c.contractType]} ${c.startsOn} – ${c.endsOn ?? '…'}`)
        .join(' ; '),
      hours(p.totals.totalMinutes),
      hours(p.totals.enteredMinutes),
      hours(p.totals.derivedMinutes),
      hours(p.totals.insertionMinutes),
      p.totals.overContractWeeks,
      p.production.diagnosed,
      p.production.wiped,
      p.production.refurbished,
      p.production.qualityChecked,
      p.skills
        .filter((s) => s.latest)
        .map((s) => `${s.label} ${s.first?.level ?? '–'} → ${s.latest?.level ?? '–'}`)
        .join(' ; '),
    ]),
  );
  addSheet(
    workbook,
    t.weeks,
    [t.name, t.week, t.totalHours, t.source, t.contractHours, t.overContract, t.insertion, t.clause],
    report.technicians.flatMap((p) =>
      p.weeks.map((w) => [
        p.name,
        w.weekStart,
        hours(w.minutes),
        w.source === 'entered' ? t.entered : t.derived,
        hours(w.contractMinutes),
        w.overContract ? t.yes : t.no,
        w.insertion ? t.yes : t.no,
        report.insertion.byClause.find((c) => c.clauseId === w.clauseId)?.name ?? null,
      ]),
    ),
  );
  addSheet(
    workbook,
    t.clauses,
    [t.clause, t.buyer, t.reference, t.dates, t.required, t.periodHours, t.toDate, t.share],
    report.insertion.byClause.map((c) => [
      c.name,
      c.buyer,
      c.reference,
      `${c.startsOn} – ${c.endsOn}`,
      c.requiredHours,
      hours(c.periodMinutes),
      hours(c.toDateMinutes),
      { value: c.toDateMinutes / 60 / c.requiredHours, format: '0.0%' },
    ]),
  );
  addSheet(
    workbook,
    t.months,
    [t.month, t.insertionHours],
    [
      ...report.insertion.byMonth.map((m): Cell[] => [m.month, hours(m.minutes)]),
      [t.total, hours(report.insertion.totalMinutes)],
      [t.withoutClause, hours(report.insertion.withoutClauseMinutes)],
    ],
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
