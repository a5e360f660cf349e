import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor, Role } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/service.ts';
import { queueMail } from '../notifications/outbox.ts';
import { createInvitation } from './auth.ts';
import { hashPassword } from './passwords.ts';
import { organisationPermissions } from './permissions.ts';
import { memberships, organisations, users } from './schema.ts';
import { assertPasswordPolicy, findUserByEmail, insertUser } from './users.ts';

export interface Member {
  userId: string;
  organisationId: string;
  email: string;
  name: string;
  role: Role;
  /** False until the person has accepted their invitation and chosen a password. */
  active: boolean;
  joinedAt: Date;
}

export interface AddedMember extends Member {
  /** Present when the account has no password yet: a single-use link, valid 7 days, to share. */
  invitation: { url: string; expiresAt: Date } | null;
}

async function assertOrganisation(
  db: Executor,
  actor: Actor,
  organisationId: string,
  permission: 'member.read' | 'member.manage',
) {
  if (!isUuid(organisationId)) throw notFound('organisation');
  const [org] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!org) throw notFound('organisation');
  organisationPermissions.authorize(actor, permission, organisationId);
}

const memberColumns = {
  userId: memberships.userId,
  organisationId: memberships.organisationId,
  email: users.email,
  name: users.name,
  role: memberships.role,
  active: sql<boolean>`(${users.passwordHash} IS NOT NULL AND ${users.disabledAt} IS NULL)`,
  joinedAt: memberships.createdAt,
};

/** An organisation's members, by name. Visible to its members and to platform administrators. */
export async function listMembers(
  db: Executor,
  actor: Actor,
  organisationId: string,
  options: { limit: number; cursor?: string },
): Promise<Page<Member>> {
  await assertOrganisation(db, actor, organisationId, 'member.read');
  const sortName = sql<string>`lower(${users.name})`;
  const after = decodeCursor(options.cursor, ['text', 'uuid']);
  const rows = await db
    .select({ ...memberColumns, sortKey: sortName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organisationId, organisationId),
        after
          ? or(
              gt(sortName, after[0] as string),
              and(eq(sortName, after[0] as string), gt(users.id, after[1] as string)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(sortName), asc(users.id))
    .limit(options.limit + 1);
  // The cursor keeps PostgreSQL's own lower-case form: JavaScript's may differ on accented letters.
  const page = toPage(rows, options.limit, (r) => [r.sortKey, r.userId]);
  return {
    items: page.items.map(({ sortKey: _key, ...r }) => ({ ...r, role: r.role as Role })),
    nextCursor: page.nextCursor,
  };
}

async function getMember(db: Executor, organisationId: string, userId: string): Promise<Member> {
  if (!isUuid(userId)) throw notFound('member');
  const [row] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)));
  if (!row) throw notFound('member');
  return { ...row, role: row.role as Role };
}

export interface AddMemberInput {
  email: string;
  name: string;
  role: Role;
  password?: string;
}

/**
 * Adds a member: an existing account joins the organisation as it is; a new account is created, with
 * the given password or, without one, an invitation link for the person to choose theirs.
 */
export async function addMember(
  db: Executor,
  actor: Actor,
  organisationId: string,
  input: AddMemberInput,
  publicUrl: string,
): Promise<AddedMember> {
  await assertOrganisation(db, actor, organisationId, 'member.manage');
  assertPasswordPolicy(input.password);
  // Hash before the transaction: argon2 takes tens of milliseconds and the embedded database is one session.
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return db.transaction(async (tx) => {
    let user = await findUserByEmail(tx, input.email);
    if (user && input.password !== undefined) {
      // Never let one organisation's administrator set the password of an account that already exists.
      throw new AppError('CONFLICT', 'users.email_taken', {
        fieldErrors: [{ path: 'email', messageKey: 'users.email_taken' }],
      });
    }
    const isNewAccount = !user;
    user ??= await insertUser(tx, actor, { email: input.email, name: input.name, passwordHash });
    const inserted = await tx
      .insert(memberships)
      .values({ userId: user.id, organisationId, role: input.role })
      .onConflictDoNothing()
      .returning({ userId: memberships.userId });
    if (inserted.length === 0) {
      throw new AppError('CONFLICT', 'members.already_member', {
        fieldErrors: [{ path: 'email', messageKey: 'members.already_member' }],
      });
    }
    await recordAudit(tx, actor, {
      action: 'member.add',
      entityType: 'membership',
      entityId: user.id,
      organisationId,
      fields: ['role'],
    });
    let invitation: AddedMember['invitation'] = null;
    // Only the organisation that created a pending account hands out its invitation link: otherwise the
    // administrator of another organisation could activate it and take it over.
    if (!user.passwordHash && (isNewAccount || actor.isPlatformAdmin)) {
      invitation = await inviteByMail(tx, actor, user.id, organisationId, publicUrl);
    }
    return { ...(await getMember(tx, organisationId, user.id)), invitation };
  });
}

