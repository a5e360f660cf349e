/**
 * Follow-up questionnaires in a real browser against a real server. Set up through the API: a donation
 * programme run by a social action centre, two laptops handed over four months ago (recorded after the fact)
 * to two people with an e-mail address. The follow-up job then runs as on the day the 3-month follow-ups fell
 * due (its date passed in, as the server's hourly run saw it): each person gets an e-mail with a link. The first person opens the
 * e-mailed link and answers with the KEYBOARD ONLY — each new question's heading takes the focus, « Retour »
 * keeps the answers, a missing answer is said, the summary comes before sending, the thanks say what happens
 * next; the link then says « déjà répondu ». The second person's link, once expired, says so; a social worker
 * fills their follow-up in from the person's page. The manager finds the « help asked » list, changes the
 * programme's follow-up months (a mistake said first) and reads both answers in the programme report. Every
 * page and every question is checked with axe-core.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/connection.ts';
import { addMonthsToDay, today } from '../../src/lib/dates.ts';
import { runFollowUps } from '../../src/modules/followup/jobs.ts';
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

const CCAS = 'CCAS de Montargis (e2e)';
const PASSWORD = 'une phrase de passe assez longue';
const MANAGER = 'claire.responsable@ccas-montargis.example';
const SOCIAL_WORKER = 'nadia.travailleuse@ccas-montargis.example';
const TECHNICIAN = 'paul.technicien@atelier.example';
const PROGRAMME = `Ordinateurs donnés ${YEAR} (e2e)`;
const LINA = { firstName: 'Lina', lastName: 'Moreau', email: 'lina.moreau@example.org' };
const KARIM = { firstName: 'Karim', lastName: 'Haddad', email: 'karim.haddad@example.org' };

let server: TestServer;
let browser: Browser;
let database: Database;
let programmeId = '';
let karimId = '';
let dueOn = '';
const links = new Map<string, string>();

/** The link of the follow-up e-mail sent to this address, read from the outbox (no SMTP server here). */
async function linkSentTo(address: string): Promise<string> {
  const { logInApi, api } = apiOf(server);
  const admin = await logInApi(ADMIN_EMAIL, ADMIN_PASSWORD);
  const outbox = await api<{ items: { id: string; template: string; toAddress: string }[] }>(
    admin,
    'GET',
    '/outbox?limit=100',
  );
  const mail = outbox.items.find((m) => m.template === 'follow_up_invitation' && m.toAddress === address);
  if (!mail) throw new Error(`no follow-up e-mail to ${address}: ${JSON.stringify(outbox.items)}`);
  const { textBody } = await api<{ textBody: string }>(admin, 'GET', `/outbox/${mail.id}`);
  const match = new RegExp(`${server.baseUrl}/suivi/[A-Za-z0-9_-]+`).exec(textBody);
  if (!match) throw new Error(`no link in the e-mail:\n${textBody}`);
  return match[0];
}

/** What the focused element says: its label's text for a choice, else its own name. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element) return '';
    const label = element.closest('label');
    return (label?.textContent ?? element.getAttribute('aria-label') ?? element.textContent ?? '').trim();
  });
}

/** Presses Tab until the focused element says `name` (the keyboard's way to reach a control). */
async function tabTo(page: Page, name: string | RegExp): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const text = await focused(page);
    if (typeof name === 'string' ? text === name : name.test(text)) return;
    seen.push(text);
  }
  throw new Error(`Tab never reached « ${name} »; focused in turn: ${seen.join(' | ')}`);
}

