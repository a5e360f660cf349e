/**
 * The rights of the person (GDPR): access and portability (an export of everything kept), erasure
 * (personal fields deleted, anonymous facts kept for statistics), and the retention job that anonymises
 * people with no contact for the configured period (CNIL: two years after the last contact).
 */
import { and, asc, desc, eq, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { type Actor, systemActor } from '../../lib/actor.ts';
import { addMonthsToDay, today } from '../../lib/dates.ts';
import { forbidden } from '../../lib/errors.ts';
import { auditLog } from '../audit/schema.ts';
import { recordAudit } from '../audit/service.ts';
import { erasePersonNeeds } from '../census/person-data.ts';
import { erasePersonCheques } from '../cheques/cheques.ts';
import { type PersonDistribution, personDistributionData } from '../distribution/person-data.ts';
import { allocations, loans, maintenanceTickets } from '../distribution/schema.ts';
import { erasePersonFollowUps, type PersonFollowUp, personFollowUpData } from '../followup/person-data.ts';
import { organisations, users } from '../organisations/schema.ts';
import {
  erasePersonTrainingNotes,
  type PersonTraining,
  personTrainingData,
} from '../training/person-data.ts';
import { type Beneficiary, getBeneficiary } from './beneficiaries.ts';
import { recordStep } from './events.ts';
import { peoplePermissions } from './permissions.ts';
import { applyMove } from './referral-changes.ts';
import { anonymisationRuns, beneficiaries, beneficiaryEvents, ERASED_FIELDS, referrals } from './schema.ts';
import { beneficiaryTimeline, type TimelineEntry } from './timeline.ts';
import { type BeneficiaryRow, loadBeneficiary, loadWritableBeneficiary } from './visibility.ts';
import { ageBand } from './vocabulary.ts';

export interface PersonData {
  exportedAt: string;
  organisation: { id: string; name: string };
  beneficiary: Omit<Beneficiary, 'can' | 'consents' | 'referrals'>;
  consents: Beneficiary['consents'];
  referrals: Beneficiary['referrals'];
  timeline: TimelineEntry[];
  training: PersonTraining;
  distribution: PersonDistribution;
  followUps: PersonFollowUp[];
  accesses: { at: Date; action: string; actorName: string | null; fields: string[] }[];
}

/**
 * Everything kept about one person, for the right of access: the record, consents, referrals with their
 * social evaluations and reasons, the path, and who read or changed the record. Audited as an export.
 */
export async function exportPerson(
  db: Executor,
  actor: Actor,
  id: string,
  format: 'json' | 'pdf',
): Promise<PersonData> {
  const row = await loadBeneficiary(db, actor, id);
  if (!peoplePermissions.can(actor, 'beneficiary.write', row.referringOrganisationId)) throw forbidden();
  const { can: _can, consents, referrals: paths, ...beneficiary } = await getBeneficiary(db, actor, id);
  const timeline = await beneficiaryTimeline(db, actor, id);
  await db.transaction(async (tx) => {
    // The copy handed to the person is a step of their path (and a contact).
    await recordStep(tx, actor, { beneficiaryId: id, kind: 'exported', fields: [format] });
    await recordAudit(tx, actor, {
      action: 'beneficiary.export',
      entityType: 'beneficiary',
      entityId: id,
      organisationId: row.referringOrganisationId,
      fields: [format],
    });
  });
  const accesses = await db
    .select({ at: auditLog.at, action: auditLog.action, actorName: users.name, fields: auditLog.fields })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.entityType, 'beneficiary'), eq(auditLog.entityId, id)))
    .orderBy(asc(auditLog.at));
  return {
    exportedAt: new Date().toISOString(),
    organisation: { id: row.referringOrganisationId, name: beneficiary.referringOrganisationName },
    beneficiary,
    consents,
    referrals: paths,
    timeline,
    training: await personTrainingData(db, id),
    distribution: await personDistributionData(db, id),
    followUps: await personFollowUpData(db, id),
    accesses,
  };
}

/**
 * Deletes the person's personal data in one transaction: names, contact, birth year (kept as an age
 * band), postcode, income, family quotient, identifiers, free texts, and the person's facts quoted in
 * eligibility reasons (their codes and the programme's figures stay). Open referrals are closed (`withdrew`). Kept: kind, age band, household,
 * children, town, priority zone, target group, device need, referrals' programmes, statuses and dates.
 */
