/**
 * A programme's budget lines: per calendar year of the programme, what is planned for a category, and
 * (for lines whose amounts are entered) what is committed and spent. A derived line (`internet_aids`,
 * `handover_subsidies`) takes its committed and spent amounts from the facts the programme records, so
 * they are never typed; one such line per basis and year, or the same facts would count twice.
 */
import { and, asc, count, eq, ne } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, invalidField, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { translate } from '../../lib/messages.ts';
import { recordAudit } from '../audit/service.ts';
import type { ProgrammeRow } from '../programmes/visibility.ts';
import { loadBudgetProgramme } from './access.ts';
import { type BudgetBasis, type BudgetCategory, budgetLines } from './schema.ts';

/** At most this many lines in one programme's budget (the page lists them all). */
export const MAX_BUDGET_LINES = 300;

export type BudgetLineRow = typeof budgetLines.$inferSelect;

export interface BudgetLineInput {
  year: number;
  category: BudgetCategory;
  label: string;
  basis?: BudgetBasis;
  plannedCents: number;
  committedCents?: number | null;
  spentCents?: number | null;
  note?: string | null;
  position?: number;
}

export type BudgetLinePatch = Partial<BudgetLineInput>;

/** A budget line as the API returns it (committed/spent null on a derived line: see the budget overview). */
export interface BudgetLine {
  id: string;
  programmeId: string;
  year: number;
  category: BudgetCategory;
  label: string;
  basis: BudgetBasis;
  plannedCents: number;
  committedCents: number | null;
  spentCents: number | null;
  note: string | null;
  position: number;
  createdAt: Date;
  updatedAt: Date;
}

