/**
 * Training cheques in a real browser against a real server. Set up through the API: a social action centre
 * runs a workshop with a three-hour session held last week, two people enrolled. In the browser its trainer
 * records, on the session's check-in page, a pass numérique cheque for each person (the second one
 * expiring within ten days: the warning is written out); then its manager opens « Chèques formation » from
 * the workshops page, sees the reconciliation and the expiry warning, sends both cheques as a batch (after
 * a confirmation) and records the issuer's reimbursement with one cheque refused. Every page is checked
 * with axe-core, in French, and the cheques page in English too.
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

const PASSWORD = 'une phrase de passe assez longue';
const MANAGER = 'claire.responsable@ccas-gien.example';
const TRAINER = 'tom.mediateur@ccas-gien.example';

let server: TestServer;
let browser: Browser;
let sessionId = '';

/** A day `days` from today (browser and test share the machine's clock), `YYYY-MM-DD`. */
function dayFromToday(days: number): string {
  const date = new Date();
  date.setHours(12, 0, 0, 0);
  date.setDate(date.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
const isoWeekday = (day: string) => ((new Date(`${day}T12:00:00`).getDay() + 6) % 7) + 1;

async function logIn(page: Page, email: string) {
  await page.goto(`${server.baseUrl}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const setUp = await setUpSaleProgramme(server, {
    ccas: { name: 'CCAS de Gien (e2e chèques)', postcode: '45500', city: 'Gien' },
    refurbisher: 'Atelier du Réemploi de Gien (e2e)',
    funder: 'Région (e2e)',
    programme: `Ateliers numériques ${YEAR} (e2e)`,
    password: PASSWORD,
    manager: [MANAGER, 'Claire Responsable'],
    socialWorker: ['paul.travailleur@ccas-gien.example', 'Paul Travailleur'],
    technician: ['eve.technicienne@reemploi-gien.example', 'Ève Technicienne'],
    laptops: [],
    people: [
      { firstName: 'Nora', lastName: 'Petit' },
      { firstName: 'Ali', lastName: 'Benali' },
    ],
  });
  const { logInApi, api } = apiOf(server);
  const admin = await logInApi(ADMIN_EMAIL, ADMIN_PASSWORD);
  const organisations = await api<{ items: { id: string; name: string }[] }>(
    admin,
    'GET',
    '/organisations?limit=100',
  );
  const ccas = organisations.items.find((o) => o.name === 'CCAS de Gien (e2e chèques)');
  await api(admin, 'POST', `/organisations/${ccas?.id}/members`, {
    email: TRAINER,
    name: 'Tom Médiateur',
    role: 'trainer',
    password: PASSWORD,
  });
  const manager = await logInApi(MANAGER, PASSWORD);
  const workshop = await api<{ id: string }>(manager, 'POST', '/workshops', {
    programmeId: setUp.programmeId,
    title: 'Démarches en ligne',
  });
  const days = [dayFromToday(-8), dayFromToday(-7)];
  const plan = await api<{ sessions: { id: string | null }[] }>(
    manager,
    'POST',
    `/workshops/${workshop.id}/sessions/recurrence`,
    {
      weekdays: [...new Set(days.map(isoWeekday))],
      startTime: '09:00',
      endTime: '12:00',
      firstDay: days[0],
      weeks: 1,
    },
  );
  sessionId = plan.sessions.find((s) => s.id)?.id ?? '';
  expect(sessionId).not.toBe('');
  for (const beneficiaryId of setUp.beneficiaryIds) {
    await api(manager, 'POST', `/workshops/${workshop.id}/enrolments`, { beneficiaryId });
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('training cheques from the session to the reimbursement', () => {
  let context: BrowserContext;
  let page: Page;

  afterAll(async () => {
    await context?.close();
  });

  it('a trainer records cheques at the session, with the expiry warning written out', async () => {
    ({ context, page } = await newPage(browser));
    await logIn(page, TRAINER);
    await page.goto(`${server.baseUrl}/ateliers/seances/${sessionId}/presences`);
    const section = page.getByRole('region', { name: 'Chèques formation reçus à cette séance' });
    await section.waitFor();
    await section.getByText('Aucun chèque reçu à cette séance.').waitFor();
    await checkA11y(page, 'check-in with cheques');
    // Nothing filled in: said next to the fields.
    await section.getByRole('button', { name: 'Enregistrer les chèques' }).click();
    await section.locator('.field-error', { hasText: 'Choisissez la personne.' }).waitFor();
    await section.getByRole('link', { name: 'Personne : Choisissez la personne.' }).waitFor();
    // A rule of the server (one pass numérique per 2 hours begun: 2 for this 3-hour session, not 3): its message is
    // next to the field, which points to it, and in the summary, whose link leads to the field.
    await section.getByLabel('Personne').selectOption({ label: 'Ali Benali' });
    await section.getByLabel('Numéros de chèque').fill('PN-E2E-101, PN-E2E-102, PN-E2E-103');
    await section.getByLabel('Fin de validité (imprimée sur le chèque)').fill(dayFromToday(200));
    await section.getByRole('button', { name: 'Enregistrer les chèques' }).click();
    const cap = /Au plus 2 chèque\(s\) pass numérique par personne pour cette séance de 180 minutes/;
    const numbers = section.getByLabel('Numéros de chèque');
    await section.locator('.field-error', { hasText: cap }).waitFor();
    expect(await numbers.getAttribute('aria-invalid')).toBe('true');
    const described = (await numbers.getAttribute('aria-describedby')) ?? '';
    const describedText = await Promise.all(
      described.split(' ').map((ref) => page.locator(`[id="${ref}"]`).textContent()),
    );
    expect(describedText.join(' ')).toMatch(cap);
    const summaryLink = section.getByRole('link', { name: /Numéros de chèque : Au plus 2 chèque/ });
    await summaryLink.waitFor();
    expect(await section.getByText('Certains champs sont à corriger').count()).toBe(0);
    await summaryLink.click();
    expect(await numbers.evaluate((el) => el === document.activeElement)).toBe(true);
    await checkA11y(page, 'check-in with a refused cheque');
    await section.getByLabel('Personne').selectOption({ label: 'Nora Petit' });
    await section.getByLabel('Numéros de chèque').fill('PN-E2E-001');
    await section.getByLabel('Fin de validité (imprimée sur le chèque)').fill(dayFromToday(200));
    await section.getByRole('button', { name: 'Enregistrer les chèques' }).click();
    await section.getByText('1 chèque enregistré pour Nora Petit.').waitFor();
    await section.getByLabel('Personne').selectOption({ label: 'Ali Benali' });
    await section.getByLabel('Numéros de chèque').fill('PN-E2E-002');
    await section.getByLabel('Fin de validité (imprimée sur le chèque)').fill(dayFromToday(10));
    await section.getByRole('button', { name: 'Enregistrer les chèques' }).click();
    await section.getByText('1 chèque enregistré pour Ali Benali.').waitFor();
    await section.getByText(/PN-E2E-002 expire le .* à envoyer avant cette date/).waitFor();
    // The same number again: refused, naming it.
    await section.getByLabel('Numéros de chèque').fill('PN-E2E-001');
    await section.getByRole('button', { name: 'Enregistrer les chèques' }).click();
    await page.getByText('Le chèque n° PN-E2E-001 de cet émetteur est déjà enregistré.').waitFor();
    expect(
      await section.getByRole('list', { name: 'Chèques reçus à cette séance' }).getByRole('listitem').count(),
    ).toBe(2);
    await checkA11y(page, 'check-in with cheques recorded');
    await context.close();
  });

  it('a manager sends the pending cheques as a batch and records the reimbursement', async () => {
    ({ context, page } = await newPage(browser));
    await logIn(page, MANAGER);
    await page.goto(`${server.baseUrl}/ateliers`);
    await page.getByRole('link', { name: 'Chèques formation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chèques formation' }).waitFor();
    await page.getByText('Expire dans 10 jours').waitFor();
    await page.getByText('Aucun lot envoyé pour l’instant.').waitFor();
    await checkA11y(page, 'cheques page');
    await page.getByLabel('Choisir le chèque n° PN-E2E-001 pour un lot').check();
    await page.getByLabel('Choisir le chèque n° PN-E2E-002 pour un lot').check();
    await page.getByText('2 chèques choisis (20 €).').waitFor();
    await page.getByLabel('Référence du bordereau (facultatif)').fill('Bordereau 1');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Créer le lot' }).click();
    await page.getByText('Lot créé : 2 chèques, 20 €.').waitFor();
    const batches = page.getByRole('table', { name: 'Lots de chèques envoyés aux émetteurs' });
    await batches.getByText('Bordereau 1').waitFor();
    await batches.getByRole('button', { name: /Enregistrer le remboursement du lot/ }).click();
    const form = page.getByRole('form', { name: /Remboursement du lot du/ });
    await form.waitFor();
    await form.getByLabel('Chèque n° PN-E2E-002 refusé').check();
    await form.getByLabel('Motif du refus du chèque n° PN-E2E-002').fill('Chèque périmé');
    await form.getByLabel('Montant reçu (€)').fill('10');
    await form.getByText('Au plus la valeur des chèques acceptés : 10 €.').waitFor();
    await checkA11y(page, 'reimbursement form');
    await form.getByRole('button', { name: 'Enregistrer le remboursement' }).click();
    await page.getByText('Remboursement enregistré : 10 €.').waitFor();
    await batches.getByText(/10\s€ le /).waitFor();
    await page.getByText('Refusé : Chèque périmé').waitFor();
    await checkA11y(page, 'cheques page after the reimbursement');
  });

  it('reads in English too', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Training cheques' }).waitFor();
    await page.getByText('Reconciliation by issuer').waitFor();
    await checkA11y(page, 'cheques page in English');
  });
});
