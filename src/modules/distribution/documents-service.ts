/**
 * The documents of distribution: issued once, numbered per issuing organisation, kind and year without
 * gaps, kept as issued (a second download gives the same bytes). The organisation holding the device
 * sells, lends or gives it (receipt, loan agreement, donation certificate); the programme's owner attests
 * the handover and states the subsidies to each funder.
 */
import { and, asc, eq, gte, isNull, lte } from 'drizzle-orm';
import { nextNumber } from '../../db/counters.ts';
import type { Executor } from '../../db/tx.ts';
import { isUniqueViolation } from '../../db/tx.ts';
import type { Actor } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../lib/errors.ts';
import type { Locale } from '../../lib/messages.ts';
import { recordAudit } from '../audit/service.ts';
import { devices } from '../inventory/schema.ts';
import { getLogo } from '../organisations/logos.ts';
import { organisations } from '../organisations/schema.ts';
import { peoplePermissions } from '../programmes/permissions.ts';
import { contributionCents } from '../programmes/programmes.ts';
import { displayName } from '../programmes/referrals.ts';
import { beneficiaries, programmeSubsidies } from '../programmes/schema.ts';
import { loadProgramme, type ProgrammeRow } from '../programmes/visibility.ts';
import { type Allocation, getAllocation } from './allocations.ts';
import { donationCertificatePdf } from './documents/donation-certificate.ts';
import { handoverAttestationPdf } from './documents/handover-attestation.ts';
import { loanAgreementPdf } from './documents/loan-agreement.ts';
import { saleReceiptPdf } from './documents/sale-receipt.ts';
import { subsidyStatementPdf } from './documents/subsidy-statement.ts';
import type { DocumentDevice, Party } from './documents/types.ts';
import { newReportToken, reportUrl } from './loans.ts';
import { allocations, type DocumentKind, distributionDocuments, loans } from './schema.ts';

/** The documents of one handover, by the name used in their address. */
export const ALLOCATION_DOCUMENTS = {
  receipt: 'sale_receipt',
  'loan-agreement': 'loan_agreement',
  'donation-certificate': 'donation_certificate',
  'handover-attestation': 'handover_attestation',
} as const satisfies Record<string, DocumentKind>;
export type AllocationDocumentName = keyof typeof ALLOCATION_DOCUMENTS;

const PREFIX: Record<DocumentKind, string> = {
  sale_receipt: 'RV',
  loan_agreement: 'CP',
  donation_certificate: 'AD',
  handover_attestation: 'AR',
  subsidy_statement: 'EA',
};

/** Which programme mode each document belongs to (the attestation goes with every handover). */
const MODE_OF: Partial<Record<DocumentKind, 'sale' | 'loan' | 'donation'>> = {
  sale_receipt: 'sale',
  loan_agreement: 'loan',
  donation_certificate: 'donation',
};

export interface IssuedDocument {
  number: string;
  filename: string;
  pdf: Buffer;
}

async function party(db: Executor, organisationId: string): Promise<Party> {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
  if (!org) throw notFound('organisation');
  const logo = await getLogo(db, organisationId);
  return {
    name: org.name,
    siret: org.siret,
    rna: org.rna,
    postcode: org.postcode,
    city: org.city,
    logo: logo?.image ?? null,
  };
}

async function issueNumber(
  tx: Executor,
  issuer: string,
  kind: DocumentKind,
  issuedOn: string,
): Promise<string> {
  const year = Number(issuedOn.slice(0, 4));
  const n = await nextNumber(tx, issuer, kind, year);
  return `${PREFIX[kind]}-${year}-${String(n).padStart(6, '0')}`;
}

/**
 * A handover's document (receipt, loan agreement, donation certificate, attestation), for the programme
 * owner's staff: issued and numbered at the first request, the same bytes afterwards.
 */
export async function allocationDocument(
  db: Executor,
  actor: Actor,
  allocationId: string,
  name: AllocationDocumentName,
  locale: Locale,
  publicUrl: string,
): Promise<IssuedDocument> {
  const kind = ALLOCATION_DOCUMENTS[name];
  const allocation = await getAllocation(db, actor, allocationId);
  const { row: programme } = await loadProgramme(db, actor, allocation.programmeId);
  if (!peoplePermissions.can(actor, 'referral.manage', programme.ownerOrganisationId)) throw forbidden();
  if (allocation.status !== 'handed_over') {
    throw conflict('documents.not_handed_over', { status: allocation.status });
  }
  const mode = MODE_OF[kind];
  if (mode && mode !== programme.mode) {
    throw new AppError('RULE_REFUSED', 'documents.not_for_mode', { params: { mode: programme.mode } });
  }
  const find = async (executor: Executor) =>
    (
      await executor
        .select({ number: distributionDocuments.number, pdf: distributionDocuments.pdf })
        .from(distributionDocuments)
        .where(
          and(
            eq(distributionDocuments.allocationId, allocation.id),
            eq(distributionDocuments.kind, kind),
            isNull(distributionDocuments.voidedAt),
          ),
        )
    )[0];
  const existing = await find(db);
  if (existing) return { ...existing, filename: `${existing.number}.pdf` };

  try {
    return await db.transaction((tx) =>
      issueDocument(tx, actor, allocation, programme, kind, locale, publicUrl),
    );
  } catch (err) {
    // Two people asked for it at the same moment: one issued it, the other gets that one.
    if (isUniqueViolation(err, 'distribution_documents_allocation_unique')) {
      const issued = await find(db);
      if (issued) return { ...issued, filename: `${issued.number}.pdf` };
    }
    throw err;
  }
}

