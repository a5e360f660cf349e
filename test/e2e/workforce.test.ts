/**
 * The insertion workforce in a real browser against a real server. Set up through the API: an insertion
 * refurbisher with its manager and a technician who has taken a laptop through diagnosis, refurbishing
 * and the final check this week, and an insertion clause of 100 h. In the browser the manager finds
 * « Équipe en insertion » in the navigation (no technician yet, saying what to do), adds the technician's
 * CDDI, opens her page (this week derived from the laptop she signed: 1 h 35 at the standard times),
 * enters last week's 26 h for the clause, sees the clause at 26 h of 100 h, asks to remove the entry and
 * cancels, adds a skill to the grid, reads the period report (27 h 35 of insertion) and downloads it, and
 * reads it in English. The technician does not see the entry in the navigation. Every page is checked
 * with axe-core.
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

const PASSWORD = 'une phrase de passe assez longue';
const MANAGER = 'nadia.encadrante@insertion-gien.example';
const TECHNICIAN = 'sami.technicien@insertion-gien.example';
const CLAUSE = 'Marché de reconditionnement du Loiret (e2e)';

let server: TestServer;
let browser: Browser;

/** A calendar day `days` from today, in the browser's (and server's) time zone. */
function dayFromToday(days: number): string {
  const date = new Date();
  date.setHours(12, 0, 0, 0);
  date.setDate(date.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function lastMonday(): string {
  const date = new Date();
  date.setHours(12, 0, 0, 0);
  date.setDate(date.getDate() - ((date.getDay() + 6) % 7) - 7);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const START = dayFromToday(-28);

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const { logInApi, api } = apiOf(server);
  const admin = await logInApi(ADMIN_EMAIL, ADMIN_PASSWORD);
  const workshop = await api<{ id: string }>(admin, 'POST', '/organisations', {
    name: 'Atelier Insertion Gien (e2e)',
    kinds: ['refurbisher'],
  });
  for (const [email, name, role] of [
    [MANAGER, 'Nadia Encadrante', 'manager'],
    [TECHNICIAN, 'Sami Technicien', 'technician'],
  ] as const)
    await api(admin, 'POST', `/organisations/${workshop.id}/members`, {
      email,
      name,
      role,
      password: PASSWORD,
    });
  const technician = await logInApi(TECHNICIAN, PASSWORD);
  const device = await api<{ id: string }>(technician, 'POST', '/devices', {
    type: 'laptop',
    storageGb: 0,
    brand: 'Dell',
    model: 'Latitude 5400',
  });
  for (const status of ['diagnosed', 'refurbishing', 'ready'])
    await api(technician, 'POST', `/devices/${device.id}/status`, { status });
  const manager = await logInApi(MANAGER, PASSWORD);
  await api(manager, 'POST', `/organisations/${workshop.id}/workforce/clauses`, {
    name: CLAUSE,
    buyer: 'Conseil départemental du Loiret',
    requiredHours: 100,
    startsOn: START,
    endsOn: dayFromToday(300),
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function logIn(page: Page, email: string) {
  await page.goto(`${server.baseUrl}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
}

describe('a manager follows the insertion workforce', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await newPage(browser));
    await logIn(page, MANAGER);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('finds the page in the navigation, no technician yet, with what to do', async () => {
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Équipe en insertion' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Équipe en insertion' }).waitFor();
    await page.getByText('Aucun technicien sous contrat pour l’instant.').waitFor();
    await page.getByText(/administrateurs et responsables d’Atelier Insertion Gien \(e2e\)\./).waitFor();
    await page.getByText('0 h sur 100 h exigées (0 %)').waitFor();
    await checkA11y(page, 'workforce, empty');
  });

  it('adds the technician’s CDDI', async () => {
    // Nothing chosen: the lists say so once the hours are given.
    await page.getByLabel(/^Heures par semaine/).fill('26');
    await page.getByRole('button', { name: 'Enregistrer le contrat' }).click();
    await page.getByText('Ce champ est obligatoire.').first().waitFor();
    await page.getByLabel(/^Membre de l’équipe/).selectOption({ label: `Sami Technicien (${TECHNICIAN})` });
    await page.getByLabel(/^Type de contrat/).selectOption({ label: 'CDDI (insertion)' });
    await page
      .getByLabel(/^Début/)
      .first()
      .fill(START);
    await page.getByLabel(/^Heures par semaine/).fill('26');
    await page.getByRole('button', { name: 'Enregistrer le contrat' }).click();
    await page.getByText('Contrat de Sami Technicien enregistré.').waitFor();
    const row = page.getByRole('row', { name: /Sami Technicien/ });
    await row.getByText('26 h', { exact: true }).waitFor();
    await checkA11y(page, 'workforce with a technician');
  });

  it('sees this week derived from her work, and enters last week for the clause', async () => {
    await page.getByRole('link', { name: 'Sami Technicien' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sami Technicien' }).waitFor();
    // Diagnosis 20 min + refurbishing 60 min + final check 15 min (the standard times).
    const thisWeek = page.getByRole('row').nth(1);
    expect(await thisWeek.getByRole('cell').first().textContent()).toBe('1 h 35');
    await thisWeek.getByText('Déduites').waitFor();
    await checkA11y(page, 'a technician’s page');
    await page.getByLabel(/^Semaine/).selectOption(lastMonday());
    await page.getByLabel(/^Heures travaillées/).fill('26');
    await page.getByLabel(/^Compte pour la clause/).selectOption({ label: CLAUSE });
    await page.getByRole('button', { name: 'Enregistrer la semaine' }).click();
    await page.getByText(/Semaine du .* enregistrée : 26 h\./).waitFor();
    const lastWeek = page.getByRole('row').nth(2);
    await lastWeek.getByText('Saisies').waitFor();
    await lastWeek.getByText(CLAUSE).waitFor();
    // Removing the entry asks first; cancelled, it stays.
    await lastWeek.getByRole('button', { name: /Retirer la saisie de la semaine du/ }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Retirer la saisie de cette semaine ?' });
    await dialog.waitFor();
    await checkA11y(page, 'remove an entry dialog');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await lastWeek.getByText('Saisies').waitFor();
  });

  it('changes the contract in a dialog, with the keyboard', async () => {
    const edit = page.getByRole('button', { name: /^Modifier le contrat CDDI \(insertion\) du / });
    // Opened and closed with the keyboard: the focus comes back to the button.
    await edit.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Modifier le contrat' });
    await dialog.waitFor();
    expect(await dialog.getByLabel(/^Heures par semaine/).inputValue()).toBe('26');
    await checkA11y(page, 'edit a contract dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => edit.evaluate((el) => el === document.activeElement)).toBe(true);
    // Too many hours: the same message as when adding it, and nothing saved.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    const weekly = dialog.getByLabel(/^Heures par semaine/);
    await weekly.fill('60');
    await weekly.press('Enter');
    await dialog.getByText('Indiquez un nombre d’heures entre 1 et 48, par exemple 26.').first().waitFor();
    await weekly.fill('30');
    await weekly.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Contrat de Sami Technicien modifié.').waitFor();
    await page.getByText(/30 h par semaine/).waitFor();
    await expect.poll(() => edit.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('sees the clause’s progress', async () => {
    await page.getByRole('link', { name: 'Équipe en insertion' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Équipe en insertion' }).waitFor();
    await page.getByText('26 h sur 100 h exigées (26 %)').waitFor();
  });

  it('adds a skill to the grid', async () => {
    await page.getByRole('link', { name: 'Compétences et temps standard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Compétences et temps standard' }).waitFor();
    await page.getByText('Aucune compétence pour l’instant.').waitFor();
    await page.getByRole('button', { name: 'Ajouter une compétence' }).click();
    await page.getByLabel(/^Compétence 1/).fill('Effacement certifié');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Réglages enregistrés.').waitFor();
    await checkA11y(page, 'workforce settings');
  });

  it('reads the period report and downloads it', async () => {
    await page.getByRole('link', { name: 'Équipe en insertion' }).first().click();
    await page.getByRole('link', { name: 'Rapport de période' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rapport de période' }).waitFor();
    await page.getByLabel(/^Du/).fill(START);
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.getByText('Total : 27 h 35').waitFor();
    await checkA11y(page, 'workforce report');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger le tableur (XLSX)' }).click();
    expect((await download).suggestedFilename()).toMatch(/^equipe-insertion-.*\.xlsx$/);
  });

  it('reads it in English too', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Period report' }).waitFor();
    await page.getByText('Total: 27 h 35').waitFor();
    await checkA11y(page, 'workforce report in English');
    await page.getByRole('button', { name: 'Français' }).click();
  });
});

describe('a technician', () => {
  it('does not see the insertion workforce in the navigation', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, TECHNICIAN);
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await nav.getByRole('link', { name: 'Stock' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Équipe en insertion' }).count()).toBe(0);
    // Going to the report by its address: only the notice, no period form nor download.
    await page.goto(`${server.baseUrl}/equipe/rapport`);
    await page.getByText(/Cette page est réservée aux administrateurs et responsables/).waitFor();
    expect(await page.getByRole('button', { name: 'Télécharger le tableur (XLSX)' }).count()).toBe(0);
    expect(await page.getByLabel(/^Du/).count()).toBe(0);
    await context.close();
  });
});
