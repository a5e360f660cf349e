/** Pieces the demo's parts share: acting as a demo account, and a laptop brought to « ready ». */
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/tx.ts';
import type { Actor, Role } from '../lib/actor.ts';
import {
  type AllocationInput,
  createAllocation,
  type HandoverInput,
  handOver,
} from '../modules/distribution/allocations.ts';
import { allocations } from '../modules/distribution/schema.ts';
import { type CreateDeviceInput, createDevice, updateDevice } from '../modules/inventory/devices.ts';
import { type ErasureInput, recordErasure } from '../modules/inventory/erasures.ts';
import { type DeviceStatus, needsErasure } from '../modules/inventory/lifecycle.ts';
import { deviceEvents, devices, erasures } from '../modules/inventory/schema.ts';
import { changeDeviceStatus } from '../modules/inventory/status.ts';
import { addMember } from '../modules/organisations/members.ts';
import { findUserByEmail } from '../modules/organisations/users.ts';
import { beneficiaryEvents } from '../modules/programmes/schema.ts';
import type { TimelineKind } from '../modules/programmes/vocabulary.ts';
import { DEMO_PASSWORD, type DemoAccount } from './demo.ts';

/** The actor of a demo account acting in one of its organisations with a role. */
export async function actAs(db: Executor, email: string, organisationId: string, role: Role): Promise<Actor> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error(`demo account ${email} missing`);
  return {
    userId: user.id,
    isPlatformAdmin: false,
    memberships: new Map([[organisationId, role]]),
    ip: null,
    locale: 'fr',
    via: 'system',
  };
}

/**
 * A laptop received by a refurbishing workshop and brought to « ready » as a technician would: diagnosed,
 * refurbished, its 256 GB SSD wiped (NIST 800-88 purge with nwipe, verified) by `operatorName`.
 */
export async function readyLaptop(
  db: Executor,
  actor: Actor,
  laptop: {
    organisationId: string;
    brand: string;
    model: string;
    serialNumber: string;
    operatorName: string;
  },
): Promise<string> {
  const device = await createDevice(db, actor, {
    organisationId: laptop.organisationId,
    type: 'laptop',
    brand: laptop.brand,
    model: laptop.model,
    serialNumber: laptop.serialNumber,
    storageGb: 256,
    storageType: 'ssd',
    ramGb: 8,
  });
  await changeDeviceStatus(db, actor, device.id, { status: 'diagnosed' });
  await changeDeviceStatus(db, actor, device.id, { status: 'refurbishing' });
  await wipeDemoDisk(db, actor, device.id, {
    diskSerial: `${laptop.serialNumber}-D1`,
    storageType: 'ssd',
    capacityGb: 256,
    operatorName: laptop.operatorName,
  });
  await changeDeviceStatus(db, actor, device.id, { status: 'ready' });
  return device.id;
}

/**
 * How the demo erases a disk: one overwriting pass with nwipe 0.36, verified and passed (NIST 800-88 purge).
 * The disk (serial, type, capacity), the operator and the times are the caller's.
 */
export async function wipeDemoDisk(
  db: Executor,
  actor: Actor,
  deviceId: string,
  disk: Pick<
    ErasureInput,
    'diskSerial' | 'storageType' | 'capacityGb' | 'operatorName' | 'startedAt' | 'performedAt'
  >,
): Promise<void> {
  await recordErasure(db, actor, deviceId, {
    method: 'NIST 800-88 — écrasement 1 passe avec vérification',
    level: 'purge',
    tool: 'nwipe',
    toolVersion: '0.36',
    passes: 1,
    verified: true,
    result: 'passed',
    ...disk,
  });
}

/** A day `days` after (negative: before) `day`, as `YYYY-MM-DD`. */
export function plusDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `n` days evenly spread from `from` to `to` (both included when n ≥ 2), oldest first. */
export function spreadDays(n: number, from: string, to: string): string[] {
  const start = Date.parse(`${from}T12:00:00Z`);
  const span = Math.max(0, Date.parse(`${to}T12:00:00Z`) - start);
  return Array.from({ length: n }, (_, i) =>
    new Date(start + (n < 2 ? 0 : Math.round((span * i) / (n - 1) / 86_400_000) * 86_400_000))
      .toISOString()
      .slice(0, 10),
  );
}

export const latestDay = (a: string, b: string) => (a > b ? a : b);
export const earliestDay = (a: string, b: string) => (a < b ? a : b);

/**
 * Past activity told on its day. The demo is loaded in one transaction, but a device received fourteen
 * months ago should say so: what a use case wrote for `deviceId` in this transaction and not yet dated (its
 * history since the last call, a new cycle's start, its erasures' records) moves to `day` at `hour` (UTC),
 * each step keeping its order and spacing. Called after each stage (received, worked on, handed over,
 * returned), oldest first and never for today, so a device's history never runs backwards and its erasures
 * stay within their cycle. One statement: the history, the erasures and the device.
 */
