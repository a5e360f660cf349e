/** Weekly hours entered by a manager, and skill levels assessed: a technician's record, written by managers. */
import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { AppError, invalidField } from '../../lib/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { users } from '../organisations/schema.ts';
import { authorizeWorkforce, memberOf } from './access.ts';
import { lockPerson } from './contracts.ts';
import {
  INSERTION_CONTRACT_TYPES,
  insertionClauses,
  workforceContracts,
  workforceHours,
  workforceSkillLevels,
} from './schema.ts';
import { settingsOf } from './settings.ts';
import { isMonday, mondayOf, shiftDay } from './weeks.ts';

/** The person's contracts that cover some day of the week starting on `week`. */
export async function contractsCovering(db: Executor, organisationId: string, userId: string, week: string) {
  return db
    .select()
    .from(workforceContracts)
    .where(
      and(
        eq(workforceContracts.organisationId, organisationId),
        eq(workforceContracts.userId, userId),
        lte(workforceContracts.startsOn, shiftDay(week, 6)),
        or(isNull(workforceContracts.endsOn), gte(workforceContracts.endsOn, week)),
      ),
    );
}

export interface HoursInput {
  minutes: number;
  clauseId?: string | null | undefined;
  note?: string | null | undefined;
}

export interface HoursView {
  userId: string;
  weekStart: string;
  minutes: number;
  clauseId: string | null;
  note: string | null;
}

/**
 * Enters (or replaces) a person's hours for one week. The week starts on a Monday that has come, the person
 * has a contract covering it; hours counted for a clause need an insertion contract that week and a week
 * within the clause's dates.
 */
export async function putWeekHours(
  db: Executor,
  actor: Actor,
  organisationId: string,
  userId: string,
  weekStart: string,
  input: HoursInput,
): Promise<HoursView> {
  authorizeWorkforce(actor, organisationId);
  if (!isMonday(weekStart)) throw invalidField('weekStart', 'workforce.not_monday', { day: weekStart });
  if (weekStart > mondayOf(today())) throw invalidField('weekStart', 'workforce.week_in_future');
  return db.transaction(async (tx) => {
    await memberOf(tx, organisationId, userId, null);
    await lockPerson(tx, organisationId, userId);
    const contracts = await contractsCovering(tx, organisationId, userId, weekStart);
    if (contracts.length === 0)
      throw new AppError('RULE_REFUSED', 'workforce.no_contract_that_week', { params: { week: weekStart } });
    const clauseId = input.clauseId ?? null;
    if (clauseId) {
      const [clause] = await tx
        .select()
        .from(insertionClauses)
        .where(and(eq(insertionClauses.id, clauseId), eq(insertionClauses.organisationId, organisationId)))
        .for('share');
      if (!clause) throw invalidField('clauseId', 'workforce.unknown_clause');
      if (!contracts.some((c) => INSERTION_CONTRACT_TYPES.includes(c.contractType)))
        throw new AppError('RULE_REFUSED', 'workforce.clause_not_insertion');
      if (clause.startsOn > shiftDay(weekStart, 6) || clause.endsOn < weekStart)
        throw new AppError('RULE_REFUSED', 'workforce.clause_outside_week', {
          params: { clause: clause.name, startsOn: clause.startsOn, endsOn: clause.endsOn },
        });
    }
    const note = input.note?.trim() || null;
    const [row] = await tx
      .insert(workforceHours)
      .values({
        organisationId,
        userId,
        weekStart,
        minutes: input.minutes,
        clauseId,
        note,
        enteredByUserId: actor.userId,
      })
      .onConflictDoUpdate({
        target: [workforceHours.organisationId, workforceHours.userId, workforceHours.weekStart],
        set: { minutes: input.minutes, clauseId, note, enteredByUserId: actor.userId, updatedAt: new Date() },
      })
      .returning({ id: workforceHours.id });
    await recordAudit(tx, actor, {
      action: 'workforce.hours_put',
      entityType: 'workforce_hours',
      entityId: row?.id ?? null,
      organisationId,
      fields: ['minutes', 'clauseId', 'note'],
    });
    return { userId, weekStart, minutes: input.minutes, clauseId, note };
  });
}

