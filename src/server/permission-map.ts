/**
 * The declared permission map: for every route of the OpenAPI document, who may call it. The
 * authorization test (`authorization.test.ts`) walks every route × every role × {own organisation's
 * resource, another organisation's resource, anonymous} and checks each answer against this table, and
 * fails when a route has no entry here.
 *
 * The role lists are written out by hand on purpose: the test's expectations must not be read from the
 * code's own permission maps (a mistake there would then be "expected"). `authorization.test.ts` checks
 * that each list below still equals the module permission it is named after, so a change to one side
 * only is caught either way.
 *
 * Reading an entry:
 * - `public`: no account needed (401 never).
 * - `signedIn`: any account; a list answers only what the caller may see (the walk checks that nothing of
 *   the other organisation appears in it).
 * - `self`: the account itself (its preferences, sessions and tokens); another account's token is 404.
 * - `platformAdmin`: instance administrators only (403 for everybody else).
 * - `anyAdmin`: administrators of some organisation (their organisations' rows) and platform
 *   administrators; 403 for everybody else.
 * - `organisation`: the resource named by `param` (a path parameter; or `in: 'query' | 'body'` when the
 *   request names the organisation there) belongs to organisations of the world's kinds (`slot`). Members
 *   of an organisation in `see` see it (otherwise 404; a role list in `see` hides it from other roles
 *   too); among them, the roles in `act` may do it (otherwise 403). An empty `see` means the whole
 *   instance sees it (the organisation directory). A platform administrator may act everywhere unless
 *   `platformAdmin` says otherwise.
 * - `success`: the statuses counted as success for an allowed caller. Writes that a first allowed caller
 *   already made may answer 409 (a state that no longer allows it) or 422 (a business rule) to the next
 *   ones; those are listed, and 401/403/404 never are (but for a public route's used one-time token).
 *   At least one allowed caller of each route must get a 2xx, unless `refusalOnly` says why none can.
 */
import type { Role } from '../lib/actor.ts';

/** The organisations of one side of the test world, by what they are to the resource. */
export type Slot = 'main' | 'donor' | 'funder' | 'coordinator' | 'association';

/** The kinds of resource a route's parameter names (the test world holds one of each per organisation). */
export type ResourceKind =
  | 'organisation'
  | 'member'
  | 'device'
  | 'donation'
  | 'location'
  | 'programme'
  | 'budgetLine'
  | 'funding'
  | 'fundingPayment'
  | 'beneficiary'
  | 'consent'
  | 'referral'
  | 'allocation'
  | 'loan'
  | 'ticket'
  | 'handoverEvent'
  | 'workshop'
  | 'session'
  | 'enrolment'
  | 'followUp'
  | 'registration'
  | 'order'
  | 'coordinator'
  | 'funder'
  | 'donor'
  | 'outboxMail'
  | 'cheque'
  | 'chequeBatch'
  | 'token'
  | 'need'
  | 'workforceContract'
  | 'insertionClause';

export type Access =
  | { kind: 'public' }
  | { kind: 'signedIn' }
  | { kind: 'self'; param?: string }
  | { kind: 'platformAdmin' }
  | { kind: 'anyAdmin' }
  | {
      kind: 'organisation';
      resource: ResourceKind;
      /** The path parameter (or query/body field) naming the resource. */
      param: string;
      in?: 'path' | 'query' | 'body';
      see: Partial<Record<Slot, readonly Role[]>>;
      act: Partial<Record<Slot, readonly Role[]>>;
      /**
       * Roles of which the caller must hold one in some organisation, checked before the resource is
       * looked at: without, 403 whatever the id (the answer then says nothing about the resource).
       */
      gate?: readonly Role[];
    };

export interface RouteRule {
  access: Access;
  /** Statuses of an allowed call. */
  success: readonly number[];
  /** What a platform administrator gets, when not `success` (e.g. 400: must name the organisation). */
  platformAdmin?: readonly number[];
  /** Why the rule is what it is, when not obvious. */
  note?: string;
  /**
   * Why no caller of the walk can succeed on this route, when that is so: the walk otherwise requires a
   * 2xx for at least one allowed caller of every route (a handler refusing everyone would pass as
   * "success" on 409/422/404 alone), and requires none here. Keep this list short.
   */
  refusalOnly?: string;
}

// Role lists, named after the module permission they mirror (checked against the modules by the test).
export const ALL: readonly Role[] = ['admin', 'manager', 'technician', 'social_worker', 'trainer', 'viewer'];
export const ADMIN: readonly Role[] = ['admin'];
/** organisations: member.read */
export const MEMBER_READ = ALL;
/** organisations: organisation.update, member.manage; audit.read; outbox.read; reports: network.manage */
export const ORG_ADMIN = ADMIN;
/** inventory: device.read, donation.read */
export const DEVICE_READ = ALL;
/** inventory: device.write, erasure.record, donation.write */
export const DEVICE_WRITE: readonly Role[] = ['admin', 'manager', 'technician'];
/** inventory: location.manage */
export const LOCATION_MANAGE: readonly Role[] = ['admin', 'manager'];
/** programmes: programme.read, beneficiary.read */
export const PEOPLE_READ = ALL;
/** programmes: programme.manage, beneficiary.erase */
export const PROGRAMME_MANAGE: readonly Role[] = ['admin', 'manager'];
/** programmes: beneficiary.write, referral.manage */
export const PEOPLE_WRITE: readonly Role[] = ['admin', 'manager', 'social_worker'];
/** training: training.read */
export const TRAINING_READ = ALL;
/** training: training.manage, training.assess */
export const TRAINING_MANAGE: readonly Role[] = ['admin', 'manager', 'trainer'];
/** training: training.enrol */
export const TRAINING_ENROL: readonly Role[] = ['admin', 'manager', 'trainer', 'social_worker'];
/** training: grid.manage */
export const GRID_MANAGE: readonly Role[] = ['admin', 'manager'];
/** cheques: cheque.read */
export const CHEQUE_READ: readonly Role[] = ['admin', 'manager', 'trainer', 'viewer'];
/** cheques: cheque.record */
export const CHEQUE_RECORD = TRAINING_MANAGE;
/** cheques: cheque.batch */
export const CHEQUE_BATCH: readonly Role[] = ['admin', 'manager'];
/** workforce: workforce.manage */
export const WORKFORCE_MANAGE: readonly Role[] = ['admin', 'manager'];
/** reports: report.read */
export const REPORT_READ: readonly Role[] = ['admin', 'manager', 'viewer'];

