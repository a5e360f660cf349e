import { and, eq, isNotNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { type Actor, canSeeOrganisationInternals } from '../../lib/actor.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { OrganisationKind } from '../../lib/vocabulary.ts';
import { recordAudit } from '../audit/service.ts';
import { organisations } from '../organisations/schema.ts';
import { reportPermissions } from './network-permissions.ts';
import type { NetworkMember, NetworkMemberStatus, NetworkMembershipOfOrganisation } from './network-types.ts';
import { networkMembers } from './schema.ts';

interface OrganisationProfile {
  id: string;
  name: string;
  kinds: OrganisationKind[];
}

/** An organisation's public profile (the directory is public inside the instance), or 404. */
export async function organisationProfile(db: Executor, id: string): Promise<OrganisationProfile> {
  const [row] = await db
    .select({ id: organisations.id, name: organisations.name, kinds: organisations.kinds })
    .from(organisations)
    .where(eq(organisations.id, id));
  if (!row) throw notFound('organisation');
  return { ...row, kinds: row.kinds as OrganisationKind[] };
}

/** The coordinator's organisation (404 if unknown), refused (422) when it is not a coordinator. */
export async function coordinatorProfile(db: Executor, id: string): Promise<OrganisationProfile> {
  const coordinator = await organisationProfile(db, id);
  if (!coordinator.kinds.includes('coordinator')) {
    throw new AppError('RULE_REFUSED', 'network.not_coordinator', { params: { name: coordinator.name } });
  }
  return coordinator;
}

function statusOf(row: {
  coordinatorAgreedAt: Date | null;
  memberAgreedAt: Date | null;
}): NetworkMemberStatus {
  if (row.coordinatorAgreedAt && row.memberAgreedAt) return 'active';
  return row.coordinatorAgreedAt ? 'invited' : 'requested';
}

const memberColumns = {
  coordinatorOrganisationId: networkMembers.coordinatorOrganisationId,
  organisationId: networkMembers.organisationId,
  name: organisations.name,
  kinds: organisations.kinds,
  addedAt: networkMembers.addedAt,
  coordinatorAgreedAt: networkMembers.coordinatorAgreedAt,
  memberAgreedAt: networkMembers.memberAgreedAt,
};

type MemberRow = {
  coordinatorOrganisationId: string;
  organisationId: string;
  name: string;
  kinds: string[];
  addedAt: Date;
  coordinatorAgreedAt: Date | null;
  memberAgreedAt: Date | null;
};

function present(row: MemberRow): NetworkMember {
  return {
    coordinatorOrganisationId: row.coordinatorOrganisationId,
    organisationId: row.organisationId,
    name: row.name,
    kinds: row.kinds as OrganisationKind[],
    status: statusOf(row),
    addedAt: row.addedAt.toISOString(),
    coordinatorAgreedAt: row.coordinatorAgreedAt?.toISOString() ?? null,
    memberAgreedAt: row.memberAgreedAt?.toISOString() ?? null,
  };
}

/**
 * Which side(s) of a membership the actor speaks for: the administrators of the coordinator, of the
 * member organisation, or both (a platform administrator). Outsiders get 404, other members 403.
 */
function sidesOf(actor: Actor, coordinatorId: string, organisationId: string) {
  const asCoordinator = reportPermissions.can(actor, 'network.manage', coordinatorId);
  const asMember = reportPermissions.can(actor, 'network.manage', organisationId);
  if (!asCoordinator && !asMember) {
    const insider =
      canSeeOrganisationInternals(actor, coordinatorId) || canSeeOrganisationInternals(actor, organisationId);
    if (!insider) throw notFound('network');
    throw new AppError('FORBIDDEN', 'network.not_party');
  }
  return { asCoordinator, asMember };
}

async function loadMember(
  db: Executor,
  coordinatorId: string,
  organisationId: string,
): Promise<NetworkMember> {
  const [row] = await db
    .select(memberColumns)
    .from(networkMembers)
    .innerJoin(organisations, eq(organisations.id, networkMembers.organisationId))
    .where(
      and(
        eq(networkMembers.coordinatorOrganisationId, coordinatorId),
        eq(networkMembers.organisationId, organisationId),
      ),
    );
  if (!row) throw notFound('network');
  return present(row);
}

/**
 * Records one side's agreement to a membership: the coordinator's administrators invite, the
 * organisation's administrators agree (or ask first); it is counted once both sides agreed. A platform
 * administrator agrees for both. Agreeing again changes nothing.
 */
export async function agreeToNetworkMembership(
  db: Executor,
  actor: Actor,
  coordinatorId: string,
  organisationId: string,
): Promise<NetworkMember> {
  await organisationProfile(db, organisationId);
  const { asCoordinator, asMember } = sidesOf(actor, coordinatorId, organisationId);
  await coordinatorProfile(db, coordinatorId);
  if (coordinatorId === organisationId) throw new AppError('RULE_REFUSED', 'network.self');
  return db.transaction(async (tx) => {
    const now = sql`now()`;
    await tx
      .insert(networkMembers)
      .values({
        coordinatorOrganisationId: coordinatorId,
        organisationId,
        addedByUserId: actor.userId,
        ...(asCoordinator ? { coordinatorAgreedAt: now, coordinatorAgreedByUserId: actor.userId } : {}),
        ...(asMember ? { memberAgreedAt: now, memberAgreedByUserId: actor.userId } : {}),
      })
      .onConflictDoUpdate({
        target: [networkMembers.coordinatorOrganisationId, networkMembers.organisationId],
        set: {
          ...(asCoordinator
            ? {
                coordinatorAgreedAt: sql`coalesce(${networkMembers.coordinatorAgreedAt}, now())`,
                coordinatorAgreedByUserId: sql`coalesce(${networkMembers.coordinatorAgreedByUserId}, ${actor.userId}::uuid)`,
              }
            : {}),
          ...(asMember
            ? {
                memberAgreedAt: sql`coalesce(${networkMembers.memberAgreedAt}, now())`,
                memberAgreedByUserId: sql`coalesce(${networkMembers.memberAgreedByUserId}, ${actor.userId}::uuid)`,
              }
            : {}),
        },
      });
    await recordAudit(tx, actor, {
      action: 'network.agree',
      entityType: 'network_member',
      entityId: organisationId,
      organisationId: coordinatorId,
      fields: [...(asCoordinator ? ['coordinatorAgreedAt'] : []), ...(asMember ? ['memberAgreedAt'] : [])],
    });
    return loadMember(tx, coordinatorId, organisationId);
  });
}

/** Ends a membership (or withdraws an invitation or a request): either side's administrators may. */
export async function removeNetworkMember(
  db: Executor,
  actor: Actor,
  coordinatorId: string,
  organisationId: string,
): Promise<void> {
  sidesOf(actor, coordinatorId, organisationId);
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(networkMembers)
      .where(
        and(
          eq(networkMembers.coordinatorOrganisationId, coordinatorId),
          eq(networkMembers.organisationId, organisationId),
        ),
      )
      .returning({ id: networkMembers.organisationId });
    if (deleted.length === 0) throw notFound('network');
    await recordAudit(tx, actor, {
      action: 'network.remove',
      entityType: 'network_member',
      entityId: organisationId,
      organisationId: coordinatorId,
    });
  });
}

