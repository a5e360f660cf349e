/**
 * The client for the Seconde Vie API (`/api/v1`): JSON in and out, the session cookie, the caller's
 * language, and `application/problem+json` errors turned into {@link ApiError}.
 */
import type { Role as ServerRole } from '../lib/actor.ts';
import {
  DEVICE_STATUSES,
  DEVICE_TYPES,
  type DeviceStatus,
  type DeviceType,
  GRADES,
  type Grade,
  ORGANISATION_KINDS,
  type OrganisationKind,
  STORAGE_TYPES,
  type StorageType,
} from '../lib/vocabulary.ts';
import type { MailStatus as ServerMailStatus } from '../modules/notifications/schema.ts';
import { i18n } from './i18n/index.ts';

export const ROLES = ['admin', 'manager', 'technician', 'social_worker', 'trainer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
// Fails to compile if the server's roles and ours drift apart.
const _sameRoles: [Role, ServerRole] extends [ServerRole, Role] ? true : never = true;
void _sameRoles;

export type { OrganisationKind };
export { ORGANISATION_KINDS };

export type Locale = 'fr' | 'en';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface User {
  id: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  locale: string;
  active: boolean;
}

/** An account as the platform administrators see it (`/users`). */
export interface Account extends User {
  disabled: boolean;
  createdAt: string;
}

export interface AccountQuery {
  q?: string;
  limit?: number;
  cursor?: string;
}

export interface AccountPatch {
  name?: string;
  isPlatformAdmin?: boolean;
  disabled?: boolean;
}

export interface OrganisationProfile {
  id: string;
  name: string;
  kinds: OrganisationKind[];
  siret: string | null;
  rna: string | null;
  postcode: string | null;
  city: string | null;
  createdAt: string;
}

export interface Organisation extends OrganisationProfile {
  myRole: Role | null;
  can: { update: boolean; readMembers: boolean; manageMembers: boolean };
  /** A logo is printed on its documents (`/organisations/{id}/logo`). */
  hasLogo: boolean;
}

export interface Membership {
  organisation: OrganisationProfile;
  role: Role;
}

export interface Me {
  user: User;
  memberships: Membership[];
}

export interface DemoAccount {
  email: string;
  password: string;
  name: string;
  role: Role | 'platform_admin';
  organisationName: string | null;
}

export interface Setup {
  hasUsers: boolean;
  demoAccounts: DemoAccount[] | null;
  /** The time zone the instance counts calendar days in, and its day now. */
  timeZone: string;
  today: string;
}

export interface Member {
  userId: string;
  organisationId: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  joinedAt: string;
}

export interface InvitationLink {
  url: string;
  expiresAt: string;
}

export interface AddedMember extends Member {
  invitation: InvitationLink | null;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiToken extends ApiToken {
  token: string;
}

export interface Invitation {
  email: string;
  name: string;
  organisationName: string;
  expiresAt: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorUserId: string | null;
  organisationId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  fields: string[];
  ip: string | null;
}

export interface OrganisationInput {
  name: string;
  kinds: OrganisationKind[];
  siret?: string | null;
  rna?: string | null;
  postcode?: string | null;
  city?: string | null;
}

export interface OrganisationQuery {
  q?: string;
  kind?: OrganisationKind;
  mine?: boolean;
  limit?: number;
  cursor?: string;
}

export interface AuditQuery {
  organisationId?: string;
  action?: string;
  entityType?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/** The outbox's statuses (`GET /outbox`): to send, sent, given up, or kept here without SMTP_URL. */
export const MAIL_STATUSES = ['stored', 'pending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
// Fails to compile if the server's statuses and ours drift apart.
const _sameMailStatuses: [MailStatus, ServerMailStatus] extends [ServerMailStatus, MailStatus]
  ? true
  : never = true;
void _sameMailStatuses;

/** An e-mail the application wrote, as the outbox lists it. */
export interface MailSummary {
  id: string;
  organisationId: string | null;
  toAddress: string;
  template: string;
  locale: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  createdAt: string;
  sentAt: string | null;
}

/** One e-mail with its bodies (`htmlBody` is never shown as HTML). */
export interface Mail extends MailSummary {
  textBody: string;
  htmlBody: string;
}

export interface OutboxQuery {
  status?: MailStatus;
  organisationId?: string;
  limit?: number;
  cursor?: string;
}

// ---- Inventory -----------------------------------------------------------------------------------

export type { DeviceStatus, DeviceType, Grade, StorageType };
export { DEVICE_STATUSES, DEVICE_TYPES, GRADES, STORAGE_TYPES };
export const ERASURE_LEVELS = ['clear', 'purge', 'destroy'] as const;
export type ErasureLevel = (typeof ERASURE_LEVELS)[number];
export const LABEL_LAYOUTS = ['a4-3x8', 'roll-62mm'] as const;
export type LabelLayout = (typeof LABEL_LAYOUTS)[number];

export interface Donation {
  id: string;
  donorOrganisationId: string;
  refurbisherOrganisationId: string;
  /** A calendar day, YYYY-MM-DD. */
  receivedOn: string;
  pickupAddress: string | null;
  declaredCount: number | null;
  note: string | null;
  createdAt: string;
  /** The parties' names and the devices recorded (sent by newer servers: they spare a call each). */
  donorName?: string;
  refurbisherName?: string;
  deviceCount?: number;
}

export interface DonationDetail extends Donation {
  deviceCounts: Partial<Record<DeviceStatus, number>>;
  can: { addDevices: boolean };
}

export interface DonationInput {
  donorOrganisationId: string;
  refurbisherOrganisationId: string;
  receivedOn?: string;
  pickupAddress?: string;
  declaredCount?: number;
  note?: string;
}

/** What is known of a device, as people enter it (intake form, import file). */
export interface DeviceFields {
  brand?: string;
  model?: string;
  serialNumber?: string;
  cpu?: string;
  ramGb?: number;
  storageGb?: number;
  storageType?: StorageType;
  screenSizeInches?: number;
  batteryHealthPercent?: number;
  weightKg?: number;
  notes?: string;
}

export interface DeviceInput extends DeviceFields {
  type: DeviceType;
  donationId?: string;
  organisationId?: string;
  locationId?: string;
}

export type DevicePatch = { [K in keyof DeviceFields]?: DeviceFields[K] | null } & {
  osImage?: string | null;
  grade?: Grade | null;
  partsReplaced?: string | null;
  qualityCheckPassed?: boolean | null;
  locationId?: string | null;
};

export interface Device {
  id: string;
  assetTag: string;
  organisationId: string;
  donationId: string | null;
  type: DeviceType;
  status: DeviceStatus;
  brand: string | null;
  model: string | null;
  serialNumber: string | null;
  cpu: string | null;
  ramGb: number | null;
  storageGb: number | null;
  storageType: StorageType | null;
  screenSizeInches: number | null;
  batteryHealthPercent: number | null;
  weightKg: number | null;
  osImage: string | null;
  grade: Grade | null;
  partsReplaced: string | null;
  qualityCheckPassed: boolean | null;
  notes: string | null;
  locationId: string | null;
  certificateNumber: string | null;
  createdAt: string;
  updatedAt: string;
  can: { edit: boolean; recordErasure: boolean };
}

export interface DeviceEvent {
  id: string;
  at: string;
  kind: 'received' | 'status' | 'updated' | 'erasure' | 'moved';
  fromStatus: DeviceStatus | null;
  toStatus: DeviceStatus | null;
  locationId: string | null;
  locationName: string | null;
  note: string | null;
  changes: Record<string, { from: unknown; to: unknown }> | null;
  actorName: string | null;
}

export interface Erasure {
  id: string;
  method: string;
  level: ErasureLevel | null;
  tool: string | null;
  toolVersion: string | null;
  passes: number | null;
  verified: boolean;
  result: 'passed' | 'failed';
  diskSerial: string | null;
  diskModel: string | null;
  storageType: string | null;
  capacityGb: number | null;
  operatorName: string | null;
  startedAt: string | null;
  performedAt: string;
}

export interface DeviceDetail extends Device {
  /** Newest first. */
  events: DeviceEvent[];
  erasures: Erasure[];
}

export interface ErasureInput {
  method: string;
  level?: ErasureLevel;
  tool?: string;
  toolVersion?: string;
  passes?: number;
  verified: boolean;
  result: 'passed' | 'failed';
  diskSerial?: string;
  diskModel?: string;
  storageType?: StorageType;
  capacityGb?: number;
  operatorName?: string;
  startedAt?: string;
  performedAt?: string;
}

export interface CreatedErasure extends Erasure {
  certificateNumber: string;
}

export interface DeviceQuery {
  organisationId?: string;
  status?: DeviceStatus[];
  type?: DeviceType[];
  grade?: Grade[];
  donationId?: string;
  locationId?: string;
  q?: string;
  sort?: 'assetTag' | '-assetTag';
  limit?: number;
  cursor?: string;
}

export interface StockSummary {
  total: number;
  byStatus: Partial<Record<DeviceStatus, number>>;
  byType: Partial<Record<DeviceType, number>>;
  /** By grade, and `none` for devices not graded yet. */
  byGrade: Partial<Record<Grade | 'none', number>>;
}

export interface StatusChange {
  status: DeviceStatus;
  expectedStatus?: DeviceStatus;
  note?: string;
  locationId?: string;
}

export interface StockLocation {
  id: string;
  organisationId: string;
  name: string;
  description: string | null;
  archivedAt: string | null;
  createdAt: string;
}

/** The answer to an import's dry run: how many rows, the first ones as read, and every problem. */
export interface ImportPreview {
  rows: number;
  preview: Record<string, unknown>[];
  /** `path` is `row 17.serialNumber`, `header` or `file`. */
  errors: FieldProblem[];
}

export interface DonationReportDevice {
  id: string;
  assetTag: string;
  type: DeviceType;
  status: DeviceStatus;
  erasure: { result: 'passed' | 'failed'; certificateNumber: string | null } | null;
  /** Where the device went; null while it is not reused. */
  fate: { programmeId: string; programmeName: string; mode: 'sale' | 'loan' | 'donation' } | null;
}

export interface DonationReport {
  donation: Pick<
    Donation,
    'id' | 'receivedOn' | 'donorOrganisationId' | 'refurbisherOrganisationId' | 'declaredCount' | 'note'
  > & { donorName: string; refurbisherName: string };
  devices: DonationReportDevice[];
  summary: {
    received: number;
    reused: number;
    recycled: number;
    inStock: number;
    lost: number;
    co2eAvoidedKg: number;
    weeeAvoidedKg: number;
  };
}

/** Devices sent together to a recycler (WEEE): one line of the waste register. */
export interface RecyclingBatch {
  id: string;
  organisationId: string;
  /** A calendar day, YYYY-MM-DD. */
  shippedOn: string;
  recyclerName: string;
  recyclerSiret: string | null;
  ecoOrganisme: string | null;
  ecoOrganismeSiren: string | null;
  trackingNumber: string | null;
  wasteCode: string;
  weightKg: number;
  deviceCount: number;
  note: string | null;
  createdAt: string;
}

export interface RecyclingBatchInput {
  organisationId?: string;
  shippedOn?: string;
  recyclerName: string;
  recyclerSiret?: string;
  ecoOrganisme?: string;
  ecoOrganismeSiren?: string;
  trackingNumber?: string;
  wasteCode?: string;
  /** The weighed total; without it the server adds up the devices' weights. */
  weightKg?: number;
  note?: string;
  /** Devices marked `to_recycle`; a refusal names them `deviceIds.N`. */
  deviceIds: string[];
}

/** Shipping days, both included. */
export interface RecyclingQuery {
  organisationId?: string;
  from?: string;
  to?: string;
}

export interface FieldProblem {
  path: string;
  message: string;
}

/** An error reply from the API, or a network failure (status 0). Messages come translated. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly type: string;
  readonly errors: FieldProblem[];
  /** The problem's other members, when a route adds some (e.g. the choices a 409 offers). */
  readonly extra: Record<string, unknown>;

  constructor(fields: {
    status: number;
    code: string;
    title: string;
    detail: string;
    type?: string;
    errors?: FieldProblem[];
    extra?: Record<string, unknown>;
  }) {
    super(fields.detail);
    this.name = 'ApiError';
    this.status = fields.status;
    this.code = fields.code;
    this.title = fields.title;
    this.detail = fields.detail;
    this.type = fields.type ?? 'about:blank';
    this.errors = fields.errors ?? [];
    this.extra = fields.extra ?? {};
  }

  /** Field errors keyed by their first path segment (`kinds.0` → `kinds`), as forms name their fields. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const error of this.errors) {
      const name = error.path.split('.')[0] || '';
      if (name && !(name in out)) out[name] = error.message;
    }
    return out;
  }
}

/** Whether an exception is the abort of a request whose answer nobody waits for any more. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

let onUnauthorized: (() => void) | null = null;

/** What to do when a call that needs a session is refused with 401 (the session ended). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

type Query = Record<string, string | number | boolean | undefined | null>;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  /** A call that works without a session: a 401 is an answer, not a sign the session ended. */
  public?: boolean;
  signal?: AbortSignal;
}

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function problemOf(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<{
        type: string;
        title: string;
        status: number;
        detail: string;
        code: string;
        errors: FieldProblem[];
      }>;
      return new ApiError({
        status: body.status ?? response.status,
        code: body.code ?? 'UNKNOWN',
        title: body.title ?? response.statusText,
        detail: body.detail ?? body.title ?? i18n.t('errors.unexpected'),
        ...(body.type ? { type: body.type } : {}),
        ...(Array.isArray(body.errors) ? { errors: body.errors } : {}),
        extra: body as Record<string, unknown>,
      });
    } catch {
      // Not the JSON it said it was: fall through to a generic message.
    }
  }
  return new ApiError({
    status: response.status,
    code: 'UNKNOWN',
    title: response.statusText,
    detail: i18n.t('errors.unexpectedStatus', { status: response.status }),
  });
}

/** One call to the API. Resolves with the parsed JSON (or undefined for 204), rejects with ApiError. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': i18n.language || 'fr',
  };
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers,
  };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(withQuery(`/api/v1${path}`, options.query), init);
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError({
      status: 0,
      code: 'NETWORK',
      title: i18n.t('errors.networkTitle'),
      detail: i18n.t('errors.network'),
    });
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && !options.public) onUnauthorized?.();
    throw problem;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const enc = encodeURIComponent;

let setupInFlight: Promise<Setup> | null = null;

/** The API's routes, typed. */
export const api = {
  /** The instance's set-up; callers at the same moment (session, login page) share one request. */
  setup: (): Promise<Setup> => {
    setupInFlight ??= request<Setup>('/setup', { public: true }).finally(() => {
      setupInFlight = null;
    });
    return setupInFlight;
  },
  /** The current account, or null without a session (never redirects). */
  me: async (): Promise<Me | null> => {
    try {
      return await request<Me>('/me', { public: true });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  login: (email: string, password: string) =>
    request<Me>('/session', { method: 'POST', body: { email, password }, public: true }),
  logout: () => request<void>('/session', { method: 'DELETE', public: true }),
  logoutEverywhere: () => request<{ ended: number }>('/sessions', { method: 'DELETE' }),
  setLocale: (locale: Locale) => request<Me>('/me', { method: 'PATCH', body: { locale } }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>('/me/password', { method: 'PUT', body: { currentPassword, newPassword } }),

  tokens: (signal?: AbortSignal) =>
    request<Page<ApiToken>>('/tokens', { ...(signal ? { signal } : {}), query: { limit: 500 } }),
  createToken: (name: string) => request<CreatedApiToken>('/tokens', { method: 'POST', body: { name } }),
  revokeToken: (id: string) => request<ApiToken>(`/tokens/${enc(id)}`, { method: 'DELETE' }),

  invitation: (token: string, signal?: AbortSignal) =>
    request<Invitation>(`/invitations/${enc(token)}`, { public: true, ...(signal ? { signal } : {}) }),
  acceptInvitation: (token: string, password: string) =>
    request<Me>(`/invitations/${enc(token)}`, { method: 'POST', body: { password }, public: true }),

  accounts: (query: AccountQuery, signal?: AbortSignal) =>
    request<Page<Account>>('/users', { query: { ...query }, ...(signal ? { signal } : {}) }),
  updateAccount: (id: string, patch: AccountPatch) =>
    request<Account>(`/users/${enc(id)}`, { method: 'PATCH', body: patch }),

  organisations: (query: OrganisationQuery, signal?: AbortSignal) =>
    request<Page<OrganisationProfile>>('/organisations', {
      query: { ...query, mine: query.mine ? 'true' : undefined },
      ...(signal ? { signal } : {}),
    }),
  organisation: (id: string, signal?: AbortSignal) =>
    request<Organisation>(`/organisations/${enc(id)}`, signal ? { signal } : {}),
  createOrganisation: (input: OrganisationInput) =>
    request<Organisation>('/organisations', { method: 'POST', body: input }),
  updateOrganisation: (id: string, input: Partial<OrganisationInput>) =>
    request<Organisation>(`/organisations/${enc(id)}`, { method: 'PATCH', body: input }),
  setOrganisationLogo: (id: string, image: string) =>
    request<Organisation>(`/organisations/${enc(id)}/logo`, { method: 'PUT', body: { image } }),
  removeOrganisationLogo: (id: string) =>
    request<Organisation>(`/organisations/${enc(id)}/logo`, { method: 'DELETE' }),

  members: (organisationId: string, query: { limit?: number; cursor?: string }, signal?: AbortSignal) =>
    request<Page<Member>>(`/organisations/${enc(organisationId)}/members`, {
      query: { ...query },
      ...(signal ? { signal } : {}),
    }),
  addMember: (
    organisationId: string,
    input: { email: string; name: string; role: Role; password?: string },
  ) => request<AddedMember>(`/organisations/${enc(organisationId)}/members`, { method: 'POST', body: input }),
  changeRole: (organisationId: string, userId: string, role: Role) =>
    request<Member>(`/organisations/${enc(organisationId)}/members/${enc(userId)}`, {
      method: 'PATCH',
      body: { role },
    }),
  removeMember: (organisationId: string, userId: string) =>
    request<void>(`/organisations/${enc(organisationId)}/members/${enc(userId)}`, { method: 'DELETE' }),
  reinvite: (organisationId: string, userId: string) =>
    request<AddedMember>(`/organisations/${enc(organisationId)}/members/${enc(userId)}/invitation`, {
      method: 'POST',
    }),

  audit: (query: AuditQuery, signal?: AbortSignal) =>
    request<Page<AuditEntry>>('/audit', { query: { ...query }, ...(signal ? { signal } : {}) }),

  outbox: (query: OutboxQuery, signal?: AbortSignal) =>
    request<Page<MailSummary>>('/outbox', { query: { ...query }, ...(signal ? { signal } : {}) }),
  mail: (id: string, signal?: AbortSignal) => request<Mail>(`/outbox/${enc(id)}`, signal ? { signal } : {}),
  /** The periodic jobs' last turns and the e-mail queue (platform administrators: « Tâches »). */
  jobs: (signal?: AbortSignal) => request<JobsState>('/admin/jobs', signal ? { signal } : {}),

  loadDemo: () => request<{ accounts: DemoAccount[] }>('/demo', { method: 'POST' }),

  donations: (query: { organisationId?: string; limit?: number; cursor?: string }, signal?: AbortSignal) =>
    request<Page<Donation>>('/donations', { query: { ...query }, ...(signal ? { signal } : {}) }),
  donation: (id: string, signal?: AbortSignal) =>
    request<DonationDetail>(`/donations/${enc(id)}`, signal ? { signal } : {}),
  createDonation: (input: DonationInput) =>
    request<DonationDetail>('/donations', { method: 'POST', body: input }),
  donationReport: (id: string, signal?: AbortSignal) =>
    request<DonationReport>(`/reports/donations/${enc(id)}`, signal ? { signal } : {}),

  devices: (query: DeviceQuery, signal?: AbortSignal) =>
    request<Page<Device>>('/devices', { query: deviceQuery(query), ...(signal ? { signal } : {}) }),
  stockSummary: (query: DeviceQuery, signal?: AbortSignal) => {
    const { sort: _sort, limit: _limit, cursor: _cursor, ...filters } = query;
    return request<StockSummary>('/devices/summary', {
      query: deviceQuery(filters),
      ...(signal ? { signal } : {}),
    });
  },
  device: (id: string, signal?: AbortSignal) =>
    request<DeviceDetail>(`/devices/${enc(id)}`, signal ? { signal } : {}),
  deviceByTag: (tag: string, signal?: AbortSignal) =>
    request<Device>(`/devices/by-tag/${enc(tag)}`, signal ? { signal } : {}),
  createDevice: (input: DeviceInput) => request<Device>('/devices', { method: 'POST', body: input }),
  updateDevice: (id: string, patch: DevicePatch) =>
    request<Device>(`/devices/${enc(id)}`, { method: 'PATCH', body: patch }),
  changeStatus: (id: string, change: StatusChange) =>
    request<Device>(`/devices/${enc(id)}/status`, { method: 'POST', body: change }),
  changeStatuses: (ids: string[], change: StatusChange) =>
    request<{ items: Device[] }>('/devices/status', { method: 'POST', body: { ids, ...change } }),
  recordErasure: (id: string, input: ErasureInput) =>
    request<CreatedErasure>(`/devices/${enc(id)}/erasures`, { method: 'POST', body: input }),

  recyclingBatches: (query: RecyclingQuery, signal?: AbortSignal) =>
    request<Page<RecyclingBatch>>('/recycling-batches', {
      query: { ...query },
      ...(signal ? { signal } : {}),
    }),
  createRecyclingBatch: (input: RecyclingBatchInput) =>
    request<RecyclingBatch>('/recycling-batches', { method: 'POST', body: input }),

  locations: (query: { organisationId?: string; archived?: boolean }, signal?: AbortSignal) =>
    request<Page<StockLocation>>('/locations', {
      query: { organisationId: query.organisationId, archived: query.archived ? 'true' : undefined },
      ...(signal ? { signal } : {}),
    }),
  createLocation: (input: { organisationId?: string; name: string; description?: string }) =>
    request<StockLocation>('/locations', { method: 'POST', body: input }),
  updateLocation: (id: string, patch: { name?: string; description?: string | null; archived?: boolean }) =>
    request<StockLocation>(`/locations/${enc(id)}`, { method: 'PATCH', body: patch }),
};

function deviceQuery(query: DeviceQuery): Query {
  return {
    ...query,
    status: query.status?.join(','),
    type: query.type?.join(','),
    grade: query.grade?.join(','),
  };
}

/** Addresses of the documents the server makes (PDF, CSV): plain links, sent with the session cookie. */
export const documents = {
  donationSummaryPdf: (id: string) => `/api/v1/donations/${enc(id)}/summary.pdf`,
  donationReportPdf: (id: string) => `/api/v1/reports/donations/${enc(id)}.pdf`,
  donationReportCsv: (id: string) => `/api/v1/reports/donations/${enc(id)}.csv`,
  erasureCertificatePdf: (id: string) => `/api/v1/devices/${enc(id)}/erasure-certificate.pdf`,
  /** The chronological waste register (Code de l'environnement R541-43), as CSV. */
  wasteRegisterCsv: (query: RecyclingQuery) => withQuery('/api/v1/recycling/register.csv', { ...query }),
  /** A handover's document: receipt, loan agreement, donation certificate or attestation. */
  allocationDocumentPdf: (
    id: string,
    name: 'receipt' | 'loan-agreement' | 'donation-certificate' | 'handover-attestation',
  ) => `/api/v1/allocations/${enc(id)}/documents/${name}.pdf`,
  /** The sign-off sheet (feuille d'émargement) of a group handover day. */
  signOffSheetPdf: (eventId: string) => `/api/v1/handover-events/${enc(eventId)}/sign-off-sheet.pdf`,
  /** A funder's statement of subsidies over a period. */
  subsidyStatementPdf: (programmeId: string, funderId: string, from: string, to: string) =>
    withQuery(`/api/v1/programmes/${enc(programmeId)}/subsidy-statement.pdf`, {
      funderOrganisationId: funderId,
      from,
      to,
    }),
  labelsPdf: (ids: readonly string[], layout: LabelLayout, skip = 0) =>
    `/api/v1/devices/labels.pdf?ids=${ids.map(enc).join(',')}&layout=${enc(layout)}${skip > 0 ? `&skip=${skip}` : ''}`,
};

/** Import files may weigh up to 10 MB. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export type UploadPhase = 'uploading' | 'processing';

/**
 * Sends a device file (CSV or XLSX) for import into a donation, as the multipart field `file`. Uses
 * XMLHttpRequest rather than fetch for its upload progress: `onProgress(sent, total)` while the file
 * leaves, then `onPhase('processing')` while the server reads (and saves) it.
 */
export function uploadDeviceFile<T>(
  donationId: string,
  file: File,
  options: {
    dryRun: boolean;
    onProgress?: (sent: number, total: number) => void;
    onPhase?: (phase: UploadPhase) => void;
    signal?: AbortSignal;
  },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const url = withQuery('/api/v1/devices/import', {
      donationId,
      dryRun: options.dryRun ? 'true' : undefined,
    });
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', i18n.language || 'fr');
    xhr.upload.onprogress = (event) => {
      options.onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
    };
    xhr.upload.onload = () => options.onPhase?.('processing');
    xhr.onerror = () =>
      reject(
        new ApiError({
          status: 0,
          code: 'NETWORK',
          title: i18n.t('errors.networkTitle'),
          detail: i18n.t('errors.network'),
        }),
      );
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    xhr.onload = async () => {
      const response = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status,
        statusText: xhr.statusText,
        headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' },
      });
      if (!response.ok) {
        const problem = await problemOf(response);
        if (response.status === 401) onUnauthorized?.();
        reject(problem);
        return;
      }
      try {
        resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
      } catch {
        reject(
          new ApiError({
            status: xhr.status,
            code: 'UNKNOWN',
            title: xhr.statusText,
            detail: i18n.t('errors.unexpected'),
          }),
        );
      }
    };
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const body = new FormData();
    body.append('file', file, file.name);
    options.onPhase?.('uploading');
    xhr.send(body);
  });
}

