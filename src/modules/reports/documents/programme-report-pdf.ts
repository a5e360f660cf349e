import { IMPACT_METHOD } from '../../../lib/impact.ts';
import type { Locale } from '../../../lib/messages.ts';
import {
  addPageNumbers,
  createPdf,
  drawTable,
  formatDate,
  formatDay,
  formatNumber,
  type PdfDocument,
  pdfToBuffer,
} from '../../../lib/pdf.ts';
import { ensureSpace, formatEuros, heading, paragraph } from '../../programmes/documents/common.ts';
import type { ProgrammeReport } from '../programme-report.ts';
import { drawReportCheques } from './cheques-document.ts';
import { drawReportBudget } from './programme-report-budget-document.ts';
import { label, type ProgrammeReportTextKey, t } from './programme-report-texts.ts';

/** A share 0..1 as a percentage: "80 %" / "80%". */
export function percent(share: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(share);
}

type Row = { label: string; value: string; extra?: string };

function table(doc: PdfDocument, rows: Row[], headers: [string, string, string?]): void {
  const columns = [
    { header: headers[0], width: 3, value: (r: Row) => r.label },
    { header: headers[1], width: 1.2, align: 'right' as const, value: (r: Row) => r.value },
  ];
  if (headers[2] !== undefined)
    columns.push({
      header: headers[2],
      width: 1.2,
      align: 'right' as const,
      value: (r: Row) => r.extra ?? '',
    });
  // A header alone at the foot of a page reads badly: keep it with its first rows.
  ensureSpace(doc, 50);
  drawTable(doc, { columns, rows, fontSize: 9 });
  doc.moveDown(0.6);
}

/**
 * The programme report as PDF: key figures first, then one part per section with its tables, the bases of
 * the shares and the impact method with its sources. Drawn from the report object alone (no second
 * computation), in French or English.
 */
