import { describe, expect, it } from 'vitest';
import { DISTRIBUTION_DOCUMENT_TEXTS, deviceTypeLabel, modeLabel, paymentMethodLabel, t } from './texts.ts';
import type { DistributionMode, DocumentDeviceType, PaymentMethod } from './types.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// Hand-written: every code the documents receive must be put into words.
const TYPES: DocumentDeviceType[] = [
  'laptop',
  'desktop',
  'monitor',
  'tablet',
  'smartphone',
  'printer',
  'other',
];
const METHODS: PaymentMethod[] = ['cash', 'cheque', 'card', 'transfer'];
const MODES: DistributionMode[] = ['sale', 'loan', 'donation'];

describe('distribution document texts', () => {
  it('have the same keys and placeholders in French and English, none empty', () => {
    const { fr, en } = DISTRIBUTION_DOCUMENT_TEXTS;
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const [key, text] of Object.entries(fr)) {
      const english = en[key as keyof typeof en];
      expect(text.trim(), key).not.toBe('');
      expect(english.trim(), key).not.toBe('');
      expect(placeholders(english), key).toEqual(placeholders(text));
    }
  });

  it('word every device type, payment method and mode', () => {
    for (const type of TYPES) expect(deviceTypeLabel('fr', type)).not.toBe(type);
    for (const method of METHODS) expect(paymentMethodLabel('fr', method)).not.toBe(method);
    for (const mode of MODES) expect(modeLabel('fr', mode)).not.toBe(mode);
    expect(TYPES.map((type) => deviceTypeLabel('en', type))).toEqual([
      'Laptop',
      'Desktop computer',
      'Monitor',
      'Tablet',
      'Smartphone',
      'Printer',
      'Other device',
    ]);
    expect(METHODS.map((method) => paymentMethodLabel('en', method))).toEqual([
      'in cash',
      'by cheque',
      'by card',
      'by bank transfer',
    ]);
    expect(MODES.map((mode) => modeLabel('en', mode))).toEqual(['solidarity sale', 'loan', 'donation']);
    expect(deviceTypeLabel('fr', 'laptop')).toBe('Ordinateur portable');
    expect(paymentMethodLabel('fr', 'cheque')).toBe('par chèque');
    expect(modeLabel('fr', 'sale')).toBe('vente solidaire');
  });

  it('fill placeholders', () => {
    expect(t('fr', 'receipt.subsidy', { funder: 'Métropole de Lyon' })).toBe(
      'Pris en charge par Métropole de Lyon',
    );
  });
});
