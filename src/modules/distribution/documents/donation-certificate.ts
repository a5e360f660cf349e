import type { Locale } from '../../../lib/messages.ts';
import {
  BODY,
  COLORS,
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
  signaturesHeight,
  townOf,
} from './common.ts';
import { t } from './texts.ts';
import type { DonationCertificateInput } from './types.ts';

/**
 * The certificate of a donation: the organisation gives the device free of charge and the recipient becomes
 * its owner on the day it is handed over; both sign.
 */
export async function donationCertificatePdf(
  input: DonationCertificateInput,
  locale: Locale,
): Promise<Buffer> {
  const title = t(locale, 'donation.title');
  const issuer = input.issuer.name;
  const recipient = input.recipient.name;
  const date = day(input.handedOverOn, locale);
  const doc = createDocumentPdf(input, title, locale);
  drawDocumentHeader(doc, input, title, locale);

  drawParties(doc, [
    { title: t(locale, 'donation.donor'), name: issuer, details: [townOf(input.issuer)].filter(present) },
    {
      title: t(locale, 'donation.recipient'),
      name: recipient,
      details: [townOf(input.recipient)].filter(present),
    },
  ]);
  paragraph(doc, t(locale, 'donation.intro', { issuer, recipient, programme: input.programmeName }), {
    fontSize: BODY,
    gapAfter: 4,
  });
  paragraph(doc, t(locale, 'donation.ownership', { date, recipient }), { fontSize: BODY, gapAfter: 4 });
  paragraph(doc, t(locale, 'donation.date', { date }), { fontSize: BODY, bold: true, gapAfter: 12 });
  drawDevice(doc, input.device, locale);
  ensureSpace(doc, 30 + signaturesHeight({ placeAndDate: true }));
  paragraph(doc, t(locale, 'donation.refurbished'), { fontSize: 10, color: COLORS.muted, gapAfter: 14 });

  drawSignatures(
    doc,
    locale,
    [
      { title: t(locale, 'donation.donor'), name: issuer, signatory: true },
      { title: t(locale, 'donation.recipient'), name: recipient },
    ],
    { placeAndDate: true },
  );
  return finishDocument(doc, input, title, locale);
}
