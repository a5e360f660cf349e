import { and, asc, desc, eq, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { type Actor, actingOrganisationId } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { AppError, type FieldError } from '../../lib/errors.ts';
import {
  isValidPostcode,
  isValidRna,
  isValidSiret,
  normaliseRna,
  normaliseSiret,
} from '../../lib/identifiers.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/service.ts';
import { assertOrganisationExists } from '../organisations/organisations.ts';
import { organisations } from '../organisations/schema.ts';
import { type Consent, consentInForce, consentsOf, insertConsent } from './consents.ts';
import { findDuplicates } from './duplicates.ts';
import { foldText, searchPattern } from './eligibility.ts';
import { recordRead, recordStep } from './events.ts';
import { peoplePermissions } from './permissions.ts';
import { reevaluateReferrals } from './referral-changes.ts';
import { displayName, type Referral, referralsOf } from './referrals.ts';
import { beneficiaries, programmes, referrals } from './schema.ts';
import {
  type BeneficiaryRow,
  beneficiaryScope,
  loadBeneficiary,
  loadWritableBeneficiary,
  referralScope,
} from './visibility.ts';
import type {
  BeneficiaryKind,
  ConsentScope,
  DeviceNeed,
  EmploymentSituation,
  HouseholdType,
  IncomeSituation,
  ReferralStatus,
  TargetGroup,
} from './vocabulary.ts';

/** What a prescriber records about a person or an association (only what the CNIL framework allows). */
export interface BeneficiaryFields {
  firstName?: string | null;
  lastName?: string | null;
  name?: string | null;
  birthYear?: number | null;
  householdType?: HouseholdType | null;
  childrenCount?: number | null;
  postcode?: string | null;
  city?: string | null;
  country?: string;
  priorityZone?: boolean | null;
  incomeSituation?: IncomeSituation | null;
  familyQuotientCents?: number | null;
  employmentSituation?: EmploymentSituation | null;
  targetGroup?: TargetGroup;
  phone?: string | null;
  email?: string | null;
  accessibilityNeeds?: boolean;
  deviceNeed?: DeviceNeed | null;
  rna?: string | null;
  siret?: string | null;
  contactName?: string | null;
  peopleServed?: number | null;
}

export interface BeneficiaryInput extends BeneficiaryFields {
  kind: BeneficiaryKind;
  referringOrganisationId?: string;
  consentGivenOn?: string;
  consent?: { givenOn: string; covers?: ConsentScope[] };
}

export interface DuplicateCandidate {
  id: string;
  firstName: string | null;
  lastName: string | null;
  name: string | null;
  birthYear: number | null;
  postcode: string | null;
  city: string | null;
}

type PublicRow = Omit<BeneficiaryRow, 'searchKey' | 'createdByUserId'>;

export interface Beneficiary extends PublicRow {
  displayName: string | null;
  referringOrganisationName: string;
  consentInForce: boolean;
  consents: Consent[];
  referrals: Referral[];
  can: { edit: boolean; refer: boolean; erase: boolean; export: boolean };
}

/** What lists show of a record: who and where, never contact details, income or needs (audited reads). */
export const SUMMARY_FIELDS = [
  'id',
  'kind',
  'referringOrganisationId',
  'firstName',
  'lastName',
  'name',
  'birthYear',
  'postcode',
  'city',
  'targetGroup',
  'deviceNeed',
  'lastActivityOn',
  'anonymisedAt',
  'mergedIntoId',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof BeneficiaryRow)[];

/** A person's referral as the people list shows it: the programme and where the person stands. */
export interface ReferralPath {
  id: string;
  programmeId: string;
  programmeName: string;
  status: ReferralStatus;
}

export type BeneficiarySummary = Pick<BeneficiaryRow, (typeof SUMMARY_FIELDS)[number]> & {
  displayName: string | null;
  referringOrganisationName: string;
  referrals: ReferralPath[];
};

/** Names folded for search and duplicates: `lastname firstname`, or the association's name. */
export function searchKeyOf(b: Pick<BeneficiaryRow, 'kind' | 'firstName' | 'lastName' | 'name'>): string {
  return foldText(b.kind === 'association' ? (b.name ?? '') : `${b.lastName ?? ''} ${b.firstName ?? ''}`);
}

/** Cross-field checks the zod schema cannot make; every problem at once, nothing written. */
function checkFields(kind: BeneficiaryKind, fields: BeneficiaryFields): void {
  const errors: FieldError[] = [];
  if (kind === 'person') {
    if (!fields.firstName?.trim())
      errors.push({ path: 'firstName', messageKey: 'validation.person_name_required' });
    if (!fields.lastName?.trim())
      errors.push({ path: 'lastName', messageKey: 'validation.person_name_required' });
  } else if (!fields.name?.trim()) {
    errors.push({ path: 'name', messageKey: 'validation.association_name_required' });
  }
  const thisYear = Number(today().slice(0, 4));
  if (fields.birthYear !== undefined && fields.birthYear !== null) {
    if (fields.birthYear < 1900 || fields.birthYear > thisYear) {
      errors.push({
        path: 'birthYear',
        messageKey: 'validation.birth_year_range',
        params: { max: thisYear },
      });
    }
  }
  if (fields.postcode && (fields.country ?? 'FR') === 'FR' && !isValidPostcode(fields.postcode)) {
    errors.push({ path: 'postcode', messageKey: 'validation.postcode_invalid' });
  }
  if (fields.rna && !isValidRna(fields.rna))
    errors.push({ path: 'rna', messageKey: 'validation.rna_invalid' });
  if (fields.siret && !isValidSiret(fields.siret)) {
    errors.push({ path: 'siret', messageKey: 'validation.siret_invalid' });
  }
  if (errors.length > 0) {
    throw new AppError('INVALID_INPUT', 'errors.invalid_input', {
      params: { count: errors.length },
      fieldErrors: errors,
    });
  }
}

/** Trims texts and turns empty ones into nulls, so that "" never hides a missing value. */
function clean(fields: BeneficiaryFields): BeneficiaryFields {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    out[key] = typeof value === 'string' ? value.trim() || null : value;
  }
  if (typeof out.email === 'string') out.email = out.email.toLowerCase();
  if (typeof out.rna === 'string') out.rna = normaliseRna(out.rna);
  if (typeof out.siret === 'string') out.siret = normaliseSiret(out.siret);
  if (typeof out.country === 'string') out.country = out.country.toUpperCase();
  if (out.country === null) delete out.country;
  return out as BeneficiaryFields;
}

