import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { DEMO_PASSWORD } from './demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('loads a demo network a newcomer can log into and find at work', async () => {
  const admin = await t.admin();
  const res = await admin.post('/demo');
  expect(res.statusCode, res.body).toBe(201);
  const accounts: { email: string; role: string }[] = res.json().accounts;
  expect(accounts.map((a) => a.role)).toEqual(
    expect.arrayContaining(['platform_admin', 'admin', 'technician', 'social_worker']),
  );

  const technician = await t.login('technicien@atelier-reboot.example', DEMO_PASSWORD);
  const summary = (await technician.get('/devices/summary')).json();
  expect(summary.total).toBe(15); // 16 announced by the donor, 15 received: the summary shows the gap
  expect(summary.byStatus).toMatchObject({
    ready: 7,
    refurbishing: 3,
    diagnosed: 1,
    received: 2,
    to_recycle: 1,
    recycled: 1,
  });
  const [donation] = (await technician.get('/donations')).json().items;
  expect(donation.deviceCount).toBe(15);

  const donor = await t.login('dsi@saint-aubin.example', DEMO_PASSWORD);
  const report = (await donor.get(`/reports/donations/${donation.id}`)).json();
  expect(report.devices.filter((d: { erasure: unknown }) => d.erasure !== null)).toHaveLength(6);
  expect(report.summary).toMatchObject({ received: 15, recycled: 1 });

  // The setup page lists the accounts while the demo data is there.
  expect((await t.anonymous.get('/setup')).json().demoAccounts).toHaveLength(accounts.length);
});

it('refuses to load the demo twice', async () => {
  const admin = await t.admin();
  expect((await admin.post('/demo')).statusCode).toBe(409);
});
