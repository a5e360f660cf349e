import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/app.ts';

let t: TestApp;
let tech: ApiClient;
let org: { id: string };

beforeAll(async () => {
  t = await startTestApp();
  org = await t.buildOrganisation({ kinds: ['refurbisher'], siret: '44123456700010' });
  tech = (await t.member(org.id, 'technician')).client;
});
afterAll(() => t.close());

async function deviceToRecycle(body: Record<string, unknown>) {
  const device = (await tech.post('/devices', { type: 'desktop', ...body })).json();
  expect((await tech.post(`/devices/${device.id}/status`, { status: 'to_recycle' })).statusCode).toBe(200);
  return device;
}

it('sends devices marked to recycle to a recycler, and they become recycled with an event', async () => {
  const a = await deviceToRecycle({ weightKg: 7.5 });
  const b = await deviceToRecycle({});
  const res = await tech.post('/recycling-batches', {
    shippedOn: '2026-11-20',
    recyclerName: 'Envie Loiret',
    ecoOrganisme: 'ecosystem',
    trackingNumber: 'BSD-2026-0042',
    deviceIds: [a.id, b.id],
  });
  expect(res.statusCode, res.body).toBe(201);
  // No weighed total: 7.5 kg given + the typical desktop weight (6.69 kg).
  expect(res.json()).toMatchObject({ deviceCount: 2, weightKg: 14.2, wasteCode: '16 02 14' });
  const detail = (await tech.get(`/devices/${a.id}`)).json();
  expect(detail.status).toBe('recycled');
  expect(detail.events[0]).toMatchObject({ fromStatus: 'to_recycle', toStatus: 'recycled' });
});

it('refuses the batch, changing nothing, when a device is not marked to recycle', async () => {
  const ready = (await tech.post('/devices', { type: 'monitor' })).json();
  const recyclable = await deviceToRecycle({});
  const res = await tech.post('/recycling-batches', {
    recyclerName: 'X',
    deviceIds: [recyclable.id, ready.id],
  });
  expect(res.statusCode).toBe(409);
  expect(res.json().errors).toEqual([expect.objectContaining({ path: 'deviceIds.1' })]);
  expect((await tech.get(`/devices/${recyclable.id}`)).json().status).toBe('to_recycle');
});

it('lists the batches, newest first, and filters them by day', async () => {
  const all = (await tech.get(`/recycling-batches?organisationId=${org.id}`)).json().items;
  expect(all.length).toBeGreaterThan(0);
  expect(all[0]).toMatchObject({ recyclerName: 'Envie Loiret', shippedOn: '2026-11-20' });
  expect((await tech.get(`/recycling-batches?organisationId=${org.id}&to=2026-11-19`)).json().items).toEqual(
    [],
  );
  const stranger = (await t.member((await t.buildOrganisation()).id, 'admin')).client;
  expect((await stranger.get(`/recycling-batches?organisationId=${org.id}`)).statusCode).toBe(404);
});

it('neutralises spreadsheet formulas typed into the register', async () => {
  const device = await deviceToRecycle({});
  await tech.post('/recycling-batches', {
    shippedOn: '2026-11-21',
    recyclerName: '=HYPERLINK("http://x")',
    deviceIds: [device.id],
  });
  const res = await tech.get(`/recycling/register.csv?organisationId=${org.id}&from=2026-11-21`);
  expect(res.body).toContain(`'=HYPERLINK`);
});

it('exports the waste register as a CSV for French spreadsheets', async () => {
  const res = await tech.get(`/recycling/register.csv?organisationId=${org.id}&to=2026-11-20`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('text/csv');
  expect(res.body.charCodeAt(0)).toBe(0xfeff);
  const [header, line] = res.body.slice(1).trim().split('\n');
  expect(header).toContain('Code déchet;Quantité (kg)');
  expect(line).toContain('2026-11-20;');
  expect(line).toContain('14,2;2;BSD-2026-0042;Envie Loiret');
  expect(line).toContain('44123456700010');
});