/**
 * Issues one document of a handover inside the caller's transaction: the next number, the PDF, its row.
 * A loan agreement carries a new link for the borrower (`link`, or one made here).
 */
async function issueDocument(
  tx: Executor,
  actor: Actor,
  allocation: Allocation,
  programme: ProgrammeRow,
  kind: DocumentKind,
  locale: Locale,
  publicUrl: string,
  link: { token: string; hash: string } | null = null,
): Promise<IssuedDocument> {
  const issuer =
    kind === 'handover_attestation' ? programme.ownerOrganisationId : allocation.deviceOrganisationId;
  const issuedOn = allocation.handedOverOn ?? today();
  const number = await issueNumber(tx, issuer, kind, issuedOn);
  const [person] = await tx
    .select()
    .from(beneficiaries)
    .where(eq(beneficiaries.id, allocation.beneficiaryId));
  const [device] = await tx.select().from(devices).where(eq(devices.id, allocation.deviceId));
  if (!person || !device) throw notFound('allocation');
  const base = { number, issuedOn, issuer: await party(tx, issuer), programmeName: programme.name };
  const who = { name: displayName(person) ?? '—', postcode: person.postcode, city: person.city };
  const what: DocumentDevice = {
    assetTag: device.assetTag,
    type: device.type,
    brand: device.brand,
    model: device.model,
    serialNumber: device.serialNumber,
  };
  const handedOverOn = allocation.handedOverOn ?? issuedOn;
  const [signed] = await tx
    .select({ png: allocations.signaturePng })
    .from(allocations)
    .where(eq(allocations.id, allocation.id));
  const signature = signed?.png ?? null;
  let pdf: Buffer;
  if (kind === 'sale_receipt') {
    const subsidies = await tx
      .select({ funderName: organisations.name, amountCents: programmeSubsidies.amountCents })
      .from(programmeSubsidies)
      .innerJoin(organisations, eq(organisations.id, programmeSubsidies.funderOrganisationId))
      .where(eq(programmeSubsidies.programmeId, programme.id))
      .orderBy(asc(organisations.name));
    pdf = await saleReceiptPdf(
      {
        ...base,
        buyer: who,
        device: what,
        handedOverOn,
        unitPriceCents: programme.unitPriceCents ?? 0,
        subsidies,
        contributionCents:
          allocation.expectedContributionCents ?? contributionCents(programme.unitPriceCents, subsidies),
        paid:
          allocation.paymentCents !== null && allocation.paymentMethod
            ? {
                amountCents: allocation.paymentCents,
                method: allocation.paymentMethod,
                note: allocation.paymentNote,
              }
            : null,
      },
      locale,
    );
  } else if (kind === 'loan_agreement') {
    const [loan] = await tx.select().from(loans).where(eq(loans.allocationId, allocation.id));
    if (!loan) throw notFound('loan');
    // The agreement carries the borrower's link to report a problem: a new one, the only copy of it.
    const reportLink = loan.returnedOn ? null : (link ?? newReportToken());
    if (reportLink) {
      await tx.update(loans).set({ reportTokenHash: reportLink.hash }).where(eq(loans.id, loan.id));
    }
    pdf = await loanAgreementPdf(
      {
        ...base,
        borrower: who,
        device: what,
        startedOn: loan.startedOn,
        dueOn: loan.dueOn,
        loanMonths: programme.loanMonths ?? 12,
        renewable: programme.loanRenewable,
        maxRenewals: programme.loanMaxRenewals,
        reportUrl: reportLink ? reportUrl(publicUrl, reportLink.token) : null,
        signaturePng: signature,
      },
      locale,
    );
  } else if (kind === 'donation_certificate') {
    pdf = await donationCertificatePdf({ ...base, recipient: who, device: what, handedOverOn }, locale);
  } else {
    pdf = await handoverAttestationPdf(
      {
        ...base,
        recipient: who,
        device: what,
        handedOverOn,
        mode: programme.mode,
        signedOnPaper: allocation.signedOnPaper,
        signaturePng: signature,
      },
      locale,
    );
  }
  await tx.insert(distributionDocuments).values({
    issuerOrganisationId: issuer,
    kind,
    number,
    issuedOn,
    allocationId: allocation.id,
    programmeId: programme.id,
    locale,
    pdf,
    createdByUserId: actor.userId,
  });
  await recordAudit(tx, actor, {
    action: 'document.issue',
    entityType: 'allocation',
    entityId: allocation.id,
    organisationId: issuer,
    fields: [kind],
  });
  return { number, pdf, filename: `${number}.pdf` };
}

