/** What the census keeps of a person once their need has become their record, and their erasure. */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { censusNeeds } from './schema.ts';

/** The need's fields that name or describe the person: cleared once the person's record holds them. */
export const REFERRED_CLEARED = {
  firstName: null,
  lastName: null,
  associationName: null,
  email: null,
  phone: null,
  reason: null,
} as const;

/**
 * The person's erasure reaches the needs linked to their record: names, contact, reason and postcode go
 * (town, group and device stay for the counts). Inside the erasure's transaction.
 */
export async function erasePersonNeeds(tx: Executor, beneficiaryId: string): Promise<void> {
  await tx
    .update(censusNeeds)
    .set({ ...REFERRED_CLEARED, postcode: null, updatedAt: new Date() })
    .where(eq(censusNeeds.beneficiaryId, beneficiaryId));
}
