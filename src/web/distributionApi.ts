/**
 * The API of distribution (`docs/api.md`, "Beyond the core: distribution"): allocations, handovers,
 * cancellations, the devices a programme may allocate, and loans. Money is in integer cents; days are
 * `YYYY-MM-DD`.
 */
import type * as Server from '../modules/distribution/schema.ts';
import { type DeviceType, type Page, request } from './api.ts';

export const ALLOCATION_STATUSES = ['reserved', 'handed_over', 'cancelled'] as const;
export type AllocationStatus = (typeof ALLOCATION_STATUSES)[number];

export const PAYMENT_METHODS = ['cash', 'cheque', 'card', 'transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

// Fails to compile if the server's vocabularies and ours drift apart (type-only: nothing of the server ships).
type Same<A, B> = [A, B] extends [B, A] ? true : never;
const _same: [
  Same<AllocationStatus, Server.AllocationStatus>,
  Same<PaymentMethod, Server.PaymentMethod>,
  Same<TicketStatus, Server.TicketStatus>,
] = [true, true, true];
void _same;

export interface Loan {
  id: string;
  allocationId: string;
  programmeId: string;
  deviceId: string;
  beneficiaryId: string;
  startedOn: string;
  dueOn: string;
  renewals: number;
  /** The programme's cap on renewals (null: none). */
  maxRenewals: number | null;
  /** Whether a borrower's report link is in force. */
  hasReportLink: boolean;
  returnedOn: string | null;
  returnCondition: string | null;
  createdAt: string;
}

export interface Allocation {
  id: string;
  programmeId: string;
  beneficiaryId: string;
  referralId: string;
  deviceId: string;
  deviceOrganisationId: string;
  assetTag: string;
  deviceType: string;
  status: AllocationStatus;
  allocatedOn: string;
  handedOverOn: string | null;
  paymentCents: number | null;
  paymentMethod: PaymentMethod | null;
  paymentNote: string | null;
  expectedContributionCents: number | null;
  signedOnPaper: boolean;
  /** The group handover day it is on, if any. */
  handoverEventId: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  /** When a handover recorded by mistake was taken back, and why (the allocation is reserved again). */
  handoverCancelledAt: string | null;
  handoverCancelReason: string | null;
  /** A signature was drawn at the handover (served as `signature.png`). */
  hasSignature: boolean;
  loan: Loan | null;
  createdAt: string;
  updatedAt: string;
}

/** A ready device the programme's owner may allocate (its stock or a refurbisher partner's). */
export interface AvailableDevice {
  id: string;
  assetTag: string;
  type: string;
  brand: string | null;
  model: string | null;
  grade: string | null;
  organisationId: string;
}

/** A person of the waiting list with the first free ready device of the type they need (`device: null`: none). */
export interface Suggestion {
  referralId: string;
  beneficiaryId: string;
  beneficiaryName: string | null;
  position: number;
  deviceNeed: string | null;
  accessibilityNeeds: boolean;
  device: AvailableDevice | null;
}

/** A group handover day, as listed. */
export interface HandoverEventSummary {
  id: string;
  programmeId: string;
  heldOn: string;
  place: string | null;
  title: string | null;
  completedAt: string | null;
  createdAt: string;
}

/** A group handover day with the handovers on its list. */
export interface HandoverEvent extends HandoverEventSummary {
  allocations: (Allocation & { beneficiaryName: string | null })[];
}

export interface EventHandoverInput {
  payments?: { allocationId: string; amountCents: number; method: PaymentMethod; note?: string | null }[];
  signedOnPaper?: boolean;
}

export const TICKET_STATUSES = ['open', 'in_progress', 'waiting_part', 'resolved'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** A maintenance ticket on a handed-over device. */
export interface Ticket {
  id: string;
  allocationId: string;
  programmeId: string;
  beneficiaryId: string;
  deviceId: string;
  assetTag: string;
  description: string;
  status: TicketStatus;
  resolution: string | null;
  swappedForDeviceId: string | null;
  /** Reported by the borrower through the loan's link, without an account. */
  reportedByBorrower: boolean;
  /** How the borrower asks to be reached (their words). */
  borrowerContact: string | null;
  /** What the caller may do: move it on, swap its device (the programme owner's staff only). */
  can: { update: boolean; swap: boolean };
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
}

export interface TicketQuery {
  status?: TicketStatus;
  programmeId?: string;
  limit?: number;
  cursor?: string;
}

/** An internet-access aid granted to a person in a programme. */
export interface InternetAidGrant {
  id: string;
  programmeId: string;
  beneficiaryId: string;
  amountCents: number;
  months: number;
  grantedOn: string;
  provider: string | null;
  proofReceived: boolean;
  funderId: string | null;
  createdAt: string;
}

export interface InternetAidInput {
  programmeId: string;
  beneficiaryId: string;
  amountCents: number;
  months: number;
  grantedOn?: string;
  provider?: string | null;
  proofReceived?: boolean;
  funderId?: string | null;
}

export interface InternetAidQuery {
  programmeId?: string;
  beneficiaryId?: string;
  limit?: number;
  cursor?: string;
}

/** Internet aids granted over a period, in all, by programme and by funder. */
export interface InternetAidTotals {
  count: number;
  totalCents: number;
  byProgramme: { programmeId: string; programmeName: string; count: number; totalCents: number }[];
  byFunder: { funderId: string | null; funderName: string | null; count: number; totalCents: number }[];
}

/** What the borrower's public report page shows (no account). */
export interface PublicLoan {
  organisationName: string;
  programmeName: string;
  assetTag: string;
  deviceType: string;
  dueOn: string;
  tickets: { createdAt: string; status: TicketStatus }[];
}

export interface AllocationQuery {
  programmeId?: string;
  beneficiaryId?: string;
  status?: AllocationStatus;
  limit?: number;
  cursor?: string;
}

export interface HandoverInput {
  handedOverOn?: string;
  payment?: { amountCents: number; method: PaymentMethod; note?: string | null };
  signedOnPaper?: boolean;
  /** A drawn signature, as a `data:image/png;base64,…` URL. */
  signature?: string;
}

export interface LoanQuery {
  overdue?: boolean;
  programmeId?: string;
  beneficiaryId?: string;
  limit?: number;
  cursor?: string;
}

const enc = encodeURIComponent;

function withSignal(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}

/** The calls of the distribution pieces (programme page, loans page). */
export const distributionApi = {
  availableDevices: (programmeId: string, type: DeviceType | undefined, signal?: AbortSignal) =>
    request<{ items: AvailableDevice[] }>(`/programmes/${enc(programmeId)}/available-devices`, {
      query: { type, limit: 500 },
      ...withSignal(signal),
    }),
  allocations: (query: AllocationQuery, signal?: AbortSignal) =>
    request<Page<Allocation>>('/allocations', { query: { ...query }, ...withSignal(signal) }),
  allocate: (input: { programmeId: string; beneficiaryId: string; deviceId: string }) =>
    request<Allocation>('/allocations', { method: 'POST', body: input }),
  handOver: (id: string, input: HandoverInput) =>
    request<Allocation>(`/allocations/${enc(id)}/handover`, { method: 'POST', body: input }),
  cancel: (id: string, reason: string) =>
    request<Allocation>(`/allocations/${enc(id)}/cancellation`, { method: 'POST', body: { reason } }),
  cancelHandover: (id: string, reason: string) =>
    request<Allocation>(`/allocations/${enc(id)}/handover-cancellation`, {
      method: 'POST',
      body: { reason },
    }),
  suggestions: (programmeId: string, signal?: AbortSignal) =>
    request<{ items: Suggestion[] }>(`/programmes/${enc(programmeId)}/suggestions`, {
      query: { limit: 500 },
      ...withSignal(signal),
    }),
  handoverEvents: (programmeId: string, signal?: AbortSignal) =>
    request<{ items: HandoverEventSummary[] }>(`/programmes/${enc(programmeId)}/handover-events`, {
      ...withSignal(signal),
    }),
  handoverEvent: (id: string, signal?: AbortSignal) =>
    request<HandoverEvent>(`/handover-events/${enc(id)}`, { ...withSignal(signal) }),
  createHandoverEvent: (input: {
    programmeId: string;
    heldOn: string;
    place?: string | null;
    title?: string | null;
  }) => request<HandoverEvent>('/handover-events', { method: 'POST', body: input }),
  attachToEvent: (id: string, allocationIds: string[]) =>
    request<HandoverEvent>(`/handover-events/${enc(id)}/allocations`, {
      method: 'POST',
      body: { allocationIds },
    }),
  detachFromEvent: (id: string, allocationId: string) =>
    request<HandoverEvent>(`/handover-events/${enc(id)}/allocations/${enc(allocationId)}`, {
      method: 'DELETE',
    }),
  completeEvent: (id: string, input: EventHandoverInput) =>
    request<HandoverEvent>(`/handover-events/${enc(id)}/handover`, { method: 'POST', body: input }),
  loans: (query: LoanQuery, signal?: AbortSignal) =>
    request<Page<Loan>>('/loans', {
      query: { ...query, overdue: query.overdue ? 'true' : undefined },
      ...withSignal(signal),
    }),
  renew: (id: string) => request<Loan>(`/loans/${enc(id)}/renewal`, { method: 'POST' }),
  returnLoan: (id: string, input: { condition?: string | null; returnedOn?: string }) =>
    request<Loan>(`/loans/${enc(id)}/return`, { method: 'POST', body: input }),
  reportLink: (id: string) => request<{ url: string }>(`/loans/${enc(id)}/report-link`, { method: 'POST' }),

  internetAids: (query: InternetAidQuery, signal?: AbortSignal) =>
    request<Page<InternetAidGrant>>('/internet-aids', { query: { ...query }, ...withSignal(signal) }),
  grantInternetAid: (input: InternetAidInput) =>
    request<InternetAidGrant>('/internet-aids', { method: 'POST', body: input }),
  internetAidTotals: (query: { programmeId?: string; from?: string; to?: string }, signal?: AbortSignal) =>
    request<InternetAidTotals>('/internet-aids/totals', { query: { ...query }, ...withSignal(signal) }),

  tickets: (query: TicketQuery, signal?: AbortSignal) =>
    request<Page<Ticket>>('/tickets', { query: { ...query }, ...withSignal(signal) }),
  openTicket: (input: { allocationId: string; description: string }) =>
    request<Ticket>('/tickets', { method: 'POST', body: input }),
  updateTicket: (id: string, input: { status: TicketStatus; resolution?: string | null }) =>
    request<Ticket>(`/tickets/${enc(id)}`, { method: 'PATCH', body: input }),
  swapDevice: (id: string, input: { deviceId: string; resolution?: string | null }) =>
    request<Ticket>(`/tickets/${enc(id)}/swap`, { method: 'POST', body: input }),

  publicLoan: (token: string, signal?: AbortSignal) =>
    request<PublicLoan>(`/public/loans/${enc(token)}`, { public: true, ...withSignal(signal) }),
  publicReport: (token: string, input: { description: string; contact?: string; website: string }) =>
    request<{ createdAt: string; status: TicketStatus }>(`/public/loans/${enc(token)}/tickets`, {
      method: 'POST',
      body: input,
      public: true,
    }),
};

/** The drawn signature of a handover, as a PNG (sent with the session cookie). */
export function signatureUrl(allocationId: string): string {
  return `/api/v1/allocations/${enc(allocationId)}/signature.png`;
}
