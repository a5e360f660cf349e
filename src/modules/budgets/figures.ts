/**
 * The money figures of a programme: its budget lines (planned, committed, spent) per year and overall, its
 * co-financing plan (fundings requested, granted, received, and each funder's share), and what the
 * programme cost per person equipped and per device handed over.
 *
 * Derived lines are never typed: their committed and spent amounts are the facts of their year, computed
 * with the programme report's own queries (`subsidiesByFunder`, `internetAidsByFunder`), so the budget and
 * the report always agree.
 *
 * No authorization here: the callers (routes, reports, the statement) check the reader's access first.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { organisations } from '../organisations/schema.ts';
import {
  handoverTotals,
  internetAidsByFunder,
  type Scope,
  subsidiesByFunder,
} from '../reports/programme-report-queries.ts';
import {
  BUDGET_CATEGORIES,
  type BudgetBasis,
  type BudgetCategory,
  budgetLines,
  fundingPayments,
  fundings,
} from './schema.ts';

/** An inclusive period of calendar days (`YYYY-MM-DD`). */
export interface BudgetPeriod {
  from: string;
  to: string;
}

export interface BudgetAmounts {
  plannedCents: number;
  committedCents: number;
  spentCents: number;
}

export interface BudgetFigureLine extends BudgetAmounts {
  id: string;
  year: number;
  category: BudgetCategory;
  label: string;
  basis: BudgetBasis;
  /**
   * True for `internet_aids` and `handover_subsidies` lines: committed = spent = the facts' sum in the
   * line's whole calendar year: the internet aids granted that year, or the
   * subsidies of the handovers made that year. The facts of a year are counted once, on the first line
   * (by position) of that basis and year; a second such line shows 0.
   */
  derived: boolean;
}

/**
 * Where a funding stands: `refused` (a refusal day is recorded), `requested` (no amount granted yet),
 * `granted` (granted, nothing received), `partly_received`, `received` (payments ≥ the amount granted).
 * The one definition: the budget's routes, the fundings' service and the reports import it.
 */
export const FUNDING_STATUSES = ['requested', 'granted', 'refused', 'partly_received', 'received'] as const;
export type FundingStatus = (typeof FUNDING_STATUSES)[number];

/** The status of a funding from what is recorded: refused, else granted and how much of it was received, else requested. */
export function fundingStatus(
  funding: { grantedCents: number | null; refusedOn: string | null },
  receivedCents: number,
): FundingStatus {
  if (funding.refusedOn) return 'refused';
  if (funding.grantedCents === null) return 'requested';
  if (receivedCents <= 0) return 'granted';
  return receivedCents >= funding.grantedCents ? 'received' : 'partly_received';
}

export interface BudgetFunding {
  id: string;
  /** The funder as an organisation of the directory, or null when only named (`funderName`). */
  funderOrganisationId: string | null;
  /** The organisation's name, or the name typed. */
  funderName: string;
  status: FundingStatus;
  requestedCents: number;
  requestedOn: string | null;
  /** 0 when not granted (or refused). */
  grantedCents: number;
  grantedOn: string | null;
  refusedOn: string | null;
  /** The sum of its payments (all of them: an agreement is never split by period). */
  receivedCents: number;
  agreementReference: string | null;
  agreementStartsOn: string | null;
  agreementEndsOn: string | null;
  /** grantedCents ÷ the total granted to the programme, 0..1 (0 when nothing is granted). */
  shareOfGranted: number;
  /** grantedCents ÷ the total planned, 0..1 or more if over-funded (null when nothing is planned). */
  shareOfPlanned: number | null;
}

/**
 * What one funder gives through the subsidies recorded on handovers (the programme's « subventions à la
 * remise »): the derived amount of the covered years' `handover_subsidies` lines, per subsidy funder. It is
 * that funder's contribution to the co-financing: requested = granted = received = that amount. Computed,
 * never edited; shown as its own row beside the funder's agreements (never merged into one of them).
 */
export interface BudgetHandoverSubsidy {
  funderOrganisationId: string;
  funderName: string;
  /** The handovers subsidised in the covered years (one unit per handover). */
  units: number;
  requestedCents: number;
  grantedCents: number;
  receivedCents: number;
  /** grantedCents ÷ the total granted to the programme (agreements and handover subsidies), 0..1. */
  shareOfGranted: number;
  shareOfPlanned: number | null;
  derived: true;
}

