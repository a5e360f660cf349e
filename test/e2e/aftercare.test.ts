/**
 * After the handover, in a real browser against a real server. Set up through the API: a sale programme
 * (130 € with an 88 € subsidy) with an internet aid of 120 € over 12 months, run by a social action centre
 * with a refurbisher partner, two ready laptops, one person referred (eligible) to whom the first laptop is
 * allocated and handed over. In the browser the centre's manager takes the handover back (a reason is
 * required), names the internet aid’s funder in the programme form, hands the device over again, grants
 * the aid (pre-filled from the programme) and sees the totals on the programme and on the « Aides
 * internet » page (by programme and by funder), reports a problem with the laptop, moves the ticket to
 * « En cours » on the maintenance page and swaps the laptop for the second one (confirmed), then finds the
 * new laptop and the aid on the person's page. Every page and dialog is checked with axe-core.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, setUpSaleProgramme, YEAR } from './sale-programme.ts';
import { checkA11y, launchBrowser, newPage, startServer, type TestServer } from './support.ts';

const CCAS = 'CCAS de Montargis (e2e)';
const REFURBISHER = 'Recyclerie du Loing (e2e)';
const FUNDER = 'Fondation Numérique (e2e)';
const PASSWORD = 'une phrase de passe assez longue';
const MANAGER = 'claire.responsable@ccas-montargis.example';
const SOCIAL_WORKER = 'yanis.travailleur@ccas-montargis.example';
const TECHNICIAN = 'jade.technicienne@recyclerie.example';
const PROGRAMME = `Suivi des équipements ${YEAR} (e2e)`;
const PERSON = 'Lina Moreau';

let server: TestServer;
let browser: Browser;
let programmeId = '';
let beneficiaryId = '';
let allocationId = '';
let tags: string[] = [];

/** A name as a literal part of a regular expression. */
function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function handOverByApi(): Promise<void> {
  const { logInApi, api } = apiOf(server);
  const manager = await logInApi(MANAGER, PASSWORD);
  await api(manager, 'POST', `/allocations/${allocationId}/handover`, {
    payment: { amountCents: 4200, method: 'card' },
    signedOnPaper: true,
  });
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const setUp = await setUpSaleProgramme(server, {
    ccas: { name: CCAS, postcode: '45200', city: 'Montargis' },
    refurbisher: REFURBISHER,
    funder: FUNDER,
    programme: PROGRAMME,
    password: PASSWORD,
    manager: [MANAGER, 'Claire Responsable'],
    socialWorker: [SOCIAL_WORKER, 'Yanis Travailleur'],
    technician: [TECHNICIAN, 'Jade Technicienne'],
    laptops: [
      { brand: 'Dell', model: 'Latitude 5490' },
      { brand: 'HP', model: 'EliteBook 840' },
    ],
    people: [{ firstName: 'Lina', lastName: 'Moreau' }],
    programmeOverrides: { internetAid: { amountCents: 12000, months: 12 } },
  });
  programmeId = setUp.programmeId;
  beneficiaryId = setUp.beneficiaryIds[0] as string;
  tags = setUp.assetTags;
  const { logInApi, api } = apiOf(server);
  const manager = await logInApi(MANAGER, PASSWORD);
  const allocation = await api<{ id: string }>(manager, 'POST', '/allocations', {
    programmeId,
    beneficiaryId,
    deviceId: setUp.deviceIds[0],
  });
  allocationId = allocation.id;
  await handOverByApi();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the manager follows a device after its handover', () => {
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

  it('takes back a handover recorded by mistake, with a reason', async () => {
    const tag = tags[0] as string;
    await page.goto(`${server.baseUrl}/programmes/${programmeId}`);
    await page.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    const allocations = page.getByRole('region', { name: 'Attributions' });
    const row = allocations.getByRole('row', { name: new RegExp(tag) });
    await row.getByText('Remis', { exact: true }).waitFor();
    await checkA11y(page, 'programme with a handed-over device');

    await page.getByRole('button', { name: `Annuler la remise de ${tag}` }).click();
    const dialog = page.getByRole('alertdialog', { name: `Annuler la remise de ${tag} ?` });
    await dialog.waitFor();
    await dialog.getByText(/Les documents déjà émis .* sont annulés/).waitFor();
    await checkA11y(page, 'take back dialog');
    // The reason is required.
    await dialog.getByRole('button', { name: 'Annuler la remise' }).click();
    await dialog.getByText('Indiquez pourquoi la remise est annulée.').waitFor();
    await dialog
      .getByLabel(/Motif de l’annulation de la remise/)
      .fill('Remise saisie pour la mauvaise personne');
    await dialog.getByRole('button', { name: 'Annuler la remise' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`La remise de ${tag} est annulée`).waitFor();
    await row.getByText('Réservé', { exact: true }).waitFor();
    await row.getByText(/Remise annulée le/).waitFor();
    await checkA11y(page, 'programme after taking the handover back');
  });

  it('names the internet aid’s funder in the programme form', async () => {
    await page.getByRole('link', { name: 'Modifier' }).click();
    await page.getByRole('heading', { level: 1, name: `Modifier « ${PROGRAMME} »` }).waitFor();
    const funder = page.getByRole('combobox', { name: /Financeur de l’aide internet/ });
    await funder.fill('Fondation');
    await page.getByRole('option', { name: FUNDER }).click();
    await checkA11y(page, 'programme form with the internet aid’s funder');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    await page.getByText(new RegExp(`120\\s€ sur 12 mois, payée par ${escaped(FUNDER)}`)).waitFor();
  });

  it('grants the programme’s internet aid and sees the totals', async () => {
    await handOverByApi();
    await page.reload();
    const section = page.getByRole('region', { name: 'Aides internet' });
    await section.getByText('Aucune aide internet accordée pour le moment.', { exact: false }).waitFor();
    await section.getByRole('button', { name: 'Accorder une aide internet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Accorder une aide internet' });
    await dialog.waitFor();
    expect(await dialog.getByLabel(/Montant total/).inputValue()).toBe('120');
    expect(await dialog.getByLabel(/Durée \(mois\)/).inputValue()).toBe('12');
    await checkA11y(page, 'grant internet aid dialog');
    // The person must be chosen.
    await dialog.getByRole('button', { name: 'Accorder l’aide' }).click();
    await dialog.getByText('Choisissez la personne.').first().waitFor();
    await dialog.getByLabel(/^Personne/).selectOption({ label: PERSON });
    await dialog.getByLabel(/Fournisseur d’accès/).fill('La Poste Mobile');
    await dialog.getByText('Justificatif d’abonnement reçu').click();
    await dialog.getByRole('button', { name: 'Accorder l’aide' }).click();
    await dialog.waitFor({ state: 'detached' });
    await section.getByText(/Aide internet de 120\s€ accordée pour 12 mois\./).waitFor();
    await section
      .getByRole('row', { name: new RegExp(PERSON) })
      .getByText('La Poste Mobile')
      .waitFor();
    await section.getByText(/Cette année : 1 aide, 120\s€ en tout\./).waitFor();
    await checkA11y(page, 'programme with an internet aid');

    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Aides internet' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Aides internet' }).waitFor();
    const byProgramme = page.getByRole('region', { name: 'Par programme' });
    const programmeRow = byProgramme.getByRole('row', {
      name: new RegExp(escaped(PROGRAMME)),
    });
    await programmeRow.getByText(/120\s€/).waitFor();
    await page
      .getByRole('region', { name: 'Par financeur' })
      .getByRole('row', { name: new RegExp(escaped(FUNDER)) })
      .getByText(/120\s€/)
      .waitFor();
    await checkA11y(page, 'internet aid totals');
  });

  it('reports a problem, moves the ticket on and swaps the device', async () => {
    const [tag, spare] = tags as [string, string];
    await page.goto(`${server.baseUrl}/programmes/${programmeId}`);
    await page.getByRole('button', { name: `Signaler un problème sur ${tag}` }).click();
    const dialog = page.getByRole('dialog', { name: `Signaler un problème sur ${tag}` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Ouvrir le ticket' }).click();
    await dialog.getByText('Décrivez le problème.').waitFor();
    await checkA11y(page, 'open ticket dialog');
    await dialog.getByLabel(/Description du problème/).fill('L’écran reste noir au démarrage.');
    await dialog.getByRole('button', { name: 'Ouvrir le ticket' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`Un ticket est ouvert pour ${tag}.`, { exact: false }).waitFor();

    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Maintenance' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Maintenance' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(tag) });
    await row.getByText('L’écran reste noir au démarrage.').waitFor();
    await row.getByText('Ouvert', { exact: true }).waitFor();
    await checkA11y(page, 'maintenance tickets');

    await row.getByRole('button', { name: `Changer le statut du ticket de ${tag}` }).click();
    const status = page.getByRole('dialog', { name: `Ticket de ${tag}` });
    await status.getByLabel(/Nouveau statut/).selectOption({ label: 'En cours' });
    await checkA11y(page, 'ticket status dialog');
    await status.getByRole('button', { name: 'Enregistrer le statut' }).click();
    await status.waitFor({ state: 'detached' });
    await page.getByText(`Le ticket de ${tag} est maintenant « En cours ».`).waitFor();
    await row.getByText('En cours', { exact: true }).waitFor();

    await row.getByRole('button', { name: `Échanger l’appareil ${tag}` }).click();
    const swap = page.getByRole('dialog', { name: `Échanger ${tag}` });
    await swap
      .getByRole('radio', { name: new RegExp(`^${spare} — Ordinateur portable, HP EliteBook 840`) })
      .check();
    await checkA11y(page, 'swap dialog');
    await swap.getByRole('button', { name: 'Continuer' }).click();
    await swap.getByText(`Confirmez-vous l’échange de ${tag} contre ${spare} ?`, { exact: false }).waitFor();
    await swap.getByRole('button', { name: 'Confirmer l’échange' }).click();
    await swap.waitFor({ state: 'detached' });
    await page.getByText(`${tag} est échangé contre ${spare} ; le ticket est résolu.`).waitFor();
    await row.getByText('Résolu', { exact: true }).waitFor();
    await row.getByText('Appareil échangé').waitFor();
    await checkA11y(page, 'maintenance after the swap');
  });

  it('shows the new device and the aid on the person’s page', async () => {
    const spare = tags[1] as string;
    await page.goto(`${server.baseUrl}/beneficiaires/${beneficiaryId}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(PERSON) }).waitFor();
    const devices = page.getByRole('region', { name: 'Appareils' });
    await devices
      .getByRole('row', { name: new RegExp(spare) })
      .getByText('Remis', { exact: true })
      .waitFor();
    const aids = page.getByRole('region', { name: 'Aides internet' });
    await aids.getByRole('row', { name: new RegExp(escaped(PROGRAMME)) }).waitFor();
    await page
      .getByRole('region', { name: 'Parcours' })
      .getByText('Aide internet accordée')
      .first()
      .waitFor();
    await checkA11y(page, 'person with a device and an aid');
  });
});
