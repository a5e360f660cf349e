/**
 * Allocations and handovers: a ready device set aside for a person in a programme, then handed over (with
 * the payment of a sale, a loan for a loan programme), the person's referral moving to `equipped`.
 */
import { and, desc, eq, getTableColumns, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { isUniqueViolation } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { addMonthsToDay, today } from '../../lib/dates.ts';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import type { Locale } from '../../lib/messages.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { isPrintableImage } from '../../lib/pdf.ts';
import { recordAudit } from '../audit/service.ts';
import { cancelFollowUps, planFollowUps } from '../followup/planning.ts';
import { devices } from '../inventory/schema.ts';
import { moveDeviceForDistribution } from '../inventory/status.ts';
import { recordStep } from '../programmes/events.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { contributionCents } from '../programmes/programmes.ts';
import { applyMove } from '../programmes/referral-changes.ts';
import { beneficiaries, programmeSubsidies, programmes, referrals } from '../programmes/schema.ts';
import {
  assertNotErased,
  loadBeneficiary,
  loadProgramme,
  type ProgrammeRow,
} from '../programmes/visibility.ts';
import type { ReferralStatus } from '../programmes/vocabulary.ts';
import { type Loan, toLoan } from './loans.ts';
import {
  type AllocationStatus,
  allocations,
  distributionDocuments,
  loans,
  type PaymentMethod,
} from './schema.ts';
import { distributionScope } from './visibility.ts';

export type AllocationRow = typeof allocations.$inferSelect;

export interface Allocation extends Omit<AllocationRow, 'signaturePng'> {
  assetTag: string;
  deviceType: string;
  /** A signature was drawn at the handover (served as `signature.png`). */
  hasSignature: boolean;
  loan: Loan | null;
}

/** Every column but the drawn signature (kilobytes that lists do not need). */
const { signaturePng: _signature, ...allocationColumns } = getTableColumns(allocations);

/** Referral statuses from which a first device may be allocated (decisions: `trained` when training is required). */
const ALLOCATABLE: readonly ReferralStatus[] = ['eligible', 'in_training', 'trained'];
/**
 * Already equipped: a further device is allowed within `maxDevicesPerPerson` (an association, or a
 * programme allowing several per person); the training condition was met for the first one.
 */
const EQUIPPED: readonly ReferralStatus[] = ['equipped', 'followed_up'];

function euros(cents: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
  }).format(cents / 100);
}

/** Only the programme's owner allocates and hands over: it knows the people; others who see them get 403. */
function assertOwnerStaff(actor: Actor, programme: ProgrammeRow): void {
  if (!peoplePermissions.can(actor, 'referral.manage', programme.ownerOrganisationId)) throw forbidden();
}

/** A programme closed by hand gives out nothing more (its figures are final). */
export function assertProgrammeOpen(programme: ProgrammeRow): void {
  if (programme.closedAt) {
    throw new AppError('RULE_REFUSED', 'referrals.programme_closed', {
      params: { programme: programme.name },
    });
  }
}

function assertDayInPeriod(programme: ProgrammeRow, day: string): void {
  if (day < programme.startsOn || day > programme.endsOn) {
    throw new AppError('RULE_REFUSED', 'allocations.outside_period', {
      params: { day, programme: programme.name, startsOn: programme.startsOn, endsOn: programme.endsOn },
    });
  }
}

export interface AllocationInput {
  programmeId: string;
  beneficiaryId: string;
  deviceId: string;
}

/**
 * Reserves a ready device for a person with an eligible referral. Refused (422) without an eligible
 * referral, without the required training, or past the programme's devices per person (an association
 * may receive several). The device must be in the stock of the programme's owner or of a refurbisher
 * partner (else 404), and `ready` (else 409); of two people reserving it at once, one gets 409.
 */
