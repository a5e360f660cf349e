import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp, unique } from '../../../test/support/app.ts';
import { auditLog } from '../audit/schema.ts';

/**
 * The budget and co-financing plan of a programme over 2026–2027, through the API: validation with the
 * messages people read, a funding's states (requested → granted → partly received → received; refused),
 * the payments' cap, derived lines' refusals, totals, and who may see and change what.
 */

let t: TestApp;
let manager: ApiClient;
let viewer: ApiClient;
let technician: ApiClient;
let owner: { id: string; name: string };
let region: { id: string; name: string };
let programmeId: string;

const en = { 'accept-language': 'en' };

beforeAll(async () => {
  t = await startTestApp();
  owner = await t.buildOrganisation({ kinds: ['prescriber'] });
  region = await t.buildOrganisation({ name: 'Région Centre-Val de Loire', kinds: ['funder'] });
  manager = (await t.member(owner.id, 'manager')).client;
  viewer = (await t.member(owner.id, 'viewer')).client;
  technician = (await t.member(owner.id, 'technician')).client;
  const res = await manager.post('/programmes', {
    name: unique('Programme budget '),
    startsOn: '2026-03-01',
    endsOn: '2027-12-31',
    mode: 'sale',
  });
  expect(res.statusCode, res.body).toBe(201);
  programmeId = res.json().id;
});

afterAll(async () => {
  await t?.close();
});

function line(fields: Record<string, unknown> = {}) {
  return {
    year: 2026,
    category: 'equipment',
    label: 'Ordinateurs reconditionnés',
    plannedCents: 500000,
    ...fields,
  };
}

function fieldMessage(res: { json(): unknown }, path: string): string {
  const body = res.json() as { errors?: { path: string; message: string }[] };
  return body.errors?.find((e) => e.path === path)?.message ?? '';
}

describe('budget lines', () => {
  it('adds an entered line with its committed and spent amounts, and changes it', async () => {
    const res = await manager.post(
      `/programmes/${programmeId}/budget-lines`,
      line({ committedCents: 300000, spentCents: 200000 }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      basis: 'entered',
      plannedCents: 500000,
      committedCents: 300000,
      spentCents: 200000,
    });
    const changed = await manager.patch(`/budget-lines/${res.json().id}`, { spentCents: 250000 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      committedCents: 300000,
      spentCents: 250000,
      plannedCents: 500000,
    });
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, res.json().id), eq(auditLog.action, 'budget_line.update')));
    expect(audit?.fields).toEqual(['spentCents']);
  });

  it('refuses a year outside the programme, naming its years', async () => {
    const res = await manager.post(`/programmes/${programmeId}/budget-lines`, line({ year: 2025 }));
    expect(res.statusCode).toBe(400);
    expect(fieldMessage(res, 'year')).toBe(
      'L’année 2025 est hors du programme, qui court de 2026 à 2027 : choisissez une année entre 2026 et 2027.',
    );
  });

  it('refuses negative or fractional amounts, in French and English', async () => {
    const negative = await manager.post(
      `/programmes/${programmeId}/budget-lines`,
      line({ plannedCents: -1 }),
    );
    expect(negative.statusCode).toBe(400);
    expect(fieldMessage(negative, 'plannedCents')).toContain('montant positif ou nul');
    const fraction = await manager.post(
      `/programmes/${programmeId}/budget-lines`,
      line({ committedCents: 10.5 }),
      en,
    );
    expect(fraction.statusCode).toBe(400);
    expect(fieldMessage(fraction, 'committedCents')).toContain('whole cents');
  });

  it('refuses typed amounts on a derived line, and a second derived line of the same basis and year', async () => {
    const typed = await manager.post(
      `/programmes/${programmeId}/budget-lines`,
      line({
        category: 'internet_aid',
        label: 'Aides internet',
        basis: 'internet_aids',
        committedCents: 1000,
      }),
    );
    expect(typed.statusCode).toBe(400);
    expect(fieldMessage(typed, 'committedCents')).toContain(
      '« calculé à partir des aides internet accordées » : ses montants engagé et dépensé sont calculés',
    );
    const first = await manager.post(
      `/programmes/${programmeId}/budget-lines`,
      line({
        category: 'internet_aid',
        label: 'Aides internet',
        basis: 'internet_aids',
        plannedCents: 90000,
      }),
    );
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ committedCents: null, spentCents: null });
    const second = await manager.post(
      `/programmes/${programmeId}/budget-lines`,
      line({ category: 'internet_aid', label: 'Aides internet bis', basis: 'internet_aids' }),
    );
    expect(second.statusCode).toBe(422);
    expect(second.json().detail).toContain(
      'Le budget 2026 a déjà une ligne « calculé à partir des aides internet accordées »',
    );
    // Another year is fine; turning an entered line into a derived one forgets its typed amounts.
    const entered = await manager.post(
      `/programmes/${programmeId}/budget-lines`,
      line({ year: 2027, category: 'equipment', label: 'Matériel', plannedCents: 100, committedCents: 50 }),
    );
    const turned = await manager.patch(`/budget-lines/${entered.json().id}`, { basis: 'handover_subsidies' });
    expect(turned.statusCode, turned.body).toBe(200);
    expect(turned.json()).toMatchObject({
      basis: 'handover_subsidies',
      committedCents: null,
      spentCents: null,
    });
    expect((await manager.delete(`/budget-lines/${entered.json().id}`)).statusCode).toBe(204);
  });
});

