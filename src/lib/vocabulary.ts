/**
 * The domain's fixed vocabularies, as plain constants with no dependency: the API's validation, the
 * services and the web app all import them from here, so the lists exist once.
 */

export const ORGANISATION_KINDS = [
  'donor',
  'refurbisher',
  'prescriber',
  'association',
  'funder',
  'trainer',
  'coordinator',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const DEVICE_TYPES = [
  'laptop',
  'desktop',
  'monitor',
  'tablet',
  'smartphone',
  'printer',
  'other',
] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

/** Types that hold user data: they need a passed erasure before they can become ready. */
export const TYPES_WITH_STORAGE: readonly DeviceType[] = ['laptop', 'desktop', 'tablet', 'smartphone'];

export const STORAGE_TYPES = ['hdd', 'ssd', 'nvme', 'emmc', 'other'] as const;
export type StorageType = (typeof STORAGE_TYPES)[number];

export const GRADES = ['A', 'B', 'C'] as const;
export type Grade = (typeof GRADES)[number];

export const DEVICE_STATUSES = [
  'received',
  'diagnosed',
  'refurbishing',
  'ready',
  'reserved',
  'handed_over',
  'returned',
  'to_recycle',
  'recycled',
  'lost',
] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/**
 * The moves a person may make with `POST /devices/{id}/status` — the whole table, as data. `reserved`,
 * `handed_over` and `returned` are reached only through allocations, handovers and loan returns.
 */
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
