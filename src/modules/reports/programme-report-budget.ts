import { z } from 'zod';
import type { Executor } from '../../db/tx.ts';
import { type BudgetAmounts, type BudgetFunderShare, budgetFigures } from '../budgets/figures.ts';
import { BUDGET_CATEGORIES, type BudgetCategory } from '../budgets/schema.ts';

/**
 * The « Budget » section of the programme report: planned against actual per category, what it cost per
 * person equipped and per device, and each funder's share of the co-financing. Funders read it as the
 * owner does: it holds amounts and funders' totals only, never an agreement's reference or dates (those
 * are in the owner's financial statement).
 */
export interface ProgrammeReportBudget {
  /** Whether the programme has a budget line in the period (false: every amount below is 0, costs null). */
  recorded: boolean;
  /** Lines whose year meets the report's period, per category (fixed order). */
  categories: ({ category: BudgetCategory } & BudgetAmounts)[];
  totals: BudgetAmounts;
  /** spent ÷ beneficiaries equipped in the period; null without budget or without anyone equipped. */
  costPerPersonCents: number | null;
  /** spent ÷ devices handed over in the period; null likewise. */
  costPerDeviceCents: number | null;
  /** Per funder (requested, granted, received, shares of the total granted and of the total planned). */
  funders: BudgetFunderShare[];
  funding: { grantedCents: number; receivedCents: number; unfundedCents: number };
}

/** The budget section over the report's period (see `budgetFigures`). */
export async function programmeReportBudget(
  db: Executor,
  programmeId: string,
  period: { from: string; to: string },
): Promise<ProgrammeReportBudget> {
  const f = await budgetFigures(db, programmeId, period);
  const recorded = f.lines.length > 0;
  return {
    recorded,
    categories: f.categories,
    totals: f.totals,
    costPerPersonCents: recorded ? f.costPerPersonCents : null,
    costPerDeviceCents: recorded ? f.costPerDeviceCents : null,
    funders: f.funders,
    funding: {
      grantedCents: f.funding.grantedCents,
      receivedCents: f.funding.receivedCents,
      unfundedCents: f.funding.unfundedCents,
    },
  };
}

const Cents = z.number().int();
const Amounts = {
  plannedCents: Cents,
  committedCents: Cents,
  spentCents: Cents,
};

/** The section's reply schema (api-v1 § Reports). */
export const ProgrammeReportBudgetReply = z
  .object({
    recorded: z.boolean().describe('Whether a budget line of the programme meets the period'),
    categories: z.array(z.object({ category: z.enum(BUDGET_CATEGORIES), ...Amounts })),
    totals: z.object(Amounts),
    costPerPersonCents: Cents.nullable().describe('Spent ÷ beneficiaries equipped in the period'),
    costPerDeviceCents: Cents.nullable().describe('Spent ÷ devices handed over in the period'),
    funders: z.array(
      z.object({
        funderOrganisationId: z.uuid().nullable(),
        funderName: z.string(),
        requestedCents: Cents,
        grantedCents: Cents,
        receivedCents: Cents,
        shareOfGranted: z.number().min(0).max(1).describe('Granted ÷ the total granted'),
        shareOfPlanned: z
          .number()
          .min(0)
          .nullable()
          .describe('Granted ÷ the total planned; null when 0 planned'),
      }),
    ),
    funding: z.object({ grantedCents: Cents, receivedCents: Cents, unfundedCents: Cents }),
  })
  .describe('Planned against actual over the budget lines whose year meets the period; funders’ shares');
