import { z } from 'zod';
import { NAME_MAX_LENGTH, SEARCH_MAX_LENGTH } from '../../lib/limits.ts';
import { CalendarDay, Instant, ListQuery, requiredText, Uuid } from '../../server/http.ts';
import {
  BENEFICIARY_KINDS,
  CONSENT_SCOPES,
  DEVICE_NEEDS,
  EMPLOYMENT_SITUATIONS,
  EXIT_REASONS,
  HOUSEHOLD_TYPES,
  INCOME_SITUATIONS,
  PARTNER_ROLES,
  PROGRAMME_MODES,
  REFERRAL_STATUSES,
  TARGET_GROUPS,
  TIMELINE_KINDS,
} from './vocabulary.ts';

const Cents = z.number().int().min(0, { message: 'validation.not_negative' }).max(100_000_000);
const Count = z.number().int().min(0, { message: 'validation.not_negative' }).max(10_000_000);
const PostcodeRule = z
  .string()
  .trim()
  .regex(/^(\d{5}|\d{1,4}\*)$/, { message: 'programmes.postcode_rule_invalid' });

export const EligibilityRules = z
  .object({
    kinds: z.array(z.enum(BENEFICIARY_KINDS)).max(2).optional(),
    incomeSituations: z.array(z.enum(INCOME_SITUATIONS)).max(20).optional(),
    maxFamilyQuotientCents: Cents.optional().describe('Family quotient ceiling, in cents (70000 = 700 €)'),
    minAge: z.number().int().min(0).max(120).optional(),
    maxAge: z.number().int().min(0).max(120).optional(),
    postcodes: z
      .array(PostcodeRule)
      .max(2000)
      .optional()
      .describe('5-digit postcodes, or a prefix followed by * (45* = the whole department)'),
    cities: z.array(z.string().trim().min(1).max(NAME_MAX_LENGTH)).max(2000).optional(),
    priorityZoneRequired: z.boolean().optional(),
    maxOpenReferralsPerPrescriber: z.number().int().min(1).max(100_000).optional(),
  })
  .strict()
  .meta({ id: 'EligibilityRules' });

const Targets = z
  .object({
    beneficiaries: Count.optional(),
    devices: Count.optional(),
    autonomyRate: z.number().min(0).max(1).optional().describe('A share, 0..1'),
    byGroup: z.partialRecord(z.enum(TARGET_GROUPS), Count).optional(),
  })
  .strict();

const Subsidy = z.object({ funderOrganisationId: Uuid, amountCents: Cents }).strict();
const Partner = z.object({ organisationId: Uuid, role: z.enum(PARTNER_ROLES) }).strict();
const InternetAid = z
  .object({
    amountCents: Cents.describe('The whole aid per person'),
    months: z.number().int().min(1).max(120),
    funderOrganisationId: Uuid.nullable().optional().describe('Who pays it, if stated'),
  })
  .strict();

const programmeFields = {
  name: requiredText(NAME_MAX_LENGTH),
  description: z.string().trim().max(5000).nullable().optional(),
  mode: z.enum(PROGRAMME_MODES),
  startsOn: CalendarDay,
  endsOn: CalendarDay,
  unitPriceCents: Cents.nullable().optional(),
  subsidies: z.array(Subsidy).max(50).optional(),
  loanMonths: z.number().int().min(1).max(120).nullable().optional(),
  loanRenewable: z.boolean().optional(),
  loanMaxRenewals: z
    .number()
    .int()
    .min(0)
    .max(100)
    .nullable()
    .optional()
    .describe('At most this many renewals of a loan (null: no cap)'),
  internetAid: InternetAid.nullable().optional(),
  trainingRequired: z.boolean().optional(),
  trainingMinSessions: z.number().int().min(1).max(1000).nullable().optional(),
  maxDevicesPerPerson: z.number().int().min(1).max(1000).optional(),
  targets: Targets.optional(),
  eligibility: EligibilityRules.optional(),
  partners: z.array(Partner).max(200).optional(),
};

