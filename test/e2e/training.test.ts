/**
 * Training in a real browser against a real server. Set up through the API: a sale programme that
 * requires training, run by a social action centre, with a ready laptop and two people referred to it
 * (eligible). In the browser the centre's manager finds « Ateliers » in the navigation (empty, saying what
 * to do), creates a workshop for the programme, plans its sessions from a weekly recurrence — previewed,
 * then confirmed — on past days so that attendance can be taken, enrols both people, takes attendance on
 * the check-in page (one person each time), sees one person's training completed and the other's not,
 * records her entry and exit assessments and sees them side by side on her page, then allocates her the
 * laptop from the programme's waiting list while the other person is still refused. The move and cancel
 * dialogs of a session ask first; the competence grid opens with the Pix areas and saves; a workshop
 * without a programme enrols the other person found by a search of the name, and her page lists both
 * workshops with the sessions attended. Last, an
 * anonymous activity is recorded and counted. Every page and dialog on the way is checked with axe-core.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpSaleProgramme, YEAR } from './sale-programme.ts';
import { checkA11y, launchBrowser, newPage, startServer, type TestServer } from './support.ts';

const CCAS = 'CCAS de Briare (e2e)';
const PASSWORD = 'une phrase de passe assez longue';
const MANAGER = 'lea.responsable@ccas-briare.example';
const PROGRAMME = `Ordinateurs et formation ${YEAR} (e2e)`;
const WORKSHOP = 'Premiers pas sur l’ordinateur';
const COMPLETED = 'Nora Petit';
const IN_PROGRESS = 'Ali Benali';
const OPEN_WORKSHOP = 'Café numérique ouvert à tous';

let server: TestServer;
let browser: Browser;
let programmeId = '';
let assetTag = '';
let completedId = '';
let inProgressId = '';

/** A day `days` before today (browser and test share the machine's clock), `YYYY-MM-DD`. */
function daysAgo(days: number): Date {
  const date = new Date();
  date.setHours(12, 0, 0, 0);
  date.setDate(date.getDate() - days);
  return date;
}

