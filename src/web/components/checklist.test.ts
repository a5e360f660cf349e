import { describe, expect, it } from 'vitest';
import { checklistState, checklistSteps, isStepDone } from './checklist.ts';

const none = { programmes: 0, members: 1, devices: 0, donations: 0 };

describe('first steps checklist', () => {
  it('asks organisations that run programmes to create one, and every organisation to invite its team', () => {
    expect(checklistSteps(['prescriber'])).toEqual(['programme', 'team']);
    expect(checklistSteps(['trainer', 'coordinator'])).toEqual(['programme', 'team']);
    expect(checklistSteps(['funder'])).toEqual(['team']);
  });

  it('does not ask an association that only orders through a portal to create a programme', () => {
    expect(checklistSteps(['association'])).toEqual(['team']);
    expect(checklistSteps(['association', 'prescriber', 'trainer', 'refurbisher'])).toEqual([
      'programme',
      'team',
      'stock',
    ]);
  });

  it('asks a refurbisher to import its stock, and a donor that does not refurbish to record a donation', () => {
    expect(checklistSteps(['refurbisher'])).toEqual(['team', 'stock']);
    expect(checklistSteps(['donor', 'refurbisher'])).toEqual(['team', 'stock']);
    expect(checklistSteps(['donor'])).toEqual(['team', 'donation']);
    expect(checklistSteps(['association', 'refurbisher'])).toEqual(['team', 'stock']);
  });

  it('counts the team as invited once someone besides the administrator is a member (invited or active)', () => {
    expect(isStepDone('team', none)).toBe(false);
    expect(isStepDone('team', { ...none, members: 2 })).toBe(true);
  });

  it('ticks each step from the data it reads', () => {
    expect(isStepDone('programme', { ...none, programmes: 1 })).toBe(true);
    expect(isStepDone('stock', { ...none, devices: 1 })).toBe(true);
    expect(isStepDone('stock', { ...none, donations: 1 })).toBe(false);
    expect(isStepDone('donation', { ...none, donations: 1 })).toBe(true);
  });

  it('lists the steps with their state until all are done, then nothing', () => {
    expect(checklistState(['prescriber'], { ...none, programmes: 1 })).toEqual([
      { step: 'programme', done: true },
      { step: 'team', done: false },
    ]);
    expect(checklistState(['prescriber'], { ...none, programmes: 1, members: 3 })).toEqual([]);
  });
});
