/**
 * The platform administrator's accounts page in a real browser against a real server: "Comptes" in the
 * navigation, a search for a member created earlier, disabling the account (after a confirmation) and
 * enabling it again, with accessibility checks on the page and on the dialog.
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

const MEMBER_EMAIL = 'marie.durand@comptes.example';
const MEMBER_NAME = 'Marie Durand';
const MEMBER_PASSWORD = 'une phrase de passe tout à fait correcte';

let server: TestServer;
let browser: Browser;

async function login(email: string, password: string): Promise<Response> {
  return fetch(`${server.baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const response = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
  expect(response.status).toBe(200);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const call = async (path: string, body: unknown) => {
    const reply = await fetch(`${server.baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!reply.ok) throw new Error(`POST ${path}: ${reply.status} ${await reply.text()}`);
    return (await reply.json()) as { id: string };
  };
  const organisation = await call('/organisations', {
    name: 'Association Comptes (e2e)',
    kinds: ['association'],
  });
  await call(`/organisations/${organisation.id}/members`, {
    email: MEMBER_EMAIL,
    name: MEMBER_NAME,
    role: 'social_worker',
    password: MEMBER_PASSWORD,
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('accounts page', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await newPage(browser));
    await page.goto(`${server.baseUrl}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(ADMIN_EMAIL);
    await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('opens "Comptes" from the navigation; my own row offers no disabling nor demotion', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Comptes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Comptes' }).waitFor();
    await page.getByText('2 comptes affichés.').waitFor();
    const myRow = page.getByRole('row', { name: /\(vous\)/ });
    await myRow.getByText('Actif', { exact: true }).waitFor();
    expect(await myRow.getByRole('button', { name: /Désactiver/ }).count()).toBe(0);
    expect(await myRow.getByRole('button', { name: /Retirer l’administration/ }).count()).toBe(0);
    await checkA11y(page, 'accounts');
  });

  it('searches the member, then finds nothing for an unknown name', async () => {
    const search = page.getByRole('search', { name: 'Rechercher un compte' });
    await search.getByRole('searchbox').fill('durand');
    await search.getByRole('searchbox').press('Enter');
    await page.getByText('1 compte affiché.').waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('durand');
    await page
      .getByRole('row', { name: new RegExp(MEMBER_NAME) })
      .getByText(MEMBER_EMAIL)
      .waitFor();

    await search.getByRole('searchbox').fill('personne-inconnue');
    await search.getByRole('searchbox').press('Enter');
    await page.getByText('Aucun compte ne correspond à cette recherche.').waitFor();

    await search.getByRole('searchbox').fill(MEMBER_EMAIL);
    await search.getByRole('searchbox').press('Enter');
    await page.getByText('1 compte affiché.').waitFor();
  });

  it('disables the member after a confirmation: they can no longer log in', async () => {
    const row = page.getByRole('row', { name: new RegExp(MEMBER_NAME) });
    await row.getByText('Actif', { exact: true }).waitFor();
    await row.getByRole('button', { name: `Désactiver le compte de ${MEMBER_NAME}` }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Désactiver ce compte ?' });
    await dialog.getByText(/ne pourra plus se connecter/).waitFor();
    await checkA11y(page, 'disable dialog');
    await dialog.getByRole('button', { name: 'Désactiver le compte' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`Le compte de ${MEMBER_NAME} est désactivé.`).waitFor();
    await row.getByText('Désactivé', { exact: true }).waitFor();
    const enable = row.getByRole('button', { name: `Réactiver le compte de ${MEMBER_NAME}` });
    await expect.poll(() => enable.evaluate((button) => button === document.activeElement)).toBe(true);
    expect((await login(MEMBER_EMAIL, MEMBER_PASSWORD)).ok).toBe(false);
    await checkA11y(page, 'accounts with a disabled account');
  });

  it('re-enables the member', async () => {
    const row = page.getByRole('row', { name: new RegExp(MEMBER_NAME) });
    await row.getByRole('button', { name: `Réactiver le compte de ${MEMBER_NAME}` }).click();
    await page.getByText(`Le compte de ${MEMBER_NAME} est réactivé.`).waitFor();
    await row.getByText('Actif', { exact: true }).waitFor();
    expect((await login(MEMBER_EMAIL, MEMBER_PASSWORD)).ok).toBe(true);
  });

  it('renames the member inline', async () => {
    const row = page.getByRole('row', { name: new RegExp(MEMBER_NAME) });
    await row.getByRole('button', { name: `Renommer ${MEMBER_NAME}` }).click();
    const input = page.getByLabel(`Nouveau nom de ${MEMBER_NAME}`);
    await input.fill('Marie Durand-Petit');
    await input.press('Enter');
    await page.getByText('Le compte s’appelle maintenant « Marie Durand-Petit ».').waitFor();
    await page.getByRole('row', { name: /Marie Durand-Petit/ }).waitFor();
  });
});
