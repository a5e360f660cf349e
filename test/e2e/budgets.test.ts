/**
 * A programme's budget and co-financing plan in a real browser against a real server. Set up through the
 * API: a sale programme of a social action centre, nothing in its budget yet. In the browser: the centre's
 * manager opens « Budget et cofinancements » from the programme (empty states), adds a budget line in a
 * dialog (12 000 € planned, 6 000 € committed, 3 000,50 € spent), adds the region as a funder (10 000 €
 * requested, 8 000 € granted under an agreement), records a first payment of 3 000 € (the funding becomes
 * « En partie reçu »), reads the totals and what remains to be funded (12 000 − 8 000 = 4 000 €), and is
 * told to delete the payments first when deleting the funding. The page is checked with axe-core, with its
 * dialogs open, in French and once in English.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpSaleProgramme, YEAR } from './sale-programme.ts';
import { checkA11y, launchBrowser, newPage, startServer, type TestServer } from './support.ts';

const CCAS = 'CCAS de Pithiviers (e2e)';
const PROGRAMME = `Ordi solidaire Pithiviers ${YEAR} (e2e)`;
const PASSWORD = 'une phrase de passe assez longue';
const MANAGER = 'sophie.responsable@ccas-pithiviers.example';
const REGION = 'Région Centre-Val de Loire (e2e)';

let server: TestServer;
let browser: Browser;
let programmeId = '';

/** An amount as the page writes it in French, whatever the spaces Intl puts in it. */
function euros(text: string): RegExp {
  return new RegExp(text.replace(/ /g, '\\s').replace(',', ','));
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const setUp = await setUpSaleProgramme(server, {
    ccas: { name: CCAS, postcode: '45300', city: 'Pithiviers' },
    refurbisher: 'Atelier de Pithiviers (e2e)',
    funder: 'Ville de Pithiviers (e2e)',
    programme: PROGRAMME,
    password: PASSWORD,
    manager: [MANAGER, 'Sophie Responsable'],
    socialWorker: ['yann.social@ccas-pithiviers.example', 'Yann Social'],
    technician: ['eva.tech@atelier-pithiviers.example', 'Eva Tech'],
    laptops: [],
    people: [],
  });
  programmeId = setUp.programmeId;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the budget and co-financing page', () => {
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

  it('opens from the programme, empty at first', async () => {
    await page.goto(`${server.baseUrl}/programmes/${programmeId}`);
    await page.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    await page.getByRole('link', { name: 'Budget et cofinancements' }).click();
    await page.getByRole('heading', { level: 1, name: `Budget et cofinancements — ${PROGRAMME}` }).waitFor();
    await page.getByText('Aucune ligne budgétaire pour l’instant.').waitFor();
    await page.getByText('Aucun financeur dans le plan pour l’instant.').waitFor();
    await checkA11y(page, 'empty budget page');
  });

  it('adds a budget line in a dialog', async () => {
    await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Ajouter une ligne budgétaire' }).waitFor();
    await checkA11y(page, 'budget line dialog');
    await dialog.getByLabel('Catégorie').selectOption('staff');
    await dialog.getByLabel('Intitulé').fill('Temps de coordination');
    await dialog.getByLabel('Prévu').fill('12 000');
    await dialog.getByRole('textbox', { name: /^Engagé/ }).fill('6000');
    // A wrong amount: refused, the message stays in place while it is corrected (it used to vanish on
    // blur, moving the button under the pointer: the first click after a correction missed it).
    const spent = dialog.getByRole('textbox', { name: /^Dépensé/ });
    await spent.fill('abc');
    await dialog.getByRole('button', { name: 'Enregistrer la ligne' }).click();
    await dialog.getByText(/^Montant invalide/).waitFor();
    expect(await spent.getAttribute('aria-invalid')).toBe('true');
    await spent.fill('3000,50');
    // One click saves.
    await dialog.getByRole('button', { name: 'Enregistrer la ligne' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 3000 });
    const table = page.getByRole('table', { name: `Lignes du budget ${YEAR}` });
    const row = table.getByRole('row', { name: /Temps de coordination/ });
    await expect.poll(() => row.textContent()).toMatch(euros('12 000 €'));
    expect(await row.textContent()).toMatch(euros('3 000,50 €'));
    expect(await row.textContent()).toContain('Temps de personnel');
  });

  it('records a funding granted and a payment, and shows the totals', async () => {
    await page.getByRole('button', { name: 'Ajouter un financeur' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Nom du financeur').fill(REGION);
    await dialog.getByRole('textbox', { name: /^Demandé \(/ }).fill('10000');
    await dialog.getByLabel('Réponse du financeur').selectOption('granted');
    await dialog.getByLabel('Montant accordé').fill('8000');
    await dialog.getByLabel('Référence de la convention').fill(`CVL-${YEAR}-042`);
    await checkA11y(page, 'funding dialog');
    await dialog.getByRole('button', { name: 'Enregistrer le financement' }).click();
    await dialog.waitFor({ state: 'detached' });
    const fundings = page.getByRole('table', { name: 'Financeurs du programme' });
    const row = fundings.getByRole('row', { name: new RegExp(REGION.replace(/[()]/g, '\\$&')) });
    await row.getByText('Accordé', { exact: true }).waitFor();

    await page.getByRole('button', { name: `Enregistrer un versement de ${REGION}` }).click();
    const payment = page.getByRole('dialog');
    await payment.getByText(/Reste à recevoir/).waitFor();
    await payment.getByLabel('Montant reçu').fill('3000');
    await checkA11y(page, 'payment dialog');
    await payment.getByRole('button', { name: 'Enregistrer le versement' }).click();
    await payment.waitFor({ state: 'detached' });
    await row.getByText('En partie reçu').waitFor();
    expect(await row.textContent()).toMatch(euros('reste 5 000 € à recevoir'));

    const summary = page.getByRole('region', { name: 'En résumé' });
    const figure = (label: string) => summary.locator('.key-figure', { hasText: new RegExp(`^${label}`) });
    expect(await figure('Prévu').textContent()).toMatch(euros('12 000 €'));
    expect(await figure('Reçu').textContent()).toMatch(euros('3 000 €'));
    expect(await figure('Reste à financer').textContent()).toMatch(euros('4 000 €'));
    await summary.getByText(`Budget de l’année ${YEAR} (année civile entière)`).waitFor();
    await checkA11y(page, 'budget page with a line and a funding');
  });

  it('asks to delete the payments before the funding', async () => {
    await page.getByRole('button', { name: `Supprimer le financement de ${REGION}` }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(/1 versement\(s\) enregistré\(s\)/).waitFor();
    await dialog.getByRole('button', { name: 'Supprimer le financement' }).click();
    await dialog
      .getByRole('alert')
      .getByText(/supprimez d’abord les versements/)
      .waitFor();
    await dialog.getByRole('button', { name: 'Annuler' }).click();
  });

  it('accepts an overspent line and warns on it', async () => {
    await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Intitulé').fill('Serveurs');
    await dialog.getByLabel('Prévu').fill('1 500,50');
    await dialog.getByRole('textbox', { name: /^Engagé/ }).fill('2000');
    await dialog.getByRole('textbox', { name: /^Dépensé/ }).fill('2500');
    await dialog.getByRole('button', { name: 'Enregistrer la ligne' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page
      .getByRole('table', { name: `Lignes du budget ${YEAR}` })
      .getByRole('row', { name: /Serveurs/ });
    await row.getByText('Dépensé au-delà du prévu').waitFor();
    const other = page.getByRole('row', { name: /Temps de coordination/ });
    expect(await other.textContent()).not.toContain('Dépensé au-delà du prévu');
  });

  it('reads in English too', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: `Budget and co-financing — ${PROGRAMME}` }).waitFor();
    await page.getByText('Still to be funded').waitFor();
    await checkA11y(page, 'budget page in English');
    await page.getByRole('button', { name: 'Français' }).click();
  });
});
