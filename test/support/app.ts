import type { LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/db/connection.ts';
import { type Actor, type Role, systemActor } from '../../src/lib/actor.ts';
import { type Config, loadConfig } from '../../src/lib/config.ts';
import { createOrganisation, type OrganisationInput } from '../../src/modules/organisations/organisations.ts';
import { memberships } from '../../src/modules/organisations/schema.ts';
import { insertUser, type User } from '../../src/modules/organisations/users.ts';
import { buildApp } from '../../src/server/app.ts';
import type { App } from '../../src/server/http.ts';
import { createTestDatabase } from './database.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Calls the API as one person (a session cookie or a bearer token), or anonymously. */
export class ApiClient {
  constructor(
    private readonly app: App,
    readonly headers: Record<string, string> = {},
  ) {}

  request(
    method: Method,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url: url.startsWith('/api') ? url : `/api/v1${url}`,
      headers: { ...this.headers, ...headers },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
  }
  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  put(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('PUT', url, body ?? {}, headers);
  }
  patch(url: string, body?: unknown) {
    return this.request('PATCH', url, body ?? {});
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }
}

let counter = 0;
/** A unique suffix for names and e-mails within a test file. */
export function unique(prefix = 'x'): string {
  counter += 1;
  return `${prefix}${counter}${Math.random().toString(36).slice(2, 6)}`;
}

export interface TestApp {
  app: App;
  database: Database;
  config: Config;
  system: Actor;
  anonymous: ApiClient;
  /** Logs a user in through the API and returns a client carrying their session cookie. */
  login(email: string, password?: string): Promise<ApiClient>;
  buildOrganisation(overrides?: Partial<OrganisationInput>): Promise<{ id: string; name: string }>;
  buildUser(options?: {
    organisationId?: string;
    role?: Role;
    isPlatformAdmin?: boolean;
    password?: string | null;
  }): Promise<User>;
  /** A platform administrator's client. */
  admin(): Promise<ApiClient>;
  /** A new user with `role` in the organisation, logged in. */
  member(organisationId: string, role: Role): Promise<{ user: User; client: ApiClient }>;
  close(): Promise<void>;
}

/** Starts the real application on a database of this test file's own. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { logStream?: { write(line: string): void } } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ PORT: '0', PUBLIC_URL: 'http://localhost:3999', ...env });
  const app = await buildApp({
    database,
    config,
    serveWeb: false,
    ...(env.LOG_LEVEL
      ? { logger: { level: env.LOG_LEVEL, ...(options.logStream ? { stream: options.logStream } : {}) } }
      : {}),
  });
  await app.ready();
  const system = systemActor();
  const { db } = database;
  const anonymous = new ApiClient(app);

  const login = async (email: string, password = TEST_PASSWORD) => {
    const res = await anonymous.post('/session', { email, password });
    if (res.statusCode !== 200) throw new Error(`login failed for ${email}: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'sv_session');
    if (!cookie) throw new Error('no session cookie');
    return new ApiClient(app, { cookie: `sv_session=${cookie.value}` });
  };

  const buildOrganisation: TestApp['buildOrganisation'] = async (overrides = {}) => {
    const org = await createOrganisation(db, system, {
      name: unique('Organisation '),
      kinds: ['prescriber'],
      ...overrides,
    });
    return { id: org.id, name: org.name };
  };

  const buildUser: TestApp['buildUser'] = async (options = {}) => {
    const user = await db.transaction((tx) =>
      insertUser(tx, system, {
        email: `${unique('user')}@example.org`,
        name: unique('Person '),
        password: options.password === null ? undefined : (options.password ?? TEST_PASSWORD),
        isPlatformAdmin: options.isPlatformAdmin ?? false,
      }),
    );
    if (options.organisationId) {
      await db
        .insert(memberships)
        .values({ userId: user.id, organisationId: options.organisationId, role: options.role ?? 'viewer' });
    }
    return user;
  };

  let adminClient: ApiClient | null = null;
  return {
    app,
    database,
    config,
    system,
    anonymous,
    login,
    buildOrganisation,
    buildUser,
    async admin() {
      if (!adminClient) adminClient = await login((await buildUser({ isPlatformAdmin: true })).email);
      return adminClient;
    },
    async member(organisationId, role) {
      const user = await buildUser({ organisationId, role });
      return { user, client: await login(user.email) };
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
