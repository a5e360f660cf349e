/**
 * Reference case 2: an association lends refurbished computers free for one year, renewable, to
 * low-income families and to small associations, and maintains them. Relais Numérique Solidaire
 * refurbishes the machines a company gives it every year, lends them (loans started over the last
 * sixteen months: those past their first year renewed, one returned and waiting for its check, one
 * returned early then wiped again and lent to another family), follows the breakdowns (a battery replaced,
 * a keyboard waiting for its part, a screen just reported), and runs digital cafés (counted anonymously).
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/tx.ts';
import type { Actor } from '../lib/actor.ts';
import { addMonthsToDay, today } from '../lib/dates.ts';
import { getAllocation } from '../modules/distribution/allocations.ts';
import { renewLoan, returnLoan } from '../modules/distribution/loans.ts';
import { maintenanceTickets } from '../modules/distribution/schema.ts';
import { openTicket, updateTicket } from '../modules/distribution/tickets.ts';
import { createDonation } from '../modules/inventory/donations.ts';
import { createLocation } from '../modules/inventory/locations.ts';
import { changeDeviceStatus } from '../modules/inventory/status.ts';
import { createOrganisation } from '../modules/organisations/organisations.ts';
import { createBeneficiary } from '../modules/programmes/beneficiaries.ts';
import { createProgramme } from '../modules/programmes/programmes.ts';
import { createReferral } from '../modules/programmes/referral-changes.ts';
import type { IncomeSituation } from '../modules/programmes/vocabulary.ts';
import { createActivity } from '../modules/training/activities.ts';
import type { DemoAccount } from './demo.ts';
import {
  actAs,
  backdateDevice,
  backdateSteps,
  demoMember,
  earliestDay,
  handOverOn,
  latestDay,
  plusDays,
  spreadDays,
  stockDevice,
  wipeDemoDisk,
} from './demo-kit.ts';
import { consentScopes } from './sale-demo.ts';

export const LOANS_ORGANISATION = {
  name: 'Relais Numérique Solidaire',
  kinds: ['refurbisher', 'prescriber', 'trainer'] as const,
  rna: 'W451004567',
  postcode: '45000',
  city: 'Orléans',
};
export const LOANS_ACCOUNT = {
  email: 'prets@relais-numerique.example',
  name: 'Antoine Mercier',
  role: 'admin',
} as const;
export const LOANS_PROGRAMME = 'Prêt solidaire d’ordinateurs — familles et associations';

type Borrower =
  | { kind: 'person'; firstName: string; lastName: string; birthYear: number; income: IncomeSituation }
  | { kind: 'association'; name: string; rna: string; contactName: string; devices: number };

/** Oldest loan first. */
const BORROWERS: Borrower[] = [
  { kind: 'person', firstName: 'Rose', lastName: 'Delaunay', birthYear: 1981, income: 'rsa' },
  { kind: 'person', firstName: 'Malik', lastName: 'Ouédraogo', birthYear: 1978, income: 'low_income' },
  {
    kind: 'association',
    name: 'Atelier Couture et Solidarité',
    rna: 'W451005678',
    contactName: 'Brigitte Hamon',
    devices: 3,
  },
  { kind: 'person', firstName: 'Céline', lastName: 'Besson', birthYear: 1990, income: 'rsa' },
  { kind: 'person', firstName: 'Olivier', lastName: 'Poirier', birthYear: 1972, income: 'aah' },
  { kind: 'person', firstName: 'Inès', lastName: 'Benchikh', birthYear: 1995, income: 'low_income' },
  {
    kind: 'association',
    name: 'Soutien scolaire de l’Argonne',
    rna: 'W451006789',
    contactName: 'Youssef Amrani',
    devices: 2,
  },
  { kind: 'person', firstName: 'Guillaume', lastName: 'Royer', birthYear: 1985, income: 'rsa' },
  { kind: 'person', firstName: 'Stéphanie', lastName: 'Lemaire', birthYear: 1988, income: 'low_income' },
];

const LAPTOP = {
  type: 'laptop',
  brand: 'Lenovo',
  model: 'ThinkPad L480',
  cpu: 'Intel Core i5-8250U',
  ramGb: 8,
  storageGb: 256,
  storageType: 'ssd',
  weightKg: 1.9,
} as const;

function firstOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export async function loadLoansDemo(
  db: Executor,
  actor: Actor,
  companyId: string,
  publicUrl: string,
): Promise<{ organisationId: string; account: DemoAccount }> {
  const now = today();
  const organisation = await createOrganisation(db, actor, {
    ...LOANS_ORGANISATION,
    kinds: [...LOANS_ORGANISATION.kinds],
  });
  const account = await demoMember(db, actor, organisation, LOANS_ACCOUNT, publicUrl);
  const staff = await actAs(db, LOANS_ACCOUNT.email, organisation.id, 'admin');
  const shelf = await createLocation(db, staff, {
    organisationId: organisation.id,
    name: 'Réserve du Relais',
    description: 'Ordinateurs prêts à être prêtés',
  });

  const startsOn = firstOfMonth(addMonthsToDay(now, -18));
  const programme = await createProgramme(db, staff, {
    name: LOANS_PROGRAMME,
    ownerOrganisationId: organisation.id,
    description:
      'Un ordinateur reconditionné prêté gratuitement pour un an, renouvelable deux fois, entretien compris : aux familles aux revenus modestes et aux petites associations du Loiret.',
    mode: 'loan',
    startsOn,
    endsOn: plusDays(addMonthsToDay(startsOn, 36), -1),
    loanMonths: 12,
    loanRenewable: true,
    loanMaxRenewals: 2,
    targets: { beneficiaries: 30, devices: 40, byGroup: { household: 22, association: 8 } },
    eligibility: {
      kinds: ['person', 'association'],
      incomeSituations: ['rsa', 'aah', 'aspa', 'minimum_income_other', 'low_income'],
      maxFamilyQuotientCents: 80_000,
      postcodes: ['45*'],
    },
  });

  const receivedOn = plusDays(startsOn, 10);
  const donation = await createDonation(db, staff, {
    donorOrganisationId: companyId,
    refurbisherOrganisationId: organisation.id,
    receivedOn,
    declaredCount: 16,
    note: 'Dotation annuelle : postes de bureau remplacés au siège',
  });

  const devicesNeeded = BORROWERS.reduce((n, b) => n + (b.kind === 'association' ? b.devices : 1), 0);
  const days = spreadDays(BORROWERS.length, plusDays(startsOn, 40), plusDays(now, -15));
  const loans: { allocationId: string; beneficiaryId: string; deviceId: string; on: string }[] = [];
  let serial = 0;
  for (const [i, borrower] of BORROWERS.entries()) {
    const on = earliestDay(days[i] as string, now);
    const referredOn = latestDay(plusDays(on, -20), startsOn);
    const beneficiary =
      borrower.kind === 'person'
        ? await createBeneficiary(db, staff, {
            kind: 'person',
            firstName: borrower.firstName,
            lastName: borrower.lastName,
            birthYear: borrower.birthYear,
            postcode: '45000',
            city: 'Orléans',
            householdType: i % 2 === 0 ? 'single_parent' : 'couple_with_children',
            childrenCount: 1 + (i % 3),
            priorityZone: i % 3 === 0,
            incomeSituation: borrower.income,
            familyQuotientCents: 28_000 + i * 4_000,
            targetGroup: 'household',
            consent: { givenOn: referredOn, covers: consentScopes(on) },
          })
        : await createBeneficiary(db, staff, {
            kind: 'association',
            name: borrower.name,
            rna: borrower.rna,
            contactName: borrower.contactName,
            postcode: '45000',
            city: 'Orléans',
            peopleServed: 40 + i * 10,
            targetGroup: 'association',
            consent: { givenOn: referredOn, covers: consentScopes(on) },
          });
    await createReferral(db, staff, {
      beneficiaryId: beneficiary.id,
      programmeId: programme.id,
      referredOn,
      socialEvaluation:
        borrower.kind === 'person'
          ? 'Orientée par l’assistante sociale du secteur ; les enfants font leurs devoirs au téléphone.'
          : 'Petite association sans matériel : permanences d’aide aux démarches et ateliers.',
    });
    for (let k = 0; k < (borrower.kind === 'association' ? borrower.devices : 1); k++) {
      const deviceId = await stockDevice(db, staff, {
        ...LAPTOP,
        serialNumber: `PF1RN${String(200 + serial++).padStart(3, '0')}`,
        donationId: donation.id,
        stage: 'ready',
        grade: 'B',
        osImage: 'Linux Mint 21 (Relais)',
        readyLocationId: shelf.id,
        receivedOn,
        workedOn: latestDay(receivedOn, plusDays(on, -7)),
        operatorName: LOANS_ACCOUNT.name,
      });
      const allocationId = await handOverOn(db, staff, {
        programmeId: programme.id,
        beneficiaryId: beneficiary.id,
        deviceId,
        on,
      });
      loans.push({ allocationId, beneficiaryId: beneficiary.id, deviceId, on });
    }
  }
  if (loans.length !== devicesNeeded) throw new Error('demo: loans missing');

  const loanOf = async (allocationId: string) => {
    const loan = (await getAllocation(db, staff, allocationId)).loan;
    if (!loan) throw new Error('demo: no loan');
    return loan;
  };
  const [first, second, ...others] = loans;
  if (!first || !second) throw new Error('demo: loans missing');
  // The first family gave its computer back after eleven months (they bought one): waiting for its check.
  const firstReturn = earliestDay(addMonthsToDay(first.on, 11), plusDays(now, -2));
  await returnLoan(db, staff, (await loanOf(first.allocationId)).id, {
    returnedOn: firstReturn,
    condition: 'Bon état, chargeur fourni',
  });
  await backdateDevice(db, first.deviceId, firstReturn, 16);
  await backdateSteps(db, first.beneficiaryId, ['loan_returned'], firstReturn);
  // The second family moved away after four months: the computer came back, was wiped again, lent again.
  const secondReturn = addMonthsToDay(second.on, 4);
  await returnLoan(db, staff, (await loanOf(second.allocationId)).id, {
    returnedOn: secondReturn,
    condition: 'Déménagement hors du département',
  });
  await backdateDevice(db, second.deviceId, secondReturn, 16);
  await backdateSteps(db, second.beneficiaryId, ['loan_returned'], secondReturn);
  const reworkedOn = plusDays(secondReturn, 6);
  await changeDeviceStatus(db, staff, second.deviceId, { status: 'diagnosed' });
  await changeDeviceStatus(db, staff, second.deviceId, { status: 'refurbishing' });
  await wipeDemoDisk(db, staff, second.deviceId, {
    diskSerial: 'PF1RN201-D1',
    storageType: 'ssd',
    capacityGb: 256,
    operatorName: LOANS_ACCOUNT.name,
    performedAt: new Date(`${reworkedOn}T10:30:00Z`),
  });
  await changeDeviceStatus(db, staff, second.deviceId, { status: 'ready', locationId: shelf.id });
  await backdateDevice(db, second.deviceId, reworkedOn, 10);
  const relendOn = plusDays(reworkedOn, 10);
  const nextFamily = await createBeneficiary(db, staff, {
    kind: 'person',
    firstName: 'Alain',
    lastName: 'Tessier',
    birthYear: 1969,
    postcode: '45000',
    city: 'Orléans',
    householdType: 'single_parent',
    childrenCount: 2,
    incomeSituation: 'rsa',
    familyQuotientCents: 36_000,
    targetGroup: 'household',
    consent: { givenOn: plusDays(relendOn, -12), covers: consentScopes(relendOn) },
  });
  await createReferral(db, staff, {
    beneficiaryId: nextFamily.id,
    programmeId: programme.id,
    referredOn: plusDays(relendOn, -12),
  });
  const relent = await handOverOn(db, staff, {
    programmeId: programme.id,
    beneficiaryId: nextFamily.id,
    deviceId: second.deviceId,
    on: relendOn,
  });
  others.push({
    allocationId: relent,
    beneficiaryId: nextFamily.id,
    deviceId: second.deviceId,
    on: relendOn,
  });

  // A year on, the loans still running are renewed (a few weeks before they fall due).
  for (const loan of others) {
    const renewOn = plusDays(addMonthsToDay(loan.on, 12), -20);
    if (renewOn >= now) continue;
    await renewLoan(db, staff, (await loanOf(loan.allocationId)).id);
    await backdateSteps(db, loan.beneficiaryId, ['loan_renewed'], renewOn);
  }

  // Maintenance: a battery replaced, a keyboard waiting for its part, a screen just reported.
  const ticket = async (
    loan: (typeof loans)[number],
    openedOn: string,
    description: string,
    next?: { status: 'in_progress' | 'waiting_part' | 'resolved'; on: string; resolution?: string },
  ) => {
    const opened = earliestDay(openedOn, now);
    const created = await openTicket(db, staff, { allocationId: loan.allocationId, description });
    if (next) await updateTicket(db, staff, created.id, { status: next.status, resolution: next.resolution });
    const updated = earliestDay(next?.on ?? opened, now);
    await db
      .update(maintenanceTickets)
      .set({
        createdAt: new Date(`${opened}T11:00:00Z`),
        updatedAt: new Date(`${updated}T15:00:00Z`),
        resolvedAt: next?.status === 'resolved' ? new Date(`${updated}T15:00:00Z`) : null,
      })
      .where(eq(maintenanceTickets.id, created.id));
    await backdateSteps(db, loan.beneficiaryId, ['ticket_opened'], opened);
  };
  const [a, b, c] = others;
  if (a) {
    await ticket(a, addMonthsToDay(a.on, 5), 'La batterie ne tient plus la charge.', {
      status: 'resolved',
      on: plusDays(addMonthsToDay(a.on, 5), 9),
      resolution: 'Batterie remplacée à l’atelier (pièce de récupération).',
    });
  }
  if (b) {
    await ticket(b, plusDays(now, -20), 'Plusieurs touches du clavier ne répondent plus.', {
      status: 'waiting_part',
      on: plusDays(now, -18),
      resolution: 'Clavier commandé.',
    });
  }
  if (c) await ticket(c, plusDays(now, -4), 'L’écran scintille quand on ouvre le capot.');

  // Digital cafés at the Relais, every few months (anonymous counts).
  const cafes = spreadDays(5, plusDays(startsOn, 30), plusDays(now, -9));
  for (const [i, heldOn] of cafes.entries()) {
    await createActivity(db, staff, {
      organisationId: organisation.id,
      heldOn: earliestDay(heldOn, now),
      title: 'Café numérique du Relais',
      durationMinutes: 150,
      participants: 10 + ((i * 5) % 7),
      ageBands: { '25-39': 2, '40-59': 3, '60-69': 2 + (i % 3), '70+': 1 },
      themes: ['device_handling', 'email', 'online_procedures'],
      placeType: 'venue',
      postcode: '45000',
    });
  }
  return { organisationId: organisation.id, account };
}
