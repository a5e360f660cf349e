/**
 * In-app help in a real browser. The administrator of a new organisation (a refurbisher that also runs
 * programmes) finds « Pour bien démarrer » on the home page with its three steps to do; once a programme
 * exists its step is ticked, and « Masquer » hides the list for good on this browser. The empty stock says
 * what to do next with the link to do it, a search that finds nothing offers to clear it, and the « Aide »
 * link of the stock page opens the guide's page in the interface language (French, then English). The
 * programme form's help on money unfolds. Every page on the way is checked with axe-core.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf } from './sale-programme.ts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  checkA11y,
  launchBrowser,
  newPage,
  startServer,
  type TestServer,
} from './support.ts';

const ORGANISATION = 'Atelier du Réemploi (e2e)';
const ORG_ADMIN = 'claire.admin@reemploi.example';
const PASSWORD = 'une phrase de passe assez longue';
const YEAR = new Date().getFullYear();

let server: TestServer;
let browser: Browser;
let adminCookie = '';
let organisationId = '';

function adminApi<T>(method: string, path: string, body?: unknown): Promise<T> {
  return apiOf(server).api<T>(adminCookie, method, path, body);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  adminCookie = await apiOf(server).logInApi(ADMIN_EMAIL, ADMIN_PASSWORD);
  const organisation = await adminApi<{ id: string }>('POST', '/organisations', {
    name: ORGANISATION,
    kinds: ['refurbisher', 'association', 'prescriber'],
  });
  organisationId = organisation.id;
  await adminApi('POST', `/organisations/${organisationId}/members`, {
    email: ORG_ADMIN,
    name: 'Claire Admin',
    role: 'admin',
    password: PASSWORD,
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function logIn(page: Page): Promise<void> {
  await page.goto(`${server.baseUrl}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(ORG_ADMIN);
  await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
}

function checklist(page: Page) {
  return page.getByRole('region', { name: 'Pour bien démarrer' });
}

describe('an organisation administrator meets the help', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await newPage(browser));
    await logIn(page);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('sees « Pour bien démarrer » with every step to do, each linking to where it is done', async () => {
    const list = checklist(page);
    await list.waitFor();
    const steps = list.getByRole('listitem');
    await expect(steps.count()).resolves.toBe(3);
    await expect(steps.nth(0).textContent()).resolves.toContain('Créez votre programme (à faire)');
    await expect(steps.nth(1).textContent()).resolves.toContain('Invitez votre équipe (à faire)');
    await expect(steps.nth(2).textContent()).resolves.toContain('Importez votre stock (à faire)');
    await expect(
      list.getByRole('link', { name: 'Créez votre programme' }).getAttribute('href'),
    ).resolves.toBe('/programmes/nouveau');
    await expect(list.getByRole('link', { name: 'Invitez votre équipe' }).getAttribute('href')).resolves.toBe(
      `/organisations/${organisationId}`,
    );
    await expect(list.getByRole('link', { name: 'Importez votre stock' }).getAttribute('href')).resolves.toBe(
      '/dons/nouveau',
    );
    const guide = list.getByRole('link', { name: /Aide/ });
    await expect(guide.getAttribute('href')).resolves.toBe('/aide/fr/premiers-pas');
    await expect(guide.getAttribute('target')).resolves.toBe('_blank');
    await expect(
      page.getByRole('contentinfo').getByRole('link', { name: /Aide/ }).getAttribute('href'),
    ).resolves.toBe('/aide/fr/');
    await checkA11y(page, 'home with the first steps');
  });

  it('finds the money help on the programme form, folded until opened', async () => {
    await checklist(page).getByRole('link', { name: 'Créez votre programme' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouveau programme' }).waitFor();
    const summary = page.getByText('Comment se calcule ce que paie la personne ?');
    const explanation = page.getByText(/le prix moins la somme des subventions/);
    await expect(explanation.isVisible()).resolves.toBe(false);
    await summary.click();
    await explanation.waitFor();
    await page.getByText('Comment les règles se combinent').click();
    await page.getByText(/les cases cochées sont des choix possibles/).waitFor();
    await checkA11y(page, 'programme form with its help open');
  });

  it('ticks the programme step once a programme exists', async () => {
    await adminApi('POST', '/programmes', {
      name: `Prêts solidaires ${YEAR} (e2e)`,
      ownerOrganisationId: organisationId,
      mode: 'donation',
      startsOn: `${YEAR}-01-01`,
      endsOn: `${YEAR}-12-31`,
    });
    await page.goto(`${server.baseUrl}/`);
    const list = checklist(page);
    await list.waitFor();
    const steps = list.getByRole('listitem');
    await expect(steps.nth(0).textContent()).resolves.toContain('Créez votre programme (fait)');
    await expect(list.getByRole('link', { name: 'Créez votre programme' }).count()).resolves.toBe(0);
    await expect(steps.nth(1).textContent()).resolves.toContain('(à faire)');
    await list.getByText('1 étape faite sur 3.').waitFor();
    await checkA11y(page, 'home with one step done');
  });

  it('hides the checklist with « Masquer », for good on this browser', async () => {
    await checklist(page)
      .getByRole('button', { name: /Masquer/ })
      .click();
    await checklist(page).waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Mes organisations' }).waitFor();
    await expect(checklist(page).count()).resolves.toBe(0);
  });

  it('finds the empty stock saying what to do next, and a search that finds nothing offering to clear it', async () => {
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Stock' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Stock' }).waitFor();
    await page.getByText('Aucun appareil en stock.').waitFor();
    await page.getByText(/enregistrez le don, puis saisissez ses appareils/).waitFor();
    await expect(page.getByRole('link', { name: 'Enregistrer un don' }).getAttribute('href')).resolves.toBe(
      '/dons/nouveau',
    );
    const help = page.getByRole('link', { name: 'Aide – guide : recevoir un lot (nouvel onglet)' });
    await expect(help.getAttribute('href')).resolves.toBe('/aide/fr/recevoir-un-lot');
    await expect(help.getAttribute('target')).resolves.toBe('_blank');
    await expect(help.textContent()).resolves.toContain('(nouvel onglet)');
    // The guide's page is there, served by the server.
    expect((await fetch(`${server.baseUrl}/aide/fr/recevoir-un-lot`)).status).toBe(200);
    await checkA11y(page, 'empty stock');

    await page.locator('#stock-search').fill('introuvable');
    await page.getByText('Aucun appareil ne correspond à ces critères.').waitFor();
    await expect(page.getByText('Aucun appareil en stock.').count()).resolves.toBe(0);
    await checkA11y(page, 'stock search finding nothing');
    await page.getByRole('button', { name: 'Effacer la recherche et les filtres' }).click();
    await page.getByText('Aucun appareil en stock.').waitFor();
    await expect(page.locator('#stock-search').inputValue()).resolves.toBe('');
  });

  it('links the stock page to the English guide once the interface is in English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('No device in stock.').waitFor();
    const help = page.getByRole('link', { name: 'Help – guide: receive a batch (opens in a new tab)' });
    await expect(help.getAttribute('href')).resolves.toBe('/aide/en/recevoir-un-lot');
    await expect(help.textContent()).resolves.toContain('(opens in a new tab)');
    expect((await fetch(`${server.baseUrl}/aide/en/recevoir-un-lot`)).status).toBe(200);
    await expect(
      page.getByRole('contentinfo').getByRole('link', { name: /Help/ }).getAttribute('href'),
    ).resolves.toBe('/aide/en/');
    await expect(page.getByRole('link', { name: 'Record a donation' }).getAttribute('href')).resolves.toBe(
      '/dons/nouveau',
    );
    await checkA11y(page, 'empty stock in English');
  });
});
