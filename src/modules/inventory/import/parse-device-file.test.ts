import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// The app configures zod's messages there (missing value → 'validation.required', …); do the same here.
import '../../../lib/messages.ts';
import { deviceFieldSchemas } from '../device-fields.ts';
import { importMessagesEn, importMessagesFr } from './messages.ts';
import { detectKind, MAX_IMPORT_ROWS, parseDeviceFile } from './parse-device-file.ts';

const csv = (lines: string[], eol = '\n') => Buffer.from(lines.join(eol) + eol, 'utf8');
const parseCsv = (data: Buffer) => parseDeviceFile({ data, kind: 'csv' });

async function xlsx(fill: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Lot');
  fill(sheet, workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function zodMessage(result: { success: boolean; error?: { issues: { message: string }[] } }): string {
  const message = result.error?.issues[0]?.message;
  if (!message) throw new Error('expected a zod issue');
  return message;
}

describe('detectKind', () => {
  it('goes by the file extension first, whatever content type the browser sent', () => {
    expect(detectKind('lot-mars.CSV', 'application/vnd.ms-excel')).toBe('csv');
    expect(detectKind('lot.txt', undefined)).toBe('csv');
    expect(detectKind('Lot du 12 mars.xlsx', 'application/octet-stream')).toBe('xlsx');
    expect(detectKind('ancien.xls', 'application/vnd.ms-excel')).toBeNull();
    expect(detectKind('calc.ods', undefined)).toBeNull();
  });

  it('falls back to the content type when the name says nothing', () => {
    expect(detectKind(undefined, 'text/csv; charset=utf-8')).toBe('csv');
    expect(detectKind('export', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe(
      'xlsx',
    );
    expect(detectKind(undefined, 'application/pdf')).toBeNull();
    expect(detectKind(undefined, undefined)).toBeNull();
  });
});

describe('parseDeviceFile: CSV', () => {
  it('reads a comma-separated UTF-8 CSV with English headers and LF line ends', async () => {
    const result = await parseCsv(
      csv([
        'type,brand,model,serialNumber,ramGb',
        'laptop,Dell,Latitude E7470,SN-001,8',
        'desktop,HP,,SN-002,',
      ]),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      {
        row: 2,
        values: { type: 'laptop', brand: 'Dell', model: 'Latitude E7470', serialNumber: 'SN-001', ramGb: 8 },
      },
      { row: 3, values: { type: 'desktop', brand: 'HP', serialNumber: 'SN-002' } },
    ]);
  });

  it('reads a semicolon CSV saved by French Excel in Windows-1252', async () => {
    const text = [
      'Type de matériel;Marque;Numéro de série;Mémoire vive (Go);Poids (kg);Écran (pouces)',
      'Portable;Lenovo;PF-0A1B2C;8;1,8;14',
      'Unité centrale;Dell;CN-0XYZ;16;7,2;',
    ].join('\r\n');
    const data = Buffer.from(`${text}\r\n`, 'latin1');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(data)).toThrow();

    const result = await parseCsv(data);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      {
        row: 2,
        values: {
          type: 'laptop',
          brand: 'Lenovo',
          serialNumber: 'PF-0A1B2C',
          ramGb: 8,
          weightKg: 1.8,
          screenSizeInches: 14,
        },
      },
      {
        row: 3,
        values: { type: 'desktop', brand: 'Dell', serialNumber: 'CN-0XYZ', ramGb: 16, weightKg: 7.2 },
      },
    ]);
  });

  it('reads UTF-8 with a byte order mark (Excel “CSV UTF-8”) without a stray character in the first header', async () => {
    const data = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      csv(['Type;Numéro de série;Remarques', 'Tablette;SN-1;Écran fêlé'], '\r\n'),
    ]);
    const result = await parseCsv(data);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      { row: 2, values: { type: 'tablet', serialNumber: 'SN-1', notes: 'Écran fêlé' } },
    ]);
  });

  it('reads a tab-separated UTF-16 text export (Excel “Texte Unicode”)', async () => {
    const text = 'Type\tMarque\tRAM (Go)\r\nFixe\tAcer\t4\r\n';
    const data = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const result = await parseCsv(data);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([{ row: 2, values: { type: 'desktop', brand: 'Acer', ramGb: 4 } }]);
  });

  it('understands quotes: separators, doubled quotes and line breaks inside a value, a lone quote in a plain value', async () => {
    const result = await parseCsv(
      csv([
        'type;model;notes;screenSizeInches',
        'monitor;"P2419H; rev. A";"Pied ""réglable""";24',
        'monitor;Samsung 22";"Rayure à gauche',
        'et pixel mort";22',
        'monitor;X;;grand',
      ]),
    );
    expect(result.rows).toEqual([
      {
        row: 2,
        values: { type: 'monitor', model: 'P2419H; rev. A', notes: 'Pied "réglable"', screenSizeInches: 24 },
      },
      {
        row: 3,
        values: {
          type: 'monitor',
          model: 'Samsung 22"',
          notes: 'Rayure à gauche\net pixel mort',
          screenSizeInches: 22,
        },
      },
    ]);
    // A value spanning two lines is one spreadsheet row: the next record is row 4, not line 5.
    expect(result.errors.map((error) => error.path)).toEqual(['row 4.screenSizeInches']);
  });

  it('skips empty lines and rows of bare separators but numbers rows as the spreadsheet shows them', async () => {
    const result = await parseCsv(
      csv(['type;brand;ramGb', 'laptop;Dell;8', '', ';;', 'laptop;HP;huit', '', ''], '\r\n'),
    );
    expect(result.rows).toEqual([{ row: 2, values: { type: 'laptop', brand: 'Dell', ramGb: 8 } }]);
    expect(result.errors).toEqual([
      {
        path: 'row 5.ramGb',
        messageKey: 'import.invalid_value',
        params: { value: 'huit', expected: '0–4096' },
      },
    ]);
  });

  it('refuses a CSV with an opening quote never closed as unreadable', async () => {
    const result = await parseCsv(csv(['type;notes', 'laptop;"Clavier QWERTY', 'laptop;ok']));
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([
      { path: 'file', messageKey: 'import.unreadable', params: { reason: expect.stringContaining('Quote') } },
    ]);
  });
});