// ---- Password reset and the second factor ----------------------------------------------------------

/** `POST /session` for an account with a second factor: no session yet, the code completes it. */
export interface SecondFactorChallenge {
  secondFactor: 'totp';
  challenge: string;
  expiresAt: string;
}

export interface PasswordResetLink {
  email: string;
  expiresAt: string;
}

export interface TotpStatus {
  enabled: boolean;
  enabledAt: string | null;
  pending: boolean;
  /** The account administers an organisation or the platform. */
  recommended: boolean;
}

export interface TotpSetup {
  secret: string;
  uri: string;
  qrSvg: string;
}

/** The routes of password reset and of the TOTP second factor. */
export const trustApi = {
  /** Logs in; an account with a second factor gets a challenge instead of a session. */
  login: (email: string, password: string) =>
    request<Me | SecondFactorChallenge>('/session', {
      method: 'POST',
      body: { email, password },
      public: true,
    }),
  loginWithCode: (challenge: string, code: string) =>
    request<Me>('/session/totp', { method: 'POST', body: { challenge, code }, public: true }),
  askPasswordReset: (email: string) =>
    request<{ status: 'check_your_email' }>('/password-resets', {
      method: 'POST',
      body: { email },
      public: true,
    }),
  passwordReset: (token: string, signal?: AbortSignal) =>
    request<PasswordResetLink>(`/password-resets/${enc(token)}`, {
      public: true,
      ...(signal ? { signal } : {}),
    }),
  resetPassword: (token: string, password: string) =>
    request<void>(`/password-resets/${enc(token)}`, { method: 'POST', body: { password }, public: true }),
  totpStatus: (signal?: AbortSignal) => request<TotpStatus>('/me/totp', signal ? { signal } : {}),
  startTotp: (password: string) => request<TotpSetup>('/me/totp', { method: 'POST', body: { password } }),
  confirmTotp: (code: string) => request<TotpStatus>('/me/totp/confirm', { method: 'POST', body: { code } }),
  disableTotp: (password: string) =>
    request<TotpStatus>('/me/totp', { method: 'DELETE', body: { password } }),
};

/** Whether a login answer is a second-factor challenge rather than the account. */
export function isSecondFactorChallenge(value: Me | SecondFactorChallenge): value is SecondFactorChallenge {
  return 'secondFactor' in value;
}

/** One periodic job as `GET /admin/jobs` describes it. */
export interface JobState {
  name: string;
  /** How often this server gives the job a turn; null when it does not run it. */
  everyMinutes: number | null;
  nextRunAt: string | null;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastOutcome: 'running' | 'ok' | 'failed' | null;
  /** The last failure's kind and database codes (never a message). */
  lastError: string | null;
  lastDurationMs: number | null;
  runs: number;
  failures: number;
  instance: string | null;
}

export interface JobsState {
  jobs: JobState[];
  outbox: { pending: number; failed: number; oldestPendingAt: string | null };
}
