import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp, unique } from '../../../test/support/app.ts';
import { today } from '../../lib/dates.ts';

/**
 * A person's record stays with the organisations that hold it: the prescriber that referred them (B)
 * and the owner of a programme they are referred to (A, the CCAS). The other parties of the programme
 * see the programme, never the person — except the trainer partner, who sees their names. Another
 * programme's owner (O2) sees the person but not what B wrote for A's programme. Nobody else learns
 * the person exists (404, absent from every list and search).
 *
 * The expected answers are written out by hand: they are the specification (docs/api.md, "Who sees
 * what"), not a copy of the code's permission map.
 */
let t: TestApp;

const year = today().slice(0, 4);
const period = { mode: 'sale' as const, startsOn: `${year}-01-01`, endsOn: `${year}-12-31` };

// Unique values, so that a search or a body check cannot match other data by chance.
const firstName = unique('Zoé');
const lastName = unique('Ferrand');
const email = `${unique('zoe')}@exemple.fr`;
const phone = `06 ${Math.floor(10_000_000 + Math.random() * 89_999_999)}`;
const evaluationForA = unique('Évaluation pour le CCAS, situation fragile ');
const evaluationForO2 = unique('Évaluation pour O2 ');

let owner: { id: string; name: string };
let prescriberB: { id: string };
let outsiderC: { id: string };
let programme: { id: string; name: string };
let programmeO2: { id: string };
let otherProgrammeO2: { id: string };
let otherProgrammeA: { id: string };
let programmeC: { id: string };
let personId: string;
let consentId: string;
let referralToA: string;
let referralToO2: string;
let personOfC: string;

const clients = {} as Record<
  | 'C admin'
  | 'C social worker'
  | 'T admin'
  | 'T trainer'
  | 'F admin'
  | 'R admin'
  | 'D admin'
  | 'O2 social worker'
  | 'A social worker'
  | 'B viewer'
  | 'B social worker',
  ApiClient
>;
let platformAdmin: ApiClient;
let platformAdminId: string;
let bSocialWorkerId: string;

