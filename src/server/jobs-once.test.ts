import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer } from '../../test/support/smtp.ts';
import { type Database, openServerDatabase } from '../db/connection.ts';
import { addMonthsToDay, today } from '../lib/dates.ts';
import { sendLoanReminders } from '../modules/distribution/reminders.ts';
import { runFollowUps } from '../modules/followup/jobs.ts';
import {
  createProgramme,
  type FollowUpKit,
  handOverToPerson,
  startFollowUpKit,
} from '../modules/followup/test-kit.ts';
import { createTransport } from '../modules/notifications/mailer.ts';
import { deliverDue } from '../modules/notifications/outbox.ts';
import { deleteUnconfirmedRegistrations } from '../modules/portal/jobs.ts';
import { anonymiseInactive } from '../modules/programmes/rights.ts';

/**
 * Every periodic job, run by two instances at the same moment on one database, does its work once. On
 * PostgreSQL each "instance" has a pool of its own (as separate processes would) and both passes run
 * concurrently; the embedded database serves one process, so there the two passes run one after the other.
 */
let kit: FollowUpKit;
let second: Database;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const publicUrl = 'http://localhost:3999';
let loanProgramme: string;
let donationProgramme: string;

/** Runs `job` as two instances would: concurrently on a server, one after the other when embedded. */
async function onBoth<T>(job: (db: Database['db']) => Promise<T>): Promise<[T, T]> {
  const first = kit.t.database;
  if (second === first) return [await job(first.db), await job(first.db)];
  return Promise.all([job(first.db), job(second.db)]);
}

function plusDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await kit.t.database.pool.query<{ n: number }>(sql, params);
  return rows[0]?.n ?? 0;
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  kit = await startFollowUpKit();
  const url = (kit.t.database as { url?: string }).url;
  second = url ? await openServerDatabase(url, 5) : kit.t.database;
  loanProgramme = await createProgramme(kit, { mode: 'loan', loanMonths: 12, loanRenewable: true });
  donationProgramme = await createProgramme(kit);
  for (let i = 0; i < 3; i++) await handOverToPerson(kit, loanProgramme);
  for (let i = 0; i < 3; i++) await handOverToPerson(kit, donationProgramme);
  // No e-mail: listed for a call or a letter instead of mailed.
  await handOverToPerson(kit, donationProgramme, { email: null });
});
afterAll(async () => {
  if (second !== kit.t.database) await second.close();
  await kit.t.close();
  await smtp.close();
});