/** The coordinator's network (active members, invitations and requests), for its readers. */
export async function listNetworkMembers(
  db: Executor,
  actor: Actor,
  coordinatorId: string,
): Promise<NetworkMember[]> {
  reportPermissions.authorize(actor, 'report.read', coordinatorId);
  await coordinatorProfile(db, coordinatorId);
  const rows = await db
    .select(memberColumns)
    .from(networkMembers)
    .innerJoin(organisations, eq(organisations.id, networkMembers.organisationId))
    .where(eq(networkMembers.coordinatorOrganisationId, coordinatorId))
    .orderBy(organisations.name, networkMembers.organisationId);
  return rows.map(present);
}

/** The networks an organisation belongs to or is asked to join, for its members. */
export async function listNetworksOfOrganisation(
  db: Executor,
  actor: Actor,
  organisationId: string,
): Promise<NetworkMembershipOfOrganisation[]> {
  reportPermissions.authorize(actor, 'report.read', organisationId);
  const rows = await db
    .select({
      coordinatorOrganisationId: networkMembers.coordinatorOrganisationId,
      coordinatorName: organisations.name,
      organisationId: networkMembers.organisationId,
      addedAt: networkMembers.addedAt,
      coordinatorAgreedAt: networkMembers.coordinatorAgreedAt,
      memberAgreedAt: networkMembers.memberAgreedAt,
    })
    .from(networkMembers)
    .innerJoin(organisations, eq(organisations.id, networkMembers.coordinatorOrganisationId))
    .where(eq(networkMembers.organisationId, organisationId))
    .orderBy(organisations.name);
  return rows.map((row) => ({
    coordinatorOrganisationId: row.coordinatorOrganisationId,
    coordinatorName: row.coordinatorName,
    organisationId: row.organisationId,
    status: statusOf(row),
    addedAt: row.addedAt.toISOString(),
  }));
}

/** The organisations a coordinator's figures cover: itself and the members who agreed (both sides). */
export async function networkOrganisations(
  db: Executor,
  coordinatorId: string,
): Promise<OrganisationProfile[]> {
  const rows = await db
    .select({ id: organisations.id, name: organisations.name, kinds: organisations.kinds })
    .from(organisations)
    .leftJoin(
      networkMembers,
      and(
        eq(networkMembers.organisationId, organisations.id),
        eq(networkMembers.coordinatorOrganisationId, coordinatorId),
      ),
    )
    .where(
      or(
        eq(organisations.id, coordinatorId),
        and(isNotNull(networkMembers.coordinatorAgreedAt), isNotNull(networkMembers.memberAgreedAt)),
      ),
    )
    .orderBy(organisations.name, organisations.id);
  return rows.map((r) => ({ ...r, kinds: r.kinds as OrganisationKind[] }));
}
