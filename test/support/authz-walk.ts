/**
 * The authorization walk's machinery, shared by `src/server/authorization*.test.ts`: the callers (anonymous,
 * a platform administrator, each role of organisation A, A's donor, funder, coordinator and association),
 * what each route is sent (path parameters, query, a body that passes validation), what the permission map
 * says each caller gets, and one route's walk over every caller × {A's resource, B's resource}.
 */
import ExcelJS from 'exceljs';
import { ROLES, type Role } from '../../src/lib/actor.ts';
import { today } from '../../src/lib/dates.ts';
import { type Access, permissionMap, type RouteRule, type Slot } from '../../src/server/permission-map.ts';
import { startTestApp, TEST_PASSWORD, type TestApp, unique } from './app.ts';
import {
  budgetLineBody,
  buildWorld,
  confirmedRegistration,
  deviceToRecycle,
  followUpToken,
  invitationToken,
  invitedMember,
  loanReportToken,
  newBudgetLine,
  newFunding,
  newFundingPayment,
  newInsertionClause,
  newNeed,
  newPerson,
  newReferral,
  newWorkforceContract,
  PNG_DATA_URL,
  passwordResetToken,
  portalConfirmationToken,
  receivedDevice,
  type Side,
  type SideWorld,
  startTotp,
  submittedOrder,
  totpChallenge,
  totpCode,
  type WalkClient,
  type World,
  walkClient,
  workforceWeek,
} from './authz-world.ts';
import { readPdf } from './pdf.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Caller {
  label: string;
  slot: Slot | null;
  role: Role | null;
  platformAdmin: boolean;
  client: WalkClient | null;
  password: string;
  /** The account, to build a fresh one like it for routes that end its sessions. */
  organisationId: string | null;
}

