/**
 * The moves a person may make by hand, to show one button per allowed next status. The server holds the
 * same table and is the authority (it answers 409 to any other move); `lifecycle.test.ts` checks that the
 * two tables agree.
 */
import type { DeviceStatus } from './api.ts';

export const MANUAL_TRANSITIONS: Readonly<Record<DeviceStatus, readonly DeviceStatus[]>> = {
  received: ['diagnosed', 'to_recycle', 'lost'],
  diagnosed: ['refurbishing', 'to_recycle', 'lost'],
  refurbishing: ['ready', 'to_recycle', 'lost'],
  ready: ['refurbishing', 'to_recycle', 'lost'],
  reserved: [],
  handed_over: [],
  returned: ['diagnosed', 'refurbishing', 'to_recycle', 'lost'],
  to_recycle: ['recycled', 'refurbishing'],
  recycled: [],
  lost: ['received'],
};

/** The statuses a device in this status may be moved to by hand. */
export function nextStatuses(status: DeviceStatus): readonly DeviceStatus[] {
  return MANUAL_TRANSITIONS[status];
}

/** The statuses at least one of these devices may be moved to, in the table's order. */
export function reachableFrom(statuses: Iterable<DeviceStatus>): DeviceStatus[] {
  const reachable = new Set<DeviceStatus>();
  for (const status of statuses) for (const next of MANUAL_TRANSITIONS[status]) reachable.add(next);
  const order = Object.keys(MANUAL_TRANSITIONS) as DeviceStatus[];
  return order.filter((status) => reachable.has(status));
}
