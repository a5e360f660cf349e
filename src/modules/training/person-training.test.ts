import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/app.ts';
import { today } from '../../lib/dates.ts';

/**
 * A person's training on their page: the programme owner sees every workshop with its figures, a trainer
 * partner only its own workshops, another organisation nothing (404).
 */
let t: TestApp;
let ownerManager: ApiClient;
let partnerTrainer: ApiClient;
let outsider: ApiClient;
const ids: Record<string, string> = {};
const year = today().slice(0, 4);
const HOUR = 3_600_000;

type PersonEnrolment = {
  workshopId: string;
  status: string;
  attended: number;
  sessions: number;
  completed: boolean;
};

beforeAll(async () => {
  t = await startTestApp();
  const ccas = await t.buildOrganisation({ kinds: ['prescriber'], name: 'CCAS de Test' });
  const partner = await t.buildOrganisation({ kinds: ['trainer', 'association'] });
  const other = await t.buildOrganisation({ kinds: ['trainer'] });
  ownerManager = (await t.member(ccas.id, 'manager')).client;
  partnerTrainer = (await t.member(partner.id, 'trainer')).client;
  outsider = (await t.member(other.id, 'manager')).client;
  const programme = (
    await ownerManager.post('/programmes', {
      name: 'Former puis équiper',
      mode: 'donation',
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      partners: [{ organisationId: partner.id, role: 'trainer' }],
    })
  ).json();
  const person = async (firstName: string, refer: boolean) => {
    const id = (
      await ownerManager.post('/beneficiaries', {
        kind: 'person',
        firstName,
        lastName: 'Martin',
        consentGivenOn: `${year}-01-01`,
      })
    ).json().id as string;
    if (refer) await ownerManager.post('/referrals', { beneficiaryId: id, programmeId: programme.id });
    return id;
  };
  ids.person = await person('Jeanne', true);
  ids.nobody = await person('Paul', false);
  const workshop = async (client: ApiClient, title: string, sessions: number) => {
    const created = await client.post('/workshops', {
      programmeId: programme.id,
      title,
      completionThresholdPercent: 50,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const sessionIds: string[] = [];
    for (let i = 0; i < sessions; i++) {
      const startsAt = new Date(Date.now() - (48 + 24 * i) * HOUR);
      const res = await client.post(`/workshops/${id}/sessions`, {
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
      });
      expect(res.statusCode, res.body).toBe(201);
      sessionIds.push(res.json().id);
    }
    const enrolled = await client.post(`/workshops/${id}/enrolments`, { beneficiaryId: ids.person });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    return { id, sessionIds };
  };
  const owner = await workshop(ownerManager, 'Atelier CCAS', 3);
  ids.ownerWorkshop = owner.id;
  // Present at 2 of 3 sessions: 67 % ≥ 50 %, completed.
  for (const [i, sessionId] of owner.sessionIds.entries()) {
    const res = await ownerManager.put(`/sessions/${sessionId}/attendance`, {
      presentBeneficiaryIds: i < 2 ? [ids.person] : [],
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  const partnerOwn = await workshop(partnerTrainer, 'Atelier partenaire', 2);
  ids.partnerWorkshop = partnerOwn.id;
  const first = partnerOwn.sessionIds[0] as string;
  expect(
    (await partnerTrainer.put(`/sessions/${first}/attendance`, { presentBeneficiaryIds: [] })).statusCode,
  ).toBe(200);
});
afterAll(() => t.close());

describe('GET /beneficiaries/{id}/training', () => {
  it('gives those who see the person every workshop, with the sessions attended and completion', async () => {
    const res = await ownerManager.get(`/beneficiaries/${ids.person}/training`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().enrolments as PersonEnrolment[];
    expect(items).toHaveLength(2);
    const of = (id: string | undefined) => items.find((e) => e.workshopId === id);
    expect(of(ids.ownerWorkshop)).toMatchObject({
      workshopTitle: 'Atelier CCAS',
      organisationName: 'CCAS de Test',
      programmeName: 'Former puis équiper',
      status: 'enrolled',
      withdrawnOn: null,
      attended: 2,
      sessions: 3,
      completed: true,
    });
    expect(of(ids.partnerWorkshop)).toMatchObject({ attended: 0, sessions: 2, completed: false });
  });

  it('gives a trainer partner its own workshops only', async () => {
    const res = await partnerTrainer.get(`/beneficiaries/${ids.person}/training`);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json().enrolments as PersonEnrolment[]).map((e) => e.workshopId)).toEqual([
      ids.partnerWorkshop,
    ]);
  });

  it('answers 404 to an organisation that does not reach the person', async () => {
    expect((await outsider.get(`/beneficiaries/${ids.person}/training`)).statusCode).toBe(404);
    expect((await partnerTrainer.get(`/beneficiaries/${ids.nobody}/training`)).statusCode).toBe(404);
  });

  it('says a withdrawal, and gives an empty list for a person never enrolled', async () => {
    const roster = (await partnerTrainer.get(`/workshops/${ids.partnerWorkshop}/enrolments`)).json().items;
    const withdrawn = await partnerTrainer.post(`/enrolments/${roster[0].id}/withdrawal`, {});
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const res = await partnerTrainer.get(`/beneficiaries/${ids.person}/training`);
    expect(res.json().enrolments[0]).toMatchObject({
      status: 'withdrawn',
      withdrawnOn: today(),
      completed: false,
    });
    expect((await ownerManager.get(`/beneficiaries/${ids.nobody}/training`)).json()).toEqual({
      enrolments: [],
    });
  });
});
