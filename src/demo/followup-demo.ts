/**
 * Follow-up questionnaires in the demo: last year's edition of the town's solidarity sale (followed up at
 * 3 and 6 months) equipped six more people between March and June of that year, within the last
 * 18 months (computers of a partner workshop outside the town's network), so their follow-ups fell due
 * within that year. Some answered (through their link or with
 * Claire during an interview, with varied answers, one asking to be called back), one never answered (on
 * the call list), one has no e-mail (a letter to print or a call). The programme report of that year shows
 * a response rate; Sandrine's follow-ups, after this year's handover, are still to come. Nothing already
 * due is left `scheduled`: the first pass of the follow-up job after loading the demo has nothing to send.
 */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/tx.ts';
import type { Actor } from '../lib/actor.ts';
import { addMonthsToDay, today } from '../lib/dates.ts';
import { createAllocation, handOver } from '../modules/distribution/allocations.ts';
import { answerByLink, answerByWorker, type FollowUpAnswersInput } from '../modules/followup/answers.ts';
import { issueLink, LINK_DAYS } from '../modules/followup/links.ts';
import { planFollowUps } from '../modules/followup/planning.ts';
import { followUpAnswers, followUpLinks, followUps } from '../modules/followup/schema.ts';
import { putFollowUpSettings } from '../modules/followup/staff.ts';
import { createOrganisation } from '../modules/organisations/organisations.ts';
import { findUserByEmail } from '../modules/organisations/users.ts';
import { createBeneficiary } from '../modules/programmes/beneficiaries.ts';
import { getProgramme, updateProgramme } from '../modules/programmes/programmes.ts';
import { createReferral } from '../modules/programmes/referral-changes.ts';
import { programmes } from '../modules/programmes/schema.ts';
import { earliestDay as earliest, latestDay as latest, plusDays, readyLaptop } from './demo-kit.ts';

type Outcome =
  | { kind: 'answered'; by: 'person' | 'worker'; answers: FollowUpAnswersInput }
  | { kind: 'no_answer' }
  | { kind: 'to_contact' };

interface DemoPerson {
  firstName: string;
  lastName: string;
  birthYear: number;
  email: string | null;
  phone: string;
  /** What happened at 3 and at 6 months. */
  outcomes: [Outcome, Outcome];
}

const answer = (
  by: 'person' | 'worker',
  answers: Omit<FollowUpAnswersInput, 'helpDevice' | 'helpContact'> & { helpContact?: boolean },
): Outcome => ({ kind: 'answered', by, answers: { helpDevice: false, helpContact: false, ...answers } });

const PEOPLE: DemoPerson[] = [
  {
    firstName: 'Yasmina',
    lastName: 'Haddou',
    birthYear: 1984,
    email: 'yasmina.haddou@courriel.example',
    phone: '06 21 43 65 87',
    outcomes: [
      answer('person', {
        works: 'yes',
        frequency: 'daily',
        uses: ['admin', 'job_search'],
        autonomy: 'much_more',
      }),
      answer('person', {
        works: 'yes',
        frequency: 'daily',
        uses: ['admin', 'job_search', 'keep_in_touch'],
        autonomy: 'much_more',
        comment: 'J’ai trouvé une formation grâce à l’ordinateur.',
      }),
    ],
  },
  {
    firstName: 'Thierry',
    lastName: 'Morel',
    birthYear: 1961,
    email: 'thierry.morel@courriel.example',
    phone: '06 98 76 54 32',
    outcomes: [
      answer('person', { works: 'partly', frequency: 'weekly', uses: ['admin'], autonomy: 'a_little_more' }),
      answer('person', {
        works: 'no',
        frequency: 'rarely',
        uses: ['admin'],
        autonomy: 'not_more',
        helpContact: true,
        comment: 'Je n’arrive plus à me connecter à la CAF.',
      }),
    ],
  },
  {
    firstName: 'Nathalie',
    lastName: 'Giraud',
    birthYear: 1977,
    email: 'nathalie.giraud@courriel.example',
    phone: '07 12 12 34 34',
    outcomes: [
      answer('worker', {
        works: 'yes',
        frequency: 'weekly',
        uses: ['school', 'learning'],
        autonomy: 'a_little_more',
      }),
      answer('person', {
        works: 'yes',
        frequency: 'daily',
        uses: ['school', 'keep_in_touch'],
        autonomy: 'much_more',
      }),
    ],
  },
  {
    firstName: 'Rachid',
    lastName: 'Belkacem',
    birthYear: 1990,
    email: 'rachid.belkacem@courriel.example',
    phone: '06 55 44 33 22',
    outcomes: [
      answer('person', { works: 'yes', frequency: 'monthly', uses: ['other'], autonomy: 'not_more' }),
      { kind: 'no_answer' },
    ],
  },
  {
    firstName: 'Josiane',
    lastName: 'Perrin',
    birthYear: 1948,
    email: null,
    phone: '02 38 00 11 22',
    outcomes: [
      answer('worker', {
        works: 'yes',
        frequency: 'weekly',
        uses: ['keep_in_touch'],
        autonomy: 'a_little_more',
      }),
      { kind: 'to_contact' },
    ],
  },
  {
    firstName: 'Kevin',
    lastName: 'Lambert',
    birthYear: 1999,
    email: 'kevin.lambert@courriel.example',
    phone: '07 66 55 44 33',
    outcomes: [{ kind: 'no_answer' }, { kind: 'no_answer' }],
  },
];

