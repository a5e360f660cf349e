import { z } from 'zod';
import {
  type App,
  actorOf,
  CalendarDay,
  type Deps,
  errorResponses,
  Instant,
  ListQuery,
  paginated,
} from '../../server/http.ts';
import { listAuditEntries } from './service.ts';

const AuditEntry = z
  .object({
    id: z.uuid(),
    at: Instant,
    actorUserId: z.uuid().nullable(),
    organisationId: z.uuid().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    fields: z.array(z.string()).describe('Names of the fields that changed, never their values'),
    ip: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

const AuditQuery = ListQuery.extend({
  organisationId: z.uuid().optional(),
  actorUserId: z.uuid().optional(),
  action: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
  from: CalendarDay.optional().describe('First day, inclusive'),
  to: CalendarDay.optional().describe('Last day, inclusive'),
});

export function auditRoutes(app: App, deps: Deps): void {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail, newest first (organisation administrators see their organisations)',
        querystring: AuditQuery,
        response: { 200: paginated(AuditEntry), ...errorResponses },
      },
    },
    async (request) => listAuditEntries(deps.database.db, actorOf(request), request.query),
  );
}