/** Removes a week's entry: the week is then derived from the person's production again. */
export async function deleteWeekHours(
  db: Executor,
  actor: Actor,
  organisationId: string,
  userId: string,
  weekStart: string,
): Promise<void> {
  authorizeWorkforce(actor, organisationId);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(workforceHours)
      .where(
        and(
          eq(workforceHours.organisationId, organisationId),
          eq(workforceHours.userId, userId),
          eq(workforceHours.weekStart, weekStart),
        ),
      )
      .returning({ id: workforceHours.id });
    if (row)
      await recordAudit(tx, actor, {
        action: 'workforce.hours_delete',
        entityType: 'workforce_hours',
        entityId: row.id,
        organisationId,
      });
  });
}

// ---------------------------------------------------------------------------------------------------
// Skill levels

export interface SkillLevelInput {
  skillKey: string;
  level: number;
  assessedOn: string;
  note?: string | null | undefined;
}

export interface SkillLevelView {
  id: string;
  userId: string;
  skillKey: string;
  level: number;
  assessedOn: string;
  assessedBy: string | null;
  note: string | null;
}

/** Records a level on a skill of the grid, on a day (today or before). */
export async function recordSkillLevel(
  db: Executor,
  actor: Actor,
  organisationId: string,
  userId: string,
  input: SkillLevelInput,
): Promise<SkillLevelView> {
  authorizeWorkforce(actor, organisationId);
  if (input.assessedOn > today()) throw invalidField('assessedOn', 'workforce.assessed_in_future');
  return db.transaction(async (tx) => {
    await memberOf(tx, organisationId, userId, null);
    const settings = await settingsOf(tx, organisationId);
    if (!settings.skills.some((s) => s.key === input.skillKey))
      throw invalidField('skillKey', 'workforce.unknown_skill');
    if (input.level > settings.maxLevel)
      throw invalidField('level', 'workforce.level_out_of_range', { max: settings.maxLevel });
    const [row] = await tx
      .insert(workforceSkillLevels)
      .values({
        organisationId,
        userId,
        skillKey: input.skillKey,
        level: input.level,
        assessedOn: input.assessedOn,
        assessedByUserId: actor.userId,
        note: input.note?.trim() || null,
      })
      .returning({ id: workforceSkillLevels.id });
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, {
      action: 'workforce.skill_level',
      entityType: 'workforce_skill_level',
      entityId: row.id,
      organisationId,
      fields: Object.keys(input),
    });
    const [view] = await skillRows(tx, organisationId, userId, row.id);
    return view as SkillLevelView;
  });
}

async function skillRows(db: Executor, organisationId: string, userId: string, id?: string) {
  return db
    .select({
      id: workforceSkillLevels.id,
      userId: workforceSkillLevels.userId,
      skillKey: workforceSkillLevels.skillKey,
      level: workforceSkillLevels.level,
      assessedOn: workforceSkillLevels.assessedOn,
      assessedBy: users.name,
      note: workforceSkillLevels.note,
    })
    .from(workforceSkillLevels)
    .leftJoin(users, eq(users.id, workforceSkillLevels.assessedByUserId))
    .where(
      and(
        eq(workforceSkillLevels.organisationId, organisationId),
        eq(workforceSkillLevels.userId, userId),
        id ? eq(workforceSkillLevels.id, id) : undefined,
      ),
    )
    .orderBy(
      asc(workforceSkillLevels.assessedOn),
      asc(workforceSkillLevels.createdAt),
      asc(workforceSkillLevels.id),
    );
}

/** A person's levels over time, oldest first. */
export async function skillHistory(
  db: Executor,
  actor: Actor,
  organisationId: string,
  userId: string,
): Promise<SkillLevelView[]> {
  authorizeWorkforce(actor, organisationId);
  await memberOf(db, organisationId, userId, null);
  return skillRows(db, organisationId, userId);
}