describe('each periodic job runs once across instances', () => {
  it('plans the follow-ups of a handover left without any once (hourly catch-up)', async () => {
    const handed = await handOverToPerson(kit, donationProgramme);
    await kit.t.database.pool.query('DELETE FROM follow_ups WHERE allocation_id = $1', [handed.allocationId]);
    const runs = await onBoth((db) => runFollowUps(db, { publicUrl, asOf: today() }));
    expect(runs[0].planned + runs[1].planned).toBe(3);
    expect(
      await count('SELECT count(*)::int AS n FROM follow_ups WHERE allocation_id = $1', [
        handed.allocationId,
      ]),
    ).toBe(3);
  });

  it('sends each follow-up link once, and its reminder once', async () => {
    const dueOn = addMonthsToDay(today(), 3);
    const due = await count(
      "SELECT count(*)::int AS n FROM follow_ups WHERE status = 'scheduled' AND due_on <= $1",
      [dueOn],
    );
    expect(due).toBeGreaterThanOrEqual(8);
    const runs = await onBoth((db) => runFollowUps(db, { publicUrl, asOf: dueOn }));
    const sent = runs[0].sent + runs[1].sent;
    expect(sent + runs[0].toContact + runs[1].toContact).toBe(due);
    expect(runs[0].toContact + runs[1].toContact).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM outbox WHERE template = 'follow_up_invitation'")).toBe(
      sent,
    );
    expect(await count("SELECT count(*)::int AS n FROM follow_up_links WHERE channel = 'email'")).toBe(sent);

    const reminders = await onBoth((db) => runFollowUps(db, { publicUrl, asOf: plusDays(dueOn, 14) }));
    expect(reminders[0].reminded + reminders[1].reminded).toBe(sent);
    expect(await count("SELECT count(*)::int AS n FROM follow_up_links WHERE channel = 'reminder'")).toBe(
      sent,
    );
    expect(await count("SELECT count(*)::int AS n FROM outbox WHERE template = 'follow_up_invitation'")).toBe(
      2 * sent,
    );
  });

  it('writes each loan reminder once', async () => {
    const dueOn = addMonthsToDay(today(), 12);
    const asOf = plusDays(dueOn, -30);
    const runs = await onBoth((db) => sendLoanReminders(db, { publicUrl, asOf }));
    expect(runs[0].soon + runs[1].soon).toBe(3);
    expect(await count("SELECT count(*)::int AS n FROM outbox WHERE template = 'loan_reminder'")).toBe(3);
    const due = await onBoth((db) => sendLoanReminders(db, { publicUrl, asOf: dueOn }));
    expect(due[0].due + due[1].due).toBe(3);
    expect(await count("SELECT count(*)::int AS n FROM outbox WHERE template = 'loan_reminder'")).toBe(6);
  });

  it('deletes each unconfirmed association registration once', async () => {
    for (let i = 0; i < 5; i++) {
      await kit.t.database.pool.query(
        `INSERT INTO association_registrations
           (programme_id, name, address, postcode, city, activity, people_served, contact_name, contact_email, created_at)
         VALUES ($1, $2, '1 rue de la Paix', '75001', 'Paris', 'Aide', 10, 'Léa', $3, now() - interval '8 days')`,
        [donationProgramme, `Asso ${i}`, `asso${i}@example.org`],
      );
    }
    const runs = await onBoth((db) => deleteUnconfirmedRegistrations(db));
    expect(runs[0].deleted + runs[1].deleted).toBe(5);
    expect(await count('SELECT count(*)::int AS n FROM association_registrations')).toBe(0);
  });

  it("anonymises the inactive people once, in one day's run", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await kit.socialWorker.post('/beneficiaries', {
        kind: 'person',
        firstName: 'Ancien',
        lastName: `Contact ${i}`,
        consentGivenOn: `${Number(today().slice(0, 4)) - 4}-01-01`,
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    await kit.t.database.pool.query(
      "UPDATE beneficiaries SET last_activity_on = (current_date - interval '3 years')::date WHERE id = ANY($1::uuid[])",
      [ids],
    );
    const runs = await onBoth((db) => anonymiseInactive(db, { retentionMonths: 24, trigger: 'daily' }));
    expect(runs.map((r) => r.ran).sort()).toEqual([false, true]);
    expect(runs[0].anonymised + runs[1].anonymised).toBe(3);
    expect(await count("SELECT count(*)::int AS n FROM anonymisation_runs WHERE trigger = 'daily'")).toBe(1);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'beneficiary.anonymise' AND entity_id = ANY($1::text[])",
        [ids],
      ),
    ).toBe(3);
  });

  it('sends each mail of the outbox once', async () => {
    // Due in an hour, sent "in two hours": the test apps' own outbox workers (every 10 s) leave them alone.
    await kit.t.database.pool.query(
      "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = now() + interval '1 hour'",
    );
    const pending = await count('SELECT count(*)::int AS n FROM outbox');
    expect(pending).toBeGreaterThanOrEqual(20);
    const later = new Date(Date.now() + 2 * 3600_000);
    const transports = [createTransport(smtp.url), createTransport(smtp.url)];
    const from = 'Seconde Vie <no-reply@localhost>';
    let turn = 0;
    const runs = await onBoth((db) => deliverDue(db, transports[turn++ % 2] ?? null, from, later));
    for (const transport of transports) transport?.close();
    expect(runs[0].sent + runs[1].sent).toBe(pending);
    await smtp.waitFor(pending);
    // A moment for a duplicate to arrive, if one were on its way.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received).toHaveLength(pending);
    expect(await count("SELECT count(*)::int AS n FROM outbox WHERE status = 'sent' AND attempts = 1")).toBe(
      pending,
    );
  });
});
