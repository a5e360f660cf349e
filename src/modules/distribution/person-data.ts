/**
 * What distribution keeps about one person, for their right of access: the devices reserved and handed
 * over (with payments), loans, internet aids and the problems reported. Read by the person's export only
 * (the caller has already checked who may export).
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import { devices } from '../inventory/schema.ts';
import { programmes } from '../programmes/schema.ts';
import { allocations, internetAids, loans, maintenanceTickets } from './schema.ts';

export interface PersonDistribution {
  allocations: {
    programmeName: string;
    assetTag: string;
    deviceType: string;
    status: string;
    allocatedOn: string;
    handedOverOn: string | null;
    paymentCents: number | null;
    paymentMethod: string | null;
    paymentNote: string | null;
    signedOnPaper: boolean;
    /** A signature drawn at the handover is kept (as an image). */
    hasSignature: boolean;
    cancelReason: string | null;
    handoverCancelReason: string | null;
  }[];
  loans: {
    assetTag: string;
    startedOn: string;
    dueOn: string;
    renewals: number;
    returnedOn: string | null;
    returnCondition: string | null;
  }[];
  internetAids: {
    programmeName: string;
    amountCents: number;
    months: number;
    grantedOn: string;
    provider: string | null;
    proofReceived: boolean;
  }[];
  tickets: {
    assetTag: string;
    description: string;
    status: string;
    resolution: string | null;
    reportedByBorrower: boolean;
    borrowerContact: string | null;
    createdAt: Date;
  }[];
}

export async function personDistributionData(
  db: Executor,
  beneficiaryId: string,
): Promise<PersonDistribution> {
  const allocationRows = await db
    .select({
      programmeName: programmes.name,
      assetTag: devices.assetTag,
      deviceType: devices.type,
      status: allocations.status,
      allocatedOn: allocations.allocatedOn,
      handedOverOn: allocations.handedOverOn,
      paymentCents: allocations.paymentCents,
      paymentMethod: allocations.paymentMethod,
      paymentNote: allocations.paymentNote,
      signedOnPaper: allocations.signedOnPaper,
      hasSignature: sql<boolean>`${allocations.signaturePng} IS NOT NULL`,
      cancelReason: allocations.cancelReason,
      handoverCancelReason: allocations.handoverCancelReason,
    })
    .from(allocations)
    .innerJoin(programmes, eq(programmes.id, allocations.programmeId))
    .innerJoin(devices, eq(devices.id, allocations.deviceId))
    .where(eq(allocations.beneficiaryId, beneficiaryId))
    .orderBy(asc(allocations.allocatedOn), asc(allocations.createdAt));
  const loanRows = await db
    .select({
      assetTag: devices.assetTag,
      startedOn: loans.startedOn,
      dueOn: loans.dueOn,
      renewals: loans.renewals,
      returnedOn: loans.returnedOn,
      returnCondition: loans.returnCondition,
    })
    .from(loans)
    .innerJoin(devices, eq(devices.id, loans.deviceId))
    .where(eq(loans.beneficiaryId, beneficiaryId))
    .orderBy(asc(loans.startedOn));
  const aidRows = await db
    .select({
      programmeName: programmes.name,
      amountCents: internetAids.amountCents,
      months: internetAids.months,
      grantedOn: internetAids.grantedOn,
      provider: internetAids.provider,
      proofReceived: internetAids.proofReceived,
    })
    .from(internetAids)
    .innerJoin(programmes, eq(programmes.id, internetAids.programmeId))
    .where(eq(internetAids.beneficiaryId, beneficiaryId))
    .orderBy(asc(internetAids.grantedOn));
  const ticketRows = await db
    .select({
      assetTag: devices.assetTag,
      description: maintenanceTickets.description,
      status: maintenanceTickets.status,
      resolution: maintenanceTickets.resolution,
      reportedByBorrower: maintenanceTickets.reportedByBorrower,
      borrowerContact: maintenanceTickets.borrowerContact,
      createdAt: maintenanceTickets.createdAt,
    })
    .from(maintenanceTickets)
    .innerJoin(devices, eq(devices.id, maintenanceTickets.deviceId))
    .where(eq(maintenanceTickets.beneficiaryId, beneficiaryId))
    .orderBy(asc(maintenanceTickets.createdAt));
  return { allocations: allocationRows, loans: loanRows, internetAids: aidRows, tickets: ticketRows };
}
