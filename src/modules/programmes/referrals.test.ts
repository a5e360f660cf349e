import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp, unique } from '../../../test/support/app.ts';
import { today } from '../../lib/dates.ts';

let t: TestApp;
let ccas: { id: string };
let partner: { id: string };
let manager: ApiClient;
let socialWorker: ApiClient;
let partnerWorker: ApiClient;
const year = today().slice(0, 4);
const period = { startsOn: `${year}-01-01`, endsOn: `${year}-12-31` };

async function programme(client: ApiClient, extra: Record<string, unknown> = {}) {
  const res = await client.post('/programmes', {
    name: unique('Programme '),
    mode: 'sale',
    ...period,
    ...extra,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string };
}

async function person(client: ApiClient, extra: Record<string, unknown> = {}) {
  const res = await client.post('/beneficiaries', {
    kind: 'person',
    firstName: unique('Inès'),
    lastName: 'Durand',
    birthYear: 1985,
    postcode: '45000',
    city: 'Orléans',
    consentGivenOn: `${year}-01-01`,
    ...extra,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; consents: { id: string }[] };
}

beforeAll(async () => {
  t = await startTestApp();
  ccas = await t.buildOrganisation({ kinds: ['prescriber', 'coordinator'] });
  partner = await t.buildOrganisation({ kinds: ['prescriber'] });
  manager = (await t.member(ccas.id, 'manager')).client;
  socialWorker = (await t.member(ccas.id, 'social_worker')).client;
  partnerWorker = (await t.member(partner.id, 'social_worker')).client;
});
afterAll(() => t.close());

describe('POST /referrals: the rules are evaluated at once', () => {
  it('records an eligible referral with no reason', async () => {
    const p = await programme(manager, { eligibility: { maxFamilyQuotientCents: 70000 } });
    const b = await person(socialWorker, { familyQuotientCents: 50000 });
    const res = await socialWorker.post('/referrals', {
      beneficiaryId: b.id,
      programmeId: p.id,
      socialEvaluation: 'Recherche d’emploi, pas d’ordinateur à la maison.',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'eligible',
      eligibility: { eligible: true, reasons: [] },
      referredOn: today(),
      socialEvaluation: 'Recherche d’emploi, pas d’ordinateur à la maison.',
    });
  });

  it('records an ineligible referral with its reasons as codes with parameters and sentences', async () => {
    const p = await programme(manager, {
      eligibility: { maxFamilyQuotientCents: 70000, postcodes: ['41*'], incomeSituations: ['rsa'] },
    });
    const b = await person(socialWorker, { familyQuotientCents: 81200, incomeSituation: 'aah' });
    const res = await socialWorker.post('/referrals', { beneficiaryId: b.id, programmeId: p.id });
    expect(res.statusCode).toBe(201);
    const referral = res.json();
    expect(referral.status).toBe('ineligible');
    expect(referral.eligibility.eligible).toBe(false);
    expect(referral.eligibility.reasons.map((r: { code: string }) => r.code)).toEqual([
      'income_situation_not_accepted',
      'family_quotient_above_ceiling',
      'postcode_not_covered',
    ]);
    expect(referral.eligibility.reasons[1]).toMatchObject({
      params: { value: 81200, ceiling: 70000 },
      message: expect.stringContaining('dépasse le plafond'),
    });
    // The reasons are kept: reading the referral again gives them, in the reader's language.
    const again = await socialWorker.get(`/referrals/${referral.id}`, { 'accept-language': 'en' });
    expect(again.json().eligibility.reasons[1].message).toMatch(/above the programme’s ceiling|ceiling/);
  });

  it('does not apply criteria about a person to an association', async () => {
    const p = await programme(manager, { eligibility: { maxFamilyQuotientCents: 70000, minAge: 18 } });
    const asso = (
      await socialWorker.post('/beneficiaries', {
        kind: 'association',
        name: unique('Les Amis '),
        consentGivenOn: today(),
      })
    ).json();
    const res = await socialWorker.post('/referrals', { beneficiaryId: asso.id, programmeId: p.id });
    expect(res.json()).toMatchObject({ status: 'eligible', beneficiaryKind: 'association' });
  });

  it('lets a prescribing partner refer its own people, and only partners', async () => {
    const withPartner = await programme(manager, {
      partners: [{ organisationId: partner.id, role: 'prescriber' }],
    });
    const without = await programme(manager);
    const b = await person(partnerWorker);
    expect(
      (await partnerWorker.post('/referrals', { beneficiaryId: b.id, programmeId: withPartner.id }))
        .statusCode,
    ).toBe(201);
    // The partner does not see the other programme at all.
    expect(
      (await partnerWorker.post('/referrals', { beneficiaryId: b.id, programmeId: without.id })).statusCode,
    ).toBe(404);
    // A trainer partner sees the programme but does not refer.
    const trainerOnly = await programme(manager, {
      partners: [{ organisationId: partner.id, role: 'trainer' }],
    });
    const refused = await partnerWorker.post('/referrals', {
      beneficiaryId: b.id,
      programmeId: trainerOnly.id,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toMatch(/prescripteur partenaire/);
  });

  it('refuses a closed programme, a day outside its period or in the future, and writes nothing', async () => {
    const p = await programme(manager);
    const b = await person(socialWorker);
    const outside = await socialWorker.post('/referrals', {
      beneficiaryId: b.id,
      programmeId: p.id,
      referredOn: `${Number(year) - 1}-12-31`,
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().detail).toMatch(/hors de la période/);
    const future = await socialWorker.post('/referrals', {
      beneficiaryId: b.id,
      programmeId: p.id,
      referredOn: '2999-01-01',
    });
    // Outside the period: the programme's rule answers first (422).
    expect(future.statusCode).toBe(422);
    // Inside a longer period but after today: a day that has not come yet (400).
    const long = await programme(manager, { endsOn: `${Number(year) + 1}-12-31` });
    const tomorrow = await socialWorker.post('/referrals', {
      beneficiaryId: b.id,
      programmeId: long.id,
      referredOn: `${Number(year) + 1}-06-30`,
    });
    expect(tomorrow.statusCode).toBe(400);
    expect(tomorrow.json().errors[0].path).toBe('referredOn');
    await manager.patch(`/programmes/${p.id}`, { closed: true });
    const closed = await socialWorker.post('/referrals', { beneficiaryId: b.id, programmeId: p.id });
    expect(closed.statusCode).toBe(422);
    expect(closed.json().detail).toMatch(/clos/);
    expect((await socialWorker.get(`/referrals?beneficiaryId=${b.id}`)).json().items).toEqual([]);
  });

  it('refuses without a consent in force', async () => {
    const p = await programme(manager);
    const b = await person(socialWorker);
    const consentId = b.consents[0]?.id;
    const withdrawn = await socialWorker.post(`/beneficiaries/${b.id}/consents/${consentId}/withdrawal`, {});
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().items[0].withdrawnOn).toBe(today());
    const res = await socialWorker.post('/referrals', { beneficiaryId: b.id, programmeId: p.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toMatch(/consentement/);
    expect(
      (await socialWorker.post(`/beneficiaries/${b.id}/consents/${consentId}/withdrawal`, {})).statusCode,
    ).toBe(409);
    await socialWorker.post(`/beneficiaries/${b.id}/consents`, { givenOn: today(), covers: ['referral'] });
    expect(
      (await socialWorker.post('/referrals', { beneficiaryId: b.id, programmeId: p.id })).statusCode,
    ).toBe(201);
  });

  it('keeps one open referral per person and programme, even when two people click at once', async () => {
    const p = await programme(manager);
    const b = await person(socialWorker);
    const answers = await Promise.all([
      socialWorker.post('/referrals', { beneficiaryId: b.id, programmeId: p.id }),
      socialWorker.post('/referrals', { beneficiaryId: b.id, programmeId: p.id }),
      manager.post('/referrals', { beneficiaryId: b.id, programmeId: p.id }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
    const open = answers.find((a) => a.statusCode === 201)?.json();
    // Once the referral is closed, the person can be referred again.
    await socialWorker.post(`/referrals/${open.id}/status`, { status: 'exited', exitReason: 'withdrew' });
    expect(
      (await socialWorker.post('/referrals', { beneficiaryId: b.id, programmeId: p.id })).statusCode,
    ).toBe(201);
  });

  it("refuses past the programme's maximum of open referrals per prescriber", async () => {
    const p = await programme(manager, { eligibility: { maxOpenReferralsPerPrescriber: 2 } });
    for (let i = 0; i < 2; i++) {
      const b = await person(socialWorker);
      expect(
        (await socialWorker.post('/referrals', { beneficiaryId: b.id, programmeId: p.id })).statusCode,
      ).toBe(201);
    }
    const third = await person(socialWorker);
    const res = await socialWorker.post('/referrals', { beneficiaryId: third.id, programmeId: p.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toMatch(/maximum/);
  });
});

describe('the path of a referral', () => {
  it('evaluates an ineligible referral again once the data change', async () => {
    const p = await programme(manager, { eligibility: { maxFamilyQuotientCents: 70000 } });
    const b = await person(socialWorker);
    const referral = (
      await socialWorker.post('/referrals', { beneficiaryId: b.id, programmeId: p.id })
    ).json();
    expect(referral.eligibility.reasons.map((r: { code: string }) => r.code)).toEqual([
      'family_quotient_missing',
    ]);
    const updated = await socialWorker.patch(`/beneficiaries/${b.id}`, { familyQuotientCents: 45000 });
    expect(updated.json().referrals[0]).toMatchObject({ status: 'eligible', eligibility: { reasons: [] } });
    // And by hand: the rules changed, the owner asks for a new evaluation.
    await manager.patch(`/programmes/${p.id}`, { eligibility: { maxFamilyQuotientCents: 40000 } });
    const again = await manager.post(`/referrals/${referral.id}/evaluation`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'ineligible' });
    const timeline = (await socialWorker.get(`/beneficiaries/${b.id}/timeline`)).json().items;
    expect(timeline.map((e: { kind: string; toStatus: string | null }) => [e.kind, e.toStatus])).toEqual(
      expect.arrayContaining([
        ['referred', 'ineligible'],
        ['re_evaluated', 'eligible'],
        ['re_evaluated', 'ineligible'],
      ]),
    );
  });

  it('moves by hand only equipped → followed_up and any open status → exited, with a reason', async () => {
    const p = await programme(manager);
    const b = await person(socialWorker);
    const referral = (
      await socialWorker.post('/referrals', { beneficiaryId: b.id, programmeId: p.id })
    ).json();
    const illegal = await socialWorker.post(`/referrals/${referral.id}/status`, { status: 'followed_up' });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().detail).toMatch(/éligible/);
    const noReason = await socialWorker.post(`/referrals/${referral.id}/status`, { status: 'exited' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe('exitReason');
    const exited = await socialWorker.post(`/referrals/${referral.id}/status`, {
      status: 'exited',
      exitReason: 'moved_away',
    });
    expect(exited.json()).toMatchObject({ status: 'exited', exitReason: 'moved_away', exitedOn: today() });
    expect(
      (await socialWorker.patch(`/referrals/${referral.id}`, { socialEvaluation: 'x' })).statusCode,
    ).toBe(409);
    expect(
      (await socialWorker.post(`/referrals/${referral.id}/status`, { status: 'exited', exitReason: 'other' }))
        .statusCode,
    ).toBe(409);
  });
});

describe('the waiting list', () => {
  it('puts priority referrals first, then by referral day, then by order of entry, with places', async () => {
    const p = await programme(manager, { partners: [{ organisationId: partner.id, role: 'prescriber' }] });
    const refer = async (client: ApiClient, referredOn: string) => {
      const b = await person(client);
      return (await client.post('/referrals', { beneficiaryId: b.id, programmeId: p.id, referredOn })).json();
    };
    const march = await refer(socialWorker, `${year}-03-01`);
    const januaryPartner = await refer(partnerWorker, `${year}-01-15`);
    const marchLater = await refer(socialWorker, `${year}-03-01`);
    const february = await refer(socialWorker, `${year}-02-01`);
    const ineligibleProgramme = await refer(socialWorker, `${year}-01-01`);
    await socialWorker.post(`/referrals/${ineligibleProgramme.id}/status`, {
      status: 'exited',
      exitReason: 'other',
    });
    // The programme's owner flags someone as a priority (e.g. a job interview next week).
    const flagged = await manager.patch(`/referrals/${marchLater.id}`, {
      priority: true,
      priorityReason: 'Entretien d’embauche',
    });
    expect(flagged.json()).toMatchObject({ priority: true, priorityReason: 'Entretien d’embauche' });
    // A prescriber does not set priorities.
    expect(
      (await partnerWorker.patch(`/referrals/${januaryPartner.id}`, { priority: true })).statusCode,
    ).toBe(403);

    const list = (await manager.get(`/referrals?programmeId=${p.id}&waiting=true`)).json();
    expect(list.items.map((r: { id: string; position: number }) => [r.id, r.position])).toEqual([
      [marchLater.id, 1],
      [januaryPartner.id, 2],
      [february.id, 3],
      [march.id, 4],
    ]);
    expect(list.items.every((r: { waitingTotal: number }) => r.waitingTotal === 4)).toBe(true);
    // The partner sees its own people, at their place in the whole list.
    const partnerView = (await partnerWorker.get(`/referrals?programmeId=${p.id}&waiting=true`)).json();
    expect(partnerView.items.map((r: { id: string; position: number }) => [r.id, r.position])).toEqual([
      [januaryPartner.id, 2],
    ]);
    // One page at a time.
    const first = (await manager.get(`/referrals?programmeId=${p.id}&waiting=true&limit=3`)).json();
    const second = (
      await manager.get(`/referrals?programmeId=${p.id}&waiting=true&limit=3&cursor=${first.nextCursor}`)
    ).json();
    expect([...first.items, ...second.items].map((r: { id: string }) => r.id)).toEqual(
      list.items.map((r: { id: string }) => r.id),
    );
  });

  it('filters referrals by status, prescriber and name', async () => {
    const p = await programme(manager, { eligibility: { maxFamilyQuotientCents: 1000 } });
    const b = await person(socialWorker, { lastName: 'Œillet-Ébène', familyQuotientCents: 500 });
    const c = await person(socialWorker, { familyQuotientCents: 9000 });
    await socialWorker.post('/referrals', { beneficiaryId: b.id, programmeId: p.id });
    await socialWorker.post('/referrals', { beneficiaryId: c.id, programmeId: p.id });
    const ineligible = (await manager.get(`/referrals?programmeId=${p.id}&status=ineligible`)).json().items;
    expect(ineligible.map((r: { beneficiaryId: string }) => r.beneficiaryId)).toEqual([c.id]);
    const byName = (await manager.get(`/referrals?programmeId=${p.id}&q=oeillet ebene`)).json().items;
    expect(byName.map((r: { beneficiaryId: string }) => r.beneficiaryId)).toEqual([b.id]);
  });
});
