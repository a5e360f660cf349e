/**
 * Programmes, people and referrals in a real browser against a real server. A manager of a social action
 * centre sets up a programme (price, a funder's subsidy and the contribution computed as typed, a family
 * quotient ceiling, the rules tested on made-up facts). A social worker records a person (consent ticked),
 * is warned of a duplicate when typing the same person again with accents and capitals changed, records
 * another person above the ceiling, refers both — "Éligible" for one, "Non éligible" with the sentence
 * about the quotient for the other — and finds the eligible person on the programme's waiting list. After
 * the referral she writes its social evaluation and gives it priority with a reason, from the person's page;
 * the programme's participants list her. A trainer partner of the programme sees the participants' names
 * and no waiting list. A programme run by another organisation needs the person's agreement to share their
 * record with it, given by the referral day; a withdrawal cannot come before the agreement. Every page and
 * dialog on the way is checked with axe-core.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const TOWN = 'Ville de Montargis (e2e)';
const PASSWORD = 'une phrase de passe assez longue';
const SOCIAL_WORKER = 'sophie.travailleuse@ccas.example';
const MANAGER = 'marc.responsable@ccas.example';
const YEAR = new Date().getFullYear();
const PROGRAMME = `Un ordinateur pour tous ${YEAR} (e2e)`;
const WORKSHOPS = 'Ateliers numériques du Gâtinais (e2e)';
const TRAINER = 'tom.formateur@ateliers.example';
const FOUNDATION = 'Fondation Inclusion numérique (e2e)';
const OTHER_PROGRAMME = `Tablettes pour les aînés ${YEAR} (e2e)`;

let server: TestServer;
let browser: Browser;
/** The platform administrator's session, for setting up what the pages do not show. */
let adminCookie = '';
let ccasId = '';
let workshopsId = '';
let foundationId = '';

