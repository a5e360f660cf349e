import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';
import {
  type App,
  actorOf,
  type Deps,
  errorResponses,
  IdParams,
  Problem,
  paginated,
  sendFile,
} from '../../server/http.ts';
import * as deviceService from './devices.ts';
import { batchSummaryPdf, erasureCertificatePdf, labelsPdf } from './documents-service.ts';
import * as donationService from './donations.ts';
import { recordErasure } from './erasures.ts';
import { detectKind } from './import/parse-device-file.ts';
import { importDevices } from './import-devices.ts';
import * as locationService from './locations.ts';
import { createRecyclingBatch, exportWasteRegister, pageRecyclingBatches } from './recycling.ts';
import {
  BulkStatusBody,
  CreateDeviceBody,
  CreateDonationBody,
  CreatedErasure,
  CreateErasureBody,
  CreateLocationBody,
  CreateRecyclingBatchBody,
  Device,
  DeviceDetail,
  DeviceListQuery,
  Donation,
  DonationDetail,
  DonationListQuery,
  Location,
  LocationQuery,
  RecyclingBatch,
  RecyclingBatchQuery,
  RegisterQuery,
  StatusBody,
  StockSummary,
  StockSummaryQuery,
  UpdateDeviceBody,
  UpdateLocationBody,
} from './schemas.ts';
import { changeDeviceStatus, changeDevicesStatus } from './status.ts';

const ruleResponses = { ...errorResponses, 422: Problem } as const;

/** Import files may be up to 10 MB (decisions: body limits); everything else keeps the 1 MB default. */
export const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ImportQuery = z.object({
  donationId: z.uuid({ message: 'validation.uuid' }),
  dryRun: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('Check the file and show the first rows and every error, without saving anything'),
});

/** The one file of a multipart upload; a truncated or garbled form is the sender's error (400), not ours. */
async function readUploadedFile(
  request: FastifyRequest,
): Promise<{ data: Buffer; filename: string; mimetype: string }> {
  try {
    const file = await request.file();
    if (!file) throw new AppError('INVALID_INPUT', 'import.no_file');
    return { data: await file.toBuffer(), filename: file.filename, mimetype: file.mimetype };
  } catch (err) {
    if (err instanceof AppError || typeof (err as { statusCode?: unknown }).statusCode === 'number')
      throw err;
    throw new AppError('INVALID_INPUT', 'errors.malformed_request');
  }
}