/**
 * Records a person or an association for the referring organisation, with their consent (required:
 * without it nothing is written). The reply lists the records of the same organisation that look like
 * the same person, for the form to offer them.
 */
export async function createBeneficiary(
  db: Executor,
  actor: Actor,
  input: BeneficiaryInput,
): Promise<Beneficiary & { possibleDuplicates: DuplicateCandidate[] }> {
  const referringOrganisationId = actingOrganisationId(
    actor,
    input.referringOrganisationId,
    'referringOrganisationId',
  );
  await assertOrganisationExists(db, referringOrganisationId);
  peoplePermissions.authorize(actor, 'beneficiary.write', referringOrganisationId);
  const { kind, referringOrganisationId: _o, consentGivenOn, consent, ...rawFields } = input;
  const fields = clean(rawFields);
  checkFields(kind, fields);
  const givenOn = consent?.givenOn ?? consentGivenOn;
  if (!givenOn) {
    throw new AppError('INVALID_INPUT', 'errors.invalid_input', {
      params: { count: 1 },
      fieldErrors: [{ path: 'consentGivenOn', messageKey: 'validation.consent_required' }],
    });
  }
  const id = await db.transaction(async (tx) => {
    const values = {
      ...fields,
      kind,
      referringOrganisationId,
      targetGroup: fields.targetGroup ?? (kind === 'association' ? 'association' : 'household'),
      lastActivityOn: today(),
      createdByUserId: actor.userId,
    } satisfies typeof beneficiaries.$inferInsert;
    const [row] = await tx
      .insert(beneficiaries)
      .values({
        ...values,
        searchKey: searchKeyOf({
          ...values,
          firstName: values.firstName ?? null,
          lastName: values.lastName ?? null,
          name: values.name ?? null,
        }),
      })
      .returning({ id: beneficiaries.id });
    if (!row) throw new Error('insert returned no row');
    await recordStep(tx, actor, { beneficiaryId: row.id, kind: 'created', fields: Object.keys(fields) });
    await insertConsent(
      tx,
      actor,
      row.id,
      { givenOn, covers: consent?.covers },
      consent ? 'consent.givenOn' : 'consentGivenOn',
    );
    await recordAudit(tx, actor, {
      action: 'beneficiary.create',
      entityType: 'beneficiary',
      entityId: row.id,
      organisationId: referringOrganisationId,
      fields: Object.keys(fields),
    });
    return row.id;
  });
  const created = await presentBeneficiary(db, actor, await loadBeneficiary(db, actor, id));
  const possibleDuplicates =
    kind === 'person'
      ? (
          await findDuplicates(db, actor, {
            referringOrganisationId,
            firstName: fields.firstName ?? '',
            lastName: fields.lastName ?? '',
            birthYear: fields.birthYear ?? undefined,
            postcode: fields.postcode ?? undefined,
          })
        ).filter((d) => d.id !== id)
      : [];
  return { ...created, possibleDuplicates };
}

