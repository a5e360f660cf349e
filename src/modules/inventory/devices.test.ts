import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/app.ts';

let t: TestApp;
let refurbisher: { id: string };
let donor: { id: string };
let tech: ApiClient;
let donorMember: ApiClient;
let donationId: string;

beforeAll(async () => {
  t = await startTestApp();
  refurbisher = await t.buildOrganisation({ kinds: ['refurbisher'] });
  donor = await t.buildOrganisation({ kinds: ['donor'] });
  tech = (await t.member(refurbisher.id, 'technician')).client;
  donorMember = (await t.member(donor.id, 'viewer')).client;
  const res = await tech.post('/donations', {
    donorOrganisationId: donor.id,
    refurbisherOrganisationId: refurbisher.id,
    receivedOn: '2026-11-02',
    declaredCount: 12,
  });
  expect(res.statusCode).toBe(201);
  donationId = res.json().id;
});
afterAll(() => t.close());

async function newDevice(body: Record<string, unknown> = {}) {
  const res = await tech.post('/devices', {
    type: 'laptop',
    brand: 'Lenovo',
    model: 'ThinkPad T480',
    donationId,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function move(id: string, status: string, client = tech) {
  return client.post(`/devices/${id}/status`, { status });
}

async function wipe(id: string, result: 'passed' | 'failed' = 'passed', diskSerial?: string) {
  const res = await tech.post(`/devices/${id}/erasures`, {
    method: 'NIST 800-88 overwrite',
    level: 'purge',
    tool: 'nwipe',
    verified: true,
    result,
    diskSerial,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('donations', () => {
  it("shows a donation to the donor's and the refurbisher's members only", async () => {
    expect((await donorMember.get(`/donations/${donationId}`)).json()).toMatchObject({
      declaredCount: 12,
      receivedOn: '2026-11-02',
    });
    const stranger = (await t.member((await t.buildOrganisation()).id, 'admin')).client;
    expect((await stranger.get(`/donations/${donationId}`)).statusCode).toBe(404);
    expect((await stranger.get('/donations')).json().items).toEqual([]);
  });

  it('refuses a donation naming an unknown organisation, or recorded by someone of neither side (404), or by a viewer (403)', async () => {
    const missing = await tech.post('/donations', {
      donorOrganisationId: '00000000-0000-4000-8000-000000000000',
      refurbisherOrganisationId: refurbisher.id,
    });
    expect(missing.statusCode).toBe(404);
    const outsider = (await t.member((await t.buildOrganisation()).id, 'admin')).client;
    const res = await outsider.post('/donations', {
      donorOrganisationId: donor.id,
      refurbisherOrganisationId: refurbisher.id,
    });
    expect(res.statusCode).toBe(404);
    const viewer = (await t.member(refurbisher.id, 'viewer')).client;
    const byViewer = await viewer.post('/donations', {
      donorOrganisationId: donor.id,
      refurbisherOrganisationId: refurbisher.id,
    });
    expect(byViewer.statusCode).toBe(403);
  });
});

describe('POST /devices', () => {
  it("gives a short unique asset tag, status received, and the donation's refurbisher as owner", async () => {
    const a = await newDevice({ serialNumber: 'PF-1' });
    const b = await newDevice();
    expect(a).toMatchObject({ status: 'received', organisationId: refurbisher.id, donationId });
    expect(a.assetTag).toMatch(/^SV-\d{6}$/);
    expect(b.assetTag).not.toBe(a.assetTag);
    const detail = (await tech.get(`/devices/${a.id}`)).json();
    expect(detail.events).toEqual([expect.objectContaining({ kind: 'received', toStatus: 'received' })]);
  });

  it('refuses a serial number already in the same stock, whatever its case', async () => {
    await newDevice({ serialNumber: 'DUP-42' });
    const res = await tech.post('/devices', { type: 'laptop', serialNumber: 'dup-42', donationId });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].path).toBe('serialNumber');
  });

  it('names every wrong field', async () => {
    const res = await tech.post('/devices', { type: 'toaster', ramGb: -4, batteryHealthPercent: 140 });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['batteryHealthPercent', 'ramGb', 'type']);
  });

  it('is for those who work on the stock: a viewer of the refurbisher gets 403', async () => {
    const viewer = (await t.member(refurbisher.id, 'viewer')).client;
    expect((await viewer.post('/devices', { type: 'laptop', donationId })).statusCode).toBe(403);
  });
});

describe('lifecycle', () => {
  it('goes received → diagnosed → refurbishing → ready once the disk is wiped, each move an event', async () => {
    const device = await newDevice();
    expect((await move(device.id, 'diagnosed')).statusCode).toBe(200);
    expect((await move(device.id, 'refurbishing')).statusCode).toBe(200);
    const refused = await move(device.id, 'ready');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('RULE_REFUSED');
    const erasure = await wipe(device.id);
    expect(erasure.certificateNumber).toMatch(/^EC-\d{4}-\d{6}$/);
    const ready = await move(device.id, 'ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
    const events = (await tech.get(`/devices/${device.id}`)).json().events;
    expect(events.map((e: { kind: string; toStatus: string | null }) => e.toStatus ?? e.kind)).toEqual([
      'ready',
      'erasure',
      'refurbishing',
      'diagnosed',
      'received',
    ]);
  });

  it('refuses an illegal move with 409 and says which moves are possible', async () => {
    const device = await newDevice();
    const res = await move(device.id, 'handed_over');
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('diagnosed');
  });

  it('needs every disk wiped: a failed erasure blocks until the same disk passes', async () => {
    const device = await newDevice({ type: 'desktop' });
    await move(device.id, 'diagnosed');
    await move(device.id, 'refurbishing');
    await wipe(device.id, 'passed', 'DISK-A');
    await wipe(device.id, 'failed', 'DISK-B');
    expect((await move(device.id, 'ready')).statusCode).toBe(422);
    const again = await wipe(device.id, 'passed', 'DISK-B');
    expect((await move(device.id, 'ready')).statusCode).toBe(200);
    // One certificate per device: both disks' records share its number.
    expect(again.certificateNumber).toBe((await tech.get(`/devices/${device.id}`)).json().certificateNumber);
  });

  it('lets a monitor, or a laptop received without its disk, become ready without an erasure', async () => {
    for (const body of [{ type: 'monitor' }, { type: 'laptop', storageGb: 0 }]) {
      const device = await newDevice(body);
      await move(device.id, 'diagnosed');
      await move(device.id, 'refurbishing');
      expect((await move(device.id, 'ready')).statusCode).toBe(200);
    }
  });

  it('does not count erasures from before a device was lost and found again', async () => {
    const device = await newDevice();
    await move(device.id, 'diagnosed');
    await wipe(device.id);
    await move(device.id, 'lost');
    await move(device.id, 'received');
    await move(device.id, 'diagnosed');
    await move(device.id, 'refurbishing');
    expect((await move(device.id, 'ready')).statusCode).toBe(422);
  });

  it('lets exactly one of two simultaneous moves of the same device win', async () => {
    const device = await newDevice();
    // Two technicians looking at the same "received" device decide at the same time.
    const [a, b] = await Promise.all([
      tech.post(`/devices/${device.id}/status`, { status: 'diagnosed', expectedStatus: 'received' }),
      tech.post(`/devices/${device.id}/status`, { status: 'to_recycle', expectedStatus: 'received' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const detail = (await tech.get(`/devices/${device.id}`)).json();
    expect(detail.events.filter((e: { kind: string }) => e.kind === 'status')).toHaveLength(1);
  });

  it('moves several devices at once, or none when one of them cannot move', async () => {
    const a = await newDevice();
    const b = await newDevice();
    const c = await newDevice();
    await move(c.id, 'to_recycle');
    const refused = await tech.post('/devices/status', { ids: [a.id, b.id, c.id], status: 'diagnosed' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors).toEqual([expect.objectContaining({ path: 'ids.2' })]);
    expect((await tech.get(`/devices/${a.id}`)).json().status).toBe('received');
    const ok = await tech.post('/devices/status', {
      ids: [a.id, b.id],
      status: 'diagnosed',
      note: 'lot du matin',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items.map((d: { status: string }) => d.status)).toEqual(['diagnosed', 'diagnosed']);
  });
});

describe('PATCH /devices/{id}', () => {
  it('records each change as an event with the old and new values', async () => {
    const device = await newDevice({ ramGb: 4 });
    const res = await tech.patch(`/devices/${device.id}`, { ramGb: 8, osImage: 'Emmabuntüs 5', grade: 'B' });
    expect(res.json()).toMatchObject({ ramGb: 8, osImage: 'Emmabuntüs 5', grade: 'B' });
    const [event] = (await tech.get(`/devices/${device.id}`)).json().events;
    expect(event).toMatchObject({
      kind: 'updated',
      changes: { ramGb: { from: 4, to: 8 }, grade: { from: null, to: 'B' } },
    });
    const unchanged = await tech.patch(`/devices/${device.id}`, { ramGb: 8 });
    expect(unchanged.statusCode).toBe(200);
    expect((await tech.get(`/devices/${device.id}`)).json().events).toHaveLength(2);
  });
});

describe('stock', () => {
  it('searches by asset tag as typed or scanned, serial, brand and model, and counts by status', async () => {
    const device = await newDevice({ brand: 'Dell', model: 'Latitude 7490', serialNumber: 'SCAN-ME-77' });
    const number = device.assetTag.replace('SV-', '').replace(/^0+/, '');
    for (const q of [device.assetTag, number, 'scan-me', 'latitude 74', 'Dell Lat']) {
      const res = await tech.get(`/devices?q=${encodeURIComponent(q)}`);
      expect(
        res.json().items.map((d: { id: string }) => d.id),
        q,
      ).toContain(device.id);
    }
    expect((await tech.get(`/devices/by-tag/${number}`)).json().id).toBe(device.id);
    const summary = (await tech.get(`/devices/summary?donationId=${donationId}`)).json();
    const listed = (await tech.get(`/devices?donationId=${donationId}&limit=500`)).json().items.length;
    expect(summary.total).toBe(listed);
    expect(Object.values(summary.byStatus).reduce((a, b) => (a as number) + (b as number), 0)).toBe(listed);
  });

  it('pages through the stock by asset tag in both directions', async () => {
    const ids = new Set<string>();
    let cursor: string | null = null;
    let previous = '';
    do {
      const res = await tech.get(
        `/devices?donationId=${donationId}&limit=3&sort=-assetTag${cursor ? `&cursor=${cursor}` : ''}`,
      );
      for (const d of res.json().items) {
        if (previous) expect(d.assetTag < previous).toBe(true);
        previous = d.assetTag;
        ids.add(d.id);
      }
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(ids.size).toBe((await tech.get(`/devices/summary?donationId=${donationId}`)).json().total);
  });

  it('filters by several statuses at once and refuses an unknown one', async () => {
    const res = await tech.get('/devices?status=ready,diagnosed');
    expect(res.json().items.every((d: { status: string }) => ['ready', 'diagnosed'].includes(d.status))).toBe(
      true,
    );
    expect((await tech.get('/devices?status=shiny')).statusCode).toBe(400);
  });
});

describe('locations', () => {
  it('keeps stock locations per organisation and records moves on the timeline', async () => {
    const admin = (await t.member(refurbisher.id, 'manager')).client;
    const shelf = await admin.post('/locations', { organisationId: refurbisher.id, name: 'Étagère A3' });
    expect(shelf.statusCode).toBe(201);
    expect(
      (await admin.post('/locations', { organisationId: refurbisher.id, name: 'étagère a3' })).statusCode,
    ).toBe(409);
    const listed = (await tech.get(`/locations?organisationId=${refurbisher.id}`)).json().items;
    expect(listed.map((l: { name: string }) => l.name)).toContain('Étagère A3');
    const archived = await admin.patch(`/locations/${shelf.json().id}`, { archived: true });
    expect(archived.json().archivedAt).not.toBeNull();
    expect((await tech.get(`/locations?organisationId=${refurbisher.id}`)).json().items).toEqual([]);
    await admin.patch(`/locations/${shelf.json().id}`, { archived: false });
    // An empty change changes nothing (it once failed with a 500: an UPDATE without columns).
    const unchanged = await admin.patch(`/locations/${shelf.json().id}`, {});
    expect(unchanged.statusCode, unchanged.body).toBe(200);
    expect(unchanged.json()).toMatchObject({ name: 'Étagère A3', archivedAt: null });
    const device = await newDevice();
    const moved = await tech.patch(`/devices/${device.id}`, { locationId: shelf.json().id });
    expect(moved.json().locationId).toBe(shelf.json().id);
    const [event] = (await tech.get(`/devices/${device.id}`)).json().events;
    expect(event).toMatchObject({ kind: 'moved', locationName: 'Étagère A3' });
    const elsewhere = await t.buildOrganisation();
    const foreign = await t
      .admin()
      .then((a) => a.post('/locations', { organisationId: elsewhere.id, name: 'Ailleurs' }));
    expect((await tech.patch(`/devices/${device.id}`, { locationId: foreign.json().id })).statusCode).toBe(
      404,
    );
  });
});

describe('one device in one round trip', () => {
  it('gives the same device, history and erasures as reading each table on its own', async () => {
    const admin = (await t.member(refurbisher.id, 'manager')).client;
    const shelf = (await admin.post('/locations', { organisationId: refurbisher.id, name: 'Bac 7' })).json();
    const device = await newDevice({ serialNumber: 'JSON-ROUND-TRIP', ramGb: 7.5 });
    await tech.patch(`/devices/${device.id}`, { locationId: shelf.id, notes: 'écran « rayé »', ramGb: 16 });
    await move(device.id, 'diagnosed');
    await wipe(device.id, 'failed', 'DISK-1');
    const passed = await tech.post(`/devices/${device.id}/erasures`, {
      method: 'ATA secure erase',
      level: 'clear',
      tool: 'hdparm',
      toolVersion: '9.65',
      passes: 1,
      verified: true,
      result: 'passed',
      diskSerial: 'DISK-1',
      diskModel: 'Samsung 860',
      storageType: 'ssd',
      capacityGb: 256.5,
      startedAt: '2026-11-20T10:00:00.123Z',
    });
    expect(passed.statusCode, passed.body).toBe(201);

    const db = t.database.db;
    const { getDevice } = await import('./devices.ts');
    const { deviceEvents, devices, erasures, locations } = await import('./schema.ts');
    const { users } = await import('../organisations/schema.ts');
    const { and, asc, desc, eq } = await import('drizzle-orm');
    const [row] = await db.select().from(devices).where(eq(devices.id, device.id));
    const events = await db
      .select({
        id: deviceEvents.id,
        at: deviceEvents.at,
        kind: deviceEvents.kind,
        fromStatus: deviceEvents.fromStatus,
        toStatus: deviceEvents.toStatus,
        locationId: deviceEvents.locationId,
        locationName: locations.name,
        note: deviceEvents.note,
        changes: deviceEvents.changes,
        actorName: users.name,
      })
      .from(deviceEvents)
      .leftJoin(users, eq(users.id, deviceEvents.actorUserId))
      .leftJoin(
        locations,
        and(
          eq(locations.id, deviceEvents.locationId),
          eq(locations.organisationId, deviceEvents.organisationId),
        ),
      )
      .where(eq(deviceEvents.deviceId, device.id))
      .orderBy(desc(deviceEvents.at), desc(deviceEvents.id));
    const erasureRows = await db
      .select()
      .from(erasures)
      .where(eq(erasures.deviceId, device.id))
      .orderBy(asc(erasures.performedAt));

    const detail = await getDevice(db, t.system, device.id);
    const { events: gotEvents, erasures: gotErasures, can: _can, ...gotDevice } = detail;
    expect(gotDevice).toStrictEqual(row);
    expect(gotEvents).toStrictEqual(events);
    expect(gotErasures).toStrictEqual(erasureRows);
    expect(gotEvents.length).toBeGreaterThanOrEqual(4);
    expect(gotEvents.some((e) => e.locationName === 'Bac 7')).toBe(true);
    expect(gotEvents.some((e) => e.changes !== null)).toBe(true);
    expect(gotErasures).toHaveLength(2);
    expect(gotErasures[1]?.startedAt).toEqual(new Date('2026-11-20T10:00:00.123Z'));
    // And through the API, as before.
    const res = await tech.get(`/devices/${device.id}`);
    expect(res.json().erasures.map((e: { capacityGb: number | null }) => e.capacityGb)).toEqual([
      null,
      256.5,
    ]);
  });

  it('answers 404 for an unknown device and for a device of another organisation', async () => {
    const device = await newDevice();
    expect((await tech.get('/devices/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const stranger = (await t.member((await t.buildOrganisation()).id, 'manager')).client;
    expect((await stranger.get(`/devices/${device.id}`)).statusCode).toBe(404);
  });
});

describe('guards', () => {
  it("refuses to move a device to another organisation's location (404)", async () => {
    const elsewhere = await t.buildOrganisation();
    const admin = await t.admin();
    const foreign = (
      await admin.post('/locations', { organisationId: elsewhere.id, name: 'Étagère secrète' })
    ).json();
    const device = await newDevice();
    const res = await tech.post(`/devices/${device.id}/status`, {
      status: 'diagnosed',
      locationId: foreign.id,
    });
    expect(res.statusCode).toBe(404);
    expect((await tech.get(`/devices/${device.id}`)).json().status).toBe('received');
    const bulk = await tech.post('/devices/status', {
      ids: [device.id],
      status: 'diagnosed',
      locationId: foreign.id,
    });
    expect(bulk.statusCode).toBe(404);
  });

  it("lets nobody but the donation's refurbisher own its devices", async () => {
    const donorTech = (await t.member(donor.id, 'technician')).client;
    const res = await donorTech.post('/devices', { type: 'laptop', donationId, organisationId: donor.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('organisationId');
  });

  it('sends a ready device back to refurbishing when one of its disks fails an erasure', async () => {
    const device = await newDevice();
    await move(device.id, 'diagnosed');
    await move(device.id, 'refurbishing');
    await wipe(device.id, 'passed', 'D1');
    expect((await move(device.id, 'ready')).statusCode).toBe(200);
    await wipe(device.id, 'failed', 'D1');
    const detail = (await tech.get(`/devices/${device.id}`)).json();
    expect(detail.status).toBe('refurbishing');
    expect(detail.events[0]).toMatchObject({ fromStatus: 'ready', toStatus: 'refurbishing' });
  });

  it('does not let a disk appear on a device that became ready without one', async () => {
    const device = await newDevice({ storageGb: 0 });
    await move(device.id, 'diagnosed');
    await move(device.id, 'refurbishing');
    await move(device.id, 'ready');
    const res = await tech.patch(`/devices/${device.id}`, { storageGb: 256 });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].path).toBe('storageGb');
  });

  it('clears a field with an empty text or null', async () => {
    const device = await newDevice({ brand: 'Acer', notes: 'rayure' });
    const res = await tech.patch(`/devices/${device.id}`, { brand: '', notes: null });
    expect(res.json()).toMatchObject({ brand: null, notes: null });
  });

  it('answers a forged cursor with 400, not a crash', async () => {
    const forged = Buffer.from(JSON.stringify(['not-a-number'])).toString('base64url');
    expect((await tech.get(`/devices?cursor=${forged}`)).statusCode).toBe(400);
    const forgedDonations = Buffer.from(JSON.stringify(['x', 'y', 'z'])).toString('base64url');
    expect((await tech.get(`/donations?cursor=${forgedDonations}`)).statusCode).toBe(400);
  });
});
