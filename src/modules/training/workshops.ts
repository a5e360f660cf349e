/** Workshops: created by the organisation that runs them (a programme's owner or trainer partner), listed, changed, cancelled. */
import { and, asc, desc, eq, gt, ilike, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, conflict, invalidField } from '../../lib/errors.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/service.ts';
import { memberships, organisations, users } from '../organisations/schema.ts';
import { programmes } from '../programmes/schema.ts';
import { loadProgramme } from '../programmes/visibility.ts';
import {
  assertCan,
  loadWorkshop,
  trainingOrganisationsOf,
  type WorkshopRow,
  workshopCan,
  workshopScope,
} from './access.ts';
import { promoteWaiting, syncWorkshop } from './enrolments.ts';
import { trainingPermissions } from './permissions.ts';
import { enrolments, workshopSessions, workshops } from './schema.ts';
import { listSessions, type Session } from './sessions.ts';
import type { WorkshopFormat } from './vocabulary.ts';

export interface Workshop extends WorkshopRow {
  organisationName: string;
  programmeName: string | null;
  trainerDisplayName: string | null;
  sessionCount: number;
  enrolledCount: number;
  waitingCount: number;
  nextSessionAt: Date | null;
  can: { manage: boolean; enrol: boolean; assess: boolean };
}

export interface WorkshopDetail extends Workshop {
  sessions: Session[];
}

export interface WorkshopInput {
  programmeId?: string;
  organisationId?: string;
  title: string;
  format?: WorkshopFormat;
  description?: string | null;
  place?: string | null;
  trainerUserId?: string | null;
  trainerName?: string | null;
  capacity?: number | null;
  completionThresholdPercent?: number;
}

/**
 * The organisation a new workshop belongs to: the one given, else the programme's owner — or, for a
 * member of one trainer partner of the programme only, that partner — else the caller's only membership.
 */
function defaultOrganisation(actor: Actor, trainingOrgs: string[] | null): string | undefined {
  if (trainingOrgs) {
    const mine = trainingOrgs.filter((org) => trainingPermissions.can(actor, 'training.manage', org));
    const [owner] = trainingOrgs;
    if (owner && (mine.includes(owner) || mine.length !== 1)) return owner;
    return mine[0];
  }
  if (actor.memberships.size === 1) return [...actor.memberships.keys()][0];
  return undefined;
}

async function assertTrainerMember(
  db: Executor,
  organisationId: string,
  userId: string | null | undefined,
): Promise<void> {
  if (!userId) return;
  const [member] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId)));
  if (!member) throw invalidField('trainerUserId', 'workshops.trainer_not_member');
}

/** Creates a workshop, for a programme the organisation trains for (its owner or a trainer partner) or on its own. */
export async function createWorkshop(
  db: Executor,
  actor: Actor,
  input: WorkshopInput,
): Promise<WorkshopDetail> {
  const id = await db.transaction(async (tx) => {
    const programme = input.programmeId ? (await loadProgramme(tx, actor, input.programmeId)).row : null;
    const trainingOrgs = programme ? await trainingOrganisationsOf(tx, programme) : null;
    const organisationId = input.organisationId ?? defaultOrganisation(actor, trainingOrgs);
    if (!organisationId) {
      throw new AppError('INVALID_INPUT', 'errors.invalid_input', {
        params: { count: 1 },
        fieldErrors: [
          {
            path: 'organisationId',
            messageKey: 'auth.acting_organisation_required',
            params: { field: 'organisationId' },
          },
        ],
      });
    }
    trainingPermissions.authorize(actor, 'training.manage', organisationId);
    if (trainingOrgs && !trainingOrgs.includes(organisationId)) {
      throw new AppError('RULE_REFUSED', 'workshops.not_trainer_of_programme', {
        params: { programme: programme?.name ?? '' },
      });
    }
    await assertTrainerMember(tx, organisationId, input.trainerUserId);
    const [row] = await tx
      .insert(workshops)
      .values({
        organisationId,
        programmeId: programme?.id ?? null,
        title: input.title.trim(),
        format: input.format ?? 'initiation',
        description: input.description?.trim() || null,
        place: input.place?.trim() || null,
        trainerUserId: input.trainerUserId ?? null,
        trainerName: input.trainerName?.trim() || null,
        capacity: input.capacity ?? null,
        completionThresholdPercent: input.completionThresholdPercent ?? 80,
        createdByUserId: actor.userId,
      })
      .returning({ id: workshops.id });
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, {
      action: 'workshop.create',
      entityType: 'workshop',
      entityId: row.id,
      organisationId,
      fields: Object.keys(input),
    });
    return row.id;
  });
  return getWorkshop(db, actor, id);
}

