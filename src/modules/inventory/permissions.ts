import { defineRolePermissions } from '../../lib/actor.ts';

export type InventoryPermission =
  | 'device.read'
  | 'device.write'
  | 'erasure.record'
  | 'donation.read'
  | 'donation.write'
  | 'location.manage';

/**
 * Inside the organisation that holds the stock: technicians, managers and administrators work on
 * devices; everyone else reads. Donations are visible to both the donor's and the refurbisher's members.
 */
export const inventoryPermissions = defineRolePermissions<InventoryPermission>({
  admin: [
    'device.read',
    'device.write',
    'erasure.record',
    'donation.read',
    'donation.write',
    'location.manage',
  ],
  manager: [
    'device.read',
    'device.write',
    'erasure.record',
    'donation.read',
    'donation.write',
    'location.manage',
  ],
  technician: ['device.read', 'device.write', 'erasure.record', 'donation.read', 'donation.write'],
  social_worker: ['device.read', 'donation.read'],
  trainer: ['device.read', 'donation.read'],
  viewer: ['device.read', 'donation.read'],
});
