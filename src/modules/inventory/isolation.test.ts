import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/app.ts';

/**
 * Refurbisher A's stock is invisible to everyone outside A — including the administrator of another
 * refurbisher — and to the donor (who sees the donation, not the device records). Expected answers
 * written out by hand.
 */
let t: TestApp;
let deviceId: string;
let donationId: string;
let locationId: string;
let outsider: ApiClient;
let donorMember: ApiClient;
let assetTag: string;

beforeAll(async () => {
  t = await startTestApp();
  const refurbisherA = await t.buildOrganisation({ kinds: ['refurbisher'] });
  const donor = await t.buildOrganisation({ kinds: ['donor'] });
  const otherRefurbisher = await t.buildOrganisation({ kinds: ['refurbisher'] });
  const tech = (await t.member(refurbisherA.id, 'manager')).client;
  outsider = (await t.member(otherRefurbisher.id, 'admin')).client;
  donorMember = (await t.member(donor.id, 'admin')).client;
  donationId = (
    await tech.post('/donations', {
      donorOrganisationId: donor.id,
      refurbisherOrganisationId: refurbisherA.id,
    })
  ).json().id;
  const device = (
    await tech.post('/devices', { type: 'laptop', donationId, serialNumber: 'SECRET-SN' })
  ).json();
  deviceId = device.id;
  assetTag = device.assetTag;
  locationId = (await tech.post('/locations', { organisationId: refurbisherA.id, name: 'Atelier' })).json()
    .id;
});
afterAll(() => t.close());

type Case = [string, 'GET' | 'POST' | 'PATCH', () => string, () => unknown];
const cases: Case[] = [
  ['reads the device', 'GET', () => `/devices/${deviceId}`, () => undefined],
  ['finds it by asset tag', 'GET', () => `/devices/by-tag/${assetTag}`, () => undefined],
  ['changes it', 'PATCH', () => `/devices/${deviceId}`, () => ({ grade: 'C' })],
  ['moves it', 'POST', () => `/devices/${deviceId}/status`, () => ({ status: 'lost' })],
  [
    'records an erasure on it',
    'POST',
    () => `/devices/${deviceId}/erasures`,
    () => ({ method: 'x', verified: true, result: 'passed' }),
  ],
  ['moves it in bulk', 'POST', () => '/devices/status', () => ({ ids: [deviceId], status: 'lost' })],
  ['renames a location', 'PATCH', () => `/locations/${locationId}`, () => ({ name: 'Pris' })],
];

describe.each([
  ["another refurbisher's administrator", () => outsider],
  ["the donor's administrator", () => donorMember],
])('%s', (_who, client) => {
  it.each(cases)('%s → 404', async (_what, method, path, body) => {
    const res = await client().request(method, `/api/v1${path()}`, body());
    expect(res.statusCode).toBe(404);
  });

  it('finds none of it in lists and searches', async () => {
    for (const url of [`/devices?q=SECRET-SN`, `/devices?donationId=${donationId}`, '/devices']) {
      expect((await client().get(url)).json().items).toEqual([]);
    }
    expect((await client().get(`/devices/summary?donationId=${donationId}`)).json().total).toBe(0);
  });
});

it('shows the donation itself to the donor, but not to another refurbisher', async () => {
  expect((await donorMember.get(`/donations/${donationId}`)).statusCode).toBe(200);
  expect((await outsider.get(`/donations/${donationId}`)).statusCode).toBe(404);
});

it('refuses to attach a device to a donation the caller cannot see (404)', async () => {
  expect((await outsider.post('/devices', { type: 'laptop', donationId })).statusCode).toBe(404);
});
