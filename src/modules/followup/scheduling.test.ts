import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../../../test/support/pdf.ts';
import { startSmtpServer } from '../../../test/support/smtp.ts';
import { addMonthsToDay, today } from '../../lib/dates.ts';
import { createTransport } from '../notifications/mailer.ts';
import { deliverDue } from '../notifications/outbox.ts';
import { runFollowUps } from './jobs.ts';
import { monthsToPlan } from './planning.ts';
import { followUps } from './schema.ts';
import {
  ANSWERS,
  createProgramme,
  type FollowUpKit,
  handOverToPerson,
  linksOf,
  rowsOf,
  startFollowUpKit,
  tokenIn,
} from './test-kit.ts';

let kit: FollowUpKit;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const publicUrl = 'http://localhost:3999';

function plusDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  kit = await startFollowUpKit();
});
afterAll(async () => {
  await kit.t.close();
  await smtp.close();
});

describe('scheduling', () => {
  it('schedules follow-ups at 3, 6 and 12 months after a handover to a person', async () => {
    const p = await createProgramme(kit);
    const h = await handOverToPerson(kit, p);
    const rows = await rowsOf(kit, h.allocationId);
    expect(rows.map((r) => [r.months, r.dueOn, r.status])).toEqual([
      [3, addMonthsToDay(h.handedOverOn, 3), 'scheduled'],
      [6, addMonthsToDay(h.handedOverOn, 6), 'scheduled'],
      [12, addMonthsToDay(h.handedOverOn, 12), 'scheduled'],
    ]);
  });

  it("follows the programme's settings (months ascending, reminder delay)", async () => {
    const p = await createProgramme(kit);
    expect((await kit.manager.get(`/programmes/${p}/follow-up-settings`)).json()).toEqual({
      programmeId: p,
      months: [3, 6, 12],
      reminderDays: 14,
    });
    const put = await kit.manager.put(`/programmes/${p}/follow-up-settings`, {
      months: [9, 1],
      reminderDays: 7,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ programmeId: p, months: [1, 9], reminderDays: 7 });
    expect(
      (await kit.manager.put(`/programmes/${p}/follow-up-settings`, { months: [3, 3], reminderDays: 7 }))
        .statusCode,
    ).toBe(400);
    expect(
      (await kit.manager.put(`/programmes/${p}/follow-up-settings`, { months: [3], reminderDays: 2 }))
        .statusCode,
    ).toBe(400);
    // A social worker reads but does not change the programme's settings.
    expect((await kit.socialWorker.get(`/programmes/${p}/follow-up-settings`)).statusCode).toBe(200);
    expect(
      (await kit.socialWorker.put(`/programmes/${p}/follow-up-settings`, { months: [3], reminderDays: 7 }))
        .statusCode,
    ).toBe(403);
    const h = await handOverToPerson(kit, p);
    expect((await rowsOf(kit, h.allocationId)).map((r) => r.months)).toEqual([1, 9]);
  });

  it('schedules nothing without a follow_up consent, nor for an association', async () => {
    const p = await createProgramme(kit);
    const noConsent = await handOverToPerson(kit, p, { covers: ['referral', 'partners'] });
    expect(await rowsOf(kit, noConsent.allocationId)).toEqual([]);
    const asso = await handOverToPerson(kit, p, { kind: 'association' });
    expect(await rowsOf(kit, asso.allocationId)).toEqual([]);
    // The job's catch-up does not plan them either.
    await runFollowUps(kit.t.database.db, { publicUrl });
    expect(await rowsOf(kit, noConsent.allocationId)).toEqual([]);
    expect(await rowsOf(kit, asso.allocationId)).toEqual([]);
  });

  it('cancels the follow-ups of a handover taken back, and schedules them again at the next handover', async () => {
    const p = await createProgramme(kit);
    const h = await handOverToPerson(kit, p);
    const back = await kit.manager.post(`/allocations/${h.allocationId}/handover-cancellation`, {
      reason: 'Erreur de saisie',
    });
    expect(back.statusCode, back.body).toBe(200);
    expect((await rowsOf(kit, h.allocationId)).map((r) => r.status)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    const again = await kit.manager.post(`/allocations/${h.allocationId}/handover`, {});
    expect(again.statusCode, again.body).toBe(200);
    expect((await rowsOf(kit, h.allocationId)).map((r) => r.status)).toEqual([
      'scheduled',
      'scheduled',
      'scheduled',
    ]);
  });

  it('plans only the latest of the follow-ups already overdue by more than 30 days at a late-recorded handover', async () => {
    const p = await createProgramme(kit);
    const put = await kit.manager.put(`/programmes/${p}/follow-up-settings`, {
      months: [1, 2, 3, 12],
      reminderDays: 14,
    });
    expect(put.statusCode, put.body).toBe(200);
    // Recorded 100 days late: the 1- and 2-month follow-ups fell due about 70 and 40 days ago, the 3-month
    // one about 10 days ago.
    const handedOverOn = plusDays(today(), -100);
    const h = await handOverToPerson(kit, p, { handedOverOn, referredOn: handedOverOn });
    expect((await rowsOf(kit, h.allocationId)).map((r) => [r.months, r.status])).toEqual([
      [2, 'scheduled'],
      [3, 'scheduled'],
      [12, 'scheduled'],
    ]);
    // The next pass sends those two, not three questionnaires at once.
    await runFollowUps(kit.t.database.db, { publicUrl });
    expect((await rowsOf(kit, h.allocationId)).map((r) => [r.months, r.status])).toEqual([
      [2, 'sent'],
      [3, 'sent'],
      [12, 'scheduled'],
    ]);
  });

  it('monthsToPlan keeps what is due within 30 days or later, and the latest of what is older', () => {
    // Handover on 1 January 2025, planned on 15 June 2025: 1, 3 months are long overdue, 5 is 15 days late.
    expect(monthsToPlan([1, 3, 5, 12], '2025-01-01', '2025-06-15')).toEqual([3, 5, 12]);
    // Every one long overdue (a handover recorded two years late): the latest only.
    expect(monthsToPlan([12, 3, 6], '2023-01-01', '2025-06-15')).toEqual([12]);
    // Recorded on the day: all of them. Exactly 30 days late still counts as in time.
    expect(monthsToPlan([3, 6, 12], '2025-01-01', '2025-01-01')).toEqual([3, 6, 12]);
    expect(monthsToPlan([1, 2], '2025-01-01', '2025-03-03')).toEqual([1, 2]);
  });

  it('catches up a handover without follow-ups in the hourly job, once', async () => {
    const p = await createProgramme(kit);
    const h = await handOverToPerson(kit, p);
    await kit.t.database.db.delete(followUps).where(eq(followUps.allocationId, h.allocationId));
    const first = await runFollowUps(kit.t.database.db, { publicUrl });
    expect(first.planned).toBeGreaterThanOrEqual(3);
    expect((await rowsOf(kit, h.allocationId)).map((r) => r.months)).toEqual([3, 6, 12]);
    const second = await runFollowUps(kit.t.database.db, { publicUrl });
    expect(second.planned).toBe(0);
    expect(await rowsOf(kit, h.allocationId)).toHaveLength(3);
  });
});

describe('the job: link, reminder, no answer', () => {
  it('e-mails the link when due (the link works), reminds once, then lists the follow-up as no answer', async () => {
    const p = await createProgramme(kit);
    const email = 'lea.durand@example.org';
    const h = await handOverToPerson(kit, p, { email, phone: '06 12 34 56 78' });
    const [three] = await rowsOf(kit, h.allocationId);
    if (!three) throw new Error('no follow-up');
    const db = kit.t.database.db;
    const transport = createTransport(smtp.url);
    const send = () => deliverDue(db, transport, 'Seconde Vie <no-reply@localhost>');
    const mailsTo = () => smtp.received.filter((m) => m.to.includes(email));

    // The day before: nothing.
    await runFollowUps(db, { publicUrl, asOf: plusDays(three.dueOn, -1) });
    expect((await rowsOf(kit, h.allocationId))[0]?.status).toBe('scheduled');

    const due = await runFollowUps(db, { publicUrl, asOf: three.dueOn });
    expect(due.sent).toBeGreaterThanOrEqual(1);
    // Twice on the same day (another server): nothing more.
    const again = await runFollowUps(db, { publicUrl, asOf: three.dueOn });
    expect(again.sent).toBe(0);
    await send();
    await smtp.waitFor(1);
    expect(mailsTo()).toHaveLength(1);
    const token = tokenIn(mailsTo()[0]?.raw ?? '');
    const view = await kit.t.anonymous.get(`/public/follow-ups/${token}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ months: 3, deviceType: 'laptop', status: 'open' });
    expect(view.body).not.toContain('Benoît');
    let [row] = await rowsOf(kit, h.allocationId);
    expect(row?.status).toBe('sent');
    expect((await linksOf(kit, three.id)).map((l) => l.channel)).toEqual(['email']);

    // 14 days later: one reminder with a new link; the first one still works.
    await runFollowUps(db, { publicUrl, asOf: plusDays(three.dueOn, 13) });
    expect((await rowsOf(kit, h.allocationId))[0]?.remindedAt).toBeNull();
    const reminded = await runFollowUps(db, { publicUrl, asOf: plusDays(three.dueOn, 14) });
    expect(reminded.reminded).toBeGreaterThanOrEqual(1);
    expect((await runFollowUps(db, { publicUrl, asOf: plusDays(three.dueOn, 14) })).reminded).toBe(0);
    await send();
    const before = smtp.received.length;
    await smtp.waitFor(Math.max(before, 2));
    expect(mailsTo()).toHaveLength(2);
    expect(mailsTo()[1]?.raw).toMatch(/Rappel/);
    const second = tokenIn(mailsTo()[1]?.raw ?? '');
    expect(second).not.toBe(token);
    expect((await kit.t.anonymous.get(`/public/follow-ups/${token}`)).statusCode).toBe(200);
    expect((await kit.t.anonymous.get(`/public/follow-ups/${second}`)).statusCode).toBe(200);
    [row] = await rowsOf(kit, h.allocationId);
    expect(row?.status).toBe('sent');

    // 14 days more without an answer: on the call list, with the phone number.
    await runFollowUps(db, { publicUrl, asOf: plusDays(three.dueOn, 27) });
    expect((await rowsOf(kit, h.allocationId))[0]?.status).toBe('sent');
    const silent = await runFollowUps(db, { publicUrl, asOf: plusDays(three.dueOn, 28) });
    expect(silent.noAnswer).toBeGreaterThanOrEqual(1);
    expect((await rowsOf(kit, h.allocationId))[0]?.status).toBe('no_answer');
    const list = (await kit.socialWorker.get(`/follow-ups?programmeId=${p}&status=no_answer`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      beneficiaryId: h.beneficiaryId,
      months: 3,
      phone: '06 12 34 56 78',
    });

    // A late answer through the link is still taken.
    const late = await kit.t.anonymous.post(`/public/follow-ups/${token}/answers`, ANSWERS);
    expect(late.statusCode, late.body).toBe(201);
    expect((await rowsOf(kit, h.allocationId))[0]?.status).toBe('answered');
  });

  it('lists a person without e-mail to contact, and the letter gives a working link with a QR code', async () => {
    const p = await createProgramme(kit);
    const h = await handOverToPerson(kit, p, { email: null, phone: '07 00 00 00 01' });
    const [three] = await rowsOf(kit, h.allocationId);
    if (!three) throw new Error('no follow-up');
    const run = await runFollowUps(kit.t.database.db, { publicUrl, asOf: three.dueOn });
    expect(run.toContact).toBeGreaterThanOrEqual(1);
    expect((await rowsOf(kit, h.allocationId))[0]?.status).toBe('to_contact');
    const list = (await kit.manager.get(`/follow-ups?programmeId=${p}&status=to_contact`)).json();
    expect(list.items.map((i: { id: string; phone: string }) => [i.id, i.phone])).toEqual([
      [three.id, '07 00 00 00 01'],
    ]);
    // Not due yet: the 6-month one has no letter.
    const [, six] = await rowsOf(kit, h.allocationId);
    expect((await kit.socialWorker.get(`/follow-ups/${six?.id}/letter`)).statusCode).toBe(409);

    const letter = await kit.socialWorker.get(`/follow-ups/${three.id}/letter`);
    expect(letter.statusCode, letter.body).toBe(200);
    expect(letter.headers['content-type']).toMatch(/application\/pdf/);
    const { text } = await readPdf(letter.rawPayload);
    const token = /\/suivi\/([0-9a-f]{40})/.exec(text)?.[1];
    expect(token).toBeDefined();
    expect(text).toMatch(/scannez/);
    expect((await kit.t.anonymous.get(`/public/follow-ups/${token}`)).statusCode).toBe(200);
    expect((await linksOf(kit, three.id)).map((l) => l.channel)).toEqual(['letter']);
    expect((await rowsOf(kit, h.allocationId))[0]?.status).toBe('sent');
    // In the person's list: a to-do for the staff.
    const mine = (await kit.socialWorker.get(`/beneficiaries/${h.beneficiaryId}/follow-ups`)).json();
    expect(mine.map((f: { months: number; status: string }) => [f.months, f.status])).toEqual([
      [3, 'sent'],
      [6, 'scheduled'],
      [12, 'scheduled'],
    ]);
    expect(mine[0].can).toEqual({ answer: true, letter: true });
    expect(mine[1].can).toEqual({ answer: false, letter: false });
  });
});
