import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/app.ts';

/**
 * A member of organisation B, even B's administrator, must not read or change anything that belongs
 * to organisation A. The expected answers are written out by hand here on purpose: they are the
 * specification, not a copy of the code's permission map. The directory (A's public profile) is
 * readable by every signed-in user (decisions: "the organisation directory is public inside the instance").
 */
let t: TestApp;
let orgA: { id: string };
let orgB: { id: string };
let memberOfA: string;
let outsider: ApiClient;
let outsiderAdmin: ApiClient;

beforeAll(async () => {
  t = await startTestApp();
  orgA = await t.buildOrganisation({ name: 'Organisation A' });
  orgB = await t.buildOrganisation({ name: 'Organisation B' });
  memberOfA = (await t.buildUser({ organisationId: orgA.id, role: 'social_worker' })).id;
  await t.buildUser({ organisationId: orgA.id, role: 'admin' });
  outsider = (await t.member(orgB.id, 'viewer')).client;
  outsiderAdmin = (await t.member(orgB.id, 'admin')).client;
});
afterAll(() => t.close());

type Case = [
  description: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: () => string,
  body: unknown,
  expected: number,
];

const cases: Case[] = [
  ["reads A's public profile (directory)", 'GET', () => `/organisations/${orgA.id}`, undefined, 200],
  ["lists A's members", 'GET', () => `/organisations/${orgA.id}/members`, undefined, 404],
  ['changes A', 'PATCH', () => `/organisations/${orgA.id}`, { name: 'Taken over' }, 404],
  [
    'adds a member to A',
    'POST',
    () => `/organisations/${orgA.id}/members`,
    { email: 'spy@example.org', name: 'Spy', role: 'admin' },
    404,
  ],
  [
    "changes a member's role in A",
    'PATCH',
    () => `/organisations/${orgA.id}/members/${memberOfA}`,
    { role: 'viewer' },
    404,
  ],
  ['removes a member of A', 'DELETE', () => `/organisations/${orgA.id}/members/${memberOfA}`, undefined, 404],
  [
    're-invites a member of A',
    'POST',
    () => `/organisations/${orgA.id}/members/${memberOfA}/invitation`,
    {},
    404,
  ],
];

describe.each([
  ['a viewer of B', () => outsider],
  ["B's administrator", () => outsiderAdmin],
])('%s', (_who, client) => {
  it.each(cases)('%s → %i', async (_description, method, path, body, expected) => {
    const res = await client().request(method, `/api/v1${path()}`, body);
    expect(res.statusCode).toBe(expected);
    if (expected === 404) expect(res.json().code).toBe('NOT_FOUND');
  });

  it("does not find A's members or A's audit entries anywhere", async () => {
    const audit = await client().get(`/audit?organisationId=${orgA.id}`);
    if (audit.statusCode === 200) expect(audit.json().items).toEqual([]);
    else expect(audit.statusCode).toBe(403);
  });
});

it("leaves A's data unchanged after all those attempts", async () => {
  const admin = await t.admin();
  expect((await admin.get(`/organisations/${orgA.id}`)).json().name).toBe('Organisation A');
  const members = (await admin.get(`/organisations/${orgA.id}/members`)).json().items;
  expect(members).toHaveLength(2);
  expect(members.find((m: { userId: string }) => m.userId === memberOfA).role).toBe('social_worker');
});