/** A calendar day in the browser's (and the server's) time zone, `days` from today. */
function dayFrom(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

async function adminApi<T>(cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.baseUrl}/api/v1${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const login = await fetch(`${server.baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  adminCookie = cookie;
  const ccas = await adminApi<{ id: string }>(cookie, 'POST', '/organisations', {
    name: CCAS,
    kinds: ['prescriber'],
    postcode: '45200',
    city: 'Montargis',
  });
  await adminApi(cookie, 'POST', '/organisations', { name: TOWN, kinds: ['funder'] });
  await adminApi(cookie, 'POST', `/organisations/${ccas.id}/members`, {
    email: SOCIAL_WORKER,
    name: 'Sophie Travailleuse',
    role: 'social_worker',
    password: PASSWORD,
  });
  await adminApi(cookie, 'POST', `/organisations/${ccas.id}/members`, {
    email: MANAGER,
    name: 'Marc Responsable',
    role: 'manager',
    password: PASSWORD,
  });
  ccasId = ccas.id;
  const workshops = await adminApi<{ id: string }>(cookie, 'POST', '/organisations', {
    name: WORKSHOPS,
    kinds: ['trainer'],
  });
  workshopsId = workshops.id;
  await adminApi(cookie, 'POST', `/organisations/${workshops.id}/members`, {
    email: TRAINER,
    name: 'Tom Formateur',
    role: 'trainer',
    password: PASSWORD,
  });
  const foundation = await adminApi<{ id: string }>(cookie, 'POST', '/organisations', {
    name: FOUNDATION,
    kinds: ['association'],
  });
  foundationId = foundation.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function logIn(page: Page, email: string): Promise<void> {
  await page.goto(`${server.baseUrl}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
}

describe('the manager sets up a programme', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await newPage(browser));
    await logIn(page, MANAGER);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('finds no programme yet, and opens the form', async () => {
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Programmes' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Programmes' }).waitFor();
    await page.getByText('Aucun programme pour le moment.').waitFor();
    await checkA11y(page, 'programmes (empty)');
    await page.getByRole('link', { name: 'Nouveau programme' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouveau programme' }).waitFor();
    expect(await page.locator('#programme-owner').inputValue()).not.toBe('');
    await page.getByText('Le test des règles sera disponible après l’enregistrement du programme.').waitFor();
    await checkA11y(page, 'new programme');
  });

  it('computes the contribution as the price and the subsidy are typed', async () => {
    await page.getByLabel(/^Nom \(/).fill(PROGRAMME);
    await page.getByLabel('Début').fill(`${YEAR}-01-01`);
    await page.getByLabel(/^Fin \(/).fill(`${YEAR}-12-31`);
    await page.getByLabel('Prix unitaire (€)').fill('130');
    await page.getByText('Sans subvention, le bénéficiaire paie 130 €.').waitFor();
    await page.getByRole('button', { name: 'Ajouter une subvention' }).click();
    const funder = page.getByRole('combobox', { name: /Financeur 1/ });
    await expect.poll(() => funder.evaluate((input) => input === document.activeElement)).toBe(true);
    await funder.fill('Ville');
    await page.getByRole('option', { name: TOWN }).click();
    await page.getByLabel('Montant par appareil du financeur 1 (€)').fill('88');
    await page.getByText(/^130\s€ − 88\s€ = 42\s€ à la charge du bénéficiaire$/).waitFor();
    await page.getByLabel('Plafond du quotient familial (€)').fill('600');
    await page.getByLabel('Codes postaux couverts').fill('45*, 18000');
    await checkA11y(page, 'programme form filled in');
  });

  it('saves the programme, whose page says its settings and rules in words', async () => {
    await page.getByRole('button', { name: 'Créer le programme' }).click();
    await page.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    await page.getByText(`Le programme « ${PROGRAMME} » a été créé.`).waitFor();
    await page.getByText(/130\s€ − 88\s€ = 42\s€ à la charge du bénéficiaire/).waitFor();
    await page.getByText(/^Quotient familial au plus 600\s€\.$/).waitFor();
    await page.getByText('Codes postaux couverts : 45* et 18000.').waitFor();
    await page.getByText('Personne n’attend pour le moment.').waitFor();
    await checkA11y(page, 'programme');
  });

  it('tests the saved rules on made-up facts', async () => {
    await page.getByRole('link', { name: 'Modifier' }).click();
    await page.getByRole('heading', { level: 1, name: `Modifier « ${PROGRAMME} »` }).waitFor();
    const preview = page.getByRole('region', { name: 'Tester ces règles' });
    await preview.getByLabel('Quotient familial (€)').fill('700');
    await preview.getByLabel('Code postal').fill('45200');
    const alert = preview.getByRole('alert');
    await alert.getByText('Non éligible').waitFor();
    await alert
      .getByText(/Le quotient familial \(700\s€\) dépasse le plafond du programme \(600\s€\)/)
      .waitFor();
    await preview.getByLabel('Quotient familial (€)').fill('450');
    await preview.getByRole('status').getByText('Éligible').waitFor();
    await checkA11y(page, 'programme form with the rules tested');
  });
});

describe('the social worker refers people', () => {
  let context: BrowserContext;
  let page: Page;
  let ameliePath = '';

  beforeAll(async () => {
    ({ context, page } = await newPage(browser));
    await logIn(page, SOCIAL_WORKER);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('finds nobody yet', async () => {
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Bénéficiaires' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Bénéficiaires' }).waitFor();
    await page.getByText('Aucun bénéficiaire pour le moment.').waitFor();
    await checkA11y(page, 'beneficiaries (empty)');
  });

  it('records a person, who cannot be saved without their consent', async () => {
    await page.getByRole('link', { name: 'Nouvelle personne' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle personne' }).waitFor();
    await checkA11y(page, 'new person');
    await page.getByLabel('Prénom').fill('Amélie');
    await page.getByLabel(/^Nom \(/).fill('Dupré');
    await page.getByLabel('Année de naissance').fill('1980');
    await page.getByLabel('Code postal').fill('45200');
    await page.getByLabel('Commune').fill('Montargis');
    await page.getByLabel('Situation de revenus').selectOption('rsa');
    await page.getByLabel('Quotient familial (€)').fill('450');
    // The information notice to hand over is a PDF of the referring organisation.
    const notice = page.getByRole('link', { name: /Notice d’information/ });
    expect(await notice.getAttribute('href')).toMatch(/^\/api\/v1\/information-notice\.pdf\?organisationId=/);

    await page.getByRole('button', { name: 'Enregistrer la personne' }).click();
    await page
      .getByRole('alert')
      .getByText(/sans l’accord de la personne/)
      .first()
      .waitFor();

    await page.getByLabel(/La personne a donné son accord/).check();
    await page.getByRole('button', { name: 'Enregistrer la personne' }).click();
    await page.getByRole('heading', { level: 1, name: /Amélie Dupré/ }).waitFor();
    await page.getByText('La fiche « Amélie Dupré » est enregistrée.').waitFor();
    await page.getByText('En vigueur').waitFor();
    ameliePath = new URL(page.url()).pathname;
    expect(ameliePath).toMatch(/^\/beneficiaires\/[0-9a-f-]{36}$/);
    await checkA11y(page, 'person');
  });

  it('is warned of a duplicate when typing the same person with accents and capitals changed', async () => {
    await page.goto(`${server.baseUrl}/beneficiaires/nouveau`);
    await page.getByRole('heading', { level: 1, name: 'Nouvelle personne' }).waitFor();
    await page.getByLabel('Prénom').fill('amelie');
    await page.getByLabel(/^Nom \(/).fill('DUPRE');
    await page.getByLabel('Année de naissance').fill('1980');
    await page.getByLabel('Code postal').fill('45200');
    const warning = page.getByRole('status').filter({ hasText: 'Une fiche existe déjà' });
    await warning.waitFor();
    const link = warning.getByRole('link', {
      name: /Ouvrir la fiche « Amélie Dupré » \(né·e en 1980, 45200 Montargis\)/,
    });
    expect(await link.getAttribute('href')).toBe(ameliePath);
    await checkA11y(page, 'new person with a duplicate warning');

    // Another person: the warning goes, the save is not blocked.
    await page.getByLabel('Prénom').fill('Bernard');
    await page.getByLabel(/^Nom \(/).fill('Martin');
    await page.getByLabel('Année de naissance').fill('1975');
    await warning.waitFor({ state: 'detached' });
    await page.getByLabel('Quotient familial (€)').fill('900');
    await page.getByLabel(/La personne a donné son accord/).check();
    await page.getByRole('button', { name: 'Enregistrer la personne' }).click();
    await page.getByRole('heading', { level: 1, name: /Bernard Martin/ }).waitFor();
  });

  it('refers the person above the quotient ceiling: "Non éligible", with the reason in words', async () => {
    const referrals = page.getByRole('region', { name: 'Orientations', exact: true });
    await referrals.getByText('Aucune orientation pour le moment.').waitFor();
    await referrals.getByRole('combobox', { name: /^Programme/ }).selectOption({ label: PROGRAMME });
    await referrals.getByLabel(/Évaluation sociale/).fill('Foyer suivi par le CCAS depuis 2024.');
    await referrals.getByRole('button', { name: 'Orienter' }).click();
    const alert = referrals.getByRole('alert').filter({ hasText: 'Non éligible' });
    await alert.waitFor();
    await alert
      .getByText(/Le quotient familial \(900\s€\) dépasse le plafond du programme \(600\s€\)\./)
      .waitFor();
    // The referral is kept with its reasons, and its social evaluation.
    const card = referrals
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: PROGRAMME }) });
    await card.getByText('Non éligible', { exact: true }).waitFor();
    await card.getByText('Foyer suivi par le CCAS depuis 2024.').waitFor();
    await checkA11y(page, 'person with an ineligible referral');
  });

  it('asks before taking a person out of a programme', async () => {
    await page.getByRole('button', { name: `Sortir du programme ${PROGRAMME}` }).click();
    const dialog = page.getByRole('alertdialog', { name: `Sortir du programme « ${PROGRAMME} » ?` });
    await dialog.getByLabel(/Raison de la sortie/).waitFor();
    await checkA11y(page, 'exit dialog');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('finds the first person without accents, refers her: "Éligible" at once', async () => {
    await page.goto(`${server.baseUrl}/beneficiaires`);
    const search = page.getByRole('search', { name: 'Chercher un bénéficiaire' });
    await search.getByRole('searchbox').fill('amelie');
    await search.getByRole('searchbox').press('Enter');
    await page.getByText('1 bénéficiaire affiché.').waitFor();
    await checkA11y(page, 'beneficiaries (search)');
    await page.getByRole('link', { name: 'Amélie Dupré' }).click();
    await page.getByRole('heading', { level: 1, name: /Amélie Dupré/ }).waitFor();

    const referrals = page.getByRole('region', { name: 'Orientations', exact: true });
    await referrals.getByRole('combobox', { name: /^Programme/ }).selectOption({ label: PROGRAMME });
    await referrals.getByRole('button', { name: 'Orienter' }).click();
    const status = referrals
      .getByRole('status')
      .filter({ hasText: `Orientation vers « ${PROGRAMME} » enregistrée` });
    await status.getByText('Éligible', { exact: true }).waitFor();
    await status.getByText('La personne est sur la liste d’attente du programme.').waitFor();
    await page.getByRole('region', { name: 'Parcours' }).getByText('Orientation').first().waitFor();
    await checkA11y(page, 'person with an eligible referral');
  });

  it('finds her first on the programme’s waiting list, and not the ineligible person', async () => {
    await page.getByRole('link', { name: PROGRAMME }).first().click();
    await page.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    const waiting = page.getByRole('region', { name: 'Liste d’attente' });
    const row = waiting.getByRole('row', { name: /Amélie Dupré/ });
    await row.waitFor();
    await row.getByText('1er sur 1').waitFor();
    await row.getByText('Éligible').waitFor();
    await row.getByText(CCAS).waitFor();
    expect(await waiting.getByRole('row', { name: /Bernard Martin/ }).count()).toBe(0);
    await page
      .getByRole('region', { name: 'Toutes les orientations' })
      .getByText('2 orientations affichées.')
      .waitFor();
    await checkA11y(page, 'programme with its waiting list');
  });
});

describe('after the referral, on the person’s page', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await newPage(browser));
    await logIn(page, SOCIAL_WORKER);
    await page.goto(`${server.baseUrl}/beneficiaires`);
    const search = page.getByRole('search', { name: 'Chercher un bénéficiaire' });
    await search.getByRole('searchbox').fill('amelie');
    await search.getByRole('searchbox').press('Enter');
    await page.getByText('1 bénéficiaire affiché.').waitFor();
    await page.getByRole('link', { name: 'Amélie Dupré' }).click();
    await page.getByRole('heading', { level: 1, name: /Amélie Dupré/ }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('writes the social evaluation of her referral', async () => {
    const card = page
      .getByRole('region', { name: 'Orientations', exact: true })
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: PROGRAMME }) });
    await card.getByText('Aucune évaluation sociale pour le moment.').waitFor();
    await card
      .getByRole('button', { name: `Ajouter une évaluation sociale à l’orientation vers ${PROGRAMME}` })
      .click();
    const field = card.getByLabel(`Évaluation sociale pour « ${PROGRAMME} »`);
    await expect.poll(() => field.evaluate((input) => input === document.activeElement)).toBe(true);
    await checkA11y(page, 'social evaluation being written');
    await field.fill('Recherche d’emploi : a besoin d’un ordinateur pour ses démarches.');
    await card.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    await page
      .getByRole('status')
      .getByText(`L’évaluation sociale de l’orientation vers « ${PROGRAMME} » est enregistrée.`)
      .waitFor();
    await card.getByText('Recherche d’emploi : a besoin d’un ordinateur pour ses démarches.').waitFor();
    await card
      .getByRole('button', { name: `Modifier l’évaluation sociale de l’orientation vers ${PROGRAMME}` })
      .waitFor();
  });

  it('gives her priority on the waiting list, with the reason', async () => {
    const card = page
      .getByRole('region', { name: 'Orientations', exact: true })
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: PROGRAMME }) });
    await card.getByText('Pas prioritaire : la personne attend dans l’ordre des orientations.').waitFor();
    await card
      .getByRole('button', { name: `Modifier la priorité sur la liste d’attente de ${PROGRAMME}` })
      .click();
    const flag = card.getByRole('checkbox', {
      name: `Prioritaire sur la liste d’attente de « ${PROGRAMME} »`,
    });
    await expect.poll(() => flag.evaluate((input) => input === document.activeElement)).toBe(true);
    await page.keyboard.press('Space');
    await card.getByLabel(/Raison de la priorité/).fill('Entretien d’embauche dans quinze jours');
    await checkA11y(page, 'priority being given');
    await card.getByRole('button', { name: 'Enregistrer la priorité' }).click();
    await page
      .getByRole('status')
      .getByText(`La personne est maintenant prioritaire sur la liste d’attente de « ${PROGRAMME} ».`)
      .waitFor();
    await card.getByText('Raison : Entretien d’embauche dans quinze jours').waitFor();
    await page.getByRole('region', { name: 'Parcours' }).getByText('Priorité modifiée').waitFor();
    await checkA11y(page, 'person with a priority referral');
  });

  it('finds her among the programme’s participants, and first with her priority', async () => {
    await page
      .getByRole('region', { name: 'Orientations', exact: true })
      .getByRole('link', { name: PROGRAMME })
      .click();
    await page.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    const participants = page.getByRole('region', { name: 'Participants' });
    await participants.getByText('1 participant, par ordre alphabétique des noms.').waitFor();
    await participants.getByRole('listitem').filter({ hasText: 'Dupré, Amélie' }).waitFor();
    expect(await participants.getByText(/Martin/).count()).toBe(0);
    const row = page
      .getByRole('region', { name: 'Liste d’attente' })
      .getByRole('row', { name: /Amélie Dupré/ });
    await row.getByText('Entretien d’embauche dans quinze jours').waitFor();
    await checkA11y(page, 'programme with its participants');
  });
});

