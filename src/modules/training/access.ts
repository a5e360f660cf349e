/**
 * The one place that says which workshops and which people of training an actor may reach. A workshop is
 * seen by the members of the organisation that runs it, and read by the members of its programme's owner;
 * a person is reached as the programmes module says (referring organisation, programme owners), or — names
 * only, for enrolment and assessment — by an organisation that trains for a programme the person is
 * referred to, or in whose workshop they are enrolled (decisions: trainers).
 */
import { and, eq, inArray, ne, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { type Actor, canSeeOrganisationInternals } from '../../lib/actor.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { beneficiaries, programmePartners, programmes, referrals } from '../programmes/schema.ts';
import {
  assertNotErased,
  type BeneficiaryRow,
  canReadBeneficiary,
  type ProgrammeRow,
} from '../programmes/visibility.ts';
import { type TrainingPermission, trainingPermissions } from './permissions.ts';
import { enrolments, workshops } from './schema.ts';

export type WorkshopRow = typeof workshops.$inferSelect;

/** Referral statuses of a person "referred to the programme" for a trainer: open and not refused. */
export const TRAINABLE_STATUSES = ['eligible', 'in_training', 'trained', 'equipped', 'followed_up'] as const;

/** SQL condition on `workshops`: the running organisation's members, and the programme owner's. */
export function workshopScope(actor: Actor): SQL | undefined | false {
  const orgs = trainingPermissions.organisationsWith(actor, 'training.read');
  if (orgs === 'all') return undefined;
  if (orgs.length === 0) return false;
  return or(
    inArray(workshops.organisationId, orgs),
    sql`EXISTS (SELECT 1 FROM ${programmes} WHERE ${programmes.id} = ${workshops.programmeId} AND ${inArray(programmes.ownerOrganisationId, orgs)})`,
  );
}

export interface LoadedWorkshop {
  workshop: WorkshopRow;
  programme: ProgrammeRow | null;
}

/** A workshop the actor may see, with its programme, or 404. `forUpdate` locks the workshop's row. */
export async function loadWorkshop(
  db: Executor,
  actor: Actor,
  id: string,
  forUpdate = false,
): Promise<LoadedWorkshop> {
  if (!isUuid(id)) throw notFound('workshop');
  const query = db.select().from(workshops).where(eq(workshops.id, id));
  const [workshop] = forUpdate ? await query.for('update') : await query;
  if (!workshop) throw notFound('workshop');
  const [programme] = workshop.programmeId
    ? await db.select().from(programmes).where(eq(programmes.id, workshop.programmeId))
    : [];
  const visible =
    trainingPermissions.can(actor, 'training.read', workshop.organisationId) ||
    (programme !== undefined && canSeeOrganisationInternals(actor, programme.ownerOrganisationId));
  if (!visible) throw notFound('workshop');
  return { workshop, programme: programme ?? null };
}

/** Whether an error is the "not found or not visible" answer (and not, say, a lock timeout). */
export function isNotFound(err: unknown): boolean {
  return err instanceof AppError && err.code === 'NOT_FOUND';
}

/** A visible workshop that the actor's role may not change: 403 (the owner's staff only read it). */
export function assertCan(actor: Actor, workshop: WorkshopRow, permission: TrainingPermission): void {
  if (!trainingPermissions.can(actor, permission, workshop.organisationId)) throw forbidden();
}

/** What the actor may do with a workshop, for the UI. */
export function workshopCan(actor: Actor, workshop: WorkshopRow) {
  const open = !workshop.cancelledAt && !workshop.closedAt;
  return {
    manage: open && trainingPermissions.can(actor, 'training.manage', workshop.organisationId),
    enrol: open && trainingPermissions.can(actor, 'training.enrol', workshop.organisationId),
    assess: trainingPermissions.can(actor, 'training.assess', workshop.organisationId),
  };
}

/** The organisations that train for a programme: its owner and its trainer partners. */
export async function trainingOrganisationsOf(db: Executor, programme: ProgrammeRow): Promise<string[]> {
  const partners = await db
    .select({ id: programmePartners.organisationId })
    .from(programmePartners)
    .where(and(eq(programmePartners.programmeId, programme.id), eq(programmePartners.role, 'trainer')));
  return [programme.ownerOrganisationId, ...partners.map((p) => p.id)];
}

/**
 * Whether an organisation that trains reaches this person: enrolled in one of its workshops, or referred
 * (open, not refused) to a programme it trains for.
 */
export async function organisationReaches(
  db: Executor,
  organisationId: string,
  beneficiaryId: string,
): Promise<boolean> {
  const [enrolled] = await db
    .select({ id: enrolments.id })
    .from(enrolments)
    .innerJoin(workshops, eq(workshops.id, enrolments.workshopId))
    .where(
      and(
        eq(enrolments.beneficiaryId, beneficiaryId),
        eq(workshops.organisationId, organisationId),
        ne(enrolments.status, 'withdrawn'),
      ),
    )
    .limit(1);
  if (enrolled) return true;
  const [referred] = await db
    .select({ id: referrals.id })
    .from(referrals)
    .innerJoin(programmes, eq(programmes.id, referrals.programmeId))
    .where(
      and(
        eq(referrals.beneficiaryId, beneficiaryId),
        inArray(referrals.status, [...TRAINABLE_STATUSES]),
        or(
          eq(programmes.ownerOrganisationId, organisationId),
          sql`EXISTS (SELECT 1 FROM ${programmePartners} WHERE ${programmePartners.programmeId} = ${programmes.id}
                AND ${programmePartners.organisationId} = ${organisationId} AND ${programmePartners.role} = 'trainer')`,
        ),
      ),
    )
    .limit(1);
  return referred !== undefined;
}

/** Whether the person has an open referral (not refused) to the programme. */
export async function referredTo(db: Executor, beneficiaryId: string, programmeId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(
      and(
        eq(referrals.beneficiaryId, beneficiaryId),
        eq(referrals.programmeId, programmeId),
        notInArray(referrals.status, ['ineligible', 'exited']),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * A person the workshop's organisation may enrol, locked: one the actor sees, or one referred to the
 * workshop's programme (names only: a trainer partner). Else 404; erased or merged: 422.
 */
export async function loadEnrolablePerson(
  tx: Executor,
  actor: Actor,
  workshop: WorkshopRow,
  beneficiaryId: string,
): Promise<BeneficiaryRow> {
  if (!isUuid(beneficiaryId)) throw notFound('beneficiary');
  const [row] = await tx
    .select()
    .from(beneficiaries)
    .where(eq(beneficiaries.id, beneficiaryId))
    .for('update');
  if (!row) throw notFound('beneficiary');
  const reachable =
    (await canReadBeneficiary(tx, actor, row)) ||
    (workshop.programmeId !== null && (await referredTo(tx, row.id, workshop.programmeId)));
  if (!reachable) throw notFound('beneficiary');
  assertNotErased(row);
  return row;
}

/**
 * A person whose training the actor may read or record for `organisationId`: one the actor sees, or one
 * the organisation reaches as a trainer. Else 404.
 */
export async function loadTraineePerson(
  db: Executor,
  actor: Actor,
  beneficiaryId: string,
  organisationId: string | null,
  forUpdate = false,
): Promise<{ row: BeneficiaryRow; fullAccess: boolean }> {
  if (!isUuid(beneficiaryId)) throw notFound('beneficiary');
  const query = db.select().from(beneficiaries).where(eq(beneficiaries.id, beneficiaryId));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('beneficiary');
  if (await canReadBeneficiary(db, actor, row)) return { row, fullAccess: true };
  if (
    organisationId &&
    trainingPermissions.can(actor, 'training.read', organisationId) &&
    (await organisationReaches(db, organisationId, row.id))
  ) {
    return { row, fullAccess: false };
  }
  throw notFound('beneficiary');
}
