import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../../test/support/pdf.ts';
import { type InformationNoticeInput, informationNoticePdf } from './information-notice.ts';

const notice = (overrides: Partial<InformationNoticeInput> = {}): InformationNoticeInput => ({
  organisation: {
    name: 'CCAS de Villeurbanne',
    postcode: '69100',
    city: 'Villeurbanne',
    email: 'ccas@mairie-villeurbanne.fr',
    phone: '04 78 03 67 67',
  },
  dpoContact: 'dpo@mairie-villeurbanne.fr',
  retentionMonths: 24,
  programmeNames: ['Un ordinateur pour l’emploi', 'Pass numérique seniors'],
  generatedOn: '2026-11-25',
  ...overrides,
});

describe('informationNoticePdf', () => {
  it('tells in French who keeps the data, why, for how long and how to complain, on one or two pages', async () => {
    const { totalPages, text } = await readPdf(await informationNoticePdf(notice(), 'fr'));
    expect(totalPages).toBeLessThanOrEqual(2);
    for (const expected of [
      'Vos données personnelles',
      'CCAS de Villeurbanne est responsable de vos données',
      '69100 Villeurbanne',
      'ccas@mairie-villeurbanne.fr',
      '04 78 03 67 67',
      'Délégué à la protection des données : dpo@mairie-villeurbanne.fr',
      'Un ordinateur pour l’emploi',
      'Pass numérique seniors',
      'retirer à tout moment',
      'statistiques anonymes',
      'numéro de sécurité sociale',
      'seulement votre nom',
      'seulement des chiffres anonymes',
      '24 mois (2 ans) après notre dernier contact',
      'délibération n° 2023-095',
      'corriger',
      'effacer',
      'une copie',
      'retirer votre accord',
      'CNIL',
      'www.cnil.fr',
      '3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07',
      'Remis le',
      'Signature',
      '25 novembre 2026',
      `Page ${totalPages} / ${totalPages}`,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(/undefined|null|\{\w+\}/);
  });

  it('is written in English when asked', async () => {
    const { totalPages, text } = await readPdf(await informationNoticePdf(notice(), 'en'));
    expect(totalPages).toBeLessThanOrEqual(2);
    for (const expected of [
      'Your personal data',
      'Who keeps your data?',
      'CCAS de Villeurbanne is responsible for your data',
      '24 months (2 years) after our last contact',
      'CNIL',
      'www.cnil.fr',
      '75334 Paris Cedex 07',
      'Handed on',
      '25 November 2026',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Vos droits');
  });

  it('sends the person to the one helping them when the organisation gave no contact', async () => {
    const { totalPages, text } = await readPdf(
      await informationNoticePdf(
        notice({
          organisation: { name: 'Atelier Numérique Solidaire' },
          dpoContact: null,
          programmeNames: [],
        }),
        'fr',
      ),
    );
    expect(totalPages).toBeLessThanOrEqual(2);
    expect(text).toContain('Atelier Numérique Solidaire est responsable de vos données');
    expect(text).toContain('adressez-vous à la personne qui vous accompagne');
    expect(text).not.toContain('E-mail :');
    expect(text).not.toContain('Délégué');
    expect(text).not.toContain('Commune :');
    expect(text).not.toContain('programmes qui peuvent vous être proposés');
  });

  it('gives the retention in months and years, citing the CNIL rule only when the period respects it', async () => {
    const read = async (retentionMonths: number) =>
      (await readPdf(await informationNoticePdf(notice({ retentionMonths }), 'fr'))).text;
    const twelve = await read(12);
    expect(twelve).toContain('12 mois (1 an)');
    expect(twelve).toContain('2023-095');
    expect(await read(18)).toContain('vos données 18 mois après');
    const thirtySix = await read(36);
    expect(thirtySix).toContain('36 mois (3 ans)');
    expect(thirtySix).not.toContain('2023-095');
    expect(thirtySix).toContain('www.cnil.fr');
  });

  it('lists every programme, however many', async () => {
    const programmeNames = Array.from({ length: 30 }, (_, i) => `Programme d’accompagnement n° ${i + 1}`);
    const { text } = await readPdf(await informationNoticePdf(notice({ programmeNames }), 'fr'));
    for (const name of programmeNames) expect(text).toContain(`${name} `);
    expect(text).toContain('Remis le');
  });
});
