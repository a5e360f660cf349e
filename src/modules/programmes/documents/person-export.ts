import type { Locale } from '../../../lib/messages.ts';
import {
  addPageNumbers,
  createPdf,
  drawTable,
  FONTS,
  formatDateTime,
  type PdfDocument,
  pdfToBuffer,
} from '../../../lib/pdf.ts';
import {
  COLORS,
  countryName,
  dayText,
  ensureSpace,
  fields,
  formatEuros,
  heading,
  momentText,
  paragraph,
  present,
  textBox,
} from './common.ts';
import {
  allocationStatusLabel,
  auditActionLabel,
  choiceLabel,
  consentCoverLabel,
  enrolmentStatusLabel,
  exitReasonLabel,
  referralStatusLabel,
  t,
  ticketStatusLabel,
  timelineKindLabel,
} from './texts.ts';

/**
 * Everything kept about one person or association (right of access, GDPR article 15), as the service reads
 * it. Calendar days are `YYYY-MM-DD`, instants ISO strings; names of people and organisations are resolved.
 */
export interface PersonExport {
  generatedAt: string; // ISO instant
  organisationName: string; // the referring organisation
  beneficiary: {
    id: string;
    kind: 'person' | 'association';
    firstName?: string | null;
    lastName?: string | null;
    name?: string | null;
    birthYear?: number | null;
    householdType?: 'single' | 'single_parent' | 'couple' | 'couple_with_children' | 'other' | null;
    childrenCount?: number | null;
    postcode?: string | null;
    city?: string | null;
    country?: string | null;
    priorityZone?: boolean | null;
    incomeSituation?:
      | 'rsa'
      | 'aah'
      | 'aspa'
      | 'minimum_income_other'
      | 'low_income'
      | 'scholarship'
      | 'none'
      | null;
    familyQuotientCents?: number | null;
    employmentSituation?: 'employed' | 'job_seeker' | 'student' | 'retired' | 'inactive' | 'other' | null;
    targetGroup?: 'pupil' | 'job_seeker' | 'senior' | 'household' | 'association' | null;
    phone?: string | null;
    email?: string | null;
    accessibilityNeeds?: boolean | null;
    deviceNeed?: 'laptop' | 'desktop' | 'tablet' | null;
    rna?: string | null;
    siret?: string | null;
    contactName?: string | null;
    peopleServed?: number | null;
    createdAt: string;
    lastActivityOn: string;
  };
  consents: {
    givenOn: string;
    collectedByName: string | null;
    covers: string[];
    withdrawnOn: string | null;
  }[];
  referrals: {
    programmeName: string;
    referredOn: string;
    status: string;
    referringOrganisationName: string;
    reasons: string[]; // already-worded sentences
    socialEvaluation: string | null;
    priority: boolean;
    priorityReason: string | null;
    exitReason: string | null;
    exitedOn: string | null;
  }[];
  timeline: {
    at: string;
    kind: string;
    programmeName: string | null;
    fromStatus: string | null;
    toStatus: string | null;
    authorName: string | null;
  }[];
  accesses: { at: string; action: string; actorName: string | null }[];
  /** Devices received, loans, internet aids and problems reported (empty lists when none). */
  devices?: {
    programmeName: string;
    assetTag: string;
    status: string;
    handedOverOn: string | null;
    paymentCents: number | null;
  }[];
  loans?: {
    assetTag: string;
    startedOn: string;
    dueOn: string;
    renewals: number;
    returnedOn: string | null;
  }[];
  internetAids?: { programmeName: string; amountCents: number; months: number; grantedOn: string }[];
  tickets?: { createdAt: string; assetTag: string; description: string; status: string }[];
  /** Workshops, with the sessions attended, and skills assessments. */
  workshops?: { title: string; enrolledOn: string; status: string; attended: number }[];
  assessments?: { stage: string; assessedOn: string; autonomous: boolean }[];
}

type Beneficiary = PersonExport['beneficiary'];
type Referral = PersonExport['referrals'][number];
type TimelineEvent = PersonExport['timeline'][number];

