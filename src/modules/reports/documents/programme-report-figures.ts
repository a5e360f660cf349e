/**
 * The programme report flattened into one row per figure — what the CSV export and the open-data CSV
 * print, in the same order as the JSON. Stable English codes (section, indicator, breakdown, unit), so
 * that a script can read every period's file the same way; the labels people read are in the PDF and XLSX.
 */
import type { ProgrammeReport } from '../programme-report.ts';

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
  | 'kg';

export interface Figure {
  section: 'period' | 'beneficiaries' | 'devices' | 'money' | 'demographics' | 'training' | 'impact';
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
  /** A text the figure names (a town, a funder, an OS image): cells that could hold a formula. */
  freeText?: boolean;
}

const euros = (cents: number) => Math.round(cents) / 100;

/** Every figure of the report, in the order of the JSON. */
export function reportFigures(report: ProgrammeReport): Figure[] {
  const figures: Figure[] = [];
  const add = (
    section: Figure['section'],
    indicator: string,
    value: Figure['value'],
    unit: Unit,
    basis: number[],
    breakdown = '',
    freeText = false,
  ) => figures.push({ section, indicator, breakdown, value, unit, basis, ...(freeText ? { freeText } : {}) });

  add('period', 'from', report.period.from, 'date', []);
  add('period', 'to', report.period.to, 'date', []);

  const b = report.beneficiaries;
  add('beneficiaries', 'referred', b.referred, 'referrals', [b.referred]);
  add('beneficiaries', 'eligible', b.eligible, 'referrals', [b.eligible]);
  add('beneficiaries', 'equipped', b.equipped, 'beneficiaries', [b.equipped]);
  add('beneficiaries', 'equipped_persons', b.persons, 'persons', [b.persons]);
  add('beneficiaries', 'equipped_associations', b.associations, 'beneficiaries', [b.associations]);
  add('beneficiaries', 'target', b.target, 'beneficiaries', []);
  add('beneficiaries', 'target_achievement', b.targetAchievement, 'fraction', [b.equipped]);
  for (const g of b.byGroup) {
    add('beneficiaries', 'equipped_by_group', g.equipped, 'beneficiaries', [g.equipped], g.group);
    if (g.target !== null) add('beneficiaries', 'target_by_group', g.target, 'beneficiaries', [], g.group);
  }

  const d = report.devices;
  add('devices', 'handed_over', d.handedOver, 'devices', [d.handedOver]);
  add('devices', 'target', d.target, 'devices', []);
  for (const [type, count] of Object.entries(d.byType))
    add('devices', 'by_type', count, 'devices', [count], type);
  for (const os of d.osImages) add('devices', 'by_os_image', os.count, 'devices', [os.count], os.name, true);

  const m = report.money;
  add('money', 'contributions', euros(m.contributionsCents), 'EUR', [d.handedOver]);
  add('money', 'subsidies', euros(m.subsidiesCents), 'EUR', [d.handedOver]);
  for (const s of m.subsidiesByFunder) {
    add('money', 'subsidised_units', s.units, 'devices', [s.units], s.funderName, true);
    add('money', 'subsidies_by_funder', euros(s.amountCents), 'EUR', [s.units], s.funderName, true);
  }
  add('money', 'internet_aids', m.internetAids.count, 'aids', [m.internetAids.count]);
  add('money', 'internet_aids_total', euros(m.internetAids.totalCents), 'EUR', [m.internetAids.count]);
  for (const f of m.internetAids.byFunder) {
    const name = f.funderName ?? '';
    add('money', 'internet_aids_by_funder', f.count, 'aids', [f.count], name, true);
    add('money', 'internet_aids_total_by_funder', euros(f.totalCents), 'EUR', [f.count], name, true);
  }
  if (m.costPerPersonCents !== null)
    add('money', 'cost_per_person', euros(m.costPerPersonCents), 'EUR', [b.equipped]);

  const p = report.demographics;
  add('demographics', 'persons', p.persons, 'persons', [p.persons]);
  for (const a of p.ageBands) {
    add('demographics', 'age_band', a.count, 'persons', [a.count], a.band);
    add('demographics', 'age_band_share', a.share, 'fraction', [a.count, p.persons], a.band);
  }
  for (const h of p.householdTypes) {
    add('demographics', 'household_type', h.count, 'persons', [h.count], h.type);
    add('demographics', 'household_type_share', h.share, 'fraction', [h.count, p.persons], h.type);
  }
  const inZone = Math.round(p.priorityZoneShare * p.persons);
  add('demographics', 'priority_zone_share', p.priorityZoneShare, 'fraction', [inZone, p.persons]);
  for (const i of p.incomeSituations) {
    add('demographics', 'income_situation', i.count, 'persons', [i.count], i.situation);
    add('demographics', 'income_situation_share', i.share, 'fraction', [i.count, p.persons], i.situation);
  }
  for (const t of p.towns) {
    add('demographics', 'town', t.count, 'persons', [t.count], t.town, true);
    add('demographics', 'town_share', t.share, 'fraction', [t.count, p.persons], t.town, true);
  }

  const t = report.training;
  add('training', 'enrolled', t.enrolled, 'persons', [t.enrolled]);
  add('training', 'completed', t.completed, 'persons', [t.completed]);
  add('training', 'assessed_at_exit', t.assessedAtExit, 'persons', [t.assessedAtExit]);
  const autonomous = Math.round(t.autonomousShare * t.assessedAtExit);
  add('training', 'autonomous_share', t.autonomousShare, 'fraction', [autonomous, t.assessedAtExit]);
  add('training', 'autonomy_target', t.autonomyTarget, 'fraction', []);
  if (t.averageSkillsProgress) {
    const s = t.averageSkillsProgress;
    add('training', 'skills_progress', round(s.overall), 'levels', [s.people]);
    for (const area of s.byArea)
      add('training', 'skills_progress_by_area', round(area.progress), 'levels', [area.people], area.area);
  }

  add('impact', 'co2e_avoided', report.impact.co2eAvoidedKg, 'kg_co2e', [d.handedOver]);
  add('impact', 'weee_avoided', report.impact.weeeAvoidedKg, 'kg', [d.handedOver]);
  return figures;
}

/** Means kept to two decimals in the files (the JSON keeps the full value). */
const round = (value: number) => Math.round(value * 100) / 100;

/** A spreadsheet runs a cell starting with = + - @ (or a tab or carriage return) as a formula: quote it. */
export function safeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
