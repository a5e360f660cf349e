import type { Locale } from '../../../lib/messages.ts';
import {
  addPageNumbers,
  createPdf,
  FONTS,
  formatDay,
  type PdfDocument,
  pdfToBuffer,
} from '../../../lib/pdf.ts';
import { bullet, COLORS, ensureSpace, heading, paragraph, present, textBox } from './common.ts';
import { t } from './texts.ts';

export interface InformationNoticeInput {
  /** The controller: the organisation that records the person's data to refer them. */
  organisation: {
    name: string;
    postcode?: string | null;
    city?: string | null;
    email?: string | null;
    phone?: string | null;
  };
  dpoContact?: string | null;
  retentionMonths: number;
  /** Optional: the programmes the person may be referred to (names), listed under "why". */
  programmeNames?: string[];
  /** Calendar day, YYYY-MM-DD: the version of the notice. */
  generatedOn: string;
}

/** The retention CNIL délibération 2023-095 sets for the active base: 2 years after the last contact. */
const CNIL_MAXIMUM_MONTHS = 24;

const BODY = 11;

function duration(locale: Locale, months: number): string {
  if (months % 12 !== 0) return t(locale, 'notice.duration_months', { months });
  if (months === 12) return t(locale, 'notice.duration_one_year', { months });
  return t(locale, 'notice.duration_years', { months, years: months / 12 });
}

/** "Remis le ……… à ………" and a signature line, kept together at the end. */
function drawHandover(doc: PdfDocument, locale: Locale): void {
  const { left, width } = textBox(doc);
  const height = 80;
  ensureSpace(doc, height + 10);
  // At the foot of the last page when there is room, where a signature is expected.
  const bottom = doc.page.height - doc.page.margins.bottom;
  const top = Math.max(doc.y + 14, bottom - height);
  doc
    .save()
    .moveTo(left, top)
    .lineTo(left + width, top)
    .lineWidth(0.5)
    .strokeColor(COLORS.line)
    .stroke()
    .restore();
  const dotted = (x1: number, x2: number, y: number) =>
    doc
      .save()
      .moveTo(x1, y)
      .lineTo(x2, y)
      .lineWidth(0.6)
      .dash(1.5, { space: 2 })
      .strokeColor(COLORS.muted)
      .stroke()
      .restore();
  doc.font(FONTS.regular).fontSize(BODY).fillColor(COLORS.text);
  const lineY = top + 16;
  const handedOn = t(locale, 'notice.handed_on');
  const handedTo = t(locale, 'notice.handed_to');
  const onWidth = doc.widthOfString(handedOn);
  const toWidth = doc.widthOfString(handedTo);
  const dateEnd = left + onWidth + 6 + 130;
  doc.text(handedOn, left, lineY, { lineBreak: false });
  dotted(left + onWidth + 6, dateEnd, lineY + BODY);
  doc.text(handedTo, dateEnd + 8, lineY, { lineBreak: false });
  dotted(dateEnd + 8 + toWidth + 6, left + width, lineY + BODY);
  const signatureY = lineY + 40;
  const signature = t(locale, 'notice.signature');
  doc.text(signature, left, signatureY, { lineBreak: false });
  dotted(left + doc.widthOfString(signature) + 6, left + width / 2, signatureY + BODY);
  doc.x = left;
  doc.y = signatureY + BODY + 20;
}

/**
 * The information notice (GDPR article 13) handed to a person whose data a social service records to refer
 * them to a digital-inclusion programme: who keeps the data, why, on what basis, what, who sees it, for how
 * long, their rights; with a place to note when and to whom it was handed. One or two A4 pages.
 */
