import { z } from 'zod';
import {
  type App,
  actorOf,
  type Deps,
  errorResponses,
  IdParams,
  Problem,
  paginated,
} from '../../server/http.ts';
import * as deviceService from './devices.ts';
import * as donationService from './donations.ts';
import { recordErasure } from './erasures.ts';
import * as locationService from './locations.ts';
import {
  BulkStatusBody,
  CreateDeviceBody,
  CreateDonationBody,
  CreatedErasure,
  CreateErasureBody,
  CreateLocationBody,
  Device,
  DeviceDetail,
  DeviceListQuery,
  Donation,
  DonationDetail,
  DonationListQuery,
  Location,
  LocationQuery,
  StatusBody,
  StockSummary,
  StockSummaryQuery,
  UpdateDeviceBody,
  UpdateLocationBody,
} from './schemas.ts';
import { changeDeviceStatus, changeDevicesStatus } from './status.ts';

const ruleResponses = { ...errorResponses, 422: Problem } as const;

/** Donations, devices, erasures and stock locations. */
export function inventoryRoutes(app: App, deps: Deps): void {
  const { db } = deps.database;

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
        response: { 200: z.object({ items: z.array(Location), nextCursor: z.null() }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await locationService.listLocations(
        db,
        actorOf(request),
        request.query.organisationId,
        request.query.archived,
      ),
      nextCursor: null,
    }),
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
}
