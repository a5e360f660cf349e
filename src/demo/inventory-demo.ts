import type { Executor } from '../db/tx.ts';
import type { Actor } from '../lib/actor.ts';
import { today } from '../lib/dates.ts';
import { createDevice, type DeviceFields, updateDevice } from '../modules/inventory/devices.ts';
import { createDonation } from '../modules/inventory/donations.ts';
import type { DeviceStatus } from '../modules/inventory/lifecycle.ts';
import { createLocation } from '../modules/inventory/locations.ts';
import { createRecyclingBatch } from '../modules/inventory/recycling.ts';
import { changeDeviceStatus } from '../modules/inventory/status.ts';
import { plusDays, wipeDemoDisk } from './demo-kit.ts';

/** How far each demo device has gone through the workshop. */
type Stage = 'received' | 'diagnosed' | 'refurbishing' | 'ready' | 'to_recycle' | 'recycled';

const PATH: Record<Stage, DeviceStatus[]> = {
  received: [],
  diagnosed: ['diagnosed'],
  refurbishing: ['diagnosed', 'refurbishing'],
  ready: ['diagnosed', 'refurbishing', 'ready'],
  to_recycle: ['diagnosed', 'to_recycle'],
  recycled: ['diagnosed', 'to_recycle'],
};

interface DemoDevice extends DeviceFields {
  stage: Stage;
  grade?: 'A' | 'B' | 'C';
}

const LAPTOP = {
  type: 'laptop',
  brand: 'Dell',
  model: 'Latitude 5490',
  cpu: 'Intel Core i5-8350U',
  ramGb: 8,
  storageGb: 256,
  storageType: 'ssd',
  weightKg: 1.6,
} as const;
const DESKTOP = {
  type: 'desktop',
  brand: 'HP',
  model: 'ProDesk 600 G4',
  cpu: 'Intel Core i5-8500',
  ramGb: 8,
  storageGb: 500,
  storageType: 'hdd',
  weightKg: 5.8,
} as const;

/** A town hall's batch of retired computers at the refurbisher, at every stage of the workshop. */
const TOWN_HALL_BATCH: DemoDevice[] = [
  ...Array.from({ length: 6 }, (_, i) => ({
    ...LAPTOP,
    serialNumber: `5CG82${710 + i}QX`,
    stage: 'ready' as const,
    grade: (['A', 'B'] as const)[i % 2],
  })),
  ...Array.from({ length: 3 }, (_, i) => ({
    ...DESKTOP,
    serialNumber: `CZC93${40 + i}LMP`,
    stage: 'refurbishing' as const,
  })),
  { ...LAPTOP, model: 'Latitude E7450', serialNumber: 'HX7Q2D2', ramGb: 4, stage: 'diagnosed' },
  { ...LAPTOP, brand: 'Lenovo', model: 'ThinkPad T470', serialNumber: 'PF0ZK3L1', stage: 'received' },
  {
    ...LAPTOP,
    brand: 'Lenovo',
    model: 'ThinkPad T470',
    serialNumber: 'PF0ZK3L7',
    stage: 'received',
    storageGb: 0,
    notes: 'Disque retiré par le donateur',
  },
  {
    type: 'monitor',
    brand: 'Dell',
    model: 'P2219H',
    serialNumber: 'CN-0F6WT4',
    weightKg: 4.2,
    stage: 'ready',
    grade: 'A',
  },
  {
    type: 'monitor',
    brand: 'Samsung',
    model: 'S22F350',
    serialNumber: 'ZZ3FH4LM',
    stage: 'recycled',
    notes: 'Dalle fêlée',
  },
  { type: 'printer', brand: 'Brother', model: 'HL-L2350DW', serialNumber: 'E78123K9N', stage: 'to_recycle' },
];

/**
 * The refurbisher's stock for the demo: locations, one donation from the town hall with devices at
 * every stage (disks wiped with their certificates), and one recycling batch. Made through the same
 * use cases as a technician's actions, so the history and the audit trail look real.
 */
export async function loadInventoryDemo(
  db: Executor,
  actor: Actor,
  ids: { refurbisher: string; donor: string },
  technicianName: string,
): Promise<void> {
  const workshop = await createLocation(db, actor, {
    organisationId: ids.refurbisher,
    name: 'Atelier',
    description: 'Postes de diagnostic et d’effacement',
  });
  const shelf = await createLocation(db, actor, {
    organisationId: ids.refurbisher,
    name: 'Stock — étagère A',
    description: 'Appareils prêts',
  });
  const donation = await createDonation(db, actor, {
    donorOrganisationId: ids.donor,
    refurbisherOrganisationId: ids.refurbisher,
    receivedOn: plusDays(today(), -51),
    pickupAddress: 'Hôtel de ville, 1 place de la Mairie, 45100 Saint-Aubin-sur-Loire',
    declaredCount: 16,
    note: 'Renouvellement du parc des services administratifs',
  });
  const recycle: string[] = [];
  for (const { stage, grade, ...fields } of TOWN_HALL_BATCH) {
    const device = await createDevice(db, actor, {
      ...fields,
      donationId: donation.id,
      locationId: workshop.id,
    });
    for (const status of PATH[stage]) {
      if (status === 'ready' && fields.storageGb !== 0 && ['laptop', 'desktop'].includes(fields.type)) {
        await wipeDemoDisk(db, actor, device.id, {
          diskSerial: `${fields.serialNumber}-D1`,
          storageType: fields.storageType,
          capacityGb: fields.storageGb,
          operatorName: technicianName,
        });
      }
      await changeDeviceStatus(db, actor, device.id, {
        status,
        locationId: status === 'ready' ? shelf.id : undefined,
      });
    }
    if (grade) {
      await updateDevice(db, actor, device.id, {
        grade,
        osImage: fields.type === 'monitor' ? undefined : 'Emmabuntüs 5',
      });
    }
    if (stage === 'recycled') recycle.push(device.id);
  }
  await createRecyclingBatch(db, actor, {
    organisationId: ids.refurbisher,
    shippedOn: plusDays(today(), -23),
    recyclerName: 'Envie Loiret',
    ecoOrganisme: 'ecosystem',
    trackingNumber: `BSD-${today().slice(0, 4)}-000318`,
    deviceIds: recycle,
  });
}
