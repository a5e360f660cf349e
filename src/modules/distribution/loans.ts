/**
 * Loans (loan programmes): opened at the handover, due `loanMonths` later; renewed by the loan length
 * from the current due date when the programme allows it; returned (the device goes back to `returned`,
 * in the refurbisher's queue).
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { addMonthsToDay, today } from '../../lib/dates.ts';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/service.ts';
import { inventoryPermissions } from '../inventory/permissions.ts';
import { devices } from '../inventory/schema.ts';
import { moveDeviceForDistribution } from '../inventory/status.ts';
import { recordStep } from '../programmes/events.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { beneficiaries, programmes } from '../programmes/schema.ts';
import { loans } from './schema.ts';
import { distributionScope } from './visibility.ts';

export type LoanRow = typeof loans.$inferSelect;

/** A loan as replied: the renewal cap of its programme, and whether a borrower's link exists (never the link). */
export interface Loan extends Omit<LoanRow, 'reportTokenHash'> {
  maxRenewals: number | null;
  hasReportLink: boolean;
}

export function toLoan(row: LoanRow, programme: { loanMaxRenewals: number | null }): Loan {
  const { reportTokenHash, ...rest } = row;
  return { ...rest, maxRenewals: programme.loanMaxRenewals, hasReportLink: reportTokenHash !== null };
}

/**
 * Who sees a loan: those who see the person, and the members of the organisation holding the device (the
 * refurbisher takes it back); the reply carries ids only, never the person's identity.
 */
function loanScope(actor: Actor): SQL | undefined | false {
  const people = distributionScope(actor);
  const stock = inventoryPermissions.organisationsWith(actor, 'device.read');
  if (people === undefined || stock === 'all') return undefined;
  const parts: SQL[] = [];
  if (people !== false) parts.push(people);
  if (stock.length > 0) parts.push(inArray(devices.organisationId, stock));
  return parts.length === 0 ? false : or(...parts);
}

export interface LoanFilters {
  overdue?: boolean;
  programmeId?: string;
  beneficiaryId?: string;
  /** The day "overdue" is judged on (default today): lets a report look at another day. */
  asOf?: string;
  limit: number;
  cursor?: string;
}

/** Loans the actor may see, soonest due first; `overdue`: not returned and due before today. */
export async function listLoans(db: Executor, actor: Actor, filters: LoanFilters): Promise<Page<Loan>> {
  const scope = loanScope(actor);
  if (scope === false) return { items: [], nextCursor: null };
  const conditions: (SQL | undefined)[] = [scope];
  if (filters.overdue)
    conditions.push(and(isNull(loans.returnedOn), lt(loans.dueOn, filters.asOf ?? today())));
  if (filters.programmeId) conditions.push(eq(loans.programmeId, filters.programmeId));
  if (filters.beneficiaryId) conditions.push(eq(loans.beneficiaryId, filters.beneficiaryId));
  const after = decodeCursor(filters.cursor, ['date', 'uuid']);
  if (after) {
    const [dueOn, id] = after as [string, string];
    conditions.push(sql`(${loans.dueOn}, ${loans.id}) > (${dueOn}::date, ${id}::uuid)`);
  }
  const rows = await db
    .select({ loan: loans, maxRenewals: programmes.loanMaxRenewals })
    .from(loans)
    .innerJoin(beneficiaries, eq(beneficiaries.id, loans.beneficiaryId))
    .innerJoin(programmes, eq(programmes.id, loans.programmeId))
    .innerJoin(devices, eq(devices.id, loans.deviceId))
    .where(and(...conditions))
    .orderBy(asc(loans.dueOn), asc(loans.id))
    .limit(filters.limit + 1);
  const page = toPage(rows, filters.limit, (r) => [r.loan.dueOn, r.loan.id]);
  return {
    items: page.items.map((r) => toLoan(r.loan, { loanMaxRenewals: r.maxRenewals })),
    nextCursor: page.nextCursor,
  };
}

async function loadLoan(tx: Executor, actor: Actor, id: string, forUpdate = true) {
  if (!isUuid(id)) throw notFound('loan');
  const scope = loanScope(actor);
  if (scope === false) throw notFound('loan');
  const query = tx
    .select({ loan: loans, programme: programmes, deviceOrganisationId: devices.organisationId })
    .from(loans)
    .innerJoin(beneficiaries, eq(beneficiaries.id, loans.beneficiaryId))
    .innerJoin(devices, eq(devices.id, loans.deviceId))
    .innerJoin(programmes, eq(programmes.id, loans.programmeId))
    .where(and(eq(loans.id, id), scope));
  const [row] = forUpdate ? await query.for('update', { of: loans }) : await query;
  if (!row) throw notFound('loan');
  return row;
}

