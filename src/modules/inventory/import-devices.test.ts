import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/app.ts';

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
