import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp, unique } from '../../../test/support/app.ts';
import { readPdf } from '../../../test/support/pdf.ts';
import { today } from '../../lib/dates.ts';
import { memberships } from '../organisations/schema.ts';

let t: TestApp;
let ccas: { id: string; name: string };
let socialWorker: ApiClient;
let socialWorkerName: string;
let manager: ApiClient;
const year = Number(today().slice(0, 4));

beforeAll(async () => {
  t = await startTestApp();
  ccas = await t.buildOrganisation({ kinds: ['prescriber', 'coordinator'] });
  const sw = await t.member(ccas.id, 'social_worker');
  socialWorker = sw.client;
  socialWorkerName = sw.user.name;
  manager = (await t.member(ccas.id, 'manager')).client;
});
afterAll(() => t.close());

const personBody = (extra: Record<string, unknown> = {}) => ({
  kind: 'person',
  firstName: 'Élodie',
  lastName: unique('Martin'),
  birthYear: 1980,
  householdType: 'single_parent',
  childrenCount: 2,
  postcode: '45000',
  city: 'Orléans',
  priorityZone: true,
  incomeSituation: 'rsa',
  familyQuotientCents: 41000,
  employmentSituation: 'job_seeker',
  phone: '06 12 34 56 78',
  email: 'Elodie.Martin@Example.org',
  accessibilityNeeds: true,
  deviceNeed: 'laptop',
  consentGivenOn: today(),
  ...extra,
});

