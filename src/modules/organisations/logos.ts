/**
 * An organisation's logo, printed at the head of the documents it issues (receipts, loan agreements,
 * certificates). Part of its public profile: any signed-in user may see it; its administrators change it.
 */
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { invalidField, notFound } from '../../lib/errors.ts';
import { isPrintableImage } from '../../lib/pdf.ts';
import { recordAudit } from '../audit/service.ts';
import { findOrganisation } from './organisations.ts';
import { organisationPermissions } from './permissions.ts';
import { organisationLogos } from './schema.ts';

/** Large enough for a sharp logo on A4, small enough to keep documents light. */
export const LOGO_MAX_BYTES = 300_000;
/** Sharp at the printed size (130 × 48 points), and small enough to place quickly. */
const LOGO_MAX_PIXELS = { width: 2000, height: 2000 };

export interface Logo {
  contentType: 'image/png' | 'image/jpeg';
  image: Buffer;
}

const SIGNATURES: readonly { contentType: Logo['contentType']; magic: Buffer }[] = [
  { contentType: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { contentType: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
];

/**
 * The image inside a `data:image/png;base64,…` or `data:image/jpeg;base64,…` URL, checked by its first
 * bytes (not by what the URL claims); a clear 400 on `image` for anything else.
 */
export function parseLogo(dataUrl: string): Logo {
  const match = /^data:image\/(?:png|jpeg|jpg);base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUrl.trim());
  const bytes = match?.[1] ? Buffer.from(match[1], 'base64') : null;
  const kind = bytes && SIGNATURES.find((s) => bytes.subarray(0, s.magic.length).equals(s.magic));
  if (!bytes || !kind) throw invalidField('image', 'organisations.logo_invalid');
  if (bytes.length > LOGO_MAX_BYTES) {
    throw invalidField('image', 'organisations.logo_too_large', {
      size: Math.ceil(bytes.length / 1000),
      max: LOGO_MAX_BYTES / 1000,
    });
  }
  if (!isPrintableImage(bytes, LOGO_MAX_PIXELS)) throw invalidField('image', 'organisations.logo_invalid');
  return { contentType: kind.contentType, image: bytes };
}

export async function getLogo(db: Executor, organisationId: string): Promise<Logo | null> {
  const [row] = await db
    .select({ contentType: organisationLogos.contentType, image: organisationLogos.image })
    .from(organisationLogos)
    .where(eq(organisationLogos.organisationId, organisationId));
  return row ?? null;
}

export async function hasLogo(db: Executor, organisationId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(organisationLogos)
    .where(eq(organisationLogos.organisationId, organisationId));
  return row !== undefined;
}

/** The logo as served (404 when the organisation has none). */
export async function readLogo(db: Executor, organisationId: string): Promise<Logo> {
  await findOrganisation(db, organisationId);
  const logo = await getLogo(db, organisationId);
  if (!logo) throw notFound('logo');
  return logo;
}

/** Sets or replaces the logo (the organisation's administrators, or a platform administrator). */
export async function setLogo(
  db: Executor,
  actor: Actor,
  organisationId: string,
  dataUrl: string,
): Promise<void> {
  await findOrganisation(db, organisationId);
  organisationPermissions.authorize(actor, 'organisation.update', organisationId);
  const logo = parseLogo(dataUrl);
  await db.transaction(async (tx) => {
    await tx
      .insert(organisationLogos)
      .values({ organisationId, ...logo })
      .onConflictDoUpdate({
        target: organisationLogos.organisationId,
        set: { ...logo, updatedAt: sql`now()` },
      });
    await recordAudit(tx, actor, {
      action: 'organisation.logo_set',
      entityType: 'organisation',
      entityId: organisationId,
      organisationId,
      fields: ['logo'],
    });
  });
}

/** Removes the logo; documents issued later carry the name alone (those issued keep theirs). */
export async function removeLogo(db: Executor, actor: Actor, organisationId: string): Promise<void> {
  await findOrganisation(db, organisationId);
  organisationPermissions.authorize(actor, 'organisation.update', organisationId);
  await db.transaction(async (tx) => {
    await tx.delete(organisationLogos).where(eq(organisationLogos.organisationId, organisationId));
    await recordAudit(tx, actor, {
      action: 'organisation.logo_remove',
      entityType: 'organisation',
      entityId: organisationId,
      organisationId,
      fields: ['logo'],
    });
  });
}
