import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from './config.ts';

describe('TRUST_PROXY', () => {
  it('is off by default and when said so', () => {
    for (const value of [undefined, '', '0', 'false', 'no', 'off'])
      expect(parseTrustProxy(value)).toBe(false);
  });
  it('believes one proxy for "true" (never every hop), a number of hops, or listed addresses', () => {
    expect(parseTrustProxy('true')).toBe(1);
    expect(parseTrustProxy('YES')).toBe(1);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy(' 10.0.0.1, 192.168.0.0/16 ')).toBe('10.0.0.1,192.168.0.0/16');
  });
});
