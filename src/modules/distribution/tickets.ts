/**
 * Maintenance of handed-over devices: a ticket per problem (open → in progress → waiting for a part →
 * resolved), and the swap — the person gets another ready device, the broken one goes back to
 * refurbishing, the allocation and its loan go on with the new device (the ticket keeps both).
 */
import { and, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/service.ts';
import { inventoryPermissions } from '../inventory/permissions.ts';
import { devices } from '../inventory/schema.ts';
import { moveDeviceForDistribution } from '../inventory/status.ts';
import { recordStep } from '../programmes/events.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { beneficiaries, programmes } from '../programmes/schema.ts';
import { loadBeneficiary, loadProgramme } from '../programmes/visibility.ts';
import { getAllocation } from './allocations.ts';
import { allocations, loans, maintenanceTickets, type TicketStatus } from './schema.ts';
import { distributionScope } from './visibility.ts';

export type Ticket = typeof maintenanceTickets.$inferSelect & {
  assetTag: string;
  /** What the caller may do: move it on (owner staff and the device's technicians), swap (owner staff). */
  can: { update: boolean; swap: boolean };
};

function present(
  actor: Actor,
  row: {
    ticket: typeof maintenanceTickets.$inferSelect;
    assetTag: string;
    ownerOrganisationId: string;
    referringOrganisationId: string;
    deviceOrganisationId: string;
  },
): Ticket {
  const owner = peoplePermissions.can(actor, 'referral.manage', row.ownerOrganisationId);
  // The borrower's own words on how to reach them are for those who see the person, not for the
  // refurbisher's staff who repair the device.
  const seesPerson =
    peoplePermissions.can(actor, 'beneficiary.read', row.referringOrganisationId) ||
    peoplePermissions.can(actor, 'beneficiary.read', row.ownerOrganisationId);
  return {
    ...row.ticket,
    borrowerContact: seesPerson ? row.ticket.borrowerContact : null,
    assetTag: row.assetTag,
    can: {
      update:
        row.ticket.status !== 'resolved' &&
        (owner || inventoryPermissions.can(actor, 'device.write', row.deviceOrganisationId)),
      swap: row.ticket.status !== 'resolved' && owner,
    },
  };
}

/** Who sees a ticket: as for its allocation, and the members of the organisation holding the device. */
function ticketScope(actor: Actor): SQL | undefined | false {
  const people = distributionScope(actor);
  const stock = inventoryPermissions.organisationsWith(actor, 'device.read');
  if (people === undefined || stock === 'all') return undefined;
  const parts: SQL[] = [];
  if (people !== false) parts.push(people);
  if (stock.length > 0) parts.push(inArray(devices.organisationId, stock));
  return parts.length === 0 ? false : or(...parts);
}

function ticketQuery(db: Executor) {
  return db
    .select({
      ticket: maintenanceTickets,
      assetTag: devices.assetTag,
      ownerOrganisationId: programmes.ownerOrganisationId,
      referringOrganisationId: beneficiaries.referringOrganisationId,
      deviceOrganisationId: devices.organisationId,
    })
    .from(maintenanceTickets)
    .innerJoin(beneficiaries, eq(beneficiaries.id, maintenanceTickets.beneficiaryId))
    .innerJoin(programmes, eq(programmes.id, maintenanceTickets.programmeId))
    .innerJoin(devices, eq(devices.id, maintenanceTickets.deviceId));
}

export async function getTicket(db: Executor, actor: Actor, id: string): Promise<Ticket> {
  const scope = ticketScope(actor);
  if (!isUuid(id) || scope === false) throw notFound('ticket');
  const [row] = await ticketQuery(db).where(and(eq(maintenanceTickets.id, id), scope));
  if (!row) throw notFound('ticket');
  return present(actor, row);
}

/** Reports a problem with a handed-over device (the programme owner's staff). */
export async function openTicket(
  db: Executor,
  actor: Actor,
  input: { allocationId: string; description: string },
): Promise<Ticket> {
  const allocation = await getAllocation(db, actor, input.allocationId);
  const { row: programme } = await loadProgramme(db, actor, allocation.programmeId);
  if (!peoplePermissions.can(actor, 'referral.manage', programme.ownerOrganisationId)) throw forbidden();
  if (allocation.status !== 'handed_over')
    throw conflict('tickets.not_handed_over', { status: allocation.status });
  const id = await db.transaction(
    async (tx) =>
      (await recordTicket(tx, actor, allocation, input.description, programme.ownerOrganisationId)).id,
  );
  return getTicket(db, actor, id);
}

/**
 * Writes a ticket on a handed-over allocation with its audit entry and the person's step, inside the
 * caller's transaction, reported by the actor. For use cases that have checked who may report it (the
 * owner's staff above; an association on its own order's devices, in the association portal; the person
 * in a follow-up questionnaire, `reportedByBorrower`, through a link and without a user).
 */
export async function recordTicket(
  tx: Executor,
  actor: Actor,
  allocation: { id: string; programmeId: string; beneficiaryId: string; deviceId: string },
  description: string,
  ownerOrganisationId: string,
  options: { reportedByBorrower?: boolean } = {},
): Promise<{ id: string; createdAt: Date; status: TicketStatus }> {
  const [row] = await tx
    .insert(maintenanceTickets)
    .values({
      allocationId: allocation.id,
      programmeId: allocation.programmeId,
      beneficiaryId: allocation.beneficiaryId,
      deviceId: allocation.deviceId,
      description: description.trim(),
      reportedByUserId: actor.userId,
      reportedByBorrower: options.reportedByBorrower ?? false,
    })
    .returning({
      id: maintenanceTickets.id,
      createdAt: maintenanceTickets.createdAt,
      status: maintenanceTickets.status,
    });
  if (!row) throw new Error('insert returned no row');
  await recordAudit(tx, actor, {
    action: 'ticket.open',
    entityType: 'ticket',
    entityId: row.id,
    organisationId: ownerOrganisationId,
    fields: ['description'],
  });
  await recordStep(tx, actor, {
    beneficiaryId: allocation.beneficiaryId,
    kind: 'ticket_opened',
    programmeId: allocation.programmeId,
  });
  return row;
}

/** Who may work on a ticket: the programme owner's staff and the technicians holding the device's stock. */
async function assertMayWork(db: Executor, actor: Actor, ticket: Ticket): Promise<void> {
  const [row] = await db
    .select({ owner: programmes.ownerOrganisationId, deviceOrganisationId: allocations.deviceOrganisationId })
    .from(maintenanceTickets)
    .innerJoin(programmes, eq(programmes.id, maintenanceTickets.programmeId))
    .innerJoin(allocations, eq(allocations.id, maintenanceTickets.allocationId))
    .where(eq(maintenanceTickets.id, ticket.id));
  if (
    !row ||
    !(
      peoplePermissions.can(actor, 'referral.manage', row.owner) ||
      inventoryPermissions.can(actor, 'device.write', row.deviceOrganisationId)
    )
  ) {
    throw forbidden();
  }
}

/** Moves a ticket on (or back); a resolved ticket takes a resolution and no longer changes. */
export async function updateTicket(
  db: Executor,
  actor: Actor,
  id: string,
  input: { status: TicketStatus; resolution?: string | null },
): Promise<Ticket> {
  const seen = await getTicket(db, actor, id);
  await assertMayWork(db, actor, seen);
  await db.transaction(async (tx) => {
    const [ticket] = await tx
      .select()
      .from(maintenanceTickets)
      .where(eq(maintenanceTickets.id, id))
      .for('update');
    if (!ticket) throw notFound('ticket');
    if (ticket.status === 'resolved') throw conflict('tickets.resolved');
    await tx
      .update(maintenanceTickets)
      .set({
        status: input.status,
        resolution: input.resolution?.trim() || ticket.resolution,
        updatedAt: new Date(),
        ...(input.status === 'resolved' ? { resolvedAt: new Date() } : {}),
      })
      .where(eq(maintenanceTickets.id, id));
    await recordAudit(tx, actor, {
      action: 'ticket.update',
      entityType: 'ticket',
      entityId: id,
      fields: ['status', ...(input.resolution ? ['resolution'] : [])],
    });
  });
  return getTicket(db, actor, id);
}

/**
 * The swap: another ready device (from the programme's stock) goes to the person, the broken one back to
 * refurbishing; the allocation and its loan continue with the new device; the ticket is resolved.
 */
export async function swapDevice(
  db: Executor,
  actor: Actor,
  id: string,
  input: { deviceId: string; resolution?: string | null },
): Promise<Ticket> {
  const seen = await getTicket(db, actor, id);
  await db.transaction(async (tx) => {
    // The person first, as every change of a person's path does; then the allocation and the ticket.
    await loadBeneficiary(tx, actor, seen.beneficiaryId, true);
    const [ticket] = await tx
      .select()
      .from(maintenanceTickets)
      .where(eq(maintenanceTickets.id, id))
      .for('update');
    if (!ticket) throw notFound('ticket');
    const [allocation] = await tx
      .select()
      .from(allocations)
      .where(eq(allocations.id, ticket.allocationId))
      .for('update');
    if (!allocation) throw notFound('ticket');
    const { row: programme, parties } = await loadProgramme(tx, actor, ticket.programmeId);
    if (!peoplePermissions.can(actor, 'referral.manage', programme.ownerOrganisationId)) throw forbidden();
    if (ticket.status === 'resolved') throw conflict('tickets.resolved');
    if (allocation.status !== 'handed_over' || allocation.deviceId !== ticket.deviceId) {
      throw conflict('tickets.device_changed');
    }
    if (!isUuid(input.deviceId)) throw notFound('device');
    const [replacement] = await tx.select().from(devices).where(eq(devices.id, input.deviceId));
    if (!replacement || ![parties.owner, ...parties.refurbishers].includes(replacement.organisationId)) {
      throw notFound('device');
    }
    const given = await moveDeviceForDistribution(tx, actor, replacement.id, 'ready', 'handed_over', 'swap');
    if (!given) {
      throw new AppError('CONFLICT', 'allocations.device_not_ready', {
        params: { assetTag: replacement.assetTag, status: replacement.status },
      });
    }
    const back = await moveDeviceForDistribution(
      tx,
      actor,
      ticket.deviceId,
      'handed_over',
      'refurbishing',
      'swap',
    );
    if (!back) throw conflict('tickets.device_changed');
    await tx
      .update(allocations)
      .set({
        deviceId: replacement.id,
        deviceOrganisationId: replacement.organisationId,
        updatedAt: new Date(),
      })
      .where(eq(allocations.id, allocation.id));
    await tx.update(loans).set({ deviceId: replacement.id }).where(eq(loans.allocationId, allocation.id));
    await tx
      .update(maintenanceTickets)
      .set({
        status: 'resolved',
        swappedForDeviceId: replacement.id,
        resolution: input.resolution?.trim() || ticket.resolution,
        resolvedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(maintenanceTickets.id, id));
    await recordAudit(tx, actor, {
      action: 'ticket.swap',
      entityType: 'ticket',
      entityId: id,
      organisationId: programme.ownerOrganisationId,
      fields: ['deviceId'],
    });
    await recordStep(tx, actor, {
      beneficiaryId: ticket.beneficiaryId,
      kind: 'device_swapped',
      programmeId: ticket.programmeId,
    });
  });
  return getTicket(db, actor, id);
}

export interface TicketFilters {
  programmeId?: string;
  status?: TicketStatus;
  limit: number;
  cursor?: string;
}

/** Tickets the actor may see, newest first. */
export async function listTickets(db: Executor, actor: Actor, filters: TicketFilters): Promise<Page<Ticket>> {
  const scope = ticketScope(actor);
  if (scope === false) return { items: [], nextCursor: null };
  const conditions: (SQL | undefined)[] = [scope];
  if (filters.programmeId) conditions.push(eq(maintenanceTickets.programmeId, filters.programmeId));
  if (filters.status) conditions.push(eq(maintenanceTickets.status, filters.status));
  const after = decodeCursor(filters.cursor, ['instant', 'uuid']);
  if (after) {
    const [createdAt, id] = after as [string, string];
    conditions.push(
      sql`(${maintenanceTickets.createdAt}, ${maintenanceTickets.id}) < (${createdAt}::timestamptz, ${id}::uuid)`,
    );
  }
  const rows = await db
    .select({
      ticket: maintenanceTickets,
      assetTag: devices.assetTag,
      ownerOrganisationId: programmes.ownerOrganisationId,
      referringOrganisationId: beneficiaries.referringOrganisationId,
      deviceOrganisationId: devices.organisationId,
      key: sql<string>`${maintenanceTickets.createdAt}::text`,
    })
    .from(maintenanceTickets)
    .innerJoin(beneficiaries, eq(beneficiaries.id, maintenanceTickets.beneficiaryId))
    .innerJoin(programmes, eq(programmes.id, maintenanceTickets.programmeId))
    .innerJoin(devices, eq(devices.id, maintenanceTickets.deviceId))
    .where(and(...conditions))
    .orderBy(desc(maintenanceTickets.createdAt), desc(maintenanceTickets.id))
    .limit(filters.limit + 1);
  const page = toPage(rows, filters.limit, (r) => [r.key, r.ticket.id]);
  return {
    items: page.items.map((r) => present(actor, r)),
    nextCursor: page.nextCursor,
  };
}