beforeAll(async () => {
  t = await startTestApp();
  owner = await t.buildOrganisation({ name: unique('CCAS '), kinds: ['prescriber', 'coordinator'] });
  prescriberB = await t.buildOrganisation({ kinds: ['prescriber'] });
  const trainerT = await t.buildOrganisation({ kinds: ['trainer'] });
  const refurbisherR = await t.buildOrganisation({ kinds: ['refurbisher'] });
  const funderF = await t.buildOrganisation({ kinds: ['funder'] });
  const donorD = await t.buildOrganisation({ kinds: ['donor'] });
  outsiderC = await t.buildOrganisation({ kinds: ['prescriber'] });
  const ownerO2 = await t.buildOrganisation({ kinds: ['prescriber', 'coordinator'] });

  const ownerManager = (await t.member(owner.id, 'manager')).client;
  const o2Manager = (await t.member(ownerO2.id, 'manager')).client;
  const cManager = (await t.member(outsiderC.id, 'manager')).client;
  clients['A social worker'] = (await t.member(owner.id, 'social_worker')).client;
  const bSocialWorker = await t.member(prescriberB.id, 'social_worker');
  clients['B social worker'] = bSocialWorker.client;
  bSocialWorkerId = bSocialWorker.user.id;
  clients['B viewer'] = (await t.member(prescriberB.id, 'viewer')).client;
  clients['C admin'] = (await t.member(outsiderC.id, 'admin')).client;
  clients['C social worker'] = (await t.member(outsiderC.id, 'social_worker')).client;
  clients['T admin'] = (await t.member(trainerT.id, 'admin')).client;
  clients['T trainer'] = (await t.member(trainerT.id, 'trainer')).client;
  clients['F admin'] = (await t.member(funderF.id, 'admin')).client;
  clients['R admin'] = (await t.member(refurbisherR.id, 'admin')).client;
  clients['D admin'] = (await t.member(donorD.id, 'admin')).client;
  clients['O2 social worker'] = (await t.member(ownerO2.id, 'social_worker')).client;
  const adminUser = await t.buildUser({ isPlatformAdmin: true });
  platformAdminId = adminUser.id;
  platformAdmin = await t.login(adminUser.email);

  const created = async (res: { statusCode: number; body: string; json(): { id: string } }) => {
    if (res.statusCode !== 201) throw new Error(`set-up failed: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  programme = (await created(
    await ownerManager.post('/programmes', {
      ...period,
      name: unique('Ordi solidaire '),
      ownerOrganisationId: owner.id,
      unitPriceCents: 15000,
      subsidies: [{ funderOrganisationId: funderF.id, amountCents: 10000 }],
      eligibility: { maxFamilyQuotientCents: 90000 },
      partners: [
        { organisationId: prescriberB.id, role: 'prescriber' },
        { organisationId: trainerT.id, role: 'trainer' },
        { organisationId: refurbisherR.id, role: 'refurbisher' },
      ],
    }),
  )) as { id: string; name: string };
  otherProgrammeA = await created(
    await ownerManager.post('/programmes', {
      ...period,
      name: unique('Tablettes seniors '),
      ownerOrganisationId: owner.id,
      partners: [{ organisationId: prescriberB.id, role: 'prescriber' }],
    }),
  );
  programmeO2 = await created(
    await o2Manager.post('/programmes', {
      ...period,
      name: unique('Programme O2 '),
      ownerOrganisationId: ownerO2.id,
      partners: [{ organisationId: prescriberB.id, role: 'prescriber' }],
    }),
  );
  otherProgrammeO2 = await created(
    await o2Manager.post('/programmes', {
      ...period,
      name: unique('Autre programme O2 '),
      ownerOrganisationId: ownerO2.id,
      partners: [{ organisationId: prescriberB.id, role: 'prescriber' }],
    }),
  );
  programmeC = await created(
    await cManager.post('/programmes', {
      ...period,
      name: unique('Programme C '),
      ownerOrganisationId: outsiderC.id,
    }),
  );

  const sw = clients['B social worker'];
  const person = (await created(
    await sw.post('/beneficiaries', {
      kind: 'person',
      firstName,
      lastName,
      birthYear: 1987,
      householdType: 'single_parent',
      childrenCount: 2,
      postcode: '93200',
      city: 'Saint-Denis',
      incomeSituation: 'rsa',
      familyQuotientCents: 61234,
      email,
      phone,
      referringOrganisationId: prescriberB.id,
      consentGivenOn: today(),
    }),
  )) as { id: string; consents: { id: string }[] };
  personId = person.id;
  consentId = person.consents[0]?.id as string;
  const toA = await created(
    await sw.post('/referrals', {
      beneficiaryId: personId,
      programmeId: programme.id,
      socialEvaluation: evaluationForA,
    }),
  );
  referralToA = toA.id;
  expect((toA as unknown as { status: string }).status).toBe('eligible');
  referralToO2 = (
    await created(
      await sw.post('/referrals', {
        beneficiaryId: personId,
        programmeId: programmeO2.id,
        socialEvaluation: evaluationForO2,
      }),
    )
  ).id;
  personOfC = (
    await created(
      await clients['C social worker'].post('/beneficiaries', {
        kind: 'person',
        firstName: unique('Camille'),
        lastName: unique('Durand'),
        referringOrganisationId: outsiderC.id,
        consentGivenOn: today(),
      }),
    )
  ).id;
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH';
const OUTSIDERS = [
  'C admin',
  'C social worker',
  'T admin',
  'T trainer',
  'F admin',
  'R admin',
  'D admin',
  'O2 social worker',
] as const;
type Outsider = (typeof OUTSIDERS)[number];

/** A programme the caller may see, to name in a referral (so that only the person can be the reason for a 404). */
function visibleProgramme(who: Outsider): string {
  if (who.startsWith('C ')) return programmeC.id;
  if (who.startsWith('O2 ')) return otherProgrammeO2.id;
  return programme.id;
}

type Row = [
  what: string,
  method: Method,
  path: (who: Outsider) => string,
  body: (who: Outsider) => unknown,
  // C admin, C social worker, T admin, T trainer, F admin, R admin, D admin, O2 social worker
  expected: [number, number, number, number, number, number, number, number],
];
const none = () => undefined;

// O2 may see the person (they are referred to O2's programme), so what O2 may not do is 403, not 404;
// but the referral to A's programme is not O2's to see at all (404).
// biome-ignore format: a table reads best as a table
const table: Row[] = [
  ['reads the record', 'GET', () => `/beneficiaries/${personId}`, none,
    [404, 404, 404, 404, 404, 404, 404, 200]],
  ['changes the record', 'PATCH', () => `/beneficiaries/${personId}`, () => ({ city: 'Ailleurs' }),
    [404, 404, 404, 404, 404, 404, 404, 403]],
  ['reads the timeline', 'GET', () => `/beneficiaries/${personId}/timeline`, none,
    [404, 404, 404, 404, 404, 404, 404, 200]],
  ['exports the record as JSON', 'GET', () => `/beneficiaries/${personId}/export.json`, none,
    [404, 404, 404, 404, 404, 404, 404, 403]],
  ['exports the record as PDF', 'GET', () => `/beneficiaries/${personId}/export.pdf`, none,
    [404, 404, 404, 404, 404, 404, 404, 403]],
  ['erases the record', 'POST', () => `/beneficiaries/${personId}/erasure`, () => ({}),
    [404, 404, 404, 404, 404, 404, 404, 403]],
  ['adds a consent', 'POST', () => `/beneficiaries/${personId}/consents`, () => ({ givenOn: today() }),
    [404, 404, 404, 404, 404, 404, 404, 403]],
  ['withdraws the consent', 'POST', () => `/beneficiaries/${personId}/consents/${consentId}/withdrawal`,
    () => ({}), [404, 404, 404, 404, 404, 404, 404, 403]],
  // The duplicate named is C's own person, which none of them but C sees.
  ['merges a duplicate into the record', 'POST', () => `/beneficiaries/${personId}/merge`,
    () => ({ duplicateId: personOfC }), [404, 404, 404, 404, 404, 404, 404, 404]],
  ['refers the person to a programme it sees', 'POST', () => '/referrals',
    (who) => ({ beneficiaryId: personId, programmeId: visibleProgramme(who) }),
    [404, 404, 404, 404, 404, 404, 404, 403]],
  ["reads the referral to A's programme", 'GET', () => `/referrals/${referralToA}`, none,
    [404, 404, 404, 404, 404, 404, 404, 404]],
  ["changes that referral's social evaluation", 'PATCH', () => `/referrals/${referralToA}`,
    () => ({ socialEvaluation: 'Réécrite' }), [404, 404, 404, 404, 404, 404, 404, 404]],
  ['sets that referral as a priority', 'PATCH', () => `/referrals/${referralToA}`,
    () => ({ priority: true, priorityReason: 'Urgence' }), [404, 404, 404, 404, 404, 404, 404, 404]],
  ['evaluates that referral again', 'POST', () => `/referrals/${referralToA}/evaluation`, () => ({}),
    [404, 404, 404, 404, 404, 404, 404, 404]],
  ['closes that referral', 'POST', () => `/referrals/${referralToA}/status`,
    () => ({ status: 'exited', exitReason: 'other' }), [404, 404, 404, 404, 404, 404, 404, 404]],
  ["checks the person's eligibility for a programme it sees", 'POST',
    (who) => `/programmes/${visibleProgramme(who)}/eligibility-check`, () => ({ beneficiaryId: personId }),
    [404, 404, 404, 404, 404, 404, 404, 200]],
  ["reads A's programme", 'GET', () => `/programmes/${programme.id}`, none,
    [404, 404, 200, 200, 200, 200, 404, 404]],
  ["lists the participants of A's programme", 'GET', () => `/programmes/${programme.id}/participants`,
    none, [404, 404, 200, 200, 404, 404, 404, 404]],
];

describe.each(OUTSIDERS.map((who, column) => [who, column] as const))('%s', (who, column) => {
  it.each(table)('%s', async (_what, method, path, body, expected) => {
    const res = await clients[who].request(method, path(who), body(who));
    expect(res.statusCode).toBe(expected[column]);
    if (expected[column] === 404) expect(res.json().code).toBe('NOT_FOUND');
    if (expected[column] !== 200) {
      expect(res.body).not.toContain(lastName);
      expect(res.body).not.toContain(evaluationForA);
    }
  });
});

const hasPerson = (items: { id?: string; beneficiaryId?: string }[]) =>
  items.some((i) => i.id === personId || i.beneficiaryId === personId);

const beneficiaryLists = () => [
  '/beneficiaries',
  '/beneficiaries?sort=name',
  `/beneficiaries?q=${encodeURIComponent(firstName)}`,
  `/beneficiaries?q=${encodeURIComponent(lastName.toUpperCase())}`,
  `/beneficiaries?programmeId=${programme.id}`,
  `/beneficiaries?programmeId=${programme.id}&status=eligible`,
  `/beneficiaries?referringOrganisationId=${prescriberB.id}`,
  `/beneficiaries?prescriberUserId=${bSocialWorkerId}`,
];
const referralLists = () => [
  '/referrals',
  `/referrals?q=${encodeURIComponent(lastName)}`,
  `/referrals?programmeId=${programme.id}`,
  `/referrals?programmeId=${programme.id}&waiting=true`,
  `/referrals?beneficiaryId=${personId}`,
  `/referrals?referringOrganisationId=${prescriberB.id}`,
  `/referrals?prescriberUserId=${bSocialWorkerId}`,
];

describe('lists and searches', () => {
  it.each(['C admin', 'C social worker'] as const)(
    'never show the person to %s, even searched by name or by programme',
    async (who) => {
      for (const url of [...beneficiaryLists(), ...referralLists()]) {
        const res = await clients[who].get(url);
        expect(res.statusCode, url).toBe(200);
        expect(hasPerson(res.json().items), url).toBe(false);
        expect(res.body, url).not.toContain(lastName);
      }
      // C's own person is listed: the lists work, they just hold nothing of B's.
      const own = (await clients[who].get('/beneficiaries')).json().items.map((i: { id: string }) => i.id);
      expect(own).toContain(personOfC);
    },
  );

  it.each(['T admin', 'T trainer', 'F admin', 'R admin', 'D admin'] as const)(
    'hold nobody at all for %s (no people of their own, none of the programme)',
    async (who) => {
      for (const url of [...beneficiaryLists(), ...referralLists()]) {
        const res = await clients[who].get(url);
        expect(res.statusCode, url).toBe(200);
        expect(res.json().items, url).toEqual([]);
      }
    },
  );

  it.each(['C admin', 'T admin', 'F admin', 'R admin', 'D admin'] as const)(
    "show %s none of the audit entries about the person (its administrators read their own organisation's)",
    async (who) => {
      const res = await clients[who].get(`/audit?entityId=${personId}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toEqual([]);
      // The entries exist: B's reads of the record are audited.
      expect((await platformAdmin.get(`/audit?entityId=${personId}`)).json().items.length).toBeGreaterThan(0);
    },
  );

  it("do not reveal B's person to C's duplicate check", async () => {
    const query = `firstName=${encodeURIComponent(firstName)}&lastName=${encodeURIComponent(lastName)}&birthYear=1987&postcode=93200`;
    for (const who of ['C admin', 'C social worker'] as const) {
      const own = await clients[who].get(
        `/beneficiaries/duplicates?referringOrganisationId=${outsiderC.id}&${query}`,
      );
      expect(own.statusCode).toBe(200);
      expect(own.json().items).toEqual([]);
      // Asking about B's records directly: B's people are B's internals (404).
      const theirs = await clients[who].get(
        `/beneficiaries/duplicates?referringOrganisationId=${prescriberB.id}&${query}`,
      );
      expect(theirs.statusCode).toBe(404);
      expect(theirs.body).not.toContain(personId);
    }
    // The same check inside B finds the record: the query above would have matched it.
    const inB = await clients['B social worker'].get(
      `/beneficiaries/duplicates?referringOrganisationId=${prescriberB.id}&${query}`,
    );
    expect(inB.json().items.map((i: { id: string }) => i.id)).toEqual([personId]);
  });

  it("refuses C merging B's person into its own record (404), and the person is untouched", async () => {
    const res = await clients['C admin'].post(`/beneficiaries/${personOfC}/merge`, { duplicateId: personId });
    expect(res.statusCode).toBe(404);
    const after = (await clients['B social worker'].get(`/beneficiaries/${personId}`)).json();
    expect(after).toMatchObject({ firstName, lastName, mergedIntoId: null, anonymisedAt: null });
  });
});

