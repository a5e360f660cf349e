import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import {
  DEVICE_FIELD_HEADERS,
  DEVICE_TYPE_LABELS_FR,
  DEVICE_TYPES,
  type DeviceFieldName,
  type DeviceType,
  deviceFieldSchemas,
  STORAGE_TYPES,
} from '../device-fields.ts';
import type { ImportMessageKey } from './messages.ts';

/**
 * Reads a batch of devices from a spreadsheet people made (French Excel, LibreOffice, hand-written
 * CSV): one device per row, headers in English or French. Every problem of every row is reported at
 * once, numbered as the spreadsheet shows rows, so the whole file can be corrected in one pass.
 */

/** `path` is `row 17.serialNumber`, `header` or `file`. */
export interface ImportRowError {
  path: string;
  messageKey: string;
  params?: Record<string, unknown>;
}

const deviceRowSchema = z.object(deviceFieldSchemas);
/** Used when the file has no type column: the other columns are still checked, so all errors come at once. */
const deviceRowSchemaWithoutType = deviceRowSchema.omit({ type: true });

export type DeviceRowInput = z.output<typeof deviceRowSchema>;

/** `row` is the row number a spreadsheet shows: the header is row 1, the first device row 2. */
export interface ParsedDeviceRow {
  row: number;
  values: DeviceRowInput;
}

export interface ParseResult {
  /** The rows without any error (when `errors` is not empty, the caller decides whether to use them). */
  rows: ParsedDeviceRow[];
  errors: ImportRowError[];
}

export const MAX_IMPORT_ROWS = 50_000;
const PROGRESS_EVERY = 500;

/** Which parser a file needs, from its name first (browsers send odd content types for CSV), then its content type. */
export function detectKind(
  filename: string | undefined,
  contentType: string | undefined,
): 'csv' | 'xlsx' | null {
  const extension = filename
    ?.trim()
    .toLowerCase()
    .match(/\.([a-z0-9]+)$/)?.[1];
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') return 'csv';
  if (extension === 'xlsx' || extension === 'xlsm') return 'xlsx';
  if (extension === 'xls' || extension === 'ods' || extension === 'numbers') return null;
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'text/csv' || type === 'application/csv' || type === 'text/tab-separated-values') return 'csv';
  if (type === 'text/plain') return 'csv';
  if (type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') return 'xlsx';
  return null;
}

export async function parseDeviceFile(
  input: { data: Buffer; kind: 'csv' | 'xlsx' },
  onProgress?: (done: number, total: number) => void,
): Promise<ParseResult> {
  const sheet = await readSheet(input.data, input.kind);
  if ('error' in sheet) return { rows: [], errors: [sheet.error] };
  return validateSheet(sheet.rows, onProgress);
}

// ---------------------------------------------------------------------------------------------
// Reading: CSV and XLSX both become rows of cells, each cell trimmed, an empty cell `undefined`.

type Cell = string | number | boolean | Date | { formulaError: string } | undefined;
interface SheetRow {
  row: number;
  cells: Cell[];
}
type Sheet = { rows: SheetRow[] } | { error: ImportRowError };

function fileError(
  messageKey: ImportMessageKey,
  params?: Record<string, unknown>,
): { error: ImportRowError } {
  return { error: { path: 'file', messageKey, ...(params ? { params } : {}) } };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE2_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

async function readSheet(data: Buffer, kind: 'csv' | 'xlsx'): Promise<Sheet> {
  // People rename files: trust the bytes over the name when they are unmistakable.
  if (startsWith(data, OLE2_SIGNATURE))
    return fileError('import.unsupported_format', { format: 'Excel 97-2003 (.xls)' });
  if (startsWith(data, ZIP_SIGNATURE)) {
    // OpenDocument requires an uncompressed `mimetype` entry first in the archive.
    if (data.subarray(0, 200).includes('opendocument.spreadsheet')) {
      return fileError('import.unsupported_format', { format: 'OpenDocument (.ods)' });
    }
    return readXlsx(data);
  }
  return kind === 'xlsx' ? readXlsx(data) : readCsv(data);
}

function startsWith(data: Buffer, signature: Buffer): boolean {
  return data.length >= signature.length && data.subarray(0, signature.length).equals(signature);
}

function decodeText(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    // Not UTF-8: older Excel on Windows saves "CSV (séparateur : point-virgule)" in Windows-1252.
    const hasUtf8Bom = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf;
    return new TextDecoder('windows-1252').decode(hasUtf8Bom ? data.subarray(3) : data);
  }
}