interface Request {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Ctx {
  w: World;
  t: TestApp;
  /** The world's side the resource is taken from. */
  side: Side;
  s: SideWorld;
  caller: Caller;
  /** The client the row calls with: the caller's, or a new account like it (FRESH_ACCOUNT routes). */
  client?: WalkClient | null;
}

const year = Number(today().slice(0, 4));

/** A regional cheque of a number of its own, handed over at the side's past session. */
function chequeBody(s: SideWorld) {
  return {
    beneficiaryId: s.ids.beneficiary,
    issuer: 'regional',
    issuerName: 'Région',
    numbers: [unique('RC-')],
    valueCents: 10000,
    expiresOn: `${year + 1}-12-31`,
  };
}
async function newCheque(s: SideWorld): Promise<string> {
  const res = await s.members.trainer.client.post(`/sessions/${s.ids.pastSession}/cheques`, chequeBody(s));
  if (res.statusCode !== 201) throw new Error(`cheque not recorded: ${res.statusCode} ${res.body}`);
  return (res.json() as { items: { id: string }[] }).items[0]?.id ?? '';
}
const BOGUS_TOKEN = 'f'.repeat(40);

/**
 * The real secret of a public token route, made once per route and side the first time a row needs it
 * (the secrets of one route's rows are the same: a one-time link serves the first allowed caller, the
 * others then find it used).
 */
const realTokens = new Map<string, Promise<string>>();
function realToken(route: string, c: Ctx, make: () => Promise<string>): Promise<string> {
  const key = `${route} ${c.side}`;
  let token = realTokens.get(key);
  if (!token) {
    token = make();
    realTokens.set(key, token);
  }
  return token;
}
/** A resource a route's rows need in a fresh state, made once per key and side (like `realToken`). */
function fresh(key: string, c: Ctx, make: () => Promise<string>): Promise<string> {
  return realToken(`fresh ${key}`, c, make);
}
const tokenParam =
  (route: string, make: (c: Ctx) => Promise<string>): Builder =>
  async (c) => ({
    params: { token: await realToken(route, c, () => make(c)) },
  });

// ---------------------------------------------------------------------------------------------------
// What each route is sent: path parameters, query and a body that passes validation.

type Builder = (
  c: Ctx,
) =>
  | Promise<Partial<Request> & { params?: Record<string, string> }>
  | (Partial<Request> & { params?: Record<string, string> });

const answers = {
  works: 'yes',
  frequency: 'weekly',
  uses: ['admin'],
  autonomy: 'a_little_more',
  helpDevice: false,
  helpContact: false,
};

const builders: Record<string, Builder> = {
  'POST /api/v1/demo': () => ({ body: {} }),
  'POST /api/v1/session': async (c) => {
    // Anonymous signs in to an account of its own; the others give a wrong password (401).
    if (!c.caller.client) return { body: { email: (await c.t.buildUser()).email, password: TEST_PASSWORD } };
    return { body: { email: `${unique('personne')}@example.org`, password: 'pas le bon' } };
  },
  'POST /api/v1/password-resets': () => ({ body: { email: `${unique('oubli')}@example.org` } }),
  'GET /api/v1/password-resets/{token}': tokenParam('GET /api/v1/password-resets/{token}', (c) =>
    passwordResetToken(c.t),
  ),
  'POST /api/v1/password-resets/{token}': async (c) => ({
    params: {
      token: await realToken('POST /api/v1/password-resets/{token}', c, () => passwordResetToken(c.t)),
    },
    body: { password: 'une phrase de passe solide' },
  }),
  'POST /api/v1/session/totp': async (c) =>
    // Anonymous completes a login waiting for its code; the others send an unknown challenge (401).
    ({ body: c.caller.client ? { challenge: BOGUS_TOKEN, code: '123456' } : await totpChallenge(c.t) }),
  'POST /api/v1/me/totp': (c) => ({ body: { password: c.caller.password } }),
  'POST /api/v1/me/totp/confirm': async (c) => {
    if (!c.client) return { body: { code: '000000' } };
    return { body: { code: totpCode(await startTotp(c.client)) } };
  },
  'DELETE /api/v1/me/totp': async (c) => {
    if (!c.client) return { body: { password: TEST_PASSWORD } };
    const secret = await startTotp(c.client);
    await c.client.post('/me/totp/confirm', { code: totpCode(secret, -1) });
    return { body: { password: TEST_PASSWORD } };
  },
  'PATCH /api/v1/me': () => ({ body: { locale: 'fr' } }),
  'PUT /api/v1/me/password': () => ({
    body: { currentPassword: TEST_PASSWORD, newPassword: 'une autre phrase de passe' },
  }),
  'POST /api/v1/tokens': () => ({ body: { name: unique('jeton ') } }),
  'DELETE /api/v1/tokens/{id}': async (c) => {
    if (c.side === 'B' || !c.caller.client) return { params: { id: c.s.ids.token } };
    const created = await c.caller.client.post('/tokens', { name: unique('jeton ') });
    return { params: { id: created.json().id } };
  },
  'GET /api/v1/invitations/{token}': tokenParam('GET /api/v1/invitations/{token}', (c) =>
    invitationToken(c.s),
  ),
  'POST /api/v1/invitations/{token}': async (c) => ({
    params: { token: await realToken('POST /api/v1/invitations/{token}', c, () => invitationToken(c.s)) },
    body: { password: 'une phrase de passe solide' },
  }),
  'POST /api/v1/organisations': () => ({ body: { name: unique('Organisation '), kinds: ['donor'] } }),
  'PATCH /api/v1/organisations/{id}': () => ({ body: { city: 'Orléans' } }),
  'PUT /api/v1/organisations/{id}/logo': () => ({ body: { image: PNG_DATA_URL } }),
  'POST /api/v1/organisations/{id}/members': () => ({
    body: { email: `${unique('membre')}@example.org`, name: 'Nouveau membre', role: 'viewer' },
  }),
  'PATCH /api/v1/organisations/{id}/members/{userId}': () => ({ body: { role: 'viewer' } }),
  'DELETE /api/v1/organisations/{id}/members/{userId}': async (c) => {
    const user = await c.t.buildUser({ organisationId: c.s.orgs.main, role: 'viewer' });
    return { params: { id: c.s.orgs.main, userId: user.id } };
  },
  'POST /api/v1/organisations/{id}/members/{userId}/invitation': async (c) => ({
    // A member invited and not yet arrived: an active one has no invitation to send again (409).
    params: { id: c.s.orgs.main, userId: await fresh('invitee', c, () => invitedMember(c.s)) },
    body: {},
  }),
  'PATCH /api/v1/users/{id}': (c) => ({
    params: { id: c.w.B.members.viewer.userId },
    body: { name: 'Compte renommé' },
  }),
  'POST /api/v1/devices/import': (c) => ({
    url: `/api/v1/devices/import?donationId=${c.s.ids.donation}`,
    body: 'type;brand;model\nlaptop;Dell;Latitude\n',
    headers: { 'content-type': 'text/csv' },
  }),
  'POST /api/v1/donations': (c) => ({
    body: { donorOrganisationId: c.s.orgs.donor, refurbisherOrganisationId: c.s.orgs.main },
  }),
  'POST /api/v1/devices': (c) => ({ body: { type: 'monitor', organisationId: c.s.orgs.main } }),
  'GET /api/v1/devices/by-tag/{tag}': (c) => ({ params: { tag: c.s.ids.assetTag } }),
  'PATCH /api/v1/devices/{id}': () => ({ body: { notes: 'Clavier à nettoyer' } }),
  'POST /api/v1/devices/{id}/status': () => ({ body: { status: 'diagnosed' } }),
  'POST /api/v1/devices/status': async (c) => ({
    // A device of its own: the world's was moved on by the route for one device.
    body: { status: 'diagnosed', ids: [await fresh('bulk status', c, () => receivedDevice(c.s))] },
  }),
  'POST /api/v1/devices/{id}/erasures': () => ({
    body: { method: 'NIST 800-88 purge', verified: true, result: 'passed', capacityGb: 128 },
  }),
  'GET /api/v1/locations': (c) => ({ url: `/api/v1/locations?organisationId=${c.s.orgs.main}` }),
  'POST /api/v1/locations': (c) => ({ body: { organisationId: c.s.orgs.main, name: unique('Étagère ') } }),
  'PATCH /api/v1/locations/{id}': () => ({ body: { description: 'Au fond' } }),
  'POST /api/v1/recycling-batches': async (c) => ({
    body: {
      organisationId: c.s.orgs.main,
      recyclerName: 'Recycleur',
      deviceIds: [await fresh('recycling', c, () => deviceToRecycle(c.s))],
    },
  }),
  'GET /api/v1/recycling-batches': (c) => ({
    url: `/api/v1/recycling-batches?organisationId=${c.s.orgs.main}`,
  }),
  'GET /api/v1/recycling/register.csv': (c) => ({
    url: `/api/v1/recycling/register.csv?organisationId=${c.s.orgs.main}`,
  }),
  'GET /api/v1/devices/labels.pdf': (c) => ({ url: `/api/v1/devices/labels.pdf?ids=${c.s.ids.device}` }),
  'POST /api/v1/devices/labels.pdf': (c) => ({ body: { ids: [c.s.ids.device] } }),
  'POST /api/v1/programmes': (c) => ({
    body: {
      name: unique('Programme '),
      mode: 'donation',
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      ownerOrganisationId: c.s.orgs.main,
    },
  }),
  'PATCH /api/v1/programmes/{id}': () => ({ body: { description: 'Prêt de portables' } }),
  'POST /api/v1/programmes/{id}/copy': () => ({ body: { name: unique('Copie ') } }),
  'POST /api/v1/programmes/{id}/eligibility-check': () => ({
    body: { facts: { kind: 'person', birthYear: 1980 } },
  }),
  'POST /api/v1/beneficiaries': (c) => ({
    body: {
      kind: 'person',
      firstName: 'Jeanne',
      lastName: unique('Essai'),
      referringOrganisationId: c.s.orgs.main,
      consentGivenOn: `${year}-01-02`,
    },
  }),
  'GET /api/v1/beneficiaries/duplicates': (c) => ({
    url: `/api/v1/beneficiaries/duplicates?referringOrganisationId=${c.s.orgs.main}&firstName=Jeanne&lastName=Essai`,
  }),
  'PATCH /api/v1/beneficiaries/{id}': () => ({ body: { childrenCount: 1 } }),
  'POST /api/v1/beneficiaries/{id}/consents': () => ({
    body: { givenOn: `${year}-01-03`, covers: ['referral'] },
  }),
  'POST /api/v1/beneficiaries/{id}/consents/{consentId}/withdrawal': (c) => ({
    params: { id: c.s.ids.beneficiary, consentId: c.s.ids.consent },
    body: {},
  }),
  'POST /api/v1/beneficiaries/{id}/merge': (c) => ({
    params: { id: c.s.ids.beneficiary2 },
    body: { duplicateId: c.s.ids.beneficiary3 },
  }),
  'POST /api/v1/beneficiaries/{id}/erasure': async (c) => {
    const person = await c.w[c.side].members.social_worker.client.post('/beneficiaries', {
      kind: 'person',
      firstName: 'Effacée',
      lastName: unique('Personne'),
      referringOrganisationId: c.s.orgs.main,
      consentGivenOn: `${year}-01-02`,
    });
    return { params: { id: person.json().id } };
  },
  'POST /api/v1/referrals': async (c) => {
    // A person not referred yet (the world's are, to the programme: 409).
    const person = await fresh('unreferred', c, async () => {
      const res = await c.s.members.social_worker.client.post('/beneficiaries', newPerson(c.s));
      return res.json().id as string;
    });
    return { body: { beneficiaryId: person, programmeId: c.s.ids.programme } };
  },
  'POST /api/v1/referrals/{id}/evaluation': async (c) => ({
    // A referral still to evaluate (the world's first was equipped).
    params: { id: await fresh('evaluation', c, async () => (await newReferral(c.s)).referralId) },
  }),
  'PATCH /api/v1/referrals/{id}': () => ({ body: { priority: true, priorityReason: 'Urgence' } }),
  'POST /api/v1/referrals/{id}/status': async (c) => ({
    // A referral of its own, ended (the world's first is already followed up, once its follow-up is answered).
    params: { id: await fresh('referral to end', c, async () => (await newReferral(c.s)).referralId) },
    body: { status: 'exited', exitReason: 'withdrew' },
  }),
  'POST /api/v1/tickets': (c) => ({
    body: { allocationId: c.s.ids.handedAllocation, description: 'Batterie faible' },
  }),
  'PATCH /api/v1/tickets/{id}': () => ({ body: { status: 'in_progress' } }),
  'POST /api/v1/tickets/{id}/swap': (c) => ({ body: { deviceId: c.s.ids.spareReadyDevices[0] } }),
  'POST /api/v1/handover-events': (c) => ({ body: { programmeId: c.s.ids.programme, heldOn: today() } }),
  'POST /api/v1/handover-events/{id}/allocations': (c) => ({
    body: { allocationIds: [c.s.ids.eventAllocation] },
  }),
  'DELETE /api/v1/handover-events/{id}/allocations/{allocationId}': async (c) => {
    // Put back on the list before each row, so an allowed caller always has it to take off.
    const { handoverEvent, eventAllocation } = c.s.ids;
    await c.s.members.manager.client.post(`/handover-events/${handoverEvent}/allocations`, {
      allocationIds: [eventAllocation],
    });
    return { params: { id: handoverEvent, allocationId: eventAllocation } };
  },
  'POST /api/v1/handover-events/{id}/handover': async (c) => {
    // The allocation put back on the list (the route that takes it off left it off).
    const { handoverEvent, eventAllocation } = c.s.ids;
    await c.s.members.manager.client.post(`/handover-events/${handoverEvent}/allocations`, {
      allocationIds: [eventAllocation],
    });
    return { params: { id: handoverEvent }, body: { signedOnPaper: true } };
  },
  'GET /api/v1/allocations/{id}/documents/{name}': (c) => ({
    params: { id: c.s.ids.handedAllocation, name: 'loan-agreement.pdf' },
  }),
  'GET /api/v1/programmes/{id}/subsidy-statement.pdf': (c) => ({
    url: `/api/v1/programmes/${c.s.ids.programme}/subsidy-statement.pdf?funderOrganisationId=${c.s.orgs.funder}&from=${year}-01-01&to=${year}-12-31`,
  }),
  'POST /api/v1/allocations': (c) => ({
    body: {
      programmeId: c.s.ids.programme,
      beneficiaryId: c.s.ids.beneficiary3,
      deviceId: c.s.ids.readyDevice,
    },
  }),
  'POST /api/v1/allocations/{id}/handover': (c) => ({
    params: { id: c.s.ids.reservedAllocation },
    body: { signedOnPaper: true },
  }),
  'POST /api/v1/allocations/{id}/cancellation': async (c) => ({
    // The reservation made by 'POST /allocations' (the world's was handed over just before).
    params: {
      id: await fresh('cancellation', c, async () => {
        const { rows } = await c.t.database.pool.query<{ id: string }>(
          `SELECT id FROM allocations WHERE device_id = $1 AND status = 'reserved'`,
          [c.s.ids.readyDevice],
        );
        return rows[0]?.id ?? c.s.ids.reservedAllocation;
      }),
    },
    body: { reason: 'Erreur de saisie' },
  }),
  'POST /api/v1/allocations/{id}/handover-cancellation': (c) => ({
    // The handover made just before by 'POST /allocations/{id}/handover' (the loan of the world's first
    // handover was returned).
    params: { id: c.s.ids.reservedAllocation },
    body: { reason: 'Erreur de saisie' },
  }),
  'POST /api/v1/loans/{id}/return': () => ({ body: { condition: 'Bon état' } }),
  'GET /api/v1/public/loans/{token}': tokenParam('GET /api/v1/public/loans/{token}', (c) =>
    loanReportToken(c.s),
  ),
  'POST /api/v1/public/loans/{token}/tickets': async (c) => ({
    params: {
      token: await realToken('POST /api/v1/public/loans/{token}/tickets', c, () => loanReportToken(c.s)),
    },
    body: { description: 'Ne démarre plus' },
  }),
  'POST /api/v1/internet-aids': (c) => ({
    body: {
      programmeId: c.s.ids.programme,
      beneficiaryId: c.s.ids.beneficiary,
      amountCents: 1000,
      months: 1,
    },
  }),
  'POST /api/v1/workshops': (c) => ({ body: { programmeId: c.s.ids.programme, title: unique('Atelier ') } }),
  'PATCH /api/v1/workshops/{id}': () => ({ body: { place: 'Médiathèque' } }),
  'POST /api/v1/workshops/{id}/cancellation': () => ({ body: { reason: 'Formateur absent' } }),
  'POST /api/v1/workshops/{id}/sessions': () => ({
    body: { startsAt: `${year + 1}-04-06T09:00:00+02:00`, endsAt: `${year + 1}-04-06T11:00:00+02:00` },
  }),
  'POST /api/v1/workshops/{id}/sessions/recurrence': () => ({
    body: {
      weekdays: [2],
      startTime: '14:00',
      endTime: '16:00',
      firstDay: `${year + 1}-05-05`,
      weeks: 2,
      preview: true,
    },
  }),
  'PATCH /api/v1/sessions/{id}': () => ({ body: { place: 'Salle 2', notify: false } }),
  'POST /api/v1/sessions/{id}/cancellation': () => ({
    body: { reason: 'Salle indisponible', notify: false },
  }),
  'PUT /api/v1/sessions/{id}/attendance': (c) => ({
    params: { id: c.s.ids.pastSession },
    body: { presentBeneficiaryIds: [c.s.ids.beneficiary] },
  }),
  'POST /api/v1/sessions/{id}/cheques': (c) => ({
    params: { id: c.s.ids.pastSession },
    body: chequeBody(c.s),
  }),
  'PATCH /api/v1/cheques/{id}': () => ({ body: { expiresOn: `${year + 1}-06-30` } }),
  'DELETE /api/v1/cheques/{id}': async (c) => ({ params: { id: await newCheque(c.s) } }),
  'POST /api/v1/organisations/{id}/cheque-batches': async (c) => ({
    body: { issuer: 'regional', chequeIds: [await newCheque(c.s)] },
  }),
  'POST /api/v1/cheque-batches/{id}/reimbursement': () => ({
    body: { reimbursedOn: today(), reimbursedCents: 0, rejected: [] },
  }),
  'POST /api/v1/workshops/{id}/enrolments': (c) => ({ body: { beneficiaryId: c.s.ids.beneficiary2 } }),
  'POST /api/v1/enrolments/{id}/withdrawal': () => ({ body: {} }),
  'POST /api/v1/skills-assessments': (c) => ({
    body: {
      beneficiaryId: c.s.ids.beneficiary,
      organisationId: c.s.orgs.main,
      stage: 'entry',
      autonomous: false,
    },
  }),
  'PUT /api/v1/organisations/{id}/competence-grid': () => ({
    body: { areas: [{ code: 'web', label: 'Naviguer' }], maxLevel: 3 },
  }),
  'POST /api/v1/activities': (c) => ({
    body: { organisationId: c.s.orgs.main, durationMinutes: 60, participants: 8, placeType: 'venue' },
  }),
  'GET /api/v1/networks/{coordinatorId}/members': (c) => ({
    params: { coordinatorId: c.s.orgs.coordinator },
  }),
  'PUT /api/v1/networks/{coordinatorId}/members/{organisationId}': (c) => ({
    params: { coordinatorId: c.s.orgs.coordinator, organisationId: c.s.orgs.main },
  }),
  'DELETE /api/v1/networks/{coordinatorId}/members/{organisationId}': async (c) => {
    // Each row ends a membership agreed again just before, so an allowed caller always has one to end.
    const { coordinator, main } = c.s.orgs;
    await c.s.coordinatorAdmin.client.put(`/networks/${coordinator}/members/${main}`);
    await c.s.members.admin.client.put(`/networks/${coordinator}/members/${main}`);
    return { params: { coordinatorId: coordinator, organisationId: main } };
  },
  'GET /api/v1/networks': (c) => ({ url: `/api/v1/networks?organisationId=${c.s.orgs.main}` }),
  'GET /api/v1/reports/network': (c) => ({
    url: `/api/v1/reports/network?coordinatorOrganisationId=${c.s.orgs.coordinator}`,
  }),
  'GET /api/v1/reports/network.pdf': (c) => ({
    url: `/api/v1/reports/network.pdf?coordinatorOrganisationId=${c.s.orgs.coordinator}`,
  }),
  'GET /api/v1/reports/network.csv': (c) => ({
    url: `/api/v1/reports/network.csv?coordinatorOrganisationId=${c.s.orgs.coordinator}`,
  }),
  'PUT /api/v1/programmes/{id}/portal': () => ({
    body: { open: true, maxDevicesPerYear: 5, maxOpenOrders: 3 },
  }),
  'GET /api/v1/public/portal/programmes/{id}': (c) => ({ params: { id: c.s.ids.programme } }),
  'POST /api/v1/programmes/{id}/budget-lines': () => ({ body: budgetLineBody() }),
  'PATCH /api/v1/budget-lines/{id}': () => ({ body: { plannedCents: 130_000 } }),
  'DELETE /api/v1/budget-lines/{id}': async (c) => ({ params: { id: await newBudgetLine(c.s) } }),
  'POST /api/v1/programmes/{id}/fundings': () => ({
    body: { funderName: unique('Fonds européens '), requestedCents: 20_000 },
  }),
  'PATCH /api/v1/fundings/{id}': () => ({ body: { note: 'Convention signée' } }),
  'DELETE /api/v1/fundings/{id}': async (c) => ({ params: { id: await newFunding(c.s) } }),
  'POST /api/v1/fundings/{id}/payments': () => ({ body: { receivedOn: today(), amountCents: 100 } }),
  'DELETE /api/v1/funding-payments/{id}': async (c) => ({ params: { id: await newFundingPayment(c.s) } }),
  'PUT /api/v1/organisations/{id}/workforce/settings': () => ({
    body: {
      skills: [{ key: 'diagnostic', label: 'Diagnostic' }, { label: 'Remontage' }],
      maxLevel: 3,
      stepMinutes: { diagnosed: 20, wiped: 15, refurbished: 60, qualityChecked: 15 },
    },
  }),
  'POST /api/v1/organisations/{id}/workforce/contracts': async (c) => ({
    body: {
      userId: await invitedMember(c.s),
      contractType: 'pec',
      startsOn: `${year}-01-01`,
      weeklyMinutes: 1200,
    },
  }),
  'PATCH /api/v1/workforce-contracts/{id}': () => ({ body: { weeklyMinutes: 1500 } }),
  'DELETE /api/v1/workforce-contracts/{id}': async (c) => ({
    params: { id: await newWorkforceContract(c.s) },
  }),
  'POST /api/v1/organisations/{id}/workforce/clauses': () => ({
    body: { name: 'Marché', requiredHours: 200, startsOn: `${year}-01-01`, endsOn: `${year}-12-31` },
  }),
  'PATCH /api/v1/insertion-clauses/{id}': () => ({ body: { requiredHours: 600 } }),
  'DELETE /api/v1/insertion-clauses/{id}': async (c) => ({ params: { id: await newInsertionClause(c.s) } }),
  'PUT /api/v1/organisations/{id}/workforce/people/{userId}/weeks/{weekStart}': (c) => ({
    params: { userId: c.s.members.technician.userId, weekStart: workforceWeek() },
    body: { minutes: 1500 },
  }),
  'DELETE /api/v1/organisations/{id}/workforce/people/{userId}/weeks/{weekStart}': (c) => ({
    params: { userId: c.s.members.technician.userId, weekStart: workforceWeek() },
  }),
  'POST /api/v1/organisations/{id}/workforce/people/{userId}/skill-levels': () => ({
    body: { skillKey: 'diagnostic', level: 1, assessedOn: today() },
  }),
  'PUT /api/v1/programmes/{id}/census-settings': () => ({ body: { publicOpen: true } }),
  'GET /api/v1/public/programmes/{id}/census': (c) => ({ params: { id: c.s.ids.programme } }),
  'POST /api/v1/public/programmes/{id}/needs': (c) => ({
    params: { id: c.s.ids.programme },
    body: { kind: 'person', deviceNeed: 'tablet', town: 'Orléans', reason: 'Garder le lien' },
  }),
  'POST /api/v1/programmes/{id}/needs': (c) => ({
    body: {
      kind: 'person',
      deviceNeed: 'laptop',
      town: 'Orléans',
      registeredByOrganisationId: c.s.orgs.main,
    },
  }),
  'POST /api/v1/programmes/{id}/needs/referrals': async (c) => ({
    body: { needIds: [await newNeed(c.s, c.side)] },
  }),
  'PATCH /api/v1/needs/{id}': () => ({ body: { reason: 'Recherche d’emploi' } }),
  'POST /api/v1/needs/{id}/withdraw': async (c) => ({ params: { id: await newNeed(c.s, c.side) } }),
  'POST /api/v1/needs/{id}/referral': async (c) => ({ params: { id: await newNeed(c.s, c.side) } }),
  'POST /api/v1/public/portal/programmes/{id}/registrations': (c) => ({
    params: { id: c.s.ids.programme },
    body: {
      name: unique('Association '),
      rna: `W45${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
      address: '1 rue de la Paix',
      postcode: '45000',
      city: 'Orléans',
      activity: 'Aide aux devoirs et accès au numérique.',
      peopleServed: 40,
      contactName: 'Contact',
      contactEmail: `${unique('asso')}@example.org`,
    },
  }),
  'POST /api/v1/association-registrations/{id}/refuse': async (c) => ({
    // A registration of its own, confirmed (the world's was approved by the route before).
    params: { id: await fresh('registration to refuse', c, () => confirmedRegistration(c.t, c.s)) },
    body: { reason: 'Hors du territoire' },
  }),
  'POST /api/v1/portal/programmes/{id}/orders': () => ({
    body: { lines: [{ deviceType: 'laptop', quantity: 1 }] },
  }),
  'POST /api/v1/portal/orders/{id}/refuse': async (c) => ({
    // An order of its own, submitted (the world's was taken to the end by the routes before).
    params: { id: await fresh('order to refuse', c, () => submittedOrder(c.s)) },
    body: { reason: 'Stock épuisé' },
  }),
  'POST /api/v1/portal/orders/{id}/prepare': () => ({ body: {} }),
  'POST /api/v1/portal/orders/{id}/hand-over': () => ({ body: {} }),
  'POST /api/v1/portal/orders/{id}/cancel': async (c) => ({
    params: { id: await fresh('order to cancel', c, () => submittedOrder(c.s)) },
    body: { reason: 'Plus besoin' },
  }),
  'POST /api/v1/portal/orders/{id}/devices/{allocationId}/tickets': (c) => ({
    params: { id: c.s.ids.handedOrder, allocationId: c.s.ids.handedOrderAllocation },
    body: { description: 'Écran cassé' },
  }),
  'PUT /api/v1/programmes/{id}/follow-up-settings': () => ({
    body: { months: [3, 6, 12], reminderDays: 14 },
  }),
  'POST /api/v1/follow-ups/{id}/answers': () => ({ body: answers }),
  'GET /api/v1/follow-ups/{id}/letter': (c) => ({ params: { id: c.s.ids.letterFollowUp } }),
  'GET /api/v1/public/follow-ups/{token}': tokenParam('GET /api/v1/public/follow-ups/{token}', (c) =>
    followUpToken(c.t, c.s),
  ),
  'POST /api/v1/public/follow-ups/{token}/answers': async (c) => ({
    params: {
      token: await realToken('POST /api/v1/public/follow-ups/{token}/answers', c, () =>
        followUpToken(c.t, c.s),
      ),
    },
    body: answers,
  }),
  'POST /api/v1/public/portal/confirmations/{token}': tokenParam(
    'POST /api/v1/public/portal/confirmations/{token}',
    (c) => portalConfirmationToken(c.t, c.s),
  ),
};

/** Routes run after all others, in this order: they change what other rows rely on. */
const LAST = [
  'POST /api/v1/allocations/{id}/handover',
  'POST /api/v1/allocations/{id}/cancellation',
  'POST /api/v1/tickets/{id}/swap',
  'POST /api/v1/loans/{id}/return',
  'POST /api/v1/allocations/{id}/handover-cancellation',
  'POST /api/v1/handover-events/{id}/handover',
  'POST /api/v1/portal/orders/{id}/approve',
  'POST /api/v1/portal/orders/{id}/prepare',
  'POST /api/v1/portal/orders/{id}/hand-over',
  'POST /api/v1/portal/orders/{id}/refuse',
  'POST /api/v1/portal/orders/{id}/cancel',
  'POST /api/v1/association-registrations/{id}/approve',
  'POST /api/v1/association-registrations/{id}/refuse',
  'POST /api/v1/sessions/{id}/cancellation',
  'POST /api/v1/enrolments/{id}/withdrawal',
  'POST /api/v1/workshops/{id}/cancellation',
  'POST /api/v1/referrals/{id}/status',
  'POST /api/v1/beneficiaries/{id}/consents/{consentId}/withdrawal',
  'POST /api/v1/beneficiaries/{id}/merge',
  'DELETE /api/v1/networks/{coordinatorId}/members/{organisationId}',
];

/**
 * Routes that end the caller's sessions, or turn its second factor on or off: each row uses a new account
 * like the caller's.
 */
const FRESH_ACCOUNT = new Set([
  'DELETE /api/v1/session',
  'DELETE /api/v1/sessions',
  'PUT /api/v1/me/password',
  'POST /api/v1/me/totp/confirm',
  'DELETE /api/v1/me/totp',
]);

/** The value of a path parameter, from the access rule's resource or by its name. */
function paramValue(name: string, access: Access, c: Ctx): string {
  const ids = c.s.ids;
  if (access.kind === 'organisation' && access.param === name && (access.in ?? 'path') === 'path') {
    if (access.resource === 'organisation') return c.s.orgs.main;
    if (access.resource === 'member') return ids.member;
    return ids[access.resource] as string;
  }
  switch (name) {
    case 'id':
      return c.s.orgs.main;
    case 'userId':
      return ids.member;
    case 'token':
      return BOGUS_TOKEN;
    case 'allocationId':
      return ids.eventAllocation;
    case 'coordinatorId':
      return c.s.orgs.coordinator;
    case 'organisationId':
      return c.s.orgs.main;
    default:
      throw new Error(`no value for {${name}}`);
  }
}

export async function buildRequest(
  route: string,
  rule: RouteRule,
  c: Ctx,
): Promise<Request & { method: Method }> {
  const [method, path] = route.split(' ') as [Method, string];
  const built = (await builders[route]?.(c)) ?? {};
  const params = built.params ?? {};
  const url =
    built.url ??
    path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(params[name] ?? paramValue(name, rule.access, c)),
    );
  const body = built.body ?? (method === 'GET' || method === 'DELETE' ? undefined : {});
  return { method, url, body, ...(built.headers ? { headers: built.headers } : {}) };
}

// ---------------------------------------------------------------------------------------------------
// What the map says each caller gets.

export type Expected = { statuses: readonly number[]; kind: 'success' | '401' | '403' | '404' };

export function expectedFor(rule: RouteRule, caller: Caller, side: Side): Expected {
  const success = { statuses: rule.success, kind: 'success' } as const;
  const { access } = rule;
  if (!caller.client) return access.kind === 'public' ? success : { statuses: [401], kind: '401' };
  if (caller.platformAdmin && rule.platformAdmin) return { statuses: rule.platformAdmin, kind: 'success' };
  switch (access.kind) {
    case 'public':
    case 'signedIn':
      return success;
    case 'self':
      return access.param && side === 'B' ? { statuses: [404], kind: '404' } : success;
    case 'platformAdmin':
      return caller.platformAdmin ? success : { statuses: [403], kind: '403' };
    case 'anyAdmin':
      return caller.platformAdmin || caller.role === 'admin' ? success : { statuses: [403], kind: '403' };
    case 'organisation': {
      if (caller.platformAdmin) return success;
      if (access.gate && !(caller.role && access.gate.includes(caller.role)))
        return { statuses: [403], kind: '403' };
      if (Object.keys(access.see).length === 0) return success;
      if (side === 'B' || !caller.slot || !caller.role) return { statuses: [404], kind: '404' };
      if (!access.see[caller.slot]?.includes(caller.role)) return { statuses: [404], kind: '404' };
      if (!access.act[caller.slot]?.includes(caller.role)) return { statuses: [403], kind: '403' };
      return success;
    }
  }
}

/** Whether the route's answer depends on whose resource it names (else one row per caller). */
export function hasSides(access: Access): boolean {
  return access.kind === 'organisation' || (access.kind === 'self' && access.param !== undefined);
}

/** Every route of the OpenAPI document, as "METHOD /path". */
export function documentedRoutes(t: TestApp): string[] {
  const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/** The routes of a document that the map does not declare (what the test reports by name). */
export function undeclared(routes: string[], map: Record<string, RouteRule>): string[] {
  return routes.filter((route) => !(route in map));
}

/** Routes that answer a file (PDF, CSV, XLSX, calendar, image): walked in a file of their own. */
export function isDocumentRoute(route: string): boolean {
  return /\.(pdf|csv|xlsx|ics|png)$|\{name\}$/.test(route);
}

/** The map's routes in walking order: those in LAST after all others. */
export function orderedRoutes(keep: (route: string) => boolean): string[] {
  return [
    ...Object.keys(permissionMap).filter((route) => !LAST.includes(route)),
    ...LAST.filter((route) => route in permissionMap),
  ].filter(keep);
}

export interface Walk {
  t: TestApp;
  w: World;
  callers: Caller[];
  /** Cases checked, by what the map expected, and the statuses of the allowed ones. */
  tally: {
    rows: number;
    byKind: Record<string, number>;
    byStatus: Record<string, number>;
    /** Routes whose allowed callers got something else than 2xx (a rule, a state, a public route's refusal). */
    notTwoHundreds: Record<string, number[]>;
    /** Routes declared refusal-only, walked (no allowed caller can succeed: the map says why). */
    refusalOnly: string[];
  };
}

const ASSOCIATION_PASSWORD = 'une phrase de passe solide';

/** A test app with the two-sided world and its callers. */
export async function startWalk(): Promise<Walk> {
  const t = await startTestApp();
  const w = await buildWorld(t);
  const admin = walkClient(t, await t.admin());
  const callers: Caller[] = [
    {
      label: 'anonymous',
      slot: null,
      role: null,
      platformAdmin: false,
      client: null,
      password: '',
      organisationId: null,
    },
    {
      label: 'platform admin',
      slot: null,
      role: null,
      platformAdmin: true,
      client: admin,
      password: TEST_PASSWORD,
      organisationId: null,
    },
    ...ROLES.map((role) => ({
      label: `A.main ${role}`,
      slot: 'main' as const,
      role,
      platformAdmin: false,
      client: w.A.members[role].client,
      password: TEST_PASSWORD,
      organisationId: w.A.orgs.main,
    })),
    ...(
      [
        ['donor', w.A.donorAdmin],
        ['funder', w.A.funderAdmin],
        ['coordinator', w.A.coordinatorAdmin],
        ['association', w.A.association],
      ] as const
    ).map(([slot, account]) => ({
      label: `A.${slot} admin`,
      slot,
      role: 'admin' as const,
      platformAdmin: false,
      client: account.client,
      password: slot === 'association' ? ASSOCIATION_PASSWORD : TEST_PASSWORD,
      organisationId: w.A.orgs[slot],
    })),
  ];
  return { t, w, callers, tally: { rows: 0, byKind: {}, byStatus: {}, notTwoHundreds: {}, refusalOnly: [] } };
}

/** One line for the test's output: routes, callers and cases, by expectation and by status of success. */
export function summary(walk: Walk | undefined, routes: number): string {
  if (!walk) return 'authorization walk: not run';
  const cases = Object.values(walk.tally.byKind).reduce((a, b) => a + b, 0);
  const others = Object.entries(walk.tally.notTwoHundreds)
    .map(([route, statuses]) => `  ${route}: ${[...new Set(statuses)].sort().join(', ')}`)
    .join('\n');
  const refusalOnly = walk.tally.refusalOnly
    .map((route) => `  ${route}: ${permissionMap[route]?.refusalOnly}`)
    .join('\n');
  return `authorization walk: ${routes} routes × ${walk.callers.length} callers, ${cases} cases; expected ${JSON.stringify(walk.tally.byKind)}; allowed answered ${JSON.stringify(walk.tally.byStatus)}\n${routes - walk.tally.refusalOnly.length} routes with a 2xx for an allowed caller, ${walk.tally.refusalOnly.length} refusal-only:\n${refusalOnly}\nallowed but not 2xx:\n${others}`;
}

/**
 * Walks one route: every caller on B's resource and on A's (once when the route names none), refusals
 * first and allowed callers last, so a write they make cannot change a refusal. Returns the mismatches.
 */
export async function walkRoute(
  walk: Walk,
  route: string,
  rule: RouteRule = permissionMap[route] as RouteRule,
): Promise<string[]> {
  const { t, w, callers, tally } = walk;
  const allowed: number[] = [];
  let firstRefusal = '';
  const mismatches: string[] = [];
  const rows: { caller: Caller; side: Side; expected: Expected }[] = [];
  for (const caller of callers) {
    for (const side of hasSides(rule.access) && caller.client ? (['B', 'A'] as const) : (['A'] as const))
      rows.push({ caller, side, expected: expectedFor(rule, caller, side) });
  }
  // Members of the organisations before the platform administrator: a write's first success is theirs.
  const order = (row: (typeof rows)[number]) =>
    (row.expected.kind === 'success' ? 2 : 0) + (row.caller.platformAdmin ? 1 : 0);
  rows.sort((a, b) => order(a) - order(b));
  const foreign = w.idsOf('B');
  for (const row of rows) {
    let client = row.caller.client;
    if (client && FRESH_ACCOUNT.has(route)) {
      const user = await t.buildUser(
        row.caller.platformAdmin
          ? { isPlatformAdmin: true }
          : { organisationId: row.caller.organisationId ?? undefined, role: row.caller.role ?? 'viewer' },
      );
      client = walkClient(t, await t.login(user.email));
    }
    const ctx: Ctx = { w, t, side: row.side, s: w[row.side], caller: row.caller, client };
    const request = await buildRequest(route, rule, ctx);
    const res = client
      ? await client.request(request.method, request.url, request.body, request.headers)
      : await t.app.inject({
          method: request.method,
          url: request.url,
          remoteAddress: `10.250.${Math.floor(tally.rows / 250) % 250}.${tally.rows % 250}`,
          ...(request.body === undefined ? {} : { payload: request.body as Record<string, unknown> }),
          ...(request.headers ? { headers: request.headers } : {}),
        });
    tally.rows += 1;
    tally.byKind[row.expected.kind] = (tally.byKind[row.expected.kind] ?? 0) + 1;
    if (row.expected.kind === 'success')
      tally.byStatus[res.statusCode] = (tally.byStatus[res.statusCode] ?? 0) + 1;
    if (row.expected.kind === 'success') allowed.push(res.statusCode);
    if (row.expected.kind === 'success' && res.statusCode >= 300 && !firstRefusal)
      firstRefusal = res.body.slice(0, 200);
    if (row.expected.kind === 'success' && res.statusCode >= 300)
      tally.notTwoHundreds[route] = [...(tally.notTwoHundreds[route] ?? []), res.statusCode];
    if (!row.expected.statuses.includes(res.statusCode)) {
      mismatches.push(
        `${row.caller.label} on ${row.side}'s: expected ${row.expected.statuses.join('|')}, got ${res.statusCode} ${res.body.slice(0, 160)}`,
      );
      continue;
    }
    // A list or a report answers nothing of the other organisation's (the directory of organisations aside).
    if (
      row.caller.client &&
      !row.caller.platformAdmin &&
      res.statusCode === 200 &&
      route !== 'GET /api/v1/organisations' &&
      /json|csv|text/.test(String(res.headers['content-type']))
    ) {
      const leaked = foreign.filter((id) => res.body.includes(id));
      if (leaked.length > 0)
        mismatches.push(`${row.caller.label}: B's ids in the reply: ${leaked.join(', ')}`);
    }
  }
  const success = successCheck(route, rule, allowed);
  if (success) mismatches.push(`${success}; first refusal: ${firstRefusal}`);
  else if (rule.refusalOnly) tally.refusalOnly.push(route);
  return mismatches;
}

/**
 * A route's allowed callers must get a 2xx at least once: else a handler that refuses everyone (409,
 * 422, 404 on a random token…) would pass as "success". A route declared refusal-only (the map says
 * why) must get none, so the declaration goes when the route can succeed. Returns the problem, if any.
 */
export function successCheck(route: string, rule: RouteRule, allowedStatuses: number[]): string | null {
  if (allowedStatuses.length === 0) return null;
  const succeeded = allowedStatuses.some((status) => status >= 200 && status < 300);
  if (!succeeded && !rule.refusalOnly)
    return `${route}: no allowed caller got a 2xx (${[...new Set(allowedStatuses)].join(', ')}); make one succeed, or declare the route refusal-only in the map with the reason`;
  if (succeeded && rule.refusalOnly)
    return `${route}: declared refusal-only (${rule.refusalOnly}) but an allowed caller got a 2xx`;
  return null;
}

// ---------------------------------------------------------------------------------------------------

/** The text of a reply, whatever its format (JSON, CSV, calendar, PDF, XLSX). */
export async function textOf(res: {
  headers: Record<string, unknown>;
  body: string;
  rawPayload: Buffer;
}): Promise<string> {
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('pdf')) return (await readPdf(res.rawPayload)).text;
  if (type.includes('spreadsheet')) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) => {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          cells.push(String(cell.text));
        });
      });
    });
    return cells.join('\n');
  }
  return res.body;
}
