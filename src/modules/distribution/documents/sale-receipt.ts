import type { Locale } from '../../../lib/messages.ts';
import { drawTable } from '../../../lib/pdf.ts';
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
  euros,
  finishDocument,
  paragraph,
  present,
  section,
  signaturesHeight,
  textBox,
  townOf,
} from './common.ts';
import { paymentMethodLabel, t } from './texts.ts';
import type { SaleReceiptInput } from './types.ts';

interface SplitRow {
  label: string;
  amount: string;
  total: boolean;
}

/**
 * The receipt of a solidarity sale: who sold what to whom, how the price was split between the funders and
 * the household, what the household paid (and that it differs from its share, when it does), with places to
 * sign for the seller and the buyer.
 */
export async function saleReceiptPdf(input: SaleReceiptInput, locale: Locale): Promise<Buffer> {
  const title = t(locale, 'receipt.title');
  const doc = createDocumentPdf(input, title, locale);
  drawDocumentHeader(doc, input, title, locale);

  drawParties(doc, [
    {
      title: t(locale, 'receipt.seller'),
      name: input.issuer.name,
      details: [townOf(input.issuer)].filter(present),
    },
    {
      title: t(locale, 'receipt.buyer'),
      name: input.buyer.name,
      details: [townOf(input.buyer)].filter(present),
    },
  ]);
  paragraph(
    doc,
    t(locale, 'receipt.intro', {
      issuer: input.issuer.name,
      date: day(input.handedOverOn, locale),
      programme: input.programmeName,
    }),
    { fontSize: BODY, gapAfter: 12 },
  );
  drawDevice(doc, input.device, locale);

  // The split reads as a sum: the price, less each funder's share, leaves the household's share.
  const rows: SplitRow[] = [
    { label: t(locale, 'receipt.price'), amount: euros(input.unitPriceCents, locale), total: false },
    ...input.subsidies.map((subsidy) => ({
      label: t(locale, 'receipt.subsidy', { funder: subsidy.funderName }),
      amount: `− ${euros(subsidy.amountCents, locale)}`,
      total: false,
    })),
    { label: t(locale, 'receipt.contribution'), amount: euros(input.contributionCents, locale), total: true },
  ];
  section(doc, t(locale, 'receipt.split_heading'), 90);
  const { left, width } = textBox(doc);
  drawTable(doc, {
    x: left,
    width,
    fontSize: BODY,
    padding: 5,
    stripeFill: null,
    rows,
    columns: [
      {
        header: t(locale, 'receipt.col_what'),
        width: 3,
        value: (row) => row.label,
        style: (row) => (row.total ? { bold: true } : undefined),
      },
      {
        header: t(locale, 'receipt.col_amount'),
        width: 1,
        align: 'right',
        value: (row) => row.amount,
        style: (row) => (row.total ? { bold: true } : undefined),
      },
    ],
  });
  doc.y += 14;

  section(doc, t(locale, 'receipt.payment_heading'), 50);
  const { paid } = input;
  if (!paid) {
    paragraph(doc, t(locale, 'receipt.not_paid'), { fontSize: BODY, bold: true });
  } else {
    paragraph(
      doc,
      t(locale, 'receipt.paid', {
        amount: euros(paid.amountCents, locale),
        method: paymentMethodLabel(locale, paid.method),
        date: day(input.handedOverOn, locale),
      }),
      { fontSize: BODY, gapAfter: 3 },
    );
    if (paid.amountCents === input.contributionCents) {
      paragraph(doc, t(locale, 'receipt.paid_matches'), { fontSize: BODY, gapAfter: 3 });
    } else {
      paragraph(
        doc,
        t(locale, 'receipt.paid_different', {
          paid: euros(paid.amountCents, locale),
          expected: euros(input.contributionCents, locale),
        }),
        { fontSize: BODY, bold: true, gapAfter: 3, keepTogether: true },
      );
    }
    if (present(paid.note))
      paragraph(doc, t(locale, 'receipt.paid_note', { note: paid.note.trim() }), {
        fontSize: BODY,
        gapAfter: 3,
      });
  }
  doc.y += 10;
  ensureSpace(doc, 30 + signaturesHeight());
  paragraph(doc, t(locale, 'receipt.refurbished'), { fontSize: 10, color: COLORS.muted, gapAfter: 14 });

  drawSignatures(doc, locale, [
    { title: t(locale, 'receipt.seller'), name: input.issuer.name, signatory: true },
    { title: t(locale, 'receipt.buyer'), name: input.buyer.name },
  ]);
  return finishDocument(doc, input, title, locale);
}
