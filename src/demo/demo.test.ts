import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { DEMO_PASSWORD } from './demo.ts';
import { DEPARTMENT_PROGRAMME } from './department-demo.ts';

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
  // The town hall's latest batch (15 received of 16 announced), its earlier batch sold over the last year
  // and a half, and the department's computers (handed over, and a second delivery in the workshop).
  expect(summary.total).toBe(15 + 16 + 22);
  expect(summary.byStatus).toMatchObject({
    ready: 3 + 2,
    reserved: 1 + 1,
    handed_over: 3 + 14 + 16,
    refurbishing: 3 + 1,
    diagnosed: 1 + 1,
    received: 2 + 1,
    to_recycle: 1 + 1,
    recycled: 1,
    lost: 1,
  });
  const donation = (await technician.get('/donations?limit=100'))
    .json()
    .items.find(
      (d: { note: string | null }) => d.note === 'Renouvellement du parc des services administratifs',
    );
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
  // Its budget: lines for the year (the equipment line computed from the town's subsidies) and the co-financing plan.
  const director = await t.login('direction.ccas@saint-aubin.example', DEMO_PASSWORD);
  const budget = (await director.get(`/programmes/${sale.id}/budget`)).json();
  expect(budget.lines.map((l: { basis: string }) => l.basis)).toEqual([
    'handover_subsidies',
    'entered',
    'entered',
    'entered',
    'entered',
  ]);
  // 88 € for each of this year's handovers (the four buyers of this edition, and the association's order).
  expect(budget.lines[0].spentCents).toBe(5 * 8_800);
  expect(budget.fundings.map((f: { status: string }) => f.status).sort()).toEqual([
    'granted',
    'partly_received',
    'refused',
    'requested',
  ]);
  // The town's 88 € per handover counts as its contribution (granted = received = 440 €), beside the agreements.
  expect(budget.handoverSubsidies.map((s: { grantedCents: number }) => s.grantedCents)).toEqual([5 * 8_800]);
  expect(budget.cofinancing).toMatchObject({
    grantedCents: 1_100_000 + 44_000,
    receivedCents: 300_000 + 44_000,
    unfundedCents: 872_000 - 44_000,
  });
  expect((await socialWorker.get(`/programmes/${sale.id}/budget`)).statusCode).toBe(404);
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

  // Training: the workshop of the "training first" programme, its sessions generated by the recurrence.
  const mediator = await t.login('mediateur@saint-aubin.example', DEMO_PASSWORD);
  const [workshop] = (await mediator.get(`/workshops?programmeId=${trainingFirst.id}`)).json().items;
  expect(workshop).toMatchObject({ title: 'Premiers pas avec l’ordinateur', enrolledCount: 3 });
  expect(workshop.sessionCount).toBeGreaterThanOrEqual(20);
  const roster = (await mediator.get(`/workshops/${workshop.id}/enrolments`)).json().items;
  const completion = Object.fromEntries(
    roster.map((r: { name: string; status: string; completed: boolean }) => [
      r.name,
      [r.status, r.completed],
    ]),
  );
  expect(completion).toEqual({
    'Jeanne Roux': ['enrolled', true],
    'Sylvie Garnier': ['enrolled', true],
    'Mohamed Benaïssa': ['enrolled', false],
    'Bernard Caron': ['withdrawn', false],
  });
  const trainees = (await socialWorker.get(`/referrals?programmeId=${trainingFirst.id}&limit=100`)).json()
    .items;
  const statusOf = (name: string) =>
    trainees.find((r: { beneficiaryName: string }) => r.beneficiaryName === name)?.status;
  expect([statusOf('Jeanne Roux'), statusOf('Mohamed Benaïssa'), statusOf('Bernard Caron')]).toEqual([
    'trained',
    'in_training',
    'eligible',
  ]);
  const jeanneSkills = (await mediator.get(`/beneficiaries/${roster[0].beneficiaryId}/skills`)).json();
  expect(jeanneSkills.comparison.entry).not.toBeNull();
  const exits = await Promise.all(
    roster.map(async (r: { beneficiaryId: string }) =>
      (await mediator.get(`/beneficiaries/${r.beneficiaryId}/skills`)).json(),
    ),
  );
  expect(exits.filter((x) => x.comparison.exit?.autonomous === true)).toHaveLength(1);
  expect(exits.filter((x) => x.comparison.exit !== null)).toHaveLength(2);
  const cafes = (await mediator.get('/activities')).json();
  expect(cafes.totals).toMatchObject({ activities: 1, participants: 11 });
  // Training cheques: a batch sent and paid back but one refused, three to send (one expiring), one regional.
  const ccasId = (await mediator.get('/me')).json().memberships[0].organisation.id;
  const cheques = (await mediator.get(`/organisations/${ccasId}/cheque-summary`)).json();
  expect(cheques.byIssuer).toMatchObject([
    {
      issuer: 'pass_numerique',
      received: { count: 8, cents: 8000 },
      sent: { count: 5, cents: 5000 },
      pending: { count: 3, cents: 3000 },
      rejected: { count: 1, cents: 1000 },
      reimbursedCents: 4000,
      expiring: { count: 1, cents: 1000 },
    },
    { issuer: 'regional', received: { count: 1, cents: 10000 }, pending: { count: 1, cents: 10000 } },
  ]);

  // The regional network's coordinator sees the territory's aggregates, and no person.
  const coordinator = await t.login('coordination@reseau-reemploi.example', DEMO_PASSWORD);
  const network = (await coordinator.get('/organisations?limit=100'))
    .json()
    .items.find((o: { name: string }) => o.name === 'Réseau Réemploi Val de Loire');
  const dashboard = await coordinator.get(`/reports/network?coordinatorOrganisationId=${network.id}`);
  expect(dashboard.statusCode, dashboard.body).toBe(200);
  // The town's partners, the department, the company and the lending association.
  expect(dashboard.json().organisations).toHaveLength(9);
  // Atelier Reboot's computers and the lending association's.
  expect(dashboard.json().stock.total).toBe(53 + 12);
  // People equipped in the dashboard's period (this year): a count, masked while under five.
  const equipped = dashboard.json().people.equipped;
  expect(equipped === '<5' || (typeof equipped === 'number' && equipped >= 5)).toBe(true);
  expect(dashboard.body).not.toMatch(/Jeanne|Roux|Benaïssa|Koné/);

  // The setup page lists the accounts while the demo data is there.
  expect((await t.anonymous.get('/setup')).json().demoAccounts).toHaveLength(accounts.length);
}, 180_000);

