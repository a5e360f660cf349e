/**
 * Who the reports are for, as the server decides it (`report.read`: administrators, managers and
 * viewers of an organisation), so that the navigation shows only what will open.
 */
import type { Me, OrganisationKind, OrganisationProfile, Role } from '../../api.ts';

/** Roles that read their organisation's reports (the server's `report.read`). */
export const REPORT_READERS: readonly Role[] = ['admin', 'manager', 'viewer'];

/** The account's organisations of this kind whose reports it reads. */
export function reportOrganisations(me: Me | null, kind: OrganisationKind): OrganisationProfile[] {
  return (me?.memberships ?? [])
    .filter((m) => REPORT_READERS.includes(m.role) && m.organisation.kinds.includes(kind))
    .map((m) => m.organisation);
}

/** Whether « Rapports » shows: a report reader of any organisation, or a platform administrator. */
export function canReadReports(me: Me | null): boolean {
  if (!me) return false;
  return me.user.isPlatformAdmin || me.memberships.some((m) => REPORT_READERS.includes(m.role));
}

/** Whether « Réseau » shows: a report reader of a coordinator, or a platform administrator. */
export function canReadNetwork(me: Me | null): boolean {
  if (!me) return false;
  return me.user.isPlatformAdmin || reportOrganisations(me, 'coordinator').length > 0;
}

/** What the report links need to know of a programme. */
interface ProgrammeParties {
  ownerOrganisationId: string;
  subsidies: { funderOrganisationId: string }[];
  internetAid: { funderOrganisationId?: string | null | undefined } | null;
  can: { manage: boolean };
}

/**
 * Whether the account reads the programme's report: its managers, the members of its funders, platform
 * administrators (a funder recorded only on an aid is known to the server alone: it answers 403/404).
 */
export function readsProgrammeReport(me: Me, programme: ProgrammeParties): boolean {
  const funders = programme.subsidies.map((s) => s.funderOrganisationId);
  if (programme.internetAid?.funderOrganisationId) funders.push(programme.internetAid.funderOrganisationId);
  return (
    me.user.isPlatformAdmin ||
    programme.can.manage ||
    me.memberships.some((m) => funders.includes(m.organisation.id))
  );
}

/** Whether the account reads a funder's report: its readers, and the owner's (their programmes only). */
export function readsFunderReport(me: Me, programme: ProgrammeParties, funderId: string): boolean {
  return (
    me.user.isPlatformAdmin ||
    me.memberships.some(
      (m) =>
        (m.organisation.id === funderId || m.organisation.id === programme.ownerOrganisationId) &&
        REPORT_READERS.includes(m.role),
    )
  );
}

/** Whether the account reads the yearly summary of a donation's donor (the refurbisher's readers: theirs only). */
export function readsDonorSummary(
  me: Me,
  donation: { donorOrganisationId: string; refurbisherOrganisationId: string },
): boolean {
  return (
    me.user.isPlatformAdmin ||
    me.memberships.some(
      (m) =>
        (m.organisation.id === donation.donorOrganisationId ||
          m.organisation.id === donation.refurbisherOrganisationId) &&
        REPORT_READERS.includes(m.role),
    )
  );
}
