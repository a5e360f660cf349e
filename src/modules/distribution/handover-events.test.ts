import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp, unique } from '../../../test/support/app.ts';
import { readPdf } from '../../../test/support/pdf.ts';
import { today } from '../../lib/dates.ts';

let t: TestApp;
let manager: ApiClient;
let socialWorker: ApiClient;
let technician: ApiClient;
let refurbisher: { id: string };
let funder: { id: string };
const year = today().slice(0, 4);

beforeAll(async () => {
  t = await startTestApp();
  const ccas = await t.buildOrganisation({ kinds: ['prescriber'] });
  refurbisher = await t.buildOrganisation({ kinds: ['refurbisher'] });
  funder = await t.buildOrganisation({ kinds: ['funder'] });
  manager = (await t.member(ccas.id, 'manager')).client;
  socialWorker = (await t.member(ccas.id, 'social_worker')).client;
  technician = (await t.member(refurbisher.id, 'technician')).client;
});
afterAll(() => t.close());

async function programme(): Promise<string> {
  return (
    await manager.post('/programmes', {
      name: unique('Vente '),
      mode: 'sale',
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      unitPriceCents: 13000,
      subsidies: [{ funderOrganisationId: funder.id, amountCents: 8800 }],
      partners: [{ organisationId: refurbisher.id, role: 'refurbisher' }],
    })
  ).json().id;
}

async function person(
  programmeId: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; name: string }> {
  const lastName = unique('Garcia');
  const b = (
    await socialWorker.post('/beneficiaries', {
      kind: 'person',
      firstName: 'Léo',
      lastName,
      consentGivenOn: `${year}-01-01`,
      ...extra,
    })
  ).json();
  await socialWorker.post('/referrals', {
    beneficiaryId: b.id,
    programmeId,
    ...(extra.referredOn ? { referredOn: extra.referredOn } : {}),
  });
  return { id: b.id, name: `Léo ${lastName}` };
}

async function ready(type: string): Promise<{ id: string; assetTag: string }> {
  const device = (await technician.post('/devices', { type, storageGb: 0 })).json();
  for (const status of ['diagnosed', 'refurbishing', 'ready'])
    await technician.post(`/devices/${device.id}/status`, { status });
  return device;
}

describe('suggestions', () => {
  it('matches the waiting list in order with the ready devices each person needs', async () => {
    const p = await programme();
    const laptop = await ready('laptop');
    const desktop = await ready('desktop');
    const first = await person(p, { deviceNeed: 'desktop' });
    const second = await person(p, { deviceNeed: 'tablet' });
    const third = await person(p);
    const res = await manager.get(`/programmes/${p}/suggestions`);
    expect(res.statusCode).toBe(200);
    const byPerson = new Map(
      res
        .json()
        .items.map((s: { beneficiaryId: string; device: { id: string } | null }) => [
          s.beneficiaryId,
          s.device?.id ?? null,
        ]),
    );
    expect(byPerson.get(first.id)).toBe(desktop.id);
    expect(byPerson.get(second.id)).toBeNull(); // no tablet in stock
    expect(byPerson.get(third.id)).toBe(laptop.id); // no need recorded: a laptop
    expect((await socialWorker.get(`/programmes/${p}/suggestions`)).statusCode).toBe(200);
    const viewer = (await t.member((await t.buildOrganisation()).id, 'admin')).client;
    expect((await viewer.get(`/programmes/${p}/suggestions`)).statusCode).toBe(404);
  });
});

describe('group handover', () => {
  it('plans a day, prints its sign-off sheet and records every handover at once, all or none', async () => {
    const p = await programme();
    const people = [await person(p), await person(p), await person(p)];
    const allocations: string[] = [];
    for (const someone of people) {
      const device = await ready('laptop');
      allocations.push(
        (
          await manager.post('/allocations', {
            programmeId: p,
            beneficiaryId: someone.id,
            deviceId: device.id,
          })
        ).json().id,
      );
    }
    expect(
      (await manager.post('/handover-events', { programmeId: p, heldOn: `${Number(year) + 1}-06-01` }))
        .statusCode,
    ).toBe(422);
    const event = (
      await manager.post('/handover-events', { programmeId: p, heldOn: today(), place: 'Salle des fêtes' })
    ).json();
    const attached = await manager.post(`/handover-events/${event.id}/allocations`, {
      allocationIds: allocations,
    });
    expect(attached.statusCode, attached.body).toBe(200);
    expect(attached.json().allocations).toHaveLength(3);

    const sheet = await manager.get(`/handover-events/${event.id}/sign-off-sheet.pdf`);
    expect(sheet.headers['content-type']).toBe('application/pdf');
    const { text } = await readPdf(sheet.rawPayload);
    for (const someone of people) expect(text).toContain(someone.name);
    expect(text).toContain('Salle des fêtes');

    // One payment differs without a note: nothing is recorded.
    const payments = allocations.map((allocationId) => ({ allocationId, amountCents: 4200, method: 'cash' }));
    const wrong = [...payments.slice(0, 2), { ...payments[2], amountCents: 1000 }];
    const refused = await manager.post(`/handover-events/${event.id}/handover`, {
      payments: wrong,
      signedOnPaper: true,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].path).toBe('payments.2.payment.note');
    const still = (await manager.get(`/handover-events/${event.id}`)).json();
    expect(still.allocations.map((a: { status: string }) => a.status)).toEqual([
      'reserved',
      'reserved',
      'reserved',
    ]);

    const done = await manager.post(`/handover-events/${event.id}/handover`, {
      payments,
      signedOnPaper: true,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().completedAt).not.toBeNull();
    expect(
      done
        .json()
        .allocations.every(
          (a: { status: string; handedOverOn: string }) =>
            a.status === 'handed_over' && a.handedOverOn === today(),
        ),
    ).toBe(true);
    expect((await manager.post(`/handover-events/${event.id}/handover`, { payments })).statusCode).toBe(409);
    const receipt = await manager.get(`/allocations/${allocations[0]}/documents/receipt.pdf`);
    expect(receipt.statusCode).toBe(200);
  });

  it("refuses someone else's allocation on the list, and a day that has not come", async () => {
    const p = await programme();
    const other = await programme();
    const someone = await person(other);
    const foreign = (
      await manager.post('/allocations', {
        programmeId: other,
        beneficiaryId: someone.id,
        deviceId: (await ready('laptop')).id,
      })
    ).json();
    const event = (
      await manager.post('/handover-events', { programmeId: p, heldOn: `${year}-12-31` })
    ).json();
    const res = await manager.post(`/handover-events/${event.id}/allocations`, {
      allocationIds: [foreign.id],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('allocationIds.0');
    if (today() < `${year}-12-31`) {
      const mine = await person(p);
      const allocation = (
        await manager.post('/allocations', {
          programmeId: p,
          beneficiaryId: mine.id,
          deviceId: (await ready('laptop')).id,
        })
      ).json();
      await manager.post(`/handover-events/${event.id}/allocations`, { allocationIds: [allocation.id] });
      const early = await manager.post(`/handover-events/${event.id}/handover`, {});
      expect(early.statusCode).toBe(400);
      expect(early.json().errors[0].path).toBe('heldOn');
    }
    const outsider = (await t.member((await t.buildOrganisation()).id, 'admin')).client;
    expect((await outsider.get(`/handover-events/${event.id}`)).statusCode).toBe(404);
  });
});
