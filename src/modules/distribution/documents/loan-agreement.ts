import type { Locale } from '../../../lib/messages.ts';
import { drawQrCode, type PdfDocument } from '../../../lib/pdf.ts';
import {
  BODY,
  bullet,
  createDocumentPdf,
  day,
  drawDevice,
  drawDocumentHeader,
  drawParties,
  drawSignatures,
  ensureSpace,
  finishDocument,
  paragraph,
  present,
  section,
  signaturesHeight,
  townOf,
} from './common.ts';
import { t } from './texts.ts';
import type { LoanAgreementInput } from './types.ts';

/**
 * The agreement signed when a device is lent: the parties, the device, how long, whether it can be renewed,
 * maintenance by the lender, how to give it back, the borrower's commitments and their data; both sign.
 */
export async function loanAgreementPdf(input: LoanAgreementInput, locale: Locale): Promise<Buffer> {
  const title = t(locale, 'loan.title');
  const issuer = input.issuer.name;
  const doc = createDocumentPdf(input, title, locale);
  drawDocumentHeader(doc, input, title, locale);

  drawParties(doc, [
    { title: t(locale, 'loan.lender'), name: issuer, details: [townOf(input.issuer)].filter(present) },
    {
      title: t(locale, 'loan.borrower'),
      name: input.borrower.name,
      details: [townOf(input.borrower)].filter(present),
    },
  ]);
  paragraph(doc, t(locale, 'loan.intro', { issuer, programme: input.programmeName }), {
    fontSize: BODY,
    gapAfter: 12,
  });
  drawDevice(doc, input.device, locale);

  section(doc, t(locale, 'loan.duration_heading'));
  paragraph(
    doc,
    t(locale, input.loanMonths === 1 ? 'loan.duration_one' : 'loan.duration', {
      from: day(input.startedOn, locale),
      to: day(input.dueOn, locale),
      months: input.loanMonths,
    }),
    { fontSize: BODY, gapAfter: 2 },
  );
  paragraph(doc, t(locale, 'loan.due', { date: day(input.dueOn, locale) }), {
    fontSize: BODY,
    bold: true,
    gapAfter: 2,
  });
  const renewal = !input.renewable
    ? 'loan.not_renewable'
    : input.maxRenewals
      ? 'loan.renewable_capped'
      : 'loan.renewable';
  paragraph(doc, t(locale, renewal, { issuer, count: input.maxRenewals ?? 0 }), {
    fontSize: BODY,
    gapAfter: 8,
  });

  section(doc, t(locale, 'loan.maintenance_heading'));
  bullet(doc, t(locale, 'loan.maintenance_included', { issuer }), { fontSize: BODY });
  bullet(doc, t(locale, 'loan.maintenance_report', { issuer }), { fontSize: BODY });
  if (input.reportUrl) drawReportLink(doc, input.reportUrl, locale);
  doc.y += 6;

  section(doc, t(locale, 'loan.return_heading'));
  for (const key of ['loan.return_end', 'loan.return_wear', 'loan.return_loss'] as const)
    bullet(doc, t(locale, key, { issuer }), { fontSize: BODY });
  doc.y += 6;

  section(doc, t(locale, 'loan.commitments_heading'));
  for (const key of ['loan.commitment_personal', 'loan.commitment_no_sale', 'loan.commitment_care'] as const)
    bullet(doc, t(locale, key), { fontSize: BODY });
  doc.y += 6;

  ensureSpace(doc, 70 + signaturesHeight({ placeAndDate: true }));
  section(doc, t(locale, 'loan.data_heading'));
  paragraph(doc, t(locale, 'loan.data'), { fontSize: BODY, gapAfter: 12, keepTogether: true });

  drawSignatures(
    doc,
    locale,
    [
      { title: t(locale, 'loan.lender'), name: issuer, signatory: true },
      { title: t(locale, 'loan.borrower'), name: input.borrower.name, image: input.signaturePng },
    ],
    { placeAndDate: true },
  );
  return finishDocument(doc, input, title, locale);
}

/** The borrower's own page to report a problem, as a QR code beside its address and a sentence. */
function drawReportLink(doc: PdfDocument, url: string, locale: Locale): void {
  const side = 64;
  ensureSpace(doc, side + 8);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const top = doc.y + 4;
  drawQrCode(doc, url, left, top, side);
  doc
    .fontSize(BODY)
    .text(t(locale, 'loan.report_link'), left + side + 12, top, { width: width - side - 12 })
    .fontSize(9)
    .text(url, { width: width - side - 12 });
  doc.x = left;
  doc.y = Math.max(doc.y, top + side) + 4;
}
