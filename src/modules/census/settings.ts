/**
 * Whether a programme's census takes needs from the public (its page, no account), until when, and what
 * the page says first. The page answers 404 whenever it does not take needs, so nothing about a programme
 * leaks before its owner opens it.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { organisations } from '../organisations/schema.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { programmes } from '../programmes/schema.ts';
import type { ProgrammeRow } from '../programmes/visibility.ts';
import type { BeneficiaryKind } from '../programmes/vocabulary.ts';
import { loadCensusProgramme } from './access.ts';
import { censusSettings } from './schema.ts';

export type CensusSettingsRow = Omit<typeof censusSettings.$inferSelect, 'updatedAt'>;

export interface CensusSettings {
  programmeId: string;
  publicOpen: boolean;
  closesOn: string | null;
  introduction: string | null;
  /** The public page's address (the web app's). */
  publicUrl: string;
  /** Open, before its closing day, the programme not over: the public page takes needs today. */
  takesNeeds: boolean;
  can: { manage: boolean };
}

export interface CensusSettingsInput {
  publicOpen: boolean;
  closesOn?: string | null;
  introduction?: string | null;
}

/** The public census page of a programme. */
export function censusPageUrl(publicUrl: string, programmeId: string): string {
  return `${publicUrl}/besoins/${programmeId}`;
}

/** The programme's settings, or the defaults (closed to the public) when never set. */
export async function censusSettingsOf(db: Executor, programmeId: string): Promise<CensusSettingsRow> {
  const [row] = await db.select().from(censusSettings).where(eq(censusSettings.programmeId, programmeId));
  return row ?? { programmeId, publicOpen: false, closesOn: null, introduction: null };
}

/** The programme still runs (not closed by hand, not past its end): needs may be registered. */
export function programmeRuns(programme: ProgrammeRow, day = today()): boolean {
  return !programme.closedAt && day <= programme.endsOn;
}

/** The public page takes needs today. */
export function takesPublicNeeds(
  programme: ProgrammeRow,
  settings: CensusSettingsRow,
  day = today(),
): boolean {
  return (
    settings.publicOpen && (!settings.closesOn || day <= settings.closesOn) && programmeRuns(programme, day)
  );
}

function present(
  actor: Actor,
  programme: ProgrammeRow,
  row: CensusSettingsRow,
  publicUrl: string,
): CensusSettings {
  return {
    programmeId: programme.id,
    publicOpen: row.publicOpen,
    closesOn: row.closesOn,
    introduction: row.introduction,
    publicUrl: censusPageUrl(publicUrl, programme.id),
    takesNeeds: takesPublicNeeds(programme, row),
    can: { manage: peoplePermissions.can(actor, 'programme.manage', programme.ownerOrganisationId) },
  };
}

/** The owner's members read the settings; prescribing partners see the page's address too. */
export async function getCensusSettings(
  db: Executor,
  actor: Actor,
  programmeId: string,
  publicUrl: string,
): Promise<CensusSettings> {
  const { row } = await loadCensusProgramme(db, actor, programmeId);
  return present(actor, row, await censusSettingsOf(db, row.id), publicUrl);
}

/** Opens or closes the public page, sets its closing day and introduction (owner's admins and managers). */
export async function putCensusSettings(
  db: Executor,
  actor: Actor,
  programmeId: string,
  input: CensusSettingsInput,
  publicUrl: string,
): Promise<CensusSettings> {
  const census = await loadCensusProgramme(db, actor, programmeId);
  if (!census.owner) throw notFound('programme');
  const programme = census.row;
  if (!peoplePermissions.can(actor, 'programme.manage', programme.ownerOrganisationId)) throw forbidden();
  const closesOn = input.closesOn ?? null;
  if (closesOn && closesOn < today()) throw invalidField('closesOn', 'census.closes_before_today');
  const values = { publicOpen: input.publicOpen, closesOn, introduction: input.introduction?.trim() || null };
  await db.transaction(async (tx) => {
    await tx
      .insert(censusSettings)
      .values({ programmeId: programme.id, ...values })
      .onConflictDoUpdate({ target: censusSettings.programmeId, set: { ...values, updatedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: 'census.settings',
      entityType: 'programme',
      entityId: programme.id,
      organisationId: programme.ownerOrganisationId,
      fields: Object.keys(values),
    });
  });
  return present(actor, programme, await censusSettingsOf(db, programme.id), publicUrl);
}

export interface PublicCensus {
  programmeId: string;
  programmeName: string;
  organisationName: string;
  /** The towns the programme serves (its rules), empty when it names none. */
  towns: string[];
  /** Who may register: people, associations or both (the programme's rules). */
  kinds: BeneficiaryKind[];
  introduction: string | null;
  startsOn: string;
  closesOn: string | null;
  open: true;
}

/** A programme whose public page takes needs today, with its owner's name; 404 otherwise. */
export async function openCensus(
  db: Executor,
  programmeId: string,
): Promise<{ programme: ProgrammeRow; organisationName: string; settings: CensusSettingsRow }> {
  if (!isUuid(programmeId)) throw notFound('programme');
  const [row] = await db
    .select({ programme: programmes, organisationName: organisations.name })
    .from(programmes)
    .innerJoin(organisations, eq(organisations.id, programmes.ownerOrganisationId))
    .where(eq(programmes.id, programmeId));
  if (!row) throw notFound('programme');
  const settings = await censusSettingsOf(db, programmeId);
  if (!takesPublicNeeds(row.programme, settings)) throw notFound('programme');
  return { programme: row.programme, organisationName: row.organisationName, settings };
}

/** What the public page shows (no account needed). */
export async function publicCensus(db: Executor, programmeId: string): Promise<PublicCensus> {
  const { programme, organisationName, settings } = await openCensus(db, programmeId);
  const kinds = programme.eligibility.kinds?.length ? programme.eligibility.kinds : ['person', 'association'];
  return {
    programmeId: programme.id,
    programmeName: programme.name,
    organisationName,
    towns: programme.eligibility.cities ?? [],
    kinds: kinds as BeneficiaryKind[],
    introduction: settings.introduction,
    startsOn: programme.startsOn,
    closesOn: settings.closesOn,
    open: true,
  };
}
