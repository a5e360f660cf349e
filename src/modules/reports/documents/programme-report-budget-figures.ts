import type { ProgrammeReport } from '../programme-report.ts';

type Add = (
  indicator: string,
  value: number | null,
  unit: 'EUR' | 'fraction',
  basis: [number, string][],
  breakdown?: string,
  freeText?: boolean,
) => void;

const euros = (cents: number) => Math.round(cents) / 100;

/**
 * The « Budget » section's rows of the report's CSV (section `budget`): per category
 * `planned`/`committed`/`spent` (breakdown: the category code), their totals, the costs per person and per
 * device, and per funder `granted`/`received`/`share_of_granted` (breakdown: the funder's name). Nothing
 * when no budget line is recorded for the period. Amounts describe nobody (empty basis), except the costs,
 * which rest on the people equipped and the devices handed over.
 */
export function budgetFigureRows(report: ProgrammeReport, add: Add): void {
  const b = report.budget;
  if (!b.recorded) return;
  for (const c of b.categories) {
    add('planned', euros(c.plannedCents), 'EUR', [], c.category);
    add('committed', euros(c.committedCents), 'EUR', [], c.category);
    add('spent', euros(c.spentCents), 'EUR', [], c.category);
  }
  add('planned_total', euros(b.totals.plannedCents), 'EUR', []);
  add('committed_total', euros(b.totals.committedCents), 'EUR', []);
  add('spent_total', euros(b.totals.spentCents), 'EUR', []);
  const equipped: [number, string] = [report.beneficiaries.equipped, 'beneficiaries/equipped/'];
  const handedOver: [number, string] = [report.devices.handedOver, 'devices/handed_over/'];
  const cost = (cents: number | null) => (cents === null ? null : euros(cents));
  add('cost_per_person', cost(b.costPerPersonCents), 'EUR', [equipped]);
  add('cost_per_device', cost(b.costPerDeviceCents), 'EUR', [handedOver]);
  for (const f of b.funders) {
    add('granted_by_funder', euros(f.grantedCents), 'EUR', [], f.funderName, true);
    add('received_by_funder', euros(f.receivedCents), 'EUR', [], f.funderName, true);
    add('share_of_granted_by_funder', f.shareOfGranted, 'fraction', [], f.funderName, true);
  }
  add('unfunded', euros(b.funding.unfundedCents), 'EUR', []);
  add('overfunded', euros(b.funding.overfundedCents), 'EUR', []);
}
