import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { today } from '../../lib/dates.ts';
import { loadSession } from './sessions.ts';

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

it('refuses one of two overlapping sessions of one trainer in two workshops asked for at the same time', async () => {
  const org = await t.buildOrganisation({ kinds: ['trainer'] });
  const { user, client: trainer } = await t.member(org.id, 'trainer');
  const workshop = async (title: string) =>
    (await trainer.post('/workshops', { organisationId: org.id, title, trainerUserId: user.id })).json()
      .id as string;
  const [a, b] = [await workshop('Matin'), await workshop('Même matin')];
  // Several days, each asked for in both workshops at once: one session a day passes, the other overlaps.
  const days = [3, 4, 5, 6, 7].map((d) => {
    const startsAt = new Date(Date.now() + d * 86_400_000);
    startsAt.setUTCHours(8, 0, 0, 0);
    return {
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString(),
    };
  });
  const replies = await Promise.all(
    days.flatMap((slot) => [
      trainer.post(`/workshops/${a}/sessions`, slot),
      trainer.post(`/workshops/${b}/sessions`, slot),
    ]),
  );
  for (let i = 0; i < days.length; i++) {
    const pair = [replies[2 * i]?.statusCode, replies[2 * i + 1]?.statusCode].sort();
    expect(pair).toEqual([201, 422]);
  }
});

it('answers 404 only for a session not found or not visible, never for a lock timeout', async () => {
  const org = await t.buildOrganisation({ kinds: ['trainer'] });
  const trainer = (await t.member(org.id, 'trainer')).client;
  const workshopId = (await trainer.post('/workshops', { organisationId: org.id, title: 'Verrou' })).json()
    .id;
  const startsAt = new Date(Date.now() + 86_400_000);
  const session = await trainer.post(`/workshops/${workshopId}/sessions`, {
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
  });
  expect(session.statusCode, session.body).toBe(201);
  // The workshop's row cannot be locked in time: the database's error comes through as it is.
  const lockTimeout = Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' });
  const db = t.database.db;
  let selects = 0;
  const failing = {
    from: () => ({
      where: () => {
        const rejected = Promise.reject(lockTimeout);
        rejected.catch(() => undefined);
        return Object.assign(rejected, { for: () => rejected });
      },
    }),
  };
  const busy = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'select') {
        return (...args: Parameters<typeof target.select>) => {
          selects += 1;
          return selects === 2 ? failing : target.select(...args);
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
  await expect(loadSession(busy, t.system, session.json().id, true)).rejects.toBe(lockTimeout);
  selects = 0;
  await expect(loadSession(db, t.system, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
    code: 'NOT_FOUND',
  });
});
