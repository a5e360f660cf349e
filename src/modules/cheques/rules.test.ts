import { describe, expect, it } from 'vitest';
import { shiftDay } from '../training/calendar.ts';
import { chequeExpiry, chequeStatus, daysLeft, passCap, passLatestExpiry } from './rules.ts';

const at = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00Z`);

describe('the pass numérique cap', () => {
  it('allows one cheque per started slice of two hours', () => {
    expect(passCap(at('09:00'), at('10:00'))).toBe(1);
    expect(passCap(at('09:00'), at('11:00'))).toBe(1);
    expect(passCap(at('09:00'), at('11:30'))).toBe(2);
    expect(passCap(at('09:00'), at('13:00'))).toBe(2);
    expect(passCap(at('09:00'), at('15:00'))).toBe(3);
  });
  it('is valid a year: the latest expiry is the same day a year later (29 February → 28)', () => {
    expect(passLatestExpiry('2026-03-02')).toBe('2027-03-02');
    expect(passLatestExpiry('2028-02-29')).toBe('2029-02-28');
  });
});

describe('a cheque’s state', () => {
  it('is rejected, pending, sent or reimbursed', () => {
    expect(chequeStatus({ batchId: null, rejectedReason: null, batchReimbursedOn: null })).toBe('pending');
    expect(chequeStatus({ batchId: 'b', rejectedReason: null, batchReimbursedOn: null })).toBe('sent');
    expect(chequeStatus({ batchId: 'b', rejectedReason: null, batchReimbursedOn: '2026-04-01' })).toBe(
      'reimbursed',
    );
    expect(chequeStatus({ batchId: 'b', rejectedReason: 'Périmé', batchReimbursedOn: '2026-04-01' })).toBe(
      'rejected',
    );
  });
  it('warns of a pending cheque’s expiry only, 30 days ahead', () => {
    const today = '2026-11-26';
    expect(chequeExpiry('pending', '2026-11-25', today)).toBe('expired');
    expect(chequeExpiry('pending', today, today)).toBe('expiring');
    expect(chequeExpiry('pending', shiftDay(today, 30), today)).toBe('expiring');
    expect(chequeExpiry('pending', shiftDay(today, 31), today)).toBeNull();
    expect(chequeExpiry('sent', '2026-01-01', today)).toBeNull();
    expect(daysLeft('2026-12-01', today)).toBe(5);
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
  });
});
