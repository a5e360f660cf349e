/** Builders shared by the portal's tests (a programme open to associations, a registration, devices). */
import { desc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { ApiClient, type TestApp, unique } from '../../../test/support/app.ts';
import { today } from '../../lib/dates.ts';
import { hashToken } from '../../lib/ids.ts';
import { outbox } from '../notifications/schema.ts';
import { associationRegistrations } from './schema.ts';

export const year = today().slice(0, 4);
let ipCounter = 0;

export interface Owner {
  organisation: { id: string; name: string };
  manager: ApiClient;
  refurbisher: { id: string };
  technician: ApiClient;
}

export async function buildOwner(t: TestApp): Promise<Owner> {
  const organisation = await t.buildOrganisation({ kinds: ['prescriber'] });
  const refurbisher = await t.buildOrganisation({ kinds: ['refurbisher'] });
  return {
    organisation,
    manager: (await t.member(organisation.id, 'manager')).client,
    refurbisher,
    technician: (await t.member(refurbisher.id, 'technician')).client,
  };
}

/** A programme of the owner with the refurbisher as partner, its portal open. */
export async function openProgramme(
  owner: Owner,
  fields: Record<string, unknown> = {},
  portal: Record<string, unknown> = {},
): Promise<{ id: string; name: string }> {
  const res = await owner.manager.post('/programmes', {
    name: unique('Programme associations '),
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    partners: [{ organisationId: owner.refurbisher.id, role: 'refurbisher' }],
    mode: 'donation',
    ...fields,
  });
  expect(res.statusCode, res.body).toBe(201);
  const settings = await owner.manager.put(`/programmes/${res.json().id}/portal`, {
    open: true,
    maxDevicesPerYear: 5,
    maxOpenOrders: 3,
    intro: 'Associations du département',
    ...portal,
  });
  expect(settings.statusCode, settings.body).toBe(200);
  return res.json();
}

/** A ready device in the refurbisher's stock. */
export async function readyDevice(owner: Owner, type = 'laptop', grade: string | null = 'A') {
  const device = (await owner.technician.post('/devices', { type, storageGb: 0 })).json();
  if (grade) expect((await owner.technician.patch(`/devices/${device.id}`, { grade })).statusCode).toBe(200);
  for (const status of ['diagnosed', 'refurbishing', 'ready']) {
    const moved = await owner.technician.post(`/devices/${device.id}/status`, { status });
    expect(moved.statusCode, moved.body).toBe(200);
  }
  return device as { id: string; assetTag: string };
}

let rnaCounter = 0;

/** A valid registration body: a well-formed RNA of its own (each association is a new organisation). */
export function registrationBody(overrides: Record<string, unknown> = {}) {
  rnaCounter += 1;
  const serial = `${process.pid % 1000}${String(rnaCounter).padStart(3, '0')}`.padStart(6, '0').slice(-6);
  return {
    name: unique('Association Solidaire '),
    rna: `W45${Math.floor(Math.random() * 10)}${serial}`,
    siret: null as string | null,
    address: '12 rue des Lilas',
    postcode: '45100',
    city: 'Orléans',
    activity: 'Accompagnement numérique des habitants du quartier.',
    peopleServed: 120,
    contactName: 'Aminata Traoré',
    contactEmail: `${unique('contact')}@asso.example`,
    contactPhone: '02 38 00 00 00',
    ...overrides,
  };
}

/** Posts the public registration form from a new address (the route allows 5 an hour per address). */
export function register(
  t: TestApp,
  programmeId: string,
  body: Record<string, unknown>,
  options: { ip?: string; locale?: string } = {},
) {
  ipCounter += 1;
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/public/portal/programmes/${programmeId}/registrations`,
    payload: body,
    remoteAddress: options.ip ?? `10.8.${Math.floor(ipCounter / 250)}.${ipCounter % 250}`,
    headers: { 'accept-language': options.locale ?? 'fr' },
  });
}

/** The last e-mail written to an address (outbox), with its text. */
export async function lastMail(t: TestApp, to: string, template?: string) {
  const rows = await t.database.db
    .select()
    .from(outbox)
    .where(eq(outbox.toAddress, to))
    .orderBy(desc(outbox.createdAt));
  return rows.find((r) => !template || r.template === template);
}

export function tokenIn(text: string, path: string): string {
  const match = new RegExp(`/${path}/([0-9a-f]{40}|[A-Za-z0-9_-]{20,})`).exec(text);
  expect(match, text).not.toBeNull();
  return match?.[1] ?? '';
}

/** Registers, confirms and approves an association; returns its contact's logged-in client. */
export async function approvedAssociation(
  t: TestApp,
  owner: Owner,
  programmeId: string,
  overrides: Record<string, unknown> = {},
) {
  const body = registrationBody(overrides);
  expect((await register(t, programmeId, body)).statusCode).toBe(202);
  const confirm = await lastMail(t, body.contactEmail, 'portal_confirm');
  const token = tokenIn(confirm?.textBody ?? '', 'associations/confirmer');
  expect((await t.anonymous.post(`/public/portal/confirmations/${token}`)).statusCode).toBe(200);
  const [row] = await t.database.db
    .select()
    .from(associationRegistrations)
    .where(eq(associationRegistrations.confirmTokenHash, hashToken(token)));
  const approved = await owner.manager.post(`/association-registrations/${row?.id}/approve`);
  expect(approved.statusCode, approved.body).toBe(200);
  const invitation = tokenIn(
    (await lastMail(t, body.contactEmail, 'portal_approved'))?.textBody ?? '',
    'invitation',
  );
  const accepted = await t.anonymous.post(`/invitations/${invitation}`, {
    password: 'une phrase de passe solide',
  });
  expect(accepted.statusCode, accepted.body).toBe(200);
  const cookie = accepted.cookies.find((c) => c.name === 'sv_session')?.value;
  return {
    client: new ApiClient(t.app, { cookie: `sv_session=${cookie}` }),
    body,
    registrationId: row?.id as string,
    organisationId: approved.json().organisationId as string,
    token,
  };
}