/** Donations, devices, erasures and stock locations. */
export async function inventoryRoutes(app: App, deps: Deps): Promise<void> {
  const { db } = deps.database;
  // The import's body parsers (10 MB, CSV, XLSX, multipart) live in their own scope, so that no other
  // route accepts those bodies.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    // Import files arrive as the raw body (text/csv, an XLSX) or as a multipart form field.
    scope.addContentTypeParser(
      ['text/csv', XLSX_TYPE, 'application/vnd.ms-excel'],
      { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );
    await scope.register(multipart, {
      limits: { fileSize: IMPORT_BODY_LIMIT, files: 1 },
      throwFileSizeLimit: true,
    });

    scope.post(
      '/devices/import',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags: ['inventory'],
          summary:
            'Import a CSV (text/csv body) or XLSX (multipart field "file") of devices into a donation: every row or none',
          querystring: ImportQuery,
          response: {
            200: z.object({
              rows: z.number().int(),
              preview: z.array(z.record(z.string(), z.unknown())),
              errors: z.array(z.object({ path: z.string(), message: z.string() })),
            }),
            201: z.object({ created: z.number().int() }),
            ...errorResponses,
            413: Problem,
          },
        },
      },
      async (request, reply) => {
        let data: Buffer;
        let kind: 'csv' | 'xlsx' | null;
        if (request.isMultipart()) {
          const file = await readUploadedFile(request);
          data = file.data;
          kind = detectKind(file.filename, file.mimetype);
        } else {
          data = request.body as Buffer;
          kind = detectKind(undefined, request.headers['content-type']);
        }
        if (!Buffer.isBuffer(data) || !kind)
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'import.unsupported_media_type');
        const result = await importDevices(db, actorOf(request), {
          donationId: request.query.donationId,
          data,
          kind,
          dryRun: request.query.dryRun,
        });
        if ('created' in result) return reply.code(201).send(result);
        return {
          rows: result.rows,
          preview: result.preview,
          errors: result.errors.map((e) => ({
            path: e.path,
            message: translate(request.locale, e.messageKey, e.params),
          })),
        };
      },
    );
  });

  app.post(
    '/donations',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Record a donation (a batch of devices from a donor to a refurbisher)',
        body: CreateDonationBody,
        response: { 201: DonationDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await donationService.createDonation(db, actorOf(request), request.body)),
  );

  app.get(
    '/donations',
    {
      schema: {
        tags: ['inventory'],
        summary: "Donations you may see (your organisation's, as donor or refurbisher), newest first",
        querystring: DonationListQuery,
        response: { 200: paginated(Donation), ...errorResponses },
      },
    },
    async (request) => donationService.listDonations(db, actorOf(request), request.query),
  );

  app.get(
    '/donations/:id',
    {
      schema: {
        tags: ['inventory'],
        summary: 'One donation, with its devices counted by status',
        params: IdParams,
        response: { 200: DonationDetail, ...errorResponses },
      },
    },
    async (request) => donationService.getDonation(db, actorOf(request), request.params.id),
  );

  app.post(
    '/devices',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Record a device: it gets its asset tag and the status "received"',
        body: CreateDeviceBody,
        response: { 201: Device, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await deviceService.createDevice(db, actorOf(request), request.body)),
  );

  app.get(
    '/devices',
    {
      schema: {
        tags: ['inventory'],
        summary: 'The stock: filter, search (asset tag, serial, brand, model), sort by asset tag',
        querystring: DeviceListQuery,
        response: { 200: paginated(Device), ...errorResponses },
      },
    },
    async (request) => deviceService.listDevices(db, actorOf(request), request.query),
  );

  app.get(
    '/devices/summary',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Counts by status, type and grade, for the same filters as the list',
        querystring: StockSummaryQuery,
        response: { 200: StockSummary, ...errorResponses },
      },
    },
    async (request) => deviceService.summariseStock(db, actorOf(request), request.query),
  );

  app.get(
    '/devices/by-tag/:tag',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Find a device by its asset tag, as typed or scanned (SV-004217, 4217)',
        params: z.object({ tag: z.string().max(40) }),
        response: { 200: Device, ...errorResponses },
      },
    },
    async (request) => deviceService.findDeviceByTag(db, actorOf(request), request.params.tag),
  );

  app.get(
    '/devices/:id',
    {
      schema: {
        tags: ['inventory'],
        summary: 'One device with its history and erasure records',
        params: IdParams,
        response: { 200: DeviceDetail, ...errorResponses },
      },
    },
    async (request) => deviceService.getDevice(db, actorOf(request), request.params.id),
  );

  app.patch(
    '/devices/:id',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Change what is known of a device (each change is an event)',
        params: IdParams,
        body: UpdateDeviceBody,
        response: { 200: Device, ...errorResponses },
      },
    },
    async (request) => deviceService.updateDevice(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/devices/:id/status',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Move a device through its lifecycle (409 for a move the table does not allow)',
        params: IdParams,
        body: StatusBody,
        response: { 200: Device, ...ruleResponses },
      },
    },
    async (request) => changeDeviceStatus(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/devices/status',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Move several devices at once, all or none',
        body: BulkStatusBody,
        response: { 200: z.object({ items: z.array(Device) }), ...ruleResponses },
      },
    },
    async (request) => {
      const { ids, ...change } = request.body;
      return { items: await changeDevicesStatus(db, actorOf(request), ids, change) };
    },
  );

  app.post(
    '/devices/:id/erasures',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Record the erasure of one storage medium (append-only)',
        params: IdParams,
        body: CreateErasureBody,
        response: { 201: CreatedErasure, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recordErasure(db, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/locations',
    {
      schema: {
        tags: ['inventory'],
        summary: "An organisation's stock locations",
        querystring: LocationQuery,
        response: { 200: paginated(Location), ...errorResponses },
      },
    },
    async (request) => locationService.listLocations(db, actorOf(request), request.query),
  );

  app.post(
    '/locations',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Add a stock location (a site, a shelf)',
        body: CreateLocationBody,
        response: { 201: Location, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await locationService.createLocation(db, actorOf(request), request.body)),
  );

  app.patch(
    '/locations/:id',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Rename, describe, archive or restore a location',
        params: IdParams,
        body: UpdateLocationBody,
        response: { 200: Location, ...errorResponses },
      },
    },
    async (request) => locationService.updateLocation(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/recycling-batches',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Send devices marked "to_recycle" to a recycler (WEEE): they become "recycled"',
        body: CreateRecyclingBatchBody,
        response: { 201: RecyclingBatch, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createRecyclingBatch(db, actorOf(request), request.body)),
  );

  app.get(
    '/recycling-batches',
    {
      schema: {
        tags: ['inventory'],
        summary: "An organisation's recycling batches, newest first",
        querystring: RecyclingBatchQuery,
        response: {
          200: paginated(RecyclingBatch),
          ...errorResponses,
        },
      },
    },
    async (request) => pageRecyclingBatches(db, actorOf(request), request.query),
  );

  app.get(
    '/recycling/register.csv',
    {
      schema: {
        tags: ['inventory'],
        summary: 'The chronological waste register (R541-43) as CSV',
        querystring: RegisterQuery,
        produces: ['text/csv'],
        response: {
          200: {
            description: 'CSV, UTF-8 with BOM, semicolons',
            content: { 'text/csv': { schema: z.string() } },
          },
        },
      },
    },
    async (request, reply) => {
      const csv = await exportWasteRegister(db, actorOf(request), request.query, request.locale);
      return sendFile(reply, 'text/csv; charset=utf-8', 'registre-dechets.csv', csv, 'attachment');
    },
  );

  const pdfResponse = { description: 'PDF', content: { 'application/pdf': { schema: z.string() } } };

  app.get(
    '/devices/:id/erasure-certificate.pdf',
    {
      schema: {
        tags: ['inventory'],
        summary:
          'The erasure certificate of a device: every disk on one page, numbered, with the hash of the record',
        params: IdParams,
        produces: ['application/pdf'],
        response: { 200: pdfResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { pdf, filename } = await erasureCertificatePdf(
        db,
        actorOf(request),
        request.params.id,
        request.locale,
        deps.config.publicUrl,
      );
      return sendFile(reply, 'application/pdf', filename, pdf, 'inline');
    },
  );

  app.get(
    '/devices/labels.pdf',
    {
      schema: {
        tags: ['inventory'],
        summary: 'QR-code labels for the chosen devices: A4 sheets of 3×8 labels (70×37 mm) or a 62 mm roll',
        querystring: z.object({
          ids: z
            .string()
            .transform((v) =>
              v
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            )
            .pipe(
              z
                .array(z.uuid({ message: 'validation.uuid' }))
                .min(1)
                .max(2000),
            )
            .describe('Device ids, comma-separated'),
          layout: z.enum(['a4-3x8', 'roll-62mm']).default('a4-3x8'),
          skip: z.coerce
            .number()
            .int()
            .min(0)
            .max(23)
            .default(0)
            .describe('Labels already used on the first A4 sheet'),
        }),
        produces: ['application/pdf'],
        response: { 200: pdfResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { ids, layout, skip } = request.query;
      const pdf = await labelsPdf(
        db,
        actorOf(request),
        ids,
        layout,
        request.locale,
        deps.config.publicUrl,
        skip,
      );
      return sendFile(reply, 'application/pdf', 'etiquettes.pdf', pdf, 'inline');
    },
  );

  app.post(
    '/devices/labels.pdf',
    {
      schema: {
        tags: ['inventory'],
        summary: 'The same labels for many devices at once: the ids in the body instead of the address',
        body: z
          .object({
            ids: z
              .array(z.uuid({ message: 'validation.uuid' }))
              .min(1)
              .max(5000),
            layout: z.enum(['a4-3x8', 'roll-62mm']).default('a4-3x8'),
            skip: z.number().int().min(0).max(23).default(0),
          })
          .strict(),
        produces: ['application/pdf'],
        response: { 200: pdfResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { ids, layout, skip } = request.body;
      const pdf = await labelsPdf(
        db,
        actorOf(request),
        ids,
        layout,
        request.locale,
        deps.config.publicUrl,
        skip,
      );
      return sendFile(reply, 'application/pdf', 'etiquettes.pdf', pdf, 'inline');
    },
  );

  app.get(
    '/donations/:id/summary.pdf',
    {
      schema: {
        tags: ['inventory'],
        summary: "A one-page summary of a donation's devices and erasures",
        params: IdParams,
        produces: ['application/pdf'],
        response: { 200: pdfResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const pdf = await batchSummaryPdf(db, actorOf(request), request.params.id, request.locale);
      return sendFile(reply, 'application/pdf', 'recapitulatif-don.pdf', pdf, 'inline');
    },
  );
}
