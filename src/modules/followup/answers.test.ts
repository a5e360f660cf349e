import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer } from '../../../test/support/smtp.ts';
import { maintenanceTickets } from '../distribution/schema.ts';
import { outbox } from '../notifications/schema.ts';
import { runFollowUps } from './jobs.ts';
import { followUpAnswers, followUpLinks } from './schema.ts';
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

  it('of two answers sent at the same moment, exactly one is recorded', async () => {
    const f = await sentFollowUp();
    const replies = await Promise.all([
      kit.t.anonymous.post(`/public/follow-ups/${f.token}/answers`, ANSWERS),
      kit.t.anonymous.post(`/public/follow-ups/${f.token}/answers`, { ...ANSWERS, works: 'no' }),
    ]);
    expect(replies.map((r) => r.statusCode).sort()).toEqual([201, 410]);
    expect(await answersOf(f.followUpId)).toHaveLength(1);
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
