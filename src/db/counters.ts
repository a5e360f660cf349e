import { sql } from 'drizzle-orm';
import { bigint, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Executor } from './tx.ts';

/**
 * Gapless numbers per organisation, kind and year (certificates, receipts, agreements). The row is
 * locked by the UPDATE of the transaction that takes a number: two transactions never get the same
 * one, and a rollback gives the number back, so there are no gaps.
 */
export const counters = pgTable(
  'counters',
  {
    organisationId: uuid().notNull(),
    kind: text().notNull(),
    year: integer().notNull(),
    value: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('counters_key').on(t.organisationId, t.kind, t.year)],
);

/** Takes the next number of a counter; call it inside the transaction that uses the number. */
export async function nextNumber(
  tx: Executor,
  organisationId: string,
  kind: string,
  year: number,
): Promise<number> {
  const result = await tx.execute<{ value: string | number }>(sql`
    INSERT INTO ${counters} (organisation_id, kind, year, value) VALUES (${organisationId}, ${kind}, ${year}, 1)
    ON CONFLICT (organisation_id, kind, year) DO UPDATE SET value = ${counters.value} + 1
    RETURNING value`);
  return Number(result.rows[0]?.value);
}
