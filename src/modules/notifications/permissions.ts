import { defineRolePermissions } from '../../lib/actor.ts';

export type NotificationPermission = 'outbox.read';

/** An organisation's administrators read the mails written about it; platform administrators read all. */
export const notificationPermissions = defineRolePermissions<NotificationPermission>({
  admin: ['outbox.read'],
  manager: [],
  technician: [],
  social_worker: [],
  trainer: [],
  viewer: [],
});