export function presentLine(row: BudgetLineRow): BudgetLine {
  return {
    id: row.id,
    programmeId: row.programmeId,
    year: row.year,
    category: row.category,
    label: row.label,
    basis: row.basis,
    plannedCents: row.plannedCents,
    committedCents: row.committedCents,
    spentCents: row.spentCents,
    note: row.note,
    position: row.position,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The calendar years a programme runs over (its start's year to its end's year). */
export function programmeYears(programme: Pick<ProgrammeRow, 'startsOn' | 'endsOn'>): number[] {
  const from = Number(programme.startsOn.slice(0, 4));
  const to = Number(programme.endsOn.slice(0, 4));
  const years: number[] = [];
  for (let year = from; year <= to; year++) years.push(year);
  return years;
}

function basisText(actor: Actor, basis: BudgetBasis): string {
  return translate(actor.locale, `budgets.basis.${basis}`);
}

/** The lines of a programme's budget, by year then position. */
export async function listBudgetLines(
  db: Executor,
  actor: Actor,
  programmeId: string,
): Promise<BudgetLine[]> {
  const programme = await loadBudgetProgramme(db, actor, programmeId, 'read');
  return listLinesOf(db, programme.id);
}

/** The lines of a programme's budget, by year then position (no access check: the caller did it). */
export async function listLinesOf(db: Executor, programmeId: string): Promise<BudgetLine[]> {
  const rows = await db
    .select()
    .from(budgetLines)
    .where(eq(budgetLines.programmeId, programmeId))
    .orderBy(
      asc(budgetLines.year),
      asc(budgetLines.position),
      asc(budgetLines.createdAt),
      asc(budgetLines.id),
    );
  return rows.map(presentLine);
}

/** Checks a line as it will be stored (year within the programme, derived lines without typed amounts, one per basis and year). */
async function checkLine(
  tx: Executor,
  actor: Actor,
  programme: ProgrammeRow,
  line: Omit<BudgetLineInput, 'position' | 'note'> & { basis: BudgetBasis },
  typed: { committedCents?: number | null; spentCents?: number | null },
  exceptId?: string,
): Promise<void> {
  const years = programmeYears(programme);
  if (!years.includes(line.year)) {
    throw invalidField('year', 'budgets.year_outside', {
      year: line.year,
      from: years[0],
      to: years[years.length - 1],
    });
  }
  if (line.basis !== 'entered') {
    for (const field of ['committedCents', 'spentCents'] as const) {
      const value = typed[field];
      if (value !== undefined && value !== null) {
        throw invalidField(field, 'budgets.derived_amounts_typed', { basis: basisText(actor, line.basis) });
      }
    }
    const [same] = await tx
      .select({ id: budgetLines.id })
      .from(budgetLines)
      .where(
        and(
          eq(budgetLines.programmeId, programme.id),
          eq(budgetLines.year, line.year),
          eq(budgetLines.basis, line.basis),
          ...(exceptId ? [ne(budgetLines.id, exceptId)] : []),
        ),
      )
      .limit(1);
    if (same) {
      throw new AppError('RULE_REFUSED', 'budgets.derived_line_exists', {
        params: { year: line.year, basis: basisText(actor, line.basis) },
      });
    }
  }
}

/** Adds a line to a programme's budget (the owner's administrators and managers). */
export async function createBudgetLine(
  db: Executor,
  actor: Actor,
  programmeId: string,
  input: BudgetLineInput,
): Promise<BudgetLine> {
  return db.transaction(async (tx) => {
    const programme = await loadBudgetProgramme(tx, actor, programmeId, 'write', true);
    const basis = input.basis ?? 'entered';
    await checkLine(tx, actor, programme, { ...input, basis }, input);
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(budgetLines)
      .where(eq(budgetLines.programmeId, programme.id));
    if (n >= MAX_BUDGET_LINES) {
      throw new AppError('RULE_REFUSED', 'budgets.too_many_lines', { params: { max: MAX_BUDGET_LINES } });
    }
    const derived = basis !== 'entered';
    const [row] = await tx
      .insert(budgetLines)
      .values({
        programmeId: programme.id,
        year: input.year,
        category: input.category,
        label: input.label,
        basis,
        plannedCents: input.plannedCents,
        committedCents: derived ? null : (input.committedCents ?? null),
        spentCents: derived ? null : (input.spentCents ?? null),
        note: input.note?.trim() || null,
        position: input.position ?? 0,
        createdByUserId: actor.userId,
        createdAt: new Date(),
      })
      .returning();
    if (!row) throw new Error('budget line not inserted');
    await recordAudit(tx, actor, {
      action: 'budget_line.create',
      entityType: 'budget_line',
      entityId: row.id,
      organisationId: programme.ownerOrganisationId,
      fields: Object.keys(input),
    });
    return presentLine(row);
  });
}

/** Reads a line's programme id (no visibility: callers check the programme right after). */
async function lineProgrammeId(db: Executor, id: string): Promise<string> {
  if (!isUuid(id)) throw notFound('budget_line');
  const [row] = await db
    .select({ programmeId: budgetLines.programmeId })
    .from(budgetLines)
    .where(eq(budgetLines.id, id));
  if (!row) throw notFound('budget_line');
  return row.programmeId;
}

/** Loads a line in a write transaction: the programme locked and checked first, then the line. */
async function loadLineForWrite(
  tx: Executor,
  actor: Actor,
  id: string,
): Promise<{ programme: ProgrammeRow; line: BudgetLineRow }> {
  const programmeId = await lineProgrammeId(tx, id);
  const programme = await loadBudgetProgramme(tx, actor, programmeId, 'write', true);
  const [line] = await tx.select().from(budgetLines).where(eq(budgetLines.id, id));
  if (!line || line.programmeId !== programme.id) throw notFound('budget_line');
  return { programme, line };
}

/** Changes a line; turning it into a derived line forgets its typed committed and spent amounts. */
export async function updateBudgetLine(
  db: Executor,
  actor: Actor,
  id: string,
  patch: BudgetLinePatch,
): Promise<BudgetLine> {
  return db.transaction(async (tx) => {
    const { programme, line } = await loadLineForWrite(tx, actor, id);
    const next = {
      year: patch.year ?? line.year,
      category: patch.category ?? line.category,
      label: patch.label ?? line.label,
      basis: patch.basis ?? line.basis,
      plannedCents: patch.plannedCents ?? line.plannedCents,
    };
    await checkLine(tx, actor, programme, next, patch, line.id);
    const derived = next.basis !== 'entered';
    const [row] = await tx
      .update(budgetLines)
      .set({
        ...next,
        committedCents: derived
          ? null
          : patch.committedCents === undefined
            ? line.committedCents
            : patch.committedCents,
        spentCents: derived ? null : patch.spentCents === undefined ? line.spentCents : patch.spentCents,
        ...(patch.note === undefined ? {} : { note: patch.note?.trim() || null }),
        ...(patch.position === undefined ? {} : { position: patch.position }),
        updatedAt: new Date(),
      })
      .where(eq(budgetLines.id, line.id))
      .returning();
    if (!row) throw notFound('budget_line');
    await recordAudit(tx, actor, {
      action: 'budget_line.update',
      entityType: 'budget_line',
      entityId: row.id,
      organisationId: programme.ownerOrganisationId,
      fields: Object.keys(patch),
    });
    return presentLine(row);
  });
}

/** Deletes a line from the budget. */
export async function deleteBudgetLine(db: Executor, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { programme, line } = await loadLineForWrite(tx, actor, id);
    await tx.delete(budgetLines).where(eq(budgetLines.id, line.id));
    await recordAudit(tx, actor, {
      action: 'budget_line.delete',
      entityType: 'budget_line',
      entityId: line.id,
      organisationId: programme.ownerOrganisationId,
    });
  });
}
