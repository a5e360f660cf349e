import { invalidField } from './errors.ts';
import { isUuid } from './ids.ts';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A cursor is the sort key of the last item returned, opaque to clients. */
export function encodeCursor(values: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** What each value of a cursor must be, checked before it reaches SQL. */
export type CursorPart = 'uuid' | 'instant' | 'date' | 'int' | 'text';

const CURSOR_CHECKS: Record<CursorPart, (v: unknown) => boolean> = {
  uuid: (v) => typeof v === 'string' && isUuid(v),
  // PostgreSQL's text form of a timestamptz (microseconds kept), or ISO 8601.
  instant: (v) =>
    typeof v === 'string' &&
    /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/.test(v),
  date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
  int: (v) => typeof v === 'number' && Number.isSafeInteger(v),
  text: (v) => typeof v === 'string' && v.length <= 1000 && !v.includes('\u0000'),
};

/** Reads a cursor made by `encodeCursor`; anything else (forged, truncated, from another list) is a 400. */
export function decodeCursor(
  cursor: string | undefined,
  parts: readonly CursorPart[],
): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === parts.length &&
      values.every((v, i) => CURSOR_CHECKS[parts[i] as CursorPart](v))
    ) {
      return values as (string | number)[];
    }
  } catch {
    // fall through to the error below
  }
  throw invalidField('cursor', 'validation.cursor_invalid');
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only says that more exist.
 */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number | null)[]): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