/** The separator most used on the header line (outside quotes): French Excel writes semicolons. */
function detectDelimiter(text: string): string {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let inQuotes = false;
  let seenContent = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (char === '\n' || char === '\r') {
      if (seenContent) break;
    } else if (char === ';' || char === ',' || char === '\t') counts[char]++;
    if (char !== '\n' && char !== '\r' && char !== ' ') seenContent = true;
  }
  if (counts['\t'] > counts[';'] && counts['\t'] > counts[',']) return '\t';
  return counts[','] > counts[';'] ? ',' : ';';
}

function readCsv(data: Buffer): Sheet {
  const text = decodeText(data);
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter: detectDelimiter(text),
      bom: true,
      relax_column_count: true,
      // A lone quote inside a value (15" screen) is kept; an opening quote never closed is still an error.
      relax_quotes: true,
      // Empty lines are kept as empty records so that record n is spreadsheet row n.
      skip_empty_lines: false,
    });
  } catch (error) {
    return fileError('import.unreadable', { reason: reasonOf(error) });
  }
  // A spreadsheet shows one row per record: a quoted value spanning several lines stays one row.
  return {
    rows: records.map((record, index) => ({
      row: index + 1,
      cells: record.map((value) => {
        const trimmed = value.trim();
        return trimmed === '' ? undefined : trimmed;
      }),
    })),
  };
}

async function readXlsx(data: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own `Buffer` interface, which Node's generic Buffer type does not match.
    await workbook.xlsx.load(data as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    return fileError('import.unreadable', { reason: reasonOf(error) });
  }
  const worksheet = workbook.worksheets[0];
  if (!worksheet) return fileError('import.unreadable', { reason: 'no worksheet' });
  const rows: SheetRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      cells[columnNumber - 1] = xlsxCell(cell.value, cell.numFmt);
    });
    rows.push({ row: rowNumber, cells });
  });
  return { rows };
}

function xlsxCell(value: ExcelJS.CellValue, numberFormat: string | undefined): Cell {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') {
    // "85 %" typed in Excel is stored as 0.85 shown with a percent format.
    return numberFormat?.includes('%') ? Math.round(value * 100 * 1e9) / 1e9 : value;
  }
  if (typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value)
    return (
      value.richText
        .map((part) => part.text)
        .join('')
        .trim() || undefined
    );
  if ('formula' in value || 'sharedFormula' in value) {
    // A formula cell counts for its last computed result (none when no spreadsheet program computed it).
    return xlsxCell(value.result, numberFormat);
  }
  // The text of a link may itself be rich text.
  if ('hyperlink' in value) return xlsxCell(value.text as ExcelJS.CellValue, numberFormat);
  if ('error' in value) return { formulaError: value.error };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Headers

/** Without case, accents, spaces or punctuation: "N° de série" and "no de serie" compare equal. */
function comparable(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(NOT_ALPHANUMERIC, ' ').trim();
}
const MARKS = /\p{M}+/gu;
const NOT_ALPHANUMERIC = /[^a-z0-9]+/g;
const SPACES = / /g;

