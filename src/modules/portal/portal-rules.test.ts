/**
 * The portal's refusals: the form's checks and its honeypot, the confirmation link's expiry and reuse, no
 * account enumeration, the order limits, a closed portal, isolation between organisations and
 * associations, and the clean-up of registrations never confirmed.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import type { AppError } from '../../lib/errors.ts';
import { outbox } from '../notifications/schema.ts';
import { users } from '../organisations/schema.ts';
import { deleteUnconfirmedRegistrations } from './jobs.ts';
import { confirmRegistration } from './registrations.ts';
import { associationRegistrations } from './schema.ts';
import {
  approvedAssociation as approvedAssociation_,
  buildOwner,
  lastMail,
  type Owner,
  openProgramme,
  readyDevice,
  register,
  registrationBody,
  tokenIn,
} from './test-helpers.ts';

let t: TestApp;
let owner: Owner;

beforeAll(async () => {
  t = await startTestApp();
  owner = await buildOwner(t);
});
afterAll(() => t.close());

async function registrationsOf(programmeId: string) {
  return t.database.db
    .select()
    .from(associationRegistrations)
    .where(eq(associationRegistrations.programmeId, programmeId));
}

async function mailsTo(to: string, template: string): Promise<number> {
  const [row] = await t.database.db
    .select({ n: count() })
    .from(outbox)
    .where(and(eq(outbox.toAddress, to), eq(outbox.template, template)));
  return row?.n ?? 0;
}

function approvedAssociation(programmeId: string, overrides: Record<string, unknown> = {}) {
  return approvedAssociation_(t, owner, programmeId, overrides);
}

describe('the registration form', () => {
  it('refuses RNA and SIRET numbers of the wrong format or checksum, and asks for one of them', async () => {
    const programme = await openProgramme(owner);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ rna: 'W12', siret: null }, 'rna', 'RNA'],
      [{ rna: '451002345', siret: null }, 'rna', 'RNA'],
      [{ rna: null, siret: '7328293200007' }, 'siret', 'SIRET'],
      [{ rna: null, siret: '73282932000075' }, 'siret', 'SIRET'],
      [{ rna: null, siret: null }, 'rna', 'RNA'],
    ];
    for (const [overrides, path, word] of cases) {
      const res = await register(t, programme.id, registrationBody(overrides));
      expect(res.statusCode, JSON.stringify(overrides)).toBe(400);
      const error = res.json().errors.find((e: { path: string }) => e.path === path);
      expect(error?.message, JSON.stringify(overrides)).toContain(word);
    }
    // A valid RNA alone, or a SIRET alone (spaces allowed), is enough.
    expect((await register(t, programme.id, registrationBody({ siret: null }))).statusCode).toBe(202);
    expect(
      (await register(t, programme.id, registrationBody({ rna: null, siret: '732 829 320 00074' })))
        .statusCode,
    ).toBe(202);
    expect((await registrationsOf(programme.id)).map((r) => r.siret ?? '').sort()).toEqual([
      '',
      '73282932000074',
    ]);
  });

  it('names each missing or invalid field', async () => {
    const programme = await openProgramme(owner);
    const { name: _n, address: _a, ...incomplete } = registrationBody();
    const res = await register(t, programme.id, incomplete);
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['address', 'name']);
    for (const [overrides, path] of [
      [{ postcode: '4510' }, 'postcode'],
      [{ activity: 'Trop peu' }, 'activity'],
      [{ peopleServed: 0 }, 'peopleServed'],
      [{ contactEmail: 'pas une adresse' }, 'contactEmail'],
    ] as const) {
      const bad = await register(t, programme.id, registrationBody(overrides), { locale: 'en' });
      expect(bad.statusCode, path).toBe(400);
      expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
    const short = await register(t, programme.id, registrationBody({ activity: 'Court' }), { locale: 'en' });
    expect(short.json().errors[0].message).toBe(
      'Describe what the association does in 10 to 2,000 characters.',
    );
    expect(await registrationsOf(programme.id)).toEqual([]);
  });

  it('answers a robot filling the hidden field as usual, and records nothing', async () => {
    const programme = await openProgramme(owner);
    const body = registrationBody({ website: 'http://spam.example' });
    const res = await register(t, programme.id, body);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'check_your_email' });
    expect(await registrationsOf(programme.id)).toEqual([]);
    expect(await lastMail(t, body.contactEmail)).toBeUndefined();
  });

  it('allows 5 registrations an hour from one address', async () => {
    const programme = await openProgramme(owner);
    const ip = '10.99.0.1';
    for (let i = 0; i < 5; i++)
      expect((await register(t, programme.id, registrationBody(), { ip })).statusCode).toBe(202);
    const sixth = await register(t, programme.id, registrationBody(), { ip });
    expect(sixth.statusCode).toBe(429);
  });

  it('gives the same reply for an address already registered, and e-mails it instead of a new link', async () => {
    const programme = await openProgramme(owner);
    const { body } = await approvedAssociation(programme.id);
    const before = await registrationsOf(programme.id);
    const again = await register(t, programme.id, registrationBody({ contactEmail: body.contactEmail }));
    const fresh = await register(t, programme.id, registrationBody());
    expect(again.statusCode).toBe(fresh.statusCode);
    expect(again.body).toBe(fresh.body);
    expect(await registrationsOf(programme.id)).toHaveLength(before.length + 1);
    const told = await lastMail(t, body.contactEmail, 'portal_already_registered');
    expect(told?.textBody).toContain('déjà inscrite et vérifiée');
    expect(told?.textBody).toContain('/portail');
    expect(await mailsTo(body.contactEmail, 'portal_confirm')).toBe(1);
  });

  it('replaces a registration not confirmed yet instead of recording it twice', async () => {
    const programme = await openProgramme(owner);
    const body = registrationBody();
    await register(t, programme.id, body);
    const first = tokenIn(
      (await lastMail(t, body.contactEmail, 'portal_confirm'))?.textBody ?? '',
      'associations/confirmer',
    );
    await register(t, programme.id, { ...body, city: 'Gien' });
    const rows = await registrationsOf(programme.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.city).toBe('Gien');
    // Only the newest link works.
    expect((await t.anonymous.post(`/public/portal/confirmations/${first}`)).statusCode).toBe(404);
  });

  it('does not take registrations while the portal is closed, nor for a programme closed to associations', async () => {
    const programme = await openProgramme(owner, {}, { open: false });
    expect((await t.anonymous.get(`/public/portal/programmes/${programme.id}`)).statusCode).toBe(404);
    expect((await register(t, programme.id, registrationBody())).statusCode).toBe(404);
    const personsOnly = await openProgramme(owner, { eligibility: { kinds: ['person'] } });
    expect((await t.anonymous.get(`/public/portal/programmes/${personsOnly.id}`)).statusCode).toBe(404);
    const settings = (await owner.manager.get(`/programmes/${personsOnly.id}/portal`)).json();
    expect(settings).toMatchObject({ open: true, accepts: false });
    expect(settings.publicUrl).toBe(`http://localhost:3999/associations/inscription/${personsOnly.id}`);
  });
});

describe('the confirmation link', () => {
  it('works for 48 hours: a minute before, it confirms; a minute after, register again, nothing confirmed', async () => {
    const programme = await openProgramme(owner);
    const early = registrationBody();
    const late = registrationBody();
    const tokens: string[] = [];
    for (const body of [early, late]) {
      await register(t, programme.id, body);
      tokens.push(
        tokenIn(
          (await lastMail(t, body.contactEmail, 'portal_confirm'))?.textBody ?? '',
          'associations/confirmer',
        ),
      );
    }
    const rows = await registrationsOf(programme.id);
    const at = (email: string, minutes: number) => {
      const created = rows.find((r) => r.contactEmail === email)?.createdAt as Date;
      return new Date(created.getTime() + minutes * 60_000);
    };
    const context = { publicUrl: 'http://localhost:3999' };
    // 47 h 59 after registering: confirmed.
    await expect(
      confirmRegistration(t.database.db, tokens[0] as string, {
        ...context,
        now: at(early.contactEmail, 47 * 60 + 59),
      }),
    ).resolves.toMatchObject({ status: 'pending' });
    // 48 h 01 after: 410, the registration still unconfirmed.
    const error: AppError = await confirmRegistration(t.database.db, tokens[1] as string, {
      ...context,
      now: at(late.contactEmail, 48 * 60 + 1),
    }).catch((e) => e);
    expect(error.status).toBe(410);
    expect(error.messageKey).toBe('portal.confirmation_expired');
    const after = await registrationsOf(programme.id);
    expect(after.find((r) => r.contactEmail === late.contactEmail)?.status).toBe('unconfirmed');
    expect(after.find((r) => r.contactEmail === early.contactEmail)?.status).toBe('pending');
    // Over HTTP, the same expired link says to register again; a new registration gives a working link.
    await t.database.db
      .update(associationRegistrations)
      .set({ confirmExpiresAt: sql`now() - interval '1 minute'` })
      .where(eq(associationRegistrations.contactEmail, late.contactEmail));
    const res = await t.anonymous.post(`/public/portal/confirmations/${tokens[1]}`, undefined, {
      'accept-language': 'en',
    });
    expect(res.statusCode).toBe(410);
    expect(res.json().code).toBe('GONE');
    expect(res.json().detail).toContain('expired (it works for 48 hours)');
    expect(res.json().detail).toContain('Register again');
    await register(t, programme.id, late);
    const second = tokenIn(
      (await lastMail(t, late.contactEmail, 'portal_confirm'))?.textBody ?? '',
      'associations/confirmer',
    );
    expect((await t.anonymous.post(`/public/portal/confirmations/${second}`)).statusCode).toBe(200);
  });

  it('answers where the registration stands once decided: approved, or refused', async () => {
    const programme = await openProgramme(owner);
    const approved = await approvedAssociation(programme.id);
    const again = await t.anonymous.post(`/public/portal/confirmations/${approved.token}`);
    expect(again.statusCode).toBe(200);
    expect(again.json().status).toBe('approved');
    const body = registrationBody();
    await register(t, programme.id, body);
    const token = tokenIn(
      (await lastMail(t, body.contactEmail, 'portal_confirm'))?.textBody ?? '',
      'associations/confirmer',
    );
    expect((await t.anonymous.post(`/public/portal/confirmations/${token}`)).json().status).toBe('pending');
    const row = (await registrationsOf(programme.id)).find((r) => r.contactEmail === body.contactEmail);
    await owner.manager.post(`/association-registrations/${row?.id}/refuse`, { reason: 'Hors zone' });
    expect((await t.anonymous.post(`/public/portal/confirmations/${token}`)).json().status).toBe('refused');
  });

  it('answers the same when followed twice, telling the owner once', async () => {
    const programme = await openProgramme(owner);
    const body = registrationBody();
    await register(t, programme.id, body);
    const token = tokenIn(
      (await lastMail(t, body.contactEmail, 'portal_confirm'))?.textBody ?? '',
      'associations/confirmer',
    );
    const first = await t.anonymous.post(`/public/portal/confirmations/${token}`);
    const second = await t.anonymous.post(`/public/portal/confirmations/${token}`);
    expect(first.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    const rows = await registrationsOf(programme.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.status).toBe('pending');
    const [pending] = await t.database.db
      .select({ n: count() })
      .from(outbox)
      .where(
        and(
          eq(outbox.template, 'portal_registration_pending'),
          sql`${outbox.textBody} LIKE ${`%${body.name}%`}`,
        ),
      );
    expect(pending?.n).toBe(1);
    const unknown = await t.anonymous.post(`/public/portal/confirmations/${'0'.repeat(40)}`);
    expect(unknown.statusCode).toBe(404);
    expect((await t.anonymous.post('/public/portal/confirmations/not-a-token')).statusCode).toBe(404);
  });
});

describe('verification', () => {
  it('refuses to approve an association the programme’s rules exclude, with the reasons, recording nothing', async () => {
    const programme = await openProgramme(owner, { eligibility: { postcodes: ['45*'] } });
    const body = registrationBody({ postcode: '75011', city: 'Paris' });
    await register(t, programme.id, body);
    const token = tokenIn(
      (await lastMail(t, body.contactEmail, 'portal_confirm'))?.textBody ?? '',
      'associations/confirmer',
    );
    await t.anonymous.post(`/public/portal/confirmations/${token}`);
    const [row] = await registrationsOf(programme.id);
    const res = await owner.manager.post(`/association-registrations/${row?.id}/approve`);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().detail).toContain('75011');
    expect((await registrationsOf(programme.id))[0]).toMatchObject({
      status: 'pending',
      organisationId: null,
    });
    const orgs = (await (await t.admin()).get(`/organisations?q=${encodeURIComponent(body.name)}`)).json()
      .items;
    expect(orgs).toEqual([]);
  });

  it('answers 409 to a second registration of an organisation already approved in the programme, recording nothing', async () => {
    const programme = await openProgramme(owner);
    const first = await approvedAssociation(programme.id);
    // Another member of the association registers it again.
    const colleague = await t.member(first.organisationId, 'manager');
    const body = registrationBody({ rna: first.body.rna, contactEmail: colleague.user.email });
    await register(t, programme.id, body);
    const token = tokenIn(
      (await lastMail(t, body.contactEmail, 'portal_confirm'))?.textBody ?? '',
      'associations/confirmer',
    );
    await t.anonymous.post(`/public/portal/confirmations/${token}`);
    const row = (await registrationsOf(programme.id)).find((r) => r.contactEmail === body.contactEmail);
    const res = await owner.manager.post(`/association-registrations/${row?.id}/approve`, undefined, {
      'accept-language': 'en',
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().detail).toContain(`“${first.body.name}” is already registered and verified`);
    const after = (await registrationsOf(programme.id)).find((r) => r.id === row?.id);
    expect(after).toMatchObject({ status: 'pending', organisationId: null, beneficiaryId: null });
    expect(await mailsTo(body.contactEmail, 'portal_approved')).toBe(0);
    // The refusal then works as usual.
    const refused = await owner.manager.post(`/association-registrations/${row?.id}/refuse`, {
      reason: 'Déjà inscrite',
    });
    expect(refused.statusCode).toBe(200);
  });

  it('invites an account without a password joining an existing association, rather than asking it to log in', async () => {
    const first = await openProgramme(owner);
    const association = await approvedAssociation(first.id);
    // A member added to the association who never chose a password.
    const colleague = await t.member(association.organisationId, 'manager');
    await t.database.db.update(users).set({ passwordHash: null }).where(eq(users.id, colleague.user.id));
    const second = await openProgramme(owner);
    const body = registrationBody({ rna: association.body.rna, contactEmail: colleague.user.email });
    await register(t, second.id, body);
    const token = tokenIn(
      (await lastMail(t, body.contactEmail, 'portal_confirm'))?.textBody ?? '',
      'associations/confirmer',
    );
    await t.anonymous.post(`/public/portal/confirmations/${token}`);
    const [row] = await registrationsOf(second.id);
    const res = await owner.manager.post(`/association-registrations/${row?.id}/approve`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().organisationId).toBe(association.organisationId);
    const mail = await lastMail(t, body.contactEmail, 'portal_approved');
    const invitation = tokenIn(mail?.textBody ?? '', 'invitation');
    const accepted = await t.anonymous.post(`/invitations/${invitation}`, {
      password: 'une autre phrase de passe',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
  });

  it('lets the owner’s viewer read registrations but not decide (403); other organisations see nothing (404)', async () => {
    const programme = await openProgramme(owner);
    const body = registrationBody();
    await register(t, programme.id, body);
    const token = tokenIn(
      (await lastMail(t, body.contactEmail, 'portal_confirm'))?.textBody ?? '',
      'associations/confirmer',
    );
    await t.anonymous.post(`/public/portal/confirmations/${token}`);
    const viewer = (await t.member(owner.organisation.id, 'viewer')).client;
    const listed = (await viewer.get(`/programmes/${programme.id}/association-registrations`)).json().items;
    expect(listed).toHaveLength(1);
    expect(listed[0].can.decide).toBe(false);
    expect((await viewer.post(`/association-registrations/${listed[0].id}/approve`)).statusCode).toBe(403);
    const other = await buildOwner(t);
    expect(
      (await other.manager.get(`/programmes/${programme.id}/association-registrations`)).statusCode,
    ).toBe(404);
    expect((await other.manager.post(`/association-registrations/${listed[0].id}/approve`)).statusCode).toBe(
      404,
    );
    expect(
      (await other.manager.post(`/association-registrations/${listed[0].id}/refuse`, { reason: 'x' }))
        .statusCode,
    ).toBe(404);
    // Unconfirmed registrations are listed only when asked for.
    await register(t, programme.id, registrationBody());
    expect(
      (await viewer.get(`/programmes/${programme.id}/association-registrations`)).json().items,
    ).toHaveLength(1);
    expect(
      (await viewer.get(`/programmes/${programme.id}/association-registrations?status=unconfirmed`)).json()
        .items,
    ).toHaveLength(1);
  });
});

describe('orders', () => {
  it('refuses an order beyond the devices per year, the open orders, or the catalogue', async () => {
    const programme = await openProgramme(owner, {}, { maxDevicesPerYear: 3, maxOpenOrders: 2 });
    for (let i = 0; i < 4; i++) await readyDevice(owner);
    const { client } = await approvedAssociation(programme.id);
    const url = `/portal/programmes/${programme.id}/orders`;
    const tooMany = await client.post(
      url,
      { lines: [{ deviceType: 'laptop', quantity: 4 }] },
      { 'accept-language': 'en' },
    );
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().detail).toContain('would exceed the maximum of 3 a year');
    const moreThanStock = await client.post(
      url,
      { lines: [{ deviceType: 'desktop', quantity: 1 }] },
      { 'accept-language': 'en' },
    );
    expect(moreThanStock.statusCode).toBe(422);
    expect(moreThanStock.json().detail).toContain('0 available in the catalogue');
    const wrongGrade = await client.post(url, { lines: [{ deviceType: 'laptop', grade: 'C', quantity: 1 }] });
    expect(wrongGrade.statusCode).toBe(422);
    expect((await client.post(url, { lines: [{ deviceType: 'laptop', quantity: 1 }] })).statusCode).toBe(201);
    expect(
      (await client.post(url, { lines: [{ deviceType: 'laptop', grade: 'A', quantity: 1 }] })).statusCode,
    ).toBe(201);
    const third = await client.post(
      url,
      { lines: [{ deviceType: 'laptop', quantity: 1 }] },
      { 'accept-language': 'en' },
    );
    expect(third.statusCode).toBe(422);
    expect(third.json().detail).toContain('already has 2 open order(s), the maximum allowed (2)');
    // A cancelled order no longer counts, against either limit.
    const [open] = (await client.get(`/portal/orders?programmeId=${programme.id}`)).json().items;
    expect((await client.post(`/portal/orders/${open.id}/cancel`, { reason: 'En double' })).statusCode).toBe(
      200,
    );
    const catalogue = (await client.get(`/portal/programmes/${programme.id}/catalogue`)).json();
    expect(catalogue.limits).toMatchObject({ devicesThisYear: 1, openOrders: 1 });
    expect((await client.post(url, { lines: [{ deviceType: 'laptop', quantity: 2 }] })).statusCode).toBe(201);
    const beyondYear = await client.post(url, { lines: [{ deviceType: 'laptop', quantity: 1 }] });
    expect(beyondYear.statusCode).toBe(422);
    // Nothing recorded by the refusals: 3 orders, numbered one after the other.
    const numbers: number[] = (await client.get(`/portal/orders?programmeId=${programme.id}`))
      .json()
      .items.map((o: { number: string }) => {
        expect(o.number).toMatch(/^C-\d{4}-\d{4}$/);
        return Number(o.number.slice(-4));
      })
      .sort((a: number, b: number) => a - b);
    expect(numbers).toHaveLength(3);
    expect(numbers).toEqual([numbers[0], (numbers[0] ?? 0) + 1, (numbers[0] ?? 0) + 2]);
  });

  it('refuses orders while the portal or the programme is closed', async () => {
    const programme = await openProgramme(owner);
    await readyDevice(owner);
    const { client } = await approvedAssociation(programme.id);
    await owner.manager.put(`/programmes/${programme.id}/portal`, {
      open: false,
      maxDevicesPerYear: 5,
      maxOpenOrders: 3,
    });
    const res = await client.post(`/portal/programmes/${programme.id}/orders`, {
      lines: [{ deviceType: 'laptop', quantity: 1 }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('RULE_REFUSED');
    expect(res.json().detail).toContain('portail fermé');
    await owner.manager.put(`/programmes/${programme.id}/portal`, {
      open: true,
      maxDevicesPerYear: 5,
      maxOpenOrders: 3,
    });
    await owner.manager.patch(`/programmes/${programme.id}`, { closed: true });
    const closed = await client.post(`/portal/programmes/${programme.id}/orders`, {
      lines: [{ deviceType: 'laptop', quantity: 1 }],
    });
    expect(closed.statusCode).toBe(422);
  });

  it('keeps an order to its association and its programme’s owner (404 for others), steps to their roles', async () => {
    const programme = await openProgramme(owner);
    const device = await readyDevice(owner);
    const first = await approvedAssociation(programme.id);
    const second = await approvedAssociation(programme.id, { rna: 'W451009999', siret: null });
    const order = (
      await first.client.post(`/portal/programmes/${programme.id}/orders`, {
        lines: [{ deviceType: 'laptop', quantity: 1 }],
      })
    ).json();
    // Another association of the same programme.
    expect((await second.client.get(`/portal/orders/${order.id}`)).statusCode).toBe(404);
    expect((await second.client.post(`/portal/orders/${order.id}/cancel`, { reason: 'x' })).statusCode).toBe(
      404,
    );
    expect((await second.client.get('/portal/orders')).json().items).toEqual([]);
    // Another organisation running its own programme.
    const other = await buildOwner(t);
    expect((await other.manager.get(`/portal/orders/${order.id}`)).statusCode).toBe(404);
    expect((await other.manager.post(`/portal/orders/${order.id}/approve`)).statusCode).toBe(404);
    expect((await other.manager.get(`/portal/programmes/${programme.id}/catalogue`)).statusCode).toBe(404);
    expect((await other.manager.get('/portal/memberships')).json()).toEqual([]);
    // The association may not take the owner's steps; the owner's viewer reads only.
    expect((await first.client.post(`/portal/orders/${order.id}/approve`)).statusCode).toBe(403);
    const viewer = (await t.member(owner.organisation.id, 'viewer')).client;
    expect((await viewer.get(`/portal/orders/${order.id}`)).json().can).toMatchObject({ approve: false });
    expect((await viewer.post(`/portal/orders/${order.id}/approve`)).statusCode).toBe(403);
    // The owner prepares; the association can no longer cancel, the owner can (devices back to ready).
    await owner.manager.post(`/portal/orders/${order.id}/approve`);
    const prepared = await owner.manager.post(`/portal/orders/${order.id}/prepare`, {
      deviceIds: [device.id],
    });
    expect(prepared.statusCode, prepared.body).toBe(200);
    const denied = await first.client.post(`/portal/orders/${order.id}/cancel`, { reason: 'Plus besoin' });
    expect(denied.statusCode).toBe(409);
    expect((await owner.manager.post(`/portal/orders/${order.id}/approve`)).statusCode).toBe(409);
    const cancelled = await owner.manager.post(`/portal/orders/${order.id}/cancel`, {
      reason: 'Plus besoin',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Plus besoin' });
    expect(cancelled.json().devices[0].status).toBe('cancelled');
    expect((await owner.technician.get(`/devices/${device.id}`)).json().status).toBe('ready');
    // A device of another order is not this order's (404 for a ticket).
    const ticket = await first.client.post(
      `/portal/orders/${order.id}/devices/${cancelled.json().devices[0].allocationId}/tickets`,
      { description: 'Rien' },
    );
    expect(ticket.statusCode).toBe(404);
  });

  it('refuses a preparation whose devices do not match the lines, leaving nothing set aside', async () => {
    const programme = await openProgramme(owner);
    const a = await readyDevice(owner, 'laptop', 'A');
    const b = await readyDevice(owner, 'laptop', 'B');
    const { client } = await approvedAssociation(programme.id);
    const order = (
      await client.post(`/portal/programmes/${programme.id}/orders`, {
        lines: [{ deviceType: 'laptop', grade: 'A', quantity: 1 }],
      })
    ).json();
    await owner.manager.post(`/portal/orders/${order.id}/approve`);
    const wrong = await owner.manager.post(`/portal/orders/${order.id}/prepare`, { deviceIds: [b.id] });
    expect(wrong.statusCode).toBe(422);
    const two = await owner.manager.post(`/portal/orders/${order.id}/prepare`, { deviceIds: [a.id, b.id] });
    expect(two.statusCode).toBe(422);
    expect((await owner.manager.get(`/portal/orders/${order.id}`)).json()).toMatchObject({
      status: 'approved',
      devices: [],
    });
    expect((await owner.technician.get(`/devices/${a.id}`)).json().status).toBe('ready');
    const refused = await owner.manager.post(`/portal/orders/${order.id}/refuse`, {
      reason: 'Stock réservé',
    });
    expect(refused.json()).toMatchObject({
      status: 'refused',
      refusalReason: 'Stock réservé',
      can: { cancel: false },
    });
  });
});

describe('clean-up', () => {
  it('deletes registrations left unconfirmed for 7 days, and only those', async () => {
    const programme = await openProgramme(owner);
    const old = registrationBody();
    const recent = registrationBody();
    const confirmed = registrationBody();
    for (const body of [old, recent, confirmed]) await register(t, programme.id, body);
    const token = tokenIn(
      (await lastMail(t, confirmed.contactEmail, 'portal_confirm'))?.textBody ?? '',
      'associations/confirmer',
    );
    await t.anonymous.post(`/public/portal/confirmations/${token}`);
    const ago = (days: number) => new Date(Date.now() - days * 24 * 3600_000);
    for (const [body, days] of [
      [old, 8],
      [recent, 6],
      [confirmed, 30],
    ] as const) {
      await t.database.db
        .update(associationRegistrations)
        .set({ createdAt: ago(days) })
        .where(eq(associationRegistrations.contactEmail, body.contactEmail));
    }
    const result = await deleteUnconfirmedRegistrations(t.database.db);
    expect(result.deleted).toBeGreaterThanOrEqual(1);
    const left = (await registrationsOf(programme.id)).map((r) => r.contactEmail).sort();
    expect(left).toEqual([recent.contactEmail, confirmed.contactEmail].sort());
    // Run again (another server, the next day): nothing more; a day later the recent one goes too.
    expect((await deleteUnconfirmedRegistrations(t.database.db)).deleted).toBe(0);
    await deleteUnconfirmedRegistrations(t.database.db, { asOf: ago(-2) });
    expect((await registrationsOf(programme.id)).map((r) => r.contactEmail)).toEqual([
      confirmed.contactEmail,
    ]);
  });
});
