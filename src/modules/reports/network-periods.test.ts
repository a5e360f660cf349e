import fc from 'fast-check';
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
import type { NetworkDashboard, PeopleCount } from './network-types.ts';
import { recomputableBreakdowns, suppressSmallCounts } from './small-counts.ts';

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
    expect(shownAs((await network(start, edge)).flowTotals.handedOver, upToEdge)).toBe(true);
    // The dashboard counts whole months: the edge's month, not the edge day alone.
    const edgeMonth = handovers.filter((h) => h.day.slice(0, 7) === edge.slice(0, 7)).length;
    expect(shownAs((await network(`${edge.slice(0, 7)}-01`, edge)).flowTotals.handedOver, edgeMonth)).toBe(
      true,
    );
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
    // Each month's handovers: the number, or "<5" for 1 to 4 and for the complements; never one hidden
    // month the total and the others would give away.
    const monthly = (month: string) => handovers.filter((x) => x.day.slice(0, 7) === month).length;
    expect(dashboard.flowTotals.handedOver).toBe(handovers.length);
    for (const m of dashboard.flows) expect(shownAs(m.handedOver, monthly(m.month))).toBe(true);
    const values = new Map<string, number>([['handedOver', handovers.length]]);
    const masked = new Set<string>();
    for (const m of dashboard.flows) {
      values.set(m.month, monthly(m.month));
      if (m.handedOver === '<5') masked.add(m.month);
    }
    const months = { total: 'handedOver', parts: dashboard.flows.map((m) => m.month) };
    expect(recomputableBreakdowns(values, [months], masked)).toEqual([]);
    // People: 14 in all, shown as they are; every group of 1 to 4 people masked, the others exact or
    // masked as complements, and no masked group recomputable from the total and the others.
    expect(dashboard.people.equipped).toBe(handovers.length);
    const groups = new Map<string, number>([['equipped', handovers.length]]);
    const maskedGroups = new Set<string>();
    for (const group of TARGET_GROUPS) {
      const n = handovers.filter((h) => h.group === group).length;
      const shown = dashboard.people.byGroup.find((g) => g.group === group)?.equipped;
      expect(shown === undefined ? false : shownAs(shown, n)).toBe(true);
      groups.set(group, n);
      if (shown === '<5') maskedGroups.add(group);
    }
    expect(
      recomputableBreakdowns(groups, [{ total: 'equipped', parts: TARGET_GROUPS }], maskedGroups),
    ).toEqual([]);
  });

  it('refuses a period that is not made of whole months, or longer than ten years (400 naming the field)', async () => {
    const ask = (query: string) =>
      reader.get(`/reports/network?coordinatorOrganisationId=${coordinator.id}${query}`);
    const field = async (query: string) => {
      const res = await ask(query);
      return [res.statusCode, res.json().errors?.[0]?.path];
    };
    // Two periods a day apart could be subtracted to single out one day's people.
    expect(await field(`&from=${edge}&to=${edge}`)).toEqual([400, 'from']);
    expect(await field(`&from=${year}-01-02&to=${year}-12-31`)).toEqual([400, 'from']);
    expect(await field(`&from=${year}-01-01&to=${year}-12-30`)).toEqual([400, 'to']);
    expect(await field(`&from=${year}-02-01&to=${year}-02-28`)).toEqual(
      Number(year) % 4 === 0 ? [400, 'to'] : [200, undefined],
    );
    // Ten years at most: 120 months pass, 121 do not; the far ends of the calendar are refused at once.
    const y = Number(year);
    expect(await field(`&from=${y - 9}-01-01&to=${y}-12-31`)).toEqual([200, undefined]);
    expect(await field(`&from=${y - 10}-12-01&to=${y}-12-31`)).toEqual([400, 'to']);
    expect(await field('&from=0001-01-01&to=9999-12-31')).toEqual([400, 'to']);
    // A start after this year with no end is a reversed period, not an empty one.
    expect(await field(`&from=${y + 1}-01-01`)).toEqual([400, 'to']);
    expect(await field(`&to=${y - 1}-12-31`)).toEqual([400, 'to']);
    // The funder report's default period behaves the same.
    const funderFrom = await funderReader.get(`/reports/funders/${funder.id}?from=${y + 1}-01-01`);
    expect([funderFrom.statusCode, funderFrom.json().errors?.[0]?.path]).toEqual([400, 'to']);
  });
});

/** Whether a figure shows `count` people correctly: the number itself or "<5" (never "<5" for 0). */
function shownAs(value: PeopleCount, count: number): boolean {
  return value === '<5' ? count > 0 : value === count;
}

describe('complementary suppression', () => {
  it('masks the smallest other part when one part alone is masked, or the total when there is none', () => {
    // equipped 6, households 5 and 1 senior: the senior would be 6 − 5.
    const values = new Map([
      ['equipped', 6],
      ['household', 5],
      ['senior', 1],
      ['pupil', 0],
    ]);
    const breakdown = { total: 'equipped', parts: ['household', 'senior', 'pupil'] };
    expect([...suppressSmallCounts(values, [breakdown])].sort()).toEqual(['household', 'senior']);
    const alone = new Map([
      ['equipped', 3],
      ['senior', 3],
      ['pupil', 0],
    ]);
    expect(suppressSmallCounts(alone, [{ total: 'equipped', parts: ['senior', 'pupil'] }])).toEqual(
      new Set(['equipped', 'senior']),
    );
    const oneOfTwo = new Map([
      ['handedOver', 9],
      ['2026-01', 9],
      ['2026-02', 0],
    ]);
    expect(suppressSmallCounts(oneOfTwo, [{ total: 'handedOver', parts: ['2026-01', '2026-02'] }])).toEqual(
      new Set(),
    );
  });

  it('leaves no masked part or total recomputable by subtraction, on generated breakdowns', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.boolean(),
        (tables, exhaustive) => {
          // Breakdowns of one shared total (as the people equipped by group and by mode), the first one
          // possibly leaving part of the total out.
          const values = new Map<string, number>();
          const totals = tables.map((parts) => parts.reduce((s, x) => s + x, 0));
          const total = Math.max(...totals) + (exhaustive ? 0 : 2);
          values.set('total', total);
          const breakdowns = tables.map((parts, b) => {
            const keys = parts.map((count, i) => {
              values.set(`${b}:${i}`, count);
              return `${b}:${i}`;
            });
            // Pad each breakdown to the shared total with one more part, except the first when not exhaustive.
            const pad = total - (totals[b] ?? 0);
            if (pad > 0 && (exhaustive || b > 0)) {
              values.set(`${b}:pad`, pad);
              keys.push(`${b}:pad`);
            }
            return { total: 'total', parts: keys, exhaustive: exhaustive || b > 0 };
          });
          const masked = suppressSmallCounts(values, breakdowns);
          for (const [key, count] of values) if (count > 0 && count < 5) expect(masked.has(key)).toBe(true);
          // Every combination: a breakdown with exactly one hidden cell would give it away.
          for (const breakdown of breakdowns) {
            const cells = [breakdown.total, ...breakdown.parts];
            const hidden = cells.filter((key) => masked.has(key));
            const sum = breakdown.parts.reduce((s, key) => s + (values.get(key) ?? 0), 0);
            const rest = breakdown.exhaustive ? 0 : total - sum;
            const hiddenRest = rest > 0 && rest < 5 ? 1 : 0;
            expect(hidden.length + hiddenRest).not.toBe(1);
          }
          expect(recomputableBreakdowns(values, breakdowns, masked)).toEqual([]);
        },
      ),
    );
  });
});
