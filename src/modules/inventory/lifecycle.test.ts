import { describe, expect, it } from 'vitest';
import {
  canMove,
  DEVICE_STATUSES,
  type DeviceStatus,
  erasureAllowsReady,
  needsErasure,
} from './lifecycle.ts';

/** The table of api.md, written out by hand: every pair not listed here must be refused. */
const ALLOWED: [DeviceStatus, DeviceStatus[]][] = [
  ['received', ['diagnosed', 'to_recycle', 'lost']],
  ['diagnosed', ['refurbishing', 'to_recycle', 'lost']],
  ['refurbishing', ['ready', 'to_recycle', 'lost']],
  ['ready', ['refurbishing', 'to_recycle', 'lost']],
  ['returned', ['diagnosed', 'refurbishing', 'to_recycle', 'lost']],
  ['to_recycle', ['recycled', 'refurbishing']],
  ['lost', ['received']],
];

describe('manual status moves', () => {
  const pairs = DEVICE_STATUSES.flatMap((from) => DEVICE_STATUSES.map((to) => [from, to] as const));
  it.each(pairs)('%s → %s', (from, to) => {
    const allowed = ALLOWED.find(([f]) => f === from)?.[1] ?? [];
    expect(canMove(from, to)).toBe(allowed.includes(to));
  });
});

describe('erasure rule', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 10, minute));
  it('needs at least one erasure', () => {
    expect(erasureAllowsReady([])).toBe(false);
  });
  it('needs every disk passed, by its latest erasure', () => {
    expect(
      erasureAllowsReady([
        { diskSerial: 'A', result: 'failed', performedAt: at(1) },
        { diskSerial: 'A', result: 'passed', performedAt: at(2) },
        { diskSerial: 'B', result: 'passed', performedAt: at(3) },
      ]),
    ).toBe(true);
    expect(
      erasureAllowsReady([
        { diskSerial: 'A', result: 'passed', performedAt: at(1) },
        { diskSerial: 'B', result: 'failed', performedAt: at(3) },
      ]),
    ).toBe(false);
    expect(
      erasureAllowsReady([
        { diskSerial: 'a ', result: 'passed', performedAt: at(1) },
        { diskSerial: 'A', result: 'failed', performedAt: at(2) },
      ]),
    ).toBe(false);
  });
  it('exempts types without storage and devices received without their disks', () => {
    expect(needsErasure('monitor', 0)).toBe(false);
    expect(needsErasure('printer', null)).toBe(false);
    expect(needsErasure('laptop', 0)).toBe(false);
    expect(needsErasure('laptop', null)).toBe(true);
    expect(needsErasure('smartphone', 64)).toBe(true);
  });
});
