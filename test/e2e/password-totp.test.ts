/**
 * Password reset and the second factor in a real browser against a real server with a real SMTP server:
 * the reset link is read from the e-mail as the person receives it (the outbox cuts it even for the
 * platform administrator). Then the second factor is set up on the account page with a code computed
 * here from the key shown, and the next login asks for a code. Every page is checked with axe-core.
 */
import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer } from '../support/smtp.ts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  checkA11y,
  launchBrowser,
  newPage,
  startServer,
  type TestServer,
} from './support.ts';

const MEMBER_EMAIL = 'claire.martin@double-facteur.example';
const OLD_PASSWORD = 'une ancienne phrase de passe oubliée';
const NEW_PASSWORD = 'une toute nouvelle phrase de passe';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** The code an authenticator app shows for this key, `offsetSteps` steps of 30 s from now. */
function codeFor(secret: string, offsetSteps = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

async function waitForMail(to: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const mail = smtp.received.find((m) => m.to.includes(to));
    if (mail) return mail.raw;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no e-mail to ${to}:\n${server.output()}`);
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startServer({ SMTP_URL: smtp.url });
  browser = await launchBrowser();
  const login = await fetch(`${server.baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const call = async (path: string, body: unknown) => {
    const reply = await fetch(`${server.baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: server.baseUrl },
      body: JSON.stringify(body),
    });
    if (!reply.ok) throw new Error(`POST ${path}: ${reply.status} ${await reply.text()}`);
    return (await reply.json()) as { id: string };
  };
  const organisation = await call('/organisations', {
    name: 'Atelier Double Facteur',
    kinds: ['association'],
  });
  await call(`/organisations/${organisation.id}/members`, {
    email: MEMBER_EMAIL,
    name: 'Claire Martin',
    role: 'admin',
    password: OLD_PASSWORD,
  });
  ({ context, page } = await newPage(browser));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

describe('password reset by e-mail, then a second factor', () => {
  let secret = '';

  it('sends a reset link from « Mot de passe oublié ? » and sets a new password through it', async () => {
    await page.goto(`${server.baseUrl}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(MEMBER_EMAIL);
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByRole('heading', { name: 'Mot de passe oublié' }).waitFor();
    // The address typed on the login page comes along.
    expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe(MEMBER_EMAIL);
    await checkA11y(page, 'mot de passe oublié');
    await page.getByRole('button', { name: 'Recevoir le lien' }).click();
    await page
      .getByRole('status')
      .getByText(/Si un compte correspond à/)
      .waitFor();
    await checkA11y(page, 'mot de passe oublié, demande envoyée');

    const raw = await waitForMail(MEMBER_EMAIL);
    const link = raw.match(/http:\/\/127\.0\.0\.1:\d+\/mot-de-passe\/[A-Za-z0-9_-]+/)?.[0];
    expect(link).toBeDefined();
    await page.goto(link as string);
    await page.getByRole('heading', { name: 'Choisir un nouveau mot de passe' }).waitFor();
    await page.getByText(`Compte : ${MEMBER_EMAIL}`).waitFor();
    await checkA11y(page, 'nouveau mot de passe');
    await page.getByLabel(/^Nouveau mot de passe/).fill(NEW_PASSWORD);
    await page.getByLabel(/^Confirmer le nouveau mot de passe/).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await page.getByText('Votre mot de passe a été changé. Connectez-vous avec le nouveau.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/connexion');

    // The link worked once.
    await page.goto(link as string);
    await page.getByRole('heading', { name: 'Lien de réinitialisation inutilisable' }).waitFor();
    await page
      .getByRole('alert')
      .getByText(/déjà servi/)
      .waitFor();
    // The message has the focus: a screen reader reads it at once.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toMatch(/déjà servi/);
    await checkA11y(page, 'lien déjà utilisé');
  });

  it('sets up the second factor on the account page with the QR code’s key and a code', async () => {
    await page.goto(`${server.baseUrl}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(MEMBER_EMAIL);
    await page.getByLabel('Mot de passe', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: 'Se déconnecter', exact: true }).waitFor();
    await page.goto(`${server.baseUrl}/compte`);
    const section = page.getByRole('region', { name: 'Double authentification' });
    await section.getByText(/vivement recommandé/).waitFor();
    // The password first: a session alone does not bind a phone to the account.
    await section.getByLabel(/^Mot de passe/).fill('not the password at all');
    await section.getByRole('button', { name: 'Configurer la double authentification' }).click();
    await section
      .getByRole('alert')
      .getByText(/mot de passe/i)
      .first()
      .waitFor();
    await section.getByLabel(/^Mot de passe/).fill(NEW_PASSWORD);
    await section.getByRole('button', { name: 'Configurer la double authentification' }).click();
    await section
      .getByRole('img', { name: 'QR code à scanner avec l’application d’authentification' })
      .waitFor();
    secret = await section.getByLabel('Ou saisissez cette clé dans l’application').inputValue();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const codeField = section.getByLabel(/^Code à 6 chiffres/);
    expect(await codeField.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await codeField.getAttribute('inputmode')).toBe('numeric');
    await checkA11y(page, 'compte, configuration de la double authentification');
    await codeField.fill(codeFor(secret));
    await section.getByRole('button', { name: 'Activer' }).click();
    await section
      .getByText('La double authentification est activée. Vos autres sessions ont été fermées.')
      .waitFor();
    await section.getByText(/Activée depuis le/).waitFor();
    await checkA11y(page, 'compte, double authentification activée');
  });

  it('asks for the code at the next login: a wrong one is announced, the right one logs in', async () => {
    await page.getByRole('button', { name: 'Se déconnecter', exact: true }).click();
    await page.getByRole('heading', { name: 'Se connecter' }).waitFor();
    await page.getByLabel('Adresse e-mail').fill(MEMBER_EMAIL);
    await page.getByLabel('Mot de passe', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Code de vérification' }).waitFor();
    const code = page.getByLabel('Code à 6 chiffres');
    // The field has the focus: the person types at once.
    await expect.poll(() => code.evaluate((element) => element === document.activeElement)).toBe(true);
    await checkA11y(page, 'connexion, code de vérification');
    await code.fill(codeFor(secret, 5));
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page
      .getByRole('alert')
      .getByText(/Code incorrect ou déjà utilisé\. Essais restants : 4\./)
      .waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    await checkA11y(page, 'connexion, code refusé');
    // The next step's code: the one used to turn the factor on cannot serve twice.
    await code.fill(codeFor(secret, 1));
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.getByRole('button', { name: 'Se déconnecter', exact: true }).waitFor();
    // Back where the person was before logging out.
    expect(new URL(page.url()).pathname).toBe('/compte');
  });
});
