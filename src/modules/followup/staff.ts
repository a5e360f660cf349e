/**
 * What the staff read and do: a programme's follow-up settings, a person's follow-ups, the list of
 * follow-ups (the call list, those to contact, help asked), and the letter printed for a person without
 * e-mail.
 */
import { and, asc, eq, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { conflict, forbidden, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/service.ts';
import { allocations } from '../distribution/schema.ts';
import { devices } from '../inventory/schema.ts';
import { organisations } from '../organisations/schema.ts';
import { consentInForce } from '../programmes/consents.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { displayName } from '../programmes/referrals.ts';
import { beneficiaries, programmes, referrals } from '../programmes/schema.ts';
import { canReadReferral, loadBeneficiary, loadProgramme } from '../programmes/visibility.ts';
import { assertWorkerAnswerable, loadFollowUpFor, WORKER_ANSWERABLE } from './answers.ts';
import { issueLink, questionnaireUrl } from './links.ts';
import { settingsOf } from './planning.ts';
import { type FollowUpStatus, followUpAnswers, followUpSettings, followUps } from './schema.ts';

export interface FollowUpSettings {
  programmeId: string;
  months: number[];
  reminderDays: number;
}

/** A programme's follow-up settings, for those who see the programme. */
export async function getFollowUpSettings(
  db: Executor,
  actor: Actor,
  programmeId: string,
): Promise<FollowUpSettings> {
  const { row } = await loadProgramme(db, actor, programmeId);
  return { programmeId: row.id, ...(await settingsOf(db, row.id)) };
}

/** Changes them (the owner's `programme.manage`); follow-ups already scheduled keep their dates. */
export async function putFollowUpSettings(
  db: Executor,
  actor: Actor,
  programmeId: string,
  input: { months: number[]; reminderDays: number },
): Promise<FollowUpSettings> {
  const { row } = await loadProgramme(db, actor, programmeId);
  if (!peoplePermissions.can(actor, 'programme.manage', row.ownerOrganisationId)) throw forbidden();
  const months = [...new Set(input.months)].sort((a, b) => a - b);
  await db.transaction(async (tx) => {
    await tx
      .insert(followUpSettings)
      .values({ programmeId: row.id, months, reminderDays: input.reminderDays })
      .onConflictDoUpdate({
        target: followUpSettings.programmeId,
        set: { months, reminderDays: input.reminderDays, updatedAt: new Date() },
      });
    await recordAudit(tx, actor, {
      action: 'programme.follow_up_settings',
      entityType: 'programme',
      entityId: row.id,
      organisationId: row.ownerOrganisationId,
      fields: ['months', 'reminderDays'],
    });
  });
  return { programmeId: row.id, months, reminderDays: input.reminderDays };
}

export interface FollowUpView {
  id: string;
  programmeId: string;
  programmeName: string;
  allocationId: string;
  assetTag: string;
  months: number;
  dueOn: string;
  status: FollowUpStatus;
  sentAt: Date | null;
  remindedAt: Date | null;
  answeredAt: Date | null;
  answers:
    | (Omit<typeof followUpAnswers.$inferSelect, 'followUpId' | 'answeredByUserId' | 'createdAt'> & {
        answeredOn: string;
      })
    | null;
  can: { answer: boolean; letter: boolean };
}

function canFill(status: FollowUpStatus, dueOn: string, day: string): boolean {
  return WORKER_ANSWERABLE.includes(status) && (status !== 'scheduled' || dueOn <= day);
}

/** A person's follow-ups, for those who see the referral they follow (others: 404 on the person). */
export async function personFollowUps(
  db: Executor,
  actor: Actor,
  beneficiaryId: string,
): Promise<FollowUpView[]> {
  const person = await loadBeneficiary(db, actor, beneficiaryId);
  const rows = await db
    .select({
      followUp: followUps,
      referral: referrals,
      ownerOrganisationId: programmes.ownerOrganisationId,
      programmeName: programmes.name,
      assetTag: devices.assetTag,
      answers: followUpAnswers,
    })
    .from(followUps)
    .innerJoin(referrals, eq(referrals.id, followUps.referralId))
    .innerJoin(programmes, eq(programmes.id, followUps.programmeId))
    .innerJoin(allocations, eq(allocations.id, followUps.allocationId))
    .innerJoin(devices, eq(devices.id, allocations.deviceId))
    .leftJoin(followUpAnswers, eq(followUpAnswers.followUpId, followUps.id))
    .where(eq(followUps.beneficiaryId, person.id))
    .orderBy(asc(followUps.dueOn), asc(followUps.months), asc(followUps.id));
  const day = today();
  const seen = rows.filter((r) => canReadReferral(actor, r.referral, r.ownerOrganisationId));
  // A read of the person's record (ids and field names only, never the answers themselves).
  await recordAudit(db, actor, {
    action: 'beneficiary.read',
    entityType: 'beneficiary',
    entityId: person.id,
    organisationId: person.referringOrganisationId,
    fields: ['follow_ups', ...(seen.some((r) => r.answers) ? ['follow_up_answers'] : [])],
  });
  return seen.map((r) => {
    const manages =
      peoplePermissions.can(actor, 'referral.manage', r.referral.referringOrganisationId) ||
      peoplePermissions.can(actor, 'referral.manage', r.ownerOrganisationId);
    const open = manages && canFill(r.followUp.status, r.followUp.dueOn, day) && !person.anonymisedAt;
    const f = r.followUp;
    return {
      id: f.id,
      programmeId: f.programmeId,
      programmeName: r.programmeName,
      allocationId: f.allocationId,
      assetTag: r.assetTag,
      months: f.months,
      dueOn: f.dueOn,
      status: f.status,
      sentAt: f.sentAt,
      remindedAt: f.remindedAt,
      answeredAt: f.answeredAt,
      answers: r.answers
        ? {
            works: r.answers.works,
            frequency: r.answers.frequency,
            uses: r.answers.uses,
            autonomy: r.answers.autonomy,
            helpDevice: r.answers.helpDevice,
            helpContact: r.answers.helpContact,
            comment: r.answers.comment,
            answeredBy: r.answers.answeredBy,
            answeredOn: r.answers.answeredOn,
            ticketId: r.answers.ticketId,
          }
        : null,
      can: { answer: open, letter: open },
    };
  });
}

export const LIST_STATUSES = ['to_contact', 'no_answer', 'help', 'sent', 'answered', 'scheduled'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

export interface FollowUpListItem {
  id: string;
  beneficiaryId: string;
  personName: string;
  programmeId: string;
  programmeName: string;
  months: number;
  dueOn: string;
  status: FollowUpStatus;
  /** Only on the call list (to contact, no answer). */
  phone: string | null;
  helpContact: boolean;
  answeredAt: Date | null;
}

/**
 * The follow-ups of the actor's organisations (the referring one or the programme's owner), by due day:
 * `to_contact` and `no_answer` are the call list (with the phone number: the read is audited), `help` the
 * answers asking to be contacted. Cancelled ones are never listed.
 */
export async function listFollowUps(
  db: Executor,
  actor: Actor,
  filters: {
    programmeId?: string | undefined;
    status?: ListStatus | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<Page<FollowUpListItem>> {
  const orgs = peoplePermissions.organisationsWith(actor, 'beneficiary.read');
  if (orgs !== 'all' && orgs.length === 0) return { items: [], nextCursor: null };
  const conditions: (SQL | undefined)[] = [
    orgs === 'all'
      ? undefined
      : or(inArray(referrals.referringOrganisationId, orgs), inArray(programmes.ownerOrganisationId, orgs)),
    ne(followUps.status, 'cancelled'),
  ];
  if (filters.programmeId) {
    if (!isUuid(filters.programmeId)) return { items: [], nextCursor: null };
    conditions.push(eq(followUps.programmeId, filters.programmeId));
  }
  if (filters.status === 'help') {
    conditions.push(eq(followUps.status, 'answered'), eq(followUpAnswers.helpContact, true));
  } else if (filters.status) {
    conditions.push(eq(followUps.status, filters.status));
  }
  const after = decodeCursor(filters.cursor, ['date', 'uuid']);
  if (after) {
    const [dueOn, id] = after as [string, string];
    conditions.push(sql`(${followUps.dueOn}, ${followUps.id}) > (${dueOn}::date, ${id}::uuid)`);
  }
  const rows = await db
    .select({
      followUp: followUps,
      programmeName: programmes.name,
      person: {
        kind: beneficiaries.kind,
        firstName: beneficiaries.firstName,
        lastName: beneficiaries.lastName,
        name: beneficiaries.name,
        phone: beneficiaries.phone,
        referringOrganisationId: beneficiaries.referringOrganisationId,
      },
      helpContact: followUpAnswers.helpContact,
    })
    .from(followUps)
    .innerJoin(referrals, eq(referrals.id, followUps.referralId))
    .innerJoin(programmes, eq(programmes.id, followUps.programmeId))
    .innerJoin(beneficiaries, eq(beneficiaries.id, followUps.beneficiaryId))
    .leftJoin(followUpAnswers, eq(followUpAnswers.followUpId, followUps.id))
    .where(and(...conditions))
    .orderBy(asc(followUps.dueOn), asc(followUps.id))
    .limit(filters.limit + 1);
  const page = toPage(rows, filters.limit, (r) => [r.followUp.dueOn, r.followUp.id]);
  const items = page.items.map((r) => {
    const callList = r.followUp.status === 'to_contact' || r.followUp.status === 'no_answer';
    return {
      id: r.followUp.id,
      beneficiaryId: r.followUp.beneficiaryId,
      personName: displayName(r.person) ?? '—',
      programmeId: r.followUp.programmeId,
      programmeName: r.programmeName,
      months: r.followUp.months,
      dueOn: r.followUp.dueOn,
      status: r.followUp.status,
      phone: callList ? r.person.phone : null,
      helpContact: r.helpContact ?? false,
      answeredAt: r.followUp.answeredAt,
    };
  });
  // Phone numbers read from a list are reads of the person's record.
  const phones = page.items.filter(
    (r) => r.person.phone && (r.followUp.status === 'to_contact' || r.followUp.status === 'no_answer'),
  );
  for (const r of phones) {
    await recordAudit(db, actor, {
      action: 'beneficiary.read',
      entityType: 'beneficiary',
      entityId: r.followUp.beneficiaryId,
      organisationId: r.person.referringOrganisationId,
      fields: ['phone', 'follow_ups'],
    });
  }
  return { items, nextCursor: page.nextCursor };
}

export interface LetterData {
  personName: string;
  organisationName: string;
  programmeName: string;
  months: number;
  url: string;
  expiresOn: string;
}

/**
 * The letter for a person to answer on paper-free terms: a new link (channel `letter`) printed with its QR
 * code; a follow-up to contact becomes `sent` (the reminder delay runs from now).
 */
export async function issueLetter(
  db: Executor,
  actor: Actor,
  id: string,
  publicUrl: string,
): Promise<LetterData> {
  const { followUp: seen, manages } = await loadFollowUpFor(db, actor, id);
  if (!manages) throw forbidden();
  return db.transaction(async (tx) => {
    await tx
      .select({ id: beneficiaries.id })
      .from(beneficiaries)
      .where(eq(beneficiaries.id, seen.beneficiaryId))
      .for('update');
    const [followUp] = await tx.select().from(followUps).where(eq(followUps.id, seen.id)).for('update');
    if (!followUp) throw notFound('follow_up');
    // The same rule as filling it in: open, and due.
    assertWorkerAnswerable(followUp, today());
    // No new link for a person who withdrew their consent to be followed up.
    if (!(await consentInForce(tx, followUp.beneficiaryId, 'follow_up')))
      throw conflict('followUps.no_consent');
    const [about] = await tx
      .select({
        person: {
          kind: beneficiaries.kind,
          firstName: beneficiaries.firstName,
          lastName: beneficiaries.lastName,
          name: beneficiaries.name,
        },
        programmeName: programmes.name,
        ownerOrganisationId: programmes.ownerOrganisationId,
        organisationName: organisations.name,
      })
      .from(followUps)
      .innerJoin(beneficiaries, eq(beneficiaries.id, followUps.beneficiaryId))
      .innerJoin(programmes, eq(programmes.id, followUps.programmeId))
      .innerJoin(organisations, eq(organisations.id, programmes.ownerOrganisationId))
      .where(eq(followUps.id, followUp.id));
    if (!about) throw notFound('follow_up');
    const link = await issueLink(tx, followUp.id, 'letter');
    if (followUp.status === 'to_contact' || followUp.status === 'scheduled') {
      await tx
        .update(followUps)
        .set({ status: 'sent', sentAt: new Date(), updatedAt: new Date() })
        .where(eq(followUps.id, followUp.id));
    }
    await recordAudit(tx, actor, {
      action: 'follow_up.letter',
      entityType: 'follow_up',
      entityId: followUp.id,
      organisationId: about.ownerOrganisationId,
      fields: ['link'],
    });
    return {
      personName: displayName(about.person) ?? '',
      organisationName: about.organisationName,
      programmeName: about.programmeName,
      months: followUp.months,
      url: questionnaireUrl(publicUrl, link.token),
      expiresOn: link.expiresAt.toISOString().slice(0, 10),
    };
  });
}
