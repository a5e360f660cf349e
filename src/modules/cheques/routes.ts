import { z } from 'zod';
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
  Uuid,
} from '../../server/http.ts';
import { createBatch, getBatch, listBatches, recordReimbursement } from './batches.ts';
import {
  deleteCheque,
  LIST_FILTERS,
  listCheques,
  recordCheques,
  sessionCheques,
  updateCheque,
} from './cheques.ts';
import { chequeSummary } from './report.ts';
import { ChequeFiguresReply } from './report-schema.ts';
import { MAX_NUMBERS } from './rules.ts';
import { CHEQUE_ISSUERS } from './schema.ts';

const Issuer = z.enum(CHEQUE_ISSUERS).describe('pass_numerique (10 € cheques), regional, or other (named)');
const ChequeNumber = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ./-]{0,39}$/u, { message: 'cheques.number_invalid' })
  .describe('As printed on the cheque: letters, digits, spaces, dots, slashes and hyphens (40 at most)');
const Cents = z.number().int().min(1).max(1_000_000);

const Cheque = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    issuer: Issuer,
    issuerName: z.string().nullable(),
    number: z.string(),
    valueCents: z.number().int(),
    receivedOn: CalendarDay,
    expiresOn: CalendarDay,
    status: z.enum(['pending', 'sent', 'reimbursed', 'rejected']),
    expiry: z
      .enum(['expired', 'expiring'])
      .nullable()
      .describe('A pending cheque already expired, or expiring within 30 days'),
    daysLeft: z.number().int().describe('Days until the expiry (negative once expired)'),
    sessionId: z.uuid().nullable(),
    sessionStartsAt: Instant.nullable(),
    workshopId: z.uuid().nullable(),
    workshopTitle: z.string().nullable(),
    beneficiaryId: z.uuid().nullable().describe('Null once the person was erased'),
    personName: z.string().nullable(),
    batchId: z.uuid().nullable(),
    batchSentOn: CalendarDay.nullable(),
    batchReference: z.string().nullable(),
    rejectedReason: z.string().nullable(),
    can: z.object({ edit: z.boolean(), delete: z.boolean() }),
  })
  .meta({ id: 'TrainingCheque' });

const Batch = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    issuer: Issuer,
    issuerName: z.string().nullable(),
    sentOn: CalendarDay,
    reference: z.string().nullable(),
    note: z.string().nullable(),
    reimbursedOn: CalendarDay.nullable(),
    reimbursedCents: z.number().int().nullable(),
    chequeCount: z.number().int(),
    sentCents: z.number().int(),
    rejectedCount: z.number().int(),
    rejectedCents: z.number().int(),
    acceptedCents: z.number().int().describe('Sent less rejected: what the issuer owes'),
    can: z.object({ reimburse: z.boolean() }),
  })
  .meta({ id: 'ChequeBatch' });

const BatchDetail = Batch.extend({ cheques: z.array(Cheque) }).meta({ id: 'ChequeBatchDetail' });

const Summary = z
  .object({
    today: CalendarDay,
    byIssuer: z.array(ChequeFiguresReply),
    total: ChequeFiguresReply.omit({ issuer: true }),
  })
  .meta({ id: 'ChequeSummary' });

export const RecordChequesBody = z
  .object({
    beneficiaryId: Uuid.describe(
      'The person, enrolled in the workshop (and present, once attendance is taken)',
    ),
    issuer: Issuer,
    issuerName: z.string().trim().max(120).nullable().optional().describe('Required for `other`'),
    numbers: z
      .array(ChequeNumber)
      .min(1)
      .max(MAX_NUMBERS)
      .describe('One or several cheques of the same issuer'),
    valueCents: Cents.optional().describe('Each cheque’s value; 1000 (and only 1000) for the pass numérique'),
    expiresOn: CalendarDay.describe('End of validity printed on the cheque(s)'),
  })
  .strict();

export const UpdateChequeBody = z
  .object({
    number: ChequeNumber.optional(),
    valueCents: Cents.optional(),
    expiresOn: CalendarDay.optional(),
    issuerName: z.string().trim().max(120).nullable().optional(),
  })
  .strict();

export const CreateBatchBody = z
  .object({
    issuer: Issuer,
    chequeIds: z.array(Uuid).min(1).max(500).describe('Pending cheques of that issuer'),
    sentOn: CalendarDay.optional().describe('Default: today'),
    reference: z.string().trim().max(120).nullable().optional(),
    note: z.string().trim().max(1000).nullable().optional(),
  })
  .strict();

