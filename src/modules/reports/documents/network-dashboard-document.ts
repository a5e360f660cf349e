import type { Locale } from '../../../lib/messages.ts';
import { drawTable, FONTS, formatNumber } from '../../../lib/pdf.ts';
import { statusLabel, typeLabel } from '../../inventory/documents/texts.ts';
import type { NetworkDashboard, PeopleCount } from '../network-types.ts';
import {
  COLORS,
  drawFigures,
  finishDocument,
  heading,
  kg,
  note,
  periodText,
  startDocument,
  toCsv,
} from './network-pdf-kit.ts';
import { decimal, groupLabel, modeLabel, nt } from './network-texts.ts';

const people = (locale: Locale, count: PeopleCount): string =>
  typeof count === 'number' ? formatNumber(count, locale, 0) : count;

/** The network dashboard as PDF: key figures first, then stock, flows, people, training and impact. */
export async function renderNetworkDashboardPdf(report: NetworkDashboard, locale: Locale): Promise<Buffer> {
  const page = startDocument({
    locale,
    title: nt(locale, 'network.title'),
    organisation: report.coordinator.name,
    subtitle: `${nt(locale, 'common.period')} : ${periodText(locale, report.period)}`,
  });
  const { doc, left, width } = page;
  const n = (value: number) => formatNumber(value, locale, 0);
  drawFigures(page, [
    [nt(locale, 'network.stock_total'), n(report.stock.total)],
    [nt(locale, 'network.received'), n(report.flowTotals.received)],
    [nt(locale, 'network.handed_over'), people(locale, report.flowTotals.handedOver)],
    [nt(locale, 'network.equipped'), people(locale, report.people.equipped)],
    [nt(locale, 'network.people_trained'), people(locale, report.training.peopleTrained)],
  ]);
  drawFigures(
    page,
    [
      [nt(locale, 'network.co2e'), kg(locale, report.impact.co2eAvoidedKg)],
      [nt(locale, 'network.weee'), kg(locale, report.impact.weeeAvoidedKg)],
    ],
    { fill: COLORS.passedFill, color: COLORS.passed },
  );
  note(page, nt(locale, 'network.masking'));

  heading(page, nt(locale, 'network.organisations', { count: report.organisations.length }));
  doc
    .font(FONTS.regular)
    .fontSize(8.5)
    .text(report.organisations.map((o) => o.name).join(' · '), left, doc.y, {
      width,
    });

  heading(page, nt(locale, 'network.stock'));
  drawTable(doc, {
    x: left,
    width,
    fontSize: 8,
    rows: report.stock.byStatus.filter((s) => s.count > 0),
    columns: [
      { header: nt(locale, 'network.by_status'), width: 3, value: (s) => statusLabel(locale, s.status) },
      { header: nt(locale, 'common.total'), width: 1, align: 'right', value: (s) => n(s.count) },
    ],
  });
  doc.y += 6;
  drawTable(doc, {
    x: left,
    width,
    fontSize: 8,
    rows: report.stock.byType.filter((s) => s.count > 0),
    columns: [
      { header: nt(locale, 'network.by_type'), width: 3, value: (s) => typeLabel(locale, s.type) },
      { header: nt(locale, 'common.total'), width: 1, align: 'right', value: (s) => n(s.count) },
    ],
  });

  heading(page, nt(locale, 'network.flows'));
  drawTable(doc, {
    x: left,
    width,
    fontSize: 8,
    rows: [...report.flows, { month: nt(locale, 'common.total'), ...report.flowTotals }],
    columns: [
      { header: nt(locale, 'common.month'), width: 1.4, value: (m) => m.month },
      { header: nt(locale, 'network.received'), width: 1, align: 'right', value: (m) => n(m.received) },
      { header: nt(locale, 'network.ready'), width: 1.3, align: 'right', value: (m) => n(m.ready) },
      {
        header: nt(locale, 'network.handed_over'),
        width: 1,
        align: 'right',
        value: (m) => people(locale, m.handedOver),
      },
      { header: nt(locale, 'network.recycled'), width: 1, align: 'right', value: (m) => n(m.recycled) },
    ],
  });

  heading(page, nt(locale, 'network.people'));
  drawTable(doc, {
    x: left,
    width,
    fontSize: 8,
    rows: <[string, string][]>[
      ...report.people.byGroup.map((g) => [groupLabel(locale, g.group), people(locale, g.equipped)]),
      [nt(locale, 'network.equipped'), people(locale, report.people.equipped)],
    ],
    columns: [
      { header: nt(locale, 'network.by_group'), width: 3, value: (r) => r[0] },
      { header: nt(locale, 'common.total'), width: 1, align: 'right', value: (r) => r[1] },
    ],
  });
  doc.y += 6;
  drawTable(doc, {
    x: left,
    width,
    fontSize: 8,
    rows: report.people.byMode,
    columns: [
      { header: nt(locale, 'network.by_mode'), width: 3, value: (m) => modeLabel(locale, m.mode) },
      {
        header: nt(locale, 'common.total'),
        width: 1,
        align: 'right',
        value: (m) => people(locale, m.equipped),
      },
    ],
  });

  heading(page, nt(locale, 'network.training'));
  drawTable(doc, {
    x: left,
    width,
    fontSize: 8,
    rows: <[string, string][]>[
      [nt(locale, 'network.sessions_held'), n(report.training.sessionsHeld)],
      [nt(locale, 'network.people_trained'), people(locale, report.training.peopleTrained)],
      [nt(locale, 'network.activities'), n(report.training.anonymousActivities)],
      [nt(locale, 'network.participants'), people(locale, report.training.anonymousParticipants)],
    ],
    columns: [
      { header: nt(locale, 'common.item'), width: 3, value: (r) => r[0] },
      { header: nt(locale, 'common.value'), width: 1, align: 'right', value: (r) => r[1] },
    ],
  });

  heading(page, nt(locale, 'network.impact'));
  drawFigures(
    page,
    [
      [nt(locale, 'network.co2e'), kg(locale, report.impact.co2eAvoidedKg)],
      [nt(locale, 'network.weee'), kg(locale, report.impact.weeeAvoidedKg)],
    ],
    { fill: COLORS.passedFill, color: COLORS.passed },
  );
  note(page, report.impact.method);
  return finishDocument(page, locale, report.coordinator.name);
}

