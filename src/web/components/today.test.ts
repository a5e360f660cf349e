import { afterEach, expect, it } from 'vitest';
import { setInstanceTimeZone, todayDay } from './inventory.tsx';

afterEach(() => setInstanceTimeZone(null));

it("says « today » as the instance counts it, whatever the browser's time zone", () => {
  // 23:30 UTC on 31 December: still the 31st in Martinique, already 1 January in Paris.
  const instant = new Date('2026-12-31T23:30:00Z');
  setInstanceTimeZone('Europe/Paris');
  expect(todayDay(instant)).toBe('2027-01-01');
  setInstanceTimeZone('America/Martinique');
  expect(todayDay(instant)).toBe('2026-12-31');
});

it('falls back to the browser clock for a zone it does not know', () => {
  setInstanceTimeZone('Nowhere/Unknown');
  expect(todayDay(new Date(2026, 10, 25, 12))).toBe('2026-11-25');
});
