import type { PersonExport } from './documents/person-export.ts';
import type { PersonData } from './rights.ts';

/** The export's data as the readable PDF shows it: reasons already worded, instants as ISO text. */
export function toPersonExport(data: PersonData): PersonExport {
  const { beneficiary } = data;
  return {
    generatedAt: data.exportedAt,
    organisationName: data.organisation.name,
    beneficiary: {
      ...beneficiary,
      createdAt: beneficiary.createdAt.toISOString(),
    },
    consents: data.consents.map((c) => ({
      givenOn: c.givenOn,
      collectedByName: c.collectedByName,
      covers: c.covers,
      withdrawnOn: c.withdrawnOn,
    })),
    referrals: data.referrals.map((r) => ({
      programmeName: r.programmeName,
      referredOn: r.referredOn,
      status: r.status,
      referringOrganisationName: r.referringOrganisationName,
      reasons: r.eligibility.reasons.map((reason) => reason.message),
      socialEvaluation: r.socialEvaluation,
      priority: r.priority,
      priorityReason: r.priorityReason,
      exitReason: r.exitReason,
      exitedOn: r.exitedOn,
    })),
    timeline: data.timeline.map((e) => ({
      at: e.at.toISOString(),
      kind: e.kind,
      programmeName: e.programmeName,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      authorName: e.authorName,
    })),
    accesses: data.accesses.map((a) => ({
      at: a.at.toISOString(),
      action: a.action,
      actorName: a.actorName,
    })),
  };
}
