import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderProgrammeReportCsv } from './documents/programme-report-csv.ts';
import { renderOpenDataCsv, reportBreakdowns } from './open-data.ts';
import { type ProgrammeReport, resolvePeriod, shareOf } from './programme-report.ts';

/** A report of `persons` people, all in one age band, household, town; the rest empty. */
function reportOf(persons: number, town = 'Orléans'): ProgrammeReport {
  const share = shareOf(persons, persons);
  return {
    programme: {
      id: '00000000-0000-4000-8000-000000000001',
      name: '+Programme',
      ownerOrganisationId: '00000000-0000-4000-8000-000000000002',
      ownerName: 'CCAS',
      mode: 'donation',
      startsOn: '2025-01-01',
      endsOn: '2025-12-31',
    },
    period: { from: '2025-01-01', to: '2025-12-31' },
    beneficiaries: {
      referred: persons,
      eligible: persons,
      equipped: persons,
      persons,
      associations: 0,
      target: 40,
      targetAchievement: persons / 40,
      byGroup: [{ group: 'household', equipped: persons, target: null }],
    },
    devices: {
      handedOver: persons,
      target: null,
      byType: { laptop: persons, desktop: 0, monitor: 0, tablet: 0, smartphone: 0, printer: 0, other: 0 },
      osImages: [{ name: 'Emmabuntüs 5', count: persons }],
    },
    money: {
      contributionsCents: persons * 3000,
      subsidiesCents: persons * 8000,
      subsidiesByFunder: [
        {
          funderOrganisationId: '00000000-0000-4000-8000-000000000003',
          funderName: '@Fonds',
          units: persons,
          amountCents: persons * 8000,
        },
      ],
      internetAids: { count: 0, totalCents: 0, byFunder: [] },
      costPerPersonCents: null,
    },
    budget: {
      recorded: false,
      coveredFrom: 2025,
      coveredTo: 2025,
      categories: [],
      totals: { plannedCents: 0, committedCents: 0, spentCents: 0 },
      costPerPersonCents: null,
      costPerDeviceCents: null,
      funders: [],
      funding: { grantedCents: 0, receivedCents: 0, unfundedCents: 0, overfundedCents: 0 },
    },
    demographics: {
      masked: false,
      persons,
      ageBands: [
        { band: '25-44', count: persons, share },
        { band: 'unknown', count: 0, share: 0 },
      ],
      householdTypes: [{ type: 'single_parent', count: persons, share }],
      priorityZoneShare: share,
      incomeSituations: [{ situation: 'rsa', count: persons, share }],
      towns: [{ town, count: persons, share }],
    },
    training: {
      enrolled: persons,
      completed: persons,
      assessedAtExit: persons,
      autonomousShare: share,
      autonomyTarget: 0.8,
      averageSkillsProgress: {
        people: persons,
        overall: 1.25,
        byArea: [{ area: 'information', people: persons, progress: 1.25 }],
      },
      cheques: [],
    },
    impact: { co2eAvoidedKg: persons * 91.2, weeeAvoidedKg: persons * 1.8 },
    followUp: {
      masked: false,
      scheduled: 0,
      due: 0,
      answered: 0,
      responseRate: null,
      stillWorking: 0,
      byFrequency: { daily: 0, weekly: 0, monthly: 0, rarely: 0, never: 0 },
      byUse: { admin: 0, job_search: 0, school: 0, keep_in_touch: 0, learning: 0, other: 0 },
      byAutonomy: { much_more: 0, a_little_more: 0, not_more: 0 },
      helpAsked: 0,
      byMonths: [],
    },
  };
}

const rowsOf = (csv: string): Record<string, string>[] => parse(csv, { columns: true, bom: true });
const figure = (rows: Record<string, string>[], indicator: string, breakdown = '') =>
  rows.find((r) => r.indicator === indicator && r.breakdown === breakdown)?.value;

