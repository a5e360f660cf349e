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
  // Seven became ready; four of them went to people: one reserved, three handed over.
  expect(summary.byStatus).toMatchObject({
    ready: 3,
    reserved: 1,
    handed_over: 3,
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

  // The social worker finds her people, the reasons of a refusal and the waiting lists.
  const socialWorker = await t.login('travailleuse.sociale@saint-aubin.example', DEMO_PASSWORD);
  const programmes = (await socialWorker.get('/programmes')).json().items;
  const sale = programmes.find(
    (p: { name: string; open: boolean }) => /^Ordi solidaire/.test(p.name) && p.open,
  );
  expect(sale).toMatchObject({ contributionCents: 4200, copiedFromId: expect.any(String) });
  const people = (await socialWorker.get('/beneficiaries?limit=100')).json().items;
  expect(people.length).toBeGreaterThanOrEqual(8);
  const kevin = (await socialWorker.get('/referrals?q=dubois')).json().items[0];
  expect(kevin).toMatchObject({ status: 'ineligible' });
  expect(kevin.eligibility.reasons.map((r: { code: string }) => r.code)).toEqual([
    'family_quotient_above_ceiling',
  ]);
  const waiting = (await socialWorker.get(`/referrals?programmeId=${sale.id}&waiting=true`)).json().items;
  expect(waiting.length).toBeGreaterThanOrEqual(3);
  const trainingFirst = programmes.find((p: { name: string }) => /^Former puis équiper/.test(p.name));
  const [first] = (await socialWorker.get(`/referrals?programmeId=${trainingFirst.id}&waiting=true`)).json()
    .items;
  expect(first).toMatchObject({ beneficiaryName: 'Mohamed Benaïssa', priority: true, position: 1 });
  // The partner association sees the person it referred, and nobody else.
  const association = await t.login('presidente@amis-des-sables.example', DEMO_PASSWORD);
  const theirs = (await association.get('/beneficiaries')).json().items;
  expect(theirs.map((b: { displayName: string }) => b.displayName)).toEqual(['Mariam Koné']);
  // The funder sees the programme it subsidises, and no person.
  const funder = await t.login('financeur@saint-aubin.example', DEMO_PASSWORD);
  expect((await funder.get(`/programmes/${sale.id}`)).statusCode).toBe(200);
  expect((await funder.get('/beneficiaries')).json().items).toEqual([]);

  // Where the donor's devices went: programmes, never people.
  const fates = report.devices
    .map((d: { fate: { mode: string } | null }) => d.fate?.mode)
    .filter(Boolean)
    .sort();
  expect(fates).toEqual(['loan', 'loan', 'sale']);
  const loansOverdue = (await socialWorker.get('/loans?overdue=true')).json().items;
  expect(loansOverdue).toEqual([]);
  // Maintenance: one problem reported by staff, one by the borrowing association through its link.
  const tickets = (await socialWorker.get('/tickets')).json().items;
  expect(tickets.map((k: { reportedByBorrower: boolean }) => k.reportedByBorrower).sort()).toEqual([
    false,
    true,
  ]);
  // The internet aid is counted for its funder.
  const aids = (await socialWorker.get('/internet-aids/totals')).json();
  expect(aids).toMatchObject({ count: 1, totalCents: 15_000 });
  expect(aids.byFunder[0].funderName).toBeTruthy();

  // The setup page lists the accounts while the demo data is there.
  expect((await t.anonymous.get('/setup')).json().demoAccounts).toHaveLength(accounts.length);
});

it('refuses to load the demo twice', async () => {
  const admin = await t.admin();
  expect((await admin.post('/demo')).statusCode).toBe(409);
});
