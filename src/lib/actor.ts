import { AppError, forbidden, notFound } from './errors.ts';
import type { Locale } from './messages.ts';

export const ROLES = ['admin', 'manager', 'technician', 'social_worker', 'trainer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: every service function receives one and checks permission itself. */
export interface Actor {
  /** Null for the system itself (CLI set-up commands, start-up tasks). */
  userId: string | null;
  /** Instance-wide administrator: may act in any organisation; reads of personal data are audited. */
  isPlatformAdmin: boolean;
  /** Organisation id → role in it. */
  memberships: ReadonlyMap<string, Role>;
  ip: string | null;
  locale: Locale;
  /** `link`: someone without an account using a secret link (a borrower reporting a problem). */
  via: 'session' | 'token' | 'system' | 'link';
}

/** The actor for work the instance does itself (first administrator, migrations, demo from the CLI). */
export function systemActor(): Actor {
  return {
    userId: null,
    isPlatformAdmin: true,
    memberships: new Map(),
    ip: null,
    locale: 'fr',
    via: 'system',
  };
}

/**
 * A domain's role → permission map, declared once (see each module's `permissions.ts`). The checks
 * follow one rule: an organisation the actor does not belong to is invisible (404); inside one, a
 * role without the permission is refused (403).
 */
export function defineRolePermissions<P extends string>(map: Record<Role, readonly P[]>) {
  const can = (actor: Actor, permission: P, organisationId: string): boolean => {
    if (actor.isPlatformAdmin) return true;
    const role = actor.memberships.get(organisationId);
    return role !== undefined && map[role].includes(permission);
  };
  return {
    map,
    can,
    /** Throws NOT_FOUND outside the organisation, FORBIDDEN inside it without the permission. */
    authorize(actor: Actor, permission: P, organisationId: string, entity = 'organisation'): void {
      if (!canSeeOrganisationInternals(actor, organisationId)) throw notFound(entity);
      if (!can(actor, permission, organisationId)) throw forbidden();
    },
    /** The organisations in which the actor holds the permission ('all' for a platform administrator). */
    organisationsWith(actor: Actor, permission: P): 'all' | string[] {
      if (actor.isPlatformAdmin) return 'all';
      return [...actor.memberships].filter(([, role]) => map[role].includes(permission)).map(([id]) => id);
    },
  };
}

/** Whether what belongs to this organisation (members, devices, people…) may be seen at all. */
export function canSeeOrganisationInternals(actor: Actor, organisationId: string): boolean {
  return actor.isPlatformAdmin || actor.memberships.has(organisationId);
}

/**
 * The organisation a request acts for: the one named in the body, else the caller's only membership.
 * With several memberships (or none, as a platform administrator) the caller must name it.
 */
export function actingOrganisationId(actor: Actor, given: string | undefined, field: string): string {
  if (given) return given;
  if (actor.memberships.size === 1) return [...actor.memberships.keys()][0] as string;
  throw new AppError('INVALID_INPUT', 'errors.invalid_input', {
    params: { count: 1 },
    fieldErrors: [{ path: field, messageKey: 'auth.acting_organisation_required', params: { field } }],
  });
}

export function requireUser(actor: Actor): string {
  if (!actor.userId) throw new AppError('UNAUTHENTICATED', 'errors.unauthenticated');
  return actor.userId;
}
