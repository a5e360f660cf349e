/**
 * Access control, proven exhaustively: every route of the OpenAPI document × every caller (anonymous, a
 * platform administrator, each role of organisation A, and A's donor, funder, coordinator and
 * association) × {A's resource, B's resource}, each answer checked against the declared permission map
 * (`permission-map.ts`): 401 anonymous, 404 what the caller may not see, 403 what it sees but may not do,
 * success otherwise. A route without an entry fails the test, by name; so does a route none of whose
 * allowed callers ever gets a 2xx, unless the map declares it refusal-only and says why (the public token
 * routes are walked with real tokens, so they can succeed). The routes answering files
 * (PDF, CSV, XLSX, calendars, images) are walked in `authorization-documents.test.ts`, beside this one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  documentedRoutes,
  isDocumentRoute,
  orderedRoutes,
  startWalk,
  successCheck,
  summary,
  undeclared,
  type Walk,
  walkRoute,
} from '../../test/support/authz-walk.ts';
import { ROLES, type Role } from '../lib/actor.ts';
import { auditPermissions } from '../modules/audit/permissions.ts';
import { chequePermissions } from '../modules/cheques/permissions.ts';
import { inventoryPermissions } from '../modules/inventory/permissions.ts';
import { notificationPermissions } from '../modules/notifications/permissions.ts';
import { organisationPermissions } from '../modules/organisations/permissions.ts';
import { peoplePermissions } from '../modules/programmes/permissions.ts';
import { reportPermissions } from '../modules/reports/network-permissions.ts';
import { trainingPermissions } from '../modules/training/permissions.ts';
import { workforcePermissions } from '../modules/workforce/permissions.ts';
import * as declared from './permission-map.ts';
import { permissionMap, type RouteRule } from './permission-map.ts';

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

  it('fails a route whose handler refuses every allowed caller, unless the map declares it refusal-only', async () => {
    // Made up: a route answering every allowed caller 409 or 422 (a handler that refuses everyone).
    const teleport = 'POST /api/v1/devices/{id}/teleport';
    const refusing = { access: { kind: 'signedIn' }, success: [200, 409, 422] } as const;
    expect(successCheck(teleport, refusing, [409, 422, 409])).toMatch(
      /no allowed caller got a 2xx \(409, 422\)/,
    );
    expect(successCheck(teleport, refusing, [409, 201, 422])).toBeNull();
    expect(successCheck(teleport, { ...refusing, refusalOnly: 'why' }, [409, 422])).toBeNull();
    expect(successCheck(teleport, { ...refusing, refusalOnly: 'why' }, [201])).toMatch(
      /declared refusal-only/,
    );
    // Walked for real: the demo route refuses everyone once the instance holds organisations; without its
    // declaration the walk fails it.
    const { refusalOnly, ...withoutDeclaration } = permissionMap['POST /api/v1/demo'] as RouteRule;
    expect(refusalOnly).toBeTruthy();
    expect(await walkRoute(walk, 'POST /api/v1/demo', withoutDeclaration)).toEqual([
      expect.stringContaining('POST /api/v1/demo: no allowed caller got a 2xx (409)'),
    ]);
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
      [declared.CHEQUE_READ, chequePermissions.map, 'cheque.read'],
      [declared.CHEQUE_RECORD, chequePermissions.map, 'cheque.record'],
      [declared.CHEQUE_BATCH, chequePermissions.map, 'cheque.batch'],
      [declared.WORKFORCE_MANAGE, workforcePermissions.map, 'workforce.manage'],
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