export async function createAllocation(
  db: Executor,
  actor: Actor,
  input: AllocationInput,
): Promise<Allocation> {
  const id = await db
    .transaction(async (tx) => {
      // The person first, as every change of a person's path locks it (no deadlock with referral changes).
      const beneficiary = await loadBeneficiary(tx, actor, input.beneficiaryId, true);
      const { row: programme, parties } = await loadProgramme(tx, actor, input.programmeId);
      assertOwnerStaff(actor, programme);
      assertNotErased(beneficiary);
      assertProgrammeOpen(programme);
      if (!isUuid(input.deviceId)) throw notFound('device');
      const [device] = await tx.select().from(devices).where(eq(devices.id, input.deviceId));
      const stock = [parties.owner, ...parties.refurbishers];
      if (!device || !stock.includes(device.organisationId)) throw notFound('device');

      const [referral] = await tx
        .select()
        .from(referrals)
        .where(
          and(
            eq(referrals.beneficiaryId, beneficiary.id),
            eq(referrals.programmeId, programme.id),
            inArray(referrals.status, [...ALLOCATABLE, ...EQUIPPED]),
          ),
        )
        .for('update');
      if (!referral) throw new AppError('RULE_REFUSED', 'allocations.not_eligible');
      if (programme.trainingRequired && !['trained', ...EQUIPPED].includes(referral.status)) {
        throw new AppError('RULE_REFUSED', 'allocations.training_not_completed', {
          params: { status: referral.status },
        });
      }
      if (beneficiary.kind === 'person') {
        const [held] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(allocations)
          .where(
            and(
              eq(allocations.beneficiaryId, beneficiary.id),
              eq(allocations.programmeId, programme.id),
              ne(allocations.status, 'cancelled'),
            ),
          );
        const count = held?.n ?? 0;
        if (count >= programme.maxDevicesPerPerson) {
          throw new AppError('RULE_REFUSED', 'allocations.max_devices', {
            params: { count, max: programme.maxDevicesPerPerson },
          });
        }
      }
      if (device.status !== 'ready') {
        throw conflict('allocations.device_not_ready', { assetTag: device.assetTag, status: device.status });
      }
      const moved = await moveDeviceForDistribution(tx, actor, device.id, 'ready', 'reserved', 'allocation');
      if (!moved) throw conflict('allocations.device_taken');
      const [row] = await tx
        .insert(allocations)
        .values({
          programmeId: programme.id,
          beneficiaryId: beneficiary.id,
          referralId: referral.id,
          deviceId: device.id,
          deviceOrganisationId: device.organisationId,
          allocatedOn: today(),
          allocatedByUserId: actor.userId,
        })
        .returning({ id: allocations.id });
      if (!row) throw new Error('insert returned no row');
      await recordAudit(tx, actor, {
        action: 'allocation.create',
        entityType: 'allocation',
        entityId: row.id,
        organisationId: programme.ownerOrganisationId,
        fields: ['deviceId', 'beneficiaryId'],
      });
      await recordStep(tx, actor, {
        beneficiaryId: beneficiary.id,
        kind: 'allocated',
        referralId: referral.id,
        programmeId: programme.id,
      });
      return row.id;
    })
    .catch((err: unknown) => {
      if (isUniqueViolation(err, 'allocations_device_reserved_unique')) {
        throw conflict('allocations.device_taken');
      }
      throw err;
    });
  return getAllocation(db, actor, id);
}

/** An allocation the actor may see (through its person), with its device and loan; else 404. */
export async function getAllocation(db: Executor, actor: Actor, id: string): Promise<Allocation> {
  if (!isUuid(id)) throw notFound('allocation');
  const [allocation] = await presentAllocations(db, actor, [eq(allocations.id, id)]);
  if (!allocation) throw notFound('allocation');
  const { createdKey: _k, ...rest } = allocation;
  return rest;
}

