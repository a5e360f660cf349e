import { describe, expect, it } from 'vitest';
import { euros } from './common.ts';

const plain = (text: string) => text.replace(/\s/g, ' ');

describe('euros', () => {
  it('writes cents as euros with their cents', () => {
    expect(plain(euros(13_000, 'fr'))).toBe('130,00 €');
    expect(plain(euros(4_250, 'fr'))).toBe('42,50 €');
    expect(plain(euros(123_456_7, 'fr'))).toBe('12 345,67 €');
    expect(euros(13_000, 'en')).toBe('€130.00');
  });
});