const BODY = 10;
const TABLE = 8.5;
const LABEL_WIDTH = 170;

/** The name the record goes by: first and last name of a person, the name of an association. */
export function exportDisplayName(beneficiary: Beneficiary, locale: Locale): string {
  const personName = [beneficiary.firstName, beneficiary.lastName].filter(present).join(' ');
  const candidates =
    beneficiary.kind === 'association' ? [beneficiary.name, personName] : [personName, beneficiary.name];
  return candidates.find(present) ?? t(locale, 'export.unnamed');
}

const yesNo = (locale: Locale, value: boolean) => t(locale, value ? 'common.yes' : 'common.no');

/** Every field the record holds, labelled and worded; missing ones are left out. */
function identityRows(locale: Locale, b: Beneficiary): [string, string][] {
  const text = (value: string | number | null | undefined) => (present(value) ? String(value) : null);
  const choice = (field: Parameters<typeof choiceLabel>[1], value: string | null | undefined) =>
    present(value) ? choiceLabel(locale, field, value) : null;
  const flag = (value: boolean | null | undefined) => (present(value) ? yesNo(locale, value) : null);
  const rows: [Parameters<typeof t>[1], string | null][] = [
    ['field.id', b.id],
    ['field.kind', choiceLabel(locale, 'kind', b.kind)],
    ['field.name', text(b.name)],
    ['field.first_name', text(b.firstName)],
    ['field.last_name', text(b.lastName)],
    ['field.birth_year', text(b.birthYear)],
    ['field.household_type', choice('household', b.householdType)],
    ['field.children_count', text(b.childrenCount)],
    ['field.postcode', text(b.postcode)],
    ['field.city', text(b.city)],
    ['field.country', present(b.country) ? countryName(b.country, locale) : null],
    ['field.priority_zone', flag(b.priorityZone)],
    ['field.income_situation', choice('income', b.incomeSituation)],
    [
      'field.family_quotient',
      present(b.familyQuotientCents) ? formatEuros(b.familyQuotientCents, locale) : null,
    ],
    ['field.employment_situation', choice('employment', b.employmentSituation)],
    ['field.target_group', choice('target', b.targetGroup)],
    ['field.phone', text(b.phone)],
    ['field.email', text(b.email)],
    ['field.accessibility_needs', flag(b.accessibilityNeeds)],
    ['field.device_need', choice('device', b.deviceNeed)],
    ['field.rna', text(b.rna)],
    ['field.siret', text(b.siret)],
    ['field.contact_name', text(b.contactName)],
    ['field.people_served', text(b.peopleServed)],
    ['field.created_at', dayText(b.createdAt, locale)],
    ['field.last_activity_on', dayText(b.lastActivityOn, locale)],
  ];
  return rows
    .filter((row): row is [Parameters<typeof t>[1], string] => present(row[1]))
    .map(([key, value]) => [t(locale, key), value]);
}

function drawConsents(doc: PdfDocument, locale: Locale, consents: PersonExport['consents']): void {
  heading(doc, t(locale, 'export.consents'));
  if (consents.length === 0) {
    paragraph(doc, t(locale, 'export.no_consents'), { fontSize: BODY });
    return;
  }
  const none = t(locale, 'common.none');
  const covers = (list: string[]) => {
    const text = list.map((cover) => consentCoverLabel(locale, cover)).join(', ');
    return text ? text.charAt(0).toUpperCase() + text.slice(1) : none;
  };
  drawTable(doc, {
    rows: consents,
    fontSize: TABLE,
    padding: 3.5,
    columns: [
      { header: t(locale, 'consent.given_on'), width: 1.3, value: (c) => dayText(c.givenOn, locale) },
      { header: t(locale, 'consent.collected_by'), width: 1.5, value: (c) => c.collectedByName ?? none },
      { header: t(locale, 'consent.covers'), width: 2.6, value: (c) => covers(c.covers) },
      {
        header: t(locale, 'consent.withdrawn_on'),
        width: 1.3,
        value: (c) => (c.withdrawnOn ? dayText(c.withdrawnOn, locale) : t(locale, 'consent.in_force')),
      },
    ],
  });
}

