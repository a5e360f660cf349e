import { z } from 'zod';
import { today } from '../../lib/dates.ts';
import { type App, actorOf, type Deps, errorResponses, sendFile } from '../../server/http.ts';
import { donorSummary } from './donor-summary.ts';
import { funderReport } from './funder-report.ts';
import { networkDashboard } from './network-dashboard.ts';
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

/** The period asked for, or the current calendar year. */
export function periodOf(query: PeriodQuery): { from: string; to: string } {
  const year = today().slice(0, 4);
  return { from: query.from ?? `${year}-01-01`, to: query.to ?? `${year}-12-31` };
}

const withRuleRefused = { ...errorResponses, 422: errorResponses[409] };

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

  void sendFile;
}

function yearOf(year: number | undefined): number {
  return year ?? Number(today().slice(0, 4));
}
