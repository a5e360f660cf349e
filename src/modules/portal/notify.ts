/** Who the portal writes to: the programme owner's referral managers, and an association's contact. */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Locale } from '../../lib/messages.ts';
import { memberships, users } from '../organisations/schema.ts';
import { peoplePermissions } from '../programmes/permissions.ts';

/** The roles that run the verification and the orders (those holding `referral.manage`). */
const MANAGING_ROLES = Object.entries(peoplePermissions.map)
  .filter(([, permissions]) => permissions.includes('referral.manage'))
  .map(([role]) => role);

/** The active members of the owner organisation who verify registrations and handle orders. */
export async function referralManagers(
  tx: Executor,
  organisationId: string,
): Promise<{ name: string; email: string; locale: Locale }[]> {
  const rows = await tx
    .select({ name: users.name, email: users.email, locale: users.locale })
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
  return rows.map((r) => ({ ...r, locale: r.locale === 'en' ? 'en' : 'fr' }));
}
