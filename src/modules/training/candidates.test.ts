import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/app.ts';
import { today } from '../../lib/dates.ts';

/**
 * The enrol dialog's candidates: a programme's owner and its trainer partner find the people referred to
 * the programme (the partner by name only), a workshop without a programme finds its organisation's own
 * people, and anybody else sees nothing (404).
 */
let t: TestApp;
let ownerManager: ApiClient;
let partnerTrainer: ApiClient;
let outsider: ApiClient;
const ids: Record<string, string> = {};
const year = today().slice(0, 4);

type Candidate = {
  beneficiaryId: string;
  name: string | null;
  referralStatus: string | null;
  enrolled: boolean;
};
const names = (items: Candidate[]) => items.map((c) => c.name);

beforeAll(async () => {
  t = await startTestApp();
  const ccas = await t.buildOrganisation({ kinds: ['prescriber'] });
  const partner = await t.buildOrganisation({ kinds: ['trainer', 'association'] });
  const other = await t.buildOrganisation({ kinds: ['trainer'] });
  ownerManager = (await t.member(ccas.id, 'manager')).client;
  partnerTrainer = (await t.member(partner.id, 'trainer')).client;
  outsider = (await t.member(other.id, 'manager')).client;
  const partnerManager = (await t.member(partner.id, 'manager')).client;
  const programme = (
    await ownerManager.post('/programmes', {
      name: 'Former puis équiper',
      mode: 'donation',
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      partners: [{ organisationId: partner.id, role: 'trainer' }],
    })
  ).json();
  const person = async (client: ApiClient, firstName: string, lastName: string, refer: boolean) => {
    const created = await client.post('/beneficiaries', {
      kind: 'person',
      firstName,
      lastName,
      consentGivenOn: `${year}-01-01`,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    if (refer) await client.post('/referrals', { beneficiaryId: id, programmeId: programme.id });
    return id;
  };
  ids.helene = await person(ownerManager, 'Hélène', 'Lefèvre', true);
  ids.jeanne = await person(ownerManager, 'Jeanne', 'Martin', true);
  ids.paul = await person(ownerManager, 'Paul', 'Martin', false);
  ids.erased = await person(ownerManager, 'Zoé', 'Effacée', true);
  expect((await ownerManager.post(`/beneficiaries/${ids.erased}/erasure`)).statusCode).toBe(200);
  ids.partnerOwn = await person(partnerManager, 'Amina', 'Diallo', false);
  ids.programmeWorkshop = (
    await partnerTrainer.post('/workshops', { programmeId: programme.id, title: 'Atelier partenaire' })
  ).json().id;
  ids.ownerWorkshop = (
    await ownerManager.post('/workshops', { programmeId: programme.id, title: 'Atelier CCAS' })
  ).json().id;
  ids.ownWorkshop = (await partnerTrainer.post('/workshops', { title: 'Café numérique' })).json().id;
  const enrolled = await partnerTrainer.post(`/workshops/${ids.programmeWorkshop}/enrolments`, {
    beneficiaryId: ids.jeanne,
  });
  expect(enrolled.statusCode, enrolled.body).toBe(201);
});
afterAll(() => t.close());

describe('GET /workshops/{id}/candidates', () => {
  it('lists to a trainer partner the names of the people referred to the programme, and nothing else', async () => {
    const res = await partnerTrainer.get(`/workshops/${ids.programmeWorkshop}/candidates`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      { beneficiaryId: ids.helene, name: 'Hélène Lefèvre', referralStatus: null, enrolled: false },
      { beneficiaryId: ids.jeanne, name: 'Jeanne Martin', referralStatus: null, enrolled: true },
    ]);
  });

  it('gives the programme owner the referral status', async () => {
    const res = await ownerManager.get(`/workshops/${ids.ownerWorkshop}/candidates`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Candidate[];
    const of = (id: string | undefined) => items.find((c) => c.beneficiaryId === id);
    expect(of(ids.helene)?.referralStatus).toBe('eligible');
    expect(of(ids.jeanne)?.referralStatus).toBe('in_training');
    expect(of(ids.paul)).toBeUndefined();
  });

  it('leaves erased people out', async () => {
    const res = await partnerTrainer.get(`/workshops/${ids.programmeWorkshop}/candidates?q=zoe`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([]);
  });

  it('refuses the programme owner’s staff, who only read a partner’s workshop (403)', async () => {
    expect((await ownerManager.get(`/workshops/${ids.programmeWorkshop}/candidates`)).statusCode).toBe(403);
  });

  it('answers 404 to another organisation, which sees no candidate', async () => {
    for (const id of [ids.programmeWorkshop, ids.ownWorkshop]) {
      const res = await outsider.get(`/workshops/${id}/candidates`);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Martin');
    }
    expect((await outsider.get(`/workshops/${ids.ownWorkshop}/candidates?q=amina`)).statusCode).toBe(404);
  });

  it('searches by name, accents and case ignored, every word', async () => {
    const url = `/workshops/${ids.programmeWorkshop}/candidates`;
    expect(names((await partnerTrainer.get(`${url}?q=HELENE`)).json().items)).toEqual(['Hélène Lefèvre']);
    expect(names((await partnerTrainer.get(`${url}?q=lefevre%20hel`)).json().items)).toEqual([
      'Hélène Lefèvre',
    ]);
    expect(names((await partnerTrainer.get(`${url}?q=martin`)).json().items)).toEqual(['Jeanne Martin']);
    expect(names((await partnerTrainer.get(`${url}?q=paul`)).json().items)).toEqual([]);
    expect(names((await partnerTrainer.get(`${url}?limit=1`)).json().items)).toHaveLength(1);
  });

  it('finds, for a workshop without a programme, the organisation’s own people only', async () => {
    const url = `/workshops/${ids.ownWorkshop}/candidates`;
    const all = await partnerTrainer.get(url);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().items).toEqual([
      { beneficiaryId: ids.partnerOwn, name: 'Amina Diallo', referralStatus: null, enrolled: false },
    ]);
    expect(names((await partnerTrainer.get(`${url}?q=diallo`)).json().items)).toEqual(['Amina Diallo']);
    expect(names((await partnerTrainer.get(`${url}?q=martin`)).json().items)).toEqual([]);
    const enrolled = await partnerTrainer.post(`/workshops/${ids.ownWorkshop}/enrolments`, {
      beneficiaryId: ids.partnerOwn,
    });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    expect((await partnerTrainer.get(url)).json().items[0].enrolled).toBe(true);
  });
});
