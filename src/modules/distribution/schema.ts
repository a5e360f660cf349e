import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { devices } from '../inventory/schema.ts';
import { organisations, users } from '../organisations/schema.ts';
import { beneficiaries, programmes, referrals } from '../programmes/schema.ts';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const day = () => date({ mode: 'string' });
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const ALLOCATION_STATUSES = ['reserved', 'handed_over', 'cancelled'] as const;
export type AllocationStatus = (typeof ALLOCATION_STATUSES)[number];

export const PAYMENT_METHODS = ['cash', 'cheque', 'card', 'transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** A group handover (the ceremonies held a few times a year): a day, a place, the handovers of the day. */
export const handoverEvents = pgTable(
  'handover_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programmes.id),
    heldOn: day().notNull(),
    place: text(),
    title: text(),
    /** Set once its handovers are recorded (all at once). */
    completedAt: timestamp({ withTimezone: true }),
    createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('handover_events_programme_idx').on(t.programmeId, t.heldOn)],
);

/**
 * A device set aside for a person (or an association) in a programme, then handed over. A device has at
 * most one `reserved` allocation (unique index), and its reservation is one conditional UPDATE of the
 * device (`ready` → `reserved`), so two people allocating it at once get one success and one 409.
 */
export const allocations = pgTable(
  'allocations',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programmes.id),
    beneficiaryId: uuid()
      .notNull()
      .references(() => beneficiaries.id),
    referralId: uuid()
      .notNull()
      .references(() => referrals.id),
    deviceId: uuid()
      .notNull()
      .references(() => devices.id),
    /** The organisation that holds the device (the programme's owner or a refurbisher partner). */
    deviceOrganisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    status: text().$type<AllocationStatus>().notNull().default('reserved'),
    allocatedOn: day().notNull(),
    allocatedByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    handedOverOn: day(),
    handedOverByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** What the household paid at the handover (sales): amount, method, and why it differs if it does. */
    paymentCents: integer(),
    paymentMethod: text().$type<PaymentMethod>(),
    paymentNote: text(),
    /** The programme's contribution at the handover, for statements (what was expected). */
    expectedContributionCents: integer(),
    signedOnPaper: boolean().notNull().default(false),
    /** The signature drawn on a tablet at the handover (PNG), if any; cleared when the person is erased. */
    signaturePng: bytea(),
    /** The group handover it is planned for, if any. */
    handoverEventId: uuid().references(() => handoverEvents.id),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelReason: text(),
    /** A handover recorded by mistake and taken back (the allocation is reserved again). */
    handoverCancelledAt: timestamp({ withTimezone: true }),
    handoverCancelReason: text(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    uniqueIndex('allocations_device_reserved_unique').on(t.deviceId).where(sql`${t.status} = 'reserved'`),
    index('allocations_programme_idx').on(t.programmeId, t.status),
    index('allocations_beneficiary_idx').on(t.beneficiaryId, t.programmeId),
    // The reports count a stock organisation's handovers over a period (network dashboard).
    index('allocations_device_organisation_idx')
      .on(t.deviceOrganisationId, t.handedOverOn)
      .where(sql`${t.status} = 'handed_over'`),
  ],
);

