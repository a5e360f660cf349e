/**
 * Who sees and changes a programme's budget and co-financing plan: its owner organisation only (partners
 * and funders of the programme read the figures in the reports, not the working budget). The owner's
 * administrators, managers and viewers read it (`report.read`); administrators and managers change it
 * (`programme.manage`); platform administrators may do both. Anyone else: 404, as if it did not exist; a
 * viewer trying to change it: 403.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { programmes } from '../programmes/schema.ts';
import type { ProgrammeRow } from '../programmes/visibility.ts';
import { reportPermissions } from '../reports/network-permissions.ts';

export type BudgetAccess = 'read' | 'write';

/** Whether the actor may read (or change) the budget of a programme owned by this organisation. */
export function canOnBudget(actor: Actor, ownerOrganisationId: string, access: BudgetAccess): boolean {
  if (access === 'read') return reportPermissions.can(actor, 'report.read', ownerOrganisationId);
  return peoplePermissions.can(actor, 'programme.manage', ownerOrganisationId);
}

/** Throws 404 when the actor may not read the programme's budget, 403 when they read it but may not change it. */
export function authorizeBudget(actor: Actor, programme: ProgrammeRow, access: BudgetAccess): void {
  if (!canOnBudget(actor, programme.ownerOrganisationId, 'read')) throw notFound('programme');
  if (access === 'write' && !canOnBudget(actor, programme.ownerOrganisationId, 'write')) throw forbidden();
}

/**
 * The programme whose budget the actor reads or changes, or 404/403. `lock` takes the programme's row
 * for the rest of the transaction: writes of one programme's budget then run one after the other (the
 * checks « one derived line per basis and year » and « payments within the amount granted » hold).
 */
export async function loadBudgetProgramme(
  db: Executor,
  actor: Actor,
  programmeId: string,
  access: BudgetAccess,
  lock = false,
): Promise<ProgrammeRow> {
  if (!isUuid(programmeId)) throw notFound('programme');
  const query = db.select().from(programmes).where(eq(programmes.id, programmeId));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('programme');
  authorizeBudget(actor, row, access);
  return row;
}
