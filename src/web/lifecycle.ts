/**
 * The moves a person may make by hand, to show one button per allowed next status. The table is the
 * server's own (`src/lib/vocabulary.ts`); the server stays the authority and answers 409 to any other move.
 */
import { type DeviceStatus, MANUAL_TRANSITIONS } from '../lib/vocabulary.ts';

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