/** A device lent (loan programmes): due date from the loan length, renewals, return. */
export const loans = pgTable(
  'loans',
  {
    id: uuid().primaryKey().defaultRandom(),
    allocationId: uuid()
      .notNull()
      .references(() => allocations.id),
    programmeId: uuid()
      .notNull()
      .references(() => programmes.id),
    deviceId: uuid()
      .notNull()
      .references(() => devices.id),
    beneficiaryId: uuid()
      .notNull()
      .references(() => beneficiaries.id),
    startedOn: day().notNull(),
    dueOn: day().notNull(),
    renewals: integer().notNull().default(0),
    returnedOn: day(),
    returnCondition: text(),
    /** When the referrer was reminded, 30 days before the due date and on it (once each). */
    reminderSoonSentAt: timestamp({ withTimezone: true }),
    reminderDueSentAt: timestamp({ withTimezone: true }),
    /** SHA-256 of the secret in the borrower's link to report a problem without an account (null: none). */
    reportTokenHash: text(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('loans_allocation_unique').on(t.allocationId),
    uniqueIndex('loans_report_token_unique').on(t.reportTokenHash),
    index('loans_due_idx').on(t.dueOn).where(sql`${t.returnedOn} IS NULL`),
    index('loans_programme_idx').on(t.programmeId),
  ],
);

/** An internet-access aid granted to a person in a programme. */
export const internetAids = pgTable(
  'internet_aids',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programmes.id),
    beneficiaryId: uuid()
      .notNull()
      .references(() => beneficiaries.id),
    amountCents: integer().notNull(),
    months: integer().notNull(),
    grantedOn: day().notNull(),
    provider: text(),
    proofReceived: boolean().notNull().default(false),
    /** The funder paying it (the programme's internet-aid funder when granted, or as stated). */
    funderId: uuid().references(() => organisations.id),
    grantedByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('internet_aids_programme_idx').on(t.programmeId, t.grantedOn)],
);

export const DOCUMENT_KINDS = [
  'sale_receipt',
  'loan_agreement',
  'donation_certificate',
  'handover_attestation',
  'subsidy_statement',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * The documents of distribution, numbered per issuing organisation, kind and year without gaps, and kept
 * as issued: a second download gives the same bytes (a receipt never changes after it is handed over).
 */
export const distributionDocuments = pgTable(
  'distribution_documents',
  {
    id: uuid().primaryKey().defaultRandom(),
    issuerOrganisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    kind: text().$type<DocumentKind>().notNull(),
    number: text().notNull(),
    issuedOn: day().notNull(),
    allocationId: uuid().references(() => allocations.id),
    programmeId: uuid()
      .notNull()
      .references(() => programmes.id),
    funderOrganisationId: uuid().references(() => organisations.id),
    periodFrom: day(),
    periodTo: day(),
    locale: text().notNull(),
    pdf: bytea().notNull(),
    /** Set when the handover it belongs to was taken back: kept (its number is used), no longer served. */
    voidedAt: timestamp({ withTimezone: true }),
    createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('distribution_documents_number_unique').on(t.issuerOrganisationId, t.number),
    uniqueIndex('distribution_documents_allocation_unique')
      .on(t.allocationId, t.kind)
      .where(sql`${t.allocationId} IS NOT NULL AND ${t.voidedAt} IS NULL`),
    uniqueIndex('distribution_documents_statement_unique')
      .on(t.programmeId, t.funderOrganisationId, t.periodFrom, t.periodTo)
      .where(sql`${t.kind} = 'subsidy_statement'`),
  ],
);

export const TICKET_STATUSES = ['open', 'in_progress', 'waiting_part', 'resolved'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/**
 * A problem with a handed-over device (a loan's maintenance): reported by staff, followed by status, and
 * resolved — possibly by a swap, the borrower getting another device while the loan goes on.
 */
export const maintenanceTickets = pgTable(
  'maintenance_tickets',
  {
    id: uuid().primaryKey().defaultRandom(),
    allocationId: uuid()
      .notNull()
      .references(() => allocations.id),
    programmeId: uuid()
      .notNull()
      .references(() => programmes.id),
    beneficiaryId: uuid()
      .notNull()
      .references(() => beneficiaries.id),
    /** The device the problem is about (a swap leaves it here; the loan moves to the new one). */
    deviceId: uuid()
      .notNull()
      .references(() => devices.id),
    description: text().notNull(),
    status: text().$type<TicketStatus>().notNull().default('open'),
    resolution: text(),
    /** The device given in exchange, when the problem was solved by a swap. */
    swappedForDeviceId: uuid().references(() => devices.id),
    reportedByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** Reported by the borrower through the loan's link (no account): then no user above. */
    reportedByBorrower: boolean().notNull().default(false),
    /** How the borrower asks to be reached about it (their words; cleared when the person is erased). */
    borrowerContact: text(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
    resolvedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('maintenance_tickets_programme_idx').on(t.programmeId, t.status),
    index('maintenance_tickets_allocation_idx').on(t.allocationId),
  ],
);
