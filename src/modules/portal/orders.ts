/**
 * Associations' orders as both sides see them, and who may take which step. The catalogue and the order
 * itself are in `catalogue.ts`; the steps that follow (approval, preparation, handover, cancellation) in
 * `order-steps.ts`.
 */
import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { type AllocationStatus, allocations, loans, maintenanceTickets } from '../distribution/schema.ts';
import type { DeviceType } from '../inventory/device-fields.ts';
import { devices } from '../inventory/schema.ts';
import { organisations, users } from '../organisations/schema.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { programmes } from '../programmes/schema.ts';
import {
  associationOrderAllocations,
  associationOrderEvents,
  associationOrderLines,
  associationOrders,
  associationRegistrations,
  type OrderStatus,
} from './schema.ts';

export type OrderRow = typeof associationOrders.$inferSelect;
export type RegistrationRow = typeof associationRegistrations.$inferSelect;

/** Orders that are still going on (they count against the programme's `maxOpenOrders`). */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ['submitted', 'approved', 'prepared'];

export interface OrderLine {
  deviceType: DeviceType;
  grade: string | null;
  quantity: number;
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
  devices: {
    allocationId: string;
    deviceId: string;
    assetTag: string;
    deviceType: string;
    grade: string | null;
    status: AllocationStatus;
    handedOverOn: string | null;
    loanDueOn: string | null;
    openTickets: number;
  }[];
  history: { status: OrderStatus; note: string | null; at: Date; byName: string | null }[];
  can: {
    approve: boolean;
    refuse: boolean;
    prepare: boolean;
    handOver: boolean;
    cancel: boolean;
    reportProblem: boolean;
  };
}

/** Who may take each step, from which statuses: the owner's staff, the association's members. */
export const ORDER_STEPS = {
  approve: { to: 'approved', owner: ['submitted'], association: [] },
  refuse: { to: 'refused', owner: ['submitted', 'approved'], association: [] },
  // From `prepared` again when reservations were cancelled meanwhile (see `prepareOrder`).
  prepare: { to: 'prepared', owner: ['approved', 'prepared'], association: [] },
  handOver: { to: 'handed_over', owner: ['prepared'], association: [] },
  cancel: {
    to: 'cancelled',
    owner: ['submitted', 'approved', 'prepared'],
    association: ['submitted', 'approved'],
  },
} as const satisfies Record<
  string,
  { to: OrderStatus; owner: readonly OrderStatus[]; association: readonly OrderStatus[] }
>;
export type OrderStep = keyof typeof ORDER_STEPS;

/** The programme owner's staff who run orders (verification, preparation, handover). */
export function isOwnerStaff(actor: Actor, ownerOrganisationId: string): boolean {
  return peoplePermissions.can(actor, 'referral.manage', ownerOrganisationId);
}

/** A member of the association who may order, cancel and report (a viewer only reads). */
export function isAssociationMember(actor: Actor, organisationId: string): boolean {
  const role = actor.memberships.get(organisationId);
  return role !== undefined && role !== 'viewer';
}

/** The statuses from which this actor may take the step (empty: the step is not theirs). */
export function stepAllowedFrom(
  actor: Actor,
  step: OrderStep,
  order: { organisationId: string },
  ownerOrganisationId: string,
): OrderStatus[] {
  const rule = ORDER_STEPS[step];
  const from = new Set<OrderStatus>();
  if (isOwnerStaff(actor, ownerOrganisationId)) for (const s of rule.owner) from.add(s);
  if (isAssociationMember(actor, order.organisationId)) for (const s of rule.association) from.add(s);
  return [...from];
}

/** Orders seen by the association that placed them and by the programme owner's members. */
function orderScope(actor: Actor): SQL | undefined | false {
  if (actor.isPlatformAdmin) return undefined;
  const mine = [...actor.memberships.keys()];
  if (mine.length === 0) return false;
  return or(inArray(associationOrders.organisationId, mine), inArray(programmes.ownerOrganisationId, mine));
}

/** An order the actor may see (the association, the owner), with its programme and registration; else 404. */
export async function loadOrder(db: Executor, actor: Actor, id: string, forUpdate = false) {
  const scope = orderScope(actor);
  if (!isUuid(id) || scope === false) throw notFound('order');
  const query = db
    .select({ order: associationOrders, programme: programmes, registration: associationRegistrations })
    .from(associationOrders)
    .innerJoin(programmes, eq(programmes.id, associationOrders.programmeId))
    .innerJoin(associationRegistrations, eq(associationRegistrations.id, associationOrders.registrationId))
    .where(and(eq(associationOrders.id, id), scope));
  const [row] = forUpdate ? await query.for('update', { of: associationOrders }) : await query;
  if (!row) throw notFound('order');
  return row;
}

