import { z } from 'zod';
import { NAME_MAX_LENGTH, SEARCH_MAX_LENGTH } from '../../lib/limits.ts';
import {
  type App,
  actorOf,
  CalendarDay,
  type Deps,
  errorResponses,
  IdParams,
  Instant,
  ListQuery,
  Problem,
  paginated,
  requiredText,
  sendFile,
  Uuid,
} from '../../server/http.ts';
import { createActivity, listActivities } from './activities.ts';
import { recordAttendance } from './attendance.ts';
import { ICS_MAX_SESSIONS, listCalendar, toIcs } from './calendar-feed.ts';
import { listEnrolmentCandidates } from './candidates.ts';
import { sessionSignInSheet } from './documents-service.ts';
import { enrol, listEnrolments, withdraw } from './enrolments.ts';
import { getPersonTraining } from './person-training.ts';
import { cancelSession, updateSession } from './session-changes.ts';
import { createRecurringSessions, createSession, getSession } from './sessions.ts';
import { beneficiarySkills, createAssessment, getCompetenceGrid, putCompetenceGrid } from './skills.ts';
import {
  ACTIVITY_AGE_BANDS,
  ACTIVITY_PLACE_TYPES,
  ACTIVITY_THEMES,
  ASSESSMENT_STAGES,
  ENROLMENT_STATUSES,
  WORKSHOP_FORMATS,
} from './vocabulary.ts';
import { cancelWorkshop, createWorkshop, getWorkshop, listWorkshops, updateWorkshop } from './workshops.ts';

const ruleResponses = { ...errorResponses, 422: Problem } as const;
const tags = ['training'];
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const Capacity = z.number().int().min(1).max(1000);
const Time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'validation.time_invalid' })
  .describe('HH:MM, wall clock of the instance’s time zone');

const Session = z
  .object({
    id: z.uuid(),
    workshopId: z.uuid(),
    startsAt: Instant,
    endsAt: Instant,
    capacity: z.number().int().nullable(),
    place: z.string().nullable(),
    cancelledAt: Instant.nullable(),
    cancelReason: z.string().nullable(),
    moves: z.array(z.object({ startsAt: z.string(), endsAt: z.string(), movedAt: z.string() })),
    attendanceTaken: z.boolean(),
    presentCount: z.number().int(),
    createdAt: Instant,
  })
  .meta({ id: 'WorkshopSession' });

const SessionChange = Session.extend({
  notified: z.number().int().describe('Enrolled people told by e-mail'),
});

const SessionDetail = Session.extend({
  workshop: z.object({
    id: z.uuid(),
    title: z.string(),
    organisationId: z.uuid(),
    programmeId: z.uuid().nullable(),
    place: z.string().nullable(),
  }),
  attendance: z.array(
    z.object({
      beneficiaryId: z.uuid(),
      name: z.string().nullable(),
      enrolmentStatus: z.enum(ENROLMENT_STATUSES),
      present: z.boolean().nullable().describe('null: attendance not taken yet'),
    }),
  ),
}).meta({ id: 'WorkshopSessionDetail' });

const WorkshopFields = {
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  programmeId: z.uuid().nullable(),
  programmeName: z.string().nullable(),
  title: z.string(),
  format: z.enum(WORKSHOP_FORMATS),
  description: z.string().nullable(),
  place: z.string().nullable(),
  trainerUserId: z.uuid().nullable(),
  trainerName: z.string().nullable(),
  trainerDisplayName: z.string().nullable(),
  capacity: z.number().int().nullable(),
  completionThresholdPercent: z.number().int(),
  cancelledAt: Instant.nullable(),
  cancelReason: z.string().nullable(),
  closedAt: Instant.nullable(),
  sessionCount: z.number().int().describe('Sessions not cancelled'),
  enrolledCount: z.number().int(),
  waitingCount: z.number().int(),
  nextSessionAt: Instant.nullable(),
  can: z.object({ manage: z.boolean(), enrol: z.boolean(), assess: z.boolean() }),
  createdAt: Instant,
  updatedAt: Instant,
};
const Workshop = z.object(WorkshopFields).meta({ id: 'Workshop' });
const WorkshopDetail = z
  .object({ ...WorkshopFields, sessions: z.array(Session) })
  .meta({ id: 'WorkshopDetail' });

