/**
 * Group handovers: an event (day, place) gathers reserved allocations; its sign-off sheet is printed for
 * people to sign on paper; then every handover of the event is recorded at once — all or none.
 */
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import type { Locale } from '../../lib/messages.ts';
import { recordAudit } from '../audit/service.ts';
import { devices } from '../inventory/schema.ts';
import { organisations } from '../organisations/schema.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { contributionCents } from '../programmes/programmes.ts';
import { displayName } from '../programmes/referrals.ts';
import { beneficiaries, programmeSubsidies } from '../programmes/schema.ts';
import { loadProgramme, type ProgrammeRow } from '../programmes/visibility.ts';
import {
  type Allocation,
  assertProgrammeOpen,
  getAllocation,
  type HandoverInput,
  handOverIn,
} from './allocations.ts';
import { signOffSheetPdf } from './documents/sign-off-sheet.ts';
import { allocations, handoverEvents, type PaymentMethod } from './schema.ts';

export type HandoverEventRow = typeof handoverEvents.$inferSelect;

export interface HandoverEvent extends HandoverEventRow {
  allocations: (Allocation & { beneficiaryName: string | null })[];
}

function assertOwnerStaff(actor: Actor, programme: ProgrammeRow): void {
  if (!peoplePermissions.can(actor, 'referral.manage', programme.ownerOrganisationId)) throw forbidden();
}

async function loadEvent(db: Executor, actor: Actor, id: string, forUpdate = false) {
  if (!isUuid(id)) throw notFound('handover_event');
  const query = db.select().from(handoverEvents).where(eq(handoverEvents.id, id));
  const [event] = forUpdate ? await query.for('update') : await query;
  if (!event) throw notFound('handover_event');
  const { row: programme } = await loadProgramme(db, actor, event.programmeId);
  // The owner's staff plan and hold the ceremonies; others who see the programme do not see them.
  if (!peoplePermissions.can(actor, 'beneficiary.read', programme.ownerOrganisationId))
    throw notFound('handover_event');
  return { event, programme };
}

export interface HandoverEventInput {
  programmeId: string;
  heldOn: string;
  place?: string | null;
  title?: string | null;
}

/** Plans a group handover on a day of the programme's period (it may be ahead). */
export async function createHandoverEvent(
  db: Executor,
  actor: Actor,
  input: HandoverEventInput,
): Promise<HandoverEvent> {
  const { row: programme } = await loadProgramme(db, actor, input.programmeId);
  assertOwnerStaff(actor, programme);
  assertProgrammeOpen(programme);
  if (input.heldOn < programme.startsOn || input.heldOn > programme.endsOn) {
    throw new AppError('RULE_REFUSED', 'allocations.outside_period', {
      params: {
        day: input.heldOn,
        programme: programme.name,
        startsOn: programme.startsOn,
        endsOn: programme.endsOn,
      },
    });
  }
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(handoverEvents)
      .values({
        programmeId: programme.id,
        heldOn: input.heldOn,
        place: input.place?.trim() || null,
        title: input.title?.trim() || null,
        createdByUserId: actor.userId,
      })
      .returning({ id: handoverEvents.id });
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, {
      action: 'handover_event.create',
      entityType: 'handover_event',
      entityId: row.id,
      organisationId: programme.ownerOrganisationId,
      fields: Object.keys(input),
    });
    return row.id;
  });
  return getHandoverEvent(db, actor, id);
}

/** One event with its handovers (the people's names: the owner's staff see them). */
export async function getHandoverEvent(db: Executor, actor: Actor, id: string): Promise<HandoverEvent> {
  const { event } = await loadEvent(db, actor, id);
  const rows = await db
    .select({ id: allocations.id, person: beneficiaries })
    .from(allocations)
    .innerJoin(beneficiaries, eq(beneficiaries.id, allocations.beneficiaryId))
    .innerJoin(devices, eq(devices.id, allocations.deviceId))
    .where(eq(allocations.handoverEventId, id))
    .orderBy(asc(beneficiaries.searchKey), asc(devices.assetTag));
  const attached: HandoverEvent['allocations'] = [];
  for (const row of rows) {
    attached.push({ ...(await getAllocation(db, actor, row.id)), beneficiaryName: displayName(row.person) });
  }
  return { ...event, allocations: attached };
}

