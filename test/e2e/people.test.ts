/**
 * Programmes, people and referrals in a real browser against a real server. A manager of a social action
 * centre sets up a programme (price, a funder's subsidy and the contribution computed as typed, a family
 * quotient ceiling, the rules tested on made-up facts). A social worker records a person (consent ticked),
 * is warned of a duplicate when typing the same person again with accents and capitals changed, records
 * another person above the ceiling, refers both — "Éligible" for one, "Non éligible" with the sentence
 * about the quotient for the other — and finds the eligible person on the programme's waiting list. Every
 * page and dialog on the way is checked with axe-core.
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

let server: TestServer;
let browser: Browser;

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
