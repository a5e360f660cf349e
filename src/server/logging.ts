import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import { safeErrorForLog } from './errors.ts';

type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

/**
 * Log lines hold no personal data and no secret: a request is its method, its route's pattern and its
 * id — never its query string (`?q=` carries a person's name), its body, its headers (cookie,
 * authorization) or the client's address; a reply is its status; an error is its codes and stack
 * frames (safeErrorForLog), never a database message that may quote the values. The redaction paths
 * are the second lock, for a line that would put headers or credentials in by hand.
 */
export function withSafeLogging(options: LoggerOptions | true): LoggerOptions {
  return {
    ...(options === true ? {} : options),
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'headers.cookie',
        'headers.authorization',
        'res.headers["set-cookie"]',
        'headers["set-cookie"]',
        '*.password',
        '*.currentPassword',
        '*.newPassword',
        '*.token',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (request: FastifyRequest) => ({ method: request.method, route: routeOf(request) }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      err: (error: { code?: unknown }) => {
        const safe = safeErrorForLog(error);
        // The framework's own codes (FST_ERR_…) are safe; an error's message is not (it may quote values).
        const code = typeof error?.code === 'string' ? error.code : '';
        return { ...safe, type: String(safe.type), message: code, stack: String(safe.stack ?? '') };
      },
    },
  };
}

/** Path segments that look like a link's secret (long runs of letters and digits) or an e-mail. */
const SECRET_SEGMENT = /^(?:[A-Za-z0-9_-]{20,}|[^/]*@[^/]*)$/;

/**
 * The matched route's pattern (`/api/v1/public/loans/:token`); for a path no route matched (the web
 * app's pages, whose paths may hold a link's token), the path without its query and with secret-looking
 * segments masked.
 */
export function routeOf(request: Pick<FastifyRequest, 'url'> & { routeOptions?: { url?: string } }): string {
  const pattern = request.routeOptions?.url;
  if (pattern && !pattern.includes('*')) return pattern;
  const path = (request.url ?? '').split('?')[0] ?? '';
  return path
    .split('/')
    .map((segment) => (SECRET_SEGMENT.test(decodeURIComponentSafe(segment)) ? ':secret' : segment))
    .join('/');
}

function decodeURIComponentSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