function referralRows(locale: Locale, r: Referral): [string, string][] {
  const rows: [string, string][] = [
    [t(locale, 'referral.referred_on'), dayText(r.referredOn, locale)],
    [t(locale, 'referral.referred_by'), r.referringOrganisationName],
    [t(locale, 'referral.status'), referralStatusLabel(locale, r.status)],
    [
      t(locale, 'referral.priority'),
      r.priority && present(r.priorityReason)
        ? t(locale, 'referral.priority_with_reason', { reason: r.priorityReason })
        : yesNo(locale, r.priority),
    ],
  ];
  if (present(r.exitReason) || present(r.exitedOn)) {
    const reason = present(r.exitReason) ? exitReasonLabel(locale, r.exitReason) : t(locale, 'common.none');
    rows.push([
      t(locale, 'referral.exit'),
      present(r.exitedOn)
        ? t(locale, 'referral.exit_on', { reason, date: dayText(r.exitedOn, locale) })
        : reason,
    ]);
  }
  const reasons = r.reasons.filter(present);
  if (reasons.length > 0) rows.push([t(locale, 'referral.reasons'), reasons.map((s) => `• ${s}`).join('\n')]);
  if (present(r.socialEvaluation)) rows.push([t(locale, 'referral.social_evaluation'), r.socialEvaluation]);
  return rows;
}

function drawReferrals(doc: PdfDocument, locale: Locale, referrals: PersonExport['referrals']): void {
  heading(doc, t(locale, 'export.referrals'));
  if (referrals.length === 0) {
    paragraph(doc, t(locale, 'export.no_referrals'), { fontSize: BODY });
    return;
  }
  const { left, width } = textBox(doc);
  referrals.forEach((referral, i) => {
    if (i > 0) doc.y += 6;
    doc.font(FONTS.bold).fontSize(11);
    // The programme's name stays with at least its first lines of detail.
    ensureSpace(doc, doc.heightOfString(referral.programmeName, { width }) + 50);
    doc.fillColor(COLORS.text).text(referral.programmeName, left, doc.y, { width });
    doc.font(FONTS.regular);
    doc.y += 2;
    fields(doc, referralRows(locale, referral), { labelWidth: LABEL_WIDTH, fontSize: BODY });
  });
}

function eventText(locale: Locale, event: TimelineEvent): string {
  const what = timelineKindLabel(locale, event.kind);
  if (present(event.toStatus)) {
    const to = referralStatusLabel(locale, event.toStatus);
    return present(event.fromStatus)
      ? t(locale, 'timeline.transition', { what, from: referralStatusLabel(locale, event.fromStatus), to })
      : t(locale, 'timeline.to', { what, to });
  }
  return what;
}

function drawTimeline(doc: PdfDocument, locale: Locale, timeline: PersonExport['timeline']): void {
  heading(doc, t(locale, 'export.timeline'));
  if (timeline.length === 0) {
    paragraph(doc, t(locale, 'export.no_timeline'), { fontSize: BODY });
    return;
  }
  const none = t(locale, 'common.none');
  drawTable(doc, {
    rows: timeline,
    fontSize: TABLE,
    columns: [
      { header: t(locale, 'timeline.at'), width: 1.25, value: (e) => momentText(e.at, locale) },
      { header: t(locale, 'timeline.what'), width: 3.2, value: (e) => eventText(locale, e) },
      { header: t(locale, 'timeline.programme'), width: 1.9, value: (e) => e.programmeName ?? none },
      { header: t(locale, 'timeline.by'), width: 1.3, value: (e) => e.authorName ?? none },
    ],
  });
}

function drawAccesses(doc: PdfDocument, locale: Locale, accesses: PersonExport['accesses']): void {
  heading(doc, t(locale, 'export.accesses'));
  if (accesses.length === 0) {
    paragraph(doc, t(locale, 'export.no_accesses'), { fontSize: BODY });
    return;
  }
  drawTable(doc, {
    rows: accesses,
    fontSize: TABLE,
    columns: [
      { header: t(locale, 'access.at'), width: 1.25, value: (a) => momentText(a.at, locale) },
      { header: t(locale, 'access.action'), width: 2.7, value: (a) => auditActionLabel(locale, a.action) },
      { header: t(locale, 'access.by'), width: 2, value: (a) => a.actorName ?? t(locale, 'common.none') },
    ],
  });
}

