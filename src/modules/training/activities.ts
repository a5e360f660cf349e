/**
 * Anonymous activities (digital cafés, outreach stands, drop-in help): what digital mediators count —
 * the day, the length, how many people, their age bands, the themes — never who came.
 */
import { and, asc, desc, eq, gte, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { type Actor, actingOrganisationId } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { AppError, invalidField } from '../../lib/errors.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/service.ts';
import { loadProgramme } from '../programmes/visibility.ts';
import { trainingOrganisationsOf } from './access.ts';
import { trainingPermissions } from './permissions.ts';
import { anonymousActivities } from './schema.ts';
import {
  ACTIVITY_AGE_BANDS,
  ACTIVITY_THEMES,
  type ActivityAgeBand,
  type ActivityPlaceType,
  type ActivityTheme,
} from './vocabulary.ts';

export type Activity = typeof anonymousActivities.$inferSelect;

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

/** Records an anonymous activity; the people counted by age band cannot outnumber the participants (400). */
export async function createActivity(db: Executor, actor: Actor, input: ActivityInput): Promise<Activity> {
  const organisationId = actingOrganisationId(actor, input.organisationId, 'organisationId');
  trainingPermissions.authorize(actor, 'training.manage', organisationId);
  const heldOn = input.heldOn ?? today();
  if (heldOn > today()) throw invalidField('heldOn', 'validation.day_in_future');
  const counted = Object.values(input.ageBands ?? {}).reduce((sum, n) => sum + (n ?? 0), 0);
  if (counted > input.participants) {
    throw invalidField('ageBands', 'activities.age_bands_exceed', {
      counted,
      participants: input.participants,
    });
  }
  return db.transaction(async (tx) => {
    if (input.programmeId) {
      const { row } = await loadProgramme(tx, actor, input.programmeId);
      if (!(await trainingOrganisationsOf(tx, row)).includes(organisationId)) {
        throw new AppError('RULE_REFUSED', 'workshops.not_trainer_of_programme', {
          params: { programme: row.name },
        });
      }
    }
    const [row] = await tx
      .insert(anonymousActivities)
      .values({
        organisationId,
        programmeId: input.programmeId ?? null,
        heldOn,
        title: input.title?.trim() || null,
        durationMinutes: input.durationMinutes,
        participants: input.participants,
        ageBands: input.ageBands ?? {},
        themes: [...new Set(input.themes ?? [])],
        placeType: input.placeType,
        postcode: input.postcode?.trim() || null,
        note: input.note?.trim() || null,
        createdByUserId: actor.userId,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, {
      action: 'activity.create',
      entityType: 'activity',
      entityId: row.id,
      organisationId,
      fields: Object.keys(input),
    });
    return row;
  });
}

export interface ActivityQuery {
  limit: number;
  cursor?: string;
  organisationId?: string;
  programmeId?: string;
  from?: string;
  to?: string;
  theme?: ActivityTheme;
  placeType?: ActivityPlaceType;
}

export interface ActivityTotals {
  activities: number;
  participants: number;
  durationMinutes: number;
  byTheme: { theme: ActivityTheme; activities: number; participants: number }[];
  byAgeBand: { band: ActivityAgeBand; count: number }[];
}

/**
 * The totals of the activities a filter keeps, counted by SQL (the list may hold years of activities):
 * sums, the age bands read from the jsonb column, and the themes unnested and grouped.
 */
async function activityTotals(db: Executor, where: SQL): Promise<ActivityTotals> {
  const int = (value: unknown) => Number(value ?? 0);
  const bandColumns = ACTIVITY_AGE_BANDS.map(
    (band, i) =>
      sql`, coalesce(sum((${anonymousActivities.ageBands} ->> ${band})::int), 0) AS ${sql.raw(`band_${i}`)}`,
  );
  const { rows } = await db.execute<Record<string, string | null>>(sql`
    SELECT count(*) AS activities, coalesce(sum(${anonymousActivities.participants}), 0) AS participants,
      coalesce(sum(${anonymousActivities.durationMinutes}), 0) AS duration ${sql.join(bandColumns, sql``)}
    FROM ${anonymousActivities} WHERE ${where}`);
  const themes = await db.execute<{ theme: ActivityTheme; activities: string; participants: string }>(sql`
    SELECT t.theme, count(*) AS activities, sum(${anonymousActivities.participants}) AS participants
    FROM ${anonymousActivities} CROSS JOIN LATERAL unnest(${anonymousActivities.themes}) AS t(theme)
    WHERE ${where}
    GROUP BY t.theme`);
  const row = rows[0] ?? {};
  const byTheme = new Map(themes.rows.map((t) => [t.theme, t]));
  return {
    activities: int(row.activities),
    participants: int(row.participants),
    durationMinutes: int(row.duration),
    byTheme: ACTIVITY_THEMES.filter((t) => byTheme.has(t)).map((theme) => ({
      theme,
      activities: int(byTheme.get(theme)?.activities),
      participants: int(byTheme.get(theme)?.participants),
    })),
    byAgeBand: ACTIVITY_AGE_BANDS.map((band, i) => ({ band, count: int(row[`band_${i}`]) })),
  };
}

/** Activities of the actor's organisations, latest first, with the totals of everything the filters keep. */
export async function listActivities(
  db: Executor,
  actor: Actor,
  query: ActivityQuery,
): Promise<Page<Activity> & { totals: ActivityTotals }> {
  const orgs = trainingPermissions.organisationsWith(actor, 'training.read');
  const empty: ActivityTotals = {
    activities: 0,
    participants: 0,
    durationMinutes: 0,
    byTheme: [],
    byAgeBand: ACTIVITY_AGE_BANDS.map((band) => ({ band, count: 0 })),
  };
  if (orgs !== 'all' && orgs.length === 0) return { items: [], nextCursor: null, totals: empty };
  if (query.organisationId) trainingPermissions.authorize(actor, 'training.read', query.organisationId);
  const filters: (SQL | undefined)[] = [
    orgs === 'all' ? undefined : inArray(anonymousActivities.organisationId, orgs),
    query.organisationId ? eq(anonymousActivities.organisationId, query.organisationId) : undefined,
    query.programmeId ? eq(anonymousActivities.programmeId, query.programmeId) : undefined,
    query.from ? gte(anonymousActivities.heldOn, query.from) : undefined,
    query.to ? lte(anonymousActivities.heldOn, query.to) : undefined,
    query.theme ? sql`${query.theme} = ANY(${anonymousActivities.themes})` : undefined,
    query.placeType ? eq(anonymousActivities.placeType, query.placeType) : undefined,
  ];
  const cursor = decodeCursor(query.cursor, ['date', 'instant', 'uuid']);
  const rows = await db
    .select({
      activity: anonymousActivities,
      createdKey: sql<string>`${anonymousActivities.createdAt}::text`,
    })
    .from(anonymousActivities)
    .where(
      and(
        ...filters,
        cursor
          ? or(
              lt(anonymousActivities.heldOn, String(cursor[0])),
              and(
                eq(anonymousActivities.heldOn, String(cursor[0])),
                lt(anonymousActivities.createdAt, sql`${cursor[1]}::timestamptz`),
              ),
              and(
                eq(anonymousActivities.heldOn, String(cursor[0])),
                eq(anonymousActivities.createdAt, sql`${cursor[1]}::timestamptz`),
                sql`${anonymousActivities.id} > ${cursor[2]}`,
              ),
            )
          : undefined,
      ),
    )
    .orderBy(
      desc(anonymousActivities.heldOn),
      desc(anonymousActivities.createdAt),
      asc(anonymousActivities.id),
    )
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (r) => [r.activity.heldOn, r.createdKey, r.activity.id]);
  const totals = await activityTotals(db, and(...filters) ?? sql`true`);
  return { items: page.items.map((r) => r.activity), nextCursor: page.nextCursor, totals };
}