export async function anonymise(tx: Executor, actor: Actor, row: BeneficiaryRow): Promise<void> {
  const open = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.beneficiaryId, row.id), ne(referrals.status, 'exited')));
  for (const referral of open) await applyMove(tx, actor, referral, 'exited', today(), 'withdrew');
  // Reasons keep their codes and the programme's figures (ceiling, ages, towns accepted); the person's
  // own facts quoted in them (family quotient, age, postcode, town, income) go.
  const withoutFacts = (column: typeof referrals.reasons | typeof beneficiaryEvents.reasons) =>
    sql`(SELECT coalesce(jsonb_agg(CASE WHEN r ? 'params'
           THEN jsonb_set(r, '{params}', (r->'params') - 'value' - 'age' - 'postcode' - 'city')
           ELSE r END), '[]'::jsonb)
         FROM jsonb_array_elements(${column}) r)`;
  await tx
    .update(referrals)
    .set({ socialEvaluation: null, priorityReason: null, reasons: withoutFacts(referrals.reasons) })
    .where(eq(referrals.beneficiaryId, row.id));
  await tx
    .update(beneficiaryEvents)
    .set({ reasons: withoutFacts(beneficiaryEvents.reasons) })
    .where(and(eq(beneficiaryEvents.beneficiaryId, row.id), sql`${beneficiaryEvents.reasons} IS NOT NULL`));
  // Free texts of distribution may describe the household: they go too (amounts and dates stay).
  await tx
    .update(allocations)
    .set({ paymentNote: null, cancelReason: null, handoverCancelReason: null, signaturePng: null })
    .where(eq(allocations.beneficiaryId, row.id));
  // The borrower's link stops working: nobody is left to report through it.
  await tx
    .update(loans)
    .set({ returnCondition: null, reportTokenHash: null })
    .where(eq(loans.beneficiaryId, row.id));
  // A problem's description stays for the refurbisher's history only in neutral words.
  await tx
    .update(maintenanceTickets)
    .set({ borrowerContact: null, description: '—', resolution: null })
    .where(eq(maintenanceTickets.beneficiaryId, row.id));
  await erasePersonTrainingNotes(tx, row.id);
  // Training cheques stay for the accounts, without the person.
  await erasePersonCheques(tx, row.id);
  // A need of the census that became this person's referral keeps only what the counts use.
  await erasePersonNeeds(tx, row.id);
  // Follow-ups still to come are cancelled; the free comments go, the coded answers stay for statistics.
  await erasePersonFollowUps(tx, row.id);
  await tx
    .update(beneficiaries)
    .set({
      ...ERASED_FIELDS,
      ageBand: row.birthYear ? ageBand(row.birthYear, Number(today().slice(0, 4))) : row.ageBand,
      anonymisedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(eq(beneficiaries.id, row.id));
}

/** The right to erasure, exercised by the referring organisation's administrators and managers. */
export async function eraseBeneficiary(db: Executor, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await loadWritableBeneficiary(tx, actor, id);
    if (!peoplePermissions.can(actor, 'beneficiary.erase', row.referringOrganisationId)) throw forbidden();
    await anonymise(tx, actor, row);
    await recordStep(tx, actor, { beneficiaryId: id, kind: 'updated', fields: ['erased'] });
    await recordAudit(tx, actor, {
      action: 'beneficiary.erase',
      entityType: 'beneficiary',
      entityId: id,
      organisationId: row.referringOrganisationId,
    });
  });
}

export interface AnonymisationReport {
  cutoffOn: string;
  anonymised: number;
  byOrganisation: { organisationId: string; organisationName: string; count: number }[];
  dryRun: boolean;
  /** False when another server already ran today's job. */
  ran: boolean;
}

const BATCH = 200;

/**
 * Anonymises everyone whose last contact is older than `retentionMonths`. The daily run claims its day
 * in `anonymisation_runs` first, so that several servers on one database run it once; a run that fails
 * gives its day back, so the next hourly attempt runs again. Each batch is re-read under lock, so someone
 * contacted meanwhile is spared, and the report counts what was really anonymised.
 */
