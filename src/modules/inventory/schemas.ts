import { z } from 'zod';
import { NAME_MAX_LENGTH, SEARCH_MAX_LENGTH } from '../../lib/limits.ts';
import { CalendarDay, Instant, ListQuery, requiredText, Uuid } from '../../server/http.ts';
import { DEVICE_TYPES, deviceFieldSchemas, GRADES, STORAGE_TYPES } from './device-fields.ts';
import { DEVICE_STATUSES } from './lifecycle.ts';

export const DeviceStatus = z.enum(DEVICE_STATUSES);
export const DeviceType = z.enum(DEVICE_TYPES);
export const Grade = z.enum(GRADES);

export const CreateDonationBody = z
  .object({
    donorOrganisationId: Uuid,
    refurbisherOrganisationId: Uuid,
    receivedOn: CalendarDay.optional().describe('Defaults to today'),
    pickupAddress: z.string().trim().max(500).optional(),
    declaredCount: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .optional()
      .describe('How many devices the donor announced'),
    note: z.string().trim().max(2000).optional(),
  })
  .strict()
  .meta({ id: 'CreateDonationBody' });

export const Donation = z
  .object({
    id: z.uuid(),
    donorOrganisationId: z.uuid(),
    refurbisherOrganisationId: z.uuid(),
    receivedOn: CalendarDay,
    pickupAddress: z.string().nullable(),
    declaredCount: z.number().int().nullable(),
    note: z.string().nullable(),
    donorName: z.string(),
    refurbisherName: z.string(),
    deviceCount: z.number().int().describe('Devices recorded so far'),
    createdAt: Instant,
  })
  .meta({ id: 'Donation' });

export const DonationDetail = Donation.extend({
  deviceCounts: z.record(z.string(), z.number().int()).describe('Devices recorded so far, by status'),
  can: z.object({ addDevices: z.boolean() }),
}).meta({ id: 'DonationDetail' });

export const DonationListQuery = ListQuery.extend({ organisationId: Uuid.optional() });

export const CreateDeviceBody = z
  .object({
    ...deviceFieldSchemas,
    donationId: Uuid.optional(),
    organisationId: Uuid.optional().describe(
      "Owner; defaults to the donation's refurbisher, else your organisation",
    ),
    locationId: Uuid.optional(),
  })
  .strict()
  .meta({ id: 'CreateDeviceBody' });

/** In a change, an empty text or null clears the field. */
const clearableText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const UpdateDeviceBody = z
  .object({
    brand: clearableText(100),
    model: clearableText(150),
    serialNumber: clearableText(100),
    cpu: clearableText(150),
    ramGb: z.number().min(0).max(4096).nullable().optional(),
    storageGb: z.number().min(0).max(1_000_000).nullable().optional(),
    storageType: z.enum(STORAGE_TYPES).nullable().optional(),
    screenSizeInches: z.number().min(0).max(100).nullable().optional(),
    batteryHealthPercent: z.number().int().min(0).max(100).nullable().optional(),
    weightKg: z.number().min(0).max(500).nullable().optional(),
    osImage: clearableText(150).describe('OS image installed, name and version'),
    grade: Grade.nullable().optional(),
    partsReplaced: clearableText(1000),
    qualityCheckPassed: z.boolean().nullable().optional(),
    notes: clearableText(2000),
    locationId: Uuid.nullable().optional(),
  })
  .strict()
  .meta({ id: 'UpdateDeviceBody' });

export const Device = z
  .object({
    id: z.uuid(),
    assetTag: z.string(),
    organisationId: z.uuid(),
    donationId: z.uuid().nullable(),
    type: DeviceType,
    status: DeviceStatus,
    brand: z.string().nullable(),
    model: z.string().nullable(),
    serialNumber: z.string().nullable(),
    cpu: z.string().nullable(),
    ramGb: z.number().nullable(),
    storageGb: z.number().nullable(),
    storageType: z.enum(STORAGE_TYPES).nullable(),
    screenSizeInches: z.number().nullable(),
    batteryHealthPercent: z.number().int().nullable(),
    weightKg: z.number().nullable(),
    osImage: z.string().nullable(),
    grade: Grade.nullable(),
    partsReplaced: z.string().nullable(),
    qualityCheckPassed: z.boolean().nullable(),
    notes: z.string().nullable(),
    locationId: z.uuid().nullable(),
    certificateNumber: z.string().nullable(),
    createdAt: Instant,
    updatedAt: Instant,
    can: z.object({ edit: z.boolean(), recordErasure: z.boolean() }),
  })
  .meta({ id: 'Device' });

export const Erasure = z
  .object({
    id: z.uuid(),
    deviceId: z.uuid(),
    method: z.string(),
    level: z.enum(['clear', 'purge', 'destroy']).nullable(),
    tool: z.string().nullable(),
    toolVersion: z.string().nullable(),
    passes: z.number().int().nullable(),
    verified: z.boolean(),
    result: z.enum(['passed', 'failed']),
    diskSerial: z.string().nullable(),
    diskModel: z.string().nullable(),
    storageType: z.string().nullable(),
    capacityGb: z.number().nullable(),
    operatorName: z.string().nullable(),
    startedAt: Instant.nullable(),
    performedAt: Instant,
  })
  .meta({ id: 'Erasure' });

export const DeviceEvent = z
  .object({
    id: z.uuid(),
    at: Instant,
    kind: z.enum(['received', 'status', 'updated', 'erasure', 'moved']),
    fromStatus: DeviceStatus.nullable(),
    toStatus: DeviceStatus.nullable(),
    locationId: z.uuid().nullable(),
    locationName: z.string().nullable(),
    note: z.string().nullable(),
    changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).nullable(),
    actorName: z.string().nullable(),
  })
  .meta({ id: 'DeviceEvent' });

