import { defineRolePermissions } from '../../lib/actor.ts';

export type ReportPermission = 'network.manage' | 'report.read';

/**
 * Who may read the network dashboard, the funder report and the donor summary of their organisation, and
 * who agrees to (or ends) a network membership on its behalf: its administrators. Roles that work with
 * devices or people day to day do not need these aggregates.
 */
export const reportPermissions = defineRolePermissions<ReportPermission>({
  admin: ['network.manage', 'report.read'],
  manager: ['report.read'],
  viewer: ['report.read'],
  technician: [],
  social_worker: [],
  trainer: [],
});
