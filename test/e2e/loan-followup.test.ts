/**
 * A loan followed up, in a real browser against a real server. Set up through the API: a loan programme
 * (12 months, renewable twice at most) run by a social action centre with a refurbisher partner, a ready
 * laptop reserved for a referred person. In the browser the centre's manager sees the cap on the programme,
 * hands the laptop over with a signature drawn on the pad (its thumbnail shown), renews the loan up to the
 * cap (« Renouvelé 2 fois sur 2 », no more « Prolonger »), makes a borrower's report link (shown once). Then
 * a link made through the API replaces it: the borrower, without an account, opens it, reports a problem
 * (the description is required) and sees the confirmation, while the first link now says « lien inconnu ou
 * expiré »; the manager finds the ticket on the maintenance page marked as reported by the borrower, with
 * the contact left. Every page and dialog is checked with axe-core.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, setUpSaleProgramme, YEAR } from './sale-programme.ts';
import { checkA11y, launchBrowser, newPage, startServer, type TestServer } from './support.ts';

const CCAS = 'CCAS de Pithiviers (e2e)';
const REFURBISHER = 'Emmaüs Connect (e2e)';
const FUNDER = 'Conseil départemental (e2e)';
const PASSWORD = 'une phrase de passe assez longue';
const MANAGER = 'agnes.responsable@ccas-pithiviers.example';
const SOCIAL_WORKER = 'hugo.travailleur@ccas-pithiviers.example';
const TECHNICIAN = 'zoe.technicienne@emmaus.example';
const PROGRAMME = `Prêts solidaires ${YEAR} (e2e)`;
const PERSON = 'Sami Benali';
const CONTACT = '06 12 34 56 78';

let server: TestServer;
let browser: Browser;
let programmeId = '';
let tag = '';
let firstLink = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const setUp = await setUpSaleProgramme(server, {
    ccas: { name: CCAS, postcode: '45300', city: 'Pithiviers' },
    refurbisher: REFURBISHER,
    funder: FUNDER,
    programme: PROGRAMME,
    password: PASSWORD,
    manager: [MANAGER, 'Agnès Responsable'],
    socialWorker: [SOCIAL_WORKER, 'Hugo Travailleur'],
    technician: [TECHNICIAN, 'Zoé Technicienne'],
    laptops: [{ brand: 'Lenovo', model: 'ThinkPad T470' }],
    people: [{ firstName: 'Sami', lastName: 'Benali' }],
    programmeOverrides: {
      mode: 'loan',
      unitPriceCents: null,
      subsidies: [],
      loanMonths: 12,
      loanRenewable: true,
      loanMaxRenewals: 2,
    },
  });
  programmeId = setUp.programmeId;
  tag = setUp.assetTags[0] as string;
  const { logInApi, api } = apiOf(server);
  const manager = await logInApi(MANAGER, PASSWORD);
  await api(manager, 'POST', '/allocations', {
    programmeId,
    beneficiaryId: setUp.beneficiaryIds[0],
    deviceId: setUp.deviceIds[0],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a loan, its renewals and the borrower’s report link', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await newPage(browser));
    await page.goto(`${server.baseUrl}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(MANAGER);
    await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('hands the laptop over with a drawn signature', async () => {
    await page.goto(`${server.baseUrl}/programmes/${programmeId}`);
    await page.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    await page.getByText('12 mois, renouvelable 2 fois au plus').waitFor();
    await page.getByRole('button', { name: `Remettre ${tag}` }).click();
    const dialog = page.getByRole('dialog', { name: `Remettre ${tag} à ${PERSON}` });
    await dialog.waitFor();
    const pad = dialog.getByRole('img', { name: /Signature de la personne/ });
    await checkA11y(page, 'handover dialog with the signature pad');
    const box = await pad.boundingBox();
    if (!box) throw new Error('the signature pad is not shown');
    await page.mouse.move(box.x + 30, box.y + box.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) {
      await page.mouse.move(box.x + 30 + step * 25, box.y + box.height / 2 + (step % 2 ? -20 : 20));
    }
    await page.mouse.up();
    await dialog.getByText('Signature dessinée.').waitFor();
    await dialog.getByRole('button', { name: 'Enregistrer la remise' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByText(`${tag} a été remis à ${PERSON}. Le prêt est à rendre le`, { exact: false })
      .waitFor();
    const thumbnail = page.getByRole('img', { name: `Signature dessinée à la remise de ${tag}` });
    await thumbnail.waitFor();
    await expect
      .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);
    await checkA11y(page, 'programme with a signed handover');
  });

  it('renews the loan up to the cap', async () => {
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Prêts' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Prêts' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(tag) });
    await row.getByText('Renouvelé 0 fois sur 2').waitFor();
    await checkA11y(page, 'loans with a cap');
    const renew = row.getByRole('button', { name: `Prolonger le prêt de ${tag}` });
    await renew.click();
    await row.getByText('Renouvelé 1 fois sur 2').waitFor();
    await renew.click();
    await row.getByText('Renouvelé 2 fois sur 2').waitFor();
    await page.getByText(`Le prêt de ${tag} est prolongé jusqu’au`, { exact: false }).waitFor();
    await row.getByText('Plus de prolongation possible').waitFor();
    await expect.poll(() => renew.count()).toBe(0);
    await checkA11y(page, 'loans with the cap reached');
  });

  it('makes a report link, shown once', async () => {
    const row = page.getByRole('row', { name: new RegExp(tag) });
    await row.getByRole('button', { name: `Lien de signalement pour ${tag}` }).click();
    const dialog = page.getByRole('dialog', { name: `Lien de signalement pour ${tag}` });
    await dialog.getByText(/sans compte/).waitFor();
    await dialog.getByRole('button', { name: 'Créer un lien' }).click();
    const field = dialog.getByLabel('Lien à donner à l’emprunteur');
    await field.waitFor();
    firstLink = await field.inputValue();
    expect(firstLink).toMatch(new RegExp(`^${server.baseUrl}/signaler/[A-Za-z0-9_-]+$`));
    await checkA11y(page, 'report link dialog');
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('Lien de signalement actif').waitFor();
  });

  it('lets the borrower report a problem through a link made by the API', async () => {
    const { logInApi, api } = apiOf(server);
    const manager = await logInApi(MANAGER, PASSWORD);
    const loans = await api<{ items: { id: string }[] }>(manager, 'GET', `/loans?programmeId=${programmeId}`);
    const loanId = loans.items[0]?.id as string;
    const { url } = await api<{ url: string }>(manager, 'POST', `/loans/${loanId}/report-link`);

    const borrower = await newPage(browser);
    try {
      const visitor = borrower.page;
      await visitor.goto(url);
      await visitor.getByRole('heading', { level: 1, name: 'Signaler un problème' }).waitFor();
      await visitor.getByText(`Ordinateur portable ${tag}, prêté par ${CCAS}`, { exact: false }).waitFor();
      await checkA11y(visitor, 'borrower’s report page');
      await visitor.getByRole('button', { name: 'Envoyer' }).click();
      await visitor.getByText('Écrivez ce qui ne va pas.').waitFor();
      await visitor.getByLabel(/Quel est le problème/).fill('Le clavier ne répond plus.');
      await visitor.getByLabel(/Comment vous joindre/).fill(CONTACT);
      await visitor.getByRole('button', { name: 'Envoyer' }).click();
      await visitor.getByRole('heading', { name: 'Merci, votre message est bien envoyé.' }).waitFor();
      await visitor
        .getByRole('region', { name: 'Vos signalements' })
        .getByText(/: Ouvert$/)
        .waitFor();
      await checkA11y(visitor, 'borrower’s report sent');

      // The first link was replaced by the API's: it no longer works.
      await visitor.goto(firstLink);
      await visitor.getByRole('heading', { level: 1, name: 'Lien inconnu ou expiré' }).waitFor();
      await checkA11y(visitor, 'unknown report link');
    } finally {
      await borrower.context.close();
    }

    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Maintenance' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Maintenance' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(tag) });
    await row.getByText('Le clavier ne répond plus.').waitFor();
    await row.getByText('Signalé par l’emprunteur').waitFor();
    await row.getByText(`Contact : ${CONTACT}`).waitFor();
    await checkA11y(page, 'maintenance with a borrower’s report');
  });
});
