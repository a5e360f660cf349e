import { stringify } from 'csv-stringify/sync';
import { type Figure, reportFigures, safeCell } from './documents/programme-report-figures.ts';
import type { ProgrammeReport } from './programme-report.ts';

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
 * A programme's anonymous, aggregated figures, fit for publishing: the rows of the report's CSV without
 * the operating system images (internal detail), with every figure resting on 1 to 4 people or things
 * shown as `<5` (counts, their shares, the money and impact they imply) and the towns of fewer than 5
 * persons left out (their name alone would say someone there was equipped). No person is ever named.
 * UTF-8 without byte order mark, commas, LF — the usual open-data form.
 */
export function renderOpenDataCsv(report: ProgrammeReport): string {
  const rows = reportFigures(report)
    .filter((f) => f.indicator !== 'by_os_image')
    .filter((f) => !(f.indicator.startsWith('town') && isSmall(f)))
    .map((f) => [
      report.programme.id,
      safeCell(report.programme.name),
      report.period.from,
      report.period.to,
      f.section,
      f.indicator,
      f.freeText ? safeCell(f.breakdown) : f.breakdown,
      isSmall(f) ? MASK : f.value === null ? '' : String(f.value),
      f.unit,
    ]);
  return stringify([[...OPEN_DATA_COLUMNS], ...rows]);
}
