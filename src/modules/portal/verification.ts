import { and, desc, eq, ilike, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/service.ts';
import { queueMail } from '../notifications/outbox.ts';
import { createInvitation } from '../organisations/auth.ts';
import { memberships, organisations } from '../organisations/schema.ts';
import { findUserByEmail, insertUser } from '../organisations/users.ts';
import { createBeneficiary } from '../programmes/beneficiaries.ts';
import { eligibilityMessage, searchPattern } from '../programmes/eligibility.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { createReferral } from '../programmes/referral-changes.ts';
import { programmes, referrals } from '../programmes/schema.ts';
import { registrationStatusWords } from './messages.ts';
import type { Registration } from './registrations.ts';
import { associationRegistrations, type RegistrationStatus } from './schema.ts';

type RegistrationRow = typeof associationRegistrations.$inferSelect;

function present(actor: Actor, row: RegistrationRow, ownerOrganisationId: string): Registration {
  return {
    id: row.id,
    programmeId: row.programmeId,
    status: row.status,
    name: row.name,
    rna: row.rna,
    siret: row.siret,
    address: row.address,
    postcode: row.postcode,
    city: row.city,
    activity: row.activity,
    peopleServed: row.peopleServed,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    createdAt: row.createdAt,
    confirmedAt: row.confirmedAt,
    decidedAt: row.decidedAt,
    refusalReason: row.refusalReason,
    organisationId: row.organisationId,
    can: {
      decide:
        row.status === 'pending' && peoplePermissions.can(actor, 'referral.manage', ownerOrganisationId),
    },
  };
}

/** The programmes whose owner the actor belongs to: registrations are the owner's business alone. */
function ownerScope(actor: Actor): SQL | undefined | false {
  const orgs = peoplePermissions.organisationsWith(actor, 'programme.read');
  if (orgs === 'all') return undefined;
  if (orgs.length === 0) return false;
  return inArray(programmes.ownerOrganisationId, orgs);
}

/** A registration seen by the programme owner's members, or 404 (anyone else). */
async function loadRegistration(db: Executor, actor: Actor, id: string, forUpdate = false) {
  const scope = ownerScope(actor);
  if (!isUuid(id) || scope === false) throw notFound('registration');
  const query = db
    .select({ registration: associationRegistrations, programme: programmes })
    .from(associationRegistrations)
    .innerJoin(programmes, eq(programmes.id, associationRegistrations.programmeId))
    .where(and(eq(associationRegistrations.id, id), scope));
  const [row] = forUpdate ? await query.for('update', { of: associationRegistrations }) : await query;
  if (!row) throw notFound('registration');
  return row;
}

export interface RegistrationFilters {
  status?: RegistrationStatus;
  q?: string;
  limit: number;
  cursor?: string;
}

/**
 * A programme's registrations for its owner's members, newest first; the unconfirmed ones only when asked
 * for (`status=unconfirmed`). `q` searches the name, the identifiers, the town and the contact.
 */
export async function listRegistrations(
  db: Executor,
  actor: Actor,
  programmeId: string,
  filters: RegistrationFilters,
): Promise<Page<Registration>> {
  const scope = ownerScope(actor);
  if (!isUuid(programmeId) || scope === false) throw notFound('programme');
  const [programme] = await db
    .select()
    .from(programmes)
    .where(and(eq(programmes.id, programmeId), scope));
  if (!programme) throw notFound('programme');
  const conditions: (SQL | undefined)[] = [eq(associationRegistrations.programmeId, programme.id)];
  conditions.push(
    filters.status
      ? eq(associationRegistrations.status, filters.status)
      : ne(associationRegistrations.status, 'unconfirmed'),
  );
  if (filters.q?.trim()) {
    const pattern = searchPattern(filters.q.trim());
    conditions.push(
      or(
        ilike(associationRegistrations.name, pattern),
        ilike(associationRegistrations.rna, pattern),
        ilike(associationRegistrations.siret, pattern),
        ilike(associationRegistrations.city, pattern),
        ilike(associationRegistrations.contactName, pattern),
        ilike(associationRegistrations.contactEmail, pattern),
      ),
    );
  }
  const after = decodeCursor(filters.cursor, ['instant', 'uuid']);
  if (after) {
    const [createdAt, id] = after as [string, string];
    conditions.push(
      sql`(${associationRegistrations.createdAt}, ${associationRegistrations.id}) < (${createdAt}::timestamptz, ${id}::uuid)`,
    );
  }
  const rows = await db
    .select({
      registration: associationRegistrations,
      key: sql<string>`${associationRegistrations.createdAt}::text`,
    })
    .from(associationRegistrations)
    .where(and(...conditions))
    .orderBy(desc(associationRegistrations.createdAt), desc(associationRegistrations.id))
    .limit(filters.limit + 1);
  const page = toPage(rows, filters.limit, (r) => [r.key, r.registration.id]);
  return {
    items: page.items.map((r) => present(actor, r.registration, programme.ownerOrganisationId)),
    nextCursor: page.nextCursor,
  };
}

/** One registration, for the programme owner's members. */
export async function getRegistration(db: Executor, actor: Actor, id: string): Promise<Registration> {
  const row = await loadRegistration(db, actor, id);
  return present(actor, row.registration, row.programme.ownerOrganisationId);
}

/** Loads a registration to decide on it: visible (404), the actor's role (403), still pending (409). */
async function loadForDecision(tx: Executor, actor: Actor, id: string) {
  const row = await loadRegistration(tx, actor, id, true);
  if (!peoplePermissions.can(actor, 'referral.manage', row.programme.ownerOrganisationId)) throw forbidden();
  if (row.registration.status !== 'pending') {
    throw new AppError('CONFLICT', 'portal.registration_not_pending', {
      params: { status: registrationStatusWords[actor.locale][row.registration.status] },
    });
  }
  return row;
}

/**
 * The association's organisation: an existing one with the same RNA or SIRET when the contact is already
 * one of its members (a second programme); otherwise a new one. Another organisation with that number,
 * the contact not a member: 409 (nobody becomes administrator of an organisation by filling in a form).
 * The organisation already approved in this programme (a second registration): 409, nothing recorded.
 */
async function organisationFor(
  tx: Executor,
  actor: Actor,
  registration: RegistrationRow,
): Promise<{ id: string; name: string; isNew: boolean }> {
  const same = [
    registration.rna ? eq(organisations.rna, registration.rna) : undefined,
    registration.siret ? eq(organisations.siret, registration.siret) : undefined,
  ].filter((c): c is SQL => c !== undefined);
  const [existing] = await tx
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(or(...same))
    .limit(1);
  if (existing) {
    const [already] = await tx
      .select({ id: associationRegistrations.id })
      .from(associationRegistrations)
      .where(
        and(
          eq(associationRegistrations.programmeId, registration.programmeId),
          eq(associationRegistrations.organisationId, existing.id),
        ),
      );
    if (already) {
      throw new AppError('CONFLICT', 'portal.organisation_already_registered', {
        params: { organisation: existing.name },
      });
    }
    const user = await findUserByEmail(tx, registration.contactEmail);
    const [member] = user
      ? await tx
          .select({ role: memberships.role })
          .from(memberships)
          .where(and(eq(memberships.organisationId, existing.id), eq(memberships.userId, user.id)))
      : [];
    if (!member) {
      throw new AppError('CONFLICT', 'portal.organisation_exists', {
        params: {
          identifier: registration.rna ? 'RNA' : 'SIRET',
          email: registration.contactEmail,
        },
      });
    }
    return { ...existing, isNew: false };
  }
  const [created] = await tx
    .insert(organisations)
    .values({
      name: registration.name,
      kinds: ['association'],
      rna: registration.rna,
      siret: registration.siret,
      postcode: registration.postcode,
      city: registration.city,
    })
    .returning({ id: organisations.id, name: organisations.name });
  if (!created) throw new Error('insert returned no row');
  await recordAudit(tx, actor, {
    action: 'organisation.create',
    entityType: 'organisation',
    entityId: created.id,
    organisationId: created.id,
    fields: ['name', 'kinds', 'rna', 'siret', 'postcode', 'city'],
  });
  return { ...created, isNew: true };
}

/**
 * Approves a registration, in one transaction: the association's organisation, its contact's account as
 * its administrator (an invitation to choose a password, or — the address already has an account — a
 * membership and an e-mail to log in), the association's record referred by the owner (consent given
 * today) and its referral to the programme, which must be eligible (else 422 with the reasons, nothing
 * recorded). Acts with the approving staff member's rights (the programmes module checks them).
 */
export async function approveRegistration(
  db: Executor,
  actor: Actor,
  id: string,
  publicUrl: string,
): Promise<Registration> {
  await db.transaction(async (tx) => {
    const { registration, programme } = await loadForDecision(tx, actor, id);
    const organisation = await organisationFor(tx, actor, registration);
    let user = await findUserByEmail(tx, registration.contactEmail);
    const isNewAccount = !user;
    user ??= await insertUser(tx, actor, {
      email: registration.contactEmail,
      name: registration.contactName,
    });
    const added = await tx
      .insert(memberships)
      .values({ userId: user.id, organisationId: organisation.id, role: 'admin' })
      .onConflictDoNothing()
      .returning({ userId: memberships.userId });
    if (added.length > 0) {
      await recordAudit(tx, actor, {
        action: 'member.add',
        entityType: 'membership',
        entityId: user.id,
        organisationId: organisation.id,
        fields: ['role'],
      });
    }
    const beneficiary = await createBeneficiary(tx, actor, {
      kind: 'association',
      referringOrganisationId: programme.ownerOrganisationId,
      name: registration.name,
      rna: registration.rna,
      siret: registration.siret,
      postcode: registration.postcode,
      city: registration.city,
      contactName: registration.contactName,
      email: registration.contactEmail,
      phone: registration.contactPhone,
      peopleServed: registration.peopleServed,
      consentGivenOn: today(),
    });
    const referral = await createReferral(tx, actor, {
      beneficiaryId: beneficiary.id,
      programmeId: programme.id,
      socialEvaluation: registration.activity,
    });
    if (referral.status !== 'eligible') {
      const [row] = await tx
        .select({ reasons: referrals.reasons })
        .from(referrals)
        .where(eq(referrals.id, referral.id));
      throw new AppError('RULE_REFUSED', 'portal.not_eligible', {
        params: {
          programme: programme.name,
          reasons: (row?.reasons ?? []).map((r) => eligibilityMessage(actor.locale, r)).join(' ; '),
        },
      });
    }
    const now = new Date();
    await tx
      .update(associationRegistrations)
      .set({
        status: 'approved',
        decidedAt: now,
        decidedByUserId: actor.userId,
        organisationId: organisation.id,
        beneficiaryId: beneficiary.id,
        referralId: referral.id,
        updatedAt: now,
      })
      .where(eq(associationRegistrations.id, registration.id));
    await recordAudit(tx, actor, {
      action: 'association_registration.approve',
      entityType: 'association_registration',
      entityId: registration.id,
      organisationId: programme.ownerOrganisationId,
      fields: ['status', 'organisationId', 'beneficiaryId', 'referralId'],
    });
    const [owner] = await tx
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, programme.ownerOrganisationId));
    // An account without a password (new, or never activated) gets a link to choose it, whichever the
    // organisation: "log in" would send it to a login it cannot pass.
    const invite = isNewAccount || !user.passwordHash;
    const invitation = invite ? await createInvitation(tx, actor, user.id, organisation.id) : null;
    await queueMail(tx, {
      to: registration.contactEmail,
      template: 'portal_approved',
      locale: registration.locale === 'en' ? 'en' : 'fr',
      organisationId: programme.ownerOrganisationId,
      params: {
        name: registration.contactName,
        associationName: registration.name,
        programmeName: programme.name,
        organisationName: owner?.name ?? '',
        kind: invitation ? 'invitation' : 'login',
        url: invitation ? `${publicUrl}/invitation/${invitation.token}` : `${publicUrl}/portail`,
        expiresOn: invitation ? today(invitation.expiresAt) : null,
      },
    });
  });
  return getRegistration(db, actor, id);
}

