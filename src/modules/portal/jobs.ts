import { and, eq, lt } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../../db/tx.ts';
import { HOUR, MINUTE, type StopJob, scheduleRecurring } from '../../server/schedule.ts';
import { associationRegistrations } from './schema.ts';

/** How long a registration whose e-mail link was never followed is kept. */
export const UNCONFIRMED_DAYS = 7;

/**
 * Deletes the registrations not confirmed within 7 days of their creation (`asOf`: now by default). One
 * DELETE claims the rows: however many servers run it, each row goes once. Returns how many went.
 */
export async function deleteUnconfirmedRegistrations(
  db: Executor,
  options: { asOf?: Date } = {},
): Promise<{ deleted: number }> {
  const asOf = options.asOf ?? new Date();
  const before = new Date(asOf.getTime() - UNCONFIRMED_DAYS * 24 * 3600_000);
  const deleted = await db
    .delete(associationRegistrations)
    .where(
      and(eq(associationRegistrations.status, 'unconfirmed'), lt(associationRegistrations.createdAt, before)),
    )
    .returning({ id: associationRegistrations.id });
  return { deleted: deleted.length };
}

/** The portal's periodic work (incomplete registrations deleted after 7 days). Returns a stop function. */
export function schedulePortalJobs(
  db: Executor,
  _publicUrl: string,
  log: Pick<FastifyBaseLogger, 'error'>,
  _onWritten: () => void,
): StopJob {
  // Soon after start (a server off for a while catches up), then once a day.
  return scheduleRecurring({
    name: 'portal-cleanup',
    db,
    firstAfterMs: 2 * MINUTE,
    everyMs: 24 * HOUR,
    log,
    failureMessage: 'deleting unconfirmed association registrations failed; tried again tomorrow',
    work: async () => {
      await deleteUnconfirmedRegistrations(db);
    },
  });
}
