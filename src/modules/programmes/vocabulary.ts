/**
 * The words of programmes, beneficiaries and referrals, shared by the server, the web app and the
 * documents. Adding a value here is an API change: add its translations too.
 */
export { INCOME_SITUATIONS, type IncomeSituation } from './eligibility.ts';

export const PROGRAMME_MODES = ['sale', 'loan', 'donation'] as const;
export type ProgrammeMode = (typeof PROGRAMME_MODES)[number];

export const PARTNER_ROLES = ['prescriber', 'refurbisher', 'trainer'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export const BENEFICIARY_KINDS = ['person', 'association'] as const;
export type BeneficiaryKind = (typeof BENEFICIARY_KINDS)[number];

export const HOUSEHOLD_TYPES = [
  'single',
  'single_parent',
  'couple',
  'couple_with_children',
  'other',
] as const;
export type HouseholdType = (typeof HOUSEHOLD_TYPES)[number];

export const EMPLOYMENT_SITUATIONS = [
  'employed',
  'job_seeker',
  'student',
  'retired',
  'inactive',
  'other',
] as const;
export type EmploymentSituation = (typeof EMPLOYMENT_SITUATIONS)[number];

export const TARGET_GROUPS = ['pupil', 'job_seeker', 'senior', 'household', 'association'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export const DEVICE_NEEDS = ['laptop', 'desktop', 'tablet'] as const;
export type DeviceNeed = (typeof DEVICE_NEEDS)[number];

export const CONSENT_SCOPES = ['referral', 'follow_up', 'partners'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/**
 * A referral's path (decisions): `eligible` | `ineligible` at creation, then `in_training` →
 * `trained` → `equipped` → `followed_up` → `exited`. Training, handovers and follow-up move it forward.
 */
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

/** Referrals still waiting for a device: the waiting list. */
export const WAITING_STATUSES: readonly ReferralStatus[] = ['eligible', 'in_training', 'trained'];

/** Every status but `exited`: the person is still on the programme's books. */
export const OPEN_STATUSES: readonly ReferralStatus[] = REFERRAL_STATUSES.filter((s) => s !== 'exited');

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

/** Moves made by hand (`POST /referrals/{id}/status`); the others come from training and handovers. */
export const MANUAL_REFERRAL_MOVES: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  eligible: ['exited'],
  ineligible: ['exited'],
  in_training: ['exited'],
  trained: ['exited'],
  equipped: ['followed_up', 'exited'],
  followed_up: ['exited'],
  exited: [],
};

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
  // distribution
  'allocated',
  'allocation_cancelled',
  'handed_over',
  'handover_cancelled',
  'loan_renewed',
  'loan_returned',
  'device_swapped',
  'internet_aid_granted',
  'ticket_opened',
  // training
  'enrolled',
  'enrolment_withdrawn',
  'training_completed',
  'assessed',
  // follow-up questionnaires
  'follow_up_answered',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface ProgrammeTargets {
  beneficiaries?: number;
  devices?: number;
  /** A share, 0..1 (0.8 = 80 % autonomous at exit). */
  autonomyRate?: number;
  byGroup?: Partial<Record<TargetGroup, number>>;
}

export const AGE_BANDS = ['under-18', '18-24', '25-44', '45-59', '60-74', '75+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The age band of someone born in `birthYear`, by the age reached in `year` (reports and anonymisation). */
export function ageBand(birthYear: number, year: number): AgeBand {
  const age = year - birthYear;
  if (age < 18) return 'under-18';
  if (age < 25) return '18-24';
  if (age < 45) return '25-44';
  if (age < 60) return '45-59';
  if (age < 75) return '60-74';
  return '75+';
}
