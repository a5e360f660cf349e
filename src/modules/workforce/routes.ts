import { z } from 'zod';
import { NAME_MAX_LENGTH } from '../../lib/limits.ts';
import {
  type App,
  actorOf,
  CalendarDay,
  type Deps,
  errorResponses,
  IdParams,
  Problem,
  requiredText,
  sendFile,
  Uuid,
} from '../../server/http.ts';
import {
  createClause,
  createContract,
  deleteClause,
  deleteContract,
  listClauses,
  listContracts,
  updateClause,
  updateContract,
} from './contracts.ts';
import { deleteWeekHours, putWeekHours, recordSkillLevel, skillHistory } from './hours.ts';
import { listTechnicians, personWorkforce, workforceReport } from './report.ts';
import { renderWorkforceReportXlsx } from './report-xlsx.ts';
import { CONTRACT_TYPES } from './schema.ts';
import { getWorkforceSettings, putWorkforceSettings } from './settings.ts';

const tags = ['workforce'];
const ruleResponses = { ...errorResponses, 422: Problem } as const;
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const StepMinutes = z
  .object({
    diagnosed: z.number().int().min(0).max(480),
    wiped: z.number().int().min(0).max(480),
    refurbished: z.number().int().min(0).max(480),
    qualityChecked: z.number().int().min(0).max(480),
  })
  .strict()
  .describe('Standard minutes per production step (0–480), to derive hours from the device events signed');

const Skill = z.object({ key: z.string(), label: z.string() });
const Settings = z
  .object({
    organisationId: z.uuid(),
    skills: z.array(Skill),
    maxLevel: z.number().int(),
    stepMinutes: StepMinutes,
    levelsRecorded: z.record(z.string(), z.number().int()).describe('Levels recorded per skill key'),
  })
  .meta({ id: 'WorkforceSettings' });
const SettingsBody = z
  .object({
    skills: z
      .array(
        z
          .object({
            key: z
              .string()
              .regex(/^[a-z0-9_]{1,40}$/, { message: 'validation.code_invalid' })
              .optional()
              .describe('Kept when renaming (levels follow it); omitted for a new skill'),
            label: requiredText(100),
          })
          .strict(),
      )
      .max(40),
    maxLevel: z.number().int().min(1).max(10).describe('Levels run from 0 to this'),
    stepMinutes: StepMinutes,
  })
  .strict();

const Contract = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    userId: z.uuid(),
    personName: z.string(),
    contractType: z.enum(CONTRACT_TYPES),
    insertion: z.boolean().describe('cddi, pec and ea_tremplin count as insertion'),
    startsOn: CalendarDay,
    endsOn: CalendarDay.nullable(),
    weeklyMinutes: z.number().int(),
    note: z.string().nullable(),
  })
  .meta({ id: 'WorkforceContract' });
const contractFields = {
  contractType: z.enum(CONTRACT_TYPES),
  startsOn: CalendarDay,
  endsOn: CalendarDay.nullable().optional().describe('Inclusive; none for an open-ended contract'),
  weeklyMinutes: z
    .number()
    .int()
    .min(60)
    .max(48 * 60)
    .describe('Contracted minutes per week, 1 h to 48 h (26 h = 1560)'),
  note: optionalText(500),
};
const CreateContractBody = z
  .object({ userId: Uuid.describe('A member of the organisation'), ...contractFields })
  .strict();
const PatchContractBody = z
  .object({
    ...contractFields,
    contractType: contractFields.contractType.optional(),
    startsOn: contractFields.startsOn.optional(),
    weeklyMinutes: contractFields.weeklyMinutes.optional(),
  })
  .strict();

const Clause = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    name: z.string(),
    buyer: z.string().nullable(),
    reference: z.string().nullable(),
    programmeId: z.uuid().nullable(),
    programmeName: z.string().nullable(),
    requiredHours: z.number().int(),
    startsOn: CalendarDay,
    endsOn: CalendarDay,
    doneMinutes: z.number().int().describe('Minutes entered for this clause so far'),
  })
  .meta({ id: 'InsertionClause' });
