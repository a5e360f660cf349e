/**
 * Reference case 1 over time: the town's subsidised sale (130 € − 88 € from the town = 42 € paid). The town
 * hall gave a second, larger batch of retired computers to Atelier Reboot some seventeen months ago;
 * refurbished and wiped, they were sold month after month to households of the social grocery — last
 * year's edition and this year's — so the programme report has handovers to count, each paid 42 € with
 * the town's 88 €. One machine of the batch went missing from the workshop (lost), one was unrepairable.
 */
import { and, eq, like } from 'drizzle-orm';
import type { Executor } from '../db/tx.ts';
import { addMonthsToDay, today } from '../lib/dates.ts';
import { createDonation } from '../modules/inventory/donations.ts';
import { createBeneficiary } from '../modules/programmes/beneficiaries.ts';
import { createReferral } from '../modules/programmes/referral-changes.ts';
import { programmes } from '../modules/programmes/schema.ts';
import type { ConsentScope, IncomeSituation } from '../modules/programmes/vocabulary.ts';
import {
  actAs,
  earliestDay,
  handOverOn,
  latestDay,
  plusDays,
  type Stage,
  spreadDays,
  stockDevice,
} from './demo-kit.ts';

/** Households of the social grocery who bought a computer (fictitious). */
const BUYERS: [string, string, number, IncomeSituation][] = [
  ['Laetitia', 'Charpentier', 1983, 'rsa'],
  ['Ibrahima', 'Sow', 1976, 'low_income'],
  ['Monique', 'Barbier', 1952, 'aspa'],
  ['Samir', 'Mansouri', 1989, 'rsa'],
  ['Élodie', 'Chevalier', 1991, 'aah'],
  ['Gilles', 'Renaud', 1968, 'minimum_income_other'],
  ['Fatima', 'El Amrani', 1980, 'rsa'],
  ['Christophe', 'Vidal', 1974, 'low_income'],
  ['Marie-Claude', 'Picard', 1957, 'aspa'],
  ['Jordan', 'Leclerc', 2000, 'rsa'],
  ['Awa', 'Cissé', 1986, 'low_income'],
  ['Patrick', 'Gauthier', 1963, 'aah'],
  ['Sabrina', 'Marchal', 1985, 'rsa'],
  ['Dominique', 'Aubert', 1960, 'minimum_income_other'],
];
/** How many of them bought in this year's edition (the others in last year's). */
const THIS_YEAR = 4;

const LAPTOP = {
  type: 'laptop',
  brand: 'HP',
  model: 'ProBook 450 G5',
  cpu: 'Intel Core i5-8250U',
  ramGb: 8,
  storageGb: 256,
  storageType: 'ssd',
  weightKg: 2.1,
} as const;
const DESKTOP = {
  type: 'desktop',
  brand: 'Dell',
  model: 'OptiPlex 3060',
  cpu: 'Intel Core i3-8100',
  ramGb: 8,
  storageGb: 256,
  storageType: 'ssd',
  weightKg: 5.3,
} as const;

/** Consent to follow-ups only for recent handovers: older ones would leave overdue questionnaires. */
export function consentScopes(handedOverOn: string): ConsentScope[] | undefined {
  return handedOverOn < plusDays(today(), -80) ? ['referral', 'partners'] : undefined;
}