const workshopBodyFields = {
  title: requiredText(NAME_MAX_LENGTH),
  format: z.enum(WORKSHOP_FORMATS).optional().describe('Default initiation'),
  description: optionalText(2000),
  place: optionalText(300),
  trainerUserId: Uuid.nullable().optional().describe('A member of the organisation'),
  trainerName: optionalText(NAME_MAX_LENGTH).describe('A trainer who has no account'),
  capacity: Capacity.nullable().optional().describe('People enrolled at most; further ones wait'),
  completionThresholdPercent: z.number().int().min(1).max(100).optional().describe('Default 80'),
};
const CreateWorkshopBody = z
  .object({
    programmeId: Uuid.optional(),
    organisationId: Uuid.optional().describe('Defaults to the programme’s owner'),
    ...workshopBodyFields,
  })
  .strict();
const PatchWorkshopBody = z
  .object({
    ...workshopBodyFields,
    title: workshopBodyFields.title.optional(),
    closed: z
      .boolean()
      .optional()
      .describe('Finished: no more enrolments; attendance may still be corrected'),
  })
  .strict();
const WorkshopQuery = ListQuery.extend({
  q: z.string().max(SEARCH_MAX_LENGTH).optional().describe('Title or place'),
  programmeId: Uuid.optional(),
  organisationId: Uuid.optional(),
  format: z.enum(WORKSHOP_FORMATS).optional(),
  includeCancelled: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
const CancelBody = z.object({ reason: requiredText(500) }).strict();
const SessionBody = z
  .object({
    startsAt: Instant,
    endsAt: Instant,
    capacity: Capacity.nullable().optional(),
    place: optionalText(300),
  })
  .strict();
const PatchSessionBody = z
  .object({
    startsAt: Instant.optional(),
    endsAt: Instant.optional(),
    capacity: Capacity.nullable().optional(),
    place: optionalText(300),
    notify: z
      .boolean()
      .optional()
      .describe('E-mail the enrolled people of a new time or place (default true)'),
  })
  .strict();
const CancelSessionBody = CancelBody.extend({ notify: z.boolean().optional() }).strict();
const RecurrenceBody = z
  .object({
    weekdays: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .describe('ISO weekdays: 1 Monday … 7 Sunday'),
    startTime: Time,
    endTime: Time,
    firstDay: CalendarDay,
    weeks: z.number().int().min(1).max(52),
    capacity: Capacity.nullable().optional(),
    place: optionalText(300),
    preview: z.boolean().optional().describe('Return the sessions without writing them'),
  })
  .strict();
const RecurrenceReply = z.object({
  preview: z.boolean(),
  timeZone: z.string(),
  sessions: z.array(
    z.object({ day: CalendarDay, startsAt: Instant, endsAt: Instant, id: z.uuid().nullable() }),
  ),
  skipped: z.array(z.object({ day: CalendarDay, holiday: z.string(), name: z.string() })),
  conflicts: z
    .array(z.object({ index: z.number().int(), day: CalendarDay, message: z.string() }))
    .describe('Sessions that overlap another (shown by a preview; a real request is refused)'),
});

const Enrolment = z
  .object({
    id: z.uuid(),
    workshopId: z.uuid(),
    beneficiaryId: z.uuid(),
    enrolledOn: CalendarDay,
    status: z.enum(ENROLMENT_STATUSES),
    waitingSince: Instant.nullable(),
    waitingPosition: z.number().int().nullable().describe('1 = next to get a place'),
    withdrawnOn: CalendarDay.nullable(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Enrolment' });
const RosterEntry = Enrolment.extend({
  name: z.string().nullable(),
  attended: z.number().int(),
  sessions: z.number().int().describe('Sessions of the workshop not cancelled'),
  completed: z.boolean(),
  referralStatus: z.string().nullable().describe('Shown to the programme owner’s members only'),
}).meta({ id: 'RosterEntry' });
const EnrolBody = z
  .object({ beneficiaryId: Uuid, enrolledOn: CalendarDay.optional().describe('Defaults to today') })
  .strict();
const Candidate = z
  .object({
    beneficiaryId: z.uuid(),
    name: z.string().nullable(),
    referralStatus: z.string().nullable().describe('Shown to the programme owner’s members only'),
    enrolled: z.boolean().describe('Already enrolled or waiting in this workshop'),
  })
  .meta({ id: 'EnrolmentCandidate' });
const CandidateQuery = z.object({
  q: z.string().max(SEARCH_MAX_LENGTH).optional().describe('Words of the name, accents ignored'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
const PersonEnrolment = z
  .object({
    enrolmentId: z.uuid(),
    workshopId: z.uuid(),
    workshopTitle: z.string(),
    organisationName: z.string(),
    programmeName: z.string().nullable(),
    status: z.enum(ENROLMENT_STATUSES),
    enrolledOn: CalendarDay,
    withdrawnOn: CalendarDay.nullable(),
    attended: z.number().int().describe('Sessions attended (not cancelled)'),
    sessions: z.number().int().describe('Sessions of the workshop not cancelled'),
    completed: z.boolean(),
  })
  .meta({ id: 'PersonEnrolment' });
const WithdrawBody = z.object({ withdrawnOn: CalendarDay.optional() }).strict();
const AttendanceBody = z
  .object({ presentBeneficiaryIds: z.array(Uuid).max(1000).describe('Everyone else enrolled was absent') })
  .strict();

const GridArea = z.object({
  code: z
    .string()
    .regex(/^[a-z0-9_]{1,40}$/, { message: 'validation.code_invalid' })
    .describe('Lower case letters, digits and _'),
  label: requiredText(200),
});
const Grid = z
  .object({
    organisationId: z.uuid(),
    areas: z.array(GridArea),
    maxLevel: z.number().int(),
    isDefault: z.boolean(),
  })
  .meta({ id: 'CompetenceGrid' });
const GridBody = z
  .object({ areas: z.array(GridArea.strict()).min(1).max(30), maxLevel: z.number().int().min(1).max(8) })
  .strict();
const Assessment = z
  .object({
    id: z.uuid(),
    beneficiaryId: z.uuid(),
    organisationId: z.uuid(),
    programmeId: z.uuid().nullable(),
    stage: z.enum(ASSESSMENT_STAGES),
    levels: z.record(z.string(), z.number().int()),
    autonomous: z.boolean(),
    assessedOn: CalendarDay,
    assessorUserId: z.uuid().nullable(),
    assessorName: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'SkillsAssessment' });
const AssessmentBody = z
  .object({
    beneficiaryId: Uuid,
    programmeId: Uuid.optional(),
    organisationId: Uuid.optional().describe(
      'Whose grid; defaults to the organisation training for the programme',
    ),
    stage: z.enum(ASSESSMENT_STAGES),
    levels: z
      .record(z.string().max(40), z.number().int())
      .optional()
      .describe('Level per area code of the grid'),
    autonomous: z.boolean(),
    assessedOn: CalendarDay.optional(),
    note: optionalText(2000),
  })
  .strict();
const Skills = z
  .object({
    beneficiaryId: z.uuid(),
    name: z.string().nullable(),
    assessments: z.array(Assessment),
    comparison: z.object({
      entry: z.object({ id: z.uuid(), assessedOn: CalendarDay, autonomous: z.boolean() }).nullable(),
      exit: z.object({ id: z.uuid(), assessedOn: CalendarDay, autonomous: z.boolean() }).nullable(),
      areas: z.array(
        z.object({
          code: z.string(),
          label: z.string(),
          entry: z.number().int().nullable(),
          exit: z.number().int().nullable(),
          progress: z.number().int().nullable(),
        }),
      ),
      maxLevel: z.number().int(),
    }),
  })
  .meta({ id: 'Skills' });

const Count = z.number().int().min(0).max(100_000);
const Activity = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    programmeId: z.uuid().nullable(),
    heldOn: CalendarDay,
    title: z.string().nullable(),
    durationMinutes: z.number().int(),
    participants: z.number().int(),
    ageBands: z.partialRecord(z.enum(ACTIVITY_AGE_BANDS), z.number().int()),
    themes: z.array(z.enum(ACTIVITY_THEMES)),
    placeType: z.enum(ACTIVITY_PLACE_TYPES),
    postcode: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'AnonymousActivity' });
const ActivityBody = z
  .object({
    organisationId: Uuid.optional(),
    programmeId: Uuid.optional(),
    heldOn: CalendarDay.optional(),
    title: optionalText(NAME_MAX_LENGTH),
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    participants: Count.min(1),
    ageBands: z.partialRecord(z.enum(ACTIVITY_AGE_BANDS), Count).optional(),
    themes: z.array(z.enum(ACTIVITY_THEMES)).max(ACTIVITY_THEMES.length).optional(),
    placeType: z.enum(ACTIVITY_PLACE_TYPES),
    postcode: z
      .string()
      .regex(/^\d{5}$/, { message: 'validation.postcode_invalid' })
      .nullable()
      .optional(),
    note: optionalText(1000).describe('Never a name: the activity is anonymous'),
  })
  .strict();
const CalendarEntry = Session.omit({ attendanceTaken: true, presentCount: true })
  .extend({
    workshopTitle: z.string(),
    workshopPlace: z.string().nullable(),
    organisationId: z.uuid(),
    programmeId: z.uuid().nullable(),
    trainerUserId: z.uuid().nullable(),
    trainerDisplayName: z.string().nullable(),
  })
  .meta({ id: 'CalendarEntry' });
const CalendarQuery = ListQuery.extend({
  from: CalendarDay.optional().describe('First day (instance time zone), included'),
  to: CalendarDay.optional().describe('Last day, included'),
  workshopId: Uuid.optional(),
  trainerUserId: Uuid.optional(),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('The sessions of the workshops you train'),
  organisationId: Uuid.optional(),
  programmeId: Uuid.optional(),
  includeCancelled: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
const ActivityQuery = ListQuery.extend({
  organisationId: Uuid.optional(),
  programmeId: Uuid.optional(),
  from: CalendarDay.optional(),
  to: CalendarDay.optional(),
  theme: z.enum(ACTIVITY_THEMES).optional(),
  placeType: z.enum(ACTIVITY_PLACE_TYPES).optional(),
});
const ActivityList = paginated(Activity).extend({
  totals: z.object({
    activities: z.number().int(),
    participants: z.number().int(),
    durationMinutes: z.number().int(),
    byTheme: z.array(
      z.object({
        theme: z.enum(ACTIVITY_THEMES),
        activities: z.number().int(),
        participants: z.number().int(),
      }),
    ),
    byAgeBand: z.array(z.object({ band: z.enum(ACTIVITY_AGE_BANDS), count: z.number().int() })),
  }),
});

export function trainingRoutes(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.post(
    '/workshops',
    {
      schema: {
        tags,
        summary: 'Create a workshop (for a programme the organisation trains for, or on its own)',
        body: CreateWorkshopBody,
        response: { 201: WorkshopDetail, ...ruleResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createWorkshop(db, actorOf(request), request.body)),
  );
  app.get(
    '/workshops',
    {
      schema: {
        tags,
        summary: 'Workshops you may see, newest first',
        querystring: WorkshopQuery,
        response: { 200: paginated(Workshop), ...errorResponses },
      },
    },
    async (request) => listWorkshops(db, actorOf(request), request.query),
  );
  app.get(
    '/workshops/:id',
    {
      schema: {
        tags,
        summary: 'One workshop with its sessions',
        params: IdParams,
        response: { 200: WorkshopDetail, ...errorResponses },
      },
    },
    async (request) => getWorkshop(db, actorOf(request), request.params.id),
  );
  app.patch(
    '/workshops/:id',
    {
      schema: {
        tags,
        summary: 'Change a workshop (a larger capacity lets the waiting list in)',
        params: IdParams,
        body: PatchWorkshopBody,
        response: { 200: WorkshopDetail, ...ruleResponses },
      },
    },
    async (request) => updateWorkshop(db, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/workshops/:id/cancellation',
    {
      schema: {
        tags,
        summary: 'Cancel a workshop, with a reason',
        params: IdParams,
        body: CancelBody,
        response: { 200: WorkshopDetail, ...ruleResponses },
      },
    },
    async (request) => cancelWorkshop(db, actorOf(request), request.params.id, request.body.reason),
  );
  app.post(
    '/workshops/:id/sessions',
    {
      schema: {
        tags,
        summary: 'Add a session',
        params: IdParams,
        body: SessionBody,
        response: { 201: Session, ...ruleResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createSession(db, actorOf(request), request.params.id, request.body)),
  );
  app.post(
    '/workshops/:id/sessions/recurrence',
    {
      schema: {
        tags,
        summary:
          'Sessions from a weekly recurrence, French public holidays left out (`preview`: nothing written)',
        params: IdParams,
        body: RecurrenceBody,
        response: { 200: RecurrenceReply, 201: RecurrenceReply, ...ruleResponses },
      },
    },
    async (request, reply) => {
      const result = await createRecurringSessions(db, actorOf(request), request.params.id, request.body);
      return reply.code(result.preview ? 200 : 201).send(result);
    },
  );
  app.get(
    '/sessions',
    {
      schema: {
        tags,
        summary:
          'Sessions across workshops in time order, for a calendar (by days, workshop, trainer, programme)',
        querystring: CalendarQuery,
        response: { 200: paginated(CalendarEntry), ...errorResponses },
      },
    },
    async (request) => listCalendar(db, actorOf(request), request.query),
  );
  app.get(
    '/sessions.ics',
    {
      schema: {
        tags,
        summary:
          'The same sessions as an iCalendar feed (cancelled ones included, marked); 2,000 at most, a longer feed ending with a note saying so',
        querystring: CalendarQuery.omit({ limit: true, cursor: true }),
        response: { 200: z.any().describe('text/calendar'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const page = await listCalendar(db, actorOf(request), {
        includeCancelled: true,
        ...request.query,
        limit: ICS_MAX_SESSIONS,
      });
      const ics = toIcs(page.items, {
        name: 'Seconde Vie — ateliers',
        publicUrl: deps.config.publicUrl,
        ...(page.nextCursor ? { cutAfter: ICS_MAX_SESSIONS } : {}),
      });
      return sendFile(reply, 'text/calendar; charset=utf-8', 'ateliers.ics', ics);
    },
  );
  app.get(
    '/sessions/:id',
    {
      schema: {
        tags,
        summary: 'One session with the enrolled people and their attendance',
        params: IdParams,
        response: { 200: SessionDetail, ...errorResponses },
      },
    },
    async (request) => getSession(db, actorOf(request), request.params.id),
  );
  app.patch(
    '/sessions/:id',
    {
      schema: {
        tags,
        summary: 'Move a session (the enrolled people with an e-mail address are told)',
        params: IdParams,
        body: PatchSessionBody,
        response: { 200: SessionChange, ...ruleResponses },
      },
    },
    async (request) => {
      const result = await updateSession(db, actorOf(request), request.params.id, request.body);
      if (result.notified > 0) deps.mail.kick();
      return result;
    },
  );
  app.post(
    '/sessions/:id/cancellation',
    {
      schema: {
        tags,
        summary: 'Cancel a session with a reason (the enrolled people with an e-mail address are told)',
        params: IdParams,
        body: CancelSessionBody,
        response: { 200: SessionChange, ...ruleResponses },
      },
    },
    async (request) => {
      const result = await cancelSession(
        db,
        actorOf(request),
        request.params.id,
        request.body.reason,
        request.body.notify ?? true,
      );
      if (result.notified > 0) deps.mail.kick();
      return result;
    },
  );
  app.put(
    '/sessions/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Who was there (replaces the session’s attendance; completion follows)',
        params: IdParams,
        body: AttendanceBody,
        response: { 200: SessionDetail, ...ruleResponses },
      },
    },
    async (request) =>
      recordAttendance(db, actorOf(request), request.params.id, request.body.presentBeneficiaryIds),
  );
  app.get(
    '/sessions/:id/sign-in-sheet.pdf',
    {
      schema: {
        tags,
        summary: 'The session’s sign-in sheet to print',
        params: IdParams,
        response: { 200: z.any().describe('application/pdf'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const pdf = await sessionSignInSheet(db, actorOf(request), request.params.id, request.locale);
      return sendFile(reply, 'application/pdf', `emargement-${request.params.id}.pdf`, pdf);
    },
  );
  app.post(
    '/workshops/:id/enrolments',
    {
      schema: {
        tags,
        summary: 'Enrol a person (waiting when the workshop is full)',
        params: IdParams,
        body: EnrolBody,
        response: { 201: Enrolment, ...ruleResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await enrol(db, actorOf(request), request.params.id, request.body)),
  );
  app.get(
    '/workshops/:id/candidates',
    {
      schema: {
        tags,
        summary:
          'The people the caller may enrol, by name: referred to the workshop’s programme, or the organisation’s own people',
        params: IdParams,
        querystring: CandidateQuery,
        response: { 200: z.object({ items: z.array(Candidate) }), ...errorResponses },
      },
    },
    async (request) => listEnrolmentCandidates(db, actorOf(request), request.params.id, request.query),
  );
  app.get(
    '/workshops/:id/enrolments',
    {
      schema: {
        tags,
        summary: 'The roster: enrolled, waiting, withdrawn; sessions attended and completion',
        params: IdParams,
        response: { 200: z.object({ items: z.array(RosterEntry) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listEnrolments(db, actorOf(request), request.params.id) }),
  );
  app.post(
    '/enrolments/:id/withdrawal',
    {
      schema: {
        tags,
        summary: 'Withdraw (the first on the waiting list takes the place)',
        params: IdParams,
        body: WithdrawBody.optional(),
        response: { 200: Enrolment, ...ruleResponses },
      },
    },
    async (request) => withdraw(db, actorOf(request), request.params.id, request.body ?? {}),
  );
  app.post(
    '/skills-assessments',
    {
      schema: {
        tags,
        summary: 'An entry or exit skills assessment, on the organisation’s grid',
        body: AssessmentBody,
        response: { 201: Assessment, ...ruleResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createAssessment(db, actorOf(request), request.body)),
  );
  app.get(
    '/beneficiaries/:id/training',
    {
      schema: {
        tags,
        summary:
          'A person’s workshops, newest first, with the sessions attended and completion (a trainer partner: its own workshops only)',
        params: IdParams,
        response: { 200: z.object({ enrolments: z.array(PersonEnrolment) }), ...errorResponses },
      },
    },
    async (request) => getPersonTraining(db, actorOf(request), request.params.id),
  );
  app.get(
    '/beneficiaries/:id/skills',
    {
      schema: {
        tags,
        summary: 'A person’s assessments, entry and exit side by side',
        params: IdParams,
        querystring: z.object({ programmeId: Uuid.optional() }),
        response: { 200: Skills, ...errorResponses },
      },
    },
    async (request) => beneficiarySkills(db, actorOf(request), request.params.id, request.query.programmeId),
  );
  app.get(
    '/organisations/:id/competence-grid',
    {
      schema: {
        tags,
        summary: 'The organisation’s competence grid (default: the 5 Pix areas, levels 0–3)',
        params: IdParams,
        response: { 200: Grid, ...errorResponses },
      },
    },
    async (request) => getCompetenceGrid(db, actorOf(request), request.params.id),
  );
  app.put(
    '/organisations/:id/competence-grid',
    {
      schema: {
        tags,
        summary: 'Replace the organisation’s competence grid',
        params: IdParams,
        body: GridBody,
        response: { 200: Grid, ...ruleResponses },
      },
    },
    async (request) => putCompetenceGrid(db, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/activities',
    {
      schema: {
        tags,
        summary: 'Record an anonymous activity (digital café, outreach): counts, never names',
        body: ActivityBody,
        response: { 201: Activity, ...ruleResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createActivity(db, actorOf(request), request.body)),
  );
  app.get(
    '/activities',
    {
      schema: {
        tags,
        summary: 'Anonymous activities, latest first, with totals by theme and age band',
        querystring: ActivityQuery,
        response: { 200: ActivityList, ...errorResponses },
      },
    },
    async (request) => listActivities(db, actorOf(request), request.query),
  );
}
