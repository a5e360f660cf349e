/**
 * « Tâches » in a real browser against a real server: the platform administrator finds it in the
 * navigation, sees each periodic job (with this server's next turn) and the e-mail queue, reloads it;
 * accessibility checks on the page. An organisation's administrator has no such link.
 */
import type { Browser } from 'playwright-core';
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

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('jobs page', () => {
  it('shows the platform administrator the periodic jobs and the e-mail queue, accessibly', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${server.baseUrl}/connexion`);
      await page.getByLabel('Adresse e-mail').fill(ADMIN_EMAIL);
      await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();

      await page.getByRole('navigation').getByRole('link', { name: 'Tâches' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tâches' }).waitFor();
      expect(await page.title()).toContain('Tâches');
      await page.getByRole('heading', { level: 2, name: 'File des courriels' }).waitFor();
      const table = page.getByRole('table', { name: 'Tâches périodiques et leur dernier passage' });
      for (const job of [
        'Rappels de fin de prêt',
        'Questionnaires de suivi',
        'Anonymisation des personnes inactives',
      ]) {
        await expect(table.getByRole('rowheader', { name: job }).count()).resolves.toBe(1);
      }
      // Just started: nothing has run yet, and the next turn is announced.
      const reminders = table.getByRole('row', { name: /Rappels de fin de prêt/ });
      await expect(reminders.textContent()).resolves.toMatch(/Jamais lancée.*toutes les 60 minutes/);
      await checkA11y(page, 'jobs');

      await page.getByRole('button', { name: 'Actualiser' }).click();
      await page.getByRole('heading', { level: 2, name: 'Tâches périodiques' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
