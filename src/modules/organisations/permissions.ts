import { defineRolePermissions } from '../../lib/actor.ts';

export type OrganisationPermission = 'organisation.update' | 'member.read' | 'member.manage';

/**
 * Who may do what inside one organisation. Every member sees the colleagues of their organisation;
 * only its administrators change it or its members. Creating organisations is a platform
 * administrator's task (see `createOrganisation`).
 */
export const organisationPermissions = defineRolePermissions<OrganisationPermission>({
  admin: ['organisation.update', 'member.read', 'member.manage'],
  manager: ['member.read'],
  technician: ['member.read'],
  social_worker: ['member.read'],
  trainer: ['member.read'],
  viewer: ['member.read'],
});
