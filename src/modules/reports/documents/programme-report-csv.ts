import { stringify } from 'csv-stringify/sync';
import { csvCell } from '../../../lib/spreadsheet-safety.ts';
import type { ProgrammeReport } from '../programme-report.ts';
import { reportFigures } from './programme-report-figures.ts';

/** The columns of the programme report's CSV, in order (documented in docs/api.md). */
export const PROGRAMME_REPORT_CSV_COLUMNS = ['section', 'indicator', 'breakdown', 'value', 'unit'] as const;

/**
 * The programme report as CSV: one row per figure (`section,indicator,breakdown,value,unit`), English codes,
 * numbers with a decimal point, money in euros, shares as fractions 0..1, UTF-8 with a byte order mark (so a
 * spreadsheet reads accented town names), commas, CRLF. Text cells naming a town, a funder or an OS image
 * are guarded against formula injection.
 */
export function renderProgrammeReportCsv(report: ProgrammeReport): string {
  const rows = reportFigures(report).map((f) => [
    f.section,
    f.indicator,
    csvCell(f.breakdown),
    f.value === null ? '' : String(f.value),
    f.unit,
  ]);
  return stringify([[...PROGRAMME_REPORT_CSV_COLUMNS], ...rows], {
    bom: true,
    record_delimiter: 'windows',
  });
}
