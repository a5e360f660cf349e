import { describe, expect, it } from 'vitest';
import { isValidPostcode, isValidRna, isValidSiret, luhnValid } from './identifiers.ts';

describe('SIRET', () => {
  it.each([
    ['44123456700010', true],
    ['441 234 567 00010', true],
    ['73282932000074', true], // a real establishment's SIRET
    ['44123456700011', false], // check digit off by one
    ['4412345670001', false], // 13 digits
    ['4412345670001A', false],
    ['', false],
  ])('%s → %s', (value, valid) => {
    expect(isValidSiret(value)).toBe(valid);
  });

  it("accepts La Poste's establishments, whose digits sum to a multiple of 5", () => {
    expect(isValidSiret('35600000049837')).toBe(true);
    expect(luhnValid('35600000049837')).toBe(false);
  });

  it('catches every single-digit typo of a valid number', () => {
    const valid = '44123456700010';
    for (let i = 0; i < valid.length; i++) {
      for (let d = 0; d <= 9; d++) {
        const typo = valid.slice(0, i) + d + valid.slice(i + 1);
        if (typo !== valid) expect(isValidSiret(typo), typo).toBe(false);
      }
    }
  });
});

describe('RNA and postcode', () => {
  it.each([
    ['W751234567', true],
    ['w751234567', true],
    ['W2B1001234', true],
    ['W75123456', false],
    ['X751234567', false],
  ])('RNA %s → %s', (value, valid) => {
    expect(isValidRna(value)).toBe(valid);
  });

  it('wants five digits in a postcode', () => {
    expect(isValidPostcode('45100')).toBe(true);
    expect(isValidPostcode('97411')).toBe(true);
    expect(isValidPostcode('4510')).toBe(false);
    expect(isValidPostcode('2A004')).toBe(false);
  });
});
