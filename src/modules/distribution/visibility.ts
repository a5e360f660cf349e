import { inArray, or, type SQL } from 'drizzle-orm';
import type { Actor } from '../../lib/actor.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { beneficiaries, programmes } from '../programmes/schema.ts';

/**
 * Who sees an allocation, a loan or an aid, as for the referral it follows: the person's referring
 * organisation and the owner of the record's own programme — not the owner of another programme the
 * person is referred to. The query must join `beneficiaries` on the person and `programmes` on the
 * record's programme. `false` when the actor may see none.
 */
export function distributionScope(actor: Actor): SQL | undefined | false {
  const orgs = peoplePermissions.organisationsWith(actor, 'beneficiary.read');
  if (orgs === 'all') return undefined;
  if (orgs.length === 0) return false;
  return or(
    inArray(beneficiaries.referringOrganisationId, orgs),
    inArray(programmes.ownerOrganisationId, orgs),
  );
}
