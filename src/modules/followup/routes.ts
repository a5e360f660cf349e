import { z } from 'zod';
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
  sendFile,
  Uuid,
} from '../../server/http.ts';
import { PUBLIC_RATE_LIMITS } from '../../server/rate-limits.ts';
import { answerByLink, answerByWorker, publicFollowUp } from './answers.ts';
import { followUpLetterPdf } from './letter.ts';
import {
  AUTONOMY_ANSWERS,
  FOLLOW_UP_STATUSES,
  FREQUENCY_ANSWERS,
  USE_ANSWERS,
  WORKS_ANSWERS,
} from './schema.ts';
import {
  getFollowUpSettings,
  issueLetter,
  LIST_STATUSES,
  listFollowUps,
  personFollowUps,
  putFollowUpSettings,
} from './staff.ts';

export const COMMENT_MAX = 1000;

const Settings = z
  .object({
    programmeId: z.uuid(),
    months: z.array(z.number().int()).describe('Months after the handover, ascending'),
    reminderDays: z.number().int(),
  })
  .meta({ id: 'FollowUpSettings' });

export const SettingsBody = z
  .object({
    months: z
      .array(z.number().int().min(1).max(36))
      .min(1)
      .max(5)
      .refine((m) => new Set(m).size === m.length, { message: 'followUps.months_distinct' })
      .describe('1 to 5 distinct numbers of months (1..36) after the handover'),
    reminderDays: z
      .number()
      .int()
      .min(3)
      .max(60)
      .describe('Days before the reminder, and again before no_answer'),
  })
  .strict();

export const AnswersBody = z
  .object({
    works: z.enum(WORKS_ANSWERS).describe('Does the computer still work?'),
    frequency: z.enum(FREQUENCY_ANSWERS).describe('How often is it used?'),
    uses: z.array(z.enum(USE_ANSWERS)).max(USE_ANSWERS.length).describe('What for (none, one or several)'),
    autonomy: z.enum(AUTONOMY_ANSWERS).describe('Does the person feel more autonomous?'),
    helpDevice: z.boolean().describe('Help wanted with the computer (opens a maintenance ticket)'),
    helpContact: z.boolean().describe('Wants to be contacted by their social worker (e-mails the referrer)'),
    comment: z.string().max(COMMENT_MAX).nullable().optional(),
  })
  .strict()
  .meta({ id: 'FollowUpAnswers' });
export type AnswersBody = z.infer<typeof AnswersBody>;

const AnswerResult = z.object({
  thanks: z.literal(true),
  ticketOpened: z.boolean(),
  contactAlerted: z.boolean(),
});

const FollowUp = z
  .object({
    id: z.uuid(),
    programmeId: z.uuid(),
    programmeName: z.string(),
    allocationId: z.uuid(),
    assetTag: z.string(),
    months: z.number().int(),
    dueOn: CalendarDay,
    status: z.enum(FOLLOW_UP_STATUSES),
    sentAt: Instant.nullable(),
    remindedAt: Instant.nullable(),
    answeredAt: Instant.nullable(),
    answers: z
      .object({
        works: z.enum(WORKS_ANSWERS),
        frequency: z.enum(FREQUENCY_ANSWERS),
        uses: z.array(z.enum(USE_ANSWERS)),
        autonomy: z.enum(AUTONOMY_ANSWERS),
        helpDevice: z.boolean(),
        helpContact: z.boolean(),
        comment: z.string().nullable(),
        answeredBy: z.enum(['person', 'worker']),
        answeredOn: CalendarDay,
        ticketId: z.uuid().nullable(),
      })
      .nullable(),
    can: z.object({ answer: z.boolean(), letter: z.boolean() }),
  })
  .meta({ id: 'FollowUp' });

const FollowUpListItem = z
  .object({
    id: z.uuid(),
    beneficiaryId: z.uuid(),
    personName: z.string(),
    programmeId: z.uuid(),
    programmeName: z.string(),
    months: z.number().int(),
    dueOn: CalendarDay,
    status: z.enum(FOLLOW_UP_STATUSES),
    phone: z.string().nullable().describe('Only for to_contact and no_answer (the call list)'),
    helpContact: z.boolean(),
    answeredAt: Instant.nullable(),
  })
  .meta({ id: 'FollowUpListItem' });

