import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { allocations, maintenanceTickets } from '../distribution/schema.ts';
import { users } from '../organisations/schema.ts';
import { beneficiaries, programmes, referrals } from '../programmes/schema.ts';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const day = () => date({ mode: 'string' });

/**
 * `scheduled`: not due yet; `sent`: the link was e-mailed; `to_contact`: due, and the person has no e-mail
 * (the social worker prints a letter or calls); `answered`; `no_answer`: nothing after the reminder (listed
 * for a phone call; a late answer is still taken); `cancelled`: the handover was taken back or the person
 * erased.
 */
export const FOLLOW_UP_STATUSES = [
  'scheduled',
  'sent',
  'to_contact',
  'answered',
  'no_answer',
  'cancelled',
] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export const WORKS_ANSWERS = ['yes', 'partly', 'no'] as const;
export type WorksAnswer = (typeof WORKS_ANSWERS)[number];
export const FREQUENCY_ANSWERS = ['daily', 'weekly', 'monthly', 'rarely', 'never'] as const;
export type FrequencyAnswer = (typeof FREQUENCY_ANSWERS)[number];
export const USE_ANSWERS = ['admin', 'job_search', 'school', 'keep_in_touch', 'learning', 'other'] as const;
export type UseAnswer = (typeof USE_ANSWERS)[number];
export const AUTONOMY_ANSWERS = ['much_more', 'a_little_more', 'not_more'] as const;
export type AutonomyAnswer = (typeof AUTONOMY_ANSWERS)[number];

/** When a programme's follow-ups fall, in months after the handover (default 3, 6 and 12). */
export const followUpSettings = pgTable('follow_up_settings', {
  programmeId: uuid()
    .primaryKey()
    .references(() => programmes.id),
  months: integer().array().notNull().default(sql`'{3,6,12}'::integer[]`),
  /** Days after the link is sent before one reminder, and again before the follow-up is `no_answer`. */
  reminderDays: integer().notNull().default(14),
  updatedAt: createdAt(),
});

/** One follow-up of one handover to a person (3, 6, 12 months…). */
export const followUps = pgTable(
  'follow_ups',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programmes.id),
    allocationId: uuid()
      .notNull()
      .references(() => allocations.id),
    beneficiaryId: uuid()
      .notNull()
      .references(() => beneficiaries.id),
    referralId: uuid()
      .notNull()
      .references(() => referrals.id),
    months: integer().notNull(),
    dueOn: day().notNull(),
    status: text().$type<FollowUpStatus>().notNull().default('scheduled'),
    sentAt: timestamp({ withTimezone: true }),
    remindedAt: timestamp({ withTimezone: true }),
    answeredAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    uniqueIndex('follow_ups_allocation_months_unique').on(t.allocationId, t.months),
    index('follow_ups_programme_idx').on(t.programmeId, t.status),
    index('follow_ups_beneficiary_idx').on(t.beneficiaryId),
    index('follow_ups_due_idx').on(t.dueOn).where(sql`${t.status} = 'scheduled'`),
  ],
);

/**
 * The links to a follow-up's questionnaire (e-mail, reminder, printed letter): only a hash of the secret is
 * kept; each works until it expires or the questionnaire is answered (single use).
 */
export const followUpLinks = pgTable(
  'follow_up_links',
  {
    id: uuid().primaryKey().defaultRandom(),
    followUpId: uuid()
      .notNull()
      .references(() => followUps.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull(),
    channel: text().$type<'email' | 'reminder' | 'letter'>().notNull(),
    issuedAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('follow_up_links_token_unique').on(t.tokenHash),
    index('follow_up_links_follow_up_idx').on(t.followUpId),
  ],
);

/** The answers to a follow-up (at most one set: the questionnaire is answered once). */
export const followUpAnswers = pgTable('follow_up_answers', {
  followUpId: uuid()
    .primaryKey()
    .references(() => followUps.id, { onDelete: 'cascade' }),
  works: text().$type<WorksAnswer>().notNull(),
  frequency: text().$type<FrequencyAnswer>().notNull(),
  uses: text().array().$type<UseAnswer[]>().notNull(),
  autonomy: text().$type<AutonomyAnswer>().notNull(),
  /** Help wanted with the computer (opens a maintenance ticket) or from the social worker (alerts them). */
  helpDevice: boolean().notNull().default(false),
  helpContact: boolean().notNull().default(false),
  /** Free words (optional; cleared when the person is erased). */
  comment: text(),
  /** `person` through the link, `worker` filled in by a social worker during an interview. */
  answeredBy: text().$type<'person' | 'worker'>().notNull(),
  answeredByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
  answeredOn: day().notNull(),
  ticketId: uuid().references(() => maintenanceTickets.id),
  createdAt: createdAt(),
});
