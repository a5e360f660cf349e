/**
 * Answering a follow-up, through the person's link or by a social worker during an interview. In one
 * transaction: the answers (once: the follow-up row is locked and its status checked, the answers' key is
 * the follow-up), the follow-up `answered`, the referral `equipped` → `followed_up`, a maintenance ticket
 * when help with the computer is asked, an e-mail to the referrer (or the referring organisation's referral
 * managers) when the person asks to be contacted.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { type Locale, translate } from '../../lib/messages.ts';
import { recordAudit } from '../audit/service.ts';
import { allocations } from '../distribution/schema.ts';
import { recordTicket } from '../distribution/tickets.ts';
import { devices } from '../inventory/schema.ts';
import { organisations } from '../organisations/schema.ts';
import { recordStep } from '../programmes/events.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { applyMove } from '../programmes/referral-changes.ts';
import { beneficiaries, programmes, referrals } from '../programmes/schema.ts';
import { canReadReferral } from '../programmes/visibility.ts';
import { mailHelpAsked } from './help-mail.ts';
import { hashOfToken } from './links.ts';
import {
  type AutonomyAnswer,
  type FollowUpStatus,
  type FrequencyAnswer,
  followUpAnswers,
  followUpLinks,
  followUps,
  type UseAnswer,
  type WorksAnswer,
} from './schema.ts';

export interface FollowUpAnswersInput {
  works: WorksAnswer;
  frequency: FrequencyAnswer;
  uses: UseAnswer[];
  autonomy: AutonomyAnswer;
  helpDevice: boolean;
  helpContact: boolean;
  comment?: string | null | undefined;
}

export interface AnswerResult {
  thanks: true;
  ticketOpened: boolean;
  contactAlerted: boolean;
}

/** The statuses in which a social worker may fill the questionnaire in (a scheduled one once due). */
export const WORKER_ANSWERABLE: readonly FollowUpStatus[] = ['scheduled', 'sent', 'to_contact', 'no_answer'];

type FollowUpRow = typeof followUps.$inferSelect;

/** Writes the answers and their effects; the follow-up is locked and open. Inside the caller's transaction. */
async function applyAnswers(
  tx: Executor,
  actor: Actor,
  followUp: FollowUpRow,
  input: FollowUpAnswersInput,
  by: 'person' | 'worker',
  context: { publicUrl: string; locale: Locale },
): Promise<AnswerResult & { ticketId: string | null }> {
  const day = today();
  const [about] = await tx
    .select({ ownerOrganisationId: programmes.ownerOrganisationId })
    .from(programmes)
    .where(eq(programmes.id, followUp.programmeId));
  if (!about) throw notFound('follow_up');
  const [allocation] = await tx.select().from(allocations).where(eq(allocations.id, followUp.allocationId));
  let ticketId: string | null = null;
  if (input.helpDevice && allocation?.status === 'handed_over') {
    // Through distribution's service: the ticket's audit entry and the person's step come with it.
    const ticket = await recordTicket(
      tx,
      actor,
      allocation,
      translate(context.locale, 'followUps.help_ticket', { months: followUp.months }),
      about.ownerOrganisationId,
      { reportedByBorrower: by === 'person' },
    );
    ticketId = ticket.id;
  }
  await tx.insert(followUpAnswers).values({
    followUpId: followUp.id,
    works: input.works,
    frequency: input.frequency,
    uses: [...new Set(input.uses)],
    autonomy: input.autonomy,
    helpDevice: input.helpDevice,
    helpContact: input.helpContact,
    comment: input.comment?.trim() || null,
    answeredBy: by,
    answeredByUserId: by === 'worker' ? actor.userId : null,
    answeredOn: day,
    ticketId,
  });
  await tx
    .update(followUps)
    .set({ status: 'answered', answeredAt: new Date(), updatedAt: new Date() })
    .where(eq(followUps.id, followUp.id));
  const [referral] = await tx
    .select()
    .from(referrals)
    .where(eq(referrals.id, followUp.referralId))
    .for('update');
  if (referral?.status === 'equipped') await applyMove(tx, actor, referral, 'followed_up', day, null);

  const contactAlerted = input.helpContact
    ? await mailHelpAsked(tx, followUp.id, { publicUrl: context.publicUrl, ticketOpened: ticketId !== null })
    : false;
  await recordAudit(tx, actor, {
    action: by === 'person' ? 'follow_up.answer_by_link' : 'follow_up.answer',
    entityType: 'follow_up',
    entityId: followUp.id,
    organisationId: about.ownerOrganisationId,
    fields: ['answers', ...(ticketId ? ['ticket'] : []), ...(contactAlerted ? ['helpContact'] : [])],
  });
  await recordStep(tx, actor, {
    beneficiaryId: followUp.beneficiaryId,
    kind: 'follow_up_answered',
    referralId: followUp.referralId,
    programmeId: followUp.programmeId,
  });
  return { thanks: true, ticketOpened: ticketId !== null, contactAlerted, ticketId };
}

/** A link's follow-up, checked: unknown → 404, answered, closed or expired → 410 (each its own words). */
async function followUpOfToken(db: Executor, token: string) {
  const hash = hashOfToken(token);
  if (!hash) throw notFound('follow_up_link');
  const [row] = await db
    .select({ link: followUpLinks, followUp: followUps })
    .from(followUpLinks)
    .innerJoin(followUps, eq(followUps.id, followUpLinks.followUpId))
    .where(eq(followUpLinks.tokenHash, hash));
  if (!row) throw notFound('follow_up_link');
  return row;
}