describe('co-financing', () => {
  it('goes requested → granted → partly received → received, with the payments capped', async () => {
    const created = await manager.post(`/programmes/${programmeId}/fundings`, {
      funderOrganisationId: region.id,
      requestedCents: 100000,
      requestedOn: '2026-01-15',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({
      funderLabel: 'Région Centre-Val de Loire',
      status: 'requested',
      receivedCents: 0,
      remainingCents: null,
    });

    const early = await manager.post(`/fundings/${id}/payments`, {
      receivedOn: '2026-03-01',
      amountCents: 1000,
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().detail).toContain('« demandé »');

    const over = await manager.patch(`/fundings/${id}`, { grantedCents: 120000 });
    expect(over.statusCode).toBe(400);
    expect(fieldMessage(over, 'grantedCents').replace(/[\u202f\u00a0]/g, ' ')).toBe(
      'Le montant accordé (1 200 €) dépasse le montant demandé (1 000 €) : corrigez l’un ou l’autre.',
    );

    const granted = await manager.patch(`/fundings/${id}`, {
      grantedCents: 80000,
      grantedOn: '2026-02-20',
      agreementReference: 'CVL-2026-0042',
      agreementStartsOn: '2026-03-01',
      agreementEndsOn: '2027-12-31',
    });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json()).toMatchObject({ status: 'granted', remainingCents: 80000 });

    const partly = await manager.post(`/fundings/${id}/payments`, {
      receivedOn: '2026-04-10',
      amountCents: 30000,
      reference: 'VIR-1',
    });
    expect(partly.statusCode, partly.body).toBe(201);
    expect(partly.json()).toMatchObject({
      status: 'partly_received',
      receivedCents: 30000,
      remainingCents: 50000,
    });

    // A payment dated after today: refused, saying why (fr and en), nothing recorded.
    const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
    const future = await manager.post(`/fundings/${id}/payments`, { receivedOn: tomorrow, amountCents: 100 });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('au plus tard aujourd’hui');
    const futureEn = await manager.post(
      `/fundings/${id}/payments`,
      { receivedOn: tomorrow, amountCents: 100 },
      en,
    );
    expect(futureEn.body).toContain('no later than today');
    expect((await manager.get(`/programmes/${programmeId}/budget`)).json().cofinancing.receivedCents).toBe(
      30000,
    );

    const tooMuch = await manager.post(
      `/fundings/${id}/payments`,
      { receivedOn: '2026-06-10', amountCents: 60000 },
      en,
    );
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().detail).toBe(
      'This payment of €600 is more than what remains to be received: €500 of €800 granted (€300 already received).',
    );

    const lower = await manager.patch(`/fundings/${id}`, { grantedCents: 20000 });
    expect(lower.statusCode).toBe(422);

    const rest = await manager.post(`/fundings/${id}/payments`, {
      receivedOn: '2026-06-10',
      amountCents: 50000,
    });
    expect(rest.json()).toMatchObject({ status: 'received', receivedCents: 80000, remainingCents: 0 });
    const extra = await manager.post(`/fundings/${id}/payments`, {
      receivedOn: '2026-07-10',
      amountCents: 1,
    });
    expect(extra.statusCode).toBe(422);

    // Deleting a funding with payments: the payments first.
    const refusedDelete = await manager.delete(`/fundings/${id}`);
    expect(refusedDelete.statusCode).toBe(409);
    expect(refusedDelete.json().detail).toContain('2 versement(s)');
    for (const payment of rest.json().payments as { id: string }[]) {
      expect((await manager.delete(`/funding-payments/${payment.id}`)).statusCode).toBe(200);
    }
    expect((await manager.delete(`/fundings/${id}`)).statusCode).toBe(204);
  });

  it('takes one of two payments racing past the amount granted, and refuses the other', async () => {
    const funding = await manager.post(`/programmes/${programmeId}/fundings`, {
      funderName: 'Département du Loiret',
      requestedCents: 10000,
      grantedCents: 10000,
    });
    const pay = () =>
      manager.post(`/fundings/${funding.json().id}/payments`, {
        receivedOn: '2026-06-01',
        amountCents: 6000,
      });
    const answers = (await Promise.all([pay(), pay()])).map((r) => r.statusCode).sort();
    expect(answers).toEqual([201, 422]);
    const after = (await manager.get(`/programmes/${programmeId}/fundings`)).json().items;
    expect(after.find((f: { id: string }) => f.id === funding.json().id)).toMatchObject({
      receivedCents: 6000,
      status: 'partly_received',
    });
  });

  it('refuses a request without a funder, with an unknown one, both granted and refused, or with dates reversed', async () => {
    const url = `/programmes/${programmeId}/fundings`;
    const none = await manager.post(url, { requestedCents: 1000 });
    expect(fieldMessage(none, 'funderName')).toContain('Indiquez le financeur');
    const unknown = await manager.post(url, {
      funderOrganisationId: '00000000-0000-4000-8000-000000000000',
      requestedCents: 1000,
    });
    expect(fieldMessage(unknown, 'funderOrganisationId')).toContain('n’existe pas dans l’annuaire');
    const both = await manager.post(url, {
      funderName: 'Fonds européens FSE+',
      requestedCents: 1000,
      grantedCents: 500,
      refusedOn: '2026-05-01',
    });
    expect(fieldMessage(both, 'refusedOn')).toContain('soit accordée');
    const dates = await manager.post(url, {
      funderName: 'Département',
      requestedCents: 1000,
      agreementStartsOn: '2026-05-01',
      agreementEndsOn: '2026-04-30',
    });
    expect(dates.statusCode).toBe(400);
    expect(fieldMessage(dates, 'agreementEndsOn')).toContain('avant d’avoir commencé');
  });

  it('a refused request takes no payment', async () => {
    const res = await manager.post(`/programmes/${programmeId}/fundings`, {
      funderName: 'Fonds européens FSE+',
      requestedCents: 50000,
      refusedOn: '2026-05-01',
    });
    expect(res.json()).toMatchObject({ status: 'refused', funderLabel: 'Fonds européens FSE+' });
    const paid = await manager.post(`/fundings/${res.json().id}/payments`, {
      receivedOn: '2026-06-01',
      amountCents: 10,
    });
    expect(paid.statusCode).toBe(422);
    expect(paid.json().detail).toContain('« refusé »');
  });
});

describe('the budget overview', () => {
  it('adds up the lines per year and overall, and what remains to be funded', async () => {
    const fresh = await manager.post('/programmes', {
      name: unique('Programme totaux '),
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
      mode: 'sale',
    });
    const id = fresh.json().id;
    const add = (body: Record<string, unknown>) => manager.post(`/programmes/${id}/budget-lines`, line(body));
    await add({ plannedCents: 500000, committedCents: 300000, spentCents: 200000 });
    await add({ year: 2027, category: 'staff', label: 'Temps de coordination', plannedCents: 250000 });
    await add({
      category: 'internet_aid',
      label: 'Aides internet',
      basis: 'internet_aids',
      plannedCents: 60000,
    });
    const granted = await manager.post(`/programmes/${id}/fundings`, {
      funderOrganisationId: region.id,
      requestedCents: 400000,
      grantedCents: 300000,
    });
    await manager.post(`/fundings/${granted.json().id}/payments`, {
      receivedOn: '2026-05-01',
      amountCents: 100000,
    });
    await manager.post(`/programmes/${id}/fundings`, { funderName: 'Département', requestedCents: 150000 });

    const res = await viewer.get(`/programmes/${id}/budget`);
    expect(res.statusCode, res.body).toBe(200);
    const budget = res.json();
    expect(budget.years).toEqual([2026, 2027]);
    expect([budget.coveredFrom, budget.coveredTo]).toEqual([2026, 2027]);
    expect(budget.totals.byYear).toEqual([
      { year: 2026, plannedCents: 560000, committedCents: 300000, spentCents: 200000 },
      { year: 2027, plannedCents: 250000, committedCents: 0, spentCents: 0 },
    ]);
    expect(budget.totals.overall).toEqual({
      plannedCents: 810000,
      committedCents: 300000,
      spentCents: 200000,
    });
    // No internet aid granted yet: the derived line shows 0, computed.
    expect(budget.lines.find((l: { basis: string }) => l.basis === 'internet_aids')).toMatchObject({
      committedCents: 0,
      spentCents: 0,
    });
    expect(budget.cofinancing).toEqual({
      requestedCents: 550000,
      grantedCents: 300000,
      receivedCents: 100000,
      pendingCents: 150000,
      unfundedCents: 510000,
      overfundedCents: 0,
    });
    expect(budget.can).toEqual({ edit: false });
    expect((await manager.get(`/programmes/${id}/budget`)).json().can).toEqual({ edit: true });
  });
});

describe('who may see and change a budget', () => {
  it('viewers read and may not change (403); other roles of the owner do not see it (404)', async () => {
    expect((await viewer.get(`/programmes/${programmeId}/budget-lines`)).statusCode).toBe(200);
    expect((await viewer.get(`/programmes/${programmeId}/fundings`)).statusCode).toBe(200);
    expect((await viewer.post(`/programmes/${programmeId}/budget-lines`, line())).statusCode).toBe(403);
    expect((await technician.get(`/programmes/${programmeId}/budget`)).statusCode).toBe(404);
    expect(
      (await technician.post(`/programmes/${programmeId}/fundings`, { funderName: 'X', requestedCents: 1 }))
        .statusCode,
    ).toBe(404);
  });

  it('organisation B neither reads nor changes A’s lines, fundings and payments (404); a platform administrator may', async () => {
    const other = await t.buildOrganisation({ kinds: ['prescriber'] });
    const outsider = (await t.member(other.id, 'admin')).client;
    const lineId = (
      await manager.post(`/programmes/${programmeId}/budget-lines`, line({ label: 'Isolation' }))
    ).json().id;
    const funding = await manager.post(`/programmes/${programmeId}/fundings`, {
      funderName: 'Agglomération',
      requestedCents: 10000,
      grantedCents: 10000,
    });
    const paid = await manager.post(`/fundings/${funding.json().id}/payments`, {
      receivedOn: '2026-05-01',
      amountCents: 4000,
    });
    const paymentId = paid.json().payments[0].id;

    const calls = [
      outsider.get(`/programmes/${programmeId}/budget`),
      outsider.get(`/programmes/${programmeId}/budget-lines`),
      outsider.get(`/programmes/${programmeId}/fundings`),
      outsider.post(`/programmes/${programmeId}/budget-lines`, line()),
      outsider.patch(`/budget-lines/${lineId}`, { plannedCents: 1 }),
      outsider.delete(`/budget-lines/${lineId}`),
      outsider.post(`/programmes/${programmeId}/fundings`, { funderName: 'X', requestedCents: 1 }),
      outsider.patch(`/fundings/${funding.json().id}`, { requestedCents: 1 }),
      outsider.delete(`/fundings/${funding.json().id}`),
      outsider.post(`/fundings/${funding.json().id}/payments`, { receivedOn: '2026-05-02', amountCents: 1 }),
      outsider.delete(`/funding-payments/${paymentId}`),
    ];
    for (const res of await Promise.all(calls)) expect(res.statusCode, res.body).toBe(404);

    // Nothing changed.
    const lines = (await manager.get(`/programmes/${programmeId}/budget-lines`)).json().items;
    expect(lines.find((l: { id: string }) => l.id === lineId)).toMatchObject({ plannedCents: 500000 });
    const after = (await manager.get(`/programmes/${programmeId}/fundings`)).json().items;
    expect(after.find((f: { id: string }) => f.id === funding.json().id)).toMatchObject({
      requestedCents: 10000,
      receivedCents: 4000,
    });

    const admin = await t.admin();
    const byAdmin = await admin.patch(`/budget-lines/${lineId}`, { plannedCents: 400000 });
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
  });
});