describe('the open-data CSV', () => {
  it('masks every figure resting on 1 to 4 people as <5, shows 0 and 5 as they are', () => {
    for (const persons of [1, 2, 3, 4]) {
      const rows = rowsOf(renderOpenDataCsv(reportOf(persons)));
      for (const [indicator, breakdown] of [
        ['equipped', ''],
        ['target_achievement', ''],
        ['age_band', '25-44'],
        ['age_band_share', '25-44'],
        ['household_type_share', 'single_parent'],
        ['priority_zone_share', ''],
        ['contributions', ''],
        ['co2e_avoided', ''],
        ['skills_progress', ''],
        ['autonomous_share', ''],
      ] as const) {
        expect(figure(rows, indicator, breakdown), `${persons} ${indicator}`).toBe('<5');
      }
      // Not about anybody: shown.
      expect(figure(rows, 'target')).toBe('40');
      expect(figure(rows, 'age_band', 'unknown')).toBe('0');
      // A town of fewer than 5 persons is left out altogether.
      expect(rows.some((r) => (r.indicator ?? '').startsWith('town'))).toBe(false);
    }
    const five = rowsOf(renderOpenDataCsv(reportOf(5)));
    expect(figure(five, 'equipped')).toBe('5');
    expect(figure(five, 'age_band_share', '25-44')).toBe('1');
    expect(figure(five, 'town', 'Orléans')).toBe('5');
    const none = rowsOf(renderOpenDataCsv(reportOf(0)));
    expect(figure(none, 'equipped')).toBe('0');
    expect(figure(none, 'age_band_share', '25-44')).toBe('0');
  });

  it('keeps names that look like formulas as text, and leaves the system images out', () => {
    const csv = renderOpenDataCsv(reportOf(6, '-Saran'));
    const rows = rowsOf(csv);
    expect(rows[0]?.programme_name).toBe("'+Programme");
    expect(figure(rows, 'town', "'-Saran")).toBe('6');
    expect(figure(rows, 'subsidies_by_funder', "'@Fonds")).toBe('480');
    expect(rows.some((r) => r.indicator === 'by_os_image')).toBe(false);
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
  });
});

/** The value the open-data CSV shows for a cell key (`section/indicator/breakdown`). */
function shownCell(rows: Record<string, string>[], key: string): string | undefined {
  const [section, indicator, breakdown] = key.split('/');
  return rows.find((r) => r.section === section && r.indicator === indicator && r.breakdown === breakdown)
    ?.value;
}

/** Every breakdown of the CSV where exactly one cell (total or part) is hidden: it would be their difference. */
function recomputable(report: ProgrammeReport): string[] {
  const rows = rowsOf(renderOpenDataCsv(report));
  return reportBreakdowns(report)
    .filter((b) => [b.total, ...b.parts].filter((key) => shownCell(rows, key) === '<5').length === 1)
    .map((b) => b.total);
}

/** A report of 6 persons where one part of each breakdown is 1 and another 5. */
function oneSmallPart(): ProgrammeReport {
  const report = reportOf(6);
  report.beneficiaries.byGroup = [
    { group: 'household', equipped: 5, target: null },
    { group: 'senior', equipped: 1, target: null },
  ];
  report.devices.byType = { ...report.devices.byType, laptop: 5, desktop: 1 };
  report.demographics.ageBands = [
    { band: '25-44', count: 5, share: 5 / 6 },
    { band: '60-74', count: 1, share: 1 / 6 },
    { band: 'unknown', count: 0, share: 0 },
  ];
  return report;
}