describe('a trainer partner of the programme', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const found = await adminApi<{ items: { id: string; name: string }[] }>(
      adminCookie,
      'GET',
      `/programmes?q=${encodeURIComponent(PROGRAMME)}`,
    );
    const programme = found.items.find((p) => p.name === PROGRAMME);
    if (!programme) throw new Error(`${PROGRAMME} not found`);
    await adminApi(adminCookie, 'PATCH', `/programmes/${programme.id}`, {
      partners: [{ organisationId: workshopsId, role: 'trainer' }],
    });
    ({ context, page } = await newPage(browser));
    await logIn(page, TRAINER);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('sees the names of the participants, and no waiting list', async () => {
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Programmes' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Programmes' }).waitFor();
    await page.getByRole('link', { name: PROGRAMME }).click();
    await page.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    await page.getByText(`${WORKSHOPS} – Formateur`).waitFor();
    const participants = page.getByRole('region', { name: 'Participants' });
    await participants.getByText(/En tant que formateur partenaire, vous ne voyez que leurs noms/).waitFor();
    const names = participants.getByRole('list', { name: 'Participants' }).getByRole('listitem');
    await names.first().waitFor();
    expect(await names.allTextContents()).toEqual(['Dupré, Amélie']);
    // Nothing else about the people: no waiting list, no referrals, no link to a record.
    expect(await page.getByRole('region', { name: 'Liste d’attente' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Toutes les orientations' }).count()).toBe(0);
    expect(await participants.getByRole('link').count()).toBe(0);
    await checkA11y(page, 'programme seen by a trainer partner');
  });
});

