/**
 * The association portal end to end, in a real browser against a real server (no SMTP_URL: the e-mails
 * wait in the outbox, where the test reads the links). Set up through the API: a loan programme run by a
 * social action centre with a refurbisher partner and three ready laptops. In the browser: the centre's
 * manager opens the portal from the programme's page « Associations » and copies the public page's
 * address; a visitor registers an association there (the form's own errors first), follows the
 * confirmation link (twice: the same answer) while an unknown link says so; the manager approves the
 * registration; the association's contact accepts the invitation, finds « Portail » in the navigation, sees
 * the catalogue and its limits and orders two laptops (confirmed in a dialog); the manager approves,
 * prepares and hands the order over; the association sees its laptops with their due days and reports a
 * problem with one; it then orders the last laptop and cancels that order with a reason (required). A
 * second association, registered and confirmed through the API, is refused with a reason. Every page and
 * dialog is checked with axe-core.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, setUpSaleProgramme, YEAR } from './sale-programme.ts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  checkA11y,
  launchBrowser,
  newPage,
  startServer,
  type TestServer,
} from './support.ts';

const CCAS = 'CCAS de Montargis (e2e)';
const REFURBISHER = 'Atelier du Réemploi (e2e)';
const FUNDER = 'Département du Loiret (e2e)';
const PASSWORD = 'une phrase de passe assez longue';
const MANAGER = 'claire.responsable@ccas-montargis.example';
const SOCIAL_WORKER = 'paul.travailleur@ccas-montargis.example';
const TECHNICIAN = 'ines.technicienne@reemploi.example';
const PROGRAMME = `Prêts aux associations ${YEAR} (e2e)`;
const ASSOCIATION = 'Les Amis du Numérique (e2e)';
const CONTACT = 'Nadia Haddad';
const CONTACT_EMAIL = 'nadia.haddad@amis-numerique.example';
const CONTACT_PASSWORD = 'un mot de passe pour le portail';

let server: TestServer;
let browser: Browser;
let programmeId = '';
let tags: string[] = [];
let publicUrl = '';
let orderNumber = '';
let orderUrl = '';

/** The text of the newest e-mail of a template to an address (the outbox, read as the administrator). */
async function mailText(template: string, to: string): Promise<string> {
  const { logInApi, api } = apiOf(server);
  const admin = await logInApi(ADMIN_EMAIL, ADMIN_PASSWORD);
  let found: { id: string } | undefined;
  await expect
    .poll(
      async () => {
        const page = await api<{ items: { id: string; template: string; toAddress: string }[] }>(
          admin,
          'GET',
          '/outbox?limit=100',
        );
        found = page.items.find((mail) => mail.template === template && mail.toAddress === to);
        return Boolean(found);
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  const mail = await api<{ textBody: string }>(admin, 'GET', `/outbox/${found?.id}`);
  return mail.textBody;
}

/** A pattern matching the text as written (names hold brackets). */
function literally(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${server.baseUrl}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const setUp = await setUpSaleProgramme(server, {
    ccas: { name: CCAS, postcode: '45200', city: 'Montargis' },
    refurbisher: REFURBISHER,
    funder: FUNDER,
    programme: PROGRAMME,
    password: PASSWORD,
    manager: [MANAGER, 'Claire Responsable'],
    socialWorker: [SOCIAL_WORKER, 'Paul Travailleur'],
    technician: [TECHNICIAN, 'Inès Technicienne'],
    laptops: [
      { brand: 'Dell', model: 'Latitude 5490' },
      { brand: 'HP', model: 'EliteBook 840' },
      { brand: 'Lenovo', model: 'ThinkPad T480' },
    ],
    people: [],
    programmeOverrides: { mode: 'loan', unitPriceCents: null, subsidies: [], loanMonths: 12 },
  });
  programmeId = setUp.programmeId;
  tags = setUp.assetTags;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the association portal, from registration to a problem reported', () => {
  let ownerContext: BrowserContext;
  let owner: Page;
  let associationContext: BrowserContext;
  let association: Page;

  beforeAll(async () => {
    ({ context: ownerContext, page: owner } = await newPage(browser));
    await logIn(owner, MANAGER, PASSWORD);
    ({ context: associationContext, page: association } = await newPage(browser));
  });

  afterAll(async () => {
    await ownerContext?.close();
    await associationContext?.close();
  });

  it('lets the owner open the portal and copy the public page’s address', async () => {
    await owner.goto(`${server.baseUrl}/programmes/${programmeId}`);
    await owner.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    await owner.getByRole('link', { name: 'Associations', exact: true }).click();
    await owner.getByRole('heading', { level: 1, name: `Associations — ${PROGRAMME}` }).waitFor();
    await owner.getByText(/La page d’inscription est fermée/).waitFor();
    await owner.getByText('Aucune inscription à vérifier.').waitFor();
    await owner.getByText('Aucune commande pour le moment.').waitFor();
    await checkA11y(owner, 'portal settings, closed');

    await owner.getByText('Accepter les inscriptions et les commandes des associations').click();
    await owner.getByLabel(/^Appareils par association et par an/).fill('5');
    await owner.getByLabel(/^Commandes en cours par association/).fill('3');
    await owner.getByLabel(/^Texte de la page d’inscription/).fill('Réservé aux associations du Montargois.');
    await owner.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await owner.getByText('Réglages du portail enregistrés.').waitFor();
    // The form is drawn anew: the focus goes to the confirmation, not to the page's top.
    await expect
      .poll(() => owner.evaluate(() => document.activeElement?.textContent ?? ''))
      .toBe('Réglages du portail enregistrés.');
    await owner.getByText('La page d’inscription est ouverte.').waitFor();
    publicUrl = await owner.getByLabel('Adresse de la page d’inscription').inputValue();
    expect(publicUrl).toBe(`${server.baseUrl}/associations/inscription/${programmeId}`);
    await checkA11y(owner, 'portal settings, open');
  });

  it('lets a visitor register an association, then confirm the e-mail address', async () => {
    const visitor = await newPage(browser);
    try {
      const page = visitor.page;
      await page.goto(publicUrl);
      await page.getByRole('heading', { level: 1, name: 'Inscrire votre association' }).waitFor();
      await page.getByText(`Programme « ${PROGRAMME} », proposé par ${CCAS}.`).waitFor();
      await page.getByText('Réservé aux associations du Montargois.').waitFor();
      // The honeypot is out of the accessibility tree.
      expect(await page.getByRole('textbox', { name: /Site web/ }).count()).toBe(0);
      // …and out of the tab order: tabbing from the first field to the submit button never lands on it.
      await page.getByLabel(/^Nom de l’association/).focus();
      const reached: string[] = [];
      for (let step = 0; step < 40; step += 1) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const element = document.activeElement as HTMLElement | null;
          return { id: element?.id ?? '', text: element?.textContent ?? '' };
        });
        reached.push(focused.id);
        if (focused.text.includes('Envoyer l’inscription')) break;
      }
      expect(reached.at(-1)).not.toBe('portal-website');
      expect(reached).toContain('portal-contact-phone');
      expect(reached).not.toContain('portal-website');
      await checkA11y(page, 'public registration page');

      await page.getByRole('button', { name: 'Envoyer l’inscription' }).click();
      await expect.poll(() => page.getByText('Ce champ est obligatoire.').count()).toBeGreaterThan(3);
      await page.getByLabel(/^Nom de l’association/).fill(ASSOCIATION);
      await page.getByLabel(/^Numéro RNA/).fill('W12345');
      await page.getByLabel(/^Adresse$|^Adresse \(/).fill('12 rue des Tilleuls');
      await page.getByLabel(/^Code postal/).fill('45200');
      await page.getByLabel(/^Commune/).fill('Montargis');
      await page
        .getByLabel(/^Ce que fait votre association/)
        .fill('Ateliers numériques pour les familles et aide aux démarches en ligne.');
      // Written as people write numbers in French, with a space.
      await page.getByLabel(/^Nombre de personnes accompagnées/).fill('1 200');
      await page.getByLabel(/^Nom et prénom/).fill(CONTACT);
      await page.getByLabel(/^Adresse e-mail/).fill(CONTACT_EMAIL);
      await page.getByRole('button', { name: 'Envoyer l’inscription' }).click();
      await page
        .getByText(/Le numéro RNA commence par W/)
        .first()
        .waitFor();
      await checkA11y(page, 'public registration with errors');
      await page.getByLabel(/^Numéro RNA/).fill('W451002345');
      await page.getByRole('button', { name: 'Envoyer l’inscription' }).click();
      await page.getByRole('heading', { name: 'Vérifiez votre messagerie' }).waitFor();
      await page.getByText(new RegExp(`envoyé à ${literally(CONTACT_EMAIL)}`)).waitFor();
      await checkA11y(page, 'registration sent');

      const text = await mailText('portal_confirm', CONTACT_EMAIL);
      const link = text.match(/https?:\/\/\S+\/associations\/confirmer\/[0-9a-f]{40}/)?.[0] ?? '';
      expect(link).not.toBe('');
      await page.goto(link);
      await page.getByRole('heading', { level: 1, name: 'Adresse confirmée, merci' }).waitFor();
      await page.getByText(new RegExp(`${literally(CCAS)} va la vérifier`)).waitFor();
      await checkA11y(page, 'registration confirmed');
      // Followed again: the same answer.
      await page.goto(link);
      await page.getByRole('heading', { level: 1, name: 'Adresse confirmée, merci' }).waitFor();
      await page.goto(`${server.baseUrl}/associations/confirmer/${'0'.repeat(40)}`);
      await page.getByRole('heading', { level: 1, name: 'Lien inconnu' }).waitFor();
      await checkA11y(page, 'unknown confirmation link');
    } finally {
      await visitor.context.close();
    }
  });

  it('lets the owner approve the registration', async () => {
    await owner.reload();
    const card = owner
      .getByRole('listitem')
      .filter({ has: owner.getByRole('heading', { name: ASSOCIATION }) });
    await card.getByText('W451002345').waitFor();
    await card.getByText('12 rue des Tilleuls, 45200 Montargis').waitFor();
    // The number sent without its space, shown back formatted for French.
    await card.getByText(/^1\s200$/).waitFor();
    await checkA11y(owner, 'a registration to verify');
    await card.getByRole('button', { name: `Accepter ${ASSOCIATION}` }).click();
    const dialog = owner.getByRole('alertdialog', { name: `Accepter ${ASSOCIATION} ?` });
    await dialog.getByText(new RegExp(literally(CONTACT_EMAIL))).waitFor();
    await checkA11y(owner, 'approve registration dialog');
    await dialog.getByRole('button', { name: 'Accepter' }).click();
    await dialog.waitFor({ state: 'detached' });
    await owner
      .getByText(`${ASSOCIATION} est acceptée. Une invitation a été envoyée à ${CONTACT_EMAIL}.`)
      .waitFor();
    await checkA11y(owner, 'registration approved');
    // The confirmation link, opened again after the decision, says it was accepted.
    const confirm = await mailText('portal_confirm', CONTACT_EMAIL);
    const link = confirm.match(/https?:\/\/\S+\/associations\/confirmer\/[0-9a-f]{40}/)?.[0] ?? '';
    await association.goto(link);
    await association.getByRole('heading', { level: 1, name: 'Inscription acceptée' }).waitFor();
    await association.getByText(/Cherchez l’e-mail d’invitation/).waitFor();
    await checkA11y(association, 'confirmation link after approval');
  });

  it('lets the association accept the invitation, see the catalogue and order', async () => {
    const text = await mailText('portal_approved', CONTACT_EMAIL);
    const link = text.match(/https?:\/\/\S+\/invitation\/[A-Za-z0-9_-]+/)?.[0] ?? '';
    expect(link).not.toBe('');
    await association.goto(link);
    await association.getByRole('heading', { level: 1, name: new RegExp(literally(ASSOCIATION)) }).waitFor();
    await association.getByLabel(/^Mot de passe/).fill(CONTACT_PASSWORD);
    await association.getByLabel(/^Confirmer le mot de passe/).fill(CONTACT_PASSWORD);
    await association.getByRole('button', { name: 'Activer mon compte' }).click();
    await association.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
    // The home page shows the way to the portal on the association's card too.
    await association
      .getByRole('link', {
        name: 'Commander des ordinateurs et suivre vos commandes (portail des associations)',
      })
      .waitFor();

    await association
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Portail' })
      .click();
    await association.getByRole('heading', { level: 1, name: 'Portail des associations' }).waitFor();
    const space = association.getByRole('region', { name: `Programme « ${PROGRAMME} »` });
    const catalogue = space.getByRole('table', { name: `Appareils disponibles pour ${PROGRAMME}` });
    await catalogue.getByRole('row', { name: /Ordinateur portable.*3/ }).waitFor();
    await space.getByText('0 appareil commandé cette année sur 5 possibles.').waitFor();
    await space.getByText('0 commande en cours sur 3 possibles.').waitFor();
    await space.getByText('Aucune commande pour le moment.').waitFor();
    await checkA11y(association, 'association portal, empty');

    // Adding a line puts the focus on its type; removing it, back on the line before.
    await space.getByRole('button', { name: 'Ajouter une ligne' }).click();
    await expect
      .poll(() =>
        association.evaluate(
          () => document.activeElement?.closest('fieldset')?.querySelector('legend')?.textContent,
        ),
      )
      .toBe('Ligne 2');
    expect(await association.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    await space.getByRole('button', { name: 'Retirer la ligne 2' }).click();
    await expect
      .poll(() =>
        association.evaluate(
          () => document.activeElement?.closest('fieldset')?.querySelector('legend')?.textContent,
        ),
      )
      .toBe('Ligne 1');
    expect(await association.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');

    // More than the catalogue holds: the server refuses, the line keeps what was typed and says why.
    const quantity = space.getByLabel(/^Quantité/);
    await quantity.fill('4');
    await space.getByLabel(/^Message pour le programme/).fill('Pour l’atelier du mardi.');
    await space.getByRole('button', { name: 'Vérifier et envoyer' }).click();
    const tooMany = association.getByRole('dialog', { name: 'Envoyer cette commande ?' });
    await tooMany.getByText('4 × Ordinateur portable').waitFor();
    await tooMany.getByRole('button', { name: 'Envoyer la commande' }).click();
    await tooMany.waitFor({ state: 'detached' });
    const refusal = '4 × ordinateur portable (tout grade) demandé(s), 3 disponible(s) au catalogue';
    await space.getByRole('alert').waitFor();
    await space.getByRole('alert').getByText(refusal).waitFor();
    await space.locator('.field-error').getByText(refusal).waitFor();
    expect(await quantity.inputValue()).toBe('4');
    expect(await quantity.getAttribute('aria-invalid')).toBe('true');
    expect(await space.getByLabel(/^Message pour le programme/).inputValue()).toBe(
      'Pour l’atelier du mardi.',
    );
    await space.getByText('0 commande en cours sur 3 possibles.').waitFor();
    await checkA11y(association, 'order refused by the server');

    await quantity.fill('2');
    await space.getByRole('button', { name: 'Vérifier et envoyer' }).click();
    const dialog = association.getByRole('dialog', { name: 'Envoyer cette commande ?' });
    await dialog.getByText('2 × Ordinateur portable').waitFor();
    await dialog.getByText('2 appareils en tout.').waitFor();
    await checkA11y(association, 'order confirmation dialog');
    await dialog.getByRole('button', { name: 'Envoyer la commande' }).click();
    await dialog.waitFor({ state: 'detached' });
    const sent = space.getByText(new RegExp(`^Commande C-${YEAR}-\\d{4} envoyée\\.$`));
    await sent.waitFor();
    orderNumber = ((await sent.textContent()) ?? '').match(/C-\d{4}-\d{4}/)?.[0] ?? '';
    const row = space.getByRole('row', { name: new RegExp(orderNumber) });
    await row.getByText('Envoyée').waitFor();
    await space.getByText('1 commande en cours sur 3 possibles.').waitFor();
    await checkA11y(association, 'association portal with an order');
  });

  it('lets the owner approve, prepare and hand the order over', async () => {
    await owner.reload();
    const orders = owner.getByRole('region', { name: 'Commandes des associations' });
    await orders
      .getByRole('row', { name: new RegExp(`${orderNumber}.*${literally(ASSOCIATION)}`) })
      .waitFor();
    await orders.getByRole('link', { name: orderNumber }).click();
    await owner.getByRole('heading', { level: 1, name: `Commande ${orderNumber}` }).waitFor();
    orderUrl = owner.url();
    await owner
      .getByRole('region', { name: 'Appareils demandés' })
      .getByText('Pour l’atelier du mardi.')
      .waitFor();
    await owner.getByText('Aucun appareil n’est encore préparé pour cette commande.').waitFor();
    await checkA11y(owner, 'order submitted, owner');

    for (const [button, title, notice] of [
      ['Accepter', `Accepter la commande ${orderNumber} ?`, 'Commande acceptée.'],
      [
        'Préparer les appareils',
        `Préparer la commande ${orderNumber} ?`,
        'Appareils réservés pour la commande.',
      ],
      ['Remettre les appareils', `Remettre la commande ${orderNumber} ?`, 'Commande remise.'],
    ] as const) {
      await owner.getByRole('button', { name: button, exact: true }).click();
      const dialog = owner.getByRole('alertdialog', { name: title });
      await dialog.waitFor();
      await checkA11y(owner, `${button} dialog`);
      await dialog.getByRole('button', { name: button, exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await owner.getByText(notice).waitFor();
    }
    const devices = owner.getByRole('table', { name: `Appareils de la commande ${orderNumber}` });
    for (const tag of tags.slice(0, 2))
      await devices
        .getByRole('row', { name: new RegExp(tag) })
        .getByText('Remis')
        .waitFor();
    const history = owner.getByRole('region', { name: 'Historique' });
    for (const status of ['Envoyée', 'Acceptée', 'Préparée', 'Remise']) {
      await history.getByText(status, { exact: true }).waitFor();
    }
    await checkA11y(owner, 'order handed over, owner');
  });

  it('lets the association see its devices and due days, and report a problem', async () => {
    await association.goto(orderUrl);
    await association.getByRole('heading', { level: 1, name: `Commande ${orderNumber}` }).waitFor();
    const devices = association.getByRole('table', { name: `Appareils de la commande ${orderNumber}` });
    const tag = tags[0] as string;
    const row = devices.getByRole('row', { name: new RegExp(tag) });
    await row.getByText(`${YEAR + 1}`, { exact: false }).waitFor();
    await row.getByText('Aucun', { exact: true }).waitFor();
    await checkA11y(association, 'order handed over, association');

    await row.getByRole('button', { name: `Signaler un problème sur ${tag}` }).click();
    const dialog = association.getByRole('dialog', { name: `Signaler un problème sur ${tag}` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await dialog.getByText('Décrivez le problème.').waitFor();
    await checkA11y(association, 'report a problem dialog');
    await dialog.getByLabel(/^Quel est le problème/).fill('L’écran reste noir au démarrage.');
    await dialog.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await dialog.waitFor({ state: 'detached' });
    await association.getByText(`Problème signalé sur ${tag}. Merci.`).waitFor();
    await row.getByText('1 problème en cours').waitFor();
    await checkA11y(association, 'problem reported');
  });

  it('lets the association cancel an order with a reason', async () => {
    await association
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Portail' })
      .click();
    const space = association.getByRole('region', { name: `Programme « ${PROGRAMME} »` });
    await space.getByRole('row', { name: /Ordinateur portable.*1/ }).waitFor();
    await space.getByRole('button', { name: 'Vérifier et envoyer' }).click();
    const confirm = association.getByRole('dialog', { name: 'Envoyer cette commande ?' });
    await confirm.getByRole('button', { name: 'Envoyer la commande' }).click();
    await confirm.waitFor({ state: 'detached' });
    const sent = space.getByText(new RegExp(`^Commande C-${YEAR}-\\d{4} envoyée\\.$`));
    await sent.waitFor();
    const number = ((await sent.textContent()) ?? '').match(/C-\d{4}-\d{4}/)?.[0] ?? '';
    expect(number).not.toBe(orderNumber);
    await space.getByRole('link', { name: number }).click();
    await association.getByRole('heading', { level: 1, name: `Commande ${number}` }).waitFor();
    await association.getByRole('button', { name: 'Annuler la commande' }).click();
    const dialog = association.getByRole('dialog', { name: `Annuler la commande ${number}` });
    await dialog.getByRole('button', { name: 'Annuler la commande' }).click();
    await dialog.getByText('Écrivez le motif.').waitFor();
    await checkA11y(association, 'cancel order dialog');
    await dialog.getByLabel(/^Motif/).fill('Nous avons reçu un don entre-temps.');
    await dialog.getByRole('button', { name: 'Annuler la commande' }).click();
    await dialog.waitFor({ state: 'detached' });
    await association.getByText('Commande annulée.').waitFor();
    await association.getByText('Nous avons reçu un don entre-temps.').first().waitFor();
    await association
      .getByRole('region', { name: 'Historique' })
      .getByText('Annulée', { exact: true })
      .waitFor();
    await checkA11y(association, 'order cancelled');
  });

  it('lets the owner refuse a registration with a reason', async () => {
    const other = 'Club Informatique Solidaire (e2e)';
    const email = 'contact@club-solidaire.example';
    const reply = await fetch(
      `${server.baseUrl}/api/v1/public/portal/programmes/${programmeId}/registrations`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: other,
          rna: 'W451002346',
          address: '3 place du Marché',
          postcode: '45200',
          city: 'Montargis',
          activity: 'Un club de bénévoles qui dépanne les ordinateurs du quartier.',
          peopleServed: 40,
          contactName: 'Marc Petit',
          contactEmail: email,
          website: '',
        }),
      },
    );
    expect(reply.status).toBe(202);
    const token = (await mailText('portal_confirm', email)).match(/confirmer\/([0-9a-f]{40})/)?.[1] ?? '';
    const confirmed = await fetch(`${server.baseUrl}/api/v1/public/portal/confirmations/${token}`, {
      method: 'POST',
    });
    expect(confirmed.status).toBe(200);

    await owner.goto(`${server.baseUrl}/programmes/${programmeId}/associations`);
    const card = owner.getByRole('listitem').filter({ has: owner.getByRole('heading', { name: other }) });
    await card.getByRole('button', { name: `Refuser ${other}` }).click();
    const dialog = owner.getByRole('dialog', { name: `Refuser l’inscription de ${other}` });
    await dialog.waitFor();
    await checkA11y(owner, 'refuse registration dialog');
    await dialog.getByLabel(/^Motif/).fill('Votre association est hors du territoire du programme.');
    await dialog.getByRole('button', { name: 'Refuser' }).click();
    await dialog.waitFor({ state: 'detached' });
    await owner.getByText(`L’inscription de ${other} est refusée.`).waitFor();
    await owner.getByRole('region', { name: 'Inscriptions' }).getByLabel('Statut').selectOption('refused');
    await owner.getByText('Votre association est hors du territoire du programme.').waitFor();
    await checkA11y(owner, 'refused registrations');
  });
});