/** The fundings of one funder added up (a funder may have several agreements and handover subsidies). */
export interface BudgetFunderShare {
  funderOrganisationId: string | null;
  funderName: string;
  requestedCents: number;
  grantedCents: number;
  receivedCents: number;
  shareOfGranted: number;
  shareOfPlanned: number | null;
}

export interface BudgetFigures {
  programmeId: string;
  /**
   * The period asked for, widened to the whole calendar years it touches (a budget is kept by calendar
   * year: a line's entered amounts are a whole year's), or null (every year of the budget, every fact).
   */
  period: BudgetPeriod | null;
  /**
   * The first and last calendar years the figures cover: the widened period's years, or without a period
   * the years of the lines (null when there is none). Every document shows them (« Budget des années
   * 2025–2026 »).
   */
  coveredFrom: number | null;
  coveredTo: number | null;
  /** The lines whose year is covered (all without a period), by year then position. */
  lines: BudgetFigureLine[];
  /** Per year of the lines, ascending; each adds up its lines. */
  years: ({ year: number } & BudgetAmounts)[];
  /** Per category, in the fixed order of BUDGET_CATEGORIES, only categories with a line. */
  categories: ({ category: BudgetCategory } & BudgetAmounts)[];
  /** All lines added up. */
  totals: BudgetAmounts;
  /** Every funding of the programme (an agreement is never split by year), oldest first. */
  fundings: BudgetFunding[];
  /**
   * The subsidies recorded on handovers, per subsidy funder (`BudgetHandoverSubsidy`), counted with the
   * fundings in `funders`, `funding` and every share: the same money as the derived `handover_subsidies`
   * lines, so counted once.
   */
  handoverSubsidies: BudgetHandoverSubsidy[];
  /** Per funder (its agreements and its handover subsidies added up), largest granted first. */
  funders: BudgetFunderShare[];
  funding: {
    requestedCents: number;
    /** Granted and not refused, handover subsidies included. */
    grantedCents: number;
    receivedCents: number;
    /**
     * What remains to be funded: totals.plannedCents − grantedCents, never below 0. The one definition:
     * the budget page, the reports and the statement show this figure.
     */
    unfundedCents: number;
    /** What is granted beyond the planned total: grantedCents − totals.plannedCents, never below 0. */
    overfundedCents: number;
  };
  /** Distinct beneficiaries (people and associations) with a handover in the covered years. */
  peopleEquipped: number;
  /** Handovers in the programme in the covered years. */
  devicesHandedOver: number;
  /** totals.spentCents ÷ peopleEquipped, rounded to the cent; null when nobody is equipped. */
  costPerPersonCents: number | null;
  /** totals.spentCents ÷ devicesHandedOver, rounded to the cent; null when no device is handed over. */
  costPerDeviceCents: number | null;
}

const ALL_TIME: BudgetPeriod = { from: '0001-01-01', to: '9999-12-31' };

const zero = (): BudgetAmounts => ({ plannedCents: 0, committedCents: 0, spentCents: 0 });

function add(into: BudgetAmounts, line: BudgetAmounts): void {
  into.plannedCents += line.plannedCents;
  into.committedCents += line.committedCents;
  into.spentCents += line.spentCents;
}

/** The whole calendar years a period touches: 1 January of its first day's year to 31 December of its last. */
export function wholeYears(period: BudgetPeriod): BudgetPeriod {
  return { from: `${period.from.slice(0, 4)}-01-01`, to: `${period.to.slice(0, 4)}-12-31` };
}

/** The part of `year` inside `period`, or null when they do not meet. */
function yearWithin(year: number, period: BudgetPeriod): BudgetPeriod | null {
  const y = String(year).padStart(4, '0');
  const from = `${y}-01-01` > period.from ? `${y}-01-01` : period.from;
  const to = `${y}-12-31` < period.to ? `${y}-12-31` : period.to;
  return from <= to ? { from, to } : null;
}

const ratio = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

type SubsidyFacts = Awaited<ReturnType<typeof subsidiesByFunder>>;

