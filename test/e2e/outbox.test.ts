/**
 * The outbox page in a real browser against a real server without SMTP_URL: a member added without a
 * password gets an invitation mail, which the administrator finds « Stocké » on « Courriels envoyés »,
 * opens, and reads with its invitation link; the status filter's empty state; accessibility checks on
 * the page and on the dialog.
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

const ORGANISATION = 'Association Courriels (e2e)';
const MEMBER_EMAIL = 'lea.martin@courriels.example';
const MEMBER_NAME = 'Léa Martin';

let server: TestServer;
let browser: Browser;
let invitationUrl = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const response = await fetch(`${server.baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  expect(response.status).toBe(200);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const call = async <T>(path: string, body: unknown): Promise<T> => {
    const reply = await fetch(`${server.baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!reply.ok) throw new Error(`POST ${path}: ${reply.status} ${await reply.text()}`);
    return (await reply.json()) as T;
  };
  const organisation = await call<{ id: string }>('/organisations', {
    name: ORGANISATION,
    kinds: ['association'],
  });
  // No password: the member is invited, and the invitation is written to the outbox.
  const added = await call<{ invitation: { url: string } | null }>(
    `/organisations/${organisation.id}/members`,
    { email: MEMBER_EMAIL, name: MEMBER_NAME, role: 'social_worker' },
  );
  invitationUrl = added.invitation?.url ?? '';
  expect(invitationUrl).toContain('/invitation/');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('outbox page', () => {
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

  it('opens "Courriels" from the navigation and lists the invitation as stored', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Courriels' }).click();
    await page.getByRole('heading', { level: 1, name: 'Courriels envoyés' }).waitFor();
    await page.getByText('1 courriel affiché.').waitFor();
    await page.getByText(/Aucun serveur d’envoi n’est configuré \(SMTP_URL\)/).waitFor();
    const row = page.getByRole('row', { name: new RegExp(MEMBER_EMAIL) });
    await row.getByText(`Votre compte Seconde Vie chez ${ORGANISATION}`).waitFor();
    await row.getByText('Stocké', { exact: true }).waitFor();
    await checkA11y(page, 'outbox');
  });

  it('reads the mail in a dialog: its plain text holds the invitation link', async () => {
    await page
      .getByRole('button', {
        name: `Lire le courriel « Votre compte Seconde Vie chez ${ORGANISATION} » à ${MEMBER_EMAIL}`,
      })
      .click();
    const dialog = page.getByRole('dialog', { name: `Votre compte Seconde Vie chez ${ORGANISATION}` });
    const body = dialog.locator('pre');
    await body.getByText(invitationUrl).waitFor();
    expect(await body.textContent()).toContain(`Bonjour ${MEMBER_NAME},`);
    // The HTML body is never rendered: no link element inside the dialog.
    expect(await dialog.locator('a').count()).toBe(0);
    await checkA11y(page, 'outbox mail dialog');
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('filters on a status: none sent, then back to all', async () => {
    const filters = page.getByRole('form', { name: 'Filtrer les courriels' });
    await filters.getByLabel('Statut').selectOption('sent');
    await filters.getByRole('button', { name: 'Filtrer' }).click();
    await page.getByText('Aucun courriel n’a ce statut.').waitFor();
    await filters.getByRole('button', { name: 'Effacer le filtre' }).click();
    await page.getByText('1 courriel affiché.').waitFor();
  });
});
