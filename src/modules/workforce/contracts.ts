/** Technicians' contracts and the insertion clauses the organisation's hours count for. */
import { and, asc, eq, exists, gt, gte, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, invalidField } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { users } from '../organisations/schema.ts';
import { programmePartners, programmes } from '../programmes/schema.ts';
import { authorizeWorkforce, loadClause, loadContract, memberOf } from './access.ts';
import {
  type ContractType,
  INSERTION_CONTRACT_TYPES,
  insertionClauses,
  workforceContracts,
  workforceHours,
} from './schema.ts';
import { shiftDay } from './weeks.ts';

export interface ContractInput {
  userId: string;
  contractType: ContractType;
  startsOn: string;
  endsOn?: string | null | undefined;
  weeklyMinutes: number;
  note?: string | null | undefined;
}

export interface ContractView {
  id: string;
  organisationId: string;
  userId: string;
  personName: string;
  contractType: ContractType;
  insertion: boolean;
  startsOn: string;
  endsOn: string | null;
  weeklyMinutes: number;
  note: string | null;
}

const contractColumns = {
  contract: workforceContracts,
  personName: users.name,
};

function present(row: {
  contract: typeof workforceContracts.$inferSelect;
  personName: string;
}): ContractView {
  const c = row.contract;
  return {
    id: c.id,
    organisationId: c.organisationId,
    userId: c.userId,
    personName: row.personName,
    contractType: c.contractType,
    insertion: INSERTION_CONTRACT_TYPES.includes(c.contractType),
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    weeklyMinutes: c.weeklyMinutes,
    note: c.note,
  };
}

/** The organisation's contracts (optionally one person's), by person then start. */
export async function listContracts(
  db: Executor,
  actor: Actor,
  organisationId: string,
  userId?: string,
): Promise<ContractView[]> {
  authorizeWorkforce(actor, organisationId);
  const rows = await db
    .select(contractColumns)
    .from(workforceContracts)
    .innerJoin(users, eq(users.id, workforceContracts.userId))
    .where(
      and(
        eq(workforceContracts.organisationId, organisationId),
        userId ? eq(workforceContracts.userId, userId) : undefined,
      ),
    )
    .orderBy(asc(users.name), asc(workforceContracts.startsOn), asc(workforceContracts.id));
  return rows.map(present);
}

async function viewOf(db: Executor, id: string): Promise<ContractView> {
  const [row] = await db
    .select(contractColumns)
    .from(workforceContracts)
    .innerJoin(users, eq(users.id, workforceContracts.userId))
    .where(eq(workforceContracts.id, id));
  if (!row) throw new Error('contract vanished');
  return present(row);
}

function assertDates(startsOn: string, endsOn: string | null | undefined): void {
  if (endsOn && endsOn < startsOn) throw invalidField('endsOn', 'workforce.ends_before_start');
}

/** The first key of the workforce's advisory locks (the second: the organisation and person hashed). */
const PERSON_LOCK = 0x57464f52;

/**
 * Serialises, until the transaction ends, the writes on one person's contracts and weeks in one
 * organisation: two simultaneous contracts cannot both pass the overlap check, and hours cannot be entered
 * in a contract's weeks while it is deleted.
 */
