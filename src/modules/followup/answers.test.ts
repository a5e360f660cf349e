import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer } from '../../../test/support/smtp.ts';
import { today } from '../../lib/dates.ts';
import { auditLog } from '../audit/schema.ts';
import { maintenanceTickets } from '../distribution/schema.ts';
import { outbox } from '../notifications/schema.ts';
import { consents } from '../programmes/schema.ts';
import { runFollowUps } from './jobs.ts';
import { followUpAnswers, followUpLinks, followUps } from './schema.ts';
import {
  ANSWERS,
  createProgramme,
  type FollowUpKit,
  type Handed,
  handOverToPerson,
  rowsOf,
  startFollowUpKit,
  tokenIn,
} from './test-kit.ts';

let kit: FollowUpKit;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let programmeId: string;
const publicUrl = 'http://localhost:3999';

beforeAll(async () => {
  smtp = await startSmtpServer();
  // The app's own outbox worker sends to the test SMTP server (an answer asking for help wakes it).
  kit = await startFollowUpKit({ SMTP_URL: smtp.url });
  programmeId = await createProgramme(kit);
});
afterAll(async () => {
  await kit.t.close();
  await smtp.close();
});

/** A person handed a device, whose 3-month follow-up is due and e-mailed: its id and the link's token. */
async function sentFollowUp(
  options: { email?: string } = {},
): Promise<Handed & { followUpId: string; token: string; email: string }> {
  const email = options.email ?? `${Math.random().toString(36).slice(2)}@example.org`;
  const h = await handOverToPerson(kit, programmeId, { email });
  const [three] = await rowsOf(kit, h.allocationId);
  if (!three) throw new Error('no follow-up');
  await runFollowUps(kit.t.database.db, { publicUrl, asOf: three.dueOn });
  const [mail] = await kit.t.database.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.toAddress, email), eq(outbox.template, 'follow_up_invitation')));
  return { ...h, followUpId: three.id, token: tokenIn(mail?.textBody ?? ''), email };
}

/** The help e-mails about a person (they link to the person's page). */
async function helpMailsAbout(beneficiaryId: string) {
  return kit.t.database.db
    .select()
    .from(outbox)
    .where(
      and(eq(outbox.template, 'follow_up_help'), like(outbox.textBody, `%/beneficiaires/${beneficiaryId}%`)),
    );
}

async function answersOf(followUpId: string) {
  return kit.t.database.db.select().from(followUpAnswers).where(eq(followUpAnswers.followUpId, followUpId));
}

