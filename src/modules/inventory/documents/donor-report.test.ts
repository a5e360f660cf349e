import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../../test/support/pdf.ts';
import { IMPACT_METHOD, sumImpact } from '../../../lib/impact.ts';
import { formatNumber } from '../../../lib/pdf.ts';
import {
  type DonorReportData,
  type DonorReportDevice,
  donorReportSummary,
  renderDonorReportCsv,
  renderDonorReportPdf,
} from './donor-report.ts';

const SENTINEL = 'SENTINEL-Jeanne-Dupont';

const devices: DonorReportDevice[] = [
  {
    assetTag: 'SV-2026-00100',
    type: 'laptop',
    status: 'handed_over',
    weightKg: 2.1,
    erasure: { result: 'passed', certificateNumber: 'EC-2026-000100' },
    fate: { kind: 'reused', programmeName: 'Un ordinateur pour chaque collégien', mode: 'loan' },
  },
  {
    assetTag: 'SV-2026-00101',
    type: 'desktop',
    status: 'handed_over',
    weightKg: null,
    erasure: { result: 'passed', certificateNumber: 'EC-2026-000101' },
    fate: { kind: 'reused', programmeName: 'Boutique solidaire', mode: 'sale' },
  },
  {
    assetTag: 'SV-2026-00102',
    type: 'monitor',
    status: 'handed_over',
    weightKg: null,
    erasure: null,
    fate: { kind: 'reused', programmeName: 'Emmaüs Connect', mode: 'donation' },
  },
  {
    assetTag: 'SV-2026-00103',
    type: 'laptop',
    status: 'recycled',
    weightKg: 2.5,
    erasure: { result: 'failed', certificateNumber: 'EC-2026-000103' },
    fate: { kind: 'recycled' },
  },
  {
    assetTag: 'SV-2026-00104',
    type: 'tablet',
    status: 'ready',
    weightKg: null,
    erasure: { result: 'passed', certificateNumber: 'EC-2026-000104' },
    fate: { kind: 'in_stock' },
  },
  {
    assetTag: 'SV-2026-00105',
    type: 'smartphone',
    status: 'lost',
    weightKg: null,
    erasure: null,
    fate: { kind: 'lost' },
  },
];

const report = (overrides: Partial<DonorReportData> = {}): DonorReportData => ({
  locale: 'fr',
  generatedAt: new Date('2026-11-25T13:30:00Z'),
  donation: {
    id: '0193a8f2-6c1e-7b3a-9d4e-2f5a6b7c8d9e',
    receivedOn: '2026-03-12',
    donorName: 'Crédit Coopératif — agence de Lyon',
    refurbisherName: 'Atelier Numérique Solidaire',
    declaredCount: 7,
    note: 'Chargeurs fournis.',
  },
  devices,
  ...overrides,
});

/** The same report with people's data smuggled in where the type has no room for it. */
function withSmuggledPeople(data: DonorReportData): DonorReportData {
  return {
    ...data,
    donation: { ...data.donation, contactEmail: `${SENTINEL}@example.org` } as DonorReportData['donation'],
    devices: data.devices.map(
      (d) =>
        ({
          ...d,
          recipientName: SENTINEL,
          operatorName: SENTINEL,
          fate: { ...d.fate, beneficiary: SENTINEL } as unknown as DonorReportDevice['fate'],
        }) as DonorReportDevice,
    ),
  };
}

describe('donorReportSummary', () => {
  it('counts fates and the impact of the reused devices only', () => {
    const summary = donorReportSummary(devices);
    expect(summary).toMatchObject({ received: 6, reused: 3, recycled: 1, inStock: 1, lost: 1 });
    expect(summary.impact).toEqual(
      sumImpact([{ type: 'laptop', weightKg: 2.1 }, { type: 'desktop' }, { type: 'monitor' }]),
    );
    // 91.15 + 130.95 + 32.95 kg CO2e; 2.1 + 6.69 + 5.23 kg
    expect(summary.impact).toEqual({ co2eAvoidedKg: 255.1, weeeAvoidedKg: 14 });
  });

  it('is zero for an empty donation', () => {
    expect(donorReportSummary([])).toEqual({
      received: 0,
      reused: 0,
      recycled: 0,
      inStock: 0,
      lost: 0,
      impact: { co2eAvoidedKg: 0, weeeAvoidedKg: 0 },
    });
  });
});

