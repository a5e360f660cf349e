/** The training cheques' pure rules: the pass numérique's cap per session, a cheque's state and expiry. */
import { addMonthsToDay } from '../../lib/dates.ts';
import { shiftDay } from '../training/calendar.ts';
import type { ChequeIssuer } from './schema.ts';

/** A pass numérique cheque is worth 10 €. */
export const PASS_VALUE_CENTS = 1000;
/** Pending cheques expiring within this many days are flagged. */
export const EXPIRY_WARNING_DAYS = 30;
/** How many numbers one request may record at most. */
export const MAX_NUMBERS = 20;

/** One pass numérique cheque per started slice of two hours of the session (at least one). */
export function passCap(startsAt: Date, endsAt: Date): number {
  const minutes = Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000);
  return Math.max(1, Math.ceil(minutes / 120));
}

/** The latest expiry a pass numérique cheque received on `day` may carry (valid one year from its issue). */
export function passLatestExpiry(day: string): string {
  return addMonthsToDay(day, 12);
}

export type ChequeStatus = 'pending' | 'sent' | 'reimbursed' | 'rejected';
export type ChequeExpiry = 'expired' | 'expiring' | null;

/** Where a cheque stands: pending (in no batch), sent (batch not yet paid), reimbursed, or rejected. */
export function chequeStatus(c: {
  batchId: string | null;
  rejectedReason: string | null;
  batchReimbursedOn: string | null;
}): ChequeStatus {
  if (c.rejectedReason) return 'rejected';
  if (!c.batchId) return 'pending';
  return c.batchReimbursedOn ? 'reimbursed' : 'sent';
}

/** Only a pending cheque's expiry matters: expired before today, or expiring within the warning days. */
export function chequeExpiry(status: ChequeStatus, expiresOn: string, today: string): ChequeExpiry {
  if (status !== 'pending') return null;
  if (expiresOn < today) return 'expired';
  if (expiresOn <= shiftDay(today, EXPIRY_WARNING_DAYS)) return 'expiring';
  return null;
}

/** Whole days from `today` to `expiresOn` (negative once expired). */
export function daysLeft(expiresOn: string, today: string): number {
  return Math.round((Date.parse(`${expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export function isPass(issuer: ChequeIssuer): boolean {
  return issuer === 'pass_numerique';
}
