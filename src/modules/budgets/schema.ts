import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../organisations/schema.ts';
import { programmes } from '../programmes/schema.ts';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const day = () => date({ mode: 'string' });
const cents = () => bigint({ mode: 'number' });

/** What a budget line pays for. */
export const BUDGET_CATEGORIES = [
  'equipment',
  'refurbishing',
  'training',
  'internet_aid',
  'events',
  'staff',
  'other',
] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

/**
 * Where a line's committed and spent amounts come from: typed by a person (`entered`), or derived from the
 * facts already recorded in the programme, never typed twice: the internet aids granted in the line's year
 * (`internet_aids`), or the subsidies of the handovers made in its year (`handover_subsidies`).
 */
export const BUDGET_BASES = ['entered', 'internet_aids', 'handover_subsidies'] as const;
export type BudgetBasis = (typeof BUDGET_BASES)[number];

/** One line of a programme's budget for one calendar year: planned, and (when entered) committed and spent. */
export const budgetLines = pgTable(
  'budget_lines',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    year: integer().notNull(),
    category: text().$type<BudgetCategory>().notNull(),
    label: text().notNull(),
    basis: text().$type<BudgetBasis>().notNull().default('entered'),
    plannedCents: cents().notNull(),
    /** Entered lines only (null on derived lines: their amounts are computed from the facts). */
    committedCents: cents(),
    spentCents: cents(),
    note: text(),
    position: integer().notNull().default(0),
    createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [index('budget_lines_programme_idx').on(t.programmeId, t.year, t.position)],
);

/**
 * One funder's part of a programme's co-financing plan: requested, then granted (or refused) under an
 * agreement (reference and dates), then received in one or more payments (`fundingPayments`). The funder
 * is an organisation of the directory, or only a name (e.g. « Fonds européens FSE+ ») when it is not one.
 */
export const fundings = pgTable(
  'fundings',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    funderOrganisationId: uuid().references(() => organisations.id),
    funderName: text(),
    requestedCents: cents().notNull(),
    requestedOn: day(),
    grantedCents: cents(),
    grantedOn: day(),
    refusedOn: day(),
    agreementReference: text(),
    agreementStartsOn: day(),
    agreementEndsOn: day(),
    note: text(),
    createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    index('fundings_programme_idx').on(t.programmeId),
    index('fundings_funder_idx').on(t.funderOrganisationId).where(sql`${t.funderOrganisationId} IS NOT NULL`),
  ],
);

/** Money received from a funder under its agreement (an instalment). */
export const fundingPayments = pgTable(
  'funding_payments',
  {
    id: uuid().primaryKey().defaultRandom(),
    fundingId: uuid()
      .notNull()
      .references(() => fundings.id, { onDelete: 'cascade' }),
    receivedOn: day().notNull(),
    amountCents: cents().notNull(),
    reference: text(),
    createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('funding_payments_funding_idx').on(t.fundingId, t.receivedOn)],
);
