import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp, unique } from '../../../test/support/app.ts';
import { organisations } from './schema.ts';

let t: TestApp;
let admin: ApiClient;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.admin();
});
afterAll(() => t.close());

async function countOrganisations(): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(organisations);
  return row?.n ?? 0;
}

describe('POST /organisations', () => {
  it('creates an organisation with normalised identifiers', async () => {
    const res = await admin.post('/organisations', {
      name: '  Atelier du Réemploi ',
      kinds: ['refurbisher', 'trainer'],
      siret: '441 234 567 00010',
      postcode: '45100',
      city: 'Orléans',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'Atelier du Réemploi',
      kinds: ['refurbisher', 'trainer'],
      siret: '44123456700010',
      rna: null,
      city: 'Orléans',
      can: { update: true, readMembers: true, manageMembers: true },
    });
  });

  it('names every wrong field at once, in French, and writes nothing', async () => {
    const before = await countOrganisations();
    const res = await admin.post('/organisations', {
      name: '',
      kinds: [],
      siret: '12345678901234',
      rna: 'X123',
      postcode: '4510',
    });
    expect(res.statusCode).toBe(400);
    const errors = Object.fromEntries(
      res.json().errors.map((e: { path: string; message: string }) => [e.path, e.message]),
    );
    expect(Object.keys(errors).sort()).toEqual(['kinds', 'name', 'postcode', 'rna', 'siret']);
    expect(errors.siret).toContain('SIRET');
    expect(errors.kinds).toBe("Choisissez au moins un type d'organisation.");
    expect(await countOrganisations()).toBe(before);
  });

  it('answers field errors in English when asked', async () => {
    const res = await admin.request(
      'POST',
      '/organisations',
      { name: 'X', kinds: ['donor'], siret: '123' },
      { 'accept-language': 'en' },
    );
    expect(res.json().errors[0].message).toContain('Invalid SIRET');
  });

  it('refuses unknown fields and unknown kinds', async () => {
    const res = await admin.post('/organisations', { name: 'X', kinds: ['bank'], colour: 'blue' });
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toContain('kinds.0');
  });

  it('refuses a SIRET already used by another organisation (409)', async () => {
    const siret = '81234567800021';
    expect(
      (await admin.post('/organisations', { name: unique('A'), kinds: ['donor'], siret })).statusCode,
    ).toBe(201);
    const res = await admin.post('/organisations', { name: unique('B'), kinds: ['donor'], siret });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].path).toBe('siret');
  });

  it('is reserved to platform administrators', async () => {
    const org = await t.buildOrganisation();
    const { client } = await t.member(org.id, 'admin');
    const res = await client.post('/organisations', { name: 'Mine', kinds: ['donor'] });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
  });
});

describe('GET /organisations', () => {
  it('pages through the directory by name with a cursor', async () => {
    const prefix = unique('Page');
    for (const letter of ['É', 'b', 'C', 'a', 'd'])
      await t.buildOrganisation({ name: `${prefix} ${letter}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url = `/organisations?q=${encodeURIComponent(prefix)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await admin.get(url);
      expect(res.statusCode).toBe(200);
      expect(res.json().items.length).toBeLessThanOrEqual(2);
      seen.push(...res.json().items.map((o: { name: string }) => o.name));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(seen.slice(0, 4)).toEqual([`${prefix} a`, `${prefix} b`, `${prefix} C`, `${prefix} d`]);
  });

  it('filters by kind and by "mine", and every signed-in user sees the directory', async () => {
    const funder = await t.buildOrganisation({ kinds: ['funder'], name: unique('Funder ') });
    const mine = await t.buildOrganisation({ kinds: ['prescriber'] });
    const { client } = await t.member(mine.id, 'viewer');
    const byKind = (await client.get('/organisations?kind=funder&limit=500')).json();
    expect(byKind.items.map((o: { id: string }) => o.id)).toContain(funder.id);
    expect(byKind.items.every((o: { kinds: string[] }) => o.kinds.includes('funder'))).toBe(true);
    const onlyMine = (await client.get('/organisations?mine=true')).json();
    expect(onlyMine.items.map((o: { id: string }) => o.id)).toEqual([mine.id]);
  });

  it('finds an organisation by SIRET typed with spaces', async () => {
    await admin.post('/organisations', { name: unique('Siret'), kinds: ['donor'], siret: '51234567800019' });
    const res = await admin.get(`/organisations?q=${encodeURIComponent('512 345 678 00019')}`);
    expect(res.json().items).toHaveLength(1);
  });

  it('refuses a forged cursor and an out-of-range limit', async () => {
    expect((await admin.get('/organisations?cursor=garbage')).statusCode).toBe(400);
    const res = await admin.get('/organisations?limit=501');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('limit');
  });
});

describe('GET and PATCH /organisations/{id}', () => {
  it("shows the caller's role and rights", async () => {
    const org = await t.buildOrganisation();
    const { client } = await t.member(org.id, 'technician');
    const res = await client.get(`/organisations/${org.id}`);
    expect(res.json()).toMatchObject({
      myRole: 'technician',
      can: { update: false, readMembers: true, manageMembers: false },
    });
  });

  it('answers 404 for an unknown or malformed id', async () => {
    expect((await admin.get('/organisations/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await admin.get('/organisations/not-a-uuid')).statusCode).toBe(400);
  });

  it("lets the organisation's administrator change it, and records who changed which fields", async () => {
    const org = await t.buildOrganisation();
    const { client, user } = await t.member(org.id, 'admin');
    const res = await client.patch(`/organisations/${org.id}`, { city: 'Tours', postcode: '37000' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ city: 'Tours', postcode: '37000' });
    const audit = (await client.get(`/audit?organisationId=${org.id}&action=organisation.update`)).json();
    expect(audit.items[0]).toMatchObject({ actorUserId: user.id, entityId: org.id });
    expect(audit.items[0].fields.sort()).toEqual(['city', 'postcode']);
    expect(JSON.stringify(audit.items[0])).not.toContain('Tours');
  });

  it('refuses a member without the admin role (403) and changes nothing on bad input', async () => {
    const org = await t.buildOrganisation({ city: 'Blois' });
    const { client } = await t.member(org.id, 'manager');
    expect((await client.patch(`/organisations/${org.id}`, { city: 'Tours' })).statusCode).toBe(403);
    const bad = await admin.patch(`/organisations/${org.id}`, { city: 'Tours', siret: '1' });
    expect(bad.statusCode).toBe(400);
    expect((await admin.get(`/organisations/${org.id}`)).json().city).toBe('Blois');
  });
});
