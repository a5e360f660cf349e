import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import {
  type BodyRoute,
  bodyRoutes,
  describeBody,
  type OpenApiDocument,
  problemFields,
  resolveSchema,
  type ShapedBody,
  shapedBodies,
  type TableState,
  tableChanges,
  tableStates,
  wellFormed,
  writeMark,
} from '../../test/support/fuzz.ts';
import { today } from '../lib/dates.ts';
import { sendLoanReminders } from '../modules/distribution/reminders.ts';
import { runFollowUps } from '../modules/followup/jobs.ts';
import { memberships } from '../modules/organisations/schema.ts';
import { deleteUnconfirmedRegistrations } from '../modules/portal/jobs.ts';
import { mondayOf } from '../modules/workforce/weeks.ts';

/**
 * Bad input never breaks anything: every route that takes a JSON body gets random JSON and bodies
 * shaped like its schema with hostile values (huge, control characters, lone surrogates, formulas,
 * markup, wrong types, deep nesting, extra keys), sent by an administrator of the organisations that
 * own the records the path names. Never a 5xx; a refusal is problem+json naming the field and writes
 * nothing; what is accepted is stored as sent. FUZZ_RUNS=500 goes deeper; FUZZ_SEED replays a run.
 */

const RUNS = Number(process.env.FUZZ_RUNS || 30);
const SEED = Number(process.env.FUZZ_SEED || 20261126);

/**
 * Fields of the record, not of the body, that a refusal may name: a handover event whose day has not come
 * is refused on its `heldOn`.
 */
const RECORD_FIELDS: Record<string, string[]> = {
  'POST /api/v1/handover-events/{id}/handover': ['heldOn'],
};

/** Tables a refused request may legitimately write to. */
const WRITES_WHEN_REFUSED: Record<string, string[]> = {
  // A failed login is counted (throttling across instances).
  'POST /api/v1/session': ['login_failures'],
};
/** Written by the periodic jobs' bookkeeping while the fuzz runs, never by a request. */
const WRITTEN_BY_JOBS = ['job_runs'];
/**
 * Rows written in place by what runs beside the requests, never added or removed by it: a signed-in
 * request's session (its last-seen time, refused or not), and the outbox worker moving queued mails to
 * `stored` every few seconds.
 */
const TOUCHED_BY_EVERY_REQUEST = ['sessions', 'outbox'];

let t: TestApp;
let document: OpenApiDocument;
let routes: BodyRoute[];
let cookie: string;
let fuzzUserId: string;
const ids = new Map<string, string[]>();
const params = new Map<string, Record<string, string>>();
const results: { route: string; mode: string; runs: number; statuses: Map<number, number> }[] = [];

async function column(sql: string, values: unknown[] = []): Promise<string[]> {
  const { rows } = await t.database.pool.query<{ id: string }>(sql, values);
  return rows.map((r) => r.id);
}

async function first(sql: string, values: unknown[] = []): Promise<string> {
  const [id] = await column(sql, values);
  if (!id) throw new Error(`no record for ${sql}`);
  return id;
}

/** Real records the fuzz user's organisations own, for each path parameter of a route. */
async function pathParameters(path: string): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  const segments = path.replace('/api/v1/', '').split('/');
  for (let i = 0; i < segments.length; i++) {
    const name = /^\{(\w+)\}$/.exec(segments[i] ?? '')?.[1];
    if (!name) continue;
    const parent = segments.slice(0, i).join('/');
    values[name] = await parameterValue(parent, name, values);
  }
  return values;
}

const TABLE_OF_SEGMENT: Record<string, string> = {
  devices: 'devices',
  locations: 'locations',
  programmes: 'programmes',
  'portal/programmes': 'programmes',
  'public/portal/programmes': 'programmes',
  beneficiaries: 'beneficiaries',
  referrals: 'referrals',
  tickets: 'maintenance_tickets',
  'handover-events': 'handover_events',
  allocations: 'allocations',
  loans: 'loans',
  workshops: 'workshops',
  sessions: 'workshop_sessions',
  enrolments: 'enrolments',
  'association-registrations': 'association_registrations',
  'portal/orders': 'association_orders',
  'follow-ups': 'follow_ups',
  'public/programmes': 'programmes',
  'budget-lines': 'budget_lines',
  fundings: 'fundings',
  'funding-payments': 'funding_payments',
  needs: 'census_needs',
  'workforce-contracts': 'workforce_contracts',
  'insertion-clauses': 'insertion_clauses',
  cheques: 'training_cheques',
  'cheque-batches': 'cheque_batches',
};

