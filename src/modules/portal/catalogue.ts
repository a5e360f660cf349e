/**
 * What an association may order (the catalogue: counts of ready devices by type and grade, never machines)
 * and the order itself, within the programme's limits.
 */
import { and, asc, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import { nextNumber } from '../../db/counters.ts';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { AppError, type FieldError, invalidField, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import type { Locale } from '../../lib/messages.ts';
import { recordAudit } from '../audit/service.ts';
import type { DeviceType } from '../inventory/device-fields.ts';
import { devices } from '../inventory/schema.ts';
import { programmes } from '../programmes/schema.ts';
import { type ProgrammeRow, programmeParties } from '../programmes/visibility.ts';
import { deviceWords } from './messages.ts';
import { mailOrderStep } from './order-mail.ts';
import {
  getOrder,
  isAssociationMember,
  OPEN_ORDER_STATUSES,
  type Order,
  type OrderLine,
  type RegistrationRow,
} from './orders.ts';
import {
  associationOrderEvents,
  associationOrderLines,
  associationOrders,
  associationRegistrations,
  type OrderStatus,
} from './schema.ts';
import { assertAccepts, settingsOf } from './settings.ts';

/** Orders that no longer count against the devices per year. */
const DROPPED: OrderStatus[] = ['refused', 'cancelled'];

export interface CatalogueItem {
  deviceType: DeviceType;
  grade: string | null;
  available: number;
}

/**
 * Ready devices the programme may hand out (its owner's and refurbisher partners' stock), by type and
 * grade, less those promised to approved orders not prepared yet (an order for "any grade" takes from the
 * type's largest grades first). `exceptOrderId`: leave that order's promise out (checking it on approval).
 */
export async function availableCounts(
  db: Executor,
  programme: ProgrammeRow,
  options: { exceptOrderId?: string } = {},
): Promise<CatalogueItem[]> {
  const parties = await programmeParties(db, programme);
  const ready = await db
    .select({ deviceType: devices.type, grade: devices.grade, n: sql<number>`count(*)::int` })
    .from(devices)
    .where(
      and(
        inArray(devices.organisationId, [parties.owner, ...parties.refurbishers]),
        eq(devices.status, 'ready'),
      ),
    )
    .groupBy(devices.type, devices.grade);
  const promised = await db
    .select({
      deviceType: associationOrderLines.deviceType,
      grade: associationOrderLines.grade,
      n: sql<number>`sum(${associationOrderLines.quantity})::int`,
    })
    .from(associationOrderLines)
    .innerJoin(associationOrders, eq(associationOrders.id, associationOrderLines.orderId))
    .where(
      and(
        eq(associationOrders.programmeId, programme.id),
        eq(associationOrders.status, 'approved'),
        options.exceptOrderId ? ne(associationOrders.id, options.exceptOrderId) : undefined,
      ),
    )
    .groupBy(associationOrderLines.deviceType, associationOrderLines.grade);
  const items: CatalogueItem[] = ready.map((r) => ({
    deviceType: r.deviceType,
    grade: r.grade,
    available: r.n,
  }));
  for (const p of promised.filter((x) => x.grade !== null)) {
    const item = items.find((i) => i.deviceType === p.deviceType && i.grade === p.grade);
    if (item) item.available = Math.max(0, item.available - p.n);
  }
  for (const p of promised.filter((x) => x.grade === null)) {
    let left = p.n;
    const ofType = items
      .filter((i) => i.deviceType === p.deviceType)
      .sort((a, b) => b.available - a.available);
    for (const item of ofType) {
      const taken = Math.min(left, item.available);
      item.available -= taken;
      left -= taken;
    }
  }
  return items
    .filter((i) => i.available > 0)
    .sort((a, b) => a.deviceType.localeCompare(b.deviceType) || (a.grade ?? '').localeCompare(b.grade ?? ''));
}

/**
 * An association's approved registration in a programme, for one of the actor's organisations; else 404.
 * A person in two associations approved in the programme names the one they act for (`organisationId`,
 * 400 without it), as everywhere an actor of several organisations acts.
 */
async function registrationOfCaller(
  db: Executor,
  actor: Actor,
  programmeId: string,
  options: { organisationId?: string; forUpdate?: boolean } = {},
): Promise<RegistrationRow> {
  const given = options.organisationId;
  const mine = [...actor.memberships.keys()].filter((id) => !given || id === given);
  if (!isUuid(programmeId) || mine.length === 0) throw notFound('programme');
  const query = db
    .select()
    .from(associationRegistrations)
    .where(
      and(
        eq(associationRegistrations.programmeId, programmeId),
        eq(associationRegistrations.status, 'approved'),
        inArray(associationRegistrations.organisationId, mine),
      ),
    )
    .orderBy(asc(associationRegistrations.createdAt));
  const rows = options.forUpdate ? await query.for('update') : await query;
  if (rows.length > 1) {
    // Several of the actor's associations: the same rule (and message) as `actingOrganisationId`.
    throw invalidField('organisationId', 'auth.acting_organisation_required', { field: 'organisationId' });
  }
  const [row] = rows;
  if (!row?.organisationId) throw notFound('programme');
  return row;
}

async function usage(db: Executor, programmeId: string, organisationId: string, day: string) {
  const [devicesThisYear] = await db
    .select({ n: sql<number>`coalesce(sum(${associationOrderLines.quantity}), 0)::int` })
    .from(associationOrderLines)
    .innerJoin(associationOrders, eq(associationOrders.id, associationOrderLines.orderId))
    .where(
      and(
        eq(associationOrders.programmeId, programmeId),
        eq(associationOrders.organisationId, organisationId),
        notInArray(associationOrders.status, DROPPED),
        sql`${associationOrders.submittedOn} >= ${`${day.slice(0, 4)}-01-01`}::date`,
        sql`${associationOrders.submittedOn} <= ${`${day.slice(0, 4)}-12-31`}::date`,
      ),
    );
  const [open] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(associationOrders)
    .where(
      and(
        eq(associationOrders.programmeId, programmeId),
        eq(associationOrders.organisationId, organisationId),
        inArray(associationOrders.status, [...OPEN_ORDER_STATUSES]),
      ),
    );
  return { devicesThisYear: devicesThisYear?.n ?? 0, openOrders: open?.n ?? 0 };
}

export interface Catalogue {
  programmeId: string;
  items: CatalogueItem[];
  limits: { maxDevicesPerYear: number; maxOpenOrders: number; devicesThisYear: number; openOrders: number };
}

/** What the caller's association may order in a programme, and where it stands against the limits. */
export async function catalogue(
  db: Executor,
  actor: Actor,
  programmeId: string,
  organisationId?: string,
): Promise<Catalogue> {
  const registration = await registrationOfCaller(db, actor, programmeId, { organisationId });
  const [programme] = await db.select().from(programmes).where(eq(programmes.id, programmeId));
  if (!programme) throw notFound('programme');
  const settings = await settingsOf(db, programme.id);
  return {
    programmeId: programme.id,
    items: await availableCounts(db, programme),
    limits: {
      maxDevicesPerYear: settings.maxDevicesPerYear,
      maxOpenOrders: settings.maxOpenOrders,
      ...(await usage(db, programme.id, registration.organisationId as string, today())),
    },
  };
}

export interface OrderInput {
  lines: { deviceType: DeviceType; grade?: string | null; quantity: number }[];
  note?: string | null;
  /** The association the caller orders for, when they belong to several approved in the programme. */
  organisationId?: string;
}

/** A 422 on a rule about one line of an order: the detail, and the same words on `lines.N.quantity`. */
function lineRefused(messageKey: string, index: number, params: Record<string, unknown>): AppError {
  const fieldErrors: FieldError[] = [{ path: `lines.${index}.quantity`, messageKey, params }];
  return new AppError('RULE_REFUSED', messageKey, { params, fieldErrors });
}

/**
 * 422 when the lines ask for more than the catalogue holds (per type and grade, and per type overall),
 * naming the device in words and what is left. On approval (`number` given) the detail names the order.
 */
export function assertAvailable(
  items: CatalogueItem[],
  lines: OrderLine[],
  locale: Locale,
  number?: string,
): void {
  const key = number ? 'portal.orders.approve_more_than_available' : 'portal.orders.more_than_available';
  const graded = new Map<string, { quantity: number; index: number }>();
  lines.forEach((line, index) => {
    if (line.grade === null) return;
    const k = `${line.deviceType}|${line.grade}`;
    const seen = graded.get(k);
    graded.set(k, { quantity: (seen?.quantity ?? 0) + line.quantity, index: seen?.index ?? index });
  });
  for (const [k, { quantity, index }] of graded) {
    const [deviceType, grade] = k.split('|') as [DeviceType, string];
    const available = items.find((i) => i.deviceType === deviceType && i.grade === grade)?.available ?? 0;
    if (quantity > available) {
      throw lineRefused(key, index, {
        number,
        quantity,
        device: deviceWords(locale, deviceType, grade),
        available,
      });
    }
  }
  for (const deviceType of new Set(lines.map((l) => l.deviceType))) {
    const ofType = lines.filter((l) => l.deviceType === deviceType);
    const quantity = ofType.reduce((n, l) => n + l.quantity, 0);
    const available = items.filter((i) => i.deviceType === deviceType).reduce((n, i) => n + i.available, 0);
    if (quantity > available) {
      // The "any grade" line is the one beyond what is left once the graded lines are served.
      const line = ofType.find((l) => l.grade === null) ?? ofType[0];
      throw lineRefused(key, line ? lines.indexOf(line) : 0, {
        number,
        quantity,
        device: deviceWords(locale, deviceType, null),
        available,
      });
    }
  }
}

/**
 * An association orders devices (counts by type and grade). Refused (422) when the portal or the programme
 * is closed, beyond the devices per calendar year or the open orders the programme allows, or beyond what
 * the catalogue holds. Numbered `C-YYYY-NNNN` per programme owner and year, without gaps.
 */
export async function createOrder(
  db: Executor,
  actor: Actor,
  programmeId: string,
  input: OrderInput,
  publicUrl: string,
): Promise<Order> {
  const lines: OrderLine[] = input.lines.map((l) => ({
    deviceType: l.deviceType,
    grade: l.grade?.trim() || null,
    quantity: l.quantity,
  }));
  const id = await db.transaction(async (tx) => {
    // The registration row serialises one association's orders: limits are counted and kept in one go.
    const registration = await registrationOfCaller(tx, actor, programmeId, {
      organisationId: input.organisationId,
      forUpdate: true,
    });
    const organisationId = registration.organisationId as string;
    if (!isAssociationMember(actor, organisationId)) throw notFound('programme');
    // The programme row, locked as approvals lock it: the catalogue is read after any approval in flight.
    const [programme] = await tx
      .select()
      .from(programmes)
      .where(eq(programmes.id, programmeId))
      .for('update');
    if (!programme) throw notFound('programme');
    const settings = await settingsOf(tx, programme.id);
    assertAccepts(programme, settings);
    const day = today();
    const used = await usage(tx, programme.id, organisationId, day);
    const quantity = lines.reduce((n, l) => n + l.quantity, 0);
    if (used.openOrders >= settings.maxOpenOrders) {
      throw new AppError('RULE_REFUSED', 'portal.orders.max_open', {
        params: { count: used.openOrders, max: settings.maxOpenOrders },
      });
    }
    if (used.devicesThisYear + quantity > settings.maxDevicesPerYear) {
      // The line that takes the year beyond the cap carries the error.
      let running = used.devicesThisYear;
      const index = lines.findIndex((l) => {
        running += l.quantity;
        return running > settings.maxDevicesPerYear;
      });
      throw lineRefused('portal.orders.max_per_year', Math.max(0, index), {
        count: used.devicesThisYear,
        quantity,
        max: settings.maxDevicesPerYear,
      });
    }
    assertAvailable(await availableCounts(tx, programme), lines, actor.locale);
    const year = Number(day.slice(0, 4));
    const n = await nextNumber(tx, programme.ownerOrganisationId, 'association_order', year);
    const [order] = await tx
      .insert(associationOrders)
      .values({
        registrationId: registration.id,
        programmeId: programme.id,
        organisationId,
        number: `C-${year}-${String(n).padStart(4, '0')}`,
        submittedOn: day,
        note: input.note?.trim() || null,
        createdByUserId: actor.userId,
      })
      .returning();
    if (!order) throw new Error('insert returned no row');
    await tx.insert(associationOrderLines).values(lines.map((l) => ({ ...l, orderId: order.id })));
    await tx
      .insert(associationOrderEvents)
      .values({ orderId: order.id, status: 'submitted', note: order.note, byUserId: actor.userId });
    await recordAudit(tx, actor, {
      action: 'association_order.submit',
      entityType: 'association_order',
      entityId: order.id,
      organisationId,
      fields: ['lines', ...(order.note ? ['note'] : [])],
    });
    await mailOrderStep(tx, { order, programme, registration, note: order.note, publicUrl });
    return order.id;
  });
  return getOrder(db, actor, id);
}
