import type { DeviceStatus, DeviceType, OrganisationKind } from '../../lib/vocabulary.ts';
import type { ProgrammeMode, TargetGroup } from '../programmes/vocabulary.ts';

/**
 * The JSON of the network dashboard and of network membership, shared by the API and the web app.
 * A coordinator sees aggregates only: every figure about people is a `PeopleCount`.
 */

/** Counts about fewer than five people (1 to 4) are replaced by this string: small counts identify. */
export const SMALL_COUNT = '<5' as const;
/** The smallest count of people shown as a number (0 is shown: it identifies nobody). */
export const SMALL_COUNT_THRESHOLD = 5;

/** A number of people: the figure itself, or `"<5"` when it is 1 to 4. */
export type PeopleCount = number | typeof SMALL_COUNT;

/** Where one organisation stands with a coordinator: both sides must agree before it is counted. */
export type NetworkMemberStatus = 'active' | 'invited' | 'requested';

export interface NetworkMember {
  coordinatorOrganisationId: string;
  organisationId: string;
  /** The organisation's public profile (the directory is public inside the instance). */
  name: string;
  kinds: OrganisationKind[];
  /** `active`: both agreed; `invited`: the coordinator asked, the organisation has not agreed yet; `requested`: the reverse. */
  status: NetworkMemberStatus;
  addedAt: string;
  coordinatorAgreedAt: string | null;
  memberAgreedAt: string | null;
}

/** A network an organisation belongs to (or is invited to), seen from the organisation. */
export interface NetworkMembershipOfOrganisation {
  coordinatorOrganisationId: string;
  coordinatorName: string;
  organisationId: string;
  status: NetworkMemberStatus;
  addedAt: string;
}

export interface NetworkFlowMonth {
  /** `YYYY-MM`, in the instance's time zone. */
  month: string;
  /** Devices recorded as received (intake) in the month. */
  received: number;
  /** Moves to `ready` (refurbished) in the month. */
  ready: number;
  /** Handovers recorded with a handover day in the month (taken-back handovers excluded); masked like people. */
  handedOver: PeopleCount;
  /** Devices moved to `recycled` in the month. */
  recycled: number;
}

export interface NetworkDashboard {
  coordinator: { id: string; name: string };
  period: { from: string; to: string };
  /** The organisations counted: the coordinator itself and the active members of its network. */
  organisations: { id: string; name: string; kinds: OrganisationKind[] }[];
  /** Devices held today by these organisations (not people: never masked). */
  stock: {
    total: number;
    byStatus: { status: DeviceStatus; count: number }[];
    byType: { type: DeviceType; count: number }[];
    byStatusAndType: { status: DeviceStatus; type: DeviceType; count: number }[];
  };
  /** One line per month of the period, months without movement included. */
  flows: NetworkFlowMonth[];
  flowTotals: { received: number; ready: number; handedOver: PeopleCount; recycled: number };
  /** People and associations with a handover in the period, in programmes these organisations run. */
  people: {
    equipped: PeopleCount;
    byGroup: { group: TargetGroup; equipped: PeopleCount }[];
    /** A person equipped in two modes counts in each. */
    byMode: { mode: ProgrammeMode; equipped: PeopleCount }[];
  };
  training: {
    /** Sessions of these organisations' workshops in the period, not cancelled, with someone present. */
    sessionsHeld: number;
    /** Distinct people present at least once at those sessions. */
    peopleTrained: PeopleCount;
    anonymousActivities: number;
    anonymousParticipants: PeopleCount;
  };
  /** For the devices handed over in the period (see `method`). */
  impact: { co2eAvoidedKg: number; weeeAvoidedKg: number; method: string };
  masking: { threshold: typeof SMALL_COUNT_THRESHOLD; shownAs: typeof SMALL_COUNT };
}
