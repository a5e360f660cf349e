/**
 * The financial statement of a programme: the document a funder asks for at the end of an agreement.
 * For the whole programme (every budget line, every funding), or for one funding agreement: its reference,
 * dates, amounts granted and received, and the programme's planned against spent per item over the
 * whole calendar years its dates touch (a budget is kept by calendar year: an agreement from July to June
 * covers two years, and the document says so). Read by the owner organisation's administrators, managers and viewers and by platform
 * administrators; anyone else gets 404, as if the programme did not exist.
 */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { organisations } from '../organisations/schema.ts';
import { loadBudgetProgramme } from './access.ts';
import { type BudgetFigures, type BudgetFunding, type BudgetPeriod, budgetFigures } from './figures.ts';
import { fundings } from './schema.ts';

export interface FinancialStatement {
  programme: { id: string; name: string; ownerName: string; startsOn: string; endsOn: string };
  /** The agreement the statement is for, or null for the whole programme. */
  funding: BudgetFunding | null;
  /**
   * The agreement's dates (a missing start or end taken from the programme's), or null for the whole
   * programme (or an agreement without any date, or whose dates are the wrong way round).
   */
  period: BudgetPeriod | null;
  /** True when one of the agreement's dates was missing and taken from the programme's: the document says so. */
  periodCompleted: boolean;
  /** The budget figures over the whole calendar years of `period` (`figures.coveredFrom`–`coveredTo`). */
  figures: BudgetFigures;
  /** When the statement was drawn up. */
  generatedAt: Date;
}

/** The statement of the programme, or of one of its fundings (`fundingId`; 404 when not the programme's). */
export async function financialStatement(
  db: Executor,
  actor: Actor,
  programmeId: string,
  fundingId?: string,
): Promise<FinancialStatement> {
  const programme = await loadBudgetProgramme(db, actor, programmeId, 'read');
  const [owner] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, programme.ownerOrganisationId));
  let period: BudgetPeriod | null = null;
  let periodCompleted = false;
  if (fundingId !== undefined) {
    if (!isUuid(fundingId)) throw notFound('funding');
    const [row] = await db
      .select({ startsOn: fundings.agreementStartsOn, endsOn: fundings.agreementEndsOn })
      .from(fundings)
      .where(and(eq(fundings.id, fundingId), eq(fundings.programmeId, programme.id)));
    if (!row) throw notFound('funding');
    if (row.startsOn || row.endsOn) {
      const from = row.startsOn ?? programme.startsOn;
      const to = row.endsOn ?? programme.endsOn;
      if (from <= to) {
        period = { from, to };
        periodCompleted = !row.startsOn || !row.endsOn;
      }
    }
  }
  const figures = await budgetFigures(db, programme.id, period ?? undefined);
  const funding = fundingId === undefined ? null : (figures.fundings.find((f) => f.id === fundingId) ?? null);
  return {
    programme: {
      id: programme.id,
      name: programme.name,
      ownerName: owner?.name ?? '',
      startsOn: programme.startsOn,
      endsOn: programme.endsOn,
    },
    funding,
    period,
    periodCompleted,
    figures,
    generatedAt: new Date(),
  };
}
