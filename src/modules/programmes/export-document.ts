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
    devices: data.distribution.allocations.map((a) => ({
      programmeName: a.programmeName,
      assetTag: a.assetTag,
      status: a.status,
      handedOverOn: a.handedOverOn,
      paymentCents: a.paymentCents,
    })),
    loans: data.distribution.loans,
    internetAids: data.distribution.internetAids,
    tickets: data.distribution.tickets.map((k) => ({
      createdAt: k.createdAt.toISOString(),
      assetTag: k.assetTag,
      description: k.description,
      status: k.status,
    })),
    workshops: data.training.enrolments.map((e) => ({
      title: e.workshopTitle,
      enrolledOn: e.enrolledOn,
      status: e.status,
      attended: data.training.attendance.filter((a) => a.present && a.workshopTitle === e.workshopTitle)
        .length,
    })),
    assessments: data.training.assessments.map((a) => ({
      stage: a.stage,
      assessedOn: a.assessedOn,
      autonomous: a.autonomous,
    })),
    accesses: data.accesses.map((a) => ({
      at: a.at.toISOString(),
      action: a.action,
      actorName: a.actorName,
    })),
  };
}
