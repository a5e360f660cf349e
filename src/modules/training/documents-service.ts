/** The documents of training, read from the database and drawn by the pure renderers of `documents/`. */
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { instanceTimeZone } from '../../lib/dates.ts';
import type { Locale } from '../../lib/messages.ts';
import { organisations, users } from '../organisations/schema.ts';
import { displayName } from '../programmes/referrals.ts';
import { beneficiaries } from '../programmes/schema.ts';
import { assertCan } from './access.ts';
import { signInSheetPdf } from './documents/sign-in-sheet.ts';
import { enrolments } from './schema.ts';
import { loadSession } from './sessions.ts';

/** Blank rows at the foot of a sign-in sheet, for walk-ins. */
const BLANK_ROWS = 3;

/** The session's sign-in sheet: the enrolled people by name, room to sign, blank rows (the workshop's organisation). */
export async function sessionSignInSheet(
  db: Executor,
  actor: Actor,
  sessionId: string,
  locale: Locale,
): Promise<Buffer> {
  const { workshop, programme, session } = await loadSession(db, actor, sessionId);
  assertCan(actor, workshop, 'training.manage');
  const people = await db
    .select({ person: beneficiaries })
    .from(enrolments)
    .innerJoin(beneficiaries, eq(beneficiaries.id, enrolments.beneficiaryId))
    .where(and(eq(enrolments.workshopId, workshop.id), eq(enrolments.status, 'enrolled')))
    .orderBy(asc(beneficiaries.searchKey), asc(beneficiaries.id));
  const [org] = await db.select().from(organisations).where(eq(organisations.id, workshop.organisationId));
  const [trainer] = workshop.trainerUserId
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, workshop.trainerUserId))
    : [];
  return signInSheetPdf(
    {
      organisation: { name: org?.name ?? '', city: org?.city },
      workshopTitle: workshop.title,
      programmeName: programme?.name ?? null,
      trainerName: trainer?.name ?? workshop.trainerName,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      place: session.place ?? workshop.place,
      names: people.map(({ person }) => displayName(person) ?? '—'),
      blankRows: Math.max(BLANK_ROWS, (session.capacity ?? workshop.capacity ?? 0) - people.length),
      timeZone: instanceTimeZone(),
    },
    locale,
  );
}
