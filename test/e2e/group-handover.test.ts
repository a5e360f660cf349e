/**
 * Suggestions and a group handover day in a real browser against a real server. Set up through the API: a
 * sale programme (130 € with an 88 € subsidy: 42 € left to pay) run by a social action centre with a
 * refurbisher partner, whose technician brings two laptops (no storage, so no erasure) to ready through
 * diagnosed → refurbishing → ready, and two people referred to the programme (eligible, needing a laptop;
 * one needs adaptations). In the browser the centre's manager asks for suggestions (both matched), reserves
 * the selection, plans a handover day today at « Salle des fêtes », puts both reservations on it, records
 * the day's handovers (42,00 € each, pre-filled, in cash), sees both « Remis » and downloads a receipt.
 * The page and every dialog on the way are checked with axe-core.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Today in the instance's time zone, as the server and the browser (see newPage) count it.
import { today } from '../../src/lib/dates.ts';
import { setUpSaleProgramme, YEAR } from './sale-programme.ts';
import { checkA11y, launchBrowser, newPage, startServer, type TestServer } from './support.ts';

const CCAS = 'CCAS de Briare (e2e)';
const REFURBISHER = 'Atelier Solidaire (e2e)';
const FUNDER = 'Région Centre (e2e)';
const PASSWORD = 'une phrase de passe assez longue';
const MANAGER = 'lea.responsable@ccas-briare.example';
const SOCIAL_WORKER = 'omar.travailleur@ccas-briare.example';
const TECHNICIAN = 'ines.technicienne@atelier.example';
const PROGRAMME = `Remises groupées ${YEAR} (e2e)`;
const PEOPLE = ['Nora Petit', 'Paul Martin'] as const;
const PLACE = 'Salle des fêtes';

let server: TestServer;
let browser: Browser;
let programmeId = '';
const assetTags: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const setUp = await setUpSaleProgramme(server, {
    ccas: { name: CCAS, postcode: '45250', city: 'Briare' },
    refurbisher: REFURBISHER,
    funder: FUNDER,
    programme: PROGRAMME,
    password: PASSWORD,
    manager: [MANAGER, 'Léa Responsable'],
    socialWorker: [SOCIAL_WORKER, 'Omar Travailleur'],
    technician: [TECHNICIAN, 'Inès Technicienne'],
    laptops: [
      { brand: 'Dell', model: 'Latitude 5490' },
      { brand: 'Lenovo', model: 'ThinkPad T480' },
    ],
    people: PEOPLE.map((fullName, index) => {
      const [firstName = '', lastName = ''] = fullName.split(' ');
      return { firstName, lastName, accessibilityNeeds: index === 0 };
    }),
  });
  programmeId = setUp.programmeId;
  assetTags.push(...setUp.assetTags);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the manager reserves the suggestions and hands them over on one day', () => {
  let context: BrowserContext;
  let page: Page;
  let days: Locator;

  beforeAll(async () => {
    ({ context, page } = await newPage(browser));
    await page.goto(`${server.baseUrl}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(MANAGER);
    await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
    days = page.getByRole('region', { name: 'Journées de remise' });
  });

  afterAll(async () => {
    await context?.close();
  });

  it('suggests a ready laptop for each person of the waiting list', async () => {
    await page.goto(`${server.baseUrl}/programmes/${programmeId}`);
    await page.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    await days.getByText('Aucune journée de remise prévue.').waitFor();
    await checkA11y(page, 'programme with suggestions and handover days');
    await page.getByRole('button', { name: 'Proposer des attributions' }).click();
    const suggestions = page.getByRole('region', { name: 'Attributions proposées' });
    const tags = assetTags.join('|');
    for (const name of PEOPLE) {
      const row = suggestions.getByRole('row', { name: new RegExp(name) });
      await row
        .getByText(/Ordinateur portable/)
        .first()
        .waitFor();
      const box = row.getByRole('checkbox', { name: new RegExp(`^Attribuer (${tags}) à ${name}$`) });
      expect(await box.isChecked()).toBe(true);
    }
    await suggestions
      .getByRole('row', { name: new RegExp(PEOPLE[0]) })
      .getByText('besoin d’adaptation')
      .waitFor();
    expect(
      await suggestions
        .getByRole('row', { name: new RegExp(PEOPLE[1]) })
        .getByText('besoin d’adaptation')
        .count(),
    ).toBe(0);
    await checkA11y(page, 'suggestions');
  });

  it('reserves the selection', async () => {
    const suggestions = page.getByRole('region', { name: 'Attributions proposées' });
    await suggestions.getByRole('button', { name: 'Attribuer la sélection' }).click();
    await suggestions.getByText('2 appareils réservés.').waitFor();
    await suggestions.getByText('Personne n’attend d’appareil pour le moment.').waitFor();
    const allocations = page.getByRole('region', { name: 'Attributions', exact: true });
    for (const tag of assetTags) {
      await allocations
        .getByRole('row', { name: new RegExp(tag) })
        .getByText('Réservé', { exact: true })
        .waitFor();
    }
    await checkA11y(page, 'programme after reserving the suggestions');
  });

  it('plans a handover day today at the village hall', async () => {
    await days.getByRole('button', { name: 'Prévoir une journée' }).click();
    const dialog = page.getByRole('dialog', { name: 'Prévoir une journée de remise' });
    await dialog.waitFor();
    expect(await dialog.getByLabel(/Date de la journée/).inputValue()).toBe(today());
    await checkA11y(page, 'plan a handover day dialog');
    await dialog.getByLabel(/Lieu/).fill(PLACE);
    await dialog.getByRole('button', { name: 'Prévoir la journée' }).click();
    await dialog.waitFor({ state: 'detached' });
    await days.getByText(/^La journée du .+ est prévue\.$/).waitFor();
    await days.getByText(`À ${PLACE}`).waitFor();
    await days.getByText('À venir', { exact: true }).waitFor();
    // The new day opens at once.
    await days.getByText('Aucune réservation sur cette journée pour le moment.').waitFor();
    await checkA11y(page, 'a planned day');
  });

  it('puts both reservations on the day', async () => {
    await days.getByRole('button', { name: 'Ajouter les réservations' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter des réservations à la journée' });
    await dialog.waitFor();
    for (const tag of assetTags) {
      expect(await dialog.getByRole('checkbox', { name: new RegExp(tag) }).isChecked()).toBe(true);
    }
    await checkA11y(page, 'add reservations dialog');
    await dialog.getByRole('button', { name: 'Ajouter à la journée' }).click();
    await dialog.waitFor({ state: 'detached' });
    await days.getByText('2 réservations ajoutées à la journée.').waitFor();
    for (const name of PEOPLE) {
      const row = days.getByRole('row', { name: new RegExp(name) });
      await row.getByText('Réservé', { exact: true }).waitFor();
      await row.getByRole('button', { name: new RegExp(`^Retirer ${name}`) }).waitFor();
    }
    const sheet = days.getByRole('link', { name: 'Feuille d’émargement (PDF)' });
    const href = await sheet.getAttribute('href');
    const response = await page.request.get(`${server.baseUrl}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
    await checkA11y(page, 'a day with its handovers');
  });

  it('records the day’s handovers, 42,00 € each in cash as pre-filled', async () => {
    await days.getByRole('button', { name: 'Enregistrer les remises de la journée' }).click();
    const dialog = page.getByRole('dialog', { name: /^Remises de la journée du / });
    await dialog.waitFor();
    for (const name of PEOPLE) {
      const group = dialog.getByRole('group', { name: new RegExp(`^${name} — `) });
      expect(await group.getByLabel(/Montant payé/).inputValue()).toBe('42,00');
      await group.getByText(/Participation prévue : 42\s€\./).waitFor();
      await group.getByLabel(/Moyen de paiement/).selectOption({ label: 'Espèces' });
    }
    await checkA11y(page, 'record the day’s handovers dialog');
    await dialog.getByRole('button', { name: 'Enregistrer les remises' }).click();
    await dialog.waitFor({ state: 'detached' });
    await days.getByText('2 remises enregistrées.').waitFor();
    await days.getByText(/^Remises enregistrées le .+\.$/).waitFor();
    await days.getByText('Remises enregistrées', { exact: true }).waitFor();
    for (const name of PEOPLE) {
      const row = days.getByRole('row', { name: new RegExp(name) });
      await row.getByText('Remis', { exact: true }).waitFor();
      await row.getByText(/Payé : 42\s€ \(Espèces\)/).waitFor();
    }
    await expect
      .poll(() => days.getByRole('button', { name: 'Enregistrer les remises de la journée' }).count())
      .toBe(0);
    const allocations = page.getByRole('region', { name: 'Attributions', exact: true });
    for (const tag of assetTags) {
      await allocations
        .getByRole('row', { name: new RegExp(tag) })
        .getByText('Remis', { exact: true })
        .waitFor();
    }
    await checkA11y(page, 'programme after the day’s handovers');
  });

  it('downloads a receipt of the day', async () => {
    const receipt = days.getByRole('link', { name: `Reçu de vente de ${assetTags[0]} (PDF)` });
    const href = await receipt.getAttribute('href');
    expect(href).toBeTruthy();
    const response = await page.request.get(`${server.baseUrl}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
  });
});
