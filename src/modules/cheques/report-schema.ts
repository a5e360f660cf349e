import { z } from 'zod';
import { CHEQUE_ISSUERS } from './schema.ts';

const Tally = z.object({ count: z.number().int(), cents: z.number().int() });

/** One issuer's training cheques in figures (the organisation's reconciliation, the programme and funder reports). */
export const ChequeFiguresReply = z
  .object({
    issuer: z.enum(CHEQUE_ISSUERS),
    received: Tally,
    pending: Tally.describe('Not sent yet'),
    sent: Tally.describe('In a batch sent to the issuer: received = sent + pending'),
    awaiting: Tally.describe('Sent, reimbursement not recorded yet'),
    rejected: Tally.describe('Refused by the issuer'),
    reimbursedCents: z
      .number()
      .int()
      .describe('Paid back: each batch’s amount shared among its accepted cheques by value'),
    expiring: Tally.describe('Pending, expiring within 30 days'),
    expired: Tally.describe('Pending, already expired'),
  })
  .meta({ id: 'ChequeFigures' });
