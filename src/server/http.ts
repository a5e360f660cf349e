import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../lib/actor.ts';
import type { Config } from '../lib/config.ts';
import { AppError } from '../lib/errors.ts';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../lib/pagination.ts';

/** The Fastify instance every module's routes register on, typed for zod schemas. */
export type App = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What route modules need from the application. */
export interface Deps {
  database: Database;
  config: Config;
  /** Wakes the outbox worker after a change that wrote e-mails. */
  mail: { kick(): void };
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: 'fr' | 'en';
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without logging in (health, login, invitations, first-run status). */
    public?: boolean;
  }
}

/** The signed-in actor, or 401. (The auth hook already answers 401 on non-public routes.) */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'errors.unauthenticated');
  return request.actor;
}

/** An instant: ISO 8601 text on the wire, a Date in the code. */
export const Instant = z
  .codec(z.iso.datetime({ offset: true }), z.date(), {
    decode: (text) => new Date(text),
    encode: (date) => date.toISOString(),
  })
  .meta({ description: 'An instant, ISO 8601', example: '2026-11-25T14:30:00.000Z' });

/** A calendar day, YYYY-MM-DD. */
export const CalendarDay = z.iso
  .date()
  .meta({ description: 'A calendar day, YYYY-MM-DD', example: '2026-11-25' });

export const Uuid = z.uuid({ message: 'validation.uuid' });

export const IdParams = z.object({ id: Uuid });

export const ListQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .default(DEFAULT_LIMIT)
    .describe(`How many items per page (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})`),
  cursor: z.string().max(500).optional().describe('The `nextCursor` of the previous page'),
});

export function paginated<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` to get the next page; null on the last page'),
  });
}

/** RFC 9457 problem details, as every error is answered. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z
      .string()
      .describe('Stable error code: INVALID_INPUT, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT…'),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

/** The error answers most routes may give, for the OpenAPI document. */
export const errorResponses = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
} as const;

/** A required, non-blank text field (trimmed). */
export function requiredText(max: number) {
  return z.string().trim().min(1, { message: 'validation.blank' }).max(max);
}

/**
 * Sends a file (PDF, CSV). Fastify writes buffers and strings as they are; the routes' typed replies
 * only describe JSON bodies, hence the plain `FastifyReply` here.
 */
export function sendFile(
  reply: FastifyReply,
  contentType: string,
  filename: string,
  body: Buffer | string,
  disposition: 'inline' | 'attachment' = 'inline',
) {
  return reply
    .type(contentType)
    .header('content-disposition', `${disposition}; filename="${filename}"`)
    .send(body);
}
