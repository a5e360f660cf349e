import { describe, expect, it } from 'vitest';
import { MANUAL_TRANSITIONS as SERVER_TRANSITIONS } from '../modules/inventory/lifecycle.ts';
import { MANUAL_TRANSITIONS, reachableFrom } from './lifecycle.ts';

describe('web lifecycle table', () => {
  it('is the server’s table', () => {
    expect(MANUAL_TRANSITIONS).toEqual(SERVER_TRANSITIONS);
  });

  it('lists the statuses reachable from several devices once, in order', () => {
    expect(reachableFrom(['received', 'diagnosed', 'received'])).toEqual([
      'diagnosed',
      'refurbishing',
      'to_recycle',
      'lost',
    ]);
    expect(reachableFrom(['handed_over'])).toEqual([]);
  });
});
