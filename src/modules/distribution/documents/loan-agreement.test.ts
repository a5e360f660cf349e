import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../../test/support/pdf.ts';
import { loanAgreementPdf } from './loan-agreement.ts';
import type { LoanAgreementInput } from './types.ts';

const agreement = (overrides: Partial<LoanAgreementInput> = {}): LoanAgreementInput => ({
  number: 'PR-2026-000007',
  issuedOn: '2026-11-24',
  issuer: { name: 'Emmaüs Connect Lyon', siret: '79123456700024', postcode: '69003', city: 'Lyon' },
  programmeName: 'Prêt d’ordinateurs aux lycéens',
  borrower: { name: 'Lucas Moreau', postcode: '69008', city: 'Lyon' },
  device: {
    assetTag: 'SV-2026-00107',
    type: 'laptop',
    brand: 'HP',
    model: 'EliteBook 840 G5',
    serialNumber: null,
  },
  startedOn: '2026-11-24',
  dueOn: '2027-06-30',
  loanMonths: 7,
  renewable: true,
  ...overrides,
});

describe('loanAgreementPdf', () => {
  it('states the parties, the device, the dates and every condition, with places to sign', async () => {
    const { totalPages, text } = await readPdf(await loanAgreementPdf(agreement(), 'fr'));
    expect(totalPages).toBeLessThanOrEqual(2);
    for (const expected of [
      'Emmaüs Connect Lyon',
      'Convention de prêt d’ordinateur',
      'N° PR-2026-000007',
      'Établi le 24 novembre 2026',
      'Le prêteur',
      'L’emprunteur',
      'Lucas Moreau',
      'HP EliteBook 840 G5',
      'SV-2026-00107',
      'Du 24 novembre 2026 au 30 juin 2027, soit 7 mois.',
      'Date de retour prévue : 30 juin 2027.',
      'Le prêt peut être renouvelé',
      'L’entretien est compris',
      'le remplace',
      'prévenez Emmaüs Connect Lyon',
      'son chargeur',
      'si Emmaüs Connect Lyon vous le demande',
      'L’usure normale ne vous est pas facturée',
      'perte ou de vol',
      'vous ne le prêtez pas à d’autres personnes',
      'vous ne le vendez pas',
      'sont à vous',
      'tout est effacé',
      'Fait à',
      ', le',
      'Nom et qualité du signataire',
      'Signature',
      `Page ${totalPages} / ${totalPages}`,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('ne peut pas être renouvelé');
    expect(text).not.toMatch(/undefined|null|NaN|\{\w+\}/);
  });

  it('says when the loan cannot be renewed, and a single month in the singular', async () => {
    const { text } = await readPdf(
      await loanAgreementPdf(agreement({ renewable: false, dueOn: '2026-12-24', loanMonths: 1 }), 'en'),
    );
    expect(text).toContain('The loan cannot be renewed.');
    expect(text).toContain('From 24 November 2026 to 24 December 2026: 1 month.');
    expect(text).toContain('Return date: 24 December 2026.');
  });

  it('prints the cap on renewals and the borrower’s link to report a problem, with its QR code', async () => {
    const url = 'https://seconde-vie.example.org/signaler/0123456789abcdef0123456789abcdef01234567';
    const pdf = await loanAgreementPdf(agreement({ maxRenewals: 2, reportUrl: url }), 'fr');
    const { totalPages, text } = await readPdf(pdf);
    expect(totalPages).toBeLessThanOrEqual(2);
    expect(text).toContain('Le prêt peut être renouvelé 2 fois au plus');
    expect(text).toContain('Pour signaler un problème, sans compte');
    expect(text).toContain(url);
    // Without a link, no sentence about it.
    expect((await readPdf(await loanAgreementPdf(agreement(), 'fr'))).text).not.toContain(
      'signaler un problème',
    );
  });

  it('is written in English when asked', async () => {
    const { text } = await readPdf(await loanAgreementPdf(agreement(), 'en'));
    for (const expected of [
      'Computer loan agreement',
      'The lender',
      'The borrower',
      '7 months',
      'Return date: 30 June 2027.',
      'Maintenance is included',
      'its charger',
      'Normal wear and tear is not charged to you.',
      'you do not lend it to other people',
      'Signed at',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('prêt');
  });

  it('never leaves the signatures alone on a page', async () => {
    const long = 'Association intercommunale pour l’inclusion numérique des quartiers prioritaires';
    const { pages } = await readPdf(
      await loanAgreementPdf(agreement({ issuer: { name: long, postcode: '69003', city: 'Lyon' } }), 'fr'),
    );
    const last = pages[pages.length - 1] ?? '';
    expect(last).toContain('Signature');
    expect(last).toContain('Vos données sur l’appareil');
  });

  it('gives the same bytes for the same input', async () => {
    const first = await loanAgreementPdf(agreement(), 'fr');
    const second = await loanAgreementPdf(agreement(), 'fr');
    expect(second.equals(first)).toBe(true);
  });
});
