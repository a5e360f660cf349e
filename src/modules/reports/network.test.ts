import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/app.ts';
import { readPdf } from '../../../test/support/pdf.ts';
import { today } from '../../lib/dates.ts';
import {
  equip,
  jsonStrings,
  type Operator,
  operator,
  programme,
  readyDevice,
  referred,
  year,
} from './network-test-kit.ts';
import type { NetworkDashboard, PeopleCount } from './network-types.ts';

const HOUR = 3_600_000;
let t: TestApp;
let coordinator: { id: string; name: string };
let coordinatorAdmin: ApiClient;
let coordinatorViewer: ApiClient;
let coordinatorTechnician: ApiClient;
let member: Operator;
let outsider: Operator;
/** Every person created in this file, with the names they were given. */
const people: { id: string; firstName: string; lastName: string }[] = [];

async function person(
  op: Operator,
  programmeId: string,
  fields: Record<string, unknown> = {},
): Promise<string> {
  const id = await referred(op, programmeId, fields);
  const read = (await op.socialWorker.get(`/beneficiaries/${id}`)).json();
  people.push({ id, firstName: read.firstName ?? read.name, lastName: read.lastName ?? read.name });
  return id;
}

/** A figure the test knows is shown as a number (5 or more, or 0). */
function exact(value: PeopleCount): number {
  expect(typeof value).toBe('number');
  return value as number;
}

