import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { randomToken } from '../../lib/ids.ts';
import { settings } from './schema.ts';

export async function getSetting(db: Executor, key: string): Promise<string | undefined> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row?.value;
}

export async function putSetting(db: Executor, key: string, value: string): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
}

/**
 * SESSION_SECRET when set, else a secret generated once and kept in the database, so that every
 * instance on the same database shares it.
 */
export async function sessionSecret(db: Executor, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await db
    .insert(settings)
    .values({ key: 'session_secret', value: randomToken(48) })
    .onConflictDoNothing();
  const value = await getSetting(db, 'session_secret');
  if (!value) throw new Error('session secret could not be stored');
  return value;
}
