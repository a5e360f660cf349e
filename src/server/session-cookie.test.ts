import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../test/support/app.ts';
import { SESSION_MAX_DAYS } from '../modules/organisations/auth.ts';

let t: TestApp;
beforeAll(async () => {
  // Behind a reverse proxy that terminates HTTPS and says so in X-Forwarded-Proto.
  t = await startTestApp({ TRUST_PROXY: '1' });
});
afterAll(() => t.close());

describe('the session cookie', () => {
  it('is Secure when the request came over HTTPS, HttpOnly and SameSite=Lax, kept no longer than a session lasts', async () => {
    const user = await t.buildUser();
    const res = await t.anonymous.post(
      '/session',
      { email: user.email, password: TEST_PASSWORD },
      { 'x-forwarded-proto': 'https' },
    );
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'sv_session');
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.maxAge).toBe(SESSION_MAX_DAYS * 86_400);
  });

  it('is not Secure over plain HTTP (a laptop on localhost), where a Secure cookie would never come back', async () => {
    const user = await t.buildUser();
    const res = await t.anonymous.post('/session', { email: user.email, password: TEST_PASSWORD });
    const cookie = res.cookies.find((c) => c.name === 'sv_session');
    expect(cookie?.secure).toBeFalsy();
  });

  it('is cleared at logout, with the same path', async () => {
    const user = await t.buildUser();
    const client = await t.login(user.email);
    const res = await client.delete('/session');
    expect(res.statusCode).toBe(204);
    const cleared = res.cookies.find((c) => c.name === 'sv_session');
    expect(cleared?.value).toBe('');
    expect(cleared?.path).toBe('/');
    expect((await client.get('/me')).statusCode).toBe(401);
  });
});