describe('parseDeviceFile: XLSX', () => {
  it('reads the first worksheet: numbers, strings, rich text, formula results and hyperlinks', async () => {
    const data = await xlsx((sheet, workbook) => {
      sheet.addRow(['Type', 'Marque', 'Modèle', 'N° de série', 'RAM (Go)', 'Stockage (Go)']);
      sheet.addRow(['Portable', 'Lenovo', 'ThinkPad T480', 'PF-1', 8, 256]);
      sheet.getCell('A3').value = 'laptop';
      sheet.getCell('B3').value = { richText: [{ text: 'Del', font: { bold: true } }, { text: 'l ' }] };
      sheet.getCell('C3').value = { formula: 'CONCATENATE("Latitude ","5490")', result: 'Latitude 5490' };
      sheet.getCell('D3').value = { text: 'SN-42', hyperlink: 'https://inventaire.example/SN-42' };
      sheet.getCell('E3').value = { formula: 'E2*2', result: 16 };
      sheet.getCell('F3').value = '512 Go';
      workbook.addWorksheet('Brouillon').addRow(['Couleur', 'Prix']);
    });

    const result = await parseDeviceFile({ data, kind: 'xlsx' });
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      {
        row: 2,
        values: {
          type: 'laptop',
          brand: 'Lenovo',
          model: 'ThinkPad T480',
          serialNumber: 'PF-1',
          ramGb: 8,
          storageGb: 256,
        },
      },
      {
        row: 3,
        values: {
          type: 'laptop',
          brand: 'Dell',
          model: 'Latitude 5490',
          serialNumber: 'SN-42',
          ramGb: 16,
          storageGb: 512,
        },
      },
    ]);
  });

  it('reads a percentage cell (85 % typed in Excel, stored as 0.85) as 85 and keeps spreadsheet row numbers across empty rows', async () => {
    const data = await xlsx((sheet) => {
      sheet.addRow(['type', 'batteryHealthPercent', 'serialNumber']);
      sheet.getCell('A2').value = 'tablette';
      sheet.getCell('B2').value = 0.85;
      sheet.getCell('B2').numFmt = '0%';
      sheet.getCell('A5').value = 'smartphone';
      sheet.getCell('B5').value = 72;
      sheet.getCell('C5').value = 358_240_051_111_110;
    });
    const result = await parseDeviceFile({ data, kind: 'xlsx' });
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      { row: 2, values: { type: 'tablet', batteryHealthPercent: 85 } },
      { row: 5, values: { type: 'smartphone', batteryHealthPercent: 72, serialNumber: '358240051111110' } },
    ]);
  });

  it('reports a formula that gives an error (#N/A) instead of importing it', async () => {
    const data = await xlsx((sheet) => {
      sheet.addRow(['type', 'serialNumber']);
      sheet.addRow(['laptop', { formula: 'VLOOKUP(A2,Dons!A:B,2,FALSE)', result: { error: '#N/A' } }]);
    });
    const result = await parseDeviceFile({ data, kind: 'xlsx' });
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([
      { path: 'row 2.serialNumber', messageKey: 'import.formula_error', params: { value: '#N/A' } },
    ]);
  });

  it('refuses bytes that are not a workbook as unreadable', async () => {
    const result = await parseDeviceFile({
      data: Buffer.from('ceci n’est pas un classeur \u0000\u0001'),
      kind: 'xlsx',
    });
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([
      { path: 'file', messageKey: 'import.unreadable', params: { reason: expect.any(String) } },
    ]);
  });

  it('refuses Excel 97-2003 and OpenDocument files with a word on how to save them', async () => {
    const xls = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(64),
    ]);
    const ods = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'),
    ]);
    for (const [data, format] of [
      [xls, 'Excel 97-2003 (.xls)'],
      [ods, 'OpenDocument (.ods)'],
    ] as const) {
      const result = await parseDeviceFile({ data, kind: 'xlsx' });
      expect(result.errors).toEqual([
        { path: 'file', messageKey: 'import.unsupported_format', params: { format } },
      ]);
    }
  });

  it('reads an XLSX file even when it was sent as CSV (renamed file)', async () => {
    const data = await xlsx((sheet) => {
      sheet.addRow(['type']);
      sheet.addRow(['imprimante']);
    });
    const result = await parseDeviceFile({ data, kind: 'csv' });
    expect(result).toEqual({ rows: [{ row: 2, values: { type: 'printer' } }], errors: [] });
  });
});

