import type { DeviceType } from '../../lib/vocabulary.ts';
import type {
  AgeBand,
  HouseholdType,
  IncomeSituation,
  ProgrammeMode,
  TargetGroup,
} from '../programmes/vocabulary.ts';

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
    /** Cost per person equipped: null, as programmes have no budget recorded yet. */
    costPerPersonCents: number | null;
  };
  demographics: {
    /** The base of every share below: persons equipped in the period (associations excluded). */
    persons: number;
    /**
     * By age in the year of the person's first handover in the period (from `birthYear`; the stored band
     * of an erased person); every band in order, then `unknown`.
     */
    ageBands: { band: AgeBand | 'unknown'; count: number; share: number }[];
    householdTypes: { type: HouseholdType | 'unknown'; count: number; share: number }[];
    /** Persons living in a priority neighbourhood (QPV) / persons. */
    priorityZoneShare: number;
    incomeSituations: { situation: IncomeSituation | 'unknown'; count: number; share: number }[];
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
  };
  impact: {
    co2eAvoidedKg: number;
    weeeAvoidedKg: number;
  };
}
