import { stringify } from 'csv-stringify/sync';
import { csvCell } from '../../lib/spreadsheet-safety.ts';
import { cell, type Figure, reportFigures } from './documents/programme-report-figures.ts';
import type { ProgrammeReport } from './programme-report.ts';
import { type Breakdown, suppressSmallCounts } from './small-counts.ts';

/** The columns of the open-data CSV, in order (documented in docs/api.md). */
export const OPEN_DATA_COLUMNS = [
  'programme_id',
  'programme_name',
  'period_from',
  'period_to',
  'section',
  'indicator',
  'breakdown',
  'value',
  'unit',
] as const;

/** Counts below this are masked: a figure about 1 to 4 people could point at someone. */
export const SMALL_COUNT = 5;
export const MASK = '<5';

/** Whether a figure rests on a small count (0 is shown: it describes nobody). */
export function isSmall(figure: Figure): boolean {
  return figure.basis.some((count) => count > 0 && count < SMALL_COUNT);
}

/**
 * The report's breakdowns whose parts add up to a total: the beneficiaries equipped (persons and
 * associations; by target group), the devices by type, the internet aids by funder, the persons equipped
 * by age band, household and income (and the same persons counted in two sections), the follow-ups'
 * answers by frequency, autonomy and follow-up. Towns are not one:
 * the ten largest only, and a small town is left out altogether.
 */
export function reportBreakdowns(report: ProgrammeReport): Breakdown[] {
  const d = report.demographics;
  const persons = cell('demographics', 'persons');
  const equipped = cell('beneficiaries', 'equipped');
  return [
    {
      total: equipped,
      parts: [cell('beneficiaries', 'equipped_persons'), cell('beneficiaries', 'equipped_associations')],
    },
    {
      total: equipped,
      parts: report.beneficiaries.byGroup.map((g) => cell('beneficiaries', 'equipped_by_group', g.group)),
    },
    { total: cell('beneficiaries', 'equipped_persons'), parts: [persons] },
    {
      total: cell('devices', 'handed_over'),
      parts: Object.keys(report.devices.byType).map((type) => cell('devices', 'by_type', type)),
    },
    {
      total: cell('money', 'internet_aids'),
      parts: report.money.internetAids.byFunder.map((f) =>
        cell('money', 'internet_aids_by_funder', f.funderName ?? ''),
      ),
    },
    { total: persons, parts: d.ageBands.map((a) => cell('demographics', 'age_band', a.band)) },
    { total: persons, parts: d.householdTypes.map((h) => cell('demographics', 'household_type', h.type)) },
    {
      total: persons,
      parts: d.incomeSituations.map((i) => cell('demographics', 'income_situation', i.situation)),
    },
    // The answers to the follow-ups: how often, how autonomous, and at which follow-up, each add up to them.
    ...(['frequency', 'autonomy'] as const).map((indicator) => ({
      total: cell('follow_up', 'answered'),
      parts: Object.keys(
        indicator === 'frequency' ? report.followUp.byFrequency : report.followUp.byAutonomy,
      ).map((key) => cell('follow_up', indicator, key)),
    })),
    {
      total: cell('follow_up', 'answered'),
      parts: report.followUp.byMonths.map((m) => cell('follow_up', 'answered_at_months', String(m.months))),
    },
  ];
}

/**
 * The counts to mask in a report's figures: those of 1 to 4, and their complements (`small-counts.ts`), so
 * that no masked count is a total minus the parts shown.
 */
export function maskedCells(report: ProgrammeReport, figures: Figure[] = reportFigures(report)): Set<string> {
  const values = new Map<string, number>();
  for (const figure of figures) {
    figure.cells.forEach((key, i) => {
      values.set(key, figure.basis[i] ?? 0);
    });
  }
  return suppressSmallCounts(values, reportBreakdowns(report));
}

/**
 * A programme's anonymous, aggregated figures, fit for publishing: the rows of the report's CSV without
 * the operating system images (internal detail), with every figure resting on 1 to 4 people or things
 * shown as `<5` (counts, their shares, the money and impact they imply), and so is every figure resting on
 * a count masked as a complement (one masked part of a breakdown beside an exact total and exact other
 * parts would be their difference); the towns of fewer than 5 persons are left out (their name alone
 * would say someone there was equipped). No person is ever named.
 * UTF-8 without byte order mark, commas, LF — the usual open-data form.
 */
export function renderOpenDataCsv(report: ProgrammeReport): string {
  const figures = reportFigures(report);
  const masked = maskedCells(report, figures);
  const hidden = (f: Figure) => isSmall(f) || f.cells.some((key) => masked.has(key));
  const rows = figures
    .filter((f) => f.indicator !== 'by_os_image')
    .filter((f) => !(f.indicator.startsWith('town') && isSmall(f)))
    .map((f) => [
      report.programme.id,
      csvCell(report.programme.name),
      report.period.from,
      report.period.to,
      f.section,
      f.indicator,
      f.freeText ? csvCell(f.breakdown) : f.breakdown,
      hidden(f) ? MASK : f.value === null ? '' : String(f.value),
      f.unit,
    ]);
  return stringify([[...OPEN_DATA_COLUMNS], ...rows]);
}
