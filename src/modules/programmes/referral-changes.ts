/**
 * Changing referrals: referring a person (the rules judge at once), evaluating again, the social evaluation
 * and the priority flag, and the moves made by hand. Every change locks the person before the referral.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { isUniqueViolation } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { allocations } from '../distribution/schema.ts';
import { moveDeviceForDistribution } from '../inventory/status.ts';
import { organisations } from '../organisations/schema.ts';
import { consentInForce } from './consents.ts';
import { evaluateEligibility } from './eligibility.ts';
import { recordStep } from './events.ts';
import { referralStatusWords } from './messages.ts';
import { peoplePermissions } from './permissions.ts';
import { referringOrganisations } from './programmes.ts';
import { getReferral, permissionsOn, type Referral } from './referrals.ts';
import { beneficiaries, programmes, referrals } from './schema.ts';
import {
  assertNotErased,
  type BeneficiaryRow,
  canReadReferral,
  loadBeneficiary,
  loadProgramme,
  type ProgrammeRow,
  type ReferralRow,
} from './visibility.ts';
import {
  type ConsentScope,
  type ExitReason,
  MANUAL_REFERRAL_MOVES,
  type ReferralStatus,
} from './vocabulary.ts';

/** A referral, locked, that the actor may see; with its programme and person. */
async function loadReferralForChange(db: Executor, actor: Actor, id: string) {
  if (!isUuid(id)) throw notFound('referral');
  // Locks in the order every change of a person takes: the person first, then the referral (erasures,
  // merges and record changes lock the person and then its referrals), so that none can deadlock.
  const [owner] = await db
    .select({ beneficiaryId: referrals.beneficiaryId })
    .from(referrals)
    .where(eq(referrals.id, id));
  if (!owner) throw notFound('referral');
  await db
    .select({ id: beneficiaries.id })
    .from(beneficiaries)
    .where(eq(beneficiaries.id, owner.beneficiaryId))
    .for('update');
  const [row] = await db
    .select({ referral: referrals, beneficiary: beneficiaries, programme: programmes })
    .from(referrals)
    .innerJoin(beneficiaries, eq(beneficiaries.id, referrals.beneficiaryId))
    .innerJoin(programmes, eq(programmes.id, referrals.programmeId))
    .where(eq(referrals.id, id))
    .for('update', { of: referrals });
  if (!row || !canReadReferral(actor, row.referral, row.programme.ownerOrganisationId))
    throw notFound('referral');
  return row;
}

export interface ReferralInput {
  beneficiaryId: string;
  programmeId: string;
  socialEvaluation?: string | null;
  referredOn?: string;
}

/**
 * What counts against a prescriber's quota of open referrals: every referral not yet equipped nor exited,
 * the ineligible ones included (their person's data may change and make them eligible).
 */
const QUOTA_STATUSES: readonly ReferralStatus[] = ['eligible', 'ineligible', 'in_training', 'trained'];

function checkDayOfRecord(day: string, path: string): void {
  if (day > today()) throw invalidField(path, 'validation.day_in_future');
}

function assertProgrammeTakesReferralOn(programme: ProgrammeRow, day: string): void {
  if (programme.closedAt) {
    throw new AppError('RULE_REFUSED', 'referrals.programme_closed', {
      params: { programme: programme.name },
    });
  }
  if (day < programme.startsOn || day > programme.endsOn) {
    throw new AppError('RULE_REFUSED', 'referrals.outside_period', {
      params: {
        referredOn: day,
        programme: programme.name,
        startsOn: programme.startsOn,
        endsOn: programme.endsOn,
      },
    });
  }
}

/**
 * Refers a person to a programme. The rules are evaluated at once: the referral is recorded `eligible`
 * or `ineligible` with its reasons (a verdict, not a refusal). Refused (422) when the programme is closed
 * or the day outside its period, the organisation does not refer for it, no consent covers referrals,
 * or the organisation's open referrals are at the programme's maximum; 409 when one is already open.
 */
