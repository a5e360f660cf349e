/**
 * The API of reports (`docs/api.md`, "Beyond the core: reports" and "network, funder and donor reports"):
 * the programme report, the funder report, the donor's yearly summary, the network dashboard and the
 * network's members. The reply types are the server's own (type-only imports: nothing of the server
 * ships), so a change on either side fails to compile. Money is in integer cents; days are `YYYY-MM-DD`.
 */
import type { DonorSummary } from '../modules/reports/donor-types.ts';
import type { FunderReport } from '../modules/reports/funder-types.ts';
import type {
  NetworkDashboard,
  NetworkMember,
  NetworkMembershipOfOrganisation,
  PeopleCount,
} from '../modules/reports/network-types.ts';
import type { ProgrammeReport } from '../modules/reports/programme-report.ts';
import { ApiError, request } from './api.ts';
import { i18n } from './i18n/index.ts';

export type {
  DonorSummary,
  FunderReport,
  NetworkDashboard,
  NetworkMember,
  NetworkMembershipOfOrganisation,
  PeopleCount,
  ProgrammeReport,
};

/** What the API sends instead of a count of 1 to 4 people. */
export const SMALL_COUNT = '<5';

/** Inclusive calendar days; either end left out takes the server's default. */
export interface Period {
  from?: string | undefined;
  to?: string | undefined;
}

const enc = encodeURIComponent;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export const reportsApi = {
  programmeReport: (id: string, period: Period, signal?: AbortSignal) =>
    request<ProgrammeReport>(`/reports/programmes/${enc(id)}`, {
      query: { from: period.from, to: period.to },
      ...withSignal(signal),
    }),
  funderReport: (organisationId: string, period: Period, signal?: AbortSignal) =>
    request<FunderReport>(`/reports/funders/${enc(organisationId)}`, {
      query: { from: period.from, to: period.to },
      ...withSignal(signal),
    }),
  donorSummary: (organisationId: string, year: number | undefined, signal?: AbortSignal) =>
    request<DonorSummary>(`/reports/donors/${enc(organisationId)}/summary`, {
      query: { year },
      ...withSignal(signal),
    }),
  networkDashboard: (coordinatorId: string, period: Period, signal?: AbortSignal) =>
    request<NetworkDashboard>('/reports/network', {
      query: { coordinatorOrganisationId: coordinatorId, from: period.from, to: period.to },
      ...withSignal(signal),
    }),
  networkMembers: (coordinatorId: string, signal?: AbortSignal) =>
    request<{ items: NetworkMember[] }>(`/networks/${enc(coordinatorId)}/members`, withSignal(signal)),
  /** Records the agreement of the caller's side (the coordinator's administrators invite). */
  agreeToMembership: (coordinatorId: string, organisationId: string) =>
    request<NetworkMember>(`/networks/${enc(coordinatorId)}/members/${enc(organisationId)}`, {
      method: 'PUT',
    }),
  removeMember: (coordinatorId: string, organisationId: string) =>
    request<void>(`/networks/${enc(coordinatorId)}/members/${enc(organisationId)}`, { method: 'DELETE' }),
  networksOf: (organisationId: string, signal?: AbortSignal) =>
    request<{ items: NetworkMembershipOfOrganisation[] }>('/networks', {
      query: { organisationId },
      ...withSignal(signal),
    }),
};

function fileAddress(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return `/api/v1${path}${text ? `?${text}` : ''}`;
}

/** Addresses of the reports' files (fetched by `downloadFile`, so they come in the interface's language). */
export const reportFiles = {
  programme: (id: string, format: 'pdf' | 'xlsx' | 'csv', period: Period) =>
    fileAddress(`/reports/programmes/${enc(id)}.${format}`, { from: period.from, to: period.to }),
  programmeOpenData: (id: string, period: Period) =>
    fileAddress(`/reports/programmes/${enc(id)}/open-data.csv`, { from: period.from, to: period.to }),
  funder: (organisationId: string, format: 'pdf' | 'xlsx' | 'csv', period: Period) =>
    fileAddress(`/reports/funders/${enc(organisationId)}.${format}`, { from: period.from, to: period.to }),
  donor: (organisationId: string, format: 'pdf' | 'csv', year: number) =>
    fileAddress(`/reports/donors/${enc(organisationId)}/summary.${format}`, { year }),
  network: (coordinatorId: string, format: 'pdf' | 'csv', period: Period) =>
    fileAddress(`/reports/network.${format}`, {
      coordinatorOrganisationId: coordinatorId,
      from: period.from,
      to: period.to,
    }),
};

function fileName(disposition: string | null, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(disposition ?? '');
  return match?.[1] ?? fallback;
}

/**
 * Fetches a report file in the interface's language (a plain link would carry the browser's) and hands
 * it to the browser as a download. Rejects with an {@link ApiError} when the server refuses.
 */
export async function downloadFile(address: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(address, {
      credentials: 'same-origin',
      headers: { 'Accept-Language': i18n.language || 'fr' },
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: 'NETWORK',
      title: i18n.t('errors.networkTitle'),
      detail: i18n.t('errors.network'),
    });
  }
  if (!response.ok) {
    let detail = i18n.t('errors.unexpectedStatus', { status: response.status });
    try {
      const body = (await response.json()) as { detail?: string };
      if (body.detail) detail = body.detail;
    } catch {
      // Not a problem document: keep the generic message.
    }
    throw new ApiError({ status: response.status, code: 'UNKNOWN', title: response.statusText, detail });
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName(response.headers.get('content-disposition'), fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the address is revoked.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
