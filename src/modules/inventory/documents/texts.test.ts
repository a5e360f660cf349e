import { describe, expect, it } from 'vitest';
import { DEVICE_TYPES } from '../device-fields.ts';
import { DEVICE_STATUSES } from '../lifecycle.ts';
import { DOCUMENT_TEXTS, statusLabel, t, typeLabel } from './texts.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('document texts', () => {
  it('have the same keys and placeholders in French and English, none empty', () => {
    const { fr, en } = DOCUMENT_TEXTS;
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const [key, text] of Object.entries(fr)) {
      const english = en[key as keyof typeof en];
      expect(text.trim(), key).not.toBe('');
      expect(english.trim(), key).not.toBe('');
      expect(placeholders(english), key).toEqual(placeholders(text));
    }
  });

  it('name every device type and status', () => {
    for (const type of DEVICE_TYPES) expect(typeLabel('en', type)).not.toBe(type);
    for (const status of DEVICE_STATUSES) expect(statusLabel('en', status)).not.toBe(status);
    expect(typeLabel('fr', 'laptop')).toBe('Ordinateur portable');
    expect(typeLabel('fr', 'monitor')).toBe('Écran');
    expect(statusLabel('fr', 'refurbishing')).toBe('En reconditionnement');
    expect(statusLabel('fr', 'to_recycle')).toBe('À recycler');
    expect(statusLabel('fr', 'something_new')).toBe('something_new');
  });

  it('fill placeholders', () => {
    expect(t('fr', 'unit.gb', { n: 256 })).toBe('256 Go');
    expect(t('en', 'batch.count_value', { received: 38, declared: 40 })).toBe('38 received, 40 declared');
  });
});
