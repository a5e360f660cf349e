import { defineRolePermissions } from '../../lib/actor.ts';

export type ChequePermission = 'cheque.read' | 'cheque.record' | 'cheque.batch';

/**
 * Training cheques belong to the organisation that runs the workshop. Those who run sessions (trainers,
 * managers, administrators) record the cheques handed to them; sending batches to the issuers and
 * recording what they paid back is the managers' and administrators' work; viewers read. Technicians and
 * social workers have no part in it (the cheques are invisible to them: 404).
 */
export const chequePermissions = defineRolePermissions<ChequePermission>({
  admin: ['cheque.read', 'cheque.record', 'cheque.batch'],
  manager: ['cheque.read', 'cheque.record', 'cheque.batch'],
  trainer: ['cheque.read', 'cheque.record'],
  social_worker: [],
  technician: [],
  viewer: ['cheque.read'],
});
