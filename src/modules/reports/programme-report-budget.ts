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
  /** Whether the programme has a budget line in the covered years (false: every amount below is 0, costs null). */
  recorded: boolean;
  /**
   * The calendar years the section covers: the whole years the report's period touches (a budget is kept
   * by calendar year, so a Q1 report shows the year's budget and the year's handovers).
   */
  coveredFrom: number;
  coveredTo: number;
  /** Lines of the covered years, per category (fixed order). */
  categories: ({ category: BudgetCategory } & BudgetAmounts)[];
  totals: BudgetAmounts;
  /** spent ÷ beneficiaries equipped in the covered years; null without budget or without anyone equipped. */
  costPerPersonCents: number | null;
  /** spent ÷ devices handed over in the covered years; null likewise. */
  costPerDeviceCents: number | null;
  /** Per funder (requested, granted, received, shares of the total granted and of the total planned). */
  funders: BudgetFunderShare[];
  /** unfunded = planned − granted and overfunded = granted − planned, both never below 0. */
  funding: { grantedCents: number; receivedCents: number; unfundedCents: number; overfundedCents: number };
}

/** The budget section over the whole calendar years of the report's period (see `budgetFigures`). */
export async function programmeReportBudget(
  db: Executor,
  programmeId: string,
  period: { from: string; to: string },
): Promise<ProgrammeReportBudget> {
  const f = await budgetFigures(db, programmeId, period);
  const recorded = f.lines.length > 0;
  return {
    recorded,
    coveredFrom: Number(period.from.slice(0, 4)),
    coveredTo: Number(period.to.slice(0, 4)),
    categories: f.categories,
    totals: f.totals,
    costPerPersonCents: recorded ? f.costPerPersonCents : null,
    costPerDeviceCents: recorded ? f.costPerDeviceCents : null,
    funders: f.funders,
    funding: {
      grantedCents: f.funding.grantedCents,
      receivedCents: f.funding.receivedCents,
      unfundedCents: f.funding.unfundedCents,
      overfundedCents: f.funding.overfundedCents,
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
    recorded: z.boolean().describe('Whether the programme has a budget line in the covered years'),
    coveredFrom: z
      .number()
      .int()
      .describe('First calendar year covered (the year of the period’s first day)'),
    coveredTo: z.number().int().describe('Last calendar year covered (the year of the period’s last day)'),
    categories: z.array(z.object({ category: z.enum(BUDGET_CATEGORIES), ...Amounts })),
    totals: z.object(Amounts),
    costPerPersonCents: Cents.nullable().describe('Spent ÷ beneficiaries equipped in the covered years'),
    costPerDeviceCents: Cents.nullable().describe('Spent ÷ devices handed over in the covered years'),
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
    funding: z.object({
      grantedCents: Cents,
      receivedCents: Cents,
      unfundedCents: Cents.min(0).describe('Planned − granted, never below 0'),
      overfundedCents: Cents.min(0).describe('Granted − planned, never below 0'),
    }),
  })
  .describe('Planned against actual over the whole calendar years the period touches; funders’ shares');
