/**
 * Small-count masking with complementary suppression, shared by the network dashboard, the open-data CSV
 * and the demographics funders read.
 *
 * Masking a count of 1 to 4 people is not enough when the count is one part of a breakdown whose total and
 * other parts are shown: the masked part is then the total minus the others. So within each breakdown
 * (a total and parts that add up to it), a masked cell must never be the only hidden one: when it is, the
 * smallest other non-zero part is masked too (the total when there is none, or a zero part when the total
 * is published elsewhere), and this is repeated over all breakdowns until no hidden cell can be recomputed
 * from a single breakdown.
 */

/** The smallest count shown as a number (0 is shown: it describes nobody). */
export const SMALL_COUNT_THRESHOLD = 5;

/** Whether a count is small enough to point at someone: 1 to 4. */
export function isSmallCount(count: number): boolean {
  return count > 0 && count < SMALL_COUNT_THRESHOLD;
}

/**
 * A total and the parts that add up to it, as keys of the cells. `exhaustive: false` when the parts may
 * leave some of the total out (unfilled values, the top ten only): what is left is then a hidden cell of
 * its own. Parts that overlap (a person counted in two modes) are given as exhaustive: the rule is then
 * applied as if they did not, which can only hide more.
 */
export interface Breakdown<K extends string = string> {
  total: K;
  parts: readonly K[];
  exhaustive?: boolean;
}

/**
 * How many cells of a breakdown are hidden: the masked ones, and what non-exhaustive parts leave out of
 * the total (never shown) when it is small — a rest of 5 or more may be worked out: it points at nobody.
 */
function hiddenIn<K extends string>(
  breakdown: Breakdown<K>,
  values: ReadonlyMap<K, number>,
  masked: ReadonlySet<K>,
): number {
  const parts = [...new Set(breakdown.parts)];
  const sum = parts.reduce((total, key) => total + (values.get(key) ?? 0), 0);
  const rest = breakdown.exhaustive === false ? (values.get(breakdown.total) ?? 0) - sum : 0;
  return (
    (masked.has(breakdown.total) ? 1 : 0) +
    parts.filter((key) => masked.has(key)).length +
    (isSmallCount(rest) ? 1 : 0)
  );
}

/**
 * The cells to mask: every small count, and the complements that stop a masked count from being worked
 * out by subtraction. `fixed` cells are shown whatever happens (they are published elsewhere): they are
 * never chosen as a complement.
 */
export function suppressSmallCounts<K extends string>(
  values: ReadonlyMap<K, number>,
  breakdowns: readonly Breakdown<K>[],
  fixed: ReadonlySet<K> = new Set(),
): Set<K> {
  const value = (key: K) => values.get(key) ?? 0;
  const masked = new Set<K>();
  for (const [key, count] of values) if (isSmallCount(count) && !fixed.has(key)) masked.add(key);

  let changed = true;
  while (changed) {
    changed = false;
    for (const breakdown of breakdowns) {
      if (hiddenIn(breakdown, values, masked) !== 1) continue;
      const open = [...new Set(breakdown.parts)].filter((key) => !masked.has(key) && !fixed.has(key));
      const candidates = open.filter((key) => value(key) > 0).sort((a, b) => value(a) - value(b));
      // When the total is published elsewhere (fixed), a zero part is masked as a last resort: "<5" is
      // true of 0 too, and the lone masked part is no longer the total minus the parts shown.
      const next =
        candidates[0] ??
        (!masked.has(breakdown.total) && !fixed.has(breakdown.total) ? breakdown.total : open[0]);
      if (next === undefined) continue;
      masked.add(next);
      changed = true;
    }
  }
  return masked;
}

/** The breakdowns where one hidden cell could be worked out by subtraction (none after suppression). */
export function recomputableBreakdowns<K extends string>(
  values: ReadonlyMap<K, number>,
  breakdowns: readonly Breakdown<K>[],
  masked: ReadonlySet<K>,
): Breakdown<K>[] {
  return breakdowns.filter((breakdown) => hiddenIn(breakdown, values, masked) === 1);
}
