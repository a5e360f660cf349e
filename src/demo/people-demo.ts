import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/tx.ts';
import type { Actor } from '../lib/actor.ts';
import { addMonthsToDay, today } from '../lib/dates.ts';
import { createAllocation, getAllocation, handOver } from '../modules/distribution/allocations.ts';
import { renewReportLink, reportByBorrower } from '../modules/distribution/borrower-link.ts';
import { attachToEvent, createHandoverEvent } from '../modules/distribution/handover-events.ts';
import { grantInternetAid } from '../modules/distribution/internet-aids.ts';
import { openTicket } from '../modules/distribution/tickets.ts';
import { devices } from '../modules/inventory/schema.ts';
import { type BeneficiaryInput, createBeneficiary } from '../modules/programmes/beneficiaries.ts';
import { copyProgramme, createProgramme } from '../modules/programmes/programmes.ts';
import { createReferral, moveReferral, updateReferral } from '../modules/programmes/referral-changes.ts';
import { beneficiaries } from '../modules/programmes/schema.ts';
import { actAs } from './demo-kit.ts';

export interface PeopleDemoOrganisations {
  ccas: string;
  refurbisher: string;
  funder: string;
  association: string;
}

/** The demo's people act as themselves, so that consents and referrals name who collected and referred. */
/** A day `days` before today, but not before `floor` (the programme's start): referrals stay in period. */
function daysAgo(days: number, floor: string): string {
  const day = new Date(`${today()}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() - days);
  const iso = day.toISOString().slice(0, 10);
  return iso < floor ? floor : iso;
}

const PERSON = { kind: 'person', postcode: '45100', city: 'Saint-Aubin-sur-Loire' } as const;

/**
 * Programmes, people and referrals of the demo town (reference cases 1 and 4): last year's subsidised
 * sale and this year's edition copied from it (130 € − 88 € = 42 €), a "training first" programme with an
 * internet aid, people eligible, not eligible (with the reasons), on the waiting list with a priority,
 * referred by a partner association; and one person with no contact for three years, whom the retention
 * job would anonymise.
 */
export async function loadPeopleDemo(
  db: Executor,
  orgs: PeopleDemoOrganisations,
  accounts: { director: string; socialWorker: string; associationAdmin: string },
): Promise<void> {
  const director = await actAs(db, accounts.director, orgs.ccas, 'admin');
  const socialWorker = await actAs(db, accounts.socialWorker, orgs.ccas, 'social_worker');
  const associationAdmin = await actAs(db, accounts.associationAdmin, orgs.association, 'admin');
  const year = Number(today().slice(0, 4));

  const lastYear = await createProgramme(db, director, {
    name: `Ordi solidaire Saint-Aubin ${year - 1}`,
    ownerOrganisationId: orgs.ccas,
    description:
      'Vente solidaire des ordinateurs réformés par la mairie, reconditionnés par Atelier Reboot : 130 € dont 88 € pris en charge par la Ville.',
    mode: 'sale',
    startsOn: `${year - 1}-01-01`,
    endsOn: `${year - 1}-12-31`,
    unitPriceCents: 13_000,
    subsidies: [{ funderOrganisationId: orgs.funder, amountCents: 8_800 }],
    targets: { beneficiaries: 40, devices: 40, byGroup: { household: 35, association: 5 } },
    eligibility: {
      kinds: ['person', 'association'],
      incomeSituations: ['rsa', 'aah', 'aspa', 'minimum_income_other', 'low_income'],
      maxFamilyQuotientCents: 70_000,
      postcodes: ['45*'],
      maxOpenReferralsPerPrescriber: 30,
    },
    partners: [
      { organisationId: orgs.refurbisher, role: 'refurbisher' },
      { organisationId: orgs.association, role: 'prescriber' },
    ],
  });
  const sale = await copyProgramme(db, director, lastYear.id, {});
  const trainingFirst = await createProgramme(db, director, {
    name: `Former puis équiper ${year}`,
    ownerOrganisationId: orgs.ccas,
    description:
      'Pour les allocataires du RSA et les retraités au minimum vieillesse : ateliers 3 demi-journées par semaine pendant 2 mois, puis un ordinateur et 150 € d’aide à la connexion pour un an.',
    mode: 'donation',
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    internetAid: { amountCents: 15_000, months: 12, funderOrganisationId: orgs.funder },
    trainingRequired: true,
    trainingMinSessions: 20,
    targets: { beneficiaries: 15, devices: 15, autonomyRate: 0.8, byGroup: { household: 10, senior: 5 } },
    eligibility: { kinds: ['person'], incomeSituations: ['rsa', 'aspa'], minAge: 18, postcodes: ['45100'] },
    partners: [{ organisationId: orgs.refurbisher, role: 'refurbisher' }],
  });

  const person = async (
    actor: Actor,
    input: Omit<BeneficiaryInput, 'kind'> & { kind?: 'person' | 'association' },
  ) =>
    createBeneficiary(db, actor, {
      ...PERSON,
      ...input,
      kind: input.kind ?? 'person',
      consentGivenOn: input.consentGivenOn ?? daysAgo(60, `${year}-01-01`),
    });
  const refer = (
    actor: Actor,
    beneficiaryId: string,
    programmeId: string,
    days: number,
    socialEvaluation?: string,
  ) =>
    createReferral(db, actor, {
      beneficiaryId,
      programmeId,
      referredOn: daysAgo(days, `${year}-01-01`),
      socialEvaluation,
    });

  const sandrine = await person(socialWorker, {
    firstName: 'Sandrine',
    lastName: 'Lefèvre',
    birthYear: 1979,
    householdType: 'single_parent',
    childrenCount: 2,
    incomeSituation: 'rsa',
    familyQuotientCents: 41_000,
    employmentSituation: 'job_seeker',
    phone: '06 11 22 33 44',
    deviceNeed: 'laptop',
  });
  await refer(
    socialWorker,
    sandrine.id,
    sale.id,
    50,
    'Mère isolée, deux enfants au collège ; les devoirs et les démarches se font sur son téléphone.',
  );

  const aicha = await person(socialWorker, {
    firstName: 'Aïcha',
    lastName: 'Traoré',
    birthYear: 1987,
    householdType: 'couple_with_children',
    childrenCount: 3,
    priorityZone: true,
    incomeSituation: 'rsa',
    familyQuotientCents: 29_000,
    deviceNeed: 'desktop',
  });
  await refer(socialWorker, aicha.id, sale.id, 40, 'Famille de cinq personnes, aucun ordinateur au foyer.');

  const kevin = await person(socialWorker, {
    firstName: 'Kévin',
    lastName: 'Dubois',
    birthYear: 1998,
    householdType: 'single',
    incomeSituation: 'low_income',
    familyQuotientCents: 81_200,
    employmentSituation: 'employed',
    deviceNeed: 'laptop',
  });
  // Not eligible: his family quotient (812 €) is above the ceiling (700 €); the reason stays on record.
  await refer(socialWorker, kevin.id, sale.id, 30, 'Contrat court, revenus juste au-dessus du plafond.');

  const thierry = await person(socialWorker, {
    firstName: 'Thierry',
    lastName: 'Lambert',
    birthYear: 1965,
    postcode: '41000',
    city: 'Blois',
    householdType: 'single',
    incomeSituation: 'rsa',
    familyQuotientCents: 35_000,
  });
  await refer(socialWorker, thierry.id, trainingFirst.id, 25);

  const mohamed = await person(socialWorker, {
    firstName: 'Mohamed',
    lastName: 'Benaïssa',
    birthYear: 1958,
    householdType: 'single',
    targetGroup: 'senior',
    incomeSituation: 'aspa',
    familyQuotientCents: 52_000,
    employmentSituation: 'retired',
    accessibilityNeeds: true,
    deviceNeed: 'desktop',
  });
  const jeanne = await person(socialWorker, {
    firstName: 'Jeanne',
    lastName: 'Roux',
    birthYear: 1946,
    householdType: 'single',
    targetGroup: 'senior',
    incomeSituation: 'aspa',
    familyQuotientCents: 38_000,
    employmentSituation: 'retired',
    deviceNeed: 'tablet',
  });
  await refer(
    socialWorker,
    jeanne.id,
    trainingFirst.id,
    35,
    'Souhaite garder le contact avec ses petits-enfants.',
  );
  const mohamedReferral = await refer(
    socialWorker,
    mohamed.id,
    trainingFirst.id,
    20,
    'Doit déclarer ses ressources en ligne avant la fin du mois.',
  );
  // The programme's owner moves him up the waiting list.
  await updateReferral(db, director, mohamedReferral.id, {
    priority: true,
    priorityReason: 'Démarches de retraite à faire en ligne avant la fin du mois',
  });

  const paul = await person(socialWorker, {
    firstName: 'Paul',
    lastName: 'Nguyen',
    birthYear: 1990,
    householdType: 'couple',
    incomeSituation: 'minimum_income_other',
    familyQuotientCents: 45_000,
  });
  const paulReferral = await refer(socialWorker, paul.id, sale.id, 45);
  await moveReferral(db, socialWorker, paulReferral.id, {
    status: 'exited',
    exitReason: 'equipped_elsewhere',
    on: daysAgo(10, `${year}-01-01`),
  });

  const grocery = await person(socialWorker, {
    kind: 'association',
    name: 'Épicerie solidaire des Sables',
    rna: 'W451009876',
    contactName: 'Bernard Colin',
    peopleServed: 85,
    deviceNeed: 'laptop',
  });
  await refer(socialWorker, grocery.id, sale.id, 15, 'Deux postes pour l’accueil et l’aide aux démarches.');

  // Referred by the partner association, which sees its own people only.
  const mariam = await person(associationAdmin, {
    firstName: 'Mariam',
    lastName: 'Koné',
    birthYear: 1992,
    householdType: 'single_parent',
    childrenCount: 1,
    priorityZone: true,
    incomeSituation: 'rsa',
    familyQuotientCents: 33_000,
    referringOrganisationId: orgs.association,
  });
  await refer(associationAdmin, mariam.id, sale.id, 12, 'Suivie par l’association depuis deux ans.');

  // No contact for three years: the daily retention job (or `seconde-vie anonymise`) anonymises him.
  const gerard = await person(socialWorker, {
    firstName: 'Gérard',
    lastName: 'Fontaine',
    birthYear: 1950,
    householdType: 'single',
    incomeSituation: 'aspa',
  });
  await db
    .update(beneficiaries)
    .set({ lastActivityOn: addMonthsToDay(today(), -36) })
    .where(eq(beneficiaries.id, gerard.id));

  // Distribution: the refurbisher's ready laptops and desktops go to the people at the top of the list.
  const ready = await db
    .select({ id: devices.id })
    .from(devices)
    .where(and(eq(devices.organisationId, orgs.refurbisher), eq(devices.status, 'ready')))
    .orderBy(devices.tagNumber);
  const [first, second, third, fourth] = ready.map((d) => d.id);
  if (!first || !second || !third || !fourth) return;
  // Sandrine bought hers (42 € by card, the town paid 88 €).
  const sandrineAllocation = await createAllocation(db, director, {
    programmeId: sale.id,
    beneficiaryId: sandrine.id,
    deviceId: first,
  });
  await handOver(db, director, sandrineAllocation.id, {
    handedOverOn: daysAgo(5, `${year}-01-01`),
    payment: { amountCents: 4_200, method: 'card' },
    signedOnPaper: true,
  });
  // Aïcha's is set aside for the next handover day, in two weeks at the town hall.
  const aichaAllocation = await createAllocation(db, director, {
    programmeId: sale.id,
    beneficiaryId: aicha.id,
    deviceId: second,
  });
  const inTwoWeeks = daysAgo(-14, `${year}-01-01`);
  const event = await createHandoverEvent(db, director, {
    programmeId: sale.id,
    heldOn: inTwoWeeks > `${year}-12-31` ? `${year}-12-31` : inTwoWeeks,
    place: 'Salle du conseil, mairie de Saint-Aubin-sur-Loire',
    title: 'Remise de fin d’année',
  });
  await attachToEvent(db, director, event.id, [aichaAllocation.id]);
  // A one-year renewable loan programme; the grocery association borrows two computers.
  const loansProgramme = await createProgramme(db, director, {
    name: `Prêt solidaire aux associations ${year}`,
    ownerOrganisationId: orgs.ccas,
    description:
      'Des ordinateurs prêtés un an, renouvelable, entretien compris, aux associations du quartier.',
    mode: 'loan',
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    loanMonths: 12,
    loanRenewable: true,
    loanMaxRenewals: 2,
    eligibility: { kinds: ['association'] },
    partners: [{ organisationId: orgs.refurbisher, role: 'refurbisher' }],
  });
  await refer(socialWorker, grocery.id, loansProgramme.id, 10);
  const lent: string[] = [];
  for (const deviceId of [third, fourth]) {
    const allocation = await createAllocation(db, director, {
      programmeId: loansProgramme.id,
      beneficiaryId: grocery.id,
      deviceId,
    });
    lent.push(allocation.id);
    await handOver(db, director, allocation.id, {
      handedOverOn: daysAgo(3, `${year}-01-01`),
      signedOnPaper: true,
    });
  }
  // One of them already has a problem, followed by the refurbisher.
  if (lent[0]) {
    await openTicket(db, director, {
      allocationId: lent[0],
      description: 'La batterie ne tient plus que vingt minutes.',
    });
  }
  // The other one's problem came from the association itself, through the link of its loan agreement.
  const secondLoan = lent[1] ? (await getAllocation(db, director, lent[1])).loan : null;
  if (secondLoan) {
    const { url } = await renewReportLink(db, director, secondLoan.id, 'http://localhost');
    await reportByBorrower(
      db,
      url.slice(url.lastIndexOf('/') + 1),
      {
        description: 'Le ventilateur fait beaucoup de bruit depuis une semaine.',
        contact: 'Accueil de l’épicerie, le mardi matin',
      },
      { ip: null, locale: 'fr' },
    );
  }
  // An internet aid for Jeanne, in the "training first" programme.
  await grantInternetAid(db, director, {
    programmeId: trainingFirst.id,
    beneficiaryId: jeanne.id,
    amountCents: 15_000,
    months: 12,
    provider: 'Fournisseur solidaire',
  });
}
