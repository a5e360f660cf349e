/**
 * A person's training, for the « Formation » section of their page: every workshop they were enrolled in,
 * with the sessions attended and whether the completion rule is met. Those who see the person see all of
 * it; an organisation that only trains them (names only, decisions: trainers) sees its own workshops.
 */
import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { organisations } from '../organisations/schema.ts';
import { programmes } from '../programmes/schema.ts';
import { loadTraineePerson, organisationReaches } from './access.ts';
import { isCompleted, sessionCounts } from './completion.ts';
import { trainingPermissions } from './permissions.ts';
import { attendance, enrolments, workshopSessions, workshops } from './schema.ts';
import type { EnrolmentStatus } from './vocabulary.ts';

export interface PersonEnrolment {
  enrolmentId: string;
  workshopId: string;
  workshopTitle: string;
  organisationName: string;
  programmeName: string | null;
  status: EnrolmentStatus;
  enrolledOn: string;
  withdrawnOn: string | null;
  /** Sessions (not cancelled) the person attended. */
  attended: number;
  /** Sessions of the workshop not cancelled. */
  sessions: number;
  completed: boolean;
}

/** The workshops a person was enrolled in, newest first, as far as the actor may know them (else 404). */
export async function getPersonTraining(
  db: Executor,
  actor: Actor,
  beneficiaryId: string,
): Promise<{ enrolments: PersonEnrolment[] }> {
  const candidates = trainingPermissions.organisationsWith(actor, 'training.read');
  const { row: person, fullAccess } = await loadTraineePerson(db, actor, beneficiaryId, null).catch(
    async (err) => {
      if (candidates === 'all') throw err;
      for (const org of candidates) {
        if (await organisationReaches(db, org, beneficiaryId))
          return loadTraineePerson(db, actor, beneficiaryId, org);
      }
      throw err;
    },
  );
  let scope: SQL | undefined;
  if (!fullAccess && candidates !== 'all') {
    const reached: string[] = [];
    for (const org of candidates) if (await organisationReaches(db, org, person.id)) reached.push(org);
    scope = inArray(workshops.organisationId, reached);
  }
  const rows = await db
    .select({
      enrolmentId: enrolments.id,
      workshopId: workshops.id,
      workshopTitle: workshops.title,
      organisationName: organisations.name,
      programmeName: programmes.name,
      status: enrolments.status,
      enrolledOn: enrolments.enrolledOn,
      withdrawnOn: enrolments.withdrawnOn,
      thresholdPercent: workshops.completionThresholdPercent,
      minSessions: programmes.trainingMinSessions,
    })
    .from(enrolments)
    .innerJoin(workshops, eq(workshops.id, enrolments.workshopId))
    .innerJoin(organisations, eq(organisations.id, workshops.organisationId))
    .leftJoin(programmes, eq(programmes.id, workshops.programmeId))
    .where(and(eq(enrolments.beneficiaryId, person.id), scope))
    .orderBy(desc(enrolments.enrolledOn), desc(enrolments.createdAt));
  const workshopIds = [...new Set(rows.map((r) => r.workshopId))];
  const sessions = await sessionCounts(db, workshopIds);
  const attendedRows =
    workshopIds.length === 0
      ? []
      : await db
          .select({ workshopId: workshopSessions.workshopId, n: sql<number>`count(*)::int` })
          .from(attendance)
          .innerJoin(workshopSessions, eq(workshopSessions.id, attendance.sessionId))
          .where(
            and(
              eq(attendance.beneficiaryId, person.id),
              inArray(workshopSessions.workshopId, workshopIds),
              isNull(workshopSessions.cancelledAt),
              eq(attendance.present, true),
            ),
          )
          .groupBy(workshopSessions.workshopId);
  const attended = new Map(attendedRows.map((r) => [r.workshopId, r.n]));
  return {
    enrolments: rows.map(({ thresholdPercent, minSessions, ...row }) => {
      const count = attended.get(row.workshopId) ?? 0;
      const held = sessions.get(row.workshopId) ?? 0;
      return {
        ...row,
        attended: count,
        sessions: held,
        completed:
          row.status === 'enrolled' &&
          isCompleted({
            attended: count,
            sessions: held,
            thresholdPercent,
            minSessions: minSessions ?? null,
          }),
      };
    }),
  };
}
