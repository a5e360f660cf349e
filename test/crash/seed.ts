/**
 * The crash tests' data, written through the application in this process before the server starts: a
 * refurbisher and its technician (a donation to import into), a social centre running a donation
 * programme with ready devices reserved for referred people and gathered on several group handovers, and
 * API tokens so the spawned server can be called without a login.
 */

import type { Database } from '../../src/db/connection.ts';
import { type Role, systemActor } from '../../src/lib/actor.ts';
import { loadConfig } from '../../src/lib/config.ts';
import { today } from '../../src/lib/dates.ts';
import { createOrganisation } from '../../src/modules/organisations/organisations.ts';
import { memberships } from '../../src/modules/organisations/schema.ts';
import { insertUser } from '../../src/modules/organisations/users.ts';
import { buildApp } from '../../src/server/app.ts';
import { ApiClient, TEST_PASSWORD } from '../support/app.ts';

export interface CrashSeed {
  tokens: { technician: string; manager: string };
  importDonationId: string;
  programmeId: string;
  handoverEvents: { id: string; allocationIds: string[] }[];
}

const startedAt = Date.now();
/** Progress on stderr (CRASH_VERBOSE=1): the seed and the trials take a while on a busy machine. */
export function progress(message: string): void {
  if (process.env.CRASH_VERBOSE)
    process.stderr.write(`[${((Date.now() - startedAt) / 1000).toFixed(1)} s] ${message}\n`);
}

function expectStatus(res: { statusCode: number; body: string }, status: number, what: string): void {
  if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
}

/** Seeds `database` (migrated, no server running on it) and returns what the trials need. */
export async function seedInProcess(
  database: Database,
  options: { handoverEvents: number; handoverSize: number },
): Promise<CrashSeed> {
  const config = loadConfig({ PORT: '0', PUBLIC_URL: 'http://localhost:3999' });
  const app = await buildApp({ database, config, serveWeb: false });
  await app.ready();
  const system = systemActor();
  const { db } = database;
  const anonymous = new ApiClient(app);
  let n = 0;
  const member = async (organisationId: string, role: Role) => {
    n += 1;
    const user = await db.transaction((tx) =>
      insertUser(tx, system, {
        email: `crash-${role}-${n}@example.org`,
        name: `Crash ${role}`,
        password: TEST_PASSWORD,
        isPlatformAdmin: false,
      }),
    );
    await db.insert(memberships).values({ userId: user.id, organisationId, role });
    const login = await anonymous.post('/session', { email: user.email, password: TEST_PASSWORD });
    expectStatus(login, 200, 'login');
    const cookie = login.cookies.find((c) => c.name === 'sv_session');
    const client = new ApiClient(app, { cookie: `sv_session=${cookie?.value}` });
    const token = await client.post('/tokens', { name: 'crash test' });
    expectStatus(token, 201, 'token');
    return { client, token: token.json().token as string };
  };
  try {
    const refurbisher = await createOrganisation(db, system, {
      name: 'Atelier Crash',
      kinds: ['refurbisher'],
    });
    const donor = await createOrganisation(db, system, { name: 'Donateur Crash', kinds: ['donor'] });
    const centre = await createOrganisation(db, system, { name: 'Centre Crash', kinds: ['prescriber'] });
    const technician = await member(refurbisher.id, 'technician');
    const manager = await member(centre.id, 'manager');
    const socialWorker = await member(centre.id, 'social_worker');

    const donation = async () => {
      const res = await technician.client.post('/donations', {
        donorOrganisationId: donor.id,
        refurbisherOrganisationId: refurbisher.id,
      });
      expectStatus(res, 201, 'donation');
      return res.json().id as string;
    };
    const importDonationId = await donation();

    if (options.handoverEvents === 0) {
      return {
        tokens: { technician: technician.token, manager: manager.token },
        importDonationId,
        programmeId: '',
        handoverEvents: [],
      };
    }
    // Ready devices for the handovers: imported without storage (nothing to erase), moved to ready in bulk.
    const stockDonationId = await donation();
    const total = options.handoverEvents * options.handoverSize;
    const csv = ['type;serialNumber;storageGb']
      .concat(Array.from({ length: total }, (_, i) => `laptop;STOCK-${i};0`))
      .join('\r\n');
    const imported = await technician.client.request(
      'POST',
      `/devices/import?donationId=${stockDonationId}`,
      csv,
      { 'content-type': 'text/csv' },
    );
    expectStatus(imported, 201, 'stock import');
    const listed = await technician.client.get(`/devices?donationId=${stockDonationId}&limit=500`);
    const deviceIds = (listed.json().items as { id: string }[]).map((d) => d.id);
    if (deviceIds.length !== total) throw new Error(`expected ${total} devices, got ${deviceIds.length}`);
    for (const status of ['diagnosed', 'refurbishing', 'ready']) {
      for (let i = 0; i < deviceIds.length; i += 500) {
        const moved = await technician.client.post('/devices/status', {
          ids: deviceIds.slice(i, i + 500),
          status,
        });
        expectStatus(moved, 200, `status ${status}`);
      }
    }

    const year = today().slice(0, 4);
    const programme = await manager.client.post('/programmes', {
      name: 'Programme Crash',
      mode: 'donation',
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      partners: [{ organisationId: refurbisher.id, role: 'refurbisher' }],
    });
    expectStatus(programme, 201, 'programme');
    const programmeId = programme.json().id as string;

    progress(`seed: ${total} ready devices, programme`);
    const handoverEvents: CrashSeed['handoverEvents'] = [];
    for (let e = 0; e < options.handoverEvents; e++) {
      // Ten people at a time: the requests' own work overlaps while the database serialises the writes.
      const allocationIds: string[] = [];
      for (let from = 0; from < options.handoverSize; from += 10) {
        const chunk = Array.from({ length: Math.min(10, options.handoverSize - from) }, (_, k) => from + k);
        const ids = await Promise.all(
          chunk.map(async (i) => {
            const deviceId = deviceIds[e * options.handoverSize + i];
            const person = await socialWorker.client.post('/beneficiaries', {
              kind: 'person',
              firstName: 'Léa',
              lastName: `Crash${e}x${i}`,
              consentGivenOn: `${year}-01-01`,
            });
            expectStatus(person, 201, 'beneficiary');
            const referral = await socialWorker.client.post('/referrals', {
              beneficiaryId: person.json().id,
              programmeId,
              referredOn: `${year}-01-01`,
            });
            expectStatus(referral, 201, 'referral');
            const allocation = await manager.client.post('/allocations', {
              programmeId,
              beneficiaryId: person.json().id,
              deviceId,
            });
            expectStatus(allocation, 201, 'allocation');
            return allocation.json().id as string;
          }),
        );
        allocationIds.push(...ids);
      }
      const event = await manager.client.post('/handover-events', {
        programmeId,
        heldOn: today(),
        place: 'Salle des fêtes',
      });
      expectStatus(event, 201, 'handover event');
      const attached = await manager.client.post(`/handover-events/${event.json().id}/allocations`, {
        allocationIds,
      });
      expectStatus(attached, 200, 'attach');
      handoverEvents.push({ id: event.json().id, allocationIds });
      progress(`seed: handover event ${e + 1}/${options.handoverEvents}`);
    }
    return {
      tokens: { technician: technician.token, manager: manager.token },
      importDonationId,
      programmeId,
      handoverEvents,
    };
  } finally {
    await app.close();
  }
}
