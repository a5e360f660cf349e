import { z } from 'zod';
import { toProblem } from '../../server/errors.ts';
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
  Uuid,
} from '../../server/http.ts';
import { PUBLIC_RATE_LIMITS } from '../../server/rate-limits.ts';
import { Referral } from '../programmes/schemas.ts';
import {
  BENEFICIARY_KINDS,
  DEVICE_NEEDS,
  REFERRAL_STATUSES,
  TARGET_GROUPS,
} from '../programmes/vocabulary.ts';
import { PossibleDuplicatesError, referNeed, referNeeds } from './conversion.ts';
import {
  completeNeed,
  getNeed,
  listNeeds,
  needSummary,
  REASON_MAX,
  registerNeed,
  registerPublicNeed,
  withdrawNeed,
} from './needs.ts';
import { NEED_SOURCES, NEED_STATUSES } from './schema.ts';
import { getCensusSettings, publicCensus, putCensusSettings } from './settings.ts';

const ruleResponses = { ...errorResponses, 422: Problem } as const;

const CensusSettings = z
  .object({
    programmeId: z.uuid(),
    publicOpen: z.boolean(),
    closesOn: CalendarDay.nullable(),
    introduction: z.string().nullable(),
    publicUrl: z.string().describe('The public page where people register a need'),
    takesNeeds: z
      .boolean()
      .describe('Open, before its closing day, the programme not over: the public page takes needs today'),
    can: z.object({ manage: z.boolean() }),
  })
  .meta({ id: 'CensusSettings' });

const CensusSettingsBody = z
  .object({
    publicOpen: z.boolean().describe('Whether the public page takes needs'),
    closesOn: CalendarDay.nullable().optional().describe('Last day the public page takes needs (included)'),
    introduction: z
      .string()
      .trim()
      .max(2000)
      .nullable()
      .optional()
      .describe('Shown first on the public page'),
  })
  .strict();

const PublicCensus = z.object({
  programmeId: z.uuid(),
  programmeName: z.string(),
  organisationName: z.string(),
  towns: z.array(z.string()).describe('The towns the programme serves (empty: it names none)'),
  kinds: z.array(z.enum(BENEFICIARY_KINDS)),
  introduction: z.string().nullable(),
  startsOn: CalendarDay,
  closesOn: CalendarDay.nullable(),
  open: z.literal(true),
});

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const needFields = {
  kind: z.enum(BENEFICIARY_KINDS).describe('A person, or an association'),
  targetGroup: z
    .enum(TARGET_GROUPS)
    .nullable()
    .optional()
    .describe('The person’s group (an association’s is `association`)'),
  deviceNeed: z.enum(DEVICE_NEEDS),
  reason: z
    .string()
    .trim()
    .max(REASON_MAX, { message: 'census.reason_too_long' })
    .nullable()
    .optional()
    .describe(`Why (${REASON_MAX} characters at most)`),
  town: requiredText(120),
  postcode: optionalText(10),
  firstName: optionalText(100),
  lastName: optionalText(100),
  associationName: optionalText(200),
  email: optionalText(254),
  phone: optionalText(40),
  consent: z
    .boolean()
    .optional()
    .describe('The person agrees that their name and contact are kept to refer them: required when named'),
};

const PublicNeedBody = z
  .object({
    ...needFields,
    website: z.string().max(500).nullable().optional().describe('Leave empty (a field people never see)'),
  })
  .strict();

const NeedBody = z
  .object({
    ...needFields,
    registeredByOrganisationId: Uuid.optional().describe(
      'The organisation registering it (the owner or a prescribing partner); the caller’s only one by default',
    ),
  })
  .strict();

const NeedPatch = z
  .object({
    kind: needFields.kind.optional(),
    targetGroup: needFields.targetGroup,
    deviceNeed: needFields.deviceNeed.optional(),
    reason: needFields.reason,
    town: needFields.town.optional(),
    postcode: needFields.postcode,
    firstName: needFields.firstName,
    lastName: needFields.lastName,
    associationName: needFields.associationName,
    email: needFields.email,
    phone: needFields.phone,
    consent: needFields.consent,
  })
  .strict();

