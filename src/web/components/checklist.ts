/**
 * The « Pour bien démarrer » checklist of an organisation's administrator: which first steps fit the
 * organisation's kinds, and which are done, read from the organisation's real data.
 */
import type { OrganisationKind } from '../../lib/vocabulary.ts';

export type ChecklistStep = 'programme' | 'team' | 'stock' | 'donation';

/**
 * Kinds whose organisations run programmes (a town's sale, a training course, a network's loans…). An
 * association alone is not one of them: it orders through a programme's portal; an association that lends
 * or trains is also a prescriber or a trainer, and is asked through that kind.
 */
const PROGRAMME_KINDS: readonly OrganisationKind[] = ['prescriber', 'trainer', 'coordinator'];

/** What the checklist reads: how many of each (a small count is enough; only "none" and "more" matter). */
export interface ChecklistFacts {
  /** Programmes the organisation owns or takes part in. */
  programmes: number;
  /** Members, counting those invited who have not yet chosen a password. */
  members: number;
  /** Devices in the organisation's stock. */
  devices: number;
  /** Donations the organisation gave or received. */
  donations: number;
}

/**
 * The steps that fit an organisation, in order: create a programme (organisations that run them),
 * invite the team (all), import the stock (refurbishers) or record a first donation (donors that do not
 * refurbish themselves).
 */
export function checklistSteps(kinds: readonly OrganisationKind[]): ChecklistStep[] {
  const steps: ChecklistStep[] = [];
  if (kinds.some((kind) => PROGRAMME_KINDS.includes(kind))) steps.push('programme');
  steps.push('team');
  if (kinds.includes('refurbisher')) steps.push('stock');
  else if (kinds.includes('donor')) steps.push('donation');
  return steps;
}

/** Whether a step is done: something exists, or — for the team — someone besides the administrator. */
export function isStepDone(step: ChecklistStep, facts: ChecklistFacts): boolean {
  switch (step) {
    case 'programme':
      return facts.programmes > 0;
    case 'team':
      return facts.members > 1;
    case 'stock':
      return facts.devices > 0;
    case 'donation':
      return facts.donations > 0;
  }
}

/** The steps with their state; empty when every step is done (the checklist then disappears). */
export function checklistState(
  kinds: readonly OrganisationKind[],
  facts: ChecklistFacts,
): { step: ChecklistStep; done: boolean }[] {
  const state = checklistSteps(kinds).map((step) => ({ step, done: isStepDone(step, facts) }));
  return state.every((s) => s.done) ? [] : state;
}
