import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { HEALTH_TIMEOUT_MS } from './system-routes.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('GET /health', () => {
  it('asks the database, and keeps its documented reply', async () => {
    const query = vi.spyOn(t.database.pool, 'query');
    const res = await t.anonymous.get('/health');
    expect(query).toHaveBeenCalledWith('SELECT 1');
    query.mockRestore();
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual(['database', 'status', 'version']);
  });

  it('answers 503 with a problem when the database refuses', async () => {
    const query = vi
      .spyOn(t.database.pool, 'query')
      .mockImplementationOnce(() => Promise.reject(new Error('connect ECONNREFUSED')) as never);
    const res = await t.anonymous.get('/health', { 'accept-language': 'en' });
    query.mockRestore();
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'UNAVAILABLE', status: 503 });
    expect(res.json().detail).toContain('The database does not answer');
    expect(res.body).not.toContain('ECONNREFUSED');
  });

  it(`answers 503 within ${HEALTH_TIMEOUT_MS / 1000} seconds when the database hangs`, async () => {
    const query = vi
      .spyOn(t.database.pool, 'query')
      .mockImplementationOnce(() => new Promise(() => {}) as never);
    const started = Date.now();
    const res = await t.anonymous.get('/health');
    query.mockRestore();
    expect(res.statusCode).toBe(503);
    expect(res.json().detail).toContain('La base de données ne répond pas');
    expect(Date.now() - started).toBeLessThan(HEALTH_TIMEOUT_MS + 1500);
    // And it recovers as soon as the database answers again.
    expect((await t.anonymous.get('/health')).statusCode).toBe(200);
  });
});
