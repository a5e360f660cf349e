import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestApp, TEST_PASSWORD, type TestApp } from '../../test/support/app.ts';
import { apiTokens } from '../modules/organisations/schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

// The test app's PUBLIC_URL is http://localhost:3999; inject() addresses the host `localhost:80`.
const APP_PAGE = { origin: 'http://localhost:3999', 'sec-fetch-site': 'same-origin' };
const EVIL = { origin: 'https://evil.example' };

async function tokensOf(userId: string) {
  return t.database.db.select().from(apiTokens).where(eq(apiTokens.userId, userId));
}

describe('cross-site request forgery', () => {
  it('refuses a cookie-authenticated write from another site, and records nothing', async () => {
    const user = await t.buildUser();
    const client = await t.login(user.email);
    const attempts: Record<string, string>[] = [
      EVIL,
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' }, // a sibling sub-domain
      { origin: 'null' },
    ];
    for (const headers of attempts) {
      const res = await client.post('/tokens', { name: 'planted' }, headers);
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'CSRF_REJECTED', status: 403 });
      expect(res.json().detail).toContain('autre site');
    }
    const english = await client.post('/tokens', { name: 'planted' }, { ...EVIL, 'accept-language': 'en' });
    expect(english.json().detail).toContain('another website');
    expect(await tokensOf(user.id)).toEqual([]);
    // Reads are not writes: a cross-site GET is answered (the browser keeps the reply from the page).
    expect((await client.get('/me', EVIL)).statusCode).toBe(200);
  });

  it("lets the app's own pages write: same origin, what was typed, the host addressed or PUBLIC_URL", async () => {
    const user = await t.buildUser();
    const client = await t.login(user.email);
    const pages: Record<string, string>[] = [
      APP_PAGE,
      { 'sec-fetch-site': 'none' },
      { origin: 'http://localhost:3999' },
      { origin: 'http://localhost:80' },
      { origin: 'http://localhost' },
    ];
    for (const headers of pages) {
      expect((await client.post('/tokens', { name: 'mine' }, headers)).statusCode).toBe(201);
    }
    expect(await tokensOf(user.id)).toHaveLength(5);
  });

  it('lets a script without Origin or Sec-Fetch-Site through (no browser sends neither)', async () => {
    const user = await t.buildUser();
    const client = await t.login(user.email);
    expect((await client.post('/tokens', { name: 'script' })).statusCode).toBe(201);
  });

  it('does not concern bearer tokens, which no visited page can borrow', async () => {
    const user = await t.buildUser();
    const client = await t.login(user.email);
    const { token } = (await client.post('/tokens', { name: 'cli' })).json();
    const script = new ApiClient(t.app, { authorization: `Bearer ${token}` });
    const res = await script.post('/tokens', { name: 'from a script' }, EVIL);
    expect(res.statusCode).toBe(201);
  });

  it('refuses a cross-site login (it would log the victim into an account of the attacker)', async () => {
    const user = await t.buildUser();
    const refused = await t.anonymous.post('/session', { email: user.email, password: TEST_PASSWORD }, EVIL);
    expect(refused.statusCode).toBe(403);
    expect(refused.cookies.find((c) => c.name === 'sv_session')).toBeUndefined();
    const ok = await t.anonymous.post('/session', { email: user.email, password: TEST_PASSWORD }, APP_PAGE);
    expect(ok.statusCode).toBe(200);
  });

  it("keeps the public forms working from the app's own pages, and refuses them from another site", async () => {
    const forms: [string, unknown][] = [
      [`/public/portal/programmes/${crypto.randomUUID()}/registrations`, {}],
      ['/public/portal/confirmations/0123456789abcdef', undefined],
      ['/public/loans/0123456789abcdef/tickets', { description: 'Écran noir' }],
      ['/public/follow-ups/0123456789abcdef/answers', {}],
      ['/invitations/0123456789abcdef', { password: 'a long enough password' }],
    ];
    for (const [url, body] of forms) {
      // Reaching the form's own checks (an unknown link, a body to complete), not the CSRF refusal.
      const own = await t.anonymous.post(url, body, APP_PAGE);
      expect([400, 404], url).toContain(own.statusCode);
      const cross = await t.anonymous.post(url, body, EVIL);
      expect(cross.statusCode, url).toBe(403);
      expect(cross.json().code).toBe('CSRF_REJECTED');
    }
  });
});