const OK = [200] as const;
const CREATED = [201] as const;

/** Members of the main organisation see it; `act` of them may do it. */
function main(resource: ResourceKind, param: string, act: readonly Role[], see: readonly Role[] = ALL) {
  return { kind: 'organisation', resource, param, see: { main: see }, act: { main: act } } as const;
}
function inBody(access: ReturnType<typeof main>, where: 'query' | 'body' = 'body') {
  return { ...access, in: where } as const;
}

export const permissionMap: Record<string, RouteRule> = {
  // System and session
  'GET /api/v1/health': { access: { kind: 'public' }, success: OK },
  'GET /api/v1/setup': { access: { kind: 'public' }, success: OK },
  'GET /api/v1/admin/jobs': { access: { kind: 'platformAdmin' }, success: OK },
  'POST /api/v1/demo': {
    access: { kind: 'platformAdmin' },
    success: [409],
    note: 'the instance already holds organisations: 409 for the administrator, 403 before that for others',
    refusalOnly:
      'the demo loads only into an empty instance (the demo tests load it); the walk’s holds its world',
  },
  'POST /api/v1/session': {
    access: { kind: 'public' },
    success: [200, 401],
    note: 'anonymous signs in to an account of its own; the others give a wrong password: 401 by design',
  },
  'DELETE /api/v1/session': {
    access: { kind: 'public' },
    success: [204],
    note: 'logging out answers 204 with or without a session (it clears the cookie)',
  },
  'DELETE /api/v1/sessions': { access: { kind: 'self' }, success: OK },
  'GET /api/v1/me': { access: { kind: 'self' }, success: OK },
  'PATCH /api/v1/me': { access: { kind: 'self' }, success: OK },
  'PUT /api/v1/me/password': { access: { kind: 'self' }, success: [204] },
  'POST /api/v1/tokens': { access: { kind: 'self' }, success: CREATED },
  'GET /api/v1/tokens': { access: { kind: 'self' }, success: OK },
  'DELETE /api/v1/tokens/{id}': { access: { kind: 'self', param: 'id' }, success: OK },
  'GET /api/v1/invitations/{token}': { access: { kind: 'public' }, success: OK },
  'POST /api/v1/invitations/{token}': {
    access: { kind: 'public' },
    success: [200, 404],
    note: 'a real invitation: the first caller accepts it, the others find it used',
  },
  'POST /api/v1/password-resets': {
    access: { kind: 'public' },
    success: [202],
    note: 'the same reply for every address',
  },
  'GET /api/v1/password-resets/{token}': { access: { kind: 'public' }, success: OK },
  'POST /api/v1/password-resets/{token}': {
    access: { kind: 'public' },
    success: [200, 204, 404, 410],
    note: 'a real link: the first caller sets the password, the others find it used',
  },
  'POST /api/v1/session/totp': {
    access: { kind: 'public' },
    success: [200, 401],
    note: 'anonymous completes a real challenge; the others send an unknown one: 401 like a wrong password',
  },
  'GET /api/v1/me/totp': { access: { kind: 'self' }, success: OK },
  'POST /api/v1/me/totp': {
    access: { kind: 'self' },
    success: OK,
    note: 'each caller starts a set-up with its password (not confirmed: its account stays as it was)',
  },
  'POST /api/v1/me/totp/confirm': {
    access: { kind: 'self' },
    success: OK,
    note: 'on a new account like the caller’s (confirming ends its other sessions), set-up started first',
  },
  'DELETE /api/v1/me/totp': {
    access: { kind: 'self' },
    success: [200, 204],
    note: 'on a new account like the caller’s, the second factor turned on first',
  },

  // Organisations and members
  'POST /api/v1/organisations': { access: { kind: 'platformAdmin' }, success: CREATED },
  'GET /api/v1/organisations': {
    access: { kind: 'signedIn' },
    success: OK,
    note: 'the directory is public inside the instance',
  },
  'GET /api/v1/organisations/{id}': {
    access: { kind: 'organisation', resource: 'organisation', param: 'id', see: {}, act: {} },
    success: OK,
    note: 'directory: every signed-in account reads the public profile (see: everyone)',
  },
  'PATCH /api/v1/organisations/{id}': { access: main('organisation', 'id', ORG_ADMIN), success: OK },
  'GET /api/v1/organisations/{id}/logo': {
    access: { kind: 'organisation', resource: 'organisation', param: 'id', see: {}, act: {} },
    success: OK,
    note: 'part of the public profile: every signed-in account',
  },
  'PUT /api/v1/organisations/{id}/logo': { access: main('organisation', 'id', ORG_ADMIN), success: OK },
  'DELETE /api/v1/organisations/{id}/logo': { access: main('organisation', 'id', ORG_ADMIN), success: OK },
  'GET /api/v1/organisations/{id}/members': { access: main('organisation', 'id', MEMBER_READ), success: OK },
  'POST /api/v1/organisations/{id}/members': {
    access: main('organisation', 'id', ORG_ADMIN),
    success: [201, 409],
    note: 'the same e-mail twice: 409',
  },
  'PATCH /api/v1/organisations/{id}/members/{userId}': {
    access: main('member', 'userId', ORG_ADMIN),
    success: OK,
  },
  'DELETE /api/v1/organisations/{id}/members/{userId}': {
    access: main('member', 'userId', ORG_ADMIN),
    success: [204],
  },
  'POST /api/v1/organisations/{id}/members/{userId}/invitation': {
    access: main('member', 'userId', ORG_ADMIN),
    success: [200, 409],
    note: 'a member who already has a password: 409',
  },
  'GET /api/v1/users': { access: { kind: 'platformAdmin' }, success: OK },
  'PATCH /api/v1/users/{id}': { access: { kind: 'platformAdmin' }, success: OK },
  'GET /api/v1/audit': {
    access: { kind: 'anyAdmin' },
    success: OK,
    note: 'rows of the organisations where the caller is admin',
  },
  'GET /api/v1/outbox': {
    access: { kind: 'anyAdmin' },
    success: OK,
    note: 'mails of the organisations where the caller is admin',
  },
  'GET /api/v1/outbox/{id}': {
    access: { ...main('outboxMail', 'id', ORG_ADMIN, ORG_ADMIN), gate: ORG_ADMIN },
    success: OK,
  },

  // Inventory
  'POST /api/v1/devices/import': {
    access: inBody(main('donation', 'donationId', DEVICE_WRITE), 'query'),
    success: [200, 201, 422],
  },
  'POST /api/v1/donations': {
    access: {
      kind: 'organisation',
      resource: 'organisation',
      param: 'refurbisherOrganisationId',
      in: 'body',
      see: { main: ALL, donor: ALL },
      act: { main: DEVICE_WRITE, donor: DEVICE_WRITE },
    },
    success: CREATED,
    note: 'either side of the donation records it: the donor or the refurbisher',
  },
  'GET /api/v1/donations': { access: { kind: 'signedIn' }, success: OK },
  'GET /api/v1/donations/{id}': {
    access: {
      kind: 'organisation',
      resource: 'donation',
      param: 'id',
      see: { main: ALL, donor: ALL },
      act: { main: ALL, donor: ALL },
    },
    success: OK,
  },
  'POST /api/v1/devices': {
    access: inBody(main('organisation', 'organisationId', DEVICE_WRITE)),
    success: CREATED,
  },
  'GET /api/v1/devices': { access: { kind: 'signedIn' }, success: OK },
  'GET /api/v1/devices/summary': { access: { kind: 'signedIn' }, success: OK },
  'GET /api/v1/devices/by-tag/{tag}': { access: main('device', 'tag', DEVICE_READ), success: OK },
  'GET /api/v1/devices/{id}': { access: main('device', 'id', DEVICE_READ), success: OK },
  'PATCH /api/v1/devices/{id}': { access: main('device', 'id', DEVICE_WRITE), success: OK },
  'POST /api/v1/devices/{id}/status': { access: main('device', 'id', DEVICE_WRITE), success: [200, 409] },
  'POST /api/v1/devices/status': { access: inBody(main('device', 'ids', DEVICE_WRITE)), success: [200, 409] },
  'POST /api/v1/devices/{id}/erasures': { access: main('device', 'id', DEVICE_WRITE), success: CREATED },
  'GET /api/v1/locations': {
    access: inBody(main('organisation', 'organisationId', DEVICE_READ), 'query'),
    success: OK,
  },
  'POST /api/v1/locations': {
    access: inBody(main('organisation', 'organisationId', LOCATION_MANAGE)),
    success: CREATED,
  },
  'PATCH /api/v1/locations/{id}': { access: main('location', 'id', LOCATION_MANAGE), success: OK },
  'POST /api/v1/recycling-batches': {
    access: inBody(main('organisation', 'organisationId', DEVICE_WRITE)),
    success: [201, 409, 422],
    note: 'a device to recycle of its own: the first caller ships it, the others find it recycled',
  },
  'GET /api/v1/recycling-batches': {
    access: inBody(main('organisation', 'organisationId', DEVICE_READ), 'query'),
    success: OK,
  },
  'GET /api/v1/recycling/register.csv': {
    access: inBody(main('organisation', 'organisationId', DEVICE_READ), 'query'),
    success: OK,
  },
  'GET /api/v1/devices/{id}/erasure-certificate.pdf': {
    access: main('device', 'id', DEVICE_READ),
    success: OK,
    note: 'a device’s document: no person in it',
  },
  'GET /api/v1/devices/labels.pdf': {
    access: inBody(main('device', 'ids', DEVICE_READ), 'query'),
    success: OK,
  },
  'POST /api/v1/devices/labels.pdf': { access: inBody(main('device', 'ids', DEVICE_READ)), success: OK },
  'GET /api/v1/donations/{id}/summary.pdf': {
    access: {
      kind: 'organisation',
      resource: 'donation',
      param: 'id',
      see: { main: ALL, donor: ALL },
      act: { main: ALL, donor: ALL },
    },
    success: OK,
  },

  // Programmes and people
  'POST /api/v1/programmes': {
    access: inBody(main('organisation', 'ownerOrganisationId', PROGRAMME_MANAGE)),
    success: CREATED,
  },
  'GET /api/v1/programmes': { access: { kind: 'signedIn' }, success: OK },
  'GET /api/v1/programmes/{id}': {
    access: {
      kind: 'organisation',
      resource: 'programme',
      param: 'id',
      see: { main: ALL, funder: ALL },
      act: { main: ALL, funder: ALL },
    },
    success: OK,
    note: 'read by every member of the organisations involved, the funder included',
  },
  'PATCH /api/v1/programmes/{id}': {
    access: {
      kind: 'organisation',
      resource: 'programme',
      param: 'id',
      see: { main: ALL, funder: ALL },
      act: { main: PROGRAMME_MANAGE },
    },
    success: OK,
  },
  'POST /api/v1/programmes/{id}/copy': {
    access: {
      kind: 'organisation',
      resource: 'programme',
      param: 'id',
      see: { main: ALL, funder: ALL },
      act: { main: PROGRAMME_MANAGE },
    },
    success: CREATED,
  },
  'POST /api/v1/programmes/{id}/eligibility-check': {
    access: {
      kind: 'organisation',
      resource: 'programme',
      param: 'id',
      see: { main: ALL, funder: ALL },
      act: { main: ALL, funder: ALL },
    },
    success: OK,
    note: 'with facts only: nothing personal is read',
  },
  'GET /api/v1/programmes/{id}/participants': { access: main('programme', 'id', PEOPLE_READ), success: OK },
  'POST /api/v1/beneficiaries': {
    access: inBody(main('organisation', 'referringOrganisationId', PEOPLE_WRITE)),
    success: CREATED,
  },
  'GET /api/v1/beneficiaries': { access: { kind: 'signedIn' }, success: OK },
  'GET /api/v1/beneficiaries/duplicates': {
    access: inBody(main('organisation', 'referringOrganisationId', PEOPLE_READ), 'query'),
    success: OK,
  },
  'GET /api/v1/beneficiaries/{id}': { access: main('beneficiary', 'id', PEOPLE_READ), success: OK },
  'PATCH /api/v1/beneficiaries/{id}': { access: main('beneficiary', 'id', PEOPLE_WRITE), success: OK },
  'GET /api/v1/beneficiaries/{id}/timeline': { access: main('beneficiary', 'id', PEOPLE_READ), success: OK },
  'POST /api/v1/beneficiaries/{id}/consents': {
    access: main('beneficiary', 'id', PEOPLE_WRITE),
    success: CREATED,
  },
  'POST /api/v1/beneficiaries/{id}/consents/{consentId}/withdrawal': {
    access: main('consent', 'consentId', PEOPLE_WRITE),
    success: [200, 409],
  },
  'POST /api/v1/beneficiaries/{id}/merge': {
    access: main('beneficiary', 'id', PEOPLE_WRITE),
    success: [200, 409, 422],
  },
  'GET /api/v1/beneficiaries/{id}/export.json': {
    access: main('beneficiary', 'id', PEOPLE_WRITE),
    success: OK,
  },
  'GET /api/v1/beneficiaries/{id}/export.pdf': {
    access: main('beneficiary', 'id', PEOPLE_WRITE),
    success: OK,
  },
  'POST /api/v1/beneficiaries/{id}/erasure': {
    access: main('beneficiary', 'id', PROGRAMME_MANAGE),
    success: [200, 409],
  },
  'GET /api/v1/information-notice.pdf': {
    access: { kind: 'signedIn' },
    success: OK,
    platformAdmin: [400],
    note: 'the notice names the caller’s organisation: a platform administrator names one (400 without)',
  },
  'POST /api/v1/referrals': {
    access: inBody(main('beneficiary', 'beneficiaryId', PEOPLE_WRITE)),
    success: [201, 409, 422],
  },
  'GET /api/v1/referrals': { access: { kind: 'signedIn' }, success: OK },
  'GET /api/v1/referrals/{id}': { access: main('referral', 'id', PEOPLE_READ), success: OK },
  'PATCH /api/v1/referrals/{id}': { access: main('referral', 'id', PEOPLE_WRITE), success: OK },
  'POST /api/v1/referrals/{id}/evaluation': {
    access: main('referral', 'id', PEOPLE_WRITE),
    success: [200, 409],
  },
  'POST /api/v1/referrals/{id}/status': { access: main('referral', 'id', PEOPLE_WRITE), success: [200, 409] },
  'GET /api/v1/anonymisation-runs': { access: { kind: 'platformAdmin' }, success: OK },

  // Distribution
  'POST /api/v1/tickets': {
    access: inBody(main('allocation', 'allocationId', PEOPLE_WRITE)),
    success: [201, 409, 422],
  },
  'GET /api/v1/tickets': { access: { kind: 'signedIn' }, success: OK },
  'GET /api/v1/tickets/{id}': { access: main('ticket', 'id', PEOPLE_READ), success: OK },
  'PATCH /api/v1/tickets/{id}': {
    access: main('ticket', 'id', [...new Set([...PEOPLE_WRITE, ...DEVICE_WRITE])]),
    success: [200, 409],
  },
  'POST /api/v1/tickets/{id}/swap': { access: main('ticket', 'id', PEOPLE_WRITE), success: [200, 409, 422] },
  'GET /api/v1/programmes/{id}/suggestions': {
    access: {
      kind: 'organisation',
      resource: 'programme',
      param: 'id',
      see: { main: ALL, funder: ALL },
      act: { main: PEOPLE_WRITE },
    },
    success: OK,
  },
  'POST /api/v1/handover-events': {
    access: {
      kind: 'organisation',
      resource: 'programme',
      param: 'programmeId',
      in: 'body',
      see: { main: ALL, funder: ALL },
      act: { main: PEOPLE_WRITE },
    },
    success: CREATED,
  },
  'GET /api/v1/programmes/{id}/handover-events': {
    access: {
      kind: 'organisation',
      resource: 'programme',
      param: 'id',
      see: { main: ALL, funder: ALL },
      act: { main: ALL, funder: ALL },
    },
    success: OK,
    note: 'a funder sees the programme: an empty list (the handovers name people)',
  },
  'GET /api/v1/handover-events/{id}': { access: main('handoverEvent', 'id', PEOPLE_READ), success: OK },
  'POST /api/v1/handover-events/{id}/allocations': {
    access: main('handoverEvent', 'id', PEOPLE_WRITE),
    success: [200, 409, 422],
  },
  'DELETE /api/v1/handover-events/{id}/allocations/{allocationId}': {
    access: main('handoverEvent', 'id', PEOPLE_WRITE),
    success: [200, 204],
  },
  'POST /api/v1/handover-events/{id}/handover': {
    access: main('handoverEvent', 'id', PEOPLE_WRITE),
    success: [200, 409, 422],
  },
  'GET /api/v1/handover-events/{id}/sign-off-sheet.pdf': {
    access: main('handoverEvent', 'id', PEOPLE_WRITE),
    success: OK,
    note: 'names the people of the day: the roles that write people’s records',
  },
  'GET /api/v1/allocations/{id}/documents/{name}': {
    access: main('allocation', 'id', PEOPLE_WRITE),
    success: OK,
  },
  'GET /api/v1/programmes/{id}/subsidy-statement.pdf': {
    access: {
      kind: 'organisation',
      resource: 'programme',
      param: 'id',
      see: { main: ALL, funder: ALL },
      act: { main: PROGRAMME_MANAGE },
    },
    success: OK,
    note: 'the owner issues the statement to its funder; the funder reads its own report',
  },
  'POST /api/v1/allocations': {
    access: inBody(main('programme', 'programmeId', PEOPLE_WRITE)),
    success: [201, 409, 422],
  },
  'GET /api/v1/allocations': { access: { kind: 'signedIn' }, success: OK },
  'GET /api/v1/allocations/{id}': { access: main('allocation', 'id', PEOPLE_READ), success: OK },
  'POST /api/v1/allocations/{id}/handover': {
    access: main('allocation', 'id', PEOPLE_WRITE),
    success: [200, 409, 422],
  },
  'GET /api/v1/allocations/{id}/signature.png': {
    access: main('allocation', 'id', PEOPLE_WRITE),
    success: OK,
    note: 'a person’s signature: the roles that write people’s records',
  },
  'POST /api/v1/allocations/{id}/cancellation': {
    access: main('allocation', 'id', PEOPLE_WRITE),
    success: [200, 409],
  },
  'POST /api/v1/allocations/{id}/handover-cancellation': {
    access: main('allocation', 'id', PEOPLE_WRITE),
    success: [200, 409],
  },
  'GET /api/v1/programmes/{id}/available-devices': {
    access: {
      kind: 'organisation',
      resource: 'programme',
      param: 'id',
      see: { main: ALL, funder: ALL },
      act: { main: PEOPLE_WRITE },
    },
    success: OK,
  },
  'GET /api/v1/loans': { access: { kind: 'signedIn' }, success: OK },
  'GET /api/v1/loans/{id}': { access: main('loan', 'id', PEOPLE_READ), success: OK },
  'POST /api/v1/loans/{id}/renewal': { access: main('loan', 'id', PEOPLE_WRITE), success: [200, 409, 422] },
  'POST /api/v1/loans/{id}/return': {
    access: main('loan', 'id', [...new Set([...PEOPLE_WRITE, ...DEVICE_WRITE])]),
    success: [200, 409],
  },
  'POST /api/v1/loans/{id}/report-link': {
    access: main('loan', 'id', PEOPLE_WRITE),
    success: [200, 201, 409],
  },
  'GET /api/v1/public/loans/{token}': { access: { kind: 'public' }, success: OK },
  'POST /api/v1/public/loans/{token}/tickets': {
    access: { kind: 'public' },
    success: [201, 422],
    note: 'a real link: the first five callers report a problem, then the device has five open (422)',
  },
  'POST /api/v1/internet-aids': {
    access: inBody(main('programme', 'programmeId', PEOPLE_WRITE)),
    success: [201, 409, 422],
  },
  'GET /api/v1/internet-aids': { access: { kind: 'signedIn' }, success: OK },
  'GET /api/v1/internet-aids/totals': { access: { kind: 'signedIn' }, success: OK },

  // Training
  'POST /api/v1/workshops': {
    access: inBody(main('programme', 'programmeId', TRAINING_MANAGE)),
    success: CREATED,
  },
  'GET /api/v1/workshops': { access: { kind: 'signedIn' }, success: OK },
  'GET /api/v1/workshops/{id}': { access: main('workshop', 'id', TRAINING_READ), success: OK },
  'PATCH /api/v1/workshops/{id}': { access: main('workshop', 'id', TRAINING_MANAGE), success: OK },
  'POST /api/v1/workshops/{id}/cancellation': {
    access: main('workshop', 'id', TRAINING_MANAGE),
    success: [200, 409],
  },
  'POST /api/v1/workshops/{id}/sessions': {
    access: main('workshop', 'id', TRAINING_MANAGE),
    success: [201, 409, 422],
    note: 'the same hours twice: a rule refusal',
  },
  'POST /api/v1/workshops/{id}/sessions/recurrence': {
    access: main('workshop', 'id', TRAINING_MANAGE),
    success: [200, 409],
  },
  'GET /api/v1/sessions': { access: { kind: 'signedIn' }, success: OK },
  'GET /api/v1/sessions.ics': { access: { kind: 'signedIn' }, success: OK },
  'GET /api/v1/sessions/{id}': { access: main('session', 'id', TRAINING_READ), success: OK },
  'PATCH /api/v1/sessions/{id}': { access: main('session', 'id', TRAINING_MANAGE), success: [200, 409] },
  'POST /api/v1/sessions/{id}/cancellation': {
    access: main('session', 'id', TRAINING_MANAGE),
    success: [200, 409],
  },
  'PUT /api/v1/sessions/{id}/attendance': {
    access: main('session', 'id', TRAINING_MANAGE),
    success: OK,
    note: 'the world’s past session (yesterday’s): attendance is taken',
  },
  'GET /api/v1/sessions/{id}/sign-in-sheet.pdf': {
    access: main('session', 'id', TRAINING_MANAGE),
    success: OK,
    note: 'names of the people enrolled: the roles that run workshops',
  },
  'POST /api/v1/workshops/{id}/enrolments': {
    access: main('workshop', 'id', TRAINING_ENROL),
    success: [201, 409],
  },
  'GET /api/v1/workshops/{id}/enrolments': { access: main('workshop', 'id', TRAINING_READ), success: OK },
  'GET /api/v1/workshops/{id}/candidates': { access: main('workshop', 'id', TRAINING_ENROL), success: OK },
  'POST /api/v1/enrolments/{id}/withdrawal': {
    access: main('enrolment', 'id', TRAINING_ENROL),
    success: [200, 409],
  },
  // Training cheques: the workshop's organisation (technicians and social workers do not see them: 404)
  'POST /api/v1/sessions/{id}/cheques': {
    access: main('session', 'id', CHEQUE_RECORD, CHEQUE_READ),
    success: CREATED,
    note: 'the world’s past session; each row records a regional cheque of a number of its own',
  },
  'GET /api/v1/sessions/{id}/cheques': {
    access: main('session', 'id', CHEQUE_READ, CHEQUE_READ),
    success: OK,
  },
  'GET /api/v1/organisations/{id}/cheques': {
    access: main('organisation', 'id', CHEQUE_READ, CHEQUE_READ),
    success: OK,
  },
  'GET /api/v1/organisations/{id}/cheque-summary': {
    access: main('organisation', 'id', CHEQUE_READ, CHEQUE_READ),
    success: OK,
  },
  'PATCH /api/v1/cheques/{id}': { access: main('cheque', 'id', CHEQUE_RECORD, CHEQUE_READ), success: OK },
  'DELETE /api/v1/cheques/{id}': {
    access: main('cheque', 'id', CHEQUE_RECORD, CHEQUE_READ),
    success: [204],
    note: 'each row deletes a cheque of its own, recorded just before',
  },
  'POST /api/v1/organisations/{id}/cheque-batches': {
    access: main('organisation', 'id', CHEQUE_BATCH, CHEQUE_READ),
    success: CREATED,
    note: 'each row sends a cheque of its own, recorded just before',
  },
  'GET /api/v1/organisations/{id}/cheque-batches': {
    access: main('organisation', 'id', CHEQUE_READ, CHEQUE_READ),
    success: OK,
  },
  'GET /api/v1/cheque-batches/{id}': {
    access: main('chequeBatch', 'id', CHEQUE_READ, CHEQUE_READ),
    success: OK,
  },
  'POST /api/v1/cheque-batches/{id}/reimbursement': {
    access: main('chequeBatch', 'id', CHEQUE_BATCH, CHEQUE_READ),
    success: OK,
    note: 'recording again replaces the amount',
  },
  'POST /api/v1/skills-assessments': {
    access: inBody(main('beneficiary', 'beneficiaryId', TRAINING_MANAGE)),
    success: CREATED,
  },
  'GET /api/v1/beneficiaries/{id}/training': {
    access: main('beneficiary', 'id', TRAINING_READ),
    success: OK,
  },
  'GET /api/v1/beneficiaries/{id}/skills': { access: main('beneficiary', 'id', TRAINING_READ), success: OK },
  'GET /api/v1/organisations/{id}/competence-grid': {
    access: main('organisation', 'id', TRAINING_READ),
    success: OK,
  },
  'PUT /api/v1/organisations/{id}/competence-grid': {
    access: main('organisation', 'id', GRID_MANAGE),
    success: OK,
  },
  'POST /api/v1/activities': {
    access: inBody(main('organisation', 'organisationId', TRAINING_MANAGE)),
    success: CREATED,
  },
  'GET /api/v1/activities': { access: { kind: 'signedIn' }, success: OK },

  // Networks and reports
  'GET /api/v1/networks/{coordinatorId}/members': {
    access: {
      kind: 'organisation',
      resource: 'coordinator',
      param: 'coordinatorId',
      see: { coordinator: ALL },
      act: { coordinator: REPORT_READ },
    },
    success: OK,
  },
  'PUT /api/v1/networks/{coordinatorId}/members/{organisationId}': {
    access: {
      kind: 'organisation',
      resource: 'coordinator',
      param: 'coordinatorId',
      see: { coordinator: ALL, main: ALL },
      act: { coordinator: ORG_ADMIN, main: ORG_ADMIN },
    },
    success: OK,
  },
  'DELETE /api/v1/networks/{coordinatorId}/members/{organisationId}': {
    access: {
      kind: 'organisation',
      resource: 'coordinator',
      param: 'coordinatorId',
      see: { coordinator: ALL, main: ALL },
      act: { coordinator: ORG_ADMIN, main: ORG_ADMIN },
    },
    success: [200, 204],
  },
  'GET /api/v1/networks': {
    access: inBody(main('organisation', 'organisationId', REPORT_READ), 'query'),
    success: OK,
  },
  'GET /api/v1/reports/network': {
    access: {
      kind: 'organisation',
      resource: 'coordinator',
      param: 'coordinatorOrganisationId',
      in: 'query',
      see: { coordinator: ALL },
      act: { coordinator: REPORT_READ },
    },
    success: OK,
  },
  'GET /api/v1/reports/network.pdf': {
    access: {
      kind: 'organisation',
      resource: 'coordinator',
      param: 'coordinatorOrganisationId',
      in: 'query',
      see: { coordinator: ALL },
      act: { coordinator: REPORT_READ },
    },
    success: OK,
  },
  'GET /api/v1/reports/network.csv': {
    access: {
      kind: 'organisation',
      resource: 'coordinator',
      param: 'coordinatorOrganisationId',
      in: 'query',
      see: { coordinator: ALL },
      act: { coordinator: REPORT_READ },
    },
    success: OK,
  },
  ...funderRoutes(),
  ...donorRoutes(),
  ...programmeReportRoutes(),
  'GET /api/v1/reports/donations/{id}': {
    access: {
      kind: 'organisation',
      resource: 'donation',
      param: 'id',
      see: { main: ALL, donor: ALL },
      act: { main: ALL, donor: ALL },
    },
    success: OK,
  },
  'GET /api/v1/reports/donations/{id}.pdf': {
    access: {
      kind: 'organisation',
      resource: 'donation',
      param: 'id',
      see: { main: ALL, donor: ALL },
      act: { main: ALL, donor: ALL },
    },
    success: OK,
  },
  'GET /api/v1/reports/donations/{id}.csv': {
    access: {
      kind: 'organisation',
      resource: 'donation',
      param: 'id',
      see: { main: ALL, donor: ALL },
      act: { main: ALL, donor: ALL },
    },
    success: OK,
  },

  // Budgets and co-financing: the programme's owner only (its readers of reports see, its managers change)
  'GET /api/v1/programmes/{id}/budget': {
    access: main('programme', 'id', REPORT_READ, REPORT_READ),
    success: OK,
  },
  'GET /api/v1/programmes/{id}/budget-lines': {
    access: main('programme', 'id', REPORT_READ, REPORT_READ),
    success: OK,
  },
  'POST /api/v1/programmes/{id}/budget-lines': {
    access: main('programme', 'id', PROGRAMME_MANAGE, REPORT_READ),
    success: CREATED,
  },
  'PATCH /api/v1/budget-lines/{id}': {
    access: main('budgetLine', 'id', PROGRAMME_MANAGE, REPORT_READ),
    success: OK,
  },
  'DELETE /api/v1/budget-lines/{id}': {
    access: main('budgetLine', 'id', PROGRAMME_MANAGE, REPORT_READ),
    success: [204],
    note: 'each row deletes a line of its own, made just before',
  },
  'GET /api/v1/programmes/{id}/fundings': {
    access: main('programme', 'id', REPORT_READ, REPORT_READ),
    success: OK,
  },
  'POST /api/v1/programmes/{id}/fundings': {
    access: main('programme', 'id', PROGRAMME_MANAGE, REPORT_READ),
    success: CREATED,
  },
  'PATCH /api/v1/fundings/{id}': {
    access: main('funding', 'id', PROGRAMME_MANAGE, REPORT_READ),
    success: OK,
  },
  'DELETE /api/v1/fundings/{id}': {
    access: main('funding', 'id', PROGRAMME_MANAGE, REPORT_READ),
    success: [204],
    note: 'each row deletes a funding of its own (without payments), made just before',
  },
  'POST /api/v1/fundings/{id}/payments': {
    access: main('funding', 'id', PROGRAMME_MANAGE, REPORT_READ),
    success: CREATED,
  },
  'DELETE /api/v1/funding-payments/{id}': {
    access: main('fundingPayment', 'id', PROGRAMME_MANAGE, REPORT_READ),
    success: OK,
    note: 'each row deletes a payment of its own, made just before',
  },
  'GET /api/v1/programmes/{id}/budget/statement.pdf': {
    access: main('programme', 'id', REPORT_READ, REPORT_READ),
    success: OK,
  },
  'GET /api/v1/programmes/{id}/budget/statement.xlsx': {
    access: main('programme', 'id', REPORT_READ, REPORT_READ),
    success: OK,
  },

  // Association portal
  'GET /api/v1/programmes/{id}/portal': { access: main('programme', 'id', PEOPLE_READ), success: OK },
  'PUT /api/v1/programmes/{id}/portal': { access: main('programme', 'id', PROGRAMME_MANAGE), success: OK },
  'GET /api/v1/public/portal/programmes/{id}': { access: { kind: 'public' }, success: OK },
  'POST /api/v1/public/portal/programmes/{id}/registrations': { access: { kind: 'public' }, success: [202] },
  'POST /api/v1/public/portal/confirmations/{token}': {
    access: { kind: 'public' },
    success: [200, 404],
    note: 'a real link: the first caller confirms, the others find it used',
  },
  'GET /api/v1/programmes/{id}/association-registrations': {
    access: main('programme', 'id', PEOPLE_READ),
    success: OK,
  },
  'POST /api/v1/association-registrations/{id}/approve': {
    access: main('registration', 'id', PEOPLE_WRITE),
    success: [200, 409, 422],
  },
  'POST /api/v1/association-registrations/{id}/refuse': {
    access: main('registration', 'id', PEOPLE_WRITE),
    success: [200, 409],
  },
  'GET /api/v1/portal/memberships': { access: { kind: 'signedIn' }, success: OK },
  'GET /api/v1/portal/programmes/{id}/catalogue': {
    access: {
      kind: 'organisation',
      resource: 'programme',
      param: 'id',
      see: { association: ALL },
      act: { association: ALL },
    },
    success: OK,
    platformAdmin: [400, 404],
  },
  'POST /api/v1/portal/programmes/{id}/orders': {
    access: {
      kind: 'organisation',
      resource: 'programme',
      param: 'id',
      see: { association: ALL },
      act: { association: ALL },
    },
    success: [201, 409, 422],
    platformAdmin: [400, 404],
  },
  'GET /api/v1/portal/orders': { access: { kind: 'signedIn' }, success: OK },
  'GET /api/v1/portal/orders/{id}': {
    access: {
      kind: 'organisation',
      resource: 'order',
      param: 'id',
      see: { main: ALL, association: ALL },
      act: { main: ALL, association: ALL },
    },
    success: OK,
  },
  'POST /api/v1/portal/orders/{id}/approve': {
    access: {
      kind: 'organisation',
      resource: 'order',
      param: 'id',
      see: { main: ALL, association: ALL },
      act: { main: PEOPLE_WRITE },
    },
    success: [200, 409, 422],
  },
  'POST /api/v1/portal/orders/{id}/refuse': {
    access: {
      kind: 'organisation',
      resource: 'order',
      param: 'id',
      see: { main: ALL, association: ALL },
      act: { main: PEOPLE_WRITE },
    },
    success: [200, 409],
  },
  'POST /api/v1/portal/orders/{id}/prepare': {
    access: {
      kind: 'organisation',
      resource: 'order',
      param: 'id',
      see: { main: ALL, association: ALL },
      act: { main: PEOPLE_WRITE },
    },
    success: [200, 409, 422],
  },
  'POST /api/v1/portal/orders/{id}/hand-over': {
    access: {
      kind: 'organisation',
      resource: 'order',
      param: 'id',
      see: { main: ALL, association: ALL },
      act: { main: PEOPLE_WRITE },
    },
    success: [200, 409, 422],
  },
  'POST /api/v1/portal/orders/{id}/cancel': {
    access: {
      kind: 'organisation',
      resource: 'order',
      param: 'id',
      see: { main: ALL, association: ALL },
      act: { main: PEOPLE_WRITE, association: ALL },
    },
    success: [200, 409],
  },
  'POST /api/v1/portal/orders/{id}/devices/{allocationId}/tickets': {
    access: {
      kind: 'organisation',
      resource: 'order',
      param: 'id',
      see: { main: ALL, association: ALL },
      act: { main: PEOPLE_WRITE, association: ALL },
    },
    success: [201, 409, 422],
    note: 'the association or the owner’s staff report a problem with a device of a handed-over order',
  },

  // Follow-up questionnaires
  'GET /api/v1/programmes/{id}/follow-up-settings': {
    access: {
      kind: 'organisation',
      resource: 'programme',
      param: 'id',
      see: { main: ALL, funder: ALL },
      act: { main: ALL, funder: ALL },
    },
    success: OK,
  },
  'PUT /api/v1/programmes/{id}/follow-up-settings': {
    access: {
      kind: 'organisation',
      resource: 'programme',
      param: 'id',
      see: { main: ALL, funder: ALL },
      act: { main: PROGRAMME_MANAGE },
    },
    success: OK,
  },
  'GET /api/v1/beneficiaries/{id}/follow-ups': {
    access: main('beneficiary', 'id', PEOPLE_READ),
    success: OK,
  },
  'GET /api/v1/follow-ups': { access: { kind: 'signedIn' }, success: OK },
  'POST /api/v1/follow-ups/{id}/answers': {
    access: main('followUp', 'id', PEOPLE_WRITE),
    success: [201, 409],
  },
  'GET /api/v1/follow-ups/{id}/letter': { access: main('followUp', 'id', PEOPLE_WRITE), success: [200, 409] },
  'GET /api/v1/public/follow-ups/{token}': { access: { kind: 'public' }, success: OK },
  'POST /api/v1/public/follow-ups/{token}/answers': {
    access: { kind: 'public' },
    success: [200, 201, 410],
    note: 'a real link: the first caller answers, the others find it answered (410)',
  },

  // Needs census (the world's need is registered by the main organisation, owner of its programme)
  'GET /api/v1/programmes/{id}/census-settings': {
    access: main('programme', 'id', PEOPLE_READ),
    success: OK,
  },
  'PUT /api/v1/programmes/{id}/census-settings': {
    access: main('programme', 'id', PROGRAMME_MANAGE),
    success: OK,
  },
  'GET /api/v1/public/programmes/{id}/census': { access: { kind: 'public' }, success: OK },
  'POST /api/v1/public/programmes/{id}/needs': { access: { kind: 'public' }, success: CREATED },
  'POST /api/v1/programmes/{id}/needs': { access: main('programme', 'id', PEOPLE_WRITE), success: CREATED },
  'GET /api/v1/programmes/{id}/needs': { access: main('programme', 'id', PEOPLE_READ), success: OK },
  'GET /api/v1/programmes/{id}/needs/summary': { access: main('programme', 'id', PEOPLE_READ), success: OK },
  'POST /api/v1/programmes/{id}/needs/referrals': {
    access: main('programme', 'id', PEOPLE_WRITE),
    success: OK,
    note: 'each row converts a need of its own, made just before',
  },
  'GET /api/v1/needs/{id}': { access: main('need', 'id', PEOPLE_READ), success: OK },
  'PATCH /api/v1/needs/{id}': { access: main('need', 'id', PEOPLE_WRITE), success: OK },
  'POST /api/v1/needs/{id}/withdraw': {
    access: main('need', 'id', PEOPLE_WRITE),
    success: OK,
    note: 'each row withdraws a need of its own, made just before',
  },
  'POST /api/v1/needs/{id}/referral': {
    access: main('need', 'id', PEOPLE_WRITE),
    success: CREATED,
    note: 'each row converts a need of its own, made just before',
  },
  // Insertion workforce: the organisation's administrators and managers only (others of it: 403 on its
  // organisation-scoped routes; a contract or clause by id is hidden from them: 404).
  'GET /api/v1/organisations/{id}/workforce/settings': {
    access: main('organisation', 'id', WORKFORCE_MANAGE),
    success: OK,
  },
  'PUT /api/v1/organisations/{id}/workforce/settings': {
    access: main('organisation', 'id', WORKFORCE_MANAGE),
    success: OK,
  },
  'GET /api/v1/organisations/{id}/workforce/technicians': {
    access: main('organisation', 'id', WORKFORCE_MANAGE),
    success: OK,
  },
  'GET /api/v1/organisations/{id}/workforce/people/{userId}': {
    access: main('organisation', 'id', WORKFORCE_MANAGE),
    success: OK,
  },
  'GET /api/v1/organisations/{id}/workforce/contracts': {
    access: main('organisation', 'id', WORKFORCE_MANAGE),
    success: OK,
  },
  'POST /api/v1/organisations/{id}/workforce/contracts': {
    access: main('organisation', 'id', WORKFORCE_MANAGE),
    success: CREATED,
    note: 'each row contracts a new member of its own (one contract at a time per person)',
  },
  'PATCH /api/v1/workforce-contracts/{id}': {
    access: main('workforceContract', 'id', WORKFORCE_MANAGE, WORKFORCE_MANAGE),
    success: OK,
  },
  'DELETE /api/v1/workforce-contracts/{id}': {
    access: main('workforceContract', 'id', WORKFORCE_MANAGE, WORKFORCE_MANAGE),
    success: [204],
    note: 'each row deletes a contract of its own, made just before',
  },
  'GET /api/v1/organisations/{id}/workforce/clauses': {
    access: main('organisation', 'id', WORKFORCE_MANAGE),
    success: OK,
  },
  'POST /api/v1/organisations/{id}/workforce/clauses': {
    access: main('organisation', 'id', WORKFORCE_MANAGE),
    success: CREATED,
  },
  'PATCH /api/v1/insertion-clauses/{id}': {
    access: main('insertionClause', 'id', WORKFORCE_MANAGE, WORKFORCE_MANAGE),
    success: OK,
  },
  'DELETE /api/v1/insertion-clauses/{id}': {
    access: main('insertionClause', 'id', WORKFORCE_MANAGE, WORKFORCE_MANAGE),
    success: [204],
    note: 'each row deletes a clause of its own, made just before',
  },
  'PUT /api/v1/organisations/{id}/workforce/people/{userId}/weeks/{weekStart}': {
    access: main('organisation', 'id', WORKFORCE_MANAGE),
    success: OK,
  },
  'DELETE /api/v1/organisations/{id}/workforce/people/{userId}/weeks/{weekStart}': {
    access: main('organisation', 'id', WORKFORCE_MANAGE),
    success: [204],
    note: 'removing a week without an entry also answers 204',
  },
  'GET /api/v1/organisations/{id}/workforce/people/{userId}/skill-levels': {
    access: main('organisation', 'id', WORKFORCE_MANAGE),
    success: OK,
  },
  'POST /api/v1/organisations/{id}/workforce/people/{userId}/skill-levels': {
    access: main('organisation', 'id', WORKFORCE_MANAGE),
    success: CREATED,
  },
  'GET /api/v1/organisations/{id}/workforce/report': {
    access: main('organisation', 'id', WORKFORCE_MANAGE),
    success: OK,
  },
  'GET /api/v1/organisations/{id}/workforce/report.xlsx': {
    access: main('organisation', 'id', WORKFORCE_MANAGE),
    success: OK,
  },
};

