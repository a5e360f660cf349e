import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from '../organisations/schema.ts';
import type { EligibilityReason, EligibilityRules } from './eligibility.ts';
import type {
  BeneficiaryKind,
  ConsentScope,
  DeviceNeed,
  EmploymentSituation,
  ExitReason,
  HouseholdType,
  IncomeSituation,
  PartnerRole,
  ProgrammeMode,
  ProgrammeTargets,
  ReferralStatus,
  TargetGroup,
  TimelineKind,
} from './vocabulary.ts';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const day = () => date({ mode: 'string' });

/** A programme run by an organisation: what it gives, to whom (rules as data), with whom. */
export const programmes = pgTable(
  'programmes',
  {
    id: uuid().primaryKey().defaultRandom(),
    ownerOrganisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    name: text().notNull(),
    description: text(),
    mode: text().$type<ProgrammeMode>().notNull(),
    startsOn: day().notNull(),
    endsOn: day().notNull(),
    unitPriceCents: integer(),
    loanMonths: integer(),
    loanRenewable: boolean().notNull().default(false),
    /** At most this many renewals of one loan (null: no cap). */
    loanMaxRenewals: integer(),
    internetAidAmountCents: integer(),
    internetAidMonths: integer(),
    /** Who pays the internet aid (a funder organisation), if stated; each aid records it when granted. */
    internetAidFunderId: uuid().references(() => organisations.id),
    trainingRequired: boolean().notNull().default(false),
    trainingMinSessions: integer(),
    maxDevicesPerPerson: integer().notNull().default(1),
    targets: jsonb().$type<ProgrammeTargets>().notNull().default({}),
    eligibility: jsonb().$type<EligibilityRules>().notNull().default({}),
    /** Closed by hand before its end: no new referral. */
    closedAt: timestamp({ withTimezone: true }),
    copiedFromId: uuid(),
    createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    index('programmes_owner_idx').on(t.ownerOrganisationId, t.startsOn),
    index('programmes_created_idx').on(t.createdAt, t.id),
  ],
);

/** Who pays part of the unit price: the beneficiary's contribution is the price minus these. */
export const programmeSubsidies = pgTable(
  'programme_subsidies',
  {
    programmeId: uuid()
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    funderOrganisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    amountCents: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.funderOrganisationId] }),
    index('programme_subsidies_funder_idx').on(t.funderOrganisationId),
  ],
);

/** Organisations that refer (prescribers), supply (refurbishers) or train (trainers) for a programme. */
export const programmePartners = pgTable(
  'programme_partners',
  {
    programmeId: uuid()
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    role: text().$type<PartnerRole>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.organisationId, t.role] }),
    index('programme_partners_org_idx').on(t.organisationId),
  ],
);

/**
 * A person or an association a prescriber follows. Only what the CNIL social-support framework allows:
 * no social-security number, no nationality, no health data beyond the accessibility-needs flag.
 * After an erasure (or the retention job) the personal fields are null and `anonymisedAt` is set; the
 * anonymous facts (kind, age band, household, town, target group) stay for statistics.
 */
export const beneficiaries = pgTable(
  'beneficiaries',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().$type<BeneficiaryKind>().notNull(),
    referringOrganisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    firstName: text(),
    lastName: text(),
    name: text(),
    birthYear: integer(),
    /** Kept after anonymisation instead of the birth year (`25-44`…). */
    ageBand: text(),
    householdType: text().$type<HouseholdType>(),
    childrenCount: integer(),
    postcode: text(),
    city: text(),
    country: text().notNull().default('FR'),
    priorityZone: boolean(),
    incomeSituation: text().$type<IncomeSituation>(),
    familyQuotientCents: integer(),
    employmentSituation: text().$type<EmploymentSituation>(),
    targetGroup: text().$type<TargetGroup>().notNull(),
    phone: text(),
    email: text(),
    accessibilityNeeds: boolean().notNull().default(false),
    deviceNeed: text().$type<DeviceNeed>(),
    rna: text(),
    siret: text(),
    contactName: text(),
    peopleServed: integer(),
    /** Names folded (lower case, no accents, single spaces) for search and duplicate detection. */
    searchKey: text().notNull().default(''),
    /** The last contact (creation, change, consent, referral step): the retention period runs from it. */
    lastActivityOn: day().notNull(),
    anonymisedAt: timestamp({ withTimezone: true }),
    mergedIntoId: uuid(),
    createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    index('beneficiaries_org_idx').on(t.referringOrganisationId, t.createdAt),
    // Lists walk these in order and keep the rows the reader may see (organisation or programme owner).
    index('beneficiaries_name_order_idx').on(t.searchKey, t.id),
    index('beneficiaries_created_order_idx').on(t.createdAt, t.id),
    index('beneficiaries_search_trgm_idx').using('gin', sql`${t.searchKey} gin_trgm_ops`),
    index('beneficiaries_duplicate_idx').on(t.referringOrganisationId, t.searchKey, t.birthYear),
    index('beneficiaries_activity_idx').on(t.lastActivityOn).where(sql`${t.anonymisedAt} IS NULL`),
  ],
);