describe('the public questionnaire', () => {
  it('takes the answers once: a second answer gets 410 "already answered" and nothing is recorded twice', async () => {
    const f = await sentFollowUp();
    const first = await kit.t.anonymous.post(`/public/follow-ups/${f.token}/answers`, {
      ...ANSWERS,
      comment: 'Très utile pour mes démarches',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({ thanks: true, ticketOpened: false, contactAlerted: false });
    const again = await kit.t.anonymous.post(`/public/follow-ups/${f.token}/answers`, ANSWERS);
    expect(again.statusCode).toBe(410);
    expect(again.json()).toMatchObject({ code: 'GONE', detail: expect.stringMatching(/déjà été rempli/) });
    const view = await kit.t.anonymous.get(`/public/follow-ups/${f.token}`);
    expect(view.statusCode).toBe(410);
    expect(view.json().detail).toMatch(/Merci/);
    expect(await answersOf(f.followUpId)).toHaveLength(1);
    expect((await answersOf(f.followUpId))[0]).toMatchObject({ answeredBy: 'person', works: 'yes' });
  });

  it('of answers sent at the same moment (two links, an interview), exactly one is recorded', async () => {
    // On a PostgreSQL server (CI runs every test against one) these transactions really overlap; the lock
    // on the person then the follow-up makes the others wait and see it answered: 410 / 409, never 500.
    for (let round = 0; round < 3; round++) {
      const f = await sentFollowUp();
      const replies = await Promise.all([
        kit.t.anonymous.post(`/public/follow-ups/${f.token}/answers`, ANSWERS),
        kit.t.anonymous.post(`/public/follow-ups/${f.token}/answers`, { ...ANSWERS, works: 'no' }),
        kit.socialWorker.post(`/follow-ups/${f.followUpId}/answers`, { ...ANSWERS, works: 'partly' }),
      ]);
      const codes = replies.map((r) => r.statusCode);
      expect(
        codes.filter((c) => c === 201),
        codes.join(),
      ).toHaveLength(1);
      expect(
        codes.every((c) => [201, 409, 410].includes(c)),
        codes.join(),
      ).toBe(true);
      expect(await answersOf(f.followUpId)).toHaveLength(1);
      const steps = (await kit.socialWorker.get(`/beneficiaries/${f.beneficiaryId}/timeline`)).json();
      const kinds = (steps.items ?? steps).map((e: { kind: string }) => e.kind);
      expect(kinds.filter((k: string) => k === 'follow_up_answered')).toHaveLength(1);
    }
  });

  it('answers 410 with its own words for an expired link, 404 for an unknown one', async () => {
    const f = await sentFollowUp();
    await kit.t.database.db
      .update(followUpLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(followUpLinks.followUpId, f.followUpId));
    const view = await kit.t.anonymous.get(`/public/follow-ups/${f.token}`);
    expect(view.statusCode).toBe(410);
    expect(view.json()).toMatchObject({ code: 'GONE', detail: expect.stringMatching(/expiré/) });
    const post = await kit.t.anonymous.post(`/public/follow-ups/${f.token}/answers`, ANSWERS);
    expect(post.statusCode).toBe(410);
    expect(await answersOf(f.followUpId)).toHaveLength(0);
    expect((await kit.t.anonymous.get(`/public/follow-ups/${'0'.repeat(40)}`)).statusCode).toBe(404);
    expect((await kit.t.anonymous.get('/public/follow-ups/not-a-token')).statusCode).toBe(404);
    // In English for an English browser.
    const en = await kit.t.anonymous.get(`/public/follow-ups/${f.token}`, { 'accept-language': 'en' });
    expect(en.json().detail).toMatch(/expired/);
  });

  it('moves the referral to followed_up', async () => {
    const f = await sentFollowUp();
    expect((await kit.socialWorker.get(`/referrals/${f.referralId}`)).json().status).toBe('equipped');
    await kit.t.anonymous.post(`/public/follow-ups/${f.token}/answers`, ANSWERS);
    expect((await kit.socialWorker.get(`/referrals/${f.referralId}`)).json().status).toBe('followed_up');
    const timeline = (await kit.socialWorker.get(`/beneficiaries/${f.beneficiaryId}/timeline`)).json();
    const kinds = (timeline.items ?? timeline).map((e: { kind: string }) => e.kind);
    expect(kinds).toContain('follow_up_answered');
  });

  it('help asked: a maintenance ticket on the device and an e-mail to the referrer; listed under help', async () => {
    const f = await sentFollowUp();
    const reply = await kit.t.anonymous.post(`/public/follow-ups/${f.token}/answers`, {
      ...ANSWERS,
      works: 'partly',
      helpDevice: true,
      helpContact: true,
    });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json()).toEqual({ thanks: true, ticketOpened: true, contactAlerted: true });
    const tickets = await kit.t.database.db
      .select()
      .from(maintenanceTickets)
      .where(eq(maintenanceTickets.allocationId, f.allocationId));
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ status: 'open', reportedByBorrower: true });
    expect((await answersOf(f.followUpId))[0]?.ticketId).toBe(tickets[0]?.id);
    // Opened through distribution's service: its audit entry is written.
    const ticketAudit = await kit.t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'ticket'), eq(auditLog.entityId, tickets[0]?.id ?? '')));
    expect(ticketAudit.map((a) => [a.action, a.actorUserId])).toEqual([['ticket.open', null]]);
    // The referrer, still a social worker of the referring organisation, is the only one written to.
    const helpMails = await helpMailsAbout(f.beneficiaryId);
    expect(helpMails.map((m) => m.toAddress)).toEqual([kit.socialWorkerEmail]);

    const deadline = Date.now() + 10_000;
    while (!smtp.received.some((m) => m.to.includes(kit.socialWorkerEmail)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const alert = smtp.received.find((m) => m.to.includes(kit.socialWorkerEmail));
    expect(alert?.raw).toMatch(/a demandé à être recontacté/);
    expect(alert?.raw).toContain(`/beneficiaires/${f.beneficiaryId}`);

    const help = (await kit.socialWorker.get(`/follow-ups?programmeId=${programmeId}&status=help`)).json();
    expect(help.items.map((i: { id: string }) => i.id)).toEqual([f.followUpId]);
    expect(help.items[0]).toMatchObject({ helpContact: true, phone: null });
    const mine = (await kit.socialWorker.get(`/beneficiaries/${f.beneficiaryId}/follow-ups`)).json();
    expect(mine[0].answers).toMatchObject({ helpDevice: true, helpContact: true, ticketId: tickets[0]?.id });
  });
});

