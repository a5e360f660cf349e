import { z } from 'zod';
import {
  type App,
  actorOf,
  CalendarDay,
  type Deps,
  errorResponses,
  IdParams,
  sendFile,
} from '../../server/http.ts';
import { ChequeFiguresReply } from '../cheques/report-schema.ts';
import { AUTONOMY_ANSWERS, FREQUENCY_ANSWERS, USE_ANSWERS } from '../followup/schema.ts';
import { renderProgrammeReportCsv } from './documents/programme-report-csv.ts';
import { renderProgrammeReportPdf } from './documents/programme-report-pdf.ts';
import { renderProgrammeReportXlsx } from './documents/programme-report-xlsx.ts';
import { renderOpenDataCsv } from './open-data.ts';
import { type ProgrammeReport, programmeReport } from './programme-report.ts';
import { ProgrammeReportBudgetReply } from './programme-report-budget.ts';

const Count = z.number().int().min(0);
const Share = z.number().min(0).max(1).describe('A fraction 0..1 of the stated base; 0 when the base is 0');
const Cents = z.number().int();
const DemographicCount = z
  .union([Count, z.literal('<5')])
  .describe('A number of persons; "<5" when masked for a funder (1 to 4, or a complement)');
const MaskedShare = Share.nullable().describe('A fraction 0..1 of persons; null when its count is masked');

const ProgrammeReportReply = z
  .object({
    programme: z.object({
      id: z.uuid(),
      name: z.string(),
      ownerOrganisationId: z.uuid(),
      ownerName: z.string(),
      mode: z.enum(['sale', 'loan', 'donation']),
      startsOn: CalendarDay,
      endsOn: CalendarDay,
    }),
    period: z.object({ from: CalendarDay, to: CalendarDay }).describe('Inclusive calendar days'),
    beneficiaries: z.object({
      referred: Count.describe('Referrals with referredOn in the period'),
      eligible: Count.describe('Of them, found eligible (at referral or after a re-evaluation)'),
      equipped: Count.describe('Beneficiaries (people and associations) with a handover in the period'),
      persons: Count,
      associations: Count,
      target: Count.nullable(),
      targetAchievement: z.number().min(0).nullable().describe('equipped / target; null without a target'),
      byGroup: z.array(
        z.object({
          group: z.enum(['pupil', 'job_seeker', 'senior', 'household', 'association']),
          equipped: Count,
          target: Count.nullable(),
        }),
      ),
    }),
    devices: z.object({
      handedOver: Count.describe('Handovers in the period'),
      target: Count.nullable(),
      byType: z.record(z.string(), Count).describe('Every device type, 0 when none'),
      osImages: z.array(z.object({ name: z.string(), count: Count })),
    }),
    money: z.object({
      contributionsCents: Cents.describe('Payments recorded at the handovers of the period'),
      subsidiesCents: Cents.describe("The programme's subsidies for those handovers"),
      subsidiesByFunder: z.array(
        z.object({
          funderOrganisationId: z.uuid(),
          funderName: z.string(),
          units: Count.describe('Handovers subsidised'),
          amountCents: Cents,
        }),
      ),
      internetAids: z.object({
        count: Count,
        totalCents: Cents,
        byFunder: z.array(
          z.object({
            funderOrganisationId: z.uuid().nullable(),
            funderName: z.string().nullable(),
            count: Count,
            totalCents: Cents,
          }),
        ),
      }),
      costPerPersonCents: Cents.nullable().describe('Spent ÷ beneficiaries equipped; null without a budget'),
    }),
    budget: ProgrammeReportBudgetReply,
    demographics: z
      .object({
        masked: z
          .boolean()
          .describe(
            'True for a funder\'s readers: counts of 1 to 4 (and their complements) are "<5", their shares null, small towns left out',
          ),
        persons: Count.describe('The base of every share: persons (not associations) equipped in the period'),
        ageBands: z.array(
          z.object({
            band: z.enum(['under-18', '18-24', '25-44', '45-59', '60-74', '75+', 'unknown']),
            count: DemographicCount,
            share: MaskedShare,
          }),
        ),
        householdTypes: z.array(z.object({ type: z.string(), count: DemographicCount, share: MaskedShare })),
        priorityZoneShare: MaskedShare,
        incomeSituations: z.array(
          z.object({ situation: z.string(), count: DemographicCount, share: MaskedShare }),
        ),
        towns: z
          .array(z.object({ town: z.string(), count: Count, share: Share }))
          .describe('The ten towns with the most persons equipped'),
      })
      .describe('Persons equipped in the period; age by the year of their first handover in it'),
    training: z.object({
      enrolled: Count,
      completed: Count,
      assessedAtExit: Count,
      autonomousShare: Share.describe('Autonomous at their latest exit assessment / assessedAtExit'),
      autonomyTarget: z.number().nullable(),
      averageSkillsProgress: z
        .object({
          people: Count,
          overall: z.number(),
          byArea: z.array(z.object({ area: z.string(), people: Count, progress: z.number() })),
        })
        .nullable()
        .describe('Mean exit − entry level over people with both; null when nobody has both'),
      cheques: z
        .array(ChequeFiguresReply)
        .describe("Training cheques received at the sessions of the programme's workshops, by issuer"),
    }),
    impact: z
      .object({ co2eAvoidedKg: z.number(), weeeAvoidedKg: z.number() })
      .describe('Manufacturing footprint × 0.5 (displacement) per device; WEEE by weight'),
    followUp: z
      .object({
        masked: z.boolean().describe("Small counts of the answers masked (a funder's copy)"),
        scheduled: Count.describe('Follow-ups falling due in the period (cancelled ones left out)'),
        due: Count.describe('Of them, already due'),
        answered: Count,
        responseRate: z.number().min(0).max(1).nullable().describe('answered / due; null when due = 0'),
        stillWorking: DemographicCount.describe('Answers: the computer works (fully or partly)'),
        byFrequency: z.record(z.enum(FREQUENCY_ANSWERS), DemographicCount),
        byUse: z.record(z.enum(USE_ANSWERS), DemographicCount).describe('Several per answer'),
        byAutonomy: z.record(z.enum(AUTONOMY_ANSWERS), DemographicCount),
        helpAsked: DemographicCount.describe('Answers asking for help (computer or social worker)'),
        byMonths: z.array(z.object({ months: Count, due: Count, answered: DemographicCount })),
      })
      .describe('Follow-up questionnaires due in the period and their answers'),
  })
  .meta({ id: 'ProgrammeReport' });

