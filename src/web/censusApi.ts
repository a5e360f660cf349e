/**
 * The API of the needs census (`docs/api.md`, "The needs census"): the public page and its form, the
 * owner's settings, the needs with their counts, and the one-click referral.
 */
import type * as Server from '../modules/census/schema.ts';
import { ApiError, type Page, request } from './api.ts';
import type { DeviceNeed, EligibilityRules, TargetGroup } from './peopleApi.ts';

export const NEED_STATUSES = ['registered', 'referred', 'withdrawn'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const NEED_SOURCES = ['public', 'prescriber'] as const;
export type NeedSource = (typeof NEED_SOURCES)[number];

// Fails to compile if the server's vocabularies and ours drift apart (type-only: nothing of the server ships).
type Same<A, B> = [A, B] extends [B, A] ? true : never;
const _same: [Same<NeedStatus, Server.NeedStatus>, Same<NeedSource, Server.NeedSource>] = [true, true];
void _same;

export const CENSUS_LIMITS = { reasonMax: 500, introductionMax: 2000 } as const;

export interface CensusSettings {
  programmeId: string;
  publicOpen: boolean;
  closesOn: string | null;
  introduction: string | null;
  publicUrl: string;
  takesNeeds: boolean;
  can: { manage: boolean };
}

export interface PublicCensus {
  programmeId: string;
  programmeName: string;
  organisationName: string;
  towns: string[];
  kinds: ('person' | 'association')[];
  introduction: string | null;
  startsOn: string;
  closesOn: string | null;
  open: true;
}

export interface NeedInput {
  kind: 'person' | 'association';
  targetGroup?: TargetGroup | null;
  deviceNeed: DeviceNeed;
  reason?: string | null;
  town: string;
  postcode?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  associationName?: string | null;
  email?: string | null;
  phone?: string | null;
  consent?: boolean;
}

export interface Need {
  id: string;
  programmeId: string;
  source: NeedSource;
  registeredByOrganisationId: string | null;
  registeredByOrganisationName: string | null;
  kind: 'person' | 'association';
  targetGroup: TargetGroup | null;
  deviceNeed: DeviceNeed;
  reason: string | null;
  town: string;
  postcode: string | null;
  named: boolean;
  personalVisible: boolean;
  firstName: string | null;
  lastName: string | null;
  associationName: string | null;
  email: string | null;
  phone: string | null;
  consentGivenAt: string | null;
  status: NeedStatus;
  beneficiaryId: string | null;
  referralId: string | null;
  convertedAt: string | null;
  createdAt: string;
  can: { complete: boolean; refer: boolean; withdraw: boolean };
}

export interface Count {
  key: string;
  count: number;
}

export interface NeedSummary {
  total: number;
  byTown: Count[];
  byTargetGroup: Count[];
  byDeviceNeed: Count[];
  byKind: Count[];
  bySource: Count[];
  byStatus: Count[];
}

export interface NeedFilters {
  status?: NeedStatus;
  source?: NeedSource;
  town?: string;
  targetGroup?: TargetGroup;
  deviceNeed?: DeviceNeed;
  q?: string;
  limit?: number;
  cursor?: string;
}

/** A record of the need's holder that looks like the person (a referral's 409 lists them). */
export interface DuplicateChoice {
  id: string;
  displayName: string | null;
  birthYear: number | null;
  city: string | null;
}

/** The lookalike records a refused referral lists, or null when the error is another one. */
export function duplicatesOf(error: unknown): DuplicateChoice[] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const list = error.extra.possibleDuplicates;
  return Array.isArray(list) && list.length > 0 ? (list as DuplicateChoice[]) : null;
}

export interface Conversion {
  need: Need;
  beneficiaryId: string;
  referral: {
    id: string;
    status: string;
    eligibility: { eligible: boolean; reasons: { code: string; message: string }[] };
  };
  /** What to check on the record (the need's e-mail or phone differs from the record's, which is kept). */
  notices: { code: string; message: string }[];
}

export const MISSING_FACTS = [
  'incomeSituation',
  'familyQuotient',
  'birthYear',
  'postcode',
  'priorityZone',
] as const;
export type MissingFact = (typeof MISSING_FACTS)[number];

/**
 * The facts the programme's eligibility rules will ask about the person that a need cannot give (the
 * census asks only the town, postcode, group and device): the referral is « Non éligible » until they are
 * on the person's record. Mirrors the server's evaluation (criteria about a person skip an association).
 */
export function missingFacts(rules: EligibilityRules, need: Pick<Need, 'kind' | 'postcode'>): MissingFact[] {
  const person = need.kind === 'person';
  const missing: MissingFact[] = [];
  if (person && rules.incomeSituations?.length) missing.push('incomeSituation');
  if (person && rules.maxFamilyQuotientCents !== undefined) missing.push('familyQuotient');
  if (person && (rules.minAge !== undefined || rules.maxAge !== undefined)) missing.push('birthYear');
  if (rules.postcodes?.length && !need.postcode) missing.push('postcode');
  if (rules.priorityZoneRequired) missing.push('priorityZone');
  return missing;
}

const enc = encodeURIComponent;

function withSignal(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}

function queryOf(filters: NeedFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The calls of the census pages. */
export const censusApi = {
  settings: (programmeId: string, signal?: AbortSignal) =>
    request<CensusSettings>(`/programmes/${enc(programmeId)}/census-settings`, withSignal(signal)),
  saveSettings: (
    programmeId: string,
    input: { publicOpen: boolean; closesOn: string | null; introduction: string | null },
  ) =>
    request<CensusSettings>(`/programmes/${enc(programmeId)}/census-settings`, {
      method: 'PUT',
      body: input,
    }),
  publicCensus: (programmeId: string, signal?: AbortSignal) =>
    request<PublicCensus>(`/public/programmes/${enc(programmeId)}/census`, {
      public: true,
      ...withSignal(signal),
    }),
  registerPublic: (programmeId: string, input: NeedInput & { website?: string }) =>
    request<{ received: true; named: boolean }>(`/public/programmes/${enc(programmeId)}/needs`, {
      method: 'POST',
      body: input,
      public: true,
    }),
  register: (programmeId: string, input: NeedInput & { registeredByOrganisationId?: string }) =>
    request<Need>(`/programmes/${enc(programmeId)}/needs`, { method: 'POST', body: input }),
  needs: (programmeId: string, filters: NeedFilters, signal?: AbortSignal) =>
    request<Page<Need>>(`/programmes/${enc(programmeId)}/needs${queryOf(filters)}`, withSignal(signal)),
  summary: (programmeId: string, signal?: AbortSignal) =>
    request<NeedSummary>(`/programmes/${enc(programmeId)}/needs/summary`, withSignal(signal)),
  complete: (needId: string, input: Partial<NeedInput>) =>
    request<Need>(`/needs/${enc(needId)}`, { method: 'PATCH', body: input }),
  withdraw: (needId: string) => request<Need>(`/needs/${enc(needId)}/withdraw`, { method: 'POST' }),
  refer: (needId: string, choice: { existingBeneficiaryId?: string; createNew?: boolean } = {}) =>
    request<Conversion>(`/needs/${enc(needId)}/referral`, { method: 'POST', body: choice }),
};
