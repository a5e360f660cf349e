/**
 * The association portal end to end, with a real SMTP server: registration → confirmation → verification
 * → order → preparation → handover, each e-mail received with a link that works; then a problem reported.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient, startTestApp, type TestApp } from '../../../test/support/app.ts';
import { type ReceivedMail, startSmtpServer } from '../../../test/support/smtp.ts';
import {
  approvedAssociation,
  buildOwner,
  type Owner,
  openProgramme,
  readyDevice,
  register,
  registrationBody,
} from './test-helpers.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let owner: Owner;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Seconde Vie <contact@seconde-vie.example>' });
  owner = await buildOwner(t);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

/** Waits for a mail to `to` whose text matches `pattern`. */
async function mailTo(to: string, pattern: RegExp): Promise<ReceivedMail> {
  for (let tries = 0; tries < 200; tries++) {
    const mail = smtp.received.find((m) => m.to.includes(to) && pattern.test(m.raw));
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no mail to ${to} matching ${pattern}`);
}

function link(mail: ReceivedMail, path: string): string {
  const match = new RegExp(`http://localhost:3999/${path}/([0-9A-Za-z_-]+)`).exec(mail.raw);
  expect(match, mail.raw).not.toBeNull();
  return match?.[1] ?? '';
}

it('takes an association from the public form to a handed-over order, by e-mail at each step', async () => {
  const programme = await openProgramme(owner, { mode: 'loan', loanMonths: 12 });
  const devices = [
    await readyDevice(owner),
    await readyDevice(owner),
    await readyDevice(owner, 'laptop', 'B'),
  ];

  // The public page, then the form.
  const page = await t.anonymous.get(`/public/portal/programmes/${programme.id}`);
  expect(page.statusCode, page.body).toBe(200);
  expect(page.json()).toMatchObject({
    programmeName: programme.name,
    organisationName: owner.organisation.name,
    accepts: true,
    maxDevicesPerYear: 5,
  });
  const body = registrationBody();
  const registered = await register(t, programme.id, body);
  expect(registered.statusCode, registered.body).toBe(202);
  expect(registered.json()).toEqual({ status: 'check_your_email' });

  // The confirmation e-mail, and its link.
  const confirmMail = await mailTo(body.contactEmail, /associations\/confirmer/);
  expect(confirmMail.raw).toContain(`Bonjour ${body.contactName},`);
  expect(confirmMail.raw).toContain('48 heures');
  const token = link(confirmMail, 'associations/confirmer');
  expect(token).toMatch(/^[0-9a-f]{40}$/);
  const confirmed = await t.anonymous.post(`/public/portal/confirmations/${token}`);
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  expect(confirmed.json()).toEqual({
    status: 'pending',
    programmeName: programme.name,
    organisationName: owner.organisation.name,
  });

  // The owner's manager is told, and verifies.
  const managerEmail = (await owner.manager.get(`/organisations/${owner.organisation.id}/members`))
    .json()
    .items.find((m: { role: string }) => m.role === 'manager').email;
  const pendingMail = await mailTo(managerEmail, /a confirmé son adresse e-mail/);
  expect(pendingMail.raw).toContain(`/programmes/${programme.id}/associations`);
  const list = (await owner.manager.get(`/programmes/${programme.id}/association-registrations`)).json();
  expect(list.items).toHaveLength(1);
  expect(list.items[0]).toMatchObject({ status: 'pending', name: body.name, can: { decide: true } });
  const approved = await owner.manager.post(`/association-registrations/${list.items[0].id}/approve`);
  expect(approved.statusCode, approved.body).toBe(200);
  expect(approved.json()).toMatchObject({ status: 'approved', organisationId: expect.any(String) });

  // The contact gets an invitation to choose a password, and the link works.
  const approvedMail = await mailTo(body.contactEmail, /invitation\//);
  const invitation = link(approvedMail, 'invitation');
  const accepted = await t.anonymous.post(`/invitations/${invitation}`, {
    password: 'une phrase de passe solide',
  });
  expect(accepted.statusCode, accepted.body).toBe(200);
  const cookie = accepted.cookies.find((c) => c.name === 'sv_session');
  const association = new ApiClient(t.app, { cookie: `sv_session=${cookie?.value}` });

  // The association's side: its programme, the catalogue (counts), an order.
  const memberships = (await association.get('/portal/memberships')).json();
  expect(memberships).toEqual([
    expect.objectContaining({ programmeId: programme.id, organisationName: body.name }),
  ]);
  const catalogue = (await association.get(`/portal/programmes/${programme.id}/catalogue`)).json();
  expect(catalogue.items).toEqual([
    { deviceType: 'laptop', grade: 'A', available: 2 },
    { deviceType: 'laptop', grade: 'B', available: 1 },
  ]);
  expect(catalogue.limits).toEqual({
    maxDevicesPerYear: 5,
    maxOpenOrders: 3,
    devicesThisYear: 0,
    openOrders: 0,
  });
  const ordered = await association.post(`/portal/programmes/${programme.id}/orders`, {
    lines: [{ deviceType: 'laptop', grade: 'A', quantity: 2 }],
    note: 'Pour notre atelier du mardi',
  });
  expect(ordered.statusCode, ordered.body).toBe(201);
  const order = ordered.json();
  expect(order).toMatchObject({
    number: `C-${new Date().getFullYear()}-0001`,
    status: 'submitted',
    lines: [{ deviceType: 'laptop', grade: 'A', quantity: 2 }],
    can: { cancel: true, approve: false },
  });
  await mailTo(body.contactEmail, new RegExp(`Votre commande ${order.number} .+ est envoyée`));
  await mailTo(managerEmail, new RegExp(`a envoy.+ la commande ${order.number}`));

  // The owner approves, prepares (oldest ready devices of the grade), hands over.
  const approvedOrder = await owner.manager.post(`/portal/orders/${order.id}/approve`);
  expect(approvedOrder.statusCode, approvedOrder.body).toBe(200);
  const promised = (await association.get(`/portal/programmes/${programme.id}/catalogue`)).json();
  expect(promised.items).toEqual([{ deviceType: 'laptop', grade: 'B', available: 1 }]);
  const prepared = await owner.manager.post(`/portal/orders/${order.id}/prepare`, {});
  expect(prepared.statusCode, prepared.body).toBe(200);
  expect(
    prepared
      .json()
      .devices.map((d: { assetTag: string }) => d.assetTag)
      .sort(),
  ).toEqual([devices[0]?.assetTag, devices[1]?.assetTag].sort());
  expect(prepared.json().devices.every((d: { status: string }) => d.status === 'reserved')).toBe(true);
  const preparedMail = await mailTo(body.contactEmail, /préparée/);
  expect(link(preparedMail, 'portail/commandes')).toBe(order.id);
  const handed = await owner.manager.post(`/portal/orders/${order.id}/hand-over`, {});
  expect(handed.statusCode, handed.body).toBe(200);
  const done = handed.json();
  expect(done.status).toBe('handed_over');
  expect(done.devices).toHaveLength(2);
  for (const device of done.devices) {
    expect(device).toMatchObject({ status: 'handed_over', loanDueOn: expect.any(String), openTickets: 0 });
  }
  expect(done.history.map((h: { status: string }) => h.status)).toEqual([
    'submitted',
    'approved',
    'prepared',
    'handed_over',
  ]);
  await mailTo(body.contactEmail, /est remise/);

  // The association sees it, and reports a problem: a ticket in the owner's list.
  const seen = (await association.get(`/portal/orders/${order.id}`)).json();
  expect(seen.can).toMatchObject({ reportProblem: true, cancel: false });
  const reported = await association.post(
    `/portal/orders/${order.id}/devices/${seen.devices[0].allocationId}/tickets`,
    { description: 'L’écran reste noir au démarrage.' },
  );
  expect(reported.statusCode, reported.body).toBe(201);
  expect(reported.json()).toMatchObject({ status: 'open', assetTag: seen.devices[0].assetTag });
  expect((await association.get(`/portal/orders/${order.id}`)).json().devices[0].openTickets).toBe(1);
  const tickets = (await owner.manager.get(`/tickets?programmeId=${programme.id}`)).json().items;
  expect(tickets).toEqual([
    expect.objectContaining({ id: reported.json().id, description: 'L’écran reste noir au démarrage.' }),
  ]);
  // The association lists its own orders.
  const mine = (await association.get('/portal/orders')).json().items;
  expect(mine.map((o: { id: string }) => o.id)).toEqual([order.id]);
});

it('e-mails a refusal with its reason, and a decision is taken once', async () => {
  const programme = await openProgramme(owner);
  const body = registrationBody({ contactEmail: 'refus@asso.example' });
  expect((await register(t, programme.id, body, { locale: 'en' })).statusCode).toBe(202);
  const token = link(await mailTo(body.contactEmail, /associations\/confirmer/), 'associations/confirmer');
  await t.anonymous.post(`/public/portal/confirmations/${token}`);
  const [registration] = (
    await owner.manager.get(`/programmes/${programme.id}/association-registrations`)
  ).json().items;
  const refused = await owner.manager.post(`/association-registrations/${registration.id}/refuse`, {
    reason: 'Association hors du département.',
  });
  expect(refused.statusCode, refused.body).toBe(200);
  expect(refused.json()).toMatchObject({
    status: 'refused',
    refusalReason: 'Association hors du département.',
  });
  const mail = await mailTo(body.contactEmail, /not accepted/);
  expect(mail.raw).toContain('Association hors du département.');
  const again = await owner.manager.post(`/association-registrations/${registration.id}/approve`);
  expect(again.statusCode).toBe(409);
  expect(again.json().detail).toContain('« refusée »');
});

it('e-mails the association an order refused or cancelled by the owner, with the reason', async () => {
  const programme = await openProgramme(owner);
  await readyDevice(owner);
  const association = await approvedAssociation(t, owner, programme.id);
  const email = association.body.contactEmail;
  const url = `/portal/programmes/${programme.id}/orders`;
  const lines = [{ deviceType: 'laptop', quantity: 1 }];
  const first = (await association.client.post(url, { lines })).json();
  const refused = await owner.manager.post(`/portal/orders/${first.id}/refuse`, {
    reason: 'Le stock est réservé aux écoles ce mois-ci.',
  });
  expect(refused.statusCode, refused.body).toBe(200);
  const refusedMail = await mailTo(email, new RegExp(`commande ${first.number} .+ est refus`));
  expect(refusedMail.raw).toContain('Le stock est réservé aux écoles ce mois-ci.');
  expect(link(refusedMail, 'portail/commandes')).toBe(first.id);
  const second = (await association.client.post(url, { lines })).json();
  await owner.manager.post(`/portal/orders/${second.id}/approve`);
  const cancelled = await owner.manager.post(`/portal/orders/${second.id}/cancel`, {
    reason: 'Programme suspendu jusqu’en mars.',
  });
  expect(cancelled.statusCode, cancelled.body).toBe(200);
  const cancelledMail = await mailTo(email, new RegExp(`commande ${second.number} .+ est annul`));
  expect(cancelledMail.raw).toContain('Programme suspendu jusqu’en mars.');
  expect(link(cancelledMail, 'portail/commandes')).toBe(second.id);
});