const clauseFields = {
  name: requiredText(NAME_MAX_LENGTH),
  buyer: optionalText(NAME_MAX_LENGTH).describe('The public buyer (e.g. a département)'),
  reference: optionalText(100).describe('The contract’s reference'),
  programmeId: Uuid.nullable().optional().describe('A programme of the organisation'),
  requiredHours: z.number().int().min(1).max(1_000_000).describe('Insertion hours required'),
  startsOn: CalendarDay,
  endsOn: CalendarDay,
};
const CreateClauseBody = z.object(clauseFields).strict();
const PatchClauseBody = z.object(clauseFields).partial().strict();

const Production = z.object({
  diagnosed: z.number().int(),
  wiped: z.number().int(),
  refurbished: z.number().int(),
  qualityChecked: z.number().int(),
});
const Week = z
  .object({
    weekStart: CalendarDay.describe('Monday'),
    enteredMinutes: z.number().int().nullable().describe('Entered by a manager; null: none'),
    productionMinutes: z.number().int().describe('Production signed that week × standard minutes'),
    derivedMinutes: z
      .number()
      .int()
      .describe('The production minutes, capped at the contract minutes of the week'),
    contractMinutes: z
      .number()
      .int()
      .describe(
        'Weekly minutes of the contracts covering the week, prorated by their working days (Mon–Fri)',
      ),
    overContract: z.boolean().describe('Entered minutes above the contract minutes of the week'),
    minutes: z.number().int().describe('Entered when there is an entry, else derived'),
    source: z.enum(['entered', 'derived']),
    clauseId: z.uuid().nullable(),
    note: z.string().nullable(),
    contracted: z.boolean(),
    insertion: z.boolean().describe('An insertion contract covers the week'),
    production: Production,
  })
  .meta({ id: 'WorkforceWeek' });
const Totals = z.object({
  enteredMinutes: z.number().int(),
  derivedMinutes: z.number().int(),
  totalMinutes: z.number().int(),
  insertionMinutes: z.number().int(),
  overContractWeeks: z.number().int().describe('Weeks entered above the contract minutes'),
});
const SkillLevel = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    skillKey: z.string(),
    level: z.number().int(),
    assessedOn: CalendarDay,
    assessedBy: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'WorkforceSkillLevel' });

const Technician = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.string().nullable().describe('Null: no longer a member'),
    contract: Contract.nullable().describe('The contract in force today, else the latest'),
    month: z.string().describe('YYYY-MM'),
    monthMinutes: z.number().int().describe('Hours of the weeks starting this month, in minutes'),
    monthEnteredWeeks: z.number().int(),
    monthDerivedWeeks: z.number().int(),
    monthInsertionMinutes: z.number().int(),
  })
  .meta({ id: 'WorkforceTechnician' });
const Person = z
  .object({
    person: z.object({ id: z.uuid(), name: z.string(), email: z.string(), role: z.string().nullable() }),
    contracts: z.array(Contract),
    weeks: z.array(Week).describe('The 12 most recent weeks, newest first'),
    totals: Totals,
    production: Production,
    skills: z.array(Skill),
    maxLevel: z.number().int(),
    stepMinutes: StepMinutes,
    levels: z.array(SkillLevel).describe('Oldest first'),
  })
  .meta({ id: 'WorkforcePerson' });

const Progress = z.object({ level: z.number().int(), assessedOn: CalendarDay }).nullable();
const Report = z
  .object({
    organisationId: z.uuid(),
    from: CalendarDay,
    to: CalendarDay,
    weeks: z
      .array(CalendarDay)
      .describe('The Mondays of the period (a week counts in the period of its Monday)'),
    stepMinutes: StepMinutes,
    maxLevel: z.number().int(),
    technicians: z.array(
      z.object({
        userId: z.uuid(),
        name: z.string(),
        contracts: z.array(Contract),
        weeks: z.array(Week).describe('Weeks with hours (entered, or derived above zero)'),
        totals: Totals,
        production: Production.describe('Steps signed in the weeks counted (productionFrom to productionTo)'),
        skills: z.array(
          z.object({ skillKey: z.string(), label: z.string(), first: Progress, latest: Progress }),
        ),
      }),
    ),
    insertion: z.object({
      totalMinutes: z.number().int(),
      enteredMinutes: z.number().int(),
      derivedMinutes: z.number().int(),
      withoutClauseMinutes: z.number().int(),
      byClause: z.array(
        z.object({
          clauseId: z.uuid(),
          name: z.string(),
          buyer: z.string().nullable(),
          reference: z.string().nullable(),
          startsOn: CalendarDay,
          endsOn: CalendarDay,
          requiredHours: z.number().int(),
          periodMinutes: z.number().int(),
          toDateMinutes: z.number().int(),
        }),
      ),
      byMonth: z.array(z.object({ month: z.string(), minutes: z.number().int() })),
    }),
    productionFrom: CalendarDay.nullable().describe('First Monday of the weeks counted (production from)'),
    productionTo: CalendarDay.nullable().describe('Sunday of the last week counted (production to)'),
  })
  .meta({ id: 'WorkforceReport' });
