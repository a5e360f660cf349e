import { and, desc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { AppError, invalidField, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { stopFollowUpsWithoutConsent } from '../followup/planning.ts';
import { users } from '../organisations/schema.ts';
import { recordStep } from './events.ts';
import { consents } from './schema.ts';
import { loadWritableBeneficiary } from './visibility.ts';
import type { ConsentScope } from './vocabulary.ts';

export interface Consent {
  id: string;
  givenOn: string;
  covers: ConsentScope[];
  collectedByUserId: string | null;
  collectedByName: string | null;
  withdrawnOn: string | null;
  createdAt: Date;
}

/**
 * What a consent covers when the form does not say: referring the person, sharing their record with the
 * organisation running the programme when it is another one, and following them up.
 */
export const DEFAULT_CONSENT_SCOPES: ConsentScope[] = ['referral', 'partners', 'follow_up'];

export async function consentsOf(db: Executor, beneficiaryId: string): Promise<Consent[]> {
  return db
    .select({
      id: consents.id,
      givenOn: consents.givenOn,
      covers: consents.covers,
      collectedByUserId: consents.collectedByUserId,
      collectedByName: users.name,
      withdrawnOn: consents.withdrawnOn,
      createdAt: consents.createdAt,
    })
    .from(consents)
    .leftJoin(users, eq(users.id, consents.collectedByUserId))
    .where(eq(consents.beneficiaryId, beneficiaryId))
    .orderBy(desc(consents.givenOn), desc(consents.createdAt));
}

/**
 * Whether a consent covering this use was given by `onDay` (default today) and not withdrawn by then.
 */
export async function consentInForce(
  db: Executor,
  beneficiaryId: string,
  scope: ConsentScope,
  onDay: string = today(),
): Promise<boolean> {
  const [row] = await db
    .select({ id: consents.id })
    .from(consents)
    .where(
      and(
        eq(consents.beneficiaryId, beneficiaryId),
        lte(consents.givenOn, onDay),
        or(isNull(consents.withdrawnOn), gt(consents.withdrawnOn, onDay)),
        sql`${scope} = ANY(${consents.covers})`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Inserts a consent collected by the actor; inside the caller's transaction. */
export async function insertConsent(
  tx: Executor,
  actor: Actor,
  beneficiaryId: string,
  input: { givenOn: string; covers?: ConsentScope[] },
  path = 'givenOn',
): Promise<string> {
  if (input.givenOn > today()) throw invalidField(path, 'validation.day_in_future');
  const [row] = await tx
    .insert(consents)
    .values({
      beneficiaryId,
      givenOn: input.givenOn,
      covers: [...new Set(input.covers?.length ? input.covers : DEFAULT_CONSENT_SCOPES)],
      collectedByUserId: actor.userId,
    })
    .returning({ id: consents.id });
  if (!row) throw new Error('insert returned no row');
  await recordStep(tx, actor, { beneficiaryId, kind: 'consent_given', on: input.givenOn });
  return row.id;
}

/** Records a (new) consent of the person. */
export async function addConsent(
  db: Executor,
  actor: Actor,
  beneficiaryId: string,
  input: { givenOn: string; covers?: ConsentScope[] },
): Promise<Consent[]> {
  await db.transaction(async (tx) => {
    const beneficiary = await loadWritableBeneficiary(tx, actor, beneficiaryId);
    const id = await insertConsent(tx, actor, beneficiary.id, input);
    await recordAudit(tx, actor, {
      action: 'consent.create',
      entityType: 'consent',
      entityId: id,
      organisationId: beneficiary.referringOrganisationId,
      fields: ['givenOn', 'covers'],
    });
  });
  return consentsOf(db, beneficiaryId);
}

/**
 * The person withdraws a consent: kept on record with the day. Referrals already made stay (the person
 * may then ask for erasure); no new referral without another consent. Withdrawing follow-ups cancels the
 * person's follow-ups not answered yet, in the same transaction.
 */
export async function withdrawConsent(
  db: Executor,
  actor: Actor,
  beneficiaryId: string,
  consentId: string,
  withdrawnOn: string = today(),
): Promise<Consent[]> {
  if (withdrawnOn > today()) throw invalidField('withdrawnOn', 'validation.day_in_future');
  await db.transaction(async (tx) => {
    const beneficiary = await loadWritableBeneficiary(tx, actor, beneficiaryId);
    if (!isUuid(consentId)) throw notFound('consent');
    const [consent] = await tx
      .select()
      .from(consents)
      .where(and(eq(consents.id, consentId), eq(consents.beneficiaryId, beneficiary.id)))
      .for('update');
    if (!consent) throw notFound('consent');
    if (consent.withdrawnOn) {
      throw new AppError('CONFLICT', 'consents.already_withdrawn', { params: { on: consent.withdrawnOn } });
    }
    if (withdrawnOn < consent.givenOn) {
      throw invalidField('withdrawnOn', 'consents.withdrawn_before_given', { givenOn: consent.givenOn });
    }
    await tx.update(consents).set({ withdrawnOn }).where(eq(consents.id, consentId));
    // No more questionnaires, reminders or letters: the person's open follow-ups end with the consent.
    if (consent.covers.includes('follow_up')) await stopFollowUpsWithoutConsent(tx, beneficiary.id);
    await recordStep(tx, actor, {
      beneficiaryId: beneficiary.id,
      kind: 'consent_withdrawn',
      on: withdrawnOn,
    });
    await recordAudit(tx, actor, {
      action: 'consent.withdraw',
      entityType: 'consent',
      entityId: consentId,
      organisationId: beneficiary.referringOrganisationId,
      fields: ['withdrawnOn'],
    });
  });
  return consentsOf(db, beneficiaryId);
}
