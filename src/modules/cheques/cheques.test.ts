import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/app.ts';
import { readPdf } from '../../../test/support/pdf.ts';
import { today } from '../../lib/dates.ts';
import { fundings } from '../budgets/schema.ts';
import { shiftDay } from '../training/calendar.ts';

/**
 * Training cheques end to end through the API, with known numbers: an association runs a workshop for
 * its programme; people hand over pass numérique and regional cheques at past sessions; a manager sends
 * a batch, the issuer pays part of it back and refuses one cheque. Another organisation sees none of it.
 */
let t: TestApp;
let manager: ApiClient;
let trainer: ApiClient;
let viewer: ApiClient;
let technician: ApiClient;
let otherManager: ApiClient;
let otherTrainer: ApiClient;
const ids: Record<string, string> = {};
const T = today();
const year = T.slice(0, 4);

/** A session `daysAgo` days ago (UTC hours; the same calendar day in Paris), planned ahead then moved back. */
async function pastSession(workshopId: string | undefined, daysAgo: number, hours: number): Promise<string> {
  const start = new Date(`${shiftDay(T, 400)}T09:00:00Z`);
  const res = await trainer.post(`/workshops/${workshopId}/sessions`, {
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + hours * 3_600_000).toISOString(),
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const day = shiftDay(T, -daysAgo);
  await t.database.pool.query(
    `UPDATE workshop_sessions SET starts_at = $2::timestamptz, ends_at = $2::timestamptz + make_interval(hours => $3)
      WHERE id = $1`,
    [id, `${day}T09:00:00Z`, hours],
  );
  return id;
}

const record = (client: ApiClient, session: string | undefined, body: Record<string, unknown>) =>
  client.post(`/sessions/${session}/cheques`, body);
const pass = (beneficiaryId: string | undefined, numbers: string[], expiresOn = shiftDay(T, 200)) => ({
  beneficiaryId,
  issuer: 'pass_numerique',
  numbers,
  expiresOn,
});
const fieldMessages = (body: string) =>
  ((JSON.parse(body).errors ?? []) as { message: string }[]).map((e) => e.message).join(' | ');

type Listed = { issuer: string; valueCents: number };
type Tally = { count: number; cents: number };
/** Every cheque the list endpoint gives for a filter, all pages, tallied per issuer. */
async function listedTallies(status?: string): Promise<Record<string, Tally>> {
  const tallies: Record<string, Tally> = {};
  let cursor: string | null = null;
  do {
    const query: string = [status ? `status=${status}` : '', 'limit=100', cursor ? `cursor=${cursor}` : '']
      .filter(Boolean)
      .join('&');
    const page = (await viewer.get(`/organisations/${ids.org}/cheques?${query}`)).json();
    for (const c of page.items as Listed[]) {
      const tally = tallies[c.issuer] ?? { count: 0, cents: 0 };
      tallies[c.issuer] = { count: tally.count + 1, cents: tally.cents + c.valueCents };
    }
    cursor = page.nextCursor;
  } while (cursor);
  return tallies;
}
const plus = (...xs: (Tally | undefined)[]): Tally =>
  xs.reduce<Tally>((a, x) => ({ count: a.count + (x?.count ?? 0), cents: a.cents + (x?.cents ?? 0) }), {
    count: 0,
    cents: 0,
  });

/**
 * The summary checked against what is listed and what the batches hold: received = every listed cheque,
 * pending = the pending filter, sent = sent + reimbursed + rejected filters = the batches' cheques; the
 * pending and sent filters together are every cheque; rejected and reimbursed as the batches say.
 */
async function expectSummaryMatchesLists() {
  const summary = (await viewer.get(`/organisations/${ids.org}/cheque-summary`)).json();
  const [all, pending, sent, reimbursed, rejected] = await Promise.all(
    [undefined, 'pending', 'sent', 'reimbursed', 'rejected'].map((f) => listedTallies(f)),
  );
  const batches = (await viewer.get(`/organisations/${ids.org}/cheque-batches?limit=100`)).json().items as {
    issuer: string;
    chequeCount: number;
    sentCents: number;
    rejectedCount: number;
    rejectedCents: number;
    acceptedCents: number;
    reimbursedCents: number | null;
  }[];
  const issuers = Object.keys(all ?? {}).sort();
  expect(summary.byIssuer.map((r: { issuer: string }) => r.issuer).sort()).toEqual(issuers);
  for (const row of summary.byIssuer) {
    const i = row.issuer as string;
    const inBatches = batches.filter((b) => b.issuer === i);
    expect(row.received, i).toEqual(plus(all?.[i]));
    expect(row.pending, i).toEqual(plus(pending?.[i]));
    expect(row.sent, i).toEqual(plus(sent?.[i], reimbursed?.[i], rejected?.[i]));
    expect(plus(row.pending, row.sent), i).toEqual(plus(all?.[i]));
    expect(row.sent, i).toEqual({
      count: inBatches.reduce((n, b) => n + b.chequeCount, 0),
      cents: inBatches.reduce((n, b) => n + b.sentCents, 0),
    });
    expect(row.rejected, i).toEqual(plus(rejected?.[i]));
    expect(row.rejected, i).toEqual({
      count: inBatches.reduce((n, b) => n + b.rejectedCount, 0),
      cents: inBatches.reduce((n, b) => n + b.rejectedCents, 0),
    });
    expect(row.reimbursedCents, i).toBe(inBatches.reduce((n, b) => n + (b.reimbursedCents ?? 0), 0));
    expect(row.reimbursedCents).toBeLessThanOrEqual(row.sent.cents - row.rejected.cents);
  }
  expect(summary.total.received).toEqual(plus(...Object.values(all ?? {})));
  return summary;
}

beforeAll(async () => {
  t = await startTestApp();
  const org = await t.buildOrganisation({ kinds: ['prescriber', 'trainer', 'association'] });
  const other = await t.buildOrganisation({ kinds: ['trainer'] });
  ids.org = org.id;
  ids.other = other.id;
  manager = (await t.member(org.id, 'manager')).client;
  trainer = (await t.member(org.id, 'trainer')).client;
  viewer = (await t.member(org.id, 'viewer')).client;
  technician = (await t.member(org.id, 'technician')).client;
  const socialWorker = (await t.member(org.id, 'social_worker')).client;
  otherManager = (await t.member(other.id, 'manager')).client;
  otherTrainer = (await t.member(other.id, 'trainer')).client;
  const programme = await manager.post('/programmes', {
    name: 'Ateliers numériques',
    mode: 'donation',
    startsOn: `${Number(year) - 1}-01-01`,
    endsOn: `${Number(year) + 1}-12-31`,
  });
  expect(programme.statusCode, programme.body).toBe(201);
  ids.programme = programme.json().id;
  const person = async (firstName: string) => {
    const res = await socialWorker.post('/beneficiaries', {
      kind: 'person',
      firstName,
      lastName: 'Dupont',
      consentGivenOn: `${year}-01-01`,
    });
    expect(res.statusCode, res.body).toBe(201);
    await socialWorker.post('/referrals', { beneficiaryId: res.json().id, programmeId: ids.programme });
    return res.json().id as string;
  };
  ids.p1 = await person('Alice');
  ids.p2 = await person('Bruno');
  ids.p3 = await person('Chloé');
  const workshop = await trainer.post('/workshops', { programmeId: ids.programme, title: 'Premiers pas' });
  expect(workshop.statusCode, workshop.body).toBe(201);
  ids.workshop = workshop.json().id;
  for (const p of [ids.p1, ids.p2]) {
    const res = await trainer.post(`/workshops/${ids.workshop}/enrolments`, { beneficiaryId: p });
    expect(res.statusCode, res.body).toBe(201);
  }
  ids.s1 = await pastSession(ids.workshop, 10, 2);
  ids.s2 = await pastSession(ids.workshop, 5, 3);
  ids.s3 = await pastSession(ids.workshop, 3, 2);
  const future = await trainer.post(`/workshops/${ids.workshop}/sessions`, {
    startsAt: `${shiftDay(T, 30)}T09:00:00Z`,
    endsAt: `${shiftDay(T, 30)}T11:00:00Z`,
  });
  ids.future = future.json().id;
  // Attendance of the second session: Alice came, Bruno did not.
  const marked = await trainer.put(`/sessions/${ids.s2}/attendance`, { presentBeneficiaryIds: [ids.p1] });
  expect(marked.statusCode, marked.body).toBe(200);
});
afterAll(() => t.close());

describe('recording cheques at a session', () => {
  it('records a pass numérique cheque worth 10 € on the session’s day', async () => {
    const res = await record(trainer, ids.s1, pass(ids.p1, ['PN-001']));
    expect(res.statusCode, res.body).toBe(201);
    const [cheque] = res.json().items;
    expect(cheque).toMatchObject({
      number: 'PN-001',
      valueCents: 1000,
      receivedOn: shiftDay(T, -10),
      status: 'pending',
      expiry: null,
      personName: 'Alice Dupont',
      workshopTitle: 'Premiers pas',
    });
    expect(res.json().warnings).toEqual([]);
    ids.pn1 = cheque.id;
  });

  it('caps the pass numérique at one cheque per started two hours of the session, per person', async () => {
    const second = await record(trainer, ids.s1, pass(ids.p1, ['PN-009']));
    expect(second.statusCode).toBe(422);
    expect(fieldMessages(second.body)).toContain('Au plus 1 chèque(s) pass numérique');
    // Three hours: two cheques, given at once.
    const two = await record(trainer, ids.s2, pass(ids.p1, ['PN-002', 'PN-003']));
    expect(two.statusCode, two.body).toBe(201);
    expect(two.json().items.map((c: { number: string }) => c.number)).toEqual(['PN-002', 'PN-003']);
    const third = await record(trainer, ids.s2, pass(ids.p1, ['PN-010']));
    expect(third.statusCode).toBe(422);
    expect(fieldMessages(third.body)).toContain('2 déjà reçu(s)');
  });

  it('holds the pass numérique at 10 € and asks the value of other cheques', async () => {
    const dear = await record(trainer, ids.s3, { ...pass(ids.p1, ['PN-020']), valueCents: 2000 });
    expect(dear.statusCode).toBe(422);
    expect(fieldMessages(dear.body)).toContain('vaut 10 €');
    const noValue = await record(trainer, ids.s3, {
      beneficiaryId: ids.p1,
      issuer: 'regional',
      numbers: ['RC-9'],
      expiresOn: shiftDay(T, 100),
    });
    expect(noValue.statusCode).toBe(400);
    const unnamed = await record(trainer, ids.s3, {
      beneficiaryId: ids.p1,
      issuer: 'other',
      numbers: ['X-1'],
      valueCents: 5000,
      expiresOn: shiftDay(T, 100),
    });
    expect(unnamed.statusCode).toBe(400);
    expect(fieldMessages(unnamed.body)).toContain('Nommez l’émetteur');
  });

  it('refuses a number already recorded for the issuer (409 naming it) or repeated in the list', async () => {
    const again = await record(trainer, ids.s3, pass(ids.p2, ['PN-001']));
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('PN-001');
    const twice = await record(trainer, ids.s3, pass(ids.p2, ['PN-030', ' PN-030 ']));
    expect(twice.statusCode).toBe(400);
    expect(fieldMessages(twice.body)).toContain('PN-030');
    const english = await trainer.post(`/sessions/${ids.s3}/cheques`, pass(ids.p2, ['PN-001']), {
      'accept-language': 'en',
    });
    expect(english.json().detail).toBe('Cheque no. PN-001 of this issuer is already recorded.');
  });

  it('lets exactly one of two simultaneous recordings of the same number through', async () => {
    const both = await Promise.all([
      record(trainer, ids.s3, pass(ids.p2, ['PN-RACE'])),
      record(manager, ids.s1, pass(ids.p2, ['PN-RACE'])),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const kept = both.find((r) => r.statusCode === 201);
    expect((await trainer.delete(`/cheques/${kept?.json().items[0].id}`)).statusCode).toBe(204);
  });

  it('needs the person enrolled in the workshop and, once attendance is taken, present', async () => {
    const outsider = await record(trainer, ids.s1, pass(ids.p3, ['PN-040']));
    expect(outsider.statusCode).toBe(422);
    expect(fieldMessages(outsider.body)).toContain('n’est pas inscrite');
    const absent = await record(trainer, ids.s2, pass(ids.p2, ['PN-041']));
    expect(absent.statusCode).toBe(422);
    expect(fieldMessages(absent.body)).toContain('absente');
  });

  it('refuses a session to come, an expired cheque and a pass numérique valid more than a year', async () => {
    const future = await record(trainer, ids.future, pass(ids.p1, ['PN-050']));
    expect(future.statusCode).toBe(422);
    const expired = await record(trainer, ids.s1, pass(ids.p2, ['PN-051'], shiftDay(T, -11)));
    expect(expired.statusCode).toBe(422);
    expect(fieldMessages(expired.body)).toContain('n’était plus valable');
    const tooLong = await record(trainer, ids.s1, pass(ids.p2, ['PN-052'], shiftDay(T, 400)));
    expect(tooLong.statusCode).toBe(422);
    expect(fieldMessages(tooLong.body)).toContain('valable un an');
    const list = await manager.get(`/organisations/${ids.org}/cheques?q=PN-05`);
    expect(list.json().items).toEqual([]);
  });

  it('warns of a cheque expired since the session and of one expiring within 30 days', async () => {
    const old = await record(trainer, ids.s1, pass(ids.p2, ['PN-004'], shiftDay(T, -2)));
    expect(old.statusCode, old.body).toBe(201);
    expect(old.json().items[0]).toMatchObject({ expiry: 'expired', daysLeft: -2 });
    expect(old.json().warnings).toEqual([expect.stringContaining('PN-004 a expiré')]);
    const soon = await record(trainer, ids.s3, pass(ids.p1, ['PN-005'], shiftDay(T, 10)));
    expect(soon.json().items[0]).toMatchObject({ expiry: 'expiring', daysLeft: 10 });
    expect(soon.json().warnings).toEqual([expect.stringContaining('PN-005 expire')]);
    const regional = await record(trainer, ids.s3, {
      beneficiaryId: ids.p2,
      issuer: 'regional',
      issuerName: 'Région Centre-Val de Loire',
      numbers: ['RC-1'],
      valueCents: 10000,
      expiresOn: shiftDay(T, 300),
    });
    expect(regional.statusCode, regional.body).toBe(201);
    ids.rc1 = regional.json().items[0].id;
  });

  it('lists with filters: pending, expired, expiring, issuer, number', async () => {
    const get = async (query: string) =>
      (
        (await viewer.get(`/organisations/${ids.org}/cheques?${query}`)).json().items as { number: string }[]
      ).map((c) => c.number);
    // Soonest expiry first (the three of the same day in no particular order).
    const pending = await get('status=pending');
    expect(pending.slice(0, 2)).toEqual(['PN-004', 'PN-005']);
    expect(pending.slice(2, 5).sort()).toEqual(['PN-001', 'PN-002', 'PN-003']);
    expect(pending[5]).toBe('RC-1');
    expect(await get('status=expired')).toEqual(['PN-004']);
    expect(await get('status=expiring')).toEqual(['PN-005']);
    expect(await get('issuer=regional')).toEqual(['RC-1']);
    expect(await get('q=pn-00')).toHaveLength(5);
    const page = (await viewer.get(`/organisations/${ids.org}/cheques?status=pending&limit=4`)).json();
    const next = await viewer.get(
      `/organisations/${ids.org}/cheques?status=pending&limit=4&cursor=${page.nextCursor}`,
    );
    const rest = next.json().items.map((c: { number: string }) => c.number);
    expect([...page.items.map((c: { number: string }) => c.number), ...rest]).toEqual(pending);
    expect((await technician.get(`/organisations/${ids.org}/cheques`)).statusCode).toBe(404);
    const atSession = await trainer.get(`/sessions/${ids.s2}/cheques`);
    expect(atSession.json().map((c: { number: string }) => c.number)).toEqual(['PN-002', 'PN-003']);
  });

  it('corrects or deletes a pending cheque (trainer), not a viewer', async () => {
    const wrong = await record(trainer, ids.s3, pass(ids.p2, ['PN-06']));
    expect(wrong.statusCode, wrong.body).toBe(201);
    const id = wrong.json().items[0].id;
    expect((await viewer.patch(`/cheques/${id}`, { number: 'PN-060' })).statusCode).toBe(403);
    const fixed = await trainer.patch(`/cheques/${id}`, { number: 'PN-060' });
    expect(fixed.json().number).toBe('PN-060');
    expect((await trainer.patch(`/cheques/${id}`, { number: 'PN-001' })).statusCode).toBe(409);
    expect((await trainer.delete(`/cheques/${id}`)).statusCode).toBe(204);
    expect((await trainer.delete(`/cheques/${id}`)).statusCode).toBe(404);
  });
});

describe('batches and reimbursement', () => {
  it('reconciles before any batch: everything received is pending', async () => {
    const summary = (await manager.get(`/organisations/${ids.org}/cheque-summary`)).json();
    expect(summary.byIssuer).toMatchObject([
      {
        issuer: 'pass_numerique',
        received: { count: 5, cents: 5000 },
        pending: { count: 5, cents: 5000 },
        sent: { count: 0, cents: 0 },
        expired: { count: 1, cents: 1000 },
        expiring: { count: 1, cents: 1000 },
      },
      { issuer: 'regional', received: { count: 1, cents: 10000 }, pending: { count: 1, cents: 10000 } },
    ]);
    expect(summary.total.received).toEqual({ count: 6, cents: 15000 });
  });

  it('refuses a batch sent after today, and nothing is made', async () => {
    const pending = (
      await manager.get(`/organisations/${ids.org}/cheques?status=pending&issuer=pass_numerique`)
    )
      .json()
      .items.map((c: { id: string }) => c.id);
    const body = { issuer: 'pass_numerique', chequeIds: pending, sentOn: shiftDay(T, 1) };
    const res = await manager.post(`/organisations/${ids.org}/cheque-batches`, body);
    expect(res.statusCode).toBe(422);
    expect(fieldMessages(res.body)).toContain('après aujourd’hui');
    const en = await manager.post(`/organisations/${ids.org}/cheque-batches`, body, {
      'accept-language': 'en',
    });
    expect(fieldMessages(en.body)).toContain('cannot be sent after today');
    expect((await manager.get(`/organisations/${ids.org}/cheque-batches`)).json().items).toEqual([]);
  });

  it('blames the cheques of the other issuer name, not the batch’s main issuer', async () => {
    const regional = (numbers: string[], issuerName: string) =>
      record(trainer, ids.s3, {
        beneficiaryId: ids.p1,
        issuer: 'regional',
        issuerName,
        numbers,
        valueCents: 10000,
        expiresOn: shiftDay(T, 300),
      });
    const centre = await regional(['RC-2'], 'Région Centre-Val de Loire');
    const bretagne = await regional(['RB-7'], 'Région Bretagne');
    expect(centre.statusCode, centre.body).toBe(201);
    expect(bretagne.statusCode, bretagne.body).toBe(201);
    // Give the odd one out the lowest id (where the reference name used to be taken from).
    const odd = '00000000-0000-4000-8000-000000000001';
    await t.database.pool.query('UPDATE training_cheques SET id = $2 WHERE id = $1', [
      bretagne.json().items[0].id,
      odd,
    ]);
    const chequeIds = [ids.rc1, centre.json().items[0].id, odd];
    const mixed = await manager.post(`/organisations/${ids.org}/cheque-batches`, {
      issuer: 'regional',
      chequeIds,
    });
    expect(mixed.statusCode).toBe(422);
    const errors = mixed.json().errors as { path: string; message: string }[];
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('n° RB-7');
    expect(errors[0]?.message).toContain('Région Bretagne');
    // The two kept regional cheques are deleted again: the summary follows (the reconciliation below).
    for (const id of [centre.json().items[0].id, odd]) {
      expect((await trainer.delete(`/cheques/${id}`)).statusCode).toBe(204);
    }
    await expectSummaryMatchesLists();
  });

  it('makes a batch of one issuer’s pending cheques (managers only)', async () => {
    const pending = (
      await manager.get(`/organisations/${ids.org}/cheques?status=pending&issuer=pass_numerique`)
    ).json().items as { id: string; number: string }[];
    const chosen = pending.filter((c) => c.number !== 'PN-005');
    ids.pn4 = pending.find((c) => c.number === 'PN-004')?.id ?? '';
    const body = { issuer: 'pass_numerique', chequeIds: chosen.map((c) => c.id), reference: 'Envoi 1' };
    expect((await trainer.post(`/organisations/${ids.org}/cheque-batches`, body)).statusCode).toBe(403);
    expect((await technician.post(`/organisations/${ids.org}/cheque-batches`, body)).statusCode).toBe(404);
    const mixed = await manager.post(`/organisations/${ids.org}/cheque-batches`, {
      ...body,
      chequeIds: [...body.chequeIds, ids.rc1],
    });
    expect(mixed.statusCode).toBe(422);
    expect(fieldMessages(mixed.body)).toContain('RC-1');
    const res = await manager.post(`/organisations/${ids.org}/cheque-batches`, body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ chequeCount: 4, sentCents: 4000, sentOn: T, reimbursedOn: null });
    ids.batch = res.json().id;
    const again = await manager.post(`/organisations/${ids.org}/cheque-batches`, body);
    expect(again.statusCode).toBe(409);
    // A sent cheque no longer changes.
    const edit = await trainer.patch(`/cheques/${ids.pn1}`, { expiresOn: shiftDay(T, 100) });
    expect(edit.statusCode).toBe(409);
    expect((await trainer.delete(`/cheques/${ids.pn1}`)).statusCode).toBe(409);
  });

  it('records a partial reimbursement with a rejected cheque, never more than the accepted value', async () => {
    const reject = [{ chequeId: ids.pn4, reason: 'Chèque périmé' }];
    const tooMuch = await manager.post(`/cheque-batches/${ids.batch}/reimbursement`, {
      reimbursedOn: T,
      reimbursedCents: 3500,
      rejected: reject,
    });
    expect(tooMuch.statusCode).toBe(422);
    const future = await manager.post(`/cheque-batches/${ids.batch}/reimbursement`, {
      reimbursedOn: shiftDay(T, 1),
      reimbursedCents: 2500,
      rejected: reject,
    });
    expect(future.statusCode).toBe(422);
    expect(fieldMessages(future.body)).toContain('après aujourd’hui');
    expect(fieldMessages(tooMuch.body)).toMatch(/35\s€.*30\s€/);
    const before = await manager.post(`/cheque-batches/${ids.batch}/reimbursement`, {
      reimbursedOn: shiftDay(T, -1),
      reimbursedCents: 2500,
      rejected: reject,
    });
    expect(before.statusCode).toBe(422);
    const res = await manager.post(`/cheque-batches/${ids.batch}/reimbursement`, {
      reimbursedOn: T,
      reimbursedCents: 2500,
      rejected: reject,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      reimbursedCents: 2500,
      sentCents: 4000,
      rejectedCount: 1,
      rejectedCents: 1000,
      acceptedCents: 3000,
    });
    const statuses = Object.fromEntries(
      res.json().cheques.map((c: { number: string; status: string }) => [c.number, c.status]),
    );
    expect(statuses).toEqual({
      'PN-001': 'reimbursed',
      'PN-002': 'reimbursed',
      'PN-003': 'reimbursed',
      'PN-004': 'rejected',
    });
  });

  it('reconciles after: received = sent + pending by count and value, reimbursed against sent', async () => {
    const summary = (await viewer.get(`/organisations/${ids.org}/cheque-summary`)).json();
    const [passRow, regional] = summary.byIssuer;
    expect(passRow).toMatchObject({
      received: { count: 5, cents: 5000 },
      sent: { count: 4, cents: 4000 },
      pending: { count: 1, cents: 1000 },
      awaiting: { count: 0, cents: 0 },
      rejected: { count: 1, cents: 1000 },
      reimbursedCents: 2500,
      expiring: { count: 1, cents: 1000 },
      expired: { count: 0, cents: 0 },
    });
    expect(regional).toMatchObject({
      received: { count: 1, cents: 10000 },
      pending: { count: 1, cents: 10000 },
    });
    expect(await expectSummaryMatchesLists()).toEqual(summary);
    expect(summary.total.reimbursedCents).toBe(2500);
    const batches = (await viewer.get(`/organisations/${ids.org}/cheque-batches`)).json();
    expect(batches.items).toHaveLength(1);
    expect(batches.items[0].can.reimburse).toBe(false);
  });

  it('reconciles after deleting a pending cheque: one fewer received and pending, the lists agree', async () => {
    const extra = await record(trainer, ids.s3, pass(ids.p2, ['PN-080']));
    expect(extra.statusCode, extra.body).toBe(201);
    const before = await expectSummaryMatchesLists();
    expect((await trainer.delete(`/cheques/${extra.json().items[0].id}`)).statusCode).toBe(204);
    const after = await expectSummaryMatchesLists();
    expect(after.byIssuer[0].received).toEqual({
      count: before.byIssuer[0].received.count - 1,
      cents: before.byIssuer[0].received.cents - 1000,
    });
    expect(after.byIssuer[0].sent).toEqual(before.byIssuer[0].sent);
  });

  it('shows in the programme report’s training section, by issuer, without a person', async () => {
    const res = await manager.get(`/reports/programmes/${ids.programme}?from=${shiftDay(T, -30)}&to=${T}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().training.cheques).toMatchObject([
      {
        issuer: 'pass_numerique',
        received: { count: 5, cents: 5000 },
        sent: { count: 4, cents: 4000 },
        rejected: { count: 1, cents: 1000 },
        reimbursedCents: 2500,
      },
      { issuer: 'regional', received: { count: 1, cents: 10000 }, pending: { count: 1, cents: 10000 } },
    ]);
    // A period before the sessions: nothing.
    const before = await manager.get(
      `/reports/programmes/${ids.programme}?from=${shiftDay(T, -60)}&to=${shiftDay(T, -30)}`,
    );
    expect(before.json().training.cheques).toEqual([]);
  });

  it('gives a « Chèques formation » part in the programme and funder reports’ PDF and XLSX', async () => {
    const funder = await t.buildOrganisation({ name: 'Département du Cher', kinds: ['funder'] });
    const funderViewer = (await t.member(funder.id, 'viewer')).client;
    await t.database.db.insert(fundings).values({
      programmeId: ids.programme ?? '',
      funderOrganisationId: funder.id,
      requestedCents: 100000,
      grantedCents: 100000,
    });
    const period = `?from=${shiftDay(T, -30)}&to=${T}`;
    const nbsp = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
    const passLine = 'Pass numérique 5 · 50 € 4 · 40 € 1 · 10 € 25 € 1 · 10 €';
    const regionalLine = 'Chèque régional 1 · 100 € 0 · 0 € 1 · 100 € 0 € 0 · 0 €';
    const totalLine = 'Total 6 · 150 € 4 · 40 € 2 · 110 € 25 € 1 · 10 €';
    const xlsxRows = async (body: unknown, name: string) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(body as Parameters<typeof workbook.xlsx.load>[0]);
      const rows: unknown[][] = [];
      workbook.getWorksheet(name)?.eachRow((row) => {
        rows.push((row.values as unknown[]).slice(1));
      });
      return rows;
    };
    for (const [client, base] of [
      [manager, `/reports/programmes/${ids.programme}`],
      [funderViewer, `/reports/funders/${funder.id}`],
    ] as const) {
      const pdf = await client.get(`${base}.pdf${period}`);
      expect(pdf.statusCode, pdf.body).toBe(200);
      const text = nbsp((await readPdf(pdf.rawPayload)).text);
      expect(text).toContain('Chèques formation');
      expect(text).toContain(passLine);
      expect(text).toContain(regionalLine);
      expect(text).toContain(totalLine);
      const en = await client.get(`${base}.pdf${period}`, { 'accept-language': 'en' });
      expect(nbsp((await readPdf(en.rawPayload)).text)).toContain(
        'Training cheques Issuer Received Sent To send',
      );
      const xlsx = await client.get(`${base}.xlsx${period}`);
      expect(xlsx.statusCode).toBe(200);
      expect(await xlsxRows(xlsx.rawPayload, 'Chèques formation')).toEqual([
        [
          'Émetteur',
          'Reçus (nombre)',
          'Reçus (€)',
          'Envoyés (nombre)',
          'Envoyés (€)',
          'À envoyer (nombre)',
          'À envoyer (€)',
          'Remboursé (€)',
          'Refusés (nombre)',
          'Refusés (€)',
        ],
        ['Pass numérique', 5, 50, 4, 40, 1, 10, 25, 1, 10],
        ['Chèque régional', 1, 100, 0, 0, 1, 100, 0, 0, 0],
        ['Total', 6, 150, 4, 40, 2, 110, 25, 1, 10],
      ]);
    }
  });

  it('writes the audit log with ids and field names only', async () => {
    const { rows } = await t.database.pool.query(
      `SELECT action, entity_type, fields FROM audit_log WHERE organisation_id = $1 AND action LIKE 'cheque%' ORDER BY at`,
      [ids.org],
    );
    const actions = rows.map((r: { action: string }) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'cheque.record',
        'cheque.update',
        'cheque.delete',
        'chequeBatch.create',
        'chequeBatch.reimburse',
      ]),
    );
    expect(JSON.stringify(rows)).not.toContain('PN-0');
  });
});

describe('erasure', () => {
  it('keeps the cheques for the accounts and clears the person', async () => {
    const erased = await manager.post(`/beneficiaries/${ids.p2}/erasure`, {});
    expect(erased.statusCode, erased.body).toBeLessThan(300);
    const items = (await manager.get(`/organisations/${ids.org}/cheques?q=PN-004`)).json().items;
    expect(items).toMatchObject([{ number: 'PN-004', beneficiaryId: null, personName: null }]);
  });
});

describe('isolation', () => {
  it('hides an organisation’s cheques and batches from another organisation (404)', async () => {
    for (const client of [otherManager, otherTrainer]) {
      expect((await client.get(`/organisations/${ids.org}/cheques`)).statusCode).toBe(404);
      expect((await client.get(`/organisations/${ids.org}/cheque-summary`)).statusCode).toBe(404);
      expect((await client.get(`/organisations/${ids.org}/cheque-batches`)).statusCode).toBe(404);
      expect((await client.get(`/cheque-batches/${ids.batch}`)).statusCode).toBe(404);
      expect((await client.get(`/sessions/${ids.s1}/cheques`)).statusCode).toBe(404);
      expect((await client.patch(`/cheques/${ids.rc1}`, { number: 'RC-2' })).statusCode).toBe(404);
      expect((await client.delete(`/cheques/${ids.rc1}`)).statusCode).toBe(404);
      expect((await record(client, ids.s3, pass(ids.p1, ['PN-070']))).statusCode).toBe(404);
      const batch = await client.post(`/organisations/${ids.org}/cheque-batches`, {
        issuer: 'regional',
        chequeIds: [ids.rc1],
      });
      expect(batch.statusCode).toBe(404);
      const paid = await client.post(`/cheque-batches/${ids.batch}/reimbursement`, {
        reimbursedOn: T,
        reimbursedCents: 0,
      });
      expect(paid.statusCode).toBe(404);
    }
    // Their own organisation has no cheque at all, and A's cheque cannot join their batch.
    const own = await otherManager.post(`/organisations/${ids.other}/cheque-batches`, {
      issuer: 'regional',
      chequeIds: [ids.rc1],
    });
    expect(own.statusCode).toBe(422);
    expect((await otherManager.get(`/organisations/${ids.other}/cheques`)).json().items).toEqual([]);
    const rc1 = (await manager.get(`/organisations/${ids.org}/cheques?issuer=regional`)).json().items[0];
    expect(rc1).toMatchObject({ number: 'RC-1', status: 'pending' });
  });
});
