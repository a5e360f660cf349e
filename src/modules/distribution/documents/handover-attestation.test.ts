import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../../test/support/pdf.ts';
import { handoverAttestationPdf } from './handover-attestation.ts';
import type { HandoverAttestationInput } from './types.ts';

const attestation = (overrides: Partial<HandoverAttestationInput> = {}): HandoverAttestationInput => ({
  number: 'AR-2026-000015',
  issuedOn: '2026-11-25',
  issuer: { name: 'CCAS de Villeurbanne', siret: '26690004500015', postcode: '69100', city: 'Villeurbanne' },
  programmeName: 'Pass numérique seniors',
  recipient: { name: 'Jeanne Dupuis', postcode: null, city: null },
  device: { assetTag: 'SV-2026-00420', type: 'tablet', brand: 'Samsung', model: 'Galaxy Tab A8' },
  handedOverOn: '2026-11-25',
  mode: 'sale',
  signedOnPaper: false,
  ...overrides,
});

describe('handoverAttestationPdf', () => {
  it('attests the handover on the day under the programme’s mode, with places to sign', async () => {
    const { totalPages, text } = await readPdf(await handoverAttestationPdf(attestation(), 'fr'));
    expect(totalPages).toBe(1);
    for (const expected of [
      'CCAS de Villeurbanne',
      'Attestation de remise',
      'N° AR-2026-000015',
      'remis l’appareil ci-dessous à Jeanne Dupuis le 25 novembre 2026',
      'Pass numérique seniors',
      'Mode de remise : vente solidaire.',
      'Tablette',
      'Samsung Galaxy Tab A8',
      'SV-2026-00420',
      'L’organisation',
      'Le bénéficiaire',
      'Signature',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('signé sur papier');
    expect(text).not.toMatch(/undefined|null|NaN|\{\w+\}/);
  });

  it('names each mode in words and says when it was signed on paper', async () => {
    const loan = (
      await readPdf(await handoverAttestationPdf(attestation({ mode: 'loan', signedOnPaper: true }), 'fr'))
    ).text;
    expect(loan).toContain('Mode de remise : prêt.');
    expect(loan).toContain('signé sur papier');
    const donation = (await readPdf(await handoverAttestationPdf(attestation({ mode: 'donation' }), 'fr')))
      .text;
    expect(donation).toContain('Mode de remise : don.');
  });

  it('is written in English when asked', async () => {
    const { text } = await readPdf(
      await handoverAttestationPdf(attestation({ mode: 'loan', signedOnPaper: true }), 'en'),
    );
    expect(text).toContain('Handover certificate');
    expect(text).toContain('Handed over as: loan.');
    expect(text).toContain('signed on paper');
    expect(text).toContain('25 November 2026');
    expect(text).not.toContain('Attestation');
  });

  it('gives the same bytes for the same input', async () => {
    const first = await handoverAttestationPdf(attestation(), 'fr');
    expect((await handoverAttestationPdf(attestation(), 'fr')).equals(first)).toBe(true);
  });
});
