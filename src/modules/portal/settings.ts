/**
 * Whether a programme takes associations (its owner opens the portal, within limits), and what its public
 * registration page shows to people without an account.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { organisations } from '../organisations/schema.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { isOpenOn } from '../programmes/programmes.ts';
import { programmes } from '../programmes/schema.ts';
import { loadProgramme, type ProgrammeRow } from '../programmes/visibility.ts';
import { portalSettings } from './schema.ts';

export interface PortalSettings {
  programmeId: string;
  open: boolean;
  maxDevicesPerYear: number;
  maxOpenOrders: number;
  intro: string | null;
  publicUrl: string;
  accepts: boolean;
}

export interface PortalSettingsInput {
  open: boolean;
  maxDevicesPerYear: number;
  maxOpenOrders: number;
  intro?: string | null;
}

export type SettingsRow = Omit<typeof portalSettings.$inferSelect, 'updatedAt'>;

/** The public registration page of a programme (the web app's address). */
export function registrationPageUrl(publicUrl: string, programmeId: string): string {
  return `${publicUrl}/associations/inscription/${programmeId}`;
}

/** The programme's portal settings, or the defaults (closed, 5 a year, 3 open orders) when never set. */
export async function settingsOf(db: Executor, programmeId: string): Promise<SettingsRow> {
  const [row] = await db.select().from(portalSettings).where(eq(portalSettings.programmeId, programmeId));
  return row ?? { programmeId, open: false, maxDevicesPerYear: 5, maxOpenOrders: 3, intro: null };
}

/** Whether the programme's rules admit associations at all (no rule on kinds admits every kind). */
export function admitsAssociations(programme: ProgrammeRow): boolean {
  const kinds = programme.eligibility.kinds;
  return !kinds || kinds.length === 0 || kinds.includes('association');
}

/** Open portal, programme open today, rules admitting associations: registrations and orders are taken. */
export function accepts(programme: ProgrammeRow, settings: SettingsRow, day = today()): boolean {
  return settings.open && isOpenOn(programme, day) && admitsAssociations(programme);
}

/** 422 when the programme takes no association order today (the portal or the programme is closed). */
export function assertAccepts(programme: ProgrammeRow, settings: SettingsRow): void {
  if (!accepts(programme, settings)) {
    throw new AppError('RULE_REFUSED', 'portal.closed', { params: { programme: programme.name } });
  }
}

function present(programme: ProgrammeRow, row: SettingsRow, publicUrl: string): PortalSettings {
  return {
    programmeId: programme.id,
    open: row.open,
    maxDevicesPerYear: row.maxDevicesPerYear,
    maxOpenOrders: row.maxOpenOrders,
    intro: row.intro,
    publicUrl: registrationPageUrl(publicUrl, programme.id),
    accepts: accepts(programme, row),
  };
}

/** The owner's members read the settings; partners and funders of the programme do not see them (404). */
async function loadOwnedProgramme(db: Executor, actor: Actor, programmeId: string) {
  const { row } = await loadProgramme(db, actor, programmeId);
  if (!peoplePermissions.can(actor, 'programme.read', row.ownerOrganisationId)) throw notFound('programme');
  return row;
}

/** A programme's portal settings, for the members of its owner. */
export async function getPortalSettings(
  db: Executor,
  actor: Actor,
  programmeId: string,
  publicUrl: string,
): Promise<PortalSettings> {
  const programme = await loadOwnedProgramme(db, actor, programmeId);
  return present(programme, await settingsOf(db, programme.id), publicUrl);
}

/** Opens or closes the portal and sets its limits (the owner's administrators and managers). */
export async function putPortalSettings(
  db: Executor,
  actor: Actor,
  programmeId: string,
  input: PortalSettingsInput,
  publicUrl: string,
): Promise<PortalSettings> {
  const programme = await loadOwnedProgramme(db, actor, programmeId);
  if (!peoplePermissions.can(actor, 'programme.manage', programme.ownerOrganisationId)) throw forbidden();
  const values = {
    open: input.open,
    maxDevicesPerYear: input.maxDevicesPerYear,
    maxOpenOrders: input.maxOpenOrders,
    intro: input.intro?.trim() || null,
  };
  await db.transaction(async (tx) => {
    await tx
      .insert(portalSettings)
      .values({ programmeId: programme.id, ...values })
      .onConflictDoUpdate({ target: portalSettings.programmeId, set: { ...values, updatedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: 'portal.settings',
      entityType: 'programme',
      entityId: programme.id,
      organisationId: programme.ownerOrganisationId,
      fields: Object.keys(values),
    });
  });
  return present(programme, await settingsOf(db, programme.id), publicUrl);
}

export interface PublicPortalProgramme {
  programmeId: string;
  programmeName: string;
  organisationName: string;
  intro: string | null;
  accepts: boolean;
  maxDevicesPerYear: number;
  maxOpenOrders: number;
}

/** A programme as its public page shows it, with its owner's name and settings; 404 unless it accepts associations. */
export async function acceptingProgramme(
  db: Executor,
  programmeId: string,
): Promise<{ programme: ProgrammeRow; organisationName: string; settings: SettingsRow }> {
  if (!isUuid(programmeId)) throw notFound('programme');
  const [row] = await db
    .select({ programme: programmes, organisationName: organisations.name })
    .from(programmes)
    .innerJoin(organisations, eq(organisations.id, programmes.ownerOrganisationId))
    .where(eq(programmes.id, programmeId));
  if (!row) throw notFound('programme');
  const settings = await settingsOf(db, programmeId);
  if (!accepts(row.programme, settings)) throw notFound('programme');
  return { programme: row.programme, organisationName: row.organisationName, settings };
}

/** What the public registration page shows (no account needed). */
export async function publicPortalProgramme(
  db: Executor,
  programmeId: string,
): Promise<PublicPortalProgramme> {
  const { programme, organisationName, settings } = await acceptingProgramme(db, programmeId);
  return {
    programmeId: programme.id,
    programmeName: programme.name,
    organisationName,
    intro: settings.intro,
    accepts: true,
    maxDevicesPerYear: settings.maxDevicesPerYear,
    maxOpenOrders: settings.maxOpenOrders,
  };
}
