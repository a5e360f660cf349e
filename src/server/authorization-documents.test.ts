/**
 * The authorization walk of the routes that answer files (PDF, CSV, XLSX, calendars, images), beside
 * `authorization.test.ts` so the two halves run side by side; then, field-level: A's donor, funder and
 * coordinator (related to A's data: the donor of its devices, the funder of its programme, the
 * coordinator of its network) call every GET route they may call, exports included, and never receive a
 * person's name, contact or social evaluation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildRequest,
  type Caller,
  expectedFor,
  isDocumentRoute,
  orderedRoutes,
  startWalk,
  summary,
  textOf,
  type Walk,
  walkRoute,
} from '../../test/support/authz-walk.ts';
import { PERSONAL } from '../../test/support/authz-world.ts';
import { permissionMap } from './permission-map.ts';

let walk: Walk;
const routes = orderedRoutes(isDocumentRoute);

beforeAll(async () => {
  walk = await startWalk();
}, 240_000);

afterAll(async () => {
  console.info(summary(walk, routes.length));
  await walk?.t.close();
});

describe('every route answering a file × every caller × own and other organisation', () => {
  it.each(routes)('%s', async (route) => {
    expect(await walkRoute(walk, route)).toEqual([]);
  });
});

describe('field-level: donors, funders and coordinators never receive a person’s details', () => {
  const personal = [...Object.values(PERSONAL.A), ...Object.values(PERSONAL.B)].filter(
    // Postcodes and towns are published in aggregates (by town); names, contacts and evaluations never.
    (value) => !/^\d{5}$/.test(value) && !['Neuville-aux-Bois', 'Bourges'].includes(value),
  );
  // Phone numbers as digits, whatever separates their pairs.
  const digits = (s: string) => s.replace(/(\d)[ .\u00a0-](?=\d)/g, '$1');
  const detailsIn = (text: string) =>
    personal.filter((value) =>
      /^[\d ]+$/.test(value) ? digits(text).includes(digits(value)) : text.includes(value),
    );

  it('finds the fixture’s details where they belong (the search works on JSON and PDF)', async () => {
    const { w } = walk;
    const sw = w.A.members.social_worker.client;
    const record = await sw.get(`/beneficiaries/${w.A.ids.beneficiary}/export.pdf`);
    expect(detailsIn(await textOf(record))).toEqual(
      expect.arrayContaining([PERSONAL.A.lastName, PERSONAL.A.email, PERSONAL.A.phone]),
    );
    const referral = await sw.get(`/referrals/${w.A.ids.referral}`);
    expect(detailsIn(await textOf(referral))).toContain(PERSONAL.A.evaluation);
  });

  it.each(['donor', 'funder', 'coordinator'] as const)('as the %s of the data', async (slot) => {
    const { t, w, callers } = walk;
    const caller = callers.find((c) => c.slot === slot) as Caller;
    const found: string[] = [];
    const read: string[] = [];
    for (const [route, rule] of Object.entries(permissionMap)) {
      if (!route.startsWith('GET ') || !caller.client) continue;
      if (expectedFor(rule, caller, 'A').kind !== 'success') continue;
      const request = await buildRequest(route, rule, { w, t, side: 'A', s: w.A, caller });
      const res = await caller.client.request('GET', request.url);
      if (res.statusCode !== 200) continue;
      read.push(route);
      for (const value of detailsIn(await textOf(res))) found.push(`${route}: ${value}`);
    }
    console.info(`field-level as the ${slot}: ${read.length} GET routes read`);
    expect(read.length).toBeGreaterThan(10);
    expect(found).toEqual([]);
  });
});
