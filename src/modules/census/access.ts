/**
 * Who sees which needs of a programme's census, in one place:
 * - the programme's owner (every role) sees every need and the counts; its administrators and managers
 *   open or close the public page;
 * - a prescribing partner sees, counts and converts only the needs its own organisation registered;
 * - funders, refurbishers, trainers and everybody else: 404, as for anything they may not see.
 *
 * A need's personal fields (names, contact) belong to the organisation that holds the need: the
 * prescriber that registered it, or the owner for a need left on the public page (the person gave them
 * to the programme's owner). The owner does not see the names of a prescriber's needs before they are
 * referred, as it does not see that prescriber's people before they are referred to its programme.
 */
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { programmes } from '../programmes/schema.ts';
import { loadProgramme, type ProgrammeParties, type ProgrammeRow } from '../programmes/visibility.ts';
import { censusNeeds } from './schema.ts';

export type NeedRow = typeof censusNeeds.$inferSelect;

export interface CensusProgramme {
  row: ProgrammeRow;
  parties: ProgrammeParties;
  /** The actor is a member of the owner (or a platform administrator): every need is theirs to see. */
  owner: boolean;
  /** The prescribing partners the actor belongs to (their own needs only). */
  prescribers: string[];
}

/** A programme whose census the actor may see (owner or prescribing partner), or 404. */
export async function loadCensusProgramme(
  db: Executor,
  actor: Actor,
  programmeId: string,
): Promise<CensusProgramme> {
  const { row, parties } = await loadProgramme(db, actor, programmeId);
  const owner = peoplePermissions.can(actor, 'programme.read', row.ownerOrganisationId);
  const prescribers = parties.prescribers.filter((org) =>
    peoplePermissions.can(actor, 'programme.read', org),
  );
  if (!owner && prescribers.length === 0) throw notFound('programme');
  return { row, parties, owner, prescribers };
}

/** The organisation that holds a need's personal fields and refers the person: see the file's comment. */
export function holderOf(need: Pick<NeedRow, 'registeredByOrganisationId'>, ownerId: string): string {
  return need.registeredByOrganisationId ?? ownerId;
}

/** SQL condition on `census_needs` of one programme: what the actor sees of it (undefined: all). */
export function needScope(census: CensusProgramme, actor: Actor): SQL | undefined {
  if (census.owner || actor.isPlatformAdmin) return undefined;
  return inArray(censusNeeds.registeredByOrganisationId, census.prescribers);
}

/** SQL: the need's personal fields are the actor's to read (the holder's members). */
export function personalScope(actor: Actor, ownerId: string): SQL | undefined {
  const orgs = peoplePermissions.organisationsWith(actor, 'beneficiary.read');
  if (orgs === 'all') return sql`true`;
  const own = orgs.length > 0 ? inArray(censusNeeds.registeredByOrganisationId, orgs) : undefined;
  if (orgs.includes(ownerId)) return or(eq(censusNeeds.source, 'public'), own) ?? sql`true`;
  return own ?? sql`false`;
}

/** Whether the actor reads the need's names and contact. */
export function readsPersonal(actor: Actor, need: NeedRow, ownerId: string): boolean {
  return peoplePermissions.can(actor, 'beneficiary.read', holderOf(need, ownerId));
}

/** Whether the actor may complete, convert or withdraw the need (the holder's social workers and up). */
export function writesNeed(actor: Actor, need: NeedRow, ownerId: string): boolean {
  return peoplePermissions.can(actor, 'beneficiary.write', holderOf(need, ownerId));
}

/** A need the actor may see, with its programme; 404 otherwise. `forUpdate` locks the need. */
export async function loadNeed(
  db: Executor,
  actor: Actor,
  id: string,
  forUpdate = false,
): Promise<{ need: NeedRow; programme: ProgrammeRow }> {
  if (!isUuid(id)) throw notFound('need');
  const query = db.select().from(censusNeeds).where(eq(censusNeeds.id, id));
  const [need] = forUpdate ? await query.for('update') : await query;
  if (!need) throw notFound('need');
  const [programme] = await db.select().from(programmes).where(eq(programmes.id, need.programmeId));
  if (!programme) throw notFound('need');
  const seesAll = peoplePermissions.can(actor, 'programme.read', programme.ownerOrganisationId);
  const seesOwn =
    need.registeredByOrganisationId !== null &&
    peoplePermissions.can(actor, 'programme.read', need.registeredByOrganisationId);
  if (!seesAll && !seesOwn) throw notFound('need');
  return { need, programme };
}

/** Needs of a programme, as a condition (kept here so that every query of the module goes through it). */
export function ofProgramme(programmeId: string, census: CensusProgramme, actor: Actor): SQL | undefined {
  return and(eq(censusNeeds.programmeId, programmeId), needScope(census, actor));
}
