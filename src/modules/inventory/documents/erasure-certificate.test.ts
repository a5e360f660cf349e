import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../../test/support/pdf.ts';
import {
  certificateOutcome,
  type ErasureCertificateData,
  type ErasureRecord,
  renderErasureCertificate,
  renderErasureCertificates,
} from './erasure-certificate.ts';

const HASH = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

const disk = (overrides: Partial<ErasureRecord> = {}): ErasureRecord => ({
  diskSerial: 'S4DXNX0M123456',
  diskModel: 'Samsung PM981 MZ-VLB256',
  storageType: 'nvme',
  capacityGb: 256,
  method: 'NVMe Format (User Data Erase)',
  level: 'purge',
  tool: 'nwipe',
  toolVersion: '0.35',
  passes: 1,
  verified: true,
  result: 'passed',
  operatorName: 'Camille Martin',
  startedAt: new Date('2026-11-24T09:02:00Z'),
  performedAt: new Date('2026-11-24T09:10:00Z'),
  ...overrides,
});

const certificate = (overrides: Partial<ErasureCertificateData> = {}): ErasureCertificateData => ({
  locale: 'fr',
  certificateNumber: 'EC-2026-000042',
  issuedAt: new Date('2026-11-25T13:30:00Z'),
  recordHash: HASH,
  verifyUrl: 'https://seconde-vie.example/verifier/EC-2026-000042',
  organisation: {
    name: 'Atelier Numérique Solidaire',
    siret: '44123456700010',
    postcode: '69007',
    city: 'Lyon',
  },
  donor: { name: 'Mairie de Villeurbanne' },
  device: {
    assetTag: 'SV-2026-00042',
    type: 'desktop',
    brand: 'Dell',
    model: 'OptiPlex 7080',
    serialNumber: 'CN0J8H4X',
    storageGb: 1512,
    status: 'ready',
  },
  erasures: [
    disk(),
    disk({
      diskSerial: 'WD-WCC4N1234567',
      diskModel: 'WD Blue WD10EZEX',
      storageType: 'hdd',
      capacityGb: 1000,
      method: 'Écrasement DoD 5220.22-M',
      level: 'clear',
      passes: 3,
      startedAt: new Date('2026-11-24T09:15:00Z'),
      performedAt: new Date('2026-11-24T13:40:00Z'),
    }),
    disk({
      diskSerial: 'ZA1234XY',
      diskModel: 'Crucial MX500',
      storageType: 'ssd',
      capacityGb: 256,
      method: 'ATA Secure Erase Enhanced',
      tool: 'hdparm',
      toolVersion: '9.65',
      verified: false,
      startedAt: null,
      performedAt: new Date('2026-11-24T14:00:00Z'),
    }),
  ],
  ...overrides,
});

