/** Lists of referrals, and the waiting list in its documented order. */
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { users } from '../organisations/schema.ts';
import { searchPattern } from './eligibility.ts';
import { listed, type Referral, referralColumns, referralQuery, referring, toReferral } from './referrals.ts';
import { beneficiaries, programmes, referrals } from './schema.ts';
import { referralScope } from './visibility.ts';
import { type ReferralStatus, WAITING_STATUSES } from './vocabulary.ts';

export interface ReferralFilters {
  programmeId?: string;
  beneficiaryId?: string;
  status?: ReferralStatus;
  referringOrganisationId?: string;
  prescriberUserId?: string;
  q?: string;
  waiting?: boolean;
  limit: number;
  cursor?: string;
}

/**
 * Referrals the actor may see. With `waiting`, the waiting list: referrals still waiting for a device
 * (eligible, in training, trained) in priority order — priority referrals first, then by referral day,
 * then by the moment they were recorded — each with its place in the programme's whole list.
 */
export async function listReferrals(
  db: Executor,
  actor: Actor,
  filters: ReferralFilters,
): Promise<Page<Referral>> {
  const scope = referralScope(actor);
  if (scope === false) return { items: [], nextCursor: null };
  const conditions: (SQL | undefined)[] = [scope];
  if (filters.programmeId) conditions.push(eq(referrals.programmeId, filters.programmeId));
  if (filters.beneficiaryId) conditions.push(eq(referrals.beneficiaryId, filters.beneficiaryId));
  if (filters.status) conditions.push(eq(referrals.status, filters.status));
  if (filters.referringOrganisationId)
    conditions.push(eq(referrals.referringOrganisationId, filters.referringOrganisationId));
  if (filters.prescriberUserId) conditions.push(eq(referrals.referredByUserId, filters.prescriberUserId));
  if (filters.q) {
    for (const word of filters.q.split(/\s+/).filter(Boolean)) {
      conditions.push(sql`${beneficiaries.searchKey} LIKE ${searchPattern(word)}`);
    }
  }
  if (!filters.waiting) {
    const after = decodeCursor(filters.cursor, ['date', 'instant', 'uuid']);
    if (after) {
      const [day, createdAt, id] = after as [string, string, string];
      conditions.push(
        sql`(${referrals.referredOn}, ${referrals.createdAt}, ${referrals.id}) < (${day}::date, ${createdAt}::timestamptz, ${id}::uuid)`,
      );
    }
    const rows = await referralQuery(db)
      .where(and(...conditions))
      .orderBy(desc(referrals.referredOn), desc(referrals.createdAt), desc(referrals.id))
      .limit(filters.limit + 1);
    const page = toPage(rows, filters.limit, (r) => [
      r.referral.referredOn,
      r.referral.createdAt.toISOString(),
      r.referral.id,
    ]);
    return { items: page.items.map((r) => listed(toReferral(actor, r))), nextCursor: page.nextCursor };
  }

  // The waiting list: places are counted over the programme's whole list, whoever may see it.
  const waiting = inArray(referrals.status, [...WAITING_STATUSES]);
  const ranked = db.$with('ranked').as(
    db
      .select({
        rankedId: sql<string>`${referrals.id}`.as('ranked_id'),
        position:
          sql<number>`row_number() OVER (PARTITION BY ${referrals.programmeId} ORDER BY ${referrals.priority} DESC, ${referrals.referredOn}, ${referrals.createdAt}, ${referrals.id})::int`.as(
            'position',
          ),
        total: sql<number>`count(*) OVER (PARTITION BY ${referrals.programmeId})::int`.as('total'),
      })
      .from(referrals)
      .where(
        and(
          waiting,
          filters.programmeId
            ? eq(referrals.programmeId, filters.programmeId)
            : // Only the programmes where the actor has someone waiting: not every list of the instance.
              inArray(
                referrals.programmeId,
                db
                  .selectDistinct({ id: referrals.programmeId })
                  .from(referrals)
                  .innerJoin(programmes, eq(programmes.id, referrals.programmeId))
                  .where(and(waiting, scope)),
              ),
        ),
      ),
  );
  const after = decodeCursor(filters.cursor, ['uuid', 'int']);
  if (after) {
    const [programmeId, position] = after as [string, number];
    conditions.push(
      sql`(${referrals.programmeId}, ${ranked.position}) > (${programmeId}::uuid, ${position})`,
    );
  }
  const rows = await db
    .with(ranked)
    .select({ ...referralColumns, position: ranked.position, total: ranked.total })
    .from(referrals)
    .innerJoin(ranked, eq(ranked.rankedId, referrals.id))
    .innerJoin(beneficiaries, eq(beneficiaries.id, referrals.beneficiaryId))
    .innerJoin(programmes, eq(programmes.id, referrals.programmeId))
    .innerJoin(referring, eq(referring.id, referrals.referringOrganisationId))
    .leftJoin(users, eq(users.id, referrals.referredByUserId))
    .where(and(...conditions, waiting))
    .orderBy(asc(referrals.programmeId), asc(ranked.position))
    .limit(filters.limit + 1);
  const page = toPage(rows, filters.limit, (r) => [r.referral.programmeId, r.position]);
  return {
    items: page.items.map((r) => ({
      ...listed(toReferral(actor, r)),
      position: r.position,
      waitingTotal: r.total,
    })),
    nextCursor: page.nextCursor,
  };
}
