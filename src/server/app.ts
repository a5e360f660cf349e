import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Database } from '../db/connection.ts';
import type { Config } from '../lib/config.ts';
import { AppError } from '../lib/errors.ts';
import '../lib/messages.ts'; // installs zod's error map before any schema is used
import { auditRoutes } from '../modules/audit/routes.ts';
import { budgetRoutes } from '../modules/budgets/routes.ts';
import { statementRoutes } from '../modules/budgets/statement-routes.ts';
import { censusRoutes } from '../modules/census/routes.ts';
import { chequeRoutes } from '../modules/cheques/routes.ts';
import { scheduleLoanReminders } from '../modules/distribution/reminders.ts';
import { distributionRoutes } from '../modules/distribution/routes.ts';
import { scheduleFollowUpJobs } from '../modules/followup/jobs.ts';
import { followUpRoutes } from '../modules/followup/routes.ts';
import { inventoryRoutes } from '../modules/inventory/routes.ts';
import { createTransport, senderAddress, startOutboxWorker } from '../modules/notifications/mailer.ts';
import { notificationRoutes } from '../modules/notifications/routes.ts';
import { accountRoutes, authRoutes, organisationRoutes } from '../modules/organisations/routes.ts';
import { sessionSecret } from '../modules/organisations/settings.ts';
import { schedulePortalJobs } from '../modules/portal/jobs.ts';
import { portalRoutes } from '../modules/portal/routes.ts';
import { programmeRoutes } from '../modules/programmes/routes.ts';
import { reportRoutes } from '../modules/reports/routes.ts';
import { trainingRoutes } from '../modules/training/routes.ts';
import { workforceRoutes } from '../modules/workforce/routes.ts';
import { authenticationHook } from './auth.ts';
import { scheduleBackups } from './backup-job.ts';
import { csrfHook } from './csrf.ts';
import { errorHandler } from './errors.ts';
import { guideRoutes } from './guide.ts';
import type { App, Deps } from './http.ts';
import { jobsRoutes } from './jobs-routes.ts';
import { findForbiddenCharacter } from './json-body.ts';
import { withSafeLogging } from './logging.ts';
import { limitStatementTime } from './query-time.ts';
import { rateLimitError } from './rate-limits.ts';
import { securityHeaders } from './security-headers.ts';
import { APP_VERSION, systemRoutes } from './system-routes.ts';

export const BODY_LIMIT = 1024 * 1024;
const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface AppOptions {
  database: Database;
  config: Config;
  logger?: FastifyServerOptions['logger'];
  /** Serve the built web app from dist/web (off in API tests). */
  serveWeb?: boolean;
}

/** Builds the HTTP application: API under /api/v1, OpenAPI at /api/openapi.json, the web app elsewhere. */
/** A number of hops: the closest N proxies are believed (what proxy-addr does with a number). */
function trustedProxies(trust: Config['trustProxy']) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