// The reply schema describes the service's type: a change to one without the other fails to compile.
const describesReport = (report: ProgrammeReport): z.input<typeof ProgrammeReportReply> => report;
void describesReport;

const PeriodQuery = z
  .object({
    from: CalendarDay.optional().describe("First day counted (default: the programme's start)"),
    to: CalendarDay.optional().describe("Last day counted, inclusive (default: the programme's end)"),
  })
  .strict();

const file = (type: string, description: string) => ({
  200: { description, content: { [type]: { schema: z.string() } } },
  ...errorResponses,
});

/** The programme report (api-v1 § Reports), its PDF, XLSX and CSV, and its open-data CSV. */
export function programmeReportRoutes(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.get(
    '/reports/programmes/:id',
    {
      schema: {
        tags: ['reports'],
        summary:
          "A programme's results for a period: people, devices, money, demographics, training, impact (figures only)",
        params: IdParams,
        querystring: PeriodQuery,
        response: { 200: ProgrammeReportReply, ...errorResponses },
      },
    },
    async (request) => programmeReport(db, actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/reports/programmes/:id.pdf',
    {
      schema: {
        tags: ['reports'],
        summary: 'The programme report as PDF (key figures first, the impact method and its source)',
        params: IdParams,
        querystring: PeriodQuery,
        produces: ['application/pdf'],
        response: file('application/pdf', 'PDF'),
      },
    },
    async (request, reply) => {
      const report = await programmeReport(db, actorOf(request), request.params.id, request.query);
      return sendFile(
        reply,
        'application/pdf',
        'rapport-programme.pdf',
        await renderProgrammeReportPdf(report, request.locale),
        'inline',
      );
    },
  );

  const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  app.get(
    '/reports/programmes/:id.xlsx',
    {
      schema: {
        tags: ['reports'],
        summary: 'The programme report as XLSX: one sheet per part, numbers as numbers, euros formatted',
        params: IdParams,
        querystring: PeriodQuery,
        produces: [xlsxType],
        response: file(xlsxType, 'XLSX'),
      },
    },
    async (request, reply) => {
      const report = await programmeReport(db, actorOf(request), request.params.id, request.query);
      return sendFile(
        reply,
        xlsxType,
        'rapport-programme.xlsx',
        await renderProgrammeReportXlsx(report, request.locale),
        'attachment',
      );
    },
  );

  app.get(
    '/reports/programmes/:id.csv',
    {
      schema: {
        tags: ['reports'],
        summary: 'The programme report as CSV, one row per figure: section,indicator,breakdown,value,unit',
        params: IdParams,
        querystring: PeriodQuery,
        produces: ['text/csv'],
        response: file('text/csv', 'CSV'),
      },
    },
    async (request, reply) => {
      const report = await programmeReport(db, actorOf(request), request.params.id, request.query);
      return sendFile(
        reply,
        'text/csv; charset=utf-8',
        'rapport-programme.csv',
        renderProgrammeReportCsv(report),
        'attachment',
      );
    },
  );

  app.get(
    '/reports/programmes/:id/open-data.csv',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Anonymous aggregated figures of the programme for publishing; counts of 1 to 4 are shown as <5',
        params: IdParams,
        querystring: PeriodQuery,
        produces: ['text/csv'],
        response: file('text/csv', 'CSV'),
      },
    },
    async (request, reply) => {
      const report = await programmeReport(db, actorOf(request), request.params.id, request.query);
      return sendFile(
        reply,
        'text/csv; charset=utf-8',
        'donnees-ouvertes-programme.csv',
        renderOpenDataCsv(report),
        'attachment',
      );
    },
  );
}
