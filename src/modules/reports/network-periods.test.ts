import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/app.ts';
import { today } from '../../lib/dates.ts';
import { TARGET_GROUPS } from '../programmes/vocabulary.ts';
import type { FunderReport } from './funder-types.ts';
import { maskPeople } from './network-common.ts';
import {
  equip,
  type Operator,
  operator,
  programme,
  readyDevice,
  referred,
  year,
} from './network-test-kit.ts';
import type { NetworkDashboard } from './network-types.ts';

describe('maskPeople', () => {
  it('shows 1 to 4 people as "<5", and 0 and 5 or more as they are', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 1000].map(maskPeople)).toEqual([0, '<5', '<5', '<5', '<5', 5, 6, 1000]);
  });
});

/** A small deterministic generator, so that a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const nextDay = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

let t: TestApp;
let coordinator: { id: string };
let reader: ApiClient;
let funderReader: ApiClient;
let funder: { id: string };
let op: Operator;
/** The last day of the previous month: handovers on it and on the day after. */
const edge = previous(`${today().slice(0, 7)}-01`);
const start = `${Number(year) - 1}-01-01`;
const end = `${year}-12-31`;
const handovers: { day: string; group: (typeof TARGET_GROUPS)[number] }[] = [];

function previous(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

beforeAll(async () => {
  t = await startTestApp();
  coordinator = await t.buildOrganisation({ kinds: ['coordinator'] });
  const coordinatorAdmin = (await t.member(coordinator.id, 'admin')).client;
  reader = (await t.member(coordinator.id, 'viewer')).client;
  funder = await t.buildOrganisation({ kinds: ['funder'] });
  funderReader = (await t.member(funder.id, 'viewer')).client;
  op = await operator(t);
  await coordinatorAdmin.put(`/networks/${coordinator.id}/members/${op.id}`);
  await op.admin.put(`/networks/${coordinator.id}/members/${op.id}`);
  const sale = await programme(op, {
    mode: 'sale',
    startsOn: start,
    endsOn: end,
    unitPriceCents: 10000,
    subsidies: [{ funderOrganisationId: funder.id, amountCents: 6000 }],
  });
  // Generated handovers: on the edge day, the day after it (when it is not in the future), and other days.
  const next = random(20_261_125);
  const days = [edge, edge, nextDay(edge) <= today() ? nextDay(edge) : edge, `${year}-01-01`, today()];
  for (let i = 0; i < 14; i++) {
    const day = days[Math.floor(next() * days.length)] as string;
    const group = TARGET_GROUPS[Math.floor(next() * TARGET_GROUPS.length)] ?? 'household';
    const fields = group === 'association' ? { kind: 'association' } : { targetGroup: group };
    const id = await referred(op, sale, fields, { referredOn: start });
    await equip(op, sale, id, await readyDevice(op), {
      handedOverOn: day,
      payment: { amountCents: 4000, method: 'cash' },
    });
    handovers.push({ day, group });
  }
});
afterAll(() => t.close());

async function network(from: string, to: string): Promise<NetworkDashboard> {
  const res = await reader.get(
    `/reports/network?coordinatorOrganisationId=${coordinator.id}&from=${from}&to=${to}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function funded(from: string, to: string): Promise<FunderReport> {
  const res = await funderReader.get(`/reports/funders/${funder.id}?from=${from}&to=${to}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('periods and sums on generated handovers', () => {
  it('counts a handover on the last day of the period, and not the day after', async () => {
    const upToEdge = handovers.filter((h) => h.day <= edge).length;
    const onEdge = handovers.filter((h) => h.day === edge).length;
    expect(onEdge).toBeGreaterThan(0);
    expect((await network(start, edge)).flowTotals.handedOver).toBe(upToEdge);
    expect((await network(edge, edge)).flowTotals.handedOver).toBe(onEdge);
    expect((await funded(start, edge)).totals.unitsSubsidised).toBe(upToEdge);
    expect((await funded(nextDay(edge), end)).totals.unitsSubsidised).toBe(handovers.length - upToEdge);
  });

  it('adds up: a split period to the whole, groups to the people reached, months to the total', async () => {
    const whole = await funded(start, end);
    expect(whole.totals.unitsSubsidised).toBe(handovers.length);
    expect(whole.totals.subsidiesCents).toBe(handovers.length * 6000);
    expect(whole.totals.byGroup.reduce((s, g) => s + g.reached, 0)).toBe(whole.totals.reached);
    for (const group of TARGET_GROUPS) {
      expect(whole.totals.byGroup.find((g) => g.group === group)?.reached).toBe(
        handovers.filter((h) => h.group === group).length,
      );
    }
    const [first, second] = [await funded(start, edge), await funded(nextDay(edge), end)];
    expect(first.totals.totalCents + second.totals.totalCents).toBe(whole.totals.totalCents);

    const dashboard = await network(start, end);
    expect(dashboard.flows).toHaveLength(24);
    expect(dashboard.flows.reduce((s, m) => s + m.handedOver, 0)).toBe(handovers.length);
    for (const h of new Set(handovers.map((x) => x.day.slice(0, 7)))) {
      expect(dashboard.flows.find((m) => m.month === h)?.handedOver).toBe(
        handovers.filter((x) => x.day.slice(0, 7) === h).length,
      );
    }
    // People: 14 in all, shown as they are; each group masked exactly when it has 1 to 4 people.
    expect(dashboard.people.equipped).toBe(handovers.length);
    for (const group of TARGET_GROUPS) {
      const n = handovers.filter((h) => h.group === group).length;
      expect(dashboard.people.byGroup.find((g) => g.group === group)?.equipped).toBe(
        n > 0 && n < 5 ? '<5' : n,
      );
    }
  });
});
