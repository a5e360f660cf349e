import { z } from 'zod';
import { pickLocale } from '../../lib/messages.ts';
import { clearSessionCookie, requestContext, setSessionCookie } from '../../server/auth.ts';
import {
  type App,
  actorOf,
  type Deps,
  errorResponses,
  IdParams,
  ListQuery,
  Problem,
  paginated,
  sendFile,
} from '../../server/http.ts';
import * as accounts from './accounts.ts';
import * as auth from './auth.ts';
import * as logos from './logos.ts';
import * as members from './members.ts';
import * as orgs from './organisations.ts';
import {
  AcceptInvitationBody,
  AccountListQuery,
  AccountSummary,
  AddedMember,
  AddMemberBody,
  ApiToken,
  ChangePasswordBody,
  ChangeRoleBody,
  CreatedApiToken,
  CreateOrganisationBody,
  CreateTokenBody,
  Invitation,
  InvitationParams,
  LoginBody,
  LogoBody,
  Me,
  Member,
  MemberParams,
  OrganisationDetail,
  OrganisationListQuery,
  UpdateAccountBody,
  UpdateMeBody,
  UpdateOrganisationBody,
} from './schemas.ts';
import { describeAccount } from './users.ts';

/** Sessions, the caller's account, API tokens and invitations. */
export function authRoutes(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.post(
    '/session',
    {
      config: { public: true },
      schema: {
        tags: ['session'],
        summary: 'Log in: sets the HttpOnly session cookie',
        body: LoginBody,
        response: { 200: Me, 400: Problem, 401: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const result = await auth.login(
        db,
        { ...request.body, previousSessionToken: request.cookies.sv_session },
        requestContext(request),
      );
      setSessionCookie(request, reply, result.sessionToken);
      return describeAccount(db, result.user.id);
    },
  );

  app.delete(
    '/session',
    {
      // Public, so that a stale or expired cookie is still cleared.
      config: { public: true },
      schema: { tags: ['session'], summary: 'Log out (this session)', response: { 204: z.null() } },
    },
    async (request, reply) => {
      if (request.sessionToken && request.actor) await auth.logout(db, request.actor, request.sessionToken);
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/sessions',
    {
      schema: {
        tags: ['session'],
        summary: 'Log out everywhere: ends every session of your account',
        response: { 200: z.object({ ended: z.number().int() }), 401: Problem },
      },
    },
    async (request, reply) => {
      const result = await auth.logoutEverywhere(db, actorOf(request));
      clearSessionCookie(reply);
      return result;
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['session'],
        summary: 'Who you are and your organisations',
        response: { 200: Me, 401: Problem },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return describeAccount(db, actor.userId as string);
    },
  );

  app.patch(
    '/me',
    {
      schema: {
        tags: ['session'],
        summary: 'Your preferences',
        body: UpdateMeBody,
        response: { 200: Me, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await auth.setLocale(db, actor, request.body.locale);
      return describeAccount(db, actor.userId as string);
    },
  );

  app.put(
    '/me/password',
    {
      schema: {
        tags: ['session'],
        summary: 'Change your password (your other sessions end)',
        body: ChangePasswordBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await auth.changePassword(db, actorOf(request), request.body, request.sessionToken ?? undefined);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token (returned once)',
        body: CreateTokenBody,
        response: { 201: CreatedApiToken, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await auth.createApiToken(db, actorOf(request), request.body.name)),
  );

  app.get(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Your API tokens',
        querystring: ListQuery,
        response: { 200: paginated(ApiToken), 401: Problem },
      },
    },
    async (request) => auth.listApiTokens(db, actorOf(request), request.query),
  );

  app.delete(
    '/tokens/:id',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token',
        params: IdParams,
        response: { 200: ApiToken, ...errorResponses },
      },
    },
    async (request) => auth.revokeApiToken(db, actorOf(request), request.params.id),
  );

  app.get(
    '/invitations/:token',
    {
      config: { public: true },
      schema: {
        tags: ['session'],
        summary: 'What an invitation link is for',
        params: InvitationParams,
        response: { 200: Invitation, 404: Problem },
      },
    },
    async (request) => auth.describeInvitation(db, request.params.token),
  );

  app.post(
    '/invitations/:token',
    {
      config: { public: true },
      schema: {
        tags: ['session'],
        summary: 'Accept an invitation: choose a password and log in',
        params: InvitationParams,
        body: AcceptInvitationBody,
        response: { 200: Me, 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const result = await auth.acceptInvitation(db, request.params.token, request.body.password, {
        ...requestContext(request),
        locale: pickLocale(request.headers['accept-language']),
      });
      setSessionCookie(request, reply, result.sessionToken);
      return describeAccount(db, result.user.id);
    },
  );
}

/** The organisation directory and its members. */
export function organisationRoutes(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.post(
    '/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Create an organisation (platform administrators)',
        body: CreateOrganisationBody,
        response: { 201: OrganisationDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await orgs.createOrganisation(db, actorOf(request), request.body)),
  );

  app.get(
    '/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'The directory of organisations (public profiles), by name',
        querystring: OrganisationListQuery,
        response: {
          200: paginated(
            OrganisationDetail.pick({
              id: true,
              name: true,
              kinds: true,
              siret: true,
              rna: true,
              postcode: true,
              city: true,
              createdAt: true,
            }),
          ),
          400: Problem,
          401: Problem,
        },
      },
    },
    async (request) => orgs.listOrganisations(db, actorOf(request), request.query),
  );

  app.get(
    '/organisations/:id',
    {
      schema: {
        tags: ['organisations'],
        summary: "An organisation's public profile, with your role and rights in it",
        params: IdParams,
        response: { 200: OrganisationDetail, ...errorResponses },
      },
    },
    async (request) => orgs.getOrganisation(db, actorOf(request), request.params.id),
  );

  app.patch(
    '/organisations/:id',
    {
      schema: {
        tags: ['organisations'],
        summary: "Change an organisation's profile (its administrators)",
        params: IdParams,
        body: UpdateOrganisationBody,
        response: { 200: OrganisationDetail, ...errorResponses },
      },
    },
    async (request) => orgs.updateOrganisation(db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/organisations/:id/logo',
    {
      schema: {
        tags: ['organisations'],
        summary: "The organisation's logo (PNG or JPEG), printed on its documents",
        params: IdParams,
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      const logo = await logos.readLogo(db, request.params.id);
      reply.header('cache-control', 'private, no-cache');
      return sendFile(
        reply,
        logo.contentType,
        logo.contentType === 'image/png' ? 'logo.png' : 'logo.jpg',
        logo.image,
      );
    },
  );
  app.put(
    '/organisations/:id/logo',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Set or replace the logo (its administrators): a PNG or JPEG data URL, 300 kB at most',
        params: IdParams,
        body: LogoBody,
        response: { 200: OrganisationDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await logos.setLogo(db, actor, request.params.id, request.body.image);
      return orgs.getOrganisation(db, actor, request.params.id);
    },
  );
  app.delete(
    '/organisations/:id/logo',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Remove the logo (documents already issued keep theirs)',
        params: IdParams,
        response: { 200: OrganisationDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await logos.removeLogo(db, actor, request.params.id);
      return orgs.getOrganisation(db, actor, request.params.id);
    },
  );

  app.get(
    '/organisations/:id/members',
    {
      schema: {
        tags: ['organisations'],
        summary: "An organisation's members (visible to its members)",
        params: IdParams,
        querystring: ListQuery,
        response: { 200: paginated(Member), ...errorResponses },
      },
    },
    async (request) => members.listMembers(db, actorOf(request), request.params.id, request.query),
  );

  app.post(
    '/organisations/:id/members',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Add a member (without a password, the reply carries an invitation link valid 7 days)',
        params: IdParams,
        body: AddMemberBody,
        response: { 201: AddedMember, ...errorResponses },
      },
    },
    async (request, reply) => {
      const added = await members.addMember(
        db,
        actorOf(request),
        request.params.id,
        request.body,
        deps.config.publicUrl,
      );
      deps.mail.kick();
      return reply.code(201).send(added);
    },
  );

  app.patch(
    '/organisations/:id/members/:userId',
    {
      schema: {
        tags: ['organisations'],
        summary: "Change a member's role",
        params: MemberParams,
        body: ChangeRoleBody,
        response: { 200: Member, ...errorResponses },
      },
    },
    async (request) =>
      members.changeMemberRole(
        db,
        actorOf(request),
        request.params.id,
        request.params.userId,
        request.body.role,
      ),
  );

  app.delete(
    '/organisations/:id/members/:userId',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Remove a member from the organisation (the account stays)',
        params: MemberParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await members.removeMember(db, actorOf(request), request.params.id, request.params.userId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/organisations/:id/members/:userId/invitation',
    {
      schema: {
        tags: ['organisations'],
        summary: 'A new invitation link for a member who has not activated their account',
        params: MemberParams,
        response: { 200: AddedMember, ...errorResponses },
      },
    },
    async (request) => {
      const member = await members.reinviteMember(
        db,
        actorOf(request),
        request.params.id,
        request.params.userId,
        deps.config.publicUrl,
      );
      deps.mail.kick();
      return member;
    },
  );
}

/** Accounts across the instance (platform administrators). */
export function accountRoutes(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Every account of the instance, by name (platform administrators)',
        querystring: AccountListQuery,
        response: { 200: paginated(AccountSummary), ...errorResponses },
      },
    },
    async (request) => accounts.listAccounts(db, actorOf(request), request.query),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Rename, disable or enable an account, or grant platform administration',
        params: IdParams,
        body: UpdateAccountBody,
        response: { 200: AccountSummary, ...errorResponses },
      },
    },
    async (request) => accounts.updateAccount(db, actorOf(request), request.params.id, request.body),
  );
}
