/**
 * The report pages in a real browser against a real server. Set up through the API: a sale programme
 * (130 € with an 88 € subsidy: 42 € left to pay, a target of 10 beneficiaries and 10 devices) run by a
 * social action centre that is also a coordinator, three laptops brought to ready and three people handed
 * one each today (two aged 30, one aged 70); the refurbisher holding the laptops is in the centre's
 * network. In the browser the centre's manager opens the programme's report from the programme page: the
 * key figures against the target, the devices chart's table giving the same numbers, the age bands with
 * their base, the impact with its method; downloads the CSV (fetched in the interface's language) and finds
 * the figures in it; narrows the period (kept in the address) to days without handovers; opens the
 * funder's report from the programme; opens « Réseau », where three people equipped and three handovers
 * read « moins de 5 »; and the « Rapports » page. A platform administrator finds every funder and donor on
 * « Rapports » and opens a donor's yearly summary from a donation (two laptops given this year, still in
 * progress), then another year, kept in the address. A repair café invited into the centre's network accepts
 * from its organisation page (keyboard), then leaves it after confirming. Every page is checked with axe-core.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Today in the instance's time zone, as the server and the browser (see newPage) count it.
import { today } from '../../src/lib/dates.ts';
import { apiOf, setUpSaleProgramme, YEAR } from './sale-programme.ts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  checkA11y,
  launchBrowser,
  newPage,
  startServer,
  type TestServer,
} from './support.ts';

const CCAS = 'CCAS de Sully (e2e)';
const REFURBISHER = 'Atelier Réemploi Sully (e2e)';
const FUNDER = 'Département du Loiret – rapports (e2e)';
const PASSWORD = 'une phrase de passe assez longue';
const MANAGER = 'claire.responsable@ccas-sully.example';
const SOCIAL_WORKER = 'yanis.travailleur@ccas-sully.example';
const TECHNICIAN = 'lou.technicienne@reemploi-sully.example';
const PROGRAMME = `Rapports solidaires ${YEAR} (e2e)`;

/** Two people aged 30 (25–44) and one aged 70 (60–74) in the year of their handover. */
const PEOPLE = [
  { firstName: 'Nora', lastName: 'Petit', birthYear: YEAR - 30 },
  { firstName: 'Paul', lastName: 'Martin', birthYear: YEAR - 30 },
  { firstName: 'Jeanne', lastName: 'Roux', birthYear: YEAR - 70 },
];

