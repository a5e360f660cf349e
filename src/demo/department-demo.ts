/**
 * Reference case 3: a department-wide operation. The Conseil départemental du Loiret runs it; a company
 * (Val de Loire Assurances) gives its retired computers; the insertion refurbisher Atelier Reboot, holder
 * of the refurbishing contract, wipes them and installs the department's free-software image. Pupils
 * without a computer come first (scholarship holders, some with their internet connection paid), then job
 * seekers and people followed by the town's social workers, then associations (several computers each).
 * A second delivery is in the workshop now, at every stage.
 */
import type { Executor } from '../db/tx.ts';
import type { Actor } from '../lib/actor.ts';
import { addMonthsToDay, today } from '../lib/dates.ts';
import { createAllocation } from '../modules/distribution/allocations.ts';
import { grantInternetAid } from '../modules/distribution/internet-aids.ts';
import { createDonation } from '../modules/inventory/donations.ts';
import { createOrganisation } from '../modules/organisations/organisations.ts';
import { type BeneficiaryInput, createBeneficiary } from '../modules/programmes/beneficiaries.ts';
import { createProgramme } from '../modules/programmes/programmes.ts';
import { createReferral } from '../modules/programmes/referral-changes.ts';
import type { DemoAccount } from './demo.ts';
import {
  actAs,
  demoMember,
  earliestDay,
  handOverOn,
  latestDay,
  plusDays,
  type Stage,
  spreadDays,
  stockDevice,
} from './demo-kit.ts';
import { consentScopes } from './sale-demo.ts';

export const DEPARTMENT_IMAGE = 'Image départementale Linux Mint 22 (Loiret)';
export const DEPARTMENT_PROGRAMME = 'Loiret numérique pour tous — opération départementale';
export const DEPARTMENT_ACCOUNT = {
  email: 'inclusion.numerique@loiret.example',
  name: 'Mathilde Rivière',
  role: 'admin',
} as const;
export const COMPANY_ACCOUNT = {
  email: 'rse@valdeloire-assurances.example',
  name: 'Vincent Lebrun',
  role: 'manager',
} as const;

const LAPTOP = {
  type: 'laptop',
  brand: 'Dell',
  model: 'Latitude 5400',
  cpu: 'Intel Core i5-8365U',
  ramGb: 8,
  storageGb: 256,
  storageType: 'ssd',
  weightKg: 1.6,
} as const;

type Person = [firstName: string, lastName: string, birthYear: number];
const PUPILS: Person[] = [
  ['Lina', 'Moulin', 2010],
  ['Enzo', 'Gaillard', 2009],
  ['Chloé', 'Perret', 2011],
  ['Moussa', 'Konaté', 2010],
  ['Léa', 'Hubert', 2008],
  ['Noah', 'Fleury', 2011],
  ['Manon', 'Lacroix', 2009],
  ['Adam', 'Benyahia', 2010],
];
const JOB_SEEKERS: Person[] = [
  ['Sébastien', 'Carré', 1979],
  ['Karima', 'Hamidi', 1986],
  ['Franck', 'Guillot', 1970],
];
/** Followed by the town's social workers (the CCAS is a prescriber of the operation). */
const FOLLOWED: Person[] = [['Valérie', 'Roche', 1975]];
const ASSOCIATIONS = [
  { name: 'Maison des Familles de Montargis', rna: 'W452008899', contactName: 'Agnès Prévost', devices: 2 },
  { name: 'Entraide Emploi Pithiverais', rna: 'W452009911', contactName: 'Didier Marechal', devices: 2 },
];

function firstOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export interface DepartmentDemo {
  departmentId: string;
  companyId: string;
  accounts: DemoAccount[];
}