const FIELD_NAMES = Object.keys(deviceFieldSchemas) as DeviceFieldName[];
const FIELD_BY_HEADER = new Map<string, DeviceFieldName>();
for (const field of FIELD_NAMES) {
  for (const header of DEVICE_FIELD_HEADERS[field]) {
    FIELD_BY_HEADER.set(comparable(header).replace(SPACES, ''), field);
  }
}

function columnLetter(index: number): string {
  let letter = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  }
  return letter;
}

interface Columns {
  /** The field read from each column; null for a column that is ignored (unknown, duplicate, untitled). */
  fields: (DeviceFieldName | null)[];
  hasType: boolean;
  errors: ImportRowError[];
}

function readHeader(cells: Cell[]): Columns {
  const fields: (DeviceFieldName | null)[] = [];
  const errors: ImportRowError[] = [];
  const unknown: string[] = [];
  const firstColumn = new Map<DeviceFieldName, number>();
  for (let index = 0; index < cells.length; index++) {
    const title = cellText(cells[index]);
    fields.push(null);
    if (title === undefined) continue;
    const field = FIELD_BY_HEADER.get(comparable(title).replace(SPACES, ''));
    if (!field) {
      unknown.push(title);
      continue;
    }
    const first = firstColumn.get(field);
    if (first !== undefined) {
      errors.push(
        headerError('import.duplicate_column', {
          column: title,
          letter: columnLetter(index),
          field,
          firstColumn: cellText(cells[first]),
          firstLetter: columnLetter(first),
        }),
      );
      continue;
    }
    firstColumn.set(field, index);
    fields[index] = field;
  }
  if (unknown.length > 0) {
    errors.unshift(
      headerError('import.unknown_columns', {
        columns: unknown.join(', '),
        expected: FIELD_NAMES.join(', '),
      }),
    );
  }
  const hasType = firstColumn.has('type');
  if (!hasType) errors.unshift(headerError('import.missing_column', { column: 'type' }));
  return { fields, hasType, errors };
}

function headerError(messageKey: ImportMessageKey, params: Record<string, unknown>): ImportRowError {
  return { path: 'header', messageKey, params };
}

// ---------------------------------------------------------------------------------------------
// Values

/** The text a cell shows, as written in the file. */
function cellText(cell: Cell): string | undefined {
  if (cell === undefined) return undefined;
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (cell instanceof Date) return cell.toISOString();
  return cell.formulaError;
}

type Conversion = { ok: true; value: unknown } | { ok: false; error: Omit<ImportRowError, 'path'> };

function invalidValue(cell: Cell, field: DeviceFieldName): Conversion {
  return {
    ok: false,
    error: {
      messageKey: 'import.invalid_value' satisfies ImportMessageKey,
      params: { value: cellText(cell), expected: EXPECTED[field] },
    },
  };
}

type NumberField = 'ramGb' | 'storageGb' | 'screenSizeInches' | 'batteryHealthPercent' | 'weightKg';
type TextField = 'brand' | 'model' | 'serialNumber' | 'cpu' | 'notes';

/**
 * Units people write after numbers, with the power of ten they stand for in the field's unit
 * (compared in lower case).
 */
const UNITS: Record<NumberField, Record<string, number>> = {
  ramGb: { '': 0, go: 0, gb: 0, g: 0, gio: 0, gib: 0 },
  storageGb: { '': 0, go: 0, gb: 0, g: 0, gio: 0, gib: 0, to: 3, tb: 3 },
  screenSizeInches: { '': 0, '"': 0, '″': 0, "''": 0, po: 0, pouce: 0, pouces: 0, in: 0, inch: 0, inches: 0 },
  batteryHealthPercent: { '': 0, '%': 0 },
  weightKg: { '': 0, kg: 0, kilo: 0, kilos: 0, g: -3 },
};

/** 8 | 1,5 | 1.5 | 1 024 | 1 024,5 (thousands separated by spaces, non-breaking or not), then an optional unit. */
const NUMBER_WITH_UNIT = /^([+-]?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,]\d+)?|[+-]?[.,]\d+)\s*(.*)$/u;
const THOUSANDS_SEPARATORS = /[ \u00a0\u202f]/g;

