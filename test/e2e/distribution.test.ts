/**
 * Distribution in a real browser against a real server. Set up through the API: a sale programme (130 €
 * with an 88 € subsidy: 42 € left to pay) run by a social action centre with a refurbisher partner, whose
 * technician brings a laptop (no storage, so no erasure) to ready through diagnosed → refurbishing → ready,
 * and a person referred to the programme (eligible, needing a laptop). In the browser the centre's manager
 * opens the programme, allocates the laptop from the waiting list (the type pre-set to the person's need),
 * opens and keeps the cancellation, hands the device over — the amount pre-filled with 42,00, a different
 * amount asking for a note — paid by card, and sees it « Remis »; the loans page opens empty. Every page
 * and dialog on the way is checked with axe-core.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpSaleProgramme, YEAR } from './sale-programme.ts';
import { checkA11y, launchBrowser, newPage, startServer, type TestServer } from './support.ts';

const CCAS = 'CCAS de Gien (e2e)';
const REFURBISHER = 'Atelier du Réemploi (e2e)';
const FUNDER = 'Département du Loiret (e2e)';
const PASSWORD = 'une phrase de passe assez longue';
const MANAGER = 'marie.responsable@ccas-gien.example';
const SOCIAL_WORKER = 'samir.travailleur@ccas-gien.example';
const TECHNICIAN = 'theo.technicien@reemploi.example';
const PROGRAMME = `Équipement solidaire ${YEAR} (e2e)`;
const PERSON = 'Nora Petit';

let server: TestServer;
let browser: Browser;
let programmeId = '';
let assetTag = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const setUp = await setUpSaleProgramme(server, {
    ccas: { name: CCAS, postcode: '45500', city: 'Gien' },
    refurbisher: REFURBISHER,
    funder: FUNDER,
    programme: PROGRAMME,
    password: PASSWORD,
    manager: [MANAGER, 'Marie Responsable'],
    socialWorker: [SOCIAL_WORKER, 'Samir Travailleur'],
    technician: [TECHNICIAN, 'Théo Technicien'],
    laptops: [{ brand: 'Dell', model: 'Latitude 5490' }],
    people: [{ firstName: 'Nora', lastName: 'Petit' }],
  });
  programmeId = setUp.programmeId;
  assetTag = setUp.assetTags[0] as string;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the manager allocates and hands over a device', () => {
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

  it('opens the programme: the person waits, nothing is allocated yet', async () => {
    await page.goto(`${server.baseUrl}/programmes/${programmeId}`);
    await page.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    const waiting = page.getByRole('region', { name: 'Liste d’attente' });
    await waiting.getByRole('link', { name: PERSON }).waitFor();
    await page
      .getByText('Aucun appareil attribué pour le moment. Attribuez-en un depuis la liste d’attente.')
      .waitFor();
    await checkA11y(page, 'programme with its waiting list');
  });

  it('allocates the ready laptop from the waiting list', async () => {
    await page.getByRole('button', { name: `Attribuer un appareil à ${PERSON}` }).click();
    const dialog = page.getByRole('dialog', { name: `Attribuer un appareil à ${PERSON}` });
    await dialog.waitFor();
    // Pre-set to the person's need.
    expect(await dialog.getByLabel('Type d’appareil').inputValue()).toBe('laptop');
    await dialog.getByText('Besoin indiqué pour cette personne : Ordinateur portable.').waitFor();
    const choice = dialog.getByRole('radio', {
      name: new RegExp(`^${assetTag} — Ordinateur portable, Dell Latitude 5490`),
    });
    await choice.waitFor();
    await checkA11y(page, 'allocate dialog');
    // Nothing chosen: said next to the list.
    await dialog.getByRole('button', { name: 'Attribuer cet appareil' }).click();
    await dialog.getByText('Choisissez un appareil.').waitFor();
    await choice.check();
    await dialog.getByRole('button', { name: 'Attribuer cet appareil' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`${assetTag} est réservé pour ${PERSON}.`).waitFor();
    const allocations = page.getByRole('region', { name: 'Attributions' });
    const row = allocations.getByRole('row', { name: new RegExp(assetTag) });
    await row.getByText('Réservé', { exact: true }).waitFor();
    await row.getByRole('link', { name: PERSON }).waitFor();
    await page.getByRole('region', { name: 'Liste d’attente' }).getByText(`Réservé : ${assetTag}`).waitFor();
    await checkA11y(page, 'programme with a reservation');
  });

  it('opens the cancellation and keeps the allocation', async () => {
    await page.getByRole('button', { name: `Annuler l’attribution de ${assetTag}` }).click();
    const dialog = page.getByRole('alertdialog', { name: `Annuler l’attribution de ${assetTag} ?` });
    await dialog.waitFor();
    await dialog.getByLabel(/Motif de l’annulation/).waitFor();
    await checkA11y(page, 'cancel allocation dialog');
    await dialog.getByRole('button', { name: 'Garder l’attribution' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('hands it over, paid 42,00 € by card as pre-filled', async () => {
    await page.getByRole('button', { name: `Remettre ${assetTag}` }).click();
    const dialog = page.getByRole('dialog', { name: `Remettre ${assetTag} à ${PERSON}` });
    await dialog.waitFor();
    const amount = dialog.getByLabel(/Montant payé/);
    expect(await amount.inputValue()).toBe('42,00');
    await dialog.getByText(/Participation prévue : 42\s€\./).waitFor();
    await checkA11y(page, 'handover dialog');
    // Another amount asks for a note, said as it is typed.
    await amount.fill('40');
    await dialog.getByText(/Le montant diffère de la participation prévue/).waitFor();
    await amount.fill('42,00');
    await expect.poll(() => dialog.getByText(/Le montant diffère/).count()).toBe(0);
    await dialog.getByLabel(/Moyen de paiement/).selectOption({ label: 'Carte bancaire' });
    await dialog.getByRole('button', { name: 'Enregistrer la remise' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`${assetTag} a été remis à ${PERSON}.`).waitFor();
    const row = page
      .getByRole('region', { name: 'Attributions' })
      .getByRole('row', { name: new RegExp(assetTag) });
    await row.getByText('Remis', { exact: true }).waitFor();
    await row.getByText(/Payé : 42\s€ \(Carte bancaire\)/).waitFor();
    await expect.poll(() => row.getByRole('button', { name: `Remettre ${assetTag}` }).count()).toBe(0);
    await checkA11y(page, 'programme after the handover');
  });

  it('finds the loans page in the navigation', async () => {
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Prêts' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Prêts' }).waitFor();
    await page.getByText('Aucun prêt pour le moment.').waitFor();
    await page.getByLabel('Seulement les prêts en retard').check();
    await page.getByText('Aucun prêt en retard.').waitFor();
    await checkA11y(page, 'loans');
  });
});
