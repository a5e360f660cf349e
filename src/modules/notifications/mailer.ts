import type { FastifyBaseLogger } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Executor } from '../../db/tx.ts';
import { safeErrorForLog } from '../../server/errors.ts';
import { withoutStatementLimit } from '../../server/query-time.ts';
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
 * Returns `kick` and a stop function for shutdown.
 */
export function startOutboxWorker(
  db: Executor,
  transport: Transporter | null,
  from: string,
  log: Pick<FastifyBaseLogger, 'error'>,
  intervalMs = 10_000,
): { kick: () => void; stop: () => void } {
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        // A queue grown during a mail server's outage may take long: no statement limit for the worker.
        await withoutStatementLimit(db, (workerDb) => deliverDue(workerDb, transport, from));
      } while (again);
    } catch (err) {
      log.error({ failure: safeErrorForLog(err) }, 'outbox: sending failed; it will try again');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return {
    kick: () => void run(),
    stop: () => {
      clearInterval(timer);
      transport?.close();
    },
  };
}
