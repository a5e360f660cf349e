/**
 * The API of training (`docs/api.md`, "Beyond the core: training"): workshops, sessions and their
 * recurrence, enrolments and attendance, skills assessments on the organisation's competence grid, and
 * anonymous activities. Instants are ISO 8601; days are `YYYY-MM-DD`; recurrence times are the wall clock
 * of the instance's time zone.
 */
import type * as Server from '../modules/training/vocabulary.ts';
import { type Page, request } from './api.ts';

export const WORKSHOP_FORMATS = ['initiation', 'intensive', 'digital_cafe', 'home_coaching'] as const;
export type WorkshopFormat = (typeof WORKSHOP_FORMATS)[number];

export const ENROLMENT_STATUSES = ['enrolled', 'waiting', 'withdrawn'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export const ASSESSMENT_STAGES = ['entry', 'exit'] as const;
export type AssessmentStage = (typeof ASSESSMENT_STAGES)[number];

export const ACTIVITY_AGE_BANDS = ['under-12', '12-18', '18-24', '25-39', '40-59', '60-69', '70+'] as const;
export type ActivityAgeBand = (typeof ACTIVITY_AGE_BANDS)[number];

export const ACTIVITY_PLACE_TYPES = ['venue', 'home', 'remote', 'outreach'] as const;
export type ActivityPlaceType = (typeof ACTIVITY_PLACE_TYPES)[number];

export const ACTIVITY_THEMES = [
  'device_handling',
  'online_procedures',
  'email',
  'internet_browsing',
  'security',
  'job_search',
  'housing',
  'money',
  'health',
  'school',
  'social_networks',
  'office_software',
  'photos',
  'other',
] as const;
export type ActivityTheme = (typeof ACTIVITY_THEMES)[number];

// Fails to compile if the server's vocabularies and ours drift apart (type-only: nothing of the server ships).
type Same<A, B> = [A, B] extends [B, A] ? true : never;
const _same: [
  Same<WorkshopFormat, Server.WorkshopFormat>,
  Same<EnrolmentStatus, Server.EnrolmentStatus>,
  Same<AssessmentStage, Server.AssessmentStage>,
  Same<ActivityAgeBand, Server.ActivityAgeBand>,
  Same<ActivityPlaceType, Server.ActivityPlaceType>,
  Same<ActivityTheme, Server.ActivityTheme>,
] = [true, true, true, true, true, true];
void _same;

export interface Session {
  id: string;
  workshopId: string;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  place: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  moves: { startsAt: string; endsAt: string; movedAt: string }[];
  attendanceTaken: boolean;
  presentCount: number;
  createdAt: string;
}

/** A session after a move or a cancellation: how many enrolled people were told by e-mail. */
export interface SessionChange extends Session {
  notified: number;
}

export interface AttendanceLine {
  beneficiaryId: string;
  name: string | null;
  enrolmentStatus: EnrolmentStatus;
  /** Null: attendance not taken yet. */
  present: boolean | null;
}

export interface SessionDetail extends Session {
  workshop: {
    id: string;
    title: string;
    organisationId: string;
    programmeId: string | null;
    place: string | null;
  };
  attendance: AttendanceLine[];
}

export interface Workshop {
  id: string;
  organisationId: string;
  organisationName: string;
  programmeId: string | null;
  programmeName: string | null;
  title: string;
  format: WorkshopFormat;
  description: string | null;
  place: string | null;
  trainerUserId: string | null;
  trainerName: string | null;
  trainerDisplayName: string | null;
  capacity: number | null;
  completionThresholdPercent: number;
  cancelledAt: string | null;
  cancelReason: string | null;
  closedAt: string | null;
  /** Sessions not cancelled. */
  sessionCount: number;
  enrolledCount: number;
  waitingCount: number;
  nextSessionAt: string | null;
  can: { manage: boolean; enrol: boolean; assess: boolean };
  createdAt: string;
  updatedAt: string;
}

export interface WorkshopDetail extends Workshop {
  sessions: Session[];
}

export interface WorkshopFields {
  title?: string;
  format?: WorkshopFormat;
  description?: string | null;
  place?: string | null;
  trainerUserId?: string | null;
  trainerName?: string | null;
  capacity?: number | null;
  completionThresholdPercent?: number;
}

export interface WorkshopInput extends WorkshopFields {
  title: string;
  programmeId?: string;
  organisationId?: string;
}

export interface WorkshopPatch extends WorkshopFields {
  closed?: boolean;
}

export interface WorkshopQuery {
  q?: string;
  programmeId?: string;
  organisationId?: string;
  format?: WorkshopFormat;
  includeCancelled?: boolean;
  limit?: number;
  cursor?: string;
}

export interface SessionInput {
  startsAt: string;
  endsAt: string;
  capacity?: number | null;
  place?: string | null;
}

export interface SessionPatch extends Partial<SessionInput> {
  notify?: boolean;
}

export interface RecurrenceInput {
  /** ISO weekdays: 1 Monday … 7 Sunday. */
  weekdays: number[];
  /** HH:MM, wall clock of the instance's time zone. */
  startTime: string;
  endTime: string;
  firstDay: string;
  weeks: number;
  capacity?: number | null;
  place?: string | null;
  preview?: boolean;
}

export interface RecurrenceResult {
  preview: boolean;
  timeZone: string;
  sessions: { day: string; startsAt: string; endsAt: string; id: string | null }[];
  skipped: { day: string; holiday: string; name: string }[];
  conflicts: { index: number; day: string; message: string }[];
}

export interface CalendarEntry extends Omit<Session, 'attendanceTaken' | 'presentCount'> {
  workshopTitle: string;
  workshopPlace: string | null;
  organisationId: string;
  programmeId: string | null;
  trainerUserId: string | null;
  trainerDisplayName: string | null;
}

export interface CalendarQuery {
  from?: string;
  to?: string;
  workshopId?: string;
  trainerUserId?: string;
  mine?: boolean;
  organisationId?: string;
  programmeId?: string;
  includeCancelled?: boolean;
  limit?: number;
  cursor?: string;
}

export interface Enrolment {
  id: string;
  workshopId: string;
  beneficiaryId: string;
  enrolledOn: string;
  status: EnrolmentStatus;
  waitingSince: string | null;
  /** 1 = next to get a place. */
  waitingPosition: number | null;
  withdrawnOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RosterEntry extends Enrolment {
  name: string | null;
  attended: number;
  /** Sessions of the workshop not cancelled. */
  sessions: number;
  completed: boolean;
  /** Shown to the programme owner's members only. */
  referralStatus: string | null;
}

/** Someone the caller may enrol in a workshop (names only for a trainer partner). */
export interface EnrolmentCandidate {
  beneficiaryId: string;
  name: string | null;
  /** Shown to the programme owner's members only. */
  referralStatus: string | null;
  /** Already enrolled or waiting in this workshop. */
  enrolled: boolean;
}

/** One of a person's workshops, on their page. */
export interface PersonEnrolment {
  enrolmentId: string;
  workshopId: string;
  workshopTitle: string;
  organisationName: string;
  programmeName: string | null;
  status: EnrolmentStatus;
  enrolledOn: string;
  withdrawnOn: string | null;
  attended: number;
  /** Sessions of the workshop not cancelled. */
  sessions: number;
  completed: boolean;
}

export interface GridArea {
  code: string;
  label: string;
}

export interface CompetenceGrid {
  organisationId: string;
  areas: GridArea[];
  maxLevel: number;
  isDefault: boolean;
}

export interface Assessment {
  id: string;
  beneficiaryId: string;
  organisationId: string;
  programmeId: string | null;
  stage: AssessmentStage;
  levels: Record<string, number>;
  autonomous: boolean;
  assessedOn: string;
  assessorUserId: string | null;
  assessorName: string | null;
  note: string | null;
  createdAt: string;
}

export interface AssessmentInput {
  beneficiaryId: string;
  programmeId?: string;
  organisationId?: string;
  stage: AssessmentStage;
  levels?: Record<string, number>;
  autonomous: boolean;
  assessedOn?: string;
  note?: string | null;
}

export interface StageSummary {
  id: string;
  assessedOn: string;
  autonomous: boolean;
}

export interface Skills {
  beneficiaryId: string;
  name: string | null;
  assessments: Assessment[];
  comparison: {
    entry: StageSummary | null;
    exit: StageSummary | null;
    areas: {
      code: string;
      label: string;
      entry: number | null;
      exit: number | null;
      progress: number | null;
    }[];
    maxLevel: number;
  };
}

export interface Activity {
  id: string;
  organisationId: string;
  programmeId: string | null;
  heldOn: string;
  title: string | null;
  durationMinutes: number;
  participants: number;
  ageBands: Partial<Record<ActivityAgeBand, number>>;
  themes: ActivityTheme[];
  placeType: ActivityPlaceType;
  postcode: string | null;
  note: string | null;
  createdAt: string;
}

export interface ActivityInput {
  organisationId?: string;
  programmeId?: string;
  heldOn?: string;
  title?: string | null;
  durationMinutes: number;
  participants: number;
  ageBands?: Partial<Record<ActivityAgeBand, number>>;
  themes?: ActivityTheme[];
  placeType: ActivityPlaceType;
  postcode?: string | null;
  note?: string | null;
}

export interface ActivityQuery {
  organisationId?: string;
  programmeId?: string;
  from?: string;
  to?: string;
  theme?: ActivityTheme;
  placeType?: ActivityPlaceType;
  limit?: number;
  cursor?: string;
}

export interface ActivityTotals {
  activities: number;
  participants: number;
  durationMinutes: number;
  byTheme: { theme: ActivityTheme; activities: number; participants: number }[];
  byAgeBand: { band: ActivityAgeBand; count: number }[];
}

export interface ActivityList extends Page<Activity> {
  totals: ActivityTotals;
}

const enc = encodeURIComponent;

function withSignal(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}

function flags<T extends object>(query: T): Record<string, string | number | undefined> {
  const out: Record<string, string | number | undefined> = {};
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'boolean') out[key] = value ? 'true' : undefined;
    else if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  }
  return out;
}