export async function presentBeneficiary(
  db: Executor,
  actor: Actor,
  row: BeneficiaryRow,
): Promise<Beneficiary> {
  const { searchKey: _k, createdByUserId: _c, ...rest } = row;
  const [org] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, row.referringOrganisationId));
  const live = !row.anonymisedAt && !row.mergedIntoId;
  const writer = peoplePermissions.can(actor, 'beneficiary.write', row.referringOrganisationId);
  return {
    ...rest,
    displayName: displayName(row),
    referringOrganisationName: org?.name ?? '',
    consentInForce: live && (await consentInForce(db, row.id, 'referral')),
    consents: await consentsOf(db, row.id),
    referrals: await referralsOf(db, actor, row.id),
    can: {
      edit: live && writer,
      refer: live && writer,
      erase: live && peoplePermissions.can(actor, 'beneficiary.erase', row.referringOrganisationId),
      export: live && writer,
    },
  };
}

/** One record, for the members allowed to see it; the read is written in the audit log. */
export async function getBeneficiary(db: Executor, actor: Actor, id: string): Promise<Beneficiary> {
  const row = await loadBeneficiary(db, actor, id);
  await recordRead(db, actor, row);
  return presentBeneficiary(db, actor, row);
}

/**
 * Changes a record. Open `ineligible` referrals are evaluated again with the new data (a person whose
 * family quotient was missing becomes eligible once it is given).
 */
export async function updateBeneficiary(
  db: Executor,
  actor: Actor,
  id: string,
  patch: BeneficiaryFields & { kind?: BeneficiaryKind },
): Promise<Beneficiary> {
  await db.transaction(async (tx) => {
    const row = await loadWritableBeneficiary(tx, actor, id);
    const { kind, ...rawFields } = patch;
    if (kind && kind !== row.kind) {
      throw new AppError('INVALID_INPUT', 'errors.invalid_input', {
        params: { count: 1 },
        fieldErrors: [{ path: 'kind', messageKey: 'beneficiaries.kind_fixed' }],
      });
    }
    const fields = clean(rawFields);
    const merged = { ...row, ...fields } as BeneficiaryRow;
    checkFields(row.kind, merged as BeneficiaryFields);
    const changed = Object.keys(fields).filter(
      (key) => (fields as Record<string, unknown>)[key] !== (row as Record<string, unknown>)[key],
    );
    if (changed.length === 0) return;
    await tx
      .update(beneficiaries)
      .set({ ...fields, searchKey: searchKeyOf(merged), updatedAt: new Date() })
      .where(eq(beneficiaries.id, id));
    await recordStep(tx, actor, { beneficiaryId: id, kind: 'updated', fields: changed });
    await recordAudit(tx, actor, {
      action: 'beneficiary.update',
      entityType: 'beneficiary',
      entityId: id,
      organisationId: row.referringOrganisationId,
      fields: changed,
    });
    await reevaluateReferrals(tx, actor, merged, 'ineligible');
  });
  return presentBeneficiary(db, actor, await loadBeneficiary(db, actor, id));
}

export interface BeneficiaryFilters {
  programmeId?: string;
  q?: string;
  kind?: BeneficiaryKind;
  status?: ReferralStatus;
  referringOrganisationId?: string;
  prescriberUserId?: string;
  sort?: 'name' | 'recent';
  limit: number;
  cursor?: string;
}

