import { z } from 'zod';
import { DEVICE_STATUSES, DEVICE_TYPES, ORGANISATION_KINDS } from '../../lib/vocabulary.ts';
import { CalendarDay } from '../../server/http.ts';
import { PROGRAMME_MODES, TARGET_GROUPS } from '../programmes/vocabulary.ts';

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
        handedOver: z.number().int(),
        recycled: z.number().int(),
      }),
    ),
    flowTotals: z.object({
      received: z.number().int(),
      ready: z.number().int(),
      handedOver: z.number().int(),
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
