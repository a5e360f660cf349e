/**
 * The needs census: the public page (anonymous or named with consent, closed → 404 and nothing stored),
 * prescribers' needs, counts with known numbers, one-click referrals (record + consent + referral in one
 * transaction, a refusal leaving nothing), withdrawal, and who sees what.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp, unique } from '../../../test/support/app.ts';
import { addMonthsToDay, today } from '../../lib/dates.ts';
import { PUBLIC_RATE_LIMITS } from '../../server/rate-limits.ts';
import { auditLog } from '../audit/schema.ts';
import { beneficiaries, consents, referrals } from '../programmes/schema.ts';
import { censusNeeds } from './schema.ts';

let t: TestApp;
let owner: { id: string; name: string };
let prescriber: { id: string };
let stranger: { id: string };
let ownerManager: ApiClient;
let ownerSw: ApiClient;
let ownerViewer: ApiClient;
let prescriberSw: ApiClient;
let strangerManager: ApiClient;
let ipCounter = 0;

const year = today().slice(0, 4);
const TOWNS = ['Saint-Aubin', 'Olivet', 'Ingré'];

beforeAll(async () => {
  t = await startTestApp();
  owner = await t.buildOrganisation({ kinds: ['prescriber', 'refurbisher'] });
  prescriber = await t.buildOrganisation({ kinds: ['prescriber'] });
  stranger = await t.buildOrganisation({ kinds: ['prescriber'] });
  ownerManager = (await t.member(owner.id, 'manager')).client;
  ownerSw = (await t.member(owner.id, 'social_worker')).client;
  ownerViewer = (await t.member(owner.id, 'viewer')).client;
  prescriberSw = (await t.member(prescriber.id, 'social_worker')).client;
  strangerManager = (await t.member(stranger.id, 'manager')).client;
}, 60_000);
afterAll(async () => {
  await t?.close();
});

async function programme(fields: Record<string, unknown> = {}, open = true): Promise<string> {
  const res = await ownerManager.post('/programmes', {
    name: unique('Ordi solidaire '),
    mode: 'donation',
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    partners: [{ organisationId: prescriber.id, role: 'prescriber' }],
    eligibility: { cities: TOWNS },
    ...fields,
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  if (open) {
    const put = await ownerManager.put(`/programmes/${id}/census-settings`, {
      publicOpen: true,
      introduction: 'Dites-nous ce dont vous avez besoin.',
    });
    expect(put.statusCode, put.body).toBe(200);
  }
  return id;
}

/** Posts the public form from a new address (the route allows a few an hour per address). */
function publicNeed(programmeId: string, body: Record<string, unknown>, ip?: string) {
  ipCounter += 1;
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/public/programmes/${programmeId}/needs`,
    payload: { kind: 'person', deviceNeed: 'laptop', town: 'Saint-Aubin', ...body },
    remoteAddress: ip ?? `10.31.${Math.floor(ipCounter / 250)}.${ipCounter % 250}`,
    headers: { 'accept-language': 'fr' },
  });
}

const named = (overrides: Record<string, unknown> = {}) => ({
  firstName: 'Odile',
  lastName: unique('Martin'),
  email: 'odile.martin@example.org',
  phone: '06 12 34 56 78',
  consent: true,
  ...overrides,
});

async function needsOf(programmeId: string) {
  return t.database.db.select().from(censusNeeds).where(eq(censusNeeds.programmeId, programmeId));
}

async function firstNeedId(programmeId: string, where: Partial<{ lastName: string }> = {}) {
  const rows = await needsOf(programmeId);
  const row = rows.find((r) => !where.lastName || r.lastName === where.lastName);
  return row?.id as string;
}

describe('the public page', () => {
  it('answers 404 while closed, and stores nothing sent to it', async () => {
    const id = await programme({}, false);
    expect((await t.anonymous.get(`/public/programmes/${id}/census`)).statusCode).toBe(404);
    expect((await publicNeed(id, {})).statusCode).toBe(404);
    expect((await publicNeed(id, named())).statusCode).toBe(404);
    // Closed again after being open; and open but past its closing day is closed too.
    await ownerManager.put(`/programmes/${id}/census-settings`, { publicOpen: true });
    expect((await t.anonymous.get(`/public/programmes/${id}/census`)).statusCode).toBe(200);
    await ownerManager.put(`/programmes/${id}/census-settings`, { publicOpen: false });
    expect((await t.anonymous.get(`/public/programmes/${id}/census`)).statusCode).toBe(404);
    expect((await publicNeed(id, {})).statusCode).toBe(404);
    expect(await needsOf(id)).toHaveLength(0);
    // A day of closing in the past is refused; an unknown programme is a 404 like a closed one.
    const past = await ownerManager.put(`/programmes/${id}/census-settings`, {
      publicOpen: true,
      closesOn: '2020-01-01',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].path).toBe('closesOn');
    expect(
      (await t.anonymous.get('/public/programmes/00000000-0000-4000-8000-000000000000/census')).statusCode,
    ).toBe(404);
  });

  it('shows the programme, its owner and towns, and takes an anonymous need', async () => {
    const id = await programme();
    const page = await t.anonymous.get(`/public/programmes/${id}/census`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({
      organisationName: owner.name,
      towns: TOWNS,
      introduction: 'Dites-nous ce dont vous avez besoin.',
      open: true,
    });
    const res = await publicNeed(id, {
      town: 'saint aubin',
      targetGroup: 'senior',
      reason: 'Voir mes petits-enfants',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ received: true, named: false });
    const [row] = await needsOf(id);
    expect(row).toMatchObject({
      source: 'public',
      town: 'Saint-Aubin',
      targetGroup: 'senior',
      firstName: null,
      consentGivenAt: null,
      registeredByOrganisationId: null,
      status: 'registered',
    });
  });

  it('takes a named need only with the consent box ticked, and checks every field', async () => {
    const id = await programme();
    const noConsent = await publicNeed(id, named({ consent: false }));
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().errors).toEqual([
      expect.objectContaining({ path: 'consent', message: expect.stringContaining('case d’accord') }),
    ]);
    const bad = await publicNeed(id, {
      town: ' ',
      reason: 'x'.repeat(501),
      email: 'pas-une-adresse',
      phone: 'abc',
      firstName: 'Odile',
      consent: true,
      deviceNeed: 'toaster',
    });
    expect(bad.statusCode).toBe(400);
    const paths = (bad.json().errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['deviceNeed', 'town', 'reason']));
    const bad2 = await publicNeed(id, {
      email: 'pas-une-adresse',
      phone: 'abc',
      firstName: 'Odile',
      consent: true,
    });
    expect((bad2.json().errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'email',
      'lastName',
      'phone',
    ]);
    expect(await needsOf(id)).toHaveLength(0);

    const ok = await publicNeed(id, named());
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toEqual({ received: true, named: true });
    const [row] = await needsOf(id);
    expect(row?.firstName).toBe('Odile');
    expect(row?.consentGivenAt).toBeInstanceOf(Date);
    // The audit entry names the fields, never their values.
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, row?.id as string));
    expect(entry).toMatchObject({
      action: 'census_need.create_public',
      organisationId: owner.id,
      actorUserId: null,
    });
    expect(entry?.fields).toEqual(expect.arrayContaining(['firstName', 'email', 'consentGivenAt']));
    expect(JSON.stringify(entry)).not.toContain('Odile');
  });

  it('is rate-limited per address (declared, and enforced)', async () => {
    expect(PUBLIC_RATE_LIMITS.censusNeed).toEqual({ max: 10, timeWindow: '1 hour' });
    const id = await programme();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await publicNeed(id, {}, '10.32.0.1')).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect(await needsOf(id)).toHaveLength(10);
  });
});

describe('counts and lists', () => {
  it('counts needs by town, group, device, source and status with known numbers', async () => {
    const id = await programme();
    for (let i = 0; i < 3; i++)
      await publicNeed(id, { town: i === 0 ? 'SAINT AUBIN' : 'Saint-Aubin', targetGroup: 'senior' });
    for (let i = 0; i < 2; i++)
      await publicNeed(id, { town: 'Olivet', targetGroup: 'pupil', deviceNeed: 'tablet' });
    for (let i = 0; i < 2; i++) {
      const res = await prescriberSw.post(`/programmes/${id}/needs`, {
        kind: 'person',
        targetGroup: 'job_seeker',
        deviceNeed: 'laptop',
        town: 'Ingré',
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const assoc = await prescriberSw.post(`/programmes/${id}/needs`, {
      kind: 'association',
      deviceNeed: 'desktop',
      town: 'Fleury',
      associationName: 'Les Amis',
      consent: true,
    });
    expect(assoc.statusCode, assoc.body).toBe(201);
    const gone = await ownerSw.post(`/programmes/${id}/needs`, {
      kind: 'person',
      deviceNeed: 'tablet',
      town: 'Olivet',
    });
    expect((await ownerSw.post(`/needs/${gone.json().id}/withdraw`)).statusCode).toBe(200);

    const summary = await ownerViewer.get(`/programmes/${id}/needs/summary`);
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json()).toEqual({
      total: 8,
      byTown: [
        { key: 'Saint-Aubin', count: 3 },
        { key: 'Ingré', count: 2 },
        { key: 'Olivet', count: 2 },
        { key: 'Fleury', count: 1 },
      ],
      byTargetGroup: [
        { key: 'pupil', count: 2 },
        { key: 'job_seeker', count: 2 },
        { key: 'senior', count: 3 },
        { key: 'association', count: 1 },
      ],
      byDeviceNeed: [
        { key: 'laptop', count: 5 },
        { key: 'desktop', count: 1 },
        { key: 'tablet', count: 2 },
      ],
      byKind: [
        { key: 'person', count: 7 },
        { key: 'association', count: 1 },
      ],
      bySource: [
        { key: 'public', count: 5 },
        { key: 'prescriber', count: 3 },
      ],
      byStatus: [
        { key: 'registered', count: 8 },
        { key: 'withdrawn', count: 1 },
      ],
    });

    // The prescriber counts and lists only its own three.
    const own = await prescriberSw.get(`/programmes/${id}/needs/summary`);
    expect(own.json()).toMatchObject({ total: 3, bySource: [{ key: 'prescriber', count: 3 }] });
    const list = await prescriberSw.get(`/programmes/${id}/needs`);
    expect(list.json().items).toHaveLength(3);
    expect(
      list
        .json()
        .items.every(
          (n: { registeredByOrganisationId: string }) => n.registeredByOrganisationId === prescriber.id,
        ),
    ).toBe(true);

    // The owner lists all nine, filters them, and pages through them.
    expect((await ownerViewer.get(`/programmes/${id}/needs`)).json().items).toHaveLength(9);
    expect((await ownerViewer.get(`/programmes/${id}/needs?town=saint aubin`)).json().items).toHaveLength(3);
    expect(
      (await ownerViewer.get(`/programmes/${id}/needs?deviceNeed=tablet&status=registered`)).json().items,
    ).toHaveLength(2);
    expect(
      (await ownerViewer.get(`/programmes/${id}/needs?targetGroup=job_seeker`)).json().items,
    ).toHaveLength(2);
    expect((await ownerViewer.get(`/programmes/${id}/needs?source=prescriber`)).json().items).toHaveLength(4);
    const first = (await ownerViewer.get(`/programmes/${id}/needs?limit=5`)).json();
    expect(first.items).toHaveLength(5);
    const second = (
      await ownerViewer.get(`/programmes/${id}/needs?limit=5&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items).toHaveLength(4);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((n: { id: string }) => n.id)).size).toBe(9);
  });

  it('hides the names of a prescriber’s needs from the owner, and from its search, until referred', async () => {
    const id = await programme();
    const lastName = unique('Caché');
    const res = await prescriberSw.post(`/programmes/${id}/needs`, {
      kind: 'person',
      deviceNeed: 'laptop',
      town: 'Olivet',
      reason: 'Formation en ligne',
      ...named({ lastName }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ lastName, personalVisible: true, can: { refer: true } });
    const seen = (await ownerManager.get(`/needs/${res.json().id}`)).json();
    expect(seen).toMatchObject({
      named: true,
      personalVisible: false,
      firstName: null,
      lastName: null,
      email: null,
      reason: null,
      can: { refer: false, complete: false, withdraw: true },
    });
    expect((await ownerManager.get(`/programmes/${id}/needs?q=${lastName}`)).json().items).toHaveLength(0);
    expect((await prescriberSw.get(`/programmes/${id}/needs?q=${lastName}`)).json().items).toHaveLength(1);
    // Seen but not the owner's to refer: 403.
    expect((await ownerSw.post(`/needs/${res.json().id}/referral`)).statusCode).toBe(403);
  });
});

