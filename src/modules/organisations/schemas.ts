import { z } from 'zod';
import { ROLES } from '../../lib/actor.ts';
import { isValidPostcode, isValidRna, isValidSiret } from '../../lib/identifiers.ts';
import {
  EMAIL_MAX_LENGTH,
  NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  SEARCH_MAX_LENGTH,
  TOKEN_NAME_MAX_LENGTH,
} from '../../lib/limits.ts';
import { Instant, ListQuery, requiredText } from '../../server/http.ts';
import { ORGANISATION_KINDS } from './organisations.ts';

export const Role = z.enum(ROLES).describe('Role in the organisation');
export const OrganisationKind = z.enum(ORGANISATION_KINDS);

const Email = z
  .string()
  .trim()
  .max(EMAIL_MAX_LENGTH)
  .pipe(z.email({ message: 'validation.email_invalid' }));
const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: 'validation.password_too_short' })
  .max(PASSWORD_MAX_LENGTH)
  .describe(`At least ${PASSWORD_MIN_LENGTH} characters`);

const optionalText = (check: (v: string) => boolean, message: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || check(v), { message })
    .nullable()
    .optional();

const organisationFields = {
  name: requiredText(NAME_MAX_LENGTH),
  kinds: z.array(OrganisationKind).min(1, { message: 'validation.kinds_required' }),
  siret: optionalText(isValidSiret, 'validation.siret_invalid').describe(
    '14 digits, spaces allowed; Luhn-checked',
  ),
  rna: optionalText(isValidRna, 'validation.rna_invalid').describe(
    "Association's RNA number, W + 9 characters",
  ),
  postcode: optionalText(isValidPostcode, 'validation.postcode_invalid'),
  city: z.string().trim().max(NAME_MAX_LENGTH).nullable().optional(),
};

export const CreateOrganisationBody = z
  .object(organisationFields)
  .strict()
  .meta({ id: 'CreateOrganisationBody' });
export type CreateOrganisationBody = z.infer<typeof CreateOrganisationBody>;

export const UpdateOrganisationBody = z
  .object(organisationFields)
  .partial()
  .strict()
  .meta({ id: 'UpdateOrganisationBody' });
export type UpdateOrganisationBody = z.infer<typeof UpdateOrganisationBody>;

export const OrganisationProfile = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kinds: z.array(OrganisationKind),
    siret: z.string().nullable(),
    rna: z.string().nullable(),
    postcode: z.string().nullable(),
    city: z.string().nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'OrganisationProfile' });

export const OrganisationDetail = OrganisationProfile.extend({
  myRole: Role.nullable(),
  can: z.object({ update: z.boolean(), readMembers: z.boolean(), manageMembers: z.boolean() }),
  hasLogo: z.boolean().describe('GET /organisations/{id}/logo serves it'),
}).meta({ id: 'Organisation' });

export const LogoBody = z
  .object({
    image: z
      .string()
      .max(420_000)
      .describe('data:image/png;base64,… or data:image/jpeg;base64,… (300 kB at most)'),
  })
  .strict();

export const OrganisationListQuery = ListQuery.extend({
  q: z.string().trim().max(SEARCH_MAX_LENGTH).optional().describe('Name, town, SIRET or RNA'),
  kind: OrganisationKind.optional(),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('Only the organisations you belong to'),
});

export const AddMemberBody = z
  .object({
    email: Email,
    name: requiredText(NAME_MAX_LENGTH),
    role: Role,
    password: Password.optional().describe(
      'Leave out to get an invitation link the person uses to choose a password',
    ),
  })
  .strict()
  .meta({ id: 'AddMemberBody' });
export type AddMemberBody = z.infer<typeof AddMemberBody>;

export const ChangeRoleBody = z.object({ role: Role }).strict();

export const Member = z
  .object({
    userId: z.uuid(),
    organisationId: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: Role,
    active: z.boolean().describe('False until the person has chosen a password'),
    joinedAt: Instant,
  })
  .meta({ id: 'Member' });

export const AddedMember = Member.extend({
  invitation: z.object({ url: z.string(), expiresAt: Instant }).nullable(),
}).meta({ id: 'AddedMember' });

export const MemberParams = z.object({
  id: z.uuid({ message: 'validation.uuid' }),
  userId: z.uuid({ message: 'validation.uuid' }),
});

export const LoginBody = z
  .object({
    email: z.string().trim().min(1, { message: 'validation.blank' }).max(EMAIL_MAX_LENGTH),
    password: z.string().min(1, { message: 'validation.blank' }).max(PASSWORD_MAX_LENGTH),
  })
  .strict()
  .meta({ id: 'LoginBody' });

export const PublicUser = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    isPlatformAdmin: z.boolean(),
    locale: z.string(),
    active: z.boolean(),
  })
  .meta({ id: 'User' });

export const Me = z
  .object({
    user: PublicUser,
    memberships: z.array(z.object({ organisation: OrganisationProfile, role: Role })),
  })
  .meta({ id: 'Me' });

export const ChangePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword: Password })
  .strict();
export const UpdateMeBody = z.object({ locale: z.enum(['fr', 'en']) }).strict();

export const CreateTokenBody = z.object({ name: requiredText(TOKEN_NAME_MAX_LENGTH) }).strict();
export const ApiToken = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().describe('The first characters of the token, to tell tokens apart'),
    createdAt: Instant,
    lastUsedAt: Instant.nullable(),
    revokedAt: Instant.nullable(),
  })
  .meta({ id: 'ApiToken' });
export const CreatedApiToken = ApiToken.extend({
  token: z.string().describe('The secret: shown this once, send it as `Authorization: Bearer <token>`'),
}).meta({ id: 'CreatedApiToken' });

export const InvitationParams = z.object({ token: z.string().min(10).max(200) });
export const Invitation = z.object({
  email: z.string(),
  name: z.string(),
  organisationName: z.string(),
  expiresAt: Instant,
});
export const AcceptInvitationBody = z.object({ password: Password }).strict();

export const AccountSummary = PublicUser.extend({ disabled: z.boolean(), createdAt: Instant }).meta({
  id: 'Account',
});
export const AccountListQuery = ListQuery.extend({
  q: z.string().trim().max(SEARCH_MAX_LENGTH).optional().describe('Name or e-mail'),
});
export const UpdateAccountBody = z
  .object({
    name: requiredText(NAME_MAX_LENGTH).optional(),
    isPlatformAdmin: z.boolean().optional(),
    disabled: z.boolean().optional().describe('A disabled account cannot log in; its sessions end'),
  })
  .strict();
