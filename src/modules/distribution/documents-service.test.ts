import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp, unique } from '../../../test/support/app.ts';
import { readPdf } from '../../../test/support/pdf.ts';
import { today } from '../../lib/dates.ts';

let t: TestApp;
let manager: ApiClient;
let socialWorker: ApiClient;
let technician: ApiClient;
let refurbisher: { id: string; name: string };
let funder: { id: string; name: string };
let programmeId: string;
const year = today().slice(0, 4);

beforeAll(async () => {
  t = await startTestApp();
  const ccas = await t.buildOrganisation({ kinds: ['prescriber'] });
  refurbisher = await t.buildOrganisation({ kinds: ['refurbisher'], name: unique('Atelier ') });
  funder = await t.buildOrganisation({ kinds: ['funder'], name: unique('Ville ') });
  manager = (await t.member(ccas.id, 'manager')).client;
  socialWorker = (await t.member(ccas.id, 'social_worker')).client;
  technician = (await t.member(refurbisher.id, 'technician')).client;
  programmeId = (
    await manager.post('/programmes', {
      name: 'Ordi solidaire',
      mode: 'sale',
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      unitPriceCents: 13000,
      subsidies: [{ funderOrganisationId: funder.id, amountCents: 8800 }],
      partners: [{ organisationId: refurbisher.id, role: 'refurbisher' }],
    })
  ).json().id;
});
afterAll(() => t.close());

async function handOver(lastName: string, handover = true): Promise<string> {
  const person = (
    await socialWorker.post('/beneficiaries', {
      kind: 'person',
      firstName: 'Rose',
      lastName,
      consentGivenOn: `${year}-01-01`,
    })
  ).json();
  await socialWorker.post('/referrals', { beneficiaryId: person.id, programmeId });
  const device = (
    await technician.post('/devices', { type: 'laptop', storageGb: 0, brand: 'Lenovo', model: 'T480' })
  ).json();
  for (const status of ['diagnosed', 'refurbishing', 'ready'])
    await technician.post(`/devices/${device.id}/status`, { status });
  const allocation = (
    await manager.post('/allocations', { programmeId, beneficiaryId: person.id, deviceId: device.id })
  ).json();
  if (handover) {
    await manager.post(`/allocations/${allocation.id}/handover`, {
      payment: { amountCents: 4200, method: 'card' },
    });
  }
  return allocation.id;
}

