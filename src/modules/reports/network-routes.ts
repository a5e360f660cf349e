import { z } from 'zod';
import { today } from '../../lib/dates.ts';
import { invalidField } from '../../lib/errors.ts';
import { type App, actorOf, type Deps, errorResponses, sendFile } from '../../server/http.ts';
import { donorSummary } from './donor-summary.ts';
import { funderReport } from './funder-report.ts';
import { networkDashboard } from './network-dashboard.ts';
import { exportDonorSummary, exportFunderReport, exportNetworkDashboard } from './network-exports.ts';
import {
  agreeToNetworkMembership,
  listNetworkMembers,
  listNetworksOfOrganisation,
  removeNetworkMember,
} from './network-members.ts';
import {
  CoordinatorParams,
  CoordinatorQuery,
  DonorSummary,
  FunderReport,
  MemberOrganisationQuery,
  NetworkDashboard,
  NetworkMember,
  NetworkMemberParams,
  NetworkMembership,
  PeriodQuery,
  YearQuery,
} from './network-schemas.ts';

const OrganisationParams = z.object({ organisationId: z.uuid({ message: 'validation.uuid' }) });

/**
 * The period asked for, or the current calendar year; an end left out is 31 December of this year, so a
 * start after it is a reversed period (400 on `to`), never an empty one.
 */
export function periodOf(query: PeriodQuery): { from: string; to: string } {
  const year = today().slice(0, 4);
  const from = query.from ?? `${year}-01-01`;
  const to = query.to ?? `${year}-12-31`;
  if (to < from) throw invalidField('to', 'reports.period_reversed', { from, to });
  return { from, to };
}

const withRuleRefused = { ...errorResponses, 422: errorResponses[409] };

const FILE_TYPES = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The OpenAPI description of a file reply. */
function fileResponse(format: keyof typeof FILE_TYPES) {
  const type = FILE_TYPES[format].split(';')[0] as string;
  return {
    200: { description: format.toUpperCase(), content: { [type]: { schema: z.string() } } },
    ...withRuleRefused,
  };
}

