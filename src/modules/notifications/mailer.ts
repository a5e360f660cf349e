import type { FastifyBaseLogger } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Executor } from '../../db/tx.ts';
import { safeErrorForLog } from '../../server/errors.ts';
import { withoutStatementLimit } from '../../server/query-time.ts';
import { SHUTDOWN_WAIT_MS, type StopJob, settledWithin } from '../../server/schedule.ts';
import { deliverDue } from './outbox.ts';

/** The SMTP transport of `SMTP_URL` (`smtp://user:pass@host:587`, `smtps://…`), or null without it. */
export function createTransport(smtpUrl: string | undefined): Transporter | null {
  return smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
}

/** The sender: `MAIL_FROM`, else `Seconde Vie <no-reply@host of PUBLIC_URL>`. */
export function senderAddress(mailFrom: string | undefined, publicUrl: string): string {
  if (mailFrom) return mailFrom;
  let host = 'localhost';
  try {
    host = new URL(publicUrl).hostname || host;
  } catch {
    // keep localhost
  }
  return `Seconde Vie <no-reply@${host}>`;
}

/**
 * Sends the outbox every few seconds (and when `kick` is called after a change that wrote a mail).
 * Returns `kick` and a stop function for shutdown: no pass starts after it, and it waits for the pass
 * under way (bounded) before closing the transport.
 */
export function startOutboxWorker(
  db: Executor,
  transport: Transporter | null,
  from: string,
  log: Pick<FastifyBaseLogger, 'error'>,
  intervalMs = 10_000,
): { kick: () => void; stop: StopJob } {
  let current: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const pass = async () => {
    try {
      do {
        again = false;
        // A queue grown during a mail server's outage may take long: no statement limit for the worker.
        await withoutStatementLimit(db, (workerDb) => deliverDue(workerDb, transport, from));
      } while (again && !stopped);
    } catch (err) {
      log.error({ failure: safeErrorForLog(err) }, 'outbox: sending failed; it will try again');
    }
  };
  const run = () => {
    if (stopped) return;
    if (current) {
      again = true;
      return;
    }
    current = pass().finally(() => {
      current = null;
    });
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    kick: run,
    stop: async (waitMs = SHUTDOWN_WAIT_MS) => {
      stopped = true;
      clearInterval(timer);
      if (current) await settledWithin(current, waitMs);
      transport?.close();
    },
  };
}
