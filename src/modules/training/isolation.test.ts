import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/app.ts';
import { today } from '../../lib/dates.ts';

/**
 * Who reaches what of training. The expected answers are written by hand here, not read from the code's
 * permission map: the programme's owner (CCAS), its trainer partner (an association that runs workshops
 * for the programme and sees the referred people's names only), and an organisation with no part in it.
 */
let t: TestApp;
let ownerManager: ApiClient;
let ownerTrainer: ApiClient;
let partnerTrainer: ApiClient;
let outsider: ApiClient;
const ids: Record<string, string> = {};
const year = today().slice(0, 4);
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await startTestApp();
  const ccas = await t.buildOrganisation({ kinds: ['prescriber'] });
  const partner = await t.buildOrganisation({ kinds: ['trainer', 'association'] });
  const other = await t.buildOrganisation({ kinds: ['trainer'] });
  ids.ccas = ccas.id;
  ids.partner = partner.id;
  ids.other = other.id;
  ownerManager = (await t.member(ccas.id, 'manager')).client;
  ownerTrainer = (await t.member(ccas.id, 'trainer')).client;
  partnerTrainer = (await t.member(partner.id, 'trainer')).client;
  outsider = (await t.member(other.id, 'manager')).client;
  const socialWorker = (await t.member(ccas.id, 'social_worker')).client;
  const programme = (
    await ownerManager.post('/programmes', {
      name: 'Former puis équiper',
      mode: 'donation',
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      trainingRequired: true,
      partners: [{ organisationId: partner.id, role: 'trainer' }],
    })
  ).json();
  ids.programme = programme.id;
  const person = async (firstName: string, refer: boolean) => {
    const id = (
      await socialWorker.post('/beneficiaries', {
        kind: 'person',
        firstName,
        lastName: 'Martin',
        consentGivenOn: `${year}-01-01`,
      })
    ).json().id as string;
    if (refer) await socialWorker.post('/referrals', { beneficiaryId: id, programmeId: programme.id });
    return id;
  };
  ids.referred = await person('Jeanne', true);
  ids.notReferred = await person('Paul', false);
  ids.ownerWorkshop = (
    await ownerTrainer.post('/workshops', { programmeId: programme.id, title: 'Atelier CCAS' })
  ).json().id;
  const partnerWorkshop = await partnerTrainer.post('/workshops', {
    programmeId: programme.id,
    title: 'Atelier partenaire',
  });
  expect(partnerWorkshop.statusCode, partnerWorkshop.body).toBe(201);
  expect(partnerWorkshop.json().organisationId).toBe(partner.id);
  ids.partnerWorkshop = partnerWorkshop.json().id;
  const startsAt = new Date(Date.now() - 24 * HOUR);
  const slot = {
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
  };
  ids.ownerSession = (await ownerTrainer.post(`/workshops/${ids.ownerWorkshop}/sessions`, slot)).json().id;
  ids.partnerSession = (
    await partnerTrainer.post(`/workshops/${ids.partnerWorkshop}/sessions`, slot)
  ).json().id;
  ids.ownerEnrolment = (
    await ownerTrainer.post(`/workshops/${ids.ownerWorkshop}/enrolments`, { beneficiaryId: ids.referred })
  ).json().id;
});
afterAll(() => t.close());

type Who = 'ownerManager' | 'ownerTrainer' | 'partnerTrainer' | 'outsider';
const client = (who: Who) => ({ ownerManager, ownerTrainer, partnerTrainer, outsider })[who];

const READS: [string, (i: Record<string, string>) => string, Record<Who, number>][] = [
  [
    'the owner’s workshop',
    (i) => `/workshops/${i.ownerWorkshop}`,
    { ownerManager: 200, ownerTrainer: 200, partnerTrainer: 404, outsider: 404 },
  ],
  [
    'the partner’s workshop',
    (i) => `/workshops/${i.partnerWorkshop}`,
    { ownerManager: 200, ownerTrainer: 200, partnerTrainer: 200, outsider: 404 },
  ],
  [
    'the owner’s roster',
    (i) => `/workshops/${i.ownerWorkshop}/enrolments`,
    { ownerManager: 200, ownerTrainer: 200, partnerTrainer: 404, outsider: 404 },
  ],
  [
    'the owner’s session',
    (i) => `/sessions/${i.ownerSession}`,
    { ownerManager: 200, ownerTrainer: 200, partnerTrainer: 404, outsider: 404 },
  ],
  [
    'the partner’s sign-in sheet',
    (i) => `/sessions/${i.partnerSession}/sign-in-sheet.pdf`,
    { ownerManager: 403, ownerTrainer: 403, partnerTrainer: 200, outsider: 404 },
  ],
  [
    'the owner’s grid',
    (i) => `/organisations/${i.ccas}/competence-grid`,
    { ownerManager: 200, ownerTrainer: 200, partnerTrainer: 404, outsider: 404 },
  ],
  [
    'a referred person’s record',
    (i) => `/beneficiaries/${i.referred}`,
    { ownerManager: 200, ownerTrainer: 200, partnerTrainer: 404, outsider: 404 },
  ],
  [
    'a referred person’s skills',
    (i) => `/beneficiaries/${i.referred}/skills`,
    { ownerManager: 200, ownerTrainer: 200, partnerTrainer: 200, outsider: 404 },
  ],
  [
    'a person not referred: skills',
    (i) => `/beneficiaries/${i.notReferred}/skills`,
    { ownerManager: 200, ownerTrainer: 200, partnerTrainer: 404, outsider: 404 },
  ],
];

