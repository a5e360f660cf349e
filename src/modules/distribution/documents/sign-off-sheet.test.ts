import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../../test/support/pdf.ts';
import { signOffSheetPdf } from './sign-off-sheet.ts';
import type { SignOffSheetInput, SignOffSheetRow } from './types.ts';

const sheet = (overrides: Partial<SignOffSheetInput> = {}): SignOffSheetInput => ({
  issuer: { name: 'Atelier Numérique Solidaire', siret: '44123456700010', postcode: '69007', city: 'Lyon' },
  programmeName: 'Un ordinateur pour l’emploi',
  mode: 'sale',
  event: {
    heldOn: '2026-12-12',
    place: 'Maison des associations, 28 rue Denfert-Rochereau, Lyon',
    title: 'Remise de décembre',
  },
  rows: [
    {
      name: 'Samira Benali',
      device: { assetTag: 'SV-2026-00042', type: 'laptop', brand: 'Lenovo', model: 'ThinkPad T480' },
      amountCents: 4_200,
    },
    {
      name: 'Association Le Lien',
      device: { assetTag: 'SV-2026-00017', type: 'desktop', brand: 'Dell', model: null },
      amountCents: null,
    },
  ],
  generatedOn: '2026-12-01',
  ...overrides,
});

const PEOPLE = ['Samira Benali', 'Lucas Moreau', 'Jeanne Dupuis', 'Karim Haddad', 'Association Le Lien'];
const many = (count: number): SignOffSheetRow[] =>
  Array.from({ length: count }, (_, i) => ({
    name: `${PEOPLE[i % PEOPLE.length]} ${i + 1}`,
    device: {
      assetTag: `SV-2026-${String(i + 1).padStart(5, '0')}`,
      type: i % 3 === 0 ? 'desktop' : 'laptop',
      brand: 'HP',
      model: i % 2 === 0 ? 'EliteBook 840 G5' : null,
    },
    amountCents: 3_000 + (i % 5) * 500,
  }));

const count = (text: string, part: string) => text.split(part).length - 1;

describe('signOffSheetPdf', () => {
  it('names the issuer, the programme, the day and place, and each handover with its device and amount', async () => {
    const { totalPages, text } = await readPdf(await signOffSheetPdf(sheet(), 'fr'));
    expect(totalPages).toBe(1);
    for (const expected of [
      'Atelier Numérique Solidaire',
      'SIRET 44123456700010',
      'Feuille d’émargement',
      'Remise de décembre',
      'Un ordinateur pour l’emploi',
      '12 décembre 2026',
      'Maison des associations, 28 rue Denfert-Rochereau, Lyon',
      'vente solidaire',
      'Nombre de remises 2',
      'N° Bénéficiaire Appareil À payer Signature',
      '1 Samira Benali SV-2026-00042 Ordinateur portable — Lenovo ThinkPad T480 42,00 €',
      '2 Association Le Lien SV-2026-00017 Ordinateur fixe — Dell —',
      'Remis par :',
      'Nom et qualité',
      'Signature :',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(/undefined|null|NaN|\{\w+\}/);
  });

  it('prints no amount outside a sale', async () => {
    const { text } = await readPdf(await signOffSheetPdf(sheet({ mode: 'donation' }), 'fr'));
    expect(text).toContain('don');
    expect(text).toContain('Ordinateur portable — Lenovo ThinkPad T480 —');
    expect(text).not.toContain('42,00');
  });

  it('leaves the place to be written by hand when it is not known', async () => {
    const { text } = await readPdf(
      await signOffSheetPdf(sheet({ event: { heldOn: '2026-12-12', place: null } }), 'fr'),
    );
    expect(text).toContain('Lieu ____');
    expect(text).not.toContain('Remise de décembre');
  });

  it('runs over several pages, the header repeated, no row split, the last row and the footer present', async () => {
    const rows = many(60);
    const { totalPages, pages, text } = await readPdf(await signOffSheetPdf(sheet({ rows }), 'fr'));
    expect(totalPages).toBeGreaterThan(2);
    for (const page of pages) {
      expect(page).toContain('N° Bénéficiaire Appareil À payer Signature');
      expect(page).toContain('Feuille d’émargement du 12 décembre 2026');
    }
    for (const [i, row] of rows.entries()) {
      // The number, the name and the asset tag of a row read together: the row is on one page.
      expect(count(text, `${i + 1} ${row.name} ${row.device.assetTag}`), row.name).toBe(1);
    }
    const last = rows.at(-1) as SignOffSheetRow;
    expect(pages.at(-1)).toContain(`60 ${last.name} ${last.device.assetTag}`);
    expect(pages.at(-1)).toContain('Remis par :');
    expect(text).toContain(`Page ${totalPages} / ${totalPages}`);
  });

  it('says when no handover is planned', async () => {
    const { totalPages, text } = await readPdf(await signOffSheetPdf(sheet({ rows: [] }), 'fr'));
    expect(totalPages).toBe(1);
    expect(text).toContain('Aucune remise prévue.');
    expect(text).toContain('Nombre de remises 0');
    expect(text).not.toContain('Bénéficiaire');
  });

  it('is written in English when asked', async () => {
    const { text } = await readPdf(await signOffSheetPdf(sheet(), 'en'));
    for (const expected of [
      'Sign-off sheet',
      '12 December 2026',
      'solidarity sale',
      'No. Recipient Device To pay Signature',
      '1 Samira Benali SV-2026-00042 Laptop — Lenovo ThinkPad T480 €42.00',
      'Handed over by:',
      'Name and position',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(/Ordinateur|Feuille|Remis par/);
    const { text: empty } = await readPdf(await signOffSheetPdf(sheet({ rows: [] }), 'en'));
    expect(empty).toContain('No handover planned.');
  });

  it('gives the same bytes for the same input', async () => {
    const input = sheet({ rows: many(60) });
    const first = await signOffSheetPdf(input, 'fr');
    expect((await signOffSheetPdf(input, 'fr')).equals(first)).toBe(true);
    expect(first.toString('latin1')).toContain('D:20261201120000Z');
  });

  it('refuses a creation date that is not a day', async () => {
    await expect(signOffSheetPdf(sheet({ generatedOn: '1 Dec 2026' }), 'fr')).rejects.toThrow(RangeError);
  });
});
