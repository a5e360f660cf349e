/**
 * Registering needs (the public page, a prescriber or the owner), listing and counting them, completing an
 * anonymous need with the person's name and consent, withdrawing one. Turning needs into referrals is in
 * `conversion.ts`.
 */
import { and, desc, eq, getTableColumns, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { type Actor, actingOrganisationId } from '../../lib/actor.ts';
import { AppError, type FieldError, forbidden } from '../../lib/errors.ts';
import { isValidPostcode } from '../../lib/identifiers.ts';
import type { Locale } from '../../lib/messages.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/service.ts';
import { organisations } from '../organisations/schema.ts';
import { foldText } from '../programmes/eligibility.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { referringOrganisations } from '../programmes/programmes.ts';
import type { ProgrammeRow } from '../programmes/visibility.ts';
import {
  BENEFICIARY_KINDS,
  type BeneficiaryKind,
  DEVICE_NEEDS,
  type DeviceNeed,
  TARGET_GROUPS,
  type TargetGroup,
} from '../programmes/vocabulary.ts';
import {
  holderOf,
  loadCensusProgramme,
  loadNeed,
  type NeedRow,
  ofProgramme,
  personalScope,
  readsPersonal,
  writesNeed,
} from './access.ts';
import { censusNeeds, NEED_SOURCES, NEED_STATUSES, type NeedSource, type NeedStatus } from './schema.ts';
import { openCensus, programmeRuns } from './settings.ts';

export const REASON_MAX = 500;
export const PERSONAL_FIELDS = ['firstName', 'lastName', 'associationName', 'email', 'phone'] as const;

/** What a need says, from the public form or a prescriber. */
export interface NeedInput {
  kind: BeneficiaryKind;
  targetGroup?: TargetGroup | null;
  deviceNeed: DeviceNeed;
  reason?: string | null;
  town: string;
  postcode?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  associationName?: string | null;
  email?: string | null;
  phone?: string | null;
  /** The person agrees that their name and contact are kept to refer them (required when named). */
  consent?: boolean;
  /** A field people never see: a robot filling it gets the usual reply and nothing is recorded. */
  website?: string | null;
}

export interface Need {
  id: string;
  programmeId: string;
  source: NeedSource;
  registeredByOrganisationId: string | null;
  registeredByOrganisationName: string | null;
  kind: BeneficiaryKind;
  targetGroup: TargetGroup | null;
  deviceNeed: DeviceNeed;
  reason: string | null;
  town: string;
  postcode: string | null;
  /** Named with consent (the names may still be hidden from the caller: see `access.ts`). */
  named: boolean;
  /** Whether the caller reads the names and contact; when false they are null. */
  personalVisible: boolean;
  firstName: string | null;
  lastName: string | null;
  associationName: string | null;
  email: string | null;
  phone: string | null;
  consentGivenAt: Date | null;
  status: NeedStatus;
  beneficiaryId: string | null;
  referralId: string | null;
  convertedAt: Date | null;
  createdAt: Date;
  can: { complete: boolean; refer: boolean; withdraw: boolean };
}

const PHONE = /^\+?[0-9 .()-]{6,25}$/;

function cleanText(value: string | null | undefined): string | null {
  const text = value?.trim();
  return text ? text : null;
}

/** Trims, checks and shapes a need's fields; every problem at once (400), nothing written. */
function checkNeed(
  input: Partial<NeedInput>,
  programme: ProgrammeRow,
  alreadyConsented: boolean,
): Omit<typeof censusNeeds.$inferInsert, 'programmeId' | 'source'> {
  const errors: FieldError[] = [];
  const kind = input.kind ?? 'person';
  const town = cleanText(input.town);
  const postcode = cleanText(input.postcode);
  const reason = cleanText(input.reason);
  const personal = {
    firstName: kind === 'person' ? cleanText(input.firstName) : null,
    lastName: kind === 'person' ? cleanText(input.lastName) : null,
    associationName: kind === 'association' ? cleanText(input.associationName) : null,
    email: cleanText(input.email)?.toLowerCase() ?? null,
    phone: cleanText(input.phone),
  };
  if (!town) errors.push({ path: 'town', messageKey: 'census.town_required' });
  if (postcode && !isValidPostcode(postcode))
    errors.push({ path: 'postcode', messageKey: 'validation.postcode_invalid' });
  if (reason && reason.length > REASON_MAX)
    errors.push({ path: 'reason', messageKey: 'census.reason_too_long' });
  if (personal.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(personal.email))
    errors.push({ path: 'email', messageKey: 'validation.email_invalid' });
  if (personal.phone && (!PHONE.test(personal.phone) || personal.phone.replace(/\D/g, '').length < 6))
    errors.push({ path: 'phone', messageKey: 'census.phone_invalid' });
  const named = Object.values(personal).some(Boolean);
  if (named) {
    if (!input.consent && !alreadyConsented)
      errors.push({ path: 'consent', messageKey: 'census.consent_required' });
    if (kind === 'person' && (!personal.firstName || !personal.lastName)) {
      const path = personal.firstName ? 'lastName' : 'firstName';
      errors.push({ path, messageKey: 'census.name_required_when_named' });
    }
    if (kind === 'association' && !personal.associationName)
      errors.push({ path: 'associationName', messageKey: 'census.name_required_when_named' });
  }
  if (errors.length > 0) {
    throw new AppError('INVALID_INPUT', 'errors.invalid_input', {
      params: { count: errors.length },
      fieldErrors: errors,
    });
  }
  const targetGroup: TargetGroup | null =
    kind === 'association'
      ? 'association'
      : (input.targetGroup ?? null) === 'association'
        ? null
        : (input.targetGroup ?? null);
  return {
    kind,
    targetGroup,
    deviceNeed: input.deviceNeed as DeviceNeed,
    reason,
    town: canonicalTown(town as string, programme),
    postcode,
    ...personal,
    consentGivenAt: named ? new Date() : null,
  };
}

/** The programme's own spelling of a town it names (`saint aubin` → `Saint-Aubin`), else as typed. */
function canonicalTown(town: string, programme: ProgrammeRow): string {
  const key = foldText(town);
  return programme.eligibility.cities?.find((city) => foldText(city) === key) ?? town;
}

/** A need left on the programme's public page (no account). 404 when the page does not take needs. */
export async function registerPublicNeed(
  db: Executor,
  programmeId: string,
  input: NeedInput,
  context: { ip: string | null; locale: Locale },
): Promise<{ received: true; named: boolean }> {
  const { programme } = await openCensus(db, programmeId);
  const values = checkNeed(input, programme, false);
  const named = values.consentGivenAt !== null;
  if (input.website?.trim()) return { received: true, named };
  // Nobody signed in: the need is the page's, recorded without a user.
  const visitor: Actor = {
    userId: null,
    isPlatformAdmin: false,
    memberships: new Map(),
    ip: context.ip,
    locale: context.locale,
    via: 'link',
  };
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(censusNeeds)
      .values({ ...values, programmeId: programme.id, source: 'public' })
      .returning({ id: censusNeeds.id });
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, visitor, {
      action: 'census_need.create_public',
      entityType: 'census_need',
      entityId: row.id,
      organisationId: programme.ownerOrganisationId,
      fields: filledFields(values),
    });
  });
  return { received: true, named };
}

