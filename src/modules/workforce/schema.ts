import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from '../organisations/schema.ts';
import { programmes } from '../programmes/schema.ts';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const day = () => date({ mode: 'string' });

/**
 * Employment contracts of a refurbisher's technicians. `cddi` (contrat à durée déterminée d'insertion, in a
 * work-integration company), `pec` (parcours emploi compétences) and `ea_tremplin` (CDD tremplin in an
 * « entreprise adaptée ») count as insertion; the others do not.
 */
export const CONTRACT_TYPES = [
  'cddi',
  'pec',
  'ea_tremplin',
  'apprenticeship',
  'internship',
  'cdd',
  'cdi',
  'volunteer',
  'other',
] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];
export const INSERTION_CONTRACT_TYPES: readonly ContractType[] = ['cddi', 'pec', 'ea_tremplin'];

/** A skill of the organisation's grid (the key stays when the label is renamed). */
export interface WorkforceSkill {
  key: string;
  label: string;
}
/** Minutes one production step takes, to derive hours from the device events a technician signed. */
export interface StepMinutes {
  diagnosed: number;
  wiped: number;
  refurbished: number;
  qualityChecked: number;
}

/** An organisation's skills grid (levels 0–`maxLevel`) and its standard times per production step. */
export const workforceSettings = pgTable('workforce_settings', {
  organisationId: uuid()
    .primaryKey()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  skills: jsonb().$type<WorkforceSkill[]>().notNull().default([]),
  maxLevel: integer().notNull().default(3),
  stepMinutes: jsonb().$type<StepMinutes>(),
  updatedAt: createdAt(),
});

/** A technician's contract with the organisation (a member of it): type and dates, hours per week. */
export const workforceContracts = pgTable(
  'workforce_contracts',
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    contractType: text().$type<ContractType>().notNull(),
    startsOn: day().notNull(),
    endsOn: day(),
    /** Contracted minutes per week (e.g. 26 h = 1560). */
    weeklyMinutes: integer().notNull(),
    note: text(),
    createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [index('workforce_contracts_org_idx').on(t.organisationId, t.userId, t.startsOn)],
);

/**
 * A public contract (or a programme) whose insertion clause is counted in hours: the hours the
 * organisation must give to people in insertion over its dates.
 */
export const insertionClauses = pgTable(
  'insertion_clauses',
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    buyer: text(),
    reference: text(),
    programmeId: uuid().references(() => programmes.id, { onDelete: 'set null' }),
    requiredHours: integer().notNull(),
    startsOn: day().notNull(),
    endsOn: day().notNull(),
    createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('insertion_clauses_org_idx').on(t.organisationId, t.startsOn)],
);

/**
 * Hours a technician worked in one week (Monday), entered by a manager; a week without an entry is derived
 * from the device events the technician signed that week (standard minutes per step). `clauseId` says which
 * insertion clause the hours count for, if any.
 */
export const workforceHours = pgTable(
  'workforce_hours',
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    weekStart: day().notNull(),
    minutes: integer().notNull(),
    clauseId: uuid().references(() => insertionClauses.id, { onDelete: 'set null' }),
    note: text(),
    enteredByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [uniqueIndex('workforce_hours_week_unique').on(t.organisationId, t.userId, t.weekStart)],
);

/** A technician's level on one skill of the grid, as assessed on a day (the history shows progress). */
export const workforceSkillLevels = pgTable(
  'workforce_skill_levels',
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    skillKey: text().notNull(),
    level: integer().notNull(),
    assessedOn: day().notNull(),
    assessedByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    note: text(),
    createdAt: createdAt(),
  },
  (t) => [index('workforce_skill_levels_user_idx').on(t.organisationId, t.userId, t.skillKey, t.assessedOn)],
);
