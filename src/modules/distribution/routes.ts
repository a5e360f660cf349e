import { z } from 'zod';
import { DEVICE_TYPES } from '../../lib/vocabulary.ts';
import {
  type App,
  actorOf,
  CalendarDay,
  type Deps,
  errorResponses,
  IdParams,
  Instant,
  ListQuery,
  Problem,
  paginated,
  requiredText,
  sendFile,
  Uuid,
} from '../../server/http.ts';
import { PUBLIC_RATE_LIMITS } from '../../server/rate-limits.ts';
import {
  allocationSignature,
  availableDevices,
  cancelAllocation,
  cancelHandover,
  createAllocation,
  getAllocation,
  handOver,
  listAllocations,
} from './allocations.ts';
import { borrowerView, renewReportLink, reportByBorrower } from './borrower-link.ts';
import { ALLOCATION_DOCUMENTS, allocationDocument, subsidyStatement } from './documents-service.ts';
import {
  attachToEvent,
  completeHandoverEvent,
  createHandoverEvent,
  detachFromEvent,
  eventSignOffSheet,
  getHandoverEvent,
  listHandoverEvents,
} from './handover-events.ts';
import { grantInternetAid, internetAidTotals, listInternetAids } from './internet-aids.ts';
import { getLoan, listLoans, renewLoan, returnLoan } from './loans.ts';
import { ALLOCATION_STATUSES, PAYMENT_METHODS, TICKET_STATUSES } from './schema.ts';
import { suggestMatches } from './suggestions.ts';
import { getTicket, listTickets, openTicket, swapDevice, updateTicket } from './tickets.ts';

const ruleResponses = { ...errorResponses, 422: Problem } as const;
const Cents = z.number().int().min(0, { message: 'validation.not_negative' }).max(100_000_000);

const Loan = z
  .object({
    id: z.uuid(),
    allocationId: z.uuid(),
    programmeId: z.uuid(),
    deviceId: z.uuid(),
    beneficiaryId: z.uuid(),
    startedOn: CalendarDay,
    dueOn: CalendarDay,
    renewals: z.number().int(),
    maxRenewals: z.number().int().nullable().describe("The programme's cap on renewals (null: none)"),
    returnedOn: CalendarDay.nullable(),
    returnCondition: z.string().nullable(),
    hasReportLink: z.boolean().describe('The borrower has a link to report a problem without an account'),
    createdAt: Instant,
  })
  .meta({ id: 'Loan' });