function filledFields(values: Record<string, unknown>): string[] {
  return Object.keys(values).filter((key) => values[key] !== null && values[key] !== undefined);
}

/**
 * A need registered by a prescribing partner (or the owner) of the programme, before or while it runs;
 * the public page need not be open. The organisation is the caller's only one, or named.
 */
export async function registerNeed(
  db: Executor,
  actor: Actor,
  programmeId: string,
  input: NeedInput & { registeredByOrganisationId?: string },
): Promise<Need> {
  const census = await loadCensusProgramme(db, actor, programmeId);
  const programme = census.row;
  const organisationId = actingOrganisationId(
    actor,
    input.registeredByOrganisationId ??
      (census.owner && !actor.isPlatformAdmin && actor.memberships.has(programme.ownerOrganisationId)
        ? programme.ownerOrganisationId
        : census.prescribers.length === 1
          ? census.prescribers[0]
          : undefined),
    'registeredByOrganisationId',
  );
  if (!referringOrganisations(census.parties).includes(organisationId)) {
    throw new AppError('RULE_REFUSED', 'census.organisation_not_prescriber', {
      params: { programme: programme.name },
    });
  }
  peoplePermissions.authorize(actor, 'beneficiary.write', organisationId, 'programme');
  if (!programmeRuns(programme)) {
    throw new AppError('RULE_REFUSED', 'census.programme_over', { params: { programme: programme.name } });
  }
  const values = checkNeed(input, programme, false);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(censusNeeds)
      .values({
        ...values,
        programmeId: programme.id,
        source: 'prescriber',
        registeredByOrganisationId: organisationId,
        registeredByUserId: actor.userId,
      })
      .returning({ id: censusNeeds.id });
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, {
      action: 'census_need.create',
      entityType: 'census_need',
      entityId: row.id,
      organisationId,
      fields: filledFields(values),
    });
    return row.id;
  });
  return getNeed(db, actor, id);
}

