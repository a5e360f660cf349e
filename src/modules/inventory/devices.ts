import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, getTableColumns, gt, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, alias } from 'drizzle-orm/pg-core';
import { drizzleOn } from '../../db/connection.ts';
import { type NamedStatementTarget, withNamedStatements } from '../../db/statements.ts';
import { type Executor, isUniqueViolation } from '../../db/tx.ts';
import { type Actor, actingOrganisationId } from '../../lib/actor.ts';
import { AppError, type FieldError, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { assertOrganisationExists } from '../organisations/organisations.ts';
import { users } from '../organisations/schema.ts';
import type { DeviceType, STORAGE_TYPES } from './device-fields.ts';
import type { DeviceStatus } from './lifecycle.ts';
import { inventoryPermissions } from './permissions.ts';
import { assetTagSequence, deviceEvents, deviceSearchText, devices, erasures, locations } from './schema.ts';
import { assertDeviceVisible, type DeviceRow, deviceScope, loadDevice, loadDonation } from './visibility.ts';

export type DeviceFields = {
  type: DeviceType;
  brand?: string;
  model?: string;
  serialNumber?: string;
  cpu?: string;
  ramGb?: number;
  storageGb?: number;
  storageType?: (typeof STORAGE_TYPES)[number];
  screenSizeInches?: number;
  batteryHealthPercent?: number;
  weightKg?: number;
  notes?: string;
};

export interface CreateDeviceInput extends DeviceFields {
  donationId?: string;
  organisationId?: string;
  locationId?: string;
}

export interface Device extends DeviceRow {
  can: { edit: boolean; recordErasure: boolean };
}

export function presentDevice(actor: Actor, row: DeviceRow): Device {
  return {
    ...row,
    can: {
      edit: inventoryPermissions.can(actor, 'device.write', row.organisationId),
      recordErasure: inventoryPermissions.can(actor, 'erasure.record', row.organisationId),
    },
  };
}

/** `SV-` and six digits or more: short enough to write on a machine with a marker. */
export function formatAssetTag(n: number): string {
  return `SV-${String(n).padStart(6, '0')}`;
}

/** The number inside an asset tag as people type or scan it (`SV-004217`, `sv4217`, `4217`), or null. */
export function parseAssetTag(text: string): number | null {
  const match = /^\s*(?:sv)?[\s-]*0*(\d{1,12})\s*$/i.exec(text);
  return match?.[1] ? Number(match[1]) : null;
}

async function reserveTagNumbers(tx: Executor, n: number): Promise<number[]> {
  const result = await tx.execute<{ n: string }>(
    sql`SELECT nextval(${sql.raw(`'${assetTagSequence.seqName}'`)}) AS n FROM generate_series(1, ${n})`,
  );
  return result.rows.map((r) => Number(r.n));
}

/** Where new devices go: the named organisation, else the donation's refurbisher, else the caller's own. */
async function resolveOwner(
  db: Executor,
  actor: Actor,
  input: { donationId?: string; organisationId?: string },
): Promise<string> {
  let owner = input.organisationId;
  if (input.donationId) {
    const donation = await loadDonation(db, actor, input.donationId);
    // A donation's devices belong to its refurbisher: nobody else may add devices to it.
    if (owner && owner !== donation.refurbisherOrganisationId) {
      throw new AppError('RULE_REFUSED', 'inventory.owner_not_refurbisher', {
        fieldErrors: [{ path: 'organisationId', messageKey: 'inventory.owner_not_refurbisher' }],
      });
    }
    owner = donation.refurbisherOrganisationId;
  }
  owner = actingOrganisationId(actor, owner, 'organisationId');
  await assertOrganisationExists(db, owner);
  inventoryPermissions.authorize(actor, 'device.write', owner);
  return owner;
}

/** 404 unless the location exists and belongs to the organisation. */
export async function assertLocation(
  db: Executor,
  organisationId: string,
  locationId: string | undefined | null,
): Promise<void> {
  if (!locationId) return;
  const [row] = await db
    .select({ id: locations.id })
    .from(locations)
    .where(and(eq(locations.id, locationId), eq(locations.organisationId, organisationId)));
  if (!row) throw notFound('location');
}

function serialConflict(path: string, serialNumber: string): FieldError {
  return { path, messageKey: 'inventory.serial_taken', params: { serialNumber } };
}

/** Which of these serial numbers (compared without case) the organisation's stock already holds. */
export async function findTakenSerials(
  db: Executor,
  owner: string,
  serialNumbers: (string | undefined | null)[],
): Promise<Set<string>> {
  const serials = [
    ...new Set(serialNumbers.filter((s): s is string => Boolean(s)).map((s) => s.toLowerCase())),
  ];
  const taken = new Set<string>();
  for (let i = 0; i < serials.length; i += 5000) {
    const found = await db
      .select({ serial: sql<string>`lower(${devices.serialNumber})` })
      .from(devices)
      .where(
        and(
          eq(devices.organisationId, owner),
          inArray(sql`lower(${devices.serialNumber})`, serials.slice(i, i + 5000)),
        ),
      );
    for (const f of found) taken.add(f.serial);
  }
  return taken;
}

type NewDevice = DeviceFields & {
  id: string;
  tagNumber: number;
  assetTag: string;
  organisationId: string;
  donationId: string | null;
  locationId: string | null;
};

/**
 * One INSERT for a whole batch, each column sent as one array: a 10,000-row import costs a few
 * statements instead of thousands of parameters (see bench/device-import.ts).
 */
async function insertDeviceBatch(tx: Executor, rows: NewDevice[]): Promise<void> {
  const column = <T>(pick: (r: NewDevice) => T | undefined) => sql.param(rows.map((r) => pick(r) ?? null));
  await tx.execute(sql`
    INSERT INTO ${devices} (id, tag_number, asset_tag, organisation_id, donation_id, location_id, type, brand, model,
      serial_number, cpu, ram_gb, storage_gb, storage_type, screen_size_inches, battery_health_percent, weight_kg, notes)
    SELECT * FROM unnest(
      ${column((r) => r.id)}::uuid[], ${column((r) => r.tagNumber)}::bigint[], ${column((r) => r.assetTag)}::text[],
      ${column((r) => r.organisationId)}::uuid[], ${column((r) => r.donationId)}::uuid[], ${column((r) => r.locationId)}::uuid[],
      ${column((r) => r.type)}::text[], ${column((r) => r.brand)}::text[], ${column((r) => r.model)}::text[],
      ${column((r) => r.serialNumber)}::text[], ${column((r) => r.cpu)}::text[], ${column((r) => r.ramGb)}::float8[],
      ${column((r) => r.storageGb)}::float8[], ${column((r) => r.storageType)}::text[], ${column((r) => r.screenSizeInches)}::float8[],
      ${column((r) => r.batteryHealthPercent)}::int[], ${column((r) => r.weightKg)}::float8[], ${column((r) => r.notes)}::text[])`);
}

/**
 * Inserts devices for one owner in the caller's transaction, all or none. Serial numbers already used
 * in the organisation are reported per row (`pathOf(index)`), all at once. Returns the new ids, in order.
 */
export async function insertDevices(
  tx: Executor,
  actor: Actor,
  owner: string,
  donationId: string | null,
  rows: DeviceFields[],
  pathOf: (index: number) => string,
  locationId: string | null = null,
  onProgress?: (done: number) => void,
  serialsChecked = false,
): Promise<string[]> {
  const taken = serialsChecked
    ? new Set<string>()
    : await findTakenSerials(
        tx,
        owner,
        rows.map((r) => r.serialNumber),
      );
  const errors = rows.flatMap((r, i) =>
    r.serialNumber && taken.has(r.serialNumber.toLowerCase())
      ? [serialConflict(pathOf(i), r.serialNumber)]
      : [],
  );
  if (errors.length > 0) {
    throw new AppError('CONFLICT', 'inventory.serials_taken', {
      params: { count: errors.length },
      fieldErrors: errors,
    });
  }
  const numbers = await reserveTagNumbers(tx, rows.length);
  // Ids are made here so that the events can be written in one statement, without reading rows back.
  const values = rows.map((r, i) => {
    const tagNumber = numbers[i] as number;
    return {
      ...r,
      id: randomUUID(),
      tagNumber,
      assetTag: formatAssetTag(tagNumber),
      organisationId: owner,
      donationId,
      locationId,
    };
  });
  const BATCH = 2000;
  for (let start = 0; start < values.length; start += BATCH) {
    try {
      await insertDeviceBatch(tx, values.slice(start, start + BATCH));
    } catch (err) {
      // A concurrent insert took a serial between our check and this insert.
      if (isUniqueViolation(err, 'devices_org_serial_unique')) {
        throw new AppError('CONFLICT', 'inventory.serials_taken', { params: { count: 1 } });
      }
      throw err;
    }
    onProgress?.(Math.min(values.length, start + BATCH));
  }
  const ids = values.map((v) => v.id);
  await tx.execute(sql`
    INSERT INTO ${deviceEvents} (device_id, organisation_id, actor_user_id, kind, to_status, location_id)
    SELECT id, organisation_id, ${actor.userId}::uuid, 'received', 'received', location_id
    FROM ${devices} WHERE id = ANY(string_to_array(${ids.join(',')}, ',')::uuid[])`);
  return ids;
}

/** Records one device: it gets its asset tag and starts as `received`. */
export async function createDevice(db: Executor, actor: Actor, input: CreateDeviceInput): Promise<Device> {
  const { donationId, organisationId, locationId, ...fields } = input;
  const owner = await resolveOwner(db, actor, { donationId, organisationId });
  await assertLocation(db, owner, locationId);
  return db.transaction(async (tx) => {
    const [id] = await insertDevices(
      tx,
      actor,
      owner,
      donationId ?? null,
      [fields],
      () => 'serialNumber',
      locationId ?? null,
    );
    const [row] = await tx
      .select()
      .from(devices)
      .where(eq(devices.id, id as string));
    if (!row) throw new Error('insert returned no row');
    return presentDevice(actor, row);
  });
}

/** Resolves and checks the owner for an import into a donation (one check for the whole file). */
export async function ownerForImport(db: Executor, actor: Actor, donationId: string): Promise<string> {
  return resolveOwner(db, actor, { donationId });
}

export interface DeviceEventView {
  id: string;
  at: Date;
  kind: 'received' | 'status' | 'updated' | 'erasure' | 'moved';
  fromStatus: DeviceStatus | null;
  toStatus: DeviceStatus | null;
  locationId: string | null;
  locationName: string | null;
  note: string | null;
  changes: Record<string, { from: unknown; to: unknown }> | null;
  actorName: string | null;
}

export type ErasureRow = typeof erasures.$inferSelect;

export interface DeviceDetail extends Device {
  events: DeviceEventView[];
  erasures: ErasureRow[];
}

/**
 * One device with its whole history (newest first) and its erasure records, in one round trip: the
 * history and the erasures come back as JSON arrays beside the device's row, each value then decoded by
 * its column as drizzle decodes a plain select (dates become Date objects again).
 */
export async function getDevice(db: Executor, actor: Actor, id: string): Promise<DeviceDetail> {
  if (!isUuid(id)) throw notFound('device');
  const [row] = await withNamedStatements(
    db,
    (named) => deviceDetailQuery(db, named).execute({ id }),
    () => deviceDetailQuery(db).execute({ id }),
  );
  if (!row) throw notFound('device');
  assertDeviceVisible(actor, row.device);
  return {
    ...presentDevice(actor, row.device),
    events: row.events.map((event) => EVENT_JSON.decode(event)),
    erasures: row.erasures.map((erasure) => ERASURE_JSON.decode(erasure)),
  };
}

/**
 * A JSON object per row, built in SQL from columns (`alias.column_name` → key), and its decoding back into
 * the columns' JS types, value by value, as drizzle decodes a plain select.
 */
function jsonObjectOf<T extends Record<string, [string, AnyPgColumn]>>(columns: T) {
  const entries = Object.entries(columns);
  return {
    sql: `json_build_object(${entries.map(([key, [ref]]) => `'${key}', ${ref}`).join(', ')})`,
    decode(json: Record<string, unknown>): {
      [K in keyof T]: T[K][1]['_']['notNull'] extends true
        ? T[K][1]['_']['data']
        : T[K][1]['_']['data'] | null;
    } {
      const out: Record<string, unknown> = {};
      for (const [key, [, column]] of entries) {
        const value = json[key];
        out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
      }
      return out as never;
    },
  };
}

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const EVENT_JSON = jsonObjectOf({
  id: ['e.id', deviceEvents.id],
  at: ['e.at', deviceEvents.at],
  kind: ['e.kind', deviceEvents.kind],
  fromStatus: ['e.from_status', deviceEvents.fromStatus],
  toStatus: ['e.to_status', deviceEvents.toStatus],
  locationId: ['e.location_id', deviceEvents.locationId],
  locationName: ['l.name', locations.name],
  note: ['e.note', deviceEvents.note],
  changes: ['e.changes', deviceEvents.changes],
  actorName: ['u.name', users.name],
});

const ERASURE_COLUMNS = getTableColumns(erasures);
const ERASURE_JSON = jsonObjectOf(
  Object.fromEntries(
    Object.entries(ERASURE_COLUMNS).map(([key, column]) => [key, [`r.${snakeCase(key)}`, column]]),
  ) as { [K in keyof typeof ERASURE_COLUMNS]: [string, (typeof ERASURE_COLUMNS)[K]] },
);

/** The history (newest first) and the erasure records of the device `d`, as two JSON arrays. */
const DETAIL_JSON = sql.raw(`coalesce((
    select json_agg(${EVENT_JSON.sql} order by e.at desc, e.id desc)
    from device_events e
    left join users u on u.id = e.actor_user_id
    left join locations l on l.id = e.location_id and l.organisation_id = e.organisation_id
    where e.device_id = d.id), '[]'::json)`);
const ERASURES_JSON = sql.raw(`coalesce((
    select json_agg(${ERASURE_JSON.sql} order by r.performed_at)
    from erasures r where r.device_id = d.id), '[]'::json)`);

/**
 * Built once per executor: drizzle's query building cost more than the query on this hot path. Named
 * (planned once per connection) where the connection can keep it, on a drizzle over that pool or
 * connection; unnamed elsewhere (a transaction…): see withNamedStatements.
 */
type DeviceDetailQuery = ReturnType<ReturnType<typeof buildDeviceDetailQuery>['prepare']>;
const deviceDetailQueries = new WeakMap<object, DeviceDetailQuery>();

function deviceDetailQuery(db: Executor, named?: NamedStatementTarget) {
  const key = named?.client ?? db;
  let query = deviceDetailQueries.get(key);
  if (!query) {
    query = named
      ? buildDeviceDetailQuery(drizzleOn(named.client)).prepare(named.name('sv_device_detail'))
      : buildDeviceDetailQuery(db).prepare('');
    deviceDetailQueries.set(key, query);
  }
  return query;
}

function buildDeviceDetailQuery(db: Executor) {
  const d = alias(devices, 'd');
  return db
    .select({
      device: d,
      events: sql<Record<string, unknown>[]>`${DETAIL_JSON}`,
      erasures: sql<Record<string, unknown>[]>`${ERASURES_JSON}`,
    })
    .from(d)
    .where(eq(d.id, sql.placeholder('id')));
}

/** Finds a visible device by its asset tag (scan to find). */
export async function findDeviceByTag(db: Executor, actor: Actor, tag: string): Promise<Device> {
  const n = parseAssetTag(tag);
  const scope = deviceScope(actor);
  if (n === null || scope === false) throw notFound('device');
  const [row] = await db
    .select()
    .from(devices)
    .where(and(eq(devices.tagNumber, n), scope));
  if (!row) throw notFound('device');
  return presentDevice(actor, row);
}

export const DEVICE_SORTS = ['assetTag', '-assetTag'] as const;

export interface DeviceFilters {
  organisationId?: string;
  status?: DeviceStatus[];
  type?: DeviceType[];
  grade?: ('A' | 'B' | 'C')[];
  donationId?: string;
  locationId?: string;
  q?: string;
  sort?: (typeof DEVICE_SORTS)[number];
  limit: number;
  cursor?: string;
}

function filterConditions(
  actor: Actor,
  filters: Omit<DeviceFilters, 'limit' | 'cursor' | 'sort'>,
): (SQL | undefined)[] | null {
  const scope = deviceScope(actor);
  if (scope === false) return null;
  const conditions: (SQL | undefined)[] = [scope];
  if (filters.organisationId) conditions.push(eq(devices.organisationId, filters.organisationId));
  if (filters.status?.length) conditions.push(inArray(devices.status, filters.status));
  if (filters.type?.length) conditions.push(inArray(devices.type, filters.type));
  if (filters.grade?.length) conditions.push(inArray(devices.grade, filters.grade));
  if (filters.donationId) conditions.push(eq(devices.donationId, filters.donationId));
  if (filters.locationId) conditions.push(eq(devices.locationId, filters.locationId));
  const q = filters.q?.trim();
  if (q) {
    const tag = parseAssetTag(q);
    const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // The same expression as the trigram index, so one index answers brand, model and serial searches.
    conditions.push(
      or(
        tag === null ? undefined : eq(devices.tagNumber, tag),
        sql`${deviceSearchText(devices)} LIKE ${pattern}`,
      ),
    );
  }
  return conditions;
}

/** The stock: devices the actor may see, filtered, searched and sorted by asset tag. */
export async function listDevices(db: Executor, actor: Actor, filters: DeviceFilters): Promise<Page<Device>> {
  const conditions = filterConditions(actor, filters);
  if (!conditions) return { items: [], nextCursor: null };
  const descending = filters.sort === '-assetTag';
  const after = decodeCursor(filters.cursor, ['int']);
  if (after)
    conditions.push(
      descending ? lt(devices.tagNumber, Number(after[0])) : gt(devices.tagNumber, Number(after[0])),
    );
  const rows = await db
    .select()
    .from(devices)
    .where(and(...conditions))
    .orderBy(descending ? desc(devices.tagNumber) : asc(devices.tagNumber))
    .limit(filters.limit + 1);
  const page = toPage(rows, filters.limit, (r) => [r.tagNumber]);
  return { items: page.items.map((r) => presentDevice(actor, r)), nextCursor: page.nextCursor };
}

export interface StockSummary {
  total: number;
  byStatus: Record<string, number>;
  byType: Record<string, number>;
  byGrade: Record<string, number>;
}

/** Counts by status, type and grade for the same filters as the list. */
export async function summariseStock(
  db: Executor,
  actor: Actor,
  filters: Omit<DeviceFilters, 'limit' | 'cursor' | 'sort'>,
): Promise<StockSummary> {
  const conditions = filterConditions(actor, filters);
  const summary: StockSummary = { total: 0, byStatus: {}, byType: {}, byGrade: {} };
  if (!conditions) return summary;
  const rows = await db
    .select({ status: devices.status, type: devices.type, grade: devices.grade, n: count() })
    .from(devices)
    .where(and(...conditions))
    .groupBy(devices.status, devices.type, devices.grade);
  for (const r of rows) {
    summary.total += r.n;
    summary.byStatus[r.status] = (summary.byStatus[r.status] ?? 0) + r.n;
    summary.byType[r.type] = (summary.byType[r.type] ?? 0) + r.n;
    const grade = r.grade ?? 'none';
    summary.byGrade[grade] = (summary.byGrade[grade] ?? 0) + r.n;
  }
  return summary;
}

export type DevicePatch = { [K in keyof Omit<DeviceFields, 'type'>]?: DeviceFields[K] | null } & {
  osImage?: string | null;
  grade?: 'A' | 'B' | 'C' | null;
  partsReplaced?: string | null;
  qualityCheckPassed?: boolean | null;
  locationId?: string | null;
};

/** Changes what is known of a device; each change is an event with the fields' old and new values. */
export async function updateDevice(
  db: Executor,
  actor: Actor,
  id: string,
  patch: DevicePatch,
): Promise<Device> {
  return db.transaction(async (tx) => {
    const row = await loadDevice(tx, actor, id, true);
    inventoryPermissions.authorize(actor, 'device.write', row.organisationId, 'device');
    await assertLocation(tx, row.organisationId, patch.locationId);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, value] of Object.entries(patch) as [keyof DevicePatch, unknown][]) {
      if (value === undefined) continue;
      const before = row[key as keyof DeviceRow] ?? null;
      const after = value === '' ? null : value;
      if (before !== after) changes[key] = { from: before, to: after };
    }
    if (Object.keys(changes).length === 0) return presentDevice(actor, row);
    const storage = changes.storageGb;
    if (
      storage &&
      storage.from === 0 &&
      storage.to !== 0 &&
      !['received', 'diagnosed', 'refurbishing'].includes(row.status)
    ) {
      // The device may have become ready without an erasure because it had no storage: finding a disk
      // now means it goes back to the workshop first.
      throw new AppError('CONFLICT', 'inventory.storage_found_after_ready', {
        params: { assetTag: row.assetTag },
        fieldErrors: [
          {
            path: 'storageGb',
            messageKey: 'inventory.storage_found_after_ready',
            params: { assetTag: row.assetTag },
          },
        ],
      });
    }
    const values = Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, c.to]));
    let updated: DeviceRow | undefined;
    try {
      [updated] = await tx
        .update(devices)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(devices.id, id))
        .returning();
    } catch (err) {
      if (isUniqueViolation(err, 'devices_org_serial_unique')) {
        throw new AppError('CONFLICT', 'inventory.serials_taken', {
          params: { count: 1 },
          fieldErrors: [serialConflict('serialNumber', String(patch.serialNumber))],
        });
      }
      throw err;
    }
    if (!updated) throw notFound('device');
    const moved = 'locationId' in changes;
    await tx.insert(deviceEvents).values({
      deviceId: id,
      organisationId: row.organisationId,
      actorUserId: actor.userId,
      kind: moved && Object.keys(changes).length === 1 ? 'moved' : 'updated',
      locationId: updated.locationId,
      changes,
    });
    return presentDevice(actor, updated);
  });
}
