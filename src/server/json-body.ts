/**
 * Characters a JSON body may carry but PostgreSQL cannot store: NUL (refused in text and JSON
 * columns) and a lone UTF-16 surrogate (not Unicode; refused in JSON columns). The JSON body parser
 * (app.ts) refuses them up front, naming the field, instead of a database error without one.
 */
const NUL = '\u0000';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export interface ForbiddenCharacter {
  /** Where, as the validation errors say it: `name`, `lines.2.note`; `body` for the body itself. */
  path: string;
  messageKey: 'errors.nul_character' | 'errors.lone_surrogate';
}

function check(text: string): ForbiddenCharacter['messageKey'] | null {
  if (text.includes(NUL)) return 'errors.nul_character';
  if (LONE_SURROGATE.test(text)) return 'errors.lone_surrogate';
  return null;
}

/** A place in the body being walked: its value, its key, and where it sits. */
interface Place {
  value: unknown;
  key: string | null;
  parent: Place | null;
}

function pathOf(place: Place): string {
  const keys: string[] = [];
  for (let at: Place | null = place; at?.key != null; at = at.parent) keys.push(at.key);
  return keys.length === 0 ? 'body' : keys.reverse().join('.');
}

/**
 * The first string (value or key) in a parsed JSON body with a forbidden character, or null. Walks
 * with a stack of its own, not recursion: a body nested 100,000 deep is still only checked.
 */
export function findForbiddenCharacter(body: unknown): ForbiddenCharacter | null {
  const stack: Place[] = [{ value: body, key: null, parent: null }];
  while (stack.length > 0) {
    const place = stack.pop() as Place;
    const { value } = place;
    if (typeof value === 'string') {
      const messageKey = check(value);
      if (messageKey) return { path: pathOf(place), messageKey };
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) {
        stack.push({ value: value[index], key: String(index), parent: place });
      }
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      for (const [key] of entries) {
        const inKey = check(key);
        if (inKey) return { path: pathOf(place), messageKey: inKey };
      }
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, item] = entries[index] as [string, unknown];
        stack.push({ value: item, key, parent: place });
      }
    }
  }
  return null;
}
