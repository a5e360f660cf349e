/**
 * The API set-up shared by the distribution browser tests: a sale programme (130 € with an 88 € subsidy:
 * 42 € left to pay) run by a social action centre with a refurbisher partner, laptops brought to ready
 * (no storage, so no erasure) and people referred to it, eligible.
 */
import { expect } from 'vitest';
import { today } from '../../src/lib/dates.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type TestServer } from './support.ts';

export const YEAR = Number(today().slice(0, 4));

/** Logs in through the API and calls it with that session: for set-ups, not for what is tested. */
export function apiOf(server: TestServer) {
  async function logInApi(email: string, password: string): Promise<string> {
    const response = await fetch(`${server.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(response.status).toBe(200);
    return (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
  }
  async function api<T>(cookie: string, method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${server.baseUrl}/api/v1${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
  return { logInApi, api };
}

type Account = readonly [email: string, name: string];

export interface SaleProgrammeSetUp {
  ccas: { name: string; postcode: string; city: string };
  refurbisher: string;
  funder: string;
  programme: string;
  password: string;
  manager: Account;
  socialWorker: Account;
  technician: Account;
  laptops: { brand: string; model: string }[];
  people: { firstName: string; lastName: string; accessibilityNeeds?: boolean }[];
  /** Fields of the programme that differ from the sale at 130 € (a loan, an internet aid…). */
  programmeOverrides?: Record<string, unknown>;
}

/**
 * Builds it all through the API; returns the programme, the laptops (asset tags and ids, in order) and the
 * people's ids (in order).
 */
export async function setUpSaleProgramme(
  server: TestServer,
  setUp: SaleProgrammeSetUp,
): Promise<{ programmeId: string; assetTags: string[]; deviceIds: string[]; beneficiaryIds: string[] }> {
  const { logInApi, api } = apiOf(server);
  const admin = await logInApi(ADMIN_EMAIL, ADMIN_PASSWORD);
  const ccas = await api<{ id: string }>(admin, 'POST', '/organisations', {
    name: setUp.ccas.name,
    kinds: ['prescriber', 'coordinator'],
    postcode: setUp.ccas.postcode,
    city: setUp.ccas.city,
  });
  const refurbisher = await api<{ id: string }>(admin, 'POST', '/organisations', {
    name: setUp.refurbisher,
    kinds: ['refurbisher'],
  });
  const funder = await api<{ id: string }>(admin, 'POST', '/organisations', {
    name: setUp.funder,
    kinds: ['funder'],
  });
  for (const [organisationId, [email, name], role] of [
    [ccas.id, setUp.manager, 'manager'],
    [ccas.id, setUp.socialWorker, 'social_worker'],
    [refurbisher.id, setUp.technician, 'technician'],
  ] as const) {
    await api(admin, 'POST', `/organisations/${organisationId}/members`, {
      email,
      name,
      role,
      password: setUp.password,
    });
  }
  const manager = await logInApi(setUp.manager[0], setUp.password);
  const programme = await api<{ id: string }>(manager, 'POST', '/programmes', {
    name: setUp.programme,
    ownerOrganisationId: ccas.id,
    mode: 'sale',
    startsOn: `${YEAR}-01-01`,
    endsOn: `${YEAR}-12-31`,
    unitPriceCents: 13000,
    subsidies: [{ funderOrganisationId: funder.id, amountCents: 8800 }],
    partners: [{ organisationId: refurbisher.id, role: 'refurbisher' }],
    ...setUp.programmeOverrides,
  });
  const technician = await logInApi(setUp.technician[0], setUp.password);
  const assetTags: string[] = [];
  const deviceIds: string[] = [];
  for (const { brand, model } of setUp.laptops) {
    const device = await api<{ id: string; assetTag: string }>(technician, 'POST', '/devices', {
      type: 'laptop',
      storageGb: 0,
      brand,
      model,
    });
    assetTags.push(device.assetTag);
    deviceIds.push(device.id);
    for (const status of ['diagnosed', 'refurbishing', 'ready']) {
      await api(technician, 'POST', `/devices/${device.id}/status`, { status });
    }
  }
  const socialWorker = await logInApi(setUp.socialWorker[0], setUp.password);
  const beneficiaryIds: string[] = [];
  for (const person of setUp.people) {
    const created = await api<{ id: string }>(socialWorker, 'POST', '/beneficiaries', {
      kind: 'person',
      referringOrganisationId: ccas.id,
      ...person,
      deviceNeed: 'laptop',
      consentGivenOn: `${YEAR}-01-01`,
    });
    const referral = await api<{ status: string }>(socialWorker, 'POST', '/referrals', {
      beneficiaryId: created.id,
      programmeId: programme.id,
    });
    expect(referral.status).toBe('eligible');
    beneficiaryIds.push(created.id);
  }
  return { programmeId: programme.id, assetTags, deviceIds, beneficiaryIds };
}