async function parameterValue(parent: string, name: string, known: Record<string, string>): Promise<string> {
  // Secret links: only their hashes are stored, so an unknown token (the body is still checked first).
  if (name === 'token') return randomBytes(20).toString('hex');
  if (parent === 'organisations') {
    return first(
      `SELECT o.id FROM organisations o WHERE EXISTS (SELECT 1 FROM programmes p WHERE p.owner_organisation_id = o.id) ORDER BY o.name LIMIT 1`,
    );
  }
  if (parent === 'users')
    return first(`SELECT id FROM users WHERE id <> $1 ORDER BY email LIMIT 1`, [fuzzUserId]);
  if (parent.endsWith('/members')) {
    return first(
      `SELECT user_id AS id FROM memberships WHERE organisation_id = $1 AND user_id <> $2 LIMIT 1`,
      [known.id, fuzzUserId],
    );
  }
  if (parent.endsWith('/workforce/people')) {
    // A technician with a contract (the demo's insertion workforce), whatever the organisation named.
    return first(
      `SELECT user_id AS id FROM workforce_contracts ORDER BY (organisation_id = $1) DESC LIMIT 1`,
      [known.id],
    );
  }
  if (parent.endsWith('/weeks')) return mondayOf(today());
  if (parent.endsWith('/consents')) {
    return first(`SELECT id FROM consents WHERE beneficiary_id = $1 LIMIT 1`, [known.id]);
  }
  if (parent.startsWith('portal/orders/') && name === 'allocationId') {
    return first(
      `SELECT allocation_id AS id FROM association_order_allocations WHERE order_id = $1 LIMIT 1`,
      [known.id],
    );
  }
  if (parent === 'portal/orders') {
    // An order that has devices, so its device routes have one to name.
    return first(`SELECT order_id AS id FROM association_order_allocations ORDER BY order_id LIMIT 1`);
  }
  const table = TABLE_OF_SEGMENT[parent];
  if (!table) throw new Error(`no fixture for /${parent}/{${name}}: add one to the fuzz test`);
  if (table === 'programmes') {
    return first(`SELECT programme_id AS id FROM portal_settings ORDER BY programme_id LIMIT 1`);
  }
  return first(`SELECT id FROM ${table} ORDER BY id LIMIT 1`);
}

/** Real ids for body fields, by name, so some bodies get past "not found" to the rules. */
const TABLE_OF_FIELD: Record<string, string> = {
  programme: 'programmes',
  device: 'devices',
  donation: 'donations',
  beneficiary: 'beneficiaries',
  duplicate: 'beneficiaries',
  presentBeneficiary: 'beneficiaries',
  organisation: 'organisations',
  ownerOrganisation: 'organisations',
  referringOrganisation: 'organisations',
  refurbisherOrganisation: 'organisations',
  donorOrganisation: 'organisations',
  funder: 'organisations',
  allocation: 'allocations',
  location: 'locations',
  referral: 'referrals',
  trainerUser: 'users',
  user: 'users',
  workshop: 'workshops',
  session: 'workshop_sessions',
  enrolment: 'enrolments',
};

function idsFor(field: string): string[] | undefined {
  const base = field.replace(/Ids?$/, '');
  const table = TABLE_OF_FIELD[base];
  return table ? ids.get(table) : undefined;
}

function fillPath(route: BodyRoute): string {
  const values = params.get(`${route.method} ${route.path}`) ?? {};
  return route.path.replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? name);
}

let requestNumber = 0;
let countingMs = 0;
let looks = 0;
function send(route: BodyRoute, payload: string): Promise<LightMyRequestResponse> {
  requestNumber++;
  return t.app.inject({
    method: route.method,
    url: fillPath(route),
    payload,
    headers: { cookie, 'content-type': 'application/json', 'accept-language': 'en' },
    // Each request from its own address: the per-address rate limits are not what is tested here.
    remoteAddress: `10.${(requestNumber >> 16) & 255}.${(requestNumber >> 8) & 255}.${requestNumber & 255}`,
  });
}