describe('parseDeviceFile: headers', () => {
  it.each([
    'serialNumber',
    'Serial number',
    'SERIAL_NUMBER',
    'Numéro de série',
    'numero de serie',
    '  Numéro  de   série ',
    'N° de série',
    'Nº de série',
    'Num. série',
  ])('reads the column “%s” as serialNumber', async (header) => {
    const result = await parseCsv(csv([`Type;${header}`, 'portable;ABC123']));
    expect(result.errors).toEqual([]);
    expect(result.rows[0]?.values.serialNumber).toBe('ABC123');
  });

  it('reports all unknown columns in one error listing the expected field names, and still checks the rows', async () => {
    const result = await parseCsv(
      csv(['Type;Couleur;Marque;Prix', 'portable;noir;Dell;50', 'tour;gris;HP;x']),
    );
    expect(result.errors).toEqual([
      {
        path: 'header',
        messageKey: 'import.unknown_columns',
        params: {
          columns: 'Couleur, Prix',
          expected:
            'type, brand, model, serialNumber, cpu, ramGb, storageGb, storageType, screenSizeInches, batteryHealthPercent, weightKg, notes',
        },
      },
    ]);
    expect(result.rows.map((row) => row.values)).toEqual([
      { type: 'laptop', brand: 'Dell' },
      { type: 'desktop', brand: 'HP' },
    ]);
  });

  it('requires a type column, and still reports the errors of the other columns', async () => {
    const result = await parseCsv(csv(['Marque;RAM', 'Dell;8', 'HP;beaucoup']));
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([
      { path: 'header', messageKey: 'import.missing_column', params: { column: 'type' } },
      {
        path: 'row 3.ramGb',
        messageKey: 'import.invalid_value',
        params: { value: 'beaucoup', expected: '0–4096' },
      },
    ]);
  });

  it('refuses two columns for the same field', async () => {
    const result = await parseCsv(csv(['type;Marque;modele;brand', 'laptop;Dell;E7470;Dell']));
    expect(result.errors).toEqual([
      {
        path: 'header',
        messageKey: 'import.duplicate_column',
        params: { column: 'brand', letter: 'D', field: 'brand', firstColumn: 'Marque', firstLetter: 'B' },
      },
    ]);
  });

  it('ignores untitled empty columns (trailing separators) but reports an untitled column holding values', async () => {
    const clean = await parseCsv(csv(['type;brand;;', 'laptop;Dell;;', 'laptop;HP;;'], '\r\n'));
    expect(clean.errors).toEqual([]);
    expect(clean.rows).toHaveLength(2);

    const result = await parseCsv(csv(['type;;brand', 'laptop;;Dell', 'laptop;clavier HS;HP;en plus']));
    expect(result.errors).toEqual([
      { path: 'header', messageKey: 'import.unnamed_column', params: { letter: 'B' } },
      { path: 'header', messageKey: 'import.unnamed_column', params: { letter: 'D' } },
    ]);
  });
});

