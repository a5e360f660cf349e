import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.ts';
import { AppError } from '../lib/errors.ts';
import { pickLocale } from '../lib/messages.ts';
import {
  authenticateApiToken,
  authenticateSession,
  type RequestContext,
  SESSION_MAX_DAYS,
} from '../modules/organisations/auth.ts';

export const SESSION_COOKIE = 'sv_session';

export function requestContext(request: FastifyRequest): RequestContext {
  return { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null, locale: request.locale };
}

/**
 * Whether a request is for /api (the API and its document), by its matched route and by its raw URL:
 * an encoded spelling of a route under /api is still under /api.
 */
function underApi(request: FastifyRequest): boolean {
  return [request.routeOptions.url, request.url].some(
    (url) => url !== undefined && (url === '/api' || url.startsWith('/api/') || url.startsWith('/api?')),
  );
}

/**
 * Runs first on every request: picks the language, then, for /api, finds the actor from a bearer token or
 * the session cookie. A non-public API route without an actor answers 401 here, before validation or any
 * other check. Outside /api (the web app's page and files, the guide at /aide) nothing reads the actor:
 * the session is not looked up, so a guide page and its screenshots cost no database round trip.
 */
export function authenticationHook(db: Db) {
  return async (request: FastifyRequest) => {
    request.locale = pickLocale(request.headers['accept-language']);
    request.actor = null;
    request.sessionToken = null;
    if (!underApi(request)) return;
    const header = request.headers.authorization;
    if (header?.toLowerCase().startsWith('bearer ')) {
      request.actor = await authenticateApiToken(db, header.slice(7).trim(), requestContext(request));
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) {
        request.sessionToken = cookie;
        request.actor = await authenticateSession(db, cookie, requestContext(request));
      }
    }
    // The matched route, not the raw URL: a percent-encoded path must not slip past the check.
    const isApi = (request.routeOptions.url ?? request.url).startsWith('/api/v1/');
    if (isApi && !request.actor && !request.routeOptions.config.public) {
      throw new AppError('UNAUTHENTICATED', 'errors.unauthenticated');
    }
  };
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure when the request came over HTTPS. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    // The browser keeps the cookie as long as a session can last; the server ends idle sessions itself.
    maxAge: SESSION_MAX_DAYS * 86_400,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