/** Runs the bodies against a route and returns what went wrong, one line per problem. */
async function fuzzRoute(route: BodyRoute, mode: string, cases: ShapedBody[]): Promise<string[]> {
  const problems: string[] = [];
  const statuses = new Map<number, number>();
  const key = `${route.method} ${route.path}`;
  const schema = resolveSchema(route.schema, document);
  const declared = new Set(Object.keys(schema.properties ?? {}));
  // The state after one request is the state before the next: one look per request that wrote.
  let mark = await writeMark(t.database.pool);
  let before = await tableStates(t.database.pool, mark);
  for (const { body } of cases) {
    const payload = JSON.stringify(body) ?? 'null';
    const res = await send(route, payload);
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    const countStarted = performance.now();
    const newMark = await writeMark(t.database.pool);
    // No transaction id taken: nothing written, nothing to look at. Else the rows written are counted
    // from the mark taken before this request.
    const wrote = newMark !== mark;
    if (wrote) looks += 1;
    const after: Record<string, TableState> = wrote
      ? await tableStates(t.database.pool, mark, newMark)
      : before;
    mark = newMark;
    countingMs += performance.now() - countStarted;
    const counted = before;
    before = after;
    const where = `${key} [${mode}] ${res.statusCode} ${describeBody(body)}`;
    if (res.statusCode >= 500) {
      problems.push(`${where} → ${res.body.slice(0, 300)}`);
      continue;
    }
    if (res.statusCode >= 400) {
      if (!String(res.headers['content-type']).startsWith('application/problem+json')) {
        problems.push(`${where}: not problem+json`);
        continue;
      }
      const problem = res.json() as { code: string; detail: string; errors?: { path: string }[] };
      if (!problem.code || !problem.detail) problems.push(`${where}: problem without code or detail`);
      if (res.statusCode === 400 && problem.code === 'INVALID_INPUT' && typeof body === 'object' && body) {
        const sent = new Set(Object.keys(body));
        const fields = problemFields(problem);
        const generic = /JSON/.test(problem.detail);
        if (fields.length === 0 && !generic) problems.push(`${where}: no field named (${problem.detail})`);
        for (const field of fields) {
          const named = declared.has(field) || sent.has(field) || RECORD_FIELDS[key]?.includes(field);
          if (field !== '' && field !== 'body' && !named) {
            problems.push(`${where}: names "${field}", neither declared nor sent`);
          }
        }
      }
      const changes = wrote
        ? tableChanges(
            counted,
            after,
            [...WRITTEN_BY_JOBS, ...(WRITES_WHEN_REFUSED[key] ?? [])],
            TOUCHED_BY_EVERY_REQUEST,
          )
        : [];
      if (changes.length > 0) problems.push(`${where}: refused but wrote ${changes.join(', ')}`);
      continue;
    }
    // Accepted: the text fields that come back come back as sent (trimmed at most).
    const reply = res.headers['content-type']?.toString().startsWith('application/json') ? res.json() : null;
    if (reply && typeof reply === 'object' && body && typeof body === 'object') {
      for (const [field, value] of Object.entries(body)) {
        const echoed = (reply as Record<string, unknown>)[field];
        // A blank value means "the default" for some fields (an erasure's operator is then the caller).
        if (typeof value !== 'string' || typeof echoed !== 'string' || value.trim() === '') continue;
        // A lone surrogate is not Unicode: stored as U+FFFD, as any UTF-8 system does (a reply built
        // from the body may still echo it as sent).
        const sent = wellFormed(value);
        const same = [sent, sent.trim(), sent.trim().toLowerCase(), value];
        if (!same.includes(echoed) && !same.includes(echoed.toLowerCase())) {
          problems.push(`${where}: ${field} stored as ${describeBody(echoed)}`);
        }
      }
    }
  }
  results.push({ route: key, mode, runs: cases.length, statuses });
  return problems;
}

beforeAll(async () => {
  t = await startTestApp();
  const platformAdmin = await t.admin();
  const demo = await platformAdmin.post('/demo');
  if (demo.statusCode !== 201) throw new Error(`demo: ${demo.statusCode} ${demo.body}`);
  // The app's periodic jobs take their first turn one to three minutes in, while the fuzz runs: their
  // work on the demo's data (reminders, follow-ups, clean-up) is done now, so those turns find nothing
  // left to write and no write of theirs is taken for a refused request's.
  const publicUrl = t.config.publicUrl;
  await sendLoanReminders(t.database.db, { publicUrl });
  await runFollowUps(t.database.db, { publicUrl });
  await deleteUnconfirmedRegistrations(t.database.db);
  // An administrator of every organisation of the network: every record the paths name is its own.
  const user = await t.buildUser();
  fuzzUserId = user.id;
  const organisationIds = await column('SELECT id FROM organisations');
  await t.database.db
    .insert(memberships)
    .values(
      organisationIds.map((organisationId) => ({ userId: user.id, organisationId, role: 'admin' as const })),
    );
  const client = await t.login(user.email);
  cookie = client.headers.cookie as string;

  for (const table of new Set(Object.values(TABLE_OF_FIELD))) {
    ids.set(table, await column(`SELECT id FROM ${table} ORDER BY id LIMIT 20`));
  }
  document = t.app.swagger() as unknown as OpenApiDocument;
  routes = bodyRoutes(document);
  for (const route of routes) params.set(`${route.method} ${route.path}`, await pathParameters(route.path));
}, 180_000);

