/**
 * The API of a programme's budget and co-financing plan (`docs/api.md`, "Budgets and co-financing"):
 * budget lines, fundings with their payments, and the whole picture the page shows. Amounts in cents,
 * days `YYYY-MM-DD`.
 */
import type * as Server from '../modules/budgets/schema.ts';
import { type Me, type Role, request } from './api.ts';

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
export const BUDGET_BASES = ['entered', 'internet_aids', 'handover_subsidies'] as const;
export type BudgetBasis = (typeof BUDGET_BASES)[number];
export const FUNDING_STATUSES = ['requested', 'granted', 'refused', 'partly_received', 'received'] as const;
export type FundingStatus = (typeof FUNDING_STATUSES)[number];

// Fails to compile if the server's vocabularies and ours drift apart (type-only: nothing of the server ships).
type Same<A, B> = [A, B] extends [B, A] ? true : never;
const _same: [Same<BudgetCategory, Server.BudgetCategory>, Same<BudgetBasis, Server.BudgetBasis>] = [
  true,
  true,
];
void _same;

/** Field limits shared with the server's checks. */
export const BUDGET_LIMITS = { label: 200, note: 2000, funderName: 200, reference: 100 } as const;

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
}

export interface BudgetLineInput {
  year: number;
  category: BudgetCategory;
  label: string;
  basis: BudgetBasis;
  plannedCents: number;
  committedCents?: number | null;
  spentCents?: number | null;
  note?: string | null;
}

export interface FundingPayment {
  id: string;
  fundingId: string;
  receivedOn: string;
  amountCents: number;
  reference: string | null;
}

export interface Funding {
  id: string;
  programmeId: string;
  funderOrganisationId: string | null;
  funderName: string | null;
  funderLabel: string;
  requestedCents: number;
  requestedOn: string | null;
  grantedCents: number | null;
  grantedOn: string | null;
  refusedOn: string | null;
  agreementReference: string | null;
  agreementStartsOn: string | null;
  agreementEndsOn: string | null;
  note: string | null;
  status: FundingStatus;
  receivedCents: number;
  remainingCents: number | null;
  payments: FundingPayment[];
}

export interface FundingInput {
  funderOrganisationId?: string | null;
  funderName?: string | null;
  requestedCents: number;
  requestedOn?: string | null;
  grantedCents?: number | null;
  grantedOn?: string | null;
  refusedOn?: string | null;
  agreementReference?: string | null;
  agreementStartsOn?: string | null;
  agreementEndsOn?: string | null;
  note?: string | null;
}

export interface PaymentInput {
  receivedOn: string;
  amountCents: number;
  reference?: string | null;
}

export interface BudgetAmounts {
  plannedCents: number;
  committedCents: number;
  spentCents: number;
}

export interface Budget {
  programmeId: string;
  years: number[];
  /** The first and last years of the budget lines (null without a line). */
  coveredFrom: number | null;
  coveredTo: number | null;
  lines: (BudgetLine & { committedCents: number; spentCents: number })[];
  fundings: Funding[];
  /** The subsidies recorded on handovers, per funder: computed, not editable, counted in the co-financing. */
  handoverSubsidies: {
    funderOrganisationId: string;
    funderName: string;
    units: number;
    requestedCents: number;
    grantedCents: number;
    receivedCents: number;
    shareOfGranted: number;
    shareOfPlanned: number | null;
    derived: true;
  }[];
  totals: { byYear: ({ year: number } & BudgetAmounts)[]; overall: BudgetAmounts };
  cofinancing: {
    requestedCents: number;
    grantedCents: number;
    receivedCents: number;
    pendingCents: number;
    /** planned − granted, never below 0 */
    unfundedCents: number;
    /** granted − planned, never below 0 */
    overfundedCents: number;
  };
  can: { edit: boolean };
}

/** Roles that read a programme's budget in its owner organisation (the server's `report.read`). */
const BUDGET_READERS: readonly Role[] = ['admin', 'manager', 'viewer'];

/** Whether the account reads the programme's budget: its owner's readers of reports, platform administrators. */
export function readsBudget(me: Me, programme: { ownerOrganisationId: string }): boolean {
  return (
    me.user.isPlatformAdmin ||
    me.memberships.some(
      (m) => m.organisation.id === programme.ownerOrganisationId && BUDGET_READERS.includes(m.role),
    )
  );
}

const enc = encodeURIComponent;

export const budgetsApi = {
  budget: (programmeId: string, signal?: AbortSignal) =>
    request<Budget>(`/programmes/${enc(programmeId)}/budget`, signal ? { signal } : {}),
  createLine: (programmeId: string, input: BudgetLineInput) =>
    request<BudgetLine>(`/programmes/${enc(programmeId)}/budget-lines`, { method: 'POST', body: input }),
  updateLine: (id: string, input: Partial<BudgetLineInput>) =>
    request<BudgetLine>(`/budget-lines/${enc(id)}`, { method: 'PATCH', body: input }),
  deleteLine: (id: string) => request<void>(`/budget-lines/${enc(id)}`, { method: 'DELETE' }),
  createFunding: (programmeId: string, input: FundingInput) =>
    request<Funding>(`/programmes/${enc(programmeId)}/fundings`, { method: 'POST', body: input }),
  updateFunding: (id: string, input: Partial<FundingInput>) =>
    request<Funding>(`/fundings/${enc(id)}`, { method: 'PATCH', body: input }),
  deleteFunding: (id: string) => request<void>(`/fundings/${enc(id)}`, { method: 'DELETE' }),
  recordPayment: (fundingId: string, input: PaymentInput) =>
    request<Funding>(`/fundings/${enc(fundingId)}/payments`, { method: 'POST', body: input }),
  deletePayment: (id: string) => request<Funding>(`/funding-payments/${enc(id)}`, { method: 'DELETE' }),
};