describe('the staff', () => {
  it('a social worker fills it in during an interview, once (answered → 409)', async () => {
    const h = await handOverToPerson(kit, programmeId, { email: null });
    const [three, six] = await rowsOf(kit, h.allocationId);
    await runFollowUps(kit.t.database.db, { publicUrl, asOf: three?.dueOn });
    const res = await kit.socialWorker.post(`/follow-ups/${three?.id}/answers`, {
      ...ANSWERS,
      frequency: 'daily',
      comment: 'Rempli par téléphone',
    });
    expect(res.statusCode, res.body).toBe(201);
    const again = await kit.socialWorker.post(`/follow-ups/${three?.id}/answers`, ANSWERS);
    expect(again.statusCode).toBe(409);
    // Not due yet.
    expect((await kit.socialWorker.post(`/follow-ups/${six?.id}/answers`, ANSWERS)).statusCode).toBe(409);
    const mine = (await kit.socialWorker.get(`/beneficiaries/${h.beneficiaryId}/follow-ups`)).json();
    expect(mine[0]).toMatchObject({
      status: 'answered',
      answers: { answeredBy: 'worker', frequency: 'daily', comment: 'Rempli par téléphone' },
      can: { answer: false, letter: false },
    });
    expect(await answersOf(three?.id ?? '')).toHaveLength(1);
  });

  it("hides a person's follow-ups, answers and letter from another organisation (404)", async () => {
    const f = await sentFollowUp();
    const other = await kit.t.buildOrganisation({ kinds: ['prescriber'] });
    const stranger = (await kit.t.member(other.id, 'manager')).client;
    expect((await stranger.get(`/beneficiaries/${f.beneficiaryId}/follow-ups`)).statusCode).toBe(404);
    expect((await stranger.post(`/follow-ups/${f.followUpId}/answers`, ANSWERS)).statusCode).toBe(404);
    expect((await stranger.get(`/follow-ups/${f.followUpId}/letter`)).statusCode).toBe(404);
    expect((await stranger.get('/follow-ups')).json().items).toEqual([]);
    // A viewer of the organisation sees them but may not fill them in.
    const viewer = (await kit.t.member(kit.owner.id, 'viewer')).client;
    expect((await viewer.get(`/beneficiaries/${f.beneficiaryId}/follow-ups`)).statusCode).toBe(200);
    expect((await viewer.post(`/follow-ups/${f.followUpId}/answers`, ANSWERS)).statusCode).toBe(403);
    expect(await answersOf(f.followUpId)).toHaveLength(0);
  });

  it('erasure cancels the follow-ups to come and clears the comment; the link stops working', async () => {
    const f = await sentFollowUp();
    await kit.t.anonymous.post(`/public/follow-ups/${f.token}/answers`, {
      ...ANSWERS,
      comment: 'Mon fils m’aide',
    });
    const [, six] = await rowsOf(kit, f.allocationId);
    await runFollowUps(kit.t.database.db, { publicUrl, asOf: six?.dueOn });
    const mails = await kit.t.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toAddress, f.email), eq(outbox.template, 'follow_up_invitation')));
    expect(mails).toHaveLength(2);
    const sixToken = mails.map((m) => tokenIn(m.textBody)).find((token) => token !== f.token);
    const erased = await kit.manager.post(`/beneficiaries/${f.beneficiaryId}/erasure`, {});
    expect(erased.statusCode, erased.body).toBe(200);
    expect((await rowsOf(kit, f.allocationId)).map((r) => r.status)).toEqual([
      'answered',
      'cancelled',
      'cancelled',
    ]);
    expect((await answersOf(f.followUpId))[0]).toMatchObject({ comment: null, works: 'yes' });
    expect((await kit.t.anonymous.get(`/public/follow-ups/${sixToken}`)).statusCode).toBe(410);
  });
});

describe('the help e-mail', () => {
  it("goes to the referring organisation's referral managers when the referrer has left it; no name in the subject", async () => {
    const leaving = await kit.t.member(kit.owner.id, 'social_worker');
    const admin = await kit.t.member(kit.owner.id, 'admin');
    const viewer = await kit.t.member(kit.owner.id, 'viewer');
    const email = `${Math.random().toString(36).slice(2)}@example.org`;
    const h = await handOverToPerson(kit, programmeId, { email, referrer: leaving.client });
    const [three] = await rowsOf(kit, h.allocationId);
    await runFollowUps(kit.t.database.db, { publicUrl, asOf: three?.dueOn });
    const [mail] = await kit.t.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toAddress, email), eq(outbox.template, 'follow_up_invitation')));
    const removed = await admin.client.delete(`/organisations/${kit.owner.id}/members/${leaving.user.id}`);
    expect(removed.statusCode, removed.body).toBe(204);

    const reply = await kit.t.anonymous.post(`/public/follow-ups/${tokenIn(mail?.textBody ?? '')}/answers`, {
      ...ANSWERS,
      helpContact: true,
    });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json().contactAlerted).toBe(true);
    const mails = await helpMailsAbout(h.beneficiaryId);
    const to = mails.map((m) => m.toAddress);
    expect(to).not.toContain(leaving.user.email);
    expect(to).not.toContain(viewer.user.email);
    expect(to).toEqual(expect.arrayContaining([kit.socialWorkerEmail, admin.user.email]));
    const person: string = (await kit.socialWorker.get(`/beneficiaries/${h.beneficiaryId}`)).json().lastName;
    expect(person).toMatch(/Benoît/);
    for (const m of mails) {
      expect(m.organisationId).toBe(kit.owner.id);
      expect(m.subject).toMatch(/Une personne demande à être recontactée \(suivi à 3 mois\)/);
      expect(m.subject).not.toContain(person);
      expect(m.textBody).toContain(person);
    }
  });
});