const Need = z
  .object({
    id: z.uuid(),
    programmeId: z.uuid(),
    source: z.enum(NEED_SOURCES),
    registeredByOrganisationId: z.uuid().nullable(),
    registeredByOrganisationName: z.string().nullable(),
    kind: z.enum(BENEFICIARY_KINDS),
    targetGroup: z.enum(TARGET_GROUPS).nullable(),
    deviceNeed: z.enum(DEVICE_NEEDS),
    reason: z.string().nullable(),
    town: z.string(),
    postcode: z.string().nullable(),
    named: z.boolean().describe('Named with consent (the names may still be hidden from the caller)'),
    personalVisible: z
      .boolean()
      .describe('Whether the caller reads names, contact and reason (the holder organisation’s members)'),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    associationName: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    consentGivenAt: Instant.nullable(),
    status: z.enum(NEED_STATUSES),
    beneficiaryId: z.uuid().nullable(),
    referralId: z.uuid().nullable(),
    convertedAt: Instant.nullable(),
    createdAt: Instant,
    can: z.object({ complete: z.boolean(), refer: z.boolean(), withdraw: z.boolean() }),
  })
  .meta({ id: 'CensusNeed' });

const NeedListQuery = ListQuery.extend({
  status: z.enum(NEED_STATUSES).optional(),
  source: z.enum(NEED_SOURCES).optional(),
  town: z.string().trim().max(120).optional(),
  targetGroup: z.enum(TARGET_GROUPS).optional(),
  deviceNeed: z.enum(DEVICE_NEEDS).optional(),
  q: z.string().trim().max(100).optional().describe('Town, postcode, or names the caller reads'),
});

const Count = z.object({ key: z.string(), count: z.number().int() });
const NeedSummary = z
  .object({
    total: z.number().int().describe('Registered and referred needs (withdrawn ones count only by status)'),
    byTown: z.array(Count),
    byTargetGroup: z.array(Count),
    byDeviceNeed: z.array(Count),
    byKind: z.array(Count),
    bySource: z.array(Count),
    byStatus: z.array(Count),
  })
  .meta({ id: 'CensusNeedSummary' });

const ReferBody = z
  .object({
    socialEvaluation: z.string().trim().max(5000).nullable().optional(),
    existingBeneficiaryId: Uuid.optional().describe(
      'The person already has this record (one of `possibleDuplicates`): the need is linked to it',
    ),
    createNew: z.boolean().optional().describe('The lookalikes are other people: create a new record anyway'),
  })
  .strict()
  .optional();

const DuplicatesProblem = Problem.extend({
  possibleDuplicates: z
    .array(
      z.object({
        id: z.uuid(),
        displayName: z.string().nullable(),
        birthYear: z.number().int().nullable(),
        city: z.string().nullable(),
      }),
    )
    .optional()
    .describe('Records of the holder that look like the need’s person (on a 409 asking to choose)'),
});

const Conversion = z.object({
  need: Need,
  beneficiaryId: z.uuid(),
  referral: Referral,
  notices: z
    .array(z.object({ code: z.enum(['email_differs', 'phone_differs']), message: z.string() }))
    .describe(
      'What to check on the record: the need’s e-mail or phone differs from the record’s (the record’s kept)',
    ),
});

const ConversionsBody = z
  .object({ needIds: z.array(Uuid).min(1).max(100).describe('The needs to convert, one by one') })
  .strict();

const Conversions = z.object({
  referred: z.number().int(),
  refused: z.number().int(),
  results: z.array(
    z.object({
      needId: z.string(),
      outcome: z.enum(['referred', 'refused']),
      beneficiaryId: z.uuid().optional(),
      referralId: z.uuid().optional(),
      referralStatus: z.enum(REFERRAL_STATUSES).optional(),
      problem: z.object({ status: z.number().int(), code: z.string(), detail: z.string() }).optional(),
    }),
  ),
});

