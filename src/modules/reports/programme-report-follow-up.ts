/**
 * The programme report's follow-up part: the follow-ups due in the period (cancelled ones left out), how
 * many were answered and what the answers say. Funders read the answers' breakdowns with the small-count
 * masking of the demographics (a count of 1 to 4 is `"<5"`, with complementary suppression).
 */
import { and, eq, gte, lte, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { today } from '../../lib/dates.ts';
import {
  AUTONOMY_ANSWERS,
  type AutonomyAnswer,
  FREQUENCY_ANSWERS,
  type FrequencyAnswer,
  followUpAnswers,
  followUps,
  USE_ANSWERS,
  type UseAnswer,
} from '../followup/schema.ts';
import { type DemographicCount, MASKED_COUNT } from './programme-report-masking.ts';
import { isSmallCount, suppressSmallCounts } from './small-counts.ts';

export interface FollowUpReport<C = number> {
  /** Whether small counts were masked for this reader. */
  masked: boolean;
  /** Follow-ups falling due in the period (not cancelled). */
  scheduled: number;
  /** Of them, those already due (due day today or before). */
  due: number;
  /** Of them, those answered (by the person or with a social worker). */
  answered: number;
  /** answered / due; null when nothing is due yet. */
  responseRate: number | null;
  /** Answers saying the computer still works (fully or partly). */
  stillWorking: C;
  byFrequency: Record<FrequencyAnswer, C>;
  /** Several uses per answer: these do not add up to `answered`. */
  byUse: Record<UseAnswer, C>;
  byAutonomy: Record<AutonomyAnswer, C>;
  /** Answers asking for help (with the computer or from the social worker). */
  helpAsked: C;
  /** Per follow-up (3, 6, 12 months…), ascending. */
  byMonths: { months: number; due: number; answered: C }[];
}

const zeroes = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** The exact figures of the programme's follow-ups due within the period. */
export async function followUpFigures(
  db: Executor,
  scope: { programmeId: string; from: string; to: string },
): Promise<FollowUpReport> {
  const now = today();
  const inPeriod = and(
    eq(followUps.programmeId, scope.programmeId),
    ne(followUps.status, 'cancelled'),
    gte(followUps.dueOn, scope.from),
    lte(followUps.dueOn, scope.to),
  );
  const months = await db
    .select({
      months: followUps.months,
      scheduled: sql<number>`count(*)::int`,
      due: sql<number>`count(*) FILTER (WHERE ${followUps.dueOn} <= ${now}::date)::int`,
      answered: sql<number>`count(*) FILTER (WHERE ${followUps.status} = 'answered')::int`,
    })
    .from(followUps)
    .where(inPeriod)
    .groupBy(followUps.months)
    .orderBy(followUps.months);
  const answers = await db
    .select({
      works: followUpAnswers.works,
      frequency: followUpAnswers.frequency,
      uses: followUpAnswers.uses,
      autonomy: followUpAnswers.autonomy,
      help: sql<boolean>`${followUpAnswers.helpDevice} OR ${followUpAnswers.helpContact}`,
    })
    .from(followUpAnswers)
    .innerJoin(followUps, eq(followUps.id, followUpAnswers.followUpId))
    .where(and(inPeriod, eq(followUps.status, 'answered')));
  const byFrequency = zeroes(FREQUENCY_ANSWERS);
  const byUse = zeroes(USE_ANSWERS);
  const byAutonomy = zeroes(AUTONOMY_ANSWERS);
  let stillWorking = 0;
  let helpAsked = 0;
  for (const a of answers) {
    byFrequency[a.frequency]++;
    byAutonomy[a.autonomy]++;
    for (const use of new Set(a.uses)) if (use in byUse) byUse[use]++;
    if (a.works !== 'no') stillWorking++;
    if (a.help) helpAsked++;
  }
  const scheduled = months.reduce((n, m) => n + m.scheduled, 0);
  const due = months.reduce((n, m) => n + m.due, 0);
  const answered = months.reduce((n, m) => n + m.answered, 0);
  return {
    masked: false,
    scheduled,
    due,
    answered,
    responseRate: due > 0 ? answered / due : null,
    stillWorking,
    byFrequency,
    byUse,
    byAutonomy,
    helpAsked,
    byMonths: months.map((m) => ({ months: m.months, due: m.due, answered: m.answered })),
  };
}

/**
 * The figures as a funder reads them: the totals (follow-ups, not people described) stay; within the
 * answers, a count of 1 to 4 is `"<5"`, with complementary suppression in each breakdown of `answered`
 * (frequency, autonomy, still working or not, help asked or not, each use or not, per follow-up). With 1
 * to 4 answers in all, every breakdown is masked.
 */
export function maskFollowUps(f: FollowUpReport): FollowUpReport<DemographicCount> {
  const values = new Map<string, number>([['answered', f.answered]]);
  const breakdowns: { total: string; parts: string[] }[] = [];
  const add = (name: string, parts: Record<string, number>) => {
    for (const [k, v] of Object.entries(parts)) values.set(`${name}:${k}`, v);
    breakdowns.push({ total: 'answered', parts: Object.keys(parts).map((k) => `${name}:${k}`) });
  };
  add('frequency', f.byFrequency);
  add('autonomy', f.byAutonomy);
  add('working', { yes: f.stillWorking, no: f.answered - f.stillWorking });
  add('help', { yes: f.helpAsked, no: f.answered - f.helpAsked });
  for (const [use, n] of Object.entries(f.byUse)) add(`use-${use}`, { yes: n, no: f.answered - n });
  add('months', Object.fromEntries(f.byMonths.map((m) => [String(m.months), m.answered])));
  const all = isSmallCount(f.answered);
  const masked = all
    ? new Set(values.keys())
    : suppressSmallCounts(values, breakdowns, new Set(['answered']));
  const show = (key: string, n: number): DemographicCount =>
    masked.has(key) && key !== 'answered' ? MASKED_COUNT : n;
  const record = <K extends string>(name: string, r: Record<K, number>) =>
    Object.fromEntries(Object.entries<number>(r).map(([k, v]) => [k, show(`${name}:${k}`, v)])) as Record<
      K,
      DemographicCount
    >;
  return {
    ...f,
    masked: true,
    stillWorking: show('working:yes', f.stillWorking),
    byFrequency: record('frequency', f.byFrequency),
    byAutonomy: record('autonomy', f.byAutonomy),
    byUse: Object.fromEntries(
      Object.entries<number>(f.byUse).map(([use, n]) => [use, show(`use-${use}:yes`, n)]),
    ) as Record<UseAnswer, DemographicCount>,
    helpAsked: show('help:yes', f.helpAsked),
    byMonths: f.byMonths.map((m) => ({ ...m, answered: show(`months:${m.months}`, m.answered) })),
  };
}