export async function loadSaleDemo(
  db: Executor,
  orgs: { ccas: string; refurbisher: string; donor: string },
  accounts: { director: string; socialWorker: string; technician: string },
): Promise<void> {
  const director = await actAs(db, accounts.director, orgs.ccas, 'admin');
  const socialWorker = await actAs(db, accounts.socialWorker, orgs.ccas, 'social_worker');
  const technician = await actAs(db, accounts.technician, orgs.refurbisher, 'technician');
  const now = today();
  const editions = await db
    .select()
    .from(programmes)
    .where(
      and(
        eq(programmes.ownerOrganisationId, orgs.ccas),
        like(programmes.name, 'Ordi solidaire Saint-Aubin%'),
      ),
    )
    .orderBy(programmes.startsOn);
  const [lastYear, thisYear] = editions;
  if (!lastYear || !thisYear) throw new Error('demo: the sale programmes are missing');

  const receivedOn = addMonthsToDay(now, -17);
  const donation = await createDonation(db, technician, {
    donorOrganisationId: orgs.donor,
    refurbisherOrganisationId: orgs.refurbisher,
    receivedOn,
    pickupAddress: 'Centre technique municipal, 12 rue des Ateliers, 45100 Saint-Aubin-sur-Loire',
    declaredCount: BUYERS.length + 2,
    note: 'Postes réformés des écoles et de la médiathèque',
  });
  // Last year's buyers over what is left of that year in the last 18 months; this year's since January.
  const lastYearDays = spreadDays(
    BUYERS.length - THIS_YEAR,
    latestDay(lastYear.startsOn, plusDays(receivedOn, 30)),
    earliestDay(lastYear.endsOn, plusDays(now, -30)),
  );
  const thisYearDays = spreadDays(
    THIS_YEAR,
    plusDays(thisYear.startsOn, 20),
    latestDay(plusDays(thisYear.startsOn, 20), plusDays(now, -12)),
  ).map((day) => earliestDay(day, plusDays(now, -1)));
  const days = [...lastYearDays, ...thisYearDays];

  for (const [i, [firstName, lastName, birthYear, incomeSituation]] of BUYERS.entries()) {
    const edition = i < lastYearDays.length ? lastYear : thisYear;
    const on = latestDay(days[i] as string, edition.startsOn);
    const referredOn = latestDay(plusDays(on, -21), edition.startsOn);
    const deviceId = await stockDevice(db, technician, {
      ...(i % 3 === 2 ? DESKTOP : LAPTOP),
      serialNumber: `${i % 3 === 2 ? 'DOP' : '5CD'}${9100 + i}KV`,
      donationId: donation.id,
      stage: 'ready',
      grade: i % 4 === 0 ? 'A' : 'B',
      osImage: 'Emmabuntüs 5',
      receivedOn,
      workedOn: latestDay(receivedOn, plusDays(on, -10)),
      operatorName: 'Lucie Moreau',
    });
    const person = await createBeneficiary(db, socialWorker, {
      kind: 'person',
      firstName,
      lastName,
      birthYear,
      postcode: '45100',
      city: 'Saint-Aubin-sur-Loire',
      householdType: i % 3 === 0 ? 'single_parent' : i % 3 === 1 ? 'single' : 'couple_with_children',
      childrenCount: i % 3 === 1 ? 0 : 1 + (i % 3),
      priorityZone: i % 2 === 0,
      incomeSituation,
      familyQuotientCents: 30_000 + ((i * 3_700) % 38_000),
      targetGroup: birthYear < 1960 ? 'senior' : 'household',
      consent: { givenOn: referredOn, covers: consentScopes(on) },
    });
    await createReferral(db, socialWorker, {
      beneficiaryId: person.id,
      programmeId: edition.id,
      referredOn,
      socialEvaluation: 'Bénéficiaire de l’épicerie solidaire ; pas d’ordinateur au foyer.',
    });
    await handOverOn(db, director, {
      programmeId: edition.id,
      beneficiaryId: person.id,
      deviceId,
      on,
      payment: { amountCents: 4_200, method: i % 3 === 0 ? 'card' : i % 3 === 1 ? 'cash' : 'cheque' },
    });
  }
  // The rest of the batch: one machine never found again after a move, one beyond repair.
  const rest: { stage: Stage; notes: string }[] = [
    { stage: 'lost', notes: 'Introuvable après le déménagement de l’atelier' },
    { stage: 'to_recycle', notes: 'Carte mère hors service' },
  ];
  for (const [i, { stage, notes }] of rest.entries()) {
    await stockDevice(db, technician, {
      ...LAPTOP,
      serialNumber: `5CD${9300 + i}KV`,
      donationId: donation.id,
      notes,
      stage,
      receivedOn,
      workedOn: plusDays(receivedOn, 12 + i),
      operatorName: 'Lucie Moreau',
    });
  }
}
