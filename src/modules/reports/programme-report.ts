import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { invalidField } from '../../lib/errors.ts';
import { IMPACT_CATEGORIES, type ImpactDevice, sumImpact } from '../../lib/impact.ts';
import { DEVICE_TYPES, type DeviceType } from '../../lib/vocabulary.ts';
import { type ChequeFigures, programmeChequeFigures } from '../cheques/report.ts';
import { organisations } from '../organisations/schema.ts';
import {
  AGE_BANDS,
  type AgeBand,
  HOUSEHOLD_TYPES,
  type HouseholdType,
  INCOME_SITUATIONS,
  type IncomeSituation,
  type ProgrammeMode,
  TARGET_GROUPS,
  type TargetGroup,
} from '../programmes/vocabulary.ts';
import { loadReportableProgramme } from './programme-report-access.ts';
import { type ProgrammeReportBudget, programmeReportBudget } from './programme-report-budget.ts';
import { type FollowUpReport, followUpFigures, maskFollowUps } from './programme-report-follow-up.ts';
import { type DemographicCount, maskDemographics } from './programme-report-masking.ts';
import {
  assessmentFigures,
  type DeviceGroups,
  demographicCounts,
  deviceGroups,
  equippedByGroup,
  handoverTotals,
  internetAidsByFunder,
  referralCounts,
  subsidiesByFunder,
  trainingCounts,
} from './programme-report-queries.ts';

/**
 * The programme report (`GET /reports/programmes/{id}`): the contract's fields (api-v1 § Reports), and
 * beside them what funders also ask for (subsidies and internet aids per funder, income situations,
 * towns, skills progress). Figures only: the report never names a person.
 *
 * Bases: every `share` is a fraction 0..1 (0 when its base is 0). Demographic shares are of
 * `demographics.persons` (the persons — not associations — equipped in the period);
 * `training.autonomousShare` is of `training.assessedAtExit`.
 */
export interface ProgrammeReport {
  programme: {
    id: string;
    name: string;
    ownerOrganisationId: string;
    ownerName: string;
    mode: ProgrammeMode;
    startsOn: string;
    endsOn: string;
  };
  /** Inclusive calendar days; the programme's own period unless `from`/`to` are given. */
  period: { from: string; to: string };
  beneficiaries: {
    /** Referrals with `referredOn` in the period. */
    referred: number;
    /** Those of them found eligible (at referral or after a re-evaluation). */
    eligible: number;
    /** Beneficiaries (people and associations) with a handover in the period. */
    equipped: number;
    /** Of them, persons and associations. */
    persons: number;
    associations: number;
    /** `targets.beneficiaries` of the programme, or null. */
    target: number | null;
    /** equipped / target, or null without a target. */
    targetAchievement: number | null;
    /** Every target group, in a fixed order; the `equipped` add up to `equipped`. */
    byGroup: { group: TargetGroup; equipped: number; target: number | null }[];
  };
  devices: {
    /** Handovers in the period. */
    handedOver: number;
    /** `targets.devices`, or null. */
    target: number | null;
    /** Every device type, 0 when none; adds up to `handedOver`. */
    byType: Record<DeviceType, number>;
    /** Operating system images installed, most used first; devices without one are not listed. */
    osImages: { name: string; count: number }[];
  };
  money: {
    /** Payments recorded at the handovers of the period. */
    contributionsCents: number;
    /** The programme's subsidies for those handovers (each funder's amount × the handovers). */
    subsidiesCents: number;
    /** Per funder; adds up to `subsidiesCents`. */
    subsidiesByFunder: {
      funderOrganisationId: string;
      funderName: string;
      /** Handovers subsidised. */
      units: number;
      amountCents: number;
    }[];
    internetAids: {
      /** Aids with `grantedOn` in the period. */
      count: number;
      totalCents: number;
      /** Per funder recorded on the aid (null: none recorded); adds up to `count` and `totalCents`. */
      byFunder: {
        funderOrganisationId: string | null;
        funderName: string | null;
        count: number;
        totalCents: number;
      }[];
    };
    /** Cost per person equipped (`budget.costPerPersonCents`): null without a budget. */
    costPerPersonCents: number | null;
  };
  /** Planned against actual, costs and funders' shares (see `programmeReportBudget`). */
  budget: ProgrammeReportBudget;
  /**
   * Exact for the programme owner's managers and platform administrators; masked for funders (see
   * `maskDemographics`): a count may then be `"<5"` and its share null, and `masked` says so.
   */
  demographics: {
    /** Whether small counts were masked for this reader. */
    masked: boolean;
    /** The base of every share below: persons equipped in the period (associations excluded). */
    persons: number;
    /**
     * By age in the year of the person's first handover in the period (from `birthYear`; the stored band
     * of an erased person); every band in order, then `unknown`.
     */
    ageBands: { band: AgeBand | 'unknown'; count: DemographicCount; share: number | null }[];
    householdTypes: { type: HouseholdType | 'unknown'; count: DemographicCount; share: number | null }[];
    /** Persons living in a priority neighbourhood (QPV) / persons; null when masked. */
    priorityZoneShare: number | null;
    incomeSituations: {
      situation: IncomeSituation | 'unknown';
      count: DemographicCount;
      share: number | null;
    }[];
    /** The ten towns with the most persons equipped (towns not filled in are left out). */
    towns: { town: string; count: number; share: number }[];
  };
  training: {
    /** People enrolled (`enrolledOn` in the period) in the programme's workshops. */
    enrolled: number;
    /** Of them, those who met the completion rule in one of those workshops. */
    completed: number;
    /** People with an exit assessment (`assessedOn` in the period) for the programme. */
    assessedAtExit: number;
    /** Judged autonomous at their latest exit assessment / `assessedAtExit`. */
    autonomousShare: number;
    /** `targets.autonomyRate`, or null. */
    autonomyTarget: number | null;
    /**
     * Mean of (exit level − entry level) over people with both assessments in the period, overall (all
     * areas' differences together) and per area of the grid; null when nobody has both.
     */
    averageSkillsProgress: {
      people: number;
      overall: number;
      byArea: { area: string; people: number; progress: number }[];
    } | null;
    /** Training cheques received in the period at the sessions of the programme's workshops, by issuer. */
    cheques: ChequeFigures[];
  };
  impact: {
    co2eAvoidedKg: number;
    weeeAvoidedKg: number;
  };
  /**
   * The follow-ups due in the period and their answers (see `followUpFigures`); masked for funders like the
   * demographics.
   */
  followUp: FollowUpReport<DemographicCount>;
}

