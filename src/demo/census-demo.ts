/**
 * The needs census in the demo: the town's solidarity sale of the current year (« Ordi solidaire
 * Saint-Aubin » followed by the year, owned by the CCAS, open) has its public page open, and 13 needs
 * across four towns of the Orléans area: anonymous ones left on the public page, named ones (with
 * consent) from the public page, and the CCAS social worker's. One named need was already turned into a
 * referral (its verdict: the income situation is still to be filled in).
 */
import { and, eq, like } from 'drizzle-orm';
import type { Executor } from '../db/tx.ts';
import { today } from '../lib/dates.ts';
import { referNeed } from '../modules/census/conversion.ts';
import { type NeedInput, registerNeed, registerPublicNeed } from '../modules/census/needs.ts';
import { censusNeeds } from '../modules/census/schema.ts';
import { putCensusSettings } from '../modules/census/settings.ts';
import { programmes } from '../modules/programmes/schema.ts';
import { actAs } from './demo-kit.ts';

const PUBLIC_NEEDS: NeedInput[] = [
  {
    kind: 'person',
    targetGroup: 'senior',
    deviceNeed: 'tablet',
    town: 'Saint-Aubin-sur-Loire',
    reason: 'Voir mes petits-enfants en vidéo.',
  },
  { kind: 'person', targetGroup: 'senior', deviceNeed: 'tablet', town: 'Saint-Aubin-sur-Loire' },
  {
    kind: 'person',
    targetGroup: 'pupil',
    deviceNeed: 'laptop',
    town: 'Saint-Aubin-sur-Loire',
    reason: 'Faire mes devoirs.',
  },
  {
    kind: 'person',
    targetGroup: 'job_seeker',
    deviceNeed: 'laptop',
    town: 'Olivet',
    reason: 'Chercher un emploi.',
  },
  { kind: 'person', targetGroup: 'household', deviceNeed: 'desktop', town: 'Fleury-les-Aubrais' },
  { kind: 'person', targetGroup: 'pupil', deviceNeed: 'laptop', town: 'Saint-Jean-de-Braye' },
  {
    kind: 'person',
    targetGroup: 'senior',
    deviceNeed: 'tablet',
    town: 'Olivet',
    postcode: '45160',
    reason: 'Faire mes démarches de retraite.',
    firstName: 'Monique',
    lastName: 'Garnier',
    phone: '02 38 45 67 89',
    consent: true,
  },
  {
    kind: 'person',
    targetGroup: 'job_seeker',
    deviceNeed: 'laptop',
    town: 'Saint-Aubin-sur-Loire',
    postcode: '45100',
    reason: 'Suivre une formation en ligne.',
    firstName: 'Yacine',
    lastName: 'Belkacem',
    email: 'yacine.belkacem@example.org',
    consent: true,
  },
  {
    kind: 'association',
    deviceNeed: 'desktop',
    town: 'Fleury-les-Aubrais',
    postcode: '45400',
    reason: 'Un poste pour l’accueil de notre épicerie solidaire.',
    associationName: 'Épicerie du Coin',
    email: 'contact@epicerie-du-coin.example',
    consent: true,
  },
];

const PRESCRIBER_NEEDS: NeedInput[] = [
  {
    kind: 'person',
    targetGroup: 'household',
    deviceNeed: 'laptop',
    town: 'Saint-Aubin-sur-Loire',
    postcode: '45100',
    reason: 'Démarches CAF et école des enfants.',
    firstName: 'Aurélie',
    lastName: 'Fontaine',
    phone: '06 21 43 65 87',
    consent: true,
  },
  {
    kind: 'person',
    targetGroup: 'job_seeker',
    deviceNeed: 'laptop',
    town: 'Saint-Jean-de-Braye',
    postcode: '45800',
    firstName: 'Mathieu',
    lastName: 'Roche',
    consent: true,
  },
  { kind: 'person', targetGroup: 'senior', deviceNeed: 'tablet', town: 'Saint-Aubin-sur-Loire' },
  { kind: 'person', targetGroup: 'household', deviceNeed: 'desktop', town: 'Olivet' },
];

/** Opens the census of this year's sale and fills it (see the file's comment). */
export async function loadCensusDemo(
  db: Executor,
  ccas: string,
  accounts: { director: string; socialWorker: string },
  publicUrl: string,
): Promise<void> {
  const director = await actAs(db, accounts.director, ccas, 'admin');
  const socialWorker = await actAs(db, accounts.socialWorker, ccas, 'social_worker');
  const year = today().slice(0, 4);
  const [programme] = await db
    .select({ id: programmes.id })
    .from(programmes)
    .where(
      and(
        eq(programmes.ownerOrganisationId, ccas),
        like(programmes.name, `Ordi solidaire Saint-Aubin ${year}`),
      ),
    );
  if (!programme) throw new Error('demo: this year’s sale programme is missing');
  await putCensusSettings(
    db,
    director,
    programme.id,
    {
      publicOpen: true,
      introduction:
        'La Ville et le CCAS ont déjà remis des ordinateurs à petit prix à de premières familles. Nous recensons les besoins pour la prochaine distribution : dites-nous ce dont vous avez besoin.',
    },
    publicUrl,
  );
  for (const need of PUBLIC_NEEDS)
    await registerPublicNeed(db, programme.id, need, { ip: null, locale: 'fr' });
  const registered: string[] = [];
  for (const need of PRESCRIBER_NEEDS)
    registered.push(
      (await registerNeed(db, socialWorker, programme.id, { ...need, registeredByOrganisationId: ccas })).id,
    );
  await referNeed(db, socialWorker, registered[0] as string);
  // Received over the last four weeks, not all in the same second.
  const rows = await db
    .select({ id: censusNeeds.id })
    .from(censusNeeds)
    .where(eq(censusNeeds.programmeId, programme.id));
  for (const [i, row] of rows.entries()) {
    const at = new Date(Date.now() - (28 - i * 2) * 86_400_000);
    await db.update(censusNeeds).set({ createdAt: at, updatedAt: at }).where(eq(censusNeeds.id, row.id));
  }
}
