import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from '../organisations/schema.ts';
import type { DeviceType, GRADES, STORAGE_TYPES } from './device-fields.ts';
import type { DeviceStatus } from './lifecycle.ts';

type Grade = (typeof GRADES)[number];
type StorageType = (typeof STORAGE_TYPES)[number];

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/** Asset tags are unique on the instance: `SV-` + this sequence. */
export const assetTagSequence = pgSequence('asset_tag_seq', { startWith: 1, increment: 1 });

/** Stock locations (sites, shelves) of an organisation. */
export const locations = pgTable(
  'locations',
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    name: text().notNull(),
    description: text(),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('locations_org_name_unique').on(t.organisationId, sql`lower(${t.name})`)],
);

/** Devices that could not be reused, sent together to a recycler (WEEE), for the waste register. */
export const recyclingBatches = pgTable(
  'recycling_batches',
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    shippedOn: date({ mode: 'string' }).notNull(),
    recyclerName: text().notNull(),
    recyclerSiret: text(),
    ecoOrganisme: text(),
    ecoOrganismeSiren: text(),
    trackingNumber: text(),
    wasteCode: text().notNull(),
    weightKg: doublePrecision().notNull(),
    deviceCount: integer().notNull(),
    note: text(),
    createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('recycling_batches_org_idx').on(t.organisationId, t.shippedOn)],
);

/** A batch of devices given together by a donor to a refurbisher. */
export const donations = pgTable(
  'donations',
  {
    id: uuid().primaryKey().defaultRandom(),
    donorOrganisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    refurbisherOrganisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    receivedOn: date({ mode: 'string' }).notNull(),
    pickupAddress: text(),
    declaredCount: integer(),
    note: text(),
    createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('donations_donor_idx').on(t.donorOrganisationId, t.receivedOn),
    index('donations_refurbisher_idx').on(t.refurbisherOrganisationId, t.receivedOn),
  ],
);

/** The text the stock search looks in; the same expression in the index and in queries. */
export function deviceSearchText(t: { brand: unknown; model: unknown; serialNumber: unknown }) {
  return sql`lower(coalesce(${t.brand}, '') || ' ' || coalesce(${t.model}, '') || ' ' || coalesce(${t.serialNumber}, ''))`;
}

export const devices = pgTable(
  'devices',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The number behind the asset tag, for sorting (text order breaks past 999999). */
    tagNumber: bigint({ mode: 'number' }).notNull(),
    assetTag: text().notNull(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    donationId: uuid().references(() => donations.id),
    type: text().$type<DeviceType>().notNull(),
    status: text().$type<DeviceStatus>().notNull().default('received'),
    brand: text(),
    model: text(),
    serialNumber: text(),
    cpu: text(),
    ramGb: doublePrecision(),
    storageGb: doublePrecision(),
    storageType: text().$type<StorageType>(),
    screenSizeInches: doublePrecision(),
    batteryHealthPercent: integer(),
    weightKg: doublePrecision(),
    osImage: text(),
    grade: text().$type<Grade>(),
    partsReplaced: text(),
    qualityCheckPassed: boolean(),
    notes: text(),
    locationId: uuid().references(() => locations.id),
    /** Start of the current cycle (received, found again, or returned): erasures count from here. */
    cycleStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    certificateNumber: text(),
    recyclingBatchId: uuid().references(() => recyclingBatches.id),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('devices_asset_tag_unique').on(t.assetTag),
    uniqueIndex('devices_org_serial_unique')
      .on(t.organisationId, sql`lower(${t.serialNumber})`)
      .where(sql`${t.serialNumber} IS NOT NULL`),
    index('devices_org_tag_idx').on(t.organisationId, t.tagNumber),
    index('devices_org_status_idx').on(t.organisationId, t.status, t.tagNumber),
    index('devices_donation_idx').on(t.donationId),
    index('devices_org_location_idx').on(t.organisationId, t.locationId, t.tagNumber),
    // The stock search box: one trigram index over what people search (brand, model, serial).
    index('devices_search_trgm_idx').using('gin', sql`${deviceSearchText(t)} gin_trgm_ops`),
  ],
);

/** Append-only history of every device: who did what, when and where. */
export const deviceEvents = pgTable(
  'device_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    deviceId: uuid()
      .notNull()
      .references(() => devices.id),
    organisationId: uuid().notNull(),
    /** The wall clock, not the transaction's start: events written together keep their order. */
    at: timestamp({ withTimezone: true }).notNull().default(sql`clock_timestamp()`),
    actorUserId: uuid(),
    /** received | status | updated | erasure | moved */
    kind: text().$type<'received' | 'status' | 'updated' | 'erasure' | 'moved'>().notNull(),
    fromStatus: text().$type<DeviceStatus>(),
    toStatus: text().$type<DeviceStatus>(),
    locationId: uuid(),
    note: text(),
    /** Device data (not personal): field → {from, to}. */
    changes: jsonb().$type<Record<string, { from: unknown; to: unknown }>>(),
  },
  (t) => [
    index('device_events_device_idx').on(t.deviceId, t.at),
    // The network dashboard's monthly flows: an organisation's intakes, refurbishments and recycling in a
    // period (the same condition as its query, so that the planner may use it).
    index('device_events_flows_idx')
      .on(t.organisationId, t.at)
      .where(sql`${t.kind} = 'received' OR ${t.toStatus} IN ('ready', 'recycled')`),
  ],
);

/** One record per erasure of one storage medium; append-only (a correction is a new record). */
export const erasures = pgTable(
  'erasures',
  {
    id: uuid().primaryKey().defaultRandom(),
    deviceId: uuid()
      .notNull()
      .references(() => devices.id),
    organisationId: uuid().notNull(),
    method: text().notNull(),
    level: text().$type<'clear' | 'purge' | 'destroy'>(),
    tool: text(),
    toolVersion: text(),
    passes: integer(),
    verified: boolean().notNull(),
    result: text().$type<'passed' | 'failed'>().notNull(),
    diskSerial: text(),
    diskModel: text(),
    storageType: text().$type<StorageType>(),
    capacityGb: doublePrecision(),
    operatorUserId: uuid(),
    operatorName: text(),
    startedAt: timestamp({ withTimezone: true }),
    performedAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('erasures_device_idx').on(t.deviceId, t.performedAt)],
);
