import { sql } from 'drizzle-orm';
import { boolean, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../organisations/schema.ts';
import { beneficiaries, programmes, referrals } from '../programmes/schema.ts';
import type { BeneficiaryKind, DeviceNeed, TargetGroup } from '../programmes/vocabulary.ts';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const day = () => date({ mode: 'string' });

export const NEED_SOURCES = ['public', 'prescriber'] as const;
export type NeedSource = (typeof NEED_SOURCES)[number];
export const NEED_STATUSES = ['registered', 'referred', 'withdrawn'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

/** Whether a programme's needs census takes needs from the public (its public page), and until when. */
export const censusSettings = pgTable('census_settings', {
  programmeId: uuid()
    .primaryKey()
    .references(() => programmes.id, { onDelete: 'cascade' }),
  publicOpen: boolean().notNull().default(false),
  closesOn: day(),
  introduction: text(),
  updatedAt: createdAt(),
});

/**
 * A need registered before (or while) a programme opens, by a prescriber or by the public on the
 * programme's page: who (a person or an association, its group), which device, why, which town. Anonymous,
 * or named when the person consents (`consentGivenAt`); a named need may become a referral in one click
 * (`status` `referred`, with the person's record and the referral it made).
 */
export const censusNeeds = pgTable(
  'census_needs',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    source: text().$type<NeedSource>().notNull(),
    registeredByOrganisationId: uuid().references(() => organisations.id),
    registeredByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    kind: text().$type<BeneficiaryKind>().notNull().default('person'),
    targetGroup: text().$type<TargetGroup>(),
    deviceNeed: text().$type<DeviceNeed>().notNull(),
    reason: text(),
    town: text().notNull(),
    postcode: text(),
    /** Named needs only (with consent); null when anonymous, and cleared when withdrawn. */
    firstName: text(),
    lastName: text(),
    associationName: text(),
    email: text(),
    phone: text(),
    consentGivenAt: timestamp({ withTimezone: true }),
    status: text().$type<NeedStatus>().notNull().default('registered'),
    beneficiaryId: uuid().references(() => beneficiaries.id, { onDelete: 'set null' }),
    referralId: uuid().references(() => referrals.id, { onDelete: 'set null' }),
    convertedAt: timestamp({ withTimezone: true }),
    convertedByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    index('census_needs_programme_idx').on(t.programmeId, t.status, t.createdAt),
    index('census_needs_prescriber_idx')
      .on(t.registeredByOrganisationId)
      .where(sql`${t.registeredByOrganisationId} IS NOT NULL`),
  ],
);