async function presentAllocations(db: Executor, actor: Actor, conditions: (SQL | undefined)[], limit = 1) {
  const scope = distributionScope(actor);
  if (scope === false) return [];
  const rows = await db
    .select({
      allocation: allocationColumns,
      hasSignature: sql<boolean>`${allocations.signaturePng} IS NOT NULL`,
      maxRenewals: programmes.loanMaxRenewals,
      assetTag: devices.assetTag,
      deviceType: devices.type,
      loan: loans,
      createdKey: sql<string>`${allocations.createdAt}::text`,
    })
    .from(allocations)
    .innerJoin(devices, eq(devices.id, allocations.deviceId))
    .innerJoin(beneficiaries, eq(beneficiaries.id, allocations.beneficiaryId))
    .innerJoin(programmes, eq(programmes.id, allocations.programmeId))
    .leftJoin(loans, eq(loans.allocationId, allocations.id))
    .where(and(scope, ...conditions))
    .orderBy(desc(allocations.createdAt), desc(allocations.id))
    .limit(limit);
  return rows.map((r) => ({
    ...r.allocation,
    assetTag: r.assetTag,
    deviceType: r.deviceType,
    hasSignature: r.hasSignature,
    loan: r.loan ? toLoan(r.loan, { loanMaxRenewals: r.maxRenewals }) : null,
    createdKey: r.createdKey,
  }));
}

async function loadAllocationForChange(tx: Executor, actor: Actor, id: string) {
  if (!isUuid(id)) throw notFound('allocation');
  const [seen] = await tx.select().from(allocations).where(eq(allocations.id, id));
  if (!seen) throw notFound('allocation');
  // The order every change of a person's path takes: the person, its referral, then the allocation.
  const beneficiary = await loadBeneficiary(tx, actor, seen.beneficiaryId, true);
  const [referral] = await tx.select().from(referrals).where(eq(referrals.id, seen.referralId)).for('update');
  const [allocation] = await tx.select().from(allocations).where(eq(allocations.id, id)).for('update');
  if (!allocation || !referral) throw notFound('allocation');
  const { row: programme } = await loadProgramme(tx, actor, allocation.programmeId);
  // Seen only by the referring organisation and this programme's owner, like the referral it follows.
  if (
    !peoplePermissions.can(actor, 'beneficiary.read', beneficiary.referringOrganisationId) &&
    !peoplePermissions.can(actor, 'beneficiary.read', programme.ownerOrganisationId)
  ) {
    throw notFound('allocation');
  }
  assertOwnerStaff(actor, programme);
  return { allocation, beneficiary, programme, referral };
}

export interface HandoverInput {
  handedOverOn?: string;
  payment?: { amountCents: number; method: PaymentMethod; note?: string | null };
  signedOnPaper?: boolean;
  /** A signature drawn on a tablet: a `data:image/png;base64,…` URL. */
  signature?: string | null;
}

/** The largest drawn signature kept (a PNG of a tablet's pad is a few kilobytes to a few dozen). */
const SIGNATURE_MAX_BYTES = 150_000;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The PNG inside a drawn signature's data URL; a clear 400 for anything else. */
export function signatureImage(dataUrl: string | null | undefined, path: string): Buffer | null {
  if (!dataUrl) return null;
  const match = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUrl);
  const png = match?.[1] ? Buffer.from(match[1], 'base64') : null;
  if (
    !png ||
    png.length > SIGNATURE_MAX_BYTES ||
    !png.subarray(0, 8).equals(PNG_MAGIC) ||
    !isPrintableImage(png, { width: 2000, height: 1000 })
  ) {
    throw invalidField(path, 'allocations.signature_invalid', { max: SIGNATURE_MAX_BYTES / 1000 });
  }
  return png;
}

/**
 * Hands a reserved device over: the device becomes `handed_over`, the referral `equipped`; a sale records
 * the payment (a payment different from the programme's contribution needs a note); a loan programme
 * opens a loan due `loanMonths` after the handover. The day must be within the programme's period (422).
 */