export const CreateProgrammeBody = z
  .object({
    ...programmeFields,
    ownerOrganisationId: Uuid.optional().describe('Defaults to your only organisation'),
  })
  .strict()
  .meta({ id: 'CreateProgrammeBody' });

export const UpdateProgrammeBody = z
  .object({
    name: programmeFields.name.optional(),
    description: programmeFields.description,
    mode: programmeFields.mode.optional(),
    startsOn: CalendarDay.optional(),
    endsOn: CalendarDay.optional(),
    unitPriceCents: programmeFields.unitPriceCents,
    subsidies: programmeFields.subsidies,
    loanMonths: programmeFields.loanMonths,
    loanRenewable: programmeFields.loanRenewable,
    loanMaxRenewals: programmeFields.loanMaxRenewals,
    internetAid: programmeFields.internetAid,
    trainingRequired: programmeFields.trainingRequired,
    trainingMinSessions: programmeFields.trainingMinSessions,
    maxDevicesPerPerson: programmeFields.maxDevicesPerPerson,
    targets: programmeFields.targets,
    eligibility: programmeFields.eligibility,
    partners: programmeFields.partners,
    closed: z.boolean().optional().describe('Closed to new referrals before its end'),
  })
  .strict()
  .meta({ id: 'UpdateProgrammeBody' });

export const CopyProgrammeBody = z
  .object({
    name: requiredText(NAME_MAX_LENGTH).optional(),
    startsOn: CalendarDay.optional(),
    endsOn: CalendarDay.optional(),
  })
  .strict();

export const Programme = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    ownerOrganisationId: z.uuid(),
    ownerOrganisationName: z.string(),
    mode: z.enum(PROGRAMME_MODES),
    startsOn: CalendarDay,
    endsOn: CalendarDay,
    unitPriceCents: z.number().int().nullable(),
    subsidies: z.array(
      z.object({ funderOrganisationId: z.uuid(), funderName: z.string(), amountCents: z.number().int() }),
    ),
    contributionCents: z.number().int().describe('Unit price − sum of subsidies, never below 0'),
    loanMonths: z.number().int().nullable(),
    loanRenewable: z.boolean(),
    loanMaxRenewals: z.number().int().nullable(),
    internetAid: z
      .object({
        amountCents: z.number().int(),
        months: z.number().int(),
        funderOrganisationId: z.uuid().nullable(),
        funderName: z.string().nullable(),
      })
      .nullable(),
    trainingRequired: z.boolean(),
    trainingMinSessions: z.number().int().nullable(),
    maxDevicesPerPerson: z.number().int(),
    targets: Targets,
    eligibility: EligibilityRules,
    partners: z.array(
      z.object({ organisationId: z.uuid(), organisationName: z.string(), role: z.enum(PARTNER_ROLES) }),
    ),
    closed: z.boolean(),
    open: z.boolean().describe('Takes referrals today'),
    copiedFromId: z.uuid().nullable(),
    referralCount: z.number().int(),
    createdAt: Instant,
    updatedAt: Instant,
    can: z.object({ manage: z.boolean(), refer: z.boolean() }),
  })
  .meta({ id: 'Programme' });

export const ProgrammeListQuery = ListQuery.extend({
  q: z.string().trim().max(SEARCH_MAX_LENGTH).optional(),
  organisationId: Uuid.optional(),
  status: z.enum(['open', 'closed']).optional(),
});

const Facts = z
  .object({
    kind: z.enum(BENEFICIARY_KINDS),
    birthYear: z.number().int().min(1900).max(2200).nullable().optional(),
    incomeSituation: z.enum(INCOME_SITUATIONS).nullable().optional(),
    familyQuotientCents: Cents.nullable().optional(),
    postcode: z.string().trim().max(10).nullable().optional(),
    city: z.string().trim().max(NAME_MAX_LENGTH).nullable().optional(),
    priorityZone: z.boolean().nullable().optional(),
  })
  .strict();

