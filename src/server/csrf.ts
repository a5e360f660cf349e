import type { FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.ts';
import { pickLocale } from '../lib/messages.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses writes a browser sends from another site (cross-site request forgery), where the browser says
 * where the request comes from.
 *
 * The main lock is the session cookie's SameSite=Lax: a browser that honours it (every current one) does not
 * send the cookie with a POST from another site. This check is a second lock: for sibling sub-domains
 * (same-site but not same-origin, which SameSite lets through), and for a cross-site login, which needs no
 * cookie at all.
 *
 * Browsers send `Sec-Fetch-Site` on every request (since 2019–2023, by browser), and `Origin` on unsafe
 * fetches: the first decides when present (`same-origin`, or `none` for what the person typed), the second
 * otherwise, and must be the request's own host or PUBLIC_URL's origin (behind a reverse proxy that does
 * not forward the host). A request with neither is let through: scripts and curl send neither, but so do
 * some older browsers on a plain HTML form's POST. Those are not stopped here; what protects them is
 * SameSite (on the browsers old enough to lack it too, nothing does). Requests with a bearer token never
 * rode on a cookie.
 *
 * Every unsafe API request is checked, not only those carrying a session cookie: a cross-site login
 * would otherwise log the victim into the attacker's account, and the public forms are only ever sent
 * from the app's own pages.
 */
export function csrfHook(publicUrl: string) {
  const publicOrigin = originOf(publicUrl);
  return async (request: FastifyRequest) => {
    if (!UNSAFE_METHODS.has(request.method)) return;
    if (!(request.routeOptions.url ?? request.url).startsWith('/api/')) return;
    if (request.headers.authorization?.toLowerCase().startsWith('bearer ')) return;
    if (isSameOrigin(request, publicOrigin)) return;
    // The refusal comes before authentication: word it in the caller's language here.
    request.locale = pickLocale(request.headers['accept-language']);
    throw new AppError('CSRF_REJECTED', 'errors.csrf_rejected');
  };
}

function isSameOrigin(request: FastifyRequest, publicOrigin: string | null): boolean {
  const site = header(request, 'sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = header(request, 'origin');
  if (origin === undefined) return true;
  const claimed = originOf(origin);
  if (claimed === null) return false; // "null" (sandboxed frames, privacy redirects) or garbage
  if (claimed === publicOrigin) return true;
  // The host the browser addressed, with the scheme it used (request.protocol honours TRUST_PROXY).
  return claimed === originOf(`${request.protocol}://${request.host}`);
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin.toLowerCase() : null;
  } catch {
    return null;
  }
}