export async function loadDepartmentDemo(
  db: Executor,
  actor: Actor,
  orgs: { refurbisher: string; ccas: string },
  accounts: { technician: string; socialWorker: string },
  publicUrl: string,
): Promise<DepartmentDemo> {
  const now = today();
  const department = await createOrganisation(db, actor, {
    name: 'Conseil départemental du Loiret',
    kinds: ['funder', 'prescriber'],
    postcode: '45000',
    city: 'Orléans',
  });
  const company = await createOrganisation(db, actor, {
    name: 'Val de Loire Assurances',
    kinds: ['donor'],
    postcode: '45000',
    city: 'Orléans',
  });
  const demoAccounts = [
    await demoMember(db, actor, department, DEPARTMENT_ACCOUNT, publicUrl),
    await demoMember(db, actor, company, COMPANY_ACCOUNT, publicUrl),
  ];
  const staff = await actAs(db, DEPARTMENT_ACCOUNT.email, department.id, 'admin');
  const technician = await actAs(db, accounts.technician, orgs.refurbisher, 'technician');
  const socialWorker = await actAs(db, accounts.socialWorker, orgs.ccas, 'social_worker');

  const startsOn = firstOfMonth(addMonthsToDay(now, -16));
  const programme = await createProgramme(db, staff, {
    name: DEPARTMENT_PROGRAMME,
    ownerOrganisationId: department.id,
    description:
      'Des ordinateurs reconditionnés par une entreprise d’insertion, tous livrés avec l’image libre du Département : d’abord aux collégiens et lycéens boursiers sans ordinateur (avec, pour certains, la connexion payée un an), puis aux personnes en insertion ou suivies par un travailleur social, et aux associations. Catalogue d’ateliers gratuits auprès des médiateurs numériques.',
    mode: 'donation',
    startsOn,
    endsOn: plusDays(addMonthsToDay(startsOn, 36), -1),
    internetAid: { amountCents: 12_000, months: 12, funderOrganisationId: department.id },
    maxDevicesPerPerson: 1,
    targets: { beneficiaries: 40, devices: 50, byGroup: { pupil: 20, job_seeker: 12, association: 8 } },
    eligibility: { kinds: ['person', 'association'], postcodes: ['45*'] },
    partners: [
      { organisationId: orgs.refurbisher, role: 'refurbisher' },
      { organisationId: orgs.ccas, role: 'prescriber' },
    ],
  });

  // The company's first delivery, refurbished under the contract with the department's image.
  const firstDelivery = plusDays(startsOn, 8);
  const handovers = PUPILS.length + JOB_SEEKERS.length + FOLLOWED.length + 4;
  const donation = await createDonation(db, technician, {
    donorOrganisationId: company.id,
    refurbisherOrganisationId: orgs.refurbisher,
    receivedOn: firstDelivery,
    pickupAddress: 'Val de Loire Assurances, 40 avenue de Paris, 45000 Orléans',
    declaredCount: handovers,
    note: 'Parc bureautique renouvelé — convention de don avec le Département',
  });
  let serial = 0;
  const prepared = async (on: string) =>
    stockDevice(db, technician, {
      ...LAPTOP,
      serialNumber: `7QK${String(4100 + serial++)}`,
      donationId: donation.id,
      stage: 'ready',
      grade: serial % 3 === 0 ? 'B' : 'A',
      osImage: DEPARTMENT_IMAGE,
      receivedOn: firstDelivery,
      workedOn: latestDay(firstDelivery, plusDays(on, -12)),
      operatorName: 'Lucie Moreau',
    });
  const equip = async (
    referrer: Actor,
    person: Omit<BeneficiaryInput, 'consent'>,
    on: string,
    socialEvaluation: string,
    devices = 1,
  ) => {
    const referredOn = latestDay(plusDays(on, -25), startsOn);
    const beneficiary = await createBeneficiary(db, referrer, {
      ...person,
      consent: { givenOn: referredOn, covers: consentScopes(on) },
    });
    await createReferral(db, referrer, {
      beneficiaryId: beneficiary.id,
      programmeId: programme.id,
      referredOn,
      socialEvaluation,
    });
    for (let k = 0; k < devices; k++) {
      await handOverOn(db, staff, {
        programmeId: programme.id,
        beneficiaryId: beneficiary.id,
        deviceId: await prepared(on),
        on,
      });
    }
    return beneficiary.id;
  };

  // Pupils first (the school year's start), three of them with their connection paid for a year.
  const pupilDays = spreadDays(PUPILS.length, plusDays(startsOn, 30), plusDays(startsOn, 150));
  for (const [i, [firstName, lastName, birthYear]] of PUPILS.entries()) {
    const on = earliestDay(pupilDays[i] as string, plusDays(now, -1));
    const id = await equip(
      staff,
      {
        kind: 'person',
        firstName,
        lastName,
        birthYear,
        postcode: ['45000', '45200', '45300', '45500'][i % 4],
        city: ['Orléans', 'Montargis', 'Pithiviers', 'Gien'][i % 4],
        householdType: i % 2 === 0 ? 'single_parent' : 'couple_with_children',
        childrenCount: 1 + (i % 3),
        incomeSituation: 'low_income',
        employmentSituation: 'student',
        targetGroup: 'pupil',
        priorityZone: i % 3 === 0,
        deviceNeed: 'laptop',
      },
      on,
      `Élève boursier (échelon ${1 + (i % 3)}), aucun ordinateur au foyer ; signalé par le collège.`,
    );
    if (i % 3 === 0) {
      await grantInternetAid(db, staff, {
        programmeId: programme.id,
        beneficiaryId: id,
        amountCents: 12_000,
        months: 12,
        grantedOn: on,
        provider: 'Box solidaire',
        proofReceived: true,
      });
    }
  }
  // Then job seekers in insertion, and people followed by the town's social workers.
  const laterDays = spreadDays(
    JOB_SEEKERS.length + FOLLOWED.length,
    plusDays(startsOn, 170),
    latestDay(plusDays(startsOn, 170), plusDays(now, -60)),
  );
  for (const [i, [firstName, lastName, birthYear]] of [...JOB_SEEKERS, ...FOLLOWED].entries()) {
    const followed = i >= JOB_SEEKERS.length;
    const on = earliestDay(laterDays[i] as string, plusDays(now, -1));
    await equip(
      followed ? socialWorker : staff,
      {
        kind: 'person',
        firstName,
        lastName,
        birthYear,
        postcode: followed ? '45100' : '45000',
        city: followed ? 'Saint-Aubin-sur-Loire' : 'Orléans',
        householdType: 'single',
        incomeSituation: followed ? 'rsa' : 'low_income',
        employmentSituation: 'job_seeker',
        targetGroup: 'job_seeker',
        deviceNeed: 'laptop',
      },
      on,
      followed
        ? 'Suivie par le CCAS ; recherche d’emploi et démarches en ligne.'
        : 'Parcours d’insertion : CV, candidatures et formation à distance.',
    );
  }
  // Associations last, two computers each.
  const associationDays = spreadDays(ASSOCIATIONS.length, plusDays(now, -120), plusDays(now, -20));
  for (const [i, association] of ASSOCIATIONS.entries()) {
    const on = latestDay(associationDays[i] as string, plusDays(startsOn, 200));
    await equip(
      staff,
      {
        kind: 'association',
        name: association.name,
        rna: association.rna,
        contactName: association.contactName,
        postcode: i === 0 ? '45200' : '45300',
        city: i === 0 ? 'Montargis' : 'Pithiviers',
        peopleServed: 120 + i * 60,
        targetGroup: 'association',
      },
      earliestDay(on, plusDays(now, -1)),
      'Accueil du public et aide aux démarches en ligne.',
      association.devices,
    );
  }

  // The second delivery, in the workshop now: at every stage, one computer set aside for the next pupil.
  const secondDelivery = plusDays(now, -40);
  const batch = await createDonation(db, technician, {
    donorOrganisationId: company.id,
    refurbisherOrganisationId: orgs.refurbisher,
    receivedOn: secondDelivery,
    declaredCount: 6,
    note: 'Deuxième livraison de l’année',
  });
  const stages: Stage[] = ['ready', 'ready', 'ready', 'refurbishing', 'diagnosed', 'received'];
  const waiting: string[] = [];
  for (const [i, stage] of stages.entries()) {
    const id = await stockDevice(db, technician, {
      ...LAPTOP,
      model: 'Latitude 5410',
      serialNumber: `8RL${5200 + i}`,
      donationId: batch.id,
      stage,
      grade: 'A',
      osImage: DEPARTMENT_IMAGE,
      receivedOn: secondDelivery,
      workedOn: plusDays(secondDelivery, 5 + i * 3),
      operatorName: 'Lucie Moreau',
    });
    if (stage === 'ready') waiting.push(id);
  }
  const nextPupil = await createBeneficiary(db, staff, {
    kind: 'person',
    firstName: 'Jade',
    lastName: 'Rolland',
    birthYear: 2011,
    postcode: '45500',
    city: 'Gien',
    householdType: 'single_parent',
    childrenCount: 2,
    incomeSituation: 'low_income',
    employmentSituation: 'student',
    targetGroup: 'pupil',
    deviceNeed: 'laptop',
    consent: { givenOn: plusDays(now, -10) },
  });
  await createReferral(db, staff, {
    beneficiaryId: nextPupil.id,
    programmeId: programme.id,
    referredOn: plusDays(now, -10),
    socialEvaluation: 'Élève boursière arrivée en cours d’année.',
  });
  if (waiting[0]) {
    await createAllocation(db, staff, {
      programmeId: programme.id,
      beneficiaryId: nextPupil.id,
      deviceId: waiting[0],
    });
  }
  return { departmentId: department.id, companyId: company.id, accounts: demoAccounts };
}