/** One need, as the caller may see it. */
export async function getNeed(db: Executor, actor: Actor, id: string): Promise<Need> {
  const { need, programme } = await loadNeed(db, actor, id);
  const shown = await presentNeeds(db, actor, programme.ownerOrganisationId, [need]);
  await auditAdminReads(db, actor, programme.ownerOrganisationId, shown);
  return shown[0] as Need;
}

/**
 * A platform administrator reading needs that carry personal data (names, contact, reason) leaves an
 * entry per need in the audit log, ids only, as for people's records: the holder's members read them in
 * their work, a platform administrator only by exception.
 */
async function auditAdminReads(db: Executor, actor: Actor, ownerId: string, needs: Need[]): Promise<void> {
  if (!actor.isPlatformAdmin) return;
  const personal = needs.filter(
    (n) => n.personalVisible && [...PERSONAL_FIELDS, 'reason' as const].some((key) => n[key] !== null),
  );
  if (personal.length === 0) return;
  await db.transaction(async (tx) => {
    for (const need of personal) {
      await recordAudit(tx, actor, {
        action: 'census_need.read',
        entityType: 'census_need',
        entityId: need.id,
        organisationId: need.registeredByOrganisationId ?? ownerId,
        fields: [],
      });
    }
  });
}

/** Needs as replies show them: personal fields only for the holder's members (see `access.ts`). */
export async function presentNeeds(
  db: Executor,
  actor: Actor,
  ownerId: string,
  rows: NeedRow[],
): Promise<Need[]> {
  const orgIds = [...new Set(rows.map((r) => r.registeredByOrganisationId).filter((o) => o !== null))];
  const names = new Map<string, string>();
  for (const orgId of orgIds) {
    const [org] = await db
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, orgId));
    names.set(orgId, org?.name ?? '');
  }
  return rows.map((row) => {
    const visible = readsPersonal(actor, row, ownerId);
    const writer = writesNeed(actor, row, ownerId);
    const open = row.status === 'registered';
    const named = row.consentGivenAt !== null;
    return {
      id: row.id,
      programmeId: row.programmeId,
      source: row.source,
      registeredByOrganisationId: row.registeredByOrganisationId,
      registeredByOrganisationName: row.registeredByOrganisationId
        ? (names.get(row.registeredByOrganisationId) ?? null)
        : null,
      kind: row.kind,
      targetGroup: row.targetGroup,
      deviceNeed: row.deviceNeed,
      reason: visible ? row.reason : null,
      town: row.town,
      postcode: row.postcode,
      named,
      personalVisible: visible,
      firstName: visible ? row.firstName : null,
      lastName: visible ? row.lastName : null,
      associationName: visible ? row.associationName : null,
      email: visible ? row.email : null,
      phone: visible ? row.phone : null,
      consentGivenAt: visible ? row.consentGivenAt : null,
      status: row.status,
      beneficiaryId: row.beneficiaryId,
      referralId: row.referralId,
      convertedAt: row.convertedAt,
      createdAt: row.createdAt,
      can: {
        complete: open && writer,
        refer: open && writer && named,
        withdraw: open && (writer || peoplePermissions.can(actor, 'programme.manage', ownerId)),
      },
    };
  });
}

