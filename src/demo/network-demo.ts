import type { Executor } from '../db/tx.ts';
import type { Actor } from '../lib/actor.ts';
import { addMember } from '../modules/organisations/members.ts';
import { createOrganisation } from '../modules/organisations/organisations.ts';
import { findUserByEmail } from '../modules/organisations/users.ts';
import { agreeToNetworkMembership } from '../modules/reports/network-members.ts';
import { DEMO_PASSWORD, type DemoAccount } from './demo.ts';

/** The demo's regional network: its coordinator and the person who reads its dashboard. */
export const DEMO_COORDINATOR = {
  name: 'Réseau Réemploi Val de Loire',
  postcode: '45000',
  city: 'Orléans',
  member: { email: 'coordination@reseau-reemploi.example', name: 'Élise Fontaine' },
} as const;

/**
 * A coordinating organisation whose network holds every organisation of the demo territory (each
 * membership agreed on both sides, as the platform administrator loading the demo may do), and its
 * administrator's account, who sees the network dashboard's aggregates and never a person.
 */
export async function loadNetworkDemo(
  db: Executor,
  actor: Actor,
  organisationIds: readonly string[],
  publicUrl: string,
): Promise<DemoAccount> {
  const coordinator = await createOrganisation(db, actor, {
    name: DEMO_COORDINATOR.name,
    kinds: ['coordinator'],
    postcode: DEMO_COORDINATOR.postcode,
    city: DEMO_COORDINATOR.city,
  });
  const { email, name } = DEMO_COORDINATOR.member;
  const known = await findUserByEmail(db, email);
  await addMember(
    db,
    actor,
    coordinator.id,
    { email, name, role: 'admin', password: known ? undefined : DEMO_PASSWORD },
    publicUrl,
  );
  for (const organisationId of organisationIds) {
    await agreeToNetworkMembership(db, actor, coordinator.id, organisationId);
  }
  return { email, password: DEMO_PASSWORD, name, role: 'admin', organisationName: coordinator.name };
}
