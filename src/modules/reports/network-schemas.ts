import { z } from 'zod';
import { DEVICE_STATUSES, DEVICE_TYPES, ORGANISATION_KINDS } from '../../lib/vocabulary.ts';
import { CalendarDay } from '../../server/http.ts';
import { ChequeFiguresReply } from '../cheques/report-schema.ts';
import { PROGRAMME_MODES, TARGET_GROUPS } from '../programmes/vocabulary.ts';
import { FunderProgrammeBudgetReply } from './funder-report-budget.ts';

/** zod schemas of the network, funder and donor reports: queries, and replies for OpenAPI. */

/** `from`/`to` (both included); the current calendar year when left out. */
export const PeriodQuery = z
  .object({
    from: CalendarDay.optional().describe('First day (included); default: 1 January of this year'),
    to: CalendarDay.optional().describe('Last day (included); default: 31 December of this year'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'reports.period_reversed',
    path: ['to'],
  });
export type PeriodQuery = z.infer<typeof PeriodQuery>;

export const CoordinatorQuery = PeriodQuery.and(
  z.object({ coordinatorOrganisationId: z.uuid({ message: 'validation.uuid' }) }),
);

export const NetworkMemberParams = z.object({
  coordinatorId: z.uuid({ message: 'validation.uuid' }),
  organisationId: z.uuid({ message: 'validation.uuid' }),
});
export const CoordinatorParams = z.object({ coordinatorId: z.uuid({ message: 'validation.uuid' }) });
export const MemberOrganisationQuery = z.object({ organisationId: z.uuid({ message: 'validation.uuid' }) });

const MemberStatus = z
  .enum(['active', 'invited', 'requested'])
  .describe(
    'active: both agreed (counted); invited: the coordinator asked; requested: the organisation asked',
  );

export const NetworkMember = z
  .object({
    coordinatorOrganisationId: z.uuid(),
    organisationId: z.uuid(),
    name: z.string(),
    kinds: z.array(z.enum(ORGANISATION_KINDS)),
    status: MemberStatus,
    addedAt: z.string(),
    coordinatorAgreedAt: z.string().nullable(),
    memberAgreedAt: z.string().nullable(),
  })
  .meta({ id: 'NetworkMember' });

export const NetworkMembership = z
  .object({
    coordinatorOrganisationId: z.uuid(),
    coordinatorName: z.string(),
    organisationId: z.uuid(),
    status: MemberStatus,
    addedAt: z.string(),
  })
  .meta({ id: 'NetworkMembership' });

const PeopleCount = z
  .union([z.number().int(), z.literal('<5')])
  .describe('A number of people; "<5" when it is 1 to 4 (small counts could identify someone)');

const Period = z.object({ from: CalendarDay, to: CalendarDay });

export const NetworkDashboard = z
  .object({
    coordinator: z.object({ id: z.uuid(), name: z.string() }),
    period: Period,
    organisations: z.array(
      z.object({ id: z.uuid(), name: z.string(), kinds: z.array(z.enum(ORGANISATION_KINDS)) }),
    ),
    stock: z.object({
      total: z.number().int(),
      byStatus: z.array(z.object({ status: z.enum(DEVICE_STATUSES), count: z.number().int() })),
      byType: z.array(z.object({ type: z.enum(DEVICE_TYPES), count: z.number().int() })),
      byStatusAndType: z.array(
        z.object({ status: z.enum(DEVICE_STATUSES), type: z.enum(DEVICE_TYPES), count: z.number().int() }),
      ),
    }),
    flows: z.array(
      z.object({
        month: z.string(),
        received: z.number().int(),
        ready: z.number().int(),
        handedOver: PeopleCount,
        recycled: z.number().int(),
      }),
    ),
    flowTotals: z.object({
      received: z.number().int(),
      ready: z.number().int(),
      handedOver: PeopleCount,
      recycled: z.number().int(),
    }),
    people: z.object({
      equipped: PeopleCount,
      byGroup: z.array(z.object({ group: z.enum(TARGET_GROUPS), equipped: PeopleCount })),
      byMode: z.array(z.object({ mode: z.enum(PROGRAMME_MODES), equipped: PeopleCount })),
    }),
    training: z.object({
      sessionsHeld: z.number().int(),
      peopleTrained: PeopleCount,
      anonymousActivities: z.number().int(),
      anonymousParticipants: PeopleCount,
    }),
    impact: z.object({ co2eAvoidedKg: z.number(), weeeAvoidedKg: z.number(), method: z.string() }),
    masking: z.object({ threshold: z.literal(5), shownAs: z.literal('<5') }),
  })
  .meta({ id: 'NetworkDashboard' });

const Achievement = z.number().nullable().describe('reached / target (0.8 = 80 %), null without a target');

export const FunderReport = z
  .object({
    funder: z.object({ id: z.uuid(), name: z.string() }),
    period: Period,
    scope: z
      .enum(['full', 'owner'])
      .describe("full: the funder's readers; owner: only the programmes the reader's organisation runs"),
    programmes: z.array(
      z.object({
        programme: z.object({
          id: z.uuid(),
          name: z.string(),
          mode: z.enum(PROGRAMME_MODES),
          ownerOrganisationId: z.uuid(),
          ownerName: z.string(),
          startsOn: CalendarDay,
          endsOn: CalendarDay,
        }),
        subsidyPerUnitCents: z.number().int().nullable(),
        unitsSubsidised: z.number().int(),
        subsidiesCents: z.number().int(),
        internetAids: z.object({ count: z.number().int(), totalCents: z.number().int() }),
        totalCents: z.number().int(),
        reached: z.number().int(),
        target: z.object({ beneficiaries: z.number().int().nullable(), achievement: Achievement }),
        byGroup: z.array(
          z.object({
            group: z.enum(TARGET_GROUPS),
            reached: z.number().int(),
            target: z.number().int().nullable(),
            achievement: Achievement,
          }),
        ),
        budget: FunderProgrammeBudgetReply,
      }),
    ),
    cheques: z
      .array(ChequeFiguresReply)
      .describe("Training cheques received at the sessions of these programmes' workshops, by issuer"),
    totals: z.object({
      unitsSubsidised: z.number().int(),
      subsidiesCents: z.number().int(),
      internetAids: z.object({ count: z.number().int(), totalCents: z.number().int() }),
      totalCents: z.number().int(),
      reached: z.number().int(),
      byGroup: z.array(z.object({ group: z.enum(TARGET_GROUPS), reached: z.number().int() })),
    }),
  })
  .meta({ id: 'FunderReport' });

export const YearQuery = z.object({
  year: z.coerce
    .number()
    .int()
    .min(1990)
    .max(2200)
    .optional()
    .describe('The calendar year of the donations (their reception day); default: this year'),
});

const FateCounts = {
  given: z.number().int(),
  reused: z.number().int(),
  recycled: z.number().int(),
  inProgress: z.number().int(),
  lost: z.number().int(),
};
const Impact = { co2eAvoidedKg: z.number(), weeeAvoidedKg: z.number() };

export const DonorSummary = z
  .object({
    donor: z.object({ id: z.uuid(), name: z.string() }),
    year: z.number().int(),
    scope: z
      .enum(['full', 'refurbisher'])
      .describe(
        "full: the donor's readers; refurbisher: only the donations the reader's organisation received",
      ),
    totals: z.object({ ...FateCounts, ...Impact }),
    byType: z.array(z.object({ type: z.enum(DEVICE_TYPES), ...FateCounts })),
    donations: z.array(
      z.object({
        id: z.uuid(),
        receivedOn: CalendarDay,
        refurbisherOrganisationId: z.uuid(),
        refurbisherName: z.string(),
        declaredCount: z.number().int().nullable(),
        ...FateCounts,
        ...Impact,
      }),
    ),
    method: z.string(),
  })
  .meta({ id: 'DonorSummary' });
