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
import { beneficiaries, programmes } from '../programmes/schema.ts';
import type {
  ActivityAgeBand,
  ActivityPlaceType,
  ActivityTheme,
  AssessmentStage,
  EnrolmentStatus,
  GridArea,
  WorkshopFormat,
} from './vocabulary.ts';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const day = () => date({ mode: 'string' });

/**
 * A training workshop run by an organisation (a programme's owner or one of its trainer partners), for a
 * programme or on its own: its sessions, its enrolled people and the completion rule (attended at least
 * `completionThresholdPercent` % of its sessions that were not cancelled).
 */
export const workshops = pgTable(
  'workshops',
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    programmeId: uuid().references(() => programmes.id),
    title: text().notNull(),
    format: text().$type<WorkshopFormat>().notNull().default('initiation'),
    description: text(),
    place: text(),
    /** The trainer, a member of the organisation, or a name (an outside trainer). */
    trainerUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    trainerName: text(),
    /** People enrolled at most (null: no limit); further enrolments wait. */
    capacity: integer(),
    completionThresholdPercent: integer().notNull().default(80),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelReason: text(),
    closedAt: timestamp({ withTimezone: true }),
    createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    index('workshops_organisation_idx').on(t.organisationId, t.createdAt),
    index('workshops_programme_idx').on(t.programmeId),
    index('workshops_created_idx').on(t.createdAt, t.id),
  ],
);

/** One session of a workshop: a time slot; a moved session keeps where it was in `moves`. */
export const workshopSessions = pgTable(
  'workshop_sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    workshopId: uuid()
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    capacity: integer(),
    place: text(),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelReason: text(),
    moves: jsonb().$type<{ startsAt: string; endsAt: string; movedAt: string }[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [index('workshop_sessions_workshop_idx').on(t.workshopId, t.startsAt)],
);

/**
 * A person's place in a workshop: `enrolled`, `waiting` (the workshop was full; the first in line, by
 * the time of the request, takes the next free place) or `withdrawn`. One place per person and workshop
 * at a time.
 */
export const enrolments = pgTable(
  'enrolments',
  {
    id: uuid().primaryKey().defaultRandom(),
    workshopId: uuid()
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    beneficiaryId: uuid()
      .notNull()
      .references(() => beneficiaries.id, { onDelete: 'cascade' }),
    enrolledOn: day().notNull(),
    status: text().$type<EnrolmentStatus>().notNull(),
    /** When the person joined the waiting list (its order), or null. */
    waitingSince: timestamp({ withTimezone: true }),
    withdrawnOn: day(),
    enrolledByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    uniqueIndex('enrolments_open_unique')
      .on(t.workshopId, t.beneficiaryId)
      .where(sql`${t.status} <> 'withdrawn'`),
    index('enrolments_beneficiary_idx').on(t.beneficiaryId),
    index('enrolments_waiting_idx').on(t.workshopId, t.status, t.waitingSince),
  ],
);

/** Whether each enrolled person was there: one row per session and person once attendance is taken. */
export const attendance = pgTable(
  'attendance',
  {
    sessionId: uuid()
      .notNull()
      .references(() => workshopSessions.id, { onDelete: 'cascade' }),
    beneficiaryId: uuid()
      .notNull()
      .references(() => beneficiaries.id, { onDelete: 'cascade' }),
    present: boolean().notNull(),
    recordedByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    recordedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.beneficiaryId] }),
    index('attendance_beneficiary_idx').on(t.beneficiaryId),
  ],
);

/** An organisation's competence grid (areas and the top level); without a row, the Pix areas, 0–3. */
export const competenceGrids = pgTable('competence_grids', {
  organisationId: uuid()
    .primaryKey()
    .references(() => organisations.id),
  areas: jsonb().$type<GridArea[]>().notNull(),
  maxLevel: integer().notNull().default(3),
  updatedByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
  updatedAt: createdAt(),
});

/** A person's skills at the entry or the exit of their training, on the assessing organisation's grid. */
export const skillsAssessments = pgTable(
  'skills_assessments',
  {
    id: uuid().primaryKey().defaultRandom(),
    beneficiaryId: uuid()
      .notNull()
      .references(() => beneficiaries.id, { onDelete: 'cascade' }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    programmeId: uuid().references(() => programmes.id),
    stage: text().$type<AssessmentStage>().notNull(),
    /** Level per area code of the grid in force when assessed. */
    levels: jsonb().$type<Record<string, number>>().notNull().default({}),
    autonomous: boolean().notNull(),
    assessedOn: day().notNull(),
    assessorUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    note: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index('skills_assessments_beneficiary_idx').on(t.beneficiaryId, t.assessedOn),
    index('skills_assessments_programme_idx').on(t.programmeId, t.stage),
  ],
);

/**
 * An anonymous activity (a digital café, an outreach stand, a drop-in): counts only — how many people,
 * their age bands, the themes — as digital mediators record them. No person is identified.
 */
export const anonymousActivities = pgTable(
  'anonymous_activities',
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    programmeId: uuid().references(() => programmes.id),
    heldOn: day().notNull(),
    title: text(),
    durationMinutes: integer().notNull(),
    participants: integer().notNull(),
    ageBands: jsonb().$type<Partial<Record<ActivityAgeBand, number>>>().notNull().default({}),
    themes: text().array().$type<ActivityTheme[]>().notNull().default(sql`'{}'::text[]`),
    placeType: text().$type<ActivityPlaceType>().notNull(),
    postcode: text(),
    note: text(),
    createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('anonymous_activities_org_idx').on(t.organisationId, t.heldOn)],
);
