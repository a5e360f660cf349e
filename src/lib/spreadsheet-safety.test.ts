import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvRows, xlsxCell } from './spreadsheet-safety.ts';

const HOSTILE = [
  '=HYPERLINK("http://x","y")',
  "+cmd|' /C calc'!A0",
  '-2+3+cmd',
  '@SUM(1)',
  '\t=1+1',
  '\r=1+1',
];

describe('csvCell', () => {
  it('puts an apostrophe before a text a spreadsheet would run as a formula', () => {
    for (const text of HOSTILE) expect(csvCell(text)).toBe(`'${text}`);
  });

  it('leaves numbers, plain numbers written as text and ordinary text alone', () => {
    expect(csvCell(-12.5)).toBe(-12.5);
    expect(csvCell('-3')).toBe('-3');
    expect(csvCell('+2,5')).toBe('+2,5');
    expect(csvCell('Dell Latitude 5490')).toBe('Dell Latitude 5490');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('never lets a cell read back from the CSV start a formula, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom(...HOSTILE), fc.double({ noNaN: true })), {
          minLength: 1,
          maxLength: 6,
        }),
        (cells) => {
          const [read] = parse(stringify(csvRows([cells]), { delimiter: ';' }), {
            delimiter: ';',
            relax_column_count: true,
          }) as string[][];
          for (const [index, cell] of (read ?? []).entries()) {
            const sent = cells[index];
            const formulaLike = /^[=+\-@\t\r]/.test(cell) && Number.isNaN(Number(cell.replace(',', '.')));
            expect(formulaLike, `${JSON.stringify(sent)} → ${JSON.stringify(cell)}`).toBe(false);
            // The text is kept: only an apostrophe may come before it.
            if (typeof sent === 'string') expect(cell.replace(/^'/, '')).toBe(sent.replace(/^'/, ''));
          }
        },
      ),
      { numRuns: 300, seed: 10 },
    );
  });
});

describe('xlsxCell', () => {
  it('writes formula-like names as text cells, never as formulas, and numbers as numbers', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Export');
    sheet.addRow([...HOSTILE, 42, -1.5, { formula: 'SUM(1)' }].map(xlsxCell));
    const bytes = Buffer.from(await book.xlsx.writeBuffer());

    const read = new ExcelJS.Workbook();
    await read.xlsx.load(bytes as unknown as ArrayBuffer);
    const row = read.worksheets[0]?.getRow(1);
    HOSTILE.forEach((text, index) => {
      const cell = row?.getCell(index + 1);
      expect(cell?.type).toBe(ExcelJS.ValueType.String);
      // XML reads a carriage return back as a line feed: the text otherwise as typed.
      expect(cell?.value).toBe(text.replace('\r', '\n'));
      expect(cell?.formula).toBeUndefined();
    });
    expect(row?.getCell(HOSTILE.length + 1).value).toBe(42);
    expect(row?.getCell(HOSTILE.length + 2).value).toBe(-1.5);
    expect(row?.getCell(HOSTILE.length + 3).type).toBe(ExcelJS.ValueType.String);
  });
});