async function presentOrder(
  db: Executor,
  actor: Actor,
  order: OrderRow,
  programme: { name: string; ownerOrganisationId: string },
  organisationName: string,
): Promise<Order> {
  const lines = await db
    .select({
      deviceType: associationOrderLines.deviceType,
      grade: associationOrderLines.grade,
      quantity: associationOrderLines.quantity,
    })
    .from(associationOrderLines)
    .where(eq(associationOrderLines.orderId, order.id))
    .orderBy(asc(associationOrderLines.deviceType), asc(associationOrderLines.grade));
  const held = await db
    .select({
      allocationId: allocations.id,
      deviceId: allocations.deviceId,
      assetTag: devices.assetTag,
      deviceType: devices.type,
      grade: devices.grade,
      status: allocations.status,
      handedOverOn: allocations.handedOverOn,
      loanDueOn: loans.dueOn,
      openTickets: sql<number>`(SELECT count(*)::int FROM ${maintenanceTickets}
        WHERE ${maintenanceTickets.allocationId} = ${allocations.id} AND ${maintenanceTickets.status} <> 'resolved')`,
    })
    .from(associationOrderAllocations)
    .innerJoin(allocations, eq(allocations.id, associationOrderAllocations.allocationId))
    .innerJoin(devices, eq(devices.id, allocations.deviceId))
    .leftJoin(loans, eq(loans.allocationId, allocations.id))
    .where(eq(associationOrderAllocations.orderId, order.id))
    .orderBy(asc(devices.assetTag));
  const history = await db
    .select({
      status: associationOrderEvents.status,
      note: associationOrderEvents.note,
      at: associationOrderEvents.at,
      byName: users.name,
    })
    .from(associationOrderEvents)
    .leftJoin(users, eq(users.id, associationOrderEvents.byUserId))
    .where(eq(associationOrderEvents.orderId, order.id))
    .orderBy(asc(associationOrderEvents.at), asc(associationOrderEvents.id));
  const may = (step: OrderStep) =>
    stepAllowedFrom(actor, step, order, programme.ownerOrganisationId).includes(order.status);
  // A prepared order with fewer devices set aside than its lines ask for is prepared again, not handed over.
  const complete =
    held.filter((d) => d.status === 'reserved').length >= lines.reduce((n, l) => n + l.quantity, 0);
  return {
    id: order.id,
    number: order.number,
    programmeId: order.programmeId,
    programmeName: programme.name,
    organisationId: order.organisationId,
    organisationName,
    status: order.status,
    submittedOn: order.submittedOn,
    note: order.note,
    refusalReason: order.refusalReason,
    cancelReason: order.cancelReason,
    lines,
    devices: held.map((d) => ({
      ...d,
      handedOverOn: d.handedOverOn ?? null,
      loanDueOn: d.loanDueOn ?? null,
    })),
    history: history.map((h) => ({ ...h, byName: h.byName ?? null })),
    can: {
      approve: may('approve'),
      refuse: may('refuse'),
      prepare: may('prepare') && (order.status !== 'prepared' || !complete),
      handOver: may('handOver') && complete,
      cancel: may('cancel'),
      reportProblem:
        order.status === 'handed_over' &&
        (isOwnerStaff(actor, programme.ownerOrganisationId) ||
          isAssociationMember(actor, order.organisationId)),
    },
  };
}

async function organisationName(db: Executor, id: string): Promise<string> {
  const [row] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, id));
  return row?.name ?? '';
}

/** One order, for the association that placed it and the programme owner's members (else 404). */
export async function getOrder(db: Executor, actor: Actor, id: string): Promise<Order> {
  const { order, programme } = await loadOrder(db, actor, id);
  return presentOrder(db, actor, order, programme, await organisationName(db, order.organisationId));
}

export interface OrderFilters {
  programmeId?: string;
  status?: OrderStatus;
  limit: number;
  cursor?: string;
}

/** The orders the actor may see (its association's; its programmes' as owner), newest first. */
export async function listOrders(db: Executor, actor: Actor, filters: OrderFilters): Promise<Page<Order>> {
  const scope = orderScope(actor);
  if (scope === false) return { items: [], nextCursor: null };
  const conditions: (SQL | undefined)[] = [scope];
  if (filters.programmeId) conditions.push(eq(associationOrders.programmeId, filters.programmeId));
  if (filters.status) conditions.push(eq(associationOrders.status, filters.status));
  const after = decodeCursor(filters.cursor, ['instant', 'uuid']);
  if (after) {
    const [createdAt, id] = after as [string, string];
    conditions.push(
      sql`(${associationOrders.createdAt}, ${associationOrders.id}) < (${createdAt}::timestamptz, ${id}::uuid)`,
    );
  }
  const rows = await db
    .select({
      order: associationOrders,
      programme: programmes,
      organisationName: organisations.name,
      key: sql<string>`${associationOrders.createdAt}::text`,
    })
    .from(associationOrders)
    .innerJoin(programmes, eq(programmes.id, associationOrders.programmeId))
    .innerJoin(organisations, eq(organisations.id, associationOrders.organisationId))
    .where(and(...conditions))
    .orderBy(desc(associationOrders.createdAt), desc(associationOrders.id))
    .limit(filters.limit + 1);
  const page = toPage(rows, filters.limit, (r) => [r.key, r.order.id]);
  const items: Order[] = [];
  for (const r of page.items)
    items.push(await presentOrder(db, actor, r.order, r.programme, r.organisationName));
  return { items, nextCursor: page.nextCursor };
}
