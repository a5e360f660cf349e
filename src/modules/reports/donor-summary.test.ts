import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/app.ts';
import { readPdf } from '../../../test/support/pdf.ts';
import type { DonorSummary } from './donor-types.ts';
import {
  equip,
  type Operator,
  operator,
  programme,
  readyDevice,
  referred,
  year,
} from './network-test-kit.ts';

let t: TestApp;
let donor: { id: string; name: string };
let donorViewer: ApiClient;
let donorTechnician: ApiClient;
let first: Operator;
let second: Operator;
let outsider: Operator;
const donations: Record<'a' | 'b' | 'c' | 'lastYear', string> = { a: '', b: '', c: '', lastYear: '' };

async function donation(op: Operator, receivedOn = `${year}-02-01`): Promise<string> {
  const res = await op.manager.post('/donations', {
    donorOrganisationId: donor.id,
    refurbisherOrganisationId: op.id,
    receivedOn,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function handOver(op: Operator, deviceId: string): Promise<void> {
  const p = await programme(op, { mode: 'donation' });
  await equip(op, p, await referred(op, p), deviceId);
}

async function move(op: Operator, deviceId: string, statuses: string[]): Promise<void> {
  for (const status of statuses) {
    const res = await op.technician.post(`/devices/${deviceId}/status`, { status });
    expect(res.statusCode, res.body).toBe(200);
  }
}

async function summary(client: ApiClient, query = ''): Promise<DonorSummary> {
  const res = await client.get(`/reports/donors/${donor.id}/summary${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await startTestApp();
  donor = await t.buildOrganisation({ kinds: ['donor'] });
  donorViewer = (await t.member(donor.id, 'viewer')).client;
  donorTechnician = (await t.member(donor.id, 'technician')).client;
  first = await operator(t);
  second = await operator(t);
  outsider = await operator(t);

  // a: four laptops — two reused (one weighed 2 kg), one recycled, one ready.
  donations.a = await donation(first);
  await handOver(first, await readyDevice(first, { donationId: donations.a, weightKg: 2 }));
  await handOver(first, await readyDevice(first, { donationId: donations.a }));
  const scrap = (await first.technician.post('/devices', { type: 'laptop', donationId: donations.a })).json()
    .id;
  await move(first, scrap, ['to_recycle', 'recycled']);
  await readyDevice(first, { donationId: donations.a });
  // b: two desktops — one reused, one lost.
  donations.b = await donation(first);
  await handOver(first, await readyDevice(first, { donationId: donations.b, type: 'desktop' }));
  await move(first, await readyDevice(first, { donationId: donations.b, type: 'desktop' }), ['lost']);
  // c: another refurbisher, one laptop reused.
  donations.c = await donation(second);
  await handOver(second, await readyDevice(second, { donationId: donations.c }));
  // Last year's donation: not in this year's summary.
  donations.lastYear = await donation(first, `${Number(year) - 1}-11-15`);
  for (let i = 0; i < 3; i++) await readyDevice(first, { donationId: donations.lastYear, type: 'tablet' });
});
afterAll(() => t.close());

describe('GET /reports/donors/{id}/summary', () => {
  it('counts the year’s devices by fate, with CO2e and WEEE avoided, in all and per donation', async () => {
    const s = await summary(donorViewer, `?year=${year}`);
    expect(s).toMatchObject({ donor: { id: donor.id, name: donor.name }, year: Number(year), scope: 'full' });
    // Reused: 3 laptops (2 kg, 1.83, 1.83) and a desktop (6.69): 3 × 91.15 + 130.95 kg CO2e; 12.35 kg.
    expect(s.totals).toEqual({
      given: 7,
      reused: 4,
      recycled: 1,
      inProgress: 1,
      lost: 1,
      co2eAvoidedKg: 404.4,
      weeeAvoidedKg: 12.4,
    });
    expect(s.byType).toEqual([
      { type: 'laptop', given: 5, reused: 3, recycled: 1, inProgress: 1, lost: 0 },
      { type: 'desktop', given: 2, reused: 1, recycled: 0, inProgress: 0, lost: 1 },
    ]);
    expect(s.donations.map((d) => d.id).sort()).toEqual([donations.a, donations.b, donations.c].sort());
    expect(s.donations.find((d) => d.id === donations.a)).toMatchObject({
      refurbisherOrganisationId: first.id,
      given: 4,
      reused: 2,
      recycled: 1,
      inProgress: 1,
      lost: 0,
      co2eAvoidedKg: 182.3,
      weeeAvoidedKg: 3.8,
    });
    expect(s.method).toMatch(/0,5/);
    const last = await summary(donorViewer, `?year=${Number(year) - 1}`);
    expect(last.donations.map((d) => d.id)).toEqual([donations.lastYear]);
    expect(last.totals).toMatchObject({ given: 3, inProgress: 3, reused: 0, co2eAvoidedKg: 0 });
  });

  it('agrees with each donation’s traceability report, and its parts add up', async () => {
    const s = await summary(donorViewer);
    for (const d of s.donations) {
      const trace = (await donorViewer.get(`/reports/donations/${d.id}`)).json().summary;
      expect({
        given: d.given,
        reused: d.reused,
        recycled: d.recycled,
        inProgress: d.inProgress,
        lost: d.lost,
        co2eAvoidedKg: d.co2eAvoidedKg,
        weeeAvoidedKg: d.weeeAvoidedKg,
      }).toEqual({
        given: trace.received,
        reused: trace.reused,
        recycled: trace.recycled,
        inProgress: trace.inStock,
        lost: trace.lost,
        co2eAvoidedKg: trace.co2eAvoidedKg,
        weeeAvoidedKg: trace.weeeAvoidedKg,
      });
      expect(d.reused + d.recycled + d.inProgress + d.lost).toBe(d.given);
    }
    for (const key of ['given', 'reused', 'recycled', 'inProgress', 'lost'] as const) {
      expect(s.donations.reduce((sum, d) => sum + d[key], 0)).toBe(s.totals[key]);
      expect(s.byType.reduce((sum, d) => sum + d[key], 0)).toBe(s.totals[key]);
    }
  });

  it('is for the donor’s readers; a refurbisher sees the donations it received', async () => {
    const url = `/reports/donors/${donor.id}/summary`;
    // Hand-written: who gets what.
    const expected: [string, ApiClient, number, string | null][] = [
      ['donor viewer', donorViewer, 200, 'full'],
      ['donor technician', donorTechnician, 403, null],
      ['first refurbisher', first.manager, 200, 'refurbisher'],
      ['second refurbisher', second.manager, 200, 'refurbisher'],
      ['refurbisher’s technician', first.technician, 404, null],
      ['outsider', outsider.admin, 404, null],
      ['platform administrator', await t.admin(), 200, 'full'],
    ];
    for (const [who, client, status, scope] of expected) {
      const res = await client.get(url);
      expect([who, res.statusCode, status === 200 ? res.json().scope : null]).toEqual([who, status, scope]);
    }
    const theirs = await summary(second.manager);
    expect(theirs.donations.map((d) => d.id)).toEqual([donations.c]);
    expect(theirs.totals).toMatchObject({ given: 1, reused: 1 });
  });
});

describe('donor summary exports', () => {
  it('prints a thank-you page and a CSV with the same figures', async () => {
    const pdf = await donorViewer.get(`/reports/donors/${donor.id}/summary.pdf?year=${year}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = await readPdf(pdf.rawPayload);
    expect(text).toContain(`Merci pour vos dons ${year}`);
    expect(text).toContain(donor.name);
    expect(text).toMatch(/404,4\skg/);
    expect(text).toMatch(/12,4\skg/);
    expect(text).toContain('facteur de substitution 0,5');

    const english = await donorViewer.get(`/reports/donors/${donor.id}/summary.pdf`, {
      'accept-language': 'en',
    });
    expect((await readPdf(english.rawPayload)).text).toContain(`Thank you for your ${year} donations`);

    const csv = await donorViewer.get(`/reports/donors/${donor.id}/summary.csv?year=${year}`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows: string[][] = parse(csv.body.replace(/^\uFEFF/, ''), { delimiter: ';' });
    expect(rows[0]).toEqual([
      'Reçu le',
      'Reconditionneur',
      'Donnés',
      'Réemployés',
      'Recyclés',
      'En cours',
      'Perdus',
      'CO2e évité (kg)',
      'DEEE évités (kg)',
    ]);
    expect(rows).toHaveLength(5);
    expect(rows[4]).toEqual(['Total', '', '7', '4', '1', '1', '1', '404,4', '12,4']);
    expect((await first.technician.get(`/reports/donors/${donor.id}/summary.csv`)).statusCode).toBe(404);
  });

  it('keeps a name that looks like a formula as text in the CSV', async () => {
    const tricky = await operator(t);
    const renamed = await (await t.admin()).patch(`/organisations/${tricky.id}`, { name: '@SUM(1+1)' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const res = await tricky.manager.post('/donations', {
      donorOrganisationId: donor.id,
      refurbisherOrganisationId: tricky.id,
      receivedOn: `${year}-03-01`,
    });
    expect(res.statusCode, res.body).toBe(201);
    const rows: string[][] = parse(
      (await tricky.manager.get(`/reports/donors/${donor.id}/summary.csv`)).body.replace(/^\uFEFF/, ''),
      { delimiter: ';' },
    );
    expect(rows[1]?.[1]).toBe("'@SUM(1+1)");
  });
});
