import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, TEST_PASSWORD, type TestApp } from '../../test/support/app.ts';
import { today } from '../lib/dates.ts';
import { routeOf } from './logging.ts';

const lines: string[] = [];
let t: TestApp;
let socialWorker: ApiClient;
let socialWorkerEmail: string;
beforeAll(async () => {
  // Debug level: every request is logged, the worst case for what could leak.
  t = await startTestApp({ LOG_LEVEL: 'debug' }, { logStream: { write: (line) => lines.push(line) } });
  const centre = await t.buildOrganisation({ kinds: ['prescriber'] });
  const member = await t.member(centre.id, 'social_worker');
  socialWorker = member.client;
  socialWorkerEmail = member.user.email;
});
afterAll(() => t.close());

const person = {
  kind: 'person',
  firstName: 'Gwendoline',
  lastName: 'Zabrowski',
  birthYear: 1980,
  postcode: '45000',
  city: 'Orléans',
  phone: '06 12 34 56 78',
  email: 'gwendoline.zabrowski@example.org',
  deviceNeed: 'laptop',
  consentGivenOn: today(),
};

/** Everything personal or secret the requests below carry. */
function secrets(extra: string[] = []): string[] {
  return [
    socialWorkerEmail,
    TEST_PASSWORD,
    'Gwendoline',
    'Zabrowski',
    'zabrowski',
    '06 12 34 56 78',
    'gwendoline.zabrowski',
    'sv_session=',
    ...extra,
  ];
}

function expectClean(captured: string[], extra: string[] = []) {
  expect(captured.length).toBeGreaterThan(0);
  const text = captured.join('');
  for (const secret of secrets(extra)) expect(text, `"${secret}" in the logs`).not.toContain(secret);
}

describe('log lines', () => {
  it('of a login, a people search and failing requests hold no e-mail, password, name or token', async () => {
    const start = lines.length;
    const login = await t.anonymous.post('/session', { email: socialWorkerEmail, password: TEST_PASSWORD });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.name === 'sv_session')?.value ?? '';
    const wrong = await t.anonymous.post('/session', {
      email: socialWorkerEmail,
      password: `${TEST_PASSWORD}!`,
    });
    expect(wrong.statusCode).toBe(401);

    expect((await socialWorker.post('/beneficiaries', person)).statusCode).toBe(201);
    const search = await socialWorker.get('/beneficiaries?q=Zabrowski');
    expect(search.statusCode).toBe(200);
    expect(search.json().items).toHaveLength(1);
    // Refused with the personal values in the body and the query string.
    const invalid = await socialWorker.post('/beneficiaries', { ...person, birthYear: 'Gwendoline' });
    expect(invalid.statusCode).toBe(400);
    const token = 'a'.repeat(40);
    expect(
      (await t.anonymous.get(`/public/follow-ups/${token}?email=gwendoline.zabrowski@example.org`))
        .statusCode,
    ).toBe(404);

    // A database failure: the driver's message quotes the query's parameters (here, the name searched).
    await t.database.db.execute(sql`ALTER TABLE beneficiaries RENAME TO beneficiaries_away`);
    try {
      const failed = await socialWorker.get('/beneficiaries?q=Zabrowski');
      expect(failed.statusCode).toBe(500);
      expect(failed.body).not.toContain('Zabrowski');
    } finally {
      await t.database.db.execute(sql`ALTER TABLE beneficiaries_away RENAME TO beneficiaries`);
    }

    const captured = lines.slice(start);
    expectClean(captured, [cookie, token]);
    const records = captured.map((line) => JSON.parse(line) as Record<string, unknown>);
    // Still useful: the route searched and the failure's kind are there.
    expect(records.some((r) => JSON.stringify(r.req ?? {}).includes('/api/v1/beneficiaries'))).toBe(true);
    const failure = records.find((r) => r.msg === 'request failed');
    expect(failure?.failure).toMatchObject({ pgCode: '42P01' });
  });
});

describe('routeOf', () => {
  it('gives the matched pattern, or the path without its query and with secret-looking segments masked', () => {
    expect(
      routeOf({ url: '/api/v1/public/loans/abc?x=1', routeOptions: { url: '/api/v1/public/loans/:token' } }),
    ).toBe('/api/v1/public/loans/:token');
    expect(routeOf({ url: `/suivi/${'f'.repeat(40)}?lang=en` })).toBe('/suivi/:secret');
    expect(routeOf({ url: '/people/jane%40example.org/x' })).toBe('/people/:secret/x');
    expect(routeOf({ url: '/stock?q=Martin' })).toBe('/stock');
  });
});
