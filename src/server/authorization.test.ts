/**
 * Access control, proven exhaustively: every route of the OpenAPI document × every caller (anonymous, a
 * platform administrator, each role of organisation A, and A's donor, funder, coordinator and
 * association) × {A's resource, B's resource}, each answer checked against the declared permission map
 * (`permission-map.ts`): 401 anonymous, 404 what the caller may not see, 403 what it sees but may not do,
 * success otherwise. A route without an entry fails the test, by name. The routes answering files
 * (PDF, CSV, XLSX, calendars, images) are walked in `authorization-documents.test.ts`, beside this one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  documentedRoutes,
  isDocumentRoute,
  orderedRoutes,
  startWalk,
  summary,
  undeclared,
  type Walk,
  walkRoute,
} from '../../test/support/authz-walk.ts';
import { ROLES, type Role } from '../lib/actor.ts';
import { auditPermissions } from '../modules/audit/permissions.ts';
import { inventoryPermissions } from '../modules/inventory/permissions.ts';
import { notificationPermissions } from '../modules/notifications/permissions.ts';
import { organisationPermissions } from '../modules/organisations/permissions.ts';
import { peoplePermissions } from '../modules/programmes/permissions.ts';
import { reportPermissions } from '../modules/reports/network-permissions.ts';
import { trainingPermissions } from '../modules/training/permissions.ts';
import * as declared from './permission-map.ts';
import { permissionMap } from './permission-map.ts';

let walk: Walk;
const routes = orderedRoutes((route) => !isDocumentRoute(route));

beforeAll(async () => {
  walk = await startWalk();
}, 240_000);

afterAll(async () => {
  console.info(summary(walk, routes.length));
  await walk?.t.close();
});

describe('the permission map', () => {
  it('declares every route of the OpenAPI document, and only those', () => {
    const routes = documentedRoutes(walk.t);
    expect(undeclared(routes, permissionMap)).toEqual([]);
    expect(Object.keys(permissionMap).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('names the route a new endpoint without an entry would be', () => {
    const routes = [...documentedRoutes(walk.t), 'POST /api/v1/devices/{id}/teleport'];
    expect(undeclared(routes, permissionMap)).toEqual(['POST /api/v1/devices/{id}/teleport']);
  });

  it('writes out the same role lists as the modules’ permission maps', () => {
    const holders = (map: Record<Role, readonly string[]>, permission: string) =>
      ROLES.filter((role) => map[role].includes(permission));
    const pairs: [readonly Role[], Record<Role, readonly string[]>, string][] = [
      [declared.MEMBER_READ, organisationPermissions.map, 'member.read'],
      [declared.ORG_ADMIN, organisationPermissions.map, 'member.manage'],
      [declared.ORG_ADMIN, organisationPermissions.map, 'organisation.update'],
      [declared.ORG_ADMIN, auditPermissions.map, 'audit.read'],
      [declared.ORG_ADMIN, notificationPermissions.map, 'outbox.read'],
      [declared.ORG_ADMIN, reportPermissions.map, 'network.manage'],
      [declared.DEVICE_READ, inventoryPermissions.map, 'device.read'],
      [declared.DEVICE_READ, inventoryPermissions.map, 'donation.read'],
      [declared.DEVICE_WRITE, inventoryPermissions.map, 'device.write'],
      [declared.DEVICE_WRITE, inventoryPermissions.map, 'erasure.record'],
      [declared.DEVICE_WRITE, inventoryPermissions.map, 'donation.write'],
      [declared.LOCATION_MANAGE, inventoryPermissions.map, 'location.manage'],
      [declared.PEOPLE_READ, peoplePermissions.map, 'programme.read'],
      [declared.PEOPLE_READ, peoplePermissions.map, 'beneficiary.read'],
      [declared.PROGRAMME_MANAGE, peoplePermissions.map, 'programme.manage'],
      [declared.PROGRAMME_MANAGE, peoplePermissions.map, 'beneficiary.erase'],
      [declared.PEOPLE_WRITE, peoplePermissions.map, 'beneficiary.write'],
      [declared.PEOPLE_WRITE, peoplePermissions.map, 'referral.manage'],
      [declared.TRAINING_READ, trainingPermissions.map, 'training.read'],
      [declared.TRAINING_MANAGE, trainingPermissions.map, 'training.manage'],
      [declared.TRAINING_MANAGE, trainingPermissions.map, 'training.assess'],
      [declared.TRAINING_ENROL, trainingPermissions.map, 'training.enrol'],
      [declared.GRID_MANAGE, trainingPermissions.map, 'grid.manage'],
      [declared.REPORT_READ, reportPermissions.map, 'report.read'],
    ];
    for (const [list, map, permission] of pairs)
      expect([...list].sort(), permission).toEqual(holders(map, permission).sort());
  });
});

describe('every route × every caller × own and other organisation', () => {
  it.each(routes)('%s', async (route) => {
    expect(await walkRoute(walk, route)).toEqual([]);
  });
});
