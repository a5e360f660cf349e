/**
 * The inputs of the distribution documents (sale receipt, loan agreement, donation certificate, handover
 * attestation, subsidy statement, sign-off sheet of a group handover event). They hold only what is printed,
 * already read and checked by the caller, so that the renderers stay pure: the same input gives the same bytes.
 */

/** An organisation named on a document: the issuer, a funder. */
export interface Party {
  name: string;
  siret?: string | null;
  rna?: string | null;
  postcode?: string | null;
  city?: string | null;
  /** The organisation's logo (PNG or JPEG), at the head of the documents it issues. */
  logo?: Buffer | null;
}

export type DocumentDeviceType =
  | 'laptop'
  | 'desktop'
  | 'monitor'
  | 'tablet'
  | 'smartphone'
  | 'printer'
  | 'other';

export interface DocumentDevice {
  assetTag: string;
  type: DocumentDeviceType;
  brand?: string | null;
  model?: string | null;
  serialNumber?: string | null;
}

/** The person (or association) who receives the device. */
export interface DocumentPerson {
  name: string;
  postcode?: string | null;
  city?: string | null;
}

export type PaymentMethod = 'cash' | 'cheque' | 'card' | 'transfer';
export type DistributionMode = 'sale' | 'loan' | 'donation';

export interface DocumentBase {
  /** The document's number, printed as it is (e.g. 'RV-2026-000042'). */
  number: string;
  /** Calendar day, YYYY-MM-DD: printed as the document's date and used as the PDF's creation date. */
  issuedOn: string;
  issuer: Party;
  programmeName: string;
}

export interface SaleReceiptInput extends DocumentBase {
  buyer: DocumentPerson;
  device: DocumentDevice;
  handedOverOn: string;
  unitPriceCents: number;
  subsidies: { funderName: string; amountCents: number }[];
  /** What the household was expected to pay (the price less the subsidies, never below zero). */
  contributionCents: number;
  paid: { amountCents: number; method: PaymentMethod; note?: string | null } | null;
}

export interface LoanAgreementInput extends DocumentBase {
  borrower: DocumentPerson;
  device: DocumentDevice;
  startedOn: string;
  dueOn: string;
  loanMonths: number;
  renewable: boolean;
  /** At most this many renewals (null: no cap). */
  maxRenewals?: number | null;
  /** The borrower's page to report a problem without an account (printed with a QR code). */
  reportUrl?: string | null;
  /** The signature drawn at the handover, if any. */
  signaturePng?: Buffer | null;
}

export interface DonationCertificateInput extends DocumentBase {
  recipient: DocumentPerson;
  device: DocumentDevice;
  handedOverOn: string;
}

export interface HandoverAttestationInput extends DocumentBase {
  recipient: DocumentPerson;
  device: DocumentDevice;
  handedOverOn: string;
  mode: DistributionMode;
  /** The recipient signed a paper copy at the handover. */
  signedOnPaper: boolean;
  /** The signature drawn at the handover, if any. */
  signaturePng?: Buffer | null;
}

export interface SubsidyStatementLine {
  handedOverOn: string;
  assetTag: string;
  deviceType: DocumentDeviceType;
  amountCents: number;
}

export interface SubsidyStatementInput extends DocumentBase {
  funder: Party;
  period: { from: string; to: string };
  /** One line per device; no person is named (a funder sees only devices and amounts). */
  lines: SubsidyStatementLine[];
}

/** One handover at a group event: who receives which device, and what they pay (a sale) or null. */
export interface SignOffSheetRow {
  /** The person, or the association, who receives the device. */
  name: string;
  device: DocumentDevice;
  /** What is left to pay at the handover, for a sale; null otherwise (printed as a dash). */
  amountCents: number | null;
}

export interface SignOffSheetInput {
  /** The programme's owner, who runs the event. */
  issuer: Party;
  programmeName: string;
  mode: DistributionMode;
  /** `heldOn` is a YYYY-MM-DD day. */
  event: { heldOn: string; place: string | null; title?: string | null };
  /** In the order they are printed (numbered from 1). */
  rows: SignOffSheetRow[];
  /** YYYY-MM-DD, the PDF's creation date. */
  generatedOn: string;
}
