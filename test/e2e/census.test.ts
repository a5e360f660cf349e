/**
 * The needs census in a real browser against a real server. Set up through the API: a sale programme of a
 * social action centre whose census page is open. A member of the public registers a need on the public
 * page in French (the form's own errors first: no device, a name without the consent box; the summary
 * takes the focus), then reads what happens next; the page is checked in English too. The centre's manager
 * opens « Recensement des besoins » from the programme, sees the counts by town, group and device, and
 * turns the named need into a referral in one click (confirmed first, the facts the programme's rules ask
 * that the need lacks said); the « Non éligible » verdict shows its reasons and links to the person's record. A
 * need whose person already has a record at the centre offers that record (« C’est la même personne »)
 * instead of a second one.
 * Every page and dialog is checked with axe-core.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, setUpSaleProgramme, YEAR } from './sale-programme.ts';
import { checkA11y, launchBrowser, newPage, startServer, type TestServer } from './support.ts';

const CCAS = 'CCAS de Gien (e2e)';
const PROGRAMME = `Ordi solidaire Gien ${YEAR} (e2e)`;
const PASSWORD = 'une phrase de passe assez longue';
const MANAGER = 'lea.responsable@ccas-gien.example';

let server: TestServer;
let browser: Browser;
let programmeId = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const setUp = await setUpSaleProgramme(server, {
    ccas: { name: CCAS, postcode: '45500', city: 'Gien' },
    refurbisher: 'Atelier de Gien (e2e)',
    funder: 'Ville de Gien (e2e)',
    programme: PROGRAMME,
    password: PASSWORD,
    manager: [MANAGER, 'Léa Responsable'],
    socialWorker: ['marc.social@ccas-gien.example', 'Marc Social'],
    technician: ['tom.tech@atelier-gien.example', 'Tom Tech'],
    laptops: [],
    people: [],
    // As the demo's sale: rules on facts the census does not ask (income situation, family quotient).
    programmeOverrides: {
      eligibility: {
        cities: ['Gien', 'Briare'],
        incomeSituations: ['rsa', 'aah'],
        maxFamilyQuotientCents: 80000,
      },
    },
  });
  programmeId = setUp.programmeId;
  const { logInApi, api } = apiOf(server);
  const manager = await logInApi(MANAGER, PASSWORD);
  await api(manager, 'PUT', `/programmes/${programmeId}/census-settings`, {
    publicOpen: true,
    introduction: 'Dites-nous ce dont vous avez besoin avant la vente.',
  });
  // Two needs already there: an anonymous one from Briare, and one from Gien.
  for (const town of ['Briare', 'Gien']) {
    await fetch(`${server.baseUrl}/api/v1/public/programmes/${programmeId}/needs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'person', deviceNeed: 'tablet', town, targetGroup: 'senior' }),
    });
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the needs census', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await newPage(browser));
  });
  afterAll(async () => {
    await context?.close();
  });

  it('lets a member of the public register a named need, in plain French', async () => {
    await page.goto(`${server.baseUrl}/besoins/${programmeId}`);
    await page.getByRole('heading', { level: 1, name: 'Dire mon besoin d’ordinateur' }).waitFor();
    await page.getByText(`${CCAS} recense les besoins pour le programme « ${PROGRAMME} ».`).waitFor();
    await page.getByText('Le programme concerne ces communes : Gien, Briare.').waitFor();
    await checkA11y(page, 'public census page');

    // A name without the consent box, and no device: both said, the summary focused.
    await page.getByLabel('Prénom').fill('Josiane');
    await page.getByLabel(/^Nom \(/).fill('Perrin');
    await page.getByRole('button', { name: 'Envoyer ma réponse' }).click();
    const summary = page.getByRole('alert');
    await summary.getByText('Choisissez un appareil.').waitFor();
    await summary.getByText(/Cochez cette case pour laisser votre nom/).waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    await checkA11y(page, 'public census page with errors');

    await page.getByLabel('Un ordinateur portable').check();
    // One radio per choice, and the visible one shows the choice (no second, decorative circle).
    await page.getByLabel('Une personne').check();
    expect(await page.locator('form label.radio').count()).toBe(0);
    const radios = page.locator('form input[type="radio"]');
    expect(await radios.count()).toBeGreaterThan(2);
    for (const radio of await radios.all()) expect(await radio.isVisible()).toBe(true);
    expect(await page.getByLabel('Une personne').isChecked()).toBe(true);
    await page.locator('fieldset.radio-group').first().screenshot({ path: 'test-results/census-radios.png' });
    await page.getByLabel('Votre commune').fill('Gien');
    await page.getByLabel('Votre situation').selectOption('job_seeker');
    await page
      .getByLabel('Pourquoi en avez-vous besoin ?')
      .fill('Chercher un emploi et faire mes démarches.');
    await page.getByLabel('Téléphone').fill('06 55 44 33 22');
    // With the keyboard, as many people fill forms.
    await page.getByRole('checkbox', { name: /J’accepte que/ }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Envoyer ma réponse' }).click();
    await page.getByRole('heading', { level: 2, name: 'Merci, votre réponse est enregistrée' }).waitFor();
    await page.getByText(/a votre nom et votre contact/).waitFor();
    await checkA11y(page, 'public census page, sent');
  });

  it('reads in English too', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tell us you need a computer' }).waitFor();
    await page.getByRole('button', { name: 'Tell us another need' }).click();
    await page.getByRole('button', { name: 'Send my answer' }).click();
    // English spacing in the error summary (no space before the colon).
    await page.getByRole('alert').getByText('The device: Choose a device.').waitFor();
    // The owner's introduction stays in their words, marked as French for screen readers.
    await page
      .locator('p[lang="fr"]')
      .getByText('Dites-nous ce dont vous avez besoin avant la vente.')
      .waitFor();
    await checkA11y(page, 'public census page in English');
    await page.getByRole('button', { name: 'Français' }).click();
  });

  it('shows the owner the counts and turns the named need into a referral in one click', async () => {
    await page.goto(`${server.baseUrl}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(MANAGER);
    await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
    await page.goto(`${server.baseUrl}/programmes/${programmeId}`);
    await page.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    await page.getByRole('link', { name: 'Recensement des besoins' }).click();
    await page.getByRole('heading', { level: 1, name: `Recensement des besoins : ${PROGRAMME}` }).waitFor();
    await page.getByText('La page publique prend des besoins en ce moment.').waitFor();

    const byTown = page.getByRole('table', { name: 'Par commune' });
    await byTown.getByRole('row', { name: 'Gien 2' }).waitFor();
    await byTown.getByRole('row', { name: 'Briare 1' }).waitFor();
    const byDevice = page.getByRole('table', { name: 'Par appareil' });
    await byDevice.getByRole('row', { name: 'Une tablette 2' }).waitFor();
    await byDevice.getByRole('row', { name: 'Un ordinateur portable 1' }).waitFor();
    await page
      .getByRole('table', { name: 'Par public' })
      .getByRole('row', { name: 'Personne âgée 2' })
      .waitFor();
    await checkA11y(page, 'staff census page');

    await page.getByRole('button', { name: 'Orienter Josiane Perrin' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('heading', { name: 'Orienter Josiane Perrin ?' }).waitFor();
    // The facts the rules will ask that the need has not: said before referring.
    await dialog
      .getByText(
        'Les conditions du programme demandent aussi la situation de revenus (RSA, AAH…) et le quotient familial : le besoin ne les a pas.',
        { exact: false },
      )
      .waitFor();
    await checkA11y(page, 'refer dialog');
    await dialog.getByRole('button', { name: 'Orienter' }).click();
    const notice = page.getByText('Josiane Perrin est orienté(e) : Non éligible.');
    await notice.waitFor();
    // The verdict's reasons, in words, and where to complete them.
    const reasons = page.getByTestId('referral-reasons');
    await reasons
      .getByText('La situation de revenus n’est pas renseignée : le programme en a besoin.')
      .waitFor();
    await reasons
      .getByText(/Le quotient familial n’est pas renseigné : le programme fixe un plafond de 800/)
      .waitFor();
    await checkA11y(page, 'staff census page after an ineligible referral');
    await reasons.locator('..').screenshot({ path: 'test-results/census-verdict.png' });
    // The need keeps no name once referred: its row links to the person's record.
    await page.getByRole('link', { name: 'Fiche de la personne', exact: true }).waitFor();
    await page.getByRole('link', { name: /^Compléter la fiche de la personne/ }).click();
    await page.getByRole('heading', { level: 1, name: /Josiane Perrin/ }).waitFor();
  });

  it('offers the record the centre already has instead of a second one', async () => {
    // Marcel Bonnet already has a record at the centre; he also left his need on the public page.
    const { logInApi, api } = apiOf(server);
    const manager = await logInApi(MANAGER, PASSWORD);
    const existing = await api<{ id: string }>(manager, 'POST', '/beneficiaries', {
      kind: 'person',
      firstName: 'Marcel',
      lastName: 'Bonnet',
      birthYear: 1958,
      city: 'Gien',
      consentGivenOn: new Date().toISOString().slice(0, 10),
    });
    await fetch(`${server.baseUrl}/api/v1/public/programmes/${programmeId}/needs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'person',
        deviceNeed: 'laptop',
        town: 'Gien',
        firstName: 'Marcel',
        lastName: 'Bonnet',
        consent: true,
      }),
    });
    await page.goto(`${server.baseUrl}/programmes/${programmeId}/besoins`);
    await page.getByRole('button', { name: 'Orienter Marcel Bonnet' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('button', { name: 'Orienter' }).click();
    await dialog.getByRole('heading', { name: 'Cette personne a peut-être déjà une fiche' }).waitFor();
    await dialog.getByText('Marcel Bonnet — née ou né en 1958, Gien').waitFor();
    await dialog.getByRole('button', { name: 'Créer une nouvelle fiche' }).waitFor();
    await checkA11y(page, 'refer dialog with a lookalike record');
    await dialog.getByRole('button', { name: /^C’est la même personne : Marcel Bonnet/ }).click();
    await page.getByText(/Marcel Bonnet est orienté\(e\)/).waitFor();
    await page.getByRole('link', { name: /^Compléter la fiche de la personne/ }).click();
    await page.waitForURL(`**/beneficiaires/${existing.id}`);
    await page.getByRole('heading', { level: 1, name: /Marcel Bonnet/ }).waitFor();
  });
});
