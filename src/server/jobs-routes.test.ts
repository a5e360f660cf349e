import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { jobRuns } from '../db/job-runs.ts';
import { outbox } from '../modules/notifications/schema.ts';
import { nextRunAt, scheduleRecurring } from './schedule.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function runOf(name: string) {
  const [row] = await t.database.db.select().from(jobRuns).where(eq(jobRuns.name, name));
  return row;
}

async function until<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('job turns in job_runs', () => {
  it('records each turn: start, end, outcome, duration, instance; a failure by its kind only', async () => {
    let turns = 0;
    const errors: unknown[] = [];
    const stop = scheduleRecurring({
      name: 'test-job',
      db: t.database.db,
      firstAfterMs: 0,
      everyMs: 300,
      log: { error: (...args: unknown[]) => errors.push(args) },
      failureMessage: 'test job failed',
      work: async () => {
        turns++;
        if (turns === 2) throw new Error('duplicate key value (jeanne.martin@example.org)');
      },
    });
    try {
      const failed = await until(async () => {
        const row = await runOf('test-job');
        return row && row.failures === 1 && row.lastOutcome === 'failed' ? row : undefined;
      }, 'the failed turn');
      expect(failed.lastError).toBe('Error');
      expect(failed.runs).toBe(2);
      expect(failed.instance).toMatch(/:\d+$/);
      const ok = await until(async () => {
        const row = await runOf('test-job');
        return row && row.runs >= 3 && row.lastOutcome === 'ok' ? row : undefined;
      }, 'the next turn');
      expect(ok.lastError).toBeNull();
      expect(ok.failures).toBe(1);
      expect(ok.lastFinishedAt?.getTime()).toBeGreaterThanOrEqual(ok.lastStartedAt?.getTime() ?? Infinity);
      expect(ok.lastDurationMs).toBeGreaterThanOrEqual(0);
    } finally {
      await stop();
    }
    expect(JSON.stringify(await runOf('test-job'))).not.toContain('jeanne');
  });

  it("an idle turn (nothing to claim, as another server's turn after the real one) leaves the record as it was", async () => {
    let turns = 0;
    const stop = scheduleRecurring({
      name: 'idle-job',
      db: t.database.db,
      firstAfterMs: 0,
      everyMs: 200,
      log: { error: () => {} },
      failureMessage: 'idle job failed',
      work: async () => {
        turns++;
        if (turns === 1) throw new Error('the real turn failed');
        return 'idle';
      },
    });
    try {
      const failed = await until(async () => {
        const row = await runOf('idle-job');
        return row?.lastOutcome === 'failed' ? row : undefined;
      }, 'the real turn');
      // While a turn is under way nothing is shown, and an ended turn is written whole.
      expect(failed.lastFinishedAt).not.toBeNull();
      expect(failed.lastDurationMs).toBe(
        (failed.lastFinishedAt?.getTime() ?? 0) - (failed.lastStartedAt?.getTime() ?? 0),
      );
      await until(async () => (turns >= 4 ? true : undefined), 'three idle turns');
      expect(await runOf('idle-job')).toEqual(failed);
    } finally {
      await stop();
    }
  });

  it('computes the next turn from the first delay and the interval', () => {
    expect(nextRunAt(0, 60_000, 3_600_000, 1000).getTime()).toBe(60_000);
    expect(nextRunAt(0, 60_000, 3_600_000, 61_000).getTime()).toBe(3_600_000);
    expect(nextRunAt(0, 60_000, 3_600_000, 3_600_001).getTime()).toBe(7_200_000);
  });
});

describe('GET /admin/jobs', () => {
  it("lists the jobs with their last turn and this instance's next, and the e-mail queue", async () => {
    const admin = await t.admin();
    const before = (await admin.get('/admin/jobs')).json();
    const later = new Date(Date.now() + 3_600_000);
    await t.database.db
      .insert(outbox)
      .values([
        mail({ nextAttemptAt: later, createdAt: new Date('2026-01-02T03:04:05Z') }),
        mail({ status: 'failed', attempts: 5 }),
      ]);
    const res = await admin.get('/admin/jobs');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const names = body.jobs.map((j: { name: string }) => j.name);
    expect(names).toEqual(
      expect.arrayContaining(['loan-reminders', 'follow-ups', 'portal-cleanup', 'test-job']),
    );
    const reminders = body.jobs.find((j: { name: string }) => j.name === 'loan-reminders');
    expect(reminders).toMatchObject({ everyMinutes: 60 });
    expect(new Date(reminders.nextRunAt).getTime()).toBeGreaterThan(Date.now() - 1000);
    const test = body.jobs.find((j: { name: string }) => j.name === 'test-job');
    expect(test).toMatchObject({ everyMinutes: null, nextRunAt: null, lastOutcome: 'ok', failures: 1 });
    expect(body.outbox.pending).toBe(before.outbox.pending + 1);
    expect(body.outbox.failed).toBe(before.outbox.failed + 1);
    expect(body.outbox.oldestPendingAt).toBe('2026-01-02T03:04:05.000Z');
  });

  it('is for platform administrators only', async () => {
    const org = await t.buildOrganisation();
    const { client } = await t.member(org.id, 'admin');
    expect((await client.get('/admin/jobs')).statusCode).toBe(403);
    expect((await t.anonymous.get('/admin/jobs')).statusCode).toBe(401);
  });
});

function mail(extra: Partial<typeof outbox.$inferInsert>): typeof outbox.$inferInsert {
  return {
    toAddress: 'someone@example.org',
    template: 'invitation',
    locale: 'fr',
    subject: 'Invitation',
    textBody: 'text',
    htmlBody: '<p>text</p>',
    ...extra,
  };
}
