import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/app.ts';
import { isPrintableImage } from '../../lib/pdf.ts';

let t: TestApp;
let admin: ApiClient;
let manager: ApiClient;
let outsiderAdmin: ApiClient;
let organisation: { id: string };

/** A valid PNG of width × height pixels, RGBA (with transparency), every pixel the same colour. */
function png(width: number, height: number, idat?: Buffer): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 4, 0x80)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', idat ?? pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const dataUrl = (bytes: Buffer, type = 'image/png') => `data:${type};base64,${bytes.toString('base64')}`;

beforeAll(async () => {
  t = await startTestApp();
  organisation = await t.buildOrganisation({ kinds: ['refurbisher'] });
  admin = (await t.member(organisation.id, 'admin')).client;
  manager = (await t.member(organisation.id, 'manager')).client;
  outsiderAdmin = (await t.member((await t.buildOrganisation()).id, 'admin')).client;
});
afterAll(() => t.close());

it('tells an image pdfkit can print from a damaged one', () => {
  const max = { width: 2000, height: 2000 };
  expect(isPrintableImage(png(40, 20), max)).toBe(true);
  // Right header, pixels that do not inflate: pdfkit would fail later, outside any error handling.
  expect(isPrintableImage(png(40, 20, Buffer.from('not deflate data')), max)).toBe(false);
  expect(isPrintableImage(Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01]), max)).toBe(false);
  expect(isPrintableImage(Buffer.from('GIF89a'), max)).toBe(false);
  // Larger than allowed: refused from the header, before anything is inflated.
  expect(isPrintableImage(png(2001, 10), max)).toBe(false);
  // A small file whose pixels unfold beyond what its header announces: refused, not inflated in full.
  const bomb = png(10, 10, deflateSync(Buffer.alloc(50_000_000)));
  expect(bomb.length).toBeLessThan(100_000);
  expect(isPrintableImage(bomb, max)).toBe(false);
});

it('keeps the logo an administrator gives, serves it to any signed-in user, and removes it', async () => {
  const image = png(120, 40);
  expect((await admin.get(`/organisations/${organisation.id}`)).json().hasLogo).toBe(false);
  expect((await admin.get(`/organisations/${organisation.id}/logo`)).statusCode).toBe(404);

  const set = await admin.put(`/organisations/${organisation.id}/logo`, { image: dataUrl(image) });
  expect(set.statusCode, set.body).toBe(200);
  expect(set.json().hasLogo).toBe(true);
  const served = await outsiderAdmin.get(`/organisations/${organisation.id}/logo`);
  expect(served.statusCode).toBe(200);
  expect(served.headers['content-type']).toBe('image/png');
  expect(served.rawPayload.equals(image)).toBe(true);
  expect((await t.anonymous.get(`/organisations/${organisation.id}/logo`)).statusCode).toBe(401);

  const removed = await admin.delete(`/organisations/${organisation.id}/logo`);
  expect(removed.statusCode).toBe(200);
  expect(removed.json().hasLogo).toBe(false);
  expect((await admin.get(`/organisations/${organisation.id}/logo`)).statusCode).toBe(404);
});

it('is changed only by the organisation’s administrators (a manager: 403; another organisation: 404)', async () => {
  const body = { image: dataUrl(png(10, 10)) };
  expect((await manager.put(`/organisations/${organisation.id}/logo`, body)).statusCode).toBe(403);
  // Another organisation's administrator: its settings are not theirs to see (404), as for its profile.
  expect((await outsiderAdmin.put(`/organisations/${organisation.id}/logo`, body)).statusCode).toBe(404);
  expect((await outsiderAdmin.delete(`/organisations/${organisation.id}/logo`)).statusCode).toBe(404);
  expect((await admin.get(`/organisations/${organisation.id}`)).json().hasLogo).toBe(false);
});

it('refuses what is not a printable PNG or JPEG, or too large, saying what to do', async () => {
  const refused = async (image: string) => {
    const res = await admin.put(
      `/organisations/${organisation.id}/logo`,
      { image },
      { 'accept-language': 'en' },
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors[0].path).toBe('image');
    return res.json().errors[0].message as string;
  };
  expect(await refused('data:image/gif;base64,R0lGODlhAQABAAAAACw=')).toBe(
    'The logo must be a PNG or JPEG image.',
  );
  expect(await refused(dataUrl(png(40, 20, Buffer.from('broken'))))).toBe(
    'The logo must be a PNG or JPEG image.',
  );
  // A PNG that claims to be a JPEG is judged by its bytes, and kept as a PNG.
  const big = png(400, 400, Buffer.alloc(310_000, 1));
  expect(await refused(dataUrl(big))).toMatch(/The logo weighs 31\d kB: 300 kB at most/);
  const disguised = await admin.put(`/organisations/${organisation.id}/logo`, {
    image: dataUrl(png(8, 8), 'image/jpeg'),
  });
  expect(disguised.statusCode).toBe(200);
  expect((await admin.get(`/organisations/${organisation.id}/logo`)).headers['content-type']).toBe(
    'image/png',
  );
});
