import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only. Holds ids and field names, never personal values, so erasing a person never needs to
 * touch it. No foreign keys: the trail outlives the records it speaks of.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid().primaryKey().defaultRandom(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid(),
    organisationId: uuid(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    fields: text().array().notNull().default([]),
    ip: text(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_org_at_idx').on(t.organisationId, t.at),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
  ],
);
