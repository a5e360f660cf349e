import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/tx.ts';
import { today } from '../lib/dates.ts';
import { createBatch, recordReimbursement } from '../modules/cheques/batches.ts';
import { recordCheques } from '../modules/cheques/cheques.ts';
import { beneficiaries } from '../modules/programmes/schema.ts';
import { shiftDay } from '../modules/training/calendar.ts';
import { attendance, workshopSessions, workshops } from '../modules/training/schema.ts';
import { actAs } from './demo-kit.ts';

/**
 * Training cheques of the demo town's workshop « Premiers pas avec l’ordinateur » (three-hour mornings: two
 * pass numérique cheques per person and session at most): five received at the first sessions, sent in a
 * batch three weeks ago and paid back last week but one the issuer refused (it had expired); three still
 * to send, one of them expiring within the month; and a regional training cheque of 100 €.
 */
export async function loadChequesDemo(
  db: Executor,
  ccas: string,
  accounts: { trainer: string; director: string },
): Promise<void> {
  const trainer = await actAs(db, accounts.trainer, ccas, 'trainer');
  const director = await actAs(db, accounts.director, ccas, 'admin');
  const [workshop] = await db
    .select({ id: workshops.id })
    .from(workshops)
    .where(and(eq(workshops.organisationId, ccas), eq(workshops.title, 'Premiers pas avec l’ordinateur')));
  if (!workshop) return;
  const sessions = await db
    .select({ id: workshopSessions.id })
    .from(workshopSessions)
    .where(eq(workshopSessions.workshopId, workshop.id))
    .orderBy(asc(workshopSessions.startsAt));
  const people = await db
    .select({ id: beneficiaries.id, firstName: beneficiaries.firstName })
    .from(beneficiaries)
    .innerJoin(attendance, eq(attendance.beneficiaryId, beneficiaries.id))
    .where(
      and(
        inArray(
          attendance.sessionId,
          sessions.map((s) => s.id),
        ),
        eq(attendance.present, true),
      ),
    );
  const person = (firstName: string) => people.find((p) => p.firstName === firstName)?.id;
  const jeanne = person('Jeanne');
  const sylvie = person('Sylvie');
  const mohamed = person('Mohamed');
  const at = (index: number) => sessions[index]?.id;
  const [s0, s1, s3, s4, s5] = [at(0), at(1), at(3), at(4), at(5)];
  if (!jeanne || !sylvie || !mohamed || !s0 || !s1 || !s3 || !s4 || !s5) return;
  const year = today().slice(0, 4);
  const inAYear = shiftDay(today(), 200);
  const pass = (beneficiaryId: string, numbers: string[], expiresOn = inAYear) => ({
    beneficiaryId,
    issuer: 'pass_numerique' as const,
    numbers: numbers.map((n) => `PN-${year}-${n}`),
    expiresOn,
  });
  const sent = [
    ...(await recordCheques(db, trainer, s0, pass(jeanne, ['0001', '0002']))).items,
    ...(await recordCheques(db, trainer, s1, pass(jeanne, ['0003', '0004']))).items,
    // Valid on the day it was handed over, expired by the time the issuer checked it.
    ...(await recordCheques(db, trainer, s0, pass(sylvie, ['0005'], shiftDay(today(), -40)))).items,
  ];
  await recordCheques(db, trainer, s3, pass(sylvie, ['0006', '0007']));
  await recordCheques(db, trainer, s4, pass(mohamed, ['0008'], shiftDay(today(), 20)));
  await recordCheques(db, trainer, s5, {
    beneficiaryId: jeanne,
    issuer: 'regional',
    issuerName: 'Région Centre-Val de Loire',
    numbers: [`CR-${year}-4512`],
    valueCents: 10_000,
    expiresOn: shiftDay(today(), 300),
  });
  const batch = await createBatch(db, director, ccas, {
    issuer: 'pass_numerique',
    chequeIds: sent.map((c) => c.id),
    sentOn: shiftDay(today(), -21),
    reference: `Bordereau ${year}-01`,
  });
  const refused = sent.find((c) => c.number.endsWith('0005'));
  await recordReimbursement(db, director, batch.id, {
    reimbursedOn: shiftDay(today(), -7),
    reimbursedCents: 4000,
    rejected: refused ? [{ chequeId: refused.id, reason: 'Numéro déjà remboursé à un autre organisme' }] : [],
  });
}
