/**
 * The association portal in the demo: the loan programme for associations opens its portal, stocked by
 * the department's digital recycling workshop (a second refurbisher partner, so the town workshop's figures
 * stay as they are). Three associations registered — one waiting for verification, one verified (its
 * president's account is printed with the others), one refused — and the verified one's three orders:
 * handed over, approved, just sent.
 */
import { and, desc, eq, like } from 'drizzle-orm';
import type { Executor } from '../db/tx.ts';
import type { Actor } from '../lib/actor.ts';
import { outbox } from '../modules/notifications/schema.ts';
import { createOrganisation } from '../modules/organisations/organisations.ts';
import { findUserByEmail, insertUser } from '../modules/organisations/users.ts';
import { createOrder } from '../modules/portal/catalogue.ts';
import { approveOrder, handOverOrder, prepareOrder } from '../modules/portal/order-steps.ts';
import {
  confirmRegistration,
  type RegistrationInput,
  registerAssociation,
} from '../modules/portal/registrations.ts';
import { associationRegistrations } from '../modules/portal/schema.ts';
import { putPortalSettings } from '../modules/portal/settings.ts';
import { approveRegistration, refuseRegistration } from '../modules/portal/verification.ts';
import { getProgramme, updateProgramme } from '../modules/programmes/programmes.ts';
import { programmes } from '../modules/programmes/schema.ts';
import { DEMO_PASSWORD, type DemoAccount } from './demo.ts';
import { readyLaptop } from './demo-kit.ts';

const VERIFIED = {
  name: 'Entraide Numérique du Giennois',
  rna: 'W452003456',
  contactName: 'Hélène Rousseau',
  contactEmail: 'presidente@entraide-giennois.example',
};

function form(
  fields: Partial<RegistrationInput> & Pick<RegistrationInput, 'name' | 'contactName' | 'contactEmail'>,
) {
  return {
    address: '3 rue de la Poterie',
    postcode: '45500',
    city: 'Gien',
    activity: 'Permanences d’aide aux démarches en ligne et ateliers pour les familles du quartier.',
    peopleServed: 150,
    ...fields,
  } as RegistrationInput;
}

function actingAs(userId: string, organisationId: string, role: 'admin'): Actor {
  return {
    userId,
    isPlatformAdmin: false,
    memberships: new Map([[organisationId, role]]),
    ip: null,
    locale: 'fr',
    via: 'system',
  };
}

/** The confirmation link e-mailed to the contact (the demo follows it as the person would). */
async function confirmationToken(db: Executor, email: string): Promise<string> {
  const [mail] = await db
    .select({ text: outbox.textBody })
    .from(outbox)
    .where(and(eq(outbox.toAddress, email), eq(outbox.template, 'portal_confirm')))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  const token = /associations\/confirmer\/([0-9a-f]{40})/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error(`demo: no confirmation link for ${email}`);
  return token;
}

