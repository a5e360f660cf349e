/** The follow-up months as people type them, checked by the server's rules before sending. */

/** « 3, 6, 12 » → [3, 6, 12] (ascending), or null when it breaks the rules (1..5 distinct whole 1..36). */
export function parseMonths(text: string): number[] | null {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 1 || parts.length > 5) return null;
  if (!parts.every((p) => /^\d+$/.test(p))) return null;
  const values = parts.map(Number);
  if (values.some((v) => v < 1 || v > 36)) return null;
  if (new Set(values).size !== values.length) return null;
  return [...values].sort((a, b) => a - b);
}
