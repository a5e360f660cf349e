import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp, unique } from '../../../test/support/app.ts';
import { today } from '../../lib/dates.ts';

let t: TestApp;
let manager: ApiClient;
let socialWorker: ApiClient;
let technician: ApiClient;
let refurbisher: { id: string };
const year = today().slice(0, 4);

beforeAll(async () => {
  t = await startTestApp();
  const ccas = await t.buildOrganisation({ kinds: ['prescriber'] });
  refurbisher = await t.buildOrganisation({ kinds: ['refurbisher'] });
  manager = (await t.member(ccas.id, 'manager')).client;
  socialWorker = (await t.member(ccas.id, 'social_worker')).client;
  technician = (await t.member(refurbisher.id, 'technician')).client;
});
afterAll(() => t.close());

async function ready(): Promise<{ id: string; assetTag: string }> {
  const device = (await technician.post('/devices', { type: 'laptop', storageGb: 0 })).json();
  for (const status of ['diagnosed', 'refurbishing', 'ready'])
    await technician.post(`/devices/${device.id}/status`, { status });
  return device;
}

async function lent(): Promise<{ allocationId: string; deviceId: string; loanId: string }> {
  const p = (
    await manager.post('/programmes', {
      name: unique('Prêt '),
      mode: 'loan',
      loanMonths: 12,
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      partners: [{ organisationId: refurbisher.id, role: 'refurbisher' }],
    })
  ).json();
  const person = (
    await socialWorker.post('/beneficiaries', {
      kind: 'person',
      firstName: 'Ana',
      lastName: unique('B'),
      consentGivenOn: `${year}-01-01`,
    })
  ).json();
  await socialWorker.post('/referrals', { beneficiaryId: person.id, programmeId: p.id });
  const device = await ready();
  const allocation = (
    await manager.post('/allocations', { programmeId: p.id, beneficiaryId: person.id, deviceId: device.id })
  ).json();
  const handed = (await manager.post(`/allocations/${allocation.id}/handover`, {})).json();
  return { allocationId: allocation.id, deviceId: device.id, loanId: handed.loan.id };
}

it('follows a problem from report to resolution, worked on by the refurbisher', async () => {
  const { allocationId } = await lent();
  const opened = await manager.post('/tickets', {
    allocationId,
    description: "L'écran reste noir au démarrage.",
  });
  expect(opened.statusCode, opened.body).toBe(201);
  const ticket = opened.json();
  expect(ticket).toMatchObject({ status: 'open', resolvedAt: null });
  // The refurbisher sees it (the device is its own) and works on it.
  const seenByTechnician = await technician.get(`/tickets/${ticket.id}`);
  expect(seenByTechnician.statusCode).toBe(200);
  // The technician moves it on but does not swap (the people's side does); the manager may do both.
  expect(seenByTechnician.json().can).toEqual({ update: true, swap: false });
  expect((await manager.get(`/tickets/${ticket.id}`)).json().can).toEqual({ update: true, swap: true });
  expect((await technician.patch(`/tickets/${ticket.id}`, { status: 'waiting_part' })).json().status).toBe(
    'waiting_part',
  );
  const resolved = await technician.patch(`/tickets/${ticket.id}`, {
    status: 'resolved',
    resolution: 'Nappe écran changée',
  });
  expect(resolved.json()).toMatchObject({ status: 'resolved', resolution: 'Nappe écran changée' });
  expect(resolved.json().resolvedAt).not.toBeNull();
  expect((await technician.patch(`/tickets/${ticket.id}`, { status: 'open' })).statusCode).toBe(409);
  const outsider = (await t.member((await t.buildOrganisation()).id, 'admin')).client;
  expect((await outsider.get(`/tickets/${ticket.id}`)).statusCode).toBe(404);
  expect((await outsider.get('/tickets')).json().items).toEqual([]);
});

it('swaps the device: the person gets another one, the loan goes on, the broken one goes back to refurbishing', async () => {
  const { allocationId, deviceId, loanId } = await lent();
  const ticket = (await manager.post('/tickets', { allocationId, description: 'Ne charge plus.' })).json();
  const replacement = await ready();
  const swapped = await manager.post(`/tickets/${ticket.id}/swap`, {
    deviceId: replacement.id,
    resolution: 'Échange',
  });
  expect(swapped.statusCode, swapped.body).toBe(200);
  expect(swapped.json()).toMatchObject({ status: 'resolved', swappedForDeviceId: replacement.id, deviceId });
  expect((await technician.get(`/devices/${deviceId}`)).json().status).toBe('refurbishing');
  expect((await technician.get(`/devices/${replacement.id}`)).json().status).toBe('handed_over');
  expect((await manager.get(`/allocations/${allocationId}`)).json()).toMatchObject({
    deviceId: replacement.id,
    status: 'handed_over',
  });
  expect((await manager.get(`/loans/${loanId}`)).json()).toMatchObject({
    deviceId: replacement.id,
    returnedOn: null,
  });
  // A device that is not ready cannot be given in exchange; the technician does not swap (people's side).
  const other = await lent();
  const second = (
    await manager.post('/tickets', { allocationId: other.allocationId, description: 'Clavier HS' })
  ).json();
  expect((await manager.post(`/tickets/${second.id}/swap`, { deviceId: deviceId })).statusCode).toBe(409);
  expect(
    (await technician.post(`/tickets/${second.id}/swap`, { deviceId: (await ready()).id })).statusCode,
  ).toBe(404);
});

it('opens tickets only for handed-over devices', async () => {
  const p = (
    await manager.post('/programmes', {
      name: unique('P '),
      mode: 'donation',
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      partners: [{ organisationId: refurbisher.id, role: 'refurbisher' }],
    })
  ).json();
  const person = (
    await socialWorker.post('/beneficiaries', {
      kind: 'person',
      firstName: 'X',
      lastName: unique('Y'),
      consentGivenOn: `${year}-01-01`,
    })
  ).json();
  await socialWorker.post('/referrals', { beneficiaryId: person.id, programmeId: p.id });
  const allocation = (
    await manager.post('/allocations', {
      programmeId: p.id,
      beneficiaryId: person.id,
      deviceId: (await ready()).id,
    })
  ).json();
  expect((await manager.post('/tickets', { allocationId: allocation.id, description: 'x' })).statusCode).toBe(
    409,
  );
  expect((await manager.post('/tickets', { allocationId: allocation.id, description: '' })).statusCode).toBe(
    400,
  );
});
