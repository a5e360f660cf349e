import type { DeviceType } from '../../lib/vocabulary.ts';

/** The JSON of the donor's yearly summary, shared by the API and the web app. It never names a person. */

/** What became of the devices given: where each one stands today. */
export interface DonorFateCounts {
  /** Devices of the donations received that year. */
  given: number;
  /** Handed over in a programme (and not recycled or lost since). */
  reused: number;
  recycled: number;
  /** Still with the refurbisher: being refurbished, ready, reserved, or back from a loan. */
  inProgress: number;
  lost: number;
  /** For the reused devices (method in `method`). */
  co2eAvoidedKg: number;
  weeeAvoidedKg: number;
}

export interface DonorSummaryDonation extends DonorFateCounts {
  id: string;
  receivedOn: string;
  refurbisherOrganisationId: string;
  refurbisherName: string;
  declaredCount: number | null;
}

export interface DonorSummary {
  donor: { id: string; name: string };
  year: number;
  /** `full`: the donor's members and platform administrators; `refurbisher`: only the donations the reader's organisation received. */
  scope: 'full' | 'refurbisher';
  totals: DonorFateCounts;
  byType: ({ type: DeviceType } & Omit<DonorFateCounts, 'co2eAvoidedKg' | 'weeeAvoidedKg'>)[];
  donations: DonorSummaryDonation[];
  /** How CO2e and WEEE avoided are counted, in the reader's language. */
  method: string;
}