describe('renderErasureCertificate', () => {
  it('puts a device with three disks on one page, with every field', async () => {
    const { totalPages, text } = await readPdf(await renderErasureCertificate(certificate()));
    expect(totalPages).toBe(1);
    expect(text).toContain('Certificat d’effacement des données');
    expect(text).toContain('Effacement certifié');
    for (const expected of [
      'EC-2026-000042',
      HASH,
      '25 novembre 2026 à 14:30',
      'Atelier Numérique Solidaire',
      '44123456700010',
      '69007 Lyon',
      'Camille Martin',
      'Mairie de Villeurbanne',
      'SV-2026-00042',
      'Ordinateur fixe',
      'OptiPlex 7080',
      'CN0J8H4X',
      'S/N S4DXNX0M123456',
      'S/N WD-WCC4N1234567',
      'S/N ZA1234XY',
      'SSD NVMe',
      '256 Go',
      '1 To',
      'Purge',
      'Clear',
      'Écrasement DoD 5220.22-M',
      'nwipe 0.35',
      'hdparm 9.65',
      '3 passes',
      '24/11/2026 10:02',
      'En stock (statut : Prêt)',
      'https://seconde-vie.example/verifier/EC-2026-000042',
      'R.122-4',
      'NIST SP 800-88',
      '« avec exceptions »',
      'Validateur',
      'Page 1 / 1',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(/ÉCHEC/);
  });

  it('marks a failed erasure as failed, never as certified', async () => {
    const data = certificate();
    data.erasures[1] = disk({ ...data.erasures[1], result: 'failed' });
    const { totalPages, text } = await readPdf(await renderErasureCertificate(data));
    expect(totalPages).toBe(1);
    expect(text).toContain('Rapport d’effacement des données');
    expect(text).toContain('ÉCHEC DE L’EFFACEMENT');
    expect(text).toContain('ne certifie pas');
    expect(text.match(/RÉUSSI/g)).toHaveLength(2);
    expect(text.match(/ÉCHEC/g)?.length).toBeGreaterThanOrEqual(2); // banner and the disk's row
    expect(text).not.toContain('Certificat d’effacement');
    expect(text).not.toContain('Effacement certifié');
  });

  it('says when the device arrived without storage', async () => {
    const data = certificate({
      donor: null,
      device: { ...certificate().device, type: 'laptop', storageGb: 0, status: 'handed_over' },
      erasures: [],
    });
    const { totalPages, text } = await readPdf(await renderErasureCertificate(data));
    expect(totalPages).toBe(1);
    expect(text).toContain('Aucun support de stockage reçu');
    expect(text).toContain('Aucun donateur enregistré');
    expect(text).toContain('Réemploi (statut : Remis)');
  });

  it('does not certify a device with storage and no erasure', async () => {
    const data = certificate({ erasures: [] });
    const { text } = await readPdf(await renderErasureCertificate(data));
    expect(text).toContain('Aucun effacement enregistré');
    expect(text).toContain('Rapport d’effacement des données');
    expect(text).not.toContain('Aucun support de stockage reçu');
  });

  it('writes English with English dates', async () => {
    const data = certificate({ locale: 'en' });
    data.erasures[2] = disk({ ...data.erasures[2], result: 'failed' });
    const { totalPages, text } = await readPdf(await renderErasureCertificate(data));
    expect(totalPages).toBe(1);
    expect(text).toContain('Data erasure report');
    expect(text).toContain('ERASURE FAILED');
    expect(text).toContain('25 November 2026 at 14:30');
    expect(text).toContain('Desktop computer');
    expect(text).toContain('In stock (status: Ready)');
    expect(text).toContain('Consumer Code');
    expect(text).toContain('“with exceptions”');
    expect(text).toContain('counts as failed');
    expect(text).not.toContain('No storage medium received');
    expect(text).not.toContain('Aucun');
  });

  it('keeps going on a second page for a device with many disks, signatures included', async () => {
    const erasures = Array.from({ length: 24 }, (_, i) =>
      disk({
        diskSerial: `DISK-${String(i + 1).padStart(2, '0')}`,
        operatorName: i % 2 ? 'Lou Bernard' : 'Camille Martin',
      }),
    );
    const { totalPages, text } = await readPdf(await renderErasureCertificate(certificate({ erasures })));
    expect(totalPages).toBeGreaterThanOrEqual(2);
    for (const e of erasures) expect(text).toContain(`S/N ${e.diskSerial}`);
    expect(text).toContain('Validateur');
    expect(text).toContain('Opérateurs par support');
    expect(text).toContain(`Page ${totalPages} / ${totalPages}`);
  });
});

describe('renderErasureCertificates', () => {
  it('prints one page per device', async () => {
    const numbers = ['EC-2026-000042', 'EC-2026-000043', 'EC-2026-000044'];
    const buffer = await renderErasureCertificates(
      numbers.map((certificateNumber, i) =>
        certificate({
          certificateNumber,
          device: { ...certificate().device, assetTag: `SV-2026-0004${i + 2}` },
        }),
      ),
    );
    const { totalPages, pages } = await readPdf(buffer);
    expect(totalPages).toBe(3);
    numbers.forEach((number, i) => {
      expect(pages[i]).toContain(number);
      expect(pages[i]).toContain(`SV-2026-0004${i + 2}`);
    });
  });

  it('refuses an empty list', async () => {
    await expect(renderErasureCertificates([])).rejects.toThrow(RangeError);
  });
});

describe('certificateOutcome', () => {
  const device = certificate().device;

  it("takes each disk's latest erasure: a passed re-run after a failure certifies", () => {
    const failed = disk({ result: 'failed', performedAt: new Date('2026-11-24T09:10:00Z') });
    const rerun = disk({ result: 'passed', performedAt: new Date('2026-11-24T11:00:00Z') });
    expect(certificateOutcome({ device, erasures: [failed, rerun] })).toBe('passed');
    expect(certificateOutcome({ device, erasures: [rerun, failed] })).toBe('passed');
    expect(certificateOutcome({ device, erasures: [failed] })).toBe('failed');
  });

  it('needs every disk passed', () => {
    expect(
      certificateOutcome({ device, erasures: [disk(), disk({ diskSerial: 'B', result: 'failed' })] }),
    ).toBe('failed');
  });

  it('tells no storage from nothing recorded', () => {
    expect(certificateOutcome({ device: { ...device, storageGb: 0 }, erasures: [] })).toBe('no_storage');
    expect(certificateOutcome({ device: { ...device, storageGb: null }, erasures: [] })).toBe('none');
  });
});
