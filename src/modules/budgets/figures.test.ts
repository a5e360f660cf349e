import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createProgramme,
  handOver,
  type Kit,
  type PersonSpec,
  readyDevices,
  referPeople,
  startKit,
  times,
} from '../reports/programme-report-kit.ts';
import { budgetFigures } from './figures.ts';
import { budgetLines, fundingPayments, fundings } from './schema.ts';

/**
 * Known numbers over two calendar years (Y0 = the year before last, Y = last year), the facts recorded
 * through the public API: 6 handovers to 5 people (2 in Y0, 4 in Y), each subsidised 80 € + 20 € by two
 * funders; internet aids of 150 € (1 in Y0, 2 in Y). Budget lines and fundings are written as rows (their
 * own service is tested beside it).
 */

let kit: Kit;
let programmeId: string;
let Y: number;
let Y0: number;
let funderA: { id: string; name: string };
let funderB: { id: string; name: string };

beforeAll(async () => {
  kit = await startKit();
  Y = kit.year;
  Y0 = Y - 1;
  funderA = await kit.t.buildOrganisation({ name: 'Département du Loiret', kinds: ['funder'] });
  funderB = await kit.t.buildOrganisation({ name: 'Fondation Numérique', kinds: ['funder'] });
  programmeId = await createProgramme(kit, {
    startsOn: `${Y0}-01-01`,
    endsOn: `${Y}-12-31`,
    maxDevicesPerPerson: 2,
    subsidies: [
      { funderOrganisationId: funderA.id, amountCents: 8000 },
      { funderOrganisationId: funderB.id, amountCents: 2000 },
    ],
    internetAid: { amountCents: 15000, months: 6, funderOrganisationId: funderA.id },
  });
  const people = await referPeople(
    kit,
    programmeId,
    times(5, { consentGivenOn: `${Y0}-01-15` } as PersonSpec),
    `${Y0}-02-01`,
  );
  const devices = await readyDevices(kit, times(6, { type: 'laptop' }));
  const handovers: [number, number, string][] = [
    [0, 0, `${Y0}-05-10`],
    [1, 1, `${Y0}-09-01`],
    [2, 2, `${Y}-03-10`],
    [3, 3, `${Y}-03-10`],
    [4, 4, `${Y}-04-01`],
    [0, 5, `${Y}-06-01`],
  ];
  for (const [person, device, on] of handovers) {
    await handOver(kit, programmeId, people[person] as string, devices[device] as string, on);
  }
  for (const [person, on] of [
    [0, `${Y0}-06-01`],
    [2, `${Y}-04-01`],
    [3, `${Y}-04-01`],
  ] as const) {
    const res = await kit.manager.post('/internet-aids', {
      programmeId,
      beneficiaryId: people[person],
      amountCents: 15000,
      months: 6,
      grantedOn: on,
    });
    expect(res.statusCode, res.body).toBe(201);
  }

  const { db } = kit.t.database;
  const line = (
    year: number,
    category: (typeof budgetLines.$inferInsert)['category'],
    basis: (typeof budgetLines.$inferInsert)['basis'],
    plannedCents: number,
    entered: [number, number] | null,
    position: number,
  ) => ({
    programmeId,
    year,
    category,
    label: `${category} ${year}`,
    basis,
    plannedCents,
    committedCents: entered?.[0] ?? null,
    spentCents: entered?.[1] ?? null,
    position,
  });
  await db.insert(budgetLines).values([
    line(Y0, 'equipment', 'entered', 50000, [30000, 25000], 0),
    line(Y0, 'equipment', 'handover_subsidies', 30000, null, 1),
    line(Y0, 'internet_aid', 'internet_aids', 20000, null, 2),
    line(Y, 'equipment', 'entered', 60000, [40000, 35000], 0),
    line(Y, 'staff', 'entered', 40000, [40000, 20000], 1),
    line(Y, 'equipment', 'handover_subsidies', 50000, null, 2),
    line(Y, 'internet_aid', 'internet_aids', 40000, null, 3),
    // A second subsidies line of the same year: the facts are not counted twice.
    line(Y, 'other', 'handover_subsidies', 0, null, 4),
  ]);
  // One at a time: the list keeps the order in which fundings were recorded.
  const funding = async (values: typeof fundings.$inferInsert) =>
    (await db.insert(fundings).values(values).returning({ id: fundings.id }))[0]?.id as string;
  const rowsToInsert: (typeof fundings.$inferInsert)[] = [
    {
      programmeId,
      funderOrganisationId: funderA.id,
      requestedCents: 120000,
      grantedCents: 100000,
      grantedOn: `${Y0}-03-01`,
      agreementReference: 'CONV-2024-17',
      agreementStartsOn: `${Y0}-01-01`,
      agreementEndsOn: `${Y}-12-31`,
    },
    { programmeId, funderOrganisationId: funderB.id, requestedCents: 60000, grantedCents: 50000 },
    { programmeId, funderName: 'Fonds européens FSE+', requestedCents: 80000, grantedCents: 50000 },
    { programmeId, funderName: 'Mécène refusé', requestedCents: 30000, refusedOn: `${Y0}-04-01` },
    { programmeId, funderName: 'Fondation en attente', requestedCents: 10000 },
  ];
  const ids: string[] = [];
  for (const values of rowsToInsert) ids.push(await funding(values));
  const [a, b, fse] = ids;
  await db.insert(fundingPayments).values([
    { fundingId: a as string, receivedOn: `${Y0}-04-01`, amountCents: 60000 },
    { fundingId: a as string, receivedOn: `${Y}-02-01`, amountCents: 40000 },
    { fundingId: b as string, receivedOn: `${Y}-02-01`, amountCents: 20000 },
  ]);
  expect(fse).toBeDefined();
}, 120_000);
afterAll(() => kit.t.close());

