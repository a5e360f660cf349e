/** An organisation's workforce settings: its skills grid (levels 0–maxLevel) and standard minutes per step. */
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { authorizeWorkforce } from './access.ts';
import { type StepMinutes, type WorkforceSkill, workforceSettings, workforceSkillLevels } from './schema.ts';

/**
 * Standard minutes per production step when the organisation has set none: a diagnosis (tests, sheet)
 * 20 min, an erasure 15 min of the technician's own time (the machine runs alone), a refurbishing
 * (cleaning, parts, system install) 60 min, the final quality check 15 min.
 */
export const DEFAULT_STEP_MINUTES: StepMinutes = {
  diagnosed: 20,
  wiped: 15,
  refurbished: 60,
  qualityChecked: 15,
};

export interface WorkforceSettingsView {
  organisationId: string;
  skills: WorkforceSkill[];
  maxLevel: number;
  stepMinutes: StepMinutes;
  /** Levels recorded per skill key (a skill with levels cannot be removed). */
  levelsRecorded: Record<string, number>;
}

export interface SettingsInput {
  skills: { key?: string | undefined; label: string }[];
  maxLevel: number;
  stepMinutes: StepMinutes;
}

/** The settings as stored, or the defaults (no skills, levels 0–3, the standard minutes above). */
export async function settingsOf(db: Executor, organisationId: string) {
  const [row] = await db
    .select()
    .from(workforceSettings)
    .where(eq(workforceSettings.organisationId, organisationId));
  return {
    skills: row?.skills ?? [],
    maxLevel: row?.maxLevel ?? 3,
    stepMinutes: row?.stepMinutes ?? DEFAULT_STEP_MINUTES,
  };
}

async function levelCounts(db: Executor, organisationId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ key: workforceSkillLevels.skillKey, count: sql<number>`count(*)::int` })
    .from(workforceSkillLevels)
    .where(eq(workforceSkillLevels.organisationId, organisationId))
    .groupBy(workforceSkillLevels.skillKey);
  return Object.fromEntries(rows.map((r) => [r.key, r.count]));
}

/** The organisation's settings, for its managers. */
export async function getWorkforceSettings(
  db: Executor,
  actor: Actor,
  organisationId: string,
): Promise<WorkforceSettingsView> {
  authorizeWorkforce(actor, organisationId);
  return {
    organisationId,
    ...(await settingsOf(db, organisationId)),
    levelsRecorded: await levelCounts(db, organisationId),
  };
}

/** A skill's key from its label: lower-case letters, digits and _ (accents dropped). */
export function skillKeyOf(label: string): string {
  const key = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  return key || 'competence';
}

function refused(messageKey: string, params: Record<string, unknown>): AppError {
  return new AppError('RULE_REFUSED', messageKey, { params });
}

/**
 * Replaces the grid and the standard minutes. A skill keeps its key when renamed (levels follow it); a new
 * skill gets a key made from its label. Removing a skill that already has levels is refused (its history
 * would lose its name), as is a maximum level below a level already recorded.
 */
export async function putWorkforceSettings(
  db: Executor,
  actor: Actor,
  organisationId: string,
  input: SettingsInput,
): Promise<WorkforceSettingsView> {
  authorizeWorkforce(actor, organisationId);
  return db.transaction(async (tx) => {
    const current = await settingsOf(tx, organisationId);
    const skills: WorkforceSkill[] = [];
    const seen = new Set<string>();
    const explicit = new Set(input.skills.flatMap((s) => (s.key ? [s.key] : [])));
    for (const skill of input.skills) {
      const label = skill.label.trim();
      let key = skill.key ?? skillKeyOf(label);
      if (!skill.key) {
        const base = key.slice(0, 36);
        for (let n = 2; seen.has(key) || explicit.has(key); n += 1) key = `${base}_${n}`;
      }
      if (seen.has(key) || skills.some((s) => s.label.toLowerCase() === label.toLowerCase()))
        throw refused('workforce.skill_duplicate', { label });
      seen.add(key);
      skills.push({ key, label });
    }
    const removed = current.skills.filter((s) => !seen.has(s.key)).map((s) => s.key);
    const counts = await levelCounts(tx, organisationId);
    const kept = removed.find((key) => (counts[key] ?? 0) > 0);
    if (kept) {
      throw refused('workforce.skill_has_levels', {
        skill: current.skills.find((s) => s.key === kept)?.label ?? kept,
      });
    }
    // Levels of skills unknown to the stored grid (none in practice) are ignored here.
    const [highest] = await tx
      .select({ level: sql<number>`max(${workforceSkillLevels.level})::int` })
      .from(workforceSkillLevels)
      .where(
        and(
          eq(workforceSkillLevels.organisationId, organisationId),
          gt(workforceSkillLevels.level, input.maxLevel),
          skills.length > 0 ? inArray(workforceSkillLevels.skillKey, [...seen]) : sql`true`,
        ),
      );
    if (highest?.level != null) throw refused('workforce.max_below_levels', { level: highest.level });
    await tx
      .insert(workforceSettings)
      .values({ organisationId, skills, maxLevel: input.maxLevel, stepMinutes: input.stepMinutes })
      .onConflictDoUpdate({
        target: workforceSettings.organisationId,
        set: { skills, maxLevel: input.maxLevel, stepMinutes: input.stepMinutes, updatedAt: new Date() },
      });
    await recordAudit(tx, actor, {
      action: 'workforce.settings',
      entityType: 'organisation',
      entityId: organisationId,
      organisationId,
      fields: ['skills', 'maxLevel', 'stepMinutes'],
    });
    return {
      organisationId,
      skills,
      maxLevel: input.maxLevel,
      stepMinutes: input.stepMinutes,
      levelsRecorded: counts,
    };
  });
}
