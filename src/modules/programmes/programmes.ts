import { and, desc, eq, ilike, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { type Actor, actingOrganisationId } from '../../lib/actor.ts';
import { addMonthsToDay, today } from '../../lib/dates.ts';
import { AppError, type FieldError, forbidden } from '../../lib/errors.ts';
import { NAME_MAX_LENGTH } from '../../lib/limits.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/service.ts';
import { assertOrganisationExists } from '../organisations/organisations.ts';
import { organisations } from '../organisations/schema.ts';
import type { EligibilityRules } from './eligibility.ts';
import { peoplePermissions } from './permissions.ts';
import { programmePartners, programmeSubsidies, programmes, referrals } from './schema.ts';
import { loadProgramme, type ProgrammeParties, type ProgrammeRow, programmeScope } from './visibility.ts';
import type { PartnerRole, ProgrammeMode, ProgrammeTargets } from './vocabulary.ts';

export interface ProgrammeInput {
  name: string;
  ownerOrganisationId?: string;
  description?: string | null;
  mode: ProgrammeMode;
  startsOn: string;
  endsOn: string;
  unitPriceCents?: number | null;
  subsidies?: { funderOrganisationId: string; amountCents: number }[];
  loanMonths?: number | null;
  loanRenewable?: boolean;
  loanMaxRenewals?: number | null;
  internetAid?: { amountCents: number; months: number; funderOrganisationId?: string | null } | null;
  trainingRequired?: boolean;
  trainingMinSessions?: number | null;
  maxDevicesPerPerson?: number;
  targets?: ProgrammeTargets;
  eligibility?: EligibilityRules;
  partners?: { organisationId: string; role: PartnerRole }[];
}

export type ProgrammePatch = Partial<Omit<ProgrammeInput, 'ownerOrganisationId'>> & { closed?: boolean };

export interface Programme {
  id: string;
  name: string;
  description: string | null;
  ownerOrganisationId: string;
  ownerOrganisationName: string;
  mode: ProgrammeMode;
  startsOn: string;
  endsOn: string;
  unitPriceCents: number | null;
  subsidies: { funderOrganisationId: string; funderName: string; amountCents: number }[];
  contributionCents: number;
  loanMonths: number | null;
  loanRenewable: boolean;
  loanMaxRenewals: number | null;
  internetAid: {
    amountCents: number;
    months: number;
    funderOrganisationId: string | null;
    funderName: string | null;
  } | null;
  trainingRequired: boolean;
  trainingMinSessions: number | null;
  maxDevicesPerPerson: number;
  targets: ProgrammeTargets;
  eligibility: EligibilityRules;
  partners: { organisationId: string; organisationName: string; role: PartnerRole }[];
  closed: boolean;
  /** Takes referrals today: not closed by hand and today within the period. */
  open: boolean;
  copiedFromId: string | null;
  referralCount: number;
  createdAt: Date;
  updatedAt: Date;
  can: { manage: boolean; refer: boolean };
}

/** The beneficiary's contribution: the unit price minus every subsidy, never below 0. */
export function contributionCents(
  unitPriceCents: number | null,
  subsidies: { amountCents: number }[],
): number {
  const subsidised = subsidies.reduce((sum, s) => sum + s.amountCents, 0);
  return Math.max(0, (unitPriceCents ?? 0) - subsidised);
}

/** Whether a programme takes referrals on a day: not closed by hand, and the day within its period. */
export function isOpenOn(row: ProgrammeRow, day: string): boolean {
  return !row.closedAt && row.startsOn <= day && day <= row.endsOn;
}

/** Organisations that may refer people to the programme: its owner and its prescribing partners. */
export function referringOrganisations(parties: ProgrammeParties): string[] {
  return [parties.owner, ...parties.prescribers];
}

export function canRefer(actor: Actor, row: ProgrammeRow, parties: ProgrammeParties): boolean {
  return (
    !row.closedAt &&
    row.endsOn >= today() &&
    referringOrganisations(parties).some((org) => peoplePermissions.can(actor, 'beneficiary.write', org))
  );
}

/**
 * Programmes as replies, in four queries whatever their number: subsidies, partners, referral counts and
 * the organisations' names are loaded for all of them at once.
 */
async function presentMany(db: Executor, actor: Actor, rows: ProgrammeRow[]): Promise<Programme[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const subsidies = await db
    .select()
    .from(programmeSubsidies)
    .where(inArray(programmeSubsidies.programmeId, ids))
    .orderBy(desc(programmeSubsidies.amountCents));
  const partners = await db
    .select()
    .from(programmePartners)
    .where(inArray(programmePartners.programmeId, ids));
  const counts = new Map(
    (
      await db
        .select({ id: referrals.programmeId, n: sql<number>`count(*)::int` })
        .from(referrals)
        .where(inArray(referrals.programmeId, ids))
        .groupBy(referrals.programmeId)
    ).map((c) => [c.id, c.n]),
  );
  const organisationIds = new Set([
    ...rows.map((r) => r.ownerOrganisationId),
    ...subsidies.map((s) => s.funderOrganisationId),
    ...partners.map((p) => p.organisationId),
    ...rows.flatMap((r) => (r.internetAidFunderId ? [r.internetAidFunderId] : [])),
  ]);
  const names = new Map(
    (
      await db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(inArray(organisations.id, [...organisationIds]))
    ).map((o) => [o.id, o.name]),
  );
  return rows.map((row) => {
    const own = partners.filter((p) => p.programmeId === row.id);
    const withRole = (role: PartnerRole) => own.filter((p) => p.role === role).map((p) => p.organisationId);
    const funded = subsidies.filter((s) => s.programmeId === row.id);
    const parties: ProgrammeParties = {
      owner: row.ownerOrganisationId,
      prescribers: withRole('prescriber'),
      refurbishers: withRole('refurbisher'),
      trainers: withRole('trainer'),
      funders: funded.map((s) => s.funderOrganisationId),
    };
    return toProgramme(actor, row, parties, {
      names,
      subsidies: funded,
      partners: own,
      referralCount: counts.get(row.id) ?? 0,
    });
  });
}

async function present(db: Executor, actor: Actor, row: ProgrammeRow): Promise<Programme> {
  const [programme] = await presentMany(db, actor, [row]);
  if (!programme) throw new Error('programme vanished while being presented');
  return programme;
}

function toProgramme(
  actor: Actor,
  row: ProgrammeRow,
  parties: ProgrammeParties,
  extra: {
    names: Map<string, string>;
    subsidies: { funderOrganisationId: string; amountCents: number }[];
    partners: { organisationId: string; role: PartnerRole }[];
    referralCount: number;
  },
): Programme {
  const {
    closedAt,
    internetAidAmountCents,
    internetAidMonths,
    internetAidFunderId,
    createdByUserId: _by,
    ...rest
  } = row;
  return {
    ...rest,
    ownerOrganisationName: extra.names.get(row.ownerOrganisationId) ?? '',
    subsidies: extra.subsidies.map((s) => ({
      funderOrganisationId: s.funderOrganisationId,
      funderName: extra.names.get(s.funderOrganisationId) ?? '',
      amountCents: s.amountCents,
    })),
    contributionCents: contributionCents(row.unitPriceCents, extra.subsidies),
    internetAid:
      internetAidAmountCents !== null && internetAidMonths !== null
        ? {
            amountCents: internetAidAmountCents,
            months: internetAidMonths,
            funderOrganisationId: internetAidFunderId,
            funderName: internetAidFunderId ? (extra.names.get(internetAidFunderId) ?? '') : null,
          }
        : null,
    partners: extra.partners
      .map((p) => ({
        organisationId: p.organisationId,
        organisationName: extra.names.get(p.organisationId) ?? '',
        role: p.role,
      }))
      .sort((a, b) => a.role.localeCompare(b.role) || a.organisationName.localeCompare(b.organisationName)),
    closed: closedAt !== null,
    open: isOpenOn(row, today()),
    referralCount: extra.referralCount,
    can: {
      manage: peoplePermissions.can(actor, 'programme.manage', row.ownerOrganisationId),
      refer: canRefer(actor, row, parties),
    },
  };
}

/** Checks that cross fields (the zod schema checks each field alone); every problem at once. */
function checkProgramme(input: ProgrammeInput): void {
  const errors: FieldError[] = [];
  if (input.endsOn < input.startsOn) {
    errors.push({
      path: 'endsOn',
      messageKey: 'programmes.period_invalid',
      params: { startsOn: input.startsOn, endsOn: input.endsOn },
    });
  }
  if (input.mode === 'loan' && !input.loanMonths) {
    errors.push({ path: 'loanMonths', messageKey: 'programmes.loan_months_required' });
  }
  const rules = input.eligibility ?? {};
  if (rules.minAge !== undefined && rules.maxAge !== undefined && rules.minAge > rules.maxAge) {
    errors.push({
      path: 'eligibility.maxAge',
      messageKey: 'programmes.age_range_invalid',
      params: { minAge: rules.minAge, maxAge: rules.maxAge },
    });
  }
  const funders = new Set<string>();
  (input.subsidies ?? []).forEach((s, i) => {
    if (funders.has(s.funderOrganisationId)) {
      errors.push({ path: `subsidies.${i}.funderOrganisationId`, messageKey: 'programmes.funder_twice' });
    }
    funders.add(s.funderOrganisationId);
  });
  const partners = new Set<string>();
  (input.partners ?? []).forEach((p, i) => {
    const key = `${p.organisationId}/${p.role}`;
    if (partners.has(key)) {
      errors.push({ path: `partners.${i}.organisationId`, messageKey: 'programmes.partner_twice' });
    }
    partners.add(key);
  });
  if (errors.length > 0) {
    throw new AppError('INVALID_INPUT', 'errors.invalid_input', {
      params: { count: errors.length },
      fieldErrors: errors,
    });
  }
}

/** Rules as stored: empty lists and absent limits dropped, postcodes and towns trimmed. */
function normaliseRules(rules: EligibilityRules | undefined): EligibilityRules {
  const out: EligibilityRules = {};
  if (!rules) return out;
  if (rules.kinds?.length) out.kinds = [...new Set(rules.kinds)];
  if (rules.incomeSituations?.length) out.incomeSituations = [...new Set(rules.incomeSituations)];
  if (rules.maxFamilyQuotientCents !== undefined) out.maxFamilyQuotientCents = rules.maxFamilyQuotientCents;
  if (rules.minAge !== undefined) out.minAge = rules.minAge;
  if (rules.maxAge !== undefined) out.maxAge = rules.maxAge;
  const postcodes = (rules.postcodes ?? []).map((p) => p.trim()).filter(Boolean);
  if (postcodes.length) out.postcodes = [...new Set(postcodes)];
  const cities = (rules.cities ?? []).map((c) => c.trim()).filter(Boolean);
  if (cities.length) out.cities = [...new Set(cities)];
  if (rules.priorityZoneRequired) out.priorityZoneRequired = true;
  if (rules.maxOpenReferralsPerPrescriber !== undefined)
    out.maxOpenReferralsPerPrescriber = rules.maxOpenReferralsPerPrescriber;
  return out;
}

async function assertOrganisationsExist(db: Executor, ids: string[]): Promise<void> {
  for (const id of new Set(ids)) await assertOrganisationExists(db, id);
}

function columnsOf(input: Partial<ProgrammeInput>) {
  const { subsidies: _s, partners: _p, internetAid, eligibility, ownerOrganisationId: _o, ...plain } = input;
  return {
    ...plain,
    ...(internetAid !== undefined
      ? {
          internetAidAmountCents: internetAid?.amountCents ?? null,
          internetAidMonths: internetAid?.months ?? null,
          internetAidFunderId: internetAid?.funderOrganisationId ?? null,
        }
      : {}),
    ...(eligibility !== undefined ? { eligibility: normaliseRules(eligibility) } : {}),
  };
}

async function replaceLists(
  tx: Executor,
  programmeId: string,
  input: Partial<ProgrammeInput>,
): Promise<void> {
  if (input.subsidies !== undefined) {
    await tx.delete(programmeSubsidies).where(eq(programmeSubsidies.programmeId, programmeId));
    if (input.subsidies.length > 0) {
      await tx.insert(programmeSubsidies).values(input.subsidies.map((s) => ({ ...s, programmeId })));
    }
  }
  if (input.partners !== undefined) {
    await tx.delete(programmePartners).where(eq(programmePartners.programmeId, programmeId));
    if (input.partners.length > 0) {
      await tx.insert(programmePartners).values(input.partners.map((p) => ({ ...p, programmeId })));
    }
  }
}

/** Creates a programme for an organisation the actor manages (administrators and managers). */
export async function createProgramme(
  db: Executor,
  actor: Actor,
  input: ProgrammeInput,
  copiedFromId: string | null = null,
): Promise<Programme> {
  const ownerOrganisationId = actingOrganisationId(actor, input.ownerOrganisationId, 'ownerOrganisationId');
  await assertOrganisationExists(db, ownerOrganisationId);
  peoplePermissions.authorize(actor, 'programme.manage', ownerOrganisationId);
  checkProgramme(input);
  await assertOrganisationsExist(db, [
    ...(input.subsidies ?? []).map((s) => s.funderOrganisationId),
    ...(input.partners ?? []).map((p) => p.organisationId),
    ...(input.internetAid?.funderOrganisationId ? [input.internetAid.funderOrganisationId] : []),
  ]);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(programmes)
      .values({
        ...columnsOf(input),
        name: input.name,
        mode: input.mode,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        maxDevicesPerPerson: input.maxDevicesPerPerson ?? 1,
        targets: input.targets ?? {},
        eligibility: normaliseRules(input.eligibility),
        ownerOrganisationId,
        copiedFromId,
        createdByUserId: actor.userId,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await replaceLists(tx, row.id, { subsidies: input.subsidies ?? [], partners: input.partners ?? [] });
    await recordAudit(tx, actor, {
      action: 'programme.create',
      entityType: 'programme',
      entityId: row.id,
      organisationId: ownerOrganisationId,
      fields: Object.keys(input),
    });
    const { row: saved } = await loadProgramme(tx, actor, row.id);
    return present(tx, actor, saved);
  });
}

export async function getProgramme(db: Executor, actor: Actor, id: string): Promise<Programme> {
  const { row } = await loadProgramme(db, actor, id);
  return present(db, actor, row);
}

/** Changes a programme: any field; lists given (subsidies, partners) replace the current ones. */
export async function updateProgramme(
  db: Executor,
  actor: Actor,
  id: string,
  patch: ProgrammePatch,
): Promise<Programme> {
  return db.transaction(async (tx) => {
    const { row } = await loadProgramme(tx, actor, id, true);
    // Partners and funders see the programme: a change they may not make is refused (403), not hidden.
    if (!peoplePermissions.can(actor, 'programme.manage', row.ownerOrganisationId)) throw forbidden();
    const { closed, ...fields } = patch;
    const merged: ProgrammeInput = {
      name: fields.name ?? row.name,
      mode: fields.mode ?? row.mode,
      startsOn: fields.startsOn ?? row.startsOn,
      endsOn: fields.endsOn ?? row.endsOn,
      loanMonths: fields.loanMonths !== undefined ? fields.loanMonths : row.loanMonths,
      eligibility: fields.eligibility ?? row.eligibility,
      subsidies: fields.subsidies,
      partners: fields.partners,
    };
    checkProgramme(merged);
    await assertOrganisationsExist(tx, [
      ...(fields.subsidies ?? []).map((s) => s.funderOrganisationId),
      ...(fields.partners ?? []).map((p) => p.organisationId),
      ...(fields.internetAid?.funderOrganisationId ? [fields.internetAid.funderOrganisationId] : []),
    ]);
    const set = {
      ...columnsOf(fields),
      ...(closed === undefined ? {} : { closedAt: closed ? (row.closedAt ?? new Date()) : null }),
      updatedAt: new Date(),
    };
    await tx.update(programmes).set(set).where(eq(programmes.id, id));
    await replaceLists(tx, id, fields);
    await recordAudit(tx, actor, {
      action: 'programme.update',
      entityType: 'programme',
      entityId: id,
      organisationId: row.ownerOrganisationId,
      fields: Object.keys(patch),
    });
    const { row: saved } = await loadProgramme(tx, actor, id);
    return present(tx, actor, saved);
  });
}

/**
 * Next year's edition: the same settings, rules, partners and subsidies, for a new period (by default
 * the same one a year later). Referrals stay with the old edition.
 */
export async function copyProgramme(
  db: Executor,
  actor: Actor,
  id: string,
  input: { name?: string; startsOn?: string; endsOn?: string },
): Promise<Programme> {
  const { row, parties } = await loadProgramme(db, actor, id);
  if (!peoplePermissions.can(actor, 'programme.manage', row.ownerOrganisationId)) throw forbidden();
  const subsidies = await db
    .select({
      funderOrganisationId: programmeSubsidies.funderOrganisationId,
      amountCents: programmeSubsidies.amountCents,
    })
    .from(programmeSubsidies)
    .where(eq(programmeSubsidies.programmeId, id));
  const partners = await db
    .select({ organisationId: programmePartners.organisationId, role: programmePartners.role })
    .from(programmePartners)
    .where(eq(programmePartners.programmeId, id));
  const startsOn = input.startsOn ?? addMonthsToDay(row.startsOn, 12);
  const endsOn = input.endsOn ?? addMonthsToDay(row.endsOn, 12);
  const nextYear = (name: string) =>
    name.replace(/\b(20\d\d)\b/g, (year) => String(Number(year) + 1)) === name
      ? `${name} (${startsOn.slice(0, 4)})`
      : name.replace(/\b(20\d\d)\b/g, (year) => String(Number(year) + 1));
  return createProgramme(
    db,
    actor,
    {
      name: input.name ?? nextYear(row.name).slice(0, NAME_MAX_LENGTH),
      ownerOrganisationId: parties.owner,
      description: row.description,
      mode: row.mode,
      startsOn,
      endsOn,
      unitPriceCents: row.unitPriceCents,
      subsidies,
      loanMonths: row.loanMonths,
      loanRenewable: row.loanRenewable,
      loanMaxRenewals: row.loanMaxRenewals,
      internetAid:
        row.internetAidAmountCents !== null && row.internetAidMonths !== null
          ? {
              amountCents: row.internetAidAmountCents,
              months: row.internetAidMonths,
              funderOrganisationId: row.internetAidFunderId,
            }
          : null,
      trainingRequired: row.trainingRequired,
      trainingMinSessions: row.trainingMinSessions,
      maxDevicesPerPerson: row.maxDevicesPerPerson,
      targets: row.targets,
      eligibility: row.eligibility,
      partners,
    },
    id,
  );
}

export interface ProgrammeFilters {
  q?: string;
  organisationId?: string;
  status?: 'open' | 'closed';
  limit: number;
  cursor?: string;
}

/** Programmes the actor may see, newest first. */
export async function listProgrammes(
  db: Executor,
  actor: Actor,
  filters: ProgrammeFilters,
): Promise<Page<Programme>> {
  const scope = programmeScope(actor);
  if (scope === false) return { items: [], nextCursor: null };
  const day = today();
  const conditions: (SQL | undefined)[] = [scope];
  if (filters.q) conditions.push(ilike(programmes.name, `%${filters.q.replace(/[\\%_]/g, '\\$&')}%`));
  if (filters.organisationId) {
    conditions.push(
      or(
        eq(programmes.ownerOrganisationId, filters.organisationId),
        sql`EXISTS (SELECT 1 FROM ${programmePartners} WHERE ${programmePartners.programmeId} = ${programmes.id} AND ${programmePartners.organisationId} = ${filters.organisationId})`,
      ),
    );
  }
  if (filters.status === 'open') {
    conditions.push(
      and(
        isNull(programmes.closedAt),
        sql`${programmes.startsOn} <= ${day}::date`,
        sql`${programmes.endsOn} >= ${day}::date`,
      ),
    );
  } else if (filters.status === 'closed') {
    conditions.push(or(isNotNull(programmes.closedAt), sql`${programmes.endsOn} < ${day}::date`));
  }
  const after = decodeCursor(filters.cursor, ['date', 'uuid']);
  if (after) {
    const [startsOn, id] = after as [string, string];
    conditions.push(sql`(${programmes.startsOn}, ${programmes.id}) < (${startsOn}::date, ${id}::uuid)`);
  }
  const rows = await db
    .select()
    .from(programmes)
    .where(and(...conditions))
    .orderBy(desc(programmes.startsOn), desc(programmes.id))
    .limit(filters.limit + 1);
  const page = toPage(rows, filters.limit, (r) => [r.startsOn, r.id]);
  return { items: await presentMany(db, actor, page.items), nextCursor: page.nextCursor };
}
