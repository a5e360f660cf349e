/**
 * The client for the Seconde Vie API (`/api/v1`): JSON in and out, the session cookie, the caller's
 * language, and `application/problem+json` errors turned into {@link ApiError}.
 */
import type { Role as ServerRole } from '../lib/actor.ts';
import { i18n } from './i18n/index.ts';

export const ROLES = ['admin', 'manager', 'technician', 'social_worker', 'trainer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
// Fails to compile if the server's roles and ours drift apart.
const _sameRoles: [Role, ServerRole] extends [ServerRole, Role] ? true : never = true;
void _sameRoles;

export const ORGANISATION_KINDS = [
  'donor',
  'refurbisher',
  'prescriber',
  'association',
  'funder',
  'trainer',
  'coordinator',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

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

  constructor(fields: {
    status: number;
    code: string;
    title: string;
    detail: string;
    type?: string;
    errors?: FieldProblem[];
  }) {
    super(fields.detail);
    this.name = 'ApiError';
    this.status = fields.status;
    this.code = fields.code;
    this.title = fields.title;
    this.detail = fields.detail;
    this.type = fields.type ?? 'about:blank';
    this.errors = fields.errors ?? [];
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

/** The API's routes, typed. */
export const api = {
  setup: (signal?: AbortSignal) => request<Setup>('/setup', { public: true, ...(signal ? { signal } : {}) }),
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

  loadDemo: () => request<{ accounts: DemoAccount[] }>('/demo', { method: 'POST' }),
};
