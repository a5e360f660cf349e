import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { scheduleRecurring } from './schedule.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

it('never starts a turn while the previous one still runs, and stops at shutdown', async () => {
  let running = 0;
  let turns = 0;
  let release: () => void = () => {};
  const stop = scheduleRecurring({
    name: 'test',
    db: null,
    firstAfterMs: 1000,
    everyMs: 5000,
    log: { error: () => {} },
    failureMessage: 'failed',
    work: async () => {
      running++;
      turns++;
      expect(running).toBe(1);
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      running--;
    },
  });
  await vi.advanceTimersByTimeAsync(1000);
  expect(turns).toBe(1);
  // Two intervals pass while the first turn is still running: no second turn starts.
  await vi.advanceTimersByTimeAsync(10_000);
  expect(turns).toBe(1);
  release();
  await vi.advanceTimersByTimeAsync(5000);
  expect(turns).toBe(2);
  release();
  stop();
  await vi.advanceTimersByTimeAsync(60_000);
  expect(turns).toBe(2);
});

it('logs a failed turn without its message and tries again at the next', async () => {
  const logged: unknown[][] = [];
  let turns = 0;
  const stop = scheduleRecurring({
    name: 'test',
    db: null,
    firstAfterMs: 0,
    everyMs: 1000,
    log: { error: (...args: unknown[]) => logged.push(args) },
    failureMessage: 'reminders failed; tried again within the hour',
    work: async () => {
      turns++;
      if (turns === 1) throw new Error('duplicate key value (jeanne.martin@example.org)');
    },
  });
  await vi.advanceTimersByTimeAsync(1000);
  expect(turns).toBe(2);
  expect(logged).toHaveLength(1);
  expect(logged[0]?.[1]).toBe('reminders failed; tried again within the hour');
  expect(JSON.stringify(logged[0]?.[0])).not.toContain('jeanne.martin');
  stop();
});

it('at shutdown, stops the timers and waits for the turn under way before resolving', async () => {
  let turns = 0;
  let finished = false;
  let release: () => void = () => {};
  const stop = scheduleRecurring({
    name: 'test',
    db: null,
    firstAfterMs: 0,
    everyMs: 1000,
    log: { error: () => {} },
    failureMessage: 'failed',
    work: async () => {
      turns++;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      finished = true;
    },
  });
  await vi.advanceTimersByTimeAsync(0);
  expect(turns).toBe(1);
  let stopped = false;
  const stopping = stop().then(() => {
    stopped = true;
  });
  await vi.advanceTimersByTimeAsync(5000);
  expect(stopped).toBe(false); // the turn is still running: the database must stay open
  expect(turns).toBe(1); // and no other turn started
  release();
  await stopping;
  expect(finished).toBe(true);
  await vi.advanceTimersByTimeAsync(60_000);
  expect(turns).toBe(1);
});

it('waits a bounded time for a turn that does not end', async () => {
  const stop = scheduleRecurring({
    name: 'test',
    db: null,
    firstAfterMs: 0,
    everyMs: 1000,
    log: { error: () => {} },
    failureMessage: 'failed',
    work: () => new Promise<void>(() => {}),
  });
  await vi.advanceTimersByTimeAsync(0);
  let stopped = false;
  const stopping = stop(2000).then(() => {
    stopped = true;
  });
  await vi.advanceTimersByTimeAsync(1999);
  expect(stopped).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  await stopping;
  expect(stopped).toBe(true);
});

it('describes a failure by its kind and codes, never its message', async () => {
  const { describeFailure } = await import('./schedule.ts');
  expect(describeFailure(new Error('duplicate key value (jeanne.martin@example.org)'))).toBe('Error');
  const lost = Object.assign(new Error('read ECONNRESET jeanne.martin@example.org'), { code: 'ECONNRESET' });
  expect(describeFailure(lost)).toBe('Error, ECONNRESET');
  const unique = Object.assign(new Error('Key (email)=(jeanne.martin@example.org) already exists.'), {
    code: '23505',
    table: 'users',
    constraint: 'users_email_unique',
  });
  expect(describeFailure(unique)).toBe('Error, SQLSTATE 23505, table users, constraint users_email_unique');
});