/** Devices received, loans, internet aids and problems reported: one small table each, when there are some. */
function drawDistribution(doc: PdfDocument, locale: Locale, input: PersonExport): void {
  heading(doc, t(locale, 'export.devices'));
  const devices = input.devices ?? [];
  const loans = input.loans ?? [];
  const aids = input.internetAids ?? [];
  const tickets = input.tickets ?? [];
  if (devices.length + loans.length + aids.length + tickets.length === 0) {
    paragraph(doc, t(locale, 'export.no_devices'), { fontSize: BODY });
    return;
  }
  const none = t(locale, 'common.none');
  if (devices.length > 0) {
    drawTable(doc, {
      rows: devices,
      fontSize: TABLE,
      columns: [
        { header: t(locale, 'device.programme'), width: 2.4, value: (d) => d.programmeName },
        { header: t(locale, 'device.asset_tag'), width: 1.3, value: (d) => d.assetTag },
        {
          header: t(locale, 'device.status'),
          width: 1.4,
          value: (d) => allocationStatusLabel(locale, d.status),
        },
        {
          header: t(locale, 'device.handed_over_on'),
          width: 1.3,
          value: (d) => (d.handedOverOn ? dayText(d.handedOverOn, locale) : none),
        },
        {
          header: t(locale, 'device.paid'),
          width: 1,
          value: (d) => (d.paymentCents === null ? none : formatEuros(d.paymentCents, locale)),
        },
      ],
    });
    doc.y += 8;
  }
  if (loans.length > 0) {
    drawTable(doc, {
      rows: loans,
      fontSize: TABLE,
      columns: [
        { header: t(locale, 'loan.asset_tag'), width: 1.3, value: (l) => l.assetTag },
        { header: t(locale, 'loan.started_on'), width: 1.3, value: (l) => dayText(l.startedOn, locale) },
        { header: t(locale, 'loan.due_on'), width: 1.3, value: (l) => dayText(l.dueOn, locale) },
        { header: t(locale, 'loan.renewals'), width: 1, value: (l) => String(l.renewals) },
        {
          header: t(locale, 'loan.returned_on'),
          width: 1.3,
          value: (l) => (l.returnedOn ? dayText(l.returnedOn, locale) : none),
        },
      ],
    });
    doc.y += 8;
  }
  if (aids.length > 0) {
    drawTable(doc, {
      rows: aids,
      fontSize: TABLE,
      columns: [
        { header: t(locale, 'aid.programme'), width: 2.4, value: (a) => a.programmeName },
        { header: t(locale, 'aid.amount'), width: 1.2, value: (a) => formatEuros(a.amountCents, locale) },
        { header: t(locale, 'aid.months'), width: 0.9, value: (a) => String(a.months) },
        { header: t(locale, 'aid.granted_on'), width: 1.3, value: (a) => dayText(a.grantedOn, locale) },
      ],
    });
    doc.y += 8;
  }
  if (tickets.length > 0) {
    drawTable(doc, {
      rows: tickets,
      fontSize: TABLE,
      columns: [
        {
          header: t(locale, 'ticket.reported_on'),
          width: 1.3,
          value: (k) => momentText(k.createdAt, locale),
        },
        { header: t(locale, 'ticket.asset_tag'), width: 1.2, value: (k) => k.assetTag },
        { header: t(locale, 'ticket.description'), width: 3.4, value: (k) => k.description },
        { header: t(locale, 'ticket.status'), width: 1.2, value: (k) => ticketStatusLabel(locale, k.status) },
      ],
    });
  }
}