function dayText(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const setUp = await setUpSaleProgramme(server, {
    ccas: { name: CCAS, postcode: '45250', city: 'Briare' },
    refurbisher: 'Atelier du Réemploi de Briare (e2e)',
    funder: 'Conseil départemental (e2e)',
    programme: PROGRAMME,
    password: PASSWORD,
    manager: [MANAGER, 'Léa Responsable'],
    socialWorker: ['hugo.travailleur@ccas-briare.example', 'Hugo Travailleur'],
    technician: ['ines.technicienne@reemploi-briare.example', 'Inès Technicienne'],
    laptops: [{ brand: 'Lenovo', model: 'ThinkPad T480' }],
    people: [
      { firstName: 'Nora', lastName: 'Petit' },
      { firstName: 'Ali', lastName: 'Benali' },
    ],
    programmeOverrides: { trainingRequired: true },
  });
  programmeId = setUp.programmeId;
  assetTag = setUp.assetTags[0] as string;
  completedId = setUp.beneficiaryIds[0] as string;
  inProgressId = setUp.beneficiaryIds[1] as string;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a trainer runs a workshop up to the device', () => {
  let context: BrowserContext;
  let page: Page;
  let workshopPath = '';

  beforeAll(async () => {
    ({ context, page } = await newPage(browser));
    await page.goto(`${server.baseUrl}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(MANAGER);
    await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('finds the workshops in the navigation, none yet, with what to do', async () => {
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Ateliers' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Ateliers' }).waitFor();
    await page.getByText('Aucun atelier pour le moment.').waitFor();
    await page.getByText('Créez-en un avec « Nouvel atelier », puis planifiez ses séances.').waitFor();
    await checkA11y(page, 'workshops, empty');
  });

  it('creates a workshop for the programme', async () => {
    await page.getByRole('link', { name: 'Nouvel atelier' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvel atelier' }).waitFor();
    await checkA11y(page, 'new workshop form');
    // The title is missing: said next to the field.
    await page.getByRole('button', { name: 'Créer l’atelier' }).click();
    await page.getByText('Ce champ est obligatoire.').first().waitFor();
    await page.getByLabel(/^Titre/).fill(WORKSHOP);
    await page.getByLabel(/^Programme/).selectOption({ label: PROGRAMME });
    await page.getByLabel(/^Format/).selectOption({ label: 'Intensif' });
    await page.getByLabel(/^Lieu/).fill('Salle des associations, Briare');
    await page.getByLabel(/^Nombre de places/).fill('12');
    await page.getByRole('button', { name: 'Créer l’atelier' }).click();
    await page.getByRole('heading', { level: 1, name: WORKSHOP }).waitFor();
    await page.getByText(`L’atelier « ${WORKSHOP} » est créé. Planifiez maintenant ses séances.`).waitFor();
    workshopPath = new URL(page.url()).pathname;
    await page.getByText('Aucune séance prévue. Planifiez-les').waitFor();
    await checkA11y(page, 'new workshop');
  });

  it('plans its sessions from a weekly recurrence, previewed first', async () => {
    const first = daysAgo(14);
    const weekday = new Intl.DateTimeFormat('fr-FR', { weekday: 'long' }).format(first);
    await page.getByRole('button', { name: 'Planifier des séances' }).click();
    const dialog = page.getByRole('dialog', { name: `Planifier les séances de « ${WORKSHOP} »` });
    await dialog.waitFor();
    await checkA11y(page, 'recurrence dialog');
    // No day ticked: said first.
    await dialog.getByRole('button', { name: 'Voir les séances' }).click();
    await dialog.getByText('Cochez au moins un jour.').waitFor();
    await dialog.getByLabel(weekday, { exact: true }).check();
    await dialog.getByLabel(/^Début/).fill('09:00');
    await dialog.getByLabel(/^Fin/).fill('12:00');
    await dialog.getByLabel(/^À partir du/).fill(dayText(first));
    await dialog.getByLabel(/^Nombre de semaines/).fill('2');
    await dialog.getByRole('button', { name: 'Voir les séances' }).click();
    // Two weeks of one weekday: two sessions, unless a public holiday falls on one (then shown skipped).
    await dialog.getByText(/séances? sera|séances seront/).waitFor();
    const skipped = await dialog.getByText(/jours? fériés? (est|sont) sautés?/).count();
    const count = 2 - (skipped > 0 ? 1 : 0);
    await checkA11y(page, 'recurrence preview');
    await dialog
      .getByRole('button', { name: count === 1 ? 'Créer la séance' : `Créer les ${count} séances` })
      .click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(count === 1 ? '1 séance est créée.' : `${count} séances sont créées.`).waitFor();
    const sessions = page.getByRole('region', { name: 'Séances de l’atelier' });
    await expect
      .poll(() => sessions.getByRole('link', { name: /^Feuille d’émargement du/ }).count())
      .toBe(count);
    await checkA11y(page, 'workshop with sessions');
  });

  it('enrols the two people referred to the programme', async () => {
    for (const name of [COMPLETED, IN_PROGRESS]) {
      await page.getByRole('radio', { name }).check();
      await page.getByRole('button', { name: 'Inscrire', exact: true }).click();
      await page.getByText(`${name} est inscrite.`).waitFor();
    }
    const roster = page.getByRole('region', { name: /Personnes inscrites, leurs présences/ });
    await roster
      .getByRole('row', { name: new RegExp(COMPLETED) })
      .getByText('En formation')
      .waitFor();
    await roster
      .getByRole('row', { name: new RegExp(IN_PROGRESS) })
      .getByText('En cours')
      .waitFor();
    await page.getByText('Toutes les personnes orientées vers ce programme sont déjà inscrites.').waitFor();
    await checkA11y(page, 'workshop with its roster');
  });

  it('takes attendance on the check-in page, session by session', async () => {
    const links = page.getByRole('link', { name: /^Noter les présences du/ });
    const count = await links.count();
    expect(count).toBeGreaterThan(0);
    for (let index = 0; index < count; index++) {
      await page.goto(`${server.baseUrl}${workshopPath}`);
      await page
        .getByRole('link', { name: /^Noter les présences du/ })
        .nth(index)
        .click();
      await page.getByRole('heading', { level: 1, name: `Présences — ${WORKSHOP}` }).waitFor();
      await page.getByText('Les présences de cette séance ne sont pas encore enregistrées.').waitFor();
      if (index === 0) await checkA11y(page, 'check-in page');
      // Everyone, then Ali back to absent: one toggle each, pressed = present.
      await page.getByRole('button', { name: 'Tous présents' }).click();
      const ali = page.getByRole('button', { name: new RegExp(IN_PROGRESS) });
      expect(await ali.getAttribute('aria-pressed')).toBe('true');
      await ali.focus();
      await page.keyboard.press('Space');
      expect(await ali.getAttribute('aria-pressed')).toBe('false');
      expect(
        await page.getByRole('button', { name: new RegExp(COMPLETED) }).getAttribute('aria-pressed'),
      ).toBe('true');
      await page.getByText('1 présent sur 2').waitFor();
      if (index === 0) {
        // No connection: the ticks are kept and sent as soon as the browser is back online.
        await context.setOffline(true);
        await page.getByRole('button', { name: 'Enregistrer les présences' }).click();
        await page.getByText(/^Pas de connexion : les présences sont gardées sur cet appareil/).waitFor();
        await context.setOffline(false);
      } else {
        await page.getByRole('button', { name: 'Enregistrer les présences' }).click();
      }
      await page.getByText('Présences enregistrées : 1 sur 2.').waitFor();
      if (index === 0) await checkA11y(page, 'check-in page, saved');
    }
    await page.getByRole('button', { name: 'Terminer' }).click();
    await page.getByRole('heading', { level: 1, name: WORKSHOP }).waitFor();
    const roster = page.getByRole('region', { name: /Personnes inscrites, leurs présences/ });
    const done = roster.getByRole('row', { name: new RegExp(COMPLETED) });
    await done.getByText('Validée').waitFor();
    await done.getByText('Formé·e').waitFor();
    await done.getByText(count === 1 ? '1 séance sur 1' : `${count} séances sur ${count}`).waitFor();
    await roster
      .getByRole('row', { name: new RegExp(IN_PROGRESS) })
      .getByText('En cours')
      .waitFor();
    await page.getByText('1 a validé la formation.').waitFor();
    await checkA11y(page, 'workshop after attendance');
  });

  it('asks before moving or cancelling a session, saying who will be told', async () => {
    await page
      .getByRole('button', { name: /^Déplacer la séance du/ })
      .first()
      .click();
    const move = page.getByRole('dialog', { name: /^Déplacer la séance du/ });
    await move
      .getByText('Les personnes inscrites qui ont une adresse e-mail seront prévenues par e-mail.')
      .waitFor();
    await checkA11y(page, 'move session dialog');
    await move.getByRole('button', { name: 'Annuler' }).click();
    await move.waitFor({ state: 'detached' });
    await page
      .getByRole('button', { name: /^Annuler la séance du/ })
      .first()
      .click();
    const cancel = page.getByRole('alertdialog', { name: /^Annuler la séance du/ });
    // No reason: said next to the field, nothing sent.
    await cancel.getByRole('button', { name: 'Annuler la séance' }).click();
    await cancel.getByText('Indiquez le motif.').waitFor();
    await checkA11y(page, 'cancel session dialog');
    await cancel.getByRole('button', { name: 'Garder la séance' }).click();
    await cancel.waitFor({ state: 'detached' });
  });

  it('records the entry and exit assessments, shown side by side on the person’s page', async () => {
    for (const [stage, level] of [
      ['Évaluation d’entrée', 'Niveau 1 sur 3'],
      ['Évaluation de sortie', 'Niveau 3 sur 3'],
    ] as const) {
      await page.getByRole('button', { name: `Évaluer les compétences de ${COMPLETED}` }).click();
      const dialog = page.getByRole('dialog', { name: `Évaluer les compétences de ${COMPLETED}` });
      await dialog.getByLabel('Information et données').waitFor();
      // The stage follows what was done: the exit once the entry is recorded.
      await expect
        .poll(async () =>
          dialog
            .getByLabel(/^Moment/)
            .locator('option:checked')
            .textContent(),
        )
        .toBe(stage);
      if (stage === 'Évaluation d’entrée') await checkA11y(page, 'assessment dialog');
      await dialog.getByLabel('Information et données').selectOption({ label: level });
      if (stage === 'Évaluation de sortie') await dialog.getByText('Autonome', { exact: true }).click();
      await dialog.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page
        .getByText(`L’${stage.slice(0, 1).toLowerCase()}${stage.slice(1)} de ${COMPLETED} est enregistrée.`)
        .waitFor();
    }
    await page.goto(`${server.baseUrl}/beneficiaires/${completedId}`);
    await page.getByRole('heading', { level: 1, name: COMPLETED }).waitFor();
    const training = page.getByRole('region', { name: 'Formation', exact: true });
    const row = training.getByRole('row', { name: /Information et données/ });
    await row.getByText('1 sur 3').waitFor();
    await row.getByText('3 sur 3').waitFor();
    await row.getByText('+2 niveaux').waitFor();
    const workshopRow = training.getByRole('row', { name: new RegExp(WORKSHOP) });
    await workshopRow.getByText('Confirmée').waitFor();
    await workshopRow.getByText('Validée', { exact: true }).waitFor();
    await checkA11y(page, 'person with training');
  });

  it('allocates the laptop to the person who completed the training, not yet to the other', async () => {
    await page.goto(`${server.baseUrl}/programmes/${programmeId}`);
    await page.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    // Still in training: the server refuses, and says why.
    await page.getByRole('button', { name: `Attribuer un appareil à ${IN_PROGRESS}` }).click();
    let dialog = page.getByRole('dialog', { name: `Attribuer un appareil à ${IN_PROGRESS}` });
    await dialog.getByRole('radio', { name: new RegExp(`^${assetTag}`) }).check();
    await dialog.getByRole('button', { name: 'Attribuer cet appareil' }).click();
    await dialog.getByText(/Le programme demande d’avoir suivi la formation/).waitFor();
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Trained: allocated.
    await page.getByRole('button', { name: `Attribuer un appareil à ${COMPLETED}` }).click();
    dialog = page.getByRole('dialog', { name: `Attribuer un appareil à ${COMPLETED}` });
    await dialog.getByRole('radio', { name: new RegExp(`^${assetTag}`) }).check();
    await dialog.getByRole('button', { name: 'Attribuer cet appareil' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`${assetTag} est réservé pour ${COMPLETED}.`).waitFor();
    await checkA11y(page, 'programme after the allocation');
  });

  it('opens the competence grid, the five Pix areas by default, and saves it', async () => {
    await page.goto(`${server.baseUrl}/ateliers`);
    await page.getByRole('heading', { level: 1, name: 'Ateliers' }).waitFor();
    await page.getByRole('link', { name: WORKSHOP }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Prochaines séances' }).waitFor();
    await checkA11y(page, 'workshops with one');
    await page.getByRole('link', { name: 'Grille de compétences' }).click();
    await page.getByRole('heading', { level: 1, name: 'Grille de compétences' }).waitFor();
    await page.getByText('C’est la grille par défaut').waitFor();
    expect(await page.getByLabel(/^Domaine 1/).inputValue()).toBe('Information et données');
    await checkA11y(page, 'competence grid');
    await page.getByLabel(/^Domaine 4/).fill('Sécurité en ligne');
    await page.getByRole('button', { name: 'Enregistrer la grille' }).click();
    await page.getByText('La grille de compétences est enregistrée.').waitFor();
    expect(await page.getByLabel(/^Domaine 4/).inputValue()).toBe('Sécurité en ligne');
  });

  it('enrols someone in a workshop without a programme, found by a search of the name, and lists it on their page', async () => {
    await page.goto(`${server.baseUrl}/ateliers/nouveau`);
    await page.getByRole('heading', { level: 1, name: 'Nouvel atelier' }).waitFor();
    await page.getByLabel(/^Titre/).fill(OPEN_WORKSHOP);
    await page.getByLabel(/^Programme/).selectOption({ label: 'Aucun (atelier ouvert à tous)' });
    await page.getByRole('button', { name: 'Créer l’atelier' }).click();
    await page.getByRole('heading', { level: 1, name: OPEN_WORKSHOP }).waitFor();
    const form = page.getByRole('form', { name: 'Inscrire une personne' });
    await form.getByLabel('Nom de la personne').fill('zzz');
    await form.getByLabel('Nom de la personne').press('Enter');
    await form.getByText('Aucune personne trouvée.').waitFor();
    // Accents and case do not matter; the search runs with Enter or the button.
    await form.getByLabel('Nom de la personne').fill('BENALI');
    await form.getByRole('button', { name: 'Chercher' }).click();
    const radio = form.getByRole('radio', { name: IN_PROGRESS });
    await radio.waitFor();
    expect(await form.getByRole('radio').count()).toBe(1);
    await checkA11y(page, 'enrol search results');
    await radio.focus();
    await page.keyboard.press('Space');
    await form.getByRole('button', { name: 'Inscrire', exact: true }).click();
    await page.getByText(`${IN_PROGRESS} est inscrite.`).waitFor();
    await page
      .getByRole('region', { name: /Personnes inscrites, leurs présences/ })
      .getByRole('row', { name: new RegExp(IN_PROGRESS) })
      .waitFor();
    await checkA11y(page, 'workshop without a programme with its roster');
    // The person's page lists both workshops, with the sessions attended.
    await page.goto(`${server.baseUrl}/beneficiaires/${inProgressId}`);
    await page.getByRole('heading', { level: 1, name: IN_PROGRESS }).waitFor();
    const training = page.getByRole('region', { name: 'Formation', exact: true });
    const open = training.getByRole('row', { name: new RegExp(OPEN_WORKSHOP) });
    await open.getByText('0 séance sur 0').waitFor();
    await open.getByText(/^Confirmée$/).waitFor();
    await open.getByText('Non validée').waitFor();
    await training
      .getByRole('row', { name: new RegExp(WORKSHOP) })
      .getByText(/séances? sur \d/)
      .waitFor();
    await checkA11y(page, 'person with two workshops');
  });

  it('records an anonymous activity and counts it', async () => {
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Activités' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Activités' }).waitFor();
    await page.getByText('Aucune activité notée pour le moment.').waitFor();
    await checkA11y(page, 'activities, empty');
    const form = page.getByRole('form', { name: 'Noter une activité' });
    await form.getByLabel(/^Intitulé/).fill('Café numérique du mardi');
    await form.getByLabel(/^Nombre de personnes/).fill('9');
    await form.getByLabel(/^Durée/).fill('90');
    await form.getByLabel('60 à 69 ans').fill('4');
    await form.getByLabel('70 ans et plus').fill('3');
    await form.getByLabel('Démarches en ligne').check();
    await form.getByLabel('Courriel').check();
    await form.getByLabel(/^Où/).selectOption({ label: 'Hors les murs' });
    await form.getByRole('button', { name: 'Enregistrer l’activité' }).click();
    await page.getByText('Activité enregistrée (9 personnes).').waitFor();
    const totals = page.getByRole('region', { name: 'En tout', exact: true });
    await totals.getByText('1,5 h').waitFor();
    await totals
      .getByRole('row', { name: /Démarches en ligne/ })
      .getByRole('cell', { name: '9' })
      .waitFor();
    await totals
      .getByRole('row', { name: /70 ans et plus/ })
      .getByRole('cell', { name: '3' })
      .waitFor();
    await page.getByRole('row', { name: /Café numérique du mardi/ }).waitFor();
    await checkA11y(page, 'activities with one recorded');
  });
});