/** The programme's events, the coming ones first. */
export async function listHandoverEvents(
  db: Executor,
  actor: Actor,
  programmeId: string,
): Promise<HandoverEventRow[]> {
  const { row: programme } = await loadProgramme(db, actor, programmeId);
  if (!peoplePermissions.can(actor, 'beneficiary.read', programme.ownerOrganisationId)) return [];
  return db
    .select()
    .from(handoverEvents)
    .where(eq(handoverEvents.programmeId, programmeId))
    .orderBy(desc(handoverEvents.heldOn), desc(handoverEvents.createdAt));
}

/**
 * Puts reserved allocations of the programme on the event's list (all or none: an allocation of another
 * programme, not reserved, or already on another event's list is refused, naming it).
 */
export async function attachToEvent(
  db: Executor,
  actor: Actor,
  id: string,
  allocationIds: string[],
): Promise<HandoverEvent> {
  await db.transaction(async (tx) => {
    const { event, programme } = await loadEvent(tx, actor, id, true);
    assertOwnerStaff(actor, programme);
    if (event.completedAt) throw conflict('handoverEvents.completed');
    const ids = [...new Set(allocationIds)].filter(isUuid);
    const rows =
      ids.length === 0
        ? []
        : await tx.select().from(allocations).where(inArray(allocations.id, ids)).for('update');
    const errors = allocationIds.flatMap((allocationId, index) => {
      const row = rows.find((r) => r.id === allocationId);
      if (!row || row.programmeId !== programme.id) {
        return [{ path: `allocationIds.${index}`, messageKey: 'handoverEvents.not_in_programme' }];
      }
      if (row.status !== 'reserved') {
        return [
          {
            path: `allocationIds.${index}`,
            messageKey: 'allocations.not_reserved',
            params: { status: row.status },
          },
        ];
      }
      if (row.handoverEventId && row.handoverEventId !== id) {
        return [{ path: `allocationIds.${index}`, messageKey: 'handoverEvents.on_another_event' }];
      }
      return [];
    });
    if (errors.length > 0) {
      throw new AppError('RULE_REFUSED', 'errors.invalid_input', {
        params: { count: errors.length },
        fieldErrors: errors,
      });
    }
    if (ids.length > 0) {
      await tx
        .update(allocations)
        .set({ handoverEventId: id, updatedAt: new Date() })
        .where(inArray(allocations.id, ids));
    }
    await recordAudit(tx, actor, {
      action: 'handover_event.attach',
      entityType: 'handover_event',
      entityId: id,
      organisationId: programme.ownerOrganisationId,
      fields: ['allocationIds'],
    });
  });
  return getHandoverEvent(db, actor, id);
}

/** Takes an allocation off the event's list (it stays reserved). */
export async function detachFromEvent(
  db: Executor,
  actor: Actor,
  id: string,
  allocationId: string,
): Promise<HandoverEvent> {
  await db.transaction(async (tx) => {
    const { event, programme } = await loadEvent(tx, actor, id, true);
    assertOwnerStaff(actor, programme);
    if (event.completedAt) throw conflict('handoverEvents.completed');
    if (!isUuid(allocationId)) throw notFound('allocation');
    const removed = await tx
      .update(allocations)
      .set({ handoverEventId: null, updatedAt: new Date() })
      .where(and(eq(allocations.id, allocationId), eq(allocations.handoverEventId, id)))
      .returning({ id: allocations.id });
    if (removed.length === 0) throw notFound('allocation');
  });
  return getHandoverEvent(db, actor, id);
}

export interface EventHandoverInput {
  payments?: { allocationId: string; amountCents: number; method: PaymentMethod; note?: string | null }[];
  signedOnPaper?: boolean;
}

