import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp, unique } from '../../../test/support/app.ts';
import { systemActor } from '../../lib/actor.ts';
import { addMonthsToDay, today } from '../../lib/dates.ts';
import { listLoans } from './loans.ts';

let t: TestApp;
let ccas: { id: string };
let refurbisher: { id: string };
let manager: ApiClient;
let socialWorker: ApiClient;
let technician: ApiClient;
let funder: { id: string };
const year = today().slice(0, 4);
const period = { startsOn: `${year}-01-01`, endsOn: `${year}-12-31` };

beforeAll(async () => {
  t = await startTestApp();
  ccas = await t.buildOrganisation({ kinds: ['prescriber', 'coordinator'] });
  refurbisher = await t.buildOrganisation({ kinds: ['refurbisher'] });
  funder = await t.buildOrganisation({ kinds: ['funder'] });
  manager = (await t.member(ccas.id, 'manager')).client;
  socialWorker = (await t.member(ccas.id, 'social_worker')).client;
  technician = (await t.member(refurbisher.id, 'technician')).client;
});
afterAll(() => t.close());

/** A device the refurbisher has brought to `ready` (no storage: no erasure needed). */
async function readyDevice(type = 'laptop'): Promise<{ id: string; assetTag: string }> {
  const device = (await technician.post('/devices', { type, storageGb: 0, brand: 'Dell' })).json();
  for (const status of ['diagnosed', 'refurbishing', 'ready']) {
    const res = await technician.post(`/devices/${device.id}/status`, { status });
    expect(res.statusCode, res.body).toBe(200);
  }
  return device;
}

