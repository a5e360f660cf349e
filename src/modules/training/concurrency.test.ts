import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { today } from '../../lib/dates.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('gives the last places to exactly as many people as there are, the others waiting, under concurrent requests', async () => {
  const org = await t.buildOrganisation({ kinds: ['prescriber', 'trainer'] });
  const trainer = (await t.member(org.id, 'trainer')).client;
  const socialWorker = (await t.member(org.id, 'social_worker')).client;
  const workshop = (
    await trainer.post('/workshops', { organisationId: org.id, title: 'Atelier', capacity: 2 })
  ).json();
  const people: string[] = [];
  for (let i = 0; i < 6; i++) {
    people.push(
      (
        await socialWorker.post('/beneficiaries', {
          kind: 'person',
          firstName: `Personne${i}`,
          lastName: 'Test',
          consentGivenOn: `${today().slice(0, 4)}-01-01`,
        })
      ).json().id,
    );
  }
  const replies = await Promise.all(
    people.map((beneficiaryId) => trainer.post(`/workshops/${workshop.id}/enrolments`, { beneficiaryId })),
  );
  expect(replies.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
  const statuses = replies.map((r) => r.json().status).sort();
  expect(statuses).toEqual(['enrolled', 'enrolled', 'waiting', 'waiting', 'waiting', 'waiting']);
  const positions = replies
    .map((r) => r.json().waitingPosition)
    .filter((p) => p !== null)
    .sort();
  expect(positions).toEqual([1, 2, 3, 4]);
  // The same person twice at once: one enrolment, one 409.
  const extra = (
    await socialWorker.post('/beneficiaries', {
      kind: 'person',
      firstName: 'Double',
      lastName: 'Clic',
      consentGivenOn: `${today().slice(0, 4)}-01-01`,
    })
  ).json().id;
  const twice = await Promise.all([
    trainer.post(`/workshops/${workshop.id}/enrolments`, { beneficiaryId: extra }),
    trainer.post(`/workshops/${workshop.id}/enrolments`, { beneficiaryId: extra }),
  ]);
  expect(twice.map((r) => r.statusCode).sort()).toEqual([201, 409]);
});
