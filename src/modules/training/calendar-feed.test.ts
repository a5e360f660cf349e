import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/app.ts';

let t: TestApp;
let trainer: ApiClient;
let colleague: ApiClient;
let outsider: ApiClient;
let trainerId: string;
let workshopId: string;

/** The events of an iCalendar text, unfolded, as property maps (enough to read a feed back). */
function parseIcs(text: string): Record<string, string>[] {
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  expect(lines.every((l) => Buffer.byteLength(l) <= 75 * 4)).toBe(true);
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT' && current) {
      events.push(current);
      current = null;
    } else if (current) {
      const at = line.indexOf(':');
      current[line.slice(0, at)] = line
        .slice(at + 1)
        .replace(/\\([,;\\])/g, '$1')
        .replace(/\\n/g, '\n');
    }
  }
  return events;
}

beforeAll(async () => {
  t = await startTestApp();
  const org = await t.buildOrganisation({ kinds: ['trainer'] });
  const member = await t.member(org.id, 'trainer');
  trainer = member.client;
  trainerId = member.user.id;
  colleague = (await t.member(org.id, 'trainer')).client;
  outsider = (await t.member((await t.buildOrganisation()).id, 'manager')).client;
  const workshop = await trainer.post('/workshops', {
    organisationId: org.id,
    title: 'Atelier « courriel », niveau 1; débutants',
    place: 'Médiathèque, salle 2',
    trainerUserId: trainerId,
  });
  workshopId = workshop.json().id;
  const created = await trainer.post(`/workshops/${workshopId}/sessions/recurrence`, {
    weekdays: [2, 4],
    startTime: '14:00',
    endTime: '16:30',
    firstDay: '2026-03-24',
    weeks: 2,
  });
  expect(created.statusCode, created.body).toBe(201);
  await colleague.post('/workshops', { organisationId: org.id, title: 'Autre atelier' });
});
afterAll(() => t.close());

it('lists the sessions across workshops for a calendar, by days and by trainer', async () => {
  const all = (await trainer.get('/sessions?from=2026-03-24&to=2026-04-05')).json();
  expect(all.items.map((s: { startsAt: string }) => s.startsAt)).toEqual([
    '2026-03-24T13:00:00.000Z',
    '2026-03-26T13:00:00.000Z',
    '2026-03-31T12:00:00.000Z',
    '2026-04-02T12:00:00.000Z',
  ]);
  expect(all.items[0]).toMatchObject({
    workshopId,
    trainerUserId: trainerId,
    workshopPlace: 'Médiathèque, salle 2',
  });
  const page = (await trainer.get('/sessions?from=2026-03-24&to=2026-04-05&limit=3')).json();
  const rest = (
    await trainer.get(`/sessions?from=2026-03-24&to=2026-04-05&limit=3&cursor=${page.nextCursor}`)
  ).json();
  expect([...page.items, ...rest.items]).toHaveLength(4);
  expect((await trainer.get('/sessions?mine=true')).json().items).toHaveLength(4);
  expect((await colleague.get('/sessions?mine=true')).json().items).toHaveLength(0);
  expect((await trainer.get('/sessions?from=2026-03-25&to=2026-03-26')).json().items).toHaveLength(1);
  expect((await outsider.get('/sessions')).json().items).toEqual([]);
});

it('gives the same sessions as an .ics feed that reads back, a moved session updating its event', async () => {
  const sessions = (await trainer.get(`/workshops/${workshopId}`)).json().sessions;
  const moved = await trainer.patch(`/sessions/${sessions[1].id}`, {
    startsAt: '2026-03-27T13:00:00.000Z',
    endsAt: '2026-03-27T15:30:00.000Z',
  });
  expect(moved.statusCode, moved.body).toBe(200);
  await trainer.post(`/sessions/${sessions[3].id}/cancellation`, { reason: 'Grève' });
  const res = await trainer.get(`/sessions.ics?workshopId=${workshopId}`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
  const events = parseIcs(res.body);
  expect(events).toHaveLength(4);
  expect(events[0]).toMatchObject({
    UID: `${sessions[0].id}@seconde-vie`,
    DTSTART: '20260324T130000Z',
    DTEND: '20260324T153000Z',
    SUMMARY: 'Atelier « courriel », niveau 1; débutants',
    LOCATION: 'Médiathèque, salle 2',
    STATUS: 'CONFIRMED',
    SEQUENCE: '0',
  });
  const movedEvent = events.find((e) => e.UID === `${sessions[1].id}@seconde-vie`);
  expect(movedEvent).toMatchObject({ DTSTART: '20260327T130000Z', SEQUENCE: '1' });
  expect(events.find((e) => e.UID === `${sessions[3].id}@seconde-vie`)).toMatchObject({
    STATUS: 'CANCELLED',
  });
  expect(parseIcs((await outsider.get(`/sessions.ics?workshopId=${workshopId}`)).body)).toEqual([]);
});

it('previews a recurrence that would overlap, naming the days', async () => {
  const preview = await trainer.post(`/workshops/${workshopId}/sessions/recurrence`, {
    weekdays: [2],
    startTime: '15:00',
    endTime: '17:00',
    firstDay: '2026-03-24',
    weeks: 3,
    preview: true,
  });
  expect(preview.statusCode, preview.body).toBe(200);
  expect(preview.json().conflicts).toEqual([
    { index: 0, day: '2026-03-24', message: expect.stringMatching(/chevauche/) },
    { index: 1, day: '2026-03-31', message: expect.stringMatching(/chevauche/) },
  ]);
});

it('says so in the feed when it holds only the first 2,000 sessions', async () => {
  const workshop = (await trainer.post('/workshops', { title: 'Très long atelier' })).json().id as string;
  await t.database.pool.query(
    `INSERT INTO workshop_sessions (workshop_id, starts_at, ends_at)
     SELECT $1::uuid, timestamptz '2030-01-01 09:00+01' + k * interval '1 day',
            timestamptz '2030-01-01 10:00+01' + k * interval '1 day'
     FROM generate_series(0, 2000) k`,
    [workshop],
  );
  const res = await trainer.get(`/sessions.ics?workshopId=${workshop}`);
  expect(res.statusCode, res.body).toBe(200);
  const events = parseIcs(res.body);
  const sessions = events.filter((e) => e.SUMMARY === 'Très long atelier');
  expect(sessions).toHaveLength(2000);
  expect(events[events.length - 1]).toMatchObject({ SUMMARY: 'Suite non incluse' });
  expect(events[events.length - 1]?.DESCRIPTION).toMatch(/2000 premières séances/);
  expect(res.body).toContain('X-WR-CALDESC:');
  // A shorter period: everything, and no note.
  const short = parseIcs((await trainer.get(`/sessions.ics?workshopId=${workshop}&to=2030-01-31`)).body);
  expect(short).toHaveLength(31);
  expect(short.some((e) => e.SUMMARY === 'Suite non incluse')).toBe(false);
});