/** The person's consent: when, who collected it, what it covers; withdrawn consents stay on record. */
export const consents = pgTable(
  'consents',
  {
    id: uuid().primaryKey().defaultRandom(),
    beneficiaryId: uuid()
      .notNull()
      .references(() => beneficiaries.id, { onDelete: 'cascade' }),
    givenOn: day().notNull(),
    covers: text().array().$type<ConsentScope[]>().notNull(),
    collectedByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    withdrawnOn: day(),
    createdAt: createdAt(),
  },
  (t) => [index('consents_beneficiary_idx').on(t.beneficiaryId)],
);

/** A beneficiary referred to a programme, and where their path stands. */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid().primaryKey().defaultRandom(),
    beneficiaryId: uuid()
      .notNull()
      .references(() => beneficiaries.id, { onDelete: 'cascade' }),
    programmeId: uuid()
      .notNull()
      .references(() => programmes.id),
    referringOrganisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    referredByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    referredOn: day().notNull(),
    status: text().$type<ReferralStatus>().notNull(),
    reasons: jsonb().$type<EligibilityReason[]>().notNull().default([]),
    evaluatedOn: day().notNull(),
    socialEvaluation: text(),
    priority: boolean().notNull().default(false),
    priorityReason: text(),
    exitReason: text().$type<ExitReason>(),
    exitedOn: day(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    // One open referral per person and programme (an exited one may be followed by a new one).
    uniqueIndex('referrals_open_unique')
      .on(t.beneficiaryId, t.programmeId)
      .where(sql`${t.status} <> 'exited'`),
    index('referrals_programme_idx').on(t.programmeId, t.status),
    index('referrals_org_idx').on(t.referringOrganisationId, t.status),
    index('referrals_order_idx').on(t.referredOn, t.createdAt, t.id),
    index('referrals_beneficiary_idx').on(t.beneficiaryId),
    index('referrals_referred_by_idx').on(t.referredByUserId),
  ],
);

/**
 * The person's path, step by step: what happened, when, by whom — statuses, field names and eligibility
 * reasons. The reasons' parameters may quote the person's facts (family quotient, age, postcode, town):
 * an erasure removes those parameters (see `anonymise` in rights.ts).
 */
export const beneficiaryEvents = pgTable(
  'beneficiary_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    beneficiaryId: uuid()
      .notNull()
      .references(() => beneficiaries.id, { onDelete: 'cascade' }),
    referralId: uuid().references(() => referrals.id, { onDelete: 'set null' }),
    programmeId: uuid().references(() => programmes.id),
    kind: text().$type<TimelineKind>().notNull(),
    // The clock, not the transaction's start: steps written together keep their order.
    at: timestamp({ withTimezone: true }).notNull().default(sql`clock_timestamp()`),
    happenedOn: day().notNull(),
    fromStatus: text().$type<ReferralStatus>(),
    toStatus: text().$type<ReferralStatus>(),
    reasons: jsonb().$type<EligibilityReason[]>(),
    exitReason: text().$type<ExitReason>(),
    fields: text().array(),
    /** For a merge: the other record. */
    relatedBeneficiaryId: uuid(),
    authorUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('beneficiary_events_beneficiary_idx').on(t.beneficiaryId, t.at)],
);

/** What each run of the retention job anonymised (counts only). */
export const anonymisationRuns = pgTable(
  'anonymisation_runs',
  {
    id: uuid().primaryKey().defaultRandom(),
    ranAt: createdAt(),
    /** The day the run is for: one daily run per day. */
    ranOn: day().notNull(),
    cutoffOn: day().notNull(),
    anonymised: integer().notNull(),
    byOrganisation: jsonb().$type<{ organisationId: string; count: number }[]>().notNull(),
    trigger: text().$type<'daily' | 'manual'>().notNull(),
  },
  (t) => [
    index('anonymisation_runs_ran_idx').on(t.ranAt),
    // One daily run per day, however many servers share the database.
    uniqueIndex('anonymisation_runs_daily_unique').on(t.ranOn).where(sql`${t.trigger} = 'daily'`),
  ],
);

/** Personal fields emptied by an erasure or a merge (anonymous facts stay). */
export const ERASED_FIELDS = {
  firstName: null,
  lastName: null,
  name: null,
  birthYear: null,
  postcode: null,
  incomeSituation: null,
  familyQuotientCents: null,
  employmentSituation: null,
  phone: null,
  email: null,
  accessibilityNeeds: false,
  rna: null,
  siret: null,
  contactName: null,
  searchKey: '',
} satisfies Partial<typeof beneficiaries.$inferInsert>;