/** The facts behind derived lines, one query per (year ∩ period); the subsidies also per funder. */
async function derivedAmount(
  db: Executor,
  programmeId: string,
  basis: Exclude<BudgetBasis, 'entered'>,
  within: BudgetPeriod,
): Promise<{ amount: number; subsidies: SubsidyFacts }> {
  const scope: Scope = { programmeId, ...within };
  if (basis === 'internet_aids')
    return {
      amount: (await internetAidsByFunder(db, scope)).reduce((sum, a) => sum + a.totalCents, 0),
      subsidies: [],
    };
  const subsidies = await subsidiesByFunder(db, scope);
  return { amount: subsidies.reduce((sum, s) => sum + s.amountCents, 0), subsidies };
}

/**
 * The programme's budget figures, over the whole calendar years a period touches or (without one) over
 * everything recorded: a Q1 report shows the year's budget, and the year's handovers, so that a cost per
 * person never divides a year's spending by a quarter's people. See `BudgetFigures` for every rule. No
 * access check: the caller has done it.
 */
export async function budgetFigures(
  db: Executor,
  programmeId: string,
  period?: BudgetPeriod,
): Promise<BudgetFigures> {
  const widened = period ? wholeYears(period) : null;
  const range = widened ?? ALL_TIME;
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

  const lines: BudgetFigureLine[] = [];
  const counted = new Set<string>();
  const subsidyMap = new Map<string, { funderName: string; units: number; amountCents: number }>();
  for (const row of rows) {
    const within = yearWithin(row.year, range);
    if (!within) continue;
    const derived = row.basis !== 'entered';
    let committedCents = row.committedCents ?? 0;
    let spentCents = row.spentCents ?? 0;
    if (row.basis !== 'entered') {
      const key = `${row.basis}:${row.year}`;
      let amount = 0;
      if (!counted.has(key)) {
        const facts = await derivedAmount(db, programmeId, row.basis, within);
        amount = facts.amount;
        for (const s of facts.subsidies) {
          const into = subsidyMap.get(s.funderOrganisationId) ?? {
            funderName: s.funderName,
            units: 0,
            amountCents: 0,
          };
          into.units += s.units;
          into.amountCents += s.amountCents;
          subsidyMap.set(s.funderOrganisationId, into);
        }
      }
      counted.add(key);
      committedCents = amount;
      spentCents = amount;
    }
    lines.push({
      id: row.id,
      year: row.year,
      category: row.category,
      label: row.label,
      basis: row.basis,
      plannedCents: row.plannedCents,
      committedCents,
      spentCents,
      derived,
    });
  }

  const totals = zero();
  const byYear = new Map<number, BudgetAmounts>();
  const byCategory = new Map<BudgetCategory, BudgetAmounts>();
  for (const line of lines) {
    add(totals, line);
    const year = byYear.get(line.year) ?? zero();
    add(year, line);
    byYear.set(line.year, year);
    const category = byCategory.get(line.category) ?? zero();
    add(category, line);
    byCategory.set(line.category, category);
  }

  const fundingRows = await db
    .select({
      id: fundings.id,
      funderOrganisationId: fundings.funderOrganisationId,
      organisationName: organisations.name,
      funderName: fundings.funderName,
      requestedCents: fundings.requestedCents,
      requestedOn: fundings.requestedOn,
      grantedCents: fundings.grantedCents,
      grantedOn: fundings.grantedOn,
      refusedOn: fundings.refusedOn,
      agreementReference: fundings.agreementReference,
      agreementStartsOn: fundings.agreementStartsOn,
      agreementEndsOn: fundings.agreementEndsOn,
      receivedCents: sql<string>`coalesce((
        SELECT sum(${fundingPayments.amountCents}) FROM ${fundingPayments}
        WHERE ${fundingPayments.fundingId} = ${fundings.id}), 0)`,
    })
    .from(fundings)
    .leftJoin(organisations, eq(organisations.id, fundings.funderOrganisationId))
    .where(eq(fundings.programmeId, programmeId))
    .orderBy(asc(fundings.createdAt), asc(fundings.id));

  const base = fundingRows.map((row) => {
    const receivedCents = Number(row.receivedCents ?? 0);
    const status = fundingStatus(row, receivedCents);
    return {
      id: row.id,
      funderOrganisationId: row.funderOrganisationId,
      funderName: row.organisationName ?? row.funderName ?? '',
      status,
      requestedCents: row.requestedCents,
      requestedOn: row.requestedOn,
      grantedCents: status === 'refused' || status === 'requested' ? 0 : (row.grantedCents ?? 0),
      grantedOn: row.grantedOn,
      refusedOn: row.refusedOn,
      receivedCents,
      agreementReference: row.agreementReference,
      agreementStartsOn: row.agreementStartsOn,
      agreementEndsOn: row.agreementEndsOn,
    };
  });
  const subsidyRows = [...subsidyMap.entries()]
    .filter(([, s]) => s.amountCents > 0)
    .map(([funderOrganisationId, s]) => ({ funderOrganisationId, ...s }))
    .sort((a, b) => a.funderName.localeCompare(b.funderName, 'fr'));
  const subsidiesCents = subsidyRows.reduce((sum, s) => sum + s.amountCents, 0);
  const grantedCents = base.reduce((sum, f) => sum + f.grantedCents, 0) + subsidiesCents;
  const plannedShare = (granted: number) => (totals.plannedCents > 0 ? granted / totals.plannedCents : null);
  const fundingList: BudgetFunding[] = base.map((f) => ({
    ...f,
    shareOfGranted: ratio(f.grantedCents, grantedCents),
    shareOfPlanned: plannedShare(f.grantedCents),
  }));

  const handoverSubsidies: BudgetHandoverSubsidy[] = subsidyRows.map((s) => ({
    funderOrganisationId: s.funderOrganisationId,
    funderName: s.funderName,
    units: s.units,
    requestedCents: s.amountCents,
    grantedCents: s.amountCents,
    receivedCents: s.amountCents,
    shareOfGranted: ratio(s.amountCents, grantedCents),
    shareOfPlanned: plannedShare(s.amountCents),
    derived: true,
  }));

  const funderMap = new Map<string, BudgetFunderShare>();
  for (const f of [...fundingList, ...handoverSubsidies]) {
    const key = f.funderOrganisationId ?? `name:${f.funderName.trim().toLocaleLowerCase('fr')}`;
    const share = funderMap.get(key) ?? {
      funderOrganisationId: f.funderOrganisationId,
      funderName: f.funderName,
      requestedCents: 0,
      grantedCents: 0,
      receivedCents: 0,
      shareOfGranted: 0,
      shareOfPlanned: null,
    };
    share.requestedCents += f.requestedCents;
    share.grantedCents += f.grantedCents;
    share.receivedCents += f.receivedCents;
    funderMap.set(key, share);
  }
  const funders = [...funderMap.values()]
    .map((s) => ({
      ...s,
      shareOfGranted: ratio(s.grantedCents, grantedCents),
      shareOfPlanned: plannedShare(s.grantedCents),
    }))
    .sort((a, b) => b.grantedCents - a.grantedCents || a.funderName.localeCompare(b.funderName, 'fr'));

  const handovers = await handoverTotals(db, { programmeId, ...range });
  const perUnit = (count: number) => (count > 0 ? Math.round(totals.spentCents / count) : null);
  const lineYears = lines.map((l) => l.year);

  return {
    programmeId,
    period: widened,
    coveredFrom: widened
      ? Number(widened.from.slice(0, 4))
      : lineYears.length
        ? Math.min(...lineYears)
        : null,
    coveredTo: widened ? Number(widened.to.slice(0, 4)) : lineYears.length ? Math.max(...lineYears) : null,
    lines,
    years: [...byYear.entries()].sort(([a], [b]) => a - b).map(([year, amounts]) => ({ year, ...amounts })),
    categories: BUDGET_CATEGORIES.flatMap((category) => {
      const amounts = byCategory.get(category);
      return amounts ? [{ category, ...amounts }] : [];
    }),
    totals,
    fundings: fundingList,
    handoverSubsidies,
    funders,
    funding: {
      requestedCents: fundingList.reduce((sum, f) => sum + f.requestedCents, 0) + subsidiesCents,
      grantedCents,
      receivedCents: fundingList.reduce((sum, f) => sum + f.receivedCents, 0) + subsidiesCents,
      unfundedCents: Math.max(0, totals.plannedCents - grantedCents),
      overfundedCents: Math.max(0, grantedCents - totals.plannedCents),
    },
    peopleEquipped: handovers.equipped,
    devicesHandedOver: handovers.handedOver,
    costPerPersonCents: perUnit(handovers.equipped),
    costPerDeviceCents: perUnit(handovers.handedOver),
  };
}