describe('parseDeviceFile: values', () => {
  it('trims values and leaves empty cells out', async () => {
    const result = await parseCsv(csv(['type;brand;model;ramGb;notes', '  laptop ;  Dell  ;   ;  ; ']));
    expect(result.errors).toEqual([]);
    expect(result.rows[0]?.values).toStrictEqual({ type: 'laptop', brand: 'Dell' });
  });

  it('reads decimal commas, space and non-breaking space thousands separators and units', async () => {
    const result = await parseCsv(
      csv([
        'type;ramGb;storageGb;weightKg;batteryHealthPercent;screenSizeInches',
        'laptop;8 Go;1 024;1,5 kg;85 %;15,6"',
        'laptop;8GB;1\u00a0024 Go;1.8;85%;13,3 pouces',
        'laptop;8Go;2\u202f048 GB;850 g;100;14 po',
        'laptop;16 go;1 To;2 kg;0;12',
        'laptop;4;1 000 000;0,95;47;10,1',
      ]),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows.map((row) => row.values)).toEqual([
      {
        type: 'laptop',
        ramGb: 8,
        storageGb: 1024,
        weightKg: 1.5,
        batteryHealthPercent: 85,
        screenSizeInches: 15.6,
      },
      {
        type: 'laptop',
        ramGb: 8,
        storageGb: 1024,
        weightKg: 1.8,
        batteryHealthPercent: 85,
        screenSizeInches: 13.3,
      },
      {
        type: 'laptop',
        ramGb: 8,
        storageGb: 2048,
        weightKg: 0.85,
        batteryHealthPercent: 100,
        screenSizeInches: 14,
      },
      {
        type: 'laptop',
        ramGb: 16,
        storageGb: 1000,
        weightKg: 2,
        batteryHealthPercent: 0,
        screenSizeInches: 12,
      },
      {
        type: 'laptop',
        ramGb: 4,
        storageGb: 1_000_000,
        weightKg: 0.95,
        batteryHealthPercent: 47,
        screenSizeInches: 10.1,
      },
    ]);
  });

  it('reads the type from the English value or French words, without case or accents', async () => {
    const words = [
      'laptop',
      'LAPTOP',
      'Ordinateur portable',
      'PC portable',
      'unite centrale',
      'Tour',
      'Écran',
      'ecran',
      'Moniteur',
      'Téléphone',
      'TELEPHONE',
      'Imprimante',
      'Autre',
    ];
    const result = await parseCsv(csv(['Catégorie', ...words]));
    expect(result.errors).toEqual([]);
    expect(result.rows.map((row) => row.values.type)).toEqual([
      'laptop',
      'laptop',
      'laptop',
      'laptop',
      'desktop',
      'desktop',
      'monitor',
      'monitor',
      'monitor',
      'smartphone',
      'smartphone',
      'printer',
      'other',
    ]);
  });

  it('reads the storage type without case (SSD, NVMe, eMMC) and refuses other words with the expected list', async () => {
    const result = await parseCsv(
      csv([
        'type;Type de stockage',
        'laptop;SSD',
        'laptop;NVMe',
        'tablet;eMMC',
        'desktop;hdd',
        'desktop;disquette',
      ]),
    );
    expect(result.rows.map((row) => row.values.storageType)).toEqual(['ssd', 'nvme', 'emmc', 'hdd']);
    expect(result.errors).toEqual([
      {
        path: 'row 6.storageType',
        messageKey: 'import.invalid_value',
        params: { value: 'disquette', expected: 'hdd, ssd, nvme, emmc, other' },
      },
    ]);
  });

  it('refuses values it cannot convert with import.invalid_value and what was expected', async () => {
    const result = await parseCsv(
      csv(['type;ramGb;weightKg;batteryHealthPercent;storageGb', 'ordi;huit;1,5 tonne;85 pourcent;1.024,5']),
    );
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([
      {
        path: 'row 2.type',
        messageKey: 'import.invalid_value',
        params: { value: 'ordi', expected: 'laptop, desktop, monitor, tablet, smartphone, printer, other' },
      },
      {
        path: 'row 2.ramGb',
        messageKey: 'import.invalid_value',
        params: { value: 'huit', expected: '0–4096' },
      },
      {
        path: 'row 2.weightKg',
        messageKey: 'import.invalid_value',
        params: { value: '1,5 tonne', expected: '0–500' },
      },
      {
        path: 'row 2.batteryHealthPercent',
        messageKey: 'import.invalid_value',
        params: { value: '85 pourcent', expected: '0–100' },
      },
      {
        path: 'row 2.storageGb',
        messageKey: 'import.invalid_value',
        params: { value: '1.024,5', expected: '0–1000000' },
      },
    ]);
  });

  it('reports what the device field rules refuse with the zod issue message and its details', async () => {
    const longSerial = 'X'.repeat(101);
    const result = await parseCsv(
      csv(['type;ramGb;batteryHealthPercent;serialNumber', 'laptop;5000;85,5;', `;-1;;${longSerial}`]),
    );
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([
      {
        path: 'row 2.ramGb',
        messageKey: zodMessage(deviceFieldSchemas.ramGb.safeParse(5000)),
        params: expect.objectContaining({ code: 'too_big', maximum: 4096, value: '5000' }),
      },
      {
        path: 'row 2.batteryHealthPercent',
        messageKey: 'validation.invalid_type',
        params: expect.objectContaining({ code: 'invalid_type', expected: 'int', value: '85,5' }),
      },
      {
        path: 'row 3.type',
        messageKey: zodMessage(deviceFieldSchemas.type.safeParse(undefined)),
        params: expect.objectContaining({ code: expect.any(String) }),
      },
      {
        path: 'row 3.ramGb',
        messageKey: zodMessage(deviceFieldSchemas.ramGb.safeParse(-1)),
        params: expect.objectContaining({ code: 'too_small', minimum: 0, value: '-1' }),
      },
      {
        path: 'row 3.serialNumber',
        messageKey: zodMessage(deviceFieldSchemas.serialNumber.safeParse(longSerial)),
        params: expect.objectContaining({ code: 'too_big', maximum: 100 }),
      },
    ]);
  });

  it('reports every error of every row at once, numbered as the spreadsheet shows them', async () => {
    const result = await parseCsv(
      csv([
        'type;ramGb;storageType',
        'laptop;8;ssd',
        'velo;8;ssd',
        'laptop;8;ssd',
        'laptop;huit;disquette',
        'desktop;16;hdd',
      ]),
    );
    expect(result.errors.map((error) => error.path)).toEqual([
      'row 3.type',
      'row 5.ramGb',
      'row 5.storageType',
    ]);
    // The rows without errors are still given, for a caller that wants to show or keep them.
    expect(result.rows.map((row) => row.row)).toEqual([2, 4, 6]);
  });

  it('reports a serial number repeated in the file on each later occurrence, without case or spaces', async () => {
    const result = await parseCsv(
      csv([
        'type;serialNumber',
        'laptop;AB-1',
        'laptop;CD-2',
        'laptop;ZZ 9',
        'laptop;ab-1',
        'laptop;EF-3',
        'laptop;zz9',
        'laptop;AB-1',
      ]),
    );
    expect(result.errors).toEqual([
      {
        path: 'row 5.serialNumber',
        messageKey: 'import.duplicate_serial_in_file',
        params: { serialNumber: 'ab-1', firstRow: 2 },
      },
      {
        path: 'row 7.serialNumber',
        messageKey: 'import.duplicate_serial_in_file',
        params: { serialNumber: 'zz9', firstRow: 4 },
      },
      {
        path: 'row 8.serialNumber',
        messageKey: 'import.duplicate_serial_in_file',
        params: { serialNumber: 'AB-1', firstRow: 2 },
      },
    ]);
    expect(result.rows.map((row) => row.row)).toEqual([2, 3, 4, 6]);
  });
});