export const EligibilityCheckBody = z
  .object({ beneficiaryId: Uuid.optional(), facts: Facts.optional(), onDay: CalendarDay.optional() })
  .strict();

const Reason = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  message: z.string(),
});

export const Verdict = z.object({ eligible: z.boolean(), reasons: z.array(Reason) }).meta({ id: 'Verdict' });

export const Participants = z.object({
  items: z.array(
    z.object({
      beneficiaryId: z.uuid(),
      kind: z.enum(BENEFICIARY_KINDS),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      name: z.string().nullable(),
    }),
  ),
});

/** An optional text: trimmed, and empty means "not given". */
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const beneficiaryFields = {
  firstName: optionalText(NAME_MAX_LENGTH),
  lastName: optionalText(NAME_MAX_LENGTH),
  name: optionalText(NAME_MAX_LENGTH).describe("An association's name"),
  birthYear: z.number().int().nullable().optional().describe('Between 1900 and this year'),
  householdType: z.enum(HOUSEHOLD_TYPES).nullable().optional(),
  childrenCount: z
    .number()
    .int()
    .min(0, { message: 'validation.not_negative' })
    .max(30)
    .nullable()
    .optional(),
  postcode: optionalText(10).describe('5 digits when the country is FR'),
  city: optionalText(NAME_MAX_LENGTH),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, { message: 'validation.country_invalid' })
    .optional()
    .describe('ISO 3166 code, default FR'),
  priorityZone: z.boolean().nullable().optional().describe('Lives in a priority neighbourhood (QPV)'),
  incomeSituation: z.enum(INCOME_SITUATIONS).nullable().optional(),
  familyQuotientCents: z
    .number()
    .int()
    .min(0, { message: 'validation.not_negative' })
    .max(10_000_000)
    .nullable()
    .optional(),
  employmentSituation: z.enum(EMPLOYMENT_SITUATIONS).nullable().optional(),
  targetGroup: z.enum(TARGET_GROUPS).optional(),
  phone: optionalText(40),
  email: z
    .union([z.email({ message: 'validation.email_invalid' }).max(254), z.literal('')])
    .nullable()
    .optional(),
  accessibilityNeeds: z.boolean().optional().describe('A needs flag only: no health details'),
  deviceNeed: z.enum(DEVICE_NEEDS).nullable().optional(),
  rna: optionalText(20),
  siret: optionalText(20),
  contactName: optionalText(NAME_MAX_LENGTH),
  peopleServed: Count.nullable().optional(),
};

const ConsentInput = z
  .object({ givenOn: CalendarDay, covers: z.array(z.enum(CONSENT_SCOPES)).max(3).optional() })
  .strict();

export const CreateBeneficiaryBody = z
  .object({
    kind: z.enum(BENEFICIARY_KINDS),
    ...beneficiaryFields,
    referringOrganisationId: Uuid.optional().describe('Defaults to your only organisation'),
    consentGivenOn: CalendarDay.optional().describe('The day the person consented (or give `consent`)'),
    consent: ConsentInput.optional(),
  })
  .strict()
  .meta({ id: 'CreateBeneficiaryBody' });

export const UpdateBeneficiaryBody = z
  .object({ kind: z.enum(BENEFICIARY_KINDS).optional(), ...beneficiaryFields })
  .strict()
  .meta({ id: 'UpdateBeneficiaryBody' });

const Consent = z.object({
  id: z.uuid(),
  givenOn: CalendarDay,
  covers: z.array(z.enum(CONSENT_SCOPES)),
  collectedByUserId: z.uuid().nullable(),
  collectedByName: z.string().nullable(),
  withdrawnOn: CalendarDay.nullable(),
  createdAt: Instant,
});
export const Consents = z.object({ items: z.array(Consent) });

