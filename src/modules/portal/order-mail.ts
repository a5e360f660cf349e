/** The e-mails of an order's steps: always the association's contact; the owner's staff for new and cancelled orders. */
import type { Executor } from '../../db/tx.ts';
import { queueMail } from '../notifications/outbox.ts';
import type { ProgrammeRow } from '../programmes/visibility.ts';
import { referralManagers } from './notify.ts';
import type { associationOrders, associationRegistrations } from './schema.ts';

export async function mailOrderStep(
  tx: Executor,
  input: {
    order: typeof associationOrders.$inferSelect;
    programme: ProgrammeRow;
    registration: typeof associationRegistrations.$inferSelect;
    note: string | null;
    publicUrl: string;
  },
): Promise<void> {
  const { order, programme, registration } = input;
  const common = {
    number: order.number,
    associationName: registration.name,
    programmeName: programme.name,
    status: order.status,
    note: input.note,
    url: `${input.publicUrl}/portail/commandes/${order.id}`,
  };
  await queueMail(tx, {
    to: registration.contactEmail,
    template: 'portal_order_status',
    locale: registration.locale === 'en' ? 'en' : 'fr',
    organisationId: order.organisationId,
    params: { ...common, name: registration.contactName, forOwner: false },
  });
  if (order.status !== 'submitted' && order.status !== 'cancelled') return;
  for (const manager of await referralManagers(tx, programme.ownerOrganisationId)) {
    await queueMail(tx, {
      to: manager.email,
      template: 'portal_order_status',
      locale: manager.locale,
      organisationId: programme.ownerOrganisationId,
      params: { ...common, name: manager.name, forOwner: true },
    });
  }
}