const PeriodQuery = z
  .object({
    from: CalendarDay.optional().describe('First day (default: 1 January of this year)'),
    to: CalendarDay.optional().describe('Last day, inclusive (default: today); two years at most'),
  })
  .strict();

const PersonParams = z.object({ id: Uuid, userId: Uuid });
const WeekParams = PersonParams.extend({ weekStart: CalendarDay.describe('A Monday') });
const HoursBody = z
  .object({
    minutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 60)
      .describe('Minutes worked that week, 0 to 60 h'),
    clauseId: Uuid.nullable().optional().describe('The insertion clause the hours count for'),
    note: optionalText(500),
  })
  .strict();
const Hours = z
  .object({
    userId: z.uuid(),
    weekStart: CalendarDay,
    minutes: z.number().int(),
    clauseId: z.uuid().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'WorkforceHours' });
const SkillLevelBody = z
  .object({
    skillKey: z.string().min(1).max(40),
    level: z.number().int().min(0).max(10),
    assessedOn: CalendarDay,
    note: optionalText(500),
  })
  .strict();

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The routes of this module (under /api/v1): visible to the organisation's administrators and managers. */
export function workforceRoutes(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.get(
    '/organisations/:id/workforce/settings',
    {
      schema: {
        tags,
        summary: 'The skills grid and standard minutes per production step',
        params: IdParams,
        response: { 200: Settings, ...errorResponses },
      },
    },
    async (request) => getWorkforceSettings(db, actorOf(request), request.params.id),
  );
  app.put(
    '/organisations/:id/workforce/settings',
    {
      schema: {
        tags,
        summary: 'Replace the skills grid (a skill with levels cannot be removed) and the standard minutes',
        params: IdParams,
        body: SettingsBody,
        response: { 200: Settings, ...ruleResponses },
      },
    },
    async (request) => putWorkforceSettings(db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/organisations/:id/workforce/technicians',
    {
      schema: {
        tags,
        summary: 'People with a contract: current contract and this month’s hours',
        params: IdParams,
        response: { 200: z.array(Technician), ...errorResponses },
      },
    },
    async (request) => listTechnicians(db, actorOf(request), request.params.id),
  );
  app.get(
    '/organisations/:id/workforce/people/:userId',
    {
      schema: {
        tags,
        summary: 'A person’s contracts, recent weeks (entered or derived), production and skills',
        params: PersonParams,
        response: { 200: Person, ...errorResponses },
      },
    },
    async (request) => personWorkforce(db, actorOf(request), request.params.id, request.params.userId),
  );

  app.get(
    '/organisations/:id/workforce/contracts',
    {
      schema: {
        tags,
        summary: 'The organisation’s contracts',
        params: IdParams,
        response: { 200: z.array(Contract), ...errorResponses },
      },
    },
    async (request) => listContracts(db, actorOf(request), request.params.id),
  );
  app.post(
    '/organisations/:id/workforce/contracts',
    {
      schema: {
        tags,
        summary: 'Record a member’s contract (one at a time per person)',
        params: IdParams,
        body: CreateContractBody,
        response: { 201: Contract, ...ruleResponses },
      },
    },
    async (request, reply) => {
      const contract = await createContract(db, actorOf(request), request.params.id, request.body);
      return reply.code(201).send(contract);
    },
  );
  app.patch(
    '/workforce-contracts/:id',
    {
      schema: {
        tags,
        summary: 'Change a contract',
        params: IdParams,
        body: PatchContractBody,
        response: { 200: Contract, ...ruleResponses },
      },
    },
    async (request) => updateContract(db, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/workforce-contracts/:id',
    {
      schema: {
        tags,
        summary: 'Delete a contract without hours entered in its weeks',
        params: IdParams,
        response: { 204: z.null(), ...ruleResponses },
      },
    },
    async (request, reply) => {
      await deleteContract(db, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/organisations/:id/workforce/clauses',
    {
      schema: {
        tags,
        summary: 'Insertion clauses, each with the hours entered for it',
        params: IdParams,
        response: { 200: z.array(Clause), ...errorResponses },
      },
    },
    async (request) => listClauses(db, actorOf(request), request.params.id),
  );
  app.post(
    '/organisations/:id/workforce/clauses',
    {
      schema: {
        tags,
        summary: 'Record an insertion clause (a public contract or a programme) with its required hours',
        params: IdParams,
        body: CreateClauseBody,
        response: { 201: Clause, ...ruleResponses },
      },
    },
    async (request, reply) => {
      const clause = await createClause(db, actorOf(request), request.params.id, request.body);
      return reply.code(201).send(clause);
    },
  );
  app.patch(
    '/insertion-clauses/:id',
    {
      schema: {
        tags,
        summary: 'Change an insertion clause',
        params: IdParams,
        body: PatchClauseBody,
        response: { 200: Clause, ...ruleResponses },
      },
    },
    async (request) => updateClause(db, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/insertion-clauses/:id',
    {
      schema: {
        tags,
        summary: 'Delete an insertion clause (its hours stay, counted for no clause)',
        params: IdParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteClause(db, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/organisations/:id/workforce/people/:userId/weeks/:weekStart',
    {
      schema: {
        tags,
        summary: 'Enter a week’s hours for a person (replaces the week derived from production)',
        params: WeekParams,
        body: HoursBody,
        response: { 200: Hours, ...ruleResponses },
      },
    },
    async (request) => {
      const { id, userId, weekStart } = request.params;
      return putWeekHours(db, actorOf(request), id, userId, weekStart, request.body);
    },
  );
  app.delete(
    '/organisations/:id/workforce/people/:userId/weeks/:weekStart',
    {
      schema: {
        tags,
        summary: 'Remove a week’s entry (the week is derived again); 204 also when there was none',
        params: WeekParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { id, userId, weekStart } = request.params;
      await deleteWeekHours(db, actorOf(request), id, userId, weekStart);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/organisations/:id/workforce/people/:userId/skill-levels',
    {
      schema: {
        tags,
        summary: 'A person’s skill levels over time, oldest first',
        params: PersonParams,
        response: { 200: z.array(SkillLevel), ...errorResponses },
      },
    },
    async (request) => skillHistory(db, actorOf(request), request.params.id, request.params.userId),
  );
  app.post(
    '/organisations/:id/workforce/people/:userId/skill-levels',
    {
      schema: {
        tags,
        summary: 'Record a level on a skill of the grid, on a day',
        params: PersonParams,
        body: SkillLevelBody,
        response: { 201: SkillLevel, ...ruleResponses },
      },
    },
    async (request, reply) => {
      const level = await recordSkillLevel(
        db,
        actorOf(request),
        request.params.id,
        request.params.userId,
        request.body,
      );
      return reply.code(201).send(level);
    },
  );

  app.get(
    '/organisations/:id/workforce/report',
    {
      schema: {
        tags,
        summary: 'Hours, production and skills per technician; insertion hours per clause and month',
        params: IdParams,
        querystring: PeriodQuery,
        response: { 200: Report, ...errorResponses },
      },
    },
    async (request) => workforceReport(db, actorOf(request), request.params.id, request.query),
  );
  app.get(
    '/organisations/:id/workforce/report.xlsx',
    {
      schema: {
        tags,
        summary: 'The workforce report as XLSX (technicians, weeks, clauses, months)',
        params: IdParams,
        querystring: PeriodQuery,
        produces: [xlsxType],
        response: {
          200: { description: 'XLSX', content: { [xlsxType]: { schema: z.string() } } },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const report = await workforceReport(db, actorOf(request), request.params.id, request.query);
      return sendFile(
        reply,
        xlsxType,
        `equipe-insertion-${report.from}-${report.to}.xlsx`,
        await renderWorkforceReportXlsx(report, request.locale),
        'attachment',
      );
    },
  );
}