/** Workshops the person enrolled in (with the sessions attended) and their skills assessments. */
function drawTraining(doc: PdfDocument, locale: Locale, input: PersonExport): void {
  heading(doc, t(locale, 'export.training'));
  const workshops = input.workshops ?? [];
  const assessments = input.assessments ?? [];
  if (workshops.length + assessments.length === 0) {
    paragraph(doc, t(locale, 'export.no_training'), { fontSize: BODY });
    return;
  }
  if (workshops.length > 0) {
    drawTable(doc, {
      rows: workshops,
      fontSize: TABLE,
      columns: [
        { header: t(locale, 'workshop.title'), width: 3, value: (w) => w.title },
        {
          header: t(locale, 'workshop.enrolled_on'),
          width: 1.3,
          value: (w) => dayText(w.enrolledOn, locale),
        },
        {
          header: t(locale, 'workshop.status'),
          width: 1.3,
          value: (w) => enrolmentStatusLabel(locale, w.status),
        },
        { header: t(locale, 'workshop.attended'), width: 1.1, value: (w) => String(w.attended) },
      ],
    });
    doc.y += 8;
  }
  if (assessments.length > 0) {
    drawTable(doc, {
      rows: assessments,
      fontSize: TABLE,
      columns: [
        {
          header: t(locale, 'assessment.stage'),
          width: 1.5,
          value: (a) => t(locale, a.stage === 'exit' ? 'assessment.exit' : 'assessment.entry'),
        },
        { header: t(locale, 'assessment.on'), width: 1.3, value: (a) => dayText(a.assessedOn, locale) },
        { header: t(locale, 'assessment.autonomous'), width: 1.2, value: (a) => yesNo(locale, a.autonomous) },
      ],
    });
  }
}

/**
 * The export of everything kept about one person or association, readable by them: identity and situation,
 * consents, referrals (with the reasons and the social evaluation), history, and who accessed the record.
 * As many A4 pages as it takes; tables continue on the next page with their header.
 */
export async function personExportPdf(input: PersonExport, locale: Locale): Promise<Buffer> {
  const name = exportDisplayName(input.beneficiary, locale);
  const generatedAt = new Date(input.generatedAt);
  const exportedOn = Number.isNaN(generatedAt.getTime())
    ? input.generatedAt
    : formatDateTime(generatedAt, locale);
  const doc = createPdf({
    title: `${t(locale, 'export.title')} — ${name}`,
    subject: input.beneficiary.id,
    author: input.organisationName,
    locale,
    margins: { top: 40, bottom: 42, left: 44, right: 44 },
  });
  const { left, width } = textBox(doc);

  doc
    .font(FONTS.regular)
    .fontSize(9)
    .fillColor(COLORS.muted)
    .text(input.organisationName, left, doc.page.margins.top, { width });
  doc
    .font(FONTS.bold)
    .fontSize(17)
    .fillColor(COLORS.text)
    .text(t(locale, 'export.title'), left, doc.y + 2, { width });
  doc
    .font(FONTS.bold)
    .fontSize(14)
    .text(name, left, doc.y + 2, { width });
  doc.y += 6;
  fields(
    doc,
    [
      [t(locale, 'export.generated_at'), exportedOn],
      [t(locale, 'export.organisation'), input.organisationName],
    ],
    { labelWidth: LABEL_WIDTH, fontSize: BODY },
  );
  doc.y += 4;
  paragraph(doc, t(locale, 'export.intro'), {
    fontSize: 9.5,
    color: COLORS.muted,
    gapAfter: 12,
  });

  heading(doc, t(locale, 'export.identity'));
  fields(doc, identityRows(locale, input.beneficiary), { labelWidth: LABEL_WIDTH, fontSize: BODY });
  doc.y += 10;
  drawConsents(doc, locale, input.consents);
  doc.y += 12;
  drawReferrals(doc, locale, input.referrals);
  doc.y += 12;
  drawDistribution(doc, locale, input);
  doc.y += 12;
  drawTraining(doc, locale, input);
  doc.y += 12;
  drawTimeline(doc, locale, input.timeline);
  doc.y += 12;
  drawAccesses(doc, locale, input.accesses);

  addPageNumbers(doc, {
    left: t(locale, 'export.footer', { name, date: dayText(input.generatedAt, locale) }),
    fontSize: 8,
  });
  return pdfToBuffer(doc);
}
