/**
 * Skills: an organisation's competence grid (by default the five Pix areas, levels 0–3), assessments at
 * the entry and the exit of a training with the "autonomous" judgement funders ask for, and a person's
 * progress, entry and exit side by side.
 */
import { and, asc, desc, eq, inArray, lte } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { AppError, type FieldError, invalidField } from '../../lib/errors.ts';
import type { Locale } from '../../lib/messages.ts';
import { recordAudit } from '../audit/service.ts';
import { users } from '../organisations/schema.ts';
import { recordStep } from '../programmes/events.ts';
import { displayName } from '../programmes/referrals.ts';
import { assertNotErased, loadProgramme } from '../programmes/visibility.ts';
import { loadTraineePerson, organisationReaches, referredTo, trainingOrganisationsOf } from './access.ts';
import { trainingPermissions } from './permissions.ts';
import { competenceGrids, skillsAssessments } from './schema.ts';
import { type AssessmentStage, DEFAULT_MAX_LEVEL, type GridArea, PIX_AREAS } from './vocabulary.ts';

export interface CompetenceGrid {
  organisationId: string;
  areas: GridArea[];
  maxLevel: number;
  /** True while the organisation keeps the default grid (the Pix areas). */
  isDefault: boolean;
}

async function gridOf(db: Executor, organisationId: string, locale: Locale): Promise<CompetenceGrid> {
  const [row] = await db
    .select()
    .from(competenceGrids)
    .where(eq(competenceGrids.organisationId, organisationId));
  if (!row) return { organisationId, areas: PIX_AREAS[locale], maxLevel: DEFAULT_MAX_LEVEL, isDefault: true };
  return { organisationId, areas: row.areas, maxLevel: row.maxLevel, isDefault: false };
}

/** The organisation's competence grid (members only). */
export async function getCompetenceGrid(
  db: Executor,
  actor: Actor,
  organisationId: string,
): Promise<CompetenceGrid> {
  trainingPermissions.authorize(actor, 'training.read', organisationId);
  return gridOf(db, organisationId, actor.locale);
}

/** Replaces the organisation's grid (administrators and managers); past assessments keep their levels. */
export async function putCompetenceGrid(
  db: Executor,
  actor: Actor,
  organisationId: string,
  input: { areas: GridArea[]; maxLevel: number },
): Promise<CompetenceGrid> {
  trainingPermissions.authorize(actor, 'grid.manage', organisationId);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  input.areas.forEach((area, index) => {
    if (seen.has(area.code))
      errors.push({ path: `areas.${index}.code`, messageKey: 'skills.area_duplicate' });
    seen.add(area.code);
  });
  if (errors.length > 0) {
    throw new AppError('INVALID_INPUT', 'errors.invalid_input', {
      params: { count: errors.length },
      fieldErrors: errors,
    });
  }
  const areas = input.areas.map((a) => ({ code: a.code, label: a.label.trim() }));
  await db.transaction(async (tx) => {
    await tx
      .insert(competenceGrids)
      .values({ organisationId, areas, maxLevel: input.maxLevel, updatedByUserId: actor.userId })
      .onConflictDoUpdate({
        target: competenceGrids.organisationId,
        set: { areas, maxLevel: input.maxLevel, updatedByUserId: actor.userId, updatedAt: new Date() },
      });
    await recordAudit(tx, actor, {
      action: 'competence_grid.update',
      entityType: 'organisation',
      entityId: organisationId,
      organisationId,
      fields: ['areas', 'maxLevel'],
    });
  });
  return gridOf(db, organisationId, actor.locale);
}

export type AssessmentRow = typeof skillsAssessments.$inferSelect;
export interface Assessment extends AssessmentRow {
  assessorName: string | null;
}

export interface AssessmentInput {
  beneficiaryId: string;
  programmeId?: string;
  organisationId?: string;
  stage: AssessmentStage;
  levels?: Record<string, number>;
  autonomous: boolean;
  assessedOn?: string;
  note?: string | null;
}