export const Referral = z
  .object({
    id: z.uuid(),
    beneficiaryId: z.uuid(),
    beneficiaryKind: z.enum(BENEFICIARY_KINDS),
    beneficiaryName: z.string().nullable(),
    programmeId: z.uuid(),
    programmeName: z.string(),
    programmeOwnerOrganisationId: z.uuid(),
    referringOrganisationId: z.uuid(),
    referringOrganisationName: z.string(),
    referredByUserId: z.uuid().nullable(),
    referredByName: z.string().nullable(),
    referredOn: CalendarDay,
    status: z.enum(REFERRAL_STATUSES),
    eligibility: Verdict,
    evaluatedOn: CalendarDay,
    socialEvaluation: z.string().nullable(),
    priority: z.boolean(),
    priorityReason: z.string().nullable(),
    exitReason: z.enum(EXIT_REASONS).nullable(),
    exitedOn: CalendarDay.nullable(),
    createdAt: Instant,
    updatedAt: Instant,
    position: z.number().int().optional().describe('Waiting list: place in the programme’s whole list'),
    waitingTotal: z.number().int().optional(),
    can: z.object({
      evaluate: z.boolean(),
      move: z.boolean(),
      prioritise: z.boolean(),
      editEvaluation: z.boolean(),
    }),
  })
  .meta({ id: 'Referral' });

