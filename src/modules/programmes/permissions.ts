import { defineRolePermissions } from '../../lib/actor.ts';

export type PeoplePermission =
  | 'programme.read'
  | 'programme.manage'
  | 'beneficiary.read'
  | 'beneficiary.write'
  | 'beneficiary.erase'
  | 'referral.manage';

/**
 * Programmes are read by every member of the organisations involved and changed by the owner's
 * administrators and managers. People are read by every member of the organisations that hold them
 * (the referring one, a programme's owner); social workers, managers and administrators write them;
 * erasure (a right exercised once, irreversible) is for managers and administrators.
 */
export const peoplePermissions = defineRolePermissions<PeoplePermission>({
  admin: [
    'programme.read',
    'programme.manage',
    'beneficiary.read',
    'beneficiary.write',
    'beneficiary.erase',
    'referral.manage',
  ],
  manager: [
    'programme.read',
    'programme.manage',
    'beneficiary.read',
    'beneficiary.write',
    'beneficiary.erase',
    'referral.manage',
  ],
  social_worker: ['programme.read', 'beneficiary.read', 'beneficiary.write', 'referral.manage'],
  technician: ['programme.read', 'beneficiary.read'],
  trainer: ['programme.read', 'beneficiary.read'],
  viewer: ['programme.read', 'beneficiary.read'],
});
