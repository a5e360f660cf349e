/**
 * The authorization test's world: two sides, A and B, each with a main organisation (refurbishes, refers,
 * trains and owns a loan programme) holding a member of every role, and the donor, funder, coordinator
 * and association around it, with one resource of every kind a route's parameter names. Everything is
 * built through the public API (or the services the API calls), as the organisations would.
 *
 * Personal fields carry distinctive strings (`PERSONAL[side]`) so the field-level test can prove that
 * donors, funders and coordinators never receive them.
 */
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Role } from '../../src/lib/actor.ts';
import { ROLES } from '../../src/lib/actor.ts';
import { today } from '../../src/lib/dates.ts';
import { hashToken, randomToken } from '../../src/lib/ids.ts';
import { issueLink } from '../../src/modules/followup/links.ts';
import { outbox } from '../../src/modules/notifications/schema.ts';
import { passwordResets } from '../../src/modules/organisations/schema.ts';
import { codeAt } from '../../src/modules/organisations/totp.ts';
import { associationRegistrations } from '../../src/modules/portal/schema.ts';
import { approvedAssociation, register, registrationBody } from '../../src/modules/portal/test-helpers.ts';
import type { ResourceKind, Slot } from '../../src/server/permission-map.ts';
import { ApiClient, TEST_PASSWORD, type TestApp, unique } from './app.ts';

export type Side = 'A' | 'B';

export const PNG_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** What must never reach a donor, a funder or a coordinator: names, contacts, the social evaluation. */
export const PERSONAL: Record<Side, Record<string, string>> = {
  A: {
    firstName: 'Zéphyrine',
    lastName: 'Quibbleworth',
    email: 'zephyrine.quibbleworth@personne-a.example',
    phone: '06 71 82 93 04',
    postcode: '45170',
    city: 'Neuville-aux-Bois',
    evaluation: 'Évaluation confidentielle : surendettement Xylophage-A',
    contactName: 'Honorine Plumcastle',
    contactEmail: 'honorine.plumcastle@asso-a.example',
    contactPhone: '02 38 47 56 65',
    associationAddress: '7 impasse des Grillons-A',
  },
  B: {
    firstName: 'Anastaze',
    lastName: 'Brindlewick',
    email: 'anastaze.brindlewick@personne-b.example',
    phone: '06 19 28 37 46',
    postcode: '18000',
    city: 'Bourges',
    evaluation: 'Évaluation confidentielle : rupture familiale Xylophage-B',
    contactName: 'Philibert Moorcroft',
    contactEmail: 'philibert.moorcroft@asso-b.example',
    contactPhone: '02 48 11 22 33',
    associationAddress: '9 impasse des Grillons-B',
  },
};

export interface Account {
  userId: string;
  email: string;
  client: WalkClient;
}

export interface SideWorld {
  orgs: Record<Slot, string>;
  /** Members of the main organisation, one per role. */
  members: Record<Role, Account>;
  /** An administrator of each other organisation. */
  donorAdmin: Account;
  funderAdmin: Account;
  coordinatorAdmin: Account;
  association: Account;
  ids: Record<ResourceKind, string> & {
    readyDevice: string;
    spareReadyDevices: string[];
    handedAllocation: string;
    reservedAllocation: string;
    eventAllocation: string;
    beneficiary2: string;
    beneficiary3: string;
    assetTag: string;
    mainUserOfMembers: string;
    /** An association order handed over, and the allocation of its device. */
    handedOrder: string;
    handedOrderAllocation: string;
    /** A session of the workshop held yesterday: its attendance can be taken. */
    pastSession: string;
    /** A follow-up of the handover other than `followUp`, left to the person's own answer. */
    spareFollowUp: string;
    /** A third follow-up, due, for its letter. */
    letterFollowUp: string;
  };
}

export interface World {
  t: TestApp;
  A: SideWorld;
  B: SideWorld;
  /** Every id of a side's world (to prove none of B's appears in what A's members receive). */
  idsOf(side: Side): string[];
}

