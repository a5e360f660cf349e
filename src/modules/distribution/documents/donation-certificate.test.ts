import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../../test/support/pdf.ts';
import { donationCertificatePdf } from './donation-certificate.ts';
import type { DonationCertificateInput } from './types.ts';

const certificate = (overrides: Partial<DonationCertificateInput> = {}): DonationCertificateInput => ({
  number: 'DO-2026-000003',
  issuedOn: '2026-11-25',
  issuer: { name: 'Atelier Numérique Solidaire', rna: 'W691234567', postcode: '69007', city: 'Lyon' },
  programmeName: 'Un ordinateur pour chaque association',
  recipient: { name: 'Les Amis du Jardin Partagé', postcode: '69100', city: 'Villeurbanne' },
  device: {
    assetTag: 'SV-2026-00311',
    type: 'desktop',
    brand: 'Dell',
    model: 'OptiPlex 7080',
    serialNumber: 'CN0J8H4X',
  },
  handedOverOn: '2026-11-20',
  ...overrides,
});

describe('donationCertificatePdf', () => {
  it('says the device is given free of charge and the recipient owns it, on one page', async () => {
    const { totalPages, text } = await readPdf(await donationCertificatePdf(certificate(), 'fr'));
    expect(totalPages).toBe(1);
    for (const expected of [
      'Atelier Numérique Solidaire',
      'RNA W691234567',
      'Attestation de don',
      'N° DO-2026-000003',
      'Établi le 25 novembre 2026',
      'donne gratuitement l’appareil ci-dessous à Les Amis du Jardin Partagé',
      'Les Amis du Jardin Partagé en est propriétaire',
      'Aucune somme n’est demandée',
      'Date de la remise : 20 novembre 2026',
      'Ordinateur fixe',
      'Dell OptiPlex 7080',
      'CN0J8H4X',
      'SV-2026-00311',
      'Le donateur',
      'Le bénéficiaire',
      'Signature',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(/undefined|null|NaN|\{\w+\}/);
  });

  it('is written in English when asked', async () => {
    const { text } = await readPdf(await donationCertificatePdf(certificate(), 'en'));
    expect(text).toContain('Donation certificate');
    expect(text).toContain('free of charge');
    expect(text).toContain('Les Amis du Jardin Partagé owns it');
    expect(text).toContain('Handed over on: 20 November 2026');
    expect(text).toContain('Desktop computer');
    expect(text).not.toContain('Attestation');
  });

  it('gives the same bytes for the same input', async () => {
    const first = await donationCertificatePdf(certificate(), 'en');
    expect((await donationCertificatePdf(certificate(), 'en')).equals(first)).toBe(true);
  });
});