/** The organisation an assessment is recorded for: the one given, else one that trains for the programme, else the only membership. */
async function assessingOrganisation(db: Executor, actor: Actor, input: AssessmentInput): Promise<string> {
  if (input.organisationId) return input.organisationId;
  if (input.programmeId) {
    const { row } = await loadProgramme(db, actor, input.programmeId);
    const mine = (await trainingOrganisationsOf(db, row)).filter((org) =>
      trainingPermissions.can(actor, 'training.assess', org),
    );
    if (mine.length === 1 && mine[0]) return mine[0];
  }
  if (actor.memberships.size === 1) return [...actor.memberships.keys()][0] as string;
  throw new AppError('INVALID_INPUT', 'errors.invalid_input', {
    params: { count: 1 },
    fieldErrors: [
      {
        path: 'organisationId',
        messageKey: 'auth.acting_organisation_required',
        params: { field: 'organisationId' },
      },
    ],
  });
}

/**
 * Records an entry or exit assessment, its levels checked against the organisation's grid (400 naming each
 * wrong area). An exit assessment needs an entry one on or before its day (422); erased people are refused.
 */
export async function createAssessment(
  db: Executor,
  actor: Actor,
  input: AssessmentInput,
): Promise<Assessment> {
  const assessedOn = input.assessedOn ?? today();
  if (assessedOn > today()) throw invalidField('assessedOn', 'validation.day_in_future');
  const id = await db.transaction(async (tx) => {
    const organisationId = await assessingOrganisation(tx, actor, input);
    trainingPermissions.authorize(actor, 'training.assess', organisationId);
    const { row: person } = await loadTraineePerson(tx, actor, input.beneficiaryId, organisationId, true);
    if (input.programmeId) {
      const { row: programme } = await loadProgramme(tx, actor, input.programmeId);
      if (!(await trainingOrganisationsOf(tx, programme)).includes(organisationId)) {
        throw new AppError('RULE_REFUSED', 'workshops.not_trainer_of_programme', {
          params: { programme: programme.name },
        });
      }
      if (!(await referredTo(tx, person.id, programme.id))) {
        throw new AppError('RULE_REFUSED', 'skills.not_referred', { params: { programme: programme.name } });
      }
    }
    assertNotErased(person);
    const grid = await gridOf(tx, organisationId, actor.locale);
    const codes = new Set(grid.areas.map((a) => a.code));
    const levels = input.levels ?? {};
    const errors: FieldError[] = Object.entries(levels).flatMap(([code, level]) => {
      if (!codes.has(code)) return [{ path: `levels.${code}`, messageKey: 'skills.unknown_area' }];
      if (!Number.isInteger(level) || level < 0 || level > grid.maxLevel)
        return [
          { path: `levels.${code}`, messageKey: 'skills.level_out_of_range', params: { max: grid.maxLevel } },
        ];
      return [];
    });
    if (errors.length > 0) {
      throw new AppError('INVALID_INPUT', 'errors.invalid_input', {
        params: { count: errors.length },
        fieldErrors: errors,
      });
    }
    if (input.stage === 'exit') {
      const [entry] = await tx
        .select({ id: skillsAssessments.id })
        .from(skillsAssessments)
        .where(
          and(
            eq(skillsAssessments.beneficiaryId, person.id),
            eq(skillsAssessments.stage, 'entry'),
            lte(skillsAssessments.assessedOn, assessedOn),
            input.programmeId ? eq(skillsAssessments.programmeId, input.programmeId) : undefined,
          ),
        )
        .limit(1);
      if (!entry) throw new AppError('RULE_REFUSED', 'skills.exit_before_entry');
    }
    const [row] = await tx
      .insert(skillsAssessments)
      .values({
        beneficiaryId: person.id,
        organisationId,
        programmeId: input.programmeId ?? null,
        stage: input.stage,
        levels,
        autonomous: input.autonomous,
        assessedOn,
        assessorUserId: actor.userId,
        note: input.note?.trim() || null,
      })
      .returning({ id: skillsAssessments.id });
    if (!row) throw new Error('insert returned no row');
    await recordStep(tx, actor, {
      beneficiaryId: person.id,
      kind: 'assessed',
      on: assessedOn,
      programmeId: input.programmeId ?? null,
      fields: [input.stage],
    });
    await recordAudit(tx, actor, {
      action: 'skills_assessment.create',
      entityType: 'beneficiary',
      entityId: person.id,
      organisationId,
      fields: ['stage', 'levels', 'autonomous', ...(input.note ? ['note'] : [])],
    });
    return row.id;
  });
  const [created] = await assessmentsWhere(db, [id]);
  if (!created) throw new Error('assessment vanished');
  return created;
}

