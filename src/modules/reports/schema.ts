import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../organisations/schema.ts';

/**
 * A coordinator's network: the organisations whose aggregates it may read. A row is an invitation or a
 * request until both sides agreed (an organisation's data stays its own unless it agrees, and a coordinator
 * chooses whom it coordinates); either side may end it, and the row is then deleted.
 */
export const networkMembers = pgTable(
  'network_members',
  {
    coordinatorOrganisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    addedByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    coordinatorAgreedAt: timestamp({ withTimezone: true }),
    coordinatorAgreedByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    memberAgreedAt: timestamp({ withTimezone: true }),
    memberAgreedByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ columns: [t.coordinatorOrganisationId, t.organisationId] }),
    index('network_members_organisation_idx').on(t.organisationId),
    index('network_members_active_idx')
      .on(t.coordinatorOrganisationId)
      .where(sql`${t.coordinatorAgreedAt} IS NOT NULL AND ${t.memberAgreedAt} IS NOT NULL`),
  ],
);
