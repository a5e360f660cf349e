/**
 * The first journey through the web app, in a real browser against a real server: log in (French by
 * default), switch to English, create an organisation, add a member by invitation, accept it, log out —
 * with an accessibility check on every page on the way.
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

const ORGANISATION = 'Atelier Reboot (e2e)';
const SIRET = '44123456700010';

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

describe('login', () => {
  it('shows the server’s message next to the form on a wrong password', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${server.baseUrl}/connexion`);
      await page.getByLabel('Adresse e-mail').fill(ADMIN_EMAIL);
      await page.getByLabel('Mot de passe', { exact: true }).fill('not the right password');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      const alert = page.locator('#login-error[role="alert"]');
      await alert.filter({ hasText: /\S/ }).waitFor();
      expect((await alert.textContent())?.length).toBeGreaterThan(5);
      expect(page.url()).toContain('/connexion');
      expect(await page.getByLabel('Mot de passe', { exact: true }).getAttribute('aria-invalid')).toBe(
        'true',
      );
    } finally {
      await context.close();
    }
  });

  it('works with the keyboard alone', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${server.baseUrl}/connexion`);
      await page.locator('#login-email').waitFor();
      // The first Tab reaches the skip link.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.className)).toContain('skip-link');
      for (let i = 0; i < 10; i++) {
        if ((await page.evaluate(() => document.activeElement?.id)) === 'login-email') break;
        await page.keyboard.press('Tab');
      }
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-email');
      await page.keyboard.type(ADMIN_EMAIL);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-password');
      await page.keyboard.type(ADMIN_PASSWORD);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.baseUrl}/`);
      await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
    } finally {
      await context.close();
    }
  });
});

describe('foundation journey', () => {
  let context: BrowserContext;
  let page: Page;
  let invitationPath = '';

  beforeAll(async () => {
    ({ context, page } = await newPage(browser));
  });

  afterAll(async () => {
    await context?.close();
  });

  it('answers the bare address with the app, whatever the client accepts', async () => {
    // A browser asks for compressed files; a script or an old client may not: both get the page.
    for (const encoding of ['identity', 'gzip, br']) {
      const res = await fetch(`${server.baseUrl}/`, { headers: { 'accept-encoding': encoding } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('<html lang="fr">');
    }
  });

  it('opens on the login page, in French', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(/\/connexion$/);
    await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.title()).toContain('Se connecter');
    await checkA11y(page, 'login');
  });

  it('logs in as the administrator and lands on the home page', async () => {
    await page.getByLabel('Adresse e-mail').fill(ADMIN_EMAIL);
    await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('navigation').getByRole('link', { name: 'Journal d’audit' }).waitFor();
    // A new instance: the first-run choices are offered to the platform administrator.
    await page.getByRole('link', { name: 'Créer la première organisation' }).waitFor();
    await checkA11y(page, 'home');
  });

  it('switches to English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'My account' }).waitFor();
    await page.getByRole('heading', { level: 1, name: /Hello/ }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('lists the (empty) organisation directory', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Organisations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
    await page.getByText('The directory is empty for now.').waitFor();
    await checkA11y(page, 'organisations list');
  });

  it('creates an organisation', async () => {
    await page.getByRole('link', { name: 'New organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'New organisation' }).waitFor();
    await checkA11y(page, 'create form');

    // A wrong SIRET is caught before sending.
    await page.locator('#org-name').fill(ORGANISATION);
    await page.getByText('Refurbisher', { exact: true }).click();
    await page.locator('#org-siret').fill('44123456700011');
    await page.getByRole('button', { name: 'Create the organisation' }).click();
    await page.getByText('A SIRET has 14 digits and a valid check digit').waitFor();
    expect(await page.locator('#org-siret').getAttribute('aria-invalid')).toBe('true');

    await page.locator('#org-siret').fill(SIRET);
    await page.locator('#org-postcode').fill('45100');
    await page.locator('#org-city').fill('Saint-Aubin-sur-Loire');
    await page.getByRole('button', { name: 'Create the organisation' }).click();
    await page.getByRole('heading', { level: 1, name: ORGANISATION }).waitFor();
    await page.getByText(`The organisation “${ORGANISATION}” has been created.`).waitFor();
  });

  it('finds the organisation in the directory and opens it', async () => {
    await page.getByRole('link', { name: 'Back to the directory' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
    await page.getByRole('link', { name: ORGANISATION }).click();
    await page.getByRole('heading', { level: 1, name: ORGANISATION }).waitFor();
    await page.getByText(SIRET).waitFor();
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    await checkA11y(page, 'organisation detail');
  });

  it('adds a member without a password and shows the invitation link', async () => {
    await page.getByLabel('E-mail address').fill('claire.martin@example.org');
    await page.getByLabel('Full name').fill('Claire Martin');
    await page.locator('.select-button').click();
    await page.getByRole('option', { name: /Social worker/ }).click();
    await page.getByRole('button', { name: 'Add the member' }).click();
    await page.getByRole('heading', { name: 'Invitation link for Claire Martin' }).waitFor();
    const link = await page.getByRole('textbox', { name: 'Invitation link' }).inputValue();
    expect(link).toMatch(/\/invitation\/[\w-]{10,}$/);
    invitationPath = new URL(link).pathname;
    await page
      .getByRole('row', { name: /Claire Martin/ })
      .getByText('Invitation pending')
      .waitFor();
    await checkA11y(page, 'organisation detail with invitation');
  });

  it('shows my account', async () => {
    await page.getByRole('link', { name: 'My account' }).click();
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    await page.getByText(ADMIN_EMAIL).waitFor();
    await checkA11y(page, 'account');
  });

  it('sends back to the login page when the session ends, then back where one was', async () => {
    await context.clearCookies();
    await page.getByRole('navigation').getByRole('link', { name: 'Organisations' }).click();
    await page.waitForURL(/\/connexion$/);
    await page.getByText('Your session has ended. Log in again to continue.').waitFor();
    await page.getByLabel('E-mail address').fill(ADMIN_EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/organisations');
  });

  it('logs out', async () => {
    await page.getByRole('button', { name: 'Log out', exact: true }).click();
    await page.waitForURL(/\/connexion$/);
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    expect(me).toBe(401);
  });

  it('lets the invited member choose a password and join', async () => {
    const invited = await newPage(browser);
    try {
      await invited.page.goto(`${server.baseUrl}${invitationPath}`);
      await invited.page
        .getByRole('heading', { level: 1, name: `Vous êtes invité(e) à rejoindre ${ORGANISATION}` })
        .waitFor();
      await checkA11y(invited.page, 'invitation');
      await invited.page.locator('#invitation-password').fill('un mot de passe assez long');
      await invited.page.getByLabel('Confirmer le mot de passe').fill('un mot de passe assez long');
      await invited.page.getByRole('button', { name: 'Activer mon compte' }).click();
      await invited.page.getByRole('heading', { level: 1, name: 'Bonjour Claire Martin' }).waitFor();
      await invited.page.getByRole('link', { name: ORGANISATION }).first().waitFor();
      // A social worker does not see the audit log.
      expect(await invited.page.getByRole('link', { name: 'Journal d’audit' }).count()).toBe(0);
    } finally {
      await invited.context.close();
    }
  });

  it('shows a "not found" page for an unknown address', async () => {
    await page.goto(`${server.baseUrl}/nulle-part`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  });
});