describe('one-click referrals', () => {
  it('turns a public named need into a record, a consent and an eligible referral, in the owner’s name', async () => {
    const id = await programme();
    const lastName = unique('Durand');
    await publicNeed(id, named({ lastName, targetGroup: 'senior', postcode: '45100' }));
    const needId = await firstNeedId(id, { lastName });
    const res = await ownerSw.post(`/needs/${needId}/referral`);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.referral).toMatchObject({
      status: 'eligible',
      referringOrganisationId: owner.id,
      programmeId: id,
    });
    expect(body.need).toMatchObject({
      status: 'referred',
      beneficiaryId: body.beneficiaryId,
      referralId: body.referral.id,
      can: { refer: false, withdraw: false },
    });
    const [person] = await t.database.db
      .select()
      .from(beneficiaries)
      .where(eq(beneficiaries.id, body.beneficiaryId));
    expect(person).toMatchObject({
      referringOrganisationId: owner.id,
      firstName: 'Odile',
      lastName,
      city: 'Saint-Aubin',
      postcode: '45100',
      targetGroup: 'senior',
      deviceNeed: 'laptop',
    });
    const [consent] = await t.database.db
      .select()
      .from(consents)
      .where(eq(consents.beneficiaryId, body.beneficiaryId));
    expect(consent).toMatchObject({ givenOn: today(), withdrawnOn: null });
    expect([...(consent?.covers ?? [])].sort()).toEqual(['partners', 'referral']);
    // Twice: 409, nothing more.
    const again = await ownerSw.post(`/needs/${needId}/referral`);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('orienté');
  });

  it('evaluates eligibility as usual: a town the programme does not serve gives an ineligible referral', async () => {
    const id = await programme();
    const res = await prescriberSw.post(`/programmes/${id}/needs`, {
      kind: 'person',
      deviceNeed: 'tablet',
      town: 'Tours',
      ...named(),
    });
    const done = await prescriberSw.post(`/needs/${res.json().id}/referral`);
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json().referral).toMatchObject({
      status: 'ineligible',
      referringOrganisationId: prescriber.id,
    });
    expect(done.json().referral.eligibility.reasons.map((r: { code: string }) => r.code)).toContain(
      'city_not_covered',
    );
    // The owner now sees the referred person's need in full.
    expect((await ownerViewer.get(`/needs/${res.json().id}`)).json()).toMatchObject({ status: 'referred' });
  });

  it('leaves nothing behind when the referral is refused (the programme not open yet)', async () => {
    const next = addMonthsToDay(today(), 2);
    const id = await programme({ startsOn: next, endsOn: addMonthsToDay(next, 10) });
    await publicNeed(id, named());
    const needId = await firstNeedId(id);
    const count = async () =>
      (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(beneficiaries))[0]?.n;
    const before = await count();
    const res = await ownerSw.post(`/needs/${needId}/referral`);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().detail).toContain('hors de la période');
    expect(await count()).toBe(before);
    expect(await t.database.db.select().from(referrals).where(eq(referrals.programmeId, id))).toHaveLength(0);
    expect((await needsOf(id))[0]).toMatchObject({
      status: 'registered',
      beneficiaryId: null,
      referralId: null,
    });
  });

  it('refuses an anonymous need until it is completed with a name and consent', async () => {
    const id = await programme();
    await publicNeed(id, { town: 'Olivet' });
    const needId = await firstNeedId(id);
    const refused = await ownerSw.post(`/needs/${needId}/referral`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toContain('Compléter');
    const noConsent = await ownerSw.patch(`/needs/${needId}`, { firstName: 'Paul', lastName: 'Roux' });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().errors[0].path).toBe('consent');
    const completed = await ownerSw.patch(`/needs/${needId}`, {
      firstName: 'Paul',
      lastName: 'Roux',
      consent: true,
    });
    expect(completed.statusCode, completed.body).toBe(200);
    expect(completed.json()).toMatchObject({ named: true, can: { refer: true } });
    expect((await ownerViewer.patch(`/needs/${needId}`, { reason: 'x' })).statusCode).toBe(403);
    expect((await ownerSw.post(`/needs/${needId}/referral`)).statusCode).toBe(201);
  });

  it('converts several needs one by one, reporting each result', async () => {
    const id = await programme();
    await publicNeed(id, named({ lastName: 'Un' }));
    await publicNeed(id, { town: 'Olivet' });
    const rows = await needsOf(id);
    const namedId = rows.find((r) => r.lastName === 'Un')?.id as string;
    const anonymousId = rows.find((r) => !r.lastName)?.id as string;
    const unknown = '00000000-0000-4000-8000-000000000000';
    const res = await ownerSw.post(`/programmes/${id}/needs/referrals`, {
      needIds: [namedId, anonymousId, unknown],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      referred: 1,
      refused: 2,
      results: [
        { needId: namedId, outcome: 'referred', referralStatus: 'eligible' },
        { needId: anonymousId, outcome: 'refused', problem: { status: 422 } },
        { needId: unknown, outcome: 'refused', problem: { status: 404 } },
      ],
    });
  });
});

