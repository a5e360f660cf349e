import { defineRolePermissions } from '../../lib/actor.ts';

export type TrainingPermission =
  | 'training.read'
  | 'training.manage'
  | 'training.enrol'
  | 'training.assess'
  | 'grid.manage';

/**
 * Training is read by every member of the organisation that runs it; trainers, managers and
 * administrators run workshops (sessions, attendance, assessments, anonymous activities); social workers
 * also enrol the people they follow; the competence grid is the managers' and administrators' choice.
 */
export const trainingPermissions = defineRolePermissions<TrainingPermission>({
  admin: ['training.read', 'training.manage', 'training.enrol', 'training.assess', 'grid.manage'],
  manager: ['training.read', 'training.manage', 'training.enrol', 'training.assess', 'grid.manage'],
  trainer: ['training.read', 'training.manage', 'training.enrol', 'training.assess'],
  social_worker: ['training.read', 'training.enrol'],
  technician: ['training.read'],
  viewer: ['training.read'],
});