export async function lockPerson(tx: Executor, organisationId: string, userId: string): Promise<void> {
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(${PERSON_LOCK}, hashtext(${`${organisationId} ${userId}`}))`,
  );
}

/** Refuses a contract overlapping another of the same person (one contract at a time). */
async function assertNoOverlap(
  db: Executor,
  c: { organisationId: string; userId: string; startsOn: string; endsOn: string | null },
  exceptId?: string,
): Promise<void> {
  const [other] = await db
    .select()
    .from(workforceContracts)
    .where(
      and(
        eq(workforceContracts.organisationId, c.organisationId),
        eq(workforceContracts.userId, c.userId),
        exceptId ? ne(workforceContracts.id, exceptId) : undefined,
        or(isNull(workforceContracts.endsOn), gte(workforceContracts.endsOn, c.startsOn)),
        c.endsOn ? lte(workforceContracts.startsOn, c.endsOn) : undefined,
      ),
    )
    .limit(1);
  if (other)
    throw new AppError('RULE_REFUSED', 'workforce.contract_overlap', {
      params: { startsOn: other.startsOn, endsOn: other.endsOn ?? '…' },
    });
}

/** Records a contract for a member of the organisation. */
export async function createContract(
  db: Executor,
  actor: Actor,
  organisationId: string,
  input: ContractInput,
): Promise<ContractView> {
  authorizeWorkforce(actor, organisationId);
  assertDates(input.startsOn, input.endsOn);
  return db.transaction(async (tx) => {
    await memberOf(tx, organisationId, input.userId);
    await lockPerson(tx, organisationId, input.userId);
    const values = {
      organisationId,
      userId: input.userId,
      contractType: input.contractType,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
      weeklyMinutes: input.weeklyMinutes,
      note: input.note?.trim() || null,
      createdByUserId: actor.userId,
    };
    await assertNoOverlap(tx, values);
    const [row] = await tx.insert(workforceContracts).values(values).returning({ id: workforceContracts.id });
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, {
      action: 'workforce.contract_create',
      entityType: 'workforce_contract',
      entityId: row.id,
      organisationId,
      fields: Object.keys(input),
    });
    return viewOf(tx, row.id);
  });
}

/** Changes a contract (type, dates, weekly minutes, note); the person stays. */
export async function updateContract(
  db: Executor,
  actor: Actor,
  id: string,
  input: Partial<Omit<ContractInput, 'userId'>>,
): Promise<ContractView> {
  return db.transaction(async (tx) => {
    const row = await loadContract(tx, actor, id, true);
    await lockPerson(tx, row.organisationId, row.userId);
    const next = {
      contractType: input.contractType ?? row.contractType,
      startsOn: input.startsOn ?? row.startsOn,
      endsOn: input.endsOn === undefined ? row.endsOn : input.endsOn,
      weeklyMinutes: input.weeklyMinutes ?? row.weeklyMinutes,
      note: input.note === undefined ? row.note : input.note?.trim() || null,
    };
    assertDates(next.startsOn, next.endsOn);
    await assertNoOverlap(tx, { ...row, ...next }, row.id);
    await tx
      .update(workforceContracts)
      .set({ ...next, updatedAt: new Date() })
      .where(eq(workforceContracts.id, row.id));
    await recordAudit(tx, actor, {
      action: 'workforce.contract_update',
      entityType: 'workforce_contract',
      entityId: row.id,
      organisationId: row.organisationId,
      fields: Object.keys(input),
    });
    return viewOf(tx, row.id);
  });
}

/** Deletes a contract without hours entered in its weeks (else refused: the hours would lose their contract). */
export async function deleteContract(db: Executor, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await loadContract(tx, actor, id, true);
    await lockPerson(tx, row.organisationId, row.userId);
    const [hours] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(workforceHours)
      .where(
        and(
          eq(workforceHours.organisationId, row.organisationId),
          eq(workforceHours.userId, row.userId),
          gte(workforceHours.weekStart, shiftDay(row.startsOn, -6)),
          row.endsOn ? lte(workforceHours.weekStart, row.endsOn) : undefined,
        ),
      );
    if ((hours?.count ?? 0) > 0)
      throw new AppError('RULE_REFUSED', 'workforce.contract_has_hours', { params: { count: hours?.count } });
    await tx.delete(workforceContracts).where(eq(workforceContracts.id, row.id));
    await recordAudit(tx, actor, {
      action: 'workforce.contract_delete',
      entityType: 'workforce_contract',
      entityId: row.id,
      organisationId: row.organisationId,
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// Insertion clauses

export interface ClauseInput {
  name: string;
  buyer?: string | null | undefined;
  reference?: string | null | undefined;
  programmeId?: string | null | undefined;
  requiredHours: number;
  startsOn: string;
  endsOn: string;
}

export interface ClauseView {
  id: string;
  organisationId: string;
  name: string;
  buyer: string | null;
  reference: string | null;
  programmeId: string | null;
  programmeName: string | null;
  requiredHours: number;
  startsOn: string;
  endsOn: string;
  /** Minutes entered for this clause so far (all its weeks). */
  doneMinutes: number;
}

async function clauseViews(db: Executor, organisationId: string, id?: string): Promise<ClauseView[]> {
  const rows = await db
    .select({
      clause: insertionClauses,
      programmeName: programmes.name,
      doneMinutes: sql<number>`coalesce((select sum(${workforceHours.minutes}) from ${workforceHours}
        where ${workforceHours.clauseId} = ${insertionClauses.id}
        and ${workforceHours.weekStart} <= ${insertionClauses.endsOn}
        and ${workforceHours.weekStart} + 6 >= ${insertionClauses.startsOn}), 0)::int`,
    })
    .from(insertionClauses)
    .leftJoin(programmes, eq(programmes.id, insertionClauses.programmeId))
    .where(
      and(eq(insertionClauses.organisationId, organisationId), id ? eq(insertionClauses.id, id) : undefined),
    )
    .orderBy(asc(insertionClauses.startsOn), asc(insertionClauses.name), asc(insertionClauses.id));
  return rows.map(({ clause: c, programmeName, doneMinutes }) => ({
    id: c.id,
    organisationId: c.organisationId,
    name: c.name,
    buyer: c.buyer,
    reference: c.reference,
    programmeId: c.programmeId,
    programmeName,
    requiredHours: c.requiredHours,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    doneMinutes,
  }));
}

/** The organisation's insertion clauses, each with the hours entered for it. */
export async function listClauses(db: Executor, actor: Actor, organisationId: string): Promise<ClauseView[]> {
  authorizeWorkforce(actor, organisationId);
  return clauseViews(db, organisationId);
}

async function assertProgramme(db: Executor, organisationId: string, programmeId: string | null | undefined) {
  if (!programmeId) return;
  if (!isUuid(programmeId)) throw invalidField('programmeId', 'workforce.unknown_programme');
  const [row] = await db
    .select({ id: programmes.id })
    .from(programmes)
    .where(
      and(
        eq(programmes.id, programmeId),
        or(
          eq(programmes.ownerOrganisationId, organisationId),
          exists(
            db
              .select({ one: sql`1` })
              .from(programmePartners)
              .where(
                and(
                  eq(programmePartners.programmeId, programmes.id),
                  eq(programmePartners.organisationId, organisationId),
                  eq(programmePartners.role, 'refurbisher'),
                ),
              ),
          ),
        ),
      ),
    );
  if (!row) throw invalidField('programmeId', 'workforce.unknown_programme');
}

const clean = (text: string | null | undefined) => (text == null ? text : text.trim() || null);

/** Records a clause (a public contract or a programme with its required insertion hours). */
export async function createClause(
  db: Executor,
  actor: Actor,
  organisationId: string,
  input: ClauseInput,
): Promise<ClauseView> {
  authorizeWorkforce(actor, organisationId);
  assertDates(input.startsOn, input.endsOn);
  return db.transaction(async (tx) => {
    await assertProgramme(tx, organisationId, input.programmeId);
    const [row] = await tx
      .insert(insertionClauses)
      .values({
        organisationId,
        name: input.name.trim(),
        buyer: clean(input.buyer) ?? null,
        reference: clean(input.reference) ?? null,
        programmeId: input.programmeId ?? null,
        requiredHours: input.requiredHours,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        createdByUserId: actor.userId,
      })
      .returning({ id: insertionClauses.id });
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, {
      action: 'workforce.clause_create',
      entityType: 'insertion_clause',
      entityId: row.id,
      organisationId,
      fields: Object.keys(input),
    });
    const [view] = await clauseViews(tx, organisationId, row.id);
    return view as ClauseView;
  });
}

/** Changes a clause. */
export async function updateClause(
  db: Executor,
  actor: Actor,
  id: string,
  input: Partial<ClauseInput>,
): Promise<ClauseView> {
  return db.transaction(async (tx) => {
    const row = await loadClause(tx, actor, id, true);
    const next = {
      name: input.name?.trim() ?? row.name,
      buyer: input.buyer === undefined ? row.buyer : (clean(input.buyer) ?? null),
      reference: input.reference === undefined ? row.reference : (clean(input.reference) ?? null),
      programmeId: input.programmeId === undefined ? row.programmeId : input.programmeId,
      requiredHours: input.requiredHours ?? row.requiredHours,
      startsOn: input.startsOn ?? row.startsOn,
      endsOn: input.endsOn ?? row.endsOn,
    };
    assertDates(next.startsOn, next.endsOn);
    if (next.startsOn !== row.startsOn || next.endsOn !== row.endsOn) {
      // Hours entered for the clause must stay within its dates: a week left outside would be stranded.
      const [outside] = await tx
        .select({ count: sql<number>`count(*)::int` })
        .from(workforceHours)
        .where(
          and(
            eq(workforceHours.clauseId, row.id),
            or(
              gt(workforceHours.weekStart, next.endsOn),
              lt(workforceHours.weekStart, shiftDay(next.startsOn, -6)),
            ),
          ),
        );
      if ((outside?.count ?? 0) > 0)
        throw new AppError('RULE_REFUSED', 'workforce.clause_hours_outside', {
          params: { count: outside?.count, startsOn: next.startsOn, endsOn: next.endsOn },
        });
    }
    if (input.programmeId !== undefined) await assertProgramme(tx, row.organisationId, next.programmeId);
    await tx.update(insertionClauses).set(next).where(eq(insertionClauses.id, row.id));
    await recordAudit(tx, actor, {
      action: 'workforce.clause_update',
      entityType: 'insertion_clause',
      entityId: row.id,
      organisationId: row.organisationId,
      fields: Object.keys(input),
    });
    const [view] = await clauseViews(tx, row.organisationId, row.id);
    return view as ClauseView;
  });
}

/** Deletes a clause; the hours entered for it stay, counted for no clause. */
export async function deleteClause(db: Executor, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await loadClause(tx, actor, id);
    await tx.delete(insertionClauses).where(eq(insertionClauses.id, row.id));
    await recordAudit(tx, actor, {
      action: 'workforce.clause_delete',
      entityType: 'insertion_clause',
      entityId: row.id,
      organisationId: row.organisationId,
    });
  });
}