describe('complementary suppression in the open-data CSV', () => {
  it('masks the smallest other part beside a lone small part, and every figure resting on it', () => {
    const rows = rowsOf(renderOpenDataCsv(oneSmallPart()));
    // 6 equipped, 5 households: the one senior would be 6 − 5.
    expect(figure(rows, 'equipped')).toBe('6');
    expect(figure(rows, 'equipped_by_group', 'senior')).toBe('<5');
    expect(figure(rows, 'equipped_by_group', 'household')).toBe('<5');
    expect(figure(rows, 'by_type', 'desktop')).toBe('<5');
    expect(figure(rows, 'by_type', 'laptop')).toBe('<5');
    expect(figure(rows, 'age_band', '25-44')).toBe('<5');
    expect(figure(rows, 'age_band_share', '25-44')).toBe('<5');
    expect(figure(rows, 'age_band', 'unknown')).toBe('0');
    expect(recomputable(oneSmallPart())).toEqual([]);
  });

  it('leaves no masked count recomputable from a total and the other parts, on generated reports', () => {
    const bands = ['under-18', '18-24', '25-44', '45-59', '60-74', '75+', 'unknown'] as const;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 7 }), (counts) => {
        const persons = counts.reduce((s, n) => s + n, 0);
        const report = reportOf(persons);
        report.demographics.ageBands = bands.map((band, i) => ({
          band,
          count: counts[i] ?? 0,
          share: shareOf(counts[i] ?? 0, persons),
        }));
        expect(recomputable(report)).toEqual([]);
        // Every small count is masked, with every figure resting on it.
        const rows = rowsOf(renderOpenDataCsv(report));
        bands.forEach((band, i) => {
          const n = counts[i] ?? 0;
          if (n > 0 && n < 5) {
            expect(figure(rows, 'age_band', band)).toBe('<5');
            expect(figure(rows, 'age_band_share', band)).toBe('<5');
          }
        });
      }),
    );
  });
});

describe('the report CSV', () => {
  it('writes one row per figure with its unit, a BOM and formula-like names quoted', () => {
    const csv = renderProgrammeReportCsv(reportOf(3, '=1+1'));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('\r\n');
    const rows = rowsOf(csv);
    expect(figure(rows, 'equipped')).toBe('3');
    expect(figure(rows, 'town', "'=1+1")).toBe('3');
    expect(figure(rows, 'by_os_image', 'Emmabuntüs 5')).toBe('3');
    expect(figure(rows, 'skills_progress_by_area', 'information')).toBe('1.25');
    expect(rows.find((r) => r.indicator === 'target' && r.section === 'devices')?.value).toBe('');
    expect(rows.every((r) => r.unit !== '')).toBe(true);
  });
});

describe('the period', () => {
  const programme = { startsOn: '2025-01-01', endsOn: '2025-12-31' };
  it("defaults to the programme's own, either end on its own", () => {
    expect(resolvePeriod(programme, {})).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(resolvePeriod(programme, { from: '2025-07-01' })).toEqual({
      from: '2025-07-01',
      to: '2025-12-31',
    });
    expect(resolvePeriod(programme, { to: '2025-06-30' })).toEqual({ from: '2025-01-01', to: '2025-06-30' });
    expect(resolvePeriod(programme, { from: '2025-06-30', to: '2025-06-30' })).toEqual({
      from: '2025-06-30',
      to: '2025-06-30',
    });
  });
  it('refuses an impossible day or an end before the start, naming the field', () => {
    const fieldOf = (input: { from?: string; to?: string }) => {
      try {
        resolvePeriod(programme, input);
        return null;
      } catch (error) {
        return (error as { fieldErrors: { path: string }[] }).fieldErrors.map((e) => e.path);
      }
    };
    expect(fieldOf({ from: '2025-02-30' })).toEqual(['from']);
    expect(fieldOf({ to: '25-06-30' })).toEqual(['to']);
    expect(fieldOf({ from: '2025-07-01', to: '2025-06-30' })).toEqual(['to']);
    expect(fieldOf({ from: '2026-01-01' })).toEqual(['to']);
  });
  it('gives shares of 0 on an empty base', () => {
    expect(shareOf(0, 0)).toBe(0);
    expect(shareOf(3, 4)).toBe(0.75);
  });
});
