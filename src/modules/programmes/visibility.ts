import { eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { peoplePermissions } from './permissions.ts';
import { beneficiaries, programmePartners, programmeSubsidies, programmes, referrals } from './schema.ts';

/**
 * The one place that says which programmes and which people an actor may see. Every query of this
 * module goes through these helpers, so none can forget the organisation.
 */

export type ProgrammeRow = typeof programmes.$inferSelect;
export type BeneficiaryRow = typeof beneficiaries.$inferSelect;
export type ReferralRow = typeof referrals.$inferSelect;

/** Organisations where the actor belongs (any role): 'all' for a platform administrator. */
function memberOf(actor: Actor): 'all' | string[] {
  return peoplePermissions.organisationsWith(actor, 'programme.read');
}

/** SQL condition on `programmes`: owner, partners and funders see a programme. */
export function programmeScope(actor: Actor): SQL | undefined | false {
  const orgs = memberOf(actor);
  if (orgs === 'all') return undefined;
  if (orgs.length === 0) return false;
  return or(
    inArray(programmes.ownerOrganisationId, orgs),
    sql`EXISTS (${sqlSelectPartner(orgs)})`,
    sql`EXISTS (SELECT 1 FROM ${programmeSubsidies} WHERE ${programmeSubsidies.programmeId} = ${programmes.id} AND ${inArray(programmeSubsidies.funderOrganisationId, orgs)})`,
  );
}

function sqlSelectPartner(orgs: string[]): SQL {
  return sql`SELECT 1 FROM ${programmePartners} WHERE ${programmePartners.programmeId} = ${programmes.id} AND ${inArray(programmePartners.organisationId, orgs)}`;
}

/** The organisations involved in a programme, by the part they play. */
export interface ProgrammeParties {
  owner: string;
  prescribers: string[];
  refurbishers: string[];
  trainers: string[];
  funders: string[];
}

export async function programmeParties(db: Executor, programme: ProgrammeRow): Promise<ProgrammeParties> {
  const partners = await db
    .select()
    .from(programmePartners)
    .where(eq(programmePartners.programmeId, programme.id));
  const funders = await db
    .select({ id: programmeSubsidies.funderOrganisationId })
    .from(programmeSubsidies)
    .where(eq(programmeSubsidies.programmeId, programme.id));
  const withRole = (role: string) => partners.filter((p) => p.role === role).map((p) => p.organisationId);
  return {
    owner: programme.ownerOrganisationId,
    prescribers: withRole('prescriber'),
    refurbishers: withRole('refurbisher'),
    trainers: withRole('trainer'),
    funders: funders.map((f) => f.id),
  };
}

export function involvedOrganisations(parties: ProgrammeParties): string[] {
  return [
    parties.owner,
    ...parties.prescribers,
    ...parties.refurbishers,
    ...parties.trainers,
    ...parties.funders,
  ];
}

/** A programme the actor may see (owner, partner or funder), with its parties, or 404. */
export async function loadProgramme(
  db: Executor,
  actor: Actor,
  id: string,
  forUpdate = false,
): Promise<{ row: ProgrammeRow; parties: ProgrammeParties }> {
  if (!isUuid(id)) throw notFound('programme');
  const query = db.select().from(programmes).where(eq(programmes.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('programme');
  const parties = await programmeParties(db, row);
  if (!involvedOrganisations(parties).some((org) => peoplePermissions.can(actor, 'programme.read', org)))
    throw notFound('programme');
  return { row, parties };
}

/**
 * SQL condition on `beneficiaries`: members of the referring organisation, and of the owner of a
 * programme the person is referred to. `false` when the actor may see nobody.
 */
export function beneficiaryScope(actor: Actor): SQL | undefined | false {
  const orgs = peoplePermissions.organisationsWith(actor, 'beneficiary.read');
  if (orgs === 'all') return undefined;
  if (orgs.length === 0) return false;
  return or(
    inArray(beneficiaries.referringOrganisationId, orgs),
    sql`EXISTS (SELECT 1 FROM ${referrals} JOIN ${programmes} ON ${programmes.id} = ${referrals.programmeId}
          WHERE ${referrals.beneficiaryId} = ${beneficiaries.id} AND ${inArray(programmes.ownerOrganisationId, orgs)})`,
  );
}

/** Whether the actor may read this person: as a member of the referring or of a programme owner. */
export async function canReadBeneficiary(db: Executor, actor: Actor, row: BeneficiaryRow): Promise<boolean> {
  if (peoplePermissions.can(actor, 'beneficiary.read', row.referringOrganisationId)) return true;
  const owners = await programmeOwnersOf(db, row.id);
  return owners.some((org) => peoplePermissions.can(actor, 'beneficiary.read', org));
}

/** The owner organisations of the programmes a person is referred to. */
export async function programmeOwnersOf(db: Executor, beneficiaryId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ owner: programmes.ownerOrganisationId })
    .from(referrals)
    .innerJoin(programmes, eq(programmes.id, referrals.programmeId))
    .where(eq(referrals.beneficiaryId, beneficiaryId));
  return rows.map((r) => r.owner);
}

/** A person the actor may see, or 404. `forUpdate` locks the row for the rest of the transaction. */
export async function loadBeneficiary(
  db: Executor,
  actor: Actor,
  id: string,
  forUpdate = false,
): Promise<BeneficiaryRow> {
  if (!isUuid(id)) throw notFound('beneficiary');
  const query = db.select().from(beneficiaries).where(eq(beneficiaries.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row || !(await canReadBeneficiary(db, actor, row))) throw notFound('beneficiary');
  return row;
}

/** A person the actor may change (social workers, managers, admins of the referring organisation). */
export async function loadWritableBeneficiary(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<BeneficiaryRow> {
  const row = await loadBeneficiary(db, actor, id, true);
  // Visible (to a programme's owner, say) but not theirs to change: 403, as for any visible record.
  if (!peoplePermissions.can(actor, 'beneficiary.write', row.referringOrganisationId)) throw forbidden();
  assertNotErased(row);
  return row;
}

/** Erased or merged records are kept for statistics (or as a pointer) and never change again. */
export function assertNotErased(row: BeneficiaryRow): void {
  if (row.mergedIntoId) throw new AppError('RULE_REFUSED', 'beneficiaries.merged');
  if (row.anonymisedAt) {
    throw new AppError('RULE_REFUSED', 'beneficiaries.erased', {
      params: { on: row.anonymisedAt.toISOString().slice(0, 10) },
    });
  }
}

/**
 * A referral is visible to the referring organisation and to the programme's owner (its social evaluation
 * too); the owner of another programme the person is referred to does not see it.
 */
export function canReadReferral(actor: Actor, referral: ReferralRow, programmeOwner: string): boolean {
  return (
    peoplePermissions.can(actor, 'beneficiary.read', referral.referringOrganisationId) ||
    peoplePermissions.can(actor, 'beneficiary.read', programmeOwner)
  );
}

/** SQL condition on `referrals` joined to `programmes`; `false` when the actor may see none. */
export function referralScope(actor: Actor): SQL | undefined | false {
  const orgs = peoplePermissions.organisationsWith(actor, 'beneficiary.read');
  if (orgs === 'all') return undefined;
  if (orgs.length === 0) return false;
  return or(inArray(referrals.referringOrganisationId, orgs), inArray(programmes.ownerOrganisationId, orgs));
}