export async function createReferral(db: Executor, actor: Actor, input: ReferralInput): Promise<Referral> {
  const referredOn = input.referredOn ?? today();
  const id = await db
    .transaction(async (tx) => {
      const beneficiary = await loadBeneficiary(tx, actor, input.beneficiaryId, true);
      // The programme is locked too: its quota of open referrals is counted and kept in one go.
      const { row: programme, parties } = await loadProgramme(tx, actor, input.programmeId, true);
      if (!peoplePermissions.can(actor, 'beneficiary.write', beneficiary.referringOrganisationId))
        throw forbidden();
      assertNotErased(beneficiary);
      if (!referringOrganisations(parties).includes(beneficiary.referringOrganisationId)) {
        const [org] = await tx
          .select({ name: organisations.name })
          .from(organisations)
          .where(eq(organisations.id, beneficiary.referringOrganisationId));
        throw new AppError('RULE_REFUSED', 'referrals.prescriber_not_partner', {
          params: { organisation: org?.name ?? '', programme: programme.name },
        });
      }
      assertProgrammeTakesReferralOn(programme, referredOn);
      checkDayOfRecord(referredOn, 'referredOn');
      // The consent must have been given by the day of the referral; a programme run by another
      // organisation also needs the person's agreement to share their record with it.
      const scopes: ConsentScope[] =
        programme.ownerOrganisationId === beneficiary.referringOrganisationId
          ? ['referral']
          : ['referral', 'partners'];
      for (const scope of scopes) {
        if (!(await consentInForce(tx, beneficiary.id, scope, referredOn))) {
          throw new AppError(
            'RULE_REFUSED',
            scope === 'partners' ? 'referrals.partners_consent_missing' : 'referrals.consent_missing',
          );
        }
      }
      const existing = await openReferral(tx, beneficiary.id, programme.id);
      if (existing) throw alreadyReferred(actor, existing.status);
      const max = programme.eligibility.maxOpenReferralsPerPrescriber;
      if (max !== undefined) {
        const [counted] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(referrals)
          .where(
            and(
              eq(referrals.programmeId, programme.id),
              eq(referrals.referringOrganisationId, beneficiary.referringOrganisationId),
              inArray(referrals.status, [...QUOTA_STATUSES]),
            ),
          );
        if ((counted?.n ?? 0) >= max) {
          throw new AppError('RULE_REFUSED', 'referrals.prescriber_quota', {
            params: { count: counted?.n ?? 0, max },
          });
        }
      }
      const verdict = evaluateEligibility(programme.eligibility, beneficiary, referredOn);
      const status: ReferralStatus = verdict.eligible ? 'eligible' : 'ineligible';
      const [row] = await tx
        .insert(referrals)
        .values({
          beneficiaryId: beneficiary.id,
          programmeId: programme.id,
          referringOrganisationId: beneficiary.referringOrganisationId,
          referredByUserId: actor.userId,
          referredOn,
          status,
          reasons: verdict.reasons,
          evaluatedOn: today(),
          socialEvaluation: input.socialEvaluation?.trim() || null,
        })
        .returning({ id: referrals.id });
      if (!row) throw new Error('insert returned no row');
      await recordStep(tx, actor, {
        beneficiaryId: beneficiary.id,
        kind: 'referred',
        on: referredOn,
        referralId: row.id,
        programmeId: programme.id,
        toStatus: status,
        reasons: verdict.reasons,
      });
      await recordAudit(tx, actor, {
        action: 'referral.create',
        entityType: 'referral',
        entityId: row.id,
        organisationId: beneficiary.referringOrganisationId,
        fields: Object.keys(input),
      });
      return row.id;
    })
    .catch((err: unknown) => {
      // Two people referring the same person at the same moment: the index keeps one open referral.
      if (isUniqueViolation(err, 'referrals_open_unique')) throw alreadyReferred(actor, 'eligible');
      throw err;
    });
  return getReferral(db, actor, id);
}

function alreadyReferred(actor: Actor, status: ReferralStatus): AppError {
  return conflict('referrals.already_referred', { status: referralStatusWords[actor.locale][status] });
}

async function openReferral(db: Executor, beneficiaryId: string, programmeId: string) {
  const [row] = await db
    .select()
    .from(referrals)
    .where(
      and(
        eq(referrals.beneficiaryId, beneficiaryId),
        eq(referrals.programmeId, programmeId),
        sql`${referrals.status} <> 'exited'`,
      ),
    );
  return row;
}

/**
 * Evaluates the person's eligible or ineligible referrals again with today's data (after a change of
 * their record). Returns how many changed status.
 */
