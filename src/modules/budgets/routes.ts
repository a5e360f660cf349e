import { z } from 'zod';
import {
  type App,
  actorOf,
  CalendarDay,
  type Deps,
  errorResponses,
  IdParams,
  Instant,
  Problem,
} from '../../server/http.ts';
import { getBudget } from './budget.ts';
import { FUNDING_STATUSES } from './figures.ts';
import {
  createFunding,
  deleteFunding,
  deleteFundingPayment,
  listFundings,
  recordFundingPayment,
  updateFunding,
} from './fundings.ts';
import { createBudgetLine, deleteBudgetLine, listBudgetLines, updateBudgetLine } from './lines.ts';
import { BUDGET_BASES, BUDGET_CATEGORIES } from './schema.ts';

const ruleResponses = { ...errorResponses, 422: Problem } as const;
const tags = ['budgets'];

/** Amounts: whole cents, zero or more, below ten billion euros. */
export const MAX_AMOUNT_CENTS = 1_000_000_000_000;
export const BUDGET_TEXT_LIMITS = { label: 200, note: 2000, funderName: 200, reference: 100 } as const;

const Cents = z
  .number({ message: 'budgets.amount_invalid' })
  .int({ message: 'budgets.amount_invalid' })
  .min(0, { message: 'budgets.amount_invalid' })
  .max(MAX_AMOUNT_CENTS, { message: 'budgets.amount_invalid' })
  .describe('An amount in whole cents (150000 = 1 500 €)');
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const label = z.string().trim().min(1, { message: 'validation.blank' }).max(BUDGET_TEXT_LIMITS.label);

