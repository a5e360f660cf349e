import { describe, expect, it } from 'vitest';
import { pickLocale, translate } from './messages.ts';

describe('pickLocale', () => {
  it.each([
    [undefined, 'fr'],
    ['', 'fr'],
    ['en-GB,en;q=0.9', 'en'],
    ['de-DE,en;q=0.5,fr;q=0.8', 'fr'],
    ['de-DE,en;q=0.5', 'en'],
    ['es', 'fr'],
  ])('%s → %s', (header, locale) => {
    expect(pickLocale(header)).toBe(locale);
  });
});

describe('translate', () => {
  it('fills placeholders and falls back to the text for unknown keys', () => {
    expect(translate('fr', 'validation.password_too_short', { minimum: 12 })).toBe(
      'Le mot de passe doit contenir au moins 12 caractères.',
    );
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });

  it('writes calendar days as people read them, in each language', () => {
    expect(translate('fr', 'consents.already_withdrawn', { on: '2026-11-25' })).toBe(
      'Ce consentement a déjà été retiré le 25 novembre 2026.',
    );
    expect(translate('en', 'consents.already_withdrawn', { on: '2026-11-25' })).toBe(
      'This consent was already withdrawn on 25 November 2026.',
    );
  });
});