export async function reevaluateReferrals(
  tx: Executor,
  actor: Actor,
  beneficiary: BeneficiaryRow,
  only: 'ineligible' | 'eligible_or_ineligible' = 'ineligible',
  referralId?: string,
): Promise<number> {
  const statuses: ReferralStatus[] = only === 'ineligible' ? ['ineligible'] : ['eligible', 'ineligible'];
  const rows = await tx
    .select({ referral: referrals, rules: programmes.eligibility })
    .from(referrals)
    .innerJoin(programmes, eq(programmes.id, referrals.programmeId))
    .where(
      and(
        eq(referrals.beneficiaryId, beneficiary.id),
        inArray(referrals.status, statuses),
        referralId ? eq(referrals.id, referralId) : undefined,
      ),
    );
  let changed = 0;
  for (const { referral, rules } of rows) {
    const verdict = evaluateEligibility(rules, beneficiary, today());
    const status: ReferralStatus = verdict.eligible ? 'eligible' : 'ineligible';
    const sameReasons = JSON.stringify(verdict.reasons) === JSON.stringify(referral.reasons);
    if (status === referral.status && sameReasons && !referralId) continue;
    await tx
      .update(referrals)
      .set({ status, reasons: verdict.reasons, evaluatedOn: today(), updatedAt: new Date() })
      .where(eq(referrals.id, referral.id));
    await recordStep(tx, actor, {
      beneficiaryId: beneficiary.id,
      kind: 're_evaluated',
      referralId: referral.id,
      programmeId: referral.programmeId,
      fromStatus: referral.status,
      toStatus: status,
      reasons: verdict.reasons,
    });
    if (status !== referral.status) changed++;
  }
  return changed;
}

/** `POST /referrals/{id}/evaluation`: the rules again, with the person's data of today. */
export async function evaluateReferral(db: Executor, actor: Actor, id: string): Promise<Referral> {
  await db.transaction(async (tx) => {
    const { referral, beneficiary, programme } = await loadReferralForChange(tx, actor, id);
    assertNotErased(beneficiary);
    const can = permissionsOn(actor, referral, programme.ownerOrganisationId, false);
    if (!can.move) throw referral.status === 'exited' ? conflict('referrals.exited') : forbidden();
    if (referral.status !== 'eligible' && referral.status !== 'ineligible') {
      throw conflict('referrals.not_evaluable', {
        status: referralStatusWords[actor.locale][referral.status],
      });
    }
    await reevaluateReferrals(tx, actor, beneficiary, 'eligible_or_ineligible', referral.id);
    await recordAudit(tx, actor, {
      action: 'referral.evaluate',
      entityType: 'referral',
      entityId: id,
      organisationId: actingSide(actor, referral, programme.ownerOrganisationId),
    });
  });
  return getReferral(db, actor, id);
}

export interface ReferralPatch {
  socialEvaluation?: string | null;
  priority?: boolean;
  priorityReason?: string | null;
}

/**
 * The social evaluation is written by the referring organisation; the priority flag (which moves the
 * person up the waiting list) by the programme's owner.
 */
export async function updateReferral(
  db: Executor,
  actor: Actor,
  id: string,
  patch: ReferralPatch,
): Promise<Referral> {
  await db.transaction(async (tx) => {
    const { referral, beneficiary, programme } = await loadReferralForChange(tx, actor, id);
    const can = permissionsOn(actor, referral, programme.ownerOrganisationId, false);
    if (!can.act) throw forbidden();
    assertNotErased(beneficiary);
    if (referral.status === 'exited') throw conflict('referrals.exited');
    const set: Partial<typeof referrals.$inferInsert> = {};
    if (patch.socialEvaluation !== undefined) {
      if (!can.editEvaluation) throw new AppError('FORBIDDEN', 'referrals.evaluation_owner_only');
      set.socialEvaluation = patch.socialEvaluation?.trim() || null;
    }
    if (patch.priority !== undefined || patch.priorityReason !== undefined) {
      if (!can.prioritise) throw new AppError('FORBIDDEN', 'referrals.priority_owner_only');
      const priority = patch.priority ?? referral.priority;
      set.priority = priority;
      set.priorityReason = priority
        ? (patch.priorityReason ?? referral.priorityReason)?.trim() || null
        : null;
    }
    const fields = (Object.keys(set) as (keyof typeof set)[]).filter((key) => set[key] !== referral[key]);
    if (fields.length === 0) return;
    await tx
      .update(referrals)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(referrals.id, id));
    await recordStep(tx, actor, {
      beneficiaryId: referral.beneficiaryId,
      kind: fields.includes('priority') ? 'priority_changed' : 'updated',
      referralId: id,
      programmeId: referral.programmeId,
      fields,
    });
    await recordAudit(tx, actor, {
      action: 'referral.update',
      entityType: 'referral',
      entityId: id,
      organisationId: actingSide(actor, referral, programme.ownerOrganisationId),
      fields,
    });
  });
  return getReferral(db, actor, id);
}

