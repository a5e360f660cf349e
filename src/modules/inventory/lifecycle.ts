import {
  DEVICE_STATUSES,
  type DeviceStatus,
  type DeviceType,
  MANUAL_TRANSITIONS,
  TYPES_WITH_STORAGE,
} from '../../lib/vocabulary.ts';

export { DEVICE_STATUSES, type DeviceStatus, MANUAL_TRANSITIONS };

export function canMove(from: DeviceStatus, to: DeviceStatus): boolean {
  return MANUAL_TRANSITIONS[from].includes(to);
}

/** Moves that start a new cycle: erasures recorded before them no longer count. */
export function startsNewCycle(from: DeviceStatus, to: DeviceStatus): boolean {
  return (from === 'lost' && to === 'received') || to === 'returned';
}

/** Whether a device of this type and storage needs a passed erasure before it can be ready. */
export function needsErasure(type: DeviceType, storageGb: number | null): boolean {
  return TYPES_WITH_STORAGE.includes(type) && storageGb !== 0;
}

export interface ErasureOutcome {
  diskSerial: string | null;
  result: 'passed' | 'failed';
  performedAt: Date;
}

/**
 * "Ready requires a passed erasure": at least one erasure in the current cycle, and for every disk
 * (by serial; records without a serial count as one disk) the latest erasure passed.
 */
export function erasureAllowsReady(erasuresThisCycle: readonly ErasureOutcome[]): boolean {
  if (erasuresThisCycle.length === 0) return false;
  const latest = new Map<string, ErasureOutcome>();
  for (const erasure of erasuresThisCycle) {
    const key = erasure.diskSerial?.trim().toLowerCase() ?? '';
    const seen = latest.get(key);
    if (!seen || seen.performedAt <= erasure.performedAt) latest.set(key, erasure);
  }
  return [...latest.values()].every((e) => e.result === 'passed');
}