/** The needs census: the public page, prescribers' needs, counts, and one-click referrals. */
export function censusRoutes(app: App, deps: Deps): void {
  const db = deps.database.db;
  const publicUrl = deps.config.publicUrl;
  const tags = ['census'];

  app.get(
    '/programmes/:id/census-settings',
    {
      schema: {
        tags,
        summary: 'A programme’s needs census: public page open or not, closing day, introduction',
        params: IdParams,
        response: { 200: CensusSettings, ...errorResponses },
      },
    },
    async (request) => getCensusSettings(db, actorOf(request), request.params.id, publicUrl),
  );
  app.put(
    '/programmes/:id/census-settings',
    {
      schema: {
        tags,
        summary: 'Open or close the census’s public page (owner’s administrators and managers)',
        params: IdParams,
        body: CensusSettingsBody,
        response: { 200: CensusSettings, ...errorResponses },
      },
    },
    async (request) => putCensusSettings(db, actorOf(request), request.params.id, request.body, publicUrl),
  );
  app.get(
    '/public/programmes/:id/census',
    {
      config: { public: true, rateLimit: PUBLIC_RATE_LIMITS.read },
      schema: {
        tags,
        summary: 'The public census page of a programme (no account); 404 when it takes no needs',
        params: IdParams,
        response: { 200: PublicCensus, 400: Problem, 404: Problem },
      },
    },
    async (request) => publicCensus(db, request.params.id),
  );
  app.post(
    '/public/programmes/:id/needs',
    {
      config: { public: true, rateLimit: PUBLIC_RATE_LIMITS.censusNeed },
      schema: {
        tags,
        summary: 'Anyone registers a need (anonymous, or named with consent); 404 when the page takes none',
        params: IdParams,
        body: PublicNeedBody,
        response: {
          201: z.object({ received: z.literal(true), named: z.boolean() }),
          400: Problem,
          404: Problem,
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await registerPublicNeed(db, request.params.id, request.body, {
          ip: request.ip,
          locale: request.locale,
        }),
      ),
  );
  app.post(
    '/programmes/:id/needs',
    {
      schema: {
        tags,
        summary: 'A prescribing partner (or the owner) registers a need',
        params: IdParams,
        body: NeedBody,
        response: { 201: Need, ...ruleResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await registerNeed(db, actorOf(request), request.params.id, request.body)),
  );
  app.get(
    '/programmes/:id/needs',
    {
      schema: {
        tags,
        summary: 'A programme’s needs (the owner: all; a prescribing partner: its own), newest first',
        params: IdParams,
        querystring: NeedListQuery,
        response: { 200: paginated(Need), ...errorResponses },
      },
    },
    async (request) => listNeeds(db, actorOf(request), request.params.id, request.query),
  );
  app.get(
    '/programmes/:id/needs/summary',
    {
      schema: {
        tags,
        summary: 'Counts of a programme’s needs by town, group, device, kind, source and status',
        params: IdParams,
        response: { 200: NeedSummary, ...errorResponses },
      },
    },
    async (request) => needSummary(db, actorOf(request), request.params.id),
  );
  app.post(
    '/programmes/:id/needs/referrals',
    {
      schema: {
        tags,
        summary: 'Turn several needs into referrals, one by one, reporting each result',
        params: IdParams,
        body: ConversionsBody,
        response: { 200: Conversions, ...errorResponses },
      },
    },
    async (request) => referNeeds(db, actorOf(request), request.params.id, request.body.needIds),
  );
  app.get(
    '/needs/:id',
    {
      schema: {
        tags,
        summary: 'One need',
        params: IdParams,
        response: { 200: Need, ...errorResponses },
      },
    },
    async (request) => getNeed(db, actorOf(request), request.params.id),
  );
  app.patch(
    '/needs/:id',
    {
      schema: {
        tags,
        summary: 'Complete a need (name and contact with the person’s consent) or correct it',
        params: IdParams,
        body: NeedPatch,
        response: { 200: Need, ...errorResponses },
      },
    },
    async (request) => completeNeed(db, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/needs/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw a need: its names, contact and reason are cleared',
        params: IdParams,
        response: { 200: Need, ...errorResponses },
      },
    },
    async (request) => withdrawNeed(db, actorOf(request), request.params.id),
  );
  app.post(
    '/needs/:id/referral',
    {
      schema: {
        tags,
        summary: 'One click: a named need becomes the person’s record, a consent and a referral',
        params: IdParams,
        body: ReferBody,
        response: { 201: Conversion, ...ruleResponses, 409: DuplicatesProblem },
      },
    },
    async (request, reply) => {
      try {
        return reply
          .code(201)
          .send(await referNeed(db, actorOf(request), request.params.id, request.body ?? {}));
      } catch (err) {
        if (!(err instanceof PossibleDuplicatesError)) throw err;
        const { problem } = toProblem(err, request.locale ?? 'fr', 0);
        return reply
          .code(409)
          .type('application/problem+json')
          .send({ ...problem, possibleDuplicates: err.possibleDuplicates });
      }
    },
  );
}