describe('renderDonorReportPdf', () => {
  it('traces every device and thanks the donor with the impact and its method', async () => {
    const { totalPages, text } = await readPdf(await renderDonorReportPdf(report()));
    expect(totalPages).toBe(1);
    for (const expected of [
      'Rapport de traçabilité de votre don',
      'Don reçu le 12 mars 2026 par Atelier Numérique Solidaire',
      'Crédit Coopératif — agence de Lyon',
      'Chargeurs fournis.',
      'Merci pour votre don !',
      '6 Reçus',
      '3 Réemployés',
      '1 Recyclés',
      '1 En stock',
      '1 Perdus',
      `${formatNumber(255.1, 'fr')} kg CO₂e évité grâce au réemploi`,
      '14 kg Déchets électroniques (DEEE) évités',
      'Réemployé : Un ordinateur pour chaque collégien (prêt)',
      'Réemployé : Boutique solidaire (vente)',
      'Réemployé : Emmaüs Connect (don)',
      'Recyclé',
      'En stock',
      'Perdu',
      'Échec',
      'Ordinateur portable',
      'Remis',
      'aucune donnée sur les personnes',
      'document généré le 25 novembre 2026 à 14:30',
      'Page 1 / 1',
    ]) {
      expect(text).toContain(expected);
    }
    for (const device of devices) expect(text).toContain(device.assetTag);
    for (const number of ['EC-2026-000100', 'EC-2026-000101', 'EC-2026-000103', 'EC-2026-000104']) {
      expect(text).toContain(number);
    }
    expect(text).toContain(IMPACT_METHOD.fr.replace(/\s+/g, ' ').slice(0, 60));
  });

  it('writes English', async () => {
    const { text } = await readPdf(await renderDonorReportPdf(report({ locale: 'en' })));
    expect(text).toContain('Traceability report for your donation');
    expect(text).toContain('Donation received on 12 March 2026');
    expect(text).toContain('Reused: Boutique solidaire (sale)');
    expect(text).toContain('255.1 kg CO₂e avoided through reuse');
    expect(text).toContain('Handed over');
    expect(text).toContain('Fixometer');
    expect(text).not.toContain('Réemployé');
  });

  it('continues a large donation on further pages', async () => {
    const many = Array.from({ length: 80 }, (_, i) => ({
      ...devices[i % devices.length],
      assetTag: `SV-2026-${String(1000 + i).padStart(5, '0')}`,
    })) as DonorReportDevice[];
    const { totalPages, text } = await readPdf(await renderDonorReportPdf(report({ devices: many })));
    expect(totalPages).toBeGreaterThan(1);
    for (const device of many) expect(text).toContain(device.assetTag);
    expect(text).toContain(`Page ${totalPages} / ${totalPages}`);
  });

  it('never shows data about people, even when a caller passes some', async () => {
    const { text } = await readPdf(await renderDonorReportPdf(withSmuggledPeople(report())));
    expect(text).not.toContain('SENTINEL');
  });
});

describe('renderDonorReportCsv', () => {
  const FR_HEADER = [
    'N° d’inventaire',
    'Type',
    'Statut',
    'Effacement',
    'N° de certificat',
    'Devenir',
    'Programme',
    'Mode de remise',
  ];

  it('is UTF-8 with a BOM, semicolons and CRLF, a French header and one row per device', () => {
    const csv = renderDonorReportCsv(report());
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(FR_HEADER.join(';'));
    const rows: string[][] = parse(csv, { bom: true, delimiter: ';' });
    expect(rows[0]).toEqual(FR_HEADER);
    expect(rows).toHaveLength(1 + devices.length);
    expect(rows[1]).toEqual([
      'SV-2026-00100',
      'Ordinateur portable',
      'Remis',
      'Réussi',
      'EC-2026-000100',
      'Réemployé',
      'Un ordinateur pour chaque collégien',
      'Prêt',
    ]);
    expect(rows[3]).toEqual([
      'SV-2026-00102',
      'Écran',
      'Remis',
      '',
      '',
      'Réemployé',
      'Emmaüs Connect',
      'Don',
    ]);
    expect(rows[4]).toEqual([
      'SV-2026-00103',
      'Ordinateur portable',
      'Recyclé',
      'Échec',
      'EC-2026-000103',
      'Recyclé',
      '',
      '',
    ]);
    expect(rows[6]).toEqual(['SV-2026-00105', 'Smartphone', 'Perdu', '', '', 'Perdu', '', '']);
  });

  it('has exactly the expected columns in English', () => {
    const rows: string[][] = parse(renderDonorReportCsv(report({ locale: 'en' })), {
      bom: true,
      delimiter: ';',
    });
    expect(rows[0]).toEqual([
      'Asset tag',
      'Type',
      'Status',
      'Erasure',
      'Certificate no.',
      'Fate',
      'Programme',
      'Handover mode',
    ]);
    expect(rows[2]).toEqual([
      'SV-2026-00101',
      'Desktop computer',
      'Handed over',
      'Passed',
      'EC-2026-000101',
      'Reused',
      'Boutique solidaire',
      'Sale',
    ]);
  });

  it('never holds data about people, even when a caller passes some', () => {
    const csv = renderDonorReportCsv(withSmuggledPeople(report()));
    expect(csv).not.toContain('SENTINEL');
    const rows: string[][] = parse(csv, { bom: true, delimiter: ';' });
    expect(rows[0]).toEqual(FR_HEADER);
    for (const row of rows) expect(row).toHaveLength(FR_HEADER.length);
  });

  it('quotes separators and defuses spreadsheet formulas', () => {
    const tricky: DonorReportDevice = {
      assetTag: 'SV-2026-00200',
      type: 'laptop',
      status: 'handed_over',
      weightKg: null,
      erasure: null,
      fate: { kind: 'reused', programmeName: '=HYPERLINK("http://x";"clic"); "prêt"', mode: 'loan' },
    };
    const csv = renderDonorReportCsv(report({ devices: [tricky] }));
    const rows: string[][] = parse(csv, { bom: true, delimiter: ';' });
    expect(rows[1]?.[6]).toBe('\'=HYPERLINK("http://x";"clic"); "prêt"');
  });
});