function toNumber(cell: Cell, field: NumberField): Conversion {
  if (typeof cell === 'number') return { ok: true, value: cell };
  if (typeof cell !== 'string') return invalidValue(cell, field);
  const match = NUMBER_WITH_UNIT.exec(cell);
  const exponent = match ? UNITS[field][(match[2] ?? '').toLowerCase()] : undefined;
  if (!match || exponent === undefined) return invalidValue(cell, field);
  const number = Number((match[1] ?? '').replace(THOUSANDS_SEPARATORS, '').replace(',', '.'));
  return { ok: true, value: exponent >= 0 ? number * 10 ** exponent : number / 10 ** -exponent };
}

function toText(cell: Cell, field: TextField): Conversion {
  const text = cellText(cell);
  return text === undefined ? invalidValue(cell, field) : { ok: true, value: text };
}

const TYPE_BY_WORD = new Map<string, DeviceType>();
for (const type of DEVICE_TYPES) TYPE_BY_WORD.set(type, type);
for (const [word, type] of Object.entries(DEVICE_TYPE_LABELS_FR)) TYPE_BY_WORD.set(comparable(word), type);

const STORAGE_TYPE_SET = new Set<string>(STORAGE_TYPES);

function convert(field: DeviceFieldName, cell: Cell): Conversion {
  if (typeof cell === 'object' && !(cell instanceof Date)) {
    return {
      ok: false,
      error: {
        messageKey: 'import.formula_error' satisfies ImportMessageKey,
        params: { value: cell.formulaError },
      },
    };
  }
  // PostgreSQL cannot store a NUL character: name the cell rather than fail the whole file unexplained.
  if (typeof cell === 'string' && cell.includes('\u0000')) {
    return { ok: false, error: { messageKey: 'import.nul_character' satisfies ImportMessageKey } };
  }
  switch (field) {
    case 'type': {
      const type = typeof cell === 'string' ? TYPE_BY_WORD.get(comparable(cell)) : undefined;
      return type ? { ok: true, value: type } : invalidValue(cell, field);
    }
    case 'storageType': {
      const storageType = typeof cell === 'string' ? cell.toLowerCase() : undefined;
      return storageType && STORAGE_TYPE_SET.has(storageType)
        ? { ok: true, value: storageType }
        : invalidValue(cell, field);
    }
    case 'ramGb':
    case 'storageGb':
    case 'screenSizeInches':
    case 'batteryHealthPercent':
    case 'weightKg':
      return toNumber(cell, field);
    default:
      return toText(cell, field);
  }
}

function range(schema: z.ZodOptional<z.ZodNumber>): string {
  const number = schema.unwrap();
  return `${number.minValue ?? ''}–${number.maxValue ?? ''}`;
}

/** What a field accepts, in words that read the same in French and English. */
const EXPECTED: Record<DeviceFieldName, string> = {
  type: DEVICE_TYPES.join(', '),
  brand: '',
  model: '',
  serialNumber: '',
  cpu: '',
  ramGb: range(deviceFieldSchemas.ramGb),
  storageGb: range(deviceFieldSchemas.storageGb),
  storageType: STORAGE_TYPES.join(', '),
  screenSizeInches: range(deviceFieldSchemas.screenSizeInches),
  batteryHealthPercent: range(deviceFieldSchemas.batteryHealthPercent),
  weightKg: range(deviceFieldSchemas.weightKg),
  notes: '',
};

// ---------------------------------------------------------------------------------------------
// Rows

/** Serial numbers compare without case or spaces: "ab 12" and "AB12" are the same device. */
const WHITESPACE = /\s+/g;

