/**
 * The programme report flattened into one row per figure — what the CSV export and the open-data CSV
 * print, in the same order as the JSON. Stable English codes (section, indicator, breakdown, unit), so
 * that a script can read every period's file the same way; the labels people read are in the PDF and XLSX.
 */
import type { ProgrammeReport } from '../programme-report.ts';
import { budgetFigureRows } from './programme-report-budget-figures.ts';

export type Unit =
  | 'date'
  | 'referrals'
  | 'beneficiaries'
  | 'persons'
  | 'devices'
  | 'aids'
  | 'fraction'
  | 'EUR'
  | 'levels'
  | 'kg_co2e'
  | 'kg'
  | 'follow_ups';

export interface Figure {
  section:
    | 'period'
    | 'beneficiaries'
    | 'devices'
    | 'money'
    | 'budget'
    | 'demographics'
    | 'training'
    | 'follow_up'
    | 'impact';
  indicator: string;
  /** What the figure is broken down by (a group, a type, a funder, a band, a town), or ''. */
  breakdown: string;
  /** A number, a day (`date`), or null when there is none (no target). */
  value: number | string | null;
  unit: Unit;
  /**
   * The counts of people or things the figure rests on: open data masks it when one of them is 1 to 4.
   * Empty for figures that describe nobody (targets, the period).
   */
  basis: number[];
  /**
   * The counts of `basis` named, one key per count (`cell(section, indicator, breakdown)`): what the
   * open data's complementary suppression masks, and through them every figure resting on a masked count.
   */
  cells: string[];
  /** A text the figure names (a town, a funder, an OS image): cells that could hold a formula. */
  freeText?: boolean;
}

const euros = (cents: number) => Math.round(cents) / 100;

/** The key of a count in `Figure.cells`: its section, indicator and breakdown. */
export const cell = (section: Figure['section'], indicator: string, breakdown = '') =>
  `${section}/${indicator}/${breakdown}`;

/** A count of the report: a number, or `"<5"` where the demographics were masked for the reader. */
type Count = number | typeof MASKED;
const MASKED = '<5';

