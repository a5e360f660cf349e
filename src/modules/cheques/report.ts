/**
 * Training cheques in figures, per issuer: the reconciliation of an organisation (received = sent +
 * pending, by count and by value; what was paid back against what was sent; pending cheques expiring soon
 * or expired) and the cheques of a programme's workshops for the programme and funder reports.
 */
import { and, asc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { shiftDay } from '../training/calendar.ts';
import { workshopSessions, workshops } from '../training/schema.ts';
import { authorizeCheques } from './cheques.ts';
import { EXPIRY_WARNING_DAYS } from './rules.ts';
import { CHEQUE_ISSUERS, type ChequeIssuer, chequeBatches, trainingCheques } from './schema.ts';

export interface Tally {
  count: number;
  cents: number;
}

/** One issuer's figures. `received` = `sent` + `pending`; `sent` = `awaiting` + `rejected` + accepted and paid. */
export interface ChequeFigures {
  issuer: ChequeIssuer;
  received: Tally;
  pending: Tally;
  sent: Tally;
  /** Sent in a batch whose reimbursement is not recorded yet. */
  awaiting: Tally;
  rejected: Tally;
  /**
   * Paid back: each reimbursed batch's amount shared among its accepted cheques in proportion to their
   * value (so a programme's share of a batch holding several programmes' cheques adds up).
   */
  reimbursedCents: number;
  /** Pending and expiring within 30 days (today included). */
  expiring: Tally;
  /** Pending and already expired. */
  expired: Tally;
}

export interface ChequeSummary {
  today: string;
  byIssuer: ChequeFigures[];
  total: Omit<ChequeFigures, 'issuer'>;
}

const tally = (condition: SQL) => ({
  count: sql<number>`(count(*) FILTER (WHERE ${condition}))::int`,
  cents: sql<number>`(coalesce(sum(${trainingCheques.valueCents}) FILTER (WHERE ${condition}), 0))::int`,
});

/** The figures of the cheques matching `where`, per issuer (issuers without cheques left out). */
export async function chequeFigures(
  db: Executor,
  where: SQL | undefined,
  day = today(),
): Promise<ChequeFigures[]> {
  const pending = sql`${trainingCheques.batchId} IS NULL`;
  const inBatch = sql`${trainingCheques.batchId} IS NOT NULL`;
  // What the batch's accepted cheques are worth: the base of each one's share of the amount paid.
  const accepted = sql`(SELECT sum(x.value_cents) FROM training_cheques x
      WHERE x.batch_id = ${chequeBatches.id} AND x.rejected_reason IS NULL)`;
  const rows = await db
    .select({
      issuer: trainingCheques.issuer,
      received: tally(sql`true`),
      pending: tally(pending),
      sent: tally(inBatch),
      awaiting: tally(sql`${inBatch} AND ${chequeBatches.reimbursedOn} IS NULL`),
      rejected: tally(sql`${trainingCheques.rejectedReason} IS NOT NULL`),
      reimbursedCents: sql<number>`(coalesce(round(sum(
          ${trainingCheques.valueCents}::numeric * ${chequeBatches.reimbursedCents} / nullif(${accepted}, 0)
        ) FILTER (WHERE ${chequeBatches.reimbursedOn} IS NOT NULL AND ${trainingCheques.rejectedReason} IS NULL)), 0))::int`,
      expiring: tally(
        sql`${pending} AND ${trainingCheques.expiresOn} >= ${day} AND ${trainingCheques.expiresOn} <= ${shiftDay(day, EXPIRY_WARNING_DAYS)}`,
      ),
      expired: tally(sql`${pending} AND ${trainingCheques.expiresOn} < ${day}`),
    })
    .from(trainingCheques)
    .leftJoin(chequeBatches, eq(chequeBatches.id, trainingCheques.batchId))
    .where(where)
    .groupBy(trainingCheques.issuer)
    .orderBy(asc(trainingCheques.issuer));
  return CHEQUE_ISSUERS.flatMap((issuer) => rows.filter((r) => r.issuer === issuer));
}

const KEYS = ['received', 'pending', 'sent', 'awaiting', 'rejected', 'expiring', 'expired'] as const;

/** The sum of several issuers' figures. */
export function sumFigures(rows: ChequeFigures[]): Omit<ChequeFigures, 'issuer'> {
  const zero = () => ({ count: 0, cents: 0 });
  const total = {
    ...(Object.fromEntries(KEYS.map((k) => [k, zero()])) as Record<(typeof KEYS)[number], Tally>),
    reimbursedCents: 0,
  };
  for (const row of rows) {
    for (const key of KEYS) {
      total[key].count += row[key].count;
      total[key].cents += row[key].cents;
    }
    total.reimbursedCents += row.reimbursedCents;
  }
  return total;
}

/** An organisation's reconciliation, per issuer and in total. */
export async function chequeSummary(
  db: Executor,
  actor: Actor,
  organisationId: string,
): Promise<ChequeSummary> {
  authorizeCheques(actor, 'cheque.read', organisationId);
  const day = today();
  const byIssuer = await chequeFigures(db, eq(trainingCheques.organisationId, organisationId), day);
  return { today: day, byIssuer, total: sumFigures(byIssuer) };
}

/**
 * The cheques received in a period at the sessions of the programmes' workshops (any training
 * organisation), for the programme and funder reports. No person appears: counts and values only.
 */
export async function programmeChequeFigures(
  db: Executor,
  programmeIds: string[],
  period: { from: string; to: string },
): Promise<ChequeFigures[]> {
  if (programmeIds.length === 0) return [];
  return chequeFigures(
    db,
    and(
      gte(trainingCheques.receivedOn, period.from),
      lte(trainingCheques.receivedOn, period.to),
      sql`EXISTS (SELECT 1 FROM ${workshopSessions} JOIN ${workshops} ON ${workshops.id} = ${workshopSessions.workshopId}
            WHERE ${workshopSessions.id} = ${trainingCheques.sessionId} AND ${inArray(workshops.programmeId, programmeIds)})`,
    ),
  );
}
