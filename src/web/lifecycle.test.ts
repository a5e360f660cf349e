import { describe, expect, it } from 'vitest';
import { nextStatuses, reachableFrom } from './lifecycle.ts';

describe('web lifecycle helpers', () => {
  it('offers the table’s moves for one device', () => {
    expect(nextStatuses('refurbishing')).toEqual(['ready', 'to_recycle', 'lost']);
    expect(nextStatuses('handed_over')).toEqual([]);
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