/** Every figure of the report, in the order of the JSON. */
export function reportFigures(report: ProgrammeReport): Figure[] {
  const figures: Figure[] = [];
  /** `basis` pairs each count the figure rests on with its cell's key (see `Figure.cells`). */
  const add = (
    section: Figure['section'],
    indicator: string,
    value: Figure['value'],
    unit: Unit,
    basis: [Count, string][],
    breakdown = '',
    freeText = false,
  ) => {
    // A masked count rests on nothing the file can show: it leaves the basis (the value says "<5").
    const shown = basis.filter((pair): pair is [number, string] => pair[0] !== MASKED);
    figures.push({
      section,
      indicator,
      breakdown,
      value,
      unit,
      basis: shown.map(([count]) => count),
      cells: shown.map(([, key]) => key),
      ...(freeText ? { freeText } : {}),
    });
  };
  /** A count figure: it rests on itself. */
  const count = (
    section: Figure['section'],
    indicator: string,
    value: Count,
    unit: Unit,
    breakdown = '',
    freeText = false,
  ) =>
    add(section, indicator, value, unit, [[value, cell(section, indicator, breakdown)]], breakdown, freeText);

  add('period', 'from', report.period.from, 'date', []);
  add('period', 'to', report.period.to, 'date', []);

  const b = report.beneficiaries;
  const equipped = cell('beneficiaries', 'equipped');
  count('beneficiaries', 'referred', b.referred, 'referrals');
  count('beneficiaries', 'eligible', b.eligible, 'referrals');
  count('beneficiaries', 'equipped', b.equipped, 'beneficiaries');
  count('beneficiaries', 'equipped_persons', b.persons, 'persons');
  count('beneficiaries', 'equipped_associations', b.associations, 'beneficiaries');
  add('beneficiaries', 'target', b.target, 'beneficiaries', []);
  add('beneficiaries', 'target_achievement', b.targetAchievement, 'fraction', [[b.equipped, equipped]]);
  for (const g of b.byGroup) {
    count('beneficiaries', 'equipped_by_group', g.equipped, 'beneficiaries', g.group);
    if (g.target !== null) add('beneficiaries', 'target_by_group', g.target, 'beneficiaries', [], g.group);
  }

  const d = report.devices;
  const handedOver = cell('devices', 'handed_over');
  count('devices', 'handed_over', d.handedOver, 'devices');
  add('devices', 'target', d.target, 'devices', []);
  for (const [type, n] of Object.entries(d.byType)) count('devices', 'by_type', n, 'devices', type);
  for (const os of d.osImages) count('devices', 'by_os_image', os.count, 'devices', os.name, true);

  const m = report.money;
  add('money', 'contributions', euros(m.contributionsCents), 'EUR', [[d.handedOver, handedOver]]);
  add('money', 'subsidies', euros(m.subsidiesCents), 'EUR', [[d.handedOver, handedOver]]);
  for (const s of m.subsidiesByFunder) {
    const units = cell('money', 'subsidised_units', s.funderName);
    count('money', 'subsidised_units', s.units, 'devices', s.funderName, true);
    add('money', 'subsidies_by_funder', euros(s.amountCents), 'EUR', [[s.units, units]], s.funderName, true);
  }
  const aids = cell('money', 'internet_aids');
  count('money', 'internet_aids', m.internetAids.count, 'aids');
  add('money', 'internet_aids_total', euros(m.internetAids.totalCents), 'EUR', [
    [m.internetAids.count, aids],
  ]);
  for (const f of m.internetAids.byFunder) {
    const name = f.funderName ?? '';
    count('money', 'internet_aids_by_funder', f.count, 'aids', name, true);
    const key = cell('money', 'internet_aids_by_funder', name);
    add('money', 'internet_aids_total_by_funder', euros(f.totalCents), 'EUR', [[f.count, key]], name, true);
  }
  if (m.costPerPersonCents !== null)
    add('money', 'cost_per_person', euros(m.costPerPersonCents), 'EUR', [[b.equipped, equipped]]);

  budgetFigureRows(report, (indicator, value, unit, basis, breakdown, freeText) =>
    add('budget', indicator, value, unit, basis, breakdown, freeText),
  );

  const p = report.demographics;
  const persons = cell('demographics', 'persons');
  const share = (value: number | null) => (value === null ? MASKED : value);
  count('demographics', 'persons', p.persons, 'persons');
  const breakdown = (indicator: string, key: string, n: Count, value: number | null, freeText = false) => {
    count('demographics', indicator, n, 'persons', key, freeText);
    const own = cell('demographics', indicator, key);
    const basis: [Count, string][] = [
      [n, own],
      [p.persons, persons],
    ];
    add('demographics', `${indicator}_share`, share(value), 'fraction', basis, key, freeText);
  };
  for (const a of p.ageBands) breakdown('age_band', a.band, a.count, a.share);
  for (const h of p.householdTypes) breakdown('household_type', h.type, h.count, h.share);
  const inZone = p.priorityZoneShare === null ? MASKED : Math.round(p.priorityZoneShare * p.persons);
  add('demographics', 'priority_zone_share', share(p.priorityZoneShare), 'fraction', [
    [inZone, cell('demographics', 'priority_zone')],
    [p.persons, persons],
  ]);
  for (const i of p.incomeSituations) breakdown('income_situation', i.situation, i.count, i.share);
  for (const t of p.towns) breakdown('town', t.town, t.count, t.share, true);

  const t = report.training;
  count('training', 'enrolled', t.enrolled, 'persons');
  count('training', 'completed', t.completed, 'persons');
  count('training', 'assessed_at_exit', t.assessedAtExit, 'persons');
  const autonomous = Math.round(t.autonomousShare * t.assessedAtExit);
  add('training', 'autonomous_share', t.autonomousShare, 'fraction', [
    [autonomous, cell('training', 'autonomous')],
    [t.assessedAtExit, cell('training', 'assessed_at_exit')],
  ]);
  add('training', 'autonomy_target', t.autonomyTarget, 'fraction', []);
  if (t.averageSkillsProgress) {
    const s = t.averageSkillsProgress;
    add('training', 'skills_progress', round(s.overall), 'levels', [
      [s.people, cell('training', 'skills_people')],
    ]);
    for (const area of s.byArea) {
      const key = cell('training', 'skills_people', area.area);
      add(
        'training',
        'skills_progress_by_area',
        round(area.progress),
        'levels',
        [[area.people, key]],
        area.area,
      );
    }
  }

  const f = report.followUp;
  count('follow_up', 'scheduled', f.scheduled, 'follow_ups');
  count('follow_up', 'due', f.due, 'follow_ups');
  count('follow_up', 'answered', f.answered, 'follow_ups');
  add('follow_up', 'response_rate', f.responseRate, 'fraction', [
    [f.answered, cell('follow_up', 'answered')],
    [f.due, cell('follow_up', 'due')],
  ]);
  count('follow_up', 'still_working', f.stillWorking, 'follow_ups');
  count('follow_up', 'help_asked', f.helpAsked, 'follow_ups');
  for (const [key, n] of Object.entries(f.byFrequency)) count('follow_up', 'frequency', n, 'follow_ups', key);
  for (const [key, n] of Object.entries(f.byUse)) count('follow_up', 'use', n, 'follow_ups', key);
  for (const [key, n] of Object.entries(f.byAutonomy)) count('follow_up', 'autonomy', n, 'follow_ups', key);
  for (const m of f.byMonths) {
    count('follow_up', 'due_at_months', m.due, 'follow_ups', String(m.months));
    count('follow_up', 'answered_at_months', m.answered, 'follow_ups', String(m.months));
  }

  add('impact', 'co2e_avoided', report.impact.co2eAvoidedKg, 'kg_co2e', [[d.handedOver, handedOver]]);
  add('impact', 'weee_avoided', report.impact.weeeAvoidedKg, 'kg', [[d.handedOver, handedOver]]);
  return figures;
}

/** Means kept to two decimals in the files (the JSON keeps the full value). */
const round = (value: number) => Math.round(value * 100) / 100;