async function assessmentsWhere(db: Executor, ids: string[]): Promise<Assessment[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ assessment: skillsAssessments, assessorName: users.name })
    .from(skillsAssessments)
    .leftJoin(users, eq(users.id, skillsAssessments.assessorUserId))
    .where(inArray(skillsAssessments.id, ids))
    .orderBy(asc(skillsAssessments.assessedOn), asc(skillsAssessments.createdAt));
  return rows.map((r) => ({ ...r.assessment, assessorName: r.assessorName }));
}

export interface SkillsView {
  beneficiaryId: string;
  name: string | null;
  assessments: Assessment[];
  /** The latest entry and exit assessments, area by area. */
  comparison: {
    entry: { id: string; assessedOn: string; autonomous: boolean } | null;
    exit: { id: string; assessedOn: string; autonomous: boolean } | null;
    areas: {
      code: string;
      label: string;
      entry: number | null;
      exit: number | null;
      progress: number | null;
    }[];
    maxLevel: number;
  };
}

/**
 * A person's assessments and their progress, entry and exit side by side (latest of each; `programmeId`
 * keeps those of one programme). An organisation that only trains the person sees its own assessments.
 */
export async function beneficiarySkills(
  db: Executor,
  actor: Actor,
  beneficiaryId: string,
  programmeId?: string,
): Promise<SkillsView> {
  const candidates = trainingPermissions.organisationsWith(actor, 'training.read');
  const { row: person, fullAccess } = await loadTraineePerson(db, actor, beneficiaryId, null).catch(
    async (err) => {
      if (candidates === 'all') throw err;
      for (const org of candidates) {
        if (await organisationReaches(db, org, beneficiaryId))
          return loadTraineePerson(db, actor, beneficiaryId, org);
      }
      throw err;
    },
  );
  let orgs: string[] | null = null;
  if (!fullAccess && candidates !== 'all') {
    orgs = [];
    for (const org of candidates) if (await organisationReaches(db, org, person.id)) orgs.push(org);
  }
  const ids = await db
    .select({ id: skillsAssessments.id })
    .from(skillsAssessments)
    .where(
      and(
        eq(skillsAssessments.beneficiaryId, person.id),
        programmeId ? eq(skillsAssessments.programmeId, programmeId) : undefined,
        orgs ? inArray(skillsAssessments.organisationId, orgs) : undefined,
      ),
    )
    .orderBy(desc(skillsAssessments.assessedOn));
  const assessments = await assessmentsWhere(
    db,
    ids.map((r) => r.id),
  );
  await recordAudit(db, actor, {
    action: 'beneficiary.read',
    entityType: 'beneficiary',
    entityId: person.id,
    organisationId: person.referringOrganisationId,
    fields: ['skills'],
  });
  const latest = (stage: AssessmentStage) =>
    [...assessments].reverse().find((a) => a.stage === stage) ?? null;
  const entry = latest('entry');
  const exit = latest('exit');
  const grid = await gridOf(
    db,
    (exit ?? entry)?.organisationId ?? person.referringOrganisationId,
    actor.locale,
  );
  const codes = [
    ...grid.areas.map((a) => a.code),
    ...Object.keys({ ...entry?.levels, ...exit?.levels }).filter(
      (c) => !grid.areas.some((a) => a.code === c),
    ),
  ];
  const areas = codes
    .filter(
      (code) =>
        entry?.levels[code] !== undefined ||
        exit?.levels[code] !== undefined ||
        grid.areas.some((a) => a.code === code),
    )
    .map((code) => {
      const before = entry?.levels[code] ?? null;
      const after = exit?.levels[code] ?? null;
      return {
        code,
        label: grid.areas.find((a) => a.code === code)?.label ?? code,
        entry: before,
        exit: after,
        progress: before !== null && after !== null ? after - before : null,
      };
    });
  const summary = (a: Assessment | null) =>
    a ? { id: a.id, assessedOn: a.assessedOn, autonomous: a.autonomous } : null;
  return {
    beneficiaryId: person.id,
    name: displayName(person),
    assessments,
    comparison: { entry: summary(entry), exit: summary(exit), areas, maxLevel: grid.maxLevel },
  };
}
