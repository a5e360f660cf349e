import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createProgramme,
  handOver,
  type Kit,
  readyDevices,
  referPeople,
  startKit,
} from '../reports/programme-report-kit.ts';
import { buildBudgetWorld } from './budget-test-kit.ts';
import { budgetFigures } from './figures.ts';
import { budgetLines, fundings } from './schema.ts';

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

beforeAll(async () => {
  kit = await startKit();
  ({ programmeId, Y, Y0, funderA } = await buildBudgetWorld(kit));
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
    // Granted: 2 000 € by agreements + 600 € of handover subsidies (6 handovers × 80 € and × 20 €).
    const granted = 260000;
    expect(f.fundings.map((x) => x.shareOfGranted)).toEqual([
      100000 / granted,
      50000 / granted,
      50000 / granted,
      0,
      0,
    ]);
    expect(f.fundings[0]?.shareOfPlanned).toBeCloseTo(100000 / 290000, 10);
    const shares = f.funders.map((s) => s.shareOfGranted);
    for (const share of shares) {
      expect(share).toBeGreaterThanOrEqual(0);
      expect(share).toBeLessThanOrEqual(1);
    }
    expect(shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 10);
    expect([...f.fundings, ...f.handoverSubsidies].reduce((s, x) => s + x.shareOfGranted, 0)).toBeCloseTo(
      1,
      10,
    );
    // The funder with an agreement and handover subsidies: one funder, both amounts, counted once each.
    expect(f.funders[0]).toMatchObject({
      funderOrganisationId: funderA.id,
      grantedCents: 148000,
      receivedCents: 148000,
    });
    expect(f.funders[0]?.shareOfGranted).toBeCloseTo(148000 / granted, 10);
    expect(f.funding).toEqual({
      requestedCents: 360000,
      grantedCents: granted,
      receivedCents: 180000,
      unfundedCents: 30000,
      overfundedCents: 0,
    });
  });

  it('counts the subsidies recorded on handovers as their funders’ contribution, derived', async () => {
    const f = await budgetFigures(kit.t.database.db, programmeId);
    expect(
      f.handoverSubsidies.map((s) => [
        s.funderName,
        s.units,
        s.requestedCents,
        s.grantedCents,
        s.receivedCents,
      ]),
    ).toEqual([
      ['Département du Loiret', 6, 48000, 48000, 48000],
      ['Fondation Numérique', 6, 12000, 12000, 12000],
    ]);
    expect(f.handoverSubsidies.every((s) => s.derived)).toBe(true);
    // The same money as the derived lines: 200 € in Y0 + 400 € in Y.
    const derivedLines = f.lines.filter((l) => l.basis === 'handover_subsidies');
    expect(derivedLines.reduce((s, l) => s + l.spentCents, 0)).toBe(60000);
    expect(f.handoverSubsidies[0]?.shareOfGranted).toBeCloseTo(48000 / 260000, 10);
    // One year: only that year's handovers (4 in Y).
    const year = await budgetFigures(kit.t.database.db, programmeId, {
      from: `${Y}-01-01`,
      to: `${Y}-12-31`,
    });
    expect(year.handoverSubsidies.map((s) => s.grantedCents)).toEqual([32000, 8000]);
  });

  it('counts a town paying 88 € per device, with no agreement, at its share of the co-financing', async () => {
    const db = kit.t.database.db;
    const town = await kit.t.buildOrganisation({ name: 'Ville de Montargis', kinds: ['funder'] });
    const other = await createProgramme(kit, {
      subsidies: [{ funderOrganisationId: town.id, amountCents: 8800 }],
    });
    const people = await referPeople(kit, other, [{}, {}, {}, {}, {}], `${Y}-02-01`);
    const devices = await readyDevices(
      kit,
      [1, 2, 3, 4, 5].map(() => ({ type: 'laptop' as const })),
    );
    for (let i = 0; i < 5; i++) {
      await handOver(kit, other, people[i] as string, devices[i] as string, `${Y}-03-0${i + 1}`);
    }
    await db.insert(budgetLines).values([
      {
        programmeId: other,
        year: Y,
        category: 'equipment',
        label: 'Matériel',
        basis: 'handover_subsidies',
        plannedCents: 44000,
      },
      {
        programmeId: other,
        year: Y,
        category: 'staff',
        label: 'Animation',
        plannedCents: 56000,
        committedCents: 0,
        spentCents: 0,
      },
    ]);
    await db.insert(fundings).values({
      programmeId: other,
      funderName: 'Mécène local',
      requestedCents: 40000,
      grantedCents: 40000,
    });
    const f = await budgetFigures(db, other);
    expect(f.handoverSubsidies).toMatchObject([
      { funderOrganisationId: town.id, units: 5, grantedCents: 44000, receivedCents: 44000 },
    ]);
    expect(f.funding).toMatchObject({ grantedCents: 84000, receivedCents: 44000, unfundedCents: 16000 });
    const town_ = f.funders.find((x) => x.funderOrganisationId === town.id);
    expect(town_?.shareOfGranted).toBeCloseTo(44000 / 84000, 10);
    expect(town_?.shareOfPlanned).toBeCloseTo(0.44, 10);
    expect(f.funders.reduce((s, x) => s + x.shareOfGranted, 0)).toBeCloseTo(1, 10);
  });

  it('counts the people equipped and the devices, and what each cost', async () => {
    const f = await budgetFigures(kit.t.database.db, programmeId);
    expect(f.peopleEquipped).toBe(5);
    expect(f.devicesHandedOver).toBe(6);
    expect(f.costPerPersonCents).toBe(37000);
    expect(f.costPerDeviceCents).toBe(Math.round(185000 / 6));
  });

  it('counts whole calendar years: a split inside a year gives that year’s figures twice', async () => {
    const db = kit.t.database.db;
    const year = await budgetFigures(db, programmeId, { from: `${Y}-01-01`, to: `${Y}-12-31` });
    const spring = await budgetFigures(db, programmeId, { from: `${Y}-01-01`, to: `${Y}-03-31` });
    const rest = await budgetFigures(db, programmeId, { from: `${Y}-04-01`, to: `${Y}-12-31` });
    expect(year.totals).toEqual({ plannedCents: 190000, committedCents: 150000, spentCents: 125000 });
    for (const part of [spring, rest]) {
      expect([part.coveredFrom, part.coveredTo]).toEqual([Y, Y]);
      expect(part.period).toEqual({ from: `${Y}-01-01`, to: `${Y}-12-31` });
      expect(part.lines).toEqual(year.lines);
      expect(part.totals).toEqual(year.totals);
      // The people and the devices of the same whole year as the costs: 4 handovers to 4 people in Y.
      expect([part.peopleEquipped, part.devicesHandedOver]).toEqual([4, 4]);
      expect(part.costPerPersonCents).toBe(31250);
      expect(part.costPerDeviceCents).toBe(31250);
    }
    // Derived lines are the facts of their whole year, whatever day the period starts.
    expect(spring.lines.filter((l) => l.basis === 'handover_subsidies').map((l) => l.spentCents)).toEqual([
      40000, 0,
    ]);
    expect(spring.lines.find((l) => l.basis === 'internet_aids')?.spentCents).toBe(30000);
  });

  it('adds two different years up to both', async () => {
    const db = kit.t.database.db;
    const whole = await budgetFigures(db, programmeId);
    const first = await budgetFigures(db, programmeId, { from: `${Y0}-03-01`, to: `${Y0}-03-31` });
    const second = await budgetFigures(db, programmeId, { from: `${Y}-11-01`, to: `${Y}-11-30` });
    const both = await budgetFigures(db, programmeId, { from: `${Y0}-07-01`, to: `${Y}-06-30` });
    for (const key of ['plannedCents', 'committedCents', 'spentCents'] as const) {
      expect(first.totals[key] + second.totals[key]).toBe(whole.totals[key]);
    }
    expect(first.totals).toEqual({ plannedCents: 100000, committedCents: 65000, spentCents: 60000 });
    expect([first.peopleEquipped, second.peopleEquipped]).toEqual([2, 4]);
    expect(first.devicesHandedOver + second.devicesHandedOver).toBe(whole.devicesHandedOver);
    expect(first.costPerPersonCents).toBe(30000);
    // A period from July to June covers both years: the whole budget and everyone equipped in them.
    expect([both.coveredFrom, both.coveredTo]).toEqual([Y0, Y]);
    expect(both.totals).toEqual(whole.totals);
    expect([both.peopleEquipped, both.devicesHandedOver]).toEqual([5, 6]);
    expect(both.costPerPersonCents).toBe(37000);
    expect([whole.coveredFrom, whole.coveredTo]).toEqual([Y0, Y]);
  });

  it('says what remains to be funded, or what is granted beyond the plan, never below 0', async () => {
    const db = kit.t.database.db;
    const other = await createProgramme(kit);
    await db.insert(budgetLines).values({
      programmeId: other,
      year: Y,
      category: 'equipment',
      label: 'Matériel',
      plannedCents: 100000,
      committedCents: 0,
      spentCents: 0,
    });
    await db.insert(fundings).values({
      programmeId: other,
      funderName: 'Mécène généreux',
      requestedCents: 150000,
      grantedCents: 130000,
    });
    const f = await budgetFigures(db, other);
    expect(f.funding).toMatchObject({ grantedCents: 130000, unfundedCents: 0, overfundedCents: 30000 });
  });

  it('is empty for a programme without budget, and never divides by zero', async () => {
    const other = await createProgramme(kit);
    const f = await budgetFigures(kit.t.database.db, other);
    expect(f.lines).toEqual([]);
    expect([f.coveredFrom, f.coveredTo]).toEqual([null, null]);
    expect(f.totals).toEqual({ plannedCents: 0, committedCents: 0, spentCents: 0 });
    expect(f.funders).toEqual([]);
    expect(f.costPerPersonCents).toBeNull();
    expect(f.costPerDeviceCents).toBeNull();
  });
});
