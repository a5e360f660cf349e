import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/app.ts';
import { readPdf } from '../../../test/support/pdf.ts';

let t: TestApp;
let tech: ApiClient;
let donorClient: ApiClient;
let donationId: string;
let techName: string;

beforeAll(async () => {
  t = await startTestApp();
  const refurbisher = await t.buildOrganisation({ kinds: ['refurbisher'], name: 'Atelier Reboot' });
  const donor = await t.buildOrganisation({ kinds: ['donor'], name: 'Mairie de Saint-Aubin' });
  const member = await t.member(refurbisher.id, 'technician');
  tech = member.client;
  techName = member.user.name;
  donorClient = (await t.member(donor.id, 'viewer')).client;
  donationId = (
    await tech.post('/donations', {
      donorOrganisationId: donor.id,
      refurbisherOrganisationId: refurbisher.id,
      declaredCount: 3,
    })
  ).json().id;
});
afterAll(() => t.close());

async function wipedDevice(serial: string) {
  const device = (
    await tech.post('/devices', {
      type: 'laptop',
      brand: 'Dell',
      model: 'Latitude 5490',
      serialNumber: serial,
      donationId,
      ramGb: 8,
      storageGb: 256,
      storageType: 'ssd',
    })
  ).json();
  const erasure = await tech.post(`/devices/${device.id}/erasures`, {
    method: 'NIST 800-88 purge',
    level: 'purge',
    tool: 'nwipe',
    toolVersion: '0.36',
    verified: true,
    result: 'passed',
    diskSerial: `D-${serial}`,
  });
  return { ...device, certificateNumber: erasure.json().certificateNumber };
}

describe('documents', () => {
  it('produces the erasure certificate with the asset tag, the certificate number and the donor', async () => {
    const device = await wipedDevice('CERT-1');
    const res = await tech.get(`/devices/${device.id}/erasure-certificate.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text, totalPages: pages } = await readPdf(res.rawPayload);
    expect(pages).toBe(1);
    expect(text).toContain(device.assetTag);
    expect(text).toContain(device.certificateNumber);
    expect(text).toContain('Mairie de Saint-Aubin');
    expect(text).toContain('D-CERT-1');
  });

  it('numbers certificates per organisation and year without gaps', async () => {
    const a = await wipedDevice('SEQ-1');
    const b = await wipedDevice('SEQ-2');
    const n = (c: string) => Number(c.split('-').pop());
    expect(n(b.certificateNumber)).toBe(n(a.certificateNumber) + 1);
  });

  it('refuses a certificate for a device with storage and no erasure yet', async () => {
    const device = (await tech.post('/devices', { type: 'laptop', donationId })).json();
    expect((await tech.get(`/devices/${device.id}/erasure-certificate.pdf`)).statusCode).toBe(409);
  });

  it('certifies "no storage medium received" for a device that came without its disk', async () => {
    const device = (await tech.post('/devices', { type: 'laptop', storageGb: 0, donationId })).json();
    const res = await tech.get(`/devices/${device.id}/erasure-certificate.pdf`);
    expect(res.statusCode).toBe(200);
    expect((await readPdf(res.rawPayload)).text).toContain('Aucun support de stockage reçu');
  });

  it('prints QR-code labels on A4 sheets and on a roll', async () => {
    const a = await wipedDevice('LBL-1');
    const b = await wipedDevice('LBL-2');
    const sheet = await tech.get(`/devices/labels.pdf?ids=${a.id},${b.id}`);
    expect(sheet.statusCode).toBe(200);
    const sheetPdf = await readPdf(sheet.rawPayload);
    expect(sheetPdf.totalPages).toBe(1);
    expect(sheetPdf.text).toContain(a.assetTag);
    expect(sheetPdf.text).toContain(b.assetTag);
    const roll = await tech.get(`/devices/labels.pdf?ids=${a.id},${b.id}&layout=roll-62mm`);
    expect((await readPdf(roll.rawPayload)).totalPages).toBe(2);
  });

  it('prints labels for devices sent in the body (for long selections)', async () => {
    const a = await wipedDevice('LBL-POST-1');
    const res = await tech.post('/devices/labels.pdf', { ids: [a.id], layout: 'roll-62mm' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect((await readPdf(res.rawPayload)).text).toContain(a.assetTag);
  });

  it('answers 404 when one of the labelled devices is not visible', async () => {
    const a = await wipedDevice('LBL-3');
    const other = (await t.member((await t.buildOrganisation()).id, 'technician')).client;
    expect((await other.get(`/devices/labels.pdf?ids=${a.id}`)).statusCode).toBe(404);
  });

  it('summarises the donation on one page', async () => {
    const res = await donorClient.get(`/donations/${donationId}/summary.pdf`);
    expect(res.statusCode).toBe(200);
    const { text } = await readPdf(res.rawPayload);
    expect(text).toContain('Mairie de Saint-Aubin');
  });
});

describe('GET /reports/donations/{id}', () => {
  it('lists every device of the donation with its erasure, for the donor', async () => {
    const device = await wipedDevice('RPT-1');
    const res = await donorClient.get(`/reports/donations/${donationId}`);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.donation).toMatchObject({
      id: donationId,
      donorName: 'Mairie de Saint-Aubin',
      refurbisherName: 'Atelier Reboot',
    });
    const line = report.devices.find((d: { id: string }) => d.id === device.id);
    expect(line).toEqual({
      id: device.id,
      assetTag: device.assetTag,
      type: 'laptop',
      status: 'received',
      weightKg: null,
      erasure: { result: 'passed', certificateNumber: device.certificateNumber },
      fate: null,
    });
    expect(report.summary.received).toBe(report.devices.length);
    expect(
      report.summary.reused + report.summary.recycled + report.summary.inStock + report.summary.lost,
    ).toBe(report.summary.received);
  });

  it('names no person: not the technician who wiped the disks, nor anyone else', async () => {
    for (const suffix of ['', '.pdf', '.csv']) {
      const res = await donorClient.get(`/reports/donations/${donationId}${suffix}`);
      expect(res.statusCode).toBe(200);
      const text = suffix === '.pdf' ? (await readPdf(res.rawPayload)).text : res.body;
      expect(text).not.toContain(techName);
    }
  });

  it('is invisible to organisations outside the donation', async () => {
    const other = (await t.member((await t.buildOrganisation()).id, 'admin')).client;
    for (const suffix of ['', '.pdf', '.csv']) {
      expect((await other.get(`/reports/donations/${donationId}${suffix}`)).statusCode).toBe(404);
    }
  });
});
