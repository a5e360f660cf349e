/**
 * A programme's co-financing plan: one funding per funder (an organisation of the directory, or only a
 * name), requested, then granted or refused under an agreement (reference and dates), then received in
 * payments. The status is derived, never stored: requested → granted → partly_received → received, or
 * refused. Payments are recorded on a granted funding only, and never add up to more than it granted.
 * A funding with payments is deleted only once its payments are (409 otherwise): a payment is money
 * received, which nobody should lose by deleting its request.
 */
import { asc, count, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { AppError, invalidField, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { translate } from '../../lib/messages.ts';
import { recordAudit } from '../audit/service.ts';
import { organisations } from '../organisations/schema.ts';
import { formatEuros } from '../programmes/documents/common.ts';
import type { ProgrammeRow } from '../programmes/visibility.ts';
import { loadBudgetProgramme } from './access.ts';
import { type FundingStatus, fundingStatus } from './figures.ts';
import { fundingPayments, fundings } from './schema.ts';

export const MAX_FUNDINGS = 100;
export const MAX_PAYMENTS = 100;

export type FundingRow = typeof fundings.$inferSelect;
export type FundingPaymentRow = typeof fundingPayments.$inferSelect;

export interface FundingInput {
  funderOrganisationId?: string | null;
  funderName?: string | null;
  requestedCents: number;
  requestedOn?: string | null;
  grantedCents?: number | null;
  grantedOn?: string | null;
  refusedOn?: string | null;
  agreementReference?: string | null;
  agreementStartsOn?: string | null;
  agreementEndsOn?: string | null;
  note?: string | null;
}

export type FundingPatch = Partial<FundingInput>;

export interface FundingPaymentInput {
  receivedOn: string;
  amountCents: number;
  reference?: string | null;
}

export interface FundingPayment {
  id: string;
  fundingId: string;
  receivedOn: string;
  amountCents: number;
  reference: string | null;
  createdAt: Date;
}

export interface Funding {
  id: string;
  programmeId: string;
  funderOrganisationId: string | null;
  funderName: string | null;
  /** The organisation's name, or the name typed. */
  funderLabel: string;
  requestedCents: number;
  requestedOn: string | null;
  grantedCents: number | null;
  grantedOn: string | null;
  refusedOn: string | null;
  agreementReference: string | null;
  agreementStartsOn: string | null;
  agreementEndsOn: string | null;
  note: string | null;
  status: FundingStatus;
  receivedCents: number;
  /** Granted and not yet received (null when nothing is granted). */
  remainingCents: number | null;
  payments: FundingPayment[];
  createdAt: Date;
  updatedAt: Date;
}

function presentPayment(row: FundingPaymentRow): FundingPayment {
  return {
    id: row.id,
    fundingId: row.fundingId,
    receivedOn: row.receivedOn,
    amountCents: row.amountCents,
    reference: row.reference,
    createdAt: row.createdAt,
  };
}

function present(row: FundingRow, funderLabel: string, payments: FundingPaymentRow[]): Funding {
  const receivedCents = payments.reduce((sum, p) => sum + p.amountCents, 0);
  return {
    id: row.id,
    programmeId: row.programmeId,
    funderOrganisationId: row.funderOrganisationId,
    funderName: row.funderName,
    funderLabel,
    requestedCents: row.requestedCents,
    requestedOn: row.requestedOn,
    grantedCents: row.grantedCents,
    grantedOn: row.grantedOn,
    refusedOn: row.refusedOn,
    agreementReference: row.agreementReference,
    agreementStartsOn: row.agreementStartsOn,
    agreementEndsOn: row.agreementEndsOn,
    note: row.note,
    status: fundingStatus(row, receivedCents),
    receivedCents,
    remainingCents: row.grantedCents === null ? null : Math.max(0, row.grantedCents - receivedCents),
    payments: payments.map(presentPayment),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The fundings of rows, with their funder's name and payments. */
async function presentAll(db: Executor, rows: FundingRow[]): Promise<Funding[]> {
  if (rows.length === 0) return [];
  const orgIds = [...new Set(rows.map((r) => r.funderOrganisationId).filter((id): id is string => !!id))];
  const names = new Map(
    orgIds.length === 0
      ? []
      : (
          await db
            .select({ id: organisations.id, name: organisations.name })
            .from(organisations)
            .where(inArray(organisations.id, orgIds))
        ).map((o) => [o.id, o.name] as const),
  );
  const payments = await db
    .select()
    .from(fundingPayments)
    .where(
      inArray(
        fundingPayments.fundingId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(fundingPayments.receivedOn), asc(fundingPayments.createdAt));
  return rows.map((row) =>
    present(
      row,
      (row.funderOrganisationId ? names.get(row.funderOrganisationId) : undefined) ?? row.funderName ?? '',
      payments.filter((p) => p.fundingId === row.id),
    ),
  );
}

/** The co-financing plan of a programme (fundings in the order they were recorded, with payments and status). */
export async function listFundingsOf(db: Executor, programmeId: string): Promise<Funding[]> {
  const rows = await db
    .select()
    .from(fundings)
    .where(eq(fundings.programmeId, programmeId))
    .orderBy(asc(fundings.createdAt), asc(fundings.id));
  return presentAll(db, rows);
}

/** The co-financing plan of a programme, for the owner's readers. */
export async function listFundings(db: Executor, actor: Actor, programmeId: string): Promise<Funding[]> {
  const programme = await loadBudgetProgramme(db, actor, programmeId, 'read');
  return listFundingsOf(db, programme.id);
}

async function getFunding(db: Executor, id: string): Promise<Funding> {
  const [row] = await db.select().from(fundings).where(eq(fundings.id, id));
  if (!row) throw notFound('funding');
  const [funding] = await presentAll(db, [row]);
  if (!funding) throw notFound('funding');
  return funding;
}

async function receivedOf(db: Executor, fundingId: string): Promise<{ cents: number; count: number }> {
  const rows = await db
    .select({ amountCents: fundingPayments.amountCents })
    .from(fundingPayments)
    .where(eq(fundingPayments.fundingId, fundingId));
  return { cents: rows.reduce((sum, r) => sum + r.amountCents, 0), count: rows.length };
}

type Stored = Required<{ [K in keyof FundingInput]: Exclude<FundingInput[K], undefined> }>;

function money(actor: Actor, cents: number): string {
  return formatEuros(cents, actor.locale);
}

/** Checks a funding as it will be stored, with what was already received on it. */
async function checkFunding(tx: Executor, actor: Actor, f: Stored, receivedCents: number): Promise<void> {
  if (!f.funderOrganisationId && !f.funderName) throw invalidField('funderName', 'budgets.funder_required');
  if (f.funderOrganisationId) {
    const [org] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.id, f.funderOrganisationId));
    if (!org) throw invalidField('funderOrganisationId', 'budgets.funder_unknown');
  }
  if (f.grantedCents !== null && f.refusedOn) throw invalidField('refusedOn', 'budgets.granted_and_refused');
  if (f.grantedOn && f.grantedCents === null)
    throw invalidField('grantedCents', 'budgets.granted_on_without_amount');
  if (f.grantedCents !== null && f.grantedCents > f.requestedCents) {
    throw invalidField('grantedCents', 'budgets.granted_over_requested', {
      granted: money(actor, f.grantedCents),
      requested: money(actor, f.requestedCents),
    });
  }
  if (f.agreementStartsOn && f.agreementEndsOn && f.agreementEndsOn < f.agreementStartsOn) {
    throw invalidField('agreementEndsOn', 'budgets.agreement_dates', {
      start: f.agreementStartsOn,
      end: f.agreementEndsOn,
    });
  }
  if (receivedCents > 0) {
    if (f.grantedCents === null) {
      throw new AppError('RULE_REFUSED', 'budgets.refused_with_payments', {
        params: { received: money(actor, receivedCents) },
      });
    }
    if (f.grantedCents < receivedCents) {
      throw new AppError('RULE_REFUSED', 'budgets.granted_below_received', {
        params: { received: money(actor, receivedCents) },
      });
    }
  }
}

function text(value: string | null | undefined): string | null {
  return value?.trim() || null;
}

function normalise(input: FundingInput): Stored {
  return {
    funderOrganisationId: input.funderOrganisationId ?? null,
    funderName: text(input.funderName),
    requestedCents: input.requestedCents,
    requestedOn: input.requestedOn ?? null,
    grantedCents: input.grantedCents ?? null,
    grantedOn: input.grantedOn ?? null,
    refusedOn: input.refusedOn ?? null,
    agreementReference: text(input.agreementReference),
    agreementStartsOn: input.agreementStartsOn ?? null,
    agreementEndsOn: input.agreementEndsOn ?? null,
    note: text(input.note),
  };
}

/** Adds a funder to a programme's co-financing plan (the owner's administrators and managers). */
export async function createFunding(
  db: Executor,
  actor: Actor,
  programmeId: string,
  input: FundingInput,
): Promise<Funding> {
  const id = await db.transaction(async (tx) => {
    const programme = await loadBudgetProgramme(tx, actor, programmeId, 'write', true);
    const values = normalise(input);
    await checkFunding(tx, actor, values, 0);
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(fundings)
      .where(eq(fundings.programmeId, programme.id));
    if (n >= MAX_FUNDINGS) {
      throw new AppError('RULE_REFUSED', 'budgets.too_many_fundings', { params: { max: MAX_FUNDINGS } });
    }
    const [row] = await tx
      .insert(fundings)
      // The plan lists fundings in the order they were entered: the clock's time, not the transaction's
      // (several entered in one transaction, as the demo does, would otherwise share one instant).
      .values({ programmeId: programme.id, ...values, createdByUserId: actor.userId, createdAt: new Date() })
      .returning({ id: fundings.id });
    if (!row) throw new Error('funding not inserted');
    await recordAudit(tx, actor, {
      action: 'funding.create',
      entityType: 'funding',
      entityId: row.id,
      organisationId: programme.ownerOrganisationId,
      fields: Object.keys(input),
    });
    return row.id;
  });
  return getFunding(db, id);
}

/** Loads a funding in a write transaction: its programme locked and checked first, then the funding. */
async function loadFundingForWrite(
  tx: Executor,
  actor: Actor,
  id: string,
): Promise<{ programme: ProgrammeRow; funding: FundingRow }> {
  if (!isUuid(id)) throw notFound('funding');
  const [found] = await tx
    .select({ programmeId: fundings.programmeId })
    .from(fundings)
    .where(eq(fundings.id, id));
  if (!found) throw notFound('funding');
  const programme = await loadBudgetProgramme(tx, actor, found.programmeId, 'write', true);
  const [funding] = await tx.select().from(fundings).where(eq(fundings.id, id));
  if (!funding || funding.programmeId !== programme.id) throw notFound('funding');
  return { programme, funding };
}

/** Changes a funding (request, grant or refusal, agreement), checked against what was already received. */
export async function updateFunding(
  db: Executor,
  actor: Actor,
  id: string,
  patch: FundingPatch,
): Promise<Funding> {
  await db.transaction(async (tx) => {
    const { programme, funding } = await loadFundingForWrite(tx, actor, id);
    const merged: FundingInput = { ...funding };
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
    }
    const values = normalise(merged);
    const received = await receivedOf(tx, funding.id);
    await checkFunding(tx, actor, values, received.cents);
    await tx
      .update(fundings)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(fundings.id, funding.id));
    await recordAudit(tx, actor, {
      action: 'funding.update',
      entityType: 'funding',
      entityId: funding.id,
      organisationId: programme.ownerOrganisationId,
      fields: Object.keys(patch),
    });
  });
  return getFunding(db, id);
}

/** Deletes a funding without payments (409 naming how many payments to delete first). */
export async function deleteFunding(db: Executor, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { programme, funding } = await loadFundingForWrite(tx, actor, id);
    const received = await receivedOf(tx, funding.id);
    if (received.count > 0) {
      throw new AppError('CONFLICT', 'budgets.funding_has_payments', { params: { count: received.count } });
    }
    await tx.delete(fundings).where(eq(fundings.id, funding.id));
    await recordAudit(tx, actor, {
      action: 'funding.delete',
      entityType: 'funding',
      entityId: funding.id,
      organisationId: programme.ownerOrganisationId,
    });
  });
}