describe('a programme run by another organisation', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    await adminApi(adminCookie, 'POST', '/programmes', {
      name: OTHER_PROGRAMME,
      ownerOrganisationId: foundationId,
      mode: 'donation',
      startsOn: `${YEAR - 1}-01-01`,
      endsOn: `${YEAR + 1}-12-31`,
      partners: [{ organisationId: ccasId, role: 'prescriber' }],
    });
    ({ context, page } = await newPage(browser));
    await logIn(page, SOCIAL_WORKER);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('records a person whose agreement leaves out the sharing with partners', async () => {
    await page.goto(`${server.baseUrl}/beneficiaires/nouveau`);
    await page.getByRole('heading', { level: 1, name: 'Nouvelle personne' }).waitFor();
    await page.getByLabel('Prénom').fill('Chloé');
    await page.getByLabel(/^Nom \(/).fill('Petit');
    await page.getByLabel('Année de naissance').fill('1948');
    await page.getByLabel('Code postal').fill('45200');
    await page.getByLabel(/La personne a donné son accord/).check();
    // By default the agreement covers everything, the sharing worded plainly with its help.
    const sharing = page.getByRole('checkbox', {
      name: 'Partage de son dossier avec l’organisation qui mène le programme, si c’en est une autre',
    });
    expect(await sharing.isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /^L’orientation vers un programme/ }).isChecked()).toBe(
      true,
    );
    expect(await page.getByRole('checkbox', { name: /^Le suivi après la remise/ }).isChecked()).toBe(true);
    await expect
      .poll(() => sharing.evaluate((input) => input.getAttribute('aria-describedby')))
      .toMatch(/-help$/);
    await page
      .getByText(
        'Sans ce partage, la personne ne peut être orientée que vers les programmes que mène votre structure.',
      )
      .waitFor();
    await sharing.uncheck();
    await page.getByRole('button', { name: 'Enregistrer la personne' }).click();
    await page.getByRole('heading', { level: 1, name: /Chloé Petit/ }).waitFor();
  });

  it('is told, before and after trying, that the sharing needs her agreement', async () => {
    const referrals = page.getByRole('region', { name: 'Orientations', exact: true });
    await referrals.getByRole('combobox', { name: /^Programme/ }).selectOption({ label: OTHER_PROGRAMME });
    await referrals
      .getByText(`« ${OTHER_PROGRAMME} » est mené par ${FOUNDATION} : il faut l’accord de la personne`, {
        exact: false,
      })
      .waitFor();
    await referrals.getByRole('button', { name: 'Orienter' }).click();
    await referrals
      .getByRole('alert')
      .getByText(/Le programme est mené par une autre organisation : il faut l’accord de la personne/)
      .waitFor();
    await checkA11y(page, 'referral refused without the sharing consent');
  });

  it('records a new agreement, which may not be dated after the referral', async () => {
    const consents = page.getByRole('region', { name: 'Consentements' });
    await consents.getByRole('button', { name: 'Enregistrer un nouvel accord' }).click();
    await consents.getByLabel(/La personne a donné son accord/).check();
    expect(
      await consents
        .getByRole('checkbox', { name: /^Partage de son dossier avec l’organisation qui mène le programme/ })
        .isChecked(),
    ).toBe(true);
    await checkA11y(page, 'new agreement');
    await consents.getByRole('button', { name: 'Enregistrer l’accord' }).click();
    await page.getByRole('status').getByText('L’accord de la personne est enregistré.').waitFor();

    // Both agreements date from today: a referral dated yesterday is refused, with the server's sentence.
    const referrals = page.getByRole('region', { name: 'Orientations', exact: true });
    await referrals.getByRole('combobox', { name: /^Programme/ }).selectOption({ label: OTHER_PROGRAMME });
    await referrals.getByLabel(/Date de l’orientation/).fill(dayFrom(-1));
    await referrals
      .getByText(/ne couvre l’orientation : elle ne peut pas être datée d’avant l’accord/)
      .waitFor();
    await referrals.getByRole('button', { name: 'Orienter' }).click();
    await referrals
      .getByRole('alert')
      .getByText('Aucun consentement en cours à cette date ne couvre l’orientation', { exact: false })
      .waitFor();

    await referrals.getByLabel(/Date de l’orientation/).fill(dayFrom(0));
    await referrals.getByRole('button', { name: 'Orienter' }).click();
    const status = referrals
      .getByRole('status')
      .filter({ hasText: `Orientation vers « ${OTHER_PROGRAMME} » enregistrée` });
    await status.getByText('Éligible', { exact: true }).waitFor();
  });

  it('withdraws the first agreement, not before it was given', async () => {
    const consents = page.getByRole('region', { name: 'Consentements' });
    await consents
      .getByRole('button', { name: /^Retirer l’accord du/ })
      .first()
      .click();
    const dialog = page.getByRole('alertdialog', { name: 'Retirer cet accord ?' });
    const day = dialog.getByLabel(/Accord retiré le/);
    expect(await day.inputValue()).toBe(dayFrom(0));
    await checkA11y(page, 'withdrawal dialog');

    // Our own check first…
    await day.fill(dayFrom(-1));
    await dialog.getByRole('button', { name: 'Retirer l’accord' }).click();
    await dialog.getByText(/Le retrait ne peut pas précéder l’accord, donné le/).waitFor();

    // …and the server's, next to the day, when a request slips past it.
    await day.fill(dayFrom(0));
    await page.route('**/api/v1/beneficiaries/*/consents/*/withdrawal', (route) =>
      route.continue({ postData: JSON.stringify({ withdrawnOn: dayFrom(-3) }) }),
    );
    await dialog.getByRole('button', { name: 'Retirer l’accord' }).click();
    const summary = dialog.getByRole('alert').filter({ hasText: 'Accord retiré le' });
    await summary.getByText(/Le retrait ne peut pas précéder le consentement, donné le/).waitFor();
    expect(await day.getAttribute('aria-invalid')).toBe('true');
    await checkA11y(page, 'withdrawal dialog with the server’s error');
    await page.unroute('**/api/v1/beneficiaries/*/consents/*/withdrawal');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Opened again, the dialog starts afresh: today, no error.
    await consents
      .getByRole('button', { name: /^Retirer l’accord du/ })
      .first()
      .click();
    expect(await day.inputValue()).toBe(dayFrom(0));
    expect(await dialog.getByRole('alert').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Retirer l’accord' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText('L’accord est retiré.').waitFor();
    await consents.getByText(/^Retiré le/).waitFor();
  });
});
