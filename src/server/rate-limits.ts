import type { FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.ts';

/**
 * Limits on the routes anyone can call (per client address, per route, per instance). Links carry
 * 40-hex-digit secrets, so guessing one is hopeless anyway; the limits keep a script from hammering the
 * database or filling an organisation's queue with forms. Logins are throttled in the database instead
 * (per account and per address, across instances).
 */
export const PUBLIC_RATE_LIMITS = {
  /** Opening a page behind a link (borrower's page, questionnaire, invitation, portal page). */
  read: { max: 60, timeWindow: '1 minute' },
  /** Answering a follow-up questionnaire. */
  followUpAnswer: { max: 20, timeWindow: '1 hour' },
  /** A borrower reporting a problem with the lent device (5 open at most per loan, in the database). */
  loanTicket: { max: 10, timeWindow: '1 hour' },
  /** An association registering on a programme's portal page (each one gets a confirmation e-mail). */
  portalRegistration: { max: 5, timeWindow: '1 hour' },
  /**
   * Someone registering a need on a programme's census page: a family or a social worker may register a
   * few people from one address, a script may not fill the census.
   */
  censusNeed: { max: 10, timeWindow: '1 hour' },
  /** Confirming a portal registration through its e-mail link. */
  portalConfirmation: { max: 30, timeWindow: '1 hour' },
  /** Accepting an invitation (chooses a password). */
  invitationAccept: { max: 10, timeWindow: '1 hour' },
  /**
   * Asking for a password reset link. Per address, so an office or a school behind one address is not
   * shut out by a few people; each account also gets 5 links an hour at most, whoever asks.
   */
  passwordResetRequest: { max: 20, timeWindow: '1 hour' },
  /** Choosing a new password through a reset link. */
  passwordResetSet: { max: 30, timeWindow: '1 hour' },
  /**
   * Second-factor codes sent to complete a login. Codes are capped per account in the database (the login
   * throttle); this keeps one address from hammering the route.
   */
  totpCode: { max: 30, timeWindow: '1 minute' },
} as const;

/**
 * The problem a refused request gets: « try again in N minutes » worded for the route's own window (the
 * rate-limit plugin's Retry-After header says the same in seconds).
 */
export function rateLimitError(_request: FastifyRequest, context: { ttl: number }): AppError {
  const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
  const retryAfter = { 'retry-after': String(seconds) };
  return seconds <= 90
    ? new AppError('TOO_MANY_REQUESTS', 'errors.too_many_requests', {
        params: { seconds },
        headers: retryAfter,
      })
    : new AppError('TOO_MANY_REQUESTS', 'errors.too_many_requests_minutes', {
        params: { minutes: Math.ceil(seconds / 60) },
        headers: retryAfter,
      });
}
