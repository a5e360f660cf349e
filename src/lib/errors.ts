/**
 * One error class for the whole application. Services throw `AppError`; the HTTP layer turns it into
 * an RFC 9457 problem+json reply through the single `ERROR_STATUS` table below.
 */
export const ERROR_STATUS = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  /** A browser's write sent from another site with the session cookie (cross-site request forgery). */
  CSRF_REJECTED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  /** A link that worked once and no longer does (expired, or already used). */
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RULE_REFUSED: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  /** A database statement ran past its time limit (STATEMENT_TIMEOUT_SECONDS) and was cancelled. */
  QUERY_TIMEOUT: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  /** Where the problem is, e.g. `siret` or `row 17.serialNumber`. */
  path: string;
  /** Message key (see `messages.ts`) or an already translated sentence. */
  messageKey: string;
  params?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: string;
  readonly params: Record<string, unknown>;
  readonly fieldErrors: FieldError[];
  /** Extra headers the HTTP layer should send (e.g. Retry-After). */
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    messageKey: string,
    options: {
      params?: Record<string, unknown>;
      fieldErrors?: FieldError[];
      headers?: Record<string, string>;
    } = {},
  ) {
    super(`${code}: ${messageKey}`);
    this.name = 'AppError';
    this.code = code;
    this.messageKey = messageKey;
    this.params = options.params ?? {};
    this.fieldErrors = options.fieldErrors ?? [];
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** The record does not exist or the actor may not see it: both answer the same. */
export function notFound(entity: string): AppError {
  return new AppError('NOT_FOUND', 'errors.not_found', { params: { entity } });
}

export function forbidden(): AppError {
  return new AppError('FORBIDDEN', 'errors.forbidden');
}

export function invalidField(path: string, messageKey: string, params?: Record<string, unknown>): AppError {
  return new AppError('INVALID_INPUT', 'errors.invalid_input', {
    params: { count: 1 },
    fieldErrors: [{ path, messageKey, params }],
  });
}

export function conflict(messageKey: string, params?: Record<string, unknown>): AppError {
  return new AppError('CONFLICT', messageKey, { params });
}
