/**
 * The API of the insertion workforce (`docs/api.md`, "Insertion workforce"): settings, contracts, clauses,
 * weekly hours, skill levels and the period report. Days are `YYYY-MM-DD`, durations in minutes.
 */
import { request } from '../../api.ts';

export const CONTRACT_TYPES = [
  'cddi',
  'pec',
  'ea_tremplin',
  'apprenticeship',
  'internship',
  'cdd',
  'cdi',
  'volunteer',
  'other',
] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];
export const INSERTION_TYPES: readonly ContractType[] = ['cddi', 'pec', 'ea_tremplin'];
export const STEPS = ['diagnosed', 'wiped', 'refurbished', 'qualityChecked'] as const;
export type Step = (typeof STEPS)[number];
export type Production = Record<Step, number>;
export type StepMinutes = Record<Step, number>;

export interface Skill {
  key: string;
  label: string;
}
export interface Settings {
  organisationId: string;
  skills: Skill[];
  maxLevel: number;
  stepMinutes: StepMinutes;
  levelsRecorded: Record<string, number>;
}
export interface Contract {
  id: string;
  organisationId: string;
  userId: string;
  personName: string;
  contractType: ContractType;
  insertion: boolean;
  startsOn: string;
  endsOn: string | null;
  weeklyMinutes: number;
  note: string | null;
}
export interface Clause {
  id: string;
  organisationId: string;
  name: string;
  buyer: string | null;
  reference: string | null;
  programmeId: string | null;
  programmeName: string | null;
  requiredHours: number;
  startsOn: string;
  endsOn: string;
  doneMinutes: number;
}
export interface Week {
  weekStart: string;
  enteredMinutes: number | null;
  productionMinutes: number;
  derivedMinutes: number;
  contractMinutes: number;
  overContract: boolean;
  minutes: number;
  source: 'entered' | 'derived';
  clauseId: string | null;
  note: string | null;
  contracted: boolean;
  insertion: boolean;
  production: Production;
}
export interface Totals {
  enteredMinutes: number;
  derivedMinutes: number;
  totalMinutes: number;
  insertionMinutes: number;
  overContractWeeks: number;
}
export interface Technician {
  userId: string;
  name: string;
  email: string;
  role: string | null;
  contract: Contract | null;
  month: string;
  monthMinutes: number;
  monthEnteredWeeks: number;
  monthDerivedWeeks: number;
  monthInsertionMinutes: number;
}
export interface SkillLevel {
  id: string;
  userId: string;
  skillKey: string;
  level: number;
  assessedOn: string;
  assessedBy: string | null;
  note: string | null;
}
export interface Person {
  person: { id: string; name: string; email: string; role: string | null };
  contracts: Contract[];
  weeks: Week[];
  totals: Totals;
  production: Production;
  skills: Skill[];
  maxLevel: number;
  stepMinutes: StepMinutes;
  levels: SkillLevel[];
}
type Progress = { level: number; assessedOn: string } | null;
export interface Report {
  organisationId: string;
  from: string;
  to: string;
  weeks: string[];
  productionFrom: string | null;
  productionTo: string | null;
  stepMinutes: StepMinutes;
  maxLevel: number;
  technicians: {
    userId: string;
    name: string;
    contracts: Contract[];
    weeks: Week[];
    totals: Totals;
    production: Production;
    skills: { skillKey: string; label: string; first: Progress; latest: Progress }[];
  }[];
  insertion: {
    totalMinutes: number;
    enteredMinutes: number;
    derivedMinutes: number;
    withoutClauseMinutes: number;
    byClause: {
      clauseId: string;
      name: string;
      buyer: string | null;
      reference: string | null;
      startsOn: string;
      endsOn: string;
      requiredHours: number;
      periodMinutes: number;
      toDateMinutes: number;
    }[];
    byMonth: { month: string; minutes: number }[];
  };
}

export interface ContractBody {
  userId: string;
  contractType: ContractType;
  startsOn: string;
  endsOn?: string | null;
  weeklyMinutes: number;
  note?: string | null;
}
export interface ClauseBody {
  name: string;
  buyer?: string | null;
  reference?: string | null;
  requiredHours: number;
  startsOn: string;
  endsOn: string;
}

