import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode } from '../lib/errors.ts';
import { type Locale, translate, translateZodIssue } from '../lib/messages.ts';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: { path: string; message: string }[];
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** The PostgreSQL error behind a (possibly wrapped) error. */
function pgErrorOf(
  error: unknown,
): { code: string; constraint?: string; routine?: string; table?: string } | null {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current && typeof current === 'object'; depth++) {
    const candidate = current as { code?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return candidate as { code: string };
    }
    current = candidate.cause;
  }
  return null;
}

/** Database refusals that are the caller's input, not our bug: bad characters, values out of range, dangling ids. */
function fromDatabaseError(error: unknown, statementTimeoutSeconds: number): AppError | null {
  const pg = pgErrorOf(error);
  if (!pg) return null;
  // Cancelled by statement_timeout (see query-time.ts): nothing was written, and the person should know why.
  if (pg.code === '57014') {
    return new AppError('QUERY_TIMEOUT', 'errors.query_timeout', {
      params: { seconds: statementTimeoutSeconds },
      headers: { 'retry-after': '30' },
    });
  }
  if (['22021', '22P02', '22007', '22008', '22003', '22001', '54000'].includes(pg.code)) {
    return new AppError('INVALID_INPUT', 'errors.invalid_value');
  }
  if (pg.code === '23503') return new AppError('NOT_FOUND', 'errors.not_found');
  // Two people changing the same records at the same moment: nothing was written, trying again works.
  if (pg.code === '40P01' || pg.code === '40001') return new AppError('CONFLICT', 'errors.concurrent_change');
  return null;
}

/**
 * What a failure log line may hold: codes and the query text with its placeholders, never the query's
 * parameters or the database's message (both can carry personal data or secrets).
 */
export function safeErrorForLog(error: unknown): Record<string, unknown> {
  const err = error as { name?: string; query?: string; stack?: string };
  const pg = pgErrorOf(error);
  return {
    type: err?.name ?? typeof error,
    ...(pg ? { pgCode: pg.code, constraint: pg.constraint, table: pg.table, routine: pg.routine } : {}),
    ...(typeof err?.query === 'string' ? { query: err.query } : {}),
    // Only the frames: a driver's message lines may quote the query's parameters (personal values).
    stack: err?.stack
      ?.split('\n')
      .filter((line) => /^\s+at /.test(line))
      .slice(0, 8)
      .join('\n'),
  };
}

/** Turns any error into RFC 9457 problem details in the caller's language. */
export function toProblem(
  error: unknown,
  locale: Locale,
  bodyLimit: number,
  statementTimeoutSeconds = 30,
): { problem: ProblemBody; headers: Record<string, string> } {
  let appError: AppError;
  let fieldMessages: { path: string; message: string }[] | undefined;
  const fastifyError = error as FastifyError;
  if (error instanceof AppError) {
    appError = error;
  } else if (hasZodFastifySchemaValidationErrors(error)) {
    fieldMessages = error.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || (error.validationContext ?? ''),
      message: translateZodIssue(locale, {
        code: v.keyword,
        message: v.message,
        ...(v.params as Record<string, unknown>),
      }),
    }));
    appError = new AppError('INVALID_INPUT', 'errors.invalid_input');
  } else if (
    fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
    fastifyError.code === 'FST_REQ_FILE_TOO_LARGE'
  ) {
    appError = new AppError('PAYLOAD_TOO_LARGE', 'errors.payload_too_large', {
      params: { limit: formatBytes(bodyLimit) },
    });
  } else if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    appError = new AppError('UNSUPPORTED_MEDIA_TYPE', 'errors.unsupported_media_type');
  } else if (
    fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    (fastifyError.statusCode === 400 && error instanceof SyntaxError)
  ) {
    appError = new AppError('INVALID_INPUT', 'errors.invalid_json');
  } else if (fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    appError = new AppError('INVALID_INPUT', 'errors.invalid_json');
  } else if (fastifyError.statusCode === 429) {
    appError = new AppError('TOO_MANY_REQUESTS', 'errors.too_many_requests', { params: { seconds: 60 } });
  } else if (
    typeof fastifyError.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    // Any other request the framework refused (a malformed multipart body, a bad header…).
    appError = new AppError('INVALID_INPUT', 'errors.malformed_request');
  } else {
    appError =
      fromDatabaseError(error, statementTimeoutSeconds) ?? new AppError('INTERNAL', 'errors.internal');
  }
  fieldMessages ??= appError.fieldErrors.map((f) => ({
    path: f.path,
    message: translate(locale, f.messageKey, f.params),
  }));
  const problem: ProblemBody = {
    type: `urn:seconde-vie:problem:${appError.code.toLowerCase().replaceAll('_', '-')}`,
    title: translate(locale, `errors.title.${appError.code}`),
    status: appError.status,
    detail: translate(locale, appError.messageKey, { count: fieldMessages.length, ...appError.params }),
    code: appError.code,
  };
  if (fieldMessages.length > 0) problem.errors = fieldMessages;
  return { problem, headers: appError.headers };
}

export function errorHandler(bodyLimit: number, statementTimeoutSeconds = 30) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    // Import routes allow larger bodies than the rest: name the limit of the route that refused.
    const limit = request.routeOptions?.bodyLimit ?? bodyLimit;
    const { problem, headers } = toProblem(error, request.locale ?? 'fr', limit, statementTimeoutSeconds);
    if (problem.status >= 500) request.log.error({ failure: safeErrorForLog(error) }, 'request failed');
    else request.log.info({ code: problem.code, status: problem.status }, 'request refused');
    return reply.code(problem.status).headers(headers).type('application/problem+json').send(problem);
  };
}