async function programme(extra: Record<string, unknown> = {}): Promise<{ id: string }> {
  const res = await manager.post('/programmes', {
    name: unique('Programme '),
    mode: 'sale',
    ...period,
    unitPriceCents: 13000,
    subsidies: [{ funderOrganisationId: funder.id, amountCents: 8800 }],
    partners: [{ organisationId: refurbisher.id, role: 'refurbisher' }],
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function referred(programmeId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const person = (
    await socialWorker.post('/beneficiaries', {
      kind: 'person',
      firstName: unique('Nora'),
      lastName: 'Petit',
      consentGivenOn: `${year}-01-01`,
      ...extra,
    })
  ).json();
  const referral = await socialWorker.post('/referrals', { beneficiaryId: person.id, programmeId });
  expect(referral.statusCode, referral.body).toBe(201);
  return person.id;
}

describe('POST /allocations', () => {
  it('reserves a ready device of a refurbisher partner for an eligible person', async () => {
    const p = await programme();
    const beneficiaryId = await referred(p.id);
    const device = await readyDevice();
    const available = (await manager.get(`/programmes/${p.id}/available-devices`)).json().items;
    expect(available.map((d: { id: string }) => d.id)).toContain(device.id);
    const res = await manager.post('/allocations', { programmeId: p.id, beneficiaryId, deviceId: device.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'reserved', assetTag: device.assetTag, allocatedOn: today() });
    expect((await technician.get(`/devices/${device.id}`)).json().status).toBe('reserved');
    // Reserved: no longer offered.
    const after = (await manager.get(`/programmes/${p.id}/available-devices`)).json().items;
    expect(after.map((d: { id: string }) => d.id)).not.toContain(device.id);
  });

  it('refuses without an eligible referral, without the training, or past the devices per person', async () => {
    const p = await programme({ eligibility: { maxFamilyQuotientCents: 50000 } });
    const ineligible = await referred(p.id, { familyQuotientCents: 90000 });
    const device = await readyDevice();
    const notEligible = await manager.post('/allocations', {
      programmeId: p.id,
      beneficiaryId: ineligible,
      deviceId: device.id,
    });
    expect(notEligible.statusCode).toBe(422);
    expect(notEligible.json().detail).toMatch(/orientation éligible/);

    const trainingFirst = await programme({ trainingRequired: true });
    const trainee = await referred(trainingFirst.id);
    const untrained = await manager.post('/allocations', {
      programmeId: trainingFirst.id,
      beneficiaryId: trainee,
      deviceId: device.id,
    });
    expect(untrained.statusCode).toBe(422);
    expect(untrained.json().detail).toMatch(/formation/);

    const eligible = await referred(p.id, { familyQuotientCents: 20000 });
    expect(
      (
        await manager.post('/allocations', {
          programmeId: p.id,
          beneficiaryId: eligible,
          deviceId: device.id,
        })
      ).statusCode,
    ).toBe(201);
    const second = await manager.post('/allocations', {
      programmeId: p.id,
      beneficiaryId: eligible,
      deviceId: (await readyDevice()).id,
    });
    expect(second.statusCode).toBe(422);
    expect(second.json().detail).toMatch(/maximum/);
    // Nothing moved: the device refused stays ready.
    expect((await technician.get(`/devices/${device.id}`)).json().status).toBe('reserved');
  });

  it('lets an association receive several devices', async () => {
    const p = await programme();
    const asso = (
      await socialWorker.post('/beneficiaries', {
        kind: 'association',
        name: unique('Asso '),
        consentGivenOn: `${year}-01-01`,
      })
    ).json();
    await socialWorker.post('/referrals', { beneficiaryId: asso.id, programmeId: p.id });
    for (let i = 0; i < 3; i++) {
      const res = await manager.post('/allocations', {
        programmeId: p.id,
        beneficiaryId: asso.id,
        deviceId: (await readyDevice()).id,
      });
      expect(res.statusCode).toBe(201);
    }
  });

  it('answers 409 for a device that is not ready, 404 for one outside the programme, 403 for a prescriber', async () => {
    const p = await programme();
    const beneficiaryId = await referred(p.id);
    const device = (await technician.post('/devices', { type: 'laptop', storageGb: 0 })).json();
    const notReady = await manager.post('/allocations', {
      programmeId: p.id,
      beneficiaryId,
      deviceId: device.id,
    });
    expect(notReady.statusCode).toBe(409);
    const other = await t.buildOrganisation({ kinds: ['refurbisher'] });
    const otherTech = (await t.member(other.id, 'technician')).client;
    const foreign = (await otherTech.post('/devices', { type: 'laptop', storageGb: 0 })).json();
    expect(
      (await manager.post('/allocations', { programmeId: p.id, beneficiaryId, deviceId: foreign.id }))
        .statusCode,
    ).toBe(404);
    const viewer = (await t.member(ccas.id, 'viewer')).client;
    const ready = await readyDevice();
    expect(
      (await viewer.post('/allocations', { programmeId: p.id, beneficiaryId, deviceId: ready.id }))
        .statusCode,
    ).toBe(403);
    expect(
      (await technician.post('/allocations', { programmeId: p.id, beneficiaryId, deviceId: ready.id }))
        .statusCode,
    ).toBe(404);
  });

  it('gives a device to exactly one of several people reserving it at once', async () => {
    const p = await programme();
    const people = await Promise.all([1, 2, 3, 4].map(() => referred(p.id)));
    const device = await readyDevice();
    const answers = await Promise.all(
      people.map((beneficiaryId) =>
        manager.post('/allocations', { programmeId: p.id, beneficiaryId, deviceId: device.id }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409]);
    const reserved = (await manager.get(`/allocations?programmeId=${p.id}`)).json().items;
    expect(reserved).toHaveLength(1);
  });
});

describe('handover', () => {
  it('records the payment of a sale, moves the device and the referral on', async () => {
    const p = await programme();
    const beneficiaryId = await referred(p.id);
    const device = await readyDevice();
    const allocation = (
      await manager.post('/allocations', { programmeId: p.id, beneficiaryId, deviceId: device.id })
    ).json();
    const differs = await manager.post(`/allocations/${allocation.id}/handover`, {
      payment: { amountCents: 3000, method: 'cash' },
    });
    expect(differs.statusCode).toBe(400);
    expect(differs.json().errors[0]).toMatchObject({
      path: 'payment.note',
      message: expect.stringMatching(/30,00\s€.*42,00\s€/),
    });
    const outside = await manager.post(`/allocations/${allocation.id}/handover`, {
      handedOverOn: `${Number(year) + 1}-01-05`,
    });
    expect(outside.statusCode).toBe(422);
    const res = await manager.post(`/allocations/${allocation.id}/handover`, {
      payment: { amountCents: 4200, method: 'card' },
      signedOnPaper: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'handed_over',
      handedOverOn: today(),
      paymentCents: 4200,
      paymentMethod: 'card',
      expectedContributionCents: 4200,
      signedOnPaper: true,
      loan: null,
    });
    expect((await technician.get(`/devices/${device.id}`)).json().status).toBe('handed_over');
    const person = (await socialWorker.get(`/beneficiaries/${beneficiaryId}`)).json();
    expect(person.referrals[0].status).toBe('equipped');
    expect((await manager.post(`/allocations/${allocation.id}/handover`, {})).statusCode).toBe(409);
  });

  it('cancels a reservation made by mistake, with a reason, and the device is ready again', async () => {
    const p = await programme();
    const beneficiaryId = await referred(p.id);
    const device = await readyDevice();
    const allocation = (
      await manager.post('/allocations', { programmeId: p.id, beneficiaryId, deviceId: device.id })
    ).json();
    expect(
      (await manager.post(`/allocations/${allocation.id}/cancellation`, { reason: '' })).statusCode,
    ).toBe(400);
    const res = await manager.post(`/allocations/${allocation.id}/cancellation`, {
      reason: 'Mauvais appareil choisi',
    });
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Mauvais appareil choisi' });
    expect((await technician.get(`/devices/${device.id}`)).json().status).toBe('ready');
    // The person may receive another one.
    expect(
      (await manager.post('/allocations', { programmeId: p.id, beneficiaryId, deviceId: device.id }))
        .statusCode,
    ).toBe(201);
  });
});

describe('loans', () => {
  it('opens a loan due after the loan length, renews it from the due date, and takes the device back', async () => {
    const p = await programme({
      mode: 'loan',
      loanMonths: 12,
      loanRenewable: true,
      unitPriceCents: null,
      subsidies: [],
    });
    const beneficiaryId = await referred(p.id);
    const device = await readyDevice();
    const allocation = (
      await manager.post('/allocations', { programmeId: p.id, beneficiaryId, deviceId: device.id })
    ).json();
    const handed = (await manager.post(`/allocations/${allocation.id}/handover`, {})).json();
    const loan = handed.loan;
    expect(loan).toMatchObject({
      startedOn: today(),
      dueOn: addMonthsToDay(today(), 12),
      renewals: 0,
    });

    // Overdue is judged on a day: the loan is overdue the day after its due date, not before.
    const onDue = await listLoans(t.database.db, systemActor(), {
      overdue: true,
      asOf: loan.dueOn,
      limit: 50,
    });
    expect(onDue.items.map((l) => l.id)).not.toContain(loan.id);
    const dayAfter = await listLoans(t.database.db, systemActor(), {
      overdue: true,
      asOf: addMonthsToDay(loan.dueOn, 1),
      limit: 50,
    });
    expect(dayAfter.items.map((l) => l.id)).toContain(loan.id);
    expect(
      (await manager.get('/loans?overdue=true')).json().items.map((l: { id: string }) => l.id),
    ).not.toContain(loan.id);

    const renewed = await manager.post(`/loans/${loan.id}/renewal`);
    expect(renewed.json()).toMatchObject({ dueOn: addMonthsToDay(today(), 24), renewals: 1 });
    const back = await technician.post(`/loans/${loan.id}/return`, { condition: 'Écran rayé' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ returnedOn: today(), returnCondition: 'Écran rayé' });
    expect((await technician.get(`/devices/${device.id}`)).json().status).toBe('returned');
    expect((await manager.post(`/loans/${loan.id}/return`, {})).statusCode).toBe(409);
    expect((await manager.post(`/loans/${loan.id}/renewal`)).statusCode).toBe(409);
  });

  it('refuses to renew when the programme does not renew loans', async () => {
    const p = await programme({ mode: 'loan', loanMonths: 6, unitPriceCents: null, subsidies: [] });
    const beneficiaryId = await referred(p.id);
    const device = await readyDevice();
    const allocation = (
      await manager.post('/allocations', { programmeId: p.id, beneficiaryId, deviceId: device.id })
    ).json();
    const handed = (await manager.post(`/allocations/${allocation.id}/handover`, {})).json();
    expect(handed.loan.dueOn).toBe(addMonthsToDay(today(), 6));
    const res = await manager.post(`/loans/${handed.loan.id}/renewal`);
    expect(res.statusCode).toBe(422);
  });
});

describe('internet aids', () => {
  it('grants an aid to a referred person within the period, and lists it', async () => {
    const p = await programme({ internetAid: { amountCents: 15000, months: 12 } });
    const beneficiaryId = await referred(p.id);
    const res = await manager.post('/internet-aids', {
      programmeId: p.id,
      beneficiaryId,
      amountCents: 15000,
      months: 12,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      amountCents: 15000,
      months: 12,
      grantedOn: today(),
      proofReceived: false,
    });
    const outside = await manager.post('/internet-aids', {
      programmeId: p.id,
      beneficiaryId,
      amountCents: 15000,
      months: 12,
      grantedOn: `${Number(year) - 1}-06-01`,
    });
    expect(outside.statusCode).toBe(422);
    const stranger = (
      await socialWorker.post('/beneficiaries', {
        kind: 'person',
        firstName: 'A',
        lastName: 'B',
        consentGivenOn: `${year}-01-01`,
      })
    ).json();
    const notReferred = await manager.post('/internet-aids', {
      programmeId: p.id,
      beneficiaryId: stranger.id,
      amountCents: 1000,
      months: 1,
    });
    expect(notReferred.statusCode).toBe(422);
    const list = (await manager.get(`/internet-aids?programmeId=${p.id}`)).json().items;
    expect(list).toHaveLength(1);
  });
});

describe('isolation', () => {
  it('keeps another organisation out of allocations, loans and aids (404 or empty)', async () => {
    const p = await programme({ mode: 'loan', loanMonths: 12, unitPriceCents: null, subsidies: [] });
    const beneficiaryId = await referred(p.id);
    const device = await readyDevice();
    const allocation = (
      await manager.post('/allocations', { programmeId: p.id, beneficiaryId, deviceId: device.id })
    ).json();
    const handed = (await manager.post(`/allocations/${allocation.id}/handover`, {})).json();
    const outsider = (await t.member((await t.buildOrganisation()).id, 'admin')).client;
    expect((await outsider.get(`/allocations/${allocation.id}`)).statusCode).toBe(404);
    expect((await outsider.get('/allocations')).json().items).toEqual([]);
    expect((await outsider.get(`/loans/${handed.loan.id}`)).statusCode).toBe(404);
    expect((await outsider.get('/loans')).json().items).toEqual([]);
    expect((await outsider.post(`/loans/${handed.loan.id}/return`, {})).statusCode).toBe(404);
    expect((await outsider.get('/internet-aids')).json().items).toEqual([]);
    expect(
      (await outsider.post(`/allocations/${allocation.id}/cancellation`, { reason: 'x' })).statusCode,
    ).toBe(404);
    // The refurbisher holding the device sees the loan (ids only) but not the allocation's person.
    expect((await technician.get(`/loans/${handed.loan.id}`)).statusCode).toBe(200);
    expect((await technician.get(`/allocations/${allocation.id}`)).statusCode).toBe(404);
  });
});

describe("the donor's report", () => {
  it('tells where each device went (programme and mode), never to whom', async () => {
    const p = await programme();
    const lastName = unique('Secret');
    const beneficiaryId = await referred(p.id);
    await socialWorker.patch(`/beneficiaries/${beneficiaryId}`, { lastName });
    const donor = await t.buildOrganisation({ kinds: ['donor'] });
    const donorMember = (await t.member(donor.id, 'manager')).client;
    const donation = (
      await technician.post('/donations', {
        donorOrganisationId: donor.id,
        refurbisherOrganisationId: refurbisher.id,
      })
    ).json();
    const device = (
      await technician.post('/devices', { type: 'laptop', storageGb: 0, donationId: donation.id })
    ).json();
    for (const status of ['diagnosed', 'refurbishing', 'ready']) {
      await technician.post(`/devices/${device.id}/status`, { status });
    }
    const allocation = (
      await manager.post('/allocations', { programmeId: p.id, beneficiaryId, deviceId: device.id })
    ).json();
    let report = (await donorMember.get(`/reports/donations/${donation.id}`)).json();
    expect(report.devices[0].fate).toBeNull(); // reserved is not yet a fate
    await manager.post(`/allocations/${allocation.id}/handover`, {
      payment: { amountCents: 4200, method: 'cash' },
    });
    const res = await donorMember.get(`/reports/donations/${donation.id}`);
    report = res.json();
    expect(report.devices[0].fate).toEqual({
      programmeId: p.id,
      programmeName: expect.any(String),
      mode: 'sale',
    });
    expect(res.body).not.toContain(lastName);
    expect(res.body).not.toContain(beneficiaryId);
  });
});

describe('several devices', () => {
  it('lets an association, once equipped, receive another device (the referral stays equipped)', async () => {
    const p = await programme({ mode: 'loan', loanMonths: 12, unitPriceCents: null, subsidies: [] });
    const asso = (
      await socialWorker.post('/beneficiaries', {
        kind: 'association',
        name: unique('Club '),
        consentGivenOn: `${year}-01-01`,
      })
    ).json();
    await socialWorker.post('/referrals', { beneficiaryId: asso.id, programmeId: p.id });
    for (let i = 0; i < 2; i++) {
      const allocation = await manager.post('/allocations', {
        programmeId: p.id,
        beneficiaryId: asso.id,
        deviceId: (await readyDevice()).id,
      });
      expect(allocation.statusCode, allocation.body).toBe(201);
      expect((await manager.post(`/allocations/${allocation.json().id}/handover`, {})).statusCode).toBe(200);
    }
    const record = (await socialWorker.get(`/beneficiaries/${asso.id}`)).json();
    expect(record.referrals[0].status).toBe('equipped');
    expect((await manager.get(`/loans?beneficiaryId=${asso.id}`)).json().items).toHaveLength(2);
  });
});

describe('after review', () => {
  it('hides an allocation from the owner of another programme the person is referred to', async () => {
    // A prescriber refers one person to two programmes run by two other organisations.
    const prescriber = await t.buildOrganisation({ kinds: ['prescriber'] });
    const prescriberWorker = (await t.member(prescriber.id, 'social_worker')).client;
    const ownerB = await t.buildOrganisation({ kinds: ['coordinator'] });
    const ownerC = await t.buildOrganisation({ kinds: ['coordinator'] });
    const managerB = (await t.member(ownerB.id, 'manager')).client;
    const managerC = (await t.member(ownerC.id, 'manager')).client;
    const partners = [
      { organisationId: prescriber.id, role: 'prescriber' },
      { organisationId: refurbisher.id, role: 'refurbisher' },
    ];
    const pB = (
      await managerB.post('/programmes', {
        name: unique('B '),
        mode: 'donation',
        ...period,
        partners,
      })
    ).json();
    const pC = (
      await managerC.post('/programmes', {
        name: unique('C '),
        mode: 'donation',
        ...period,
        partners,
      })
    ).json();
    const person = (
      await prescriberWorker.post('/beneficiaries', {
        kind: 'person',
        firstName: 'Lina',
        lastName: unique('Z'),
        consentGivenOn: `${year}-01-01`,
      })
    ).json();
    for (const programmeId of [pB.id, pC.id]) {
      expect(
        (await prescriberWorker.post('/referrals', { beneficiaryId: person.id, programmeId })).statusCode,
      ).toBe(201);
    }
    const allocation = (
      await managerC.post('/allocations', {
        programmeId: pC.id,
        beneficiaryId: person.id,
        deviceId: (await readyDevice()).id,
      })
    ).json();
    expect((await managerB.get(`/allocations/${allocation.id}`)).statusCode).toBe(404);
    expect((await managerB.get(`/allocations?beneficiaryId=${person.id}`)).json().items).toEqual([]);
    expect(
      (await managerB.post(`/allocations/${allocation.id}/cancellation`, { reason: 'x' })).statusCode,
    ).toBe(404);
    expect((await prescriberWorker.get(`/allocations/${allocation.id}`)).statusCode).toBe(200);
  });

  it('releases the device when the person leaves the programme, and refuses the handover', async () => {
    const p = await programme();
    const beneficiaryId = await referred(p.id);
    const device = await readyDevice();
    const allocation = (
      await manager.post('/allocations', { programmeId: p.id, beneficiaryId, deviceId: device.id })
    ).json();
    const [referral] = (await socialWorker.get(`/referrals?beneficiaryId=${beneficiaryId}`)).json().items;
    await socialWorker.post(`/referrals/${referral.id}/status`, { status: 'exited', exitReason: 'withdrew' });
    expect((await technician.get(`/devices/${device.id}`)).json().status).toBe('ready');
    expect((await manager.get(`/allocations/${allocation.id}`)).json()).toMatchObject({
      status: 'cancelled',
    });
    expect((await manager.post(`/allocations/${allocation.id}/handover`, {})).statusCode).toBe(409);
  });

  it('refuses a closed programme, a handover before the referral and a return before the loan', async () => {
    const closed = await programme();
    const someone = await referred(closed.id);
    await manager.patch(`/programmes/${closed.id}`, { closed: true });
    const refused = await manager.post('/allocations', {
      programmeId: closed.id,
      beneficiaryId: someone,
      deviceId: (await readyDevice()).id,
    });
    expect(refused.statusCode).toBe(422);

    const p = await programme({ mode: 'loan', loanMonths: 12, unitPriceCents: null, subsidies: [] });
    const beneficiaryId = await referred(p.id);
    const allocation = (
      await manager.post('/allocations', {
        programmeId: p.id,
        beneficiaryId,
        deviceId: (await readyDevice()).id,
      })
    ).json();
    const early = await manager.post(`/allocations/${allocation.id}/handover`, {
      handedOverOn: `${year}-01-01`,
    });
    if (today() !== `${year}-01-01`) {
      expect(early.statusCode).toBe(400);
      expect(early.json().errors[0].path).toBe('handedOverOn');
    }
    const handed = (await manager.post(`/allocations/${allocation.id}/handover`, {})).json();
    const back = await manager.post(`/loans/${handed.loan.id}/return`, { returnedOn: '2001-01-01' });
    expect(back.statusCode).toBe(400);
    expect(back.json().errors[0].path).toBe('returnedOn');
  });

  it("erases the household's free texts of distribution with the person", async () => {
    const p = await programme();
    const beneficiaryId = await referred(p.id);
    const allocation = (
      await manager.post('/allocations', {
        programmeId: p.id,
        beneficiaryId,
        deviceId: (await readyDevice()).id,
      })
    ).json();
    const note = unique('Payé en deux fois, difficultés ');
    await manager.post(`/allocations/${allocation.id}/handover`, {
      payment: { amountCents: 2000, method: 'cash', note },
    });
    expect((await manager.post(`/beneficiaries/${beneficiaryId}/erasure`)).statusCode).toBe(200);
    const after = (await manager.get(`/allocations/${allocation.id}`)).json();
    expect(after).toMatchObject({ paymentNote: null, paymentCents: 2000 });
  });
});
