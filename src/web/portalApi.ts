/**
 * The API of the association portal (`docs/api.md`, "Beyond the core: the association portal"): the public
 * registration and its e-mail confirmation, the programme owner's settings and verification, and the
 * association's catalogue and orders. Days are `YYYY-MM-DD`, instants ISO.
 */
import type * as Server from '../modules/portal/schema.ts';
import { type DeviceType, type Page, request } from './api.ts';
import type { AllocationStatus } from './distributionApi.ts';

export const REGISTRATION_STATUSES = ['unconfirmed', 'pending', 'approved', 'refused'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const ORDER_STATUSES = [
  'submitted',
  'approved',
  'prepared',
  'handed_over',
  'refused',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Orders still under way (they count against the programme's limit of open orders). */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ['submitted', 'approved', 'prepared'];

// Fails to compile if the server's vocabularies and ours drift apart (type-only: nothing of the server ships).
type Same<A, B> = [A, B] extends [B, A] ? true : never;
const _same: [Same<RegistrationStatus, Server.RegistrationStatus>, Same<OrderStatus, Server.OrderStatus>] = [
  true,
  true,
];
void _same;

/** Field limits shared with the server's checks (the form says them before sending). */
export const PORTAL_LIMITS = {
  activityMin: 10,
  activityMax: 2000,
  peopleServedMax: 1_000_000,
  maxDevicesPerYear: 1000,
  maxOpenOrders: 100,
  lineQuantityMax: 50,
  linesMax: 10,
  reasonMax: 1000,
  noteMax: 2000,
  introMax: 2000,
  descriptionMax: 2000,
} as const;

/** How a programme takes associations (the owner's settings). */
export interface PortalSettings {
  programmeId: string;
  open: boolean;
  maxDevicesPerYear: number;
  maxOpenOrders: number;
  intro: string | null;
  /** The public registration page's address, to give to associations. */
  publicUrl: string;
  /** Open, the programme open, and its eligibility admits associations. */
  accepts: boolean;
}

export interface PortalSettingsInput {
  open: boolean;
  maxDevicesPerYear: number;
  maxOpenOrders: number;
  intro?: string | null;
}

/** What the public registration page shows of a programme. */
export interface PublicPortalProgramme {
  programmeId: string;
  programmeName: string;
  organisationName: string;
  intro: string | null;
  accepts: boolean;
  maxDevicesPerYear: number;
  maxOpenOrders: number;
}

export interface RegistrationInput {
  name: string;
  rna?: string;
  siret?: string;
  address: string;
  postcode: string;
  city: string;
  activity: string;
  peopleServed: number;
  contactName: string;
  contactEmail: string;
  contactPhone?: string;
  /** Left empty by people: robots fill it. */
  website: string;
}

export interface Confirmation {
  /** Waiting for verification, or already decided (the link opened again after the decision). */
  status: 'pending' | 'approved' | 'refused';
  programmeName: string;
  organisationName: string;
}

/** An association's registration, as the programme owner verifies it. */
export interface Registration {
  id: string;
  programmeId: string;
  status: RegistrationStatus;
  name: string;
  rna: string | null;
  siret: string | null;
  address: string;
  postcode: string;
  city: string;
  activity: string;
  peopleServed: number;
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
  createdAt: string;
  confirmedAt: string | null;
  decidedAt: string | null;
  refusalReason: string | null;
  organisationId: string | null;
  can: { decide: boolean };
}

export interface RegistrationQuery {
  status?: RegistrationStatus;
  q?: string;
  limit?: number;
  cursor?: string;
}

/** A programme the caller's association belongs to. */
export interface PortalMembership {
  registrationId: string;
  programmeId: string;
  programmeName: string;
  organisationId: string;
  organisationName: string;
}

export interface CatalogueItem {
  deviceType: DeviceType;
  grade: string | null;
  available: number;
}

export interface Catalogue {
  programmeId: string;
  items: CatalogueItem[];
  limits: { maxDevicesPerYear: number; maxOpenOrders: number; devicesThisYear: number; openOrders: number };
}

export interface OrderLine {
  deviceType: DeviceType;
  grade: string | null;
  quantity: number;
}

export interface OrderDevice {
  allocationId: string;
  deviceId: string;
  assetTag: string;
  deviceType: DeviceType;
  grade: string | null;
  /** The allocation's status. */
  status: AllocationStatus;
  handedOverOn: string | null;
  loanDueOn: string | null;
  openTickets: number;
}

export interface OrderEvent {
  status: OrderStatus;
  note: string | null;
  at: string;
  byName: string | null;
}

export interface Order {
  id: string;
  number: string;
  programmeId: string;
  programmeName: string;
  organisationId: string;
  organisationName: string;
  status: OrderStatus;
  submittedOn: string;
  note: string | null;
  refusalReason: string | null;
  cancelReason: string | null;
  lines: OrderLine[];
  devices: OrderDevice[];
  history: OrderEvent[];
  can: {
    approve: boolean;
    refuse: boolean;
    prepare: boolean;
    handOver: boolean;
    cancel: boolean;
    reportProblem: boolean;
  };
}

export interface OrderInput {
  lines: { deviceType: DeviceType; grade?: string | null; quantity: number }[];
  note?: string;
  /** The association ordering (required of a person in several associations approved in the programme). */
  organisationId?: string;
}

export interface OrderQuery {
  programmeId?: string;
  status?: OrderStatus;
  limit?: number;
  cursor?: string;
}

const enc = encodeURIComponent;

function withSignal(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}

/** The calls of the portal pages. */
export const portalApi = {
  settings: (programmeId: string, signal?: AbortSignal) =>
    request<PortalSettings>(`/programmes/${enc(programmeId)}/portal`, withSignal(signal)),
  saveSettings: (programmeId: string, input: PortalSettingsInput) =>
    request<PortalSettings>(`/programmes/${enc(programmeId)}/portal`, { method: 'PUT', body: input }),

  publicProgramme: (programmeId: string, signal?: AbortSignal) =>
    request<PublicPortalProgramme>(`/public/portal/programmes/${enc(programmeId)}`, {
      public: true,
      ...withSignal(signal),
    }),
  register: (programmeId: string, input: RegistrationInput) =>
    request<{ status: 'check_your_email' }>(`/public/portal/programmes/${enc(programmeId)}/registrations`, {
      method: 'POST',
      body: input,
      public: true,
    }),
  confirm: (token: string) =>
    request<Confirmation>(`/public/portal/confirmations/${enc(token)}`, { method: 'POST', public: true }),

  registrations: (programmeId: string, query: RegistrationQuery, signal?: AbortSignal) =>
    request<Page<Registration>>(`/programmes/${enc(programmeId)}/association-registrations`, {
      query: { ...query },
      ...withSignal(signal),
    }),
  approveRegistration: (id: string) =>
    request<Registration>(`/association-registrations/${enc(id)}/approve`, { method: 'POST' }),
  refuseRegistration: (id: string, reason: string) =>
    request<Registration>(`/association-registrations/${enc(id)}/refuse`, {
      method: 'POST',
      body: { reason },
    }),

  memberships: (signal?: AbortSignal) =>
    request<PortalMembership[]>('/portal/memberships', withSignal(signal)),
  /** `organisationId`: the association, for a person in several associations approved in the programme. */
  catalogue: (programmeId: string, organisationId?: string, signal?: AbortSignal) =>
    request<Catalogue>(`/portal/programmes/${enc(programmeId)}/catalogue`, {
      query: { organisationId },
      ...withSignal(signal),
    }),
  order: (programmeId: string, input: OrderInput) =>
    request<Order>(`/portal/programmes/${enc(programmeId)}/orders`, { method: 'POST', body: input }),
  orders: (query: OrderQuery, signal?: AbortSignal) =>
    request<Page<Order>>('/portal/orders', { query: { ...query }, ...withSignal(signal) }),
  orderDetail: (id: string, signal?: AbortSignal) =>
    request<Order>(`/portal/orders/${enc(id)}`, withSignal(signal)),
  approveOrder: (id: string) => request<Order>(`/portal/orders/${enc(id)}/approve`, { method: 'POST' }),
  refuseOrder: (id: string, reason: string) =>
    request<Order>(`/portal/orders/${enc(id)}/refuse`, { method: 'POST', body: { reason } }),
  prepareOrder: (id: string) =>
    request<Order>(`/portal/orders/${enc(id)}/prepare`, { method: 'POST', body: {} }),
  handOverOrder: (id: string, on?: string) =>
    request<Order>(`/portal/orders/${enc(id)}/hand-over`, { method: 'POST', body: on ? { on } : {} }),
  cancelOrder: (id: string, reason: string) =>
    request<Order>(`/portal/orders/${enc(id)}/cancel`, { method: 'POST', body: { reason } }),
  reportProblem: (orderId: string, allocationId: string, description: string) =>
    request<{ id: string }>(`/portal/orders/${enc(orderId)}/devices/${enc(allocationId)}/tickets`, {
      method: 'POST',
      body: { description },
    }),
};
