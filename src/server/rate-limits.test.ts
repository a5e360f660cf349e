import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const token = '0123456789abcdef0123456789abcdef01234567';
const programme = '00000000-0000-4000-8000-000000000001';

// Every route anyone may call with a link's token or a public form; [method, url, limit, window's words].
const ROUTES: ['GET' | 'POST', string, number, RegExp][] = [
  ['GET', `/public/loans/${token}`, 60, /secondes/],
  ['POST', `/public/loans/${token}/tickets`, 10, /minute/],
  ['GET', `/public/follow-ups/${token}`, 60, /secondes/],
  ['POST', `/public/follow-ups/${token}/answers`, 20, /minute/],
  ['GET', `/invitations/${token}`, 60, /secondes/],
  ['POST', `/invitations/${token}`, 10, /minute/],
  ['GET', `/public/portal/programmes/${programme}`, 60, /secondes/],
  ['POST', `/public/portal/programmes/${programme}/registrations`, 5, /minute/],
  ['POST', `/public/portal/confirmations/${token}`, 30, /minute/],
  ['POST', '/password-resets', 20, /minute/],
  ['GET', `/password-resets/${token}`, 60, /secondes/],
  ['POST', `/password-resets/${token}`, 30, /minute/],
  ['POST', '/session/totp', 30, /secondes/],
];

describe('rate limits on public links and forms', () => {
  it.each(ROUTES)(
    '%s %s: the attempt after %i gets 429 with a clear problem',
    async (method, url, limit, words) => {
      // Each route from an address of its own, so that one route's count cannot explain another's.
      const remoteAddress = `10.0.${ROUTES.findIndex((r) => r[1] === url && r[0] === method)}.7`;
      const call = () =>
        t.app.inject({
          method,
          url: `/api/v1${url}`,
          remoteAddress,
          ...(method === 'POST' ? { payload: {} } : {}),
        });
      for (let i = 0; i < limit; i++) {
        const res = await call();
        expect(res.statusCode, `attempt ${i + 1}`).not.toBe(429);
      }
      const refused = await call();
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({
        code: 'TOO_MANY_REQUESTS',
        status: 429,
        title: 'Trop de tentatives',
      });
      expect(refused.json().detail).toMatch(words);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Another address is not held back.
      const other = await t.app.inject({
        method,
        url: `/api/v1${url}`,
        remoteAddress: '10.9.9.9',
        ...(method === 'POST' ? { payload: {} } : {}),
      });
      expect(other.statusCode).not.toBe(429);
    },
  );

  it('words the wait in the caller’s language', async () => {
    const url = `/api/v1/invitations/${token}`;
    for (let i = 0; i < 10; i++)
      await t.app.inject({ method: 'POST', url, remoteAddress: '10.1.1.1', payload: {} });
    const refused = await t.app.inject({
      method: 'POST',
      url,
      remoteAddress: '10.1.1.1',
      payload: {},
      headers: { 'accept-language': 'en' },
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().detail).toMatch(/Too many attempts from your address\. Try again in \d+ minute/);
  });
});

describe('behind a reverse proxy (TRUST_PROXY=true: one proxy)', () => {
  let proxied: TestApp;
  beforeAll(async () => {
    proxied = await startTestApp({ TRUST_PROXY: 'true' });
  });
  afterAll(() => proxied.close());

  it('counts the address the proxy saw, not one the client wrote into X-Forwarded-For', async () => {
    // nginx appends the client's real address to what the client sent: "forged, real".
    const call = (forged: number) =>
      proxied.app.inject({
        method: 'GET',
        url: `/api/v1/public/loans/${token}`,
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': `198.51.100.${forged}, 203.0.113.9` },
      });
    for (let i = 0; i < 60; i++) expect((await call(i)).statusCode).not.toBe(429);
    expect((await call(200)).statusCode).toBe(429);
  });
});