function presentSelection() {
  return {
    workshop: workshops,
    organisationName: organisations.name,
    programmeName: programmes.name,
    trainerUserName: users.name,
    sessionCount: sql<number>`(SELECT count(*)::int FROM ${workshopSessions} WHERE ${workshopSessions.workshopId} = ${workshops.id} AND ${workshopSessions.cancelledAt} IS NULL)`,
    enrolledCount: sql<number>`(SELECT count(*)::int FROM ${enrolments} WHERE ${enrolments.workshopId} = ${workshops.id} AND ${enrolments.status} = 'enrolled')`,
    waitingCount: sql<number>`(SELECT count(*)::int FROM ${enrolments} WHERE ${enrolments.workshopId} = ${workshops.id} AND ${enrolments.status} = 'waiting')`,
    nextSessionAt: sql<
      string | null
    >`(SELECT min(${workshopSessions.startsAt}) FROM ${workshopSessions} WHERE ${workshopSessions.workshopId} = ${workshops.id} AND ${workshopSessions.cancelledAt} IS NULL AND ${workshopSessions.startsAt} > now())`,
    createdKey: sql<string>`${workshops.createdAt}::text`,
  };
}

type PresentRow = {
  workshop: WorkshopRow;
  organisationName: string;
  programmeName: string | null;
  trainerUserName: string | null;
  sessionCount: number;
  enrolledCount: number;
  waitingCount: number;
  nextSessionAt: string | null;
};

function present(actor: Actor, row: PresentRow): Workshop {
  return {
    ...row.workshop,
    organisationName: row.organisationName,
    programmeName: row.programmeName,
    trainerDisplayName: row.trainerUserName ?? row.workshop.trainerName,
    sessionCount: row.sessionCount,
    enrolledCount: row.enrolledCount,
    waitingCount: row.waitingCount,
    nextSessionAt: row.nextSessionAt ? new Date(row.nextSessionAt) : null,
    can: workshopCan(actor, row.workshop),
  };
}

/** One workshop with its sessions, in time order. */
export async function getWorkshop(db: Executor, actor: Actor, id: string): Promise<WorkshopDetail> {
  await loadWorkshop(db, actor, id);
  const [row] = await db
    .select(presentSelection())
    .from(workshops)
    .innerJoin(organisations, eq(organisations.id, workshops.organisationId))
    .leftJoin(programmes, eq(programmes.id, workshops.programmeId))
    .leftJoin(users, eq(users.id, workshops.trainerUserId))
    .where(eq(workshops.id, id));
  if (!row) throw new Error('workshop vanished');
  return { ...present(actor, row), sessions: await listSessions(db, id) };
}

export interface WorkshopQuery {
  limit: number;
  cursor?: string;
  q?: string;
  programmeId?: string;
  organisationId?: string;
  format?: WorkshopFormat;
  includeCancelled?: boolean;
}

