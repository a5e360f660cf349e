/**
 * Training cheques received at workshop sessions: recorded for a person present at a session, listed with
 * their state and expiry, corrected or deleted while pending. Batches and reimbursements are in
 * `batches.ts`; the figures in `report.ts`.
 */
import {
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { isUniqueViolation } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { instanceTimeZone, today } from '../../lib/dates.ts';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { translate } from '../../lib/messages.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/service.ts';
import { displayName } from '../programmes/referrals.ts';
import { beneficiaries } from '../programmes/schema.ts';
import { isNotFound } from '../training/access.ts';
import { dayInZone, shiftDay } from '../training/calendar.ts';
import { attendance, enrolments, workshopSessions, workshops } from '../training/schema.ts';
import { loadSession } from '../training/sessions.ts';
import { type ChequePermission, chequePermissions } from './permissions.ts';
import {
  type ChequeExpiry,
  type ChequeStatus,
  chequeExpiry,
  chequeStatus,
  daysLeft,
  EXPIRY_WARNING_DAYS,
  isPass,
  PASS_VALUE_CENTS,
  passCap,
  passLatestExpiry,
} from './rules.ts';
import { type ChequeIssuer, chequeBatches, trainingCheques } from './schema.ts';

export type ChequeRow = typeof trainingCheques.$inferSelect;

/** A cheque as the API shows it. */
export interface Cheque {
  id: string;
  organisationId: string;
  issuer: ChequeIssuer;
  issuerName: string | null;
  number: string;
  valueCents: number;
  receivedOn: string;
  expiresOn: string;
  status: ChequeStatus;
  expiry: ChequeExpiry;
  daysLeft: number;
  sessionId: string | null;
  sessionStartsAt: Date | null;
  workshopId: string | null;
  workshopTitle: string | null;
  beneficiaryId: string | null;
  personName: string | null;
  batchId: string | null;
  batchSentOn: string | null;
  batchReference: string | null;
  rejectedReason: string | null;
  can: { edit: boolean; delete: boolean };
}

/**
 * The cheques of an organisation are seen by its members holding `cheque.read` (404 for everybody else,
 * the organisation's technicians and social workers included); `permission` is then required (403).
 */
export function authorizeCheques(
  actor: Actor,
  permission: ChequePermission,
  organisationId: string,
  entity = 'organisation',
): void {
  if (!chequePermissions.can(actor, 'cheque.read', organisationId)) throw notFound(entity);
  if (!chequePermissions.can(actor, permission, organisationId)) throw forbidden();
}

/** A cheque the actor may see, or 404; `forUpdate` locks it. */
export async function loadCheque(
  db: Executor,
  actor: Actor,
  id: string,
  forUpdate = false,
): Promise<ChequeRow> {
  if (!isUuid(id)) throw notFound('cheque');
  const query = db.select().from(trainingCheques).where(eq(trainingCheques.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row || !chequePermissions.can(actor, 'cheque.read', row.organisationId)) throw notFound('cheque');
  return row;
}

function chequeSelection() {
  return {
    cheque: trainingCheques,
    batchSentOn: chequeBatches.sentOn,
    batchReference: chequeBatches.reference,
    batchReimbursedOn: chequeBatches.reimbursedOn,
    sessionStartsAt: workshopSessions.startsAt,
    workshopId: workshops.id,
    workshopTitle: workshops.title,
    person: {
      kind: beneficiaries.kind,
      firstName: beneficiaries.firstName,
      lastName: beneficiaries.lastName,
      name: beneficiaries.name,
    },
  };
}

function chequeQuery(db: Executor) {
  return db
    .select(chequeSelection())
    .from(trainingCheques)
    .leftJoin(chequeBatches, eq(chequeBatches.id, trainingCheques.batchId))
    .leftJoin(workshopSessions, eq(workshopSessions.id, trainingCheques.sessionId))
    .leftJoin(workshops, eq(workshops.id, workshopSessions.workshopId))
    .leftJoin(beneficiaries, eq(beneficiaries.id, trainingCheques.beneficiaryId));
}

type ChequeJoined = Awaited<ReturnType<ReturnType<typeof chequeQuery>['execute']>>[number];

function present(actor: Actor, r: ChequeJoined, day: string): Cheque {
  const c = r.cheque;
  const status = chequeStatus({ ...c, batchReimbursedOn: r.batchReimbursedOn });
  const editable = status === 'pending' && chequePermissions.can(actor, 'cheque.record', c.organisationId);
  return {
    id: c.id,
    organisationId: c.organisationId,
    issuer: c.issuer,
    issuerName: c.issuerName,
    number: c.number,
    valueCents: c.valueCents,
    receivedOn: c.receivedOn,
    expiresOn: c.expiresOn,
    status,
    expiry: chequeExpiry(status, c.expiresOn, day),
    daysLeft: daysLeft(c.expiresOn, day),
    sessionId: c.sessionId,
    sessionStartsAt: r.sessionStartsAt,
    workshopId: r.workshopId,
    workshopTitle: r.workshopTitle,
    beneficiaryId: c.beneficiaryId,
    personName: r.person?.kind ? displayName(r.person) : null,
    batchId: c.batchId,
    batchSentOn: r.batchSentOn,
    batchReference: r.batchReference,
    rejectedReason: c.rejectedReason,
    can: { edit: editable, delete: editable },
  };
}

/** Cheques by id, presented, in the order of the ids. */
export async function chequesById(db: Executor, actor: Actor, ids: string[]): Promise<Cheque[]> {
  if (ids.length === 0) return [];
  const rows = await chequeQuery(db).where(inArray(trainingCheques.id, ids));
  const day = today();
  const byId = new Map(rows.map((r) => [r.cheque.id, present(actor, r, day)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export const LIST_FILTERS = ['pending', 'sent', 'reimbursed', 'rejected', 'expired', 'expiring'] as const;
export type ChequeListFilter = (typeof LIST_FILTERS)[number];

export interface ChequeListQuery {
  status?: ChequeListFilter | undefined;
  issuer?: ChequeIssuer | undefined;
  q?: string | undefined;
  sessionId?: string | undefined;
  batchId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** The SQL condition of a list filter (today given, so a test can pin it). */
export function statusCondition(filter: ChequeListFilter, day: string): SQL | undefined {
  const pending = isNull(trainingCheques.batchId);
  switch (filter) {
    case 'pending':
      return pending;
    case 'sent':
      return and(
        isNotNull(trainingCheques.batchId),
        isNull(trainingCheques.rejectedReason),
        isNull(chequeBatches.reimbursedOn),
      );
    case 'reimbursed':
      return and(isNull(trainingCheques.rejectedReason), isNotNull(chequeBatches.reimbursedOn));
    case 'rejected':
      return isNotNull(trainingCheques.rejectedReason);
    case 'expired':
      return and(pending, lt(trainingCheques.expiresOn, day));
    case 'expiring':
      return and(
        pending,
        gte(trainingCheques.expiresOn, day),
        lte(trainingCheques.expiresOn, shiftDay(day, EXPIRY_WARNING_DAYS)),
      );
  }
}

/**
 * An organisation's cheques. Pending ones (and the expiry filters) come by expiry, soonest first; the
 * others by reception day, latest first.
 */
export async function listCheques(
  db: Executor,
  actor: Actor,
  organisationId: string,
  query: ChequeListQuery,
): Promise<Page<Cheque>> {
  authorizeCheques(actor, 'cheque.read', organisationId);
  const day = today();
  const byExpiry = query.status === 'pending' || query.status === 'expired' || query.status === 'expiring';
  const dateColumn = byExpiry ? trainingCheques.expiresOn : trainingCheques.receivedOn;
  const conditions: (SQL | undefined)[] = [eq(trainingCheques.organisationId, organisationId)];
  if (query.status) conditions.push(statusCondition(query.status, day));
  if (query.issuer) conditions.push(eq(trainingCheques.issuer, query.issuer));
  if (query.sessionId) conditions.push(eq(trainingCheques.sessionId, query.sessionId));
  if (query.batchId) conditions.push(eq(trainingCheques.batchId, query.batchId));
  if (query.q) conditions.push(ilike(trainingCheques.number, `%${query.q.replace(/[\\%_]/g, '\\$&')}%`));
  const after = decodeCursor(query.cursor, ['date', 'uuid']);
  if (after) {
    const [d, id] = after as [string, string];
    conditions.push(
      byExpiry
        ? or(gt(dateColumn, d), and(eq(dateColumn, d), gt(trainingCheques.id, id)))
        : or(lt(dateColumn, d), and(eq(dateColumn, d), lt(trainingCheques.id, id))),
    );
  }
  const rows = await chequeQuery(db)
    .where(and(...conditions))
    .orderBy(
      ...(byExpiry
        ? [asc(dateColumn), asc(trainingCheques.id)]
        : [desc(dateColumn), desc(trainingCheques.id)]),
    )
    .limit(query.limit + 1);
  const items = rows.map((r) => present(actor, r, day));
  return toPage(items, query.limit, (c) => [byExpiry ? c.expiresOn : c.receivedOn, c.id]);
}

export interface RecordChequesInput {
  beneficiaryId: string;
  issuer: ChequeIssuer;
  issuerName?: string | null | undefined;
  numbers: string[];
  valueCents?: number | undefined;
  expiresOn: string;
}

export interface RecordedCheques {
  items: Cheque[];
  /** Expiry warnings, in the caller's language (an expired or soon expiring cheque must leave quickly). */
  warnings: string[];
}

/** The value a cheque carries: 10 € for the pass numérique, else the one given (required). */
function chequeValue(issuer: ChequeIssuer, valueCents: number | undefined): number {
  if (isPass(issuer)) {
    if (valueCents !== undefined && valueCents !== PASS_VALUE_CENTS) {
      throw new AppError('RULE_REFUSED', 'errors.invalid_input', {
        params: { count: 1 },
        fieldErrors: [{ path: 'valueCents', messageKey: 'cheques.pass_value' }],
      });
    }
    return PASS_VALUE_CENTS;
  }
  if (valueCents === undefined) throw invalidField('valueCents', 'cheques.value_required');
  return valueCents;
}

function issuerNameOf(issuer: ChequeIssuer, name: string | null | undefined): string | null {
  const trimmed = name?.trim() || null;
  if (issuer === 'other' && !trimmed) throw invalidField('issuerName', 'cheques.issuer_name_required');
  return isPass(issuer) ? null : trimmed;
}

/** Expiry rules: valid on the session's day, and (pass numérique) no more than a year after it. */
function checkExpiry(issuer: ChequeIssuer, expiresOn: string, sessionDay: string): void {
  if (expiresOn < sessionDay) {
    throw new AppError('RULE_REFUSED', 'errors.invalid_input', {
      params: { count: 1 },
      fieldErrors: [
        { path: 'expiresOn', messageKey: 'cheques.expired_on_session', params: { sessionDay, expiresOn } },
      ],
    });
  }
  if (isPass(issuer) && expiresOn > passLatestExpiry(sessionDay)) {
    throw new AppError('RULE_REFUSED', 'errors.invalid_input', {
      params: { count: 1 },
      fieldErrors: [
        {
          path: 'expiresOn',
          messageKey: 'cheques.pass_validity_too_long',
          params: { max: passLatestExpiry(sessionDay) },
        },
      ],
    });
  }
}

/** 409 when one of the numbers is already recorded for this organisation and issuer. */
async function assertNumbersFree(
  tx: Executor,
  organisationId: string,
  issuer: ChequeIssuer,
  numbers: string[],
  exceptId?: string,
): Promise<void> {
  const taken = await tx
    .select({ id: trainingCheques.id, number: trainingCheques.number })
    .from(trainingCheques)
    .where(
      and(
        eq(trainingCheques.organisationId, organisationId),
        eq(trainingCheques.issuer, issuer),
        inArray(trainingCheques.number, numbers),
      ),
    )
    .orderBy(asc(trainingCheques.number));
  const clash = taken.find((t) => t.id !== exceptId);
  if (clash) throw conflict('cheques.number_taken', { number: clash.number });
}

/** A unique-number race lost to another request: the same 409 as the check above. */
function numberRace(err: unknown, numbers: string[]): never {
  if (isUniqueViolation(err, 'training_cheques_number_unique')) {
    throw conflict('cheques.number_taken', { number: numbers.join(', ') });
  }
  throw err;
}

/** A cheque number as written on it, spaces tidied. */
export function normaliseNumber(number: string): string {
  return number.trim().replace(/\s+/g, ' ');
}

/**
 * Records the cheques a person handed over at a session (one or several numbers of one issuer). The
 * person must be enrolled in the workshop and, once attendance is taken, present at that session; the
 * session must have taken place. Pass numérique: 10 € each, at most one per started two hours of the
 * session per person, valid at most a year. Each cheque must still be valid on the session's day; one
 * already expired since gets a warning.
 */
export async function recordCheques(
  db: Executor,
  actor: Actor,
  sessionId: string,
  input: RecordChequesInput,
): Promise<RecordedCheques> {
  const numbers = input.numbers.map(normaliseNumber);
  const seen = new Set<string>();
  for (const [index, number] of numbers.entries()) {
    if (seen.has(number)) throw invalidField(`numbers.${index}`, 'cheques.number_repeated', { number });
    seen.add(number);
  }
  const ids = await db
    .transaction(async (tx) => {
      const { workshop, session } = await loadSession(tx, actor, sessionId, true);
      authorizeCheques(actor, 'cheque.record', workshop.organisationId, 'session');
      if (session.cancelledAt) throw conflict('cheques.cancelled_session');
      const sessionDay = dayInZone(session.startsAt, instanceTimeZone());
      if (sessionDay > today()) throw new AppError('RULE_REFUSED', 'cheques.future_session');
      const valueCents = chequeValue(input.issuer, input.valueCents);
      const issuerName = issuerNameOf(input.issuer, input.issuerName);
      await assertAtSession(tx, workshop.id, session.id, sessionDay, input.beneficiaryId);
      checkExpiry(input.issuer, input.expiresOn, sessionDay);
      if (isPass(input.issuer)) {
        const cap = passCap(session.startsAt, session.endsAt);
        const [already] = await tx
          .select({ count: sql<number>`count(*)::int` })
          .from(trainingCheques)
          .where(
            and(
              eq(trainingCheques.sessionId, session.id),
              eq(trainingCheques.beneficiaryId, input.beneficiaryId),
              eq(trainingCheques.issuer, 'pass_numerique'),
            ),
          );
        const count = already?.count ?? 0;
        if (count + numbers.length > cap) {
          const minutes = Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000);
          throw new AppError('RULE_REFUSED', 'errors.invalid_input', {
            params: { count: 1 },
            fieldErrors: [
              { path: 'numbers', messageKey: 'cheques.pass_cap', params: { cap, minutes, already: count } },
            ],
          });
        }
      }
      await assertNumbersFree(tx, workshop.organisationId, input.issuer, numbers);
      const inserted = await tx
        .insert(trainingCheques)
        .values(
          numbers.map((number) => ({
            organisationId: workshop.organisationId,
            sessionId: session.id,
            beneficiaryId: input.beneficiaryId,
            issuer: input.issuer,
            issuerName,
            number,
            valueCents,
            receivedOn: sessionDay,
            expiresOn: input.expiresOn,
            createdByUserId: actor.userId,
          })),
        )
        .returning({ id: trainingCheques.id });
      for (const row of inserted) {
        await recordAudit(tx, actor, {
          action: 'cheque.record',
          entityType: 'cheque',
          entityId: row.id,
          organisationId: workshop.organisationId,
          fields: ['sessionId', 'beneficiaryId', 'issuer', 'number', 'valueCents', 'expiresOn'],
        });
      }
      return inserted.map((r) => r.id);
    })
    .catch((err: unknown) => numberRace(err, numbers));
  const items = await chequesById(db, actor, ids);
  return { items, warnings: expiryWarnings(actor, items) };
}

/** The warnings of pending cheques expired or expiring soon, translated. */
export function expiryWarnings(actor: Actor, items: Cheque[]): string[] {
  return items.flatMap((c) =>
    c.expiry === 'expired'
      ? [translate(actor.locale, 'cheques.warning_expired', { number: c.number, expiresOn: c.expiresOn })]
      : c.expiry === 'expiring'
        ? [translate(actor.locale, 'cheques.warning_expiring', { number: c.number, expiresOn: c.expiresOn })]
        : [],
  );
}

/** The person is enrolled in the workshop (not withdrawn before the session) and, once attendance is taken, present. */
async function assertAtSession(
  tx: Executor,
  workshopId: string,
  sessionId: string,
  sessionDay: string,
  beneficiaryId: string,
): Promise<void> {
  const [enrolled] = await tx
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(
      and(
        eq(enrolments.workshopId, workshopId),
        eq(enrolments.beneficiaryId, beneficiaryId),
        or(
          eq(enrolments.status, 'enrolled'),
          and(eq(enrolments.status, 'withdrawn'), gt(enrolments.withdrawnOn, sessionDay)),
        ),
      ),
    )
    .limit(1);
  const refuse = (messageKey: string) =>
    new AppError('RULE_REFUSED', 'errors.invalid_input', {
      params: { count: 1 },
      fieldErrors: [{ path: 'beneficiaryId', messageKey }],
    });
  if (!enrolled) throw refuse('cheques.not_enrolled');
  const marks = await tx
    .select({ beneficiaryId: attendance.beneficiaryId, present: attendance.present })
    .from(attendance)
    .where(eq(attendance.sessionId, sessionId));
  if (marks.length > 0 && !marks.some((m) => m.beneficiaryId === beneficiaryId && m.present)) {
    throw refuse('cheques.not_present');
  }
}

export interface UpdateChequeInput {
  number?: string | undefined;
  valueCents?: number | undefined;
  expiresOn?: string | undefined;
  issuerName?: string | null | undefined;
}

/** A pending cheque's corrections (number, value, expiry, issuer's name); a sent one is 409. */
export async function updateCheque(
  db: Executor,
  actor: Actor,
  id: string,
  input: UpdateChequeInput,
): Promise<Cheque> {
  const number = input.number === undefined ? undefined : normaliseNumber(input.number);
  await db
    .transaction(async (tx) => {
      const row = await loadPendingCheque(tx, actor, id);
      const changes: Partial<ChequeRow> = {};
      if (input.valueCents !== undefined) changes.valueCents = chequeValue(row.issuer, input.valueCents);
      if (input.issuerName !== undefined) changes.issuerName = issuerNameOf(row.issuer, input.issuerName);
      if (input.expiresOn !== undefined) {
        checkExpiry(row.issuer, input.expiresOn, row.receivedOn);
        changes.expiresOn = input.expiresOn;
      }
      if (number !== undefined && number !== row.number) {
        await assertNumbersFree(tx, row.organisationId, row.issuer, [number], row.id);
        changes.number = number;
      }
      const fields = Object.keys(changes);
      if (fields.length === 0) return;
      await tx.update(trainingCheques).set(changes).where(eq(trainingCheques.id, row.id));
      await recordAudit(tx, actor, {
        action: 'cheque.update',
        entityType: 'cheque',
        entityId: row.id,
        organisationId: row.organisationId,
        fields,
      });
    })
    .catch((err: unknown) => numberRace(err, number ? [number] : []));
  const [cheque] = await chequesById(db, actor, [id]);
  if (!cheque) throw notFound('cheque');
  return cheque;
}

/** Deletes a pending cheque recorded by mistake; a sent one is 409. */
export async function deleteCheque(db: Executor, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await loadPendingCheque(tx, actor, id);
    await tx
      .delete(trainingCheques)
      .where(and(eq(trainingCheques.id, row.id), isNull(trainingCheques.batchId)));
    await recordAudit(tx, actor, {
      action: 'cheque.delete',
      entityType: 'cheque',
      entityId: row.id,
      organisationId: row.organisationId,
      fields: ['number', 'issuer', 'valueCents'],
    });
  });
}

async function loadPendingCheque(tx: Executor, actor: Actor, id: string): Promise<ChequeRow> {
  const row = await loadCheque(tx, actor, id, true);
  authorizeCheques(actor, 'cheque.record', row.organisationId, 'cheque');
  if (row.batchId) {
    const [batch] = await tx
      .select({ sentOn: chequeBatches.sentOn })
      .from(chequeBatches)
      .where(eq(chequeBatches.id, row.batchId));
    throw conflict('cheques.already_sent', { sentOn: batch?.sentOn ?? '' });
  }
  return row;
}

/** The cheques recorded at a session (for its check-in page), or 404 for those who may not see them. */
export async function sessionCheques(db: Executor, actor: Actor, sessionId: string): Promise<Cheque[]> {
  const { workshop } = await loadSession(db, actor, sessionId).catch((err: unknown) => {
    throw isNotFound(err) ? notFound('session') : err;
  });
  authorizeCheques(actor, 'cheque.read', workshop.organisationId, 'session');
  const rows = await chequeQuery(db)
    .where(eq(trainingCheques.sessionId, sessionId))
    .orderBy(asc(trainingCheques.createdAt), asc(trainingCheques.number));
  const day = today();
  return rows.map((r) => present(actor, r, day));
}

/** Clears the person from their cheques at erasure: the cheques stay for the accounts. */
export async function erasePersonCheques(tx: Executor, beneficiaryId: string): Promise<void> {
  await tx
    .update(trainingCheques)
    .set({ beneficiaryId: null })
    .where(eq(trainingCheques.beneficiaryId, beneficiaryId));
}
