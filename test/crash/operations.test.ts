/**
 * Nothing lost (issue "trust"): the real server is killed with SIGKILL while it imports a large batch of
 * devices, records a group handover, and renders a report export; started again on the same data, each
 * operation happened entirely or not at all, and the data passes PostgreSQL's own checks (amcheck).
 * Runs on the embedded database, or on the PostgreSQL server of DATABASE_URL.
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { MIGRATIONS_FOLDER } from '../../src/db/migrate.ts';
import {
  type CrashBackend,
  call,
  checkIntegrity,
  createCrashBackend,
  type RunningServer,
  sleep,
  startServer,
} from '../support/crash-server.ts';
import { progress, seedInProcess } from './seed.ts';

const IMPORT_ROWS = 4000;
const HANDOVER_SIZE = 40;
/** One for the run to the end, three planned kills, two more kills if none of those landed inside. */
const HANDOVER_EVENTS = 6;

let backend: CrashBackend;
let seed: Awaited<ReturnType<typeof seedInProcess>>;
const outcomes: string[] = [];

beforeAll(async () => {
  backend = await createCrashBackend();
  const database = await backend.open();
  try {
    seed = await seedInProcess(database, { handoverEvents: HANDOVER_EVENTS, handoverSize: HANDOVER_SIZE });
  } finally {
    await database.close();
  }
}, 300_000);

afterAll(async () => {
  await stopRunning();
  console.log(`crash trials (${backend?.kind}):\n${outcomes.join('\n')}`);
  await backend?.dispose();
});

