import { z } from 'zod';
import { actingOrganisationId } from '../../lib/actor.ts';
import { today } from '../../lib/dates.ts';
import {
  type App,
  actorOf,
  type Deps,
  errorResponses,
  IdParams,
  ListQuery,
  Problem,
  paginated,
  sendFile,
} from '../../server/http.ts';
import { findOrganisation } from '../organisations/organisations.ts';
import * as beneficiaryService from './beneficiaries.ts';
import { addConsent, withdrawConsent } from './consents.ts';
import { informationNoticePdf } from './documents/information-notice.ts';
import { personExportPdf } from './documents/person-export.ts';
import * as duplicateService from './duplicates.ts';
import { toPersonExport } from './export-document.ts';
import * as participantService from './participants.ts';
import * as programmeService from './programmes.ts';
import * as referralChanges from './referral-changes.ts';
import { listReferrals } from './referral-lists.ts';
import * as referralService from './referrals.ts';
import { eraseBeneficiary, exportPerson, listAnonymisationRuns } from './rights.ts';
import {
  AddConsentBody,
  AnonymisationRun,
  Beneficiary,
  BeneficiaryListQuery,
  BeneficiarySummary,
  ConsentParams,
  Consents,
  CopyProgrammeBody,
  CreateBeneficiaryBody,
  CreateProgrammeBody,
  CreateReferralBody,
  DuplicateQuery,
  Duplicates,
  EligibilityCheckBody,
  MergeBody,
  NoticeQuery,
  Participants,
  Programme,
  ProgrammeListQuery,
  Referral,
  ReferralListQuery,
  ReferralStatusBody,
  Timeline,
  UpdateBeneficiaryBody,
  UpdateProgrammeBody,
  UpdateReferralBody,
  Verdict,
  WithdrawConsentBody,
} from './schemas.ts';
import { beneficiaryTimeline } from './timeline.ts';

const ruleResponses = { ...errorResponses, 422: Problem } as const;

