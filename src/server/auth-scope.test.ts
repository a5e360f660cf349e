/**
 * The session is looked up for /api only: the guide (and the web app's page and files) answer without a
 * database round trip for the cookie, even when the cookie names a session that has ended.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import * as organisationAuth from '../modules/organisations/auth.ts';

vi.mock('../modules/organisations/auth.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../modules/organisations/auth.ts')>();
  return {
    ...actual,
    authenticateSession: vi.fn(actual.authenticateSession),
    authenticateApiToken: vi.fn(actual.authenticateApiToken),
  };
});

const sessionReads = vi.mocked(organisationAuth.authenticateSession);
const tokenReads = vi.mocked(organisationAuth.authenticateApiToken);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('the authentication hook', () => {
  it('looks the session up for the API, not for the guide', async () => {
    const user = await t.buildUser();
    const client = await t.login(user.email);
    const cookie = client.headers.cookie ?? '';
    sessionReads.mockClear();
    expect((await client.get('/me')).statusCode).toBe(200);
    expect(sessionReads).toHaveBeenCalledTimes(1);

    sessionReads.mockClear();
    tokenReads.mockClear();
    for (const url of [
      '/aide/fr/',
      '/aide/en/premiers-pas',
      '/aide/images/fr/premiers-pas-1.jpg',
      '/aide/guide.css',
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, url).toBe(200);
    }
    const bearer = await t.app.inject({
      method: 'GET',
      url: '/aide/fr/',
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(bearer.statusCode).toBe(200);
    expect(sessionReads).not.toHaveBeenCalled();
    expect(tokenReads).not.toHaveBeenCalled();
  });

  it('serves the guide to a browser whose session has ended (its cookie is never read there)', async () => {
    const user = await t.buildUser();
    const client = await t.login(user.email);
    expect((await client.delete('/session')).statusCode).toBe(204);
    expect((await client.get('/me')).statusCode).toBe(401);
    sessionReads.mockClear();
    const page = await t.app.inject({ method: 'GET', url: '/aide/fr/', headers: client.headers });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="fr">');
    expect(sessionReads).not.toHaveBeenCalled();
  });
});