describe('a withdrawn follow-up consent', () => {
  async function followUpConsentOf(beneficiaryId: string) {
    const [consent] = await kit.t.database.db
      .select()
      .from(consents)
      .where(eq(consents.beneficiaryId, beneficiaryId));
    if (!consent) throw new Error('no consent');
    return consent;
  }

  it('cancels the follow-ups not answered: no reminder, the link closed, no letter', async () => {
    const f = await sentFollowUp();
    const consent = await followUpConsentOf(f.beneficiaryId);
    const withdrawn = await kit.socialWorker.post(
      `/beneficiaries/${f.beneficiaryId}/consents/${consent.id}/withdrawal`,
      {},
    );
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await rowsOf(kit, f.allocationId)).map((r) => r.status)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    const [three] = await rowsOf(kit, f.allocationId);
    const reminderDay = new Date(`${three?.dueOn}T12:00:00Z`);
    reminderDay.setUTCDate(reminderDay.getUTCDate() + 14);
    await runFollowUps(kit.t.database.db, { publicUrl, asOf: reminderDay.toISOString().slice(0, 10) });
    const invitations = await kit.t.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toAddress, f.email), eq(outbox.template, 'follow_up_invitation')));
    expect(invitations).toHaveLength(1);
    expect((await kit.t.anonymous.get(`/public/follow-ups/${f.token}`)).statusCode).toBe(410);
    expect((await kit.socialWorker.get(`/follow-ups/${f.followUpId}/letter`)).statusCode).toBe(409);
  });

  it('is checked again by the reminder and the letter (a withdrawal recorded without the cancellation)', async () => {
    const f = await sentFollowUp();
    const consent = await followUpConsentOf(f.beneficiaryId);
    const [three] = await rowsOf(kit, f.allocationId);
    // As if the withdrawal had been written by a path that did not cancel the follow-ups.
    await kit.t.database.db.update(consents).set({ withdrawnOn: today() }).where(eq(consents.id, consent.id));

    const letter = await kit.socialWorker.get(`/follow-ups/${f.followUpId}/letter`);
    expect(letter.statusCode).toBe(409);
    expect(letter.json().detail).toMatch(/retiré son accord pour le suivi/);
    const en = await kit.socialWorker.get(`/follow-ups/${f.followUpId}/letter`, { 'accept-language': 'en' });
    expect(en.json().detail).toMatch(/withdrew their consent/);

    const reminderDay = new Date(`${three?.dueOn}T12:00:00Z`);
    reminderDay.setUTCDate(reminderDay.getUTCDate() + 14);
    const run = await runFollowUps(kit.t.database.db, {
      publicUrl,
      asOf: reminderDay.toISOString().slice(0, 10),
    });
    expect(run.cancelled).toBeGreaterThanOrEqual(1);
    const [row] = await kit.t.database.db.select().from(followUps).where(eq(followUps.id, f.followUpId));
    expect(row).toMatchObject({ status: 'cancelled', remindedAt: null });
    const invitations = await kit.t.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toAddress, f.email), eq(outbox.template, 'follow_up_invitation')));
    expect(invitations).toHaveLength(1);
  });
});

describe("reading a person's follow-ups", () => {
  it('is audited as a read of the person, with field names only', async () => {
    const f = await sentFollowUp();
    await kit.t.anonymous.post(`/public/follow-ups/${f.token}/answers`, { ...ANSWERS, comment: 'Très bien' });
    const read = await kit.manager.get(`/beneficiaries/${f.beneficiaryId}/follow-ups`);
    expect(read.statusCode).toBe(200);
    const rows = await kit.t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'beneficiary.read'),
          eq(auditLog.entityType, 'beneficiary'),
          eq(auditLog.entityId, f.beneficiaryId),
        ),
      );
    expect(rows.map((r) => r.fields)).toContainEqual(['follow_ups', 'follow_up_answers']);
    expect(rows.every((r) => r.organisationId === kit.owner.id)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('Très bien');
  });
});