function isEmptyRow(cells: Cell[]): boolean {
  for (const cell of cells) if (cell !== undefined) return false;
  return true;
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function validateSheet(
  sheetRows: SheetRow[],
  onProgress: ((done: number, total: number) => void) | undefined,
): Promise<ParseResult> {
  const nonEmpty = sheetRows.filter((row) => !isEmptyRow(row.cells));
  const headerRow = nonEmpty[0];
  if (!headerRow) return { rows: [], errors: [fileError('import.no_rows').error] };
  const columns = readHeader(headerRow.cells);
  const dataRows = nonEmpty.slice(1);
  if (dataRows.length === 0)
    return { rows: [], errors: [...columns.errors, fileError('import.no_rows').error] };
  if (dataRows.length > MAX_IMPORT_ROWS) {
    return {
      rows: [],
      errors: [...columns.errors, fileError('import.too_many_rows', { max: MAX_IMPORT_ROWS }).error],
    };
  }

  const schema = columns.hasType ? deviceRowSchema : deviceRowSchemaWithoutType;
  const rows: ParsedDeviceRow[] = [];
  const rowErrors: ImportRowError[] = [];
  const firstRowBySerial = new Map<string, number>();
  const untitledWithValues = new Set<number>();
  const total = dataRows.length;
  const columnOfField = new Map(columns.fields.map((field, index) => [field, index]));
  const columnOf = (error: ImportRowError) =>
    columnOfField.get(error.path.slice(error.path.indexOf('.') + 1) as DeviceFieldName) ?? -1;

  for (let done = 0; done < total; ) {
    const { row, cells } = dataRows[done] as SheetRow;
    const errors: ImportRowError[] = [];
    const values: Record<string, unknown> = {};
    const rawText: Record<string, string | undefined> = {};
    const unconverted = new Set<string>();

    for (let index = 0; index < cells.length; index++) {
      const cell = cells[index];
      if (cell === undefined) continue;
      const field = columns.fields[index];
      if (!field) {
        if (field === undefined || cellText(headerRow.cells[index]) === undefined)
          untitledWithValues.add(index);
        continue;
      }
      rawText[field] = cellText(cell);
      const conversion = convert(field, cell);
      if (conversion.ok) values[field] = conversion.value;
      else {
        unconverted.add(field);
        errors.push({ path: `row ${row}.${field}`, ...conversion.error });
      }
    }

    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (unconverted.has(field)) continue;
        const { path: _path, message, ...details } = issue;
        errors.push({
          path: field ? `row ${row}.${field}` : `row ${row}`,
          messageKey: message,
          params: rawText[field] === undefined ? details : { ...details, value: rawText[field] },
        });
      }
    }

    // In the order of the file's columns, as the person will correct them.
    if (errors.length > 1) errors.sort((a, b) => columnOf(a) - columnOf(b));

    const serial = values.serialNumber;
    if (typeof serial === 'string' && serial !== '') {
      const key = serial.replace(WHITESPACE, '').toLowerCase();
      const firstRow = firstRowBySerial.get(key);
      if (firstRow === undefined) firstRowBySerial.set(key, row);
      else {
        errors.push({
          path: `row ${row}.serialNumber`,
          messageKey: 'import.duplicate_serial_in_file' satisfies ImportMessageKey,
          params: { serialNumber: serial, firstRow },
        });
      }
    }

    if (errors.length > 0) rowErrors.push(...errors);
    else if (parsed.success && columns.hasType) rows.push({ row, values: parsed.data as DeviceRowInput });

    done++;
    if (onProgress && done % PROGRESS_EVERY === 0 && done < total) {
      onProgress(done, total);
      // Let a progress bar redraw.
      await nextTick();
    }
  }
  onProgress?.(total, total);

  const untitledErrors = [...untitledWithValues]
    .sort((a, b) => a - b)
    .map((index) => headerError('import.unnamed_column', { letter: columnLetter(index) }));
  return { rows, errors: [...columns.errors, ...untitledErrors, ...rowErrors] };
}