it('issues the sale receipt with the subsidy split, numbered without gaps, the same bytes every time', async () => {
  const lastName = unique('Durand');
  const first = await handOver(lastName);
  const res = await manager.get(`/allocations/${first}/documents/receipt.pdf`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  const { text } = await readPdf(res.rawPayload);
  expect(text).toContain(`RV-${year}-000001`);
  expect(text).toContain(refurbisher.name);
  expect(text).toContain(`Rose ${lastName}`);
  expect(text).toMatch(/130,00\s€/);
  expect(text).toMatch(/88,00\s€/);
  expect(text).toMatch(/42,00\s€/);
  expect(text).toContain(funder.name);
  const again = await manager.get(`/allocations/${first}/documents/receipt.pdf`);
  expect(Buffer.compare(again.rawPayload, res.rawPayload)).toBe(0);
  const second = await handOver(unique('Martin'));
  const next = await readPdf((await manager.get(`/allocations/${second}/documents/receipt.pdf`)).rawPayload);
  expect(next.text).toContain(`RV-${year}-000002`);
  // The attestation has its own numbering, by the programme's owner.
  const attestation = await readPdf(
    (await manager.get(`/allocations/${second}/documents/handover-attestation.pdf`)).rawPayload,
  );
  expect(attestation.text).toContain(`AR-${year}-000001`);
});

it('refuses documents that do not fit: not handed over yet (409), not this mode (422), not yours', async () => {
  const reserved = await handOver(unique('Petit'), false);
  expect((await manager.get(`/allocations/${reserved}/documents/receipt.pdf`)).statusCode).toBe(409);
  const handed = await handOver(unique('Roux'));
  expect((await manager.get(`/allocations/${handed}/documents/loan-agreement.pdf`)).statusCode).toBe(422);
  expect((await manager.get(`/allocations/${handed}/documents/other.pdf`)).statusCode).toBe(400);
  const outsider = (await t.member((await t.buildOrganisation()).id, 'admin')).client;
  expect((await outsider.get(`/allocations/${handed}/documents/receipt.pdf`)).statusCode).toBe(404);
  expect((await technician.get(`/allocations/${handed}/documents/receipt.pdf`)).statusCode).toBe(404);
});

it("states a funder's subsidies over a period without naming anyone", async () => {
  const lastName = unique('Secret');
  await handOver(lastName);
  const url = `/programmes/${programmeId}/subsidy-statement.pdf?funderOrganisationId=${funder.id}&from=${year}-01-01&to=${year}-12-31`;
  const res = await manager.get(url);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const { text } = await readPdf(res.rawPayload);
  const handedOver = (
    await manager.get(`/allocations?programmeId=${programmeId}&status=handed_over&limit=500`)
  ).json().items;
  const total = (88 * handedOver.length).toFixed(2).replace('.', ',');
  expect(text).toContain(funder.name);
  expect(text).toMatch(new RegExp(`${total}\\s€`));
  expect(text).not.toContain(lastName);
  expect(text).not.toContain('Rose');
  // The same period again: the same document; another funder of nothing: 404.
  expect(Buffer.compare((await manager.get(url)).rawPayload, res.rawPayload)).toBe(0);
  const stranger = await t.buildOrganisation({ kinds: ['funder'] });
  expect(
    (
      await manager.get(
        `/programmes/${programmeId}/subsidy-statement.pdf?funderOrganisationId=${stranger.id}&from=${year}-01-01&to=${year}-12-31`,
      )
    ).statusCode,
  ).toBe(404);
  expect((await socialWorker.get(url)).statusCode).toBe(403);
});

it('takes back a handover recorded by mistake: reserved again, its receipt voided, a new one at the next handover', async () => {
  const allocationId = await handOver(unique('Erreur'));
  const first = await readPdf(
    (await manager.get(`/allocations/${allocationId}/documents/receipt.pdf`)).rawPayload,
  );
  const number = /RV-\d{4}-\d{6}/.exec(first.text)?.[0] as string;
  expect(
    (await manager.post(`/allocations/${allocationId}/handover-cancellation`, { reason: '' })).statusCode,
  ).toBe(400);
  const taken = await manager.post(`/allocations/${allocationId}/handover-cancellation`, {
    reason: 'Remis à la mauvaise personne',
  });
  expect(taken.statusCode, taken.body).toBe(200);
  expect(taken.json()).toMatchObject({
    status: 'reserved',
    handedOverOn: null,
    paymentCents: null,
    handoverCancelReason: 'Remis à la mauvaise personne',
  });
  expect((await technician.get(`/devices/${taken.json().deviceId}`)).json().status).toBe('reserved');
  const person = (await socialWorker.get(`/beneficiaries/${taken.json().beneficiaryId}`)).json();
  expect(person.referrals[0].status).toBe('eligible');
  expect((await manager.get(`/allocations/${allocationId}/documents/receipt.pdf`)).statusCode).toBe(409);
  expect(
    (await manager.post(`/allocations/${allocationId}/handover-cancellation`, { reason: 'x' })).statusCode,
  ).toBe(409);
  await manager.post(`/allocations/${allocationId}/handover`, {
    payment: { amountCents: 4200, method: 'cash' },
  });
  const again = await readPdf(
    (await manager.get(`/allocations/${allocationId}/documents/receipt.pdf`)).rawPayload,
  );
  const next = /RV-\d{4}-\d{6}/.exec(again.text)?.[0] as string;
  expect(next).not.toBe(number);
  expect(Number(next.slice(-6))).toBeGreaterThan(Number(number.slice(-6)));
  expect(again.text).toMatch(/en espèces/);
});
