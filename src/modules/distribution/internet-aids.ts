/** Internet-access aids granted to people in a programme (amount, months, provider, proof received). */
import { and, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { AppError, forbidden, invalidField } from '../../lib/errors.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/service.ts';
import { organisations } from '../organisations/schema.ts';
import { recordStep } from '../programmes/events.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { beneficiaries, programmes, referrals } from '../programmes/schema.ts';
import { assertNotErased, loadBeneficiary, loadProgramme } from '../programmes/visibility.ts';
import { assertProgrammeOpen } from './allocations.ts';
import { internetAids } from './schema.ts';
import { distributionScope } from './visibility.ts';

export type InternetAid = typeof internetAids.$inferSelect;

export interface InternetAidInput {
  programmeId: string;
  beneficiaryId: string;
  amountCents: number;
  months: number;
  grantedOn?: string;
  provider?: string | null;
  proofReceived?: boolean;
  /** Who pays it; defaults to the programme's internet-aid funder. */
  funderId?: string | null;
}

/**
 * Grants an internet aid to a person referred to the programme (referral in progress, not ineligible nor
 * exited), on a day within the programme's period (422 otherwise). The programme's owner grants it.
 */
export async function grantInternetAid(
  db: Executor,
  actor: Actor,
  input: InternetAidInput,
): Promise<InternetAid> {
  const grantedOn = input.grantedOn ?? today();
  return db.transaction(async (tx) => {
    const beneficiary = await loadBeneficiary(tx, actor, input.beneficiaryId, true);
    const { row: programme, parties } = await loadProgramme(tx, actor, input.programmeId);
    if (!peoplePermissions.can(actor, 'referral.manage', programme.ownerOrganisationId)) throw forbidden();
    assertNotErased(beneficiary);
    assertProgrammeOpen(programme);
    if (grantedOn < programme.startsOn || grantedOn > programme.endsOn) {
      throw new AppError('RULE_REFUSED', 'allocations.outside_period', {
        params: {
          day: grantedOn,
          programme: programme.name,
          startsOn: programme.startsOn,
          endsOn: programme.endsOn,
        },
      });
    }
    if (grantedOn > today()) throw invalidField('grantedOn', 'validation.day_in_future');
    const [referral] = await tx
      .select({ id: referrals.id })
      .from(referrals)
      .where(
        and(
          eq(referrals.beneficiaryId, beneficiary.id),
          eq(referrals.programmeId, programme.id),
          inArray(referrals.status, ['eligible', 'in_training', 'trained', 'equipped', 'followed_up']),
        ),
      );
    if (!referral) throw new AppError('RULE_REFUSED', 'internetAids.no_referral');
    // The payer is one the programme's managers named (its internet-aid funder or a subsidy funder):
    // whoever grants an aid does not decide who pays, nor who reads the programme's report.
    const funderId = input.funderId === undefined ? programme.internetAidFunderId : input.funderId;
    if (funderId && funderId !== programme.internetAidFunderId && !parties.funders.includes(funderId)) {
      throw invalidField('funderId', 'internetAids.funder_not_of_programme', { programme: programme.name });
    }
    const [row] = await tx
      .insert(internetAids)
      .values({
        programmeId: programme.id,
        beneficiaryId: beneficiary.id,
        amountCents: input.amountCents,
        months: input.months,
        grantedOn,
        provider: input.provider?.trim() || null,
        proofReceived: input.proofReceived ?? false,
        funderId,
        grantedByUserId: actor.userId,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, {
      action: 'internet_aid.grant',
      entityType: 'internet_aid',
      entityId: row.id,
      organisationId: programme.ownerOrganisationId,
      fields: ['amountCents', 'months', 'grantedOn'],
    });
    await recordStep(tx, actor, {
      beneficiaryId: beneficiary.id,
      kind: 'internet_aid_granted',
      on: grantedOn,
      referralId: referral.id,
      programmeId: programme.id,
    });
    return row;
  });
}

export interface InternetAidFilters {
  programmeId?: string;
  beneficiaryId?: string;
  limit: number;
  cursor?: string;
}

/** Aids granted to the people the actor may see, newest first. */
export async function listInternetAids(
  db: Executor,
  actor: Actor,
  filters: InternetAidFilters,
): Promise<Page<InternetAid>> {
  const scope = distributionScope(actor);
  if (scope === false) return { items: [], nextCursor: null };
  const conditions: (SQL | undefined)[] = [scope];
  if (filters.programmeId) conditions.push(eq(internetAids.programmeId, filters.programmeId));
  if (filters.beneficiaryId) conditions.push(eq(internetAids.beneficiaryId, filters.beneficiaryId));
  const after = decodeCursor(filters.cursor, ['date', 'uuid']);
  if (after) {
    const [grantedOn, id] = after as [string, string];
    conditions.push(sql`(${internetAids.grantedOn}, ${internetAids.id}) < (${grantedOn}::date, ${id}::uuid)`);
  }
  const rows = await db
    .select({ aid: internetAids })
    .from(internetAids)
    .innerJoin(beneficiaries, eq(beneficiaries.id, internetAids.beneficiaryId))
    .innerJoin(programmes, eq(programmes.id, internetAids.programmeId))
    .where(and(...conditions))
    .orderBy(desc(internetAids.grantedOn), desc(internetAids.id))
    .limit(filters.limit + 1);
  const page = toPage(rows, filters.limit, (r) => [r.aid.grantedOn, r.aid.id]);
  return { items: page.items.map((r) => r.aid), nextCursor: page.nextCursor };
}

export interface InternetAidTotals {
  count: number;
  totalCents: number;
  byProgramme: { programmeId: string; programmeName: string; count: number; totalCents: number }[];
  byFunder: { funderId: string | null; funderName: string | null; count: number; totalCents: number }[];
}

/**
 * The aids granted to the people the actor may see, granted within [from, to] (either end optional),
 * counted and summed per programme and per funder from the rows themselves (never a stored total).
 */
export async function internetAidTotals(
  db: Executor,
  actor: Actor,
  filters: { programmeId?: string; from?: string; to?: string },
): Promise<InternetAidTotals> {
  const scope = distributionScope(actor);
  if (scope === false) return { count: 0, totalCents: 0, byProgramme: [], byFunder: [] };
  const conditions: (SQL | undefined)[] = [scope];
  if (filters.programmeId) conditions.push(eq(internetAids.programmeId, filters.programmeId));
  if (filters.from) conditions.push(gte(internetAids.grantedOn, filters.from));
  if (filters.to) conditions.push(lte(internetAids.grantedOn, filters.to));
  const rows = await db
    .select({
      programmeId: internetAids.programmeId,
      programmeName: programmes.name,
      funderId: internetAids.funderId,
      funderName: organisations.name,
      count: sql<number>`count(*)::int`,
      totalCents: sql<number>`sum(${internetAids.amountCents})::bigint`.mapWith(Number),
    })
    .from(internetAids)
    .innerJoin(beneficiaries, eq(beneficiaries.id, internetAids.beneficiaryId))
    .innerJoin(programmes, eq(programmes.id, internetAids.programmeId))
    .leftJoin(organisations, eq(organisations.id, internetAids.funderId))
    .where(and(...conditions))
    .groupBy(internetAids.programmeId, programmes.name, internetAids.funderId, organisations.name);
  const byProgramme = new Map<string, InternetAidTotals['byProgramme'][number]>();
  const byFunder = new Map<string, InternetAidTotals['byFunder'][number]>();
  for (const r of rows) {
    const p = byProgramme.get(r.programmeId) ?? {
      programmeId: r.programmeId,
      programmeName: r.programmeName,
      count: 0,
      totalCents: 0,
    };
    p.count += r.count;
    p.totalCents += r.totalCents;
    byProgramme.set(r.programmeId, p);
    const key = r.funderId ?? '';
    const f = byFunder.get(key) ?? {
      funderId: r.funderId,
      funderName: r.funderName,
      count: 0,
      totalCents: 0,
    };
    f.count += r.count;
    f.totalCents += r.totalCents;
    byFunder.set(key, f);
  }
  const sum = (list: { count: number; totalCents: number }[]) =>
    list.reduce((a, b) => ({ count: a.count + b.count, totalCents: a.totalCents + b.totalCents }), {
      count: 0,
      totalCents: 0,
    });
  const programmesList = [...byProgramme.values()].sort((a, b) =>
    a.programmeName.localeCompare(b.programmeName),
  );
  return {
    ...sum(programmesList),
    byProgramme: programmesList,
    byFunder: [...byFunder.values()].sort((a, b) =>
      (a.funderName ?? '\uffff').localeCompare(b.funderName ?? '\uffff'),
    ),
  };
}
