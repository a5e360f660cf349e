/**
 * The whole picture of a programme's budget for its page: the lines with the committed and spent amounts
 * of derived lines computed from the facts (`figures.ts`), the co-financing plan with each funding's
 * status and payments, the totals per year (every year of the programme, even without a line) and
 * overall, and what remains to be funded.
 */
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { canOnBudget, loadBudgetProgramme } from './access.ts';
import { type BudgetAmounts, type BudgetHandoverSubsidy, budgetFigures } from './figures.ts';
import { type Funding, listFundingsOf } from './fundings.ts';
import { type BudgetLine, listLinesOf, programmeYears } from './lines.ts';

export interface BudgetOverview {
  programmeId: string;
  years: number[];
  /** The first and last years of the budget lines (null without a line): « Budget des années 2025–2026 ». */
  coveredFrom: number | null;
  coveredTo: number | null;
  lines: (Omit<BudgetLine, 'committedCents' | 'spentCents'> & {
    committedCents: number;
    spentCents: number;
  })[];
  fundings: Funding[];
  /**
   * The subsidies recorded on handovers, per funder: computed (not editable), counted in the co-financing
   * with the fundings (`BudgetFigures.handoverSubsidies`).
   */
  handoverSubsidies: BudgetHandoverSubsidy[];
  totals: { byYear: ({ year: number } & BudgetAmounts)[]; overall: BudgetAmounts };
  cofinancing: {
    requestedCents: number;
    grantedCents: number;
    receivedCents: number;
    pendingCents: number;
    /** planned − granted, never below 0 (`BudgetFigures.funding`). */
    unfundedCents: number;
    /** granted − planned, never below 0. */
    overfundedCents: number;
  };
  can: { edit: boolean };
}

/** A programme's budget and co-financing plan, for the owner's readers. */
export async function getBudget(db: Executor, actor: Actor, programmeId: string): Promise<BudgetOverview> {
  const programme = await loadBudgetProgramme(db, actor, programmeId, 'read');
  const [figures, rows, fundings] = [
    await budgetFigures(db, programme.id),
    await listLinesOf(db, programme.id),
    await listFundingsOf(db, programme.id),
  ];
  const computed = new Map(figures.lines.map((l) => [l.id, l]));
  const lines = rows.map((row) => {
    const figure = computed.get(row.id);
    return {
      ...row,
      committedCents: figure?.committedCents ?? row.committedCents ?? 0,
      spentCents: figure?.spentCents ?? row.spentCents ?? 0,
    };
  });
  const years = programmeYears(programme);
  for (const line of lines) if (!years.includes(line.year)) years.push(line.year);
  years.sort((a, b) => a - b);
  const byYear = years.map((year) => {
    const found = figures.years.find((y) => y.year === year);
    return { year, plannedCents: 0, committedCents: 0, spentCents: 0, ...(found ?? {}) };
  });
  const pendingCents = fundings
    .filter((f) => f.status === 'requested')
    .reduce((sum, f) => sum + f.requestedCents, 0);
  return {
    programmeId: programme.id,
    years,
    coveredFrom: figures.coveredFrom,
    coveredTo: figures.coveredTo,
    lines,
    fundings,
    handoverSubsidies: figures.handoverSubsidies,
    totals: { byYear, overall: figures.totals },
    cofinancing: {
      requestedCents: figures.funding.requestedCents,
      grantedCents: figures.funding.grantedCents,
      receivedCents: figures.funding.receivedCents,
      pendingCents,
      unfundedCents: figures.funding.unfundedCents,
      overfundedCents: figures.funding.overfundedCents,
    },
    can: { edit: canOnBudget(actor, programme.ownerOrganisationId, 'write') },
  };
}