describe('POST /beneficiaries', () => {
  it('records a person with their consent, collected by the caller', async () => {
    const res = await socialWorker.post('/beneficiaries', personBody());
    expect(res.statusCode).toBe(201);
    const b = res.json();
    expect(b).toMatchObject({
      kind: 'person',
      displayName: `Élodie ${b.lastName}`,
      referringOrganisationId: ccas.id,
      referringOrganisationName: ccas.name,
      targetGroup: 'household',
      email: 'elodie.martin@example.org',
      country: 'FR',
      consentInForce: true,
      lastActivityOn: today(),
      anonymisedAt: null,
      possibleDuplicates: [],
      can: { edit: true, refer: true, erase: false, export: true },
    });
    expect(b.consents).toEqual([
      expect.objectContaining({
        givenOn: today(),
        covers: ['referral', 'partners', 'follow_up'],
        collectedByName: socialWorkerName,
        withdrawnOn: null,
      }),
    ]);
  });

  it('records an association, whose public defaults to "association"', async () => {
    const res = await socialWorker.post('/beneficiaries', {
      kind: 'association',
      name: unique('Secours '),
      rna: 'W451234567',
      contactName: 'Mme Roux',
      peopleServed: 120,
      consent: { givenOn: today(), covers: ['referral'] },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      targetGroup: 'association',
      peopleServed: 120,
      consents: [{ covers: ['referral'] }],
    });
  });

  it('refuses bad input with a precise error per field, and writes nothing', async () => {
    const before = (await socialWorker.get('/beneficiaries?limit=500')).json().items.length;
    const res = await socialWorker.post('/beneficiaries', {
      kind: 'person',
      firstName: '',
      lastName: 'Dupont',
      birthYear: year + 1,
      postcode: '4500',
      familyQuotientCents: -10,
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(['familyQuotientCents']);
    const crossField = await socialWorker.post('/beneficiaries', {
      kind: 'person',
      firstName: ' ',
      lastName: 'Dupont',
      birthYear: 1899,
      postcode: '4500',
      consentGivenOn: today(),
    });
    expect(crossField.statusCode).toBe(400);
    expect(crossField.json().errors).toEqual([
      { path: 'firstName', message: expect.stringContaining('obligatoires') },
      { path: 'birthYear', message: `Année de naissance entre 1900 et ${year}.` },
      { path: 'postcode', message: 'Code postal invalide : 5 chiffres.' },
    ]);
    const noConsent = await socialWorker.post('/beneficiaries', personBody({ consentGivenOn: undefined }));
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().errors).toEqual([
      { path: 'consentGivenOn', message: expect.stringContaining('consentement') },
    ]);
    const futureConsent = await socialWorker.post(
      '/beneficiaries',
      personBody({ consentGivenOn: '2999-01-01' }),
    );
    expect(futureConsent.statusCode).toBe(400);
    const noName = await socialWorker.post('/beneficiaries', {
      kind: 'association',
      consentGivenOn: today(),
    });
    expect(noName.json().errors[0].path).toBe('name');
    expect((await socialWorker.get('/beneficiaries?limit=500')).json().items.length).toBe(before);
  });

  it('accepts a foreign postcode when the country is set', async () => {
    const res = await socialWorker.post(
      '/beneficiaries',
      personBody({ country: 'be', postcode: '1000', city: 'Bruxelles' }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ country: 'BE', postcode: '1000' });
  });

  it('is refused to a viewer (403) and to a stranger to the organisation (404)', async () => {
    const viewer = (await t.member(ccas.id, 'viewer')).client;
    expect((await viewer.post('/beneficiaries', personBody())).statusCode).toBe(403);
    const stranger = (await t.member((await t.buildOrganisation()).id, 'social_worker')).client;
    expect(
      (await stranger.post('/beneficiaries', personBody({ referringOrganisationId: ccas.id }))).statusCode,
    ).toBe(404);
  });
});

describe('duplicates', () => {
  it('warns about the same person typed again, whatever the accents, case and order of names', async () => {
    const lastName = unique('Lefèvre-');
    const first = (
      await socialWorker.post(
        '/beneficiaries',
        personBody({ firstName: 'Anaïs', lastName, birthYear: 1990, postcode: '45100' }),
      )
    ).json();
    const check = await socialWorker.get(
      `/beneficiaries/duplicates?firstName=ANAIS&lastName=${encodeURIComponent(lastName.toLowerCase().replace('è', 'e').replace('-', ' '))}&birthYear=1990&postcode=45100`,
    );
    expect(check.statusCode).toBe(200);
    expect(check.json().items.map((d: { id: string }) => d.id)).toEqual([first.id]);
    const swapped = await socialWorker.get(
      `/beneficiaries/duplicates?firstName=${encodeURIComponent(lastName)}&lastName=anais&birthYear=1990&postcode=45100`,
    );
    expect(swapped.json().items.map((d: { id: string }) => d.id)).toEqual([first.id]);
    const otherYear = await socialWorker.get(
      `/beneficiaries/duplicates?firstName=Anaïs&lastName=${encodeURIComponent(lastName)}&birthYear=1991&postcode=45100`,
    );
    expect(otherYear.json().items).toEqual([]);
    // Saving anyway is allowed (two people can share a name); the reply lists the lookalike.
    const second = await socialWorker.post(
      '/beneficiaries',
      personBody({
        firstName: 'ANAÏS',
        lastName: lastName.toUpperCase(),
        birthYear: 1990,
        postcode: '45100',
      }),
    );
    expect(second.statusCode).toBe(201);
    expect(second.json().possibleDuplicates.map((d: { id: string }) => d.id)).toEqual([first.id]);
  });

  it('does not look into another organisation', async () => {
    const other = await t.buildOrganisation();
    const otherWorker = (await t.member(other.id, 'social_worker')).client;
    const lastName = unique('Moreau');
    await socialWorker.post('/beneficiaries', personBody({ lastName }));
    const res = await otherWorker.post('/beneficiaries', personBody({ lastName }));
    expect(res.json().possibleDuplicates).toEqual([]);
  });

  it('merges a duplicate: both histories kept, the duplicate emptied and pointing to the record kept', async () => {
    const lastName = unique('Petit');
    const keep = (await socialWorker.post('/beneficiaries', personBody({ lastName, phone: null }))).json();
    const dup = (
      await socialWorker.post('/beneficiaries', personBody({ lastName, phone: '07 00 00 00 01' }))
    ).json();
    const p1 = (
      await manager.post('/programmes', {
        name: unique('P'),
        mode: 'loan',
        loanMonths: 12,
        startsOn: `${year}-01-01`,
        endsOn: `${year}-12-31`,
      })
    ).json();
    const p2 = (
      await manager.post('/programmes', {
        name: unique('P'),
        mode: 'donation',
        startsOn: `${year}-01-01`,
        endsOn: `${year}-12-31`,
      })
    ).json();
    await socialWorker.post('/referrals', { beneficiaryId: keep.id, programmeId: p1.id });
    await socialWorker.post('/referrals', { beneficiaryId: dup.id, programmeId: p1.id });
    await socialWorker.post('/referrals', { beneficiaryId: dup.id, programmeId: p2.id });

    const res = await socialWorker.post(`/beneficiaries/${keep.id}/merge`, { duplicateId: dup.id });
    expect(res.statusCode).toBe(200);
    const merged = res.json();
    expect(merged.phone).toBe('07 00 00 00 01');
    expect(merged.consents).toHaveLength(2);
    const byProgramme = merged.referrals.map(
      (r: { programmeId: string; status: string; exitReason: string | null }) => [
        r.programmeId,
        r.status,
        r.exitReason,
      ],
    );
    expect(byProgramme).toEqual(
      expect.arrayContaining([
        [p1.id, 'eligible', null],
        [p1.id, 'exited', 'duplicate'],
        [p2.id, 'eligible', null],
      ]),
    );
    const timeline = (await socialWorker.get(`/beneficiaries/${keep.id}/timeline`)).json().items;
    expect(timeline.filter((e: { kind: string }) => e.kind === 'created')).toHaveLength(2);
    expect(timeline.at(-1)).toMatchObject({ kind: 'merged', relatedBeneficiaryId: dup.id });
    const gone = (await socialWorker.get(`/beneficiaries/${dup.id}`)).json();
    expect(gone).toMatchObject({
      mergedIntoId: keep.id,
      firstName: null,
      lastName: null,
      phone: null,
      referrals: [],
    });
    expect(
      (await socialWorker.get(`/beneficiaries?q=${lastName}`)).json().items.map((b: { id: string }) => b.id),
    ).toEqual([keep.id]);
    expect(
      (await socialWorker.post(`/beneficiaries/${keep.id}/merge`, { duplicateId: keep.id })).statusCode,
    ).toBe(400);
    expect(
      (await socialWorker.post(`/beneficiaries/${keep.id}/merge`, { duplicateId: dup.id })).statusCode,
    ).toBe(422);
  });
});

describe('GET /beneficiaries', () => {
  it('searches names without accents or case, filters, sorts and pages', async () => {
    const org = await t.buildOrganisation({ kinds: ['prescriber'] });
    const worker = (await t.member(org.id, 'social_worker')).client;
    const names = [
      ['Zoé', 'Bénard'],
      ['Lucas', 'Adam'],
      ['Chloé', 'Müller'],
    ];
    const ids: Record<string, string> = {};
    for (const [firstName, lastName] of names) {
      ids[lastName as string] = (
        await worker.post('/beneficiaries', personBody({ firstName, lastName }))
      ).json().id;
    }
    await worker.post('/beneficiaries', {
      kind: 'association',
      name: 'Amicale Élan',
      consentGivenOn: today(),
    });
    const search = async (q: string) =>
      (await worker.get(`/beneficiaries?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((b: { lastName: string; name: string }) => b.lastName ?? b.name);
    expect(await search('BENARD')).toEqual(['Bénard']);
    expect(await search('zoe benard')).toEqual(['Bénard']);
    expect(await search('muller')).toEqual(['Müller']);
    expect(await search('elan')).toEqual(['Amicale Élan']);
    expect(await search('nobody')).toEqual([]);
    const byName = (await worker.get('/beneficiaries?sort=name&kind=person')).json().items;
    expect(byName.map((b: { lastName: string }) => b.lastName)).toEqual(['Adam', 'Bénard', 'Müller']);
    const first = (await worker.get('/beneficiaries?sort=name&kind=person&limit=2')).json();
    const second = (
      await worker.get(`/beneficiaries?sort=name&kind=person&limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items.map((b: { lastName: string }) => b.lastName)).toEqual(['Müller']);
    const recent = (await worker.get('/beneficiaries?kind=person')).json().items;
    expect(recent.map((b: { lastName: string }) => b.lastName)).toEqual(['Müller', 'Adam', 'Bénard']);
  });

  it('filters on a programme and the status of the referral in it', async () => {
    const lastName = unique('Garnier');
    const b = (await socialWorker.post('/beneficiaries', personBody({ lastName }))).json();
    const p = (
      await manager.post('/programmes', {
        name: unique('P'),
        mode: 'donation',
        startsOn: `${year}-01-01`,
        endsOn: `${year}-12-31`,
        eligibility: { maxFamilyQuotientCents: 100 },
      })
    ).json();
    await socialWorker.post('/referrals', { beneficiaryId: b.id, programmeId: p.id });
    const inProgramme = (await socialWorker.get(`/beneficiaries?programmeId=${p.id}`)).json().items;
    expect(inProgramme.map((x: { id: string }) => x.id)).toEqual([b.id]);
    expect(inProgramme[0].referrals).toEqual([
      { id: expect.any(String), programmeId: p.id, programmeName: p.name, status: 'ineligible' },
    ]);
    expect(
      (await socialWorker.get(`/beneficiaries?programmeId=${p.id}&status=eligible`)).json().items,
    ).toEqual([]);
  });
});

describe('PATCH /beneficiaries/{id}', () => {
  it('changes and clears fields, and refuses to turn a person into an association', async () => {
    const b = (await socialWorker.post('/beneficiaries', personBody())).json();
    const res = await socialWorker.patch(`/beneficiaries/${b.id}`, {
      phone: null,
      email: '',
      city: 'Fleury-les-Aubrais',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ phone: null, email: null, city: 'Fleury-les-Aubrais' });
    const kind = await socialWorker.patch(`/beneficiaries/${b.id}`, { kind: 'association' });
    expect(kind.statusCode).toBe(400);
    const noName = await socialWorker.patch(`/beneficiaries/${b.id}`, { lastName: '' });
    expect(noName.statusCode).toBe(400);
    const timeline = (await socialWorker.get(`/beneficiaries/${b.id}/timeline`)).json().items;
    expect(timeline.at(-1)).toMatchObject({
      kind: 'updated',
      fields: expect.arrayContaining(['phone', 'email', 'city']),
    });
  });
});

describe('GET /information-notice.pdf', () => {
  it("prints the notice of the caller's organisation, in the caller's language", async () => {
    const res = await socialWorker.get('/information-notice.pdf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text } = await readPdf(res.rawPayload);
    expect(text).toContain(ccas.name);
    expect(text).toMatch(/24 mois/);
    expect(text).toMatch(/CNIL/);
    const english = await socialWorker.get('/information-notice.pdf', { 'accept-language': 'en' });
    expect((await readPdf(english.rawPayload)).text).toMatch(/24 months/);
  });

  it('asks which organisation when the caller belongs to several', async () => {
    const other = await t.buildOrganisation();
    const user = await t.buildUser({ organisationId: ccas.id, role: 'social_worker' });
    await t.database.db
      .insert(memberships)
      .values({ userId: user.id, organisationId: other.id, role: 'viewer' });
    const client = await t.login(user.email);
    const res = await client.get('/information-notice.pdf');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('organisationId');
    expect((await client.get(`/information-notice.pdf?organisationId=${other.id}`)).statusCode).toBe(200);
  });
});
