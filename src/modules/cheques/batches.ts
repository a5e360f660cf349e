/**
 * Batches of training cheques sent to their issuer for reimbursement, and what the issuer paid back
 * (with the cheques it refused and why).
 */
import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { AppError, conflict, type FieldError, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/service.ts';
import { formatEuros } from '../programmes/documents/common.ts';
import { authorizeCheques, type Cheque, chequesById } from './cheques.ts';
import { chequePermissions } from './permissions.ts';
import { type ChequeIssuer, chequeBatches, trainingCheques } from './schema.ts';

export type BatchRow = typeof chequeBatches.$inferSelect;

export interface ChequeBatch {
  id: string;
  organisationId: string;
  issuer: ChequeIssuer;
  /** The issuer's name on its cheques (regional and other issuers). */
  issuerName: string | null;
  sentOn: string;
  reference: string | null;
  note: string | null;
  reimbursedOn: string | null;
  reimbursedCents: number | null;
  chequeCount: number;
  /** Value of every cheque sent in the batch. */
  sentCents: number;
  rejectedCount: number;
  rejectedCents: number;
  /** Sent less rejected: what the issuer owes. */
  acceptedCents: number;
  can: { reimburse: boolean };
}

export interface ChequeBatchDetail extends ChequeBatch {
  cheques: Cheque[];
}

function batchQuery(db: Executor) {
  return db
    .select({
      batch: chequeBatches,
      issuerName: sql<
        string | null
      >`(SELECT min(${trainingCheques.issuerName}) FROM ${trainingCheques} WHERE ${trainingCheques.batchId} = "cheque_batches"."id")`,
      chequeCount: sql<number>`(SELECT count(*)::int FROM ${trainingCheques} WHERE ${trainingCheques.batchId} = "cheque_batches"."id")`,
      sentCents: sql<number>`(SELECT coalesce(sum(${trainingCheques.valueCents}), 0)::int FROM ${trainingCheques} WHERE ${trainingCheques.batchId} = "cheque_batches"."id")`,
      rejectedCount: sql<number>`(SELECT count(*)::int FROM ${trainingCheques} WHERE ${trainingCheques.batchId} = "cheque_batches"."id" AND ${trainingCheques.rejectedReason} IS NOT NULL)`,
      rejectedCents: sql<number>`(SELECT coalesce(sum(${trainingCheques.valueCents}), 0)::int FROM ${trainingCheques} WHERE ${trainingCheques.batchId} = "cheque_batches"."id" AND ${trainingCheques.rejectedReason} IS NOT NULL)`,
    })
    .from(chequeBatches);
}

type BatchJoined = Awaited<ReturnType<ReturnType<typeof batchQuery>['execute']>>[number];

function presentBatch(actor: Actor, r: BatchJoined): ChequeBatch {
  const b = r.batch;
  return {
    id: b.id,
    organisationId: b.organisationId,
    issuer: b.issuer,
    issuerName: r.issuerName,
    sentOn: b.sentOn,
    reference: b.reference,
    note: b.note,
    reimbursedOn: b.reimbursedOn,
    reimbursedCents: b.reimbursedCents,
    chequeCount: r.chequeCount,
    sentCents: r.sentCents,
    rejectedCount: r.rejectedCount,
    rejectedCents: r.rejectedCents,
    acceptedCents: r.sentCents - r.rejectedCents,
    can: { reimburse: chequePermissions.can(actor, 'cheque.batch', b.organisationId) },
  };
}

/** A batch the actor may see, or 404; `forUpdate` locks it. */
async function loadBatch(db: Executor, actor: Actor, id: string, forUpdate = false): Promise<BatchRow> {
  if (!isUuid(id)) throw notFound('chequeBatch');
  const query = db.select().from(chequeBatches).where(eq(chequeBatches.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row || !chequePermissions.can(actor, 'cheque.read', row.organisationId)) throw notFound('chequeBatch');
  return row;
}

/** One batch with its cheques. */
export async function getBatch(db: Executor, actor: Actor, id: string): Promise<ChequeBatchDetail> {
  const row = await loadBatch(db, actor, id);
  const [joined] = await batchQuery(db).where(eq(chequeBatches.id, row.id));
  if (!joined) throw notFound('chequeBatch');
  const ids = await db
    .select({ id: trainingCheques.id })
    .from(trainingCheques)
    .where(eq(trainingCheques.batchId, row.id))
    .orderBy(asc(trainingCheques.number));
  return {
    ...presentBatch(actor, joined),
    cheques: await chequesById(
      db,
      actor,
      ids.map((i) => i.id),
    ),
  };
}

/** An organisation's batches, the latest sent first. */
export async function listBatches(
  db: Executor,
  actor: Actor,
  organisationId: string,
  query: { limit: number; cursor?: string | undefined; issuer?: ChequeIssuer | undefined },
): Promise<Page<ChequeBatch>> {
  authorizeCheques(actor, 'cheque.read', organisationId);
  const conditions = [eq(chequeBatches.organisationId, organisationId)];
  if (query.issuer) conditions.push(eq(chequeBatches.issuer, query.issuer));
  const after = decodeCursor(query.cursor, ['date', 'uuid']);
  if (after) {
    const [d, id] = after as [string, string];
    const next = or(lt(chequeBatches.sentOn, d), and(eq(chequeBatches.sentOn, d), lt(chequeBatches.id, id)));
    if (next) conditions.push(next);
  }
  const rows = await batchQuery(db)
    .where(and(...conditions))
    .orderBy(desc(chequeBatches.sentOn), desc(chequeBatches.id))
    .limit(query.limit + 1);
  return toPage(
    rows.map((r) => presentBatch(actor, r)),
    query.limit,
    (b) => [b.sentOn, b.id],
  );
}

export interface CreateBatchInput {
  issuer: ChequeIssuer;
  chequeIds: string[];
  sentOn?: string | undefined;
  reference?: string | null | undefined;
  note?: string | null | undefined;
}

function refused(errors: FieldError[]): AppError {
  return new AppError('RULE_REFUSED', 'errors.invalid_input', {
    params: { count: errors.length },
    fieldErrors: errors,
  });
}

/**
 * The issuer names (`''` for none) whose cheques do not belong with the others of the same issuer: the
 * names of the smaller groups, or of every group when no group is the largest alone.
 */
export function namesToBlame(cheques: { issuerName: string | null }[]): Set<string> {
  const counts = new Map<string, number>();
  for (const c of cheques) counts.set(c.issuerName ?? '', (counts.get(c.issuerName ?? '') ?? 0) + 1);
  if (counts.size < 2) return new Set();
  const largest = Math.max(...counts.values());
  const leaders = [...counts].filter(([, n]) => n === largest);
  return new Set([...counts.keys()].filter((name) => leaders.length > 1 || counts.get(name) !== largest));
}

/**
 * Sends pending cheques of one issuer (and, for regional and other issuers, one issuer's name) together:
 * a cheque of another issuer is refused (422), one already in a batch is 409.
 */
export async function createBatch(
  db: Executor,
  actor: Actor,
  organisationId: string,
  input: CreateBatchInput,
): Promise<ChequeBatchDetail> {
  const id = await db.transaction(async (tx) => {
    authorizeCheques(actor, 'cheque.batch', organisationId);
    const day = today();
    const sentOn = input.sentOn ?? day;
    const ids = [...new Set(input.chequeIds)];
    const rows = await tx
      .select()
      .from(trainingCheques)
      .where(and(eq(trainingCheques.organisationId, organisationId), inArray(trainingCheques.id, ids)))
      .orderBy(asc(trainingCheques.id))
      .for('update');
    const byId = new Map(rows.map((r) => [r.id, r]));
    const misnamed = namesToBlame(rows.filter((r) => r.issuer === input.issuer));
    const errors: FieldError[] = [];
    if (sentOn > day)
      errors.push({ path: 'sentOn', messageKey: 'cheques.sent_in_future', params: { today: day } });
    for (const [index, chequeId] of input.chequeIds.entries()) {
      const row = byId.get(chequeId);
      const path = `chequeIds.${index}`;
      if (!row) errors.push({ path, messageKey: 'cheques.batch_unknown_cheque' });
      else if (row.issuer !== input.issuer)
        errors.push({ path, messageKey: 'cheques.batch_issuer_mixed', params: { number: row.number } });
      else if (misnamed.has(row.issuerName ?? ''))
        errors.push({
          path,
          messageKey: 'cheques.batch_issuer_name_mixed',
          params: { number: row.number, name: row.issuerName ?? '—' },
        });
      else if (row.receivedOn > sentOn)
        errors.push({
          path,
          messageKey: 'cheques.batch_sent_before_receipt',
          params: { number: row.number, receivedOn: row.receivedOn, sentOn },
        });
    }
    if (errors.length > 0) throw refused(errors);
    const taken = rows.find((r) => r.batchId !== null);
    if (taken) throw conflict('cheques.batch_not_pending', { number: taken.number });
    const [batch] = await tx
      .insert(chequeBatches)
      .values({
        organisationId,
        issuer: input.issuer,
        sentOn,
        reference: input.reference?.trim() || null,
        note: input.note?.trim() || null,
        createdByUserId: actor.userId,
      })
      .returning({ id: chequeBatches.id });
    if (!batch) throw new Error('batch not created');
    const moved = await tx
      .update(trainingCheques)
      .set({ batchId: batch.id })
      .where(and(inArray(trainingCheques.id, ids), isNull(trainingCheques.batchId)))
      .returning({ id: trainingCheques.id });
    if (moved.length !== ids.length) {
      const movedIds = new Set(moved.map((m) => m.id));
      const numbers = rows.filter((r) => !movedIds.has(r.id)).map((r) => r.number);
      throw conflict('cheques.batch_not_pending', { number: numbers.join(', ') });
    }
    await recordAudit(tx, actor, {
      action: 'chequeBatch.create',
      entityType: 'chequeBatch',
      entityId: batch.id,
      organisationId,
      fields: ['issuer', 'sentOn', 'reference', 'chequeIds'],
    });
    return batch.id;
  });
  return getBatch(db, actor, id);
}

export interface ReimbursementInput {
  reimbursedOn: string;
  reimbursedCents: number;
  /** The cheques the issuer refused, with its reason; the others are accepted. */
  rejected: { chequeId: string; reason: string }[];
}

/**
 * Records what the issuer paid for a batch and the cheques it refused (recording again replaces both).
 * The amount cannot exceed the value of the accepted cheques; the day cannot precede the sending.
 */
export async function recordReimbursement(
  db: Executor,
  actor: Actor,
  batchId: string,
  input: ReimbursementInput,
): Promise<ChequeBatchDetail> {
  await db.transaction(async (tx) => {
    const batch = await loadBatch(tx, actor, batchId, true);
    authorizeCheques(actor, 'cheque.batch', batch.organisationId, 'chequeBatch');
    const cheques = await tx
      .select()
      .from(trainingCheques)
      .where(eq(trainingCheques.batchId, batch.id))
      .orderBy(asc(trainingCheques.id))
      .for('update');
    const inBatch = new Map(cheques.map((c) => [c.id, c]));
    const errors: FieldError[] = input.rejected.flatMap((r, index) =>
      inBatch.has(r.chequeId)
        ? []
        : [{ path: `rejected.${index}.chequeId`, messageKey: 'cheques.rejected_not_in_batch' }],
    );
    const day = today();
    if (input.reimbursedOn > day)
      errors.push({
        path: 'reimbursedOn',
        messageKey: 'cheques.reimbursed_in_future',
        params: { today: day },
      });
    else if (input.reimbursedOn < batch.sentOn)
      errors.push({
        path: 'reimbursedOn',
        messageKey: 'cheques.reimbursed_before_sent',
        params: { sentOn: batch.sentOn },
      });
    const reasons = new Map(input.rejected.map((r) => [r.chequeId, r.reason.trim()]));
    const accepted = cheques.filter((c) => !reasons.has(c.id)).reduce((sum, c) => sum + c.valueCents, 0);
    if (input.reimbursedCents > accepted)
      errors.push({
        path: 'reimbursedCents',
        messageKey: 'cheques.reimbursement_too_high',
        params: {
          amount: formatEuros(input.reimbursedCents, actor.locale),
          max: formatEuros(accepted, actor.locale),
        },
      });
    if (errors.length > 0) throw refused(errors);
    await tx
      .update(trainingCheques)
      .set({ rejectedReason: null })
      .where(eq(trainingCheques.batchId, batch.id));
    for (const [chequeId, reason] of reasons) {
      await tx
        .update(trainingCheques)
        .set({ rejectedReason: reason })
        .where(eq(trainingCheques.id, chequeId));
    }
    await tx
      .update(chequeBatches)
      .set({ reimbursedOn: input.reimbursedOn, reimbursedCents: input.reimbursedCents })
      .where(eq(chequeBatches.id, batch.id));
    await recordAudit(tx, actor, {
      action: 'chequeBatch.reimburse',
      entityType: 'chequeBatch',
      entityId: batch.id,
      organisationId: batch.organisationId,
      fields: ['reimbursedOn', 'reimbursedCents', ...(reasons.size > 0 ? ['rejectedReason'] : [])],
    });
  });
  return getBatch(db, actor, batchId);
}