describe('budget figures', () => {
  it('derives the subsidies and internet-aid lines from the facts of their year', async () => {
    const f = await budgetFigures(kit.t.database.db, programmeId);
    const derived = f.lines
      .filter((l) => l.derived)
      .map((l) => [l.year, l.basis, l.committedCents, l.spentCents]);
    expect(derived).toEqual([
      [Y0, 'handover_subsidies', 20000, 20000],
      [Y0, 'internet_aids', 15000, 15000],
      [Y, 'handover_subsidies', 40000, 40000],
      [Y, 'internet_aids', 30000, 30000],
      [Y, 'handover_subsidies', 0, 0],
    ]);
    expect(f.lines.filter((l) => !l.derived).map((l) => [l.committedCents, l.spentCents])).toEqual([
      [30000, 25000],
      [40000, 35000],
      [40000, 20000],
    ]);
  });

  it('adds the lines up per year, per category and overall', async () => {
    const f = await budgetFigures(kit.t.database.db, programmeId);
    expect(f.years).toEqual([
      { year: Y0, plannedCents: 100000, committedCents: 65000, spentCents: 60000 },
      { year: Y, plannedCents: 190000, committedCents: 150000, spentCents: 125000 },
    ]);
    expect(f.totals).toEqual({ plannedCents: 290000, committedCents: 215000, spentCents: 185000 });
    expect(f.categories).toEqual([
      { category: 'equipment', plannedCents: 190000, committedCents: 130000, spentCents: 120000 },
      { category: 'internet_aid', plannedCents: 60000, committedCents: 45000, spentCents: 45000 },
      { category: 'staff', plannedCents: 40000, committedCents: 40000, spentCents: 20000 },
      { category: 'other', plannedCents: 0, committedCents: 0, spentCents: 0 },
    ]);
    for (const key of ['plannedCents', 'committedCents', 'spentCents'] as const) {
      expect(f.years.reduce((s, y) => s + y[key], 0)).toBe(f.totals[key]);
      expect(f.categories.reduce((s, c) => s + c[key], 0)).toBe(f.totals[key]);
    }
  });

  it('gives each funding its status, amounts and share', async () => {
    const f = await budgetFigures(kit.t.database.db, programmeId);
    expect(
      f.fundings.map((x) => [x.funderName, x.status, x.requestedCents, x.grantedCents, x.receivedCents]),
    ).toEqual([
      ['Département du Loiret', 'received', 120000, 100000, 100000],
      ['Fondation Numérique', 'partly_received', 60000, 50000, 20000],
      ['Fonds européens FSE+', 'granted', 80000, 50000, 0],
      ['Mécène refusé', 'refused', 30000, 0, 0],
      ['Fondation en attente', 'requested', 10000, 0, 0],
    ]);
    expect(f.fundings[0]?.agreementReference).toBe('CONV-2024-17');
    expect(f.fundings.map((x) => x.shareOfGranted)).toEqual([0.5, 0.25, 0.25, 0, 0]);
    expect(f.fundings[0]?.shareOfPlanned).toBeCloseTo(100000 / 290000, 10);
    const shares = f.funders.map((s) => s.shareOfGranted);
    for (const share of shares) {
      expect(share).toBeGreaterThanOrEqual(0);
      expect(share).toBeLessThanOrEqual(1);
    }
    expect(shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 10);
    expect(f.funders[0]).toMatchObject({ funderOrganisationId: funderA.id, grantedCents: 100000 });
    expect(f.funding).toEqual({
      requestedCents: 300000,
      grantedCents: 200000,
      receivedCents: 120000,
      unfundedCents: 90000,
    });
  });

  it('counts the people equipped and the devices, and what each cost', async () => {
    const f = await budgetFigures(kit.t.database.db, programmeId);
    expect(f.peopleEquipped).toBe(5);
    expect(f.devicesHandedOver).toBe(6);
    expect(f.costPerPersonCents).toBe(37000);
    expect(f.costPerDeviceCents).toBe(Math.round(185000 / 6));
  });

  it('splits into two periods that add up to the whole', async () => {
    const db = kit.t.database.db;
    const whole = await budgetFigures(db, programmeId);
    const first = await budgetFigures(db, programmeId, { from: `${Y0}-01-01`, to: `${Y0}-12-31` });
    const second = await budgetFigures(db, programmeId, { from: `${Y}-01-01`, to: `${Y}-12-31` });
    for (const key of ['plannedCents', 'committedCents', 'spentCents'] as const) {
      expect(first.totals[key] + second.totals[key]).toBe(whole.totals[key]);
    }
    expect(first.totals).toEqual({ plannedCents: 100000, committedCents: 65000, spentCents: 60000 });
    expect(first.devicesHandedOver + second.devicesHandedOver).toBe(whole.devicesHandedOver);
    expect([first.peopleEquipped, second.peopleEquipped]).toEqual([2, 4]);
    expect(first.costPerPersonCents).toBe(30000);
    // Within a year the derived lines follow the facts of the period's days.
    const spring = await budgetFigures(db, programmeId, { from: `${Y}-01-01`, to: `${Y}-03-31` });
    expect(spring.lines.filter((l) => l.basis === 'handover_subsidies').map((l) => l.spentCents)).toEqual([
      20000, 0,
    ]);
    expect(spring.lines.find((l) => l.basis === 'internet_aids')?.spentCents).toBe(0);
  });

  it('is empty for a programme without budget, and never divides by zero', async () => {
    const other = await createProgramme(kit);
    const f = await budgetFigures(kit.t.database.db, other);
    expect(f.lines).toEqual([]);
    expect(f.totals).toEqual({ plannedCents: 0, committedCents: 0, spentCents: 0 });
    expect(f.funders).toEqual([]);
    expect(f.costPerPersonCents).toBeNull();
    expect(f.costPerDeviceCents).toBeNull();
  });
});