export interface NeedFilters {
  status?: NeedStatus;
  source?: NeedSource;
  town?: string;
  targetGroup?: TargetGroup;
  deviceNeed?: DeviceNeed;
  q?: string;
  limit: number;
  cursor?: string;
}

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
}

/** A programme's needs, newest first: all of them for the owner, its own for a prescribing partner. */
export async function listNeeds(
  db: Executor,
  actor: Actor,
  programmeId: string,
  filters: NeedFilters,
): Promise<Page<Need>> {
  const census = await loadCensusProgramme(db, actor, programmeId);
  const conditions: (SQL | undefined)[] = [ofProgramme(census.row.id, census, actor)];
  if (filters.status) conditions.push(eq(censusNeeds.status, filters.status));
  if (filters.source) conditions.push(eq(censusNeeds.source, filters.source));
  if (filters.targetGroup) conditions.push(eq(censusNeeds.targetGroup, filters.targetGroup));
  if (filters.deviceNeed) conditions.push(eq(censusNeeds.deviceNeed, filters.deviceNeed));
  if (filters.town?.trim())
    conditions.push(
      sql`lower(${censusNeeds.town}) = ${canonicalTown(filters.town.trim(), census.row).toLowerCase()}`,
    );
  if (filters.q?.trim()) {
    // Names are searched only where the caller reads them, so a search cannot reveal a hidden name.
    const pattern = likePattern(filters.q.trim());
    const names = sql`lower(concat_ws(' ', ${censusNeeds.firstName}, ${censusNeeds.lastName}, ${censusNeeds.associationName}, ${censusNeeds.email})) LIKE ${pattern}`;
    conditions.push(
      or(
        sql`lower(${censusNeeds.town}) LIKE ${pattern}`,
        sql`${censusNeeds.postcode} LIKE ${pattern}`,
        and(personalScope(actor, census.row.ownerOrganisationId), names),
      ),
    );
  }
  const after = decodeCursor(filters.cursor, ['instant', 'uuid']);
  if (after) {
    const [at, id] = after as [string, string];
    const atValue = sql`${at}::timestamptz`;
    conditions.push(
      or(lt(censusNeeds.createdAt, atValue), and(eq(censusNeeds.createdAt, atValue), lt(censusNeeds.id, id))),
    );
  }
  const rows = await db
    .select({ ...getTableColumns(censusNeeds), atKey: sql<string>`${censusNeeds.createdAt}::text` })
    .from(censusNeeds)
    .where(and(...conditions))
    .orderBy(desc(censusNeeds.createdAt), desc(censusNeeds.id))
    .limit(filters.limit + 1);
  const page = toPage(rows, filters.limit, (r) => [r.atKey, r.id]);
  const items = await presentNeeds(
    db,
    actor,
    census.row.ownerOrganisationId,
    page.items.map(({ atKey: _a, ...row }) => row),
  );
  await auditAdminReads(db, actor, census.row.ownerOrganisationId, items);
  return { items, nextCursor: page.nextCursor };
}

export interface CountRow<K extends string = string> {
  key: K;
  count: number;
}

