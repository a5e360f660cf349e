import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { programmes } from '../programmes/schema.ts';
import { involvedOrganisations, type ProgrammeRow, programmeParties } from '../programmes/visibility.ts';
import { reportPermissions } from './network-permissions.ts';

/**
 * Who may read a programme's report. The report holds figures only (no person is ever named), but its
 * figures are the programme's internal results, so:
 * - the owner's members who may manage the programme (`programme.manage`: administrators and managers);
 * - the funders who pay for it, as the programme's managers named them (a subsidy funder or the
 *   internet-aid funder; an aid can only name one of these): their members who read reports
 *   (`report.read`: administrators, managers, viewers);
 * - platform administrators.
 * `exact` is true for the owner's managers and platform administrators; a funder reads the demographics
 * masked (a programme of a few persons would otherwise describe each of them).
 * Everyone else: 404 when the programme is invisible to them, 403 when they see it (a partner, a social
 * worker of the owner) but may not read its report.
 */
export async function loadReportableProgramme(
  db: Executor,
  actor: Actor,
  programmeId: string,
): Promise<{ programme: ProgrammeRow; exact: boolean }> {
  if (!isUuid(programmeId)) throw notFound('programme');
  const [row] = await db.select().from(programmes).where(eq(programmes.id, programmeId));
  if (!row) throw notFound('programme');
  if (actor.isPlatformAdmin) return { programme: row, exact: true };
  if (peoplePermissions.can(actor, 'programme.manage', row.ownerOrganisationId))
    return { programme: row, exact: true };
  const parties = await programmeParties(db, row);
  const funders = new Set(parties.funders);
  if (row.internetAidFunderId) funders.add(row.internetAidFunderId);
  if ([...funders].some((org) => reportPermissions.can(actor, 'report.read', org)))
    return { programme: row, exact: false };
  const sees = involvedOrganisations(parties).some((org) =>
    peoplePermissions.can(actor, 'programme.read', org),
  );
  throw sees ? forbidden() : notFound('programme');
}
