import type { ProgrammeMode } from '../../modules/programmes/vocabulary.ts';
import type { Random } from './random.ts';
import type { Row, TableName } from './tables.ts';

/** How much to generate: 1 is the region (200,000 devices…), 0.1 the reduced bench. */
export interface RegionScale {
  devices: number;
  people: number;
  trainingSessions: number;
}

export function regionScale(factor: number): RegionScale {
  return {
    devices: Math.max(200, Math.round(200_000 * factor)),
    people: Math.max(100, Math.round(100_000 * factor)),
    trainingSessions: Math.max(20, Math.round(20_000 * factor)),
  };
}

export interface Organisation {
  id: string;
  name: string;
  kinds: string[];
  postcode: string;
  city: string;
}

export interface Programme {
  id: string;
  name: string;
  ownerId: string;
  year: number;
  mode: ProgrammeMode;
  unitPriceCents: number | null;
  subsidyCents: number;
  loanMonths: number | null;
  internetAidFunderId: string | null;
  trainingRequired: boolean;
  prescriberIds: string[];
  trainerId: string;
  /** People referred to it so far (one open referral per person and programme). */
  referred: Set<string>;
  /** Their referrals, for training enrolments. */
  referralPeople: string[];
  handovers: number;
}

export interface Person {
  id: string;
  /** The beneficiaries row without its last three cells (last activity, created, updated), set at the end. */
  row: Row;
  organisationId: string;
  createdDay: number;
  /** The latest contact: the retention period runs from it. */
  lastDay: number;
}

/** A referral while its history is generated (written once its status is final). */
export interface Referral {
  id: string;
  person: Person;
  programme: Programme;
  referredOn: number;
  status: string;
  exitReason: string | null;
  exitedOn: number | null;
}

/** What the generation builds: rows by table, and the pieces later steps need. */
export interface RegionContext {
  random: Random;
  scale: RegionScale;
  rows: Record<TableName, Row[]>;
  coordinatorId: string;
  refurbishers: Organisation[];
  prescribers: Organisation[];
  trainers: Organisation[];
  funders: Organisation[];
  donors: Organisation[];
  /** Programmes by refurbisher id, then by year. */
  programmes: Map<string, Map<number, Programme>>;
  people: Person[];
  peopleByOrganisation: Map<string, Person[]>;
  referrals: Referral[];
}
