import { and, asc, desc, eq, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import type { Locale } from '../../lib/messages.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { notificationPermissions } from './permissions.ts';
import { type MailStatus, outbox } from './schema.ts';
import { type MailTemplate, type MailTemplates, renderMail } from './templates.ts';

export interface MailInput<T extends MailTemplate> {
  to: string;
  template: T;
  locale: Locale;
  params: MailTemplates[T];
  /** The organisation the mail is about: its administrators see it in the outbox. */
  organisationId: string | null;
}

/** Writes a mail in the outbox, inside the caller's transaction: it leaves only if the change commits. */
export async function queueMail<T extends MailTemplate>(tx: Executor, mail: MailInput<T>): Promise<string> {
  const rendered = renderMail(mail.template, mail.locale, mail.params);
  const [row] = await tx
    .insert(outbox)
    .values({
      organisationId: mail.organisationId,
      toAddress: mail.to,
      template: mail.template,
      locale: mail.locale,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
    })
    .returning({ id: outbox.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

const MAX_ATTEMPTS = 5;

/**
 * The bodies a mail keeps once it has left the queue, so the table, its readers and the backups made of
 * it hold no link that was already delivered. Sent or given up: every token-bearing link is cut
 * (`/invitation/…`, `/mot-de-passe/…`, `/suivi/…`…). Stored without a mail server: the mail is the only
 * carrier of its link, which the platform administrator passes on by hand (an association approved on
 * the portal has no other), so only password reset links are cut (none is written without a mail server);
 * such a mail, and a backup of it, holds its link until used or expired.
 */
function redactedBodies(mail: { textBody: string; htmlBody: string }, left: 'sent' | 'stored') {
  const redact =
    left === 'sent'
      ? (body: string) => redactAccountLinks(redactSecretLinks(body))
      : (body: string) => redactAccountLinks(body);
  return { textBody: redact(mail.textBody), htmlBody: redact(mail.htmlBody) };
}

const BATCH = 20;

/** The SMTP reply code or the error code: never the message, which may quote the address. */
function errorCode(err: unknown): string {
  const e = err as { responseCode?: number; code?: string };
  return e.responseCode ? `SMTP ${e.responseCode}` : (e.code ?? 'ERROR');
}

/** How long a claimed mail is left to its sender before another worker may take it (after a crash). */
const LEASE_MS = 10 * 60_000;

/**
 * Sends the mails that are due. Without a transport (no SMTP_URL) they are kept for administrators to read
 * (`stored`). A mail that leaves the queue keeps its bodies with its live links cut (redactedBodies).
 * Each batch is claimed in a short transaction (`FOR UPDATE SKIP LOCKED`, the due time pushed
 * past a lease), so several servers never send one twice and no transaction stays open while talking to
 * the SMTP server; the result is then written per mail. A failure is tried again later (1, 4, 9, 16
 * minutes), then marked `failed`.
 */
export async function deliverDue(
  db: Executor,
  transport: Transporter | null,
  from: string,
  now: Date = new Date(),
): Promise<{ sent: number; stored: number; failed: number }> {
  const counts = { sent: 0, stored: 0, failed: 0 };
  for (;;) {
    const due = await db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
        .orderBy(asc(outbox.nextAttemptAt))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      if (rows.length > 0) {
        await tx
          .update(outbox)
          .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
          .where(
            inArray(
              outbox.id,
              rows.map((r) => r.id),
            ),
          );
      }
      return rows;
    });
    for (const mail of due) {
      if (!transport) {
        await db
          .update(outbox)
          .set({ status: 'stored', ...redactedBodies(mail, 'stored') })
          .where(eq(outbox.id, mail.id));
        counts.stored++;
        continue;
      }
      try {
        await transport.sendMail({
          from,
          to: mail.toAddress,
          subject: mail.subject,
          text: mail.textBody,
          html: mail.htmlBody,
        });
        await db
          .update(outbox)
          .set({
            status: 'sent',
            sentAt: new Date(),
            attempts: mail.attempts + 1,
            lastError: null,
            ...redactedBodies(mail, 'sent'),
          })
          .where(eq(outbox.id, mail.id));
        counts.sent++;
      } catch (err) {
        const attempts = mail.attempts + 1;
        const status: MailStatus = attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
        await db
          .update(outbox)
          .set({
            status,
            attempts,
            lastError: errorCode(err),
            nextAttemptAt: new Date(now.getTime() + attempts * attempts * 60_000),
            ...(status === 'failed' ? redactedBodies(mail, 'sent') : {}),
          })
          .where(eq(outbox.id, mail.id));
        if (status === 'failed') counts.failed++;
      }
    }
    if (due.length < BATCH) return counts;
  }
}

export type OutboxMail = typeof outbox.$inferSelect;
export type OutboxSummary = Omit<OutboxMail, 'textBody' | 'htmlBody'>;

export interface OutboxFilters {
  status?: MailStatus;
  organisationId?: string;
  limit: number;
  cursor?: string;
}

/** Which mails the actor may read: all for a platform administrator, else their organisations' (admins). */
function outboxScope(actor: Actor): SQL | undefined {
  const orgs = notificationPermissions.organisationsWith(actor, 'outbox.read');
  if (orgs === 'all') return undefined;
  if (orgs.length === 0) throw forbidden();
  return inArray(outbox.organisationId, orgs);
}

/** The outbox, newest first, without the bodies. */
export async function listOutbox(
  db: Executor,
  actor: Actor,
  filters: OutboxFilters,
): Promise<Page<OutboxSummary>> {
  const conditions: (SQL | undefined)[] = [outboxScope(actor)];
  if (filters.status) conditions.push(eq(outbox.status, filters.status));
  if (filters.organisationId) conditions.push(eq(outbox.organisationId, filters.organisationId));
  const after = decodeCursor(filters.cursor, ['instant', 'uuid']);
  if (after) {
    const [createdAt, id] = after as [string, string];
    conditions.push(sql`(${outbox.createdAt}, ${outbox.id}) < (${createdAt}::timestamptz, ${id}::uuid)`);
  }
  const rows = await db
    .select({
      id: outbox.id,
      organisationId: outbox.organisationId,
      toAddress: outbox.toAddress,
      template: outbox.template,
      locale: outbox.locale,
      subject: outbox.subject,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      nextAttemptAt: outbox.nextAttemptAt,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      createdKey: sql<string>`${outbox.createdAt}::text`,
    })
    .from(outbox)
    .where(and(...conditions))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(filters.limit + 1);
  const page = toPage(rows, filters.limit, (r) => [r.createdKey, r.id]);
  return { items: page.items.map(({ createdKey: _k, ...mail }) => mail), nextCursor: page.nextCursor };
}

/** One mail with its bodies, for those who may read the outbox it belongs to; else 404. */
export async function getMail(db: Executor, actor: Actor, id: string): Promise<OutboxMail> {
  if (!isUuid(id)) throw notFound('mail');
  const scope = outboxScope(actor);
  const [row] = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.id, id), scope));
  if (!row) throw notFound('mail');
  if (actor.isPlatformAdmin) {
    return {
      ...row,
      textBody: redactAccountLinks(row.textBody),
      htmlBody: redactAccountLinks(row.htmlBody),
    };
  }
  return {
    ...row,
    textBody: redactAccountLinks(redactSecretLinks(row.textBody)),
    htmlBody: redactAccountLinks(redactSecretLinks(row.htmlBody)),
  };
}

/**
 * A password reset link sets the password of an account that exists: nobody but its addressee may
 * read it, platform administrators included (they have other ways to help, none that hides itself).
 */
const ACCOUNT_LINK = /(\/mot-de-passe\/)[A-Za-z0-9_-]+/g;

/** A mail's body with every password reset link cut to its path, for every reader. */
export function redactAccountLinks(body: string): string {
  return body.replace(ACCOUNT_LINK, '$1…');
}

/**
 * The paths whose last segment is a secret token: whoever holds the link acts as its addressee. An
 * invitation opens an account (an administrator gets those links from the members page, for the accounts
 * it may hand them for); a questionnaire link answers in the person's name; a portal confirmation confirms
 * an association's registration; a borrower's link reports a problem in their name.
 */
const SECRET_LINK_PATHS = ['/invitation/', '/suivi/', '/associations/confirmer/', '/signaler/'];

const SECRET_LINK = new RegExp(`(${SECRET_LINK_PATHS.join('|')})[A-Za-z0-9_-]+`, 'g');

/** A mail's body with every token-bearing link cut to its path (`…/suivi/…`): readable, not usable. */
export function redactSecretLinks(body: string): string {
  return body.replace(SECRET_LINK, '$1…');
}
