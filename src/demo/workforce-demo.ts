/**
 * Atelier Reboot's insertion workforce: its skills grid and standard times, Lucie Moreau's CDDI (26 h) and
 * a second technician in a PEC (20 h), the manager's CDI (which does not count as insertion), the
 * insertion clause of the department's refurbishing contract (reference case 3), some weeks entered by
 * the manager and skill levels over time. The weeks left without an entry are derived from the devices
 * Lucie Moreau signed in the department's and the town's deliveries.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/tx.ts';
import type { Actor } from '../lib/actor.ts';
import { addMonthsToDay, today } from '../lib/dates.ts';
import { addMember } from '../modules/organisations/members.ts';
import { findUserByEmail } from '../modules/organisations/users.ts';
import { programmes } from '../modules/programmes/schema.ts';
import { createClause, createContract } from '../modules/workforce/contracts.ts';
import { putWeekHours, recordSkillLevel } from '../modules/workforce/hours.ts';
import { putWorkforceSettings } from '../modules/workforce/settings.ts';
import { mondayOf, shiftDay } from '../modules/workforce/weeks.ts';
import { DEMO_PASSWORD } from './demo.ts';
import { actAs } from './demo-kit.ts';
import { DEPARTMENT_PROGRAMME } from './department-demo.ts';

export const WORKFORCE_CLAUSE = 'Marché « Loiret numérique pour tous » — clause d’insertion';
export const SECOND_TECHNICIAN = {
  email: 'technicien2@atelier-reboot.example',
  name: 'Mehdi Ferrand',
  role: 'technician',
} as const;

const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;

/** Loads the workforce of the demo's insertion refurbisher (its manager acts). */
export async function loadWorkforceDemo(
  db: Executor,
  actor: Actor,
  refurbisherId: string,
  accounts: { manager: string; technician: string },
  publicUrl: string,
): Promise<void> {
  const now = today();
  const week = mondayOf(now);
  // The second technician: a member with the demo password, not listed on the login page.
  await addMember(db, actor, refurbisherId, { ...SECOND_TECHNICIAN, password: DEMO_PASSWORD }, publicUrl);
  const manager = await actAs(db, accounts.manager, refurbisherId, 'admin');
  const lucie = (await findUserByEmail(db, accounts.technician))?.id as string;
  const mehdi = (await findUserByEmail(db, SECOND_TECHNICIAN.email))?.id as string;
  const karim = manager.userId as string;

  await putWorkforceSettings(db, manager, refurbisherId, {
    skills: [
      { label: 'Diagnostic matériel' },
      { label: 'Effacement certifié' },
      { label: 'Remontage et pièces' },
      { label: 'Contrôle qualité' },
      { label: 'Accueil client' },
    ],
    maxLevel: 3,
    stepMinutes: { diagnosed: 20, wiped: 15, refurbished: 60, qualityChecked: 15 },
  });
  const lucieStart = firstOfMonth(addMonthsToDay(now, -14));
  await createContract(db, manager, refurbisherId, {
    userId: lucie,
    contractType: 'cddi',
    startsOn: lucieStart,
    endsOn: shiftDay(addMonthsToDay(lucieStart, 24), -1),
    weeklyMinutes: 26 * 60,
    note: 'Parcours d’insertion, accompagnement socioprofessionnel le jeudi après-midi',
  });
  const mehdiStart = shiftDay(week, -7 * 10);
  await createContract(db, manager, refurbisherId, {
    userId: mehdi,
    contractType: 'pec',
    startsOn: mehdiStart,
    endsOn: shiftDay(addMonthsToDay(mehdiStart, 12), -1),
    weeklyMinutes: 20 * 60,
  });
  await createContract(db, manager, refurbisherId, {
    userId: karim,
    contractType: 'cdi',
    startsOn: firstOfMonth(addMonthsToDay(now, -30)),
    weeklyMinutes: 35 * 60,
    note: 'Encadrant technique d’insertion',
  });

  // The department's refurbishing contract and its insertion clause, linked to the department's programme
  // (Atelier Reboot is its refurbishing partner).
  const [programme] = await db
    .select({ id: programmes.id })
    .from(programmes)
    .where(eq(programmes.name, DEPARTMENT_PROGRAMME));
  const clauseStart = firstOfMonth(addMonthsToDay(now, -16));
  const clause = await createClause(db, manager, refurbisherId, {
    name: WORKFORCE_CLAUSE,
    buyer: 'Conseil départemental du Loiret',
    reference: 'CD45-REC-INS-07',
    programmeId: programme?.id ?? null,
    requiredHours: 1200,
    startsOn: clauseStart,
    endsOn: shiftDay(addMonthsToDay(clauseStart, 36), -1),
  });

  // Weeks entered by the manager (the others are derived from the devices signed).
  for (const back of [1, 2, 8, 9, 10, 11])
    await putWeekHours(db, manager, refurbisherId, lucie, shiftDay(week, -7 * back), {
      minutes: back === 9 ? 22 * 60 : 26 * 60,
      clauseId: clause.id,
      note: back === 9 ? 'Jeudi férié' : null,
    });
  for (const back of [1, 2, 3, 4])
    await putWeekHours(db, manager, refurbisherId, mehdi, shiftDay(week, -7 * back), {
      minutes: 20 * 60,
      clauseId: clause.id,
    });

  // Skills over time.
  const levels: [string, string, number, string][] = [
    [lucie, 'diagnostic_materiel', 1, shiftDay(lucieStart, 20)],
    [lucie, 'effacement_certifie', 0, shiftDay(lucieStart, 20)],
    [lucie, 'accueil_client', 1, shiftDay(lucieStart, 20)],
    [lucie, 'diagnostic_materiel', 2, addMonthsToDay(now, -7)],
    [lucie, 'effacement_certifie', 2, addMonthsToDay(now, -7)],
    [lucie, 'remontage_et_pieces', 1, addMonthsToDay(now, -7)],
    [lucie, 'diagnostic_materiel', 3, addMonthsToDay(now, -1)],
    [lucie, 'controle_qualite', 2, addMonthsToDay(now, -1)],
    [mehdi, 'diagnostic_materiel', 0, shiftDay(mehdiStart, 3)],
    [mehdi, 'accueil_client', 2, shiftDay(mehdiStart, 3)],
    [mehdi, 'diagnostic_materiel', 1, shiftDay(now, -7)],
  ];
  for (const [userId, skillKey, level, assessedOn] of levels)
    await recordSkillLevel(db, manager, refurbisherId, userId, { skillKey, level, assessedOn });
}