export async function getLoan(db: Executor, actor: Actor, id: string): Promise<Loan> {
  const { loan, programme } = await loadLoan(db, actor, id, false);
  return toLoan(loan, programme);
}

/** Extends a loan by the programme's loan length from its current due date (programmes that renew). */
export async function renewLoan(db: Executor, actor: Actor, id: string): Promise<Loan> {
  return db.transaction(async (tx) => {
    const { loan, programme } = await loadLoan(tx, actor, id);
    if (!peoplePermissions.can(actor, 'referral.manage', programme.ownerOrganisationId)) throw forbidden();
    if (loan.returnedOn) throw conflict('loans.returned', { on: loan.returnedOn });
    if (!programme.loanRenewable) throw new AppError('RULE_REFUSED', 'loans.not_renewable');
    if (programme.loanMaxRenewals !== null && loan.renewals >= programme.loanMaxRenewals) {
      throw new AppError('RULE_REFUSED', 'loans.renewal_cap_reached', {
        params: { count: programme.loanMaxRenewals },
      });
    }
    const [renewed] = await tx
      .update(loans)
      .set({ dueOn: addMonthsToDay(loan.dueOn, programme.loanMonths ?? 12), renewals: loan.renewals + 1 })
      .where(eq(loans.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'loan.renew',
      entityType: 'loan',
      entityId: id,
      organisationId: programme.ownerOrganisationId,
      fields: ['dueOn', 'renewals'],
    });
    await recordStep(tx, actor, {
      beneficiaryId: loan.beneficiaryId,
      kind: 'loan_renewed',
      programmeId: programme.id,
      fields: ['dueOn'],
    });
    return toLoan(renewed as LoanRow, programme);
  });
}

/**
 * The device comes back: the loan ends today (or on `returnedOn`), the device becomes `returned` in the
 * refurbisher's queue. Recorded by the programme's owner or by the organisation holding the device.
 */
export async function returnLoan(
  db: Executor,
  actor: Actor,
  id: string,
  input: { condition?: string | null; returnedOn?: string },
): Promise<Loan> {
  return db.transaction(async (tx) => {
    const { loan, programme, deviceOrganisationId } = await loadLoan(tx, actor, id);
    const allowed =
      peoplePermissions.can(actor, 'referral.manage', programme.ownerOrganisationId) ||
      inventoryPermissions.can(actor, 'device.write', deviceOrganisationId);
    if (!allowed) throw forbidden();
    if (loan.returnedOn) throw conflict('loans.returned', { on: loan.returnedOn });
    const returnedOn = input.returnedOn ?? today();
    if (returnedOn < loan.startedOn || returnedOn > today()) {
      throw invalidField('returnedOn', 'loans.return_day_invalid', { startedOn: loan.startedOn });
    }
    const moved = await moveDeviceForDistribution(
      tx,
      actor,
      loan.deviceId,
      'handed_over',
      'returned',
      'loan returned',
    );
    if (!moved) throw conflict('loans.returned', { on: today() });
    const [returned] = await tx
      .update(loans)
      .set({ returnedOn, returnCondition: input.condition?.trim() || null, reportTokenHash: null })
      .where(eq(loans.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'loan.return',
      entityType: 'loan',
      entityId: id,
      organisationId: programme.ownerOrganisationId,
      fields: ['returnedOn', ...(input.condition ? ['returnCondition'] : [])],
    });
    await recordStep(tx, actor, {
      beneficiaryId: loan.beneficiaryId,
      kind: 'loan_returned',
      on: returnedOn,
      programmeId: programme.id,
    });
    return toLoan(returned as LoanRow, programme);
  });
}

/**
 * The secret of a borrower's link: 20 random bytes (160 bits) in hexadecimal, so the printed address has
 * no hyphen to be cut at the end of a line; only its SHA-256 is stored.
 */
export function newReportToken(): { token: string; hash: string } {
  const token = randomBytes(20).toString('hex');
  return { token, hash: reportTokenHash(token) };
}

export function reportTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The public page a borrower opens to report a problem (printed on the loan agreement). */
export function reportUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/signaler/${token}`;
}
