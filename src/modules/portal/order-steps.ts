/**
 * An order's steps after submission, each by the one recipe: load it through the visibility helper (404),
 * check who may take the step (403) and from which status (409, the expected status in the UPDATE's
 * WHERE), do the work and write the event in one transaction, e-mail after. Preparation sets devices aside
 * through distribution's allocations; the handover goes through distribution's handover.
 */
import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { cancelAllocation, createAllocation, handOverIn } from '../distribution/allocations.ts';
import type { TicketStatus } from '../distribution/schema.ts';
import { allocations } from '../distribution/schema.ts';
import { recordTicket } from '../distribution/tickets.ts';
import { devices } from '../inventory/schema.ts';
import { programmes } from '../programmes/schema.ts';
import { programmeParties } from '../programmes/visibility.ts';
import { assertAvailable, availableCounts } from './catalogue.ts';
import { deviceWords, orderStatusList, orderStatusWords } from './messages.ts';
import { mailOrderStep } from './order-mail.ts';
import {
  getOrder,
  isAssociationMember,
  isOwnerStaff,
  loadOrder,
  ORDER_STEPS,
  type Order,
  type OrderLine,
  type OrderStep,
  stepAllowedFrom,
} from './orders.ts';
import {
  associationOrderAllocations,
  associationOrderEvents,
  associationOrderLines,
  associationOrders,
  type OrderStatus,
} from './schema.ts';

type Loaded = Awaited<ReturnType<typeof loadOrder>>;

function illegalTransition(actor: Actor, number: string, status: OrderStatus, from: OrderStatus[]) {
  return conflict('portal.orders.illegal_transition', {
    number,
    status: orderStatusWords[actor.locale][status],
    allowed: orderStatusList(actor.locale, from),
  });
}

async function linesOf(tx: Executor, orderId: string): Promise<OrderLine[]> {
  return tx
    .select({
      deviceType: associationOrderLines.deviceType,
      grade: associationOrderLines.grade,
      quantity: associationOrderLines.quantity,
    })
    .from(associationOrderLines)
    .where(eq(associationOrderLines.orderId, orderId))
    .orderBy(asc(associationOrderLines.deviceType), asc(associationOrderLines.grade));
}

/** Runs one step: permission, expected status, the work, the event and the e-mails, in one transaction. */
async function takeStep(
  db: Executor,
  actor: Actor,
  id: string,
  step: OrderStep,
  options: {
    publicUrl: string;
    note?: string | null;
    set?: Partial<typeof associationOrders.$inferInsert>;
    work?: (tx: Executor, loaded: Loaded, from: OrderStatus) => Promise<void>;
  },
): Promise<Order> {
  await db.transaction(async (tx) => {
    const loaded = await loadOrder(tx, actor, id, true);
    const { order, programme } = loaded;
    const from = stepAllowedFrom(actor, step, order, programme.ownerOrganisationId);
    if (from.length === 0) throw forbidden();
    if (!from.includes(order.status)) throw illegalTransition(actor, order.number, order.status, from);
    const to = ORDER_STEPS[step].to;
    const [moved] = await tx
      .update(associationOrders)
      .set({ ...options.set, status: to, updatedAt: new Date() })
      .where(and(eq(associationOrders.id, order.id), eq(associationOrders.status, order.status)))
      .returning();
    if (!moved) throw illegalTransition(actor, order.number, order.status, from);
    await options.work?.(tx, loaded, order.status);
    const note = options.note?.trim() || null;
    await tx
      .insert(associationOrderEvents)
      .values({ orderId: order.id, status: to, note, byUserId: actor.userId });
    await recordAudit(tx, actor, {
      action: `association_order.${step}`,
      entityType: 'association_order',
      entityId: order.id,
      // The association's own steps (its cancellation) are filed with the association, the owner's with it.
      organisationId: isOwnerStaff(actor, programme.ownerOrganisationId)
        ? programme.ownerOrganisationId
        : order.organisationId,
      fields: ['status', ...Object.keys(options.set ?? {})],
    });
    await mailOrderStep(tx, {
      order: moved,
      programme,
      registration: loaded.registration,
      note,
      publicUrl: options.publicUrl,
    });
  });
  return getOrder(db, actor, id);
}

/**
 * The owner accepts an order: its devices are promised (taken off the catalogue). Refused (422, naming the
 * device and what is left) when what is left, less the other approved orders, no longer covers its lines.
 * The programme row is locked first, so two approvals (or an approval and a new order) of the same
 * programme are counted one after the other and never promise the same devices twice.
 */
