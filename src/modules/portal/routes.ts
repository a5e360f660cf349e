import { z } from 'zod';
import { DEVICE_TYPES, GRADES } from '../../lib/vocabulary.ts';
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
  Uuid,
} from '../../server/http.ts';
import { PUBLIC_RATE_LIMITS } from '../../server/rate-limits.ts';
import { ALLOCATION_STATUSES, TICKET_STATUSES } from '../distribution/schema.ts';
import { catalogue, createOrder } from './catalogue.ts';
import {
  approveOrder,
  cancelOrder,
  handOverOrder,
  prepareOrder,
  refuseOrder,
  reportOrderProblem,
} from './order-steps.ts';
import { getOrder, listOrders } from './orders.ts';
import { confirmRegistration, registerAssociation } from './registrations.ts';
import { ORDER_STATUSES, REGISTRATION_STATUSES } from './schema.ts';
import { getPortalSettings, publicPortalProgramme, putPortalSettings } from './settings.ts';
import {
  approveRegistration,
  listRegistrations,
  portalMemberships,
  refuseRegistration,
} from './verification.ts';

const ruleResponses = { ...errorResponses, 422: Problem } as const;

const PortalSettings = z
  .object({
    programmeId: z.uuid(),
    open: z.boolean(),
    maxDevicesPerYear: z.number().int(),
    maxOpenOrders: z.number().int(),
    intro: z.string().nullable(),
    publicUrl: z.string().describe('The public registration page'),
    accepts: z
      .boolean()
      .describe('Open, the programme open, and its rules admitting associations: registrations are taken'),
  })
  .meta({ id: 'PortalSettings' });

const PortalSettingsBody = z
  .object({
    open: z.boolean(),
    maxDevicesPerYear: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .describe('Devices per association and calendar year'),
    maxOpenOrders: z.number().int().min(1).max(100).describe('Orders open at once per association'),
    intro: z.string().trim().max(2000).nullable().optional().describe('Shown on the public page'),
  })
  .strict();

const PublicProgramme = z.object({
  programmeId: z.uuid(),
  programmeName: z.string(),
  organisationName: z.string(),
  intro: z.string().nullable(),
  accepts: z.boolean(),
  maxDevicesPerYear: z.number().int(),
  maxOpenOrders: z.number().int(),
});

const RegistrationBody = z
  .object({
    name: requiredText(200).describe('The association’s name'),
    rna: z.string().trim().max(20).nullable().optional().describe('RNA number: W then 9 characters'),
    siret: z.string().trim().max(30).nullable().optional().describe('SIRET: 14 digits (Luhn checked)'),
    address: requiredText(300),
    postcode: z
      .string()
      .trim()
      .regex(/^\d{5}$/, { message: 'validation.postcode_invalid' }),
    city: requiredText(120),
    activity: z
      .string()
      .trim()
      .min(10, { message: 'portal.activity_length' })
      .max(2000, { message: 'portal.activity_length' })
      .describe('What the association does'),
    peopleServed: z.number().int().min(1).max(1_000_000).describe('How many people it serves'),
    contactName: requiredText(200),
    contactEmail: z.email({ message: 'validation.email_invalid' }).max(254),
    contactPhone: z.string().trim().max(40).nullable().optional(),
    website: z.string().max(500).nullable().optional().describe('Leave empty (a field people never see)'),
  })
  .strict();

const Registration = z
  .object({
    id: z.uuid(),
    programmeId: z.uuid(),
    status: z.enum(REGISTRATION_STATUSES),
    name: z.string(),
    rna: z.string().nullable(),
    siret: z.string().nullable(),
    address: z.string(),
    postcode: z.string(),
    city: z.string(),
    activity: z.string(),
    peopleServed: z.number().int(),
    contactName: z.string(),
    contactEmail: z.string(),
    contactPhone: z.string().nullable(),
    createdAt: Instant,
    confirmedAt: Instant.nullable(),
    decidedAt: Instant.nullable(),
    refusalReason: z.string().nullable(),
    organisationId: z.uuid().nullable(),
    can: z.object({ decide: z.boolean() }),
  })
  .meta({ id: 'AssociationRegistration' });

