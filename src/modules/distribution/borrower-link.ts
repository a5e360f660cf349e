/**
 * The borrower's link: a secret address printed on the loan agreement (and made again by the programme's
 * staff) through which a borrower reports a problem with the lent device without an account. It shows the
 * device and the loan's due date, never a name; it stops working when the loan ends or a new link is made.
 */
import { and, asc, count, eq, isNull, ne } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.ts';
import type { Locale } from '../../lib/messages.ts';
import { recordAudit } from '../audit/service.ts';
import { devices } from '../inventory/schema.ts';
import { organisations } from '../organisations/schema.ts';
import { recordStep } from '../programmes/events.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { programmes } from '../programmes/schema.ts';
import { loadProgramme } from '../programmes/visibility.ts';
import { getAllocation } from './allocations.ts';
import { reissueLoanAgreement } from './documents-service.ts';
import { getLoan, newReportToken, reportTokenHash, reportUrl } from './loans.ts';
import { loans, maintenanceTickets, type TicketStatus } from './schema.ts';

/** Open tickets a borrower may have at once through the link (more waits for the staff to answer). */
export const BORROWER_OPEN_TICKETS_MAX = 5;

export interface BorrowerView {
  organisationName: string;
  programmeName: string;
  assetTag: string;
  deviceType: string;
  dueOn: string;
  tickets: { createdAt: Date; status: TicketStatus }[];
}

/** A token has the shape we make (40 hexadecimal digits); anything else is unknown. */
function hashOf(token: string): string | null {
  return /^[0-9a-f]{40}$/.test(token) ? reportTokenHash(token) : null;
}

async function loanOf(db: Executor, token: string, forUpdate = false) {
  const hash = hashOf(token);
  if (!hash) throw notFound('report_link');
  const query = db
    .select({
      loan: loans,
      programmeName: programmes.name,
      ownerOrganisationId: programmes.ownerOrganisationId,
      organisationName: organisations.name,
      assetTag: devices.assetTag,
      deviceType: devices.type,
    })
    .from(loans)
    .innerJoin(programmes, eq(programmes.id, loans.programmeId))
    .innerJoin(organisations, eq(organisations.id, programmes.ownerOrganisationId))
    .innerJoin(devices, eq(devices.id, loans.deviceId))
    .where(and(eq(loans.reportTokenHash, hash), isNull(loans.returnedOn)));
  const [row] = forUpdate ? await query.for('update', { of: loans }) : await query;
  if (!row) throw notFound('report_link');
  return row;
}

/** What the borrower's page shows: whose device, until when, and the problems already reported. */
export async function borrowerView(db: Executor, token: string): Promise<BorrowerView> {
  const row = await loanOf(db, token);
  const tickets = await db
    .select({ createdAt: maintenanceTickets.createdAt, status: maintenanceTickets.status })
    .from(maintenanceTickets)
    .where(eq(maintenanceTickets.allocationId, row.loan.allocationId))
    .orderBy(asc(maintenanceTickets.createdAt));
  return {
    organisationName: row.organisationName,
    programmeName: row.programmeName,
    assetTag: row.assetTag,
    deviceType: row.deviceType,
    dueOn: row.loan.dueOn,
    tickets,
  };
}

export interface BorrowerReport {
  description: string;
  contact?: string | null;
  /** A field people never see: a robot filling it is answered as usual and nothing is recorded. */
  website?: string | null;
}

/**
 * A problem reported by the borrower: a ticket on the device they hold, marked as theirs, in the
 * programme owner's list. At most {@link BORROWER_OPEN_TICKETS_MAX} open at once (422 beyond).
 */
export async function reportByBorrower(
  db: Executor,
  token: string,
  input: BorrowerReport,
  context: { ip: string | null; locale: Locale },
): Promise<{ createdAt: Date; status: TicketStatus }> {
  if (input.website?.trim()) {
    await loanOf(db, token);
    return { createdAt: new Date(), status: 'open' };
  }
  return db.transaction(async (tx) => {
    const row = await loanOf(tx, token, true);
    const [open] = await tx
      .select({ n: count() })
      .from(maintenanceTickets)
      .where(
        and(
          eq(maintenanceTickets.allocationId, row.loan.allocationId),
          eq(maintenanceTickets.reportedByBorrower, true),
          ne(maintenanceTickets.status, 'resolved'),
        ),
      );
    if ((open?.n ?? 0) >= BORROWER_OPEN_TICKETS_MAX) {
      throw new AppError('RULE_REFUSED', 'tickets.too_many_open', {
        params: { count: BORROWER_OPEN_TICKETS_MAX, organisation: row.organisationName },
      });
    }
    const [ticket] = await tx
      .insert(maintenanceTickets)
      .values({
        allocationId: row.loan.allocationId,
        programmeId: row.loan.programmeId,
        beneficiaryId: row.loan.beneficiaryId,
        deviceId: row.loan.deviceId,
        description: input.description.trim(),
        reportedByBorrower: true,
        borrowerContact: input.contact?.trim() || null,
      })
      .returning({
        id: maintenanceTickets.id,
        createdAt: maintenanceTickets.createdAt,
        status: maintenanceTickets.status,
      });
    if (!ticket) throw new Error('insert returned no row');
    // Nobody signed in: the change is the link's, recorded without a user.
    const borrower: Actor = {
      userId: null,
      isPlatformAdmin: false,
      memberships: new Map(),
      ip: context.ip,
      locale: context.locale,
      via: 'link',
    };
    await recordAudit(tx, borrower, {
      action: 'ticket.open_by_borrower',
      entityType: 'ticket',
      entityId: ticket.id,
      organisationId: row.ownerOrganisationId,
      fields: ['description', ...(input.contact?.trim() ? ['borrowerContact'] : [])],
    });
    await recordStep(tx, borrower, {
      beneficiaryId: row.loan.beneficiaryId,
      kind: 'ticket_opened',
      programmeId: row.loan.programmeId,
    });
    return { createdAt: ticket.createdAt, status: ticket.status };
  });
}

/**
 * A new link for the borrower to report a problem without an account, for the programme owner's staff: the
 * previous link stops working, and the loan agreement is issued again with the new link printed on it
 * (the previous agreement is voided, kept with its number). The link is shown once.
 */
export async function renewReportLink(
  db: Executor,
  actor: Actor,
  loanId: string,
  publicUrl: string,
): Promise<{ url: string; documentNumber: string }> {
  const loan = await getLoan(db, actor, loanId);
  const allocation = await getAllocation(db, actor, loan.allocationId);
  const { row: programme } = await loadProgramme(db, actor, allocation.programmeId);
  if (!peoplePermissions.can(actor, 'referral.manage', programme.ownerOrganisationId)) throw forbidden();
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(loans).where(eq(loans.id, loan.id)).for('update');
    if (!locked) throw notFound('loan');
    if (locked.returnedOn) throw conflict('loans.returned', { on: locked.returnedOn });
    const link = newReportToken();
    const document = await reissueLoanAgreement(
      tx,
      actor,
      { ...allocation, deviceId: locked.deviceId },
      programme,
      actor.locale,
      publicUrl,
      link,
    );
    await recordAudit(tx, actor, {
      action: 'loan.report_link',
      entityType: 'loan',
      entityId: loan.id,
      organisationId: programme.ownerOrganisationId,
      fields: ['reportTokenHash', 'loan_agreement'],
    });
    return { url: reportUrl(publicUrl, link.token), documentNumber: document.number };
  });
}
