/**
 * The funder report's money part, per programme: this funder's own fundings of the programme (requested,
 * granted, received, agreement reference and dates), its share of the programme's co-financing, and what
 * the programme cost per person equipped and per device over the whole calendar years of the period. Never
 * another funder's agreement: only this funder's granted fundings are listed (not a refused or unanswered
 * request).
 */
import { z } from 'zod';
import type { Executor } from '../../db/tx.ts';
import { type BudgetFunding, budgetFigures, FUNDING_STATUSES } from '../budgets/figures.ts';

export interface FunderProgrammeBudget {
  /**
   * This funder's granted fundings of the programme (funder named as an organisation of the directory),
   * then, when it subsidises handovers, one derived row (`derived`: its id is the funder's; no reference
   * nor dates; requested = granted = received = the subsidies of the covered years' handovers).
   */
  fundings: (Pick<
    BudgetFunding,
    | 'id'
    | 'status'
    | 'requestedCents'
    | 'grantedCents'
    | 'receivedCents'
    | 'agreementReference'
    | 'agreementStartsOn'
    | 'agreementEndsOn'
  > & { derived: boolean })[];
  requestedCents: number;
  grantedCents: number;
  receivedCents: number;
  /** This funder's granted ÷ the programme's total granted, 0..1. */
  shareOfGranted: number;
  /** This funder's granted ÷ the programme's total planned; null without a planned budget. */
  shareOfPlanned: number | null;
  /** The programme's spent ÷ people equipped / devices handed over in the period; null without budget. */
  costPerPersonCents: number | null;
  costPerDeviceCents: number | null;
}

/** The money part of one programme's line in the funder report, over the report's period. */
export async function funderProgrammeBudget(
  db: Executor,
  funderId: string,
  programmeId: string,
  period: { from: string; to: string },
): Promise<FunderProgrammeBudget> {
  const f = await budgetFigures(db, programmeId, period);
  // Only what it granted: a funder refused, or only asked, is no party to the programme's figures.
  const own = f.fundings.filter(
    (x) => x.funderOrganisationId === funderId && x.status !== 'requested' && x.status !== 'refused',
  );
  const rows: FunderProgrammeBudget['fundings'] = own.map((x) => ({
    id: x.id,
    status: x.status,
    requestedCents: x.requestedCents,
    grantedCents: x.grantedCents,
    receivedCents: x.receivedCents,
    agreementReference: x.agreementReference,
    agreementStartsOn: x.agreementStartsOn,
    agreementEndsOn: x.agreementEndsOn,
    derived: false,
  }));
  // What it gives through the subsidies recorded on handovers: its contribution too, its own row.
  const subsidies = f.handoverSubsidies.find((s) => s.funderOrganisationId === funderId);
  if (subsidies)
    rows.push({
      id: funderId,
      status: 'received',
      requestedCents: subsidies.requestedCents,
      grantedCents: subsidies.grantedCents,
      receivedCents: subsidies.receivedCents,
      agreementReference: null,
      agreementStartsOn: null,
      agreementEndsOn: null,
      derived: true,
    });
  const sum = (pick: (x: FunderProgrammeBudget['fundings'][number]) => number) =>
    rows.reduce((s, x) => s + pick(x), 0);
  const grantedCents = sum((x) => x.grantedCents);
  const recorded = f.lines.length > 0;
  return {
    fundings: rows,
    requestedCents: sum((x) => x.requestedCents),
    grantedCents,
    receivedCents: sum((x) => x.receivedCents),
    shareOfGranted: f.funding.grantedCents > 0 ? grantedCents / f.funding.grantedCents : 0,
    shareOfPlanned: f.totals.plannedCents > 0 ? grantedCents / f.totals.plannedCents : null,
    costPerPersonCents: recorded ? f.costPerPersonCents : null,
    costPerDeviceCents: recorded ? f.costPerDeviceCents : null,
  };
}

const Cents = z.number().int();

/** The reply schema of `FunderProgrammeBudget`. */
export const FunderProgrammeBudgetReply = z
  .object({
    fundings: z.array(
      z.object({
        id: z.uuid(),
        status: z.enum(FUNDING_STATUSES),
        requestedCents: Cents,
        grantedCents: Cents,
        receivedCents: Cents,
        agreementReference: z.string().nullable(),
        agreementStartsOn: z.string().nullable(),
        agreementEndsOn: z.string().nullable(),
        derived: z
          .boolean()
          .describe('The subsidies recorded on handovers (computed; id is the funder’s), not an agreement'),
      }),
    ),
    requestedCents: Cents,
    grantedCents: Cents,
    receivedCents: Cents,
    shareOfGranted: z.number().min(0).max(1),
    shareOfPlanned: z.number().min(0).nullable(),
    costPerPersonCents: Cents.nullable(),
    costPerDeviceCents: Cents.nullable(),
  })
  .describe(
    "This funder's fundings of the programme, its share, and the programme's unit costs in the period",
  );
