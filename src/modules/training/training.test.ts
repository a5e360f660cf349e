import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp, unique } from '../../../test/support/app.ts';
import { today } from '../../lib/dates.ts';

let t: TestApp;
let ccas: { id: string };
let refurbisher: { id: string };
let manager: ApiClient;
let socialWorker: ApiClient;
let trainer: ApiClient;
let viewer: ApiClient;
let technician: ApiClient;
const year = today().slice(0, 4);
const period = { startsOn: `${year}-01-01`, endsOn: `${year}-12-31` };
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await startTestApp();
  ccas = await t.buildOrganisation({ kinds: ['prescriber', 'trainer'] });
  refurbisher = await t.buildOrganisation({ kinds: ['refurbisher'] });
  manager = (await t.member(ccas.id, 'manager')).client;
  socialWorker = (await t.member(ccas.id, 'social_worker')).client;
  trainer = (await t.member(ccas.id, 'trainer')).client;
  viewer = (await t.member(ccas.id, 'viewer')).client;
  technician = (await t.member(refurbisher.id, 'technician')).client;
});
afterAll(() => t.close());

async function programme(extra: Record<string, unknown> = {}): Promise<{ id: string }> {
  const res = await manager.post('/programmes', {
    name: unique('Former puis équiper '),
    mode: 'donation',
    ...period,
    trainingRequired: true,
    partners: [{ organisationId: refurbisher.id, role: 'refurbisher' }],
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function person(extra: Record<string, unknown> = {}): Promise<string> {
  const res = await socialWorker.post('/beneficiaries', {
    kind: 'person',
    firstName: unique('Nora'),
    lastName: 'Petit',
    consentGivenOn: `${year}-01-01`,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function referred(programmeId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const id = await person(extra);
  const referral = await socialWorker.post('/referrals', { beneficiaryId: id, programmeId });
  expect(referral.statusCode, referral.body).toBe(201);
  return id;
}

async function referralStatus(beneficiaryId: string, programmeId: string): Promise<string> {
  const items = (await manager.get(`/referrals?programmeId=${programmeId}&limit=500`)).json().items as {
    beneficiaryId: string;
    status: string;
  }[];
  return items.find((r) => r.beneficiaryId === beneficiaryId)?.status ?? 'none';
}

async function workshop(body: Record<string, unknown> = {}): Promise<{ id: string }> {
  const res = await trainer.post('/workshops', {
    title: unique('Premiers pas '),
    organisationId: ccas.id,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** `count` sessions of 3 hours, on the days before today (attendance is taken once they happened). */
async function pastSessions(workshopId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = count; i >= 1; i--) {
    const startsAt = new Date(Date.now() - i * 24 * HOUR);
    const res = await trainer.post(`/workshops/${workshopId}/sessions`, {
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3 * HOUR).toISOString(),
    });
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().id);
  }
  return ids;
}

async function enrol(workshopId: string, beneficiaryId: string, client: ApiClient = trainer) {
  return client.post(`/workshops/${workshopId}/enrolments`, { beneficiaryId });
}

describe('workshops', () => {
  it('creates a workshop for a programme, its organisation defaulting to the programme’s owner', async () => {
    const p = await programme();
    const res = await manager.post('/workshops', {
      programmeId: p.id,
      title: 'Initiation au numérique',
      format: 'intensive',
      place: 'Salle polyvalente',
      capacity: 12,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      organisationId: ccas.id,
      programmeId: p.id,
      format: 'intensive',
      completionThresholdPercent: 80,
      capacity: 12,
      sessions: [],
      can: { manage: true, enrol: true },
    });
    const one = await viewer.get(`/workshops/${res.json().id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().can).toMatchObject({ manage: false, enrol: false });
  });

  it('lists, searches and pages the workshops', async () => {
    const p = await programme();
    const tag = unique('Tablette');
    for (let i = 0; i < 3; i++) await workshop({ programmeId: p.id, title: `${tag} ${i}` });
    const first = (await trainer.get(`/workshops?q=${encodeURIComponent(tag)}&limit=2`)).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (
      await trainer.get(`/workshops?q=${encodeURIComponent(tag)}&limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const titles = [...first.items, ...second.items].map((w: { title: string }) => w.title).sort();
    expect(titles).toEqual([`${tag} 0`, `${tag} 1`, `${tag} 2`]);
    const byProgramme = (await trainer.get(`/workshops?programmeId=${p.id}`)).json().items;
    expect(byProgramme).toHaveLength(3);
  });

  it('changes a workshop; a viewer or a social worker may not (403); cancelling stops it', async () => {
    const w = await workshop();
    const patched = await trainer.patch(`/workshops/${w.id}`, {
      title: 'Atelier tablette',
      completionThresholdPercent: 75,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ title: 'Atelier tablette', completionThresholdPercent: 75 });
    expect((await viewer.patch(`/workshops/${w.id}`, { title: 'x' })).statusCode).toBe(403);
    expect(
      (
        await socialWorker.post(`/workshops/${w.id}/sessions`, {
          startsAt: new Date().toISOString(),
          endsAt: new Date(Date.now() + HOUR).toISOString(),
        })
      ).statusCode,
    ).toBe(403);
    const bad = await trainer.patch(`/workshops/${w.id}`, { completionThresholdPercent: 0 });
    expect(bad.statusCode).toBe(400);
    const closed = await trainer.patch(`/workshops/${w.id}`, { closed: true });
    expect(closed.json()).toMatchObject({ closedAt: expect.any(String), can: { enrol: false } });
    expect((await enrol(w.id, await person())).statusCode).toBe(409);
    expect((await trainer.patch(`/workshops/${w.id}`, { closed: false })).json().closedAt).toBeNull();
    const cancelled = await trainer.post(`/workshops/${w.id}/cancellation`, { reason: 'Salle indisponible' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().cancelledAt).not.toBeNull();
    expect((await trainer.post(`/workshops/${w.id}/cancellation`, { reason: 'again' })).statusCode).toBe(409);
    expect((await enrol(w.id, await person())).statusCode).toBe(409);
    expect((await trainer.get('/workshops')).json().items.map((x: { id: string }) => x.id)).not.toContain(
      w.id,
    );
    expect(
      (await trainer.get('/workshops?includeCancelled=true&limit=500'))
        .json()
        .items.map((x: { id: string }) => x.id),
    ).toContain(w.id);
  });

  it('refuses a programme the organisation does not train for (422)', async () => {
    const other = await t.buildOrganisation({ kinds: ['trainer'] });
    const p = await programme({ partners: [{ organisationId: other.id, role: 'trainer' }] });
    const admin = await t.admin();
    const third = await t.buildOrganisation({ kinds: ['trainer'] });
    const res = await admin.post('/workshops', {
      programmeId: p.id,
      organisationId: third.id,
      title: 'Hors programme',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toMatch(/partenaire formateur/);
  });
});

describe('sessions', () => {
  it('adds a session; refuses one that ends before it starts (400) or overlaps another (422), writing nothing', async () => {
    const w = await workshop();
    const startsAt = new Date(Date.now() + 48 * HOUR);
    const ok = await trainer.post(`/workshops/${w.id}/sessions`, {
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3 * HOUR).toISOString(),
      capacity: 10,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const backwards = await trainer.post(`/workshops/${w.id}/sessions`, {
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() - HOUR).toISOString(),
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].path).toBe('endsAt');
    const overlap = await trainer.post(`/workshops/${w.id}/sessions`, {
      startsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
      endsAt: new Date(startsAt.getTime() + 4 * HOUR).toISOString(),
    });
    expect(overlap.statusCode).toBe(422);
    expect(overlap.json().errors[0]).toMatchObject({
      path: 'startsAt',
      message: expect.stringMatching(/chevauche/),
    });
    expect((await trainer.get(`/workshops/${w.id}`)).json().sessions).toHaveLength(1);
  });

  it('refuses a session overlapping another workshop of the same trainer', async () => {
    const { user } = await t.member(ccas.id, 'trainer');
    const a = await workshop({ trainerUserId: user.id });
    const b = await workshop({ trainerUserId: user.id });
    const startsAt = new Date(Date.now() + 96 * HOUR);
    const slot = {
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
    };
    expect((await trainer.post(`/workshops/${a.id}/sessions`, slot)).statusCode).toBe(201);
    expect((await trainer.post(`/workshops/${b.id}/sessions`, slot)).statusCode).toBe(422);
    const stranger = await trainer.post('/workshops', {
      title: 'x',
      organisationId: ccas.id,
      trainerUserId: (await t.buildUser()).id,
    });
    expect(stranger.statusCode).toBe(400);
  });

  it('previews a recurrence without writing, then creates it, public holidays left out', async () => {
    const w = await workshop();
    const body = {
      weekdays: [1, 3, 5],
      startTime: '09:00',
      endTime: '12:00',
      firstDay: '2026-04-27',
      weeks: 5,
    };
    const preview = await trainer.post(`/workshops/${w.id}/sessions/recurrence`, { ...body, preview: true });
    expect(preview.statusCode, preview.body).toBe(200);
    const plan = preview.json();
    expect(plan.skipped.map((s: { day: string }) => s.day)).toEqual([
      '2026-05-01',
      '2026-05-08',
      '2026-05-25',
    ]);
    expect(plan.skipped[0]).toMatchObject({ holiday: 'labour_day', name: 'Fête du Travail' });
    expect(plan.sessions).toHaveLength(15 - 3);
    expect(plan.sessions[0]).toMatchObject({
      day: '2026-04-27',
      startsAt: '2026-04-27T07:00:00.000Z',
      id: null,
    });
    expect((await trainer.get(`/workshops/${w.id}`)).json().sessions).toHaveLength(0);
    const created = await trainer.post(`/workshops/${w.id}/sessions/recurrence`, body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().sessions.every((s: { id: string | null }) => s.id !== null)).toBe(true);
    expect((await trainer.get(`/workshops/${w.id}`)).json().sessionCount).toBe(12);
    // Again: every session overlaps one already there; nothing is written.
    const again = await trainer.post(`/workshops/${w.id}/sessions/recurrence`, body);
    expect(again.statusCode).toBe(422);
    expect(again.json().errors).toHaveLength(12);
    expect((await trainer.get(`/workshops/${w.id}`)).json().sessionCount).toBe(12);
    const wrong = await trainer.post(`/workshops/${w.id}/sessions/recurrence`, { ...body, startTime: '9h' });
    expect(wrong.statusCode).toBe(400);
  });
});

describe('enrolments and the waiting list', () => {
  it('enrols up to the capacity, then puts people on a waiting list in order; a withdrawal lets the first in', async () => {
    const p = await programme();
    const w = await workshop({ programmeId: p.id, capacity: 2 });
    const [a, b, c, d] = [
      await referred(p.id),
      await referred(p.id),
      await referred(p.id),
      await referred(p.id),
    ];
    const first = await enrol(w.id, a as string);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'enrolled', enrolledOn: today(), waitingPosition: null });
    expect((await enrol(w.id, b as string, socialWorker)).json().status).toBe('enrolled');
    const third = (await enrol(w.id, c as string)).json();
    const fourth = (await enrol(w.id, d as string)).json();
    expect(third).toMatchObject({ status: 'waiting', waitingPosition: 1 });
    expect(fourth).toMatchObject({ status: 'waiting', waitingPosition: 2 });
    expect((await enrol(w.id, a as string)).statusCode).toBe(409);
    expect(await referralStatus(a as string, p.id)).toBe('in_training');
    expect(await referralStatus(c as string, p.id)).toBe('eligible');

    const withdrawn = await trainer.post(`/enrolments/${first.json().id}/withdrawal`, {});
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', withdrawnOn: today() });
    expect(await referralStatus(a as string, p.id)).toBe('eligible');
    expect(await referralStatus(c as string, p.id)).toBe('in_training');
    const roster = (await trainer.get(`/workshops/${w.id}/enrolments`)).json().items;
    type Row = { beneficiaryId: string; status: string; waitingPosition: number | null };
    expect(roster.map((r: Row) => r.status)).toEqual(['enrolled', 'enrolled', 'waiting', 'withdrawn']);
    expect(
      roster
        .slice(0, 2)
        .map((r: Row) => r.beneficiaryId)
        .sort(),
    ).toEqual([b, c].sort());
    expect(roster.slice(2).map((r: Row) => [r.beneficiaryId, r.waitingPosition])).toEqual([
      [d, 1],
      [a, null],
    ]);
    expect((await trainer.post(`/enrolments/${first.json().id}/withdrawal`, {})).statusCode).toBe(409);
    // Capacity: never below the people enrolled; a larger one lets the next in.
    expect((await trainer.patch(`/workshops/${w.id}`, { capacity: 1 })).statusCode).toBe(422);
    const larger = await trainer.patch(`/workshops/${w.id}`, { capacity: 3 });
    expect(larger.json()).toMatchObject({ enrolledCount: 3, waitingCount: 0 });
  });

  it('refuses an erased person (422) and one the organisation cannot reach (404)', async () => {
    const p = await programme();
    const w = await workshop({ programmeId: p.id });
    const erased = await referred(p.id);
    expect((await manager.post(`/beneficiaries/${erased}/erasure`)).statusCode).toBe(200);
    expect((await enrol(w.id, erased)).statusCode).toBe(422);
    const elsewhere = await t.buildOrganisation();
    const theirs = (await t.member(elsewhere.id, 'social_worker')).client;
    const stranger = (
      await theirs.post('/beneficiaries', {
        kind: 'person',
        firstName: 'Zoé',
        lastName: 'Hors',
        consentGivenOn: `${year}-01-01`,
      })
    ).json().id;
    expect((await enrol(w.id, stranger)).statusCode).toBe(404);
    expect((await enrol(w.id, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('attendance and the completion rule', () => {
  it('moves the referral to trained at the threshold, back to in_training after a correction', async () => {
    const p = await programme();
    const w = await workshop({ programmeId: p.id, completionThresholdPercent: 80 });
    const sessions = await pastSessions(w.id, 5);
    const a = await referred(p.id);
    const b = await referred(p.id);
    await enrol(w.id, a);
    await enrol(w.id, b);
    for (const [i, s] of sessions.entries()) {
      const present = i < 4 ? [a, b] : [a];
      const res = await trainer.put(`/sessions/${s}/attendance`, { presentBeneficiaryIds: present });
      expect(res.statusCode, res.body).toBe(200);
    }
    // a: 5/5, b: 4/5 = 80 %.
    expect(await referralStatus(a, p.id)).toBe('trained');
    expect(await referralStatus(b, p.id)).toBe('trained');
    const detail = (await trainer.get(`/sessions/${sessions[4]}`)).json();
    expect(detail.attendance.find((x: { beneficiaryId: string }) => x.beneficiaryId === b).present).toBe(
      false,
    );
    // A correction: b was not there on the first day after all (3/5).
    await trainer.put(`/sessions/${sessions[0]}/attendance`, { presentBeneficiaryIds: [a] });
    expect(await referralStatus(b, p.id)).toBe('in_training');
    const roster = (await trainer.get(`/workshops/${w.id}/enrolments`)).json().items;
    const byId = new Map(roster.map((r: { beneficiaryId: string }) => [r.beneficiaryId, r]));
    expect(byId.get(a)).toMatchObject({
      attended: 5,
      sessions: 5,
      completed: true,
      referralStatus: 'trained',
    });
    expect(byId.get(b)).toMatchObject({
      attended: 3,
      sessions: 5,
      completed: false,
      referralStatus: 'in_training',
    });
    // Cancelling a session b missed: 3/4 = 75 %, still under; lowering the threshold to 75 completes it.
    const cancelled = await trainer.post(`/sessions/${sessions[4]}/cancellation`, {
      reason: 'Formatrice malade',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(await referralStatus(b, p.id)).toBe('in_training');
    await trainer.patch(`/workshops/${w.id}`, { completionThresholdPercent: 75 });
    expect(await referralStatus(b, p.id)).toBe('trained');
    const timeline = (await socialWorker.get(`/beneficiaries/${b}/timeline`)).json();
    const kinds = (timeline.items ?? timeline).map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['enrolled', 'status_changed', 'training_completed']));
  });

  it('honours the programme’s minimum number of sessions', async () => {
    const p = await programme({ trainingMinSessions: 4 });
    const w = await workshop({ programmeId: p.id });
    const sessions = await pastSessions(w.id, 3);
    const a = await referred(p.id);
    await enrol(w.id, a);
    for (const s of sessions) await trainer.put(`/sessions/${s}/attendance`, { presentBeneficiaryIds: [a] });
    expect(await referralStatus(a, p.id)).toBe('in_training');
  });

  it('takes attendance of enrolled people only (422 naming them), not of a session to come', async () => {
    const p = await programme();
    const w = await workshop({ programmeId: p.id });
    const [session] = await pastSessions(w.id, 1);
    const a = await referred(p.id);
    const notEnrolled = await referred(p.id);
    await enrol(w.id, a);
    const res = await trainer.put(`/sessions/${session}/attendance`, {
      presentBeneficiaryIds: [a, notEnrolled],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { path: 'presentBeneficiaryIds.1', message: expect.stringMatching(/pas inscrite/) },
    ]);
    expect((await trainer.get(`/sessions/${session}`)).json().attendance[0].present).toBeNull();
    const future = new Date(Date.now() + 72 * HOUR);
    const later = (
      await trainer.post(`/workshops/${w.id}/sessions`, {
        startsAt: future.toISOString(),
        endsAt: new Date(future.getTime() + HOUR).toISOString(),
      })
    ).json();
    expect(
      (await trainer.put(`/sessions/${later.id}/attendance`, { presentBeneficiaryIds: [a] })).statusCode,
    ).toBe(422);
    expect(
      (await viewer.put(`/sessions/${session}/attendance`, { presentBeneficiaryIds: [a] })).statusCode,
    ).toBe(403);
  });

  it('refuses an allocation before the training is completed, accepts it after', async () => {
    const p = await programme();
    const w = await workshop({ programmeId: p.id });
    const sessions = await pastSessions(w.id, 2);
    const a = await referred(p.id);
    await enrol(w.id, a);
    const device = (await technician.post('/devices', { type: 'laptop', storageGb: 0 })).json();
    for (const status of ['diagnosed', 'refurbishing', 'ready']) {
      expect((await technician.post(`/devices/${device.id}/status`, { status })).statusCode).toBe(200);
    }
    const before = await manager.post('/allocations', {
      programmeId: p.id,
      beneficiaryId: a,
      deviceId: device.id,
    });
    expect(before.statusCode).toBe(422);
    expect(before.json().detail).toMatch(/formation/);
    for (const s of sessions) await trainer.put(`/sessions/${s}/attendance`, { presentBeneficiaryIds: [a] });
    const after = await manager.post('/allocations', {
      programmeId: p.id,
      beneficiaryId: a,
      deviceId: device.id,
    });
    expect(after.statusCode, after.body).toBe(201);
  });
});
