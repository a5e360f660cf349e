import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp, unique } from '../../../test/support/app.ts';
import { today } from '../../lib/dates.ts';

/**
 * Two people acting on the same records at the same moment. On a PostgreSQL server (CI runs these tests
 * against one too) transactions really overlap: these answers must never be 500, and rules counted
 * across rows (a prescriber's quota) must hold.
 */
let t: TestApp;
let manager: ApiClient;
let socialWorker: ApiClient;
const year = today().slice(0, 4);

beforeAll(async () => {
  t = await startTestApp();
  const ccas = await t.buildOrganisation({ kinds: ['prescriber', 'coordinator'] });
  manager = (await t.member(ccas.id, 'manager')).client;
  socialWorker = (await t.member(ccas.id, 'social_worker')).client;
});
afterAll(() => t.close());

async function programme(extra: Record<string, unknown> = {}): Promise<string> {
  const res = await manager.post('/programmes', {
    name: unique('P '),
    mode: 'donation',
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    ...extra,
  });
  return res.json().id;
}

async function person(): Promise<string> {
  const res = await socialWorker.post('/beneficiaries', {
    kind: 'person',
    firstName: unique('Léa'),
    lastName: 'Girard',
    consentGivenOn: `${year}-01-01`,
  });
  return res.json().id;
}

it("keeps a prescriber's quota when its social workers refer several people at once", async () => {
  const programmeId = await programme({ eligibility: { maxOpenReferralsPerPrescriber: 2 } });
  const people = await Promise.all([person(), person(), person(), person(), person()]);
  const answers = await Promise.all(
    people.map((beneficiaryId) => socialWorker.post('/referrals', { beneficiaryId, programmeId })),
  );
  expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 201, 422, 422, 422]);
  const open = (await manager.get(`/referrals?programmeId=${programmeId}`)).json().items;
  expect(open).toHaveLength(2);
});

it('never fails with a 500 when an erasure, a merge and referral changes meet', async () => {
  for (let round = 0; round < 5; round++) {
    const programmeId = await programme();
    const a = await person();
    const b = await person();
    const referral = (await socialWorker.post('/referrals', { beneficiaryId: a, programmeId })).json();
    await socialWorker.post('/referrals', { beneficiaryId: b, programmeId: await programme() });
    const answers = await Promise.all([
      manager.post(`/beneficiaries/${a}/erasure`),
      socialWorker.post(`/referrals/${referral.id}/status`, { status: 'exited', exitReason: 'withdrew' }),
      manager.patch(`/referrals/${referral.id}`, { priority: true }),
      socialWorker.patch(`/beneficiaries/${a}`, { city: 'Gien' }),
      socialWorker.post(`/beneficiaries/${a}/merge`, { duplicateId: b }),
      socialWorker.post(`/beneficiaries/${b}/merge`, { duplicateId: a }),
    ]);
    for (const answer of answers) expect([200, 201, 409, 422], answer.body).toContain(answer.statusCode);
    // Whatever the order, the erasure went through or was refused cleanly: never half done.
    const record = (await manager.get(`/beneficiaries/${a}`)).json();
    if (record.anonymisedAt) expect(record.firstName).toBeNull();
  }
});
