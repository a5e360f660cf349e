import { describe, expect, it } from 'vitest';
import { parseMonths } from './months.ts';

describe('parseMonths', () => {
  it('reads months separated by commas, spaces or semicolons, in ascending order', () => {
    expect(parseMonths('3, 6, 12')).toEqual([3, 6, 12]);
    expect(parseMonths(' 12;3  6 ')).toEqual([3, 6, 12]);
    expect(parseMonths('1')).toEqual([1]);
    expect(parseMonths('1,2,3,4,36')).toEqual([1, 2, 3, 4, 36]);
  });

  it('refuses what the server refuses: none, more than five, repeats, outside 1..36, not whole', () => {
    for (const text of ['', ' , ', '1,2,3,4,5,6', '3, 3', '0', '37', '2.5', '-3', 'six']) {
      expect(parseMonths(text), text).toBeNull();
    }
  });
});
