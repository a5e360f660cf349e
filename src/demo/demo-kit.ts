/** Pieces the demo's parts share: acting as a demo account, and a laptop brought to « ready ». */
import type { Executor } from '../db/tx.ts';
import type { Actor, Role } from '../lib/actor.ts';
import { createDevice } from '../modules/inventory/devices.ts';
import { recordErasure } from '../modules/inventory/erasures.ts';
import { changeDeviceStatus } from '../modules/inventory/status.ts';
import { findUserByEmail } from '../modules/organisations/users.ts';

/** The actor of a demo account acting in one of its organisations with a role. */
export async function actAs(db: Executor, email: string, organisationId: string, role: Role): Promise<Actor> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error(`demo account ${email} missing`);
  return {
    userId: user.id,
    isPlatformAdmin: false,
    memberships: new Map([[organisationId, role]]),
    ip: null,
    locale: 'fr',
    via: 'system',
  };
}

/**
 * A laptop received by a refurbishing workshop and brought to « ready » as a technician would: diagnosed,
 * refurbished, its 256 GB SSD wiped (NIST 800-88 purge with nwipe, verified) by `operatorName`.
 */
export async function readyLaptop(
  db: Executor,
  actor: Actor,
  laptop: {
    organisationId: string;
    brand: string;
    model: string;
    serialNumber: string;
    operatorName: string;
  },
): Promise<string> {
  const device = await createDevice(db, actor, {
    organisationId: laptop.organisationId,
    type: 'laptop',
    brand: laptop.brand,
    model: laptop.model,
    serialNumber: laptop.serialNumber,
    storageGb: 256,
    storageType: 'ssd',
    ramGb: 8,
  });
  await changeDeviceStatus(db, actor, device.id, { status: 'diagnosed' });
  await changeDeviceStatus(db, actor, device.id, { status: 'refurbishing' });
  await recordErasure(db, actor, device.id, {
    method: 'NIST 800-88 — écrasement 1 passe avec vérification',
    level: 'purge',
    tool: 'nwipe',
    toolVersion: '0.36',
    passes: 1,
    verified: true,
    result: 'passed',
    diskSerial: `${laptop.serialNumber}-D1`,
    storageType: 'ssd',
    capacityGb: 256,
    operatorName: laptop.operatorName,
  });
  await changeDeviceStatus(db, actor, device.id, { status: 'ready' });
  return device.id;
}