export async function backdateDevice(db: Executor, deviceId: string, day: string, hour = 10): Promise<void> {
  // Today (the first days of January leave no earlier day in this year's programmes): not after now.
  const target = sql`LEAST(${`${day}T${String(hour).padStart(2, '0')}:00:00Z`}::timestamptz, now() - interval '10 minutes')`;
  await db.execute(sql`
    WITH history AS (
      UPDATE ${deviceEvents} SET at = at - (
        (SELECT min(at) FROM ${deviceEvents} WHERE device_id = ${deviceId} AND at >= now())
        - ${target})
      WHERE device_id = ${deviceId} AND at >= now()
      RETURNING 1
    ), records AS (
      UPDATE ${erasures} SET created_at = performed_at
      WHERE device_id = ${deviceId} AND created_at > performed_at
      RETURNING 1
    )
    UPDATE ${devices} SET
      cycle_started_at = CASE WHEN cycle_started_at >= now() THEN ${target}
        ELSE cycle_started_at END,
      updated_at = ${target}
    WHERE id = ${deviceId}`);
}

/** The steps of kinds `kinds` just written in a person's timeline (a renewal, a return, a ticket) dated `day`. */
export async function backdateSteps(
  db: Executor,
  beneficiaryId: string,
  kinds: TimelineKind[],
  day: string,
): Promise<void> {
  await db.execute(sql`
    UPDATE ${beneficiaryEvents} SET happened_on = ${day}::date,
      at = ${`${day}T15:00:00Z`}::timestamptz + (at - now())
    WHERE beneficiary_id = ${beneficiaryId} AND at >= now()
      AND kind IN (${sql.join(
        kinds.map((k) => sql`${k}`),
        sql`, `,
      )})`);
}

export type Stage = 'received' | 'diagnosed' | 'refurbishing' | 'ready' | 'to_recycle' | 'lost';

const WORK: Record<Stage, DeviceStatus[]> = {
  received: [],
  diagnosed: ['diagnosed'],
  refurbishing: ['diagnosed', 'refurbishing'],
  ready: ['diagnosed', 'refurbishing', 'ready'],
  to_recycle: ['diagnosed', 'to_recycle'],
  lost: ['lost'],
};

/**
 * A device received on `receivedOn` and brought to `stage` on `workedOn` (diagnosed, refurbished, its disk
 * wiped — NIST 800-88 purge, verified — and its certificate numbered that day, the operating system image
 * installed), each step dated as it happened.
 */
export async function stockDevice(
  db: Executor,
  actor: Actor,
  input: CreateDeviceInput & {
    stage: Stage;
    receivedOn: string;
    workedOn?: string;
    operatorName: string;
    grade?: 'A' | 'B' | 'C';
    osImage?: string;
    readyLocationId?: string;
  },
): Promise<string> {
  const { stage, receivedOn, workedOn, operatorName, grade, readyLocationId, osImage, ...fields } = input;
  const device = await createDevice(db, actor, fields);
  const received = `${receivedOn}T09:00:00Z`;
  await db.execute(sql`
    UPDATE ${devices} SET created_at = ${received}::timestamptz, cycle_started_at = ${received}::timestamptz
    WHERE id = ${device.id}`);
  await backdateDevice(db, device.id, receivedOn, 9);
  const path = WORK[stage];
  if (path.length === 0) return device.id;
  const day = workedOn ?? receivedOn;
  const wipe = needsErasure(fields.type, fields.storageGb ?? null);
  for (const status of path) {
    if (status === 'ready' && wipe) {
      await wipeDemoDisk(db, actor, device.id, {
        diskSerial: `${fields.serialNumber ?? device.assetTag}-D1`,
        storageType: fields.storageType ?? undefined,
        capacityGb: fields.storageGb ?? undefined,
        operatorName,
        startedAt: new Date(`${day}T09:20:00Z`),
        performedAt: new Date(`${day}T10:00:00Z`),
      });
    }
    await changeDeviceStatus(db, actor, device.id, {
      status,
      locationId: status === 'ready' ? readyLocationId : undefined,
    });
  }
  if (stage === 'ready' && (grade || osImage)) await updateDevice(db, actor, device.id, { grade, osImage });
  await backdateDevice(db, device.id, day, 10);
  return device.id;
}

/**
 * A ready device reserved and handed over on `on` (a sale records its payment; a loan opens), the
 * device's history dated that day. Returns the allocation.
 */
export async function handOverOn(
  db: Executor,
  actor: Actor,
  input: AllocationInput & { on: string; payment?: HandoverInput['payment'] },
): Promise<string> {
  const allocation = await createAllocation(db, actor, {
    programmeId: input.programmeId,
    beneficiaryId: input.beneficiaryId,
    deviceId: input.deviceId,
  });
  await handOver(db, actor, allocation.id, {
    handedOverOn: input.on,
    payment: input.payment,
    signedOnPaper: true,
  });
  await db
    .update(allocations)
    .set({ createdAt: new Date(`${input.on}T14:00:00Z`), updatedAt: new Date(`${input.on}T14:00:00Z`) })
    .where(eq(allocations.id, allocation.id));
  await backdateDevice(db, input.deviceId, input.on, 14);
  return allocation.id;
}

/** A member of a demo organisation, with the demo password, listed with the demo accounts. */
export async function demoMember(
  db: Executor,
  actor: Actor,
  organisation: { id: string; name: string },
  member: { email: string; name: string; role: Role },
  publicUrl: string,
): Promise<DemoAccount> {
  const known = await findUserByEmail(db, member.email);
  await addMember(
    db,
    actor,
    organisation.id,
    { ...member, password: known ? undefined : DEMO_PASSWORD },
    publicUrl,
  );
  return { ...member, password: DEMO_PASSWORD, organisationName: organisation.name };
}