/**
 * The organisation an action on a referral is filed under in the audit log: the referring one when the
 * actor belongs to it, else the programme's owner (so each side's administrators see their members' acts).
 */
function actingSide(actor: Actor, referral: ReferralRow, programmeOwner: string): string {
  return actor.memberships.has(referral.referringOrganisationId) || !actor.memberships.has(programmeOwner)
    ? referral.referringOrganisationId
    : programmeOwner;
}

export interface StatusMove {
  status: ReferralStatus;
  exitReason?: ExitReason;
  on?: string;
}

/**
 * Moves by hand: `equipped → followed_up`, any open status `→ exited` with a reason. Training, handovers
 * and follow-up make the other moves.
 */
export async function moveReferral(
  db: Executor,
  actor: Actor,
  id: string,
  move: StatusMove,
): Promise<Referral> {
  const on = move.on ?? today();
  checkDayOfRecord(on, 'on');
  if (move.status === 'exited' && !move.exitReason)
    throw invalidField('exitReason', 'validation.exit_reason_required');
  if (move.status !== 'exited' && move.exitReason)
    throw invalidField('exitReason', 'validation.exit_reason_only_on_exit');
  await db.transaction(async (tx) => {
    const { referral, beneficiary, programme } = await loadReferralForChange(tx, actor, id);
    const can = permissionsOn(
      actor,
      referral,
      programme.ownerOrganisationId,
      beneficiary.anonymisedAt !== null,
    );
    if (referral.status === 'exited') throw conflict('referrals.exited');
    assertNotErased(beneficiary);
    if (!can.move) throw forbidden();
    const allowed = MANUAL_REFERRAL_MOVES[referral.status];
    if (!allowed.includes(move.status)) {
      const words = referralStatusWords[actor.locale];
      throw conflict('referrals.illegal_move', {
        from: words[referral.status],
        to: words[move.status],
        allowed: allowed.map((s) => words[s]).join(', ') || '—',
      });
    }
    if (on < referral.referredOn) {
      throw new AppError('INVALID_INPUT', 'errors.invalid_input', {
        params: { count: 1 },
        fieldErrors: [
          {
            path: 'on',
            messageKey: 'referrals.exit_before_referral',
            params: { referredOn: referral.referredOn },
          },
        ],
      });
    }
    await applyMove(
      tx,
      actor,
      referral,
      move.status,
      on,
      move.status === 'exited' ? (move.exitReason ?? 'other') : null,
    );
    await recordAudit(tx, actor, {
      action: 'referral.status',
      entityType: 'referral',
      entityId: id,
      organisationId: actingSide(actor, referral, programme.ownerOrganisationId),
      fields: ['status'],
    });
  });
  return getReferral(db, actor, id);
}

/** Changes a referral's status and writes the step; shared with merges and erasures. */
export async function applyMove(
  tx: Executor,
  actor: Actor,
  referral: ReferralRow,
  status: ReferralStatus,
  on: string,
  exitReason: ExitReason | null,
): Promise<void> {
  await tx
    .update(referrals)
    .set({
      status,
      updatedAt: new Date(),
      ...(status === 'exited' ? { exitReason, exitedOn: on } : {}),
    })
    .where(eq(referrals.id, referral.id));
  await recordStep(tx, actor, {
    beneficiaryId: referral.beneficiaryId,
    kind: 'status_changed',
    on,
    referralId: referral.id,
    programmeId: referral.programmeId,
    fromStatus: referral.status,
    toStatus: status,
    exitReason,
  });
  if (status === 'exited') await releaseReservations(tx, actor, referral.id);
}

/**
 * A person who leaves a programme (exit, objection, erasure, merge) keeps no device set aside: their
 * reservations are cancelled and the devices go back to `ready`.
 */
async function releaseReservations(tx: Executor, actor: Actor, referralId: string): Promise<void> {
  const released = await tx
    .update(allocations)
    .set({
      status: 'cancelled',
      cancelledAt: new Date(),
      cancelReason: 'Sortie du programme',
      updatedAt: new Date(),
    })
    .where(and(eq(allocations.referralId, referralId), eq(allocations.status, 'reserved')))
    .returning({ deviceId: allocations.deviceId });
  for (const { deviceId } of released) {
    await moveDeviceForDistribution(tx, actor, deviceId, 'reserved', 'ready', 'reservation released');
  }
}