describe('parseDeviceFile: the file as a whole', () => {
  it('refuses a file with only a header, or nothing at all, with import.no_rows', async () => {
    for (const data of [csv(['Type;Marque']), csv(['Type;Marque', '', ';'], '\r\n'), Buffer.alloc(0)]) {
      const result = await parseCsv(data);
      expect(result).toEqual({ rows: [], errors: [{ path: 'file', messageKey: 'import.no_rows' }] });
    }
    const empty = await parseDeviceFile({
      data: await xlsx((sheet) => sheet.addRow(['type'])),
      kind: 'xlsx',
    });
    expect(empty.errors).toEqual([{ path: 'file', messageKey: 'import.no_rows' }]);
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} rows with import.too_many_rows`, async () => {
    const lines = ['type', ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => 'laptop')];
    const result = await parseCsv(csv(lines));
    expect(result).toEqual({
      rows: [],
      errors: [{ path: 'file', messageKey: 'import.too_many_rows', params: { max: 50_000 } }],
    });
    const atLimit = await parseCsv(csv(lines.slice(0, -1)));
    expect(atLimit.errors).toEqual([]);
    expect(atLimit.rows).toHaveLength(MAX_IMPORT_ROWS);
  });

  it('tells its progress at most every 500 rows and at the end', async () => {
    const calls: [number, number][] = [];
    const lines = ['type', ...Array.from({ length: 1234 }, () => 'laptop')];
    await parseDeviceFile({ data: csv(lines), kind: 'csv' }, (done, total) => calls.push([done, total]));
    expect(calls).toEqual([
      [500, 1234],
      [1000, 1234],
      [1234, 1234],
    ]);
  });

  it('parses 10,000 rows without errors', async () => {
    const lines = [
      'Type;Marque;Modèle;Numéro de série;Processeur;RAM (Go);Stockage (Go);Type de stockage;Poids (kg)',
    ];
    for (let i = 0; i < 10_000; i++) {
      lines.push(
        `Portable;Lenovo;ThinkPad T${400 + (i % 90)};PF-${i.toString(36).padStart(6, '0')};i5-8350U;8 Go;256;SSD;1,6`,
      );
    }
    const result = await parseCsv(csv(lines, '\r\n'));
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(10_000);
    expect(result.rows.at(-1)?.row).toBe(10_001);
  });
});

describe('import messages', () => {
  it('word every key in French and English with the same placeholders', () => {
    expect(Object.keys(importMessagesEn).sort()).toEqual(Object.keys(importMessagesFr).sort());
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const [key, french] of Object.entries(importMessagesFr)) {
      expect(placeholders(importMessagesEn[key as keyof typeof importMessagesFr]), key).toEqual(
        placeholders(french),
      );
    }
  });
});

describe('parseDeviceFile: any bytes', () => {
  const PATH = /^(file|header|row \d+(\.[a-zA-Z]+)?)$/;

  it('never throws, and either gives rows or names the file, the header or a row and field', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 3000 }).map((bytes) => Buffer.from(bytes)),
          fc
            .array(
              fc.array(
                fc.oneof(
                  fc.string({ maxLength: 12 }),
                  fc.constantFrom('laptop', 'type', 'serialNumber', 'a\u0000b', '=1+1', '8 Go', '"'),
                ),
                { maxLength: 5 },
              ),
              { maxLength: 6 },
            )
            .map((lines) => Buffer.from(lines.map((cells) => cells.join(';')).join('\n'), 'utf8')),
        ),
        fc.constantFrom<'csv' | 'xlsx'>('csv', 'xlsx'),
        async (data, kind) => {
          const result = await parseDeviceFile({ data, kind });
          for (const error of result.errors) expect(error.path).toMatch(PATH);
          const rows = result.rows.map((r) => r.row);
          expect(new Set(rows).size).toBe(rows.length);
          // No NUL reaches the database: a cell holding one is an error on its row.
          for (const { values } of result.rows) expect(JSON.stringify(values)).not.toContain('\\u0000');
        },
      ),
      { numRuns: 200, seed: 42 },
    );
  });
});
