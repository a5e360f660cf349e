/**
 * Recycling (WEEE) in a real browser against a real server: a technician marks a device "to recycle",
 * sends it to a recycler from the recycling page (after a confirmation), sees the batch in the list and
 * downloads the waste register; another device goes from the stock's bulk actions; a label's address
 * pasted in the header's find field opens the device — with accessibility checks on the way.
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

const REFURBISHER = 'Atelier Recyclage (e2e)';
const TECHNICIAN_EMAIL = 'technicien@recyclage.example';
const TECHNICIAN_PASSWORD = 'une autre phrase de passe assez longue';
const RECYCLER = 'Envie Loiret';

interface CreatedDevice {
  id: string;
  assetTag: string;
}

let server: TestServer;
let browser: Browser;
let technicianCookie = '';
const devices: CreatedDevice[] = [];

async function login(email: string, password: string): Promise<string> {
  const response = await fetch(`${server.baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

/** Calls the API with a session cookie, failing loudly on an error answer. */
async function call<T>(cookie: string, method: string, path: string, body?: unknown): Promise<T> {
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
  const admin = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
  const refurbisher = await call<{ id: string }>(admin, 'POST', '/organisations', {
    name: REFURBISHER,
    kinds: ['refurbisher'],
  });
  await call(admin, 'POST', `/organisations/${refurbisher.id}/members`, {
    email: TECHNICIAN_EMAIL,
    name: 'Théo Technicien',
    role: 'technician',
    password: TECHNICIAN_PASSWORD,
  });
  const technician = await login(TECHNICIAN_EMAIL, TECHNICIAN_PASSWORD);
  technicianCookie = technician;
  for (const [model, weightKg] of [
    ['Latitude E6410', 2.2],
    ['OptiPlex 780', 8.5],
  ] as const) {
    devices.push(
      await call<CreatedDevice>(technician, 'POST', '/devices', {
        type: model.startsWith('Latitude') ? 'laptop' : 'desktop',
        organisationId: refurbisher.id,
        brand: 'Dell',
        model,
        weightKg,
      }),
    );
  }
  // The second one is already marked for recycling: it leaves from the stock's bulk actions.
  await call(technician, 'POST', `/devices/${(devices[1] as CreatedDevice).id}/status`, {
    status: 'to_recycle',
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('recycling journey', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await newPage(browser));
    await page.goto(`${server.baseUrl}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(TECHNICIAN_EMAIL);
    await page.getByLabel('Mot de passe', { exact: true }).fill(TECHNICIAN_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('opens a device from its label’s address pasted in the header', async () => {
    const first = devices[0] as CreatedDevice;
    const finder = page.getByRole('search', { name: 'Trouver un appareil' });
    await finder.getByRole('searchbox').fill(`https://seconde-vie.example.org/appareils/${first.id}`);
    await finder.getByRole('searchbox').press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(first.assetTag) }).waitFor();
  });

  it('marks the device "to recycle", then sends it from the recycling page', async () => {
    const first = devices[0] as CreatedDevice;
    await page.getByRole('button', { name: 'Passer à « À recycler »' }).click();
    await page.getByText('Statut changé : « À recycler ».').waitFor();
    await page.getByRole('link', { name: /Envoyer chez un recycleur/ }).click();
    await page.getByRole('heading', { level: 1, name: /Recyclage \(DEEE\)/ }).waitFor();
    await page.getByText('2 appareils attendent le recyclage.').waitFor();
    await page.getByText('Aucun lot n’a encore été envoyé au recyclage.').waitFor();
    await checkA11y(page, 'recycling (empty)');

    await page.getByRole('button', { name: 'Envoyer au recyclage…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Envoyer 2 appareils au recyclage' });
    await dialog.waitFor();
    // Every device ticked; the one leaving from the stock later stays here.
    await dialog.getByText('2 appareils cochés sur 2').waitFor();
    await dialog
      .getByRole('checkbox', { name: new RegExp((devices[1] as CreatedDevice).assetTag) })
      .uncheck();
    await dialog.getByText('1 appareil coché sur 2').waitFor();
    expect(await dialog.getByLabel(/Code déchet/).inputValue()).toBe('16 02 14');
    await checkA11y(page, 'recycling dialog');

    // Without a recycler, the form says so next to the field.
    await dialog.getByRole('button', { name: 'Envoyer au recyclage', exact: true }).click();
    await dialog.getByText('Ce champ est obligatoire.').waitFor();
    await dialog.getByLabel(/^Recycleur/).fill(RECYCLER);
    await dialog.getByLabel(/^N° de bordereau/).fill('BSD-E2E-0001');
    await dialog.getByLabel(/^N° de bordereau/).press('Enter');

    const confirm = page.getByRole('alertdialog', { name: 'Confirmer l’envoi au recyclage' });
    await confirm.getByText('1 appareil va passer au statut « Recyclé » : c’est définitif.').waitFor();
    await checkA11y(page, 'recycling confirmation');
    await confirm.getByRole('button', { name: 'Confirmer l’envoi' }).click();

    await page.getByText(`Lot enregistré : 1 appareil envoyé à ${RECYCLER} (2,2 kg)`).waitFor();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('1 appareil attend le recyclage.').waitFor();
    const batches = page.getByRole('table', { name: /Lots envoyés au recyclage/ });
    const row = batches.getByRole('row', { name: /BSD-E2E-0001/ });
    await row.getByRole('cell', { name: RECYCLER }).waitFor();
    await row.getByRole('cell', { name: '16 02 14' }).waitFor();
    await checkA11y(page, 'recycling with a batch');

    const register = page.getByRole('link', { name: 'Registre des déchets (CSV)' });
    const href = (await register.getAttribute('href')) as string;
    const answer = await context.request.get(new URL(href, server.baseUrl).toString());
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toContain('text/csv');
    expect(await answer.text()).toContain('BSD-E2E-0001');

    // The device is recycled for good.
    await page.goto(`${server.baseUrl}/appareils/${first.id}`);
    await page.locator('.status-panel .status-now').getByText('Recyclé').waitFor();
  });

  it('names a device that can no longer go by its asset tag', async () => {
    const second = devices[1] as CreatedDevice;
    await page.goto(`${server.baseUrl}/stock/recyclage`);
    await page.getByRole('button', { name: 'Envoyer au recyclage…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Envoyer 1 appareil au recyclage' });
    await dialog.getByLabel(/^Recycleur/).fill(RECYCLER);
    // Meanwhile, someone takes it back to the workshop.
    await call(technicianCookie, 'POST', `/devices/${second.id}/status`, { status: 'refurbishing' });
    await dialog.getByLabel(/^Recycleur/).press('Enter');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirmer l’envoi' }).click();
    const refused = dialog.getByRole('alert');
    await refused.getByText(second.assetTag).waitFor();
    await refused.getByText(/décochez-les/).waitFor();
    await checkA11y(page, 'recycling refused');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });
    await call(technicianCookie, 'POST', `/devices/${second.id}/status`, { status: 'to_recycle' });
  });

  it('sends a device marked "to recycle" from the stock’s bulk actions', async () => {
    const second = devices[1] as CreatedDevice;
    await page.goto(`${server.baseUrl}/stock?status=to_recycle`);
    await page.getByRole('heading', { level: 1, name: 'Stock' }).waitFor();
    await page.getByRole('checkbox', { name: `Sélectionner ${second.assetTag}` }).check();
    await page.getByRole('button', { name: 'Envoyer au recyclage…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Envoyer 1 appareil au recyclage' });
    await dialog.getByLabel(/^Recycleur/).fill(RECYCLER);
    await dialog.getByLabel(/^Poids total pesé/).fill('9,1');
    await dialog.getByLabel(/^Poids total pesé/).press('Enter');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirmer l’envoi' }).click();
    await page.getByText(`Lot enregistré : 1 appareil envoyé à ${RECYCLER} (9,1 kg)`).waitFor();
    await page.locator('.device-table tbody tr', { hasText: second.assetTag }).getByText('Recyclé').waitFor();

    await page.getByRole('link', { name: 'Recyclage (DEEE)' }).click();
    await page.getByText('2 lots').waitFor();
    await page.getByText('Aucun appareil n’attend le recyclage.', { exact: false }).waitFor();
  });
});
