import { z } from 'zod';
import {
  type App,
  actorOf,
  type Deps,
  errorResponses,
  IdParams,
  Instant,
  ListQuery,
  paginated,
} from '../../server/http.ts';
import { getMail, listOutbox } from './outbox.ts';

const MAIL_STATUSES = ['pending', 'sent', 'failed', 'stored'] as const;

const MailSummary = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid().nullable(),
    toAddress: z.string(),
    template: z.string(),
    locale: z.string(),
    subject: z.string(),
    status: z
      .enum(MAIL_STATUSES)
      .describe('pending: to send; sent; failed: gave up after 5 attempts; stored: no SMTP_URL, kept here'),
    attempts: z.number().int(),
    lastError: z.string().nullable().describe('SMTP reply code or error code of the last failure'),
    nextAttemptAt: Instant,
    createdAt: Instant,
    sentAt: Instant.nullable(),
  })
  .meta({ id: 'MailSummary' });

const Mail = MailSummary.extend({ textBody: z.string(), htmlBody: z.string() }).meta({ id: 'Mail' });

const OutboxQuery = ListQuery.extend({
  status: z.enum(MAIL_STATUSES).optional(),
  organisationId: z.uuid().optional(),
});

/** The outbox: the e-mails the application wrote, sent or waiting (administrators). */
export function notificationRoutes(app: App, deps: Deps): void {
  const { db } = deps.database;
  app.get(
    '/outbox',
    {
      schema: {
        tags: ['notifications'],
        summary: "E-mails written by the application, newest first (your organisations' administrators)",
        querystring: OutboxQuery,
        response: { 200: paginated(MailSummary), ...errorResponses },
      },
    },
    async (request) => listOutbox(db, actorOf(request), request.query),
  );
  app.get(
    '/outbox/:id',
    {
      schema: {
        tags: ['notifications'],
        summary: 'One e-mail with its text and HTML bodies',
        params: IdParams,
        response: { 200: Mail, ...errorResponses },
      },
    },
    async (request) => getMail(db, actorOf(request), request.params.id),
  );
}
