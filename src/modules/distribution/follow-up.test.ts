/**
 * What follows a handover: the renewal cap, the drawn signature, the borrower's link to report a problem
 * without an account, internet-aid totals, and the steps these leave in the person's history.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp, unique } from '../../../test/support/app.ts';
import { readPdf } from '../../../test/support/pdf.ts';
import { today } from '../../lib/dates.ts';

let t: TestApp;
let manager: ApiClient;
let socialWorker: ApiClient;
let technician: ApiClient;
let refurbisher: { id: string };
let funder: { id: string; name: string };
const year = today().slice(0, 4);

/** A 1×1 PNG, as a tablet's signature pad would send it (a data URL). */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const SIGNATURE = `data:image/png;base64,${PNG_BASE64}`;

let ccasAdmin: ApiClient;

beforeAll(async () => {
  t = await startTestApp();
  const ccas = await t.buildOrganisation({ kinds: ['prescriber'] });
  ccasAdmin = (await t.member(ccas.id, 'admin')).client;
  refurbisher = await t.buildOrganisation({ kinds: ['refurbisher'] });
  funder = await t.buildOrganisation({ kinds: ['funder'] });
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

async function programme(fields: Record<string, unknown>): Promise<{ id: string; name: string }> {
  const res = await manager.post('/programmes', {
    name: unique('Programme '),
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    partners: [{ organisationId: refurbisher.id, role: 'refurbisher' }],
    ...fields,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function referred(programmeId: string, lastName = unique('Martin ')): Promise<{ id: string }> {
  const person = (
    await socialWorker.post('/beneficiaries', {
      kind: 'person',
      firstName: 'Awa',
      lastName,
      email: 'awa@example.org',
      consentGivenOn: `${year}-01-01`,
    })
  ).json();
  await socialWorker.post('/referrals', { beneficiaryId: person.id, programmeId });
  return person;
}

async function reserved(programmeId: string, beneficiaryId: string) {
  const device = await ready();
  const res = await manager.post('/allocations', { programmeId, beneficiaryId, deviceId: device.id });
  expect(res.statusCode, res.body).toBe(201);
  return { allocation: res.json(), device };
}

async function lent(loanFields: Record<string, unknown> = {}) {
  const p = await programme({ mode: 'loan', loanMonths: 12, loanRenewable: true, ...loanFields });
  const person = await referred(p.id);
  const { allocation, device } = await reserved(p.id, person.id);
  const handed = await manager.post(`/allocations/${allocation.id}/handover`, {});
  expect(handed.statusCode, handed.body).toBe(200);
  return { programme: p, person, allocation: handed.json(), device, loanId: handed.json().loan.id as string };
}

/** The borrower's link printed on the loan agreement, read back from the PDF. */
async function linkFromAgreement(allocationId: string): Promise<string> {
  const res = await manager.get(`/allocations/${allocationId}/documents/loan-agreement.pdf`);
  expect(res.statusCode, res.body).toBe(200);
  const { text } = await readPdf(res.rawPayload);
  const match = /\/signaler\/([0-9a-f]{40})/.exec(text);
  expect(match, text).not.toBeNull();
  return match?.[1] ?? '';
}

it('renews a loan up to the programme’s cap, then refuses with the reason', async () => {
  const { loanId, programme: p } = await lent({ loanMaxRenewals: 1 });
  expect((await manager.get(`/programmes/${p.id}`)).json().loanMaxRenewals).toBe(1);
  const loan = (await manager.get(`/loans/${loanId}`)).json();
  expect(loan).toMatchObject({ renewals: 0, maxRenewals: 1 });
  const first = await manager.post(`/loans/${loanId}/renewal`);
  expect(first.statusCode, first.body).toBe(200);
  expect(first.json()).toMatchObject({
    renewals: 1,
    dueOn: `${Number(loan.dueOn.slice(0, 4)) + 1}${loan.dueOn.slice(4)}`,
  });
  const second = await manager.post(`/loans/${loanId}/renewal`, undefined, { 'accept-language': 'en' });
  expect(second.statusCode).toBe(422);
  expect(second.json().code).toBe('RULE_REFUSED');
  expect(second.json().detail).toContain('number of renewals the programme allows (1 at most)');
  expect((await manager.get(`/loans/${loanId}`)).json()).toMatchObject({
    renewals: 1,
    dueOn: first.json().dueOn,
  });
  // Without a cap, renewals go on.
  const open = await lent();
  for (let i = 1; i <= 3; i++)
    expect((await manager.post(`/loans/${open.loanId}/renewal`)).json().renewals).toBe(i);
});

it('keeps a signature drawn at the handover, shows it to the programme’s staff and puts it in the attestation', async () => {
  const p = await programme({ mode: 'donation' });
  const person = await referred(p.id);
  const { allocation } = await reserved(p.id, person.id);
  // A signature that is not a PNG is refused, naming the field; nothing is handed over.
  const bad = await manager.post(`/allocations/${allocation.id}/handover`, {
    signature: 'data:image/png;base64,aGVsbG8=',
  });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['signature']);
  expect((await manager.get(`/allocations/${allocation.id}`)).json()).toMatchObject({
    status: 'reserved',
    hasSignature: false,
  });

  const handed = await manager.post(`/allocations/${allocation.id}/handover`, { signature: SIGNATURE });
  expect(handed.statusCode, handed.body).toBe(200);
  expect(handed.json().hasSignature).toBe(true);
  const image = await manager.get(`/allocations/${allocation.id}/signature.png`);
  expect(image.statusCode).toBe(200);
  expect(image.headers['content-type']).toBe('image/png');
  expect(image.rawPayload.equals(Buffer.from(PNG_BASE64, 'base64'))).toBe(true);
  const attestation = await manager.get(`/allocations/${allocation.id}/documents/handover-attestation.pdf`);
  expect(attestation.statusCode).toBe(200);
  expect(attestation.rawPayload.toString('latin1')).toMatch(/\/Subtype \/Image/);
  // Lists do not carry the image; an outsider sees neither the allocation nor its signature.
  const listed = (await manager.get(`/allocations?programmeId=${p.id}`)).json().items[0];
  expect(listed).toMatchObject({ hasSignature: true });
  expect(listed).not.toHaveProperty('signaturePng');
  const outsider = (await t.member((await t.buildOrganisation()).id, 'admin')).client;
  expect((await outsider.get(`/allocations/${allocation.id}/signature.png`)).statusCode).toBe(404);
  // Taking the handover back forgets the signature with it.
  await manager.post(`/allocations/${allocation.id}/handover-cancellation`, { reason: 'Mauvaise personne' });
  expect((await manager.get(`/allocations/${allocation.id}/signature.png`)).statusCode).toBe(404);
});

it('lets the borrower report a problem through the link on the loan agreement, without an account', async () => {
  const { allocation, loanId, device, programme: p } = await lent();
  const token = await linkFromAgreement(allocation.id);
  expect((await manager.get(`/loans/${loanId}`)).json().hasReportLink).toBe(true);

  const view = await t.anonymous.get(`/public/loans/${token}`);
  expect(view.statusCode, view.body).toBe(200);
  expect(view.json()).toMatchObject({ assetTag: device.assetTag, programmeName: p.name, tickets: [] });
  expect(view.body).not.toContain('Awa');

  const reported = await t.anonymous.post(`/public/loans/${token}/tickets`, {
    description: 'Le clavier ne répond plus.',
    contact: '06 12 34 56 78 après 18 h',
  });
  expect(reported.statusCode, reported.body).toBe(201);
  expect(reported.json().status).toBe('open');
  const tickets = (await manager.get(`/tickets?programmeId=${p.id}`)).json().items;
  expect(tickets).toHaveLength(1);
  expect(tickets[0]).toMatchObject({
    reportedByBorrower: true,
    borrowerContact: '06 12 34 56 78 après 18 h',
    description: 'Le clavier ne répond plus.',
    deviceId: device.id,
  });
  // The borrower sees their report on the page; a robot filling the hidden field records nothing.
  expect((await t.anonymous.get(`/public/loans/${token}`)).json().tickets).toHaveLength(1);
  const robot = await t.anonymous.post(`/public/loans/${token}/tickets`, {
    description: 'Buy now',
    website: 'http://spam.example',
  });
  expect(robot.statusCode).toBe(201);
  expect((await manager.get(`/tickets?programmeId=${p.id}`)).json().items).toHaveLength(1);
  // An empty description is refused, naming the field.
  const empty = await t.anonymous.post(`/public/loans/${token}/tickets`, { description: '  ' });
  expect(empty.statusCode).toBe(400);
  expect(empty.json().errors[0].path).toBe('description');
  // Five open problems at most through the link.
  for (let i = 2; i <= 5; i++)
    expect(
      (await t.anonymous.post(`/public/loans/${token}/tickets`, { description: `Problème ${i}` })).statusCode,
    ).toBe(201);
  const sixth = await t.anonymous.post(`/public/loans/${token}/tickets`, { description: 'Encore' });
  expect(sixth.statusCode).toBe(422);
  expect(sixth.json().detail).toMatch(/5 problèmes signalés sont déjà en cours/);

  // A new link replaces the old one; a returned loan's link stops working; unknown links are 404.
  const renewed = await manager.post(`/loans/${loanId}/report-link`);
  expect(renewed.statusCode, renewed.body).toBe(201);
  const fresh = /\/signaler\/([0-9a-f]{40})$/.exec(renewed.json().url)?.[1] ?? '';
  expect((await t.anonymous.get(`/public/loans/${token}`)).statusCode).toBe(404);
  expect((await t.anonymous.get(`/public/loans/${fresh}`)).statusCode).toBe(200);
  // The agreement is issued again (a new number) with the link that works printed on it.
  expect(renewed.json().documentNumber).toMatch(/^CP-\d{4}-\d{6}$/);
  expect(await linkFromAgreement(allocation.id)).toBe(fresh);
  expect((await t.anonymous.get(`/public/loans/${fresh}`)).statusCode).toBe(200);
  // The refurbisher's technicians repair the device: they read the problem, not how to reach the borrower.
  const seenByTechnician = (await technician.get(`/tickets?programmeId=${p.id}`)).json().items;
  expect(seenByTechnician[0]).toMatchObject({ reportedByBorrower: true, borrowerContact: null });
  const outsider = (await t.member((await t.buildOrganisation()).id, 'admin')).client;
  expect((await outsider.post(`/loans/${loanId}/report-link`)).statusCode).toBe(404);
  await manager.post(`/loans/${loanId}/return`, { condition: 'Bon état' });
  expect((await t.anonymous.get(`/public/loans/${fresh}`)).statusCode).toBe(404);
  expect((await t.anonymous.get('/public/loans/not-a-token')).statusCode).toBe(404);
  expect((await manager.get(`/loans/${loanId}`)).json().hasReportLink).toBe(false);
});

it('counts internet aids per programme and per funder from the aids themselves', async () => {
  const p = await programme({
    mode: 'donation',
    internetAid: { amountCents: 12000, months: 6, funderOrganisationId: funder.id },
  });
  expect((await manager.get(`/programmes/${p.id}`)).json().internetAid).toMatchObject({
    amountCents: 12000,
    funderOrganisationId: funder.id,
    funderName: funder.name,
  });
  const grant = async (body: Record<string, unknown>) => {
    const person = await referred(p.id);
    const res = await manager.post('/internet-aids', {
      programmeId: p.id,
      beneficiaryId: person.id,
      months: 6,
      grantedOn: `${year}-01-15`,
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  expect((await grant({ amountCents: 12000 })).funderId).toBe(funder.id);
  await grant({ amountCents: 12000 });
  expect((await grant({ amountCents: 5000, funderId: null })).funderId).toBeNull();

  const totals = (await manager.get(`/internet-aids/totals?programmeId=${p.id}`)).json();
  expect(totals).toMatchObject({ count: 3, totalCents: 29000 });
  expect(totals.byProgramme).toEqual([
    { programmeId: p.id, programmeName: p.name, count: 3, totalCents: 29000 },
  ]);
  expect(totals.byFunder).toEqual([
    { funderId: funder.id, funderName: funder.name, count: 2, totalCents: 24000 },
    { funderId: null, funderName: null, count: 1, totalCents: 5000 },
  ]);
  // The parts add up to the whole; a period before the grants counts nothing; outsiders count nothing.
  const sum = totals.byFunder.reduce((a: number, f: { totalCents: number }) => a + f.totalCents, 0);
  expect(sum).toBe(totals.totalCents);
  const before = (await manager.get(`/internet-aids/totals?programmeId=${p.id}&to=${year}-01-14`)).json();
  expect(before).toMatchObject({ count: 0, totalCents: 0, byProgramme: [], byFunder: [] });
  const outsider = (await t.member((await t.buildOrganisation()).id, 'admin')).client;
  expect((await outsider.get('/internet-aids/totals')).json()).toMatchObject({ count: 0, totalCents: 0 });
});

it('writes each step of distribution in the person’s history', async () => {
  const { person, loanId, allocation } = await lent();
  await manager.post(`/loans/${loanId}/renewal`);
  await manager.post('/tickets', { allocationId: allocation.id, description: 'Batterie faible' });
  await manager.post(`/loans/${loanId}/return`, {});
  const kinds = (await socialWorker.get(`/beneficiaries/${person.id}/timeline`))
    .json()
    .items.map((e: { kind: string }) => e.kind);
  for (const kind of ['allocated', 'handed_over', 'loan_renewed', 'ticket_opened', 'loan_returned'])
    expect(kinds).toContain(kind);
});

it('erasing the person forgets the drawn signature, the borrower’s contact and words, and ends the link', async () => {
  const p = await programme({ mode: 'loan', loanMonths: 12 });
  const person = await referred(p.id);
  const { allocation } = await reserved(p.id, person.id);
  const handed = await manager.post(`/allocations/${allocation.id}/handover`, { signature: SIGNATURE });
  expect(handed.json().hasSignature).toBe(true);
  const token = await linkFromAgreement(allocation.id);
  await t.anonymous.post(`/public/loans/${token}/tickets`, {
    description: 'Mon fils a renversé du jus sur le clavier',
    contact: 'awa@example.org',
  });
  // The export gives the person what distribution keeps about them.
  const exported = (await manager.get(`/beneficiaries/${person.id}/export.json`)).json();
  expect(exported.distribution.allocations[0]).toMatchObject({ status: 'handed_over', hasSignature: true });
  expect(exported.distribution.tickets[0]).toMatchObject({ borrowerContact: 'awa@example.org' });
  expect(exported.distribution.loans).toHaveLength(1);

  // The loan is still running: only the erasure can end the link here.
  const erased = await manager.post(`/beneficiaries/${person.id}/erasure`);
  expect(erased.statusCode, erased.body).toBeLessThan(300);
  const ticket = (await manager.get(`/tickets?programmeId=${p.id}`)).json().items[0];
  expect(ticket).toMatchObject({ reportedByBorrower: true, borrowerContact: null, description: '—' });
  expect((await t.anonymous.get(`/public/loans/${token}`)).statusCode).toBe(404);
  expect((await manager.get(`/allocations/${allocation.id}`)).json().hasSignature).toBe(false);
  expect((await manager.get(`/allocations/${allocation.id}/signature.png`)).statusCode).toBe(404);
});

it('a merge moves the problems reported to the person kept', async () => {
  const p = await programme({ mode: 'loan', loanMonths: 12 });
  const keep = await referred(p.id, 'Diallo');
  const duplicate = (
    await socialWorker.post('/beneficiaries', {
      kind: 'person',
      firstName: 'Awa',
      lastName: 'Diallo',
      consentGivenOn: `${year}-01-01`,
    })
  ).json();
  const other = await programme({ mode: 'loan', loanMonths: 12 });
  await socialWorker.post('/referrals', { beneficiaryId: duplicate.id, programmeId: other.id });
  const { allocation } = await reserved(other.id, duplicate.id);
  await manager.post(`/allocations/${allocation.id}/handover`, {});
  await manager.post('/tickets', { allocationId: allocation.id, description: 'Écran fissuré' });
  const merged = await socialWorker.post(`/beneficiaries/${keep.id}/merge`, { duplicateId: duplicate.id });
  expect(merged.statusCode, merged.body).toBe(200);
  const tickets = (await manager.get(`/tickets?programmeId=${other.id}`)).json().items;
  expect(tickets[0].beneficiaryId).toBe(keep.id);
});

it('an internet aid is paid only by a funder the programme names', async () => {
  const p = await programme({
    mode: 'donation',
    internetAid: { amountCents: 10000, months: 6, funderOrganisationId: funder.id },
  });
  const person = await referred(p.id);
  const stranger = await t.buildOrganisation({ kinds: ['funder'] });
  const res = await manager.post(
    '/internet-aids',
    { programmeId: p.id, beneficiaryId: person.id, amountCents: 10000, months: 6, funderId: stranger.id },
    { 'accept-language': 'en' },
  );
  expect(res.statusCode).toBe(400);
  expect(res.json().errors[0]).toMatchObject({ path: 'funderId' });
  expect((await manager.get(`/internet-aids?beneficiaryId=${person.id}`)).json().items).toEqual([]);
});

it('prints the issuing organisation’s logo at the head of its documents, once it has one', async () => {
  const p = await programme({ mode: 'donation' });
  const handedOver = async () => {
    const person = await referred(p.id);
    const { allocation } = await reserved(p.id, person.id);
    await manager.post(`/allocations/${allocation.id}/handover`, {});
    const pdf = await manager.get(`/allocations/${allocation.id}/documents/handover-attestation.pdf`);
    expect(pdf.statusCode).toBe(200);
    return pdf.rawPayload.toString('latin1');
  };
  expect(await handedOver()).not.toMatch(/\/Subtype \/Image/);
  const { ownerOrganisationId } = (await manager.get(`/programmes/${p.id}`)).json();
  const logo = await ccasAdmin.put(`/organisations/${ownerOrganisationId}/logo`, { image: SIGNATURE });
  expect(logo.statusCode, logo.body).toBe(200);
  expect(await handedOver()).toMatch(/\/Subtype \/Image/);
});
