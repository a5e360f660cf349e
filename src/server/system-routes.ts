import type pg from 'pg';
import { z } from 'zod';
import { DEMO_PASSWORD, demoAccounts, loadDemo } from '../demo/demo.ts';
import { instanceTimeZone, today } from '../lib/dates.ts';
import { AppError } from '../lib/errors.ts';
import { countUsers } from '../modules/organisations/users.ts';
import { type App, actorOf, type Deps, errorResponses, Problem } from './http.ts';

export const APP_VERSION = '0.1.0';
/** A load balancer's health check must not hang on a database that hangs. */
export const HEALTH_TIMEOUT_MS = 2000;

/** `SELECT 1` within HEALTH_TIMEOUT_MS, or a 503 problem (a connection refused, a full pool, a hung server). */
async function checkDatabase(pool: Pick<pg.Pool, 'query'>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('health check timed out')), HEALTH_TIMEOUT_MS);
  });
  try {
    await Promise.race([pool.query('SELECT 1'), timeout]);
  } catch {
    throw new AppError('UNAVAILABLE', 'errors.database_unavailable', { headers: { 'retry-after': '10' } });
  } finally {
    clearTimeout(timer);
  }
}

const DemoAccount = z.object({
  email: z.string(),
  password: z.string(),
  name: z.string(),
  role: z.string(),
  organisationName: z.string().nullable(),
});

/** Health, first-run status and the demo network. */
export function systemRoutes(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database mode (no login)',
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.enum(['embedded', 'postgres']),
            version: z.string(),
          }),
          503: Problem.describe(
            'The database does not answer within 2 seconds: take this instance out of rotation',
          ),
        },
      },
    },
    async () => {
      await checkDatabase(deps.database.pool);
      return { status: 'ok' as const, database: deps.database.mode, version: APP_VERSION };
    },
  );

  app.get(
    '/setup',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary:
          "First-run status: whether any account exists, the demo accounts while demo data are loaded, and the instance's time zone and day (forms' « today »)",
        response: {
          200: z.object({
            hasUsers: z.boolean(),
            demoAccounts: z.array(DemoAccount).nullable(),
            timeZone: z.string().describe('The IANA time zone the instance counts calendar days in (TZ)'),
            today: z.string().describe("Today's calendar day in that time zone (YYYY-MM-DD)"),
          }),
        },
      },
    },
    async () => ({
      hasUsers: (await countUsers(db)) > 0,
      demoAccounts: await demoAccounts(db),
      timeZone: instanceTimeZone(),
      today: today(),
    }),
  );

  app.post(
    '/demo',
    {
      schema: {
        tags: ['system'],
        summary: `Load the demo network on an instance without organisations (platform administrators). Password of every account: ${DEMO_PASSWORD}`,
        response: { 201: z.object({ accounts: z.array(DemoAccount) }), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send({ accounts: await loadDemo(db, actorOf(request), deps.config.publicUrl) }),
  );
}