function assertOpenLink(row: { link: typeof followUpLinks.$inferSelect; followUp: FollowUpRow }): void {
  if (row.followUp.status === 'answered') throw new AppError('GONE', 'followUps.already_answered');
  if (row.followUp.status === 'cancelled') throw new AppError('GONE', 'followUps.closed');
  if (row.link.expiresAt <= new Date()) {
    throw new AppError('GONE', 'followUps.link_expired', {
      params: { on: row.link.expiresAt.toISOString().slice(0, 10) },
    });
  }
}

export interface PublicFollowUp {
  programmeName: string;
  organisationName: string;
  months: number;
  deviceType: string;
  status: 'open';
}

/** What the questionnaire page shows: whose programme, how many months, which kind of device; never a name. */
export async function publicFollowUp(db: Executor, token: string): Promise<PublicFollowUp> {
  const row = await followUpOfToken(db, token);
  assertOpenLink(row);
  const [about] = await db
    .select({
      programmeName: programmes.name,
      organisationName: organisations.name,
      deviceType: devices.type,
    })
    .from(followUps)
    .innerJoin(programmes, eq(programmes.id, followUps.programmeId))
    .innerJoin(organisations, eq(organisations.id, programmes.ownerOrganisationId))
    .innerJoin(allocations, eq(allocations.id, followUps.allocationId))
    .innerJoin(devices, eq(devices.id, allocations.deviceId))
    .where(eq(followUps.id, row.followUp.id));
  if (!about) throw notFound('follow_up_link');
  return { ...about, months: row.followUp.months, status: 'open' };
}

/** Locks the person, then the follow-up (the order every change of a person's path takes). */
async function lockFollowUp(tx: Executor, followUpId: string, beneficiaryId: string): Promise<FollowUpRow> {
  await tx
    .select({ id: beneficiaries.id })
    .from(beneficiaries)
    .where(eq(beneficiaries.id, beneficiaryId))
    .for('update');
  const [locked] = await tx.select().from(followUps).where(eq(followUps.id, followUpId)).for('update');
  if (!locked) throw notFound('follow_up');
  return locked;
}

/** The person answers through their link: once (a second answer, even at the same moment, gets 410). */
export async function answerByLink(
  db: Executor,
  token: string,
  input: FollowUpAnswersInput,
  context: { ip: string | null; locale: Locale; publicUrl: string },
): Promise<AnswerResult> {
  const seen = await followUpOfToken(db, token);
  assertOpenLink(seen);
  return db.transaction(async (tx) => {
    const followUp = await lockFollowUp(tx, seen.followUp.id, seen.followUp.beneficiaryId);
    assertOpenLink({ link: seen.link, followUp });
    // Nobody signed in: the change is the link's, recorded without a user.
    const person: Actor = {
      userId: null,
      isPlatformAdmin: false,
      memberships: new Map(),
      ip: context.ip,
      locale: context.locale,
      via: 'link',
    };
    const { ticketId: _t, ...result } = await applyAnswers(tx, person, followUp, input, 'person', {
      publicUrl: context.publicUrl,
      // The ticket is read by the programme's staff: in French, the instance's language.
      locale: 'fr',
    });
    return result;
  });
}

/** Who may act on a follow-up: those who see its referral; filling in needs `referral.manage` there. */
export async function loadFollowUpFor(db: Executor, actor: Actor, id: string) {
  if (!isUuid(id)) throw notFound('follow_up');
  const [row] = await db
    .select({ followUp: followUps, referral: referrals, ownerOrganisationId: programmes.ownerOrganisationId })
    .from(followUps)
    .innerJoin(referrals, eq(referrals.id, followUps.referralId))
    .innerJoin(programmes, eq(programmes.id, followUps.programmeId))
    .where(eq(followUps.id, id));
  if (!row || !canReadReferral(actor, row.referral, row.ownerOrganisationId)) throw notFound('follow_up');
  const manages =
    peoplePermissions.can(actor, 'referral.manage', row.referral.referringOrganisationId) ||
    peoplePermissions.can(actor, 'referral.manage', row.ownerOrganisationId);
  return { ...row, manages };
}

export function assertWorkerAnswerable(followUp: FollowUpRow, on: string): void {
  if (followUp.status === 'answered') {
    throw conflict('followUps.answered', { on: followUp.answeredAt?.toISOString().slice(0, 10) ?? '' });
  }
  if (followUp.status === 'cancelled') throw conflict('followUps.cancelled');
  if (followUp.status === 'scheduled' && followUp.dueOn > on) {
    throw conflict('followUps.not_due', { dueOn: followUp.dueOn });
  }
}

/** A social worker fills the questionnaire in during an interview (answered → 409). */
export async function answerByWorker(
  db: Executor,
  actor: Actor,
  id: string,
  input: FollowUpAnswersInput,
  publicUrl: string,
): Promise<AnswerResult> {
  const { followUp: seen, manages } = await loadFollowUpFor(db, actor, id);
  if (!manages) throw forbidden();
  assertWorkerAnswerable(seen, today());
  return db.transaction(async (tx) => {
    const followUp = await lockFollowUp(tx, seen.id, seen.beneficiaryId);
    assertWorkerAnswerable(followUp, today());
    const { ticketId: _t, ...result } = await applyAnswers(tx, actor, followUp, input, 'worker', {
      publicUrl,
      locale: actor.locale,
    });
    return result;
  });
}
