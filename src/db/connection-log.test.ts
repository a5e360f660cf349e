import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';

/** What the server prints when an idle connection is lost: the failure's kind and code, never its message. */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
});
afterAll(() => database.close());

it("prints a lost connection's kind and code, not the driver's message", () => {
  const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const lost = Object.assign(new Error('terminated: Key (email)=(jeanne.martin@example.org)'), {
      code: 'ECONNRESET',
    });
    database.pool.emit('error', lost);
    expect(printed).toHaveBeenCalledTimes(1);
    const line = String(printed.mock.calls[0]?.[0]);
    expect(line).toBe('database connection error: Error, ECONNRESET');
    expect(line).not.toContain('jeanne');
  } finally {
    printed.mockRestore();
  }
});
