/**
 * What an order promises and when: approvals never promise the same devices twice, orders racing for the
 * last slot or the last device, the numbering without gaps, a handover refused when reservations went
 * missing, the association acting for one of its organisations, and errors worded in words, on the line.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { auditLog } from '../audit/schema.ts';
import { memberships, users } from '../organisations/schema.ts';
import { approvedAssociation, buildOwner, openProgramme, readyDevice, year } from './test-helpers.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const en = { 'accept-language': 'en' };

/** A new owner (its own stock and numbering), a programme, `devices` ready laptops of grade A. */
async function setUp(devices: number, portal: Record<string, unknown> = {}) {
  const owner = await buildOwner(t);
  const programme = await openProgramme(owner, {}, portal);
  for (let i = 0; i < devices; i++) await readyDevice(owner);
  return { owner, programme };
}

async function auditOf(action: string, entityId: string) {
  return t.database.db
    .select({ organisationId: auditLog.organisationId })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)));
}

describe('approval', () => {
  it('refuses to approve an order the devices left no longer cover, naming the device and what is left', async () => {
    const { owner, programme } = await setUp(1);
    const first = await approvedAssociation(t, owner, programme.id);
    const second = await approvedAssociation(t, owner, programme.id);
    const url = `/portal/programmes/${programme.id}/orders`;
    const line = { lines: [{ deviceType: 'laptop', grade: 'A', quantity: 1 }] };
    // Submitting promises nothing: both associations may ask for the last laptop…
    const a = (await first.client.post(url, line)).json();
    const b = (await second.client.post(url, line)).json();
    expect([a.status, b.status]).toEqual(['submitted', 'submitted']);
    // …but only one order can be approved for it.
    expect((await owner.manager.post(`/portal/orders/${a.id}/approve`)).statusCode).toBe(200);
    const refused = await owner.manager.post(`/portal/orders/${b.id}/approve`, undefined, en);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().detail).toBe(
      `Order ${b.number} asks for 1 × laptop (grade A): only 0 left available, the rest being promised to other approved orders. Refuse it, or wait for more stock to be ready.`,
    );
    expect(refused.json().errors.map((e: { path: string }) => e.path)).toEqual(['lines.0.quantity']);
    const fr = await owner.manager.post(`/portal/orders/${b.id}/approve`);
    expect(fr.json().detail).toContain('1 × ordinateur portable (grade A) : il n’en reste que 0');
    // Nothing recorded by the refusal; once the first order is cancelled, the second can be approved.
    const still = (await owner.manager.get(`/portal/orders/${b.id}`)).json();
    expect(still.status).toBe('submitted');
    expect(still.history.map((h: { status: string }) => h.status)).toEqual(['submitted']);
    await first.client.post(`/portal/orders/${a.id}/cancel`, { reason: 'Plus besoin' });
    expect((await owner.manager.post(`/portal/orders/${b.id}/approve`)).statusCode).toBe(200);
  });

  it('approves one of two orders for the last device when both approvals arrive at once', async () => {
    // On PostgreSQL both transactions run together: each locks the programme row before counting, so the
    // second counts after the first has committed its promise. (Embedded PGlite runs them one after the
    // other anyway; the CI run on PostgreSQL is the one that exercises the lock.)
    const { owner, programme } = await setUp(1);
    const orders = [];
    for (let i = 0; i < 2; i++) {
      const association = await approvedAssociation(t, owner, programme.id);
      orders.push(
        (
          await association.client.post(`/portal/programmes/${programme.id}/orders`, {
            lines: [{ deviceType: 'laptop', quantity: 1 }],
          })
        ).json(),
      );
    }
    const replies = await Promise.all(
      orders.map((o) => owner.manager.post(`/portal/orders/${o.id}/approve`)),
    );
    expect(replies.map((r) => r.statusCode).sort()).toEqual([200, 422]);
    const catalogue = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM association_orders WHERE programme_id = ${programme.id} AND status = 'approved'`,
    );
    expect((catalogue.rows[0] as { n: number }).n).toBe(1);
  });
});

describe('ordering', () => {
  it('lets exactly one of two orders racing for the last open-order slot through', async () => {
    // The association's registration row is locked by each order: the second counts the first.
    const { owner, programme } = await setUp(2, { maxOpenOrders: 1 });
    const { client } = await approvedAssociation(t, owner, programme.id);
    const body = { lines: [{ deviceType: 'laptop', quantity: 1 }] };
    const replies = await Promise.all([
      client.post(`/portal/programmes/${programme.id}/orders`, body),
      client.post(`/portal/programmes/${programme.id}/orders`, body),
    ]);
    expect(replies.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    expect((await client.get(`/portal/orders?programmeId=${programme.id}`)).json().items).toHaveLength(1);
  });

  it('numbers orders C-YYYY-NNNN one after the other, a refused order taking no number', async () => {
    const { owner, programme } = await setUp(5, { maxDevicesPerYear: 3, maxOpenOrders: 3 });
    const association = await approvedAssociation(t, owner, programme.id);
    const url = `/portal/programmes/${programme.id}/orders`;
    const order = (quantity: number) =>
      association.client.post(url, { lines: [{ deviceType: 'laptop', quantity }] });
    const first = (await order(1)).json();
    const second = (await order(1)).json();
    expect([first.number, second.number]).toEqual([`C-${year}-0001`, `C-${year}-0002`]);
    // Beyond the cap: 422 on the line's quantity, nothing numbered…
    const beyond = await association.client.post(url, {
      lines: [
        { deviceType: 'laptop', grade: 'A', quantity: 1 },
        { deviceType: 'laptop', quantity: 1 },
      ],
    });
    expect(beyond.statusCode).toBe(422);
    expect(beyond.json().errors).toEqual([
      { path: 'lines.1.quantity', message: expect.stringContaining('maximum de 3 par an') },
    ]);
    const scarce = await association.client.post(url, {
      lines: [{ deviceType: 'laptop', grade: 'B', quantity: 1 }],
    });
    expect(scarce.statusCode).toBe(422);
    expect(scarce.json().detail).toBe(
      '1 × ordinateur portable (grade B) demandé(s), 0 disponible(s) au catalogue : réduisez la quantité.',
    );
    expect(scarce.json().errors[0].path).toBe('lines.0.quantity');
    // …so the next order takes the next number.
    expect((await order(1)).json().number).toBe(`C-${year}-0003`);
    // The association's cancellation is filed in its own audit trail, the owner's steps in the owner's.
    expect(
      (await association.client.post(`/portal/orders/${first.id}/cancel`, { reason: 'Doublon' })).statusCode,
    ).toBe(200);
    expect(await auditOf('association_order.cancel', first.id)).toEqual([
      { organisationId: association.organisationId },
    ]);
    await owner.manager.post(`/portal/orders/${second.id}/refuse`, { reason: 'Hors critères' });
    expect(await auditOf('association_order.refuse', second.id)).toEqual([
      { organisationId: owner.organisation.id },
    ]);
    // A step no longer possible says the statuses in words.
    const late = await owner.manager.post(`/portal/orders/${second.id}/approve`);
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toBe(
      `La commande ${second.number} est « refusée » : cette étape n’est plus possible (elle l’est depuis : envoyée).`,
    );
  });

  it('asks a person in two associations of the programme which one orders (400 on organisationId)', async () => {
    const { owner, programme } = await setUp(2);
    const first = await approvedAssociation(t, owner, programme.id);
    const second = await approvedAssociation(t, owner, programme.id);
    const [user] = await t.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, first.body.contactEmail));
    await t.database.db
      .insert(memberships)
      .values({ userId: user?.id as string, organisationId: second.organisationId, role: 'admin' });
    const url = `/portal/programmes/${programme.id}/orders`;
    const lines = [{ deviceType: 'laptop', quantity: 1 }];
    const unnamed = await first.client.post(url, { lines }, en);
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().errors).toEqual([
      { path: 'organisationId', message: expect.stringContaining('"organisationId"') },
    ]);
    expect((await first.client.get(`/portal/programmes/${programme.id}/catalogue`)).statusCode).toBe(400);
    const named = await first.client.post(url, { lines, organisationId: second.organisationId });
    expect(named.statusCode, named.body).toBe(201);
    expect(named.json().organisationId).toBe(second.organisationId);
    const catalogue = await first.client.get(
      `/portal/programmes/${programme.id}/catalogue?organisationId=${second.organisationId}`,
    );
    expect(catalogue.json().limits.openOrders).toBe(1);
    // An organisation that is not one of theirs in the programme: 404.
    const other = await first.client.post(url, { lines, organisationId: owner.organisation.id });
    expect(other.statusCode).toBe(404);
  });
});

describe('handover', () => {
  it('refuses to hand over an order whose reservations were cancelled meanwhile, until prepared again', async () => {
    const { owner, programme } = await setUp(2);
    const association = await approvedAssociation(t, owner, programme.id);
    const order = (
      await association.client.post(`/portal/programmes/${programme.id}/orders`, {
        lines: [{ deviceType: 'laptop', quantity: 2 }],
      })
    ).json();
    await owner.manager.post(`/portal/orders/${order.id}/approve`);
    const prepared = (await owner.manager.post(`/portal/orders/${order.id}/prepare`, {})).json();
    expect(prepared.can).toMatchObject({ handOver: true, prepare: false });
    // One reservation cancelled from the distribution side.
    const cancelled = await owner.manager.post(
      `/allocations/${prepared.devices[0].allocationId}/cancellation`,
      { reason: 'Écran fêlé' },
    );
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const refused = await owner.manager.post(`/portal/orders/${order.id}/hand-over`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('il n’y en a que 1');
    expect(refused.json().detail).toContain('préparez la commande à nouveau');
    const seen = (await owner.manager.get(`/portal/orders/${order.id}`)).json();
    expect(seen.status).toBe('prepared');
    expect(seen.devices.map((d: { status: string }) => d.status).sort()).toEqual(['cancelled', 'reserved']);
    expect(seen.can).toMatchObject({ handOver: false, prepare: true });
    // None left set aside: refused too.
    await owner.manager.post(`/allocations/${prepared.devices[1].allocationId}/cancellation`, {
      reason: 'Erreur',
    });
    expect((await owner.manager.post(`/portal/orders/${order.id}/hand-over`, {})).statusCode).toBe(409);
    // Prepared again (two devices set aside), then handed over whole.
    const again = await owner.manager.post(`/portal/orders/${order.id}/prepare`, {});
    expect(again.statusCode, again.body).toBe(200);
    expect((await owner.manager.post(`/portal/orders/${order.id}/prepare`, {})).statusCode).toBe(409);
    const handed = await owner.manager.post(`/portal/orders/${order.id}/hand-over`, {});
    expect(handed.statusCode, handed.body).toBe(200);
    const devices = handed.json().devices.filter((d: { status: string }) => d.status === 'handed_over');
    expect(devices).toHaveLength(2);
    // The association's report of a problem is filed in its own audit trail.
    const ticket = await association.client.post(
      `/portal/orders/${order.id}/devices/${devices[0].allocationId}/tickets`,
      { description: 'Ne démarre plus.' },
    );
    expect(ticket.statusCode, ticket.body).toBe(201);
    expect(await auditOf('ticket.open', ticket.json().id)).toEqual([
      { organisationId: association.organisationId },
    ]);
  });
});
