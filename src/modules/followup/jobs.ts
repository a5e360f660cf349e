/**
 * The follow-up job, every hour: plans the follow-ups of recent handovers that have none, sends the link
 * of those falling due (or lists them for a letter or a call when the person has no e-mail), sends one
 * reminder after `reminderDays`, and marks them `no_answer` after as many days more. Each step claims its
 * rows with an UPDATE on their expected status, so a follow-up is handled once however many servers run it.
 */
import { and, eq, lte, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../../db/tx.ts';
import { instanceTimeZone, today } from '../../lib/dates.ts';
import { withoutStatementLimit } from '../../server/query-time.ts';
import { HOUR, type StopJob, scheduleRecurring } from '../../server/schedule.ts';
import { queueMail } from '../notifications/outbox.ts';
import { organisations } from '../organisations/schema.ts';
import { consentInForce } from '../programmes/consents.ts';
import { beneficiaries, programmes } from '../programmes/schema.ts';
import { issueLink, questionnaireUrl } from './links.ts';
import { catchUpFollowUps, DEFAULT_REMINDER_DAYS } from './planning.ts';
import { followUpSettings, followUps } from './schema.ts';

export interface FollowUpRun {
  planned: number;
  sent: number;
  toContact: number;
  reminded: number;
  noAnswer: number;
  cancelled: number;
}

/** The instant standing for a day of the controllable clock (noon UTC: the same day in Europe). */
function instantOf(asOf: string | undefined): Date {
  return asOf ? new Date(`${asOf}T12:00:00Z`) : new Date();
}

/** The programme's reminder delay, in SQL (the default when the programme never changed it). */
const reminderDays = sql<number>`coalesce((SELECT ${followUpSettings.reminderDays} FROM ${followUpSettings}
  WHERE ${followUpSettings.programmeId} = ${followUps.programmeId}), ${DEFAULT_REMINDER_DAYS})`;

function dayOf(column: typeof followUps.sentAt | typeof followUps.remindedAt) {
  return sql`(${column} AT TIME ZONE ${instanceTimeZone()})::date`;
}

async function mailLink(
  tx: Executor,
  followUpId: string,
  channel: 'email' | 'reminder',
  at: Date,
  publicUrl: string,
): Promise<boolean> {
  const [row] = await tx
    .select({
      months: followUps.months,
      email: beneficiaries.email,
      firstName: beneficiaries.firstName,
      programmeName: programmes.name,
      organisationId: programmes.ownerOrganisationId,
      organisationName: organisations.name,
    })
    .from(followUps)
    .innerJoin(beneficiaries, eq(beneficiaries.id, followUps.beneficiaryId))
    .innerJoin(programmes, eq(programmes.id, followUps.programmeId))
    .innerJoin(organisations, eq(organisations.id, programmes.ownerOrganisationId))
    .where(eq(followUps.id, followUpId));
  if (!row?.email) return false;
  const link = await issueLink(tx, followUpId, channel, at);
  await queueMail(tx, {
    to: row.email,
    template: 'follow_up_invitation',
    // People have no language recorded: the questionnaire page offers English.
    locale: 'fr',
    organisationId: row.organisationId,
    params: {
      name: row.firstName ?? '',
      organisationName: row.organisationName,
      programmeName: row.programmeName,
      months: row.months,
      url: questionnaireUrl(publicUrl, link.token),
      expiresOn: link.expiresAt.toISOString().slice(0, 10),
      reminder: channel === 'reminder',
    },
  });
  return true;
}

/** One pass of the job on `asOf` (default today); returns what it did. */
export async function runFollowUps(
  db: Executor,
  options: { publicUrl: string; asOf?: string },
): Promise<FollowUpRun> {
  const asOf = options.asOf ?? today();
  const at = instantOf(options.asOf);
  const counts: FollowUpRun = { planned: 0, sent: 0, toContact: 0, reminded: 0, noAnswer: 0, cancelled: 0 };
  counts.planned = await catchUpFollowUps(db, asOf);

  // Falling due: the link by e-mail, or the call list.
  await db.transaction(async (tx) => {
    const claimed = await tx
      .update(followUps)
      .set({ status: 'sent', sentAt: at, updatedAt: new Date() })
      .where(and(eq(followUps.status, 'scheduled'), lte(followUps.dueOn, asOf)))
      .returning({ id: followUps.id, beneficiaryId: followUps.beneficiaryId });
    for (const { id, beneficiaryId } of claimed) {
      // Consent withdrawn since the handover: the person is not contacted.
      if (!(await consentInForce(tx, beneficiaryId, 'follow_up', asOf))) {
        await tx
          .update(followUps)
          .set({ status: 'cancelled', sentAt: null, cancelledAt: at })
          .where(eq(followUps.id, id));
        counts.cancelled++;
      } else if (await mailLink(tx, id, 'email', at, options.publicUrl)) {
        counts.sent++;
      } else {
        await tx.update(followUps).set({ status: 'to_contact', sentAt: null }).where(eq(followUps.id, id));
        counts.toContact++;
      }
    }
  });

  // Nothing after the reminder: listed for a phone call (before reminders, so a reminder made in this
  // pass is not counted as unanswered at once).
  const silent = await db
    .update(followUps)
    .set({ status: 'no_answer', updatedAt: new Date() })
    .where(
      and(
        eq(followUps.status, 'sent'),
        sql`${followUps.remindedAt} IS NOT NULL`,
        sql`${dayOf(followUps.remindedAt)} + ${reminderDays} <= ${asOf}::date`,
      ),
    )
    .returning({ id: followUps.id });
  counts.noAnswer = silent.length;

  // One reminder, with a new link (the first one still works).
  await db.transaction(async (tx) => {
    const claimed = await tx
      .update(followUps)
      .set({ remindedAt: at, updatedAt: new Date() })
      .where(
        and(
          eq(followUps.status, 'sent'),
          sql`${followUps.remindedAt} IS NULL`,
          sql`${followUps.sentAt} IS NOT NULL`,
          sql`${dayOf(followUps.sentAt)} + ${reminderDays} <= ${asOf}::date`,
        ),
      )
      .returning({ id: followUps.id, beneficiaryId: followUps.beneficiaryId });
    for (const { id, beneficiaryId } of claimed) {
      // Consent withdrawn since the link was sent (a withdrawal cancels them; this is the safety net).
      if (!(await consentInForce(tx, beneficiaryId, 'follow_up', asOf))) {
        await tx
          .update(followUps)
          .set({ status: 'cancelled', remindedAt: null, cancelledAt: at })
          .where(eq(followUps.id, id));
        counts.cancelled++;
      } else if (await mailLink(tx, id, 'reminder', at, options.publicUrl)) {
        // A letter's follow-up without e-mail: no reminder to send, the delay still runs.
        counts.reminded++;
      }
    }
  });
  return counts;
}

/** Runs the job every hour (the claims make a second server's pass a no-op). Returns a stop function. */
export function scheduleFollowUpJobs(
  db: Executor,
  publicUrl: string,
  log: Pick<FastifyBaseLogger, 'error'>,
  onWritten: () => void,
): StopJob {
  return scheduleRecurring({
    name: 'follow-ups',
    db,
    firstAfterMs: 90_000,
    everyMs: HOUR,
    log,
    failureMessage: 'follow-ups failed; they will be tried again within the hour',
    work: async () => {
      // A catch-up after a long stop may send many: no statement limit for this turn.
      const counts = await withoutStatementLimit(db, (jobDb) => runFollowUps(jobDb, { publicUrl }));
      if (counts.sent + counts.reminded > 0) onWritten();
    },
  });
}