/** The new question's heading has the focus and reads « Question n sur 7 … ». */
async function expectQuestion(page: Page, n: number, question: string): Promise<void> {
  const heading = page.getByRole('heading', { level: 2, name: `Question ${n} sur 7 ${question}` });
  await heading.waitFor();
  await expect.poll(() => focused(page)).toBe(`Question ${n} sur 7 ${question}`);
  await checkA11y(page, `question ${n}`);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const setUp = await setUpSaleProgramme(server, {
    ccas: { name: CCAS, postcode: '45200', city: 'Montargis' },
    refurbisher: 'Atelier du Gâtinais (e2e)',
    funder: 'Département du Loiret (e2e)',
    programme: PROGRAMME,
    password: PASSWORD,
    manager: [MANAGER, 'Claire Responsable'],
    socialWorker: [SOCIAL_WORKER, 'Nadia Travailleuse'],
    technician: [TECHNICIAN, 'Paul Technicien'],
    laptops: [
      { brand: 'Dell', model: 'Latitude 5490' },
      { brand: 'HP', model: 'EliteBook 840' },
    ],
    people: [],
    programmeOverrides: {
      mode: 'donation',
      unitPriceCents: null,
      subsidies: [],
      startsOn: `${YEAR - 1}-01-01`,
    },
  });
  programmeId = setUp.programmeId;
  const { logInApi, api } = apiOf(server);
  // Referred and equipped four months ago (both days in the past, as recorded after the fact), so that the
  // 3-month follow-ups fell due a month ago.
  const handedOverOn = addMonthsToDay(today(), -4);
  dueOn = addMonthsToDay(handedOverOn, 3);
  const socialWorker = await logInApi(SOCIAL_WORKER, PASSWORD);
  const manager = await logInApi(MANAGER, PASSWORD);
  const organisations = await api<{ items: { id: string; name: string }[] }>(
    socialWorker,
    'GET',
    '/organisations?mine=true',
  );
  const ccasId = organisations.items.find((o) => o.name === CCAS)?.id;
  const people: string[] = [];
  for (const [index, person] of [LINA, KARIM].entries()) {
    const created = await api<{ id: string }>(socialWorker, 'POST', '/beneficiaries', {
      kind: 'person',
      referringOrganisationId: ccasId,
      ...person,
      deviceNeed: 'laptop',
      consentGivenOn: `${YEAR - 1}-01-01`,
    });
    await api(socialWorker, 'POST', '/referrals', {
      beneficiaryId: created.id,
      programmeId,
      referredOn: handedOverOn,
    });
    const allocation = await api<{ id: string }>(manager, 'POST', '/allocations', {
      programmeId,
      beneficiaryId: created.id,
      deviceId: setUp.deviceIds[index],
    });
    await api(manager, 'POST', `/allocations/${allocation.id}/handover`, {
      handedOverOn,
      signedOnPaper: true,
    });
    people.push(created.id);
  }
  karimId = people[1] ?? '';
  // The job runs against the server's own database, on the day the 3-month follow-ups fall due.
  database = await openDatabase({
    dataDir: server.dataDir,
    purpose: 'cli',
    ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
  });
  const run = await runFollowUps(database.db, { publicUrl: server.baseUrl, asOf: dueOn });
  expect(run.sent).toBe(2);
  links.set(LINA.email, await linkSentTo(LINA.email));
  links.set(KARIM.email, await linkSentTo(KARIM.email));
});

afterAll(async () => {
  await database?.close();
  await browser?.close();
  await server?.stop();
});

