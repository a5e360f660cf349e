import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { today } from '../lib/dates.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('health', () => {
  it('answers without login with the database mode and version', async () => {
    const res = await t.anonymous.get('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      database: process.env.DATABASE_URL ? 'postgres' : 'embedded',
      version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
  });
});

describe('security headers', () => {
  it('sends the same headers on every reply, a refusal included: no inline script, no framing', async () => {
    for (const res of [await t.anonymous.get('/health'), await t.anonymous.get('/organisations')]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp.match(/script-src[^;]*/)?.[0]).toBe("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});

describe('authentication is checked first', () => {
  it('answers 401 on a protected route before validating the body', async () => {
    const res = await t.anonymous.post('/organisations', { name: 12 });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('answers 401 for an unknown bearer token', async () => {
    const res = await t.anonymous.get('/organisations', { authorization: 'Bearer sv_nope' });
    expect(res.statusCode).toBe(401);
  });
});

describe('errors', () => {
  it('answers an unknown API route with a problem in French by default', async () => {
    const admin = await t.admin();
    const res = await admin.get('/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', title: 'Introuvable' });
  });

  it('speaks English when asked', async () => {
    const admin = await t.admin();
    const res = await admin.get('/nothing-here', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(res.json()).toMatchObject({ title: 'Not found' });
  });

  it('refuses a body that is not JSON with a clear message', async () => {
    const admin = await t.admin();
    const res = await admin.request('POST', '/organisations', '{"name": ', {
      'content-type': 'application/json',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('INVALID_INPUT');
  });

  it('refuses a body over 1 MB with 413', async () => {
    const admin = await t.admin();
    const res = await admin.post('/organisations', { name: 'x'.repeat(1_100_000), kinds: ['donor'] });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(res.json().detail).toContain('1 MB');
  });
});

describe('first run', () => {
  it('tells whether any account exists, without login', async () => {
    const res = await t.anonymous.get('/setup');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveProperty('hasUsers');
  });

  it("gives the instance's time zone and day, so that forms say « today » as the server counts it", async () => {
    const res = await t.anonymous.get('/setup');
    expect(res.json()).toMatchObject({ timeZone: process.env.TZ || 'Europe/Paris', today: today() });
  });
});

describe('OpenAPI', () => {
  it('describes every endpoint of the stable core', async () => {
    const res = await t.anonymous.get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const [path, method] of [
      ['/api/v1/health', 'get'],
      ['/api/v1/session', 'post'],
      ['/api/v1/session', 'delete'],
      ['/api/v1/tokens', 'post'],
      ['/api/v1/organisations', 'post'],
      ['/api/v1/organisations', 'get'],
      ['/api/v1/organisations/{id}', 'get'],
      ['/api/v1/organisations/{id}/members', 'post'],
      ['/api/v1/donations', 'post'],
      ['/api/v1/donations/{id}', 'get'],
      ['/api/v1/devices', 'post'],
      ['/api/v1/devices', 'get'],
      ['/api/v1/devices/import', 'post'],
      ['/api/v1/devices/{id}', 'get'],
      ['/api/v1/devices/{id}', 'patch'],
      ['/api/v1/devices/{id}/erasures', 'post'],
      ['/api/v1/devices/{id}/status', 'post'],
      ['/api/v1/devices/{id}/erasure-certificate.pdf', 'get'],
      ['/api/v1/devices/labels.pdf', 'get'],
      ['/api/v1/reports/donations/{id}', 'get'],
      ['/api/v1/reports/donations/{id}.pdf', 'get'],
      ['/api/v1/reports/donations/{id}.csv', 'get'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    expect(doc.components.schemas.Problem).toBeDefined();
    const certificate = doc.paths['/api/v1/devices/{id}/erasure-certificate.pdf'].get.responses['200'];
    expect(Object.keys(certificate.content)).toEqual(['application/pdf']);
  });

  it('serves the documentation page to a person', async () => {
    const res = await t.anonymous.get('/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });
});

describe('hardening', () => {
  it('refuses a NUL character with 400 and a clear message', async () => {
    const admin = await t.admin();
    const res = await admin.post('/organisations', { name: 'Nul\u0000le', kinds: ['donor'] });
    expect(res.statusCode).toBe(400);
    const login = await t.anonymous.post('/session', { email: 'a\u0000@example.org', password: 'x' });
    expect(login.statusCode).toBe(400);
  });

  it('checks authentication on the matched route, whatever the URL encoding', async () => {
    expect((await t.anonymous.post('/api/%761/organisations', { name: 1 })).statusCode).toBe(401);
  });

  it('accepts import bodies on the import route only', async () => {
    const res = await t.anonymous.request('POST', '/session', 'email,password\n', {
      'content-type': 'text/csv',
    });
    expect(res.statusCode).toBe(415);
  });

  it('clears a stale session cookie at logout', async () => {
    const res = await t.anonymous.request('DELETE', '/session', undefined, {
      cookie: 'sv_session=expired-or-unknown',
    });
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((c) => c.name === 'sv_session')?.value).toBe('');
  });

  it('answers a truncated multipart body with 400', async () => {
    const admin = await t.admin();
    const res = await admin.request(
      'POST',
      '/devices/import?donationId=00000000-0000-4000-8000-000000000000',
      '--x\r\nContent-Disposition: form-data; name="file"',
      {
        'content-type': 'multipart/form-data; boundary=x',
      },
    );
    expect([400, 404]).toContain(res.statusCode);
  });
});