const year = Number(today().slice(0, 4));
let ipCounter = 0;

/** A client whose requests come from varied addresses, so the global rate limit never answers 429. */
export class WalkClient extends ApiClient {
  override request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers = {},
  ) {
    ipCounter += 1;
    return this.appRef.inject({
      method,
      url: url.startsWith('/api') ? url : `/api/v1${url}`,
      headers: { ...this.headers, ...headers },
      remoteAddress: `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`,
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
  }
  constructor(
    private readonly appRef: TestApp['app'],
    headers: Record<string, string> = {},
  ) {
    super(appRef, headers);
  }
}

export function walkClient(t: TestApp, client: ApiClient): WalkClient {
  return new WalkClient(t.app, client.headers);
}

async function ok<T = Record<string, unknown>>(
  res: Promise<{ statusCode: number; body: string; json: () => unknown }>,
  status: number | number[] = [200, 201],
): Promise<T> {
  const r = await res;
  expect([status].flat(), `${r.statusCode} ${r.body}`).toContain(r.statusCode);
  return (r.body ? r.json() : {}) as T;
}

async function account(t: TestApp, organisationId: string, role: Role): Promise<Account> {
  const { user, client } = await t.member(organisationId, role);
  return { userId: user.id, email: user.email, client: walkClient(t, client) };
}

async function readyDevice(
  tech: ApiClient,
  donationId: string,
  locationId: string,
): Promise<{ id: string; assetTag: string }> {
  const device = await ok<{ id: string; assetTag: string }>(
    tech.post('/devices', { type: 'laptop', storageGb: 0, donationId, locationId, brand: 'Lenovo' }),
  );
  for (const status of ['diagnosed', 'refurbishing', 'ready'])
    await ok(tech.post(`/devices/${device.id}/status`, { status }));
  await ok(tech.patch(`/devices/${device.id}`, { grade: 'A' }));
  return device;
}

async function buildSide(t: TestApp, side: Side): Promise<SideWorld> {
  const p = PERSONAL[side];
  const mainOrg = await t.buildOrganisation({
    name: `Centre ${side}`,
    kinds: ['refurbisher', 'prescriber', 'trainer'],
  });
  const donor = await t.buildOrganisation({ name: `Donateur ${side}`, kinds: ['donor'] });
  const funder = await t.buildOrganisation({ name: `Financeur ${side}`, kinds: ['funder'] });
  const coordinator = await t.buildOrganisation({ name: `Réseau ${side}`, kinds: ['coordinator'] });
  const members = {} as Record<Role, Account>;
  for (const role of ROLES) members[role] = await account(t, mainOrg.id, role);
  const donorAdmin = await account(t, donor.id, 'admin');
  const funderAdmin = await account(t, funder.id, 'admin');
  const coordinatorAdmin = await account(t, coordinator.id, 'admin');
  const { manager, technician: tech, social_worker: sw, trainer, admin } = members;

  await ok(admin.client.put(`/organisations/${mainOrg.id}/logo`, { image: PNG_DATA_URL }));
  // Network: the coordinator invites, the main organisation accepts.
  await ok(coordinatorAdmin.client.put(`/networks/${coordinator.id}/members/${mainOrg.id}`));
  await ok(admin.client.put(`/networks/${coordinator.id}/members/${mainOrg.id}`));

  // Stock
  const location = await ok<{ id: string }>(
    manager.client.post('/locations', { organisationId: mainOrg.id, name: `Étagère ${side}` }),
  );
  const donation = await ok<{ id: string }>(
    tech.client.post('/donations', {
      donorOrganisationId: donor.id,
      refurbisherOrganisationId: mainOrg.id,
      declaredCount: 10,
    }),
  );
  const device = await ok<{ id: string; assetTag: string }>(
    tech.client.post('/devices', {
      type: 'laptop',
      storageGb: 128,
      storageType: 'ssd',
      donationId: donation.id,
    }),
  );
  await ok(
    tech.client.post(`/devices/${device.id}/erasures`, {
      method: 'NIST 800-88 purge',
      level: 'purge',
      verified: true,
      result: 'passed',
      capacityGb: 128,
      operatorName: 'Atelier',
    }),
  );
  const ready: string[] = [];
  for (let i = 0; i < 9; i += 1) ready.push((await readyDevice(tech.client, donation.id, location.id)).id);

  // Programme: a loan with an internet aid and a subsidy from the funder.
  const programme = await ok<{ id: string }>(
    manager.client.post('/programmes', {
      name: `Prêt solidaire ${side}`,
      mode: 'loan',
      startsOn: `${year - 1}-01-01`,
      endsOn: `${year + 1}-12-31`,
      loanMonths: 12,
      loanRenewable: true,
      loanMaxRenewals: 5,
      maxDevicesPerPerson: 3,
      internetAid: { amountCents: 3000, months: 12, funderOrganisationId: funder.id },
      subsidies: [{ funderOrganisationId: funder.id, amountCents: 5000 }],
    }),
  );
  await ok(
    manager.client.put(`/programmes/${programme.id}/portal`, {
      open: true,
      maxDevicesPerYear: 5,
      maxOpenOrders: 3,
    }),
  );

  // People
  const personBody = (suffix: string) => ({
    kind: 'person',
    firstName: `${p.firstName}${suffix}`,
    lastName: `${p.lastName}${suffix}`,
    email: suffix ? `${suffix.toLowerCase()}.${p.email}` : p.email,
    phone: p.phone,
    postcode: p.postcode,
    city: p.city,
    birthYear: 1970,
    incomeSituation: 'rsa',
    referringOrganisationId: mainOrg.id,
    consent: { givenOn: `${year - 1}-01-01`, covers: ['referral', 'follow_up', 'partners'] },
  });
  const person = await ok<{ id: string }>(sw.client.post('/beneficiaries', personBody('')));
  const person2 = await ok<{ id: string }>(sw.client.post('/beneficiaries', personBody('Deux')));
  const person3 = await ok<{ id: string }>(sw.client.post('/beneficiaries', personBody('Trois')));
  const consent = (await ok<{ consents: { id: string }[] }>(sw.client.get(`/beneficiaries/${person.id}`)))
    .consents[0]?.id;
  const referral = await ok<{ id: string }>(
    sw.client.post('/referrals', {
      beneficiaryId: person.id,
      programmeId: programme.id,
      socialEvaluation: p.evaluation,
    }),
  );
  await ok(
    sw.client.post('/referrals', {
      beneficiaryId: person2.id,
      programmeId: programme.id,
      socialEvaluation: p.evaluation,
    }),
  );
  await ok(sw.client.post('/referrals', { beneficiaryId: person3.id, programmeId: programme.id }));

  // Needs census: the public page open, and a named need registered by the main organisation.
  await ok(manager.client.put(`/programmes/${programme.id}/census-settings`, { publicOpen: true }));
  const need = await ok<{ id: string }>(
    sw.client.post(`/programmes/${programme.id}/needs`, needBody(p, mainOrg.id)),
  );

  // Insertion workforce: a skills grid, the technician's insertion contract, a clause and last week's hours.
  const workforce = `/organisations/${mainOrg.id}/workforce`;
  await ok(
    manager.client.put(`${workforce}/settings`, {
      skills: [{ label: 'Diagnostic' }],
      maxLevel: 3,
      stepMinutes: { diagnosed: 20, wiped: 15, refurbished: 60, qualityChecked: 15 },
    }),
  );
  const workforceContract = await ok<{ id: string }>(
    manager.client.post(`${workforce}/contracts`, {
      userId: tech.userId,
      contractType: 'cddi',
      startsOn: `${year - 1}-01-01`,
      weeklyMinutes: 1560,
    }),
  );
  const insertionClause = await ok<{ id: string }>(
    manager.client.post(`${workforce}/clauses`, {
      name: `Marché public ${side}`,
      requiredHours: 500,
      startsOn: `${year - 1}-01-01`,
      endsOn: `${year + 1}-12-31`,
    }),
  );
  await ok(
    manager.client.put(`${workforce}/people/${tech.userId}/weeks/${workforceWeek()}`, {
      minutes: 1560,
      clauseId: insertionClause.id,
    }),
  );

  // Distribution: one handed over (a loan, follow-ups, a ticket, an internet aid), one reserved, one on an event's list.
  const handed = await ok<{ id: string }>(
    manager.client.post('/allocations', {
      programmeId: programme.id,
      beneficiaryId: person.id,
      deviceId: ready[0],
    }),
  );
  const handover = await ok<{ loan: { id: string } | null }>(
    manager.client.post(`/allocations/${handed.id}/handover`, { signature: PNG_DATA_URL }),
  );
  const loanId = handover.loan?.id ?? '';
  const reserved = await ok<{ id: string }>(
    manager.client.post('/allocations', {
      programmeId: programme.id,
      beneficiaryId: person2.id,
      deviceId: ready[1],
    }),
  );
  const onEvent = await ok<{ id: string }>(
    manager.client.post('/allocations', {
      programmeId: programme.id,
      beneficiaryId: person2.id,
      deviceId: ready[2],
    }),
  );
  const event = await ok<{ id: string }>(
    manager.client.post('/handover-events', {
      programmeId: programme.id,
      heldOn: today(),
      place: 'Salle des fêtes',
    }),
  );
  await ok(manager.client.post(`/handover-events/${event.id}/allocations`, { allocationIds: [onEvent.id] }));
  const ticket = await ok<{ id: string }>(
    sw.client.post('/tickets', { allocationId: handed.id, description: 'L’écran clignote' }),
  );
  await ok(
    sw.client.post('/internet-aids', {
      programmeId: programme.id,
      beneficiaryId: person.id,
      amountCents: 3000,
      months: 12,
    }),
  );
  const followUps = await ok<{ id: string }[]>(sw.client.get(`/beneficiaries/${person.id}/follow-ups`));
  // The first and the last follow-ups made due (their months have not passed): the staff answer one and
  // print the other's letter.
  await t.database.pool.query(`UPDATE follow_ups SET due_on = current_date - 1 WHERE id = ANY($1::uuid[])`, [
    [followUps[0]?.id, followUps[2]?.id],
  ]);

  // Training
  const workshop = await ok<{ id: string }>(
    trainer.client.post('/workshops', {
      programmeId: programme.id,
      title: `Premiers pas ${side}`,
      capacity: 10,
    }),
  );
  const session = await ok<{ id: string }>(
    trainer.client.post(`/workshops/${workshop.id}/sessions`, {
      startsAt: `${year + 1}-03-02T09:00:00+01:00`,
      endsAt: `${year + 1}-03-02T11:00:00+01:00`,
    }),
  );
  const enrolment = await ok<{ id: string }>(
    sw.client.post(`/workshops/${workshop.id}/enrolments`, { beneficiaryId: person.id }),
  );
  // Planned like any session, then moved to yesterday (a session cannot be planned in the past).
  const pastSession = await ok<{ id: string }>(
    trainer.client.post(`/workshops/${workshop.id}/sessions`, {
      startsAt: `${year + 1}-03-09T09:00:00+01:00`,
      endsAt: `${year + 1}-03-09T11:00:00+01:00`,
    }),
  );
  await t.database.pool.query(
    `UPDATE workshop_sessions SET starts_at = now() - interval '1 day', ends_at = now() - interval '22 hours'
      WHERE id = $1`,
    [pastSession.id],
  );
  // Training cheques received at that session: one pending, one sent in a batch.
  const cheques = await ok<{ items: { id: string }[] }>(
    trainer.client.post(`/sessions/${pastSession.id}/cheques`, {
      beneficiaryId: person.id,
      issuer: 'regional',
      issuerName: 'Région',
      numbers: [`RC-${side}-1`, `RC-${side}-2`],
      valueCents: 10000,
      expiresOn: `${year + 1}-12-31`,
    }),
  );
  const chequeBatch = await ok<{ id: string }>(
    manager.client.post(`/organisations/${mainOrg.id}/cheque-batches`, {
      issuer: 'regional',
      chequeIds: [cheques.items[1]?.id],
    }),
  );

  // Budget and co-financing: a line, a granted funding with one payment.
  const budgetLine = await ok<{ id: string }>(
    manager.client.post(`/programmes/${programme.id}/budget-lines`, budgetLineBody()),
  );
  const funding = await ok<{ id: string; payments: { id: string }[] }>(
    manager.client.post(`/programmes/${programme.id}/fundings`, {
      funderOrganisationId: funder.id,
      requestedCents: 100_000_000,
      grantedCents: 100_000_000,
      agreementReference: `CONV-${side}`,
    }),
  );
  const paid = await ok<{ payments: { id: string }[] }>(
    manager.client.post(`/fundings/${funding.id}/payments`, { receivedOn: today(), amountCents: 1000 }),
  );

  // Association portal: a registration waiting for verification, an approved association with an order.
  const pending = registrationBody({
    contactName: p.contactName,
    contactEmail: `pending.${p.contactEmail}`,
    contactPhone: p.contactPhone,
    address: p.associationAddress,
  });
  expect((await register(t, programme.id, pending)).statusCode).toBe(202);
  const confirmMail = await t.database.db
    .select()
    .from(outbox)
    .where(eq(outbox.toAddress, pending.contactEmail));
  const confirmToken =
    /\/associations\/confirmer\/([0-9a-f]{40})/.exec(confirmMail[0]?.textBody ?? '')?.[1] ?? '';
  await ok(t.anonymous.post(`/public/portal/confirmations/${confirmToken}`));
  const [registration] = await t.database.db
    .select()
    .from(associationRegistrations)
    .where(eq(associationRegistrations.confirmTokenHash, hashToken(confirmToken)));
  const association = await approvedAssociation(
    t,
    { organisation: mainOrg, manager: manager.client, refurbisher: mainOrg, technician: tech.client },
    programme.id,
    {
      contactName: p.contactName,
      contactEmail: p.contactEmail,
      contactPhone: p.contactPhone,
      address: p.associationAddress,
    },
  );
  const order = await ok<{ id: string }>(
    association.client.post(`/portal/programmes/${programme.id}/orders`, {
      lines: [{ deviceType: 'laptop', quantity: 1 }],
    }),
  );
  const me = await ok<{ id: string }>(association.client.get('/me'));
  // A second order taken to the end, so a problem can be reported on one of its devices.
  const handedOrder = await ok<{ id: string }>(
    association.client.post(`/portal/programmes/${programme.id}/orders`, {
      lines: [{ deviceType: 'laptop', quantity: 1 }],
    }),
  );
  await ok(manager.client.post(`/portal/orders/${handedOrder.id}/approve`));
  await ok(manager.client.post(`/portal/orders/${handedOrder.id}/prepare`, { deviceIds: [ready[8]] }));
  const orderDone = await ok<{ devices: { allocationId: string }[] }>(
    manager.client.post(`/portal/orders/${handedOrder.id}/hand-over`, {}),
  );

  // What each account owns: a token (the `self` routes), an outbox mail of the main organisation.
  const token = await ok<{ id: string }>(admin.client.post('/tokens', { name: `jeton ${side}` }));
  const mails = await ok<{ items: { id: string }[] }>(admin.client.get('/outbox'));

  return {
    orgs: {
      main: mainOrg.id,
      donor: donor.id,
      funder: funder.id,
      coordinator: coordinator.id,
      association: association.organisationId,
    },
    members,
    donorAdmin,
    funderAdmin,
    coordinatorAdmin,
    association: {
      userId: me.id,
      email: association.body.contactEmail,
      client: walkClient(t, association.client),
    },
    ids: {
      organisation: mainOrg.id,
      member: members.viewer.userId,
      device: device.id,
      assetTag: device.assetTag,
      donation: donation.id,
      location: location.id,
      programme: programme.id,
      beneficiary: person.id,
      beneficiary2: person2.id,
      beneficiary3: person3.id,
      consent: consent ?? '',
      referral: referral.id,
      allocation: handed.id,
      handedAllocation: handed.id,
      reservedAllocation: reserved.id,
      eventAllocation: onEvent.id,
      loan: loanId,
      ticket: ticket.id,
      handoverEvent: event.id,
      workshop: workshop.id,
      budgetLine: budgetLine.id,
      funding: funding.id,
      fundingPayment: paid.payments[0]?.id ?? '',
      session: session.id,
      enrolment: enrolment.id,
      followUp: followUps[0]?.id ?? '',
      registration: registration?.id ?? '',
      order: order.id,
      handedOrder: handedOrder.id,
      handedOrderAllocation: orderDone.devices[0]?.allocationId ?? '',
      pastSession: pastSession.id,
      cheque: cheques.items[0]?.id ?? '',
      chequeBatch: chequeBatch.id,
      spareFollowUp: followUps[1]?.id ?? '',
      letterFollowUp: followUps[2]?.id ?? '',
      coordinator: coordinator.id,
      funder: funder.id,
      donor: donor.id,
      outboxMail: mails.items[0]?.id ?? '',
      need: need.id,
      workforceContract: workforceContract.id,
      insertionClause: insertionClause.id,
      token: token.id,
      readyDevice: ready[3] as string,
      spareReadyDevices: ready.slice(4),
      mainUserOfMembers: members.viewer.userId,
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Real secrets for the public routes that take one in their path, made the way the product makes them.

/** The token of an invitation to a new member of the side's main organisation. */
export async function invitationToken(s: SideWorld): Promise<string> {
  const invited = await ok<{ invitation: { url: string } }>(
    s.members.admin.client.post(`/organisations/${s.orgs.main}/members`, {
      email: `${unique('invitee')}@example.org`,
      name: 'Invitée',
      role: 'viewer',
    }),
  );
  return invited.invitation.url.split('/').pop() ?? '';
}

/**
 * A password reset link of a new account. Without a mail server no reset is written (the link would
 * only wait in the outbox): the row is written as the request would with one.
 */
export async function passwordResetToken(t: TestApp): Promise<string> {
  const user = await t.buildUser();
  const token = randomToken();
  await t.database.db
    .insert(passwordResets)
    .values({ userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 3600_000) });
  return token;
}

/** A new link for the borrower of the side's loan to report a problem (the previous one stops working). */
export async function loanReportToken(s: SideWorld): Promise<string> {
  const link = await ok<{ url: string }>(s.members.manager.client.post(`/loans/${s.ids.loan}/report-link`));
  return link.url.split('/').pop() ?? '';
}

/** A link to the questionnaire of the side's spare follow-up, as a letter carries it. */
export async function followUpToken(t: TestApp, s: SideWorld): Promise<string> {
  return (await issueLink(t.database.db, s.ids.spareFollowUp, 'letter')).token;
}

/** The confirmation link mailed to a new association registering on the side's programme. */
export async function portalConfirmationToken(t: TestApp, s: SideWorld): Promise<string> {
  const body = registrationBody({ contactEmail: `${unique('confirm')}@example.org` });
  expect((await register(t, s.ids.programme, body)).statusCode).toBe(202);
  const [mail] = await t.database.db.select().from(outbox).where(eq(outbox.toAddress, body.contactEmail));
  return /\/associations\/confirmer\/([0-9a-f]{40})/.exec(mail?.textBody ?? '')?.[1] ?? '';
}

/** A new member of the side's main organisation, invited and not yet arrived. */
export async function invitedMember(s: SideWorld): Promise<string> {
  const invited = await ok<{ userId: string }>(
    s.members.admin.client.post(`/organisations/${s.orgs.main}/members`, {
      email: `${unique('invitee')}@example.org`,
      name: 'Invitée',
      role: 'viewer',
    }),
  );
  return invited.userId;
}

/** The week (last week's Monday) whose hours the world's technician has entered. */
export function workforceWeek(): string {
  const day = new Date(`${today()}T12:00:00Z`);
  const monday = new Date(day.getTime() - (((day.getUTCDay() + 6) % 7) + 7) * 86_400_000);
  return monday.toISOString().slice(0, 10);
}

/** A new contract of the side's main organisation, for a new member; returns its id. */
export async function newWorkforceContract(s: SideWorld): Promise<string> {
  const contract = await ok<{ id: string }>(
    s.members.admin.client.post(`/organisations/${s.orgs.main}/workforce/contracts`, {
      userId: await invitedMember(s),
      contractType: 'cdd',
      startsOn: `${year}-01-01`,
      weeklyMinutes: 600,
    }),
  );
  return contract.id;
}

/** A new insertion clause of the side's main organisation; returns its id. */
export async function newInsertionClause(s: SideWorld): Promise<string> {
  const clause = await ok<{ id: string }>(
    s.members.admin.client.post(`/organisations/${s.orgs.main}/workforce/clauses`, {
      name: unique('Clause'),
      requiredHours: 100,
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
    }),
  );
  return clause.id;
}

/** A new device of the side's donation, as received. */
export async function receivedDevice(s: SideWorld): Promise<string> {
  const device = await ok<{ id: string }>(
    s.members.technician.client.post('/devices', { type: 'laptop', donationId: s.ids.donation }),
  );
  return device.id;
}

/** A new device of the side's donation, diagnosed beyond repair: to recycle. */
export async function deviceToRecycle(s: SideWorld): Promise<string> {
  const id = await receivedDevice(s);
  for (const status of ['diagnosed', 'to_recycle'])
    await ok(s.members.technician.client.post(`/devices/${id}/status`, { status }));
  return id;
}

/** A new person of the side, with consent, referred to the side's programme; returns the referral. */
export async function newReferral(s: SideWorld): Promise<{ beneficiaryId: string; referralId: string }> {
  const person = await ok<{ id: string }>(
    s.members.social_worker.client.post('/beneficiaries', newPerson(s)),
  );
  const referral = await ok<{ id: string }>(
    s.members.social_worker.client.post('/referrals', {
      beneficiaryId: person.id,
      programmeId: s.ids.programme,
    }),
  );
  return { beneficiaryId: person.id, referralId: referral.id };
}

/** A named need of the side's person, registered by its main organisation (with consent). */
function needBody(p: Record<string, string>, organisationId: string) {
  return {
    kind: 'person',
    targetGroup: 'household',
    deviceNeed: 'laptop',
    reason: 'Démarches en ligne',
    town: p.city,
    postcode: p.postcode,
    firstName: p.firstName,
    lastName: unique(p.lastName ?? ''),
    email: p.email,
    phone: p.phone,
    consent: true,
    registeredByOrganisationId: organisationId,
  };
}

/** A new named need of the side's programme, registered by its social worker; returns its id. */
export async function newNeed(s: SideWorld, side: Side): Promise<string> {
  const need = await ok<{ id: string }>(
    s.members.social_worker.client.post(
      `/programmes/${s.ids.programme}/needs`,
      needBody(PERSONAL[side], s.orgs.main),
    ),
  );
  return need.id;
}

/** A budget line of the side's programme (this year, entered amounts). */
export function budgetLineBody() {
  return { year, category: 'staff', label: unique('Temps de coordination '), plannedCents: 120_000 };
}

/** A new budget line of the side's programme, made by its manager; returns its id. */
export async function newBudgetLine(s: SideWorld): Promise<string> {
  const client = s.members.manager.client;
  return (
    await ok<{ id: string }>(client.post(`/programmes/${s.ids.programme}/budget-lines`, budgetLineBody()))
  ).id;
}

/** A new funding of the side's programme without payments, made by its manager; returns its id. */
export async function newFunding(s: SideWorld): Promise<string> {
  const client = s.members.manager.client;
  const body = { funderName: unique('Fondation '), requestedCents: 5000 };
  return (await ok<{ id: string }>(client.post(`/programmes/${s.ids.programme}/fundings`, body))).id;
}

/** A new payment on the side's world funding, made by its manager; returns its id. */
export async function newFundingPayment(s: SideWorld): Promise<string> {
  const client = s.members.manager.client;
  const body = { receivedOn: today(), amountCents: 100 };
  const funding = await ok<{ payments: { id: string; amountCents: number }[] }>(
    client.post(`/fundings/${s.ids.funding}/payments`, body),
  );
  return funding.payments[funding.payments.length - 1]?.id ?? '';
}

/** The body of a new person of the side (not referred). */
export function newPerson(s: SideWorld) {
  return {
    kind: 'person',
    firstName: 'Jeanne',
    lastName: unique('Essai'),
    referringOrganisationId: s.orgs.main,
    consent: { givenOn: `${year - 1}-01-01`, covers: ['referral', 'follow_up'] },
  };
}

/** A new order of the side's association for one laptop, submitted. */
export async function submittedOrder(s: SideWorld): Promise<string> {
  const order = await ok<{ id: string }>(
    s.association.client.post(`/portal/programmes/${s.ids.programme}/orders`, {
      lines: [{ deviceType: 'laptop', quantity: 1 }],
    }),
  );
  return order.id;
}

/** A new association registration on the side's programme, confirmed and waiting for the owner. */
export async function confirmedRegistration(t: TestApp, s: SideWorld): Promise<string> {
  const token = await portalConfirmationToken(t, s);
  await ok(t.anonymous.post(`/public/portal/confirmations/${token}`));
  const [registration] = await t.database.db
    .select()
    .from(associationRegistrations)
    .where(eq(associationRegistrations.confirmTokenHash, hashToken(token)));
  return registration?.id ?? '';
}

/** The TOTP code of a secret now, or `steps` steps of 30 s away. */
export function totpCode(secret: string, steps = 0): string {
  return codeAt(secret, new Date(Date.now() + steps * 30_000));
}

/** Starts the second factor's set-up on a signed-in account and returns its secret. */
export async function startTotp(client: ApiClient, password = TEST_PASSWORD): Promise<string> {
  return (await ok<{ secret: string }>(client.post('/me/totp', { password }))).secret;
}

/**
 * A login waiting for its second factor: a new account with TOTP on, its password given; returns the
 * challenge and the code that completes it.
 */
export async function totpChallenge(t: TestApp): Promise<{ challenge: string; code: string }> {
  const user = await t.buildUser();
  const secret = await startTotp(await t.login(user.email));
  // A code one step back confirms, so the current one is still unused for the login.
  await ok((await t.login(user.email)).post('/me/totp/confirm', { code: totpCode(secret, -1) }));
  const first = await ok<{ challenge: string }>(
    t.anonymous.post('/session', { email: user.email, password: TEST_PASSWORD }),
    202,
  );
  return { challenge: first.challenge, code: totpCode(secret) };
}

/** Builds both sides of the world on a started test app. */
export async function buildWorld(t: TestApp): Promise<World> {
  const A = await buildSide(t, 'A');
  const B = await buildSide(t, 'B');
  return {
    t,
    A,
    B,
    idsOf: (side) => {
      const w = side === 'A' ? A : B;
      return [
        ...Object.entries(w.ids)
          .filter(
            ([key]) =>
              ![
                'organisation',
                'coordinator',
                'funder',
                'donor',
                'assetTag',
                'member',
                'mainUserOfMembers',
              ].includes(key),
          )
          .flatMap(([, v]) => v),
      ].filter((v): v is string => typeof v === 'string' && v.length > 0);
    },
  };
}

export { unique };
