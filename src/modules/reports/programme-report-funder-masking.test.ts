import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../test/support/app.ts';
import { readPdf } from '../../../test/support/pdf.ts';
import type { ProgrammeReport } from './programme-report.ts';
import {
  createProgramme,
  handOver,
  type Kit,
  readyDevices,
  referPeople,
  startKit,
  times,
} from './programme-report-kit.ts';
import { maskDemographics } from './programme-report-masking.ts';

let kit: Kit;
let funderReader: ApiClient;
let tiny: string;
let six: string;
const TOWN = 'Saint-Jean-de-Braye';

beforeAll(async () => {
  kit = await startKit();
  const funder = await kit.t.buildOrganisation({ kinds: ['funder'] });
  funderReader = (await kit.t.member(funder.id, 'viewer')).client;
  const subsidies = [{ funderOrganisationId: funder.id, amountCents: 5000 }];
  // One person equipped: her age band, household, income, town and zone would be read off the report.
  tiny = await createProgramme(kit, { subsidies });
  const person = {
    birthYear: kit.year - 70,
    householdType: 'single',
    incomeSituation: 'aspa',
    priorityZone: true,
    city: TOWN,
  };
  const [alone] = await referPeople(kit, tiny, [person], `${kit.year}-02-01`);
  const devices = await readyDevices(kit, times(7, { type: 'laptop' }));
  await handOver(kit, tiny, alone as string, devices[0] as string, `${kit.year}-03-01`);
  // Six persons: five of 25-44 and one of 60-74 — the one would be 6 − 5.
  six = await createProgramme(kit, { subsidies });
  const ids = await referPeople(
    kit,
    six,
    [
      ...times(5, { birthYear: kit.year - 30, householdType: 'couple', city: 'Orléans' }),
      { birthYear: kit.year - 65, householdType: 'couple', city: 'Orléans' },
    ],
    `${kit.year}-02-01`,
  );
  for (const [i, id] of ids.entries()) {
    await handOver(kit, six, id, devices[i + 1] as string, `${kit.year}-03-01`);
  }
});
afterAll(() => kit.t.close());

const json = async (client: ApiClient, id: string): Promise<ProgrammeReport> => {
  const res = await client.get(`/reports/programmes/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe("a funder's copy of the programme report", () => {
  it('masks the demographics of a programme of one person, the owner keeping exact figures', async () => {
    const exact = await json(kit.manager, tiny);
    expect(exact.demographics.masked).toBe(false);
    expect(exact.demographics.ageBands.find((a) => a.band === '60-74')?.count).toBe(1);
    expect(exact.demographics.towns).toEqual([{ town: TOWN, count: 1, share: 1 }]);

    const funded = await json(funderReader, tiny);
    const d = funded.demographics;
    expect(d.masked).toBe(true);
    for (const parts of [d.ageBands, d.householdTypes, d.incomeSituations]) {
      for (const part of parts) expect(part).toMatchObject({ count: '<5', share: null });
    }
    expect(d.priorityZoneShare).toBeNull();
    expect(d.towns).toEqual([]);
    // The rest of the report is the programme's figures a funder is owed.
    expect(funded.beneficiaries.equipped).toBe(1);
  });

  it('masks the complement of a lone small band, and leaves no band recomputable', async () => {
    const d = (await json(funderReader, six)).demographics;
    expect(d.persons).toBe(6);
    expect(d.ageBands.find((a) => a.band === '60-74')?.count).toBe('<5');
    expect(d.ageBands.find((a) => a.band === '25-44')).toMatchObject({ count: '<5', share: null });
    expect(d.householdTypes.find((h) => h.type === 'couple')).toMatchObject({ count: 6, share: 1 });
    expect(d.towns).toEqual([{ town: 'Orléans', count: 6, share: 1 }]);
    for (const parts of [d.ageBands, d.householdTypes, d.incomeSituations]) {
      expect(parts.filter((p) => p.count === '<5')).not.toHaveLength(1);
    }
  });

  it('masks them in the PDF, the XLSX and the CSV too', async () => {
    const pdf = await funderReader.get(`/reports/programmes/${tiny}.pdf`);
    expect(pdf.statusCode).toBe(200);
    const { text } = await readPdf(pdf.rawPayload);
    expect(text).not.toContain(TOWN);
    expect(text).toContain('<5');

    const xlsx = await funderReader.get(`/reports/programmes/${tiny}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const cells: unknown[] = [];
    workbook.eachSheet((sheet) => {
      sheet.eachRow((row) => {
        row.eachCell((c) => {
          cells.push(c.value);
        });
      });
    });
    expect(cells).not.toContain(TOWN);
    expect(cells).toContain('<5');

    const csv = await funderReader.get(`/reports/programmes/${tiny}.csv`);
    const rows: Record<string, string>[] = parse(csv.body, { columns: true, bom: true });
    const demographics = rows.filter((r) => r.section === 'demographics' && r.indicator !== 'persons');
    expect(demographics.length).toBeGreaterThan(0);
    for (const row of demographics) expect([row.indicator, row.value]).toEqual([row.indicator, '<5']);
    expect(csv.body).not.toContain(TOWN);
    // The owner's manager reads the town.
    expect((await kit.manager.get(`/reports/programmes/${tiny}.csv`)).body).toContain(TOWN);
  });
});

describe('maskDemographics', () => {
  it('masks a zero band as a last resort when the only small band would be persons minus the rest', () => {
    const masked = maskDemographics({
      persons: 7,
      ageBands: [
        { band: '25-44', count: 7, share: 1 },
        { band: 'unknown', count: 0, share: 0 },
      ],
      householdTypes: [
        { type: 'single', count: 3, share: 3 / 7 },
        { type: 'couple', count: 4, share: 4 / 7 },
      ],
      priorityZoneShare: 2 / 7,
      incomeSituations: [
        { situation: 'rsa', count: 6, share: 6 / 7 },
        { situation: 'unknown', count: 1, share: 1 / 7 },
      ],
      towns: [{ town: 'Orléans', count: 7, share: 1 }],
    });
    expect(masked.ageBands.map((a) => a.count)).toEqual([7, 0]);
    expect(masked.householdTypes.map((h) => h.count)).toEqual(['<5', '<5']);
    expect(masked.incomeSituations.map((i) => i.count)).toEqual(['<5', '<5']);
    expect(masked.priorityZoneShare).toBeNull();
    const one = maskDemographics({
      persons: 5,
      ageBands: [
        { band: '25-44', count: 4, share: 0.8 },
        { band: 'unknown', count: 1, share: 0.2 },
      ],
      householdTypes: [
        { type: 'single', count: 5, share: 1 },
        { type: 'couple', count: 0, share: 0 },
      ],
      priorityZoneShare: 0,
      incomeSituations: [{ situation: 'rsa', count: 5, share: 1 }],
      towns: [],
    });
    expect(one.ageBands.map((a) => a.count)).toEqual(['<5', '<5']);
  });
});
