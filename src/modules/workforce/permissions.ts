import { defineRolePermissions } from '../../lib/actor.ts';

export type WorkforcePermission = 'workforce.manage';

/**
 * The insertion workforce (contracts, hours, production, skills of the technicians) is personal and
 * employment data: only the organisation's administrators and managers see or change it. Technicians,
 * trainers, social workers and viewers never see it, not even their own rows here.
 */
export const workforcePermissions = defineRolePermissions<WorkforcePermission>({
  admin: ['workforce.manage'],
  manager: ['workforce.manage'],
  technician: [],
  social_worker: [],
  trainer: [],
  viewer: [],
});