describe('withdrawal and isolation', () => {
  it('clears a withdrawn need’s personal fields and keeps its facts for the counts', async () => {
    const id = await programme();
    await publicNeed(id, named({ reason: 'Perte d’emploi' }));
    const needId = await firstNeedId(id);
    expect((await ownerViewer.post(`/needs/${needId}/withdraw`)).statusCode).toBe(403);
    const res = await ownerManager.post(`/needs/${needId}/withdraw`);
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await needsOf(id);
    expect(row).toMatchObject({
      status: 'withdrawn',
      firstName: null,
      lastName: null,
      email: null,
      phone: null,
      reason: null,
      consentGivenAt: null,
      town: 'Saint-Aubin',
      deviceNeed: 'laptop',
    });
    expect((await ownerManager.post(`/needs/${needId}/withdraw`)).statusCode).toBe(409);
    expect((await ownerSw.post(`/needs/${needId}/referral`)).statusCode).toBe(409);
  });

  it('shows nothing to another organisation (404), and a prescriber nothing of another’s needs', async () => {
    const id = await programme();
    await publicNeed(id, named());
    const needId = await firstNeedId(id);
    for (const res of [
      await strangerManager.get(`/programmes/${id}/needs`),
      await strangerManager.get(`/programmes/${id}/needs/summary`),
      await strangerManager.get(`/programmes/${id}/census-settings`),
      await strangerManager.put(`/programmes/${id}/census-settings`, { publicOpen: false }),
      await strangerManager.post(`/programmes/${id}/needs`, {
        kind: 'person',
        deviceNeed: 'laptop',
        town: 'Olivet',
      }),
      await strangerManager.get(`/needs/${needId}`),
      await strangerManager.patch(`/needs/${needId}`, { reason: 'x' }),
      await strangerManager.post(`/needs/${needId}/withdraw`),
      await strangerManager.post(`/needs/${needId}/referral`),
      await strangerManager.post(`/programmes/${id}/needs/referrals`, { needIds: [needId] }),
      // The prescribing partner does not see a public need (the owner's).
      await prescriberSw.get(`/needs/${needId}`),
      await prescriberSw.post(`/needs/${needId}/referral`),
    ])
      expect(res.statusCode).toBe(404);
    expect(
      (await prescriberSw.put(`/programmes/${id}/census-settings`, { publicOpen: false })).statusCode,
    ).toBe(404);
    expect((await needsOf(id))[0]).toMatchObject({ status: 'registered' });
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, needId), eq(auditLog.action, 'census_need.refer')));
    expect(audit).toHaveLength(0);
  });
});

