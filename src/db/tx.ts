import type { Db } from './connection.ts';

/** A transaction handle, as drizzle passes it to `db.transaction`'s callback. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything queries can run on: the pool-backed database or an open transaction. */
export type Executor = Db | Tx;

interface PgErrorLike {
  code?: string;
  constraint?: string;
  cause?: unknown;
}

/** The PostgreSQL error behind a (possibly drizzle-wrapped) error, if any. */
function pgError(err: unknown): PgErrorLike | null {
  let current: unknown = err;
  for (let depth = 0; depth < 3 && current && typeof current === 'object'; depth++) {
    const candidate = current as PgErrorLike;
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return null;
}

/** True when `err` is a unique-constraint violation (optionally of the named index). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const pg = pgError(err);
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}
