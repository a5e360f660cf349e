/**
 * The budget and co-financing plan of this year's subsidised sale (reference case 1, « Ordi solidaire
 * Saint-Aubin »), as the CCAS's director would enter them: the equipment line computed from the town's
 * subsidies of the year's handovers (never typed twice), refurbishing, handover support hours, events and
 * staff time entered; the CCAS's own share, the region granted under an agreement with a first payment,
 * the department asked and not yet answered, and European funds (only a name) refused.
 */
import { and, eq, like } from 'drizzle-orm';
import type { Executor } from '../db/tx.ts';
import { today } from '../lib/dates.ts';
import { createFunding, recordFundingPayment } from '../modules/budgets/fundings.ts';
import { createBudgetLine } from '../modules/budgets/lines.ts';
import { programmes } from '../modules/programmes/schema.ts';
import { actAs, earliestDay } from './demo-kit.ts';

export async function loadBudgetsDemo(
  db: Executor,
  orgs: { ccas: string; department: string },
  director: string,
): Promise<void> {
  const actor = await actAs(db, director, orgs.ccas, 'admin');
  const now = today();
  const year = Number(now.slice(0, 4));
  const [sale] = await db
    .select()
    .from(programmes)
    .where(
      and(
        eq(programmes.ownerOrganisationId, orgs.ccas),
        like(programmes.name, 'Ordi solidaire Saint-Aubin%'),
        eq(programmes.startsOn, `${year}-01-01`),
      ),
    );
  if (!sale) throw new Error('demo: this year’s sale programme is missing');
  // Days of this year, never after today (the demo may be loaded in January).
  const on = (monthDay: string) => earliestDay(`${year}-${monthDay}`, now);

  const lines = [
    {
      category: 'equipment',
      label: 'Ordinateurs reconditionnés : part de la Ville (88 € par poste)',
      basis: 'handover_subsidies',
      plannedCents: 352_000,
    },
    {
      category: 'refurbishing',
      label: 'Reconditionnement et effacement certifié (Atelier Reboot)',
      plannedCents: 400_000,
      committedCents: 400_000,
      spentCents: 160_000,
    },
    {
      category: 'training',
      label: 'Accompagnement à la prise en main (2 heures par foyer)',
      plannedCents: 240_000,
      committedCents: 120_000,
      spentCents: 60_000,
    },
    {
      category: 'events',
      label: 'Journées de remise et portes ouvertes',
      plannedCents: 80_000,
      committedCents: 30_000,
      spentCents: 30_000,
    },
    {
      category: 'staff',
      label: 'Temps de coordination du CCAS (0,2 ETP)',
      plannedCents: 900_000,
      committedCents: 900_000,
      spentCents: 600_000,
    },
  ] as const;
  for (const [position, line] of lines.entries()) {
    await createBudgetLine(db, actor, sale.id, { year, position, ...line });
  }

  await createFunding(db, actor, sale.id, {
    funderOrganisationId: orgs.ccas,
    requestedCents: 500_000,
    grantedCents: 500_000,
    grantedOn: on('01-06'),
    note: 'Part propre du CCAS, votée au budget primitif',
  });
  const region = await createFunding(db, actor, sale.id, {
    funderName: 'Région Centre-Val de Loire',
    requestedCents: 800_000,
    requestedOn: on('01-10'),
    grantedCents: 600_000,
    grantedOn: on('02-14'),
    agreementReference: `CVL-NUM-${year}-017`,
    agreementStartsOn: `${year}-01-01`,
    agreementEndsOn: `${year}-12-31`,
  });
  await recordFundingPayment(db, actor, region.id, {
    receivedOn: on('03-20'),
    amountCents: 300_000,
    reference: 'Avance de 50 % à la signature',
  });
  await createFunding(db, actor, sale.id, {
    funderOrganisationId: orgs.department,
    requestedCents: 400_000,
    requestedOn: on('02-01'),
  });
  await createFunding(db, actor, sale.id, {
    funderName: 'Fonds européens FSE+',
    requestedCents: 300_000,
    requestedOn: on('01-15'),
    refusedOn: on('04-15'),
    note: 'Hors des priorités de l’appel à projets : redéposer l’an prochain',
  });
}