describe('the person answers the e-mailed link with the keyboard only', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    // A phone's screen: the questionnaire must work there too.
    ({ context, page } = await newPage(browser, { width: 390, height: 844 }));
  });

  afterAll(async () => {
    await context?.close();
  });

  it('answers every question, checks the summary and sends', async () => {
    await page.goto(links.get(LINA.email) as string);
    await page.getByRole('heading', { level: 1, name: 'Votre avis sur votre appareil' }).waitFor();
    await page.getByText(`${CCAS} vous a remis un ordinateur portable`, { exact: false }).waitFor();
    await page.getByText('Il y a 7 questions.').waitFor();
    await checkA11y(page, 'questionnaire intro');

    // The page's language switch, both ways.
    await tabTo(page, 'Read in English');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Hello.' }).waitFor();
    await page.getByRole('button', { name: 'Lire en français' }).waitFor();
    await checkA11y(page, 'questionnaire intro in English');
    await expect.poll(() => focused(page)).toBe('Lire en français');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Bonjour.' }).waitFor();

    await tabTo(page, 'Commencer');
    await page.keyboard.press('Enter');
    await expectQuestion(page, 1, 'Votre appareil marche ?');
    // « Suivant » without an answer: said, and the focus goes to the first choice.
    await tabTo(page, 'Suivant');
    await page.keyboard.press('Enter');
    await page.getByText('Choisissez une réponse.').waitFor();
    await expect.poll(() => focused(page)).toBe('✔Oui, il marche bien');
    await checkA11y(page, 'question 1 without an answer');
    await page.keyboard.press('Space');
    await tabTo(page, 'Suivant');
    await page.keyboard.press('Enter');

    await expectQuestion(page, 2, 'Vous utilisez votre appareil souvent ?');
    await tabTo(page, 'Tous les jours');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focused(page)).toBe('Toutes les semaines');
    await tabTo(page, 'Suivant');
    await page.keyboard.press('Enter');

    await expectQuestion(page, 3, 'Vous utilisez votre appareil pour quoi ?');
    await tabTo(page, 'Faire mes démarches (CAF, impôts, santé)');
    await page.keyboard.press('Space');
    await tabTo(page, 'Chercher un travail');
    await page.keyboard.press('Space');
    await tabTo(page, 'Suivant');
    await page.keyboard.press('Enter');

    // « Retour » goes back one question, its answers kept.
    await expectQuestion(page, 4, 'Avec votre appareil, vous faites plus de choses seul ou seule ?');
    await tabTo(page, 'Retour');
    await page.keyboard.press('Enter');
    await expectQuestion(page, 3, 'Vous utilisez votre appareil pour quoi ?');
    expect(await page.getByRole('checkbox', { name: 'Chercher un travail' }).isChecked()).toBe(true);
    await tabTo(page, 'Suivant');
    await page.keyboard.press('Enter');

    await expectQuestion(page, 4, 'Avec votre appareil, vous faites plus de choses seul ou seule ?');
    await tabTo(page, 'Oui, beaucoup plus');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'Suivant');
    await page.keyboard.press('Enter');

    await expectQuestion(page, 5, 'Votre appareil a besoin d’une réparation ?');
    await tabTo(page, '⚙Oui');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focused(page)).toBe('Non');
    await tabTo(page, 'Suivant');
    await page.keyboard.press('Enter');

    await expectQuestion(page, 6, 'Vous voulez parler avec la personne qui vous accompagne ?');
    await tabTo(page, '☎Oui');
    await page.keyboard.press('Space');
    await tabTo(page, 'Suivant');
    await page.keyboard.press('Enter');

    await expectQuestion(page, 7, 'Vous voulez dire autre chose ?');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Merci pour l’ordinateur.');
    await tabTo(page, 'Voir mes réponses');
    await page.keyboard.press('Enter');

    const summary = page.getByRole('region', { name: 'Vérifiez vos réponses' });
    await summary.waitFor();
    await expect.poll(() => focused(page)).toBe('Vérifiez vos réponses');
    await summary.getByText('Toutes les semaines').waitFor();
    await summary.getByText('Faire mes démarches (CAF, impôts, santé), Chercher un travail').waitFor();
    await summary.getByText('Oui, un peu plus').waitFor();
    await summary.getByText('Merci pour l’ordinateur.').waitFor();
    await checkA11y(page, 'summary');
    await tabTo(page, 'Envoyer mes réponses');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 2, name: /Merci !/ }).waitFor();
    await expect.poll(() => focused(page)).toMatch(/Merci !$/);
    await page
      .getByText('Vous voulez parler avec la personne qui vous accompagne. Elle va vous appeler.')
      .waitFor();
    await checkA11y(page, 'thanks');
  });

  it('says the link was already answered when it is used again', async () => {
    await page.goto(links.get(LINA.email) as string);
    await page.getByRole('heading', { level: 1, name: 'Vous avez déjà répondu' }).waitFor();
    await checkA11y(page, 'link already answered');
  });

  it('says an expired link is too old, and an unknown one is unknown', async () => {
    await database.pool.query(
      `UPDATE follow_up_links SET expires_at = now() - interval '1 day'
        WHERE follow_up_id IN (SELECT id FROM follow_ups WHERE beneficiary_id = $1)`,
      [karimId],
    );
    await page.goto(links.get(KARIM.email) as string);
    await page.getByRole('heading', { level: 1, name: 'Ce lien est trop ancien' }).waitFor();
    await checkA11y(page, 'expired link');
    await page.goto(`${server.baseUrl}/suivi/${'0'.repeat(40)}`);
    await page.getByRole('heading', { level: 1, name: 'Lien inconnu' }).waitFor();
    await checkA11y(page, 'unknown link');
  });
});

