import { z } from 'zod';
import { type App, actorOf, type Deps, errorResponses, IdParams, sendFile } from '../../server/http.ts';
import { financialStatement } from './statement.ts';
import { renderStatementPdf, renderStatementXlsx } from './statement-documents.ts';

const StatementQuery = z.object({
  fundingId: z
    .string()
    .optional()
    .describe('A funding of the programme: the statement of that agreement (over its dates)'),
});

const file = (type: string, description: string) => ({
  200: { description, content: { [type]: { schema: z.string() } } },
  ...errorResponses,
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The financial statement of a programme (or of one funding agreement) as PDF and XLSX: for the owner
 * organisation's administrators, managers and viewers (404 to anyone else).
 */
export function statementRoutes(app: App, deps: Deps): void {
  const { db } = deps.database;
  const summary =
    "The programme's financial statement: planned against spent per item, fundings granted and received, unit costs; with fundingId, one agreement's statement over its dates";

  app.get(
    '/programmes/:id/budget/statement.pdf',
    {
      schema: {
        tags: ['budgets'],
        summary: `${summary} (PDF)`,
        params: IdParams,
        querystring: StatementQuery,
        produces: ['application/pdf'],
        response: file('application/pdf', 'PDF'),
      },
    },
    async (request, reply) => {
      const statement = await financialStatement(
        db,
        actorOf(request),
        request.params.id,
        request.query.fundingId,
      );
      return sendFile(
        reply,
        'application/pdf',
        'etat-financier.pdf',
        await renderStatementPdf(statement, request.locale),
        'attachment',
      );
    },
  );

  app.get(
    '/programmes/:id/budget/statement.xlsx',
    {
      schema: {
        tags: ['budgets'],
        summary: `${summary} (XLSX)`,
        params: IdParams,
        querystring: StatementQuery,
        produces: [XLSX],
        response: file(XLSX, 'XLSX'),
      },
    },
    async (request, reply) => {
      const statement = await financialStatement(
        db,
        actorOf(request),
        request.params.id,
        request.query.fundingId,
      );
      return sendFile(
        reply,
        XLSX,
        'etat-financier.xlsx',
        await renderStatementXlsx(statement, request.locale),
        'attachment',
      );
    },
  );
}
