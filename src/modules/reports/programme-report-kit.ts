/**
 * Test set-up for the programme report: organisations, a programme, many people, devices and handovers
 * built through the public API with as few requests as the API allows (devices imported as one CSV and moved
 * to ready in bulk; one request per person, referral, allocation and handover).
 */
import { expect } from 'vitest';
import { type ApiClient, startTestApp, type TestApp, unique } from '../../../test/support/app.ts';

export interface Kit {
  t: TestApp;
  owner: { id: string; name: string };
  refurbisher: { id: string; name: string };
  donor: { id: string; name: string };
  manager: ApiClient;
  socialWorker: ApiClient;
  technician: ApiClient;
  /** Last year: every day of it is past, so handovers and sessions may be recorded on any of them. */
  year: number;
}

/** A test app with a programme owner (a manager and a social worker), a refurbisher and a donor. */
export async function startKit(): Promise<Kit> {
  const t = await startTestApp();
  const owner = await t.buildOrganisation({ kinds: ['prescriber', 'association'] });
  const refurbisher = await t.buildOrganisation({ kinds: ['refurbisher'] });
  const donor = await t.buildOrganisation({ kinds: ['donor'] });
  return {
    t,
    owner,
    refurbisher,
    donor,
    manager: (await t.member(owner.id, 'manager')).client,
    socialWorker: (await t.member(owner.id, 'social_worker')).client,
    technician: (await t.member(refurbisher.id, 'technician')).client,
    year: new Date().getFullYear() - 1,
  };
}

const ok = (res: { statusCode: number; body: string }, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
};

export interface DeviceSpec {
  type: string;
  weightKg?: number;
  osImage?: string;
}

/** Ready devices of the refurbisher, in the order of `specs`: one import, three bulk moves. */
export async function readyDevices(kit: Kit, specs: DeviceSpec[]): Promise<string[]> {
  const donation = await kit.technician.post('/donations', {
    donorOrganisationId: kit.donor.id,
    refurbisherOrganisationId: kit.refurbisher.id,
  });
  ok(donation, 201);
  const donationId: string = donation.json().id;
  const serial = unique('SN');
  const csv = [
    'type,serialNumber,storageGb,weightKg',
    ...specs.map((s, i) => `${s.type},${serial}-${i},0,${s.weightKg ?? ''}`),
  ].join('\n');
  ok(
    await kit.technician.request('POST', `/devices/import?donationId=${donationId}`, csv, {
      'content-type': 'text/csv',
    }),
    201,
  );
  const listed = (await kit.technician.get(`/devices?donationId=${donationId}&limit=500`)).json().items as {
    id: string;
    serialNumber: string;
  }[];
  const bySerial = new Map(listed.map((d) => [d.serialNumber, d.id]));
  const ids = specs.map((_, i) => {
    const id = bySerial.get(`${serial}-${i}`);
    if (!id) throw new Error(`device ${i} not imported`);
    return id;
  });
  for (const status of ['diagnosed', 'refurbishing', 'ready']) {
    ok(await kit.technician.post('/devices/status', { ids, status }));
  }
  for (const [i, spec] of specs.entries()) {
    if (spec.osImage) ok(await kit.technician.patch(`/devices/${ids[i]}`, { osImage: spec.osImage }));
  }
  return ids;
}

/** A programme of the owner over last year, with the refurbisher as partner. */
export async function createProgramme(kit: Kit, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await kit.manager.post('/programmes', {
    name: unique('Programme '),
    ownerOrganisationId: kit.owner.id,
    mode: 'donation',
    startsOn: `${kit.year}-01-01`,
    endsOn: `${kit.year}-12-31`,
    partners: [{ organisationId: kit.refurbisher.id, role: 'refurbisher' }],
    ...extra,
  });
  ok(res, 201);
  return res.json().id;
}

export interface PersonSpec {
  kind?: 'person' | 'association';
  birthYear?: number | null;
  householdType?: string | null;
  priorityZone?: boolean | null;
  incomeSituation?: string | null;
  city?: string | null;
  targetGroup?: string;
  familyQuotientCents?: number | null;
}

/** People (or associations) created and referred to the programme on `referredOn`; their ids. */
export async function referPeople(
  kit: Kit,
  programmeId: string,
  specs: PersonSpec[],
  referredOn: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (const { kind = 'person', ...facts } of specs) {
    const person = await kit.socialWorker.post('/beneficiaries', {
      kind,
      ...(kind === 'person' ? { firstName: unique('Nora'), lastName: 'Petit' } : { name: unique('Asso ') }),
      consentGivenOn: `${kit.year}-01-01`,
      ...facts,
    });
    ok(person, 201);
    const referral = await kit.socialWorker.post('/referrals', {
      beneficiaryId: person.json().id,
      programmeId,
      referredOn,
    });
    ok(referral, 201);
    ids.push(person.json().id);
  }
  return ids;
}

/** Allocates the device and hands it over on `on` (with the payment of a sale, if any). */
export async function handOver(
  kit: Kit,
  programmeId: string,
  beneficiaryId: string,
  deviceId: string,
  on: string,
  paymentCents?: number,
): Promise<string> {
  const allocation = await kit.manager.post('/allocations', { programmeId, beneficiaryId, deviceId });
  ok(allocation, 201);
  const id: string = allocation.json().id;
  ok(
    await kit.manager.post(`/allocations/${id}/handover`, {
      handedOverOn: on,
      ...(paymentCents === undefined ? {} : { payment: { amountCents: paymentCents, method: 'cash' } }),
    }),
  );
  return id;
}

/** `count` copies of a spec. */
export const times = <T>(count: number, spec: T): T[] => Array.from({ length: count }, () => spec);
