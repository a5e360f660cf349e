import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../../test/support/pdf.ts';
import { formatDay } from '../../../lib/pdf.ts';
import { subsidyStatementPdf, subsidyTotals } from './subsidy-statement.ts';
import type { SubsidyStatementInput, SubsidyStatementLine } from './types.ts';

const statement = (overrides: Partial<SubsidyStatementInput> = {}): SubsidyStatementInput => ({
  number: 'EA-2026-000004',
  issuedOn: '2026-12-31',
  issuer: { name: 'Atelier Numérique Solidaire', siret: '44123456700010', postcode: '69007', city: 'Lyon' },
  programmeName: 'Un ordinateur pour l’emploi',
  funder: { name: 'Métropole de Lyon', siret: '20004697700019', postcode: '69003', city: 'Lyon' },
  period: { from: '2026-10-01', to: '2026-12-31' },
  lines: [
    { handedOverOn: '2026-11-24', assetTag: 'SV-2026-00042', deviceType: 'laptop', amountCents: 8_800 },
    { handedOverOn: '2026-10-03', assetTag: 'SV-2026-00017', deviceType: 'desktop', amountCents: 6_000 },
  ],
  ...overrides,
});

// What the service knows about each handover: the people are there, and must not reach the funder.
const PEOPLE = ['Samira Benali', 'Lucas Moreau', 'Jeanne Dupuis', 'Karim Haddad'];
const handovers = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    personName: PEOPLE[i % PEOPLE.length] as string,
    handedOverOn: `2026-${String(10 + Math.floor(i / 100)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    assetTag: `SV-2026-${String(i + 1).padStart(5, '0')}`,
    deviceType: (i % 3 === 0 ? 'desktop' : 'laptop') as SubsidyStatementLine['deviceType'],
    amountCents: 5_000 + (i % 7) * 1_234,
  }));

describe('subsidyStatementPdf', () => {
  it('lists the devices in the order of the handovers with the count and the total, to attach to the invoice', async () => {
    const { totalPages, text } = await readPdf(await subsidyStatementPdf(statement(), 'fr'));
    expect(totalPages).toBe(1);
    for (const expected of [
      'Atelier Numérique Solidaire',
      'État des aides',
      'N° EA-2026-000004',
      'Établi le 31 décembre 2026',
      'Financeur',
      'Métropole de Lyon',
      'SIRET 20004697700019',
      'du 1 octobre 2026 au 31 décembre 2026',
      '1 3 octobre 2026 SV-2026-00017 Ordinateur fixe 60,00 €',
      '2 24 novembre 2026 SV-2026-00042 Ordinateur portable 88,00 €',
      'Total des aides 2 appareils 148,00 €',
      'Nombre d’appareils 2',
      'À joindre à la facture de Atelier Numérique Solidaire (SIRET 44123456700010).',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(/undefined|null|NaN|\{\w+\}/);
  });

  it('breaks a long statement across pages, header repeated, total computed from the lines and no person named', async () => {
    const source = handovers(300);
    const lines: SubsidyStatementLine[] = source.map(({ personName: _, ...line }) => line);
    const { totalPages, pages, text } = await readPdf(await subsidyStatementPdf(statement({ lines }), 'fr'));
    expect(totalPages).toBeGreaterThan(3);
    for (const page of pages) expect(page).toContain('N° d’inventaire');
    for (const person of PEOPLE) expect(text).not.toContain(person);
    const totalCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
    const total = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })
      .format(totalCents / 100)
      .replace(/\s/g, ' ');
    expect(text).toContain(`Total des aides 300 appareils ${total}`);
    expect(text).toContain('Nombre d’appareils 300');
    const last = [...lines]
      .sort((a, b) => a.handedOverOn.localeCompare(b.handedOverOn) || a.assetTag.localeCompare(b.assetTag))
      .at(-1) as SubsidyStatementLine;
    expect(pages.at(-1)).toContain(`300 ${formatDay(last.handedOverOn, 'fr')} ${last.assetTag}`);
    for (const line of lines) expect(text).toContain(line.assetTag);
    expect(text).toContain(`Page ${totalPages} / ${totalPages}`);
  });

  it('says when there is nothing for the period, and omits a SIRET it does not have', async () => {
    const { text } = await readPdf(
      await subsidyStatementPdf(
        statement({ lines: [], issuer: { name: 'Atelier Numérique Solidaire' } }),
        'fr',
      ),
    );
    expect(text).toContain('Aucun appareil remis avec cette aide sur la période.');
    expect(text).toContain('Nombre d’appareils 0');
    expect(text).toContain('Total des aides 0,00 €');
    expect(text).toContain('À joindre à la facture de Atelier Numérique Solidaire.');
    expect(text).not.toContain('SIRET 4412');
  });

  it('is written in English when asked', async () => {
    const { text } = await readPdf(await subsidyStatementPdf(statement(), 'en'));
    for (const expected of [
      'Subsidy statement',
      'from 1 October 2026 to 31 December 2026',
      'Asset tag',
      'Desktop computer',
      '€88.00',
      'Total subsidies 2 devices €148.00',
      'To be attached to the invoice from Atelier Numérique Solidaire (SIRET 44123456700010).',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Ordinateur');
  });

  it('gives the same bytes for the same input', async () => {
    const input = statement({ lines: handovers(120).map(({ personName: _, ...line }) => line) });
    const first = await subsidyStatementPdf(input, 'fr');
    expect((await subsidyStatementPdf(input, 'fr')).equals(first)).toBe(true);
  });
});

describe('subsidyTotals', () => {
  it('counts the lines and sums their amounts', () => {
    expect(subsidyTotals([])).toEqual({ count: 0, totalCents: 0 });
    expect(subsidyTotals(statement().lines)).toEqual({ count: 2, totalCents: 14_800 });
  });
});
