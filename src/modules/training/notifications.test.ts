import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp, unique } from '../../../test/support/app.ts';
import { readPdf } from '../../../test/support/pdf.ts';
import { startSmtpServer } from '../../../test/support/smtp.ts';
import { today } from '../../lib/dates.ts';
import { signInSheetPdf } from './documents/sign-in-sheet.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const year = today().slice(0, 4);
const HOUR = 3_600_000;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Seconde Vie <contact@seconde-vie.example>' });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

async function setUp() {
  const org = await t.buildOrganisation({
    name: unique('CCAS de Saint-Aubin '),
    kinds: ['prescriber', 'trainer'],
  });
  const manager = (await t.member(org.id, 'manager')).client;
  const socialWorker = (await t.member(org.id, 'social_worker')).client;
  const workshop = (
    await manager.post('/workshops', {
      title: 'Premiers pas sur tablette',
      organisationId: org.id,
      place: 'Médiathèque',
      capacity: 8,
    })
  ).json();
  const people: string[] = [];
  for (const [firstName, email] of [
    ['Jeanne', 'jeanne.roux@example.org'],
    ['Mohamed', 'mohamed.b@example.org'],
    ['Paul', null],
  ] as const) {
    const res = await socialWorker.post('/beneficiaries', {
      kind: 'person',
      firstName,
      lastName: 'Atelier',
      consentGivenOn: `${year}-01-01`,
      ...(email ? { email } : {}),
    });
    expect(res.statusCode, res.body).toBe(201);
    people.push(res.json().id);
    expect(
      (await manager.post(`/workshops/${workshop.id}/enrolments`, { beneficiaryId: res.json().id }))
        .statusCode,
    ).toBe(201);
  }
  const startsAt = new Date(Date.now() + 5 * 24 * HOUR);
  const session = (
    await manager.post(`/workshops/${workshop.id}/sessions`, {
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3 * HOUR).toISOString(),
    })
  ).json();
  return { org, manager, workshop, session, people, startsAt };
}

it('e-mails the enrolled people who have an address when a session moves, then when it is cancelled', async () => {
  const { manager, session, startsAt } = await setUp();
  const before = smtp.received.length;
  const later = new Date(startsAt.getTime() + 24 * HOUR);
  const moved = await manager.patch(`/sessions/${session.id}`, {
    startsAt: later.toISOString(),
    endsAt: new Date(later.getTime() + 3 * HOUR).toISOString(),
  });
  expect(moved.statusCode, moved.body).toBe(200);
  expect(moved.json()).toMatchObject({ notified: 2, startsAt: later.toISOString() });
  expect(moved.json().moves).toHaveLength(1);
  const mails = (await smtp.waitFor(before + 2)).slice(before);
  expect(mails.flatMap((m) => m.to).sort()).toEqual(['jeanne.roux@example.org', 'mohamed.b@example.org']);
  const jeanne = mails.find((m) => m.to.includes('jeanne.roux@example.org'));
  expect(jeanne?.raw).toMatch(/Bonjour Jeanne Atelier/);
  expect(jeanne?.raw).toMatch(/est déplacée au/);
  expect(jeanne?.raw).toMatch(/Premiers pas sur tablette/);
  expect(jeanne?.raw).toMatch(/text\/html/);

  const cancelled = await manager.post(`/sessions/${session.id}/cancellation`, {
    reason: 'La médiathèque est fermée ce jour-là.',
  });
  expect(cancelled.statusCode, cancelled.body).toBe(200);
  expect(cancelled.json()).toMatchObject({
    notified: 2,
    cancelReason: 'La médiathèque est fermée ce jour-là.',
  });
  const more = (await smtp.waitFor(before + 4)).slice(before + 2);
  expect(more.every((m) => /est annulée/.test(m.raw) && /médiathèque est fermée/.test(m.raw))).toBe(true);
  expect((await manager.post(`/sessions/${session.id}/cancellation`, { reason: 'again' })).statusCode).toBe(
    409,
  );
  expect((await manager.patch(`/sessions/${session.id}`, { place: 'ailleurs' })).statusCode).toBe(409);
});

it('writes no e-mail when told not to, nor for a change of capacity only', async () => {
  const { manager, session, startsAt } = await setUp();
  const capacity = await manager.patch(`/sessions/${session.id}`, { capacity: 6 });
  expect(capacity.json()).toMatchObject({ notified: 0, capacity: 6 });
  const later = new Date(startsAt.getTime() + 2 * HOUR);
  const quiet = await manager.patch(`/sessions/${session.id}`, {
    startsAt: later.toISOString(),
    endsAt: new Date(later.getTime() + HOUR).toISOString(),
    notify: false,
  });
  expect(quiet.json()).toMatchObject({ notified: 0 });
});

it('prints the sign-in sheet of a session: organisation, workshop, day, place, names and room to sign', async () => {
  const { org, manager, session } = await setUp();
  const res = await manager.get(`/sessions/${session.id}/sign-in-sheet.pdf`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  const { text } = await readPdf(res.rawPayload);
  expect(text).toContain('Feuille d’émargement');
  expect(text).toContain(org.name);
  expect(text).toContain('Premiers pas sur tablette');
  expect(text).toContain('Médiathèque');
  expect(text).toContain('Jeanne Atelier');
  expect(text).toContain('Mohamed Atelier');
  expect(text).toContain('Signature');
  const english = await manager.get(`/sessions/${session.id}/sign-in-sheet.pdf`, { 'accept-language': 'en' });
  expect((await readPdf(english.rawPayload)).text).toContain('Sign-in sheet');
});

it('renders a long list over several pages, the header repeated', async () => {
  const names = Array.from({ length: 70 }, (_, i) => `Personne ${i + 1}`);
  const pdf = await signInSheetPdf(
    {
      organisation: { name: 'CCAS', city: 'Saint-Aubin-sur-Loire' },
      workshopTitle: 'Atelier',
      programmeName: 'Former puis équiper',
      trainerName: 'Julien Petit',
      startsAt: new Date('2026-03-30T07:00:00Z'),
      endsAt: new Date('2026-03-30T10:00:00Z'),
      place: null,
      names,
      blankRows: 3,
      timeZone: 'Europe/Paris',
    },
    'fr',
  );
  const read = await readPdf(pdf);
  expect(read.totalPages).toBeGreaterThan(1);
  expect(read.pages.every((p) => p.includes('Signature'))).toBe(true);
  expect(read.text).toContain('Personne 70');
  expect(read.text).toContain('lundi 30 mars 2026');
  expect(read.text).toContain('09:00');
});