export const ReimbursementBody = z
  .object({
    reimbursedOn: CalendarDay,
    reimbursedCents: z.number().int().min(0).max(100_000_000),
    rejected: z
      .array(
        z
          .object({
            chequeId: Uuid,
            reason: z.string().trim().min(1, { message: 'validation.blank' }).max(300),
          })
          .strict(),
      )
      .max(500)
      .default([])
      .describe('Cheques the issuer refused, and why'),
  })
  .strict();

const ListFilters = ListQuery.extend({
  status: z
    .enum(LIST_FILTERS)
    .optional()
    .describe('expired / expiring: pending cheques past or within 30 days of their expiry'),
  issuer: Issuer.optional(),
  q: z.string().trim().max(40).optional().describe('Part of a cheque number'),
  sessionId: Uuid.optional(),
  batchId: Uuid.optional(),
});

const tags = ['training-cheques'];

/** Training cheques: recorded at sessions, listed, sent in batches, reimbursed; the reconciliation. */
export function chequeRoutes(app: App, deps: Deps): void {
  const { db } = deps.database;
  app.post(
    '/sessions/:id/cheques',
    {
      schema: {
        tags,
        summary: 'Record the cheques a person handed over at a session (one or several numbers)',
        params: IdParams,
        body: RecordChequesBody,
        response: {
          201: z.object({ items: z.array(Cheque), warnings: z.array(z.string()) }),
          ...errorResponses,
          422: Problem,
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recordCheques(db, actorOf(request), request.params.id, request.body)),
  );
  app.get(
    '/sessions/:id/cheques',
    {
      schema: {
        tags,
        summary: 'The cheques recorded at a session',
        params: IdParams,
        response: { 200: z.array(Cheque), ...errorResponses },
      },
    },
    async (request) => sessionCheques(db, actorOf(request), request.params.id),
  );
  app.get(
    '/organisations/:id/cheques',
    {
      schema: {
        tags,
        summary: 'An organisation’s training cheques, filtered (state, expiry, issuer, number)',
        params: IdParams,
        querystring: ListFilters,
        response: { 200: paginated(Cheque), ...errorResponses },
      },
    },
    async (request) => listCheques(db, actorOf(request), request.params.id, request.query),
  );
  app.get(
    '/organisations/:id/cheque-summary',
    {
      schema: {
        tags,
        summary: 'Reconciliation per issuer: received = sent + pending; reimbursed vs sent; expiring',
        params: IdParams,
        response: { 200: Summary, ...errorResponses },
      },
    },
    async (request) => chequeSummary(db, actorOf(request), request.params.id),
  );
  app.patch(
    '/cheques/:id',
    {
      schema: {
        tags,
        summary: 'Correct a pending cheque (a sent one: 409)',
        params: IdParams,
        body: UpdateChequeBody,
        response: { 200: Cheque, ...errorResponses, 422: Problem },
      },
    },
    async (request) => updateCheque(db, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/cheques/:id',
    {
      schema: {
        tags,
        summary: 'Delete a pending cheque recorded by mistake (a sent one: 409)',
        params: IdParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteCheque(db, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/organisations/:id/cheque-batches',
    {
      schema: {
        tags,
        summary: 'Send pending cheques of one issuer for reimbursement, as a batch',
        params: IdParams,
        body: CreateBatchBody,
        response: { 201: BatchDetail, ...errorResponses, 422: Problem },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createBatch(db, actorOf(request), request.params.id, request.body)),
  );
  app.get(
    '/organisations/:id/cheque-batches',
    {
      schema: {
        tags,
        summary: 'An organisation’s batches of cheques, the latest sent first',
        params: IdParams,
        querystring: ListQuery.extend({ issuer: Issuer.optional() }),
        response: { 200: paginated(Batch), ...errorResponses },
      },
    },
    async (request) => listBatches(db, actorOf(request), request.params.id, request.query),
  );
  app.get(
    '/cheque-batches/:id',
    {
      schema: {
        tags,
        summary: 'A batch of cheques and its cheques',
        params: IdParams,
        response: { 200: BatchDetail, ...errorResponses },
      },
    },
    async (request) => getBatch(db, actorOf(request), request.params.id),
  );
  app.post(
    '/cheque-batches/:id/reimbursement',
    {
      schema: {
        tags,
        summary: 'Record what the issuer paid for a batch and the cheques it refused (again: replaces)',
        params: IdParams,
        body: ReimbursementBody,
        response: { 200: BatchDetail, ...errorResponses, 422: Problem },
      },
    },
    async (request) => recordReimbursement(db, actorOf(request), request.params.id, request.body),
  );
}
