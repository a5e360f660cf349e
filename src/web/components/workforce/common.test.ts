import { describe, expect, it } from 'vitest';
import { hoursText } from './api.ts';
import { dayText, deName, hoursInputText } from './common.tsx';

describe('French of the workforce pages', () => {
  it('elides « de » before a vowel or a mute h', () => {
    expect(deName('Atelier Reboot')).toBe('d’Atelier Reboot');
    expect(deName('Émeraude Services')).toBe('d’Émeraude Services');
    expect(deName('Hélène Martin')).toBe('d’Hélène Martin');
    expect(deName('Sami Technicien')).toBe('de Sami Technicien');
    expect(deName('Hollande Recyclage')).toBe('de Hollande Recyclage');
  });

  it('writes the first of a month as an ordinal in French', () => {
    expect(dayText('2026-01-01', 'fr')).toBe('1er janv. 2026');
    expect(dayText('2026-01-02', 'fr')).toBe('2 janv. 2026');
    expect(dayText('2026-01-01', 'en')).toBe('1 Jan 2026');
  });

  it('groups thousands of hours as each language does', () => {
    expect(hoursText(1200 * 60, 'fr')).toBe('1\u202f200 h');
    expect(hoursText(1200 * 60 + 30, 'en')).toBe('1,200 h 30');
    expect(hoursText(95, 'fr')).toBe('1 h 35');
    expect(hoursInputText(26.5 * 60, 'fr')).toBe('26,5');
    expect(hoursInputText(26 * 60, 'en')).toBe('26');
  });
});
