import { expect } from 'vitest';
import { type ApiClient, type TestApp, unique } from '../../../test/support/app.ts';
import { today } from '../../lib/dates.ts';
import type { OrganisationKind } from '../../lib/vocabulary.ts';

/**
 * Test set-up shared by the network, funder and donor report tests: an organisation that refurbishes and
 * runs programmes, with its members, building everything through the public API.
 */
export interface Operator {
  id: string;
  name: string;
  admin: ApiClient;
  manager: ApiClient;
  socialWorker: ApiClient;
  technician: ApiClient;
  trainer: ApiClient;
}

export const year = today().slice(0, 4);

/** An organisation that refurbishes, refers and runs programmes, with one member per role used. */
export async function operator(
  t: TestApp,
  kinds: OrganisationKind[] = ['refurbisher', 'prescriber'],
): Promise<Operator> {
  const org = await t.buildOrganisation({ kinds });
  return {
    ...org,
    admin: (await t.member(org.id, 'admin')).client,
    manager: (await t.member(org.id, 'manager')).client,
    socialWorker: (await t.member(org.id, 'social_worker')).client,
    technician: (await t.member(org.id, 'technician')).client,
    trainer: (await t.member(org.id, 'trainer')).client,
  };
}

/** A device brought to `ready` by the organisation (no storage: no erasure needed). */
export async function readyDevice(
  op: Operator,
  fields: { type?: string; weightKg?: number; donationId?: string } = {},
): Promise<string> {
  const res = await op.technician.post('/devices', { type: 'laptop', storageGb: 0, ...fields });
  expect(res.statusCode, res.body).toBe(201);
  const id: string = res.json().id;
  for (const status of ['diagnosed', 'refurbishing', 'ready']) {
    const moved = await op.technician.post(`/devices/${id}/status`, { status });
    expect(moved.statusCode, moved.body).toBe(200);
  }
  return id;
}

/** A programme of this calendar year run by the organisation. */
export async function programme(op: Operator, body: Record<string, unknown> = {}): Promise<string> {
  const res = await op.manager.post('/programmes', {
    name: unique('Programme '),
    mode: 'donation',
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** A person (or an association) referred to the programme by the organisation. */
export async function referred(
  op: Operator,
  programmeId: string,
  fields: Record<string, unknown> = {},
  referralFields: Record<string, unknown> = {},
): Promise<string> {
  const body =
    fields.kind === 'association'
      ? { name: unique('Association '), ...fields }
      : { kind: 'person', firstName: unique('Prénom'), lastName: unique('Nom'), ...fields };
  const person = await op.socialWorker.post('/beneficiaries', {
    consentGivenOn: `${Number(year) - 1}-01-01`,
    referringOrganisationId: op.id,
    ...body,
  });
  expect(person.statusCode, person.body).toBe(201);
  const referral = await op.socialWorker.post('/referrals', {
    beneficiaryId: person.json().id,
    programmeId,
    ...referralFields,
  });
  expect(referral.statusCode, referral.body).toBe(201);
  return person.json().id;
}

/** Reserves a device for the beneficiary and hands it over (on `handedOverOn`, default today). */
export async function equip(
  op: Operator,
  programmeId: string,
  beneficiaryId: string,
  deviceId: string,
  handover: Record<string, unknown> = {},
): Promise<string> {
  const allocation = await op.manager.post('/allocations', { programmeId, beneficiaryId, deviceId });
  expect(allocation.statusCode, allocation.body).toBe(201);
  const id: string = allocation.json().id;
  const handed = await op.manager.post(`/allocations/${id}/handover`, handover);
  expect(handed.statusCode, handed.body).toBe(200);
  return id;
}

/** Every string value anywhere in a JSON value (to prove that no name or id of a person leaks). */
export function jsonStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(jsonStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(jsonStrings);
  return [];
}