/** People and associations the actor may see (erased and merged records are left out). */
export async function listBeneficiaries(
  db: Executor,
  actor: Actor,
  filters: BeneficiaryFilters,
): Promise<Page<BeneficiarySummary>> {
  const scope = beneficiaryScope(actor);
  if (scope === false) return { items: [], nextCursor: null };
  const conditions: (SQL | undefined)[] = [
    scope,
    isNull(beneficiaries.anonymisedAt),
    isNull(beneficiaries.mergedIntoId),
  ];
  if (filters.kind) conditions.push(eq(beneficiaries.kind, filters.kind));
  if (filters.referringOrganisationId)
    conditions.push(eq(beneficiaries.referringOrganisationId, filters.referringOrganisationId));
  if (filters.q) {
    for (const word of filters.q.split(/\s+/).filter(Boolean)) {
      conditions.push(sql`${beneficiaries.searchKey} LIKE ${searchPattern(word)}`);
    }
  }
  if (filters.programmeId || filters.status || filters.prescriberUserId) {
    const referralScopeSql = referralScope(actor);
    const inner: (SQL | undefined)[] = [sql`${referrals.beneficiaryId} = ${beneficiaries.id}`];
    if (referralScopeSql) inner.push(referralScopeSql);
    if (filters.programmeId) inner.push(eq(referrals.programmeId, filters.programmeId));
    if (filters.status) inner.push(eq(referrals.status, filters.status));
    if (filters.prescriberUserId) inner.push(eq(referrals.referredByUserId, filters.prescriberUserId));
    const matching = sql`EXISTS (SELECT 1 FROM ${referrals} JOIN ${programmes} ON ${programmes.id} = ${referrals.programmeId} WHERE ${and(...inner)})`;
    conditions.push(
      filters.prescriberUserId && !filters.programmeId && !filters.status
        ? or(matching, eq(beneficiaries.createdByUserId, filters.prescriberUserId))
        : matching,
    );
  }
  const byName = filters.sort === 'name';
  if (byName) {
    const after = decodeCursor(filters.cursor, ['text', 'uuid']);
    if (after) {
      const [key, id] = after as [string, string];
      conditions.push(sql`(${beneficiaries.searchKey}, ${beneficiaries.id}) > (${key}, ${id}::uuid)`);
    }
  } else {
    const after = decodeCursor(filters.cursor, ['instant', 'uuid']);
    if (after) {
      const [createdAt, id] = after as [string, string];
      conditions.push(
        sql`(${beneficiaries.createdAt}, ${beneficiaries.id}) < (${createdAt}::timestamptz, ${id}::uuid)`,
      );
    }
  }
  // Each person's referrals (those the actor may see) come in the same statement: one round trip. The
  // sub-select is evaluated after the sort and limit, for the page's rows only.
  const referralScopeSql = referralScope(actor);
  const referralsJson =
    referralScopeSql === false
      ? sql<ReferralPath[]>`'[]'::json`
      : sql<ReferralPath[]>`COALESCE((
          SELECT json_agg(json_build_object(
            'id', ${referrals.id}, 'programmeId', ${referrals.programmeId},
            'programmeName', ${programmes.name}, 'status', ${referrals.status}
          ) ORDER BY ${referrals.referredOn} DESC)
          FROM ${referrals} JOIN ${programmes} ON ${programmes.id} = ${referrals.programmeId}
          WHERE ${and(sql`${referrals.beneficiaryId} = ${beneficiaries.id}`, referralScopeSql)}
        ), '[]'::json)`;
  const rows = await db
    .select({
      row: beneficiaries,
      organisationName: organisations.name,
      createdKey: sql<string>`${beneficiaries.createdAt}::text`,
      referrals: referralsJson,
    })
    .from(beneficiaries)
    .innerJoin(organisations, eq(organisations.id, beneficiaries.referringOrganisationId))
    .where(and(...conditions))
    .orderBy(
      ...(byName
        ? [asc(beneficiaries.searchKey), asc(beneficiaries.id)]
        : [desc(beneficiaries.createdAt), desc(beneficiaries.id)]),
    )
    .limit(filters.limit + 1);
  const page = toPage(rows, filters.limit, (r) =>
    byName ? [r.row.searchKey, r.row.id] : [r.createdKey, r.row.id],
  );
  return {
    items: page.items.map(({ row, organisationName, referrals: paths }) => {
      const summary = Object.fromEntries(SUMMARY_FIELDS.map((field) => [field, row[field]])) as Pick<
        BeneficiaryRow,
        (typeof SUMMARY_FIELDS)[number]
      >;
      return {
        ...summary,
        displayName: displayName(row),
        referringOrganisationName: organisationName,
        referrals: paths,
      };
    }),
    nextCursor: page.nextCursor,
  };
}