/** The period asked for; either end may be left out (the programme's own start or end is used). */
export interface ReportPeriodInput {
  from?: string | undefined;
  to?: string | undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * The report's period: the programme's own unless `from`/`to` say otherwise; inclusive calendar days.
 * A malformed day or an end before the start is refused (400, naming the field).
 */
export function resolvePeriod(
  programme: { startsOn: string; endsOn: string },
  input: ReportPeriodInput,
): { from: string; to: string } {
  for (const field of ['from', 'to'] as const) {
    const value = input[field];
    if (value !== undefined && !isCalendarDay(value))
      throw invalidField(field, 'validation.invalid_type', { expected: 'YYYY-MM-DD' });
  }
  const from = input.from ?? programme.startsOn;
  const to = input.to ?? programme.endsOn;
  if (to < from) throw invalidField('to', 'reports.period_reversed', { from, to });
  return { from, to };
}

/** A share of a base, 0..1; 0 when the base is 0. */
export function shareOf(count: number, base: number): number {
  return base > 0 ? count / base : 0;
}

function* expand(groups: DeviceGroups['byTypeAndWeight']): Generator<ImpactDevice> {
  for (const group of groups) {
    if (!(IMPACT_CATEGORIES as readonly string[]).includes(group.type)) continue;
    const device = { type: group.type as DeviceType, weightKg: group.weightKg };
    for (let i = 0; i < group.count; i++) yield device;
  }
}

/**
 * The programme report for a period (api-v1 § Reports), computed at query time from the recorded facts by
 * SQL aggregates. For the programme owner's administrators and managers, its funders and platform
 * administrators (see `loadReportableProgramme`); funders read the demographics masked.
 */
export async function programmeReport(
  db: Executor,
  actor: Actor,
  programmeId: string,
  input: ReportPeriodInput = {},
): Promise<ProgrammeReport> {
  const { programme, exact } = await loadReportableProgramme(db, actor, programmeId);
  const period = resolvePeriod(programme, input);
  const scope = { programmeId: programme.id, ...period };
  const [owner] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, programme.ownerOrganisationId));
  const referrals = await referralCounts(db, scope);
  const totals = await handoverTotals(db, scope);
  const groups = await equippedByGroup(db, scope);
  const devices = await deviceGroups(db, scope);
  const subsidies = await subsidiesByFunder(db, scope);
  const aids = await internetAidsByFunder(db, scope);
  const people = await demographicCounts(db, scope);
  const training = await trainingCounts(db, scope);
  const assessments = await assessmentFigures(db, scope);
  const followUp = await followUpFigures(db, scope);
  const budget = await programmeReportBudget(db, programme.id, period);

  const targets = programme.targets;
  const target = targets.beneficiaries ?? null;
  const byType = Object.fromEntries(DEVICE_TYPES.map((type) => [type, 0])) as Record<DeviceType, number>;
  for (const group of devices.byTypeAndWeight) {
    if (group.type in byType) byType[group.type as DeviceType] += group.count;
  }
  const base = totals.persons;
  const counted = <K extends string>(keys: readonly K[], counts: Map<string, number>) =>
    keys.map((key) => ({ key, count: counts.get(key) ?? 0, share: shareOf(counts.get(key) ?? 0, base) }));
  const overall = assessments.progress.find((p) => p.area === null);
  const demographics = {
    persons: base,
    ageBands: counted([...AGE_BANDS, 'unknown'] as const, people.ageBands).map(({ key, ...c }) => ({
      band: key,
      ...c,
    })),
    householdTypes: counted([...HOUSEHOLD_TYPES, 'unknown'] as const, people.householdTypes).map(
      ({ key, ...c }) => ({ type: key, ...c }),
    ),
    priorityZoneShare: shareOf(people.priorityZone, base),
    incomeSituations: counted([...INCOME_SITUATIONS, 'unknown'] as const, people.incomeSituations).map(
      ({ key, ...c }) => ({ situation: key, ...c }),
    ),
    towns: people.towns.map((t) => ({ ...t, share: shareOf(t.count, base) })),
  };

  return {
    programme: {
      id: programme.id,
      name: programme.name,
      ownerOrganisationId: programme.ownerOrganisationId,
      ownerName: owner?.name ?? '',
      mode: programme.mode,
      startsOn: programme.startsOn,
      endsOn: programme.endsOn,
    },
    period,
    beneficiaries: {
      referred: referrals.referred,
      eligible: referrals.eligible,
      equipped: totals.equipped,
      persons: totals.persons,
      associations: totals.associations,
      target,
      targetAchievement: target ? totals.equipped / target : null,
      byGroup: TARGET_GROUPS.map((group) => ({
        group,
        equipped: groups.get(group) ?? 0,
        target: targets.byGroup?.[group] ?? null,
      })),
    },
    devices: {
      handedOver: totals.handedOver,
      target: targets.devices ?? null,
      byType,
      osImages: devices.osImages,
    },
    money: {
      contributionsCents: totals.contributionsCents,
      subsidiesCents: subsidies.reduce((sum, s) => sum + s.amountCents, 0),
      subsidiesByFunder: subsidies,
      internetAids: {
        count: aids.reduce((sum, a) => sum + a.count, 0),
        totalCents: aids.reduce((sum, a) => sum + a.totalCents, 0),
        byFunder: aids,
      },
      costPerPersonCents: budget.costPerPersonCents,
    },
    budget,
    demographics: { masked: !exact, ...(exact ? demographics : maskDemographics(demographics)) },
    training: {
      enrolled: training.enrolled,
      completed: training.completed,
      assessedAtExit: assessments.assessedAtExit,
      autonomousShare: shareOf(assessments.autonomous, assessments.assessedAtExit),
      autonomyTarget: targets.autonomyRate ?? null,
      averageSkillsProgress: overall
        ? {
            people: overall.people,
            overall: overall.progress,
            byArea: assessments.progress
              .flatMap((p) =>
                p.area === null ? [] : [{ area: p.area, people: p.people, progress: p.progress }],
              )
              .sort((a, b) => a.area.localeCompare(b.area)),
          }
        : null,
      cheques: await programmeChequeFigures(db, [programme.id], period),
    },
    impact: sumImpact(expand(devices.byTypeAndWeight)),
    followUp: exact ? followUp : maskFollowUps(followUp),
  };
}
