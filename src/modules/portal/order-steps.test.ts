/** Who may take each step of an order, from which statuses (the table, without a database). */
import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../lib/actor.ts';
import { ORDER_STEPS, type OrderStep, stepAllowedFrom } from './orders.ts';

const OWNER = '00000000-0000-4000-8000-000000000001';
const ASSOCIATION = '00000000-0000-4000-8000-000000000002';
const order = { organisationId: ASSOCIATION };

function actor(organisationId: string, role: Role): Actor {
  return {
    userId: null,
    isPlatformAdmin: false,
    memberships: new Map([[organisationId, role]]),
    ip: null,
    locale: 'fr',
    via: 'session',
  };
}

describe('order steps', () => {
  it('gives the owner’s referral managers every step but none to its viewers', () => {
    for (const role of ['admin', 'manager', 'social_worker'] as const) {
      expect(stepAllowedFrom(actor(OWNER, role), 'prepare', order, OWNER)).toEqual(['approved', 'prepared']);
      expect(stepAllowedFrom(actor(OWNER, role), 'cancel', order, OWNER)).toEqual([
        'submitted',
        'approved',
        'prepared',
      ]);
    }
    for (const step of Object.keys(ORDER_STEPS) as OrderStep[]) {
      expect(stepAllowedFrom(actor(OWNER, 'viewer'), step, order, OWNER)).toEqual([]);
    }
  });

  it('lets the association cancel before preparation, and nothing else', () => {
    const member = actor(ASSOCIATION, 'admin');
    expect(stepAllowedFrom(member, 'cancel', order, OWNER)).toEqual(['submitted', 'approved']);
    for (const step of ['approve', 'refuse', 'prepare', 'handOver'] as const) {
      expect(stepAllowedFrom(member, step, order, OWNER)).toEqual([]);
    }
    expect(stepAllowedFrom(actor(ASSOCIATION, 'viewer'), 'cancel', order, OWNER)).toEqual([]);
  });

  it('never leaves a finished order', () => {
    for (const rule of Object.values(ORDER_STEPS)) {
      for (const from of [...rule.owner, ...rule.association]) {
        expect(['handed_over', 'refused', 'cancelled']).not.toContain(from);
      }
    }
  });
});
