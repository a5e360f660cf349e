import type { Locale } from '../../../lib/messages.ts';
import {
  BODY,
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
import { modeLabel, t } from './texts.ts';
import type { HandoverAttestationInput } from './types.ts';

/**
 * The attestation that a device was handed over on a day, under the programme's mode (sale, loan or
 * donation); it says when the recipient signed on paper, and leaves places to sign.
 */
export async function handoverAttestationPdf(
  input: HandoverAttestationInput,
  locale: Locale,
): Promise<Buffer> {
  const title = t(locale, 'handover.title');
  const issuer = input.issuer.name;
  const recipient = input.recipient.name;
  const doc = createDocumentPdf(input, title, locale);
  drawDocumentHeader(doc, input, title, locale);

  drawParties(doc, [
    {
      title: t(locale, 'handover.organisation'),
      name: issuer,
      details: [townOf(input.issuer)].filter(present),
    },
    {
      title: t(locale, 'handover.recipient'),
      name: recipient,
      details: [townOf(input.recipient)].filter(present),
    },
  ]);
  paragraph(
    doc,
    t(locale, 'handover.intro', {
      issuer,
      recipient,
      date: day(input.handedOverOn, locale),
      programme: input.programmeName,
    }),
    { fontSize: BODY, gapAfter: 4 },
  );
  paragraph(doc, t(locale, 'handover.mode', { mode: modeLabel(locale, input.mode) }), {
    fontSize: BODY,
    bold: true,
    gapAfter: 12,
  });
  drawDevice(doc, input.device, locale);
  if (input.signedOnPaper) {
    ensureSpace(doc, 30 + signaturesHeight({ placeAndDate: true }));
    paragraph(doc, t(locale, 'handover.signed_on_paper', { issuer }), { fontSize: BODY, gapAfter: 14 });
  }

  drawSignatures(
    doc,
    locale,
    [
      { title: t(locale, 'handover.organisation'), name: issuer, signatory: true },
      { title: t(locale, 'handover.recipient'), name: recipient, image: input.signaturePng },
    ],
    { placeAndDate: true },
  );
  return finishDocument(doc, input, title, locale);
}