/**
 * The network dashboard as CSV, one figure a row: section, item, month (flows only), value. People counts
 * keep their "<5".
 */
export function renderNetworkDashboardCsv(report: NetworkDashboard, locale: Locale): string {
  const rows: (string | number)[][] = [
    [
      nt(locale, 'common.section'),
      nt(locale, 'common.item'),
      nt(locale, 'common.month'),
      nt(locale, 'common.value'),
    ],
  ];
  const stock = nt(locale, 'network.stock');
  rows.push([stock, nt(locale, 'common.total'), '', report.stock.total]);
  for (const s of report.stock.byStatus) rows.push([stock, statusLabel(locale, s.status), '', s.count]);
  for (const s of report.stock.byType) rows.push([stock, typeLabel(locale, s.type), '', s.count]);
  const flows = nt(locale, 'network.flows');
  for (const m of report.flows) {
    rows.push([flows, nt(locale, 'network.received'), m.month, m.received]);
    rows.push([flows, nt(locale, 'network.ready'), m.month, m.ready]);
    rows.push([flows, nt(locale, 'network.handed_over'), m.month, m.handedOver]);
    rows.push([flows, nt(locale, 'network.recycled'), m.month, m.recycled]);
  }
  const peopleSection = nt(locale, 'network.people');
  rows.push([peopleSection, nt(locale, 'network.equipped'), '', report.people.equipped]);
  for (const g of report.people.byGroup)
    rows.push([peopleSection, groupLabel(locale, g.group), '', g.equipped]);
  for (const m of report.people.byMode) rows.push([peopleSection, modeLabel(locale, m.mode), '', m.equipped]);
  const training = nt(locale, 'network.training');
  rows.push([training, nt(locale, 'network.sessions_held'), '', report.training.sessionsHeld]);
  rows.push([training, nt(locale, 'network.people_trained'), '', report.training.peopleTrained]);
  rows.push([training, nt(locale, 'network.activities'), '', report.training.anonymousActivities]);
  rows.push([training, nt(locale, 'network.participants'), '', report.training.anonymousParticipants]);
  const impact = nt(locale, 'network.impact');
  rows.push([impact, `${nt(locale, 'network.co2e')} (kg)`, '', decimal(report.impact.co2eAvoidedKg, locale)]);
  rows.push([impact, `${nt(locale, 'network.weee')} (kg)`, '', decimal(report.impact.weeeAvoidedKg, locale)]);
  return toCsv(rows);
}
