/**
 * Associations' self-registration: the public form (a confirmation link by e-mail, the same reply whatever
 * the address, so nobody learns who is registered) and the confirmation. The programme owner's
 * verification follows (`verification.ts`).
 */
import { randomBytes } from 'node:crypto';
import { and, desc, eq, ne } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { AppError, type FieldError } from '../../lib/errors.ts';
import {
  isValidPostcode,
  isValidRna,
  isValidSiret,
  normaliseRna,
  normaliseSiret,
} from '../../lib/identifiers.ts';
import { hashToken } from '../../lib/ids.ts';
import type { Locale } from '../../lib/messages.ts';
import { queueMail } from '../notifications/outbox.ts';
import { organisations } from '../organisations/schema.ts';
import { normaliseEmail } from '../organisations/users.ts';
import { programmes } from '../programmes/schema.ts';
import { referralManagers } from './notify.ts';
import { associationRegistrations, type RegistrationStatus } from './schema.ts';
import { acceptingProgramme } from './settings.ts';

/** How long a confirmation link works. */
export const CONFIRMATION_HOURS = 48;

export interface Registration {
  id: string;
  programmeId: string;
  status: RegistrationStatus;
  name: string;
  rna: string | null;
  siret: string | null;
  address: string;
  postcode: string;
  city: string;
  activity: string;
  peopleServed: number;
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
  createdAt: Date;
  confirmedAt: Date | null;
  decidedAt: Date | null;
  refusalReason: string | null;
  organisationId: string | null;
  can: { decide: boolean };
}

export interface RegistrationInput {
  name: string;
  rna?: string | null;
  siret?: string | null;
  address: string;
  postcode: string;
  city: string;
  activity: string;
  peopleServed: number;
  contactName: string;
  contactEmail: string;
  contactPhone?: string | null;
  /** A field people never see: a robot filling it gets the usual reply and nothing is recorded. */
  website?: string | null;
}

/** A confirmation secret: 40 hexadecimal digits (only its hash is stored). */
function newConfirmationToken(): string {
  return randomBytes(20).toString('hex');
}

function confirmationUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/associations/confirmer/${token}`;
}

/** Format and checksum of the identifiers, and at least one of them; every problem at once. */
function checkIdentifiers(input: RegistrationInput): { rna: string | null; siret: string | null } {
  const rna = input.rna?.trim() ? normaliseRna(input.rna) : null;
  const siret = input.siret?.trim() ? normaliseSiret(input.siret) : null;
  const errors: FieldError[] = [];
  if (!rna && !siret) errors.push({ path: 'rna', messageKey: 'portal.identifier_required' });
  if (rna && !isValidRna(rna)) errors.push({ path: 'rna', messageKey: 'validation.rna_invalid' });
  if (siret && !isValidSiret(siret)) errors.push({ path: 'siret', messageKey: 'validation.siret_invalid' });
  if (!isValidPostcode(input.postcode))
    errors.push({ path: 'postcode', messageKey: 'validation.postcode_invalid' });
  if (errors.length > 0) {
    throw new AppError('INVALID_INPUT', 'errors.invalid_input', {
      params: { count: errors.length },
      fieldErrors: errors,
    });
  }
  return { rna, siret };
}

/**
 * A registration from the public page. Always answers the same (`check_your_email`): a new address gets a
 * confirmation link (48 hours); an address already waiting for verification or verified in this programme
 * gets an e-mail saying so instead; a registration not confirmed yet is replaced (a new link). The
 * honeypot filled: nothing recorded, same reply. 404 when the programme takes no associations.
 */
export async function registerAssociation(
  db: Executor,
  programmeId: string,
  input: RegistrationInput,
  context: { locale: Locale; publicUrl: string; now?: Date },
): Promise<{ status: 'check_your_email' }> {
  const reply = { status: 'check_your_email' } as const;
  const { programme, organisationName } = await acceptingProgramme(db, programmeId);
  if (input.website?.trim()) return reply;
  const { rna, siret } = checkIdentifiers(input);
  const now = context.now ?? new Date();
  const email = normaliseEmail(input.contactEmail);
  const values = {
    name: input.name.trim(),
    rna,
    siret,
    address: input.address.trim(),
    postcode: input.postcode.trim(),
    city: input.city.trim(),
    activity: input.activity.trim(),
    peopleServed: input.peopleServed,
    contactName: input.contactName.trim(),
    contactEmail: email,
    contactPhone: input.contactPhone?.trim() || null,
    locale: context.locale,
  };
  await db.transaction(async (tx) => {
    // One registration per address and programme at a time: the programme row serialises them.
    await tx
      .select({ id: programmes.id })
      .from(programmes)
      .where(eq(programmes.id, programme.id))
      .for('update');
    const [existing] = await tx
      .select()
      .from(associationRegistrations)
      .where(
        and(
          eq(associationRegistrations.programmeId, programme.id),
          eq(associationRegistrations.contactEmail, email),
          ne(associationRegistrations.status, 'refused'),
        ),
      )
      .orderBy(desc(associationRegistrations.createdAt))
      .limit(1);
    if (existing && existing.status !== 'unconfirmed') {
      await queueMail(tx, {
        to: email,
        template: 'portal_already_registered',
        locale: context.locale,
        organisationId: programme.ownerOrganisationId,
        params: {
          name: values.contactName,
          associationName: existing.name,
          programmeName: programme.name,
          organisationName,
          status: existing.status === 'approved' ? 'approved' : 'pending',
          url: `${context.publicUrl}/portail`,
        },
      });
      return;
    }
    const token = newConfirmationToken();
    const confirm = {
      confirmTokenHash: hashToken(token),
      confirmExpiresAt: new Date(now.getTime() + CONFIRMATION_HOURS * 3600_000),
    };
    if (existing) {
      await tx
        .update(associationRegistrations)
        .set({ ...values, ...confirm, createdAt: now, updatedAt: now })
        .where(eq(associationRegistrations.id, existing.id));
    } else {
      await tx
        .insert(associationRegistrations)
        .values({ ...values, ...confirm, programmeId: programme.id, createdAt: now, updatedAt: now });
    }
    await queueMail(tx, {
      to: email,
      template: 'portal_confirm',
      locale: context.locale,
      organisationId: programme.ownerOrganisationId,
      params: {
        name: values.contactName,
        associationName: values.name,
        programmeName: programme.name,
        organisationName,
        url: confirmationUrl(context.publicUrl, token),
      },
    });
  });
  return reply;
}

export interface ConfirmationReply {
  /** Waiting for the owner's verification, or already decided (the link opened again later). */
  status: 'pending' | 'approved' | 'refused';
  programmeName: string;
  organisationName: string;
}

/**
 * The confirmation link followed: the registration waits for the owner's verification (its referral
 * managers are told). Following it again changes nothing and answers where the registration stands
 * (`pending`, or `approved`/`refused` once decided); an expired link is 410 (register again), an unknown
 * one 404.
 */
export async function confirmRegistration(
  db: Executor,
  token: string,
  context: { publicUrl: string; now?: Date },
): Promise<ConfirmationReply> {
  if (!/^[0-9a-f]{40}$/.test(token)) throw new AppError('NOT_FOUND', 'portal.confirmation_unknown');
  const now = context.now ?? new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        registration: associationRegistrations,
        programmeName: programmes.name,
        ownerOrganisationId: programmes.ownerOrganisationId,
        organisationName: organisations.name,
      })
      .from(associationRegistrations)
      .innerJoin(programmes, eq(programmes.id, associationRegistrations.programmeId))
      .innerJoin(organisations, eq(organisations.id, programmes.ownerOrganisationId))
      .where(eq(associationRegistrations.confirmTokenHash, hashToken(token)))
      .for('update', { of: associationRegistrations });
    if (!row) throw new AppError('NOT_FOUND', 'portal.confirmation_unknown');
    const reply: ConfirmationReply = {
      status: 'pending',
      programmeName: row.programmeName,
      organisationName: row.organisationName,
    };
    const registration = row.registration;
    if (registration.status !== 'unconfirmed') return { ...reply, status: registration.status };
    if (!registration.confirmExpiresAt || registration.confirmExpiresAt.getTime() <= now.getTime()) {
      throw new AppError('GONE', 'portal.confirmation_expired');
    }
    // The expected state in the WHERE: two clicks at once confirm once.
    const moved = await tx
      .update(associationRegistrations)
      .set({ status: 'pending', confirmedAt: now, updatedAt: now })
      .where(
        and(
          eq(associationRegistrations.id, registration.id),
          eq(associationRegistrations.status, 'unconfirmed'),
        ),
      )
      .returning({ id: associationRegistrations.id });
    if (moved.length === 0) return reply;
    for (const manager of await referralManagers(tx, row.ownerOrganisationId)) {
      await queueMail(tx, {
        to: manager.email,
        template: 'portal_registration_pending',
        locale: manager.locale,
        organisationId: row.ownerOrganisationId,
        params: {
          name: manager.name,
          associationName: registration.name,
          programmeName: row.programmeName,
          url: `${context.publicUrl}/programmes/${registration.programmeId}/associations`,
        },
      });
    }
    return reply;
  });
}
