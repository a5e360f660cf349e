import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, type FieldError } from '../../lib/errors.ts';
import type { DeviceType } from './device-fields.ts';
import { assertLocation, type Device, presentDevice } from './devices.ts';
import {
  canMove,
  type DeviceStatus,
  erasureAllowsReady,
  MANUAL_TRANSITIONS,
  needsErasure,
  startsNewCycle,
} from './lifecycle.ts';
import { inventoryPermissions } from './permissions.ts';
import { deviceEvents, devices, erasures } from './schema.ts';
import { type DeviceRow, loadDevice } from './visibility.ts';

export interface StatusChange {
  status: DeviceStatus;
  /** The status the person saw when deciding; if the device changed meanwhile, the move is refused (409). */
  expectedStatus?: DeviceStatus;
  note?: string;
  locationId?: string;
}

/** Why a device cannot make a move, as a field error (for bulk answers) — or null when it can. */
async function refusal(
  tx: Executor,
  row: DeviceRow,
  to: DeviceStatus,
  path: string,
): Promise<{ code: 'CONFLICT' | 'RULE_REFUSED'; error: FieldError } | null> {
  const from = row.status as DeviceStatus;
  if (!canMove(from, to)) {
    return {
      code: 'CONFLICT',
      error: {
        path,
        messageKey: 'inventory.illegal_transition',
        params: { assetTag: row.assetTag, from, to, allowed: MANUAL_TRANSITIONS[from].join(', ') || '—' },
      },
    };
  }
  if (to === 'ready' && needsErasure(row.type as DeviceType, row.storageGb)) {
    const thisCycle = await tx
      .select({ diskSerial: erasures.diskSerial, result: erasures.result, performedAt: erasures.performedAt })
      .from(erasures)
      .where(and(eq(erasures.deviceId, row.id), gte(erasures.createdAt, row.cycleStartedAt)));
    if (
      !erasureAllowsReady(
        thisCycle as { diskSerial: string | null; result: 'passed' | 'failed'; performedAt: Date }[],
      )
    ) {
      return {
        code: 'RULE_REFUSED',
        error: { path, messageKey: 'inventory.erasure_required', params: { assetTag: row.assetTag } },
      };
    }
  }
  return null;
}

/**
 * Applies one move inside the transaction: the expected current status is in the WHERE, so of two
 * technicians moving the same device at once exactly one wins; the other gets 409.
 */
async function applyMove(
  tx: Executor,
  actor: Actor,
  row: DeviceRow,
  change: StatusChange,
): Promise<DeviceRow> {
  const from = row.status as DeviceStatus;
  const [updated] = await tx
    .update(devices)
    .set({
      status: change.status,
      updatedAt: sql`now()`,
      ...(change.locationId ? { locationId: change.locationId } : {}),
      ...(startsNewCycle(from, change.status) ? { cycleStartedAt: sql`clock_timestamp()` } : {}),
    })
    .where(and(eq(devices.id, row.id), eq(devices.status, from)))
    .returning();
  if (!updated) {
    throw new AppError('CONFLICT', 'inventory.status_changed_meanwhile', {
      params: { assetTag: row.assetTag },
    });
  }
  await tx.insert(deviceEvents).values({
    deviceId: row.id,
    organisationId: row.organisationId,
    actorUserId: actor.userId,
    kind: 'status',
    fromStatus: from,
    toStatus: change.status,
    locationId: updated.locationId,
    note: change.note ?? null,
  });
  return updated;
}

/**
 * A move that distribution makes (reserve, hand over, take back, free): no manual-transition check, the
 * same conditional UPDATE and device event. Null when the device is no longer in `from` (someone else
 * acted first): the caller answers 409. Call it inside the caller's transaction.
 */
export async function moveDeviceForDistribution(
  tx: Executor,
  actor: Actor,
  deviceId: string,
  from: DeviceStatus,
  to: DeviceStatus,
  note: string,
): Promise<DeviceRow | null> {
  const [row] = await tx.select().from(devices).where(eq(devices.id, deviceId));
  if (!row || row.status !== from) return null;
  try {
    return await applyMove(tx, actor, row, { status: to, note });
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFLICT') return null;
    throw err;
  }
}

/** Moves one device to another status (POST /devices/{id}/status). */
export async function changeDeviceStatus(
  db: Executor,
  actor: Actor,
  id: string,
  change: StatusChange,
): Promise<Device> {
  const seen = await loadDevice(db, actor, id);
  inventoryPermissions.authorize(actor, 'device.write', seen.organisationId, 'device');
  return db.transaction(async (tx) => {
    // Lock the device: an erasure recorded at the same moment must not slip between check and move.
    const row = await loadDevice(tx, actor, id, true);
    await assertLocation(tx, row.organisationId, change.locationId);
    if (change.expectedStatus && row.status !== change.expectedStatus) {
      throw new AppError('CONFLICT', 'inventory.status_changed_meanwhile', {
        params: { assetTag: row.assetTag },
      });
    }
    const refused = await refusal(tx, row, change.status, 'status');
    if (refused) throw new AppError(refused.code, refused.error.messageKey, { params: refused.error.params });
    return presentDevice(actor, await applyMove(tx, actor, row, change));
  });
}

/**
 * Moves several devices at once, all or none: when any cannot move, nothing changes and the answer
 * lists every device that cannot, with the reason.
 */
export async function changeDevicesStatus(
  db: Executor,
  actor: Actor,
  ids: string[],
  change: StatusChange,
): Promise<Device[]> {
  const unique = [...new Set(ids)];
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(devices)
      .where(inArray(devices.id, unique))
      .orderBy(devices.id)
      .for('update');
    const visible = new Map(
      rows
        .filter((r) => inventoryPermissions.can(actor, 'device.read', r.organisationId))
        .map((r) => [r.id, r]),
    );
    const errors: FieldError[] = [];
    let code: 'CONFLICT' | 'RULE_REFUSED' | 'NOT_FOUND' = 'CONFLICT';
    for (const [index, id] of unique.entries()) {
      const row = visible.get(id);
      if (!row) {
        errors.push({ path: `ids.${index}`, messageKey: 'errors.not_found' });
        code = 'NOT_FOUND';
        continue;
      }
      inventoryPermissions.authorize(actor, 'device.write', row.organisationId, 'device');
      await assertLocation(tx, row.organisationId, change.locationId);
      if (change.expectedStatus && row.status !== change.expectedStatus) {
        errors.push({
          path: `ids.${index}`,
          messageKey: 'inventory.status_changed_meanwhile',
          params: { assetTag: row.assetTag },
        });
        continue;
      }
      const refused = await refusal(tx, row, change.status, `ids.${index}`);
      if (refused) {
        errors.push(refused.error);
        if (code !== 'NOT_FOUND') code = refused.code;
      }
    }
    if (errors.length > 0) {
      throw new AppError(code, 'inventory.bulk_refused', {
        params: { count: errors.length },
        fieldErrors: errors,
      });
    }
    const moved: Device[] = [];
    for (const id of unique)
      moved.push(presentDevice(actor, await applyMove(tx, actor, visible.get(id) as DeviceRow, change)));
    return moved;
  });
}