/**
 * Records every handover of the event on its day, in one transaction: one refusal (a person who left the
 * programme, a payment that differs without a note) and nothing is recorded. The day must have come.
 */
export async function completeHandoverEvent(
  db: Executor,
  actor: Actor,
  id: string,
  input: EventHandoverInput,
): Promise<HandoverEvent> {
  await db.transaction(async (tx) => {
    const { event, programme } = await loadEvent(tx, actor, id, true);
    assertOwnerStaff(actor, programme);
    if (event.completedAt) throw conflict('handoverEvents.completed');
    if (event.heldOn > today())
      throw invalidField('heldOn', 'handoverEvents.not_yet', { heldOn: event.heldOn });
    const attached = await tx
      .select({ id: allocations.id })
      .from(allocations)
      .where(and(eq(allocations.handoverEventId, id), eq(allocations.status, 'reserved')))
      .orderBy(asc(allocations.createdAt));
    if (attached.length === 0) throw new AppError('RULE_REFUSED', 'handoverEvents.empty');
    const payments = input.payments ?? [];
    for (const [index, { id: allocationId }] of attached.entries()) {
      const paymentIndex = payments.findIndex((p) => p.allocationId === allocationId);
      const payment = payments[paymentIndex];
      const handover: HandoverInput = {
        handedOverOn: event.heldOn,
        signedOnPaper: input.signedOnPaper ?? false,
        ...(payment
          ? { payment: { amountCents: payment.amountCents, method: payment.method, note: payment.note } }
          : {}),
      };
      await handOverIn(
        tx,
        actor,
        allocationId,
        handover,
        payment ? `payments.${paymentIndex}.` : `allocations.${index}.`,
      );
    }
    await tx.update(handoverEvents).set({ completedAt: new Date() }).where(eq(handoverEvents.id, id));
    await recordAudit(tx, actor, {
      action: 'handover_event.complete',
      entityType: 'handover_event',
      entityId: id,
      organisationId: programme.ownerOrganisationId,
      fields: ['handovers'],
    });
  });
  return getHandoverEvent(db, actor, id);
}

/** The sign-off sheet of the event, to print and have signed: one row per planned handover. */
export async function eventSignOffSheet(
  db: Executor,
  actor: Actor,
  id: string,
  locale: Locale,
): Promise<Buffer> {
  const { event, programme } = await loadEvent(db, actor, id);
  assertOwnerStaff(actor, programme);
  const rows = await db
    .select({ person: beneficiaries, device: devices })
    .from(allocations)
    .innerJoin(beneficiaries, eq(beneficiaries.id, allocations.beneficiaryId))
    .innerJoin(devices, eq(devices.id, allocations.deviceId))
    .where(and(eq(allocations.handoverEventId, id), isNull(allocations.cancelledAt)))
    .orderBy(asc(beneficiaries.searchKey), asc(devices.assetTag));
  const subsidies = await db
    .select({ amountCents: programmeSubsidies.amountCents })
    .from(programmeSubsidies)
    .where(eq(programmeSubsidies.programmeId, programme.id));
  const amount = programme.mode === 'sale' ? contributionCents(programme.unitPriceCents, subsidies) : null;
  const [owner] = await db
    .select()
    .from(organisations)
    .where(eq(organisations.id, programme.ownerOrganisationId));
  return signOffSheetPdf(
    {
      issuer: {
        name: owner?.name ?? '',
        siret: owner?.siret,
        rna: owner?.rna,
        postcode: owner?.postcode,
        city: owner?.city,
      },
      programmeName: programme.name,
      mode: programme.mode,
      event: { heldOn: event.heldOn, place: event.place, title: event.title },
      rows: rows.map(({ person, device }) => ({
        name: displayName(person) ?? '—',
        device: {
          assetTag: device.assetTag,
          type: device.type,
          brand: device.brand,
          model: device.model,
          serialNumber: device.serialNumber,
        },
        amountCents: amount,
      })),
      generatedOn: event.heldOn,
    },
    locale,
  );
}