function funderRoutes(): Record<string, RouteRule> {
  const funder = {
    kind: 'organisation',
    resource: 'funder',
    param: 'organisationId',
    see: { funder: ALL, main: REPORT_READ },
    act: { funder: REPORT_READ, main: REPORT_READ },
  } as const;
  return Object.fromEntries(
    ['', '.pdf', '.csv', '.xlsx'].map((ext) => [
      `GET /api/v1/reports/funders/{organisationId}${ext}`,
      { access: funder, success: OK },
    ]),
  );
}

function donorRoutes(): Record<string, RouteRule> {
  const donor = {
    kind: 'organisation',
    resource: 'donor',
    param: 'organisationId',
    see: { donor: ALL, main: REPORT_READ },
    act: { donor: REPORT_READ, main: REPORT_READ },
  } as const;
  return Object.fromEntries(
    ['', '.pdf', '.csv'].map((ext) => [
      `GET /api/v1/reports/donors/{organisationId}/summary${ext}`,
      { access: donor, success: OK },
    ]),
  );
}

function programmeReportRoutes(): Record<string, RouteRule> {
  const report = {
    kind: 'organisation',
    resource: 'programme',
    param: 'id',
    see: { main: ALL, funder: ALL },
    act: { main: PROGRAMME_MANAGE, funder: REPORT_READ },
  } as const;
  return Object.fromEntries(
    ['', '.pdf', '.xlsx', '.csv', '/open-data.csv'].map((ext) => [
      `GET /api/v1/reports/programmes/{id}${ext}`,
      { access: report, success: OK },
    ]),
  );
}
