import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/app.ts';
import { MAX_IMPORT_ROWS } from './import/parse-device-file.ts';

let t: TestApp;
let tech: ApiClient;
let donationId: string;

beforeAll(async () => {
  t = await startTestApp();
  const refurbisher = await t.buildOrganisation({ kinds: ['refurbisher'] });
  const donor = await t.buildOrganisation({ kinds: ['donor'] });
  tech = (await t.member(refurbisher.id, 'technician')).client;
  donationId = (
    await tech.post('/donations', {
      donorOrganisationId: donor.id,
      refurbisherOrganisationId: refurbisher.id,
    })
  ).json().id;
});
afterAll(() => t.close());

function postCsv(csv: string | Buffer, query = '') {
  return tech.request('POST', `/devices/import?donationId=${donationId}${query}`, csv, {
    'content-type': 'text/csv',
  });
}

async function count(): Promise<number> {
  return (await tech.get(`/devices/summary?donationId=${donationId}`)).json().total;
}

describe('POST /devices/import', () => {
  it('imports a semicolon CSV saved by French Excel in Windows-1252, with French headers and decimal commas', async () => {
    const csv = Buffer.from(
      'Type;Marque;Modèle;Numéro de série;RAM (Go);Poids (kg)\r\nportable;HP;EliteBook 840;CSV-001;8;1,5\r\nécran;Dell;P2219H;CSV-002;;4,2\r\n',
      'latin1',
    );
    const before = await count();
    const res = await postCsv(csv);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ created: 2 });
    expect(await count()).toBe(before + 2);
    const [laptop] = (await tech.get('/devices?q=CSV-001')).json().items;
    expect(laptop).toMatchObject({
      type: 'laptop',
      model: 'EliteBook 840',
      ramGb: 8,
      weightKg: 1.5,
      status: 'received',
      donationId,
    });
  });

  it('imports an XLSX sent as a form field', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Lot');
    sheet.addRow(['type', 'brand', 'serialNumber', 'storageGb']);
    sheet.addRow(['desktop', 'Lenovo', 'XLSX-1', 256]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const boundary = '----sv-test-boundary';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lot.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await tech.request('POST', `/devices/import?donationId=${donationId}`, body, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await tech.get('/devices?q=XLSX-1')).json().items[0]).toMatchObject({
      type: 'desktop',
      storageGb: 256,
    });
  });

  it('refuses the whole file, naming every error with its spreadsheet row, and writes nothing', async () => {
    await postCsv('type,serialNumber\nlaptop,TAKEN-1\n');
    const before = await count();
    const csv = [
      'type,serialNumber,ramGb',
      'laptop,OK-1,8',
      'toaster,OK-2,8',
      'laptop,TAKEN-1,4',
      'laptop,OK-1,huit',
    ].join('\n');
    const res = await postCsv(csv);
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['row 3.type', 'row 4.serialNumber', 'row 5.ramGb', 'row 5.serialNumber']),
    );
    expect(await count()).toBe(before);
  });

  it('previews the first rows and the errors without saving (dry run)', async () => {
    const before = await count();
    const res = await postCsv(
      'type,brand,serialNumber\nlaptop,Acer,DRY-1\nlaptop,Acer,DRY-1\n',
      '&dryRun=true',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().rows).toBe(2);
    expect(res.json().preview[0]).toMatchObject({ brand: 'Acer', serialNumber: 'DRY-1' });
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'row 3.serialNumber' })]);
    expect(await count()).toBe(before);
  });

  it('lists the expected columns when a column is unknown', async () => {
    const res = await postCsv('type,couleur\nlaptop,rouge\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ path: 'header' });
    expect(res.json().errors[0].message).toContain('serialNumber');
  });

  it('answers 413 with the 10 MB limit named for a larger file', async () => {
    const header = 'type,notes\n';
    const big = header + 'laptop,'.concat('x'.repeat(1000), '\n').repeat(10_600);
    const res = await postCsv(big);
    expect(res.statusCode).toBe(413);
    expect(res.json().detail).toContain('10 MB');
  });

  it('is refused for a donation the caller cannot see', async () => {
    const other = (await t.member((await t.buildOrganisation()).id, 'technician')).client;
    const res = await other.request('POST', `/devices/import?donationId=${donationId}`, 'type\nlaptop\n', {
      'content-type': 'text/csv',
    });
    expect(res.statusCode).toBe(404);
  });
});

