/**
 * Loan reminders: 30 days before a loan's due date, and on it, an e-mail to the person's referrer (the
 * social worker who referred them), written in the outbox. Each reminder is claimed by an UPDATE of its
 * "sent" column, so a reminder is written once however many servers run the job; a day missed (server
 * off) is caught up the next day.
 */
import { and, eq, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../../db/tx.ts';
import { today } from '../../lib/dates.ts';
import { withoutStatementLimit } from '../../server/query-time.ts';
import { HOUR, MINUTE, type StopJob, scheduleRecurring } from '../../server/schedule.ts';
import { devices } from '../inventory/schema.ts';
import { queueMail } from '../notifications/outbox.ts';
import { users } from '../organisations/schema.ts';
import { displayName } from '../programmes/referrals.ts';
import { beneficiaries, programmes, referrals } from '../programmes/schema.ts';
import { allocations, loans } from './schema.ts';

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Writes the reminders due on `asOf` (default today); returns how many were written. */
export async function sendLoanReminders(
  db: Executor,
  options: { publicUrl: string; asOf?: string },
): Promise<{ soon: number; due: number }> {
  const asOf = options.asOf ?? today();
  const counts = { soon: 0, due: 0 };
  for (const when of ['soon', 'due'] as const) {
    const column = when === 'soon' ? loans.reminderSoonSentAt : loans.reminderDueSentAt;
    const window: SQL | undefined =
      when === 'soon'
        ? and(lte(loans.dueOn, addDays(asOf, 30)), sql`${loans.dueOn} > ${asOf}::date`)
        : lte(loans.dueOn, asOf);
    await db.transaction(async (tx) => {
      const claimed = await tx
        .update(loans)
        .set(when === 'soon' ? { reminderSoonSentAt: new Date() } : { reminderDueSentAt: new Date() })
        .where(and(isNull(loans.returnedOn), isNull(column), window))
        .returning({ id: loans.id });
      for (const { id } of claimed) {
        const [row] = await tx
          .select({
            loan: loans,
            assetTag: devices.assetTag,
            programmeName: programmes.name,
            renewable: programmes.loanRenewable,
            ownerOrganisationId: programmes.ownerOrganisationId,
            person: {
              kind: beneficiaries.kind,
              firstName: beneficiaries.firstName,
              lastName: beneficiaries.lastName,
              name: beneficiaries.name,
            },
            referrerName: users.name,
            referrerEmail: users.email,
            referrerLocale: users.locale,
            referrerDisabled: users.disabledAt,
          })
          .from(loans)
          .innerJoin(allocations, eq(allocations.id, loans.allocationId))
          .innerJoin(referrals, eq(referrals.id, allocations.referralId))
          .innerJoin(programmes, eq(programmes.id, loans.programmeId))
          .innerJoin(devices, eq(devices.id, loans.deviceId))
          .innerJoin(beneficiaries, eq(beneficiaries.id, loans.beneficiaryId))
          .leftJoin(users, eq(users.id, referrals.referredByUserId))
          .where(eq(loans.id, id));
        // No referrer to tell (account deleted or disabled): the loan still shows on the overdue list.
        if (!row?.referrerEmail || row.referrerDisabled) continue;
        await queueMail(tx, {
          to: row.referrerEmail,
          template: 'loan_reminder',
          locale: row.referrerLocale === 'en' ? 'en' : 'fr',
          organisationId: row.ownerOrganisationId,
          params: {
            name: row.referrerName ?? '',
            borrower: displayName(row.person) ?? '—',
            assetTag: row.assetTag,
            programmeName: row.programmeName,
            dueOn: row.loan.dueOn,
            when,
            renewable: row.renewable,
            url: `${options.publicUrl}/prets`,
          },
        });
        counts[when]++;
      }
    });
  }
  return counts;
}

/** Checks every hour whether reminders are due (the claim makes a second pass a no-op). */
export function scheduleLoanReminders(
  db: Executor,
  publicUrl: string,
  log: Pick<FastifyBaseLogger, 'error'>,
  onWritten: () => void,
): StopJob {
  return scheduleRecurring({
    name: 'loan-reminders',
    db,
    firstAfterMs: MINUTE,
    everyMs: HOUR,
    log,
    failureMessage: 'loan reminders failed; they will be tried again within the hour',
    work: async () => {
      // A catch-up after a long stop may remind many: no statement limit for this turn.
      const counts = await withoutStatementLimit(db, (jobDb) => sendLoanReminders(jobDb, { publicUrl }));
      if (counts.soon + counts.due > 0) onWritten();
    },
  });
}