export async function handOver(
  db: Executor,
  actor: Actor,
  id: string,
  input: HandoverInput,
): Promise<Allocation> {
  await db.transaction((tx) => handOverIn(tx, actor, id, input));
  return getAllocation(db, actor, id);
}

/**
 * One handover inside the caller's transaction (a single handover, or every one of a handover event,
 * all or none). `pathPrefix` places field errors (`payments.3.note` in an event).
 */
export async function handOverIn(
  tx: Executor,
  actor: Actor,
  id: string,
  input: HandoverInput,
  pathPrefix = '',
): Promise<void> {
  const day = input.handedOverOn ?? today();
  const { allocation, beneficiary, programme, referral } = await loadAllocationForChange(tx, actor, id);
  // Decoded only for someone allowed to hand this device over.
  const signature = signatureImage(input.signature, `${pathPrefix}signature`);
  assertNotErased(beneficiary);
  if (allocation.status !== 'reserved')
    throw conflict('allocations.not_reserved', { status: allocation.status });
  // The person left the programme since the reservation (exit, objection, merge): no handover.
  if (![...ALLOCATABLE, ...EQUIPPED].includes(referral.status)) {
    throw conflict('allocations.referral_closed', { status: referral.status });
  }
  assertProgrammeOpen(programme);
  assertDayInPeriod(programme, day);
  if (day > today()) throw invalidField(`${pathPrefix}handedOverOn`, 'validation.day_in_future');
  if (day < referral.referredOn) {
    throw invalidField(`${pathPrefix}handedOverOn`, 'allocations.before_referral', {
      referredOn: referral.referredOn,
    });
  }
  const subsidies = await tx
    .select({ amountCents: programmeSubsidies.amountCents })
    .from(programmeSubsidies)
    .where(eq(programmeSubsidies.programmeId, programme.id));
  const expected = programme.mode === 'sale' ? contributionCents(programme.unitPriceCents, subsidies) : 0;
  if (input.payment && input.payment.amountCents !== expected && !input.payment.note?.trim()) {
    throw invalidField(`${pathPrefix}payment.note`, 'allocations.payment_note_required', {
      paid: euros(input.payment.amountCents, actor.locale),
      expected: euros(expected, actor.locale),
    });
  }
  const moved = await moveDeviceForDistribution(
    tx,
    actor,
    allocation.deviceId,
    'reserved',
    'handed_over',
    'handover',
  );
  if (!moved) throw conflict('allocations.not_reserved', { status: 'reserved' });
  await tx
    .update(allocations)
    .set({
      status: 'handed_over',
      handedOverOn: day,
      // Past activity entered after the fact: the reservation cannot come after the handover.
      allocatedOn: sql`LEAST(${allocations.allocatedOn}, ${day}::date)`,
      handedOverByUserId: actor.userId,
      paymentCents: input.payment?.amountCents ?? null,
      paymentMethod: input.payment?.method ?? null,
      paymentNote: input.payment?.note?.trim() || null,
      expectedContributionCents: expected,
      signedOnPaper: input.signedOnPaper ?? false,
      signaturePng: signature,
      updatedAt: new Date(),
    })
    .where(eq(allocations.id, id));
  if (ALLOCATABLE.includes(referral.status)) {
    await applyMove(tx, actor, referral, 'equipped', day, null);
  }
  if (programme.mode === 'loan') {
    await tx.insert(loans).values({
      allocationId: id,
      programmeId: programme.id,
      deviceId: allocation.deviceId,
      beneficiaryId: allocation.beneficiaryId,
      startedOn: day,
      dueOn: addMonthsToDay(day, programme.loanMonths ?? 12),
    });
  }
  await recordAudit(tx, actor, {
    action: 'allocation.handover',
    entityType: 'allocation',
    entityId: id,
    organisationId: programme.ownerOrganisationId,
    fields: ['handedOverOn', ...(input.payment ? ['payment'] : []), ...(signature ? ['signaturePng'] : [])],
  });
  await recordStep(tx, actor, {
    beneficiaryId: allocation.beneficiaryId,
    kind: 'handed_over',
    on: day,
    referralId: referral.id,
    programmeId: programme.id,
  });
  // A person whose consent covers it is asked at 3, 6 and 12 months (the programme's months) how it goes.
  await planFollowUps(tx, id);
}

