/**
 * The API of follow-up questionnaires (`docs/api.md`, "Beyond the core: follow-up questionnaires"): a
 * programme's follow-up settings, the public questionnaire reached by its link, a person's follow-ups, the
 * staff's lists (to contact, no answer, help asked) and the letter. Days are `YYYY-MM-DD`.
 */
import type * as Server from '../modules/followup/schema.ts';
import { ApiError, type Page, request } from './api.ts';

export const FOLLOW_UP_STATUSES = [
  'scheduled',
  'sent',
  'to_contact',
  'answered',
  'no_answer',
  'cancelled',
] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export const WORKS_ANSWERS = ['yes', 'partly', 'no'] as const;
export type WorksAnswer = (typeof WORKS_ANSWERS)[number];
export const FREQUENCY_ANSWERS = ['daily', 'weekly', 'monthly', 'rarely', 'never'] as const;
export type FrequencyAnswer = (typeof FREQUENCY_ANSWERS)[number];
export const USE_ANSWERS = ['admin', 'job_search', 'school', 'keep_in_touch', 'learning', 'other'] as const;
export type UseAnswer = (typeof USE_ANSWERS)[number];
export const AUTONOMY_ANSWERS = ['much_more', 'a_little_more', 'not_more'] as const;
export type AutonomyAnswer = (typeof AUTONOMY_ANSWERS)[number];

// Fail to compile if the server's vocabulary and ours drift apart (type-only: nothing of the server ships).
type Same<A, B> = [A, B] extends [B, A] ? true : never;
const _same: [
  Same<FollowUpStatus, Server.FollowUpStatus>,
  Same<WorksAnswer, Server.WorksAnswer>,
  Same<FrequencyAnswer, Server.FrequencyAnswer>,
  Same<UseAnswer, Server.UseAnswer>,
  Same<AutonomyAnswer, Server.AutonomyAnswer>,
] = [true, true, true, true, true];
void _same;

/** The statuses the staff list filters on; `help` is « help asked » (answered with a call wanted). */
export const FOLLOW_UP_FILTERS = [
  'to_contact',
  'no_answer',
  'help',
  'sent',
  'answered',
  'scheduled',
] as const;
export type FollowUpFilter = (typeof FOLLOW_UP_FILTERS)[number];

/** The longest comment the questionnaire takes. */
export const COMMENT_MAX_LENGTH = 1000;

export interface FollowUpAnswers {
  works: WorksAnswer;
  frequency: FrequencyAnswer;
  uses: UseAnswer[];
  autonomy: AutonomyAnswer;
  helpDevice: boolean;
  helpContact: boolean;
  comment?: string;
}

export interface RecordedAnswers extends Omit<FollowUpAnswers, 'comment'> {
  comment: string | null;
  answeredBy: 'person' | 'worker';
  answeredOn: string;
  ticketId: string | null;
}

export interface FollowUpSettings {
  programmeId: string;
  months: number[];
  reminderDays: number;
}

/** What the questionnaire's page shows before the questions. */
export interface PublicFollowUp {
  programmeName: string;
  organisationName: string;
  months: number;
  deviceType: string;
  status: 'open';
}

export interface AnswerReceipt {
  thanks: true;
  ticketOpened: boolean;
  contactAlerted: boolean;
}

/** A follow-up as a person's page lists it. */
export interface FollowUp {
  id: string;
  programmeId: string;
  programmeName: string;
  allocationId: string;
  assetTag: string;
  months: number;
  dueOn: string;
  status: FollowUpStatus;
  sentAt: string | null;
  remindedAt: string | null;
  answeredAt: string | null;
  answers: RecordedAnswers | null;
  can: { answer: boolean; letter: boolean };
}

/** A line of the staff's lists (`phone` only on the call lists: to contact, no answer). */
export interface FollowUpLine {
  id: string;
  beneficiaryId: string;
  personName: string;
  programmeId: string;
  programmeName: string;
  months: number;
  dueOn: string;
  status: FollowUpStatus;
  phone: string | null;
  helpContact: boolean;
  answeredAt: string | null;
}

export interface FollowUpQuery {
  programmeId?: string;
  status?: FollowUpFilter;
  limit?: number;
  cursor?: string;
}

const enc = encodeURIComponent;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export const followUpApi = {
  settings: (programmeId: string, signal?: AbortSignal) =>
    request<FollowUpSettings>(`/programmes/${enc(programmeId)}/follow-up-settings`, withSignal(signal)),
  saveSettings: (programmeId: string, body: { months: number[]; reminderDays: number }) =>
    request<FollowUpSettings>(`/programmes/${enc(programmeId)}/follow-up-settings`, { method: 'PUT', body }),

  publicFollowUp: (token: string, signal?: AbortSignal) =>
    request<PublicFollowUp>(`/public/follow-ups/${enc(token)}`, { public: true, ...withSignal(signal) }),
  publicAnswer: (token: string, answers: FollowUpAnswers) =>
    request<AnswerReceipt>(`/public/follow-ups/${enc(token)}/answers`, {
      method: 'POST',
      body: answers,
      public: true,
    }),

  ofPerson: (beneficiaryId: string, signal?: AbortSignal) =>
    request<FollowUp[]>(`/beneficiaries/${enc(beneficiaryId)}/follow-ups`, withSignal(signal)),
  list: (query: FollowUpQuery, signal?: AbortSignal) =>
    request<Page<FollowUpLine>>('/follow-ups', { query: { ...query }, ...withSignal(signal) }),
  answer: (id: string, answers: FollowUpAnswers) =>
    request<AnswerReceipt>(`/follow-ups/${enc(id)}/answers`, { method: 'POST', body: answers }),
};

/** The letter with the link and its QR code (a PDF; printing it issues a new link). */
export function followUpLetterAddress(id: string): string {
  return `/api/v1/follow-ups/${enc(id)}/letter`;
}

export type Gone = 'answered' | 'expired' | 'closed';

/**
 * Why a link no longer opens the questionnaire (410, each reason in its own words from the server): answered
 * already, expired, or closed (the handover was taken back).
 */
export function goneReason(error: unknown): Gone | null {
  if (!(error instanceof ApiError) || error.status !== 410) return null;
  const words = error.detail.toLowerCase();
  if (/expir/.test(words)) return 'expired';
  if (/answered|rempli|réponses/.test(words)) return 'answered';
  return 'closed';
}