async function withPeek<T>(server: RunningServer, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await server.peek();
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

async function count(database: Database, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await database.pool.query<{ n: string }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

async function walPosition(database: Database): Promise<string> {
  const { rows } = await database.pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
  return rows[0]?.lsn ?? '0/0';
}

/** The restarted server answers, every migration is recorded, and a read through the API works. */
async function checkStarted(server: RunningServer): Promise<void> {
  const migrations = readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).length;
  await withPeek(server, async (database) => {
    expect(await count(database, 'SELECT count(*) AS n FROM drizzle.__drizzle_migrations')).toBe(migrations);
  });
  const summary = await call(server, seed.tokens.technician, 'GET', '/devices/summary');
  expect(summary.status).toBe(200);
}

interface Trial<T> {
  /** Starts the operation against the server; resolves when its answer arrives (or the connection dies). */
  start(server: RunningServer): Promise<{ status: number; body: Buffer } | null>;
  /** What the database holds of the operation: 'all' | 'none' (anything else fails the test). */
  outcome(database: Database): Promise<{ state: 'all' | 'none' | 'partial'; detail: T }>;
}

/** The server of the next trial: the one restarted after the last kill, or a new one. */
let current: RunningServer | null = null;
async function running(): Promise<RunningServer> {
  if (!current) current = await startServer(backend);
  return current;
}
async function stopRunning(): Promise<void> {
  await current?.stop();
  current = null;
}

/**
 * One trial: launch the operation on the running server, SIGKILL it after `killAfterMs` (or let it finish
 * when null), start it again on the same data and look at what is left. The restarted server runs the
 * next trial.
 */
interface TrialResult {
  state: string;
  ms: number;
  /** Killed before its answer came (a kill after the answer proves nothing about the transaction). */
  killedUnanswered: boolean;
  /** PostgreSQL: whether a transaction of the server was open just before the kill (null on PGlite). */
  inTransaction: boolean | null;
  /** The WAL written from the start of the operation to the restarted server's first look. */
  walKb: number;
}

async function trial<T>(label: string, op: Trial<T>, killAfterMs: number | null): Promise<TrialResult> {
  const server = await running();
  progress(`${label}: kill ${killAfterMs ?? 'none'}`);
  const lsnBefore = await withPeek(server, walPosition);
  const began = Date.now();
  let answerStatus: number | null = null;
  let answeredAt: number | null = null;
  const pending = op
    .start(server)
    .then((res) => {
      answerStatus = res?.status ?? null;
      answeredAt = Date.now();
    })
    .catch(() => {});
  let inTransaction: boolean | null = null;
  if (killAfterMs === null) {
    await pending;
  } else {
    await sleep(killAfterMs);
    if (backend.kind === 'postgres' && answeredAt === null) {
      // On PostgreSQL, the server's open transaction can be seen from outside: note whether the kill
      // lands inside it.
      inTransaction = await withPeekUrl(
        async (database) =>
          (await count(
            database,
            `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database()
               AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND state <> 'idle'`,
          )) > 0,
      );
    }
    await server.kill();
    current = null;
    await pending;
  }
  const ms = (answeredAt ?? Date.now()) - began;
  const answered = answeredAt !== null;
  progress(`${label}: ${answered ? `answered ${answerStatus} in ${ms} ms` : 'killed'}`);
  const after = await running();
  if (killAfterMs !== null) await checkStarted(after);
  const { state, detail } = await withPeek(after, (database) => op.outcome(database));
  // The log the killed work wrote (rows inserted, then thrown away by the recovery when not committed):
  // proof that the kill landed while the work was under way, on either database.
  const walKb = await withPeek(after, async (database) => {
    const { rows } = await database.pool.query<{ kb: string }>(
      'SELECT (pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn) / 1024)::bigint::text AS kb',
      [lsnBefore],
    );
    return Number(rows[0]?.kb ?? 0);
  });
  outcomes.push(
    `  ${label}: ${killAfterMs === null ? 'not killed' : `killed after ${killAfterMs} ms`}` +
      `${inTransaction === null ? '' : inTransaction ? ' (inside the transaction)' : ' (no transaction open)'}` +
      `${answered ? ` (answered ${answerStatus} in ${ms} ms)` : ''} → ${state} ${JSON.stringify(detail)}` +
      `; ${walKb} kB of WAL written` +
      `${killAfterMs === null ? '' : `; restarted in ${after.startMs} ms`}`,
  );
  expect(state, JSON.stringify(detail)).not.toBe('partial');
  // An answer that said "done" must be kept.
  if (answerStatus !== null && answerStatus < 300) expect(state).toBe('all');
  return { state, ms, killedUnanswered: killAfterMs !== null && !answered, inTransaction, walKb };
}

/**
 * That at least one kill of an operation landed inside its transaction, else "all or none" was only
 * tried between transactions. On PostgreSQL the server's open transaction was seen just before the
 * kill; on PGlite (where nothing can look from outside) a kill that left nothing of the operation
 * found WAL written by it (rows written, then thrown away by the recovery). The WAL of the other
 * databases of a shared PostgreSQL server makes the WAL size meaningless there.
 */
function landedInside(results: TrialResult[], minWalKb: number): TrialResult[] {
  const killed = results.filter((r) => r.killedUnanswered);
  return backend.kind === 'postgres'
    ? killed.filter((r) => r.inTransaction === true)
    : killed.filter((r) => r.state === 'none' && r.walKb >= minWalKb);
}

/**
 * The planned kills, then (at most `extra` times) one more while none landed inside the transaction: the
 * planned points come from the first run's duration, and a loaded machine may make it much longer than
 * the next ones (the kills then come after the answer). The extra points are taken from the fastest run
 * seen. Returns every trial; on PostgreSQL at least one kill must have landed inside.
 */
async function killTrials(
  label: string,
  op: () => Trial<unknown>,
  full: TrialResult,
  planned: number[],
  minWalKb: number,
  extra = 2,
): Promise<TrialResult[]> {
  const results: TrialResult[] = [];
  for (const at of planned) results.push(await trial(label, op(), at));
  for (const fraction of [0.75, 0.6].slice(0, extra)) {
    if (backend.kind !== 'postgres' || landedInside(results, minWalKb).length > 0) break;
    const fastest = Math.min(full.ms, ...results.filter((r) => !r.killedUnanswered).map((r) => r.ms));
    results.push(await trial(`${label} (again)`, op(), Math.max(50, Math.round(fastest * fraction))));
  }
  // Asserted on PostgreSQL only: PGlite keeps a small transaction's WAL in memory until it commits, so a
  // kill inside the group handover's transaction often leaves no trace to tell it from a kill before it
  // (seen in CI: three kills inside 1.4 s of a 2.2 s handover, 0 kB of WAL each). There it is printed.
  if (backend.kind === 'postgres') {
    expect(landedInside(results, minWalKb).length, JSON.stringify(results)).toBeGreaterThan(0);
  }
  return results;
}

async function withPeekUrl<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const { openServerDatabase } = await import('../../src/db/connection.ts');
  const database = await openServerDatabase(backend.databaseUrl ?? '', 1);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** Kill points spread over a measured duration: early, middle, late, and just about when it ends. */
function killPoints(durationMs: number): number[] {
  return [0.15, 0.4, 0.65, 0.9].map((f) => Math.max(50, Math.round(durationMs * f)));
}

describe('a large device import killed mid-way', () => {
  let n = 0;
  /** Imports kept so far on the donation: each has written exactly one audit row, with its rows. */
  let kept = 0;
  const importOp = (): Trial<{ devices: number; events: number; audit: number; auditBefore: number }> => {
    n += 1;
    const batch = `T${n}-`;
    const lines = ['type;brand;model;serialNumber;ramGb;storageGb'];
    for (let i = 0; i < IMPORT_ROWS; i++) lines.push(`laptop;HP;EliteBook 840;${batch}${i};8;256`);
    const csv = `${lines.join('\r\n')}\r\n`;
    return {
      start: (server) =>
        call(
          server,
          seed.tokens.technician,
          'POST',
          `/devices/import?donationId=${seed.importDonationId}`,
          csv,
          'text/csv',
        ),
      async outcome(database) {
        const devices = await count(
          database,
          'SELECT count(*) AS n FROM devices WHERE donation_id = $1 AND serial_number LIKE $2',
          [seed.importDonationId, `${batch}%`],
        );
        const events = await count(
          database,
          `SELECT count(*) AS n FROM device_events e JOIN devices d ON d.id = e.device_id
            WHERE d.donation_id = $1 AND d.serial_number LIKE $2`,
          [seed.importDonationId, `${batch}%`],
        );
        const audit = await count(
          database,
          `SELECT count(*) AS n FROM audit_log WHERE action = 'device.import' AND entity_id = $1`,
          [seed.importDonationId],
        );
        // The audit row is part of the import: there with its rows, absent without them.
        const state =
          devices === IMPORT_ROWS && events >= IMPORT_ROWS && audit === kept + 1
            ? 'all'
            : devices === 0 && events === 0 && audit === kept
              ? 'none'
              : 'partial';
        if (state === 'all') kept += 1;
        return { state, detail: { devices, events, audit, auditBefore: state === 'all' ? kept - 1 : kept } };
      },
    };
  };

  it(`keeps all ${IMPORT_ROWS} rows or none, whenever the process dies`, async () => {
    const full = await trial('import', importOp(), null);
    expect(full.state).toBe('all');
    const results = await killTrials('import', importOp, full, killPoints(full.ms), 64);
    // Killed early, the import cannot have committed.
    expect(results[0]?.state).toBe('none');
  }, 300_000);
});

describe('a group handover killed mid-way', () => {
  let next = 0;
  const handoverOp = (): Trial<{
    handedOver: number;
    devices: number;
    completed: boolean;
    audit: number;
  }> => {
    const event = seed.handoverEvents[next];
    if (!event) throw new Error('no handover event left to try');
    return {
      start: (server) =>
        call(server, seed.tokens.manager, 'POST', `/handover-events/${event.id}/handover`, {
          signedOnPaper: true,
        }),
      async outcome(database) {
        const handedOver = await count(
          database,
          `SELECT count(*) AS n FROM allocations WHERE handover_event_id = $1 AND status = 'handed_over'`,
          [event.id],
        );
        const devices = await count(
          database,
          `SELECT count(*) AS n FROM devices d JOIN allocations a ON a.device_id = d.id
            WHERE a.handover_event_id = $1 AND d.status = 'handed_over'`,
          [event.id],
        );
        const steps = await count(
          database,
          `SELECT count(*) AS n FROM beneficiary_events e JOIN allocations a ON a.beneficiary_id = e.beneficiary_id
            WHERE a.handover_event_id = $1 AND e.kind = 'handed_over'`,
          [event.id],
        );
        const completed =
          (await count(
            database,
            'SELECT count(*) AS n FROM handover_events WHERE id = $1 AND completed_at IS NOT NULL',
            [event.id],
          )) === 1;
        const audit = await count(
          database,
          `SELECT count(*) AS n FROM audit_log WHERE action = 'handover_event.complete' AND entity_id = $1`,
          [event.id],
        );
        const size = event.allocationIds.length;
        const all = handedOver === size && devices === size && steps === size && completed && audit === 1;
        const none = handedOver === 0 && devices === 0 && steps === 0 && !completed && audit === 0;
        // A handover that did not happen leaves the event to try again; one that did uses the next event.
        if (all) next += 1;
        return {
          state: all ? 'all' : none ? 'none' : 'partial',
          detail: { handedOver, devices, completed, audit },
        };
      },
    };
  };

  it(`records all ${HANDOVER_SIZE} handovers of the event or none, whenever the process dies`, async () => {
    const full = await trial('group handover', handoverOp(), null);
    expect(full.state).toBe('all');
    const points = killPoints(full.ms).slice(0, 3);
    const results = await killTrials('group handover', handoverOp, full, points, 16);
    expect(results[0]?.state).toBe('none');
  }, 300_000);
});

describe('a report export killed mid-way', () => {
  const exportOp = (format: 'pdf' | 'xlsx'): Trial<{ rows: string }> => ({
    start: (server) =>
      call(server, seed.tokens.manager, 'GET', `/reports/programmes/${seed.programmeId}.${format}`),
    async outcome(database) {
      // An export writes nothing: what must hold is the data it reads, unchanged.
      const rows = await database.pool.query<{ t: string; n: string }>(
        `SELECT 'allocations' AS t, count(*)::text AS n FROM allocations UNION ALL
         SELECT 'devices', count(*)::text FROM devices UNION ALL
         SELECT 'beneficiaries', count(*)::text FROM beneficiaries UNION ALL
         SELECT 'referrals', count(*)::text FROM referrals`,
      );
      const detail = rows.rows.map((r) => `${r.t}=${r.n}`).join(' ');
      return { state: 'all', detail: { rows: detail } };
    },
  });

  it('leaves the data as it was, and the next export gives the same report', async () => {
    const report = await call(
      await running(),
      seed.tokens.manager,
      'GET',
      `/reports/programmes/${seed.programmeId}`,
    );
    expect(report.status).toBe(200);
    const before = JSON.parse(report.body.toString());
    const full = await trial('export xlsx', exportOp('xlsx'), null);
    for (const [format, at] of [
      ['pdf', Math.max(50, Math.round(full.ms / 3))],
      ['xlsx', Math.max(50, Math.round(full.ms / 2))],
    ] as const) {
      await trial(`export ${format}`, exportOp(format), at);
    }
    const server = await running();
    const again = await call(server, seed.tokens.manager, 'GET', `/reports/programmes/${seed.programmeId}`);
    expect(JSON.parse(again.body.toString())).toEqual(before);
    const pdf = await call(server, seed.tokens.manager, 'GET', `/reports/programmes/${seed.programmeId}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
  }, 300_000);
});

describe('after every kill', () => {
  it('the data passes amcheck: every heap page and every B-tree index', async () => {
    await stopRunning();
    const report = await checkIntegrity(backend);
    outcomes.push(
      `  integrity: ${report.tables} tables, ${report.indexes} B-tree indexes checked, ${report.problems.length} problems`,
    );
    expect(report.problems).toEqual([]);
    expect(report.indexes).toBeGreaterThan(50);
  }, 120_000);
});
