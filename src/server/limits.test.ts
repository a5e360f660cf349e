import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../../test/support/app.ts';
import { MAX_LIMIT } from '../lib/pagination.ts';
import { MAX_IMPORT_ROWS } from '../modules/inventory/import/parse-device-file.ts';
import { toProblem } from './errors.ts';

let t: TestApp;
let tech: ApiClient;
let donationId: string;

beforeAll(async () => {
  t = await startTestApp();
  const refurbisher = await t.buildOrganisation({ kinds: ['refurbisher'] });
  const donor = await t.buildOrganisation({ kinds: ['donor'] });
  tech = (await t.member(refurbisher.id, 'technician')).client;
  donationId = (
    await tech.post('/donations', {
      donorOrganisationId: donor.id,
      refurbisherOrganisationId: refurbisher.id,
    })
  ).json().id;
});
afterAll(() => t.close());

/** Every limit answers a problem whose words say which limit, in the caller's language. */
describe('limits, each with a clear message', () => {
  it('body size: 413 naming 1 MB', async () => {
    const body = { name: 'x'.repeat(1_100_000), kinds: ['donor'] };
    const fr = await tech.post('/organisations', body);
    expect(fr.statusCode).toBe(413);
    expect(fr.json()).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      detail: 'Le contenu envoyé dépasse la taille permise (1 MB).',
    });
    const en = await tech.post('/organisations', body, { 'accept-language': 'en' });
    expect(en.json().detail).toContain('1 MB');
  });

  it('uploaded file size: a spreadsheet over 10 MB sent as a form gets 413 naming 10 MB', async () => {
    const boundary = '----sv-limits';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lot.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
      ),
      Buffer.alloc(10 * 1024 * 1024 + 1024, 0x41),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await tech.request('POST', `/devices/import?donationId=${donationId}`, body, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(res.json().detail).toContain('10 MB');
  });

  it(`rows per import: more than ${MAX_IMPORT_ROWS} rows are refused, saying to split the file`, async () => {
    const csv = `type\n${'laptop\n'.repeat(MAX_IMPORT_ROWS + 1)}`;
    const res = await tech.request('POST', `/devices/import?donationId=${donationId}`, csv, {
      'content-type': 'text/csv',
    });
    expect(res.statusCode).toBe(400);
    const messages = JSON.stringify(res.json());
    expect(messages).toContain(`${MAX_IMPORT_ROWS} lignes`);
    expect(messages).toContain('découpez-le');
    expect((await tech.get(`/devices/summary?donationId=${donationId}`)).json().total).toBe(0);
  });

  it(`page size: more than ${MAX_LIMIT} items per page is refused on the limit field, with the maximum`, async () => {
    const res = await tech.get(`/organisations?limit=${MAX_LIMIT + 1}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'limit', message: expect.stringContaining(String(MAX_LIMIT)) },
    ]);
  });

  it('query time: a statement cancelled by statement_timeout is a 503 QUERY_TIMEOUT naming the limit', () => {
    const cancelled = Object.assign(new Error('canceling statement due to statement timeout'), {
      code: '57014',
    });
    const wrapped = Object.assign(new Error('Failed query: select …'), { cause: cancelled });
    const fr = toProblem(wrapped, 'fr', 1024, 30);
    expect(fr.problem).toMatchObject({ status: 503, code: 'QUERY_TIMEOUT', title: 'Opération trop longue' });
    expect(fr.problem.detail).toBe(
      'L’opération a pris plus de 30 secondes et a été interrompue ; rien n’a été enregistré. Réessayez avec moins de données (une période plus courte, un filtre).',
    );
    expect(fr.headers['retry-after']).toBe('30');
    expect(toProblem(wrapped, 'en', 1024, 30).problem.detail).toContain('more than 30 seconds');
  });
});
