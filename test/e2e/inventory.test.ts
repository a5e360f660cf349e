/**
 * The refurbisher's daily work in a real browser against a real server: a technician records a donation,
 * enters two devices on the intake screen with the keyboard alone, moves one through its lifecycle
 * (refused "ready" without an erasure, then a passed erasure, then ready), imports a file, finds devices
 * by asset tag, and prints labels from the stock — with an accessibility check on every page on the way.
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

const REFURBISHER = 'Atelier Réemploi (e2e)';
const DONOR = 'Entreprise Donatrice (e2e)';
const TECHNICIAN_EMAIL = 'technicienne@reemploi.example';
const TECHNICIAN_PASSWORD = 'une phrase de passe assez longue';
const TAG = /^SV-\d{6}$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

let server: TestServer;
let browser: Browser;

/** Calls the API as the administrator (cookie session), failing loudly on an error answer. */
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
  const refurbisher = await adminApi<{ id: string }>(cookie, 'POST', '/organisations', {
    name: REFURBISHER,
    kinds: ['refurbisher'],
  });
  await adminApi(cookie, 'POST', '/organisations', { name: DONOR, kinds: ['donor'] });
  await adminApi(cookie, 'POST', `/organisations/${refurbisher.id}/members`, {
    email: TECHNICIAN_EMAIL,
    name: 'Inès Technicienne',
    role: 'technician',
    password: TECHNICIAN_PASSWORD,
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The id of the element that has the focus. */
function focusedId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.activeElement?.id);
}

/** Fetches an address with the page's cookies; returns its status and content type. */
async function fetchAsPage(context: BrowserContext, url: string) {
  const response = await context.request.get(new URL(url, server.baseUrl).toString());
  return { status: response.status(), type: response.headers()['content-type'] ?? '' };
}

