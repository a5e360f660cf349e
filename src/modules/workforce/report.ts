/**
 * The workforce's hours, production and skills: the technicians list, a person's page and the period
 * report. A week's hours are those entered by a manager when there is an entry, else derived from the
 * production the person signed that week × the organisation's standard minutes per step (see
 * `production.ts`). Only weeks covered by an insertion contract (CDDI, PEC, CDD tremplin) count as
 * insertion hours; entered hours count for the clause they name, derived hours (and entries without a
 * clause) count toward the organisation's insertion total only.
 */
import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { invalidField, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { memberships, users } from '../organisations/schema.ts';
import { authorizeWorkforce } from './access.ts';
import { type ContractView, listContracts } from './contracts.ts';
import { type SkillLevelView, skillHistory } from './hours.ts';
import {
  addProduction,
  byWeek,
  minutesOf,
  noProduction,
  type Production,
  productionByDay,
} from './production.ts';
import {
  INSERTION_CONTRACT_TYPES,
  insertionClauses,
  type StepMinutes,
  type WorkforceSkill,
  workforceContracts,
  workforceHours,
  workforceSkillLevels,
} from './schema.ts';
import { settingsOf } from './settings.ts';
import { contractMinutesOfWeek, daysBetween, mondayOf, mondaysIn, shiftDay } from './weeks.ts';

export interface WeekRow {
  weekStart: string;
  /** The minutes entered for the week, or null when none were. */
  enteredMinutes: number | null;
  /** The minutes the week's production is worth at the standard minutes. */
  productionMinutes: number;
  /**
   * The production minutes capped at the week's contract minutes: derived hours never exceed what the
   * contract allows (a technician signing many devices in a 26 h week still counts 26 h at most).
   */
  derivedMinutes: number;
  /**
   * The week's contract minutes: the weekly minutes of the contracts covering it, prorated by their working
   * days (Monday to Friday) within the week; 0 without a contract.
   */
  contractMinutes: number;
  /** Entered minutes above the contract minutes (overtime happens: kept, but said « au-delà du contrat »). */
  overContract: boolean;
  /** The week's hours: entered when there is an entry, else derived. */
  minutes: number;
  source: 'entered' | 'derived';
  clauseId: string | null;
  note: string | null;
  /** A contract covers the week; an insertion contract covers it. */
  contracted: boolean;
  insertion: boolean;
  production: Production;
}

interface Totals {
  enteredMinutes: number;
  derivedMinutes: number;
  totalMinutes: number;
  insertionMinutes: number;
  /** Weeks entered above the week's contract minutes. */
  overContractWeeks: number;
}

type ContractSpan = Pick<ContractView, 'userId' | 'contractType' | 'startsOn' | 'endsOn' | 'weeklyMinutes'>;

const covers = (c: ContractSpan, week: string) =>
  c.startsOn <= shiftDay(week, 6) && (c.endsOn === null || c.endsOn >= week);

/** Each person's week rows for the weeks whose Monday falls in [from, to]. */
async function weekRows(
  db: Executor,
  organisationId: string,
  userIds: string[],
  from: string,
  to: string,
  stepMinutes: StepMinutes,
  contracts: ContractSpan[],
): Promise<Map<string, WeekRow[]>> {
  const weeks = mondaysIn(from, to);
  const result = new Map<string, WeekRow[]>();
  if (userIds.length === 0 || weeks.length === 0) {
    for (const id of userIds) result.set(id, []);
    return result;
  }
  const first = weeks[0] as string;
  const last = weeks[weeks.length - 1] as string;
  const production = byWeek(await productionByDay(db, organisationId, userIds, first, shiftDay(last, 6)));
  const entries = await db
    .select()
    .from(workforceHours)
    .where(
      and(
        eq(workforceHours.organisationId, organisationId),
        inArray(workforceHours.userId, userIds),
        gte(workforceHours.weekStart, first),
        lte(workforceHours.weekStart, last),
      ),
    );
  const entryOf = new Map(entries.map((e) => [`${e.userId} ${e.weekStart}`, e]));
  for (const userId of userIds) {
    const mine = contracts.filter((c) => c.userId === userId);
    result.set(
      userId,
      weeks.map((weekStart) => {
        const entry = entryOf.get(`${userId} ${weekStart}`);
        const made = production.get(userId)?.get(weekStart) ?? noProduction();
        const productionMinutes = minutesOf(made, stepMinutes);
        const covering = mine.filter((c) => covers(c, weekStart));
        const contractMinutes = contractMinutesOfWeek(covering, weekStart);
        const derivedMinutes = Math.min(productionMinutes, contractMinutes);
        return {
          weekStart,
          enteredMinutes: entry?.minutes ?? null,
          productionMinutes,
          derivedMinutes,
          contractMinutes,
          overContract: entry !== undefined && entry.minutes > contractMinutes,
          minutes: entry ? entry.minutes : derivedMinutes,
          source: entry ? 'entered' : 'derived',
          clauseId: entry?.clauseId ?? null,
          note: entry?.note ?? null,
          contracted: covering.length > 0,
          insertion: covering.some((c) => INSERTION_CONTRACT_TYPES.includes(c.contractType)),
          production: made,
        };
      }),
    );
  }
  return result;
}

function totalsOf(rows: WeekRow[]): Totals {
  const totals: Totals = {
    enteredMinutes: 0,
    derivedMinutes: 0,
    totalMinutes: 0,
    insertionMinutes: 0,
    overContractWeeks: 0,
  };
  for (const r of rows) {
    if (r.overContract) totals.overContractWeeks++;
    if (r.source === 'entered') totals.enteredMinutes += r.minutes;
    else totals.derivedMinutes += r.minutes;
    totals.totalMinutes += r.minutes;
    if (r.insertion) totals.insertionMinutes += r.minutes;
  }
  return totals;
}

/** People with a contract in the organisation overlapping [from, to], with their contracts. */
async function contractsOverlapping(db: Executor, organisationId: string, from: string, to: string) {
  return db
    .select({ contract: workforceContracts, name: users.name, email: users.email })
    .from(workforceContracts)
    .innerJoin(users, eq(users.id, workforceContracts.userId))
    .where(
      and(
        eq(workforceContracts.organisationId, organisationId),
        lte(workforceContracts.startsOn, to),
        or(isNull(workforceContracts.endsOn), gte(workforceContracts.endsOn, from)),
      ),
    )
    .orderBy(asc(users.name), asc(workforceContracts.startsOn));
}

// ---------------------------------------------------------------------------------------------------
// The technicians list

export interface TechnicianSummary {
  userId: string;
  name: string;
  email: string;
  role: string | null;
  contract: ContractView | null;
  month: string;
  monthMinutes: number;
  monthEnteredWeeks: number;
  monthDerivedWeeks: number;
  monthInsertionMinutes: number;
}

/** The organisation's technicians (people with a contract), each with the current contract and this month's hours. */
export async function listTechnicians(
  db: Executor,
  actor: Actor,
  organisationId: string,
): Promise<TechnicianSummary[]> {
  authorizeWorkforce(actor, organisationId);
  const day = today();
  const monthStart = `${day.slice(0, 7)}-01`;
  const contracts = await listContracts(db, actor, organisationId);
  const userIds = [...new Set(contracts.map((c) => c.userId))];
  if (userIds.length === 0) return [];
  const settings = await settingsOf(db, organisationId);
  const rows = await weekRows(db, organisationId, userIds, monthStart, day, settings.stepMinutes, contracts);
  const people = await db
    .select({ id: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(users)
    .leftJoin(
      memberships,
      and(eq(memberships.userId, users.id), eq(memberships.organisationId, organisationId)),
    )
    .where(inArray(users.id, userIds))
    .orderBy(asc(users.name), asc(users.id));
  return people.map((p) => {
    const mine = contracts.filter((c) => c.userId === p.id);
    const current =
      mine.find((c) => c.startsOn <= day && (c.endsOn === null || c.endsOn >= day)) ??
      mine[mine.length - 1] ??
      null;
    const weeks = (rows.get(p.id) ?? []).filter((w) => w.source === 'entered' || w.minutes > 0);
    const totals = totalsOf(weeks);
    return {
      userId: p.id,
      name: p.name,
      email: p.email,
      role: p.role,
      contract: current,
      month: day.slice(0, 7),
      monthMinutes: totals.totalMinutes,
      monthEnteredWeeks: weeks.filter((w) => w.source === 'entered').length,
      monthDerivedWeeks: weeks.filter((w) => w.source === 'derived').length,
      monthInsertionMinutes: totals.insertionMinutes,
    };
  });
}

// ---------------------------------------------------------------------------------------------------
// A person's page

export interface PersonWorkforce {
  person: { id: string; name: string; email: string; role: string | null };
  contracts: ContractView[];
  weeks: WeekRow[];
  totals: Totals;
  production: Production;
  skills: WorkforceSkill[];
  maxLevel: number;
  stepMinutes: StepMinutes;
  levels: SkillLevelView[];
}

/** How many recent weeks a person's page shows (this one included). */
export const RECENT_WEEKS = 12;

/** A member's (or former member with a contract's) contracts, recent weeks, production and skills. */
export async function personWorkforce(
  db: Executor,
  actor: Actor,
  organisationId: string,
  userId: string,
): Promise<PersonWorkforce> {
  authorizeWorkforce(actor, organisationId);
  if (!isUuid(userId)) throw notFound('person');
  const [person] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(users)
    .leftJoin(
      memberships,
      and(eq(memberships.userId, users.id), eq(memberships.organisationId, organisationId)),
    )
    .where(eq(users.id, userId));
  const contracts = await listContracts(db, actor, organisationId, userId);
  if (!person || (person.role === null && contracts.length === 0)) throw notFound('person');
  // A platform administrator reads a person's record by exception: an entry by ids, never values.
  if (actor.isPlatformAdmin)
    await recordAudit(db, actor, {
      action: 'workforce_person.read',
      entityType: 'user',
      entityId: userId,
      organisationId,
      fields: [],
    });
  const day = today();
  const from = shiftDay(mondayOf(day), -7 * (RECENT_WEEKS - 1));
  const settings = await settingsOf(db, organisationId);
  const weeks = (
    await weekRows(db, organisationId, [userId], from, day, settings.stepMinutes, contracts)
  ).get(userId) as WeekRow[];
  const production = weeks.reduce((sum, w) => addProduction(sum, w.production), noProduction());
  const levels = person.role === null ? [] : await skillHistory(db, actor, organisationId, userId);
  return {
    person,
    contracts,
    weeks: weeks.reverse(),
    totals: totalsOf(weeks),
    production,
    ...settings,
    levels,
  };
}

// ---------------------------------------------------------------------------------------------------
// The period report

export interface SkillProgress {
  skillKey: string;
  label: string;
  first: { level: number; assessedOn: string } | null;
  latest: { level: number; assessedOn: string } | null;
}

export interface TechnicianReport {
  userId: string;
  name: string;
  contracts: ContractView[];
  weeks: WeekRow[];
  totals: Totals;
  production: Production;
  skills: SkillProgress[];
}

export interface ClauseProgress {
  clauseId: string;
  name: string;
  buyer: string | null;
  reference: string | null;
  startsOn: string;
  endsOn: string;
  requiredHours: number;
  /** Insertion minutes entered for the clause in the report's weeks. */
  periodMinutes: number;
  /** Insertion minutes entered for the clause from its start to the report's end. */
  toDateMinutes: number;
}

export interface WorkforceReport {
  organisationId: string;
  from: string;
  to: string;
  weeks: string[];
  /** The days the production is counted over: the first week's Monday to the last week's Sunday. */
  productionFrom: string | null;
  productionTo: string | null;
  stepMinutes: StepMinutes;
  maxLevel: number;
  technicians: TechnicianReport[];
  insertion: {
    totalMinutes: number;
    enteredMinutes: number;
    derivedMinutes: number;
    /** Insertion minutes counted for no clause (derived, or entered without one). */
    withoutClauseMinutes: number;
    byClause: ClauseProgress[];
    byMonth: { month: string; minutes: number }[];
  };
}

/** The longest period a report covers (two years). */
export const MAX_REPORT_DAYS = 731;

/** The default period: the current year up to today. */
export function defaultPeriod(): { from: string; to: string } {
  const day = today();
  return { from: `${day.slice(0, 4)}-01-01`, to: day };
}

/** The report of a period: per technician, the organisation's insertion hours, per clause and per month. */
export async function workforceReport(
  db: Executor,
  actor: Actor,
  organisationId: string,
  period: { from?: string | undefined; to?: string | undefined },
): Promise<WorkforceReport> {
  authorizeWorkforce(actor, organisationId);
  const from = period.from ?? defaultPeriod().from;
  const to = period.to ?? (period.from && period.from > today() ? period.from : defaultPeriod().to);
  if (to < from || daysBetween(from, to) > MAX_REPORT_DAYS)
    throw invalidField('to', 'workforce.period_invalid');
  const settings = await settingsOf(db, organisationId);
  const overlapping = await contractsOverlapping(db, organisationId, mondayOf(from), to);
  const allContracts = await listContracts(db, actor, organisationId);
  const userIds = [...new Set(overlapping.map((r) => r.contract.userId))];
  const rows = await weekRows(db, organisationId, userIds, from, to, settings.stepMinutes, allContracts);
  // Production over the weeks counted (first Monday to the last week's Sunday), as the hours are.
  const reportWeeks = mondaysIn(from, to);
  const productionFrom = reportWeeks[0] ?? null;
  const productionTo = productionFrom ? shiftDay(reportWeeks[reportWeeks.length - 1] as string, 6) : null;
  const days =
    productionFrom && productionTo
      ? await productionByDay(db, organisationId, userIds, productionFrom, productionTo)
      : [];
  const labelOf = new Map(settings.skills.map((s) => [s.key, s.label]));

  const technicians: TechnicianReport[] = [];
  for (const userId of userIds) {
    const name = overlapping.find((r) => r.contract.userId === userId)?.name ?? '';
    const weeks = (rows.get(userId) ?? []).filter((w) => w.source === 'entered' || w.minutes > 0);
    const production = days.filter((d) => d.userId === userId).reduce(addProduction, noProduction());
    const history = await skillRowsUpTo(db, organisationId, userId, to);
    const skills: SkillProgress[] = settings.skills.map((s) => {
      const mine = history.filter((h) => h.skillKey === s.key);
      const pick = (h: (typeof mine)[number] | undefined) =>
        h ? { level: h.level, assessedOn: h.assessedOn } : null;
      return {
        skillKey: s.key,
        label: labelOf.get(s.key) ?? s.key,
        first: pick(mine[0]),
        latest: pick(mine[mine.length - 1]),
      };
    });
    technicians.push({
      userId,
      name,
      contracts: allContracts.filter((c) => c.userId === userId),
      weeks,
      totals: totalsOf(weeks),
      production,
      skills,
    });
  }

  const insertionWeeks = technicians.flatMap((t) => t.weeks.filter((w) => w.insertion));
  const months = new Map<string, number>();
  for (const w of insertionWeeks)
    months.set(w.weekStart.slice(0, 7), (months.get(w.weekStart.slice(0, 7)) ?? 0) + w.minutes);
  const clauses = await db
    .select()
    .from(insertionClauses)
    .where(
      and(
        eq(insertionClauses.organisationId, organisationId),
        lte(insertionClauses.startsOn, to),
        gte(insertionClauses.endsOn, from),
      ),
    )
    .orderBy(asc(insertionClauses.startsOn), asc(insertionClauses.name));
  const byClause: ClauseProgress[] = [];
  for (const c of clauses) {
    byClause.push({
      clauseId: c.id,
      name: c.name,
      buyer: c.buyer,
      reference: c.reference,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      requiredHours: c.requiredHours,
      periodMinutes: insertionWeeks
        .filter(
          (w) =>
            w.source === 'entered' &&
            w.clauseId === c.id &&
            w.weekStart <= c.endsOn &&
            shiftDay(w.weekStart, 6) >= c.startsOn,
        )
        .reduce((sum, w) => sum + w.minutes, 0),
      toDateMinutes: await clauseMinutesUpTo(db, organisationId, c.id, to),
    });
  }
  const sum = (list: WeekRow[]) => list.reduce((s, w) => s + w.minutes, 0);
  return {
    organisationId,
    from,
    to,
    weeks: reportWeeks,
    productionFrom,
    productionTo,
    stepMinutes: settings.stepMinutes,
    maxLevel: settings.maxLevel,
    technicians,
    insertion: {
      totalMinutes: sum(insertionWeeks),
      enteredMinutes: sum(insertionWeeks.filter((w) => w.source === 'entered')),
      derivedMinutes: sum(insertionWeeks.filter((w) => w.source === 'derived')),
      withoutClauseMinutes: sum(insertionWeeks.filter((w) => w.source === 'derived' || !w.clauseId)),
      byClause,
      byMonth: [...months]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([month, minutes]) => ({ month, minutes })),
    },
  };
}

async function skillRowsUpTo(db: Executor, organisationId: string, userId: string, to: string) {
  return db
    .select({
      skillKey: workforceSkillLevels.skillKey,
      level: workforceSkillLevels.level,
      assessedOn: workforceSkillLevels.assessedOn,
    })
    .from(workforceSkillLevels)
    .where(
      and(
        eq(workforceSkillLevels.organisationId, organisationId),
        eq(workforceSkillLevels.userId, userId),
        lte(workforceSkillLevels.assessedOn, to),
      ),
    )
    .orderBy(
      asc(workforceSkillLevels.assessedOn),
      asc(workforceSkillLevels.createdAt),
      asc(workforceSkillLevels.id),
    );
}

/** Minutes entered for a clause up to a day, in weeks an insertion contract of the person covers. */
async function clauseMinutesUpTo(
  db: Executor,
  organisationId: string,
  clauseId: string,
  to: string,
): Promise<number> {
  const insertionTypes = sql.join(
    INSERTION_CONTRACT_TYPES.map((t) => sql`${t}`),
    sql`, `,
  );
  const [row] = await db
    .select({ minutes: sql<number>`coalesce(sum(${workforceHours.minutes}), 0)::int` })
    .from(workforceHours)
    .where(
      and(
        eq(workforceHours.organisationId, organisationId),
        eq(workforceHours.clauseId, clauseId),
        lte(workforceHours.weekStart, to),
        // Only the weeks within the clause's dates count for it.
        sql`exists (select 1 from ${insertionClauses} k where k.id = ${workforceHours.clauseId}
          and k.starts_on <= ${workforceHours.weekStart} + 6 and k.ends_on >= ${workforceHours.weekStart})`,
        sql`exists (select 1 from ${workforceContracts} c where c.organisation_id = ${workforceHours.organisationId}
          and c.user_id = ${workforceHours.userId} and c.contract_type in (${insertionTypes})
          and c.starts_on <= ${workforceHours.weekStart} + 6
          and (c.ends_on is null or c.ends_on >= ${workforceHours.weekStart}))`,
      ),
    );
  return row?.minutes ?? 0;
}
