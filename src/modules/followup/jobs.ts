import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../../db/tx.ts';

/** Follow-ups falling due: links sent, reminders, no-answer. Returns a stop function. */
export function scheduleFollowUpJobs(
  _db: Executor,
  _publicUrl: string,
  _log: Pick<FastifyBaseLogger, 'error'>,
  _onWritten: () => void,
): () => void {
  return () => {};
}