export function approveOrder(db: Executor, actor: Actor, id: string, publicUrl: string): Promise<Order> {
  return takeStep(db, actor, id, 'approve', {
    publicUrl,
    async work(tx, { order, programme }) {
      await tx
        .select({ id: programmes.id })
        .from(programmes)
        .where(eq(programmes.id, programme.id))
        .for('update');
      const left = await availableCounts(tx, programme, { exceptOrderId: order.id });
      assertAvailable(left, await linesOf(tx, order.id), actor.locale, order.number);
    },
  });
}

/** The owner refuses an order (submitted or approved) with a reason, e-mailed to the association. */
export function refuseOrder(
  db: Executor,
  actor: Actor,
  id: string,
  reason: string,
  publicUrl: string,
): Promise<Order> {
  return takeStep(db, actor, id, 'refuse', {
    publicUrl,
    note: reason,
    set: { refusalReason: reason.trim() },
  });
}

/** The association (submitted, approved) or the owner (prepared too) cancels; set-aside devices go back to ready. */
export function cancelOrder(
  db: Executor,
  actor: Actor,
  id: string,
  reason: string,
  publicUrl: string,
): Promise<Order> {
  return takeStep(db, actor, id, 'cancel', {
    publicUrl,
    note: reason,
    set: { cancelReason: reason.trim() },
    async work(tx, { order }, from) {
      if (from !== 'prepared') return;
      for (const allocationId of await orderAllocations(tx, order.id, 'reserved')) {
        await cancelAllocation(tx, actor, allocationId, reason);
      }
    },
  });
}

async function orderAllocations(tx: Executor, orderId: string, status: 'reserved' | 'handed_over') {
  const rows = await tx
    .select({ id: allocations.id })
    .from(associationOrderAllocations)
    .innerJoin(allocations, eq(allocations.id, associationOrderAllocations.allocationId))
    .where(and(eq(associationOrderAllocations.orderId, orderId), eq(allocations.status, status)))
    .orderBy(asc(allocations.createdAt));
  return rows.map((r) => r.id);
}

/** Devices for each line: graded lines first, then "any grade" lines from what is left of the type. */
function matchDevices(
  lines: OrderLine[],
  candidates: { id: string; type: string; grade: string | null }[],
): { picked: string[]; missing: { line: OrderLine; count: number } | null } {
  const taken = new Set<string>();
  const ordered = [...lines.filter((l) => l.grade !== null), ...lines.filter((l) => l.grade === null)];
  for (const line of ordered) {
    const fits = candidates.filter(
      (c) =>
        !taken.has(c.id) && c.type === line.deviceType && (line.grade === null || c.grade === line.grade),
    );
    for (const c of fits.slice(0, line.quantity)) taken.add(c.id);
    if (fits.length < line.quantity)
      return { picked: [...taken], missing: { line, count: line.quantity - fits.length } };
  }
  return { picked: [...taken], missing: null };
}

/**
 * The owner sets devices aside for an approved order: the ones given (they must match the lines exactly),
 * or ready devices matching the lines, oldest first. Each becomes a distribution allocation for the
 * association's record in the programme. All or nothing. A prepared order whose reservations were partly
 * cancelled meanwhile is prepared again: what is left set aside goes back to ready and the order is
 * prepared afresh (409 while nothing is missing).
 */
