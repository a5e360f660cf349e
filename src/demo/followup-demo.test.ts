import { and, eq, inArray, lte } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { today } from '../lib/dates.ts';
import { auditLog } from '../modules/audit/schema.ts';
import { runFollowUps } from '../modules/followup/jobs.ts';
import { followUpAnswers, followUps } from '../modules/followup/schema.ts';
import { DEMO_PASSWORD } from './demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it("shows last year's follow-ups: a response rate in the report, the call list, help asked", async () => {
  const admin = await t.admin();
  expect((await admin.post('/demo')).statusCode).toBe(201);
  const director = await t.login('direction.ccas@saint-aubin.example', DEMO_PASSWORD);
  const socialWorker = await t.login('travailleuse.sociale@saint-aubin.example', DEMO_PASSWORD);
  const lastYear = (await director.get('/programmes?limit=100'))
    .json()
    .items.find(
      (p: { name: string }) => p.name === `Ordi solidaire Saint-Aubin ${Number(today().slice(0, 4)) - 1}`,
    );
  const report = (await director.get(`/reports/programmes/${lastYear.id}`)).json();
  expect(report.followUp).toMatchObject({ scheduled: 12, due: 12, answered: 8, helpAsked: 1 });
  expect(report.followUp.responseRate).toBeCloseTo(8 / 12);
  expect(report.followUp.byMonths).toEqual([
    { months: 3, due: 6, answered: 5 },
    { months: 6, due: 6, answered: 3 },
  ]);
  const calls = (await socialWorker.get('/follow-ups?status=no_answer')).json().items;
  expect(calls).toHaveLength(3);
  expect(calls.every((c: { phone: string | null }) => c.phone !== null)).toBe(true);
  expect((await socialWorker.get('/follow-ups?status=to_contact')).json().items).toHaveLength(1);
  const help = (await socialWorker.get('/follow-ups?status=help')).json().items;
  expect(help.map((h: { personName: string }) => h.personName)).toEqual(['Thierry Morel']);
  // The funder reads the answers masked (fewer than 5 in most cells).
  const funder = await t.login('financeur@saint-aubin.example', DEMO_PASSWORD);
  const funded = (await funder.get(`/reports/programmes/${lastYear.id}`)).json();
  expect(funded.followUp).toMatchObject({ masked: true, answered: 8 });

  // Nothing already due sits `scheduled`: the job's first pass has nothing to send, remind or close.
  const db = t.database.db;
  const due = await db
    .select()
    .from(followUps)
    .where(and(eq(followUps.status, 'scheduled'), lte(followUps.dueOn, today())));
  expect(due).toEqual([]);
  expect(await runFollowUps(db, { publicUrl: 'http://localhost:3999' })).toEqual({
    planned: 0,
    sent: 0,
    toContact: 0,
    reminded: 0,
    noAnswer: 0,
    cancelled: 0,
  });

  // Who answered is what the audit says: through the link (the person) or in an interview (a worker).
  const answers = await db.select().from(followUpAnswers);
  const audits = await db
    .select()
    .from(auditLog)
    .where(
      inArray(
        auditLog.entityId,
        answers.map((a) => a.followUpId),
      ),
    );
  expect(answers.map((a) => a.answeredBy).sort()).toEqual([
    ...Array(6).fill('person'),
    ...Array(2).fill('worker'),
  ]);
  for (const a of answers) {
    const action = a.answeredBy === 'person' ? 'follow_up.answer_by_link' : 'follow_up.answer';
    expect(audits.filter((r) => r.entityId === a.followUpId).map((r) => r.action)).toContain(action);
    expect(a.answeredByUserId === null).toBe(a.answeredBy === 'person');
  }
}, 120_000);