/** Refuses a registration with a reason, e-mailed to the contact. */
export async function refuseRegistration(
  db: Executor,
  actor: Actor,
  id: string,
  reason: string,
): Promise<Registration> {
  await db.transaction(async (tx) => {
    const { registration, programme } = await loadForDecision(tx, actor, id);
    const now = new Date();
    await tx
      .update(associationRegistrations)
      .set({
        status: 'refused',
        refusalReason: reason.trim(),
        decidedAt: now,
        decidedByUserId: actor.userId,
        updatedAt: now,
      })
      .where(eq(associationRegistrations.id, registration.id));
    await recordAudit(tx, actor, {
      action: 'association_registration.refuse',
      entityType: 'association_registration',
      entityId: registration.id,
      organisationId: programme.ownerOrganisationId,
      fields: ['status', 'refusalReason'],
    });
    const [owner] = await tx
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, programme.ownerOrganisationId));
    await queueMail(tx, {
      to: registration.contactEmail,
      template: 'portal_refused',
      locale: registration.locale === 'en' ? 'en' : 'fr',
      organisationId: programme.ownerOrganisationId,
      params: {
        name: registration.contactName,
        associationName: registration.name,
        programmeName: programme.name,
        organisationName: owner?.name ?? '',
        reason: reason.trim(),
      },
    });
  });
  return getRegistration(db, actor, id);
}

export interface PortalMembership {
  registrationId: string;
  programmeId: string;
  programmeName: string;
  organisationId: string;
  organisationName: string;
}

/** The programmes the caller's association(s) were approved in ([] for anyone else). */
export async function portalMemberships(db: Executor, actor: Actor): Promise<PortalMembership[]> {
  const orgs = [...actor.memberships.keys()];
  if (orgs.length === 0) return [];
  const rows = await db
    .select({
      registrationId: associationRegistrations.id,
      programmeId: programmes.id,
      programmeName: programmes.name,
      organisationId: organisations.id,
      organisationName: organisations.name,
    })
    .from(associationRegistrations)
    .innerJoin(programmes, eq(programmes.id, associationRegistrations.programmeId))
    .innerJoin(organisations, eq(organisations.id, associationRegistrations.organisationId))
    .where(
      and(
        eq(associationRegistrations.status, 'approved'),
        inArray(associationRegistrations.organisationId, orgs),
      ),
    )
    .orderBy(programmes.name);
  return rows;
}
