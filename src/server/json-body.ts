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

/** The first string (value or key) in a parsed JSON body with a forbidden character, or null. */
export function findForbiddenCharacter(value: unknown, path: string[] = []): ForbiddenCharacter | null {
  const where = () => (path.length === 0 ? 'body' : path.join('.'));
  if (typeof value === 'string') {
    const messageKey = check(value);
    return messageKey ? { path: where(), messageKey } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findForbiddenCharacter(item, [...path, String(index)]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const inKey = check(key);
      if (inKey) return { path: where(), messageKey: inKey };
      const found = findForbiddenCharacter(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
