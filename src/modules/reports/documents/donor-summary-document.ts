import type { Locale } from '../../../lib/messages.ts';
import { drawTable, FONTS, formatDay, formatNumber } from '../../../lib/pdf.ts';
import { typeLabel } from '../../inventory/documents/texts.ts';
import type { DonorSummary } from '../donor-types.ts';
import {
  COLORS,
  drawFigures,
  finishDocument,
  heading,
  kg,
  note,
  startDocument,
  toCsv,
} from './network-pdf-kit.ts';
import { decimal, nt } from './network-texts.ts';

/** The donor's yearly summary as PDF: a thank-you page with the year's figures, then each donation. */
export async function renderDonorSummaryPdf(summary: DonorSummary, locale: Locale): Promise<Buffer> {
  const page = startDocument({
    locale,
    title: nt(locale, 'donor.title', { year: summary.year }),
    organisation: summary.donor.name,
    subtitle: nt(locale, 'donor.intro', {
      year: summary.year,
      donor: summary.donor.name,
      given: summary.totals.given,
    }),
  });
  const { doc, left, width } = page;
  const n = (value: number) => formatNumber(value, locale, 0);
  const t = summary.totals;
  drawFigures(page, [
    [nt(locale, 'donor.given'), n(t.given)],
    [nt(locale, 'donor.reused'), n(t.reused)],
    [nt(locale, 'donor.recycled'), n(t.recycled)],
    [nt(locale, 'donor.in_progress'), n(t.inProgress)],
    [nt(locale, 'donor.lost'), n(t.lost)],
  ]);
  drawFigures(
    page,
    [
      [nt(locale, 'donor.co2e'), kg(locale, t.co2eAvoidedKg)],
      [nt(locale, 'donor.weee'), kg(locale, t.weeeAvoidedKg)],
    ],
    { fill: COLORS.passedFill, color: COLORS.passed },
  );
  doc
    .font(FONTS.regular)
    .fontSize(10)
    .fillColor(COLORS.text)
    .text(nt(locale, 'donor.thanks'), left, doc.y + 4, {
      width,
    });
  note(page, summary.method);

  if (summary.byType.length > 0) {
    heading(page, nt(locale, 'donor.type'));
    drawTable(doc, {
      x: left,
      width,
      fontSize: 8,
      rows: summary.byType,
      columns: [
        { header: nt(locale, 'donor.type'), width: 2, value: (r) => typeLabel(locale, r.type) },
        { header: nt(locale, 'donor.given'), width: 1, align: 'right', value: (r) => n(r.given) },
        { header: nt(locale, 'donor.reused'), width: 1, align: 'right', value: (r) => n(r.reused) },
        { header: nt(locale, 'donor.recycled'), width: 1, align: 'right', value: (r) => n(r.recycled) },
        { header: nt(locale, 'donor.in_progress'), width: 1, align: 'right', value: (r) => n(r.inProgress) },
        { header: nt(locale, 'donor.lost'), width: 1, align: 'right', value: (r) => n(r.lost) },
      ],
    });
  }

  heading(page, nt(locale, 'donor.donations'));
  if (summary.donations.length === 0) {
    doc.font(FONTS.regular).fontSize(9).text(nt(locale, 'donor.no_donation'), left, doc.y, { width });
  } else {
    drawTable(doc, {
      x: left,
      width,
      fontSize: 7.5,
      padding: 2.5,
      rows: summary.donations,
      columns: [
        {
          header: nt(locale, 'donor.received_on'),
          width: 1.4,
          value: (d) => formatDay(d.receivedOn, locale),
        },
        { header: nt(locale, 'donor.refurbisher'), width: 2, value: (d) => d.refurbisherName },
        { header: nt(locale, 'donor.given'), width: 0.8, align: 'right', value: (d) => n(d.given) },
        { header: nt(locale, 'donor.reused'), width: 0.9, align: 'right', value: (d) => n(d.reused) },
        { header: nt(locale, 'donor.recycled'), width: 0.9, align: 'right', value: (d) => n(d.recycled) },
        {
          header: nt(locale, 'donor.in_progress'),
          width: 0.9,
          align: 'right',
          value: (d) => n(d.inProgress),
        },
        { header: nt(locale, 'donor.lost'), width: 0.8, align: 'right', value: (d) => n(d.lost) },
        {
          header: nt(locale, 'donor.co2e'),
          width: 1.1,
          align: 'right',
          value: (d) => kg(locale, d.co2eAvoidedKg),
        },
        {
          header: nt(locale, 'donor.weee'),
          width: 1.1,
          align: 'right',
          value: (d) => kg(locale, d.weeeAvoidedKg),
        },
      ],
    });
  }
  note(page, nt(locale, 'donor.privacy'));
  return finishDocument(page, locale, summary.donor.name);
}

/** The donor's yearly summary as CSV (UTF-8 with BOM, `;`): one row per donation, then the totals. */
export function renderDonorSummaryCsv(summary: DonorSummary, locale: Locale): string {
  const rows: (string | number)[][] = [
    [
      nt(locale, 'donor.received_on'),
      nt(locale, 'donor.refurbisher'),
      nt(locale, 'donor.given'),
      nt(locale, 'donor.reused'),
      nt(locale, 'donor.recycled'),
      nt(locale, 'donor.in_progress'),
      nt(locale, 'donor.lost'),
      `${nt(locale, 'donor.co2e')} (kg)`,
      `${nt(locale, 'donor.weee')} (kg)`,
    ],
  ];
  for (const d of summary.donations) {
    rows.push([
      d.receivedOn,
      d.refurbisherName,
      d.given,
      d.reused,
      d.recycled,
      d.inProgress,
      d.lost,
      decimal(d.co2eAvoidedKg, locale),
      decimal(d.weeeAvoidedKg, locale),
    ]);
  }
  const t = summary.totals;
  rows.push([
    nt(locale, 'common.total'),
    '',
    t.given,
    t.reused,
    t.recycled,
    t.inProgress,
    t.lost,
    decimal(t.co2eAvoidedKg, locale),
    decimal(t.weeeAvoidedKg, locale),
  ]);
  return toCsv(rows);
}
