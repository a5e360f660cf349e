import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { generateRegionDemo, RegionNotEmptyError } from './command.ts';
import { planRegion } from './generate.ts';

const TINY = 0.005; // 1,000 devices, 500 people

describe('the region plan', () => {
  it('gives the same rows for the same seed, and other rows for another seed', () => {
    const a = planRegion({ seed: 7, factor: TINY });
    const b = planRegion({ seed: 7, factor: TINY });
    const c = planRegion({ seed: 8, factor: TINY });
    for (const table of Object.keys(a) as (keyof typeof a)[])
      expect(b[table].length, table).toBe(a[table].length);
    expect(b.devices.slice(0, 50)).toEqual(a.devices.slice(0, 50));
    expect(b.allocations.slice(-50)).toEqual(a.allocations.slice(-50));
    expect(b.beneficiaries.slice(100, 150)).toEqual(a.beneficiaries.slice(100, 150));
    expect(b.attendance).toEqual(a.attendance);
    expect(c.devices.slice(0, 50)).not.toEqual(a.devices.slice(0, 50));
  });

  it('has realistic shares: mostly laptops, mostly handed over, intakes growing over five years', () => {
    const { devices } = planRegion({ seed: 3, factor: 0.02 });
    const share = (i: number, value: string) => devices.filter((d) => d[i] === value).length / devices.length;
    expect(share(5, 'laptop')).toBeGreaterThan(0.5);
    expect(share(6, 'handed_over')).toBeGreaterThan(0.5);
    expect(share(6, 'ready') + share(6, 'handed_over')).toBeGreaterThan(0.7);
    const year = (y: string) => devices.filter((d) => String(d[19]).startsWith(y)).length;
    expect(year('2025')).toBeGreaterThan(2 * year('2021'));
  });
});

describe('the region in a database', () => {
  let database: TestDatabase;
  let summary: Record<string, number>;
  const count = async (text: string) => Number((await database.pool.query(text)).rows[0].n);

  beforeAll(async () => {
    database = await createTestDatabase();
    summary = await generateRegionDemo(database, { seed: 11, progress: false, reduced: false, factor: TINY });
  }, 120_000);
  afterAll(() => database.close());

  it('writes the planned counts, the same as a second plan of the seed', async () => {
    const plan = planRegion({ seed: 11, factor: TINY });
    expect(summary.devices).toBe(1000);
    expect(await count('SELECT count(*) n FROM devices')).toBe(plan.devices.length);
    expect(await count('SELECT count(*) n FROM allocations')).toBe(plan.allocations.length);
    expect(await count('SELECT count(*) n FROM organisations')).toBe(50);
    const first = await database.pool.query(
      'SELECT id, asset_tag, type, status FROM devices WHERE tag_number = 1',
    );
    expect(first.rows[0]).toEqual({
      id: plan.devices[0]?.[0],
      asset_tag: 'SV-000001',
      type: plan.devices[0]?.[5],
      status: plan.devices[0]?.[6],
    });
  });

  it('refuses to generate on an instance that already has organisations', async () => {
    await expect(generateRegionDemo(database, { progress: false, reduced: true })).rejects.toBeInstanceOf(
      RegionNotEmptyError,
    );
  });

  it('keeps every device status equal to its history: the last event, and each event starting where the previous ended', async () => {
    expect(
      await count(`SELECT count(*) n FROM devices d WHERE d.status IS DISTINCT FROM
                     (SELECT e.to_status FROM device_events e WHERE e.device_id = d.id ORDER BY e.at DESC LIMIT 1)`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) n FROM (SELECT from_status, lag(to_status) OVER (PARTITION BY device_id ORDER BY at) prev
                     FROM device_events) e WHERE e.from_status IS DISTINCT FROM e.prev`),
    ).toBe(0);
  });

  it('gives every handed-over device a handed-over allocation (its loan not returned), every reserved one its reservation', async () => {
    expect(
      await count(`SELECT count(*) n FROM devices d WHERE d.status = 'handed_over' AND NOT EXISTS (
                     SELECT 1 FROM allocations a LEFT JOIN loans l ON l.allocation_id = a.id
                     WHERE a.device_id = d.id AND a.status = 'handed_over' AND l.returned_on IS NULL)`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) n FROM devices d WHERE (d.status = 'reserved') <>
                     EXISTS (SELECT 1 FROM allocations a WHERE a.device_id = d.id AND a.status = 'reserved')`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) n FROM devices d WHERE d.status = 'returned' AND NOT EXISTS (
                     SELECT 1 FROM loans l WHERE l.device_id = d.id AND l.returned_on IS NOT NULL)`),
    ).toBe(0);
  });

  it('erases every device with storage before it is ready', async () => {
    expect(
      await count(`SELECT count(*) n FROM devices d WHERE d.type IN ('laptop','desktop','tablet','smartphone')
                     AND EXISTS (SELECT 1 FROM device_events e WHERE e.device_id = d.id AND e.to_status = 'ready')
                     AND NOT EXISTS (SELECT 1 FROM erasures x WHERE x.device_id = d.id AND x.result = 'passed')`),
    ).toBe(0);
  });

  it('keeps referrals in step with allocations', async () => {
    // A handover leaves the referral equipped, followed up, or closed.
    expect(
      await count(`SELECT count(*) n FROM allocations a JOIN referrals r ON r.id = a.referral_id
                     WHERE a.status = 'handed_over' AND r.status NOT IN ('equipped', 'followed_up', 'exited')`),
    ).toBe(0);
    // Equipped or followed up means a device was handed over.
    expect(
      await count(`SELECT count(*) n FROM referrals r WHERE r.status IN ('equipped', 'followed_up') AND NOT EXISTS (
                     SELECT 1 FROM allocations a WHERE a.referral_id = r.id AND a.status = 'handed_over')`),
    ).toBe(0);
    // A reservation waits on a referral still waiting.
    expect(
      await count(`SELECT count(*) n FROM allocations a JOIN referrals r ON r.id = a.referral_id
                     WHERE a.status = 'reserved' AND r.status NOT IN ('eligible', 'in_training', 'trained')`),
    ).toBe(0);
    // The allocation is the referral's person's, in the referral's programme.
    expect(
      await count(`SELECT count(*) n FROM allocations a JOIN referrals r ON r.id = a.referral_id
                     WHERE r.beneficiary_id <> a.beneficiary_id OR r.programme_id <> a.programme_id`),
    ).toBe(0);
  });

  it('lends only in loan programmes and takes payments only in sale programmes', async () => {
    expect(
      await count(
        `SELECT count(*) n FROM loans l JOIN programmes p ON p.id = l.programme_id WHERE p.mode <> 'loan'`,
      ),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) n FROM allocations a JOIN programmes p ON p.id = a.programme_id
                     WHERE a.payment_cents IS NOT NULL AND p.mode <> 'sale'`),
    ).toBe(0);
    expect(await count('SELECT count(DISTINCT mode) n FROM programmes')).toBe(3);
  });

  it('records attendance only for enrolled people and sessions held by the last day', async () => {
    expect(
      await count(`SELECT count(*) n FROM attendance a JOIN workshop_sessions s ON s.id = a.session_id
                     WHERE s.cancelled_at IS NOT NULL OR s.starts_at > '2026-01-01' OR NOT EXISTS (
                       SELECT 1 FROM enrolments e WHERE e.workshop_id = s.workshop_id AND e.beneficiary_id = a.beneficiary_id
                       AND e.status = 'enrolled')`),
    ).toBe(0);
  });
});