/** Loads the follow-up demo (after the people demo: it uses last year's sale and the CCAS accounts). */
export async function loadFollowUpDemo(
  db: Executor,
  actor: Actor,
  ccasId: string,
  accounts: { director: string; socialWorker: string },
  publicUrl: string,
): Promise<void> {
  const as = async (email: string, role: 'admin' | 'social_worker'): Promise<Actor> => {
    const user = await findUserByEmail(db, email);
    if (!user) throw new Error(`demo account ${email} missing`);
    return { ...actor, userId: user.id, isPlatformAdmin: false, memberships: new Map([[ccasId, role]]) };
  };
  const director = await as(accounts.director, 'admin');
  const socialWorker = await as(accounts.socialWorker, 'social_worker');
  const year = Number(today().slice(0, 4)) - 1;
  const [lastYear] = await db
    .select()
    .from(programmes)
    .where(
      and(
        eq(programmes.ownerOrganisationId, ccasId),
        eq(programmes.name, `Ordi solidaire Saint-Aubin ${year}`),
      ),
    );
  if (!lastYear) return;

  // A partner workshop outside the town's network: its computers do not change the network's figures.
  const workshop = await createOrganisation(db, actor, {
    name: 'Ressourcerie numérique de Jargeau',
    kinds: ['refurbisher'],
    siret: '53012345600018',
    postcode: '45150',
    city: 'Jargeau',
  });
  const current = await getProgramme(db, director, lastYear.id);
  await updateProgramme(db, director, lastYear.id, {
    partners: [
      ...current.partners.map((p) => ({ organisationId: p.organisationId, role: p.role })),
      { organisationId: workshop.id, role: 'refurbisher' },
    ],
  });

  // Within the last 18 months, and early enough in that edition for its 6-month follow-ups to fall due
  // within it (the programme's report counts the follow-ups due in its period): from March to late June.
  const firstHandover = earliest(
    latest(`${year}-03-10`, plusDays(addMonthsToDay(today(), -18), 7)),
    `${year}-06-24`,
  );
  // That edition asked at 3 and 6 months only: no 12-month follow-up, due this year, is left to send.
  await putFollowUpSettings(db, director, lastYear.id, { months: [3, 6], reminderDays: 14 });

  for (const [i, p] of PEOPLE.entries()) {
    const serialNumber = `RNJ-${3100 + i}`;
    const deviceId = await readyLaptop(db, actor, {
      organisationId: workshop.id,
      brand: 'HP',
      model: 'EliteBook 840 G5',
      serialNumber,
      operatorName: 'Hugo Marchand',
    });

    const person = await createBeneficiary(db, socialWorker, {
      kind: 'person',
      firstName: p.firstName,
      lastName: p.lastName,
      birthYear: p.birthYear,
      postcode: '45100',
      city: 'Saint-Aubin-sur-Loire',
      incomeSituation: 'low_income',
      familyQuotientCents: 52_000,
      phone: p.phone,
      ...(p.email ? { email: p.email } : {}),
      consentGivenOn: plusDays(firstHandover, -35 + (i % 5)),
    });
    await createReferral(db, socialWorker, {
      beneficiaryId: person.id,
      programmeId: lastYear.id,
      referredOn: plusDays(firstHandover, -35 + (i % 5)),
    });
    const allocation = await createAllocation(db, director, {
      programmeId: lastYear.id,
      beneficiaryId: person.id,
      deviceId,
    });
    const handedOverOn = plusDays(firstHandover, i);
    await handOver(db, director, allocation.id, {
      handedOverOn,
      payment: { amountCents: 4_200, method: i % 2 === 0 ? 'card' : 'cash' },
      signedOnPaper: true,
    });
    // Recorded today, the handover plans only the latest of its long-overdue follow-ups; the demo tells
    // of a handover recorded on its day, so the follow-ups are planned as on that day (3 and 6 months).
    await db.transaction((tx) => planFollowUps(tx, allocation.id, handedOverOn));
    const planned = await db
      .select()
      .from(followUps)
      .where(eq(followUps.allocationId, allocation.id))
      .orderBy(followUps.months);
    for (const [k, outcome] of p.outcomes.entries()) {
      const followUp = planned[k];
      if (!followUp) continue;
      const sentAt = new Date(`${followUp.dueOn}T09:00:00Z`);
      if (outcome.kind === 'answered') {
        if (outcome.by === 'person' && p.email) {
          // The person answers through the link e-mailed to them, as on the public page.
          const link = await issueLink(db, followUp.id, 'email');
          await answerByLink(db, link.token, outcome.answers, { ip: null, locale: 'fr', publicUrl });
          await db
            .update(followUpLinks)
            .set({ issuedAt: sentAt, expiresAt: new Date(sentAt.getTime() + LINK_DAYS * 86_400_000) })
            .where(eq(followUpLinks.followUpId, followUp.id));
        } else {
          await answerByWorker(db, socialWorker, followUp.id, outcome.answers, publicUrl);
        }
        // Answered a few days after the link (or the interview), not on the day the demo was loaded; who
        // answered stays as recorded (and audited).
        const answeredOn = plusDays(followUp.dueOn, 3 + i);
        await db
          .update(followUps)
          .set({ sentAt: p.email ? sentAt : null, answeredAt: new Date(`${answeredOn}T18:30:00Z`) })
          .where(eq(followUps.id, followUp.id));
        await db
          .update(followUpAnswers)
          .set({ answeredOn })
          .where(eq(followUpAnswers.followUpId, followUp.id));
      } else if (outcome.kind === 'no_answer') {
        await db
          .update(followUps)
          .set({
            status: 'no_answer',
            sentAt,
            remindedAt: new Date(`${plusDays(followUp.dueOn, 14)}T09:00:00Z`),
          })
          .where(eq(followUps.id, followUp.id));
      } else {
        await db.update(followUps).set({ status: 'to_contact' }).where(eq(followUps.id, followUp.id));
      }
    }
  }
}