it('shows Atelier Reboot’s insertion workforce to its manager, not to its technician', async () => {
  const manager = await t.login('responsable@atelier-reboot.example', DEMO_PASSWORD);
  const reboot = (await manager.get('/me')).json().memberships[0].organisation.id;
  const workforce = `/organisations/${reboot}/workforce`;
  const technicians: { userId: string; name: string; contract: unknown }[] = (
    await manager.get(`${workforce}/technicians`)
  ).json();
  expect(technicians.map((p) => p.name)).toEqual(['Karim Haddad', 'Lucie Moreau', 'Mehdi Ferrand']);
  const lucie = technicians.find((p) => p.name === 'Lucie Moreau');
  expect(lucie?.contract).toMatchObject({ contractType: 'cddi', weeklyMinutes: 26 * 60, insertion: true });
  // The department's clause: Lucie's five weeks of 26 h and one of 22 h, Mehdi's four of 20 h.
  expect((await manager.get(`${workforce}/clauses`)).json()).toEqual([
    expect.objectContaining({
      buyer: 'Conseil départemental du Loiret',
      programmeName: DEPARTMENT_PROGRAMME,
      requiredHours: 1200,
      doneMinutes: (5 * 26 + 22 + 4 * 20) * 60,
    }),
  ]);
  // Weeks without an entry are derived from the devices she signed in the department's second delivery.
  const person = (await manager.get(`${workforce}/people/${lucie?.userId}`)).json();
  const derived = person.weeks.filter(
    (w: { source: string; minutes: number }) => w.source === 'derived' && w.minutes > 0,
  );
  expect(derived.length).toBeGreaterThan(0);
  const technician = await t.login('technicien@atelier-reboot.example', DEMO_PASSWORD);
  expect((await technician.get(`${workforce}/technicians`)).statusCode).toBe(403);
});

it('refuses to load the demo twice', async () => {
  const admin = await t.admin();
  expect((await admin.post('/demo')).statusCode).toBe(409);
});