describe('review fixes: personal data, duplicates, consent, administrators’ reads', () => {
  it('clears a need’s names, contact and reason once referred, and the person’s erasure clears the rest', async () => {
    const id = await programme();
    const lastName = unique('Effacé');
    await publicNeed(id, named({ lastName, postcode: '45100', reason: 'Démarches en ligne' }));
    const needId = await firstNeedId(id, { lastName });
    const done = await ownerSw.post(`/needs/${needId}/referral`);
    expect(done.statusCode, done.body).toBe(201);
    const [referred] = await t.database.db.select().from(censusNeeds).where(eq(censusNeeds.id, needId));
    expect(referred).toMatchObject({
      status: 'referred',
      firstName: null,
      lastName: null,
      email: null,
      phone: null,
      reason: null,
      town: 'Saint-Aubin',
      postcode: '45100',
      deviceNeed: 'laptop',
    });
    // The record holds them now.
    const record = (await ownerSw.get(`/beneficiaries/${done.json().beneficiaryId}`)).json();
    expect(record).toMatchObject({ lastName, email: 'odile.martin@example.org' });
    // A need referred before this rule still had them: the erasure through its route clears them.
    await t.database.db
      .update(censusNeeds)
      .set({ firstName: 'Odile', lastName, email: 'odile.martin@example.org', reason: 'x' })
      .where(eq(censusNeeds.id, needId));
    const erased = await ownerManager.post(`/beneficiaries/${done.json().beneficiaryId}/erasure`);
    expect(erased.statusCode, erased.body).toBe(200);
    const [after] = await t.database.db.select().from(censusNeeds).where(eq(censusNeeds.id, needId));
    expect(after).toMatchObject({
      firstName: null,
      lastName: null,
      email: null,
      phone: null,
      reason: null,
      postcode: null,
      town: 'Saint-Aubin',
      targetGroup: null,
      deviceNeed: 'laptop',
      status: 'referred',
    });
    // The counts still hold it.
    const summary = (await ownerManager.get(`/programmes/${id}/needs/summary`)).json();
    expect(summary.byStatus).toEqual([{ key: 'referred', count: 1 }]);
  });

  it('refuses to create a second record for a lookalike (409 listing it), then links or creates as told', async () => {
    const id = await programme();
    const lastName = unique('Doublon');
    const existing = await prescriberSw.post('/beneficiaries', {
      kind: 'person',
      firstName: 'Odile',
      lastName,
      birthYear: 1961,
      city: 'Olivet',
      consentGivenOn: today(),
      consent: { givenOn: today(), covers: ['referral'] },
    });
    expect(existing.statusCode, existing.body).toBe(201);
    const existingId = existing.json().id as string;
    const register = () =>
      prescriberSw.post(`/programmes/${id}/needs`, {
        kind: 'person',
        deviceNeed: 'laptop',
        town: 'Olivet',
        ...named({ lastName: lastName.toUpperCase() }),
      });
    const first = (await register()).json().id as string;
    const count = async () =>
      (
        await t.database.db
          .select({ n: sql<number>`count(*)::int` })
          .from(beneficiaries)
          .where(eq(beneficiaries.referringOrganisationId, prescriber.id))
      )[0]?.n;
    const before = await count();
    const refused = await prescriberSw.post(`/needs/${first}/referral`);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().detail).toContain('C’est la même personne');
    expect(refused.json().possibleDuplicates).toEqual([
      { id: existingId, displayName: `Odile ${lastName}`, birthYear: 1961, city: 'Olivet' },
    ]);
    expect(await count()).toBe(before);
    expect((await needsOf(id)).find((n) => n.id === first)).toMatchObject({ status: 'registered' });
    // Both choices at once: 400.
    const both = await prescriberSw.post(`/needs/${first}/referral`, {
      existingBeneficiaryId: existingId,
      createNew: true,
    });
    expect(both.statusCode).toBe(400);
    // Another organisation's record: refused, nothing linked.
    const other = await ownerSw.post('/beneficiaries', {
      kind: 'person',
      firstName: 'Odile',
      lastName,
      consentGivenOn: today(),
    });
    const foreign = await prescriberSw.post(`/needs/${first}/referral`, {
      existingBeneficiaryId: other.json().id,
    });
    expect([404, 422]).toContain(foreign.statusCode);
    // « C'est la même personne »: the need is linked to the record; the partners consent it lacked added.
    const linked = await prescriberSw.post(`/needs/${first}/referral`, { existingBeneficiaryId: existingId });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json()).toMatchObject({ beneficiaryId: existingId, need: { beneficiaryId: existingId } });
    expect(linked.json().referral).toMatchObject({ beneficiaryId: existingId, programmeId: id });
    expect(await count()).toBe(before);
    const given = await t.database.db.select().from(consents).where(eq(consents.beneficiaryId, existingId));
    expect(given).toHaveLength(2);
    expect(given.some((c) => c.covers.includes('partners'))).toBe(true);
    // « Créer une nouvelle fiche »: another need of the same name gets its own record.
    const second = (await register()).json().id as string;
    expect((await prescriberSw.post(`/needs/${second}/referral`)).statusCode).toBe(409);
    const fresh = await prescriberSw.post(`/needs/${second}/referral`, { createNew: true });
    expect(fresh.statusCode, fresh.body).toBe(201);
    expect(fresh.json().beneficiaryId).not.toBe(existingId);
    expect(await count()).toBe((before ?? 0) + 1);
    // In bulk, a need with lookalikes is reported refused (409), the others done.
    const third = (await register()).json().id as string;
    const bulk = await prescriberSw.post(`/programmes/${id}/needs/referrals`, { needIds: [third] });
    expect(bulk.json()).toMatchObject({ referred: 0, refused: 1, results: [{ problem: { status: 409 } }] });
  });

  it('copies the need’s contact onto the linked record where empty, keeps the record’s where it differs, and refuses a second referral (409)', async () => {
    const id = await programme();
    const lastName = unique('Contact');
    const existing = await prescriberSw.post('/beneficiaries', {
      kind: 'person',
      firstName: 'Odile',
      lastName,
      phone: '02 38 00 00 00',
      consentGivenOn: today(),
      consent: { givenOn: today(), covers: ['referral', 'partners'] },
    });
    expect(existing.statusCode, existing.body).toBe(201);
    const existingId = existing.json().id as string;
    const need = await prescriberSw.post(`/programmes/${id}/needs`, {
      kind: 'person',
      deviceNeed: 'laptop',
      town: 'Olivet',
      ...named({ lastName, email: 'Odile.Contact@example.org', phone: '06 99 88 77 66' }),
    });
    const needId = need.json().id as string;
    const linked = await prescriberSw.post(`/needs/${needId}/referral`, {
      existingBeneficiaryId: existingId,
    });
    expect(linked.statusCode, linked.body).toBe(201);
    // The e-mail the record lacked is copied; the record's own phone is kept, and the caller told so.
    expect(linked.json().notices).toEqual([
      {
        code: 'phone_differs',
        message: 'Le téléphone du besoin diffère de celui de la fiche : vérifiez la fiche.',
      },
    ]);
    const [record] = await t.database.db.select().from(beneficiaries).where(eq(beneficiaries.id, existingId));
    expect(record).toMatchObject({ email: 'odile.contact@example.org', phone: '02 38 00 00 00' });
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, existingId), eq(auditLog.action, 'beneficiary.update')));
    expect(audit.map((a) => a.fields)).toEqual([['email']]);
    expect(JSON.stringify(audit)).not.toContain('odile.contact');
    // The same contact in other spellings is no difference, and nothing is written (another programme).
    const other = await programme();
    const again = await prescriberSw.post(`/programmes/${other}/needs`, {
      kind: 'person',
      deviceNeed: 'tablet',
      town: 'Olivet',
      ...named({ lastName, email: 'ODILE.contact@example.org', phone: '02.38.00.00.00' }),
    });
    const quiet = await prescriberSw.post(`/needs/${again.json().id}/referral`, {
      existingBeneficiaryId: existingId,
    });
    expect(quiet.statusCode, quiet.body).toBe(201);
    expect(quiet.json().notices).toEqual([]);
    // Referring an already referred need, however asked: 409 (its state changed), with a clear message.
    for (const body of [undefined, { existingBeneficiaryId: existingId }, { createNew: true }]) {
      const twice = await prescriberSw.post(`/needs/${needId}/referral`, body);
      expect(twice.statusCode, twice.body).toBe(409);
      expect(twice.json().detail).toContain('déjà été orienté');
    }
  });

  it('asks for the consent again when a named need’s name or contact changes', async () => {
    const id = await programme();
    const res = await prescriberSw.post(`/programmes/${id}/needs`, {
      kind: 'person',
      deviceNeed: 'laptop',
      town: 'Olivet',
      ...named(),
    });
    const needId = res.json().id as string;
    const [before] = await t.database.db.select().from(censusNeeds).where(eq(censusNeeds.id, needId));
    // Facts only: no consent needed, the old one kept.
    const facts = await prescriberSw.patch(`/needs/${needId}`, { reason: 'Cours du soir', town: 'Ingré' });
    expect(facts.statusCode, facts.body).toBe(200);
    // The same e-mail in other letters is no change.
    expect(
      (await prescriberSw.patch(`/needs/${needId}`, { email: 'ODILE.martin@example.org' })).statusCode,
    ).toBe(200);
    const refused = await prescriberSw.patch(`/needs/${needId}`, { lastName: 'Lefèvre' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      { path: 'consent', message: expect.stringContaining('cochez l’accord') },
    ]);
    expect(
      (await prescriberSw.patch(`/needs/${needId}`, { phone: '07 00 00 00 00', consent: false })).statusCode,
    ).toBe(400);
    const [unchanged] = await t.database.db.select().from(censusNeeds).where(eq(censusNeeds.id, needId));
    expect(unchanged).toMatchObject({ lastName: before?.lastName, phone: '06 12 34 56 78' });
    expect(unchanged?.consentGivenAt?.getTime()).toBe(before?.consentGivenAt?.getTime());
    await new Promise((r) => setTimeout(r, 5));
    const ok = await prescriberSw.patch(`/needs/${needId}`, { lastName: 'Lefèvre', consent: true });
    expect(ok.statusCode, ok.body).toBe(200);
    const [after] = await t.database.db.select().from(censusNeeds).where(eq(censusNeeds.id, needId));
    expect(after?.lastName).toBe('Lefèvre');
    expect(after?.consentGivenAt?.getTime()).toBeGreaterThan(before?.consentGivenAt?.getTime() ?? 0);
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, needId), eq(auditLog.action, 'census_need.update')))
      .orderBy(sql`${auditLog.at} desc`)
      .limit(1);
    expect(entry?.fields).toEqual(expect.arrayContaining(['lastName', 'consentGivenAt']));
  });

  it('writes a platform administrator’s reads of named needs in the audit log, ids only', async () => {
    const id = await programme();
    const lastName = unique('Lue');
    const res = await prescriberSw.post(`/programmes/${id}/needs`, {
      kind: 'person',
      deviceNeed: 'laptop',
      town: 'Olivet',
      ...named({ lastName }),
    });
    const needId = res.json().id as string;
    await publicNeed(id, { town: 'Olivet' });
    const reads = () =>
      t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'census_need.read'), eq(auditLog.entityId, needId)));
    // The holder's own members read in their work: no entry.
    await prescriberSw.get(`/needs/${needId}`);
    await prescriberSw.get(`/programmes/${id}/needs`);
    expect(await reads()).toHaveLength(0);
    const admin = await t.admin();
    const one = await admin.get(`/needs/${needId}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({ lastName, personalVisible: true });
    const list = await admin.get(`/programmes/${id}/needs`);
    expect(list.json().items).toHaveLength(2);
    const entries = await reads();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      entityType: 'census_need',
      organisationId: prescriber.id,
      fields: [],
    });
    expect(JSON.stringify(entries)).not.toContain(lastName);
    // The anonymous need carries nothing personal: no entry for it.
    const anonymous = (await needsOf(id)).find((n) => !n.lastName)?.id as string;
    expect(
      await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'census_need.read'), eq(auditLog.entityId, anonymous))),
    ).toHaveLength(0);
  });
});
