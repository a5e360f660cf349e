/**
 * Cells for the CSV and XLSX files people open in a spreadsheet (OWASP "CSV injection"): a text typed by
 * someone — a person's or a device's name, a recycler, a town — must never run as a formula there.
 * Every export writes its cells through these two functions.
 */

/** What makes a spreadsheet read a text cell as a formula: = + - @, or a tab or carriage return first. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number written as text (-3, +2,5, -1.25e3): a spreadsheet reads it as a number, never a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)(e[+-]?\d+)?$/i;

/**
 * A CSV cell: a text that would start a formula gets a leading apostrophe (the spreadsheet then shows it
 * as typed); numbers, and texts that are plain numbers, stay as they are; nothing becomes an empty cell.
 */
export function csvCell(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** Every cell of a CSV's rows through `csvCell`. */
export function csvRows(
  rows: readonly (readonly (string | number | null | undefined)[])[],
): (string | number)[][] {
  return rows.map((row) => row.map(csvCell));
}

export type XlsxValue = string | number | boolean | Date | null;

/**
 * An XLSX cell value: texts stay texts exactly as typed (an XLSX string cell is never evaluated, so no
 * apostrophe, which would show), numbers stay numbers, and a value shaped like a formula object is
 * written as its text, so that no export ever writes a formula.
 */
export function xlsxCell(value: unknown): XlsxValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  return String(JSON.stringify(value));
}
