import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from '../organisations/schema.ts';

export type MailStatus = 'pending' | 'sent' | 'failed' | 'stored';

/**
 * Every e-mail the application writes. Written in the transaction of the change it speaks of, then sent
 * by the outbox worker over SMTP (`sent`); without `SMTP_URL` it stays here (`stored`) for administrators
 * to read and pass on. A failed sending is tried again a few times (`pending` with `nextAttemptAt`) before
 * `failed`.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid().references(() => organisations.id),
    toAddress: text().notNull(),
    template: text().notNull(),
    locale: text().notNull(),
    subject: text().notNull(),
    textBody: text().notNull(),
    htmlBody: text().notNull(),
    status: text().$type<MailStatus>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    /** The SMTP reply code or error code of the last failure, never its text (it may quote the address). */
    lastError: text(),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_org_idx').on(t.organisationId, t.createdAt),
    index('outbox_created_idx').on(t.createdAt, t.id),
  ],
);