export async function renderProgrammeReportPdf(report: ProgrammeReport, locale: Locale): Promise<Buffer> {
  const title = t(locale, 'title');
  const doc = createPdf({
    title: `${title} — ${report.programme.name}`,
    subject: report.programme.name,
    author: report.programme.ownerName,
    locale,
    margins: { top: 42, bottom: 46, left: 54, right: 54 },
  });
  const num = (value: number, digits = 1) => formatNumber(value, locale, digits);
  const eur = (cents: number) => formatEuros(cents, locale);
  const tt = (key: ProgrammeReportTextKey, params?: Record<string, string | number>) =>
    t(locale, key, params);
  const b = report.beneficiaries;
  const d = report.devices;
  const m = report.money;
  const p = report.demographics;
  const tr = report.training;

  paragraph(doc, title, { fontSize: 18, bold: true, gapAfter: 2 });
  paragraph(doc, report.programme.name, { fontSize: 14, bold: true, gapAfter: 2 });
  paragraph(doc, tt('owner', { owner: report.programme.ownerName }), { gapAfter: 0 });
  paragraph(
    doc,
    tt('period', { from: formatDay(report.period.from, locale), to: formatDay(report.period.to, locale) }),
    { gapAfter: 0 },
  );
  paragraph(doc, tt('generated', { date: formatDate(new Date(), locale) }), { fontSize: 8, gapAfter: 8 });

  heading(doc, tt('key_figures'));
  table(
    doc,
    [
      { label: tt('equipped'), value: num(b.equipped), extra: b.target === null ? '' : num(b.target) },
      {
        label: tt('target_achievement'),
        value: b.targetAchievement === null ? tt('no_target') : percent(b.targetAchievement, locale),
      },
      {
        label: tt('devices_handed_over'),
        value: num(d.handedOver),
        extra: d.target === null ? '' : num(d.target),
      },
      {
        label: tt('internet_aids'),
        value: `${num(m.internetAids.count)} (${eur(m.internetAids.totalCents)})`,
      },
      { label: tt('co2e_avoided'), value: `${num(report.impact.co2eAvoidedKg)} kg` },
      { label: tt('weee_avoided'), value: `${num(report.impact.weeeAvoidedKg)} kg` },
    ],
    [tt('col_indicator'), tt('col_value'), tt('col_target')],
  );

  heading(doc, tt('section_beneficiaries'));
  table(
    doc,
    [
      { label: tt('referred'), value: num(b.referred) },
      { label: tt('eligible'), value: num(b.eligible) },
      { label: tt('equipped'), value: num(b.equipped), extra: b.target === null ? '' : num(b.target) },
      { label: tt('equipped_persons'), value: num(b.persons) },
      { label: tt('equipped_associations'), value: num(b.associations) },
    ],
    [tt('col_indicator'), tt('col_value'), tt('col_target')],
  );
  table(
    doc,
    b.byGroup.map((g) => ({
      label: label(locale, 'target', g.group),
      value: num(g.equipped),
      extra: g.target === null ? '' : num(g.target),
    })),
    [tt('col_group'), tt('equipped'), tt('col_target')],
  );

  heading(doc, tt('section_devices'));
  table(
    doc,
    [
      ...Object.entries(d.byType).map(([type, count]) => ({
        label: label(locale, 'device', type),
        value: num(count),
      })),
      {
        label: tt('devices_handed_over'),
        value: num(d.handedOver),
        extra: d.target === null ? '' : num(d.target),
      },
    ],
    [tt('col_type'), tt('col_count'), tt('col_target')],
  );
  if (d.osImages.length > 0)
    table(
      doc,
      d.osImages.map((os) => ({ label: os.name, value: num(os.count) })),
      [tt('col_os_image'), tt('col_count')],
    );

  heading(doc, tt('section_money'));
  table(
    doc,
    [
      { label: tt('contributions'), value: eur(m.contributionsCents) },
      { label: tt('subsidies'), value: eur(m.subsidiesCents) },
      {
        label: tt('internet_aids_total'),
        value: eur(m.internetAids.totalCents),
        extra: num(m.internetAids.count),
      },
    ],
    [tt('col_indicator'), tt('col_amount'), tt('col_count')],
  );
  if (m.subsidiesByFunder.length > 0)
    table(
      doc,
      m.subsidiesByFunder.map((s) => ({
        label: s.funderName,
        value: eur(s.amountCents),
        extra: num(s.units),
      })),
      [tt('col_funder'), tt('col_amount'), tt('col_units')],
    );
  if (m.internetAids.byFunder.length > 0)
    table(
      doc,
      m.internetAids.byFunder.map((f) => ({
        label: f.funderName ?? tt('no_funder'),
        value: eur(f.totalCents),
        extra: num(f.count),
      })),
      [`${tt('col_funder')} — ${tt('internet_aids')}`, tt('col_amount'), tt('col_count')],
    );
  if (m.costPerPersonCents === null) paragraph(doc, tt('cost_per_person_none'), { fontSize: 9 });
  drawReportBudget(doc, report.budget, locale);

  heading(doc, tt('section_demographics'));
  paragraph(doc, tt('persons_base', { persons: num(p.persons) }), { fontSize: 9 });
  // A funder's copy may hold masked counts: "<5", and no share beside them.
  const shares = (
    rows: { count: number | '<5'; share: number | null }[],
    name: (i: number) => string,
    header: ProgrammeReportTextKey,
  ) =>
    table(
      doc,
      rows.map((r, i) => ({
        label: name(i),
        value: r.count === '<5' ? r.count : num(r.count),
        extra: r.share === null ? '—' : percent(r.share, locale),
      })),
      [tt(header), tt('col_count'), tt('col_share')],
    );
  shares(p.ageBands, (i) => label(locale, 'band', p.ageBands[i]?.band ?? ''), 'col_band');
  shares(
    p.householdTypes,
    (i) => label(locale, 'household', p.householdTypes[i]?.type ?? ''),
    'col_household',
  );
  paragraph(
    doc,
    `${tt('priority_zone_share')}${locale === 'fr' ? ' : ' : ': '}${p.priorityZoneShare === null ? '<5' : percent(p.priorityZoneShare, locale)}`,
    { bold: true },
  );
  shares(
    p.incomeSituations,
    (i) => label(locale, 'income', p.incomeSituations[i]?.situation ?? ''),
    'col_income',
  );
  if (p.towns.length > 0) {
    paragraph(doc, tt('towns_note'), { fontSize: 9 });
    shares(p.towns, (i) => p.towns[i]?.town ?? '', 'col_town');
  }

  heading(doc, tt('section_training'));
  table(
    doc,
    [
      { label: tt('enrolled'), value: num(tr.enrolled) },
      { label: tt('completed'), value: num(tr.completed) },
      { label: tt('assessed_at_exit'), value: num(tr.assessedAtExit) },
      {
        label: tt('autonomous_share'),
        value: percent(tr.autonomousShare, locale),
        extra: tr.autonomyTarget === null ? '' : percent(tr.autonomyTarget, locale),
      },
    ],
    [tt('col_indicator'), tt('col_value'), tt('col_target')],
  );
  paragraph(doc, tt('training_base'), { fontSize: 9 });
  const progress = tr.averageSkillsProgress;
  if (progress) {
    table(
      doc,
      [
        { label: tt('skills_progress'), value: num(progress.overall, 2), extra: num(progress.people) },
        ...progress.byArea.map((a) => ({ label: a.area, value: num(a.progress, 2), extra: num(a.people) })),
      ],
      [tt('col_area'), tt('col_progress'), tt('col_people')],
    );
  } else {
    paragraph(doc, tt('skills_none'), { fontSize: 9 });
  }
  drawReportCheques(doc, tr.cheques, locale);

  heading(doc, tt('section_follow_up'));
  const fu = report.followUp;
  const count = (n: number | string) => (typeof n === 'number' ? num(n) : n);
  if (fu.scheduled === 0) {
    paragraph(doc, tt('fu_none'), { fontSize: 9 });
  } else {
    table(
      doc,
      [
        { label: tt('fu_scheduled'), value: num(fu.scheduled) },
        { label: tt('fu_due'), value: num(fu.due) },
        { label: tt('fu_answered'), value: num(fu.answered) },
        {
          label: tt('fu_response_rate'),
          value: fu.responseRate === null ? '—' : percent(fu.responseRate, locale),
        },
        { label: tt('fu_still_working'), value: count(fu.stillWorking) },
        { label: tt('fu_help_asked'), value: count(fu.helpAsked) },
      ],
      [tt('col_indicator'), tt('col_value')],
    );
    const answers = (title: ProgrammeReportTextKey, values: Record<string, number | string>) =>
      table(
        doc,
        Object.entries(values).map(([key, n]) => ({
          label: tt(`fu_${key}` as ProgrammeReportTextKey),
          value: count(n),
        })),
        [tt(title), tt('col_answers')],
      );
    answers('fu_frequency', fu.byFrequency);
    answers('fu_use', fu.byUse);
    answers('fu_autonomy', fu.byAutonomy);
    table(
      doc,
      fu.byMonths.map((m) => ({
        label: tt('fu_at_months', { months: m.months }),
        value: num(m.due),
        extra: count(m.answered),
      })),
      [tt('col_indicator'), tt('col_due'), tt('col_answers')],
    );
    paragraph(doc, tt('fu_base'), { fontSize: 9 });
  }

  heading(doc, tt('section_impact'));
  table(
    doc,
    [
      { label: tt('co2e_avoided'), value: `${num(report.impact.co2eAvoidedKg)} kg` },
      { label: tt('weee_avoided'), value: `${num(report.impact.weeeAvoidedKg)} kg` },
    ],
    [tt('col_indicator'), tt('col_value')],
  );
  paragraph(doc, IMPACT_METHOD[locale], { fontSize: 9 });
  paragraph(doc, tt('impact_source'), { fontSize: 9 });

  addPageNumbers(doc, { left: `${title} — ${report.programme.name}`, fontSize: 8 });
  return pdfToBuffer(doc);
}
