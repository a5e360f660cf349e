/**
 * The financial statement of a programme: the document a funder asks for at the end of an agreement.
 * For the whole programme (every budget line, every funding), or for one funding agreement: its reference,
 * dates, amounts granted and received, and the programme's planned against spent per item over the
 * agreement's dates (whole calendar years of budget lines meeting them; derived amounts from the facts of
 * those days). Read by the owner organisation's administrators, managers and viewers and by platform
 * administrators; anyone else gets 404, as if the programme did not exist.
 */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { organisations } from '../organisations/schema.ts';
import { programmes } from '../programmes/schema.ts';
import { reportPermissions } from '../reports/network-permissions.ts';
import { type BudgetFigures, type BudgetFunding, type BudgetPeriod, budgetFigures } from './figures.ts';
import { fundings } from './schema.ts';

export interface FinancialStatement {
  programme: { id: string; name: string; ownerName: string; startsOn: string; endsOn: string };
  /** The agreement the statement is for, or null for the whole programme. */
  funding: BudgetFunding | null;
  /** The agreement's dates when it has both, else null (every year of the budget). */
  period: BudgetPeriod | null;
  figures: BudgetFigures;
  /** When the statement was drawn up. */
  generatedAt: Date;
}

/** The programme, when the actor may read its budget (the owner's report readers); 404 otherwise. */
async function loadStatementProgramme(db: Executor, actor: Actor, programmeId: string) {
  if (!isUuid(programmeId)) throw notFound('programme');
  const [row] = await db
    .select({
      id: programmes.id,
      name: programmes.name,
      startsOn: programmes.startsOn,
      endsOn: programmes.endsOn,
      ownerOrganisationId: programmes.ownerOrganisationId,
      ownerName: organisations.name,
    })
    .from(programmes)
    .innerJoin(organisations, eq(organisations.id, programmes.ownerOrganisationId))
    .where(eq(programmes.id, programmeId));
  if (!row || !reportPermissions.can(actor, 'report.read', row.ownerOrganisationId))
    throw notFound('programme');
  return row;
}

/** The statement of the programme, or of one of its fundings (`fundingId`; 404 when not the programme's). */
export async function financialStatement(
  db: Executor,
  actor: Actor,
  programmeId: string,
  fundingId?: string,
): Promise<FinancialStatement> {
  const programme = await loadStatementProgramme(db, actor, programmeId);
  let period: BudgetPeriod | null = null;
  if (fundingId !== undefined) {
    if (!isUuid(fundingId)) throw notFound('funding');
    const [row] = await db
      .select({ startsOn: fundings.agreementStartsOn, endsOn: fundings.agreementEndsOn })
      .from(fundings)
      .where(and(eq(fundings.id, fundingId), eq(fundings.programmeId, programme.id)));
    if (!row) throw notFound('funding');
    if (row.startsOn && row.endsOn && row.startsOn <= row.endsOn)
      period = { from: row.startsOn, to: row.endsOn };
  }
  const figures = await budgetFigures(db, programme.id, period ?? undefined);
  const funding = fundingId === undefined ? null : (figures.fundings.find((f) => f.id === fundingId) ?? null);
  return {
    programme: {
      id: programme.id,
      name: programme.name,
      ownerName: programme.ownerName,
      startsOn: programme.startsOn,
      endsOn: programme.endsOn,
    },
    funding,
    period,
    figures,
    generatedAt: new Date(),
  };
}
