import type { ChequeFigures } from '../cheques/report.ts';
import type { ProgrammeMode, TargetGroup } from '../programmes/vocabulary.ts';
import type { FunderProgrammeBudget } from './funder-report-budget.ts';

/** The JSON of the funder report, shared by the API and the web app. It never names a person. */

export interface FunderReportGroup {
  group: TargetGroup;
  /** People (or associations) reached in the period. */
  reached: number;
  /** The programme's target for the group (`targets.byGroup`), or null. */
  target: number | null;
  /** reached / target, or null without a target. */
  achievement: number | null;
}

export interface FunderReportProgramme {
  programme: {
    id: string;
    name: string;
    mode: ProgrammeMode;
    ownerOrganisationId: string;
    ownerName: string;
    startsOn: string;
    endsOn: string;
  };
  /** The funder's subsidy per unit (`programme_subsidies`), or null when it pays internet aids only. */
  subsidyPerUnitCents: number | null;
  /** Handovers in the period (0 without a subsidy per unit). */
  unitsSubsidised: number;
  /** unitsSubsidised × subsidyPerUnitCents. */
  subsidiesCents: number;
  /** Internet aids paid by this funder, granted in the period. */
  internetAids: { count: number; totalCents: number };
  /** subsidiesCents + internetAids.totalCents. */
  totalCents: number;
  /** Distinct beneficiaries who received a subsidised unit or an aid it pays, in the period. */
  reached: number;
  target: { beneficiaries: number | null; achievement: number | null };
  byGroup: FunderReportGroup[];
  /** This funder's fundings of the programme, its share, the programme's unit costs (`funderProgrammeBudget`). */
  budget: FunderProgrammeBudget;
}

export interface FunderReport {
  funder: { id: string; name: string };
  period: { from: string; to: string };
  /**
   * `full`: the funder's members and platform administrators see every programme; `owner`: a programme
   * owner's members see only the programmes their organisation runs.
   */
  scope: 'full' | 'owner';
  programmes: FunderReportProgramme[];
  /** Training cheques received in the period at the sessions of these programmes' workshops, by issuer. */
  cheques: ChequeFigures[];
  totals: {
    unitsSubsidised: number;
    subsidiesCents: number;
    internetAids: { count: number; totalCents: number };
    totalCents: number;
    /** Distinct beneficiaries over all programmes (a person in two programmes counts once). */
    reached: number;
    byGroup: { group: TargetGroup; reached: number }[];
  };
}