/**
 * The statement of one funder's subsidies in a programme over a period (handovers in it): units, amounts,
 * no person named. Issued by the programme's owner (administrators and managers); the same period asked
 * again gives the same document.
 */
export async function subsidyStatement(
  db: Executor,
  actor: Actor,
  programmeId: string,
  input: { funderOrganisationId: string; from: string; to: string },
  locale: Locale,
): Promise<IssuedDocument> {
  const { row: programme } = await loadProgramme(db, actor, programmeId);
  if (!peoplePermissions.can(actor, 'programme.manage', programme.ownerOrganisationId)) throw forbidden();
  if (input.to < input.from) throw invalidField('to', 'documents.period_invalid', { from: input.from });
  const [subsidy] = await db
    .select()
    .from(programmeSubsidies)
    .where(
      and(
        eq(programmeSubsidies.programmeId, programme.id),
        eq(programmeSubsidies.funderOrganisationId, input.funderOrganisationId),
      ),
    );
  if (!subsidy) throw notFound('funder');
  const find = async (executor: Executor) =>
    (
      await executor
        .select({ number: distributionDocuments.number, pdf: distributionDocuments.pdf })
        .from(distributionDocuments)
        .where(
          and(
            eq(distributionDocuments.kind, 'subsidy_statement'),
            eq(distributionDocuments.programmeId, programme.id),
            eq(distributionDocuments.funderOrganisationId, input.funderOrganisationId),
            eq(distributionDocuments.periodFrom, input.from),
            eq(distributionDocuments.periodTo, input.to),
            isNull(distributionDocuments.allocationId),
          ),
        )
    )[0];
  const existing = await find(db);
  if (existing) return { ...existing, filename: `${existing.number}.pdf` };
  try {
    return await db.transaction(async (tx) => {
      const handed = await tx
        .select({
          handedOverOn: allocations.handedOverOn,
          assetTag: devices.assetTag,
          deviceType: devices.type,
        })
        .from(allocations)
        .innerJoin(devices, eq(devices.id, allocations.deviceId))
        .where(
          and(
            eq(allocations.programmeId, programme.id),
            eq(allocations.status, 'handed_over'),
            gte(allocations.handedOverOn, input.from),
            lte(allocations.handedOverOn, input.to),
          ),
        )
        .orderBy(asc(allocations.handedOverOn), asc(devices.assetTag));
      const issuedOn = today();
      const issuer = programme.ownerOrganisationId;
      const number = await issueNumber(tx, issuer, 'subsidy_statement', issuedOn);
      const pdf = await subsidyStatementPdf(
        {
          number,
          issuedOn,
          issuer: await party(tx, issuer),
          programmeName: programme.name,
          funder: await party(tx, input.funderOrganisationId),
          period: { from: input.from, to: input.to },
          lines: handed.map((h) => ({
            handedOverOn: h.handedOverOn ?? issuedOn,
            assetTag: h.assetTag,
            deviceType: h.deviceType,
            amountCents: subsidy.amountCents,
          })),
        },
        locale,
      );
      await tx.insert(distributionDocuments).values({
        issuerOrganisationId: issuer,
        kind: 'subsidy_statement',
        number,
        issuedOn,
        programmeId: programme.id,
        funderOrganisationId: input.funderOrganisationId,
        periodFrom: input.from,
        periodTo: input.to,
        locale,
        pdf,
        createdByUserId: actor.userId,
      });
      await recordAudit(tx, actor, {
        action: 'document.issue',
        entityType: 'programme',
        entityId: programme.id,
        organisationId: issuer,
        fields: ['subsidy_statement'],
      });
      return { number, pdf, filename: `${number}.pdf` };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'distribution_documents_statement_unique')) {
      const issued = await find(db);
      if (issued) return { ...issued, filename: `${issued.number}.pdf` };
    }
    throw err;
  }
}

/**
 * Voids the loan's current agreement (kept, its number used) and issues a new one, in the same language,
 * carrying a new link for the borrower: the link printed is always the one that works.
 */
export async function reissueLoanAgreement(
  tx: Executor,
  actor: Actor,
  allocation: Allocation,
  programme: ProgrammeRow,
  locale: Locale,
  publicUrl: string,
  link: { token: string; hash: string },
): Promise<IssuedDocument> {
  const [current] = await tx
    .update(distributionDocuments)
    .set({ voidedAt: new Date() })
    .where(
      and(
        eq(distributionDocuments.allocationId, allocation.id),
        eq(distributionDocuments.kind, 'loan_agreement'),
        isNull(distributionDocuments.voidedAt),
      ),
    )
    .returning({ locale: distributionDocuments.locale });
  const language: Locale = current?.locale === 'en' ? 'en' : current?.locale === 'fr' ? 'fr' : locale;
  return issueDocument(tx, actor, allocation, programme, 'loan_agreement', language, publicUrl, link);
}
