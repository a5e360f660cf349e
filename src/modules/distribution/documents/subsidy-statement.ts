import type { Locale } from '../../../lib/messages.ts';
import { drawTable } from '../../../lib/pdf.ts';
import {
  BODY,
  COLORS,
  createDocumentPdf,
  day,
  drawDocumentHeader,
  drawParties,
  ensureSpace,
  euros,
  fields,
  finishDocument,
  paragraph,
  partyDetails,
  present,
  textBox,
} from './common.ts';
import { deviceTypeLabel, t } from './texts.ts';
import type { SubsidyStatementInput, SubsidyStatementLine } from './types.ts';

interface StatementRow {
  position: string;
  day: string;
  assetTag: string;
  type: string;
  amount: string;
  total: boolean;
}

/** The number of devices and the sum of their subsidies, always computed from the lines. */
export function subsidyTotals(lines: readonly SubsidyStatementLine[]): { count: number; totalCents: number } {
  return { count: lines.length, totalCents: lines.reduce((sum, line) => sum + line.amountCents, 0) };
}

/**
 * The statement of the subsidies one funder owes for a period, to attach to the invoice: one line per device
 * (day, asset tag, type, amount) in the order of the handovers, over as many pages as needed, then the count
 * and the total. No person is named: a funder sees only devices and amounts.
 */
export async function subsidyStatementPdf(input: SubsidyStatementInput, locale: Locale): Promise<Buffer> {
  const title = t(locale, 'statement.title');
  const doc = createDocumentPdf(input, title, locale);
  drawDocumentHeader(doc, input, title, locale);

  drawParties(doc, [
    {
      title: t(locale, 'statement.funder'),
      name: input.funder.name,
      details: partyDetails(locale, input.funder),
    },
    {
      title: t(locale, 'statement.issuer'),
      name: input.issuer.name,
      details: partyDetails(locale, input.issuer),
    },
  ]);
  fields(
    doc,
    [
      [
        t(locale, 'statement.period'),
        t(locale, 'statement.period_value', {
          from: day(input.period.from, locale),
          to: day(input.period.to, locale),
        }),
      ],
    ],
    { labelWidth: 140, fontSize: BODY },
  );
  doc.y += 4;
  paragraph(
    doc,
    t(locale, 'statement.intro', { programme: input.programmeName, funder: input.funder.name }),
    {
      fontSize: BODY,
      gapAfter: 10,
    },
  );

  // Sorted here, so that the statement reads in the order of the handovers whatever order the caller used.
  const sorted = input.lines
    .map((line, index) => ({ line, index }))
    .sort(
      (a, b) =>
        a.line.handedOverOn.localeCompare(b.line.handedOverOn) ||
        a.line.assetTag.localeCompare(b.line.assetTag) ||
        a.index - b.index,
    );
  const totals = subsidyTotals(input.lines);
  if (sorted.length === 0) {
    paragraph(doc, t(locale, 'statement.empty'), { fontSize: BODY, bold: true, gapAfter: 10 });
  } else {
    // The total is the table's last row too, so that it follows the last line onto its page.
    const rows: StatementRow[] = [
      ...sorted.map(({ line }, i) => ({
        position: String(i + 1),
        day: day(line.handedOverOn, locale),
        assetTag: line.assetTag,
        type: deviceTypeLabel(locale, line.deviceType),
        amount: euros(line.amountCents, locale),
        total: false,
      })),
      {
        position: '',
        day: t(locale, 'statement.total'),
        assetTag: '',
        type: t(locale, totals.count === 1 ? 'statement.count_value_one' : 'statement.count_value', {
          count: totals.count,
        }),
        amount: euros(totals.totalCents, locale),
        total: true,
      },
    ];
    const bold = (row: StatementRow) => (row.total ? { bold: true } : undefined);
    const { left, width } = textBox(doc);
    drawTable(doc, {
      x: left,
      width,
      fontSize: 10,
      padding: 4,
      rows,
      columns: [
        { header: t(locale, 'statement.col_index'), width: 0.6, align: 'right', value: (r) => r.position },
        { header: t(locale, 'statement.col_date'), width: 2, value: (r) => r.day, style: bold },
        {
          header: t(locale, 'statement.col_asset_tag'),
          width: 1.8,
          noWrap: true,
          value: (r) => r.assetTag,
          style: () => ({ mono: true }),
        },
        { header: t(locale, 'statement.col_type'), width: 2, value: (r) => r.type, style: bold },
        {
          header: t(locale, 'statement.col_amount'),
          width: 1.3,
          align: 'right',
          value: (r) => r.amount,
          style: bold,
        },
      ],
    });
    doc.y += 12;
  }

  const invoice = present(input.issuer.siret)
    ? t(locale, 'statement.invoice_siret', { issuer: input.issuer.name, siret: input.issuer.siret })
    : t(locale, 'statement.invoice', { issuer: input.issuer.name });
  // The totals and what to do with the statement stay together, after the last line.
  ensureSpace(doc, 100);
  fields(
    doc,
    [
      [t(locale, 'statement.count'), String(totals.count)],
      [t(locale, 'statement.total'), euros(totals.totalCents, locale)],
    ],
    { labelWidth: 200, fontSize: 12 },
  );
  doc.y += 8;
  paragraph(doc, invoice, { fontSize: BODY, bold: true, gapAfter: 4 });
  paragraph(doc, t(locale, 'statement.privacy'), { fontSize: 9.5, color: COLORS.muted });
  return finishDocument(doc, input, title, locale);
}
