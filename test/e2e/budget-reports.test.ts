/**
 * The programme's money in the reports, in a real browser against a real server. Set up through the API: a
 * sale programme (130 € with an 88 € subsidy from the department) with three people handed a laptop today;
 * its budget: « Ordinateurs » planned 1 000 €, spent 300 €, and the handovers' subsidies (planned 500 €,
 * computed: 3 × 88 € = 264 €); the department's agreement CONV-E2E-1 granting 600 €. In the browser the
 * centre's manager opens the programme's report: the Budget card gives planned against spent per item, the
 * cost per person equipped (564 € ÷ 3 = 188 €) and the department's share (100 %), in French and in English;
 * then downloads the financial statement of the agreement as PDF from the browser's session. The department's
 * reader opens its funder report and finds its agreement and the costs. Every page is checked with axe-core.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const CCAS = 'CCAS de Gien (budget e2e)';
const FUNDER = 'Département du Loiret – budget (e2e)';
const PASSWORD = 'une phrase de passe assez longue';
const MANAGER = 'ines.responsable@ccas-gien.example';
const FUNDER_READER = 'marc.lecteur@loiret-budget.example';
const PROGRAMME = `Budget solidaire ${YEAR} (e2e)`;

let server: TestServer;
let browser: Browser;
let programmeId = '';
let fundingId = '';
let funderId = '';

const text = async (locator: ReturnType<Page['locator']>) =>
  String(await locator.textContent()).replace(/\s/g, ' ');

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const setUp = await setUpSaleProgramme(server, {
    ccas: { name: CCAS, postcode: '45500', city: 'Gien' },
    refurbisher: 'Atelier Réemploi Gien (budget e2e)',
    funder: FUNDER,
    programme: PROGRAMME,
    password: PASSWORD,
    manager: [MANAGER, 'Inès Responsable'],
    socialWorker: ['leo.travailleur@ccas-gien.example', 'Léo Travailleur'],
    technician: ['ana.technicienne@reemploi-gien.example', 'Ana Technicienne'],
    laptops: [
      { brand: 'Dell', model: 'Latitude 5490' },
      { brand: 'Lenovo', model: 'ThinkPad T480' },
      { brand: 'HP', model: 'EliteBook 840' },
    ],
    people: [
      { firstName: 'Nora', lastName: 'Petit' },
      { firstName: 'Paul', lastName: 'Martin' },
      { firstName: 'Jeanne', lastName: 'Roux' },
    ],
  });
  programmeId = setUp.programmeId;
  const { logInApi, api } = apiOf(server);
  const admin = await logInApi(ADMIN_EMAIL, ADMIN_PASSWORD);
  const found = await api<{ items: { id: string; name: string }[] }>(
    admin,
    'GET',
    `/organisations?q=${encodeURIComponent(FUNDER)}`,
  );
  funderId = found.items.find((o) => o.name === FUNDER)?.id ?? '';
  await api(admin, 'POST', `/organisations/${funderId}/members`, {
    email: FUNDER_READER,
    name: 'Marc Lecteur',
    role: 'viewer',
    password: PASSWORD,
  });
  const manager = await logInApi(MANAGER, PASSWORD);
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
  await api(manager, 'POST', `/programmes/${programmeId}/budget-lines`, {
    year: YEAR,
    category: 'equipment',
    label: 'Ordinateurs',
    plannedCents: 100000,
    committedCents: 60000,
    spentCents: 30000,
  });
  await api(manager, 'POST', `/programmes/${programmeId}/budget-lines`, {
    year: YEAR,
    category: 'other',
    label: 'Subventions des remises',
    basis: 'handover_subsidies',
    plannedCents: 50000,
  });
  const funding = await api<{ id: string }>(manager, 'POST', `/programmes/${programmeId}/fundings`, {
    funderOrganisationId: funderId,
    requestedCents: 80000,
    grantedCents: 60000,
    grantedOn: `${YEAR}-01-15`,
    agreementReference: 'CONV-E2E-1',
    agreementStartsOn: `${YEAR}-01-01`,
    agreementEndsOn: `${YEAR}-12-31`,
  });
  fundingId = funding.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function logIn(page: Page, email: string) {
  await page.goto(`${server.baseUrl}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
}

describe('the manager reads the budget in the programme report', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await newPage(browser));
    await logIn(page, MANAGER);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('gives planned against spent, the cost per person and the funder’s share', async () => {
    await page.goto(`${server.baseUrl}/programmes/${programmeId}/rapport`);
    await page.getByRole('heading', { level: 1, name: `Rapport : ${PROGRAMME}` }).waitFor();
    const card = page.getByRole('region', { name: 'Budget', exact: true });
    await card.getByRole('heading', { name: 'Budget', exact: true }).waitFor();
    const items = card.getByRole('table', { name: 'Budget prévu et réalisé par poste' });
    expect(await text(items.getByRole('row', { name: /Équipement/ }))).toContain('1 000 €600 €300 €');
    expect(await text(items.getByRole('row', { name: /Autre/ }))).toContain('500 €264 €264 €');
    expect(await text(items.getByRole('row', { name: /Total/ }))).toContain('1 500 €864 €564 €');
    expect(await text(card.locator('dd').first())).toBe('188 €');
    await card.getByText(`Budget de l’année ${YEAR} (année civile entière)`).waitFor();
    const funders = card.getByRole('table', { name: 'Cofinancements par financeur' });
    // Its agreement (600 €) and its 88 € per handover (3 × 88 € = 264 €, received): 864 € of 1 500 € planned.
    expect(await text(funders.getByRole('row', { name: FUNDER }))).toContain('864 €264 €100 %57,6 %');
    await checkA11y(page, 'programme report with its budget');
  });

  it('reads in English too', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    const card = page.getByRole('region', { name: 'Budget', exact: true });
    await card.getByRole('heading', { name: 'Budget', exact: true }).waitFor();
    await card.getByText('Cost per person equipped').waitFor();
    expect(await text(card.locator('dd').first())).toBe('€188');
    await checkA11y(page, 'programme report with its budget, in English');
    await page.getByRole('button', { name: 'Français' }).click();
    await card.getByText('Coût par personne équipée').waitFor();
  });

  it('downloads the agreement’s financial statement as PDF and XLSX', async () => {
    for (const format of ['pdf', 'xlsx'] as const) {
      const answer = await page.evaluate(async (address) => {
        const response = await fetch(address, { credentials: 'same-origin' });
        const bytes = new Uint8Array(await response.arrayBuffer());
        return {
          status: response.status,
          type: response.headers.get('content-type'),
          head: Array.from(bytes.slice(0, 4)),
        };
      }, `/api/v1/programmes/${programmeId}/budget/statement.${format}?fundingId=${fundingId}`);
      expect(answer.status).toBe(200);
      if (format === 'pdf') {
        expect(answer.type).toBe('application/pdf');
        expect(String.fromCharCode(...answer.head)).toBe('%PDF');
      } else {
        expect(String.fromCharCode(...answer.head.slice(0, 2))).toBe('PK');
      }
    }
  });
});

describe('the funder reads its agreement in its report', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await newPage(browser));
    await logIn(page, FUNDER_READER);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('finds its agreement, its share and the costs', async () => {
    await page.goto(`${server.baseUrl}/rapports/financeurs/${funderId}?du=${YEAR}-01-01&au=${YEAR}-12-31`);
    const part = page.locator('.funder-budget');
    await part.getByRole('heading', { name: 'Cofinancement et coûts' }).waitFor();
    const row = part.getByRole('row', { name: /CONV-E2E-1/ });
    expect(await text(row)).toContain('800 €600 €0 €');
    // The subsidies recorded on its handovers: its own computed row, counted in its share.
    const subsidies = part.getByRole('row', { name: /Subventions à la remise \(calculées\)/ });
    expect(await text(subsidies)).toContain('264 €264 €264 €');
    expect(await text(part.locator('dl'))).toContain('188 €');
    await checkA11y(page, 'funder report with its agreements');
    // The statement is the owner's: the funder gets 404.
    const status = await page.evaluate(
      async (address) => (await fetch(address, { credentials: 'same-origin' })).status,
      `/api/v1/programmes/${programmeId}/budget/statement.pdf`,
    );
    expect(status).toBe(404);
  });
});