it.each(READS)('reads %s as the table says', async (_, url, expected) => {
  for (const who of Object.keys(expected) as Who[]) {
    const res = await client(who).get(url(ids));
    expect({ who, status: res.statusCode }).toEqual({ who, status: expected[who] });
  }
});

it('lists only the workshops each may see', async () => {
  const seen = async (who: Who) =>
    ((await client(who).get('/workshops')).json().items as { id: string }[]).map((w) => w.id).sort();
  expect(await seen('ownerManager')).toEqual([ids.ownerWorkshop, ids.partnerWorkshop].sort());
  expect(await seen('partnerTrainer')).toEqual([ids.partnerWorkshop]);
  expect(await seen('outsider')).toEqual([]);
});

it('answers 404 to writes on what is not visible, 403 to the owner on the partner’s workshop', async () => {
  const body = { title: 'Changé' };
  expect((await outsider.patch(`/workshops/${ids.ownerWorkshop}`, body)).statusCode).toBe(404);
  expect((await partnerTrainer.patch(`/workshops/${ids.ownerWorkshop}`, body)).statusCode).toBe(404);
  expect((await ownerManager.patch(`/workshops/${ids.partnerWorkshop}`, body)).statusCode).toBe(403);
  expect(
    (await outsider.put(`/sessions/${ids.ownerSession}/attendance`, { presentBeneficiaryIds: [] }))
      .statusCode,
  ).toBe(404);
  expect(
    (await outsider.post(`/sessions/${ids.ownerSession}/cancellation`, { reason: 'x' })).statusCode,
  ).toBe(404);
  expect((await outsider.patch(`/sessions/${ids.ownerSession}`, { place: 'x' })).statusCode).toBe(404);
  expect(
    (
      await outsider.post(`/workshops/${ids.ownerWorkshop}/sessions`, {
        startsAt: new Date().toISOString(),
        endsAt: new Date(Date.now() + HOUR).toISOString(),
      })
    ).statusCode,
  ).toBe(404);
  expect((await outsider.post(`/enrolments/${ids.ownerEnrolment}/withdrawal`, {})).statusCode).toBe(404);
  expect(
    (await outsider.post(`/workshops/${ids.ownerWorkshop}/enrolments`, { beneficiaryId: ids.referred }))
      .statusCode,
  ).toBe(404);
  expect(
    (
      await outsider.put(`/organisations/${ids.ccas}/competence-grid`, {
        areas: [{ code: 'a', label: 'A' }],
        maxLevel: 3,
      })
    ).statusCode,
  ).toBe(404);
  expect(
    (
      await outsider.post('/skills-assessments', {
        beneficiaryId: ids.referred,
        stage: 'entry',
        autonomous: false,
        organisationId: ids.other,
      })
    ).statusCode,
  ).toBe(404);
  expect(
    (await outsider.post('/workshops', { programmeId: ids.programme, title: 'x', organisationId: ids.other }))
      .statusCode,
  ).toBe(404);
});

it('lets the trainer partner enrol, by name, the people referred to the programme — and nobody else', async () => {
  const res = await partnerTrainer.post(`/workshops/${ids.partnerWorkshop}/enrolments`, {
    beneficiaryId: ids.referred,
  });
  expect(res.statusCode, res.body).toBe(201);
  expect(
    (
      await partnerTrainer.post(`/workshops/${ids.partnerWorkshop}/enrolments`, {
        beneficiaryId: ids.notReferred,
      })
    ).statusCode,
  ).toBe(404);
  const roster = (await partnerTrainer.get(`/workshops/${ids.partnerWorkshop}/enrolments`)).json().items;
  expect(roster).toEqual([expect.objectContaining({ name: 'Jeanne Martin', referralStatus: null })]);
  const owners = (await ownerManager.get(`/workshops/${ids.partnerWorkshop}/enrolments`)).json().items;
  expect(owners[0].referralStatus).toBe('in_training');
  // The partner assesses them and sees its own assessments only.
  await ownerTrainer.post('/skills-assessments', {
    beneficiaryId: ids.referred,
    stage: 'entry',
    autonomous: false,
  });
  const mine = await partnerTrainer.post('/skills-assessments', {
    beneficiaryId: ids.referred,
    programmeId: ids.programme,
    stage: 'entry',
    autonomous: false,
  });
  expect(mine.statusCode, mine.body).toBe(201);
  expect(mine.json().organisationId).toBe(ids.partner);
  const partnerView = (await partnerTrainer.get(`/beneficiaries/${ids.referred}/skills`)).json();
  expect(partnerView.assessments.map((a: { organisationId: string }) => a.organisationId)).toEqual([
    ids.partner,
  ]);
  expect((await ownerManager.get(`/beneficiaries/${ids.referred}/skills`)).json().assessments).toHaveLength(
    2,
  );
  expect((await partnerTrainer.get(`/beneficiaries/${ids.referred}`)).statusCode).toBe(404);
});