export async function anonymiseInactive(
  db: Executor,
  options: {
    retentionMonths: number;
    trigger: 'daily' | 'manual';
    dryRun?: boolean;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<AnonymisationReport> {
  const ranOn = today();
  const cutoffOn = addMonthsToDay(ranOn, -options.retentionMonths);
  const stale = and(
    isNull(beneficiaries.anonymisedAt),
    isNull(beneficiaries.mergedIntoId),
    lt(beneficiaries.lastActivityOn, cutoffOn),
  );
  const candidates = await db
    .select({ id: beneficiaries.id, organisationId: beneficiaries.referringOrganisationId })
    .from(beneficiaries)
    .where(stale)
    .orderBy(asc(beneficiaries.lastActivityOn));
  const dryRun = options.dryRun ?? false;
  if (dryRun) return report(db, cutoffOn, candidates, true, true);

  const [claimed] = await db
    .insert(anonymisationRuns)
    .values({ ranOn, cutoffOn, anonymised: 0, byOrganisation: [], trigger: options.trigger })
    .onConflictDoNothing()
    .returning({ id: anonymisationRuns.id });
  if (!claimed) return report(db, cutoffOn, [], false, false);
  const actor = systemActor();
  const done: { id: string; organisationId: string }[] = [];
  try {
    for (let start = 0; start < candidates.length; start += BATCH) {
      const ids = candidates.slice(start, start + BATCH).map((c) => c.id);
      const batch = await db.transaction(async (tx) => {
        // Locked and checked again: someone may have been in contact since the list was made.
        const rows = await tx
          .select()
          .from(beneficiaries)
          .where(and(inArray(beneficiaries.id, ids), stale))
          .orderBy(asc(beneficiaries.id))
          .for('update');
        for (const row of rows) {
          await anonymise(tx, actor, row);
          await recordAudit(tx, actor, {
            action: 'beneficiary.anonymise',
            entityType: 'beneficiary',
            entityId: row.id,
            organisationId: row.referringOrganisationId,
          });
        }
        return rows.map((r) => ({ id: r.id, organisationId: r.referringOrganisationId }));
      });
      done.push(...batch);
      options.onProgress?.(Math.min(start + BATCH, candidates.length), candidates.length);
    }
  } catch (err) {
    // Give the day back (what was anonymised stays so): the next attempt picks up the rest.
    if (done.length === 0) await db.delete(anonymisationRuns).where(eq(anonymisationRuns.id, claimed.id));
    else await recordRun(db, claimed.id, done, { failed: true });
    throw err;
  }
  await recordRun(db, claimed.id, done);
  return report(db, cutoffOn, done, false, true);
}

function countByOrganisation(rows: { organisationId: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.organisationId, (counts.get(r.organisationId) ?? 0) + 1);
  return counts;
}

async function recordRun(
  db: Executor,
  runId: string,
  done: { organisationId: string }[],
  options: { failed?: boolean } = {},
): Promise<void> {
  await db
    .update(anonymisationRuns)
    .set({
      anonymised: done.length,
      byOrganisation: [...countByOrganisation(done)].map(([organisationId, count]) => ({
        organisationId,
        count,
      })),
      // A partial run frees its day for another attempt.
      ...(options.failed ? { trigger: 'manual' as const } : {}),
    })
    .where(eq(anonymisationRuns.id, runId));
}

async function report(
  db: Executor,
  cutoffOn: string,
  rows: { organisationId: string }[],
  dryRun: boolean,
  ran: boolean,
): Promise<AnonymisationReport> {
  const counts = countByOrganisation(rows);
  const names = new Map(
    counts.size === 0
      ? []
      : (
          await db
            .select({ id: organisations.id, name: organisations.name })
            .from(organisations)
            .where(inArray(organisations.id, [...counts.keys()]))
        ).map((o) => [o.id, o.name]),
  );
  return {
    cutoffOn,
    anonymised: rows.length,
    byOrganisation: [...counts].map(([organisationId, count]) => ({
      organisationId,
      organisationName: names.get(organisationId) ?? '',
      count,
    })),
    dryRun,
    ran,
  };
}

/** The retention job's reports, newest first (platform administrators). */
export async function listAnonymisationRuns(db: Executor, actor: Actor, limit: number) {
  if (!actor.isPlatformAdmin) throw forbidden();
  return db.select().from(anonymisationRuns).orderBy(desc(anonymisationRuns.ranAt)).limit(limit);
}