const RegistrationQuery = ListQuery.extend({
  status: z
    .enum(REGISTRATION_STATUSES)
    .optional()
    .describe('`unconfirmed` ones are listed only when asked for'),
  q: z.string().trim().max(100).optional(),
});

const ReasonBody = z.object({ reason: requiredText(1000) }).strict();
const TokenParams = z.object({ token: z.string().max(100) });

const Membership = z.object({
  registrationId: z.uuid(),
  programmeId: z.uuid(),
  programmeName: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
});

const Catalogue = z.object({
  programmeId: z.uuid(),
  items: z.array(
    z.object({ deviceType: z.enum(DEVICE_TYPES), grade: z.string().nullable(), available: z.number().int() }),
  ),
  limits: z.object({
    maxDevicesPerYear: z.number().int(),
    maxOpenOrders: z.number().int(),
    devicesThisYear: z.number().int(),
    openOrders: z.number().int(),
  }),
});

const OrderBody = z
  .object({
    lines: z
      .array(
        z
          .object({
            deviceType: z.enum(DEVICE_TYPES),
            grade: z.enum(GRADES).nullable().optional().describe('Null or absent: any grade'),
            quantity: z.number().int().min(1).max(50),
          })
          .strict(),
      )
      .min(1)
      .max(10),
    note: z.string().trim().max(2000).nullable().optional(),
    organisationId: z
      .uuid()
      .optional()
      .describe('The association ordering, for a person in several associations approved in the programme'),
  })
  .strict();

const CatalogueQuery = z.object({
  organisationId: z
    .uuid()
    .optional()
    .describe('The association, for a person in several associations approved in the programme'),
});

const Order = z
  .object({
    id: z.uuid(),
    number: z.string().describe('C-YYYY-NNNN, per programme owner and year'),
    programmeId: z.uuid(),
    programmeName: z.string(),
    organisationId: z.uuid(),
    organisationName: z.string(),
    status: z.enum(ORDER_STATUSES),
    submittedOn: CalendarDay,
    note: z.string().nullable(),
    refusalReason: z.string().nullable(),
    cancelReason: z.string().nullable(),
    lines: z.array(
      z.object({ deviceType: z.string(), grade: z.string().nullable(), quantity: z.number().int() }),
    ),
    devices: z.array(
      z.object({
        allocationId: z.uuid(),
        deviceId: z.uuid(),
        assetTag: z.string(),
        deviceType: z.string(),
        grade: z.string().nullable(),
        status: z.enum(ALLOCATION_STATUSES),
        handedOverOn: CalendarDay.nullable(),
        loanDueOn: CalendarDay.nullable(),
        openTickets: z.number().int(),
      }),
    ),
    history: z.array(
      z.object({
        status: z.enum(ORDER_STATUSES),
        note: z.string().nullable(),
        at: Instant,
        byName: z.string().nullable(),
      }),
    ),
    can: z.object({
      approve: z.boolean(),
      refuse: z.boolean(),
      prepare: z.boolean(),
      handOver: z.boolean(),
      cancel: z.boolean(),
      reportProblem: z.boolean(),
    }),
  })
  .meta({ id: 'AssociationOrder' });

const OrderQuery = ListQuery.extend({
  programmeId: Uuid.optional(),
  status: z.enum(ORDER_STATUSES).optional(),
});

const PrepareBody = z
  .object({
    deviceIds: z
      .array(Uuid)
      .max(500)
      .optional()
      .describe('The devices to set aside; without: ready devices matching the lines, oldest first'),
  })
  .strict();
const HandOverBody = z
  .object({ on: CalendarDay.optional().describe('The handover day (default today)') })
  .strict();
const TicketParams = z.object({ id: Uuid, allocationId: Uuid });
const TicketBody = z.object({ description: requiredText(2000) }).strict();
const OrderTicket = z.object({
  id: z.uuid(),
  allocationId: z.uuid(),
  assetTag: z.string(),
  description: z.string(),
  status: z.enum(TICKET_STATUSES),
  createdAt: Instant,
});