function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The calls of the training pages. */
export const trainingApi = {
  workshops: (query: WorkshopQuery, signal?: AbortSignal) =>
    request<Page<Workshop>>('/workshops', { query: flags(query), ...withSignal(signal) }),
  workshop: (id: string, signal?: AbortSignal) =>
    request<WorkshopDetail>(`/workshops/${enc(id)}`, withSignal(signal)),
  createWorkshop: (input: WorkshopInput) =>
    request<WorkshopDetail>('/workshops', { method: 'POST', body: input }),
  updateWorkshop: (id: string, patch: WorkshopPatch) =>
    request<WorkshopDetail>(`/workshops/${enc(id)}`, { method: 'PATCH', body: patch }),
  cancelWorkshop: (id: string, reason: string) =>
    request<WorkshopDetail>(`/workshops/${enc(id)}/cancellation`, { method: 'POST', body: { reason } }),

  addSession: (workshopId: string, input: SessionInput) =>
    request<Session>(`/workshops/${enc(workshopId)}/sessions`, { method: 'POST', body: input }),
  recurrence: (workshopId: string, input: RecurrenceInput) =>
    request<RecurrenceResult>(`/workshops/${enc(workshopId)}/sessions/recurrence`, {
      method: 'POST',
      body: input,
    }),
  session: (id: string, signal?: AbortSignal) =>
    request<SessionDetail>(`/sessions/${enc(id)}`, withSignal(signal)),
  moveSession: (id: string, patch: SessionPatch) =>
    request<SessionChange>(`/sessions/${enc(id)}`, { method: 'PATCH', body: patch }),
  cancelSession: (id: string, reason: string) =>
    request<SessionChange>(`/sessions/${enc(id)}/cancellation`, { method: 'POST', body: { reason } }),
  recordAttendance: (id: string, presentBeneficiaryIds: string[]) =>
    request<SessionDetail>(`/sessions/${enc(id)}/attendance`, {
      method: 'PUT',
      body: { presentBeneficiaryIds },
    }),
  calendar: (query: CalendarQuery, signal?: AbortSignal) =>
    request<Page<CalendarEntry>>('/sessions', { query: flags(query), ...withSignal(signal) }),

  roster: (workshopId: string, signal?: AbortSignal) =>
    request<{ items: RosterEntry[] }>(`/workshops/${enc(workshopId)}/enrolments`, withSignal(signal)),
  candidates: (workshopId: string, query: { q?: string; limit?: number }, signal?: AbortSignal) =>
    request<{ items: EnrolmentCandidate[] }>(`/workshops/${enc(workshopId)}/candidates`, {
      query,
      ...withSignal(signal),
    }),
  personTraining: (beneficiaryId: string, signal?: AbortSignal) =>
    request<{ enrolments: PersonEnrolment[] }>(
      `/beneficiaries/${enc(beneficiaryId)}/training`,
      withSignal(signal),
    ),
  enrol: (workshopId: string, beneficiaryId: string) =>
    request<Enrolment>(`/workshops/${enc(workshopId)}/enrolments`, {
      method: 'POST',
      body: { beneficiaryId },
    }),
  withdraw: (enrolmentId: string) =>
    request<Enrolment>(`/enrolments/${enc(enrolmentId)}/withdrawal`, { method: 'POST', body: {} }),

  grid: (organisationId: string, signal?: AbortSignal) =>
    request<CompetenceGrid>(`/organisations/${enc(organisationId)}/competence-grid`, withSignal(signal)),
  saveGrid: (organisationId: string, grid: { areas: GridArea[]; maxLevel: number }) =>
    request<CompetenceGrid>(`/organisations/${enc(organisationId)}/competence-grid`, {
      method: 'PUT',
      body: grid,
    }),
  assess: (input: AssessmentInput) =>
    request<Assessment>('/skills-assessments', { method: 'POST', body: input }),
  skills: (beneficiaryId: string, programmeId: string | undefined, signal?: AbortSignal) =>
    request<Skills>(`/beneficiaries/${enc(beneficiaryId)}/skills`, {
      query: { programmeId },
      ...withSignal(signal),
    }),

  activities: (query: ActivityQuery, signal?: AbortSignal) =>
    request<ActivityList>('/activities', { query: flags(query), ...withSignal(signal) }),
  recordActivity: (input: ActivityInput) => request<Activity>('/activities', { method: 'POST', body: input }),
};

/** Addresses of the training documents: plain links, sent with the session cookie. */
export const trainingDocuments = {
  /** The session's sign-in sheet (feuille d'émargement). */
  signInSheetPdf: (sessionId: string) => `/api/v1/sessions/${enc(sessionId)}/sign-in-sheet.pdf`,
  /** The sessions as an iCalendar feed, for a calendar application. */
  calendarIcs: (query: Omit<CalendarQuery, 'limit' | 'cursor'>) =>
    `/api/v1/sessions.ics${queryString(flags(query))}`,
};
