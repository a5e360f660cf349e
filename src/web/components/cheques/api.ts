/**
 * The API of training cheques (`docs/api.md`, "Training cheques"): cheques recorded at a session, an
 * organisation's cheques and their reconciliation, batches sent for reimbursement. Days are `YYYY-MM-DD`,
 * money in cents.
 */
import type * as Server from '../../../modules/cheques/schema.ts';
import type { Me, Page } from '../../api.ts';
import { request } from '../../api.ts';

export const CHEQUE_ISSUERS = ['pass_numerique', 'regional', 'other'] as const;
export type ChequeIssuer = (typeof CHEQUE_ISSUERS)[number];
type Same<A, B> = [A, B] extends [B, A] ? true : never;
const _same: Same<ChequeIssuer, Server.ChequeIssuer> = true;
void _same;

export const CHEQUE_FILTERS = ['pending', 'expiring', 'expired', 'sent', 'reimbursed', 'rejected'] as const;
export type ChequeFilter = (typeof CHEQUE_FILTERS)[number];
export type ChequeStatus = 'pending' | 'sent' | 'reimbursed' | 'rejected';

export const PASS_VALUE_CENTS = 1000;

export interface Cheque {
  id: string;
  organisationId: string;
  issuer: ChequeIssuer;
  issuerName: string | null;
  number: string;
  valueCents: number;
  receivedOn: string;
  expiresOn: string;
  status: ChequeStatus;
  expiry: 'expired' | 'expiring' | null;
  daysLeft: number;
  sessionId: string | null;
  sessionStartsAt: string | null;
  workshopId: string | null;
  workshopTitle: string | null;
  beneficiaryId: string | null;
  personName: string | null;
  batchId: string | null;
  batchSentOn: string | null;
  batchReference: string | null;
  rejectedReason: string | null;
  can: { edit: boolean; delete: boolean };
}

export interface ChequeBatch {
  id: string;
  organisationId: string;
  issuer: ChequeIssuer;
  issuerName: string | null;
  sentOn: string;
  reference: string | null;
  note: string | null;
  reimbursedOn: string | null;
  reimbursedCents: number | null;
  chequeCount: number;
  sentCents: number;
  rejectedCount: number;
  rejectedCents: number;
  acceptedCents: number;
  can: { reimburse: boolean };
}

export interface ChequeBatchDetail extends ChequeBatch {
  cheques: Cheque[];
}

export interface Tally {
  count: number;
  cents: number;
}

export interface ChequeFigures {
  issuer: ChequeIssuer;
  received: Tally;
  pending: Tally;
  sent: Tally;
  awaiting: Tally;
  rejected: Tally;
  reimbursedCents: number;
  expiring: Tally;
  expired: Tally;
}

export interface ChequeSummary {
  today: string;
  byIssuer: ChequeFigures[];
  total: Omit<ChequeFigures, 'issuer'>;
}

export interface ChequeQuery {
  status?: ChequeFilter | undefined;
  issuer?: ChequeIssuer | undefined;
  q?: string | undefined;
  limit?: number;
  cursor?: string;
}

export interface RecordChequesBody {
  beneficiaryId: string;
  issuer: ChequeIssuer;
  issuerName?: string | null;
  numbers: string[];
  valueCents?: number;
  expiresOn: string;
}

const enc = encodeURIComponent;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export const chequesApi = {
  sessionCheques: (sessionId: string, signal?: AbortSignal) =>
    request<Cheque[]>(`/sessions/${enc(sessionId)}/cheques`, withSignal(signal)),
  record: (sessionId: string, body: RecordChequesBody) =>
    request<{ items: Cheque[]; warnings: string[] }>(`/sessions/${enc(sessionId)}/cheques`, {
      method: 'POST',
      body,
    }),
  list: (organisationId: string, query: ChequeQuery, signal?: AbortSignal) =>
    request<Page<Cheque>>(`/organisations/${enc(organisationId)}/cheques`, {
      query: { ...query },
      ...withSignal(signal),
    }),
  summary: (organisationId: string, signal?: AbortSignal) =>
    request<ChequeSummary>(`/organisations/${enc(organisationId)}/cheque-summary`, withSignal(signal)),
  update: (id: string, body: { number?: string; expiresOn?: string; valueCents?: number }) =>
    request<Cheque>(`/cheques/${enc(id)}`, { method: 'PATCH', body }),
  remove: (id: string) => request<void>(`/cheques/${enc(id)}`, { method: 'DELETE' }),
  batches: (organisationId: string, query: { limit?: number; cursor?: string }, signal?: AbortSignal) =>
    request<Page<ChequeBatch>>(`/organisations/${enc(organisationId)}/cheque-batches`, {
      query: { ...query },
      ...withSignal(signal),
    }),
  batch: (id: string, signal?: AbortSignal) =>
    request<ChequeBatchDetail>(`/cheque-batches/${enc(id)}`, withSignal(signal)),
  createBatch: (
    organisationId: string,
    body: { issuer: ChequeIssuer; chequeIds: string[]; sentOn?: string; reference?: string | null },
  ) =>
    request<ChequeBatchDetail>(`/organisations/${enc(organisationId)}/cheque-batches`, {
      method: 'POST',
      body,
    }),
  reimburse: (
    id: string,
    body: { reimbursedOn: string; reimbursedCents: number; rejected: { chequeId: string; reason: string }[] },
  ) => request<ChequeBatchDetail>(`/cheque-batches/${enc(id)}/reimbursement`, { method: 'POST', body }),
};

/** Roles that read the cheques, record them at a session, and send batches (as the server decides). */
const READERS = ['admin', 'manager', 'trainer', 'viewer'];
const RECORDERS = ['admin', 'manager', 'trainer'];
const BATCHERS = ['admin', 'manager'];

function roleIn(me: Me | null, organisationId: string, roles: string[]): boolean {
  if (!me) return false;
  if (me.user.isPlatformAdmin) return true;
  return me.memberships.some((m) => m.organisation.id === organisationId && roles.includes(m.role));
}

export const canReadCheques = (me: Me | null, organisationId: string) => roleIn(me, organisationId, READERS);
export const canRecordCheques = (me: Me | null, organisationId: string) =>
  roleIn(me, organisationId, RECORDERS);
export const canBatchCheques = (me: Me | null, organisationId: string) =>
  roleIn(me, organisationId, BATCHERS);

/** The organisations whose cheques the account reads. */
export function chequeOrganisations(me: Me | null) {
  return (me?.memberships ?? []).filter((m) => READERS.includes(m.role)).map((m) => m.organisation);
}

/** Numbers typed one per line, or separated by commas or semicolons. */
export function splitNumbers(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((n) => n.trim())
    .filter(Boolean);
}
