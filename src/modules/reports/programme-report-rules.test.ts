import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../test/support/app.ts';
import { isCompleted } from '../training/completion.ts';
import type { ProgrammeReport } from './programme-report.ts';
import {
  createProgramme,
  handOver,
  type Kit,
  type PersonSpec,
  readyDevices,
  referPeople,
  startKit,
  times,
} from './programme-report-kit.ts';
import { COMPLETED_SQL } from './programme-report-queries.ts';

let kit: Kit;
let Y: number;

beforeAll(async () => {
  kit = await startKit();
  Y = kit.year;
});
afterAll(() => kit.t.close());

async function report(client: ApiClient, programmeId: string, query = ''): Promise<ProgrammeReport> {
  const res = await client.get(`/reports/programmes/${programmeId}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The invariants every report keeps, whatever the data. */
function expectConsistent(r: ProgrammeReport): void {
  const b = r.beneficiaries;
  expect(b.persons + b.associations).toBe(b.equipped);
  expect(sum(b.byGroup.map((g) => g.equipped))).toBe(b.equipped);
  expect(b.eligible).toBeLessThanOrEqual(b.referred);
  expect(sum(Object.values(r.devices.byType))).toBe(r.devices.handedOver);
  expect(r.devices.handedOver).toBeGreaterThanOrEqual(b.equipped);
  expect(sum(r.devices.osImages.map((o) => o.count))).toBeLessThanOrEqual(r.devices.handedOver);
  expect(sum(r.money.subsidiesByFunder.map((s) => s.amountCents))).toBe(r.money.subsidiesCents);
  for (const s of r.money.subsidiesByFunder) expect(s.units).toBe(r.devices.handedOver);
  expect(sum(r.money.internetAids.byFunder.map((f) => f.count))).toBe(r.money.internetAids.count);
  expect(sum(r.money.internetAids.byFunder.map((f) => f.totalCents))).toBe(r.money.internetAids.totalCents);
  const d = r.demographics;
  expect(d.persons).toBe(b.persons);
  // The owner's managers read exact figures: no "<5", no null share.
  expect(d.masked).toBe(false);
  for (const parts of [d.ageBands, d.householdTypes, d.incomeSituations]) {
    expect(sum(parts.map((p) => Number(p.count)))).toBe(d.persons);
    if (d.persons > 0) expect(sum(parts.map((p) => Number(p.share)))).toBeCloseTo(1, 10);
  }
  expect(sum(d.towns.map((t) => t.count))).toBeLessThanOrEqual(d.persons);
  const shares = [
    d.priorityZoneShare,
    r.training.autonomousShare,
    ...[d.ageBands, d.householdTypes, d.incomeSituations, d.towns].flatMap((parts) =>
      parts.map((p) => p.share),
    ),
  ];
  for (const share of shares) {
    expect(share).toBeGreaterThanOrEqual(0);
    expect(share).toBeLessThanOrEqual(1);
  }
  expect(r.training.completed).toBeLessThanOrEqual(r.training.enrolled);
  if (b.target) expect(b.targetAchievement).toBeCloseTo(b.equipped / b.target, 10);
  else expect(b.targetAchievement).toBeNull();
}

describe('periods', () => {
  it('counts a handover on the last day and not the day after; two halves add up to the whole', async () => {
    const programmeId = await createProgramme(kit, { internetAid: { amountCents: 15000, months: 6 } });
    const [first, second] = await referPeople(kit, programmeId, times(2, {}), `${Y}-06-01`);
    const [laptop, desktop] = await readyDevices(kit, [{ type: 'laptop' }, { type: 'desktop' }]);
    await handOver(kit, programmeId, first as string, laptop as string, `${Y}-06-30`);
    await handOver(kit, programmeId, second as string, desktop as string, `${Y}-07-01`);
    for (const [beneficiaryId, grantedOn] of [
      [first, `${Y}-06-30`],
      [second, `${Y}-07-01`],
    ]) {
      const res = await kit.manager.post('/internet-aids', {
        programmeId,
        beneficiaryId,
        amountCents: 15000,
        months: 6,
        grantedOn,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const june = await report(kit.manager, programmeId, `?from=${Y}-06-01&to=${Y}-06-30`);
    expect(june.period).toEqual({ from: `${Y}-06-01`, to: `${Y}-06-30` });
    expect(june.devices).toMatchObject({ handedOver: 1, byType: { laptop: 1, desktop: 0 } });
    expect(june.beneficiaries).toMatchObject({ referred: 2, equipped: 1 });
    expect(june.money.internetAids).toMatchObject({ count: 1, totalCents: 15000 });
    const july = await report(kit.manager, programmeId, `?from=${Y}-07-01`);
    expect(july.period).toEqual({ from: `${Y}-07-01`, to: `${Y}-12-31` });
    expect(july.devices).toMatchObject({ handedOver: 1, byType: { laptop: 0, desktop: 1 } });
    expect(july.beneficiaries).toMatchObject({ referred: 0, equipped: 1 });
    const whole = await report(kit.manager, programmeId);
    expect(whole.period).toEqual({ from: `${Y}-01-01`, to: `${Y}-12-31` });
    expect(whole.devices.handedOver).toBe(2);
    expect(whole.money.internetAids).toMatchObject({ count: 2, totalCents: 30000 });
    const oneDay = await report(kit.manager, programmeId, `?from=${Y}-07-01&to=${Y}-07-01`);
    expect(oneDay.devices.handedOver).toBe(1);
    for (const r of [june, july, whole, oneDay]) expectConsistent(r);
  });

  it('refuses a malformed day or an end before the start, naming the field', async () => {
    const programmeId = await createProgramme(kit);
    const malformed = await kit.manager.get(`/reports/programmes/${programmeId}?from=${Y}-13-01`);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors.map((e: { path: string }) => e.path)).toEqual(['from']);
    const reversed = await kit.manager.get(
      `/reports/programmes/${programmeId}?from=${Y}-06-02&to=${Y}-06-01`,
    );
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors).toEqual([
      { path: 'to', message: expect.stringMatching(/^La période est inversée/) },
    ]);
    const early = await kit.manager.get(`/reports/programmes/${programmeId}.csv?to=${Y - 1}-12-31`);
    expect(early.statusCode).toBe(400);
    expect(
      (await kit.manager.get(`/reports/programmes/${programmeId}?from=${Y}-06-01&to=${Y}-06-01`)).statusCode,
    ).toBe(200);
    expect((await kit.manager.get(`/reports/programmes/${programmeId}?colour=blue`)).statusCode).toBe(400);
  });
});

describe('age bands', () => {
  it('bands by the age reached in the year of the handover, edges included; an erased person keeps the stored band', async () => {
    const programmeId = await createProgramme(kit, { maxDevicesPerPerson: 1 });
    const ages = [17, 18, 24, 25, 44, 45, 59, 60, 74, 75];
    const people = await referPeople(
      kit,
      programmeId,
      [...ages.map((age) => ({ birthYear: Y - age })), { birthYear: Y - 44 }],
      `${Y}-02-01`,
    );
    const [association] = await referPeople(
      kit,
      programmeId,
      [{ kind: 'association', targetGroup: 'association' }],
      `${Y}-02-01`,
    );
    const devices = await readyDevices(kit, times(people.length + 2, { type: 'laptop' }));
    for (const [i, beneficiaryId] of people.entries()) {
      await handOver(kit, programmeId, beneficiaryId, devices[i] as string, `${Y}-12-31`);
    }
    // An association may receive several devices; it counts once, and never in the demographics.
    await handOver(kit, programmeId, association as string, devices[people.length] as string, `${Y}-05-01`);
    await handOver(
      kit,
      programmeId,
      association as string,
      devices[people.length + 1] as string,
      `${Y}-05-02`,
    );
    const manager = kit.manager;
    // 44 in the year of the handover, 45 (or more) this year, when erased: the band stored is `45-59`.
    const erased = people[people.length - 1] as string;
    const erasure = await manager.post(`/beneficiaries/${erased}/erasure`);
    expect(erasure.statusCode, erasure.body).toBe(200);

    const r = await report(manager, programmeId);
    expect(r.beneficiaries).toMatchObject({ equipped: 12, persons: 11, associations: 1 });
    expect(r.devices.handedOver).toBe(13);
    const bands = Object.fromEntries(r.demographics.ageBands.map((a) => [a.band, a.count]));
    expect(bands).toEqual({
      'under-18': 1,
      '18-24': 2,
      '25-44': 2,
      '45-59': 3,
      '60-74': 2,
      '75+': 1,
      unknown: 0,
    });
    expect(r.demographics.ageBands.find((a) => a.band === '45-59')?.share).toBeCloseTo(3 / 11, 10);
    expect(r.beneficiaries.byGroup.find((g) => g.group === 'association')?.equipped).toBe(1);
    expectConsistent(r);
  });
});

describe('invariants on generated data', () => {
  it('keeps sums of parts equal to totals, shares in 0..1, and a period split in two adds up', async () => {
    // A small deterministic generator: the same data at every run, varied facts.
    let seed = 20261125;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pick = <T>(values: readonly T[]): T => values[next(values.length)] as T;
    const programmeId = await createProgramme(kit, {
      mode: 'sale',
      unitPriceCents: 10000,
      subsidies: [
        {
          funderOrganisationId: (await kit.t.buildOrganisation({ kinds: ['funder'] })).id,
          amountCents: 6000,
        },
      ],
      targets: { beneficiaries: 30 },
    });
    const specs: PersonSpec[] = Array.from({ length: 24 }, () =>
      next(6) === 0
        ? { kind: 'association', targetGroup: 'association' }
        : {
            birthYear: next(5) === 0 ? null : Y - 10 - next(80),
            householdType: pick(['single', 'single_parent', 'couple', 'couple_with_children', 'other', null]),
            priorityZone: pick([true, false, null]),
            incomeSituation: pick(['rsa', 'aah', 'low_income', 'none', null]),
            city: pick(['Orléans', 'orléans ', 'Saran', 'Olivet', null, '']),
            targetGroup: pick(['pupil', 'job_seeker', 'senior', 'household']),
          },
    );
    const people = await referPeople(kit, programmeId, specs, `${Y}-01-01`);
    const types = ['laptop', 'desktop', 'tablet', 'monitor', 'smartphone'];
    const devices = await readyDevices(
      kit,
      Array.from({ length: 30 }, () => ({
        type: pick(types),
        ...(next(3) === 0 ? { weightKg: 1 + next(5) } : {}),
      })),
    );
    let device = 0;
    for (const [i, beneficiaryId] of people.entries()) {
      if (next(5) === 0) continue; // referred, never equipped
      const count = specs[i]?.kind === 'association' ? 1 + next(3) : 1;
      for (let k = 0; k < count && device < devices.length; k++) {
        const day = `${Y}-${String(1 + next(12)).padStart(2, '0')}-${String(1 + next(28)).padStart(2, '0')}`;
        await handOver(kit, programmeId, beneficiaryId, devices[device++] as string, day, 4000);
      }
    }
    const whole = await report(kit.manager, programmeId);
    expect(whole.devices.handedOver).toBe(device);
    expect(whole.money.contributionsCents).toBe(device * 4000);
    expectConsistent(whole);
    for (const cut of ['03-31', '06-30', '09-15']) {
      const first = await report(kit.manager, programmeId, `?to=${Y}-${cut}`);
      const dayAfter = new Date(Date.UTC(Y, Number(cut.slice(0, 2)) - 1, Number(cut.slice(3)) + 1))
        .toISOString()
        .slice(0, 10);
      const second = await report(kit.manager, programmeId, `?from=${dayAfter}`);
      expectConsistent(first);
      expectConsistent(second);
      expect(first.devices.handedOver + second.devices.handedOver).toBe(whole.devices.handedOver);
      for (const type of Object.keys(whole.devices.byType) as (keyof ProgrammeReport['devices']['byType'])[])
        expect(first.devices.byType[type] + second.devices.byType[type]).toBe(whole.devices.byType[type]);
      expect(first.beneficiaries.referred + second.beneficiaries.referred).toBe(whole.beneficiaries.referred);
      expect(first.money.contributionsCents + second.money.contributionsCents).toBe(
        whole.money.contributionsCents,
      );
      expect(first.money.subsidiesCents + second.money.subsidiesCents).toBe(whole.money.subsidiesCents);
      // People: each person has one device, so persons add up; an association equipped in both halves counts
      // once in the whole.
      expect(first.beneficiaries.persons + second.beneficiaries.persons).toBe(whole.beneficiaries.persons);
      expect(first.beneficiaries.equipped + second.beneficiaries.equipped).toBeGreaterThanOrEqual(
        whole.beneficiaries.equipped,
      );
      expect(first.impact.co2eAvoidedKg + second.impact.co2eAvoidedKg).toBeCloseTo(
        whole.impact.co2eAvoidedKg,
        0,
      );
    }
  });
});

describe('the completion rule in SQL', () => {
  it('agrees with isCompleted on every case', async () => {
    const facts = fc.record({
      attended: fc.integer({ min: 0, max: 30 }),
      sessions: fc.integer({ min: 0, max: 30 }),
      thresholdPercent: fc.integer({ min: 1, max: 100 }),
      minSessions: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
    });
    const cases = fc.sample(facts, { numRuns: 500, seed: 7 });
    cases.push(
      { attended: 8, sessions: 10, thresholdPercent: 80, minSessions: null },
      { attended: 7, sessions: 10, thresholdPercent: 80, minSessions: null },
      { attended: 0, sessions: 0, thresholdPercent: 80, minSessions: null },
      { attended: 4, sessions: 4, thresholdPercent: 80, minSessions: 5 },
    );
    const values = sql.join(
      cases.map(
        (c) =>
          sql`(${c.attended}::int, ${c.sessions}::int, ${c.thresholdPercent}::int, ${c.minSessions}::int)`,
      ),
      sql`, `,
    );
    const result = await kit.t.database.db.execute<{ completed: boolean }>(
      sql`SELECT ${COMPLETED_SQL} AS completed FROM (VALUES ${values}) AS f(attended, sessions, threshold, min_sessions)`,
    );
    expect(result.rows.map((r) => r.completed)).toEqual(cases.map((c) => isCompleted(c)));
  });
});

describe('who may read a programme report', () => {
  it('answers by a hand-written table: owner managers, funders and platform admins read; others 403 or 404', async () => {
    const funder = await kit.t.buildOrganisation({ kinds: ['funder'] });
    const aidFunder = await kit.t.buildOrganisation({ kinds: ['funder'] });
    const otherFunder = await kit.t.buildOrganisation({ kinds: ['funder'] });
    const stranger = await kit.t.buildOrganisation({ kinds: ['prescriber'] });
    const programmeId = await createProgramme(kit, {
      subsidies: [{ funderOrganisationId: funder.id, amountCents: 5000 }],
      internetAid: { amountCents: 10000, months: 6, funderOrganisationId: aidFunder.id },
    });
    const otherProgramme = await createProgramme(kit, {
      subsidies: [{ funderOrganisationId: otherFunder.id, amountCents: 5000 }],
    });
    const [person] = await referPeople(kit, programmeId, [{ city: 'Orléans' }], `${Y}-03-01`);
    const [device] = await readyDevices(kit, [{ type: 'laptop' }]);
    await handOver(kit, programmeId, person as string, device as string, `${Y}-03-02`);
    const personName = (await kit.manager.get(`/beneficiaries/${person}`)).json().firstName as string;

    const m = async (org: { id: string }, role: Parameters<Kit['t']['member']>[1]) =>
      (await kit.t.member(org.id, role)).client;
    const table: [string, ApiClient, number, number][] = [
      // who, client, this programme, the other programme (funded by another funder)
      ['platform administrator', await kit.t.admin(), 200, 200],
      ['owner admin', await m(kit.owner, 'admin'), 200, 200],
      ['owner manager', kit.manager, 200, 200],
      ['owner social worker', kit.socialWorker, 403, 403],
      ['owner viewer', await m(kit.owner, 'viewer'), 403, 403],
      ['refurbisher partner technician', kit.technician, 403, 403],
      ['refurbisher partner admin', await m(kit.refurbisher, 'admin'), 403, 403],
      ['subsidy funder viewer', await m(funder, 'viewer'), 200, 404],
      ['subsidy funder admin', await m(funder, 'admin'), 200, 404],
      ['internet-aid funder viewer', await m(aidFunder, 'viewer'), 200, 404],
      ['funder of the other programme only', await m(otherFunder, 'manager'), 404, 200],
      ['unrelated organisation admin', await m(stranger, 'admin'), 404, 404],
    ];
    for (const [who, client, mine, other] of table) {
      for (const suffix of ['', '.pdf', '.xlsx', '.csv', '/open-data.csv']) {
        const res = await client.get(`/reports/programmes/${programmeId}${suffix}`);
        expect(res.statusCode, `${who} ${suffix}`).toBe(mine);
        if (mine === 200) expect(res.body, `${who} ${suffix}`).not.toContain(personName);
      }
      expect((await client.get(`/reports/programmes/${otherProgramme}`)).statusCode, `${who} other`).toBe(
        other,
      );
    }
    expect((await kit.t.anonymous.get(`/reports/programmes/${programmeId}`)).statusCode).toBe(401);
    expect(
      (await kit.manager.get('/reports/programmes/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
    expect((await kit.manager.get('/reports/programmes/not-an-id')).statusCode).toBe(400);
  });
});