/** The association portal: public registration, confirmation, the owner's verification, catalogue, orders. */
export function portalRoutes(app: App, deps: Deps): void {
  const db = deps.database.db;
  const publicUrl = deps.config.publicUrl;
  const tags = ['portal'];
  /** Every step writes e-mails in its transaction: wake the outbox worker once it is committed. */
  const mailing = async <T>(work: Promise<T>): Promise<T> => {
    const result = await work;
    deps.mail.kick();
    return result;
  };

  app.get(
    '/programmes/:id/portal',
    {
      schema: {
        tags,
        summary: 'A programme’s association portal: open or not, limits, public page (owner’s members)',
        params: IdParams,
        response: { 200: PortalSettings, ...errorResponses },
      },
    },
    async (request) => getPortalSettings(db, actorOf(request), request.params.id, publicUrl),
  );
  app.put(
    '/programmes/:id/portal',
    {
      schema: {
        tags,
        summary:
          'Open or close the association portal and set its limits (owner’s administrators and managers)',
        params: IdParams,
        body: PortalSettingsBody,
        response: { 200: PortalSettings, ...errorResponses },
      },
    },
    async (request) => putPortalSettings(db, actorOf(request), request.params.id, request.body, publicUrl),
  );
  app.get(
    '/public/portal/programmes/:id',
    {
      config: { public: true, rateLimit: PUBLIC_RATE_LIMITS.read },
      schema: {
        tags,
        summary: 'The public page of a programme open to associations (no account); 404 when it is not',
        params: IdParams,
        response: { 200: PublicProgramme, 400: Problem, 404: Problem },
      },
    },
    async (request) => publicPortalProgramme(db, request.params.id),
  );
  app.post(
    '/public/portal/programmes/:id/registrations',
    {
      config: { public: true, rateLimit: PUBLIC_RATE_LIMITS.portalRegistration },
      schema: {
        tags,
        summary:
          'An association registers (no account): always the same reply; a confirmation link is e-mailed (48 hours)',
        params: IdParams,
        body: RegistrationBody,
        response: { 202: z.object({ status: z.literal('check_your_email') }), 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      return reply.code(202).send(
        await mailing(
          registerAssociation(db, request.params.id, request.body, {
            locale: request.locale,
            publicUrl,
          }),
        ),
      );
    },
  );
  app.post(
    '/public/portal/confirmations/:token',
    {
      config: { public: true, rateLimit: PUBLIC_RATE_LIMITS.portalConfirmation },
      schema: {
        tags,
        summary:
          'The confirmation link followed: the registration waits for verification (again: same reply)',
        params: TokenParams,
        response: {
          200: z.object({
            status: z
              .enum(['pending', 'approved', 'refused'])
              .describe('Where the registration stands: waiting for verification, or decided'),
            programmeName: z.string(),
            organisationName: z.string(),
          }),
          404: Problem,
          410: Problem,
        },
      },
    },
    async (request) => {
      return mailing(confirmRegistration(db, request.params.token, { publicUrl }));
    },
  );
  app.get(
    '/programmes/:id/association-registrations',
    {
      schema: {
        tags,
        summary: 'A programme’s association registrations, newest first (owner’s members)',
        params: IdParams,
        querystring: RegistrationQuery,
        response: { 200: paginated(Registration), ...errorResponses },
      },
    },
    async (request) => listRegistrations(db, actorOf(request), request.params.id, request.query),
  );
  app.post(
    '/association-registrations/:id/approve',
    {
      schema: {
        tags,
        summary:
          'Approve a registration: the association’s organisation, account, record and referral (must be eligible)',
        params: IdParams,
        response: { 200: Registration, ...ruleResponses },
      },
    },
    async (request) => {
      return mailing(approveRegistration(db, actorOf(request), request.params.id, publicUrl));
    },
  );
  app.post(
    '/association-registrations/:id/refuse',
    {
      schema: {
        tags,
        summary: 'Refuse a registration with a reason (e-mailed)',
        params: IdParams,
        body: ReasonBody,
        response: { 200: Registration, ...errorResponses },
      },
    },
    async (request) => {
      return mailing(refuseRegistration(db, actorOf(request), request.params.id, request.body.reason));
    },
  );
  app.get(
    '/portal/memberships',
    {
      schema: {
        tags,
        summary: 'The programmes the caller’s association(s) were approved in ([] otherwise)',
        response: { 200: z.array(Membership), ...errorResponses },
      },
    },
    async (request) => portalMemberships(db, actorOf(request)),
  );
  app.get(
    '/portal/programmes/:id/catalogue',
    {
      schema: {
        tags,
        summary:
          'What the caller’s association may order: ready devices counted by type and grade, and its limits',
        params: IdParams,
        querystring: CatalogueQuery,
        response: { 200: Catalogue, ...errorResponses },
      },
    },
    async (request) => catalogue(db, actorOf(request), request.params.id, request.query.organisationId),
  );
  app.post(
    '/portal/programmes/:id/orders',
    {
      schema: {
        tags,
        summary: 'The caller’s association orders devices (within the programme’s limits and the catalogue)',
        params: IdParams,
        body: OrderBody,
        response: { 201: Order, ...ruleResponses },
      },
    },
    async (request, reply) => {
      return reply
        .code(201)
        .send(await mailing(createOrder(db, actorOf(request), request.params.id, request.body, publicUrl)));
    },
  );
  app.get(
    '/portal/orders',
    {
      schema: {
        tags,
        summary: 'Orders: the association’s own, or the programmes’ as their owner, newest first',
        querystring: OrderQuery,
        response: { 200: paginated(Order), ...errorResponses },
      },
    },
    async (request) => listOrders(db, actorOf(request), request.query),
  );
  app.get(
    '/portal/orders/:id',
    {
      schema: {
        tags,
        summary: 'An order, its devices and history',
        params: IdParams,
        response: { 200: Order, ...errorResponses },
      },
    },
    async (request) => getOrder(db, actorOf(request), request.params.id),
  );
  app.post(
    '/portal/orders/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve an order (owner)',
        params: IdParams,
        response: { 200: Order, ...ruleResponses },
      },
    },
    async (request) => {
      return mailing(approveOrder(db, actorOf(request), request.params.id, publicUrl));
    },
  );
  app.post(
    '/portal/orders/:id/refuse',
    {
      schema: {
        tags,
        summary: 'Refuse an order with a reason (owner)',
        params: IdParams,
        body: ReasonBody,
        response: { 200: Order, ...ruleResponses },
      },
    },
    async (request) => {
      return mailing(refuseOrder(db, actorOf(request), request.params.id, request.body.reason, publicUrl));
    },
  );
  app.post(
    '/portal/orders/:id/prepare',
    {
      schema: {
        tags,
        summary: 'Set devices aside for an approved order (allocations for the association; all or nothing)',
        params: IdParams,
        body: PrepareBody,
        response: { 200: Order, ...ruleResponses },
      },
    },
    async (request) => {
      return mailing(
        prepareOrder(db, actorOf(request), request.params.id, request.body?.deviceIds, publicUrl),
      );
    },
  );
  app.post(
    '/portal/orders/:id/hand-over',
    {
      schema: {
        tags,
        summary: 'Hand a prepared order over: every device through the distribution handover, together',
        params: IdParams,
        body: HandOverBody,
        response: { 200: Order, ...ruleResponses },
      },
    },
    async (request) => {
      return mailing(handOverOrder(db, actorOf(request), request.params.id, request.body?.on, publicUrl));
    },
  );
  app.post(
    '/portal/orders/:id/cancel',
    {
      schema: {
        tags,
        summary:
          'Cancel an order with a reason (association while submitted/approved; owner while prepared too)',
        params: IdParams,
        body: ReasonBody,
        response: { 200: Order, ...ruleResponses },
      },
    },
    async (request) => {
      return mailing(cancelOrder(db, actorOf(request), request.params.id, request.body.reason, publicUrl));
    },
  );
  app.post(
    '/portal/orders/:id/devices/:allocationId/tickets',
    {
      schema: {
        tags,
        summary: 'Report a problem with a handed-over device of the order: a maintenance ticket',
        params: TicketParams,
        body: TicketBody,
        response: { 201: OrderTicket, ...ruleResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await reportOrderProblem(
            db,
            actorOf(request),
            request.params.id,
            request.params.allocationId,
            request.body.description,
          ),
        ),
  );
}
