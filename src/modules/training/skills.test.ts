import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp, unique } from '../../../test/support/app.ts';
import { today } from '../../lib/dates.ts';

let t: TestApp;
let ccas: { id: string };
let manager: ApiClient;
let socialWorker: ApiClient;
let trainer: ApiClient;
const year = today().slice(0, 4);

beforeAll(async () => {
  t = await startTestApp();
  ccas = await t.buildOrganisation({ kinds: ['prescriber', 'trainer'] });
  manager = (await t.member(ccas.id, 'manager')).client;
  socialWorker = (await t.member(ccas.id, 'social_worker')).client;
  trainer = (await t.member(ccas.id, 'trainer')).client;
});
afterAll(() => t.close());

async function person(): Promise<string> {
  const res = await socialWorker.post('/beneficiaries', {
    kind: 'person',
    firstName: unique('Jeanne'),
    lastName: 'Roux',
    consentGivenOn: `${year}-01-01`,
  });
  return res.json().id;
}

describe('competence grid', () => {
  it('starts with the five Pix areas, levels 0–3, and can be replaced by a manager', async () => {
    const grid = (await trainer.get(`/organisations/${ccas.id}/competence-grid`)).json();
    expect(grid).toMatchObject({ isDefault: true, maxLevel: 3 });
    expect(grid.areas.map((a: { code: string }) => a.code)).toEqual([
      'information',
      'communication',
      'content',
      'security',
      'environment',
    ]);
    expect(
      (await trainer.put(`/organisations/${ccas.id}/competence-grid`, { areas: grid.areas, maxLevel: 3 }))
        .statusCode,
    ).toBe(403);
    const org = await t.buildOrganisation({ kinds: ['trainer'] });
    const admin = (await t.member(org.id, 'admin')).client;
    const dup = await admin.put(`/organisations/${org.id}/competence-grid`, {
      areas: [
        { code: 'mail', label: 'E-mail' },
        { code: 'mail', label: 'Courriel' },
      ],
      maxLevel: 4,
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors[0].path).toBe('areas.1.code');
    const bad = await admin.put(`/organisations/${org.id}/competence-grid`, {
      areas: [{ code: 'Mail!', label: 'x' }],
      maxLevel: 4,
    });
    expect(bad.statusCode).toBe(400);
    const put = await admin.put(`/organisations/${org.id}/competence-grid`, {
      areas: [
        { code: 'mail', label: 'E-mail' },
        { code: 'procedures', label: 'Démarches en ligne' },
      ],
      maxLevel: 4,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ isDefault: false, maxLevel: 4 });
    expect((await admin.get(`/organisations/${org.id}/competence-grid`)).json().areas).toHaveLength(2);
  });
});

describe('skills assessments', () => {
  it('records entry then exit and shows them side by side', async () => {
    const id = await person();
    const entry = await trainer.post('/skills-assessments', {
      beneficiaryId: id,
      stage: 'entry',
      levels: { information: 0, communication: 1, security: 0 },
      autonomous: false,
      assessedOn: `${year}-01-05`,
      note: 'Découvre la souris',
    });
    expect(entry.statusCode, entry.body).toBe(201);
    expect(entry.json()).toMatchObject({
      stage: 'entry',
      organisationId: ccas.id,
      autonomous: false,
      assessorName: expect.any(String),
    });
    const exit = await trainer.post('/skills-assessments', {
      beneficiaryId: id,
      stage: 'exit',
      levels: { information: 2, communication: 3, security: 1 },
      autonomous: true,
    });
    expect(exit.statusCode, exit.body).toBe(201);
    const skills = (await socialWorker.get(`/beneficiaries/${id}/skills`)).json();
    expect(skills.assessments).toHaveLength(2);
    expect(skills.comparison.exit).toMatchObject({ autonomous: true });
    const byCode = new Map(skills.comparison.areas.map((a: { code: string }) => [a.code, a]));
    expect(byCode.get('communication')).toMatchObject({
      entry: 1,
      exit: 3,
      progress: 2,
      label: 'Communication et collaboration',
    });
    expect(byCode.get('content')).toMatchObject({ entry: null, exit: null, progress: null });
    const timeline = (await socialWorker.get(`/beneficiaries/${id}/timeline`)).json();
    expect((timeline.items ?? timeline).filter((e: { kind: string }) => e.kind === 'assessed')).toHaveLength(
      2,
    );
  });

  it('refuses an exit before any entry (422), unknown areas and levels out of range (400), a future day', async () => {
    const id = await person();
    const exit = await trainer.post('/skills-assessments', {
      beneficiaryId: id,
      stage: 'exit',
      autonomous: true,
    });
    expect(exit.statusCode).toBe(422);
    expect(exit.json().detail).toMatch(/évaluation d’entrée/);
    const wrong = await trainer.post('/skills-assessments', {
      beneficiaryId: id,
      stage: 'entry',
      levels: { cooking: 1, security: 7 },
      autonomous: false,
    });
    expect(wrong.statusCode).toBe(400);
    expect(
      wrong
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['levels.cooking', 'levels.security']);
    const future = await trainer.post('/skills-assessments', {
      beneficiaryId: id,
      stage: 'entry',
      autonomous: false,
      assessedOn: `${Number(year) + 1}-01-01`,
    });
    expect(future.statusCode).toBe(400);
    expect((await trainer.get(`/beneficiaries/${id}/skills`)).json().assessments).toEqual([]);
    // An exit dated before the entry does not count as following it.
    await trainer.post('/skills-assessments', {
      beneficiaryId: id,
      stage: 'entry',
      autonomous: false,
      assessedOn: today(),
    });
    const earlier = await trainer.post('/skills-assessments', {
      beneficiaryId: id,
      stage: 'exit',
      autonomous: true,
      assessedOn: `${year}-01-01`,
    });
    expect(earlier.statusCode).toBe(today() === `${year}-01-01` ? 201 : 422);
    // Social workers do not assess (403).
    expect(
      (
        await socialWorker.post('/skills-assessments', {
          beneficiaryId: id,
          stage: 'entry',
          autonomous: false,
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('anonymous activities', () => {
  it('records digital cafés without names and sums them by theme and age band', async () => {
    const org = await t.buildOrganisation({ kinds: ['trainer'] });
    const mediator = (await t.member(org.id, 'trainer')).client;
    const cafe = await mediator.post('/activities', {
      title: 'Café numérique du mardi',
      heldOn: `${year}-01-13`,
      durationMinutes: 120,
      participants: 9,
      ageBands: { '60-69': 4, '70+': 3, '40-59': 1 },
      themes: ['email', 'online_procedures'],
      placeType: 'venue',
      postcode: '45100',
    });
    expect(cafe.statusCode, cafe.body).toBe(201);
    expect(cafe.json()).toMatchObject({ participants: 9, organisationId: org.id });
    await mediator.post('/activities', {
      heldOn: `${year}-01-20`,
      durationMinutes: 90,
      participants: 5,
      ageBands: { '18-24': 2 },
      themes: ['email', 'job_search'],
      placeType: 'outreach',
    });
    const tooMany = await mediator.post('/activities', {
      durationMinutes: 60,
      participants: 2,
      ageBands: { '70+': 3 },
      placeType: 'venue',
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].path).toBe('ageBands');
    expect(
      (
        await mediator.post('/activities', {
          durationMinutes: 60,
          participants: 2,
          placeType: 'venue',
          firstName: 'x',
        })
      ).statusCode,
    ).toBe(400);

    const list = (await mediator.get('/activities?limit=1')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0].heldOn).toBe(`${year}-01-20`);
    expect(list.nextCursor).toEqual(expect.any(String));
    const next = (await mediator.get(`/activities?limit=1&cursor=${list.nextCursor}`)).json();
    expect(next.items[0].heldOn).toBe(`${year}-01-13`);
    expect(list.totals).toMatchObject({ activities: 2, participants: 14, durationMinutes: 210 });
    expect(list.totals.byTheme).toEqual([
      { theme: 'online_procedures', activities: 1, participants: 9 },
      { theme: 'email', activities: 2, participants: 14 },
      { theme: 'job_search', activities: 1, participants: 5 },
    ]);
    const bands = Object.fromEntries(
      list.totals.byAgeBand.map((b: { band: string; count: number }) => [b.band, b.count]),
    );
    expect(bands).toMatchObject({ '18-24': 2, '40-59': 1, '60-69': 4, '70+': 3, 'under-12': 0 });
    const filtered = (await mediator.get('/activities?theme=job_search')).json();
    expect(filtered.totals.activities).toBe(1);
    // Another organisation sees none of them.
    expect((await manager.get('/activities')).json().totals.activities).toBe(0);
    expect((await manager.get(`/activities?organisationId=${org.id}`)).statusCode).toBe(404);
  });
});
