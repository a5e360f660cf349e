import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../../test/support/pdf.ts';
import type { DeviceType } from '../device-fields.ts';
import {
  type BatchSummaryData,
  type BatchSummaryDevice,
  batchTotals,
  erasureState,
  renderBatchSummary,
} from './batch-summary.ts';

const TYPES: DeviceType[] = ['laptop', 'laptop', 'desktop', 'monitor', 'tablet', 'smartphone', 'printer'];
const STATUSES = ['received', 'diagnosed', 'ready', 'handed_over', 'to_recycle'];

/** Devices of every kind: passed, failed, pending, without storage, without storage by nature. */
function devices(count: number): BatchSummaryDevice[] {
  return Array.from({ length: count }, (_, i) => {
    const type = TYPES[i % TYPES.length] ?? 'laptop';
    const holdsData = type !== 'monitor' && type !== 'printer';
    const certificateNumber = `EC-2026-${String(i + 1).padStart(6, '0')}`;
    let erasure: BatchSummaryDevice['erasure'] = null;
    let storageGb: number | null = holdsData ? 256 : null;
    if (holdsData && i % 10 === 4) storageGb = 0;
    else if (holdsData && i % 10 === 8) erasure = null;
    else if (holdsData) erasure = { result: i % 10 === 2 ? 'failed' : 'passed', certificateNumber };
    return {
      assetTag: `SV-2026-${String(i + 1).padStart(5, '0')}`,
      type,
      brand: i % 3 ? 'Lenovo' : 'Dell',
      model: i % 3 ? 'ThinkPad T14 Gen 2' : 'Latitude 5490',
      serialNumber: `PF2X${1000 + i}`,
      storageGb,
      status: STATUSES[i % STATUSES.length] ?? 'received',
      erasure,
    };
  });
}

const summary = (overrides: Partial<BatchSummaryData> = {}): BatchSummaryData => ({
  locale: 'fr',
  generatedAt: new Date('2026-11-25T13:30:00Z'),
  donation: {
    id: '0193a8f2-6c1e-7b3a-9d4e-2f5a6b7c8d9e',
    receivedOn: '2026-11-20',
    donorName: 'Mairie de Villeurbanne',
    refurbisherName: 'Atelier Numérique Solidaire',
    declaredCount: 40,
    note: 'Chargeurs fournis pour les portables.',
  },
  devices: devices(35),
  ...overrides,
});

describe('erasureState and batchTotals', () => {
  it('tells each device apart', () => {
    const base = { type: 'laptop' as DeviceType, storageGb: 256, erasure: null };
    expect(erasureState(base)).toBe('pending');
    expect(erasureState({ ...base, storageGb: null })).toBe('pending');
    expect(erasureState({ ...base, storageGb: 0 })).toBe('no_storage');
    expect(erasureState({ ...base, type: 'monitor', storageGb: null })).toBe('not_applicable');
    expect(erasureState({ ...base, erasure: { result: 'failed', certificateNumber: null } })).toBe('failed');
    expect(erasureState({ ...base, erasure: { result: 'passed', certificateNumber: 'EC-1' } })).toBe(
      'passed',
    );
  });

  it('adds up to the number received', () => {
    const totals = batchTotals(summary());
    expect(totals.received).toBe(35);
    expect(totals.declared).toBe(40);
    expect(totals.passed + totals.failed + totals.pending + totals.noStorage + totals.notApplicable).toBe(35);
    expect(totals.failed).toBeGreaterThan(0);
    expect(totals.pending).toBeGreaterThan(0);
    expect(totals.noStorage).toBeGreaterThan(0);
    expect(totals.notApplicable).toBeGreaterThan(0);
  });
});

describe('renderBatchSummary', () => {
  it('fits a 35-device donation on one page, with the donation, totals and every device', async () => {
    const data = summary();
    const totals = batchTotals(data);
    const { totalPages, text } = await readPdf(await renderBatchSummary(data));
    expect(totalPages).toBe(1);
    expect(text).toContain('Synthèse du lot — Don reçu le 20 novembre 2026');
    expect(text).toContain('Mairie de Villeurbanne');
    expect(text).toContain('Atelier Numérique Solidaire');
    expect(text).toContain('35 reçus pour 40 déclarés (écart : −5)');
    expect(text).toContain('Chargeurs fournis pour les portables.');
    expect(text).toContain(`${totals.passed} Effacements réussis`);
    expect(text).toContain(`${totals.failed} Effacements en échec`);
    expect(text).toContain(`${totals.pending} Effacements en attente`);
    expect(text).toContain(`${totals.noStorage} Sans support de stockage`);
    for (const device of data.devices) {
      expect(text).toContain(device.assetTag);
      if (device.erasure?.certificateNumber) expect(text).toContain(device.erasure.certificateNumber);
    }
    expect(text).toContain('Échec');
    expect(text).toContain('Aucun support reçu');
    expect(text).toContain('Sans objet');
    expect(text).toContain('Ordinateur portable');
    expect(text).toContain('À recycler');
    expect(text).toContain('Généré le 25 novembre 2026 à 14:30');
  });

  it('continues a large batch on further pages, totals on the first only', async () => {
    const data = summary({ devices: devices(90), locale: 'en' });
    const { totalPages, pages } = await readPdf(await renderBatchSummary(data));
    expect(totalPages).toBeGreaterThanOrEqual(2);
    expect(pages[0]).toContain('Erasures passed');
    expect(pages[0]).toContain('90 received, 40 declared (difference: +50)');
    for (const page of pages.slice(1)) {
      expect(page).not.toContain('Erasures passed');
      expect(page).toContain('Asset tag'); // the table header is repeated
    }
    const all = pages.join(' ');
    for (const device of data.devices) expect(all).toContain(device.assetTag);
    expect(all).toContain('Batch summary — Donation received on 20 November 2026');
    expect(all).toContain(`Page ${totalPages} / ${totalPages}`);
  });

  it('handles a donation without a declared count or devices', async () => {
    const data = summary({
      devices: [],
      donation: { ...summary().donation, declaredCount: null, donorName: null, note: null },
    });
    const { totalPages, text } = await readPdf(await renderBatchSummary(data));
    expect(totalPages).toBe(1);
    expect(text).toContain('0 reçus (nombre non déclaré)');
    expect(text).toContain('Aucun matériel enregistré pour ce don.');
  });

  it('keeps long models on one line', async () => {
    const [first] = devices(1);
    if (!first) throw new Error('no device');
    const long = {
      ...first,
      model: 'ThinkPad X1 Carbon Gen 9 (20XW-00ABFR) Intel Core i7-1165G7 16 Go 512 Go',
    };
    const { text } = await readPdf(await renderBatchSummary(summary({ devices: [long] })));
    expect(text).toContain('Dell ThinkPad X1 Carbon');
    expect(text).toContain('…');
  });
});
