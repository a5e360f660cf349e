import { defineRolePermissions } from '../../lib/actor.ts';

export type AuditPermission = 'audit.read';

/** Only an organisation's administrators read its audit trail; platform administrators read all of it. */
export const auditPermissions = defineRolePermissions<AuditPermission>({
  admin: ['audit.read'],
  manager: [],
  technician: [],
  social_worker: [],
  trainer: [],
  viewer: [],
});