export const DeviceDetail = Device.extend({
  events: z.array(DeviceEvent).describe('The history, newest first'),
  erasures: z.array(Erasure),
}).meta({ id: 'DeviceDetail' });

const commaList = <const V extends readonly [string, ...string[]]>(values: V) =>
  z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)))
    .optional();

const DeviceFilterFields = {
  organisationId: Uuid.optional(),
  status: commaList(DEVICE_STATUSES).describe('One status or several, comma-separated'),
  type: commaList(DEVICE_TYPES).describe('One type or several, comma-separated'),
  grade: commaList(GRADES),
  donationId: Uuid.optional(),
  locationId: Uuid.optional(),
  q: z.string().trim().max(SEARCH_MAX_LENGTH).optional().describe('Asset tag, serial number, brand or model'),
};

export const DeviceListQuery = ListQuery.extend({
  ...DeviceFilterFields,
  sort: z
    .enum(['assetTag', '-assetTag'])
    .optional()
    .describe('By asset tag, ascending (default) or descending'),
});
export const StockSummaryQuery = z.object(DeviceFilterFields);
export const StockSummary = z.object({
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  byType: z.record(z.string(), z.number().int()),
  byGrade: z.record(z.string(), z.number().int()),
});

export const StatusBody = z
  .object({
    status: DeviceStatus,
    expectedStatus: DeviceStatus.optional().describe(
      'The status you saw when deciding: if someone changed the device meanwhile, the answer is 409',
    ),
    note: z.string().trim().max(1000).optional(),
    locationId: Uuid.optional().describe('Where the device now is'),
  })
  .strict()
  .meta({ id: 'StatusChangeBody' });

export const BulkStatusBody = StatusBody.extend({
  ids: z.array(Uuid).min(1).max(500).describe('The devices to move, all or none'),
}).meta({ id: 'BulkStatusChangeBody' });

export const CreateErasureBody = z
  .object({
    method: requiredText(200).describe(
      'e.g. "NIST 800-88 overwrite, 1 pass", "ATA Secure Erase", "crypto erase"',
    ),
    level: z.enum(['clear', 'purge', 'destroy']).optional(),
    tool: z.string().trim().max(100).optional(),
    toolVersion: z.string().trim().max(50).optional(),
    passes: z.number().int().min(0).max(100).optional(),
    verified: z.boolean(),
    result: z.enum(['passed', 'failed']).describe('An erasure with exceptions is failed'),
    diskSerial: z.string().trim().max(100).optional(),
    diskModel: z.string().trim().max(150).optional(),
    storageType: z.enum(STORAGE_TYPES).optional(),
    capacityGb: z.number().min(0).max(1_000_000).optional(),
    operatorName: z.string().trim().max(NAME_MAX_LENGTH).optional().describe('Defaults to you'),
    startedAt: Instant.optional(),
    performedAt: Instant.optional().describe('When the erasure ended; defaults to now'),
  })
  .strict()
  .meta({ id: 'CreateErasureBody' });

export const CreatedErasure = Erasure.extend({ certificateNumber: z.string() }).meta({
  id: 'CreatedErasure',
});

export const Location = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    archivedAt: Instant.nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'Location' });
export const CreateLocationBody = z
  .object({
    organisationId: Uuid.optional(),
    name: requiredText(NAME_MAX_LENGTH),
    description: z.string().trim().max(500).optional(),
  })
  .strict();
export const UpdateLocationBody = z
  .object({
    name: requiredText(NAME_MAX_LENGTH).optional(),
    description: z.string().trim().max(500).nullable().optional(),
    archived: z.boolean().optional(),
  })
  .strict();
export const LocationQuery = ListQuery.extend({
  organisationId: Uuid.optional(),
  archived: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const CreateRecyclingBatchBody = z
  .object({
    organisationId: Uuid.optional(),
    shippedOn: CalendarDay.optional().describe('Defaults to today'),
    recyclerName: requiredText(NAME_MAX_LENGTH),
    recyclerSiret: z.string().trim().max(20).optional(),
    ecoOrganisme: z.string().trim().max(NAME_MAX_LENGTH).optional().describe('e.g. ecosystem, Ecologic'),
    ecoOrganismeSiren: z.string().trim().max(20).optional(),
    trackingNumber: z.string().trim().max(100).optional().describe('Waste tracking-form (bordereau) number'),
    wasteCode: z.string().trim().max(20).optional().describe('European waste code; defaults to 16 02 14'),
    weightKg: z
      .number()
      .min(0)
      .max(1_000_000)
      .optional()
      .describe("Weighed total; defaults to the devices' weights"),
    note: z.string().trim().max(2000).optional(),
    deviceIds: z.array(Uuid).min(1).max(5000).describe('Devices marked "to_recycle"'),
  })
  .strict()
  .meta({ id: 'CreateRecyclingBatchBody' });

export const RecyclingBatch = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    shippedOn: CalendarDay,
    recyclerName: z.string(),
    recyclerSiret: z.string().nullable(),
    ecoOrganisme: z.string().nullable(),
    ecoOrganismeSiren: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    wasteCode: z.string(),
    weightKg: z.number(),
    deviceCount: z.number().int(),
    note: z.string().nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'RecyclingBatch' });

export const RegisterQuery = z.object({
  organisationId: Uuid.optional(),
  from: CalendarDay.optional(),
  to: CalendarDay.optional(),
});

export const RecyclingBatchQuery = ListQuery.extend(RegisterQuery.shape);
