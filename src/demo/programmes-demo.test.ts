/**
 * The demo network as a newcomer meets it: the four reference programmes with their figures, every account
 * logging in, devices at every stage, and a history spread over the last eighteen months that never runs
 * backwards.
 */
import { and, count, eq, gte, inArray, isNotNull, lt, min, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { addMonthsToDay, today } from '../lib/dates.ts';
import { allocations } from '../modules/distribution/schema.ts';
import { DEVICE_STATUSES } from '../modules/inventory/lifecycle.ts';
import { deviceEvents, devices, erasures } from '../modules/inventory/schema.ts';
import { DEMO_PASSWORD } from './demo.ts';
import { DEPARTMENT_ACCOUNT, DEPARTMENT_IMAGE, DEPARTMENT_PROGRAMME } from './department-demo.ts';
import { LOANS_ACCOUNT, LOANS_PROGRAMME } from './loans-demo.ts';

let t: TestApp;
let accounts: { email: string; role: string; organisationName: string | null }[];
beforeAll(async () => {
  t = await startTestApp();
  const res = await (await t.admin()).post('/demo');
  if (res.statusCode !== 201) throw new Error(`demo: ${res.statusCode} ${res.body}`);
  accounts = res.json().accounts;
}, 180_000);
afterAll(() => t.close());

type Programme = { id: string; name: string };
const named = (items: Programme[], pattern: RegExp) => {
  const found = items.find((p) => pattern.test(p.name));
  if (!found) throw new Error(`no programme ${pattern}`);
  return found;
};

it('gives one login per role, each of which logs in', async () => {
  expect(accounts.length).toBeLessThanOrEqual(14);
  const roles = new Set(accounts.map((a) => a.role));
  for (const role of [
    'platform_admin',
    'admin',
    'social_worker',
    'technician',
    'trainer',
    'viewer',
    'manager',
  ]) {
    expect(roles).toContain(role);
  }
  expect(accounts.map((a) => a.email)).toEqual(
    expect.arrayContaining([
      'direction.ccas@saint-aubin.example',
      'travailleuse.sociale@saint-aubin.example',
      'mediateur@saint-aubin.example',
      'responsable@atelier-reboot.example',
      'technicien@atelier-reboot.example',
      'dsi@saint-aubin.example',
      'financeur@saint-aubin.example',
      'presidente@amis-des-sables.example',
      'coordination@reseau-reemploi.example',
      'admin@seconde-vie.example',
      DEPARTMENT_ACCOUNT.email,
      LOANS_ACCOUNT.email,
    ]),
  );
  for (const account of accounts) {
    const client = await t.login(account.email, DEMO_PASSWORD);
    const me = await client.get('/me');
    expect(me.statusCode, account.email).toBe(200);
  }
}, 120_000);

it('runs the four reference programmes, each report answering with its figures', async () => {
  // 1. The town's subsidised sale: 130 € − 88 € from the town = 42 € paid, handover after handover.
  const director = await t.login('direction.ccas@saint-aubin.example', DEMO_PASSWORD);
  const ccasProgrammes: Programme[] = (await director.get('/programmes?limit=100')).json().items;
  const year = Number(today().slice(0, 4));
  const lastSale = named(ccasProgrammes, new RegExp(`^Ordi solidaire Saint-Aubin ${year - 1}$`));
  const sale = (await director.get(`/reports/programmes/${lastSale.id}`)).json();
  expect(sale.devices.handedOver).toBeGreaterThanOrEqual(15);
  expect(sale.money.contributionsCents).toBe(4_200 * sale.devices.handedOver);
  expect(sale.money.subsidiesCents).toBe(8_800 * sale.devices.handedOver);
  expect(sale.money.subsidiesByFunder).toEqual([
    expect.objectContaining({ units: sale.devices.handedOver, amountCents: 8_800 * sale.devices.handedOver }),
  ]);
  const thisSale = ccasProgrammes.find((p) => p.name === `Ordi solidaire Saint-Aubin ${year}`) as Programme;
  const current = (await director.get(`/reports/programmes/${thisSale.id}`)).json();
  expect(current.money.contributionsCents).toBe(4_200 * current.devices.handedOver);

  // 2. The association's free loans: renewed, returned, maintained; digital cafés counted.
  const lender = await t.login(LOANS_ACCOUNT.email, DEMO_PASSWORD);
  const loansProgramme = named(
    (await lender.get('/programmes?limit=100')).json().items,
    /^Prêt solidaire d’ordi/,
  );
  expect(loansProgramme.name).toBe(LOANS_PROGRAMME);
  const loans: { renewals: number; returnedOn: string | null }[] = (
    await lender.get(`/loans?programmeId=${loansProgramme.id}&limit=100`)
  ).json().items;
  expect(loans.length).toBeGreaterThanOrEqual(10);
  expect(loans.filter((l) => l.renewals > 0).length).toBeGreaterThanOrEqual(1);
  expect(loans.filter((l) => l.returnedOn !== null)).toHaveLength(2);
  expect((await lender.get('/loans?overdue=true')).json().items).toEqual([]);
  const tickets: { status: string }[] = (await lender.get(`/tickets?programmeId=${loansProgramme.id}`)).json()
    .items;
  expect(tickets.map((k) => k.status).sort()).toEqual(['open', 'resolved', 'waiting_part']);
  expect((await lender.get('/activities')).json().totals.activities).toBe(5);
  const lent = (await lender.get(`/reports/programmes/${loansProgramme.id}`)).json();
  expect(lent.beneficiaries.associations).toBe(2);
  expect(lent.devices.handedOver).toBe(loans.length);

  // 3. The department-wide operation: every computer with the department's free-software image.
  const department = await t.login(DEPARTMENT_ACCOUNT.email, DEMO_PASSWORD);
  const operation = named((await department.get('/programmes?limit=100')).json().items, /^Loiret numérique/);
  expect(operation.name).toBe(DEPARTMENT_PROGRAMME);
  const report = (await department.get(`/reports/programmes/${operation.id}`)).json();
  expect(report.devices.handedOver).toBe(16);
  expect(report.devices.osImages).toEqual([{ name: DEPARTMENT_IMAGE, count: 16 }]);
  const groups = Object.fromEntries(
    report.beneficiaries.byGroup.map((g: { group: string; equipped: number }) => [g.group, g.equipped]),
  );
  expect(groups).toMatchObject({ pupil: 8, job_seeker: 4, association: 2 });
  expect(report.money.internetAids).toMatchObject({ count: 3, totalCents: 36_000 });
  // The company sees where its computers went: two deliveries to the refurbisher, one to the association.
  const company = await t.login('rse@valdeloire-assurances.example', DEMO_PASSWORD);
  const given = (await company.get('/donations?limit=100')).json().items;
  expect(given).toHaveLength(3);
  for (const donation of given) {
    expect((await company.get(`/reports/donations/${donation.id}`)).statusCode).toBe(200);
  }

  // 4. Training first, then equipment, with the internet aid and targets.
  const trainingFirst = named(ccasProgrammes, /^Former puis équiper/);
  const trained = (await director.get(`/reports/programmes/${trainingFirst.id}`)).json();
  expect(trained.money.internetAids).toMatchObject({ count: 1, totalCents: 15_000 });

  // Every programme's report answers, for the platform administrator too.
  const admin = await t.admin();
  const all: Programme[] = (await admin.get('/programmes?limit=100')).json().items;
  expect(all.length).toBeGreaterThanOrEqual(6);
  for (const programme of all) {
    const res = await admin.get(`/reports/programmes/${programme.id}`);
    expect(res.statusCode, `${programme.name}: ${res.body}`).toBe(200);
  }
}, 180_000);

it('has devices at every stage, and 18 months of history that never runs backwards', async () => {
  const db = t.database.db;
  const byStatus = await db
    .select({ status: devices.status, n: count() })
    .from(devices)
    .groupBy(devices.status);
  const stages = Object.fromEntries(byStatus.map((r) => [r.status, r.n]));
  for (const status of DEVICE_STATUSES) expect(stages[status], status).toBeGreaterThan(0);

  const now = today();
  const [span] = await db
    .select({ first: min(allocations.handedOverOn) })
    .from(allocations)
    .where(isNotNull(allocations.handedOverOn));
  expect(span?.first).toBeDefined();
  expect((span?.first as string) <= addMonthsToDay(now, -15)).toBe(true);
  expect((span?.first as string) >= addMonthsToDay(now, -19)).toBe(true);

  // No step of a device's history before it was received, nor after now.
  const [early] = await db
    .select({ n: count() })
    .from(deviceEvents)
    .innerJoin(devices, eq(devices.id, deviceEvents.deviceId))
    .where(lt(deviceEvents.at, devices.createdAt));
  expect(early?.n).toBe(0);
  const [future] = await db
    .select({ n: count() })
    .from(deviceEvents)
    .where(sql`${deviceEvents.at} > clock_timestamp()`);
  expect(future?.n).toBe(0);
  const [oldest] = await db.select({ at: min(deviceEvents.at) }).from(deviceEvents);
  expect(new Date(oldest?.at as Date).toISOString().slice(0, 10) >= addMonthsToDay(now, -19)).toBe(true);

  // Every computer ready or given out has a passed erasure in its current cycle, and its certificate.
  const given = await db
    .select({ id: devices.id, certificate: devices.certificateNumber, cycle: devices.cycleStartedAt })
    .from(devices)
    .where(
      and(
        inArray(devices.status, ['ready', 'reserved', 'handed_over']),
        inArray(devices.type, ['laptop', 'desktop']),
      ),
    );
  expect(given.length).toBeGreaterThan(40);
  for (const device of given) {
    expect(device.certificate).toMatch(/^EC-\d{4}-\d{6}$/);
    const [erased] = await db
      .select({ n: count() })
      .from(erasures)
      .where(
        and(
          eq(erasures.deviceId, device.id),
          eq(erasures.result, 'passed'),
          gte(erasures.createdAt, device.cycle),
        ),
      );
    expect(erased?.n, device.id).toBeGreaterThan(0);
  }
}, 60_000);

it('opens the census of this year’s sale: 13 needs in four towns, one already referred', async () => {
  const director = await t.login('direction.ccas@saint-aubin.example', DEMO_PASSWORD);
  const year = Number(today().slice(0, 4));
  const sale = named(
    (await director.get('/programmes?limit=100')).json().items,
    new RegExp(`^Ordi solidaire Saint-Aubin ${year}$`),
  );
  const page = await t.anonymous.get(`/public/programmes/${sale.id}/census`);
  expect(page.statusCode).toBe(200);
  // The sale already runs (devices handed over): the census is for the next distribution, not a start.
  expect(page.json().introduction).toContain('recensons les besoins pour la prochaine distribution');
  expect(page.json().introduction).not.toContain('prépar');
  const summary = (await director.get(`/programmes/${sale.id}/needs/summary`)).json();
  expect(summary.total).toBe(13);
  expect(summary.byTown).toEqual([
    { key: 'Saint-Aubin-sur-Loire', count: 6 },
    { key: 'Olivet', count: 3 },
    { key: 'Fleury-les-Aubrais', count: 2 },
    { key: 'Saint-Jean-de-Braye', count: 2 },
  ]);
  expect(summary.bySource).toEqual([
    { key: 'public', count: 9 },
    { key: 'prescriber', count: 4 },
  ]);
  expect(summary.byStatus).toEqual([
    { key: 'registered', count: 12 },
    { key: 'referred', count: 1 },
  ]);
});
