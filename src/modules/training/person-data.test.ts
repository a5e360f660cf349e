import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/app.ts';
import { today } from '../../lib/dates.ts';

let t: TestApp;
let manager: ApiClient;
let socialWorker: ApiClient;
let trainer: ApiClient;
let programmeId: string;
const year = today().slice(0, 4);
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await startTestApp();
  const ccas = await t.buildOrganisation({ kinds: ['prescriber', 'trainer'] });
  manager = (await t.member(ccas.id, 'manager')).client;
  socialWorker = (await t.member(ccas.id, 'social_worker')).client;
  trainer = (await t.member(ccas.id, 'trainer')).client;
  programmeId = (
    await manager.post('/programmes', {
      name: 'Former puis équiper',
      mode: 'donation',
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      trainingRequired: true,
    })
  ).json().id;
});
afterAll(() => t.close());

async function referredPerson(firstName: string): Promise<string> {
  const id = (
    await socialWorker.post('/beneficiaries', {
      kind: 'person',
      firstName,
      lastName: 'Dupont',
      birthYear: 1950,
      consentGivenOn: `${year}-01-01`,
    })
  ).json().id as string;
  return id;
}

async function workshopWithSessions(count: number) {
  const w = (await trainer.post('/workshops', { programmeId, title: 'Atelier' })).json();
  const sessions: string[] = [];
  for (let i = count; i >= 1; i--) {
    const startsAt = new Date(Date.now() - i * 24 * HOUR);
    sessions.push(
      (
        await trainer.post(`/workshops/${w.id}/sessions`, {
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
        })
      ).json().id,
    );
  }
  return { id: w.id as string, sessions };
}

it('exports the person’s enrolments, attendance and assessments; an erasure empties the assessors’ notes', async () => {
  const id = await referredPerson('Louise');
  await socialWorker.post('/referrals', { beneficiaryId: id, programmeId });
  const w = await workshopWithSessions(1);
  await trainer.post(`/workshops/${w.id}/enrolments`, { beneficiaryId: id });
  await trainer.put(`/sessions/${w.sessions[0]}/attendance`, { presentBeneficiaryIds: [id] });
  await trainer.post('/skills-assessments', {
    beneficiaryId: id,
    stage: 'entry',
    autonomous: false,
    levels: { information: 1 },
    note: 'Vit seule, peu de contacts',
  });
  const exported = await manager.get(`/beneficiaries/${id}/export.json`);
  expect(exported.statusCode, exported.body).toBe(200);
  const training = exported.json().training;
  expect(training.enrolments).toEqual([
    expect.objectContaining({ workshopTitle: 'Atelier', status: 'enrolled' }),
  ]);
  expect(training.attendance).toEqual([expect.objectContaining({ present: true })]);
  expect(training.assessments).toEqual([
    expect.objectContaining({ stage: 'entry', note: 'Vit seule, peu de contacts' }),
  ]);

  expect((await manager.post(`/beneficiaries/${id}/erasure`)).statusCode).toBe(200);
  const skills = (await manager.get(`/beneficiaries/${id}/skills`)).json();
  expect(skills.assessments[0]).toMatchObject({ note: null, levels: { information: 1 } });
});

it('moves the duplicate’s enrolments, attendance and assessments to the record kept, without clashes', async () => {
  const keep = await referredPerson('Marcel');
  const duplicate = await referredPerson('Marcel ');
  await socialWorker.post('/referrals', { beneficiaryId: keep, programmeId });
  const w = await workshopWithSessions(2);
  const other = await workshopWithSessions(1);
  // Both in the same workshop (the kept one present at the first session, the duplicate at the second).
  expect((await trainer.post(`/workshops/${w.id}/enrolments`, { beneficiaryId: keep })).statusCode).toBe(201);
  expect((await trainer.post(`/workshops/${w.id}/enrolments`, { beneficiaryId: duplicate })).statusCode).toBe(
    201,
  );
  expect(
    (await trainer.post(`/workshops/${other.id}/enrolments`, { beneficiaryId: duplicate })).statusCode,
  ).toBe(201);
  await trainer.put(`/sessions/${w.sessions[0]}/attendance`, { presentBeneficiaryIds: [keep] });
  await trainer.put(`/sessions/${w.sessions[1]}/attendance`, { presentBeneficiaryIds: [duplicate] });
  await trainer.post('/skills-assessments', { beneficiaryId: duplicate, stage: 'entry', autonomous: false });

  const merged = await socialWorker.post(`/beneficiaries/${keep}/merge`, { duplicateId: duplicate });
  expect(merged.statusCode, merged.body).toBe(200);
  const roster = (await trainer.get(`/workshops/${w.id}/enrolments`)).json().items;
  const open = roster.filter((r: { status: string }) => r.status !== 'withdrawn');
  expect(open).toEqual([
    expect.objectContaining({ beneficiaryId: keep, status: 'enrolled', attended: 2, completed: true }),
  ]);
  const elsewhere = (await trainer.get(`/workshops/${other.id}/enrolments`)).json().items;
  expect(elsewhere.map((r: { beneficiaryId: string }) => r.beneficiaryId)).toEqual([keep]);
  expect((await trainer.get(`/beneficiaries/${keep}/skills`)).json().assessments).toHaveLength(1);
  // Two sessions of two attended: the kept person's referral is now trained.
  const referral = (await manager.get(`/referrals?programmeId=${programmeId}&limit=500`))
    .json()
    .items.find((r: { beneficiaryId: string }) => r.beneficiaryId === keep);
  expect(referral.status).toBe('trained');
});

it('gives the place a merge frees to the first person waiting, and counts the two records as one person in the report', async () => {
  const keep = await referredPerson('Odette');
  const duplicate = await referredPerson('Odette ');
  const waiting = await referredPerson('Paul');
  const report = async () =>
    (await manager.get(`/reports/programmes/${programmeId}`)).json().beneficiaries as {
      referred: number;
      eligible: number;
    };
  const before = await report();
  for (const id of [keep, duplicate, waiting]) {
    const referral = await socialWorker.post('/referrals', { beneficiaryId: id, programmeId });
    expect(referral.statusCode, referral.body).toBe(201);
  }
  const referredThree = await report();
  expect(referredThree.referred).toBe(before.referred + 3);
  const w = (await trainer.post('/workshops', { programmeId, title: 'Deux places', capacity: 2 })).json();
  for (const id of [keep, duplicate, waiting]) {
    expect((await trainer.post(`/workshops/${w.id}/enrolments`, { beneficiaryId: id })).statusCode).toBe(201);
  }
  const status = async (id: string) =>
    (await trainer.get(`/workshops/${w.id}/enrolments`))
      .json()
      .items.filter((r: { beneficiaryId: string; status: string }) => r.beneficiaryId === id)
      .map((r: { status: string }) => r.status);
  expect(await status(waiting)).toEqual(['waiting']);

  const merged = await socialWorker.post(`/beneficiaries/${keep}/merge`, { duplicateId: duplicate });
  expect(merged.statusCode, merged.body).toBe(200);
  // The duplicate's place was given up: Paul, first on the waiting list, takes it.
  expect(await status(waiting)).toEqual(['enrolled']);
  expect((await status(keep)).sort()).toEqual(['enrolled', 'withdrawn']);
  // Odette's two referrals are one person: the one closed as a duplicate is not counted.
  const after = await report();
  expect(after.referred).toBe(before.referred + 2);
  expect(after.eligible).toBe(referredThree.eligible - 1);
});
