import { z } from 'zod';
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH } from '../../lib/limits.ts';
import { pickLocale } from '../../lib/messages.ts';
import { clearSessionCookie, requestContext, setSessionCookie } from '../../server/auth.ts';
import {
  type App,
  actorOf,
  type Deps,
  errorResponses,
  IdParams,
  Instant,
  ListQuery,
  Problem,
  paginated,
  sendFile,
} from '../../server/http.ts';
import { PUBLIC_RATE_LIMITS } from '../../server/rate-limits.ts';
import * as accounts from './accounts.ts';
import * as auth from './auth.ts';
import * as logos from './logos.ts';
import * as members from './members.ts';
import * as orgs from './organisations.ts';
import * as resets from './password-reset.ts';
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
import * as totp from './totp.ts';
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
        response: { 200: Me, 202: SecondFactorChallenge, 400: Problem, 401: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const result = await auth.login(
        db,
        { ...request.body, previousSessionToken: request.cookies.sv_session },
        requestContext(request),
      );
      if ('challenge' in result) {
        // No session yet: the code completes the login (POST /session/totp).
        return reply.code(202).send({ secondFactor: 'totp' as const, ...result });
      }
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
      config: { public: true, rateLimit: PUBLIC_RATE_LIMITS.read },
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
      config: { public: true, rateLimit: PUBLIC_RATE_LIMITS.invitationAccept },
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

  passwordResetRoutes(app, deps);
  totpRoutes(app, deps);
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

// ---- Password reset by e-mail link and the TOTP second factor -------------------------------------

const Email = z.string().trim().min(1, { message: 'validation.blank' }).max(EMAIL_MAX_LENGTH);
const Code = z
  .string()
  .trim()
  .min(1, { message: 'validation.blank' })
  .max(20)
  .describe('The 6-digit code the authenticator app shows (spaces allowed)');

const SecondFactorChallenge = z
  .object({
    secondFactor: z.literal('totp').describe('The account has a second factor: no session yet'),
    challenge: z.string().describe('Send it back with the code to `POST /session/totp`'),
    expiresAt: Instant.describe('The challenge works 5 minutes, for 5 codes'),
  })
  .meta({ id: 'SecondFactorChallenge' });

const PasswordResetRequest = z.object({ email: Email }).strict().meta({ id: 'PasswordResetRequest' });
const ResetParams = z.object({ token: z.string().min(10).max(200) });
const PasswordReset = z.object({
  email: z.string().describe('The account the link is for'),
  expiresAt: Instant,
});
const ResetPasswordBody = z
  .object({ password: z.string().max(PASSWORD_MAX_LENGTH).describe('At least 12 characters') })
  .strict();

const TotpStatus = z
  .object({
    enabled: z.boolean(),
    enabledAt: Instant.nullable(),
    pending: z.boolean().describe('A secret was given and waits for its first code'),
    recommended: z.boolean().describe('The account administers an organisation or the platform'),
  })
  .meta({ id: 'TotpStatus' });
const TotpSetup = z
  .object({
    secret: z.string().describe('The shared secret in base32, to type into the app by hand'),
    uri: z.string().describe('otpauth://totp/… (what the QR code holds)'),
    qrSvg: z.string().describe('The QR code of the URI, an SVG document'),
  })
  .meta({ id: 'TotpSetup' });

/** Password reset by e-mail link (public: the address, then the link, are all there is). */
function passwordResetRoutes(app: App, deps: Deps): void {
  const { db } = deps.database;
  const tags = ['session'];

  app.post(
    '/password-resets',
    {
      config: { public: true, rateLimit: PUBLIC_RATE_LIMITS.passwordResetRequest },
      schema: {
        tags,
        summary:
          'Ask for a password reset link by e-mail (valid 1 hour, once): always the same reply, known address or not',
        body: PasswordResetRequest,
        response: { 202: z.object({ status: z.literal('check_your_email') }), 400: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      await resets.requestPasswordReset(db, request.body.email, {
        publicUrl: deps.config.publicUrl,
        mailTransport: Boolean(deps.config.smtpUrl),
      });
      deps.mail.kick();
      return reply.code(202).send({ status: 'check_your_email' as const });
    },
  );

  app.get(
    '/password-resets/:token',
    {
      config: { public: true, rateLimit: PUBLIC_RATE_LIMITS.read },
      schema: {
        tags,
        summary: 'Whether a reset link still works (410 used or expired, 404 unknown)',
        params: ResetParams,
        response: { 200: PasswordReset, 400: Problem, 404: Problem, 410: Problem, 429: Problem },
      },
    },
    async (request) => resets.describePasswordReset(db, request.params.token),
  );

  app.post(
    '/password-resets/:token',
    {
      config: { public: true, rateLimit: PUBLIC_RATE_LIMITS.passwordResetSet },
      schema: {
        tags,
        summary:
          'Choose a new password through a reset link: every session of the account ends; log in afterwards',
        params: ResetParams,
        body: ResetPasswordBody,
        response: { 204: z.null(), 400: Problem, 404: Problem, 410: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      await resets.resetPassword(db, request.params.token, request.body.password, requestContext(request));
      if (request.cookies.sv_session) clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );
}

/** The optional second factor: set-up on the account page, and the code step of the login. */
function totpRoutes(app: App, deps: Deps): void {
  const { db } = deps.database;
  const tags = ['session'];

  app.post(
    '/session/totp',
    {
      config: { public: true, rateLimit: PUBLIC_RATE_LIMITS.totpCode },
      schema: {
        tags,
        summary: 'Complete a login with the code of the second factor: sets the session cookie',
        body: z.object({ challenge: z.string().min(1).max(200), code: Code }).strict(),
        response: { 200: Me, 400: Problem, 401: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const result = await totp.completeTotpLogin(
        db,
        { ...request.body, previousSessionToken: request.cookies.sv_session },
        requestContext(request),
      );
      setSessionCookie(request, reply, result.sessionToken);
      return describeAccount(db, result.user.id);
    },
  );

  app.get(
    '/me/totp',
    {
      schema: {
        tags,
        summary: 'Whether your account has the second factor on',
        response: { 200: TotpStatus, 401: Problem },
      },
    },
    async (request) => totp.totpStatus(db, actorOf(request)),
  );

  app.post(
    '/me/totp',
    {
      schema: {
        tags,
        summary:
          'Start setting up the second factor, with your password: a new secret, its otpauth:// URI and QR code',
        body: z
          .object({ password: z.string().min(1, { message: 'validation.blank' }).max(PASSWORD_MAX_LENGTH) })
          .strict(),
        response: { 200: TotpSetup, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return totp.startTotp(db, actorOf(request), request.body.password);
    },
  );

  app.post(
    '/me/totp/confirm',
    {
      schema: {
        tags,
        summary: 'Turn the second factor on with a first code (your other sessions end)',
        body: z.object({ code: Code }).strict(),
        response: { 200: TotpStatus, ...errorResponses },
      },
    },
    async (request) =>
      totp.confirmTotp(db, actorOf(request), request.body.code, request.sessionToken ?? undefined),
  );

  app.delete(
    '/me/totp',
    {
      schema: {
        tags,
        summary: 'Turn the second factor off, with your password (your other sessions end)',
        body: z
          .object({ password: z.string().min(1, { message: 'validation.blank' }).max(PASSWORD_MAX_LENGTH) })
          .strict(),
        response: { 200: TotpStatus, ...errorResponses },
      },
    },
    async (request) =>
      totp.disableTotp(db, actorOf(request), request.body.password, request.sessionToken ?? undefined),
  );
}