export function prepareOrder(
  db: Executor,
  actor: Actor,
  id: string,
  deviceIds: string[] | undefined,
  publicUrl: string,
): Promise<Order> {
  return takeStep(db, actor, id, 'prepare', {
    publicUrl,
    async work(tx, { order, programme, registration }, from) {
      const lines = await linesOf(tx, order.id);
      if (from === 'prepared') {
        const reserved = await orderAllocations(tx, order.id, 'reserved');
        if (reserved.length >= lines.reduce((n, l) => n + l.quantity, 0)) {
          throw conflict('portal.orders.already_prepared', { number: order.number });
        }
        for (const allocationId of reserved) {
          const reason = actor.locale === 'en' ? 'prepared again' : 'préparée à nouveau';
          await cancelAllocation(tx, actor, allocationId, `${order.number} : ${reason}`);
        }
      }
      const parties = await programmeParties(tx, programme);
      const stock = [parties.owner, ...parties.refurbishers];
      const expected = lines.reduce((n, l) => n + l.quantity, 0);
      let picked: string[];
      if (deviceIds && deviceIds.length > 0) {
        const ids = [...new Set(deviceIds)];
        if (!ids.every(isUuid)) throw notFound('device');
        const chosen = await tx
          .select({ id: devices.id, type: devices.type, grade: devices.grade })
          .from(devices)
          .where(and(inArray(devices.id, ids), inArray(devices.organisationId, stock)));
        if (chosen.length !== ids.length) throw notFound('device');
        const match = matchDevices(lines, chosen);
        if (match.missing || match.picked.length !== ids.length) {
          throw new AppError('RULE_REFUSED', 'portal.orders.devices_mismatch', {
            params: { number: order.number, expected },
          });
        }
        picked = match.picked;
      } else {
        const ready = await tx
          .select({ id: devices.id, type: devices.type, grade: devices.grade })
          .from(devices)
          .where(
            and(
              inArray(devices.organisationId, stock),
              eq(devices.status, 'ready'),
              inArray(devices.type, [...new Set(lines.map((l) => l.deviceType))]),
            ),
          )
          .orderBy(asc(devices.tagNumber));
        const match = matchDevices(lines, ready);
        if (match.missing) {
          throw new AppError('RULE_REFUSED', 'portal.orders.not_enough_devices', {
            params: {
              number: order.number,
              missing: match.missing.count,
              device: deviceWords(actor.locale, match.missing.line.deviceType, match.missing.line.grade),
            },
          });
        }
        picked = match.picked;
      }
      if (!registration.beneficiaryId) throw notFound('registration');
      for (const deviceId of picked) {
        const allocation = await createAllocation(tx, actor, {
          programmeId: programme.id,
          beneficiaryId: registration.beneficiaryId,
          deviceId,
        });
        await tx
          .insert(associationOrderAllocations)
          .values({ orderId: order.id, allocationId: allocation.id });
      }
    },
  });
}

/**
 * The owner hands a prepared order over: every device through distribution's handover, together. Refused
 * (409, prepare again) when fewer devices are still set aside than the lines ask for — a reservation
 * cancelled from the distribution side meanwhile — rather than handing over part of the order.
 */
export function handOverOrder(
  db: Executor,
  actor: Actor,
  id: string,
  on: string | undefined,
  publicUrl: string,
): Promise<Order> {
  return takeStep(db, actor, id, 'handOver', {
    publicUrl,
    async work(tx, { order }) {
      const reserved = await orderAllocations(tx, order.id, 'reserved');
      const expected = (await linesOf(tx, order.id)).reduce((n, l) => n + l.quantity, 0);
      if (reserved.length === 0 || reserved.length < expected) {
        throw conflict('portal.orders.allocations_missing', {
          number: order.number,
          expected,
          reserved: reserved.length,
        });
      }
      for (const allocationId of reserved) {
        await handOverIn(tx, actor, allocationId, on ? { handedOverOn: on } : {});
      }
    },
  });
}

export interface OrderTicket {
  id: string;
  allocationId: string;
  assetTag: string;
  description: string;
  status: TicketStatus;
  createdAt: Date;
}

/**
 * The association (or the owner's staff) reports a problem with a device of a handed-over order: a
 * maintenance ticket in the programme owner's list. 404 for a device not in this order.
 */
export async function reportOrderProblem(
  db: Executor,
  actor: Actor,
  orderId: string,
  allocationId: string,
  description: string,
): Promise<OrderTicket> {
  const { order, programme } = await loadOrder(db, actor, orderId);
  if (
    !isOwnerStaff(actor, programme.ownerOrganisationId) &&
    !isAssociationMember(actor, order.organisationId)
  ) {
    throw forbidden();
  }
  if (!isUuid(allocationId)) throw notFound('allocation');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ allocation: allocations, assetTag: devices.assetTag })
      .from(associationOrderAllocations)
      .innerJoin(allocations, eq(allocations.id, associationOrderAllocations.allocationId))
      .innerJoin(devices, eq(devices.id, allocations.deviceId))
      .where(
        and(
          eq(associationOrderAllocations.orderId, order.id),
          eq(associationOrderAllocations.allocationId, allocationId),
          notInArray(allocations.status, ['cancelled']),
        ),
      );
    if (!row) throw notFound('allocation');
    if (row.allocation.status !== 'handed_over') {
      throw conflict('portal.orders.device_not_handed_over', { status: row.allocation.status });
    }
    // The audit entry is filed with whoever reports: the association's own step under the association.
    const auditOrganisationId = isOwnerStaff(actor, programme.ownerOrganisationId)
      ? programme.ownerOrganisationId
      : order.organisationId;
    const ticket = await recordTicket(tx, actor, row.allocation, description, auditOrganisationId);
    return {
      id: ticket.id,
      allocationId: row.allocation.id,
      assetTag: row.assetTag,
      description: description.trim(),
      status: ticket.status,
      createdAt: ticket.createdAt,
    };
  });
}
