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

/** Turns any error into RFC 9457 problem details in the caller's language. */
export function toProblem(
  error: unknown,
  locale: Locale,
  bodyLimit: number,
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
  } else {
    appError = new AppError('INTERNAL', 'errors.internal');
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

export function errorHandler(bodyLimit: number) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    // Import routes allow larger bodies than the rest: name the limit of the route that refused.
    const limit = request.routeOptions?.bodyLimit ?? bodyLimit;
    const { problem, headers } = toProblem(error, request.locale ?? 'fr', limit);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: problem.code, status: problem.status }, 'request refused');
    return reply.code(problem.status).headers(headers).type('application/problem+json').send(problem);
  };
}