/**
 * Creates an invitation link and writes the e-mail that carries it (sent after the transaction commits;
 * without SMTP it waits in the outbox). The link is also returned, for the administrator to pass on.
 */
async function inviteByMail(
  tx: Executor,
  actor: Actor,
  userId: string,
  organisationId: string,
  publicUrl: string,
): Promise<{ url: string; expiresAt: Date }> {
  const created = await createInvitation(tx, actor, userId, organisationId);
  const url = `${publicUrl}/invitation/${created.token}`;
  const [invitee] = await tx.select().from(users).where(eq(users.id, userId));
  const [organisation] = await tx
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  const [inviter] = actor.userId
    ? await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId))
    : [];
  if (invitee && organisation) {
    await queueMail(tx, {
      to: invitee.email,
      template: 'invitation',
      locale: invitee.locale === 'en' ? 'en' : 'fr',
      organisationId,
      params: {
        name: invitee.name,
        organisationName: organisation.name,
        invitedBy: inviter?.name ?? null,
        url,
        expiresOn: today(created.expiresAt),
      },
    });
  }
  return { url, expiresAt: created.expiresAt };
}

/** A new invitation link for a member who has not activated their account yet. */
export async function reinviteMember(
  db: Executor,
  actor: Actor,
  organisationId: string,
  userId: string,
  publicUrl: string,
): Promise<AddedMember> {
  await assertOrganisation(db, actor, organisationId, 'member.manage');
  return db.transaction(async (tx) => {
    const member = await getMember(tx, organisationId, userId);
    if (member.active) throw new AppError('CONFLICT', 'members.already_active');
    if (!actor.isPlatformAdmin) {
      const [elsewhere] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(memberships)
        .where(and(eq(memberships.userId, userId), sql`${memberships.organisationId} <> ${organisationId}`));
      // The account is also pending in another organisation: a link from here could take it over there.
      if ((elsewhere?.n ?? 0) > 0) throw new AppError('CONFLICT', 'members.invited_elsewhere');
    }
    const invitation = await inviteByMail(tx, actor, userId, organisationId, publicUrl);
    await recordAudit(tx, actor, {
      action: 'member.reinvite',
      entityType: 'membership',
      entityId: userId,
      organisationId,
    });
    return { ...member, invitation };
  });
}

async function assertKeepsAnAdmin(tx: Executor, organisationId: string, userId: string): Promise<void> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(
      and(
        eq(memberships.organisationId, organisationId),
        eq(memberships.role, 'admin'),
        sql`${memberships.userId} <> ${userId}`,
      ),
    );
  if ((row?.n ?? 0) === 0) throw new AppError('CONFLICT', 'members.last_admin');
}

/** Changes a member's role. The last administrator cannot be demoted. */
export async function changeMemberRole(
  db: Executor,
  actor: Actor,
  organisationId: string,
  userId: string,
  role: Role,
): Promise<Member> {
  await assertOrganisation(db, actor, organisationId, 'member.manage');
  return db.transaction(async (tx) => {
    // Lock the organisation's memberships so two demotions cannot both pass the last-admin check.
    await tx.execute(
      sql`SELECT 1 FROM ${memberships} WHERE ${memberships.organisationId} = ${organisationId} FOR UPDATE`,
    );
    const member = await getMember(tx, organisationId, userId);
    if (member.role === role) return member;
    if (member.role === 'admin') await assertKeepsAnAdmin(tx, organisationId, userId);
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)));
    await recordAudit(tx, actor, {
      action: 'member.change_role',
      entityType: 'membership',
      entityId: userId,
      organisationId,
      fields: ['role'],
    });
    return { ...member, role };
  });
}

/** Removes a member from the organisation (the account itself stays). The last administrator cannot leave. */
export async function removeMember(
  db: Executor,
  actor: Actor,
  organisationId: string,
  userId: string,
): Promise<void> {
  await assertOrganisation(db, actor, organisationId, 'member.manage');
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`SELECT 1 FROM ${memberships} WHERE ${memberships.organisationId} = ${organisationId} FOR UPDATE`,
    );
    const member = await getMember(tx, organisationId, userId);
    if (member.role === 'admin') await assertKeepsAnAdmin(tx, organisationId, userId);
    await tx
      .delete(memberships)
      .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)));
    await recordAudit(tx, actor, {
      action: 'member.remove',
      entityType: 'membership',
      entityId: userId,
      organisationId,
    });
  });
}