/** The signature drawn at a handover, for the programme owner's staff; 404 when there is none. */
export async function allocationSignature(db: Executor, actor: Actor, id: string): Promise<Buffer> {
  const allocation = await getAllocation(db, actor, id);
  const { row: programme } = await loadProgramme(db, actor, allocation.programmeId);
  assertOwnerStaff(actor, programme);
  const [row] = await db
    .select({ png: allocations.signaturePng })
    .from(allocations)
    .where(eq(allocations.id, allocation.id));
  if (!row?.png) throw notFound('signature');
  return row.png;
}

/** Cancels a reservation made by mistake, with a reason: the device goes back to `ready`. */
export async function cancelAllocation(
  db: Executor,
  actor: Actor,
  id: string,
  reason: string,
): Promise<Allocation> {
  await db.transaction(async (tx) => {
    const { allocation, programme } = await loadAllocationForChange(tx, actor, id);
    if (allocation.status !== 'reserved')
      throw conflict('allocations.not_reserved', { status: allocation.status });
    const moved = await moveDeviceForDistribution(
      tx,
      actor,
      allocation.deviceId,
      'reserved',
      'ready',
      'allocation cancelled',
    );
    if (!moved) throw conflict('allocations.not_reserved', { status: 'reserved' });
    await tx
      .update(allocations)
      .set({
        status: 'cancelled',
        cancelledAt: new Date(),
        cancelReason: reason.trim(),
        updatedAt: new Date(),
      })
      .where(eq(allocations.id, id));
    await recordAudit(tx, actor, {
      action: 'allocation.cancel',
      entityType: 'allocation',
      entityId: id,
      organisationId: programme.ownerOrganisationId,
      fields: ['cancelReason'],
    });
    await recordStep(tx, actor, {
      beneficiaryId: allocation.beneficiaryId,
      kind: 'allocation_cancelled',
      referralId: allocation.referralId,
      programmeId: programme.id,
    });
  });
  return getAllocation(db, actor, id);
}

/**
 * Takes back a handover recorded by mistake, with a reason: the device is `reserved` again for the person,
 * the referral goes back to where it was (unless another handover equipped them), a loan not yet renewed
 * nor returned is withdrawn, and the documents issued are voided (kept, their numbers used, no longer
 * served; new ones are issued at the next handover).
 */