const BudgetLine = z
  .object({
    id: z.uuid(),
    programmeId: z.uuid(),
    year: z.number().int(),
    category: z.enum(BUDGET_CATEGORIES),
    label: z.string(),
    basis: z.enum(BUDGET_BASES),
    plannedCents: z.number().int(),
    committedCents: z.number().int().nullable().describe('Null on a derived line (see GET …/budget)'),
    spentCents: z.number().int().nullable().describe('Null on a derived line (see GET …/budget)'),
    note: z.string().nullable(),
    position: z.number().int(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'BudgetLine' });

const BudgetLineFields = {
  year: z.number().int().min(2000).max(2100).describe('A calendar year of the programme'),
  category: z.enum(BUDGET_CATEGORIES),
  label,
  basis: z
    .enum(BUDGET_BASES)
    .describe(
      '`entered` (committed and spent typed) or derived from the facts: `internet_aids` (aids granted in the year), `handover_subsidies` (subsidies of the year’s handovers)',
    ),
  plannedCents: Cents,
  committedCents: Cents.nullable().describe('Entered lines only'),
  spentCents: Cents.nullable().describe('Entered lines only'),
  note: optionalText(BUDGET_TEXT_LIMITS.note),
  position: z.number().int().min(0).max(10_000),
};

const BudgetLineBody = z
  .object({
    ...BudgetLineFields,
    basis: BudgetLineFields.basis.optional(),
    committedCents: BudgetLineFields.committedCents.optional(),
    spentCents: BudgetLineFields.spentCents.optional(),
    position: BudgetLineFields.position.optional(),
  })
  .strict();
export type BudgetLineBody = z.infer<typeof BudgetLineBody>;
const BudgetLinePatch = BudgetLineBody.partial().strict();

const FundingPayment = z
  .object({
    id: z.uuid(),
    fundingId: z.uuid(),
    receivedOn: CalendarDay,
    amountCents: z.number().int(),
    reference: z.string().nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'FundingPayment' });

const Funding = z
  .object({
    id: z.uuid(),
    programmeId: z.uuid(),
    funderOrganisationId: z.uuid().nullable(),
    funderName: z.string().nullable(),
    funderLabel: z.string().describe('The organisation’s name, or the name typed'),
    requestedCents: z.number().int(),
    requestedOn: CalendarDay.nullable(),
    grantedCents: z.number().int().nullable(),
    grantedOn: CalendarDay.nullable(),
    refusedOn: CalendarDay.nullable(),
    agreementReference: z.string().nullable(),
    agreementStartsOn: CalendarDay.nullable(),
    agreementEndsOn: CalendarDay.nullable(),
    note: z.string().nullable(),
    status: z.enum(FUNDING_STATUSES),
    receivedCents: z.number().int(),
    remainingCents: z
      .number()
      .int()
      .nullable()
      .describe('Granted and not yet received; null when nothing is granted'),
    payments: z.array(FundingPayment),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Funding' });

const FundingBody = z
  .object({
    funderOrganisationId: z.uuid({ message: 'validation.uuid' }).nullable().optional(),
    funderName: optionalText(BUDGET_TEXT_LIMITS.funderName),
    requestedCents: Cents,
    requestedOn: CalendarDay.nullable().optional(),
    grantedCents: Cents.nullable().optional(),
    grantedOn: CalendarDay.nullable().optional(),
    refusedOn: CalendarDay.nullable().optional(),
    agreementReference: optionalText(BUDGET_TEXT_LIMITS.reference),
    agreementStartsOn: CalendarDay.nullable().optional(),
    agreementEndsOn: CalendarDay.nullable().optional(),
    note: optionalText(BUDGET_TEXT_LIMITS.note),
  })
  .strict();
export type FundingBody = z.infer<typeof FundingBody>;
const FundingPatch = FundingBody.partial().strict();

const PaymentBody = z
  .object({
    receivedOn: CalendarDay,
    amountCents: Cents.min(1, { message: 'budgets.payment_positive' }),
    reference: optionalText(BUDGET_TEXT_LIMITS.reference),
  })
  .strict();

const Amounts = z.object({
  plannedCents: z.number().int(),
  committedCents: z.number().int(),
  spentCents: z.number().int(),
});

const Budget = z
  .object({
    programmeId: z.uuid(),
    years: z.array(z.number().int()).describe('The calendar years the programme runs over'),
    coveredFrom: z
      .number()
      .int()
      .nullable()
      .describe('First calendar year of the budget lines (null without a line)'),
    coveredTo: z.number().int().nullable().describe('Last calendar year of the budget lines'),
    lines: z.array(
      BudgetLine.extend({
        committedCents: z.number().int().describe('Typed, or computed from the facts on a derived line'),
        spentCents: z.number().int(),
      }),
    ),
    fundings: z.array(Funding),
    handoverSubsidies: z
      .array(
        z.object({
          funderOrganisationId: z.uuid(),
          funderName: z.string(),
          units: z.number().int(),
          requestedCents: z.number().int(),
          grantedCents: z.number().int(),
          receivedCents: z.number().int(),
          shareOfGranted: z.number(),
          shareOfPlanned: z.number().nullable(),
          derived: z.literal(true),
        }),
      )
      .describe(
        'The subsidies recorded on handovers per funder (computed, not editable): requested = granted = received; counted in the co-financing',
      ),
    totals: z.object({
      byYear: z.array(Amounts.extend({ year: z.number().int() })),
      overall: Amounts,
    }),
    cofinancing: z.object({
      requestedCents: z.number().int(),
      grantedCents: z.number().int(),
      receivedCents: z.number().int(),
      pendingCents: z.number().int().describe('Requested and not yet decided'),
      unfundedCents: z
        .number()
        .int()
        .describe('Planned budget not covered by what is granted (never below 0)'),
      overfundedCents: z.number().int().describe('Granted beyond the planned budget (never below 0)'),
    }),
    can: z.object({ edit: z.boolean() }),
  })
  .meta({ id: 'Budget' });

/** The routes of this module (under /api/v1). */
export function budgetRoutes(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.get(
    '/programmes/:id/budget',
    {
      schema: {
        tags,
        summary:
          'A programme’s budget and co-financing plan: lines (derived amounts computed), fundings, totals per year, what remains to be funded (owner’s administrators, managers, viewers)',
        params: IdParams,
        response: { 200: Budget, ...errorResponses },
      },
    },
    async (request) => getBudget(db, actorOf(request), request.params.id),
  );
  app.get(
    '/programmes/:id/budget-lines',
    {
      schema: {
        tags,
        summary: 'The lines of a programme’s budget, by year (owner’s administrators, managers, viewers)',
        params: IdParams,
        response: { 200: z.object({ items: z.array(BudgetLine) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listBudgetLines(db, actorOf(request), request.params.id) }),
  );
  app.post(
    '/programmes/:id/budget-lines',
    {
      schema: {
        tags,
        summary: 'Add a budget line (owner’s administrators and managers)',
        params: IdParams,
        body: BudgetLineBody,
        response: { 201: BudgetLine, ...ruleResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createBudgetLine(db, actorOf(request), request.params.id, request.body)),
  );
  app.patch(
    '/budget-lines/:id',
    {
      schema: {
        tags,
        summary: 'Change a budget line (owner’s administrators and managers)',
        params: IdParams,
        body: BudgetLinePatch,
        response: { 200: BudgetLine, ...ruleResponses },
      },
    },
    async (request) => updateBudgetLine(db, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/budget-lines/:id',
    {
      schema: {
        tags,
        summary: 'Delete a budget line (owner’s administrators and managers)',
        params: IdParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteBudgetLine(db, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/programmes/:id/fundings',
    {
      schema: {
        tags,
        summary:
          'A programme’s co-financing plan: each funder’s request, grant or refusal, payments and status (owner’s administrators, managers, viewers)',
        params: IdParams,
        response: { 200: z.object({ items: z.array(Funding) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listFundings(db, actorOf(request), request.params.id) }),
  );
  app.post(
    '/programmes/:id/fundings',
    {
      schema: {
        tags,
        summary: 'Add a funder to the co-financing plan (owner’s administrators and managers)',
        params: IdParams,
        body: FundingBody,
        response: { 201: Funding, ...ruleResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createFunding(db, actorOf(request), request.params.id, request.body)),
  );
  app.patch(
    '/fundings/:id',
    {
      schema: {
        tags,
        summary:
          'Change a funding: amounts, grant or refusal, agreement (owner’s administrators and managers)',
        params: IdParams,
        body: FundingPatch,
        response: { 200: Funding, ...ruleResponses },
      },
    },
    async (request) => updateFunding(db, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/fundings/:id',
    {
      schema: {
        tags,
        summary: 'Delete a funding without payments (409 while it has some: delete them first)',
        params: IdParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteFunding(db, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/fundings/:id/payments',
    {
      schema: {
        tags,
        summary:
          'Record money received on a granted funding, within what remains to be received (owner’s administrators and managers)',
        params: IdParams,
        body: PaymentBody,
        response: { 201: Funding, ...ruleResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recordFundingPayment(db, actorOf(request), request.params.id, request.body)),
  );
  app.delete(
    '/funding-payments/:id',
    {
      schema: {
        tags,
        summary:
          'Delete a payment recorded by mistake; answers the funding (owner’s administrators and managers)',
        params: IdParams,
        response: { 200: Funding, ...errorResponses },
      },
    },
    async (request) => deleteFundingPayment(db, actorOf(request), request.params.id),
  );
}