describe('the staff', () => {
  let context: BrowserContext;
  let page: Page;

  async function logIn(email: string) {
    await page.goto(`${server.baseUrl}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
  }

  beforeAll(async () => {
    ({ context, page } = await newPage(browser));
  });

  afterAll(async () => {
    await context?.close();
  });

  it('a social worker fills a follow-up in from the person’s page', async () => {
    await logIn(SOCIAL_WORKER);
    await page.goto(`${server.baseUrl}/beneficiaires/${karimId}`);
    await page.getByRole('heading', { level: 1, name: /Karim Haddad/ }).waitFor();
    const section = page.getByRole('region', { name: 'Suivi', exact: true });
    await section.getByRole('row', { name: /Envoyé/ }).waitFor();
    await checkA11y(page, 'person’s page with follow-ups');
    await section.getByRole('link', { name: `Remplir le suivi à 3 mois (${PROGRAMME})` }).click();

    await page.getByRole('heading', { level: 1, name: 'Remplir le suivi de Karim Haddad' }).waitFor();
    await checkA11y(page, 'filling in for the person');
    const next = page.getByRole('button', { name: 'Suivant' });
    await page.getByRole('radio', { name: 'Il marche un peu' }).check();
    await next.click();
    await page.getByRole('radio', { name: 'Tous les jours' }).check();
    await next.click();
    await page.getByRole('checkbox', { name: 'Apprendre' }).check();
    await next.click();
    await page.getByRole('radio', { name: 'Non, pas plus' }).check();
    await next.click();
    await page.getByRole('radio', { name: 'Oui' }).check();
    await next.click();
    await page.getByRole('radio', { name: 'Non' }).check();
    await next.click();
    await page.getByRole('button', { name: 'Voir mes réponses' }).click();
    await page.getByRole('heading', { name: 'Vérifiez vos réponses' }).waitFor();
    await checkA11y(page, 'summary for the person');
    await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();

    await page.getByRole('heading', { level: 1, name: /Karim Haddad/ }).waitFor();
    await page
      .getByText('Les réponses de Karim Haddad sont enregistrées. Une demande de réparation est ouverte.')
      .waitFor();
    await section
      .getByRole('row', { name: /Répondu/ })
      .getByText('rempli avec un travailleur social')
      .waitFor();
    await checkA11y(page, 'person’s page with an answered follow-up');
  });

  it('lists the follow-ups and shows the answers in the programme report', async () => {
    // The programme's manager, in a browser of their own.
    await context.close();
    ({ context, page } = await newPage(browser));
    await logIn(MANAGER);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Suivis' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Suivis' }).waitFor();
    await page.getByText('Personne à contacter pour le moment.').waitFor();
    await checkA11y(page, 'follow-ups to contact (empty)');
    await page.getByRole('link', { name: 'Aide demandée' }).click();
    await page.getByRole('row', { name: /Lina Moreau/ }).waitFor();
    await checkA11y(page, 'follow-ups with help asked');

    await page.goto(`${server.baseUrl}/programmes/${programmeId}`);
    const settings = page.getByRole('region', { name: 'Suivi après remise' });
    await settings
      .getByText('Questionnaires à 3, 6, 12 mois après la remise ; relance après 14 jours.')
      .waitFor();
    await checkA11y(page, 'programme with its follow-up settings');
    await settings.getByRole('button', { name: 'Modifier le suivi' }).click();
    await settings.getByLabel(/Échéances/).fill('3, 3');
    await settings.getByRole('button', { name: 'Enregistrer' }).click();
    await settings.getByText('Indiquez de 1 à 5 nombres différents entre 1 et 36').waitFor();
    await checkA11y(page, 'follow-up settings with a mistake');
    await settings.getByLabel(/Échéances/).fill('2, 6');
    await settings.getByRole('button', { name: 'Enregistrer' }).click();
    await settings.getByText('Le suivi après remise est enregistré.').waitFor();
    // The form is gone: the focus goes to the confirmation, read at once.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toBe('Le suivi après remise est enregistré.');
    await settings
      .getByText('Questionnaires à 2, 6 mois après la remise ; relance après 14 jours.')
      .waitFor();

    await page.goto(`${server.baseUrl}/programmes/${programmeId}/rapport`);
    const report = page.getByRole('region', { name: 'Suivi après remise' });
    await report.waitFor();
    const figures = report.getByRole('definition');
    await expect
      .poll(async () => (await figures.allTextContents()).some((text) => /^100\s%$/.test(text.trim())))
      .toBe(true);
    const frequency = report.getByRole('table', { name: 'Fréquence d’utilisation' });
    await frequency.getByRole('row', { name: /Toutes les semaines 1/ }).waitFor();
    await frequency.getByRole('row', { name: /Tous les jours 1/ }).waitFor();
    const uses = report.getByRole('table', { name: 'Usages' });
    await uses.getByRole('row', { name: /Chercher un travail 1/ }).waitFor();
    await report
      .getByRole('table', { name: 'Par échéance' })
      .getByRole('row', { name: /3 mois 2 2/ })
      .waitFor();
    await checkA11y(page, 'programme report with follow-ups');
  });
});