/** Programmes, beneficiaries (people and associations), consents, referrals and the person's rights. */
export function programmeRoutes(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.post(
    '/programmes',
    {
      schema: {
        tags: ['programmes'],
        summary:
          'Create a programme: what it gives, to whom (eligibility rules), with whom (partners, funders)',
        body: CreateProgrammeBody,
        response: { 201: Programme, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await programmeService.createProgramme(db, actorOf(request), request.body)),
  );

  app.get(
    '/programmes',
    {
      schema: {
        tags: ['programmes'],
        summary: 'Programmes you may see (as owner, partner or funder), newest first',
        querystring: ProgrammeListQuery,
        response: { 200: paginated(Programme), ...errorResponses },
      },
    },
    async (request) => programmeService.listProgrammes(db, actorOf(request), request.query),
  );

  app.get(
    '/programmes/:id',
    {
      schema: {
        tags: ['programmes'],
        summary: 'One programme, with the beneficiary contribution computed',
        params: IdParams,
        response: { 200: Programme, ...errorResponses },
      },
    },
    async (request) => programmeService.getProgramme(db, actorOf(request), request.params.id),
  );

  app.patch(
    '/programmes/:id',
    {
      schema: {
        tags: ['programmes'],
        summary: 'Change a programme (lists given replace the current ones); `closed` stops new referrals',
        params: IdParams,
        body: UpdateProgrammeBody,
        response: { 200: Programme, ...errorResponses },
      },
    },
    async (request) =>
      programmeService.updateProgramme(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/programmes/:id/copy',
    {
      schema: {
        tags: ['programmes'],
        summary: "Start next year's edition: same settings, rules, partners and subsidies, a new period",
        params: IdParams,
        body: CopyProgrammeBody.optional(),
        response: { 201: Programme, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await programmeService.copyProgramme(db, actorOf(request), request.params.id, request.body ?? {}),
        ),
  );

  app.post(
    '/programmes/:id/eligibility-check',
    {
      schema: {
        tags: ['programmes'],
        summary: "The rules' verdict for a person or for facts, with reasons; nothing is recorded",
        params: IdParams,
        body: EligibilityCheckBody,
        response: { 200: Verdict, ...errorResponses },
      },
    },
    async (request) =>
      participantService.checkEligibility(db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/programmes/:id/participants',
    {
      schema: {
        tags: ['programmes'],
        summary: 'Names of the people referred to the programme (what a trainer partner sees)',
        params: IdParams,
        response: { 200: Participants, ...errorResponses },
      },
    },
    async (request) => ({
      items: await participantService.listParticipants(db, actorOf(request), request.params.id),
    }),
  );

  app.post(
    '/beneficiaries',
    {
      schema: {
        tags: ['beneficiaries'],
        summary: 'Record a person or an association, with their consent; possible duplicates are listed',
        body: CreateBeneficiaryBody,
        response: { 201: Beneficiary, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await beneficiaryService.createBeneficiary(db, actorOf(request), request.body)),
  );

  app.get(
    '/beneficiaries',
    {
      schema: {
        tags: ['beneficiaries'],
        summary: 'People and associations you may see; `q` searches names without accents or case',
        querystring: BeneficiaryListQuery,
        response: { 200: paginated(BeneficiarySummary), ...errorResponses },
      },
    },
    async (request) => beneficiaryService.listBeneficiaries(db, actorOf(request), request.query),
  );

  app.get(
    '/beneficiaries/duplicates',
    {
      schema: {
        tags: ['beneficiaries'],
        summary: 'Records of the organisation with the same names, birth year and postcode',
        querystring: DuplicateQuery,
        response: { 200: Duplicates, ...errorResponses },
      },
    },
    async (request) => ({
      items: await duplicateService.findDuplicates(db, actorOf(request), request.query),
    }),
  );

  app.get(
    '/beneficiaries/:id',
    {
      schema: {
        tags: ['beneficiaries'],
        summary: 'One record with consents and referrals (the read is audited)',
        params: IdParams,
        response: { 200: Beneficiary, ...errorResponses },
      },
    },
    async (request) => beneficiaryService.getBeneficiary(db, actorOf(request), request.params.id),
  );

  app.patch(
    '/beneficiaries/:id',
    {
      schema: {
        tags: ['beneficiaries'],
        summary: 'Change a record; ineligible referrals are evaluated again',
        params: IdParams,
        body: UpdateBeneficiaryBody,
        response: { 200: Beneficiary, ...ruleResponses },
      },
    },
    async (request) =>
      beneficiaryService.updateBeneficiary(db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/beneficiaries/:id/timeline',
    {
      schema: {
        tags: ['beneficiaries'],
        summary: "The person's path across programmes, oldest first (the read is audited)",
        params: IdParams,
        response: { 200: Timeline, ...errorResponses },
      },
    },
    async (request) => ({
      items: await beneficiaryTimeline(db, actorOf(request), request.params.id),
    }),
  );

  app.post(
    '/beneficiaries/:id/consents',
    {
      schema: {
        tags: ['beneficiaries'],
        summary: 'Record a consent of the person (day, what it covers; you are the collector)',
        params: IdParams,
        body: AddConsentBody,
        response: { 201: Consents, ...ruleResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send({ items: await addConsent(db, actorOf(request), request.params.id, request.body) }),
  );

  app.post(
    '/beneficiaries/:id/consents/:consentId/withdrawal',
    {
      schema: {
        tags: ['beneficiaries'],
        summary: 'The person withdraws a consent (kept on record with the day)',
        params: ConsentParams,
        body: WithdrawConsentBody.optional(),
        response: { 200: Consents, ...ruleResponses },
      },
    },
    async (request) => ({
      items: await withdrawConsent(
        db,
        actorOf(request),
        request.params.id,
        request.params.consentId,
        request.body?.withdrawnOn,
      ),
    }),
  );

  app.post(
    '/beneficiaries/:id/merge',
    {
      schema: {
        tags: ['beneficiaries'],
        summary: "Merge a duplicate into this record: both histories kept, the duplicate's fields emptied",
        params: IdParams,
        body: MergeBody,
        response: { 200: Beneficiary, ...ruleResponses },
      },
    },
    async (request) =>
      duplicateService.mergeBeneficiaries(db, actorOf(request), request.params.id, request.body.duplicateId),
  );

  app.get(
    '/beneficiaries/:id/export.json',
    {
      schema: {
        tags: ['beneficiaries'],
        summary: 'Everything kept about the person (right of access and portability), as JSON',
        params: IdParams,
        response: { 200: z.record(z.string(), z.unknown()), ...errorResponses },
      },
    },
    async (request, reply) => {
      const data = await exportPerson(db, actorOf(request), request.params.id, 'json');
      return reply
        .header('content-disposition', `attachment; filename="personne-${request.params.id}.json"`)
        .send(JSON.parse(JSON.stringify(data)) as Record<string, unknown>);
    },
  );

  app.get(
    '/beneficiaries/:id/export.pdf',
    {
      schema: {
        tags: ['beneficiaries'],
        summary: 'Everything kept about the person, as a readable PDF',
        params: IdParams,
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      const data = await exportPerson(db, actorOf(request), request.params.id, 'pdf');
      const pdf = await personExportPdf(toPersonExport(data), request.locale);
      return sendFile(reply, 'application/pdf', `personne-${request.params.id}.pdf`, pdf, 'attachment');
    },
  );

  app.post(
    '/beneficiaries/:id/erasure',
    {
      schema: {
        tags: ['beneficiaries'],
        summary: 'Right to erasure: personal fields deleted, anonymous facts kept; cannot be undone',
        params: IdParams,
        response: { 200: Beneficiary, ...ruleResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await eraseBeneficiary(db, actor, request.params.id);
      return beneficiaryService.getBeneficiary(db, actor, request.params.id);
    },
  );

  app.get(
    '/information-notice.pdf',
    {
      schema: {
        tags: ['beneficiaries'],
        summary: 'The information notice to hand to the person: what is kept, why, how long, their rights',
        querystring: NoticeQuery,
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const organisationId = actingOrganisationId(actor, request.query.organisationId, 'organisationId');
      const organisation = await findOrganisation(db, organisationId);
      const pdf = await informationNoticePdf(
        {
          organisation: { name: organisation.name, postcode: organisation.postcode, city: organisation.city },
          retentionMonths: deps.config.retentionMonths,
          generatedOn: today(),
        },
        request.locale,
      );
      return sendFile(reply, 'application/pdf', 'notice-information.pdf', pdf);
    },
  );

  app.post(
    '/referrals',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Refer a person to a programme: the rules are evaluated at once (eligible or ineligible)',
        body: CreateReferralBody,
        response: { 201: Referral, ...ruleResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await referralChanges.createReferral(db, actorOf(request), request.body)),
  );

  app.get(
    '/referrals',
    {
      schema: {
        tags: ['referrals'],
        summary:
          'Referrals you may see; `waiting=true`: the waiting list (priority first, then referral day, then order of entry)',
        querystring: ReferralListQuery,
        response: { 200: paginated(Referral), ...errorResponses },
      },
    },
    async (request) => listReferrals(db, actorOf(request), request.query),
  );

  app.get(
    '/referrals/:id',
    {
      schema: {
        tags: ['referrals'],
        summary:
          'One referral with its social evaluation (the referring organisation and the programme owner; audited)',
        params: IdParams,
        response: { 200: Referral, ...errorResponses },
      },
    },
    async (request) => referralService.readReferral(db, actorOf(request), request.params.id),
  );

  app.patch(
    '/referrals/:id',
    {
      schema: {
        tags: ['referrals'],
        summary: "The social evaluation (referring organisation) or the priority flag (programme's owner)",
        params: IdParams,
        body: UpdateReferralBody,
        response: { 200: Referral, ...ruleResponses },
      },
    },
    async (request) => referralChanges.updateReferral(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/referrals/:id/evaluation',
    {
      schema: {
        tags: ['referrals'],
        summary: "Evaluate an eligible or ineligible referral again with the person's data of today",
        params: IdParams,
        response: { 200: Referral, ...ruleResponses },
      },
    },
    async (request) => referralChanges.evaluateReferral(db, actorOf(request), request.params.id),
  );

  app.post(
    '/referrals/:id/status',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Move by hand: equipped → followed_up, any open status → exited (with a reason)',
        params: IdParams,
        body: ReferralStatusBody,
        response: { 200: Referral, ...ruleResponses },
      },
    },
    async (request) => referralChanges.moveReferral(db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/anonymisation-runs',
    {
      schema: {
        tags: ['beneficiaries'],
        summary: "The retention job's reports: how many people were anonymised, by organisation",
        querystring: ListQuery.pick({ limit: true }),
        response: { 200: z.object({ items: z.array(AnonymisationRun) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listAnonymisationRuns(db, actorOf(request), request.query.limit) }),
  );
}