export interface NeedSummary {
  /** Needs still to serve or served (registered and referred); withdrawn ones count only by status. */
  total: number;
  byTown: CountRow[];
  byTargetGroup: CountRow<TargetGroup | 'unknown'>[];
  byDeviceNeed: CountRow<DeviceNeed>[];
  byKind: CountRow<BeneficiaryKind>[];
  bySource: CountRow<NeedSource>[];
  byStatus: CountRow<NeedStatus>[];
}

/** Counts of a programme's needs by town, group, device, kind, source and status (the caller's scope). */
export async function needSummary(db: Executor, actor: Actor, programmeId: string): Promise<NeedSummary> {
  const census = await loadCensusProgramme(db, actor, programmeId);
  const rows = await db
    .select({
      town: censusNeeds.town,
      targetGroup: censusNeeds.targetGroup,
      deviceNeed: censusNeeds.deviceNeed,
      kind: censusNeeds.kind,
      source: censusNeeds.source,
      status: censusNeeds.status,
      n: sql<number>`count(*)::int`,
    })
    .from(censusNeeds)
    .where(ofProgramme(census.row.id, census, actor))
    .groupBy(
      censusNeeds.town,
      censusNeeds.targetGroup,
      censusNeeds.deviceNeed,
      censusNeeds.kind,
      censusNeeds.source,
      censusNeeds.status,
    );
  const live = rows.filter((r) => r.status !== 'withdrawn');
  // Towns typed differently (`saint aubin`, `Saint-Aubin`) count as one, under their most frequent spelling.
  const towns = new Map<string, { spellings: Map<string, number>; count: number }>();
  for (const r of live) {
    const key = foldText(r.town);
    const entry = towns.get(key) ?? { spellings: new Map(), count: 0 };
    entry.count += r.n;
    entry.spellings.set(r.town, (entry.spellings.get(r.town) ?? 0) + r.n);
    towns.set(key, entry);
  }
  const byTown = [...towns.values()]
    .map((t) => ({
      key: [...t.spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '',
      count: t.count,
    }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key, 'fr'));
  const count = <K extends string>(
    list: typeof rows,
    keys: readonly K[],
    keyOf: (r: (typeof rows)[number]) => K,
  ): CountRow<K>[] =>
    keys
      .map((key) => ({ key, count: list.filter((r) => keyOf(r) === key).reduce((s, r) => s + r.n, 0) }))
      .filter((c) => c.count > 0);
  return {
    total: live.reduce((s, r) => s + r.n, 0),
    byTown,
    byTargetGroup: count(live, [...TARGET_GROUPS, 'unknown'] as const, (r) => r.targetGroup ?? 'unknown'),
    byDeviceNeed: count(live, DEVICE_NEEDS, (r) => r.deviceNeed),
    byKind: count(live, BENEFICIARY_KINDS, (r) => r.kind),
    bySource: count(live, NEED_SOURCES, (r) => r.source),
    byStatus: count(rows, NEED_STATUSES, (r) => r.status),
  };
}

/** A need the caller may change (the holder's social workers and up), registered still; locked. */
async function loadChangeableNeed(tx: Executor, actor: Actor, id: string, manageToo: boolean) {
  const { need, programme } = await loadNeed(tx, actor, id, true);
  const allowed =
    writesNeed(actor, need, programme.ownerOrganisationId) ||
    (manageToo && peoplePermissions.can(actor, 'programme.manage', programme.ownerOrganisationId));
  // Seen (in the list, the counts) but not theirs to change: 403.
  if (!allowed) throw forbidden();
  if (need.status !== 'registered') {
    throw new AppError('CONFLICT', 'census.need_not_registered', {
      params: { status: statusWord(actor.locale, need.status) },
    });
  }
  return { need, programme };
}

export function statusWord(locale: Locale, status: NeedStatus): string {
  const words: Record<Locale, Record<NeedStatus, string>> = {
    fr: { registered: 'enregistré', referred: 'orienté', withdrawn: 'retiré' },
    en: { registered: 'registered', referred: 'referred', withdrawn: 'withdrawn' },
  };
  return words[locale][status];
}

/**
 * Completes a need: the person's name and contact with their consent (what an anonymous need lacks to be
 * referred), or corrects its facts. The holder's social workers, managers and administrators.
 */
export async function completeNeed(
  db: Executor,
  actor: Actor,
  id: string,
  patch: Partial<NeedInput>,
): Promise<Need> {
  await db.transaction(async (tx) => {
    const { need, programme } = await loadChangeableNeed(tx, actor, id, false);
    const merged: Partial<NeedInput> = {
      kind: need.kind,
      targetGroup: need.targetGroup,
      deviceNeed: need.deviceNeed,
      reason: need.reason,
      town: need.town,
      postcode: need.postcode,
      firstName: need.firstName,
      lastName: need.lastName,
      associationName: need.associationName,
      email: need.email,
      phone: need.phone,
    };
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined && key !== 'consent' && key !== 'website')
        (merged as Record<string, unknown>)[key] = value;
    }
    merged.consent = patch.consent;
    // The consent given covers the names and contact it was given for: new ones need it again.
    const personalChanged = PERSONAL_FIELDS.some((key) => {
      const value = patch[key];
      if (value === undefined) return false;
      const cleaned = key === 'email' ? (cleanText(value)?.toLowerCase() ?? null) : cleanText(value);
      return cleaned !== need[key];
    });
    const stillNamed = PERSONAL_FIELDS.some((key) => cleanText(merged[key] as string | null | undefined));
    if (personalChanged && stillNamed && need.consentGivenAt !== null && patch.consent !== true) {
      throw new AppError('INVALID_INPUT', 'errors.invalid_input', {
        params: { count: 1 },
        fieldErrors: [{ path: 'consent', messageKey: 'census.consent_again' }],
      });
    }
    const values = checkNeed(merged, programme, need.consentGivenAt !== null && !personalChanged);
    const consentGivenAt = values.consentGivenAt
      ? personalChanged
        ? values.consentGivenAt
        : (need.consentGivenAt ?? values.consentGivenAt)
      : null;
    const next = { ...values, consentGivenAt };
    const changed = Object.keys(next).filter((key) => {
      const before = (need as Record<string, unknown>)[key];
      const after = (next as Record<string, unknown>)[key];
      return before instanceof Date && after instanceof Date
        ? before.getTime() !== after.getTime()
        : before !== after;
    });
    if (changed.length === 0) return;
    await tx
      .update(censusNeeds)
      .set({ ...next, updatedAt: new Date() })
      .where(and(eq(censusNeeds.id, need.id), eq(censusNeeds.status, 'registered')));
    await recordAudit(tx, actor, {
      action: 'census_need.update',
      entityType: 'census_need',
      entityId: need.id,
      organisationId: holderOf(need, programme.ownerOrganisationId),
      fields: changed,
    });
  });
  return getNeed(db, actor, id);
}

/**
 * Withdraws a need (the person no longer needs it, or asks to be forgotten): its names, contact and reason
 * are cleared at once; its town, group and device stay for the counts (by status). The holder's social
 * workers and up, or the owner's managers and administrators.
 */
export async function withdrawNeed(db: Executor, actor: Actor, id: string): Promise<Need> {
  await db.transaction(async (tx) => {
    const { need, programme } = await loadChangeableNeed(tx, actor, id, true);
    const cleared = { firstName: null, lastName: null, associationName: null, email: null, phone: null };
    await tx
      .update(censusNeeds)
      .set({ ...cleared, reason: null, consentGivenAt: null, status: 'withdrawn', updatedAt: new Date() })
      .where(and(eq(censusNeeds.id, need.id), eq(censusNeeds.status, 'registered')));
    await recordAudit(tx, actor, {
      action: 'census_need.withdraw',
      entityType: 'census_need',
      entityId: need.id,
      organisationId: holderOf(need, programme.ownerOrganisationId),
      fields: ['status', ...Object.keys(cleared), 'reason', 'consentGivenAt'],
    });
  });
  return getNeed(db, actor, id);
}