export async function buildApp(options: AppOptions): Promise<App> {
  const { database, config } = options;
  const app = Fastify({
    logger: options.logger ? withSafeLogging(options.logger) : false,
    // One line per request is noise on a laptop; LOG_LEVEL=debug brings it back.
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
    trustProxy: trustedProxies(config.trustProxy),
    bodyLimit: BODY_LIMIT,
    // Errors are ours to word: no stack traces or internal messages reach clients.
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'fr');
  app.decorateRequest('sessionToken', null);
  // PostgreSQL cannot store NUL nor a lone surrogate: refuse them in JSON bodies, naming the field.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, String(body), (error, parsed) => {
      if (error) return done(error, undefined);
      const forbidden = findForbiddenCharacter(parsed);
      if (!forbidden) return done(null, parsed);
      done(new AppError('INVALID_INPUT', forbidden.messageKey, { fieldErrors: [forbidden] }), undefined);
    });
  });

  await app.register(cookie, { secret: await sessionSecret(database.db, config.sessionSecret) });
  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(headers.set);
    for (const name of headers.remove) reply.removeHeader(name);
  });
  // A coarse per-instance limit against runaway scripts; login throttling proper lives in the database.
  await app.register(rateLimit, { max: 1200, timeWindow: '1 minute', errorResponseBuilder: rateLimitError });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Seconde Vie API',
        version: APP_VERSION,
        description:
          'Refurbished-computer digital-inclusion programmes. Log in with `POST /api/v1/session`, or send an API token as `Authorization: Bearer <token>`. Errors are `application/problem+json`.',
      },
      components: {
        securitySchemes: {
          cookie: { type: 'apiKey', in: 'cookie', name: 'sv_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ cookie: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Before any worker or timer may check a connection out (a pool built with the limit is left as is).
  await limitStatementTime(database.pool, database.mode, config.statementTimeoutSeconds);
  const outboxWorker = startOutboxWorker(
    database.db,
    createTransport(config.smtpUrl),
    senderAddress(config.mailFrom, config.publicUrl),
    app.log,
  );
  const stopReminders = scheduleLoanReminders(database.db, config.publicUrl, app.log, outboxWorker.kick);
  const stopPortalJobs = schedulePortalJobs(database.db, config.publicUrl, app.log, outboxWorker.kick);
  const stopFollowUpJobs = scheduleFollowUpJobs(database.db, config.publicUrl, app.log, outboxWorker.kick);
  const stopBackups = scheduleBackups(database, config, app.log);
  app.addHook('onClose', async () => {
    // Every timer stops at once; then the turns under way end (30 s at most) before the database closes.
    await Promise.all([
      stopBackups(),
      stopReminders(),
      stopPortalJobs(),
      stopFollowUpJobs(),
      outboxWorker.stop(),
    ]);
  });
  const deps: Deps = { database, config, mail: outboxWorker };
  // Cross-site writes are refused before the session is even looked up.
  app.addHook('onRequest', csrfHook(config.publicUrl));
  app.addHook('onRequest', authenticationHook(database.db));
  app.setErrorHandler(errorHandler(BODY_LIMIT, config.statementTimeoutSeconds));

  await app.register(
    async (api) => {
      const typed = api.withTypeProvider<ZodTypeProvider>();
      systemRoutes(typed, deps);
      jobsRoutes(typed, deps);
      authRoutes(typed, deps);
      organisationRoutes(typed, deps);
      accountRoutes(typed, deps);
      auditRoutes(typed, deps);
      notificationRoutes(typed, deps);
      await inventoryRoutes(typed, deps);
      programmeRoutes(typed, deps);
      distributionRoutes(typed, deps);
      trainingRoutes(typed, deps);
      reportRoutes(typed, deps);
      portalRoutes(typed, deps);
      followUpRoutes(typed, deps);
      budgetRoutes(typed, deps);
      statementRoutes(typed, deps);
      workforceRoutes(typed, deps);
      chequeRoutes(typed, deps);
      censusRoutes(typed, deps);
    },
    { prefix: '/api/v1' },
  );

  const serveWeb = options.serveWeb ?? true;
  if (serveWeb && existsSync(path.join(WEB_ROOT, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: WEB_ROOT,
      index: false,
      // The build writes .br and .gz copies: old machines on slow connections get a third of the bytes.
      preCompressed: true,
      setHeaders(reply, filePath) {
        // Hashed file names never change content: cache them for good. Everything else is revalidated.
        reply.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    }); // The address people type first: the static files have no index (the app's page answers every path),
    // so the root is the app's page too, not a directory listing refused.
    app.get('/', (_request, reply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html', WEB_ROOT),
    );
  }
  guideRoutes(app); // the user guide at /aide (docs/guide), with or without the web app
  app.setNotFoundHandler(async (request, reply) => {
    // A missing script or style must be a 404, not the app's page (a tab left open across an upgrade).
    if (
      request.url.startsWith('/api/') ||
      request.url.startsWith('/assets/') ||
      !serveWeb ||
      request.method !== 'GET'
    ) {
      throw new AppError('NOT_FOUND', 'errors.route_not_found');
    }
    if (!existsSync(path.join(WEB_ROOT, 'index.html'))) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built: run `npm run build`.');
    }
    // The single-page app answers every other path; its router shows the page or "not found".
    return reply.header('cache-control', 'no-cache').sendFile('index.html', WEB_ROOT);
  });
  return app;
}
