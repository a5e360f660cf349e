import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/app.ts';
import { readPdf } from '../../../test/support/pdf.ts';
import { today } from '../../lib/dates.ts';
import type { FunderReport } from './funder-types.ts';
import {
  equip,
  jsonStrings,
  type Operator,
  operator,
  programme,
  readyDevice,
  referred,
  year,
} from './network-test-kit.ts';

let t: TestApp;
let funder: { id: string; name: string };
let otherFunder: { id: string; name: string };
let funderViewer: ApiClient;
let funderTechnician: ApiClient;
let otherFunderViewer: ApiClient;
let owner: Operator;
let secondOwner: Operator;
let outsider: Operator;
let sale: string;
let loan: string;
const personIds: string[] = [];

async function person(op: Operator, programmeId: string, fields: Record<string, unknown>): Promise<string> {
  const id = await referred(op, programmeId, fields);
  personIds.push(id);
  return id;
}

async function report(client: ApiClient, funderId = funder.id, query = ''): Promise<FunderReport> {
  const res = await client.get(`/reports/funders/${funderId}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await startTestApp();
  funder = await t.buildOrganisation({ kinds: ['funder'] });
  otherFunder = await t.buildOrganisation({ kinds: ['funder'] });
  funderViewer = (await t.member(funder.id, 'viewer')).client;
  funderTechnician = (await t.member(funder.id, 'technician')).client;
  otherFunderViewer = (await t.member(otherFunder.id, 'viewer')).client;
  owner = await operator(t);
  secondOwner = await operator(t);
  outsider = await operator(t);

  // A subsidised sale: 88 EUR a unit from the funder, 20 EUR from another, an internet aid the funder pays.
  sale = await programme(owner, {
    mode: 'sale',
    unitPriceCents: 13000,
    subsidies: [
      { funderOrganisationId: funder.id, amountCents: 8800 },
      { funderOrganisationId: otherFunder.id, amountCents: 2000 },
    ],
    internetAid: { amountCents: 15000, months: 12, funderOrganisationId: funder.id },
    targets: { beneficiaries: 10, byGroup: { pupil: 4, job_seeker: 3, senior: 2, association: 1 } },
  });
  const groups = ['pupil', 'pupil', 'pupil', 'job_seeker', 'job_seeker', 'senior', 'association'];
  const equipped: string[] = [];
  for (const group of groups) {
    const id = await person(
      owner,
      sale,
      group === 'association' ? { kind: 'association' } : { targetGroup: group },
    );
    await equip(owner, sale, id, await readyDevice(owner), {
      payment: { amountCents: 2200, method: 'cash' },
    });
    equipped.push(id);
  }
  for (const beneficiaryId of equipped.slice(0, 2)) {
    const aid = await owner.manager.post('/internet-aids', {
      programmeId: sale,
      beneficiaryId,
      amountCents: 15000,
      months: 12,
    });
    expect(aid.statusCode, aid.body).toBe(201);
  }
  // Paid by the other funder: not in this report.
  const paidByOther = await owner.manager.post('/internet-aids', {
    programmeId: sale,
    beneficiaryId: equipped[2],
    amountCents: 15000,
    months: 12,
    funderId: otherFunder.id,
  });
  expect(paidByOther.statusCode, paidByOther.body).toBe(201);

  // Another organisation's loans: the funder pays their internet aid only.
  loan = await programme(secondOwner, {
    mode: 'loan',
    loanMonths: 12,
    internetAid: { amountCents: 10000, months: 12, funderOrganisationId: funder.id },
  });
  const household = await person(secondOwner, loan, { targetGroup: 'household' });
  await equip(secondOwner, loan, household, await readyDevice(secondOwner));
  const aid = await secondOwner.manager.post('/internet-aids', {
    programmeId: loan,
    beneficiaryId: household,
    amountCents: 10000,
    months: 12,
  });
  expect(aid.statusCode, aid.body).toBe(201);

  // Subsidised by the other funder only: not in this report.
  const notFunded = await programme(owner, {
    mode: 'sale',
    unitPriceCents: 5000,
    subsidies: [{ funderOrganisationId: otherFunder.id, amountCents: 5000 }],
  });
  await equip(
    owner,
    notFunded,
    await person(owner, notFunded, { targetGroup: 'pupil' }),
    await readyDevice(owner),
  );
});
afterAll(() => t.close());

describe('GET /reports/funders/{id}', () => {
  it('gives units, amounts, aids and people reached by public against the targets', async () => {
    const r = await report(funderViewer);
    expect(r.funder).toEqual({ id: funder.id, name: funder.name });
    expect(r.scope).toBe('full');
    expect(r.programmes.map((p) => p.programme.id).sort()).toEqual([sale, loan].sort());
    const s = r.programmes.find((p) => p.programme.id === sale);
    expect(s).toMatchObject({
      subsidyPerUnitCents: 8800,
      unitsSubsidised: 7,
      subsidiesCents: 61600,
      internetAids: { count: 2, totalCents: 30000 },
      totalCents: 91600,
      reached: 7,
      target: { beneficiaries: 10, achievement: 0.7 },
      byGroup: [
        { group: 'pupil', reached: 3, target: 4, achievement: 0.75 },
        { group: 'job_seeker', reached: 2, target: 3, achievement: 0.6667 },
        { group: 'senior', reached: 1, target: 2, achievement: 0.5 },
        { group: 'household', reached: 0, target: null, achievement: null },
        { group: 'association', reached: 1, target: 1, achievement: 1 },
      ],
    });
    const l = r.programmes.find((p) => p.programme.id === loan);
    expect(l).toMatchObject({
      programme: { ownerOrganisationId: secondOwner.id, mode: 'loan' },
      subsidyPerUnitCents: null,
      unitsSubsidised: 0,
      subsidiesCents: 0,
      internetAids: { count: 1, totalCents: 10000 },
      totalCents: 10000,
      reached: 1,
      target: { beneficiaries: null, achievement: null },
    });
    expect(r.totals).toEqual({
      unitsSubsidised: 7,
      subsidiesCents: 61600,
      internetAids: { count: 3, totalCents: 40000 },
      totalCents: 101600,
      reached: 8,
      byGroup: [
        { group: 'pupil', reached: 3 },
        { group: 'job_seeker', reached: 2 },
        { group: 'senior', reached: 1 },
        { group: 'household', reached: 1 },
        { group: 'association', reached: 1 },
      ],
    });
    // Never a person: no beneficiary id anywhere.
    const strings = jsonStrings(r);
    for (const id of personIds) expect(strings).not.toContain(id);
  });

  it('adds up: programmes to totals, groups to people reached, a split period to the whole', async () => {
    const whole = await report(funderViewer);
    const sum = (pick: (p: FunderReport['programmes'][number]) => number) =>
      whole.programmes.reduce((s, p) => s + pick(p), 0);
    expect(sum((p) => p.unitsSubsidised)).toBe(whole.totals.unitsSubsidised);
    expect(sum((p) => p.totalCents)).toBe(whole.totals.totalCents);
    expect(whole.totals.subsidiesCents + whole.totals.internetAids.totalCents).toBe(whole.totals.totalCents);
    expect(whole.totals.byGroup.reduce((s, g) => s + g.reached, 0)).toBe(whole.totals.reached);
    for (const p of whole.programmes) {
      expect(p.byGroup.reduce((s, g) => s + g.reached, 0)).toBe(p.reached);
      expect(p.subsidiesCents).toBe(p.unitsSubsidised * (p.subsidyPerUnitCents ?? 0));
    }
    const day = today();
    // (On 31 December the second half is empty: it is then the first day of next year.)
    const tomorrow = nextDay(day);
    const first = await report(funderViewer, funder.id, `?from=${year}-01-01&to=${day}`);
    const second = await report(
      funderViewer,
      funder.id,
      `?from=${tomorrow}&to=${tomorrow > `${year}-12-31` ? tomorrow : `${year}-12-31`}`,
    );
    expect(first.totals.totalCents + second.totals.totalCents).toBe(whole.totals.totalCents);
    expect(first.totals.unitsSubsidised + second.totals.unitsSubsidised).toBe(whole.totals.unitsSubsidised);
    // Everything happened today: the day after counts nothing.
    expect(second.totals).toMatchObject({ unitsSubsidised: 0, totalCents: 0, reached: 0 });
  });

  it('shows a funder its own report only, and a programme owner the part about its programmes', async () => {
    const url = `/reports/funders/${funder.id}`;
    // Hand-written: who gets what.
    const expected: [string, ApiClient, number, string | null][] = [
      ['funder viewer', funderViewer, 200, 'full'],
      ['funder technician', funderTechnician, 403, null],
      ['another funder', otherFunderViewer, 404, null],
      ['owner of the sale', owner.manager, 200, 'owner'],
      ['owner of the loans', secondOwner.manager, 200, 'owner'],
      ['owner’s social worker', owner.socialWorker, 404, null],
      ['outsider', outsider.admin, 404, null],
      ['platform administrator', await t.admin(), 200, 'full'],
    ];
    for (const [who, client, status, scope] of expected) {
      const res = await client.get(url);
      expect([who, res.statusCode, status === 200 ? res.json().scope : null]).toEqual([who, status, scope]);
    }
    const mine = await report(owner.manager);
    expect(mine.programmes.map((p) => p.programme.id)).toEqual([sale]);
    expect(mine.totals).toMatchObject({ unitsSubsidised: 7, reached: 7, totalCents: 91600 });
    const theirs = await report(secondOwner.manager);
    expect(theirs.programmes.map((p) => p.programme.id)).toEqual([loan]);
    expect((await t.anonymous.get(url)).statusCode).toBe(401);
  });
});

describe('funder report exports', () => {
  it('gives the same figures as PDF, CSV and XLSX', async () => {
    const pdf = await funderViewer.get(`/reports/funders/${funder.id}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = await readPdf(pdf.rawPayload);
    expect(text).toContain('Bilan financeur');
    expect(text).toContain(funder.name);
    expect(text).toMatch(/616,00\s€/);
    expect(text).toMatch(/1\s016,00\s€/);
    expect(text).toContain('Élèves');

    const csv = await funderViewer.get(`/reports/funders/${funder.id}.csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows: string[][] = parse(csv.body.replace(/^\uFEFF/, ''), { delimiter: ';' });
    expect(rows).toHaveLength(4);
    expect(rows[0]?.slice(0, 5)).toEqual([
      'Programme',
      'Porteur',
      'Mode',
      'Subvention par unité (EUR)',
      'Unités subventionnées',
    ]);
    const saleRow = rows.find((r) => r[2] === 'Vente solidaire');
    expect(saleRow?.slice(3, 12)).toEqual([
      '88,00',
      '7',
      '616,00',
      '2',
      '300,00',
      '916,00',
      '7',
      '10',
      '0,7',
    ]);
    expect(rows[3]?.slice(4, 10)).toEqual(['7', '616,00', '3', '400,00', '1016,00', '8']);

    const xlsx = await funderViewer.get(`/reports/funders/${funder.id}.xlsx`);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const values = (n: number) => ((sheet?.getRow(n).values ?? []) as unknown[]).slice(1);
    const saleLine = [2, 3].map(values).find((v) => v[2] === 'Vente solidaire');
    expect(saleLine?.slice(3, 12)).toEqual([88, 7, 616, 2, 300, 916, 7, 10, 0.7]);
    expect(values(4).slice(4, 10)).toEqual([7, 616, 3, 400, 1016, 8]);
    expect(sheet?.getRow(2).getCell(6).numFmt).toContain('€');
    const groups = book.worksheets[1];
    expect(((groups?.getRow(2).values ?? []) as unknown[]).slice(1)).toEqual(['Élèves', 3]);
    // Another funder's files: 404 like the JSON.
    expect((await otherFunderViewer.get(`/reports/funders/${funder.id}.xlsx`)).statusCode).toBe(404);
  });

  it('keeps a name that looks like a formula as text in the CSV and the XLSX', async () => {
    const thirdFunder = await t.buildOrganisation({ kinds: ['funder'] });
    const viewer = (await t.member(thirdFunder.id, 'viewer')).client;
    await programme(owner, {
      name: '=HYPERLINK("http://example.org","x")',
      mode: 'sale',
      unitPriceCents: 1000,
      subsidies: [{ funderOrganisationId: thirdFunder.id, amountCents: 1000 }],
    });
    const rows: string[][] = parse(
      (await viewer.get(`/reports/funders/${thirdFunder.id}.csv`)).body.replace(/^\uFEFF/, ''),
      { delimiter: ';' },
    );
    expect(rows[1]?.[0]).toBe(`'=HYPERLINK("http://example.org","x")`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      (await viewer.get(`/reports/funders/${thirdFunder.id}.xlsx`)).rawPayload as unknown as ArrayBuffer,
    );
    // An XLSX text cell is never evaluated: the name as typed, a string, never a formula.
    const cell = book.worksheets[0]?.getRow(2).getCell(1);
    expect(cell?.value).toBe(`=HYPERLINK("http://example.org","x")`);
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
  });
});

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