describe('inventory journey', () => {
  let context: BrowserContext;
  let page: Page;
  let donationPath = '';
  const tags: string[] = [];

  beforeAll(async () => {
    ({ context, page } = await newPage(browser));
  });

  afterAll(async () => {
    await context?.close();
  });

  it('logs in as the technician, who sees Stock and Dons', async () => {
    await page.goto(`${server.baseUrl}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(TECHNICIAN_EMAIL);
    await page.getByLabel('Mot de passe', { exact: true }).fill(TECHNICIAN_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await nav.getByRole('link', { name: 'Stock' }).waitFor();
    await nav.getByRole('link', { name: 'Dons' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dons' }).waitFor();
    await page.getByText('Aucun don pour le moment.').waitFor();
    await checkA11y(page, 'donations (empty)');
  });

  it('records a donation, choosing the donor from the directory', async () => {
    await page.getByRole('link', { name: 'Nouveau don' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouveau don' }).waitFor();
    // The refurbisher is the technician's organisation, already chosen.
    expect(await page.locator('#donation-refurbisher').inputValue()).toBe(REFURBISHER);
    await checkA11y(page, 'new donation');

    // Nothing chosen: the form says so next to the field.
    await page.getByRole('button', { name: 'Enregistrer le don' }).click();
    await page.getByText('Ce champ est obligatoire.').first().waitFor();

    await page.locator('#donation-donor').fill('Donatrice');
    await page.getByRole('option', { name: DONOR }).click();
    expect(await page.locator('#donation-donor').inputValue()).toBe(DONOR);
    await page.getByLabel(/Nombre d’appareils annoncés/).fill('2');
    await page.getByLabel(/Adresse d’enlèvement/).fill('12 rue des Lilas, 45100 Orléans');
    await page.getByRole('button', { name: 'Enregistrer le don' }).click();
    await page
      .getByRole('heading', { level: 1, name: new RegExp(`Don du .* – ${escapeRegExp(DONOR)}`) })
      .waitFor();
    await page.getByText('Le don est enregistré.').waitFor();
    await page.getByText('0 appareil enregistré sur 2 annoncés').waitFor();
    donationPath = new URL(page.url()).pathname;
    expect(donationPath).toMatch(/^\/dons\/[\w-]{36}$/);
    await checkA11y(page, 'donation');
  });

  it('enters two devices on the intake screen with the keyboard alone', async () => {
    await page.getByRole('link', { name: 'Saisir des appareils' }).click();
    await page.getByRole('heading', { level: 1, name: 'Saisie des appareils' }).waitFor();
    // Ready for the scanner: the focus is in the serial number.
    await page.waitForFunction(() => document.activeElement?.id === 'intake-serial');
    await checkA11y(page, 'intake');

    // Back to the type, brand and model, which stay from one device to the next.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedId(page)).toBe('intake-type');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#intake-type').inputValue()).toBe('desktop');
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('#intake-type').inputValue()).toBe('laptop');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Dell');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Latitude 5490');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('intake-serial');

    for (const serial of ['E2E-SN-0001', 'E2E-SN-0002']) {
      // A barcode scanner types the characters, then Enter.
      await page.keyboard.type(serial);
      await page.keyboard.press('Enter');
      await page.locator('.saved-tag', { hasText: serial }).waitFor();
      const tag = ((await page.locator('.asset-tag-big').textContent()) ?? '').trim();
      expect(tag).toMatch(TAG);
      tags.push(tag);
      // Announced, and the focus back in the (emptied) serial number; type, brand and model kept.
      await page.getByText(`Appareil enregistré : ${tag}`).waitFor({ state: 'attached' });
      await page.waitForFunction(() => document.activeElement?.id === 'intake-serial');
      expect(await page.locator('#intake-serial').inputValue()).toBe('');
      expect(await page.locator('#intake-brand').inputValue()).toBe('Dell');
      expect(await page.locator('#intake-model').inputValue()).toBe('Latitude 5490');
    }
    expect(tags[0]).not.toBe(tags[1]);
    const fontSize = await page
      .locator('.asset-tag-big')
      .evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(48);
    const session = page.getByRole('table', { name: /saisis pendant cette session/i });
    await session.getByRole('row', { name: new RegExp(tags[0] as string) }).waitFor();
    await session.getByRole('row', { name: new RegExp(tags[1] as string) }).waitFor();

    // The same serial scanned twice: the server's message sits next to the field, which keeps the focus.
    await page.keyboard.type('E2E-SN-0001');
    await page.keyboard.press('Enter');
    await page.locator('#intake-serial[aria-invalid="true"]').waitFor();
    await page
      .getByText('Le numéro de série E2E-SN-0001 est déjà enregistré dans votre stock.')
      .first()
      .waitFor();
    expect(await focusedId(page)).toBe('intake-serial');
    await checkA11y(page, 'intake with an error');
  });

  it('moves a device, is refused "ready" without an erasure, records one, then makes it ready', async () => {
    await page
      .getByRole('table', { name: /saisis pendant cette session/i })
      .getByRole('link', { name: tags[0] as string })
      .click();
    await page.getByRole('heading', { level: 1, name: new RegExp(tags[0] as string) }).waitFor();
    await page.getByText('E2E-SN-0001').first().waitFor();
    await checkA11y(page, 'device');

    await page.getByRole('button', { name: 'Passer à « Diagnostiqué »' }).click();
    await page.getByText('Statut changé : « Diagnostiqué ».').waitFor();
    await page.getByRole('button', { name: 'Passer à « En reconditionnement »' }).click();
    await page.getByText('Statut changé : « En reconditionnement ».').waitFor();

    await page.getByRole('button', { name: 'Passer à « Prêt »' }).click();
    const refusal = page.locator('.status-panel [role="alert"]');
    await refusal.filter({ hasText: 'effacement' }).waitFor();
    expect(await refusal.textContent()).toContain(tags[0]);
    await page.locator('.status-panel .status-now').getByText('En reconditionnement').waitFor();
    await checkA11y(page, 'device with a refusal');

    await page.getByRole('button', { name: 'Enregistrer un effacement' }).click();
    await page.locator('#erasure-method').fill('NIST 800-88 — écrasement 1 passe');
    await page.keyboard.press('Escape');
    await page.locator('#erasure-level').selectOption('purge');
    await page.locator('#erasure-tool').fill('nwipe');
    await page.locator('#erasure-tool-version').fill('0.36');
    await page.locator('#erasure-passes').fill('1');
    await page.getByText('Effacement vérifié (relecture)').click();
    await page.getByText('Réussi', { exact: true }).click();
    await page.locator('#erasure-disk-serial').fill('S3Z9NB0K123456');
    await checkA11y(page, 'erasure form');
    await page.getByRole('button', { name: 'Enregistrer l’effacement' }).click();
    await page.getByText(/Effacement réussi enregistré\. Certificat n° \S+/).waitFor();
    const erasures = page.getByRole('table', { name: /Effacements enregistrés/ });
    await erasures
      .getByRole('row', { name: /S3Z9NB0K123456/ })
      .getByText('Réussi')
      .waitFor();

    const certificate = page.getByRole('link', { name: 'Certificat d’effacement (PDF)' });
    const pdf = await fetchAsPage(context, (await certificate.getAttribute('href')) as string);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toContain('application/pdf');

    await page.getByRole('button', { name: 'Passer à « Prêt »' }).click();
    await page.getByText('Statut changé : « Prêt ».').waitFor();
    await page.locator('.status-panel .status-now').getByText('Prêt').waitFor();
    // The history, newest first.
    const history = page.locator('.timeline > li');
    await expect.poll(() => history.count()).toBeGreaterThanOrEqual(5);
    expect(await history.first().textContent()).toMatch(/En reconditionnement.*Prêt/);
    await page.locator('.timeline').getByText('Réussi (disque S3Z9NB0K123456)').waitFor();
    await checkA11y(page, 'device, ready');
  });

  it('finds a device from the header by its asset tag, and says when none has it', async () => {
    const finder = page.getByRole('search', { name: 'Trouver un appareil' });
    await finder.getByRole('searchbox').fill('SV-999999');
    await finder.getByRole('searchbox').press('Enter');
    await page.getByText('Aucun appareil avec ce numéro (SV-999999).').waitFor();
    await finder.getByRole('searchbox').fill(tags[1] as string);
    await finder.getByRole('searchbox').press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(tags[1] as string) }).waitFor();
  });

  it('lists the stock, refuses an impossible bulk move device by device, and prints labels', async () => {
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Stock' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Stock' }).waitFor();
    await page.getByRole('heading', { name: '2 appareils' }).waitFor();
    await page.getByText('2 appareils affichés').waitFor();
    await checkA11y(page, 'stock');

    await page.getByRole('checkbox', { name: 'Sélectionner tous les appareils affichés' }).check();
    await page.getByText('2 appareils sélectionnés').waitFor();

    // "Being refurbished": fine for the ready device, impossible for the received one — nothing moves.
    await page.getByRole('button', { name: 'Changer le statut…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Nouveau statut/).selectOption('refurbishing');
    await dialog.getByRole('button', { name: 'Changer le statut des 2 appareils' }).click();
    const refused = dialog.getByRole('alert');
    await refused.getByText(tags[1] as string).waitFor();
    expect(await refused.textContent()).not.toContain(tags[0]);
    await checkA11y(page, 'bulk status refused');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Imprimer les étiquettes' }).click();
    const labels = page.getByRole('dialog');
    await labels.getByLabel(/Rouleau de 62 mm/).check();
    await checkA11y(page, 'labels dialog');
    const href = (await labels
      .getByRole('link', { name: /Ouvrir les étiquettes/ })
      .getAttribute('href')) as string;
    expect(href).toContain('layout=roll-62mm');
    const pdf = await fetchAsPage(context, href);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toContain('application/pdf');
    await labels.getByRole('button', { name: 'Fermer' }).click();

    // Sorting by asset tag, newest first.
    await page.getByRole('button', { name: /N° d’inventaire/ }).click();
    await expect
      .poll(async () => (await page.locator('.device-table tbody th').first().textContent())?.trim())
      .toBe(tags[1]);

    // A scanned asset tag that matches one device opens it.
    await page.getByLabel('Rechercher', { exact: true }).fill(tags[0] as string);
    await page.getByLabel('Rechercher', { exact: true }).press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(tags[0] as string) }).waitFor();
  });

  it('imports devices from a CSV file after checking it', async () => {
    await page.goto(`${server.baseUrl}${donationPath}/import`);
    await page.getByRole('heading', { level: 1, name: 'Importer des appareils' }).waitFor();
    await checkA11y(page, 'import');

    // A file with a mistake: every error, with its row and column; nothing imported.
    const faulty =
      'type;marque;modèle;numéro de série;RAM (Go)\nportable;Lenovo;T470;E2E-IMP-1;8\ngrille-pain;HP;800 G3;E2E-IMP-2;8\n';
    await page.getByLabel('Fichier CSV ou XLSX').setInputFiles({
      name: 'lot.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(faulty, 'utf8'),
    });
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page.getByRole('heading', { name: 'Le fichier contient des erreurs' }).waitFor();
    await page.getByText(/Ligne 3, type/).waitFor();
    expect(await page.getByRole('button', { name: /^Importer/ }).count()).toBe(0);
    await checkA11y(page, 'import with errors');

    const good =
      'type;marque;modèle;numéro de série;RAM (Go);écran (pouces)\nportable;Lenovo;T470;E2E-IMP-1;8;14\nportable;Lenovo;T480;E2E-IMP-2;16;14,1\n';
    await page.getByLabel('Fichier CSV ou XLSX').setInputFiles({
      name: 'lot.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(good, 'utf8'),
    });
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page.getByText('2 lignes d’appareils lues.').waitFor();
    const preview = page.getByRole('table', { name: 'Premières lignes du fichier' });
    await preview.getByRole('cell', { name: 'T480' }).waitFor();
    await checkA11y(page, 'import preview');
    await page.getByRole('button', { name: 'Importer 2 appareils' }).click();
    await page.getByText('2 appareils créés.').waitFor();
    await page.getByRole('link', { name: 'Voir le don' }).click();
    await page.getByText('4 appareils enregistrés sur 2 annoncés').waitFor();
  });

  it('shows the donation’s traceability report', async () => {
    await page.getByRole('button', { name: 'Afficher le rapport ici' }).click();
    const report = page.getByRole('table', { name: /Rapport de traçabilité/ });
    await report
      .getByRole('row', { name: new RegExp(tags[0] as string) })
      .getByText(/certificat/)
      .waitFor();
    for (const name of ['Rapport (PDF)', 'Récapitulatif (PDF)']) {
      const href = (await page.getByRole('link', { name }).getAttribute('href')) as string;
      const answer = await fetchAsPage(context, href);
      expect(answer.status, name).toBe(200);
      expect(answer.type, name).toContain('application/pdf');
    }
    await checkA11y(page, 'donation with report');
  });

  it('shows the stock locations, read-only for a technician', async () => {
    await page.goto(`${server.baseUrl}/stock/emplacements`);
    await page.getByRole('heading', { level: 1, name: /Emplacements/ }).waitFor();
    await page.getByText('Aucun emplacement pour le moment.').waitFor();
    expect(await page.getByRole('button', { name: 'Ajouter l’emplacement' }).count()).toBe(0);
    await checkA11y(page, 'locations');
  });
});