describe('the trainer partner', () => {
  it.each(['T admin', 'T trainer'] as const)(
    '(%s) sees the names of the people referred, and nothing else about them',
    async (who) => {
      const res = await clients[who].get(`/programmes/${programme.id}/participants`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toEqual([
        { beneficiaryId: personId, kind: 'person', firstName, lastName, name: null },
      ]);
      expect(res.body).not.toMatch(/birthYear|postcode|familyQuotient|socialEvaluation/);
      for (const secret of [evaluationForA, email, phone, 'Saint-Denis'])
        expect(res.body).not.toContain(secret);
    },
  );
});

describe('the funder and the refurbisher partner', () => {
  it.each(['F admin', 'R admin'] as const)('(%s) see the programme, with no one in it', async (who) => {
    const res = await clients[who].get(`/programmes/${programme.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(lastName);
    expect((await clients[who].get(`/programmes/${programme.id}/participants`)).statusCode).toBe(404);
    expect((await clients[who].get(`/beneficiaries/${personId}`)).statusCode).toBe(404);
  });
});

describe("the programme's owner", () => {
  it('sees the person and the referral with its social evaluation', async () => {
    const a = clients['A social worker'];
    const res = await a.get(`/beneficiaries/${personId}`);
    expect(res.statusCode).toBe(200);
    const record = res.json();
    expect(record).toMatchObject({ firstName, lastName, birthYear: 1987 });
    expect(record.referrals.map((r: { id: string }) => r.id)).toEqual([referralToA]);
    expect(record.referrals[0].socialEvaluation).toBe(evaluationForA);
    const referral = await a.get(`/referrals/${referralToA}`);
    expect(referral.statusCode).toBe(200);
    expect(referral.json().socialEvaluation).toBe(evaluationForA);
    const listed = (await a.get(`/beneficiaries?programmeId=${programme.id}`)).json().items;
    expect(listed.map((i: { id: string }) => i.id)).toContain(personId);
    const participants = (await a.get(`/programmes/${programme.id}/participants`)).json().items;
    expect(participants.map((i: { beneficiaryId: string }) => i.beneficiaryId)).toContain(personId);
  });

  it("does not see what B wrote for another owner's programme", async () => {
    const a = clients['A social worker'];
    expect((await a.get(`/referrals/${referralToO2}`)).statusCode).toBe(404);
    const record = await a.get(`/beneficiaries/${personId}`);
    expect(record.body).not.toContain(evaluationForO2);
    const timeline = await a.get(`/beneficiaries/${personId}/timeline`);
    expect(timeline.statusCode).toBe(200);
    expect(
      timeline.json().items.filter((e: { referralId: string | null }) => e.referralId === referralToO2),
    ).toEqual([]);
    const referrals = (await a.get(`/referrals?beneficiaryId=${personId}`)).json().items;
    expect(referrals.map((r: { id: string }) => r.id)).toEqual([referralToA]);
  });
});

describe('a second programme owner (O2) to which B refers the same person', () => {
  it("sees the person, but not the referral to A's programme nor its social evaluation", async () => {
    const o2 = clients['O2 social worker'];
    const res = await o2.get(`/beneficiaries/${personId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ firstName, lastName });
    expect(res.json().referrals.map((r: { id: string }) => r.id)).toEqual([referralToO2]);
    expect(res.json().referrals[0].socialEvaluation).toBe(evaluationForO2);
    expect(res.body).not.toContain(evaluationForA);
    expect(res.body).not.toContain(programme.id);
  });

  it("finds no trace of the referral to A's programme in lists, the referral itself or the timeline", async () => {
    const o2 = clients['O2 social worker'];
    expect((await o2.get(`/referrals/${referralToA}`)).statusCode).toBe(404);
    const mine = (await o2.get(`/referrals?beneficiaryId=${personId}`)).json().items;
    expect(mine.map((r: { id: string }) => r.id)).toEqual([referralToO2]);
    for (const url of ['/referrals', `/referrals?programmeId=${programme.id}`, `/referrals?q=${lastName}`]) {
      const res = await o2.get(url);
      expect(res.json().items.map((r: { id: string }) => r.id)).not.toContain(referralToA);
      expect(res.body).not.toContain(evaluationForA);
    }
    const listed = (await o2.get('/beneficiaries')).json().items;
    const entry = listed.find((i: { id: string }) => i.id === personId);
    expect(entry.referrals.map((r: { id: string }) => r.id)).toEqual([referralToO2]);
    const byProgramme = (await o2.get(`/beneficiaries?programmeId=${programme.id}`)).json().items;
    expect(byProgramme).toEqual([]);

    const timeline = await o2.get(`/beneficiaries/${personId}/timeline`);
    expect(timeline.statusCode).toBe(200);
    const steps = timeline.json().items as { kind: string; referralId: string | null; programmeId: string }[];
    expect(steps.filter((s) => s.referralId === referralToA || s.programmeId === programme.id)).toEqual([]);
    expect(steps.some((s) => s.kind === 'referred' && s.referralId === referralToO2)).toBe(true);
    expect(timeline.body).not.toContain(programme.name);
  });
});

describe('inside the referring organisation B', () => {
  it('a viewer reads the record, but may not change it, refer, add a consent, export or erase (403)', async () => {
    const viewer = clients['B viewer'];
    const res = await viewer.get(`/beneficiaries/${personId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().can).toEqual({ edit: false, refer: false, erase: false, export: false });
    expect((await viewer.get(`/beneficiaries/${personId}/timeline`)).statusCode).toBe(200);
    expect((await viewer.get('/beneficiaries')).json().items.map((i: { id: string }) => i.id)).toContain(
      personId,
    );
    expect((await viewer.patch(`/beneficiaries/${personId}`, { city: 'Ailleurs' })).statusCode).toBe(403);
    expect(
      (await viewer.post('/referrals', { beneficiaryId: personId, programmeId: otherProgrammeA.id }))
        .statusCode,
    ).toBe(403);
    expect((await viewer.post(`/beneficiaries/${personId}/consents`, { givenOn: today() })).statusCode).toBe(
      403,
    );
    expect(
      (await viewer.patch(`/referrals/${referralToA}`, { socialEvaluation: 'Réécrite' })).statusCode,
    ).toBe(403);
    expect((await viewer.get(`/beneficiaries/${personId}/export.json`)).statusCode).toBe(403);
    expect((await viewer.post(`/beneficiaries/${personId}/erasure`)).statusCode).toBe(403);
    const after = (await clients['B social worker'].get(`/beneficiaries/${personId}`)).json();
    expect(after).toMatchObject({ city: 'Saint-Denis', anonymisedAt: null });
    expect(after.referrals.map((r: { id: string }) => r.id).sort()).toEqual(
      [referralToA, referralToO2].sort(),
    );
  });

  it('a social worker changes the record, but may not erase it (403)', async () => {
    const sw = clients['B social worker'];
    const read = (await sw.get(`/beneficiaries/${personId}`)).json();
    expect(read.can).toEqual({ edit: true, refer: true, erase: false, export: true });
    const res = await sw.patch(`/beneficiaries/${personId}`, { childrenCount: 3 });
    expect(res.statusCode).toBe(200);
    expect(res.json().childrenCount).toBe(3);
    expect((await sw.post(`/beneficiaries/${personId}/erasure`)).statusCode).toBe(403);
    const after = (await sw.get(`/beneficiaries/${personId}`)).json();
    expect(after).toMatchObject({ firstName, lastName, anonymisedAt: null });
  });
});

describe('a platform administrator', () => {
  it('reads everything about the person, and that read is written in the audit log', async () => {
    const entries = async () =>
      (
        await platformAdmin.get(
          `/audit?entityId=${personId}&action=beneficiary.read&actorUserId=${platformAdminId}`,
        )
      ).json().items as {
        action: string;
        entityType: string;
        entityId: string;
        organisationId: string;
        fields: string[];
      }[];
    expect(await entries()).toEqual([]);

    const res = await platformAdmin.get(`/beneficiaries/${personId}`);
    expect(res.statusCode).toBe(200);
    const record = res.json();
    expect(record).toMatchObject({ firstName, lastName, email, phone });
    const evaluations = record.referrals.map((r: { socialEvaluation: string }) => r.socialEvaluation).sort();
    expect(evaluations).toEqual([evaluationForA, evaluationForO2].sort());
    expect((await platformAdmin.get(`/referrals/${referralToA}`)).statusCode).toBe(200);
    expect((await platformAdmin.get(`/referrals/${referralToO2}`)).statusCode).toBe(200);
    const found = (await platformAdmin.get(`/beneficiaries?q=${encodeURIComponent(lastName)}`)).json().items;
    expect(found.map((i: { id: string }) => i.id)).toEqual([personId]);

    // The record and each referral read (with its social evaluation) are audited; the list is not a read
    // of the record (it shows no contact, income or evaluation).
    const audited = await entries();
    expect(audited).toHaveLength(3);
    for (const entry of audited) {
      expect(entry).toMatchObject({
        action: 'beneficiary.read',
        entityType: 'beneficiary',
        entityId: personId,
        organisationId: prescriberB.id,
      });
    }
    expect(audited.map((e) => e.fields).sort()).toEqual([[], ['referral'], ['referral']]);
  });
});