const ListFilters = ListQuery.extend({
  programmeId: Uuid.optional(),
  status: z
    .enum(LIST_STATUSES)
    .optional()
    .describe('to_contact and no_answer: the call list; help: answers asking to be contacted'),
});

const Token = z.object({ token: z.string().max(100) });

/** Follow-up questionnaires: settings, the person's follow-ups, the public questionnaire, the call list. */
export function followUpRoutes(app: App, deps: Deps): void {
  const { db } = deps.database;
  app.get(
    '/programmes/:id/follow-up-settings',
    {
      schema: {
        tags: ['follow-ups'],
        summary: "A programme's follow-ups: months after the handover and reminder delay",
        params: IdParams,
        response: { 200: Settings, ...errorResponses },
      },
    },
    async (request) => getFollowUpSettings(db, actorOf(request), request.params.id),
  );
  app.put(
    '/programmes/:id/follow-up-settings',
    {
      schema: {
        tags: ['follow-ups'],
        summary: "Change a programme's follow-ups (the owner's managers; scheduled ones keep their dates)",
        params: IdParams,
        body: SettingsBody,
        response: { 200: Settings, ...errorResponses },
      },
    },
    async (request) => putFollowUpSettings(db, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/beneficiaries/:id/follow-ups',
    {
      schema: {
        tags: ['follow-ups'],
        summary: "A person's follow-ups with their answers",
        params: IdParams,
        response: { 200: z.array(FollowUp), ...errorResponses },
      },
    },
    async (request) => personFollowUps(db, actorOf(request), request.params.id),
  );
  app.get(
    '/follow-ups',
    {
      schema: {
        tags: ['follow-ups'],
        summary: 'Follow-ups of your organisations by due day: the call list, those to contact, help asked',
        querystring: ListFilters,
        response: { 200: paginated(FollowUpListItem), ...errorResponses },
      },
    },
    async (request) => listFollowUps(db, actorOf(request), request.query),
  );
  app.post(
    '/follow-ups/:id/answers',
    {
      schema: {
        tags: ['follow-ups'],
        summary: 'A social worker fills the questionnaire in with the person (once; answered → 409)',
        params: IdParams,
        body: AnswersBody,
        response: { 201: AnswerResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await answerByWorker(
        db,
        actorOf(request),
        request.params.id,
        request.body,
        deps.config.publicUrl,
      );
      if (result.contactAlerted) deps.mail.kick();
      return reply.code(201).send(result);
    },
  );
  app.get(
    '/follow-ups/:id/letter',
    {
      schema: {
        tags: ['follow-ups'],
        summary: 'A letter with a new link and its QR code (a follow-up to contact becomes sent)',
        params: IdParams,
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const letter = await issueLetter(db, actor, request.params.id, deps.config.publicUrl);
      const pdf = await followUpLetterPdf(letter, actor.locale);
      return sendFile(reply, 'application/pdf', `suivi-${request.params.id}.pdf`, pdf);
    },
  );
  app.get(
    '/public/follow-ups/:token',
    {
      config: { public: true, rateLimit: PUBLIC_RATE_LIMITS.read },
      schema: {
        tags: ['follow-ups'],
        summary: 'The questionnaire behind a link (no account): answered or expired → 410',
        params: Token,
        response: {
          200: z.object({
            programmeName: z.string(),
            organisationName: z.string(),
            months: z.number().int(),
            deviceType: z.string(),
            status: z.literal('open'),
          }),
          404: Problem,
          410: Problem,
        },
      },
    },
    async (request) => publicFollowUp(db, request.params.token),
  );
  app.post(
    '/public/follow-ups/:token/answers',
    {
      config: { public: true, rateLimit: PUBLIC_RATE_LIMITS.followUpAnswer },
      schema: {
        tags: ['follow-ups'],
        summary: 'The person answers (no account; once: a second answer → 410)',
        params: Token,
        body: AnswersBody,
        response: { 201: AnswerResult, 400: Problem, 404: Problem, 410: Problem },
      },
    },
    async (request, reply) => {
      const result = await answerByLink(db, request.params.token, request.body, {
        ip: request.ip,
        locale: request.locale,
        publicUrl: deps.config.publicUrl,
      });
      if (result.contactAlerted) deps.mail.kick();
      return reply.code(201).send(result);
    },
  );
}