const Allocation = z
  .object({
    id: z.uuid(),
    programmeId: z.uuid(),
    beneficiaryId: z.uuid(),
    referralId: z.uuid(),
    deviceId: z.uuid(),
    deviceOrganisationId: z.uuid(),
    assetTag: z.string(),
    deviceType: z.string(),
    status: z.enum(ALLOCATION_STATUSES),
    allocatedOn: CalendarDay,
    handedOverOn: CalendarDay.nullable(),
    paymentCents: z.number().int().nullable(),
    paymentMethod: z.enum(PAYMENT_METHODS).nullable(),
    paymentNote: z.string().nullable(),
    expectedContributionCents: z.number().int().nullable(),
    signedOnPaper: z.boolean(),
    hasSignature: z.boolean().describe('A signature was drawn at the handover (GET …/signature.png)'),
    handoverEventId: z.uuid().nullable(),
    cancelledAt: Instant.nullable(),
    cancelReason: z.string().nullable(),
    handoverCancelledAt: Instant.nullable(),
    handoverCancelReason: z.string().nullable(),
    loan: Loan.nullable(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Allocation' });

const InternetAid = z
  .object({
    id: z.uuid(),
    programmeId: z.uuid(),
    beneficiaryId: z.uuid(),
    amountCents: z.number().int(),
    months: z.number().int(),
    grantedOn: CalendarDay,
    provider: z.string().nullable(),
    proofReceived: z.boolean(),
    funderId: z.uuid().nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'InternetAid' });

const CreateAllocationBody = z.object({ programmeId: Uuid, beneficiaryId: Uuid, deviceId: Uuid }).strict();
const HandoverBody = z
  .object({
    handedOverOn: CalendarDay.optional().describe('Defaults to today; within the programme’s period'),
    payment: z
      .object({
        amountCents: Cents,
        method: z.enum(PAYMENT_METHODS),
        note: z
          .string()
          .trim()
          .max(1000)
          .nullable()
          .optional()
          .describe('Required when the amount differs from the contribution'),
      })
      .strict()
      .optional(),
    signedOnPaper: z.boolean().optional(),
    signature: z
      .string()
      .max(210_000)
      .nullable()
      .optional()
      .describe('A signature drawn on a tablet: data:image/png;base64,… (150 kB at most)'),
  })
  .strict();
const CancelBody = z.object({ reason: requiredText(500) }).strict();
const AllocationQuery = ListQuery.extend({
  programmeId: Uuid.optional(),
  beneficiaryId: Uuid.optional(),
  status: z.enum(ALLOCATION_STATUSES).optional(),
});
const LoanQuery = ListQuery.extend({
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('Not returned and due before today'),
  programmeId: Uuid.optional(),
  beneficiaryId: Uuid.optional(),
});
const ReturnBody = z
  .object({
    condition: z.string().trim().max(1000).nullable().optional(),
    returnedOn: CalendarDay.optional(),
  })
  .strict();
const InternetAidBody = z
  .object({
    programmeId: Uuid,
    beneficiaryId: Uuid,
    amountCents: Cents,
    months: z.number().int().min(1).max(120),
    grantedOn: CalendarDay.optional(),
    provider: z.string().trim().max(200).nullable().optional(),
    proofReceived: z.boolean().optional(),
    funderId: Uuid.nullable()
      .optional()
      .describe("Who pays it; defaults to the programme's internet-aid funder"),
  })
  .strict();
const InternetAidQuery = ListQuery.extend({ programmeId: Uuid.optional(), beneficiaryId: Uuid.optional() });
const InternetAidTotalsQuery = z.object({
  programmeId: Uuid.optional(),
  from: CalendarDay.optional(),
  to: CalendarDay.optional(),
});
const Tally = { count: z.number().int(), totalCents: z.number().int() };
const InternetAidTotals = z.object({
  ...Tally,
  byProgramme: z.array(z.object({ programmeId: z.uuid(), programmeName: z.string(), ...Tally })),
  byFunder: z.array(z.object({ funderId: z.uuid().nullable(), funderName: z.string().nullable(), ...Tally })),
});
const ReportToken = z.object({ token: z.string().max(100) });
const BorrowerView = z.object({
  organisationName: z.string(),
  programmeName: z.string(),
  assetTag: z.string(),
  deviceType: z.string(),
  dueOn: CalendarDay,
  tickets: z.array(z.object({ createdAt: Instant, status: z.enum(TICKET_STATUSES) })),
});
const BorrowerReportBody = z
  .object({
    description: requiredText(2000),
    contact: z.string().trim().max(200).nullable().optional().describe('How to reach you (optional)'),
    website: z.string().max(200).optional().describe('Leave empty'),
  })
  .strict();
const AvailableQuery = z.object({
  type: z.enum(DEVICE_TYPES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const AvailableDevice = z.object({
  id: z.uuid(),
  assetTag: z.string(),
  type: z.string(),
  brand: z.string().nullable(),
  model: z.string().nullable(),
  grade: z.string().nullable(),
  organisationId: z.uuid(),
});

/** Allocations, handovers, loans and internet aids. */
export function distributionRoutes(app: App, deps: Deps): void {
  const { db } = deps.database;

  const Ticket = z
    .object({
      id: z.uuid(),
      allocationId: z.uuid(),
      programmeId: z.uuid(),
      beneficiaryId: z.uuid(),
      deviceId: z.uuid(),
      assetTag: z.string(),
      description: z.string(),
      status: z.enum(TICKET_STATUSES),
      resolution: z.string().nullable(),
      swappedForDeviceId: z.uuid().nullable(),
      reportedByBorrower: z.boolean(),
      borrowerContact: z.string().nullable(),
      can: z.object({ update: z.boolean(), swap: z.boolean() }).describe('What you may do with it'),
      createdAt: Instant,
      updatedAt: Instant,
      resolvedAt: Instant.nullable(),
    })
    .meta({ id: 'MaintenanceTicket' });
  app.post(
    '/tickets',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Report a problem with a handed-over device (maintenance)',
        body: z.object({ allocationId: Uuid, description: requiredText(2000) }).strict(),
        response: { 201: Ticket, ...ruleResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await openTicket(db, actorOf(request), request.body)),
  );
  app.get(
    '/tickets',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Maintenance tickets, newest first',
        querystring: ListQuery.extend({
          programmeId: Uuid.optional(),
          status: z.enum(TICKET_STATUSES).optional(),
        }),
        response: { 200: paginated(Ticket), ...errorResponses },
      },
    },
    async (request) => listTickets(db, actorOf(request), request.query),
  );
  app.get(
    '/tickets/:id',
    {
      schema: {
        tags: ['distribution'],
        summary: 'One ticket',
        params: IdParams,
        response: { 200: Ticket, ...errorResponses },
      },
    },
    async (request) => getTicket(db, actorOf(request), request.params.id),
  );
  app.patch(
    '/tickets/:id',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Move a ticket on: open, in_progress, waiting_part, resolved (with a resolution)',
        params: IdParams,
        body: z
          .object({
            status: z.enum(TICKET_STATUSES),
            resolution: z.string().trim().max(2000).nullable().optional(),
          })
          .strict(),
        response: { 200: Ticket, ...ruleResponses },
      },
    },
    async (request) => updateTicket(db, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/tickets/:id/swap',
    {
      schema: {
        tags: ['distribution'],
        summary:
          'Swap: another ready device to the person, the broken one back to refurbishing; the loan goes on',
        params: IdParams,
        body: z
          .object({ deviceId: Uuid, resolution: z.string().trim().max(2000).nullable().optional() })
          .strict(),
        response: { 200: Ticket, ...ruleResponses },
      },
    },
    async (request) => swapDevice(db, actorOf(request), request.params.id, request.body),
  );

  const HandoverEventRow = z.object({
    id: z.uuid(),
    programmeId: z.uuid(),
    heldOn: CalendarDay,
    place: z.string().nullable(),
    title: z.string().nullable(),
    completedAt: Instant.nullable(),
    createdAt: Instant,
  });
  const HandoverEvent = HandoverEventRow.extend({
    allocations: z.array(Allocation.extend({ beneficiaryName: z.string().nullable() })),
  }).meta({ id: 'HandoverEvent' });
  const EventParams = z.object({ id: Uuid, allocationId: Uuid });

  app.get(
    '/programmes/:id/suggestions',
    {
      schema: {
        tags: ['distribution'],
        summary:
          'Suggested matches: the waiting list in order against the ready stock, by the device each person needs',
        params: IdParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                referralId: z.uuid(),
                beneficiaryId: z.uuid(),
                beneficiaryName: z.string().nullable(),
                position: z.number().int(),
                deviceNeed: z.string().nullable(),
                accessibilityNeeds: z.boolean(),
                device: AvailableDevice.nullable(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({
      items: await suggestMatches(db, actorOf(request), request.params.id, request.query.limit),
    }),
  );
  app.post(
    '/handover-events',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Plan a group handover (a day of the programme’s period, a place)',
        body: z
          .object({
            programmeId: Uuid,
            heldOn: CalendarDay,
            place: z.string().trim().max(300).nullable().optional(),
            title: z.string().trim().max(200).nullable().optional(),
          })
          .strict(),
        response: { 201: HandoverEvent, ...ruleResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createHandoverEvent(db, actorOf(request), request.body)),
  );
  app.get(
    '/programmes/:id/handover-events',
    {
      schema: {
        tags: ['distribution'],
        summary: 'The programme’s group handovers, the latest first',
        params: IdParams,
        response: { 200: z.object({ items: z.array(HandoverEventRow) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listHandoverEvents(db, actorOf(request), request.params.id) }),
  );
  app.get(
    '/handover-events/:id',
    {
      schema: {
        tags: ['distribution'],
        summary: 'A group handover with its handovers',
        params: IdParams,
        response: { 200: HandoverEvent, ...errorResponses },
      },
    },
    async (request) => getHandoverEvent(db, actorOf(request), request.params.id),
  );
  app.post(
    '/handover-events/:id/allocations',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Put reserved allocations on the day’s list (all or none)',
        params: IdParams,
        body: z.object({ allocationIds: z.array(Uuid).min(1).max(500) }).strict(),
        response: { 200: HandoverEvent, ...ruleResponses },
      },
    },
    async (request) => attachToEvent(db, actorOf(request), request.params.id, request.body.allocationIds),
  );
  app.delete(
    '/handover-events/:id/allocations/:allocationId',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Take an allocation off the day’s list (it stays reserved)',
        params: EventParams,
        response: { 200: HandoverEvent, ...ruleResponses },
      },
    },
    async (request) => detachFromEvent(db, actorOf(request), request.params.id, request.params.allocationId),
  );
  app.post(
    '/handover-events/:id/handover',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Record every handover of the day at once (all or none), with the payments of a sale',
        params: IdParams,
        body: z
          .object({
            payments: z
              .array(
                z
                  .object({
                    allocationId: Uuid,
                    amountCents: Cents,
                    method: z.enum(PAYMENT_METHODS),
                    note: z.string().trim().max(1000).nullable().optional(),
                  })
                  .strict(),
              )
              .max(500)
              .optional(),
            signedOnPaper: z.boolean().optional(),
          })
          .strict(),
        response: { 200: HandoverEvent, ...ruleResponses },
      },
    },
    async (request) => completeHandoverEvent(db, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/handover-events/:id/sign-off-sheet.pdf',
    {
      schema: {
        tags: ['distribution'],
        summary: 'The day’s sign-off sheet, to print and sign: one row per handover',
        params: IdParams,
        response: { ...errorResponses },
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        'application/pdf',
        'feuille-emargement.pdf',
        await eventSignOffSheet(db, actorOf(request), request.params.id, request.locale),
      ),
  );

  app.get(
    '/allocations/:id/documents/:name',
    {
      schema: {
        tags: ['distribution'],
        summary:
          'A handover’s document: receipt.pdf (sale), loan-agreement.pdf (loan), donation-certificate.pdf (gift), handover-attestation.pdf — numbered at the first download, identical afterwards',
        params: z.object({
          id: Uuid,
          name: z.enum(Object.keys(ALLOCATION_DOCUMENTS).map((k) => `${k}.pdf`) as [string, ...string[]]),
        }),
        response: { ...ruleResponses },
      },
    },
    async (request, reply) => {
      const name = request.params.name.replace(/\.pdf$/, '') as keyof typeof ALLOCATION_DOCUMENTS;
      const doc = await allocationDocument(
        db,
        actorOf(request),
        request.params.id,
        name,
        request.locale,
        deps.config.publicUrl,
      );
      return sendFile(reply, 'application/pdf', doc.filename, doc.pdf);
    },
  );
  app.get(
    '/programmes/:id/subsidy-statement.pdf',
    {
      schema: {
        tags: ['distribution'],
        summary:
          "A funder's subsidy statement over a period (handovers in it): units and amounts, no person named",
        params: IdParams,
        querystring: z.object({ funderOrganisationId: Uuid, from: CalendarDay, to: CalendarDay }),
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      const doc = await subsidyStatement(
        db,
        actorOf(request),
        request.params.id,
        request.query,
        request.locale,
      );
      return sendFile(reply, 'application/pdf', doc.filename, doc.pdf);
    },
  );

  app.post(
    '/allocations',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Reserve a ready device for a person with an eligible referral (device → reserved)',
        body: CreateAllocationBody,
        response: { 201: Allocation, ...ruleResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createAllocation(db, actorOf(request), request.body)),
  );
  app.get(
    '/allocations',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Allocations of the people you may see, newest first',
        querystring: AllocationQuery,
        response: { 200: paginated(Allocation), ...errorResponses },
      },
    },
    async (request) => listAllocations(db, actorOf(request), request.query),
  );
  app.get(
    '/allocations/:id',
    {
      schema: {
        tags: ['distribution'],
        summary: 'One allocation',
        params: IdParams,
        response: { 200: Allocation, ...errorResponses },
      },
    },
    async (request) => getAllocation(db, actorOf(request), request.params.id),
  );
  app.post(
    '/allocations/:id/handover',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Hand the device over (→ handed_over, referral → equipped; a loan for a loan programme)',
        params: IdParams,
        body: HandoverBody,
        response: { 200: Allocation, ...ruleResponses },
      },
    },
    async (request) => handOver(db, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/allocations/:id/signature.png',
    {
      schema: {
        tags: ['distribution'],
        summary: 'The signature drawn at the handover (PNG)',
        params: IdParams,
        response: { ...errorResponses },
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        'image/png',
        'signature.png',
        await allocationSignature(db, actorOf(request), request.params.id),
      ),
  );
  app.post(
    '/allocations/:id/cancellation',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Cancel a reservation made by mistake, with a reason (the device goes back to ready)',
        params: IdParams,
        body: CancelBody,
        response: { 200: Allocation, ...ruleResponses },
      },
    },
    async (request) => cancelAllocation(db, actorOf(request), request.params.id, request.body.reason),
  );
  app.post(
    '/allocations/:id/handover-cancellation',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Take back a handover recorded by mistake, with a reason (the device is reserved again)',
        params: IdParams,
        body: CancelBody,
        response: { 200: Allocation, ...ruleResponses },
      },
    },
    async (request) => cancelHandover(db, actorOf(request), request.params.id, request.body.reason),
  );
  app.get(
    '/programmes/:id/available-devices',
    {
      schema: {
        tags: ['distribution'],
        summary: "Ready devices the programme's owner may allocate (its stock and its refurbisher partners')",
        params: IdParams,
        querystring: AvailableQuery,
        response: { 200: z.object({ items: z.array(AvailableDevice) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await availableDevices(db, actorOf(request), request.params.id, request.query),
    }),
  );
  app.get(
    '/loans',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Loans, soonest due first; `overdue=true`: not returned and due before today',
        querystring: LoanQuery,
        response: { 200: paginated(Loan), ...errorResponses },
      },
    },
    async (request) => listLoans(db, actorOf(request), request.query),
  );
  app.get(
    '/loans/:id',
    {
      schema: {
        tags: ['distribution'],
        summary: 'One loan',
        params: IdParams,
        response: { 200: Loan, ...errorResponses },
      },
    },
    async (request) => getLoan(db, actorOf(request), request.params.id),
  );
  app.post(
    '/loans/:id/renewal',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Renew: the due date moves on by the loan length from the current due date',
        params: IdParams,
        response: { 200: Loan, ...ruleResponses },
      },
    },
    async (request) => renewLoan(db, actorOf(request), request.params.id),
  );
  app.post(
    '/loans/:id/return',
    {
      schema: {
        tags: ['distribution'],
        summary: 'The device comes back (→ returned, in the refurbisher’s queue)',
        params: IdParams,
        body: ReturnBody.optional(),
        response: { 200: Loan, ...ruleResponses },
      },
    },
    async (request) => returnLoan(db, actorOf(request), request.params.id, request.body ?? {}),
  );
  app.post(
    '/loans/:id/report-link',
    {
      schema: {
        tags: ['distribution'],
        summary:
          'A new link for the borrower to report a problem without an account (shown once; the previous one stops working); the loan agreement is issued again with it',
        params: IdParams,
        response: { 201: z.object({ url: z.string(), documentNumber: z.string() }), ...ruleResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await renewReportLink(db, actorOf(request), request.params.id, deps.config.publicUrl)),
  );
  app.get(
    '/public/loans/:token',
    {
      config: { public: true, rateLimit: PUBLIC_RATE_LIMITS.read },
      schema: {
        tags: ['distribution'],
        summary: "The borrower's page: the lent device, its due date, the problems reported (no account)",
        params: ReportToken,
        response: { 200: BorrowerView, 404: Problem },
      },
    },
    async (request) => borrowerView(db, request.params.token),
  );
  app.post(
    '/public/loans/:token/tickets',
    {
      config: { public: true, rateLimit: PUBLIC_RATE_LIMITS.loanTicket },
      schema: {
        tags: ['distribution'],
        summary: 'The borrower reports a problem with the lent device (no account; 5 open at most)',
        params: ReportToken,
        body: BorrowerReportBody,
        response: {
          201: z.object({ createdAt: Instant, status: z.enum(TICKET_STATUSES) }),
          400: Problem,
          404: Problem,
          422: Problem,
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await reportByBorrower(db, request.params.token, request.body, {
          ip: request.ip,
          locale: request.locale,
        }),
      ),
  );
  app.post(
    '/internet-aids',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Grant an internet aid to a person referred to the programme',
        body: InternetAidBody,
        response: { 201: InternetAid, ...ruleResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await grantInternetAid(db, actorOf(request), request.body)),
  );
  app.get(
    '/internet-aids/totals',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Internet aids counted and summed per programme and per funder (granted within from–to)',
        querystring: InternetAidTotalsQuery,
        response: { 200: InternetAidTotals, ...errorResponses },
      },
    },
    async (request) => internetAidTotals(db, actorOf(request), request.query),
  );
  app.get(
    '/internet-aids',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Internet aids granted to the people you may see',
        querystring: InternetAidQuery,
        response: { 200: paginated(InternetAid), ...errorResponses },
      },
    },
    async (request) => listInternetAids(db, actorOf(request), request.query),
  );
}