afterAll(async () => {
  if (results.length > 0) {
    const lines = results.map(
      (r) =>
        `| ${r.route} | ${r.mode} | ${r.runs} | ${[...r.statuses]
          .sort(([a], [b]) => a - b)
          .map(([status, n]) => `${status}×${n}`)
          .join(' ')} |`,
    );
    console.info(
      `Looking at the tables took ${Math.round(countingMs)} ms (${looks} times). Fuzzed ${routes.length} body schemas, ${RUNS} runs per schema and mode, seed ${SEED}\n| route | mode | runs | replies |\n|---|---|---|---|\n${lines.join('\n')}`,
    );
  }
  await t?.close();
});

describe('request bodies under fuzzing', () => {
  it('finds the JSON routes in the OpenAPI document, with a real record for every path parameter', () => {
    expect(routes.length).toBeGreaterThanOrEqual(70);
    for (const route of routes) expect(fillPath(route)).not.toMatch(/\{/);
  });

  it('sees a write through the transaction mark, so a refusal that wrote would be caught', async () => {
    const mark = await writeMark(t.database.pool);
    await t.database.pool.query(`UPDATE settings SET key = key WHERE false`);
    expect(await writeMark(t.database.pool)).toBe(mark);
    const organisationId = await first('SELECT id FROM organisations ORDER BY id LIMIT 1');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/locations',
      payload: { organisationId, name: 'Réserve du fuzz' },
      headers: { cookie },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await writeMark(t.database.pool)).not.toBe(mark);
  });

  it('sees rows changed in place, not only rows added or removed', async () => {
    const mark = await writeMark(t.database.pool);
    const before = await tableStates(t.database.pool, mark);
    // What a refused request that updated a row before failing would leave, if it were committed: the
    // same rows, one of them written again with the same values.
    await t.database.pool.query(`UPDATE locations SET name = name WHERE name = 'Réserve du fuzz'`);
    const updated = await writeMark(t.database.pool);
    expect(updated).not.toBe(mark);
    const after = await tableStates(t.database.pool, mark, updated);
    expect(tableChanges(before, after)).toEqual([
      expect.stringMatching(/^locations \(1 of \d+ rows written in place\)$/),
    ]);
    expect(tableChanges(before, after, [], ['locations'])).toEqual([]);
    await t.database.pool.query(`DELETE FROM locations WHERE name = 'Réserve du fuzz'`);
    const deleted = await tableStates(t.database.pool, updated, await writeMark(t.database.pool));
    expect(tableChanges(after, deleted)).toEqual([expect.stringMatching(/^locations \d+ → \d+$/)]);
  });

  it('answers random JSON with a clear refusal, never a 5xx, and writes nothing refused', async () => {
    const problems: string[] = [];
    for (const [index, route] of routes.entries()) {
      const bodies = fc.sample(fc.jsonValue({ maxDepth: 4 }), { numRuns: RUNS, seed: SEED + index });
      problems.push(
        ...(await fuzzRoute(
          route,
          'random',
          bodies.map((body) => ({ body })),
        )),
      );
    }
    expect(problems).toEqual([]);
  }, 900_000);

  it('answers schema-shaped bodies with hostile values: never a 5xx, the field named, nothing written on refusal, text stored as sent', async () => {
    const problems: string[] = [];
    for (const [index, route] of routes.entries()) {
      const cases = fc.sample(shapedBodies(route.schema, document, idsFor), {
        numRuns: RUNS,
        seed: SEED + 1000 + index,
      });
      problems.push(...(await fuzzRoute(route, 'shaped', cases)));
    }
    expect(problems).toEqual([]);
  }, 900_000);
});
