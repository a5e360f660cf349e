import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../organisations/schema.ts';
import { beneficiaries } from '../programmes/schema.ts';
import { workshopSessions } from '../training/schema.ts';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const day = () => date({ mode: 'string' });

/**
 * Who issued a training cheque: the national « pass numérique » (10 € cheques, one per workshop session of
 * up to 2 hours, valid a year), a region's training cheques (e.g. 100 €), or another issuer (named).
 */
export const CHEQUE_ISSUERS = ['pass_numerique', 'regional', 'other'] as const;
export type ChequeIssuer = (typeof CHEQUE_ISSUERS)[number];

/** Cheques sent together to their issuer for reimbursement, and what came back. */
export const chequeBatches = pgTable(
  'cheque_batches',
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    issuer: text().$type<ChequeIssuer>().notNull(),
    sentOn: day().notNull(),
    reference: text(),
    reimbursedOn: day(),
    reimbursedCents: integer(),
    note: text(),
    createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('cheque_batches_org_idx').on(t.organisationId, t.sentOn)],
);

/**
 * A training cheque a person handed over at a workshop session: its number, value, issuer and expiry.
 * Pending until put in a batch sent for reimbursement. The person link is cleared when the person is erased
 * (the cheque stays, for the accounts).
 */
export const trainingCheques = pgTable(
  'training_cheques',
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    sessionId: uuid().references(() => workshopSessions.id, { onDelete: 'set null' }),
    beneficiaryId: uuid().references(() => beneficiaries.id, { onDelete: 'set null' }),
    issuer: text().$type<ChequeIssuer>().notNull(),
    issuerName: text(),
    number: text().notNull(),
    valueCents: integer().notNull(),
    receivedOn: day().notNull(),
    expiresOn: day().notNull(),
    batchId: uuid().references(() => chequeBatches.id, { onDelete: 'set null' }),
    /** Refused by the issuer at reimbursement (expired, already paid…): why. */
    rejectedReason: text(),
    createdByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('training_cheques_number_unique').on(t.organisationId, t.issuer, t.number),
    index('training_cheques_pending_idx').on(t.organisationId, t.expiresOn).where(sql`${t.batchId} IS NULL`),
    index('training_cheques_session_idx').on(t.sessionId),
    index('training_cheques_batch_idx').on(t.batchId),
  ],
);
