/**
 * The API of programmes, beneficiaries and referrals (`docs/api.md`, "Beyond the core"): reply types and
 * typed calls, on top of the client in `api.ts`. Money is in integer cents; days are `YYYY-MM-DD`.
 */
import type * as Server from '../modules/programmes/vocabulary.ts';
import { type Page, request } from './api.ts';

export const PROGRAMME_MODES = ['sale', 'loan', 'donation'] as const;
export type ProgrammeMode = (typeof PROGRAMME_MODES)[number];

export const BENEFICIARY_KINDS = ['person', 'association'] as const;
export type BeneficiaryKind = (typeof BENEFICIARY_KINDS)[number];

export const INCOME_SITUATIONS = [
  'rsa',
  'aah',
  'aspa',
  'minimum_income_other',
  'low_income',
  'scholarship',
  'none',
] as const;
export type IncomeSituation = (typeof INCOME_SITUATIONS)[number];

export const HOUSEHOLD_TYPES = [
  'single',
  'single_parent',
  'couple',
  'couple_with_children',
  'other',
] as const;
export type HouseholdType = (typeof HOUSEHOLD_TYPES)[number];

export const TARGET_GROUPS = ['pupil', 'job_seeker', 'senior', 'household', 'association'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export const EMPLOYMENT_SITUATIONS = [
  'employed',
  'job_seeker',
  'student',
  'retired',
  'inactive',
  'other',
] as const;
export type EmploymentSituation = (typeof EMPLOYMENT_SITUATIONS)[number];

export const DEVICE_NEEDS = ['laptop', 'desktop', 'tablet'] as const;
export type DeviceNeed = (typeof DEVICE_NEEDS)[number];

/** In the order the consent form lists them. */
export const CONSENT_COVERS = ['referral', 'partners', 'follow_up'] as const;
export type ConsentCover = (typeof CONSENT_COVERS)[number];

/**
 * What a new consent covers unless the person says otherwise — the server's own default: the referral,
 * sharing the record with the organisation running the programme (when it is another one), the follow-up.
 */
export const DEFAULT_CONSENT_COVERS: readonly ConsentCover[] = ['referral', 'partners', 'follow_up'];

export const PARTNER_ROLES = ['prescriber', 'refurbisher', 'trainer'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export const REFERRAL_STATUSES = [
  'eligible',
  'ineligible',
  'in_training',
  'trained',
  'equipped',
  'followed_up',
  'exited',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Every status but `exited`: the person is still on the programme's books (and may exit). */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = REFERRAL_STATUSES.filter(
  (s) => s !== 'exited',
);

export const EXIT_REASONS = [
  'completed',
  'withdrew',
  'unreachable',
  'moved_away',
  'equipped_elsewhere',
  'not_eligible',
  'duplicate',
  'other',
] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

// ---- Programmes ----------------------------------------------------------------------------------------

export interface EligibilityRules {
  kinds?: BeneficiaryKind[];
  incomeSituations?: IncomeSituation[];
  maxFamilyQuotientCents?: number;
  minAge?: number;
  maxAge?: number;
  /** `45*` accepts a whole department. */
  postcodes?: string[];
  cities?: string[];
  priorityZoneRequired?: boolean;
  maxOpenReferralsPerPrescriber?: number;
}

export interface Subsidy {
  funderOrganisationId: string;
  funderName: string;
  amountCents: number;
}

export interface Partner {
  organisationId: string;
  organisationName: string;
  role: PartnerRole;
}

export interface InternetAid {
  /** The whole aid per person. */
  amountCents: number;
  months: number;
  /** Who pays it, if stated. */
  funderOrganisationId?: string | null;
  /** The funder's name (in replies). */
  funderName?: string | null;
}

export type GroupTargets = Partial<Record<TargetGroup, number>>;

export interface Targets {
  beneficiaries?: number;
  devices?: number;
  /** A share: 0.8 is 80 %. */
  autonomyRate?: number;
  byGroup?: GroupTargets;
}

export interface Programme {
  id: string;
  name: string;
  ownerOrganisationId: string;
  ownerOrganisationName: string;
  description: string | null;
  mode: ProgrammeMode;
  startsOn: string;
  endsOn: string;
  unitPriceCents: number | null;
  subsidies: Subsidy[];
  /** Unit price − subsidies, never below 0. */
  contributionCents: number;
  loanMonths: number | null;
  loanRenewable: boolean;
  /** At most this many renewals of a loan (null: no cap). */
  loanMaxRenewals: number | null;
  internetAid: InternetAid | null;
  trainingRequired: boolean;
  trainingMinSessions: number | null;
  maxDevicesPerPerson: number;
  targets: Targets;
  eligibility: EligibilityRules;
  partners: Partner[];
  /** Closed to new referrals by hand. */
  closed: boolean;
  /** Takes referrals today (within its period and not closed). */
  open: boolean;
  copiedFromId: string | null;
  referralCount: number;
  createdAt: string;
  updatedAt: string;
  can: { manage: boolean; refer: boolean };
}

export interface ProgrammeInput {
  name: string;
  ownerOrganisationId: string;
  description?: string | null;
  mode: ProgrammeMode;
  startsOn: string;
  endsOn: string;
  unitPriceCents?: number | null;
  subsidies?: { funderOrganisationId: string; amountCents: number }[];
  loanMonths?: number | null;
  loanRenewable?: boolean;
  loanMaxRenewals?: number | null;
  internetAid?: InternetAid | null;
  trainingRequired?: boolean;
  trainingMinSessions?: number | null;
  maxDevicesPerPerson?: number;
  targets?: Targets;
  eligibility?: EligibilityRules;
  partners?: { organisationId: string; role: PartnerRole }[];
}

export type ProgrammePatch = Partial<ProgrammeInput> & { closed?: boolean };

export interface ProgrammeQuery {
  q?: string;
  organisationId?: string;
  status?: 'open' | 'closed';
  limit?: number;
  cursor?: string;
}

export interface EligibilityReason {
  code: string;
  params?: Record<string, string | number>;
  /** In the request's language. */
  message: string;
}

export interface EligibilityVerdict {
  eligible: boolean;
  reasons: EligibilityReason[];
}

/** What the rules look at, for the rules editor's preview. */
export interface EligibilityFacts {
  kind: BeneficiaryKind;
  birthYear?: number;
  incomeSituation?: IncomeSituation;
  familyQuotientCents?: number;
  postcode?: string;
  city?: string;
  priorityZone?: boolean;
}

export interface Participant {
  beneficiaryId: string;
  kind: BeneficiaryKind;
  firstName: string | null;
  lastName: string | null;
  name: string | null;
}

// ---- Beneficiaries -------------------------------------------------------------------------------------

/** What identifies a record in a list, a duplicate warning or a referral. */
export interface BeneficiaryNames {
  kind?: BeneficiaryKind;
  displayName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  name?: string | null;
}

export interface PossibleDuplicate extends BeneficiaryNames {
  id: string;
  birthYear: number | null;
  postcode: string | null;
  city: string | null;
}

/** A record as lists show it (`GET /beneficiaries`): who and where, and their referrals' statuses. */
export interface BeneficiarySummary extends BeneficiaryNames {
  id: string;
  kind: BeneficiaryKind;
  referringOrganisationId: string;
  referringOrganisationName: string;
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  name: string | null;
  birthYear: number | null;
  postcode: string | null;
  city: string | null;
  targetGroup: TargetGroup;
  deviceNeed: DeviceNeed | null;
  lastActivityOn: string;
  anonymisedAt: string | null;
  mergedIntoId: string | null;
  createdAt: string;
  updatedAt: string;
  referrals: { id: string; programmeId: string; programmeName: string; status: ReferralStatus }[];
}

export interface Consent {
  id: string;
  givenOn: string;
  covers: ConsentCover[];
  withdrawnOn: string | null;
  collectedByName: string | null;
  collectedByUserId: string | null;
  createdAt: string;
}

/** What every reply about a referral carries, in lists as on the referral itself. */
export interface ReferralBase {
  id: string;
  beneficiaryId: string;
  beneficiaryKind: BeneficiaryKind;
  /** Null once the person's data are erased. */
  beneficiaryName: string | null;
  programmeId: string;
  programmeName: string;
  programmeOwnerOrganisationId: string;
  referringOrganisationId: string;
  referringOrganisationName: string;
  referredByUserId: string | null;
  referredByName: string | null;
  referredOn: string;
  status: ReferralStatus;
  eligibility: EligibilityVerdict;
  evaluatedOn: string;
  priority: boolean;
  priorityReason: string | null;
  exitReason: ExitReason | null;
  exitedOn: string | null;
  createdAt: string;
  updatedAt: string;
  can: { evaluate: boolean; move: boolean; prioritise: boolean; editEvaluation: boolean };
}

/**
 * One referral as `GET /referrals/{id}`, its changes and the person's record give it (reads that are
 * audited), with its social evaluation.
 */
export interface Referral extends ReferralBase {
  /** Null when none was written (only the referring organisation and the programme owner see referrals). */
  socialEvaluation: string | null;
}

/** A referral in a list (`GET /referrals`): the social evaluation is left out (read on the referral). */
export interface ReferralSummary extends ReferralBase {
  socialEvaluation: null;
  /** In a waiting list: the place in the programme's whole list (1 for the first), and its length. */
  position?: number;
  waitingTotal?: number;
}

/** One record (`GET /beneficiaries/{id}`, its read is audited), with its consents and referrals. */
export interface BeneficiaryDetail extends Omit<BeneficiarySummary, 'referrals'> {
  /** Kept instead of the birth year once erased. */
  ageBand: string | null;
  householdType: HouseholdType | null;
  childrenCount: number | null;
  country: string;
  priorityZone: boolean | null;
  incomeSituation: IncomeSituation | null;
  familyQuotientCents: number | null;
  employmentSituation: EmploymentSituation | null;
  phone: string | null;
  email: string | null;
  accessibilityNeeds: boolean;
  rna: string | null;
  siret: string | null;
  contactName: string | null;
  peopleServed: number | null;
  /** A consent not withdrawn covers referrals. */
  consentInForce: boolean;
  consents: Consent[];
  referrals: Referral[];
  /** On creation only: records of the same organisation that look the same. */
  possibleDuplicates?: PossibleDuplicate[];
  can: { edit: boolean; refer: boolean; erase: boolean; export: boolean };
}

export interface BeneficiaryFields {
  firstName?: string | null;
  lastName?: string | null;
  name?: string | null;
  birthYear?: number | null;
  householdType?: HouseholdType | null;
  childrenCount?: number | null;
  postcode?: string | null;
  city?: string | null;
  priorityZone?: boolean;
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
  referringOrganisationId: string;
  consent: { givenOn: string; covers: ConsentCover[] };
}

export interface BeneficiaryQuery {
  q?: string;
  programmeId?: string;
  kind?: BeneficiaryKind;
  status?: ReferralStatus;
  referringOrganisationId?: string;
  sort?: 'name' | 'recent';
  limit?: number;
  cursor?: string;
}

export interface DuplicateQuery {
  referringOrganisationId: string;
  firstName: string;
  lastName: string;
  birthYear?: number;
  postcode?: string;
}

export const TIMELINE_KINDS = [
  'created',
  'updated',
  'consent_given',
  'consent_withdrawn',
  'referred',
  're_evaluated',
  'status_changed',
  'priority_changed',
  'merged',
  'exported',
  'allocated',
  'allocation_cancelled',
  'handed_over',
  'handover_cancelled',
  'loan_renewed',
  'loan_returned',
  'device_swapped',
  'internet_aid_granted',
  'ticket_opened',
  'enrolled',
  'enrolment_withdrawn',
  'training_completed',
  'assessed',
  'follow_up_answered',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  at: string;
  on: string;
  kind: TimelineKind;
  referralId: string | null;
  programmeId: string | null;
  programmeName: string | null;
  fromStatus: ReferralStatus | null;
  toStatus: ReferralStatus | null;
  reasons: EligibilityReason[] | null;
  exitReason: ExitReason | null;
  fields: string[] | null;
  relatedBeneficiaryId: string | null;
  authorName: string | null;
}

// ---- Referrals -----------------------------------------------------------------------------------------

export interface ReferralInput {
  beneficiaryId: string;
  programmeId: string;
  socialEvaluation?: string;
  referredOn?: string;
}

export interface ReferralQuery {
  programmeId?: string;
  beneficiaryId?: string;
  status?: ReferralStatus;
  referringOrganisationId?: string;
  q?: string;
  waiting?: boolean;
  limit?: number;
  cursor?: string;
}

/**
 * `PATCH /referrals/{id}`: the social evaluation is the referring organisation's (`can.editEvaluation`);
 * the priority and its reason are the programme owner's (`can.prioritise`; no priority, no reason).
 */
export interface ReferralPatch {
  socialEvaluation?: string | null;
  priority?: boolean;
  priorityReason?: string | null;
}

export interface ReferralStatusChange {
  status: 'followed_up' | 'exited';
  exitReason?: ExitReason;
  on?: string;
}

// Fails to compile if the server's vocabularies and ours drift apart (type-only: nothing of the server ships).
type Same<A, B> = [A, B] extends [B, A] ? true : never;
const _same: [
  Same<ProgrammeMode, Server.ProgrammeMode>,
  Same<BeneficiaryKind, Server.BeneficiaryKind>,
  Same<IncomeSituation, Server.IncomeSituation>,
  Same<HouseholdType, Server.HouseholdType>,
  Same<TargetGroup, Server.TargetGroup>,
  Same<EmploymentSituation, Server.EmploymentSituation>,
  Same<DeviceNeed, Server.DeviceNeed>,
  Same<ConsentCover, Server.ConsentScope>,
  Same<PartnerRole, Server.PartnerRole>,
  Same<ReferralStatus, Server.ReferralStatus>,
  Same<ExitReason, Server.ExitReason>,
  Same<TimelineKind, Server.TimelineKind>,
] = [true, true, true, true, true, true, true, true, true, true, true, true];
void _same;

const enc = encodeURIComponent;

function withSignal(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}

/** The calls of the programmes, beneficiaries and referrals pages. */
export const peopleApi = {
  programmes: (query: ProgrammeQuery, signal?: AbortSignal) =>
    request<Page<Programme>>('/programmes', { query: { ...query }, ...withSignal(signal) }),
  programme: (id: string, signal?: AbortSignal) =>
    request<Programme>(`/programmes/${enc(id)}`, withSignal(signal)),
  createProgramme: (input: ProgrammeInput) =>
    request<Programme>('/programmes', { method: 'POST', body: input }),
  updateProgramme: (id: string, patch: ProgrammePatch) =>
    request<Programme>(`/programmes/${enc(id)}`, { method: 'PATCH', body: patch }),
  copyProgramme: (id: string, body: { name?: string; startsOn?: string; endsOn?: string } = {}) =>
    request<Programme>(`/programmes/${enc(id)}/copy`, { method: 'POST', body }),
  checkEligibility: (id: string, facts: EligibilityFacts, signal?: AbortSignal) =>
    request<EligibilityVerdict>(`/programmes/${enc(id)}/eligibility-check`, {
      method: 'POST',
      body: { facts },
      ...withSignal(signal),
    }),
  /** The names of the people whose referral is in progress (owner, trainers; a prescriber its own). */
  participants: (id: string, signal?: AbortSignal) =>
    request<{ items: Participant[] }>(`/programmes/${enc(id)}/participants`, withSignal(signal)),

  beneficiaries: (query: BeneficiaryQuery, signal?: AbortSignal) =>
    request<Page<BeneficiarySummary>>('/beneficiaries', { query: { ...query }, ...withSignal(signal) }),
  beneficiary: (id: string, signal?: AbortSignal) =>
    request<BeneficiaryDetail>(`/beneficiaries/${enc(id)}`, withSignal(signal)),
  createBeneficiary: (input: BeneficiaryInput) =>
    request<BeneficiaryDetail>('/beneficiaries', { method: 'POST', body: input }),
  updateBeneficiary: (id: string, patch: BeneficiaryFields) =>
    request<BeneficiaryDetail>(`/beneficiaries/${enc(id)}`, { method: 'PATCH', body: patch }),
  duplicates: (query: DuplicateQuery, signal?: AbortSignal) =>
    request<{ items: PossibleDuplicate[] }>('/beneficiaries/duplicates', {
      query: { ...query },
      ...withSignal(signal),
    }),
  timeline: (id: string, signal?: AbortSignal) =>
    request<{ items: TimelineEntry[] }>(`/beneficiaries/${enc(id)}/timeline`, withSignal(signal)),
  addConsent: (id: string, input: { givenOn: string; covers: ConsentCover[] }) =>
    request<{ items: Consent[] }>(`/beneficiaries/${enc(id)}/consents`, { method: 'POST', body: input }),
  withdrawConsent: (id: string, consentId: string, withdrawnOn?: string) =>
    request<{ items: Consent[] }>(`/beneficiaries/${enc(id)}/consents/${enc(consentId)}/withdrawal`, {
      method: 'POST',
      body: withdrawnOn ? { withdrawnOn } : {},
    }),
  merge: (id: string, duplicateId: string) =>
    request<BeneficiaryDetail>(`/beneficiaries/${enc(id)}/merge`, { method: 'POST', body: { duplicateId } }),
  erase: (id: string) => request<BeneficiaryDetail>(`/beneficiaries/${enc(id)}/erasure`, { method: 'POST' }),

  referrals: (query: ReferralQuery, signal?: AbortSignal) =>
    request<Page<ReferralSummary>>('/referrals', {
      query: { ...query, waiting: query.waiting ? 'true' : undefined },
      ...withSignal(signal),
    }),
  /** One referral with its social evaluation (the read is audited). */
  referral: (id: string, signal?: AbortSignal) =>
    request<Referral>(`/referrals/${enc(id)}`, withSignal(signal)),
  createReferral: (input: ReferralInput) => request<Referral>('/referrals', { method: 'POST', body: input }),
  updateReferral: (id: string, patch: ReferralPatch) =>
    request<Referral>(`/referrals/${enc(id)}`, { method: 'PATCH', body: patch }),
  reevaluate: (id: string) => request<Referral>(`/referrals/${enc(id)}/evaluation`, { method: 'POST' }),
  changeReferralStatus: (id: string, change: ReferralStatusChange) =>
    request<Referral>(`/referrals/${enc(id)}/status`, { method: 'POST', body: change }),
};

/** Documents about people: plain links, sent with the session cookie. */
export const peopleDocuments = {
  exportJson: (id: string) => `/api/v1/beneficiaries/${enc(id)}/export.json`,
  exportPdf: (id: string) => `/api/v1/beneficiaries/${enc(id)}/export.pdf`,
  informationNotice: (organisationId: string | null) =>
    organisationId
      ? `/api/v1/information-notice.pdf?organisationId=${enc(organisationId)}`
      : '/api/v1/information-notice.pdf',
};
