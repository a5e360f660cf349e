import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { allocations } from '../distribution/schema.ts';
import type { DeviceType } from '../inventory/device-fields.ts';
import { organisations, users } from '../organisations/schema.ts';
import { beneficiaries, programmes, referrals } from '../programmes/schema.ts';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const day = () => date({ mode: 'string' });

/**
 * `unconfirmed`: the e-mail link not followed yet (deleted after 7 days); `pending`: confirmed, waiting for
 * the programme owner's verification; then `approved` or `refused` (with a reason).
 */
export const REGISTRATION_STATUSES = ['unconfirmed', 'pending', 'approved', 'refused'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const ORDER_STATUSES = [
  'submitted',
  'approved',
  'prepared',
  'handed_over',
  'refused',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Whether a programme takes associations' registrations and orders, and within which limits. */
export const portalSettings = pgTable('portal_settings', {
  programmeId: uuid()
    .primaryKey()
    .references(() => programmes.id),
  open: boolean().notNull().default(false),
  /** Devices an association may order per calendar year in this programme (refused/cancelled not counted). */
  maxDevicesPerYear: integer().notNull().default(5),
  /** Orders an association may have open at once (submitted, approved or prepared). */
  maxOpenOrders: integer().notNull().default(3),
  /** A few words shown on the public page (who may register, what happens next). */
  intro: text(),
  updatedAt: createdAt(),
});

/** An association's self-registration to a programme, from the public page. */
export const associationRegistrations = pgTable(
  'association_registrations',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programmes.id),
    status: text().$type<RegistrationStatus>().notNull().default('unconfirmed'),
    name: text().notNull(),
    rna: text(),
    siret: text(),
    address: text().notNull(),
    postcode: text().notNull(),
    city: text().notNull(),
    /** What the association does, in its words. */
    activity: text().notNull(),
    /** How many people it serves (its estimate). */
    peopleServed: integer().notNull(),
    contactName: text().notNull(),
    contactEmail: text().notNull(),
    contactPhone: text(),
    locale: text().notNull().default('fr'),
    /** SHA-256 of the secret in the confirmation link (kept after confirming: a second click answers the same). */
    confirmTokenHash: text(),
    confirmExpiresAt: timestamp({ withTimezone: true }),
    confirmedAt: timestamp({ withTimezone: true }),
    decidedAt: timestamp({ withTimezone: true }),
    decidedByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    refusalReason: text(),
    /** Once approved: the association's organisation (its members log in), its record and its referral. */
    organisationId: uuid().references(() => organisations.id),
    beneficiaryId: uuid().references(() => beneficiaries.id),
    referralId: uuid().references(() => referrals.id),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    uniqueIndex('association_registrations_token_unique').on(t.confirmTokenHash),
    index('association_registrations_programme_idx').on(t.programmeId, t.status),
    index('association_registrations_unconfirmed_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'unconfirmed'`),
    uniqueIndex('association_registrations_organisation_unique')
      .on(t.programmeId, t.organisationId)
      .where(sql`${t.organisationId} IS NOT NULL`),
  ],
);

/** An association's order in a programme: counts of device types (and grades), not machines. */
export const associationOrders = pgTable(
  'association_orders',
  {
    id: uuid().primaryKey().defaultRandom(),
    registrationId: uuid()
      .notNull()
      .references(() => associationRegistrations.id),
    programmeId: uuid()
      .notNull()
      .references(() => programmes.id),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    /** Per programme owner and year, without gaps: `C-2026-0001`. */
    number: text().notNull(),
    status: text().$type<OrderStatus>().notNull().default('submitted'),
    submittedOn: day().notNull(),
    /** The association's words (what for, when it suits). */
    note: text(),
    refusalReason: text(),
    cancelReason: text(),
    createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    index('association_orders_programme_idx').on(t.programmeId, t.status),
    index('association_orders_organisation_idx').on(t.organisationId, t.submittedOn),
    uniqueIndex('association_orders_number_unique').on(t.programmeId, t.number),
  ],
);

export const associationOrderLines = pgTable(
  'association_order_lines',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => associationOrders.id, { onDelete: 'cascade' }),
    deviceType: text().$type<DeviceType>().notNull(),
    /** Null: any grade. */
    grade: text(),
    quantity: integer().notNull(),
  },
  (t) => [index('association_order_lines_order_idx').on(t.orderId)],
);

/** Each step of an order (the order page's history), written with the change. */
export const associationOrderEvents = pgTable(
  'association_order_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => associationOrders.id, { onDelete: 'cascade' }),
    status: text().$type<OrderStatus>().notNull(),
    note: text(),
    byUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    at: createdAt(),
  },
  (t) => [index('association_order_events_order_idx').on(t.orderId, t.at)],
);

/** The devices set aside for an order (distribution's allocations), from `prepared` on. */
export const associationOrderAllocations = pgTable(
  'association_order_allocations',
  {
    orderId: uuid()
      .notNull()
      .references(() => associationOrders.id, { onDelete: 'cascade' }),
    allocationId: uuid()
      .notNull()
      .references(() => allocations.id),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.allocationId] })],
);