// ---------------------------------------------------------------------------------------------
// Hostile files: random bytes, wrong encodings, huge fields, too many columns, formulas, broken archives.

const IMPORT_RUNS = Number(process.env.FUZZ_RUNS || 40);
const HOSTILE_CELLS = [
  '=HYPERLINK("http://x","y")',
  '+cmd',
  '@SUM(1)',
  '-2+3',
  '<img src=x onerror=alert(1)>',
  'a\u0000b',
  '\u0001\u0007\u001b[31m',
  'é\u202eevil',
  '"quoted;with,separators\nand a line"',
  'x'.repeat(110 * 1024),
];
const HEADERS = ['type', 'brand', 'Modèle', 'serialNumber', 'RAM (Go)', 'storageGb', 'notes', 'couleur', ''];

let fileNumber = 0;
const cellArbitrary = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom('laptop', 'portable', 'écran', 'HP', '8', '1,5', '256 Go', 'SN', ''),
  },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_CELLS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);
/** Rows that can be imported: a type, a serial number (made unique), hostile text where text is free. */
const importableSheet = fc.record({
  headers: fc.constant(['type', 'brand', 'serialNumber', 'notes']),
  rows: fc.array(
    fc.tuple(
      fc.constantFrom('laptop', 'portable', 'écran', 'Tablette'),
      fc.constantFrom(...HOSTILE_CELLS.filter((c) => c.length < 1000), 'HP'),
      fc.constant('SN'),
      fc.constantFrom(...HOSTILE_CELLS, ''),
    ),
    { minLength: 1, maxLength: 5 },
  ),
});
const anySheet = fc.record({
  headers: fc.oneof(
    fc.constant(['type', 'brand', 'serialNumber', 'notes']),
    fc.array(fc.constantFrom(...HEADERS), { minLength: 1, maxLength: 8 }),
    fc.constant(Array.from({ length: 2000 }, (_, i) => (i === 0 ? 'type' : `colonne ${i}`))),
  ),
  rows: fc.array(fc.array(cellArbitrary, { maxLength: 9 }), { maxLength: 6 }),
});
const sheetArbitrary = fc.oneof(
  { weight: 2, arbitrary: importableSheet },
  { weight: 1, arbitrary: anySheet },
);

/** The sheet's rows, each `SN` cell made a serial number of its own. */
function withSerials(rows: readonly (readonly string[])[]): string[][] {
  fileNumber++;
  return rows.map((row, index) => row.map((c) => (c === 'SN' ? `SN-${fileNumber}-${index}` : c)));
}

function encode(text: string, encoding: string): Buffer {
  switch (encoding) {
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'latin1':
      return Buffer.from(text, 'latin1');
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be-bom': {
      const le = Buffer.from(text, 'utf16le');
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
    }
    case 'utf16le':
      return Buffer.from(text, 'utf16le');
    default:
      return Buffer.from(text, 'utf8');
  }
}

type HostileFile = { kind: 'csv' | 'xlsx'; data: Buffer; rows: number };

