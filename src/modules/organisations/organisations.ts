import { and, arrayContains, asc, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import { type Executor, isUniqueViolation } from '../../db/tx.ts';
import type { Actor, Role } from '../../lib/actor.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { normaliseRna, normaliseSiret } from '../../lib/identifiers.ts';
import { isUuid } from '../../lib/ids.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../lib/vocabulary.ts';
import { recordAudit } from '../audit/service.ts';
import { hasLogo } from './logos.ts';
import { organisationPermissions } from './permissions.ts';
import { organisations } from './schema.ts';

export { ORGANISATION_KINDS, type OrganisationKind };

type OrganisationRow = typeof organisations.$inferSelect;

/** The public profile: the directory shows it to every signed-in user of the instance. */
export interface OrganisationProfile {
  id: string;
  name: string;
  kinds: OrganisationKind[];
  siret: string | null;
  rna: string | null;
  postcode: string | null;
  city: string | null;
  createdAt: Date;
}

export interface OrganisationDetail extends OrganisationProfile {
  /** The caller's role in it, or null. */
  myRole: Role | null;
  /** What the caller may do, so the UI shows only the buttons that will work. */
  can: { update: boolean; readMembers: boolean; manageMembers: boolean };
  /** A logo is printed on its documents (`GET /organisations/{id}/logo`). */
  hasLogo: boolean;
}

export function presentProfile(row: OrganisationRow): OrganisationProfile {
  return {
    id: row.id,
    name: row.name,
    kinds: row.kinds as OrganisationKind[],
    siret: row.siret,
    rna: row.rna,
    postcode: row.postcode,
    city: row.city,
    createdAt: row.createdAt,
  };
}

function presentDetail(row: OrganisationRow, actor: Actor, logo = false): OrganisationDetail {
  return {
    ...presentProfile(row),
    hasLogo: logo,
    myRole: actor.memberships.get(row.id) ?? null,
    can: {
      update: organisationPermissions.can(actor, 'organisation.update', row.id),
      readMembers: organisationPermissions.can(actor, 'member.read', row.id),
      manageMembers: organisationPermissions.can(actor, 'member.manage', row.id),
    },
  };
}

export interface OrganisationInput {
  name: string;
  kinds: OrganisationKind[];
  siret?: string | null;
  rna?: string | null;
  postcode?: string | null;
  city?: string | null;
}

function normalise<T extends Partial<OrganisationInput>>(input: T): T {
  const out = { ...input };
  if (out.name !== undefined) out.name = out.name.trim();
  if (out.kinds !== undefined) out.kinds = [...new Set(out.kinds)];
  if (out.siret) out.siret = normaliseSiret(out.siret);
  if (out.rna) out.rna = normaliseRna(out.rna);
  if (out.postcode) out.postcode = out.postcode.trim();
  if (out.city) out.city = out.city.trim();
  for (const key of ['siret', 'rna', 'postcode', 'city'] as const) if (out[key] === '') out[key] = null;
  return out;
}

function translateUniqueViolation(err: unknown): never {
  for (const [index, field, key] of [
    ['organisations_siret_unique', 'siret', 'organisations.siret_taken'],
    ['organisations_rna_unique', 'rna', 'organisations.rna_taken'],
  ] as const) {
    if (isUniqueViolation(err, index)) {
      throw new AppError('CONFLICT', key, { fieldErrors: [{ path: field, messageKey: key }] });
    }
  }
  throw err;
}

/** Creates an organisation. Only a platform administrator may. */
export async function createOrganisation(
  db: Executor,
  actor: Actor,
  input: OrganisationInput,
): Promise<OrganisationDetail> {
  if (!actor.isPlatformAdmin) throw forbidden();
  const values = normalise(input);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(organisations).values(values).returning();
      if (!row) throw new Error('insert returned no row');
      await recordAudit(tx, actor, {
        action: 'organisation.create',
        entityType: 'organisation',
        entityId: row.id,
        organisationId: row.id,
        fields: Object.keys(values),
      });
      return presentDetail(row, actor);
    });
  } catch (err) {
    translateUniqueViolation(err);
  }
}

export interface OrganisationFilters {
  q?: string;
  kind?: OrganisationKind;
  /** Only the caller's own organisations. */
  mine?: boolean;
  limit: number;
  cursor?: string;
}

/** The directory: every signed-in user may list organisations' public profiles, sorted by name. */
export async function listOrganisations(
  db: Executor,
  actor: Actor,
  filters: OrganisationFilters,
): Promise<Page<OrganisationProfile>> {
  const conditions: (SQL | undefined)[] = [];
  const sortName = sql<string>`lower(${organisations.name})`;
  if (filters.q) {
    const pattern = `%${filters.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        sql`${organisations.name} ILIKE ${pattern}`,
        sql`${organisations.city} ILIKE ${pattern}`,
        sql`${organisations.siret} = ${normaliseSiret(filters.q)}`,
        sql`${organisations.rna} = ${filters.q.trim().toUpperCase()}`,
      ),
    );
  }
  if (filters.kind) conditions.push(arrayContains(organisations.kinds, [filters.kind]));
  if (filters.mine) {
    const mine = [...actor.memberships.keys()];
    if (mine.length === 0) return { items: [], nextCursor: null };
    conditions.push(inArray(organisations.id, mine));
  }
  const after = decodeCursor(filters.cursor, ['text', 'uuid']);
  if (after) {
    const [name, id] = after as [string, string];
    conditions.push(or(gt(sortName, name), and(eq(sortName, name), gt(organisations.id, id))));
  }
  const rows = await db
    .select({ row: organisations, sortKey: sortName })
    .from(organisations)
    .where(and(...conditions))
    .orderBy(asc(sortName), asc(organisations.id))
    .limit(filters.limit + 1);
  // The cursor keeps PostgreSQL's own lower-case form: JavaScript's may differ on accented letters.
  const page = toPage(rows, filters.limit, (r) => [r.sortKey, r.row.id]);
  return { items: page.items.map((r) => presentProfile(r.row)), nextCursor: page.nextCursor };
}

export async function findOrganisation(db: Executor, id: string): Promise<OrganisationRow> {
  if (!isUuid(id)) throw notFound('organisation');
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  if (!row) throw notFound('organisation');
  return row;
}

/** One organisation's public profile, with the caller's role and rights in it. */
export async function getOrganisation(db: Executor, actor: Actor, id: string): Promise<OrganisationDetail> {
  const row = await findOrganisation(db, id);
  return presentDetail(row, actor, await hasLogo(db, id));
}

/** Changes an organisation's profile: its administrators or a platform administrator. */
export async function updateOrganisation(
  db: Executor,
  actor: Actor,
  id: string,
  patch: Partial<OrganisationInput>,
): Promise<OrganisationDetail> {
  await findOrganisation(db, id);
  organisationPermissions.authorize(actor, 'organisation.update', id);
  const values = normalise(patch);
  const fields = Object.keys(values);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .update(organisations)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(organisations.id, id))
        .returning();
      if (!row) throw notFound('organisation');
      await recordAudit(tx, actor, {
        action: 'organisation.update',
        entityType: 'organisation',
        entityId: id,
        organisationId: id,
        fields,
      });
      return presentDetail(row, actor, await hasLogo(tx, id));
    });
  } catch (err) {
    translateUniqueViolation(err);
  }
}

/** Throws 404 unless the organisation exists (public directory check for ids in request bodies). */
export async function assertOrganisationExists(db: Executor, id: string): Promise<void> {
  await findOrganisation(db, id);
}
