/**
 * The e-mail sent when a person asks in a follow-up to be contacted: to the social worker who referred
 * them while they still work for the referring organisation and may handle its referrals; otherwise to
 * that organisation's referral managers, so the request never lands in the inbox of someone who left.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { queueMail } from '../notifications/outbox.ts';
import { memberships, users } from '../organisations/schema.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { displayName } from '../programmes/referrals.ts';
import { beneficiaries, programmes, referrals } from '../programmes/schema.ts';
import { followUps } from './schema.ts';

/** The roles that handle referrals (`referral.manage`): administrators, managers, social workers. */
const MANAGING_ROLES = Object.entries(peoplePermissions.map)
  .filter(([, permissions]) => permissions.includes('referral.manage'))
  .map(([role]) => role);

interface Recipient {
  userId: string;
  name: string;
  email: string;
  locale: string;
}

/** The referring organisation's active members who handle referrals, the referrer among them or not. */
async function referralManagersOf(tx: Executor, organisationId: string): Promise<Recipient[]> {
  return tx
    .select({ userId: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organisationId, organisationId),
        inArray(memberships.role, MANAGING_ROLES),
        isNull(users.disabledAt),
      ),
    )
    .orderBy(users.email);
}

/**
 * Queues the help e-mail for a follow-up, inside the answer's transaction: to the referrer if they are
 * still an active member handling referrals of the referring organisation, else to all of that
 * organisation's referral managers. Returns whether anybody was written to.
 */
export async function mailHelpAsked(
  tx: Executor,
  followUpId: string,
  context: { publicUrl: string; ticketOpened: boolean },
): Promise<boolean> {
  const [about] = await tx
    .select({
      beneficiaryId: followUps.beneficiaryId,
      months: followUps.months,
      programmeName: programmes.name,
      referringOrganisationId: referrals.referringOrganisationId,
      referredByUserId: referrals.referredByUserId,
      person: {
        kind: beneficiaries.kind,
        firstName: beneficiaries.firstName,
        lastName: beneficiaries.lastName,
        name: beneficiaries.name,
      },
    })
    .from(followUps)
    .innerJoin(programmes, eq(programmes.id, followUps.programmeId))
    .innerJoin(beneficiaries, eq(beneficiaries.id, followUps.beneficiaryId))
    .innerJoin(referrals, eq(referrals.id, followUps.referralId))
    .where(eq(followUps.id, followUpId));
  if (!about) return false;
  const managers = await referralManagersOf(tx, about.referringOrganisationId);
  const referrer = managers.find((m) => m.userId === about.referredByUserId);
  const recipients = referrer ? [referrer] : managers;
  for (const to of recipients) {
    await queueMail(tx, {
      to: to.email,
      template: 'follow_up_help',
      locale: to.locale === 'en' ? 'en' : 'fr',
      // The referring organisation's request: its administrators see the mail in their outbox.
      organisationId: about.referringOrganisationId,
      params: {
        name: to.name,
        person: displayName(about.person) ?? '—',
        programmeName: about.programmeName,
        months: about.months,
        ticketOpened: context.ticketOpened,
        url: `${context.publicUrl.replace(/\/+$/, '')}/beneficiaires/${about.beneficiaryId}`,
      },
    });
  }
  return recipients.length > 0;
}
