import { and, eq, isNull, sql } from 'drizzle-orm';
import { nextNumber } from '../../db/counters.ts';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { instanceTimeZone } from '../../lib/dates.ts';
import { users } from '../organisations/schema.ts';
import type { ErasureRow } from './devices.ts';
import { inventoryPermissions } from './permissions.ts';
import { deviceEvents, devices, erasures } from './schema.ts';
import { type DeviceRow, loadDevice } from './visibility.ts';

export interface ErasureInput {
  method: string;
  level?: 'clear' | 'purge' | 'destroy';
  tool?: string;
  toolVersion?: string;
  passes?: number;
  verified: boolean;
  result: 'passed' | 'failed';
  diskSerial?: string;
  diskModel?: string;
  storageType?: 'hdd' | 'ssd' | 'nvme' | 'emmc' | 'other';
  capacityGb?: number;
  operatorName?: string;
  startedAt?: Date;
  performedAt?: Date;
}

/** `EC-2026-000042`: per organisation and year, without gaps. */
export function formatCertificateNumber(year: number, n: number): string {
  return `EC-${year}-${String(n).padStart(6, '0')}`;
}

function yearIn(date: Date): number {
  return Number(
    new Intl.DateTimeFormat('en', { timeZone: instanceTimeZone(), year: 'numeric' }).format(date),
  );
}

/** Gives the device its certificate number (once), from its organisation's counter for the year. */
export async function assignCertificateNumber(
  db: Executor,
  device: DeviceRow,
  at: Date = new Date(),
): Promise<DeviceRow> {
  return db
    .transaction(async (tx) => {
      const year = yearIn(at);
      const certificateNumber = formatCertificateNumber(
        year,
        await nextNumber(tx, device.organisationId, 'erasure_certificate', year),
      );
      const [updated] = await tx
        .update(devices)
        .set({ certificateNumber, updatedAt: sql`now()` })
        .where(and(eq(devices.id, device.id), isNull(devices.certificateNumber)))
        .returning();
      if (updated) return updated;
      // Someone numbered it meanwhile: give the number back (rollback) and use theirs.
      throw new NumberTakenMeanwhile();
    })
    .catch(async (err) => {
      if (!(err instanceof NumberTakenMeanwhile)) throw err;
      const [current] = await db.select().from(devices).where(eq(devices.id, device.id));
      return current as DeviceRow;
    });
}

class NumberTakenMeanwhile extends Error {}

/**
 * Records the erasure of one storage medium. Records are never edited: a correction is a new record.
 * The device's erasure certificate gets its number with the first record.
 */
export async function recordErasure(
  db: Executor,
  actor: Actor,
  deviceId: string,
  input: ErasureInput,
): Promise<ErasureRow & { certificateNumber: string }> {
  const seen = await loadDevice(db, actor, deviceId);
  inventoryPermissions.authorize(actor, 'erasure.record', seen.organisationId, 'device');
  return db.transaction(async (tx) => {
    const device = await loadDevice(tx, actor, deviceId, true);
    let operatorName = input.operatorName ?? null;
    if (!operatorName && actor.userId) {
      const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));
      operatorName = user?.name ?? null;
    }
    const performedAt = input.performedAt ?? new Date();
    const [row] = await tx
      .insert(erasures)
      .values({
        ...input,
        deviceId,
        organisationId: device.organisationId,
        operatorUserId: actor.userId,
        operatorName,
        performedAt,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    let certificateNumber = device.certificateNumber;
    if (!certificateNumber) {
      const year = yearIn(performedAt);
      certificateNumber = formatCertificateNumber(
        year,
        await nextNumber(tx, device.organisationId, 'erasure_certificate', year),
      );
      await tx
        .update(devices)
        .set({ certificateNumber, updatedAt: sql`now()` })
        .where(eq(devices.id, deviceId));
    }
    await tx.insert(deviceEvents).values({
      deviceId,
      organisationId: device.organisationId,
      actorUserId: actor.userId,
      kind: 'erasure',
      // Data, not words: the timeline words the result in the reader's language.
      changes: {
        result: { from: null, to: input.result },
        diskSerial: { from: null, to: input.diskSerial ?? null },
      },
      locationId: device.locationId,
    });
    if (input.result === 'failed' && device.status === 'ready') {
      // A ready device whose disk fails its erasure is no longer ready.
      await tx
        .update(devices)
        .set({ status: 'refurbishing', updatedAt: sql`now()` })
        .where(eq(devices.id, deviceId));
      await tx.insert(deviceEvents).values({
        deviceId,
        organisationId: device.organisationId,
        actorUserId: actor.userId,
        kind: 'status',
        fromStatus: 'ready',
        toStatus: 'refurbishing',
        locationId: device.locationId,
      });
    }
    return { ...row, certificateNumber };
  });
}
