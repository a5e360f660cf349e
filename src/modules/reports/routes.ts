import { z } from 'zod';
import {
  type App,
  actorOf,
  CalendarDay,
  type Deps,
  errorResponses,
  IdParams,
  sendFile,
} from '../../server/http.ts';
import { DeviceStatus, DeviceType } from '../inventory/schemas.ts';
import { donationReport, donationReportCsv, donationReportPdf } from './donation-report.ts';
import { networkReportRoutes } from './network-routes.ts';
import { programmeReportRoutes } from './programme-routes.ts';

const DonationReport = z
  .object({
    donation: z.object({
      id: z.uuid(),
      receivedOn: CalendarDay,
      donorOrganisationId: z.uuid(),
      donorName: z.string(),
      refurbisherOrganisationId: z.uuid(),
      refurbisherName: z.string(),
      declaredCount: z.number().int().nullable(),
      note: z.string().nullable(),
    }),
    devices: z.array(
      z.object({
        id: z.uuid(),
        assetTag: z.string(),
        type: DeviceType,
        status: DeviceStatus,
        weightKg: z.number().nullable(),
        erasure: z
          .object({ result: z.enum(['passed', 'failed']), certificateNumber: z.string().nullable() })
          .nullable(),
        fate: z
          .object({
            programmeId: z.uuid(),
            programmeName: z.string(),
            mode: z.enum(['sale', 'loan', 'donation']),
          })
          .nullable()
          .describe('Where the device went; null while it is not reused'),
      }),
    ),
    summary: z.object({
      received: z.number().int(),
      reused: z.number().int(),
      recycled: z.number().int(),
      inStock: z.number().int(),
      lost: z.number().int(),
      co2eAvoidedKg: z.number(),
      weeeAvoidedKg: z.number(),
    }),
  })
  .meta({ id: 'DonationReport' });

/** Reports: read models over every module, read-only. */
export function reportRoutes(app: App, deps: Deps): void {
  const { db } = deps.database;
  networkReportRoutes(app, deps);
  programmeReportRoutes(app, deps);

  app.get(
    '/reports/donations/:id',
    {
      schema: {
        tags: ['reports'],
        summary:
          "The donor's traceability report: every device, its erasure and its fate, never a person's identity",
        params: IdParams,
        response: { 200: DonationReport, ...errorResponses },
      },
    },
    async (request) => donationReport(db, actorOf(request), request.params.id),
  );

  app.get(
    '/reports/donations/:id.pdf',
    {
      schema: {
        tags: ['reports'],
        summary: "The donor's traceability report, with a thank-you summary, as PDF",
        params: IdParams,
        produces: ['application/pdf'],
        response: {
          200: { description: 'PDF', content: { 'application/pdf': { schema: z.string() } } },
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        'application/pdf',
        'rapport-tracabilite.pdf',
        await donationReportPdf(db, actorOf(request), request.params.id, request.locale),
        'inline',
      ),
  );

  app.get(
    '/reports/donations/:id.csv',
    {
      schema: {
        tags: ['reports'],
        summary: "The donor's traceability report as CSV (UTF-8 with BOM, semicolons)",
        params: IdParams,
        produces: ['text/csv'],
        response: {
          200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        'text/csv; charset=utf-8',
        'rapport-tracabilite.csv',
        await donationReportCsv(db, actorOf(request), request.params.id, request.locale),
        'attachment',
      ),
  );
}
