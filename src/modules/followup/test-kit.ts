/**
 * Test set-up for follow-ups: a programme owner (manager, social worker), a refurbisher with ready devices,
 * people referred and handed a device through the public API.
 */
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { type ApiClient, startTestApp, type TestApp, unique } from '../../../test/support/app.ts';
import { today } from '../../lib/dates.ts';
import { followUpLinks, followUps } from './schema.ts';

export interface FollowUpKit {
  t: TestApp;
  owner: { id: string; name: string };
  manager: ApiClient;
  socialWorker: ApiClient;
  socialWorkerEmail: string;
  technician: ApiClient;
  refurbisher: { id: string };
}

export async function startFollowUpKit(env: Record<string, string> = {}): Promise<FollowUpKit> {
  const t = await startTestApp(env);
  const owner = await t.buildOrganisation({ kinds: ['prescriber'] });
  const refurbisher = await t.buildOrganisation({ kinds: ['refurbisher'] });
  const sw = await t.member(owner.id, 'social_worker');
  return {
    t,
    owner,
    manager: (await t.member(owner.id, 'manager')).client,
    socialWorker: sw.client,
    socialWorkerEmail: sw.user.email,
    technician: (await t.member(refurbisher.id, 'technician')).client,
    refurbisher,
  };
}

const year = Number(today().slice(0, 4));

export async function createProgramme(
  kit: FollowUpKit,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await kit.manager.post('/programmes', {
    name: unique('Suivi '),
    mode: 'donation',
    startsOn: `${year - 1}-01-01`,
    endsOn: `${year + 1}-12-31`,
    partners: [{ organisationId: kit.refurbisher.id, role: 'refurbisher' }],
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

export async function readyDevice(kit: FollowUpKit): Promise<{ id: string; assetTag: string }> {
  const device = (await kit.technician.post('/devices', { type: 'laptop', storageGb: 0 })).json();
  for (const status of ['diagnosed', 'refurbishing', 'ready'])
    await kit.technician.post(`/devices/${device.id}/status`, { status });
  return device;
}

export interface Handed {
  beneficiaryId: string;
  allocationId: string;
  referralId: string;
  handedOverOn: string;
}

/** A person (with e-mail unless `email: null`) referred, allocated a device and handed it over. */
export async function handOverToPerson(
  kit: FollowUpKit,
  programmeId: string,
  options: {
    email?: string | null;
    phone?: string;
    covers?: string[];
    kind?: 'person' | 'association';
    handedOverOn?: string;
    referredOn?: string;
    /** Who records and refers the person (default: the kit's social worker). */
    referrer?: ApiClient;
  } = {},
): Promise<Handed> {
  const referrer = options.referrer ?? kit.socialWorker;
  const consent = { givenOn: `${year - 1}-01-01`, ...(options.covers ? { covers: options.covers } : {}) };
  const person =
    options.kind === 'association'
      ? { kind: 'association', name: unique('Asso '), consent }
      : {
          kind: 'person',
          firstName: 'Maëlle',
          lastName: unique('Benoît'),
          ...(options.email === null ? {} : { email: options.email ?? `${unique('p')}@example.org` }),
          ...(options.phone ? { phone: options.phone } : {}),
          consent,
        };
  const created = await referrer.post('/beneficiaries', person);
  expect(created.statusCode, created.body).toBe(201);
  const beneficiaryId: string = created.json().id;
  const referral = await referrer.post('/referrals', {
    beneficiaryId,
    programmeId,
    ...(options.referredOn ? { referredOn: options.referredOn } : {}),
  });
  expect(referral.statusCode, referral.body).toBe(201);
  const device = await readyDevice(kit);
  const allocation = await kit.manager.post('/allocations', {
    programmeId,
    beneficiaryId,
    deviceId: device.id,
  });
  expect(allocation.statusCode, allocation.body).toBe(201);
  const handed = await kit.manager.post(
    `/allocations/${allocation.json().id}/handover`,
    options.handedOverOn ? { handedOverOn: options.handedOverOn } : {},
  );
  expect(handed.statusCode, handed.body).toBe(200);
  return {
    beneficiaryId,
    allocationId: allocation.json().id,
    referralId: referral.json().id,
    handedOverOn: handed.json().handedOverOn,
  };
}

export async function rowsOf(kit: FollowUpKit, allocationId: string) {
  return kit.t.database.db
    .select()
    .from(followUps)
    .where(eq(followUps.allocationId, allocationId))
    .orderBy(followUps.months);
}

export async function linksOf(kit: FollowUpKit, followUpId: string) {
  return kit.t.database.db.select().from(followUpLinks).where(eq(followUpLinks.followUpId, followUpId));
}

/** The questionnaire's token in an e-mail (the last link to /suivi/ in it). */
export function tokenIn(raw: string): string {
  const matches = [...raw.matchAll(/\/suivi\/([0-9a-f]{40})/g)];
  const last = matches.at(-1)?.[1];
  if (!last) throw new Error('no questionnaire link in the e-mail');
  return last;
}

export const ANSWERS = {
  works: 'yes',
  frequency: 'weekly',
  uses: ['admin', 'keep_in_touch'],
  autonomy: 'a_little_more',
  helpDevice: false,
  helpContact: false,
} as const;