export async function cancelHandover(
  db: Executor,
  actor: Actor,
  id: string,
  reason: string,
): Promise<Allocation> {
  await db.transaction(async (tx) => {
    const { allocation, programme, referral } = await loadAllocationForChange(tx, actor, id);
    if (allocation.status !== 'handed_over') {
      throw conflict('allocations.not_handed_over', { status: allocation.status });
    }
    const [loan] = await tx.select().from(loans).where(eq(loans.allocationId, id)).for('update');
    if (loan && (loan.returnedOn || loan.renewals > 0)) throw conflict('allocations.loan_moved_on');
    const moved = await moveDeviceForDistribution(
      tx,
      actor,
      allocation.deviceId,
      'handed_over',
      'reserved',
      'handover taken back',
    );
    if (!moved) throw conflict('allocations.not_handed_over', { status: 'handed_over' });
    if (loan) await tx.delete(loans).where(eq(loans.id, loan.id));
    await cancelFollowUps(tx, id);
    await tx
      .update(distributionDocuments)
      .set({ voidedAt: new Date() })
      .where(and(eq(distributionDocuments.allocationId, id), isNull(distributionDocuments.voidedAt)));
    await tx
      .update(allocations)
      .set({
        status: 'reserved',
        handedOverOn: null,
        handedOverByUserId: null,
        paymentCents: null,
        paymentMethod: null,
        paymentNote: null,
        expectedContributionCents: null,
        signedOnPaper: false,
        signaturePng: null,
        handoverCancelledAt: new Date(),
        handoverCancelReason: reason.trim(),
        updatedAt: new Date(),
      })
      .where(eq(allocations.id, id));
    const [stillEquipped] = await tx
      .select({ id: allocations.id })
      .from(allocations)
      .where(and(eq(allocations.referralId, referral.id), eq(allocations.status, 'handed_over')));
    if (referral.status === 'equipped' && !stillEquipped) {
      await applyMove(
        tx,
        actor,
        referral,
        programme.trainingRequired ? 'trained' : 'eligible',
        today(),
        null,
      );
    }
    await recordAudit(tx, actor, {
      action: 'allocation.handover_cancel',
      entityType: 'allocation',
      entityId: id,
      organisationId: programme.ownerOrganisationId,
      fields: ['handoverCancelReason'],
    });
    await recordStep(tx, actor, {
      beneficiaryId: allocation.beneficiaryId,
      kind: 'handover_cancelled',
      referralId: referral.id,
      programmeId: programme.id,
    });
  });
  return getAllocation(db, actor, id);
}

export interface AllocationFilters {
  programmeId?: string;
  beneficiaryId?: string;
  status?: AllocationStatus;
  limit: number;
  cursor?: string;
}

/** Allocations of the people the actor may see, newest first. */
export async function listAllocations(
  db: Executor,
  actor: Actor,
  filters: AllocationFilters,
): Promise<Page<Allocation>> {
  const conditions: (SQL | undefined)[] = [];
  if (filters.programmeId) conditions.push(eq(allocations.programmeId, filters.programmeId));
  if (filters.beneficiaryId) conditions.push(eq(allocations.beneficiaryId, filters.beneficiaryId));
  if (filters.status) conditions.push(eq(allocations.status, filters.status));
  const after = decodeCursor(filters.cursor, ['instant', 'uuid']);
  if (after) {
    const [createdAt, id] = after as [string, string];
    conditions.push(
      sql`(${allocations.createdAt}, ${allocations.id}) < (${createdAt}::timestamptz, ${id}::uuid)`,
    );
  }
  const rows = await presentAllocations(db, actor, conditions, filters.limit + 1);
  const page = toPage(rows, filters.limit, (r) => [r.createdKey, r.id]);
  return { items: page.items.map(({ createdKey: _k, ...a }) => a), nextCursor: page.nextCursor };
}

export interface AvailableDevice {
  id: string;
  assetTag: string;
  type: string;
  brand: string | null;
  model: string | null;
  grade: string | null;
  organisationId: string;
}

/**
 * The ready devices a programme's owner may allocate: its own stock and its refurbisher partners'
 * (device details only, for choosing; the rest of a partner's stock stays invisible).
 */
export async function availableDevices(
  db: Executor,
  actor: Actor,
  programmeId: string,
  filters: { type?: string; limit: number },
): Promise<AvailableDevice[]> {
  const { row: programme, parties } = await loadProgramme(db, actor, programmeId);
  assertOwnerStaff(actor, programme);
  return db
    .select({
      id: devices.id,
      assetTag: devices.assetTag,
      type: devices.type,
      brand: devices.brand,
      model: devices.model,
      grade: devices.grade,
      organisationId: devices.organisationId,
    })
    .from(devices)
    .where(
      and(
        inArray(devices.organisationId, [parties.owner, ...parties.refurbishers]),
        eq(devices.status, 'ready'),
        filters.type ? eq(devices.type, filters.type as typeof devices.$inferSelect.type) : undefined,
      ),
    )
    .orderBy(devices.tagNumber)
    .limit(filters.limit);
}