export async function loadPortalDemo(
  db: Executor,
  actor: Actor,
  ccasId: string,
  directorEmail: string,
  publicUrl: string,
): Promise<DemoAccount> {
  const directorUser = await findUserByEmail(db, directorEmail);
  if (!directorUser) throw new Error(`demo account ${directorEmail} missing`);
  const director: Actor = { ...actingAs(directorUser.id, ccasId, 'admin') };
  const [loanProgramme] = await db
    .select()
    .from(programmes)
    .where(
      and(
        eq(programmes.ownerOrganisationId, ccasId),
        like(programmes.name, 'Prêt solidaire aux associations%'),
      ),
    );
  if (!loanProgramme) throw new Error('demo: the associations’ loan programme is missing');

  // The department's recycling workshop stocks the portal.
  const workshop = await createOrganisation(db, actor, {
    name: 'Recyclerie numérique du Loiret',
    kinds: ['refurbisher'],
    postcode: '45000',
    city: 'Orléans',
  });
  const current = await getProgramme(db, director, loanProgramme.id);
  await updateProgramme(db, director, loanProgramme.id, {
    partners: [
      ...current.partners.map((p) => ({ organisationId: p.organisationId, role: p.role })),
      { organisationId: workshop.id, role: 'refurbisher' },
    ],
  });
  const ready: string[] = [];
  for (const [i, model] of ['Latitude 5490', 'Latitude 5490', 'ThinkPad T480', 'ThinkPad T480'].entries()) {
    const serialNumber = `RNL-${2400 + i}`;
    ready.push(
      await readyLaptop(db, actor, {
        organisationId: workshop.id,
        brand: model.startsWith('Latitude') ? 'Dell' : 'Lenovo',
        model,
        serialNumber,
        operatorName: 'Yann Le Goff',
      }),
    );
  }

  await putPortalSettings(
    db,
    director,
    loanProgramme.id,
    {
      open: true,
      maxDevicesPerYear: 5,
      maxOpenOrders: 3,
      intro:
        'Associations du Loiret qui accompagnent des habitants éloignés du numérique : empruntez des ordinateurs pour un an, entretien compris.',
    },
    publicUrl,
  );

  // Three registrations, each through the public form and its confirmation link.
  const registrations = [
    form(VERIFIED),
    form({
      name: 'Club informatique des Aînés de Briare',
      rna: 'W452001122',
      contactName: 'Robert Lefèvre',
      contactEmail: 'club.aines@briare.example',
      postcode: '45250',
      city: 'Briare',
      activity:
        'Un club où des retraités bénévoles apprennent l’ordinateur à d’autres retraités, deux après-midi par semaine.',
      peopleServed: 45,
    }),
    form({
      name: 'Association Sportive Loiret Sud',
      rna: 'W452007788',
      contactName: 'Marc Dupuis',
      contactEmail: 'bureau@as-loiret-sud.example',
      postcode: '45600',
      city: 'Sully-sur-Loire',
      activity: 'Club de football amateur : entraînements et matchs pour les jeunes du canton.',
      peopleServed: 200,
    }),
  ];
  // The verified association's president already has her account (she logs in with the demo password).
  const president = await insertUser(db, actor, {
    email: VERIFIED.contactEmail,
    name: VERIFIED.contactName,
    password: DEMO_PASSWORD,
  });
  for (const input of registrations) {
    await registerAssociation(db, loanProgramme.id, input, { locale: 'fr', publicUrl });
    await confirmRegistration(db, await confirmationToken(db, input.contactEmail), { publicUrl });
  }
  const idOf = async (email: string) => {
    const [row] = await db
      .select({ id: associationRegistrations.id })
      .from(associationRegistrations)
      .where(eq(associationRegistrations.contactEmail, email));
    return row?.id as string;
  };
  const approved = await approveRegistration(db, director, await idOf(VERIFIED.contactEmail), publicUrl);
  await refuseRegistration(
    db,
    director,
    await idOf('bureau@as-loiret-sud.example'),
    'Le programme prête des ordinateurs aux associations d’accompagnement au numérique ; l’activité du club n’en relève pas.',
  );

  // Its three orders: handed over, approved, just sent.
  const association = actingAs(president.id, approved.organisationId as string, 'admin');
  const line = (quantity: number) => ({ lines: [{ deviceType: 'laptop' as const, quantity }] });
  const first = await createOrder(
    db,
    association,
    loanProgramme.id,
    { ...line(1), note: 'Pour la permanence du mercredi.' },
    publicUrl,
  );
  await approveOrder(db, director, first.id, publicUrl);
  // The recycling workshop's machine (the town workshop's ready ones stay for the town's own people).
  await prepareOrder(db, director, first.id, ready.slice(0, 1), publicUrl);
  await handOverOrder(db, director, first.id, undefined, publicUrl);
  const second = await createOrder(
    db,
    association,
    loanProgramme.id,
    { ...line(1), note: 'Un poste de plus pour l’atelier des familles.' },
    publicUrl,
  );
  await approveOrder(db, director, second.id, publicUrl);
  await createOrder(db, association, loanProgramme.id, line(1), publicUrl);

  return {
    email: VERIFIED.contactEmail,
    password: DEMO_PASSWORD,
    name: VERIFIED.contactName,
    role: 'admin',
    organisationName: VERIFIED.name,
  };
}