export async function informationNoticePdf(input: InformationNoticeInput, locale: Locale): Promise<Buffer> {
  const { organisation } = input;
  const name = organisation.name;
  const doc = createPdf({
    title: `${t(locale, 'notice.title')} — ${name}`,
    subject: t(locale, 'notice.subtitle'),
    author: name,
    locale,
    margins: { top: 40, bottom: 42, left: 50, right: 50 },
  });
  const { left, width } = textBox(doc);

  doc
    .font(FONTS.regular)
    .fontSize(9)
    .fillColor(COLORS.muted)
    .text(name, left, doc.page.margins.top, { width });
  doc
    .font(FONTS.bold)
    .fontSize(19)
    .fillColor(COLORS.text)
    .text(t(locale, 'notice.title'), left, doc.y + 2, { width });
  doc
    .font(FONTS.regular)
    .fontSize(10)
    .fillColor(COLORS.muted)
    .text(
      `${t(locale, 'notice.subtitle')} — ${t(locale, 'notice.version', { date: formatDay(input.generatedOn, locale) })}`,
      left,
      doc.y + 2,
      { width },
    );
  doc.y += 8;
  paragraph(doc, t(locale, 'notice.intro', { organisation: name }), { fontSize: BODY, gapAfter: 8 });

  heading(doc, t(locale, 'notice.controller_heading'));
  paragraph(doc, t(locale, 'notice.controller', { organisation: name }), { fontSize: BODY, gapAfter: 1 });
  const town = [organisation.postcode, organisation.city].filter(present).join(' ');
  const contacts = [
    town ? t(locale, 'notice.town', { town }) : null,
    present(organisation.email) ? t(locale, 'notice.email', { email: organisation.email }) : null,
    present(organisation.phone) ? t(locale, 'notice.phone', { phone: organisation.phone }) : null,
    present(input.dpoContact) ? t(locale, 'notice.dpo', { contact: input.dpoContact }) : null,
  ].filter(present);
  for (const line of contacts) paragraph(doc, line, { fontSize: BODY, gapAfter: 1 });
  if (!present(organisation.email) && !present(organisation.phone) && !present(input.dpoContact))
    paragraph(doc, t(locale, 'notice.no_contact'), { fontSize: BODY, gapAfter: 1 });
  doc.y += 8;

  heading(doc, t(locale, 'notice.purposes_heading'));
  paragraph(doc, t(locale, 'notice.purposes_intro'), { fontSize: BODY, gapAfter: 2 });
  for (const key of [
    'notice.purpose_eligibility',
    'notice.purpose_path',
    'notice.purpose_statistics',
  ] as const)
    bullet(doc, t(locale, key), { fontSize: BODY });
  const programmes = (input.programmeNames ?? []).filter(present);
  if (programmes.length > 0) {
    doc.y += 3;
    paragraph(doc, t(locale, 'notice.programmes_intro'), { fontSize: BODY, gapAfter: 2, keepTogether: true });
    for (const programme of programmes) bullet(doc, programme, { fontSize: BODY });
  }
  doc.y += 8;

  heading(doc, t(locale, 'notice.basis_heading'));
  paragraph(doc, t(locale, 'notice.basis'), { fontSize: BODY, gapAfter: 8 });

  heading(doc, t(locale, 'notice.data_heading'));
  for (const key of [
    'notice.data_identity',
    'notice.data_household',
    'notice.data_situation',
    'notice.data_income',
    'notice.data_contact',
    'notice.data_evaluation',
  ] as const)
    bullet(doc, t(locale, key), { fontSize: BODY });
  doc.y += 3;
  paragraph(doc, t(locale, 'notice.data_never'), {
    fontSize: BODY,
    bold: true,
    gapAfter: 8,
    keepTogether: true,
  });

  heading(doc, t(locale, 'notice.recipients_heading'));
  for (const key of [
    'notice.recipient_referrer',
    'notice.recipient_programme',
    'notice.recipient_trainers',
    'notice.recipient_funders',
  ] as const)
    bullet(doc, t(locale, key), { fontSize: BODY });
  doc.y += 8;

  heading(doc, t(locale, 'notice.retention_heading'));
  paragraph(doc, t(locale, 'notice.retention', { duration: duration(locale, input.retentionMonths) }), {
    fontSize: BODY,
    gapAfter: 2,
  });
  // Citing the CNIL's rule for a longer retention would claim a compliance the organisation does not have.
  if (input.retentionMonths <= CNIL_MAXIMUM_MONTHS)
    paragraph(doc, t(locale, 'notice.retention_cnil'), { fontSize: 9.5, color: COLORS.muted, gapAfter: 2 });
  doc.y += 6;

  // The list of rights reads as one: it starts on a new page rather than being cut after a line or two.
  heading(doc, t(locale, 'notice.rights_heading'), { keepWith: 125 });
  paragraph(doc, t(locale, 'notice.rights_intro'), { fontSize: BODY, gapAfter: 2 });
  for (const key of [
    'notice.right_access',
    'notice.right_copy',
    'notice.right_correction',
    'notice.right_erasure',
    'notice.right_objection',
    'notice.right_withdrawal',
  ] as const)
    bullet(doc, t(locale, key), { fontSize: BODY });
  doc.y += 3;
  paragraph(doc, t(locale, 'notice.rights_how'), { fontSize: BODY, keepTogether: true });
  paragraph(doc, t(locale, 'notice.complaint'), { fontSize: BODY, keepTogether: true });

  drawHandover(doc, locale);
  addPageNumbers(doc, { left: t(locale, 'notice.footer', { organisation: name }), fontSize: 8 });
  return pdfToBuffer(doc);
}