let server: TestServer;
let browser: Browser;
let programmeId = '';
let donationId = '';
const DONOR = 'Entreprise Généreuse (e2e)';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const setUp = await setUpSaleProgramme(server, {
    ccas: { name: CCAS, postcode: '45600', city: 'Sully-sur-Loire' },
    refurbisher: REFURBISHER,
    funder: FUNDER,
    programme: PROGRAMME,
    password: PASSWORD,
    manager: [MANAGER, 'Claire Responsable'],
    socialWorker: [SOCIAL_WORKER, 'Yanis Travailleur'],
    technician: [TECHNICIAN, 'Lou Technicienne'],
    laptops: [
      { brand: 'Dell', model: 'Latitude 5490' },
      { brand: 'Lenovo', model: 'ThinkPad T480' },
      { brand: 'HP', model: 'EliteBook 840' },
    ],
    people: PEOPLE,
    programmeOverrides: { targets: { beneficiaries: 10, devices: 10 } },
  });
  programmeId = setUp.programmeId;
  const { logInApi, api } = apiOf(server);
  const manager = await logInApi(MANAGER, PASSWORD);
  // The refurbisher joins the centre's network (a platform administrator agrees for both sides).
  const admin = await logInApi(ADMIN_EMAIL, ADMIN_PASSWORD);
  const programme = await api<{ ownerOrganisationId: string }>(admin, 'GET', `/programmes/${programmeId}`);
  const found = await api<{ items: { id: string; name: string }[] }>(
    admin,
    'GET',
    `/organisations?q=${encodeURIComponent(REFURBISHER)}`,
  );
  const refurbisher = found.items.find((o) => o.name === REFURBISHER);
  await api(admin, 'PUT', `/networks/${programme.ownerOrganisationId}/members/${refurbisher?.id}`);
  // A donor gives two laptops this year, still being refurbished.
  const donor = await api<{ id: string }>(admin, 'POST', '/organisations', { name: DONOR, kinds: ['donor'] });
  const donation = await api<{ id: string }>(admin, 'POST', '/donations', {
    donorOrganisationId: donor.id,
    refurbisherOrganisationId: refurbisher?.id,
  });
  donationId = donation.id;
  for (const model of ['Latitude 7490', 'Latitude 7480']) {
    await api(admin, 'POST', '/devices', { type: 'laptop', storageGb: 0, brand: 'Dell', model, donationId });
  }
  for (const [i, beneficiaryId] of setUp.beneficiaryIds.entries()) {
    const allocation = await api<{ id: string }>(manager, 'POST', '/allocations', {
      programmeId,
      beneficiaryId,
      deviceId: setUp.deviceIds[i],
    });
    await api(manager, 'POST', `/allocations/${allocation.id}/handover`, {
      payment: { amountCents: 4200, method: 'cash' },
      signedOnPaper: true,
    });
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the manager reads the programme report and the network dashboard', () => {
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

  it('opens the report from the programme page: key figures first, against the target', async () => {
    await page.goto(`${server.baseUrl}/programmes/${programmeId}`);
    await page.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    await page.getByRole('link', { name: 'Rapport du programme' }).click();
    await page.getByRole('heading', { level: 1, name: `Rapport : ${PROGRAMME}` }).waitFor();
    await page
      .getByText(`Chiffres du 1 janvier ${YEAR} au 31 décembre ${YEAR}, ces deux jours compris.`)
      .waitFor();
    const key = page.getByRole('region', { name: 'Chiffres clés' });
    const figure = (label: string) =>
      key.locator('.key-figure').filter({ has: page.getByText(label, { exact: true }) });
    expect(await figure('Équipés').locator('.key-figure-value').textContent()).toBe('3');
    await figure('Équipés')
      .getByText(/objectif 10 : 30\s%\satteint/)
      .waitFor();
    expect(await figure('Appareils remis').locator('.key-figure-value').textContent()).toBe('3');
    expect(await figure('Personnes orientées').locator('.key-figure-value').textContent()).toBe('3');
    expect(
      String(await figure('Participations versées').locator('.key-figure-value').textContent()).replace(
        /\s/g,
        ' ',
      ),
    ).toBe('126 €');
    expect(
      String(await figure('Subventions').locator('.key-figure-value').textContent()).replace(/\s/g, ' '),
    ).toBe('264 €');
    // The targets chart is an image with a summary, and a table.
    await key.getByRole('img', { name: /Graphique « Objectifs et réalisations »/ }).waitFor();
    await checkA11y(page, 'programme report');
  });

  it('gives each chart as a table with the same numbers', async () => {
    const devices = page.getByRole('region', { name: 'Appareils', exact: true });
    const chart = devices.getByRole('figure', { name: 'Appareils remis par type' });
    await chart.getByRole('img', { name: /Ordinateur portable : 3/ }).waitFor();
    await chart.getByText('Voir les chiffres en tableau').click();
    const row = chart.getByRole('row', { name: /Ordinateur portable/ });
    expect(await row.getByRole('cell').first().textContent()).toBe('3');
    await row.getByText(/100\s%\s\(3 sur 3\)/).waitFor();

    const who = page.getByRole('region', { name: 'Qui a été équipé' });
    await who.getByText('Parts calculées sur les 3 personnes équipées sur la période').waitFor();
    const ages = who.getByRole('figure', { name: 'Personnes équipées par tranche d’âge' });
    await ages.getByText('Voir les chiffres en tableau').click();
    expect(
      await ages
        .getByRole('row', { name: /25 à 44 ans/ })
        .getByRole('cell')
        .first()
        .textContent(),
    ).toBe('2');
    await ages
      .getByRole('row', { name: /60 à 74 ans/ })
      .getByText(/33,3\s%\s\(1 sur 3\)/)
      .waitFor();

    const impact = page.getByRole('region', { name: 'Impact environnemental' });
    await impact.getByText('Comment ces chiffres sont calculés').waitFor();
    await impact.getByText(/ADEME\/Arcep/).waitFor();
    await checkA11y(page, 'programme report with its tables open');
  });

  it('downloads the CSV, fetched with a busy indicator, holding the same figures', async () => {
    const downloads = page.getByRole('region', { name: 'Télécharger le rapport' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      downloads.getByRole('button', { name: 'CSV', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('rapport-programme.csv');
    const path = await download.path();
    const text = await readFile(path, 'utf8');
    expect(text).toContain('devices,handed_over,,3,devices');
    expect(text).toContain('devices,by_type,laptop,3,devices');
    expect(text).toContain('beneficiaries,equipped,,3,beneficiaries');
  });

  it('narrows the period, kept in the address', async () => {
    const day = today();
    if (day.endsWith('-12-31')) return; // No day left after today in the programme's period.
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    const from = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
    const filters = page.getByRole('form', { name: 'Période du rapport' });
    // A reversed period is refused next to the field.
    await filters.getByLabel('Du', { exact: true }).fill(`${YEAR}-12-31`);
    await filters.getByLabel('Au', { exact: true }).fill(`${YEAR}-01-01`);
    await filters.getByRole('button', { name: 'Afficher' }).click();
    await filters
      .getByText('Choisissez deux jours, le second le même jour que le premier ou après.')
      .waitFor();
    await filters.getByLabel('Du', { exact: true }).fill(from);
    await filters.getByLabel('Au', { exact: true }).fill(`${YEAR}-12-31`);
    await filters.getByRole('button', { name: 'Afficher' }).click();
    await page.waitForURL(new RegExp(`du=${from}&au=${YEAR}-12-31`));
    const long = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long' }).format(tomorrow);
    await page.getByText(`Chiffres du ${long} au 31 décembre ${YEAR}, ces deux jours compris.`).waitFor();
    const key = page.getByRole('region', { name: 'Chiffres clés' });
    const equipped = key.locator('.key-figure').filter({ has: page.getByText('Équipés', { exact: true }) });
    await equipped.getByText(/objectif 10 : 0\s%\satteint/).waitFor();
    expect(await equipped.locator('.key-figure-value').textContent()).toBe('0');
    await page.getByText('Aucun appareil remis sur la période.').waitFor();
    await checkA11y(page, 'programme report, an empty period');
  });

  it("opens the funder's report from the programme, limited to the owner's programmes", async () => {
    await page.goto(`${server.baseUrl}/programmes/${programmeId}`);
    await page.getByRole('link', { name: `Bilan de ${FUNDER}` }).click();
    await page.getByRole('heading', { level: 1, name: `Bilan financeur : ${FUNDER}` }).waitFor();
    await page.getByText('Vous voyez seulement les programmes que mène votre organisation').waitFor();
    const key = page.getByRole('region', { name: 'Chiffres clés' });
    expect(
      await key
        .locator('.key-figure')
        .filter({ has: page.getByText('Appareils subventionnés', { exact: true }) })
        .locator('.key-figure-value')
        .textContent(),
    ).toBe('3');
    await page.getByRole('region', { name: PROGRAMME, exact: true }).waitFor();
    await checkA11y(page, 'funder report');
  });

  it('reads the network dashboard, small counts of people shown as « moins de 5 »', async () => {
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Réseau', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: `Réseau : ${CCAS}` }).waitFor();
    const key = page.getByRole('region', { name: 'Chiffres clés' });
    const equipped = key
      .locator('.key-figure')
      .filter({ has: page.getByText('Bénéficiaires équipés', { exact: true }) });
    expect(await equipped.locator('.key-figure-value').textContent()).toBe('< 5moins de 5');
    await equipped.getByText('moins de 5').waitFor({ state: 'attached' });
    const flows = page.getByRole('region', { name: 'Mouvements par mois' });
    const remis = flows.locator('.key-figure').filter({ has: page.getByText('Remis', { exact: true }) });
    // Handovers are people too: three in the month read « moins de 5 ».
    expect(await remis.locator('.key-figure-value').textContent()).toBe('< 5moins de 5');
    await flows.getByRole('img', { name: /Graphique « Appareils par mois »/ }).waitFor();
    const members = page.getByRole('region', { name: 'Organisations du réseau' });
    await members.getByRole('row', { name: REFURBISHER }).getByText('Comptée').waitFor();
    await checkA11y(page, 'network dashboard');
  });

  it('lists the reports the account may open', async () => {
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Rapports', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Rapports' }).waitFor();
    await page.getByRole('link', { name: `Tableau de bord du réseau de ${CCAS}` }).waitFor();
    await checkA11y(page, 'reports page');
  });
});

describe("a platform administrator reads a donor's yearly summary", () => {
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

  it('is offered every funder and donor on « Rapports »', async () => {
    await page.goto(`${server.baseUrl}/rapports`);
    await page.getByRole('heading', { level: 1, name: 'Rapports' }).waitFor();
    await page.getByRole('combobox', { name: 'Bilan d’un donateur' }).waitFor();
    await checkA11y(page, 'reports page of a platform administrator');
  });

  it('opens the summary from the donation, then another year kept in the address', async () => {
    await page.goto(`${server.baseUrl}/dons/${donationId}`);
    await page.getByRole('link', { name: `Bilan annuel de ${DONOR}` }).click();
    await page.getByRole('heading', { level: 1, name: `Bilan ${YEAR} : ${DONOR}` }).waitFor();
    const key = page.getByRole('region', { name: 'Chiffres clés' });
    const figure = (label: string) =>
      key.locator('.key-figure').filter({ has: page.getByText(label, { exact: true }) });
    expect(await figure('Appareils donnés').locator('.key-figure-value').textContent()).toBe('2');
    expect(await figure('En cours').locator('.key-figure-value').textContent()).toBe('2');
    expect(await figure('Réemployés').locator('.key-figure-value').textContent()).toBe('0');
    await page.getByRole('region', { name: 'Impact environnemental' }).getByText(/ADEME/).waitFor();
    await checkA11y(page, 'donor summary');
    await page.getByLabel('Année', { exact: true }).selectOption(String(YEAR - 1));
    await page.waitForURL(new RegExp(`year=${YEAR - 1}`));
    await page.getByText(`Aucun don reçu en ${YEAR - 1}.`).waitFor();
    await checkA11y(page, 'donor summary, a year without donations');
  });
});

describe('an organisation accepts a network invitation from its page, then leaves the network', () => {
  const REPAIR_CAFE = 'Repair Café Sully (e2e)';
  const CAFE_ADMIN = 'alix.admin@repair-cafe-sully.example';
  const CCAS_ADMIN = 'marc.admin@ccas-sully.example';
  let context: BrowserContext;
  let page: Page;
  let cafeId = '';

  beforeAll(async () => {
    const { logInApi, api } = apiOf(server);
    const admin = await logInApi(ADMIN_EMAIL, ADMIN_PASSWORD);
    const programme = await api<{ ownerOrganisationId: string }>(admin, 'GET', `/programmes/${programmeId}`);
    const cafe = await api<{ id: string }>(admin, 'POST', '/organisations', {
      name: REPAIR_CAFE,
      kinds: ['refurbisher'],
    });
    cafeId = cafe.id;
    for (const [organisationId, email, name] of [
      [cafe.id, CAFE_ADMIN, 'Alix Admin'],
      [programme.ownerOrganisationId, CCAS_ADMIN, 'Marc Admin'],
    ] as const) {
      await api(admin, 'POST', `/organisations/${organisationId}/members`, {
        email,
        name,
        role: 'admin',
        password: PASSWORD,
      });
    }
    // The centre's administrator invites the repair café: it stays « invited » until the café agrees.
    const ccasAdmin = await logInApi(CCAS_ADMIN, PASSWORD);
    await api(ccasAdmin, 'PUT', `/networks/${programme.ownerOrganisationId}/members/${cafe.id}`);
    ({ context, page } = await newPage(browser));
    await page.goto(`${server.baseUrl}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(CAFE_ADMIN);
    await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('accepts the invitation with the keyboard', async () => {
    await page.goto(`${server.baseUrl}/organisations/${cafeId}`);
    const networks = page.getByRole('region', { name: 'Réseaux' });
    const row = networks.getByRole('row').filter({ hasText: CCAS });
    await row.getByText('Invitée : en attente de votre accord').waitFor();
    await checkA11y(page, 'organisation page with a network invitation');
    await row.getByRole('button', { name: `Accepter l’invitation de ${CCAS}` }).focus();
    await page.keyboard.press('Enter');
    await networks.getByText(`Vous faites maintenant partie du réseau de ${CCAS}.`).waitFor();
    await row.getByText('Membre', { exact: true }).waitFor();
  });

  it('leaves the network after confirming', async () => {
    const networks = page.getByRole('region', { name: 'Réseaux' });
    await networks.getByRole('button', { name: `Quitter le réseau de ${CCAS}` }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Quitter ce réseau ?' });
    await dialog.waitFor();
    await checkA11y(page, 'leave-network confirmation');
    await dialog.getByRole('button', { name: 'Quitter le réseau' }).click();
    await networks.getByText(`Votre organisation ne fait plus partie du réseau de ${CCAS}.`).waitFor();
    await networks
      .getByText('Cette organisation ne fait partie d’aucun réseau et n’est invitée dans aucun.')
      .waitFor();
  });
});