const enc = encodeURIComponent;
const base = (organisationId: string) => `/organisations/${enc(organisationId)}/workforce`;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const workforceApi = {
  settings: (organisationId: string, signal?: AbortSignal) =>
    request<Settings>(`${base(organisationId)}/settings`, opts(signal)),
  saveSettings: (
    organisationId: string,
    body: { skills: { key?: string; label: string }[]; maxLevel: number; stepMinutes: StepMinutes },
  ) => request<Settings>(`${base(organisationId)}/settings`, { method: 'PUT', body }),
  technicians: (organisationId: string, signal?: AbortSignal) =>
    request<Technician[]>(`${base(organisationId)}/technicians`, opts(signal)),
  person: (organisationId: string, userId: string, signal?: AbortSignal) =>
    request<Person>(`${base(organisationId)}/people/${enc(userId)}`, opts(signal)),
  createContract: (organisationId: string, body: ContractBody) =>
    request<Contract>(`${base(organisationId)}/contracts`, { method: 'POST', body }),
  updateContract: (id: string, body: Partial<Omit<ContractBody, 'userId'>>) =>
    request<Contract>(`/workforce-contracts/${enc(id)}`, { method: 'PATCH', body }),
  deleteContract: (id: string) => request<void>(`/workforce-contracts/${enc(id)}`, { method: 'DELETE' }),
  clauses: (organisationId: string, signal?: AbortSignal) =>
    request<Clause[]>(`${base(organisationId)}/clauses`, opts(signal)),
  createClause: (organisationId: string, body: ClauseBody) =>
    request<Clause>(`${base(organisationId)}/clauses`, { method: 'POST', body }),
  deleteClause: (id: string) => request<void>(`/insertion-clauses/${enc(id)}`, { method: 'DELETE' }),
  putWeek: (
    organisationId: string,
    userId: string,
    weekStart: string,
    body: { minutes: number; clauseId?: string | null; note?: string | null },
  ) =>
    request<unknown>(`${base(organisationId)}/people/${enc(userId)}/weeks/${enc(weekStart)}`, {
      method: 'PUT',
      body,
    }),
  deleteWeek: (organisationId: string, userId: string, weekStart: string) =>
    request<void>(`${base(organisationId)}/people/${enc(userId)}/weeks/${enc(weekStart)}`, {
      method: 'DELETE',
    }),
  recordLevel: (
    organisationId: string,
    userId: string,
    body: { skillKey: string; level: number; assessedOn: string; note?: string | null },
  ) =>
    request<SkillLevel>(`${base(organisationId)}/people/${enc(userId)}/skill-levels`, {
      method: 'POST',
      body,
    }),
  report: (organisationId: string, period: { from: string; to: string }, signal?: AbortSignal) =>
    request<Report>(`${base(organisationId)}/report`, { query: period, ...opts(signal) }),
  reportXlsxAddress: (organisationId: string, period: { from: string; to: string }) =>
    `/api/v1${base(organisationId)}/report.xlsx?from=${enc(period.from)}&to=${enc(period.to)}`,
};

/** Minutes as hours for reading, numbers in the language's format: « 1 200 h », « 3 h 30 » (English « 1,200 h »). */
export function hoursText(minutes: number, language: string): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const whole = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR').format(h);
  return m ? `${whole} h ${String(m).padStart(2, '0')}` : `${whole} h`;
}

/** Hours typed by a person (« 26 », « 26,5 », « 26.5 », « 26 h 30 », « 26:30 ») as minutes; NaN when unreadable. */
export function parseHours(text: string): number {
  const s = text.trim().toLowerCase();
  const hm = /^(\d{1,3})\s*(?:h|:)\s*(\d{1,2})?\s*(?:min)?$/.exec(s);
  if (hm) return Number(hm[1]) * 60 + Number(hm[2] ?? 0);
  const decimal = /^\d{1,3}(?:[.,]\d{1,2})?$/.test(s) ? Number(s.replace(',', '.')) : Number.NaN;
  return Number.isNaN(decimal) ? Number.NaN : Math.round(decimal * 60);
}

/** The user's organisation for the workforce: the current one if it may be managed there, else the first. */
export function canManageWorkforce(
  me: {
    user: { isPlatformAdmin: boolean };
    memberships: { role: string; organisation: { id: string; kinds: readonly string[] } }[];
  } | null,
): boolean {
  if (!me) return false;
  return me.memberships.some(
    (m) => (m.role === 'admin' || m.role === 'manager') && m.organisation.kinds.includes('refurbisher'),
  );
}