const csvFileArbitrary = fc
  .tuple(
    sheetArbitrary,
    fc.constantFrom('utf8', 'utf8-bom', 'latin1', 'utf16le-bom', 'utf16be-bom', 'utf16le'),
    fc.constantFrom(';', ',', '\t'),
  )
  .map(([sheet, encoding, separator]): (() => Promise<HostileFile>) => async () => {
    const quote = (cell: string) => (/[";,\t\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
    const lines: string[][] = [[...sheet.headers], ...withSerials(sheet.rows)];
    const text = lines.map((line) => line.map(quote).join(separator)).join('\r\n');
    return { kind: 'csv', data: encode(text, encoding), rows: sheet.rows.length };
  });

const xlsxFileArbitrary = fc
  .tuple(sheetArbitrary, fc.constantFrom('plain', 'formulas', 'truncated', 'not-a-workbook'))
  .map(([sheet, variant]): (() => Promise<HostileFile>) => async () => {
    const workbook = new ExcelJS.Workbook();
    const worksheet = workbook.addWorksheet('Lot');
    worksheet.addRow(sheet.headers);
    for (const row of withSerials(sheet.rows)) {
      worksheet.addRow(
        row.map((cell, index) =>
          variant === 'formulas' && index % 2 === 1
            ? { formula: 'HYPERLINK("http://x","y")', result: cell === '' ? undefined : cell }
            : cell,
        ),
      );
    }
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    // A sound zip that is no workbook: its workbook part renamed (same length, so the archive stays valid).
    const notAWorkbook = () => {
      const copy = Buffer.from(bytes);
      for (let at = copy.indexOf('xl/workbook.xml'); at >= 0; at = copy.indexOf('xl/workbook.xml', at + 1)) {
        copy.write('xl/notebook.xml', at, 'latin1');
      }
      return copy;
    };
    const data =
      variant === 'truncated'
        ? bytes.subarray(0, Math.floor(bytes.length / 2))
        : variant === 'not-a-workbook'
          ? notAWorkbook()
          : bytes;
    return { kind: 'xlsx', data, rows: sheet.rows.length };
  });

const garbageArbitrary = fc
  .tuple(fc.uint8Array({ maxLength: 4000 }), fc.constantFrom<'csv' | 'xlsx'>('csv', 'xlsx'), fc.boolean())
  .map(([bytes, kind, zipHeader]): (() => Promise<HostileFile>) => async () => ({
    kind,
    // Starting like a zip sends the bytes to the XLSX reader whatever the declared type.
    data: Buffer.concat([
      zipHeader ? Buffer.from([0x50, 0x4b, 0x03, 0x04]) : Buffer.alloc(0),
      Buffer.from(bytes),
    ]),
    rows: 0,
  }));

const ROW_ERROR = /^row \d+(\.[a-zA-Z]+)?$/;

describe('POST /devices/import with hostile files', () => {
  it('never answers 500, imports all rows or none, and names the row and column of each error', async () => {
    const files = fc.sample(fc.oneof(csvFileArbitrary, xlsxFileArbitrary, garbageArbitrary), {
      numRuns: IMPORT_RUNS,
      seed: 20261126,
    });
    const outcomes = new Map<number, number>();
    for (const [index, makeFile] of files.entries()) {
      const file = await makeFile();
      const dryRun = index % 3 === 0;
      const before = await count();
      const res = await tech.request(
        'POST',
        `/devices/import?donationId=${donationId}${dryRun ? '&dryRun=true' : ''}`,
        file.data,
        {
          'content-type':
            file.kind === 'csv'
              ? 'text/csv'
              : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        },
      );
      outcomes.set(res.statusCode, (outcomes.get(res.statusCode) ?? 0) + 1);
      const what = `file ${index} (${file.kind}, ${file.data.length} bytes) → ${res.statusCode} ${res.body.slice(0, 300)}`;
      expect(res.statusCode, what).toBeLessThan(500);
      const after = await count();
      if (res.statusCode === 201) {
        expect(after - before, what).toBe(res.json().created);
        expect(res.json().created, what).toBeGreaterThan(0);
        continue;
      }
      // Refused, or only checked: nothing saved.
      expect(after, what).toBe(before);
      if (res.statusCode === 200 || res.statusCode === 400) {
        const errors: { path: string; message: string }[] = res.json().errors ?? [];
        if (res.statusCode === 400) expect(errors.length, what).toBeGreaterThan(0);
        for (const error of errors) {
          expect(error.path === 'file' || error.path === 'header' || ROW_ERROR.test(error.path), what).toBe(
            true,
          );
          expect(error.message, what).not.toBe('');
        }
      }
    }
    console.info(
      `Device import: ${files.length} hostile files, replies ${JSON.stringify(Object.fromEntries(outcomes))}`,
    );
  }, 600_000);

  it('refuses a text with a NUL character naming its row and column, and imports nothing', async () => {
    const before = await count();
    const res = await postCsv('type;serialNumber;notes\nlaptop;NUL-1;ok\nlaptop;NUL-2;a\u0000b\n');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'row 3.notes' })]);
    expect(await count()).toBe(before);
  });

  it('refuses a file of more rows than the limit, naming the limit, and imports nothing', async () => {
    const before = await count();
    const res = await postCsv(`type\n${'laptop\n'.repeat(MAX_IMPORT_ROWS + 1)}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'file' })]);
    expect(res.json().errors[0].message).toContain('50');
    expect(await count()).toBe(before);
  });
});
