import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../../test/support/pdf.ts';
import { saleReceiptPdf } from './sale-receipt.ts';
import type { SaleReceiptInput } from './types.ts';

const receipt = (overrides: Partial<SaleReceiptInput> = {}): SaleReceiptInput => ({
  number: 'RV-2026-000042',
  issuedOn: '2026-11-25',
  issuer: {
    name: 'Atelier Numérique Solidaire',
    siret: '44123456700010',
    rna: 'W691234567',
    postcode: '69007',
    city: 'Lyon',
  },
  programmeName: 'Un ordinateur pour l’emploi',
  buyer: { name: 'Samira Benali', postcode: '69100', city: 'Villeurbanne' },
  device: {
    assetTag: 'SV-2026-00042',
    type: 'laptop',
    brand: 'Lenovo',
    model: 'ThinkPad T480',
    serialNumber: 'PF1ABCDE',
  },
  handedOverOn: '2026-11-24',
  unitPriceCents: 13_000,
  subsidies: [{ funderName: 'Métropole de Lyon', amountCents: 8_800 }],
  contributionCents: 4_200,
  paid: { amountCents: 4_200, method: 'card', note: null },
  ...overrides,
});

describe('saleReceiptPdf', () => {
  it('shows the parties, the device and how the price is split, on one page', async () => {
    const { totalPages, text } = await readPdf(await saleReceiptPdf(receipt(), 'fr'));
    expect(totalPages).toBe(1);
    for (const expected of [
      'Atelier Numérique Solidaire',
      'SIRET 44123456700010',
      'RNA W691234567',
      '69007 Lyon',
      'Reçu de vente solidaire',
      'N° RV-2026-000042',
      'Établi le 25 novembre 2026',
      'Un ordinateur pour l’emploi',
      'Samira Benali',
      '69100 Villeurbanne',
      'Ordinateur portable',
      'Lenovo ThinkPad T480',
      'PF1ABCDE',
      'SV-2026-00042',
      'Prix de l’appareil 130,00 €',
      'Pris en charge par Métropole de Lyon − 88,00 €',
      'Reste à la charge du foyer 42,00 €',
      'Vous avez payé 42,00 € par carte bancaire, le 24 novembre 2026.',
      'correspond à la somme restant à votre charge',
      'Appareil reconditionné, données effacées (certificat d’effacement disponible auprès du reconditionneur)',
      'Le vendeur',
      'L’acheteur',
      'Signature',
      'Page 1 / 1',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('différent');
    expect(text).not.toMatch(/undefined|null|NaN|\{\w+\}/);
  });

  it('lists every funder’s share', async () => {
    const { text } = await readPdf(
      await saleReceiptPdf(
        receipt({
          subsidies: [
            { funderName: 'Métropole de Lyon', amountCents: 6_000 },
            { funderName: 'Fondation Orange', amountCents: 2_800 },
          ],
        }),
        'fr',
      ),
    );
    expect(text).toContain('Pris en charge par Métropole de Lyon − 60,00 €');
    expect(text).toContain('Pris en charge par Fondation Orange − 28,00 €');
    expect(text).toContain('Reste à la charge du foyer 42,00 €');
  });

  it('says clearly when the amount paid differs from the household’s share, with the reason', async () => {
    const { text } = await readPdf(
      await saleReceiptPdf(
        receipt({ paid: { amountCents: 2_000, method: 'cash', note: 'Reste payé en décembre' } }),
        'fr',
      ),
    );
    expect(text).toContain('Vous avez payé 20,00 € en espèces');
    expect(text).toContain(
      'le montant payé (20,00 €) est différent de la somme restant à votre charge (42,00 €)',
    );
    expect(text).toContain('Motif : Reste payé en décembre');
    expect(text).not.toContain('correspond à la somme');
  });

  it('says when nothing was paid', async () => {
    const { text } = await readPdf(await saleReceiptPdf(receipt({ paid: null }), 'fr'));
    expect(text).toContain('Aucun paiement n’a été enregistré');
    expect(text).not.toContain('Vous avez payé');
  });

  it('is written in English when asked', async () => {
    const { text } = await readPdf(
      await saleReceiptPdf(receipt({ paid: { amountCents: 5_000, method: 'transfer' } }), 'en'),
    );
    for (const expected of [
      'Solidarity sale receipt',
      'No. RV-2026-000042',
      'Issued on 25 November 2026',
      'Laptop',
      'Price of the device €130.00',
      'Paid by Métropole de Lyon − €88.00',
      'Left for the household to pay €42.00',
      'You paid €50.00 by bank transfer on 24 November 2026.',
      'is different from',
      'Refurbished device, data erased',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Reçu');
  });

  it('gives the same bytes for the same input, whenever it is rendered', async () => {
    const first = await saleReceiptPdf(receipt(), 'fr');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await saleReceiptPdf(receipt(), 'fr');
    expect(second.equals(first)).toBe(true);
    expect(first.toString('latin1')).toContain('(D:20261125120000Z)');
    const other = await saleReceiptPdf(receipt({ issuedOn: '2026-11-26' }), 'fr');
    expect(other.equals(first)).toBe(false);
  });
});