/** Networks, the network dashboard, the funder report and the donor's yearly summary. */
export function networkReportRoutes(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.get(
    '/networks/:coordinatorId/members',
    {
      schema: {
        tags: ['reports'],
        summary: "A coordinator's network: active members, invitations and requests",
        params: CoordinatorParams,
        response: { 200: z.object({ items: z.array(NetworkMember) }), ...withRuleRefused },
      },
    },
    async (request) => ({
      items: await listNetworkMembers(db, actorOf(request), request.params.coordinatorId),
    }),
  );

  app.put(
    '/networks/:coordinatorId/members/:organisationId',
    {
      schema: {
        tags: ['reports'],
        summary:
          "Agree to a membership: the coordinator's administrators invite, the organisation's administrators accept (or ask); counted once both agreed",
        params: NetworkMemberParams,
        response: { 200: NetworkMember, ...withRuleRefused },
      },
    },
    async (request) =>
      agreeToNetworkMembership(
        db,
        actorOf(request),
        request.params.coordinatorId,
        request.params.organisationId,
      ),
  );

  app.delete(
    '/networks/:coordinatorId/members/:organisationId',
    {
      schema: {
        tags: ['reports'],
        summary: 'End a membership, an invitation or a request (either side’s administrators)',
        params: NetworkMemberParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeNetworkMember(
        db,
        actorOf(request),
        request.params.coordinatorId,
        request.params.organisationId,
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/networks',
    {
      schema: {
        tags: ['reports'],
        summary: 'The networks an organisation belongs to or is asked to join',
        querystring: MemberOrganisationQuery,
        response: { 200: z.object({ items: z.array(NetworkMembership) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await listNetworksOfOrganisation(db, actorOf(request), request.query.organisationId),
    }),
  );

  app.get(
    '/reports/network',
    {
      schema: {
        tags: ['reports'],
        summary:
          'The network dashboard: stock, monthly flows, people equipped, training and impact across a coordinator\'s network — aggregates only, people counts below 5 shown as "<5"',
        querystring: CoordinatorQuery,
        response: { 200: NetworkDashboard, ...withRuleRefused },
      },
    },
    async (request) =>
      networkDashboard(
        db,
        actorOf(request),
        request.query.coordinatorOrganisationId,
        periodOf(request.query),
      ),
  );

  app.get(
    '/reports/funders/:organisationId',
    {
      schema: {
        tags: ['reports'],
        summary:
          'The funder report: per programme it pays for, units subsidised, amounts, internet aids and people reached by public against the targets — never a person',
        params: OrganisationParams,
        querystring: PeriodQuery,
        response: { 200: FunderReport, ...errorResponses },
      },
    },
    async (request) =>
      funderReport(db, actorOf(request), request.params.organisationId, periodOf(request.query)),
  );

  app.get(
    '/reports/donors/:organisationId/summary',
    {
      schema: {
        tags: ['reports'],
        summary:
          "The donor's yearly summary: devices given, reused, recycled, in progress, CO2e and WEEE avoided, per donation too",
        params: OrganisationParams,
        querystring: YearQuery,
        response: { 200: DonorSummary, ...errorResponses },
      },
    },
    async (request) =>
      donorSummary(db, actorOf(request), request.params.organisationId, yearOf(request.query.year)),
  );

  for (const format of ['pdf', 'csv'] as const) {
    app.get(
      `/reports/network.${format}`,
      {
        schema: {
          tags: ['reports'],
          summary: `The network dashboard as ${format.toUpperCase()} (aggregates only, "<5" kept)`,
          querystring: CoordinatorQuery,
          produces: [FILE_TYPES[format].split(';')[0] as string],
          response: fileResponse(format),
        },
      },
      async (request, reply) =>
        sendFile(
          reply,
          FILE_TYPES[format],
          `tableau-de-bord-reseau.${format}`,
          await exportNetworkDashboard(
            db,
            actorOf(request),
            request.query.coordinatorOrganisationId,
            periodOf(request.query),
            format,
          ),
          format === 'pdf' ? 'inline' : 'attachment',
        ),
    );
  }

  for (const format of ['pdf', 'csv', 'xlsx'] as const) {
    app.get(
      `/reports/funders/:organisationId.${format}`,
      {
        schema: {
          tags: ['reports'],
          summary: `The funder report as ${format.toUpperCase()}`,
          params: OrganisationParams,
          querystring: PeriodQuery,
          produces: [FILE_TYPES[format].split(';')[0] as string],
          response: fileResponse(format),
        },
      },
      async (request, reply) =>
        sendFile(
          reply,
          FILE_TYPES[format],
          `bilan-financeur.${format}`,
          await exportFunderReport(
            db,
            actorOf(request),
            request.params.organisationId,
            periodOf(request.query),
            format,
          ),
          format === 'pdf' ? 'inline' : 'attachment',
        ),
    );
  }

  for (const format of ['pdf', 'csv'] as const) {
    app.get(
      `/reports/donors/:organisationId/summary.${format}`,
      {
        schema: {
          tags: ['reports'],
          summary:
            format === 'pdf'
              ? "The donor's yearly summary as a PDF thank-you page"
              : "The donor's yearly summary as CSV, one row per donation",
          params: OrganisationParams,
          querystring: YearQuery,
          produces: [FILE_TYPES[format].split(';')[0] as string],
          response: fileResponse(format),
        },
      },
      async (request, reply) =>
        sendFile(
          reply,
          FILE_TYPES[format],
          `bilan-donateur-${yearOf(request.query.year)}.${format}`,
          await exportDonorSummary(
            db,
            actorOf(request),
            request.params.organisationId,
            yearOf(request.query.year),
            format,
          ),
          format === 'pdf' ? 'inline' : 'attachment',
        ),
    );
  }
}

function yearOf(year: number | undefined): number {
  return year ?? Number(today().slice(0, 4));
}