/** Records money received on a granted funding, within what remains to be received (422 saying how much). */
export async function recordFundingPayment(
  db: Executor,
  actor: Actor,
  fundingId: string,
  input: FundingPaymentInput,
): Promise<Funding> {
  await db.transaction(async (tx) => {
    const { programme, funding } = await loadFundingForWrite(tx, actor, fundingId);
    // Money is recorded once received: a payment dated after today is a typing mistake.
    if (input.receivedOn > today())
      throw invalidField('receivedOn', 'budgets.payment_in_future', { today: today() });
    const received = await receivedOf(tx, funding.id);
    const status = fundingStatus(funding, received.cents);
    if (funding.grantedCents === null || status === 'refused') {
      throw new AppError('RULE_REFUSED', 'budgets.payment_not_granted', {
        params: { status: translate(actor.locale, `budgets.status.${status}`) },
      });
    }
    if (received.count >= MAX_PAYMENTS) {
      throw new AppError('RULE_REFUSED', 'budgets.too_many_payments', { params: { max: MAX_PAYMENTS } });
    }
    const remaining = funding.grantedCents - received.cents;
    if (input.amountCents > remaining) {
      throw new AppError('RULE_REFUSED', 'budgets.payment_over_granted', {
        params: {
          amount: money(actor, input.amountCents),
          remaining: money(actor, Math.max(0, remaining)),
          granted: money(actor, funding.grantedCents),
          received: money(actor, received.cents),
        },
      });
    }
    const [row] = await tx
      .insert(fundingPayments)
      .values({
        fundingId: funding.id,
        receivedOn: input.receivedOn,
        amountCents: input.amountCents,
        reference: text(input.reference),
        createdByUserId: actor.userId,
      })
      .returning({ id: fundingPayments.id });
    await recordAudit(tx, actor, {
      action: 'funding_payment.create',
      entityType: 'funding_payment',
      entityId: row?.id ?? null,
      organisationId: programme.ownerOrganisationId,
      fields: Object.keys(input),
    });
  });
  return getFunding(db, fundingId);
}

/** Deletes a payment recorded by mistake; answers the funding as it now is. */
export async function deleteFundingPayment(db: Executor, actor: Actor, id: string): Promise<Funding> {
  if (!isUuid(id)) throw notFound('funding_payment');
  const [found] = await db
    .select({ fundingId: fundingPayments.fundingId })
    .from(fundingPayments)
    .where(eq(fundingPayments.id, id));
  if (!found) throw notFound('funding_payment');
  await db.transaction(async (tx) => {
    const { programme } = await loadFundingForWrite(tx, actor, found.fundingId);
    const deleted = await tx
      .delete(fundingPayments)
      .where(eq(fundingPayments.id, id))
      .returning({ id: fundingPayments.id });
    if (deleted.length === 0) throw notFound('funding_payment');
    await recordAudit(tx, actor, {
      action: 'funding_payment.delete',
      entityType: 'funding_payment',
      entityId: id,
      organisationId: programme.ownerOrganisationId,
    });
  });
  return getFunding(db, found.fundingId);
}
