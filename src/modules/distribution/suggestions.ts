/**
 * Match suggestions: the waiting list, in its order, against the ready stock the programme may give out.
 * Each person, in turn, gets the first free device of the type they need (a laptop when no need is
 * recorded); nothing is reserved until someone confirms.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { forbidden } from '../../lib/errors.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { displayName } from '../programmes/referrals.ts';
import { beneficiaries, referrals } from '../programmes/schema.ts';
import { loadProgramme } from '../programmes/visibility.ts';
import type { DeviceNeed } from '../programmes/vocabulary.ts';
import { type AvailableDevice, availableDevices } from './allocations.ts';
import { allocations } from './schema.ts';

export interface Suggestion {
  referralId: string;
  beneficiaryId: string;
  beneficiaryName: string | null;
  position: number;
  deviceNeed: DeviceNeed | null;
  accessibilityNeeds: boolean;
  device: AvailableDevice | null;
}

export async function suggestMatches(
  db: Executor,
  actor: Actor,
  programmeId: string,
  limit = 50,
): Promise<Suggestion[]> {
  const { row: programme } = await loadProgramme(db, actor, programmeId);
  if (!peoplePermissions.can(actor, 'referral.manage', programme.ownerOrganisationId)) throw forbidden();
  const statuses = programme.trainingRequired
    ? (['trained'] as const)
    : (['eligible', 'in_training', 'trained'] as const);
  const waiting = await db
    .select({ referral: referrals, person: beneficiaries })
    .from(referrals)
    .innerJoin(beneficiaries, eq(beneficiaries.id, referrals.beneficiaryId))
    .where(
      and(
        eq(referrals.programmeId, programme.id),
        inArray(referrals.status, [...statuses]),
        // Not someone with a device already set aside, nor at the programme's maximum (persons).
        sql`NOT EXISTS (SELECT 1 FROM ${allocations} WHERE ${allocations.referralId} = ${referrals.id} AND ${allocations.status} = 'reserved')`,
        sql`(${beneficiaries.kind} = 'association' OR (SELECT count(*) FROM ${allocations} WHERE ${allocations.beneficiaryId} = ${beneficiaries.id} AND ${allocations.programmeId} = ${programme.id} AND ${allocations.status} <> 'cancelled') < ${programme.maxDevicesPerPerson})`,
      ),
    )
    .orderBy(
      sql`${referrals.priority} DESC`,
      asc(referrals.referredOn),
      asc(referrals.createdAt),
      asc(referrals.id),
    )
    .limit(limit);
  const stock = await availableDevices(db, actor, programme.id, { limit: 500 });
  const free = [...stock];
  return waiting.map(({ referral, person }, index) => {
    const need = person.deviceNeed ?? 'laptop';
    const at = free.findIndex((d) => d.type === need);
    const [device] = at >= 0 ? free.splice(at, 1) : [];
    return {
      referralId: referral.id,
      beneficiaryId: person.id,
      beneficiaryName: displayName(person),
      position: index + 1,
      deviceNeed: person.deviceNeed,
      accessibilityNeeds: person.accessibilityNeeds,
      device: device ?? null,
    };
  });
}