async function dashboard(client: ApiClient, query = ''): Promise<NetworkDashboard> {
  const res = await client.get(`/reports/network?coordinatorOrganisationId=${coordinator.id}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** An organisation's activity the network must count (or not): devices, handovers, training. */
async function activity(
  op: Operator,
  households: number,
  seniors: number,
): Promise<{ gift: string; loan: string }> {
  const gift = await programme(op, { mode: 'donation' });
  const loan = await programme(op, { mode: 'loan', loanMonths: 12 });
  for (let i = 0; i < households; i++) {
    await equip(op, gift, await person(op, gift, { targetGroup: 'household' }), await readyDevice(op));
  }
  for (let i = 0; i < seniors; i++) {
    await equip(
      op,
      loan,
      await person(op, loan, { targetGroup: 'senior', birthYear: 1950 }),
      await readyDevice(op),
    );
  }
  return { gift, loan };
}

beforeAll(async () => {
  t = await startTestApp();
  coordinator = await t.buildOrganisation({ kinds: ['coordinator'] });
  coordinatorAdmin = (await t.member(coordinator.id, 'admin')).client;
  coordinatorViewer = (await t.member(coordinator.id, 'viewer')).client;
  coordinatorTechnician = (await t.member(coordinator.id, 'technician')).client;
  member = await operator(t);
  outsider = await operator(t);
});
afterAll(() => t.close());

describe('network membership', () => {
  it('counts an organisation once both the coordinator and the organisation agreed', async () => {
    const invited = await coordinatorAdmin.put(`/networks/${coordinator.id}/members/${member.id}`);
    expect(invited.statusCode, invited.body).toBe(200);
    expect(invited.json()).toMatchObject({
      organisationId: member.id,
      status: 'invited',
      memberAgreedAt: null,
    });
    expect((await dashboard(coordinatorViewer)).organisations.map((o) => o.id)).toEqual([coordinator.id]);

    // Only the organisation's administrators agree for it.
    expect((await member.manager.put(`/networks/${coordinator.id}/members/${member.id}`)).statusCode).toBe(
      403,
    );
    const accepted = await member.admin.put(`/networks/${coordinator.id}/members/${member.id}`);
    expect(accepted.json()).toMatchObject({ status: 'active' });
    const again = await member.admin.put(`/networks/${coordinator.id}/members/${member.id}`);
    expect(again.json().memberAgreedAt).toBe(accepted.json().memberAgreedAt);
    expect((await dashboard(coordinatorViewer)).organisations.map((o) => o.id).sort()).toEqual(
      [coordinator.id, member.id].sort(),
    );

    const seen = (await member.admin.get(`/networks?organisationId=${member.id}`)).json().items;
    expect(seen).toEqual([
      expect.objectContaining({ coordinatorOrganisationId: coordinator.id, status: 'active' }),
    ]);
  });

  it('lets an organisation ask to join, and nobody else speak for it', async () => {
    // Someone outside both organisations sees nothing.
    const stranger = await outsider.admin.put(`/networks/${coordinator.id}/members/${member.id}`);
    expect(stranger.statusCode).toBe(404);
    const asked = await outsider.admin.put(`/networks/${coordinator.id}/members/${outsider.id}`);
    expect(asked.json()).toMatchObject({ status: 'requested', coordinatorAgreedAt: null });
    const list = (await coordinatorViewer.get(`/networks/${coordinator.id}/members`)).json().items;
    expect(
      list.map((m: { organisationId: string; status: string }) => [m.organisationId, m.status]).sort(),
    ).toEqual(
      [
        [member.id, 'active'],
        [outsider.id, 'requested'],
      ].sort(),
    );
    // A request is not a membership: it is withdrawn, and never counted.
    expect(
      (await outsider.admin.delete(`/networks/${coordinator.id}/members/${outsider.id}`)).statusCode,
    ).toBe(204);
    expect(
      (await outsider.admin.delete(`/networks/${coordinator.id}/members/${outsider.id}`)).statusCode,
    ).toBe(404);
  });

  it('refuses a network to an organisation that is not a coordinator, and a coordinator in its own', async () => {
    expect((await member.admin.put(`/networks/${member.id}/members/${outsider.id}`)).statusCode).toBe(422);
    const self = await coordinatorAdmin.put(`/networks/${coordinator.id}/members/${coordinator.id}`);
    expect(self.statusCode).toBe(422);
    expect((await outsider.admin.get(`/networks/${coordinator.id}/members`)).statusCode).toBe(404);
  });
});

describe('GET /reports/network', () => {
  it('shows the network’s aggregates, people counts below 5 as "<5", and no person', async () => {
    const { gift } = await activity(member, 4, 1);
    // Outside the network: never counted.
    await activity(outsider, 6, 6);
    // One device received, one recycled, in the member's stock.
    await member.technician.post('/devices', { type: 'desktop', storageGb: 0 });
    const scrap = (await member.technician.post('/devices', { type: 'printer' })).json().id;
    for (const status of ['to_recycle', 'recycled']) {
      expect((await member.technician.post(`/devices/${scrap}/status`, { status })).statusCode).toBe(200);
    }
    // Training: two past sessions, three people present, a digital café of 12.
    const trainees = [await person(member, gift), await person(member, gift), await person(member, gift)];
    const workshop = (
      await member.trainer.post('/workshops', { programmeId: gift, title: 'Premiers pas' })
    ).json().id;
    for (const days of [3, 2]) {
      const startsAt = new Date(Date.now() - days * 24 * HOUR);
      const session = await member.trainer.post(`/workshops/${workshop}/sessions`, {
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
      });
      expect(session.statusCode, session.body).toBe(201);
      for (const beneficiaryId of trainees) {
        await member.trainer.post(`/workshops/${workshop}/enrolments`, { beneficiaryId });
      }
      const present = await member.trainer.put(`/sessions/${session.json().id}/attendance`, {
        presentBeneficiaryIds: trainees,
      });
      expect(present.statusCode, present.body).toBe(200);
    }
    const cafe = await member.trainer.post('/activities', {
      organisationId: member.id,
      durationMinutes: 120,
      participants: 12,
      placeType: 'venue',
    });
    expect(cafe.statusCode, cafe.body).toBe(201);

    const report = await dashboard(coordinatorViewer);
    const month = today().slice(0, 7);
    expect(report.period).toEqual({ from: `${year}-01-01`, to: `${year}-12-31` });
    expect(report.stock.total).toBe(7);
    expect(report.stock.byStatus).toContainEqual({ status: 'handed_over', count: 5 });
    expect(report.stock.byStatus).toContainEqual({ status: 'received', count: 1 });
    expect(report.stock.byStatus).toContainEqual({ status: 'recycled', count: 1 });
    expect(report.stock.byType).toContainEqual({ type: 'laptop', count: 5 });
    expect(report.stock.byStatusAndType).toContainEqual({ status: 'received', type: 'desktop', count: 1 });
    expect(report.flows).toHaveLength(12);
    expect(report.flows.find((f) => f.month === month)).toEqual({
      month,
      received: 7,
      ready: 5,
      handedOver: 5,
      recycled: 1,
    });
    expect(report.people).toEqual({
      equipped: 5,
      byGroup: [
        { group: 'pupil', equipped: 0 },
        { group: 'job_seeker', equipped: 0 },
        { group: 'senior', equipped: '<5' },
        { group: 'household', equipped: '<5' },
        { group: 'association', equipped: 0 },
      ],
      byMode: [
        { mode: 'sale', equipped: 0 },
        { mode: 'loan', equipped: '<5' },
        { mode: 'donation', equipped: '<5' },
      ],
    });
    expect(report.training).toEqual({
      sessionsHeld: 2,
      peopleTrained: '<5',
      anonymousActivities: 1,
      anonymousParticipants: 12,
    });
    // 5 laptops, not weighed: 5 × 182.3 kg × 0.5 and 5 × 1.83 kg.
    expect(report.impact).toMatchObject({ co2eAvoidedKg: 455.8, weeeAvoidedKg: 9.2 });
    expect(report.impact.method).toMatch(/0,5/);

    // No person's name or id anywhere in the reply.
    const strings = jsonStrings(report);
    const text = JSON.stringify(report);
    for (const p of people) {
      expect(strings).not.toContain(p.id);
      expect(text).not.toContain(p.id);
      expect(text).not.toContain(p.firstName);
      expect(text).not.toContain(p.lastName);
    }

    // The fifth household: 5 is shown as it is.
    await equip(
      member,
      gift,
      await person(member, gift, { targetGroup: 'household' }),
      await readyDevice(member),
    );
    // 6 equipped, 5 households and 1 senior: the senior shown "<5" would be 6 − 5, so the households are
    // masked too (and the donations beside the one loan).
    const after = await dashboard(coordinatorViewer);
    expect(after.people.equipped).toBe(6);
    expect(after.people.byGroup).toContainEqual({ group: 'household', equipped: '<5' });
    expect(after.people.byGroup).toContainEqual({ group: 'senior', equipped: '<5' });
    expect(after.people.byMode).toContainEqual({ mode: 'donation', equipped: '<5' });
    expect(after.people.byMode).toContainEqual({ mode: 'loan', equipped: '<5' });
  });

  it('adds up: parts equal totals, and a period split in two adds up to the whole', async () => {
    const whole = await dashboard(coordinatorViewer);
    const sum = (xs: { count: number }[]) => xs.reduce((s, x) => s + x.count, 0);
    expect(sum(whole.stock.byStatus)).toBe(whole.stock.total);
    expect(sum(whole.stock.byType)).toBe(whole.stock.total);
    expect(sum(whole.stock.byStatusAndType)).toBe(whole.stock.total);
    for (const key of ['received', 'ready', 'handedOver', 'recycled'] as const) {
      expect(whole.flows.reduce((s, m) => s + exact(m[key]), 0)).toBe(whole.flowTotals[key]);
    }
    const first = await dashboard(coordinatorViewer, `&from=${year}-01-01&to=${year}-06-30`);
    const second = await dashboard(coordinatorViewer, `&from=${year}-07-01&to=${year}-12-31`);
    expect(first.flows.length + second.flows.length).toBe(12);
    for (const key of ['received', 'ready', 'handedOver', 'recycled'] as const) {
      expect(exact(first.flowTotals[key]) + exact(second.flowTotals[key])).toBe(whole.flowTotals[key]);
    }
    const reversed = await coordinatorViewer.get(
      `/reports/network?coordinatorOrganisationId=${coordinator.id}&from=${year}-12-31&to=${year}-01-01`,
    );
    expect(reversed.statusCode).toBe(400);
  });

  it('is for the coordinator’s readers only', async () => {
    const url = `/reports/network?coordinatorOrganisationId=${coordinator.id}`;
    // Hand-written: who gets what.
    const expected: [string, ApiClient, number][] = [
      ['coordinator viewer', coordinatorViewer, 200],
      ['coordinator admin', coordinatorAdmin, 200],
      ['coordinator technician', coordinatorTechnician, 403],
      ['network member', member.admin, 404],
      ['outsider', outsider.admin, 404],
      ['platform administrator', await t.admin(), 200],
    ];
    for (const [who, client, status] of expected) {
      expect([who, (await client.get(url)).statusCode]).toEqual([who, status]);
    }
    expect((await t.anonymous.get(url)).statusCode).toBe(401);
  });

  it('stops counting an organisation that left the network', async () => {
    const leaving = await operator(t);
    await coordinatorAdmin.put(`/networks/${coordinator.id}/members/${leaving.id}`);
    await leaving.admin.put(`/networks/${coordinator.id}/members/${leaving.id}`);
    const before = await dashboard(coordinatorViewer);
    await activity(leaving, 5, 0);
    const during = await dashboard(coordinatorViewer);
    expect(during.stock.total).toBe(before.stock.total + 5);
    expect(during.flowTotals.handedOver).toBe(exact(before.flowTotals.handedOver) + 5);
    expect(during.people.equipped).toBe((before.people.equipped as number) + 5);

    expect((await leaving.admin.delete(`/networks/${coordinator.id}/members/${leaving.id}`)).statusCode).toBe(
      204,
    );
    const after = await dashboard(coordinatorViewer);
    expect(after.organisations.map((o) => o.id)).not.toContain(leaving.id);
    expect(after.stock.total).toBe(before.stock.total);
    expect(after.people).toEqual(before.people);
    expect(after.flowTotals).toEqual(before.flowTotals);
  });
});

describe('network dashboard exports', () => {
  it('prints the same aggregates as PDF and CSV, "<5" kept and no person', async () => {
    const report = await dashboard(coordinatorViewer);
    const pdf = await coordinatorViewer.get(
      `/reports/network.pdf?coordinatorOrganisationId=${coordinator.id}`,
    );
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = await readPdf(pdf.rawPayload);
    expect(text).toContain('Tableau de bord du réseau');
    expect(text).toContain(coordinator.name);
    expect(text).toContain('<5');
    expect(text).toContain('facteur de substitution 0,5');
    for (const p of people) {
      expect(text).not.toContain(p.firstName);
      expect(text).not.toContain(p.lastName);
    }

    const csv = await coordinatorViewer.get(
      `/reports/network.csv?coordinatorOrganisationId=${coordinator.id}`,
    );
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows: string[][] = parse(csv.body.replace(/^\uFEFF/, ''), { delimiter: ';' });
    expect(rows[0]).toEqual(['Rubrique', 'Élément', 'Mois', 'Valeur']);
    const find = (section: string, item: string) => rows.find((r) => r[0] === section && r[1] === item)?.[3];
    expect(find('Stock aujourd’hui', 'Total')).toBe(String(report.stock.total));
    expect(find('Personnes équipées', 'Seniors')).toBe('<5');
    // 5 households beside 1 senior: masked as the senior's complement.
    expect(find('Personnes équipées', 'Ménages')).toBe('<5');
    expect(find('Formation et médiation', 'Personnes formées (présentes au moins une fois)')).toBe('<5');
    const month = today().slice(0, 7);
    expect(rows.find((r) => r[1] === 'Remis' && r[2] === month)?.[3]).toBe(
      String(report.flows.find((f) => f.month === month)?.handedOver),
    );
    for (const p of people) expect(csv.body).not.toContain(p.id);
    expect(
      (await outsider.admin.get(`/reports/network.csv?coordinatorOrganisationId=${coordinator.id}`))
        .statusCode,
    ).toBe(404);
  });
});