/** Workshops the actor may see, newest first; `q` searches the title and the place. */
export async function listWorkshops(
  db: Executor,
  actor: Actor,
  query: WorkshopQuery,
): Promise<Page<Workshop>> {
  const scope = workshopScope(actor);
  if (scope === false) return { items: [], nextCursor: null };
  const cursor = decodeCursor(query.cursor, ['instant', 'uuid']);
  const q = query.q?.trim();
  const conditions: (SQL | undefined)[] = [
    scope,
    query.programmeId ? eq(workshops.programmeId, query.programmeId) : undefined,
    query.organisationId ? eq(workshops.organisationId, query.organisationId) : undefined,
    query.format ? eq(workshops.format, query.format) : undefined,
    query.includeCancelled ? undefined : isNull(workshops.cancelledAt),
    q
      ? or(ilike(workshops.title, `%${escapeLike(q)}%`), ilike(workshops.place, `%${escapeLike(q)}%`))
      : undefined,
    cursor
      ? or(
          lt(workshops.createdAt, sql`${cursor[0]}::timestamptz`),
          and(eq(workshops.createdAt, sql`${cursor[0]}::timestamptz`), gt(workshops.id, String(cursor[1]))),
        )
      : undefined,
  ];
  const rows = await db
    .select(presentSelection())
    .from(workshops)
    .innerJoin(organisations, eq(organisations.id, workshops.organisationId))
    .leftJoin(programmes, eq(programmes.id, workshops.programmeId))
    .leftJoin(users, eq(users.id, workshops.trainerUserId))
    .where(and(...conditions))
    .orderBy(desc(workshops.createdAt), asc(workshops.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (r) => [r.createdKey, r.workshop.id]);
  return { items: page.items.map((r) => present(actor, r)), nextCursor: page.nextCursor };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type WorkshopPatch = Partial<Omit<WorkshopInput, 'programmeId' | 'organisationId'>> & {
  /** Closed: finished, no more enrolments (attendance may still be corrected). */
  closed?: boolean;
};

/**
 * Changes a workshop. A capacity below the people already enrolled is refused (422); a larger one lets
 * the waiting list in; a new threshold judges everyone's completion again.
 */
export async function updateWorkshop(
  db: Executor,
  actor: Actor,
  id: string,
  patch: WorkshopPatch,
): Promise<WorkshopDetail> {
  await db.transaction(async (tx) => {
    const { workshop } = await loadWorkshop(tx, actor, id, true);
    assertCan(actor, workshop, 'training.manage');
    if (workshop.cancelledAt) throw conflict('workshops.cancelled');
    const set: Partial<typeof workshops.$inferInsert> = {};
    if (patch.title !== undefined) set.title = patch.title.trim();
    if (patch.format !== undefined) set.format = patch.format;
    if (patch.description !== undefined) set.description = patch.description?.trim() || null;
    if (patch.place !== undefined) set.place = patch.place?.trim() || null;
    if (patch.trainerName !== undefined) set.trainerName = patch.trainerName?.trim() || null;
    if (patch.trainerUserId !== undefined) {
      await assertTrainerMember(tx, workshop.organisationId, patch.trainerUserId);
      set.trainerUserId = patch.trainerUserId;
    }
    if (patch.closed !== undefined && patch.closed !== (workshop.closedAt !== null))
      set.closedAt = patch.closed ? new Date() : null;
    if (patch.completionThresholdPercent !== undefined)
      set.completionThresholdPercent = patch.completionThresholdPercent;
    if (patch.capacity !== undefined) {
      if (patch.capacity !== null) {
        const [counted] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(enrolments)
          .where(and(eq(enrolments.workshopId, id), eq(enrolments.status, 'enrolled')));
        const enrolled = counted?.n ?? 0;
        if (patch.capacity < enrolled) {
          throw new AppError('RULE_REFUSED', 'errors.invalid_input', {
            params: { count: 1 },
            fieldErrors: [
              { path: 'capacity', messageKey: 'workshops.capacity_below_enrolled', params: { enrolled } },
            ],
          });
        }
      }
      set.capacity = patch.capacity;
    }
    const fields = (Object.keys(set) as (keyof typeof set)[]).filter((k) => set[k] !== workshop[k]);
    if (fields.length === 0) return;
    await tx
      .update(workshops)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(workshops.id, id));
    const updated = { ...workshop, ...set } as WorkshopRow;
    if (fields.includes('capacity')) await promoteWaiting(tx, actor, updated);
    if (fields.includes('completionThresholdPercent')) await syncWorkshop(tx, actor, updated);
    await recordAudit(tx, actor, {
      action: 'workshop.update',
      entityType: 'workshop',
      entityId: id,
      organisationId: workshop.organisationId,
      fields,
    });
  });
  return getWorkshop(db, actor, id);
}

/** Cancels a workshop with a reason: no more sessions, enrolments or attendance; what happened stays. */
export async function cancelWorkshop(
  db: Executor,
  actor: Actor,
  id: string,
  reason: string,
): Promise<WorkshopDetail> {
  await db.transaction(async (tx) => {
    const { workshop } = await loadWorkshop(tx, actor, id, true);
    assertCan(actor, workshop, 'training.manage');
    const done = await tx
      .update(workshops)
      .set({ cancelledAt: new Date(), cancelReason: reason.trim(), updatedAt: new Date() })
      .where(and(eq(workshops.id, id), isNull(workshops.cancelledAt)))
      .returning({ id: workshops.id });
    if (done.length === 0) throw conflict('workshops.cancelled');
    await syncWorkshop(tx, actor, { ...workshop, cancelledAt: new Date() });
    await recordAudit(tx, actor, {
      action: 'workshop.cancel',
      entityType: 'workshop',
      entityId: id,
      organisationId: workshop.organisationId,
      fields: ['cancelledAt', 'cancelReason'],
    });
  });
  return getWorkshop(db, actor, id);
}