const beneficiaryRecord = {
  id: z.uuid(),
  kind: z.enum(BENEFICIARY_KINDS),
  referringOrganisationId: z.uuid(),
  referringOrganisationName: z.string(),
  displayName: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  name: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  ageBand: z.string().nullable().describe('Kept instead of the birth year once erased'),
  householdType: z.enum(HOUSEHOLD_TYPES).nullable(),
  childrenCount: z.number().int().nullable(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string(),
  priorityZone: z.boolean().nullable(),
  incomeSituation: z.enum(INCOME_SITUATIONS).nullable(),
  familyQuotientCents: z.number().int().nullable(),
  employmentSituation: z.enum(EMPLOYMENT_SITUATIONS).nullable(),
  targetGroup: z.enum(TARGET_GROUPS),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  accessibilityNeeds: z.boolean(),
  deviceNeed: z.enum(DEVICE_NEEDS).nullable(),
  rna: z.string().nullable(),
  siret: z.string().nullable(),
  contactName: z.string().nullable(),
  peopleServed: z.number().int().nullable(),
  lastActivityOn: CalendarDay,
  anonymisedAt: Instant.nullable(),
  mergedIntoId: z.uuid().nullable(),
  createdAt: Instant,
  updatedAt: Instant,
};

const DuplicateCandidate = z.object({
  id: z.uuid(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  name: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
});
export const Duplicates = z.object({ items: z.array(DuplicateCandidate) });

export const Beneficiary = z
  .object({
    ...beneficiaryRecord,
    consentInForce: z.boolean().describe('A consent not withdrawn covers referrals'),
    consents: z.array(Consent),
    referrals: z.array(Referral),
    possibleDuplicates: z.array(DuplicateCandidate).optional().describe('On creation only'),
    can: z.object({ edit: z.boolean(), refer: z.boolean(), erase: z.boolean(), export: z.boolean() }),
  })
  .meta({ id: 'Beneficiary' });

/** Lists show who and where; contact details, income and needs are read on the record (audited). */
export const BeneficiarySummary = z
  .object({
    id: beneficiaryRecord.id,
    kind: beneficiaryRecord.kind,
    referringOrganisationId: beneficiaryRecord.referringOrganisationId,
    referringOrganisationName: beneficiaryRecord.referringOrganisationName,
    displayName: beneficiaryRecord.displayName,
    firstName: beneficiaryRecord.firstName,
    lastName: beneficiaryRecord.lastName,
    name: beneficiaryRecord.name,
    birthYear: beneficiaryRecord.birthYear,
    postcode: beneficiaryRecord.postcode,
    city: beneficiaryRecord.city,
    targetGroup: beneficiaryRecord.targetGroup,
    deviceNeed: beneficiaryRecord.deviceNeed,
    lastActivityOn: beneficiaryRecord.lastActivityOn,
    anonymisedAt: beneficiaryRecord.anonymisedAt,
    mergedIntoId: beneficiaryRecord.mergedIntoId,
    createdAt: beneficiaryRecord.createdAt,
    updatedAt: beneficiaryRecord.updatedAt,
    referrals: z.array(
      z.object({
        id: z.uuid(),
        programmeId: z.uuid(),
        programmeName: z.string(),
        status: z.enum(REFERRAL_STATUSES),
      }),
    ),
  })
  .meta({ id: 'BeneficiarySummary' });

export const BeneficiaryListQuery = ListQuery.extend({
  programmeId: Uuid.optional(),
  q: z.string().trim().max(SEARCH_MAX_LENGTH).optional(),
  kind: z.enum(BENEFICIARY_KINDS).optional(),
  status: z.enum(REFERRAL_STATUSES).optional(),
  referringOrganisationId: Uuid.optional(),
  prescriberUserId: Uuid.optional(),
  sort: z.enum(['name', 'recent']).default('recent'),
});

export const DuplicateQuery = z.object({
  referringOrganisationId: Uuid.optional(),
  firstName: z.string().trim().min(1).max(NAME_MAX_LENGTH),
  lastName: z.string().trim().min(1).max(NAME_MAX_LENGTH),
  birthYear: z.coerce.number().int().min(1900).max(2200).optional(),
  postcode: z.string().trim().max(10).optional(),
});

export const TimelineEntry = z.object({
  at: Instant,
  on: CalendarDay,
  kind: z.enum(TIMELINE_KINDS),
  referralId: z.uuid().nullable(),
  programmeId: z.uuid().nullable(),
  programmeName: z.string().nullable(),
  fromStatus: z.enum(REFERRAL_STATUSES).nullable(),
  toStatus: z.enum(REFERRAL_STATUSES).nullable(),
  reasons: z.array(Reason).nullable(),
  exitReason: z.enum(EXIT_REASONS).nullable(),
  fields: z.array(z.string()).nullable(),
  relatedBeneficiaryId: z.uuid().nullable(),
  authorName: z.string().nullable(),
});
export const Timeline = z.object({ items: z.array(TimelineEntry) });

export const AddConsentBody = ConsentInput;
export const WithdrawConsentBody = z.object({ withdrawnOn: CalendarDay.optional() }).strict();
export const ConsentParams = z.object({ id: Uuid, consentId: Uuid });
export const MergeBody = z.object({ duplicateId: Uuid }).strict();

export const CreateReferralBody = z
  .object({
    beneficiaryId: Uuid,
    programmeId: Uuid,
    socialEvaluation: z.string().trim().max(10_000).nullable().optional(),
    referredOn: CalendarDay.optional().describe('Defaults to today; within the programme’s period'),
  })
  .strict()
  .meta({ id: 'CreateReferralBody' });

export const UpdateReferralBody = z
  .object({
    socialEvaluation: z.string().trim().max(10_000).nullable().optional(),
    priority: z.boolean().optional(),
    priorityReason: z.string().trim().max(500).nullable().optional(),
  })
  .strict();

export const ReferralStatusBody = z
  .object({
    status: z.enum(REFERRAL_STATUSES),
    exitReason: z.enum(EXIT_REASONS).optional(),
    on: CalendarDay.optional(),
  })
  .strict();

export const ReferralListQuery = ListQuery.extend({
  programmeId: Uuid.optional(),
  beneficiaryId: Uuid.optional(),
  status: z.enum(REFERRAL_STATUSES).optional(),
  referringOrganisationId: Uuid.optional(),
  prescriberUserId: Uuid.optional(),
  q: z.string().trim().max(SEARCH_MAX_LENGTH).optional(),
  waiting: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('The waiting list, in priority order, with each place'),
});

export const NoticeQuery = z.object({ organisationId: Uuid.optional() });

export const AnonymisationRun = z.object({
  id: z.uuid(),
  ranAt: Instant,
  cutoffOn: CalendarDay,
  anonymised: z.number().int(),
  byOrganisation: z.array(z.object({ organisationId: z.uuid(), count: z.number().int() })),
  trigger: z.enum(['daily', 'manual']),
});
