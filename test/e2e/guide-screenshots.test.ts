/**
 * The user guide's screenshots, taken on the demo network: a platform administrator loads it through the
 * API (what the home page's « load demo data » offer does) and creates one more organisation with its
 * administrator (a newcomer, whose « Pour bien démarrer » is all to do), then each account walks the screens
 * of its guide pages (docs/guide/<lang>/<slug>.md) in French, switches the interface to English with the
 * language buttons and walks them again. Every screen is checked with axe-core, then photographed (its main region,
 * or the part of it that starts at a given heading) as `<slug>-<n>.jpg` under `<dir>/fr` and `<dir>/en`, where
 * <dir> is GUIDE_SCREENSHOTS_DIR (`npm run docs:screenshots` sets docs/guide/images) or a temporary folder
 * (a plain run proves the journeys and the screens without touching the repository). A served guide page is
 * checked with axe-core too, and its images load.
 *
 * Things are found by what they are (a programme by its name, a device by its status, a section by its
 * heading's id), never by their position, so the demo network may grow without breaking the journeys.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuidePage } from '../../src/lib/guide-pages.ts';
import { apiOf } from './sale-programme.ts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  checkA11y,
  launchBrowser,
  newPage,
  startServer,
  type TestServer,
} from './support.ts';

const DEMO_PASSWORD = 'demo-seconde-vie';
const VIEWPORT = { width: 1200, height: 800 };
/** The tallest part of a screen kept in a screenshot (CSS pixels). */
const MAX_HEIGHT = 720;
const JPEG_QUALITY = 68;
const LANGUAGES = ['fr', 'en'] as const;
type Lang = (typeof LANGUAGES)[number];

const ACCOUNTS = {
  director: 'direction.ccas@saint-aubin.example',
  technician: 'technicien@atelier-reboot.example',
  socialWorker: 'travailleuse.sociale@saint-aubin.example',
  trainer: 'mediateur@saint-aubin.example',
  funder: 'financeur@saint-aubin.example',
  coordinator: 'coordination@reseau-reemploi.example',
  association: 'presidente@entraide-giennois.example',
  /** Relais Numérique Solidaire's admin: the demo's loan programme (18 months of renewals, returns, tickets). */
  lender: 'prets@relais-numerique.example',
  /** The admin of an organisation created just now (not the demo's): its « Pour bien démarrer » is all to do. */
  newcomer: 'contact@ressourcerie-tilleuls.example',
} as const;
type AccountKey = keyof typeof ACCOUNTS | 'visitor';
const NEWCOMER_PASSWORD = 'une phrase de passe pour les premiers pas';

/** The demo's records the journeys open, found through the API by name or status. */
interface Ids {
  ccas: string;
  donation: string;
  deviceToWipe: string;
  certifiedDevice: string;
  beneficiary: string;
  workshop: string;
  session: string;
  saleProgramme: string;
  loanProgramme: string;
  funder: string;
  order: string;
}

interface Screen {
  page: Exclude<GuidePage, 'index'>;
  n: number;
  account: AccountKey;
  path: (ids: Ids) => string;
  /** The id of the heading where the screenshot starts (the main region's top otherwise). */
  from?: string;
  /** A heading to wait for before the screenshot (its id), when a part of the screen loads on its own. */
  waitFor?: string;
  /** A button to press first (its name in each language), e.g. to open a form. */
  press?: Record<Lang, string>;
}

const SCREENS: Screen[] = [
  { page: 'premiers-pas', n: 1, account: 'newcomer', path: () => '/', waitFor: 'first-steps-title' },
  { page: 'premiers-pas', n: 2, account: 'director', path: () => '/programmes/nouveau' },
  {
    page: 'premiers-pas',
    n: 3,
    account: 'director',
    path: (ids) => `/organisations/${ids.ccas}`,
    from: 'members-title',
  },
  { page: 'recevoir-un-lot', n: 1, account: 'technician', path: (ids) => `/dons/${ids.donation}` },
  { page: 'recevoir-un-lot', n: 2, account: 'technician', path: (ids) => `/dons/${ids.donation}/saisie` },
  { page: 'recevoir-un-lot', n: 3, account: 'technician', path: (ids) => `/dons/${ids.donation}/import` },
  {
    page: 'effacer-et-certifier',
    n: 1,
    account: 'technician',
    path: (ids) => `/appareils/${ids.deviceToWipe}`,
    from: 'erasures-title',
    press: { fr: 'Enregistrer un effacement', en: 'Record an erasure' },
  },
  {
    page: 'effacer-et-certifier',
    n: 2,
    account: 'technician',
    path: (ids) => `/appareils/${ids.certifiedDevice}`,
    from: 'documents-title',
  },
  { page: 'orienter-une-personne', n: 1, account: 'socialWorker', path: () => '/beneficiaires/nouveau' },
  {
    page: 'orienter-une-personne',
    n: 2,
    account: 'socialWorker',
    path: (ids) => `/beneficiaires/${ids.beneficiary}`,
    from: 'referrals-title',
  },
  { page: 'animer-un-atelier', n: 1, account: 'trainer', path: (ids) => `/ateliers/${ids.workshop}` },
  {
    page: 'animer-un-atelier',
    n: 2,
    account: 'trainer',
    path: (ids) => `/ateliers/seances/${ids.session}/presences`,
  },
  {
    page: 'remettre-les-ordinateurs',
    n: 1,
    account: 'director',
    path: (ids) => `/programmes/${ids.saleProgramme}`,
    from: 'waiting-title',
  },
  {
    page: 'remettre-les-ordinateurs',
    n: 2,
    account: 'director',
    path: (ids) => `/programmes/${ids.saleProgramme}`,
    from: 'allocations-title',
  },
  { page: 'renouveler-un-pret', n: 1, account: 'lender', path: () => '/prets' },
  { page: 'renouveler-un-pret', n: 2, account: 'lender', path: () => '/maintenance' },
  {
    page: 'rapport-annuel',
    n: 1,
    account: 'director',
    path: (ids) => `/programmes/${ids.saleProgramme}/rapport`,
  },
  {
    page: 'rapport-annuel',
    n: 2,
    account: 'funder',
    path: (ids) => `/rapports/financeurs/${ids.funder}`,
  },
  { page: 'rapport-annuel', n: 3, account: 'coordinator', path: () => '/reseau' },
  {
    page: 'inscrire-une-association',
    n: 1,
    account: 'visitor',
    path: (ids) => `/associations/inscription/${ids.loanProgramme}`,
  },
  { page: 'inscrire-une-association', n: 2, account: 'association', path: () => '/portail' },
  {
    page: 'inscrire-une-association',
    n: 3,
    account: 'association',
    path: (ids) => `/portail/commandes/${ids.order}`,
  },
];

let server: TestServer;
let browser: Browser;
let ids: Ids;
let outDir = '';
let temporary = false;

interface Named {
  id: string;
  name: string;
}

const sessions = new Map<keyof typeof ACCOUNTS, Promise<string>>();

/** A session cookie of the account, logged in once through the API (a password check is costly). */
function sessionOf(account: keyof typeof ACCOUNTS): Promise<string> {
  let cookie = sessions.get(account);
  if (!cookie) {
    cookie = apiOf(server).logInApi(
      ACCOUNTS[account],
      account === 'newcomer' ? NEWCOMER_PASSWORD : DEMO_PASSWORD,
    );
    sessions.set(account, cookie);
  }
  return cookie;
}

/** The item whose name starts with `prefix`, the last in name order (the demo ends its programmes' names with the year). */
function named<T extends Named>(items: T[], prefix: string): T {
  const found = items
    .filter((item) => item.name.startsWith(prefix))
    .sort((a, b) => a.name.localeCompare(b.name))
    .at(-1);
  if (!found) throw new Error(`demo: nothing named "${prefix}…" in ${items.map((i) => i.name).join(', ')}`);
  return found;
}

async function findIds(): Promise<Ids> {
  const { api } = apiOf(server);
  const [director, technician, socialWorker, trainer, funder, association] = await Promise.all([
    sessionOf('director'),
    sessionOf('technician'),
    sessionOf('socialWorker'),
    sessionOf('trainer'),
    sessionOf('funder'),
    sessionOf('association'),
  ]);

  const me = await api<{ memberships: { organisation: Named }[] }>(director, 'GET', '/me');
  const ccas = named(
    me.memberships.map((m) => m.organisation),
    'CCAS',
  );
  const programmes = (await api<{ items: (Named & { mode: string })[] }>(director, 'GET', '/programmes'))
    .items;
  const donations = (
    await api<{ items: { id: string; deviceCount: number }[] }>(technician, 'GET', '/donations')
  ).items;
  const donation = donations.find((d) => d.deviceCount > 0);
  const devices = (
    await api<{ items: { id: string; status: string; certificateNumber: string | null }[] }>(
      technician,
      'GET',
      '/devices?limit=200',
    )
  ).items;
  const deviceToWipe = devices.find((d) => d.status === 'refurbishing' && !d.certificateNumber);
  const certifiedDevice = devices.find((d) => d.certificateNumber);
  const people = (
    await api<{ items: { id: string; kind: string; anonymisedAt: string | null }[] }>(
      socialWorker,
      'GET',
      '/beneficiaries?limit=200',
    )
  ).items;
  const beneficiary = people.find((p) => p.kind === 'person' && !p.anonymisedAt);
  const workshops = (
    await api<{ items: { id: string; title: string; cancelledAt: string | null }[] }>(
      trainer,
      'GET',
      '/workshops',
    )
  ).items;
  const workshop = workshops.find((w) => w.title.startsWith('Premiers pas'));
  if (!workshop) {
    throw new Error(`demo: no workshop "Premiers pas…" in ${workshops.map((w) => w.title).join(', ')}`);
  }
  const detail = await api<{ sessions: { id: string }[] }>(trainer, 'GET', `/workshops/${workshop.id}`);
  const session = detail.sessions[0];
  const funderMe = await api<{ memberships: { organisation: Named }[] }>(funder, 'GET', '/me');
  const orders = await api<{ items: { id: string }[] }>(association, 'GET', '/portal/orders');
  const order = orders.items[0];
  if (!order) throw new Error('demo: the association has no order');
  if (!donation || !deviceToWipe || !certifiedDevice || !beneficiary || !session) {
    throw new Error('demo: a record a journey needs is missing');
  }
  return {
    ccas: ccas.id,
    donation: donation.id,
    deviceToWipe: deviceToWipe.id,
    certifiedDevice: certifiedDevice.id,
    beneficiary: beneficiary.id,
    workshop: workshop.id,
    session: session.id,
    saleProgramme: named(programmes, 'Ordi solidaire').id,
    loanProgramme: named(programmes, 'Prêt solidaire aux associations').id,
    funder: named(
      funderMe.memberships.map((m) => m.organisation),
      'Ville de Saint-Aubin-sur-Loire',
    ).id,
    order: order.id,
  };
}

/** A browser window logged in as `account` (the session cookie from the API), or anonymous. */
async function windowFor(account: AccountKey): Promise<{ context: BrowserContext; page: Page }> {
  const window = await newPage(browser, VIEWPORT);
  if (account !== 'visitor') {
    const cookie = await sessionOf(account);
    const [name = '', value = ''] = cookie.split('=');
    await window.context.addCookies([{ name, value, url: server.baseUrl }]);
  }
  return window;
}

async function inLanguage(page: Page, lang: Lang): Promise<void> {
  await page.waitForFunction((code) => document.documentElement.lang === code, lang, { timeout: 10_000 });
}

/** Waits until the page shows its title and nothing is loading any more. */
async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor({ state: 'visible' });
  await page.waitForFunction(() => !document.querySelector('main .loading'), null, { timeout: 15_000 });
}

async function photograph(page: Page, screen: Screen, lang: Lang): Promise<string> {
  // Page coordinates (the viewport's plus the scroll), then the part of the page to keep is scrolled to.
  const box = await page.evaluate((from) => {
    const main = document.querySelector('main')?.getBoundingClientRect();
    const start = from ? document.getElementById(from)?.getBoundingClientRect() : main;
    if (!main || !start) return null;
    // The content's bottom, not the region's (it may stretch to the window's height).
    let bottom = start.bottom;
    for (const element of document.querySelectorAll('main *')) {
      bottom = Math.max(bottom, element.getBoundingClientRect().bottom);
    }
    return {
      x: main.x,
      width: main.width,
      top: Math.max(main.top, start.top - 12) + window.scrollY,
      bottom: Math.min(main.bottom, bottom + 16) + window.scrollY,
    };
  }, screen.from ?? null);
  if (!box) throw new Error(`${screen.page}-${screen.n}: no main region or no #${screen.from}`);
  const height = Math.max(120, Math.min(MAX_HEIGHT, box.bottom - box.top));
  const scrolled = await page.evaluate((top) => {
    window.scrollTo(0, top);
    return window.scrollY;
  }, box.top);
  const file = path.join(outDir, lang, `${screen.page}-${screen.n}.jpg`);
  await page.screenshot({
    path: file,
    type: 'jpeg',
    quality: JPEG_QUALITY,
    clip: { x: box.x, y: box.top - scrolled, width: box.width, height },
  });
  return file;
}

beforeAll(async () => {
  const chosen = process.env.GUIDE_SCREENSHOTS_DIR;
  temporary = !chosen;
  outDir = chosen ? path.resolve(chosen) : await mkdtemp(path.join(os.tmpdir(), 'seconde-vie-guide-'));
  await Promise.all(LANGUAGES.map((lang) => mkdir(path.join(outDir, lang), { recursive: true })));
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const { logInApi, api } = apiOf(server);
  const admin = await logInApi(ADMIN_EMAIL, ADMIN_PASSWORD);
  await api(admin, 'POST', '/demo');
  // An organisation of its own for the newcomer (created after the demo, which wants an empty instance).
  const centre = await api<{ id: string }>(admin, 'POST', '/organisations', {
    name: 'Ressourcerie des Tilleuls',
    kinds: ['association', 'prescriber', 'refurbisher'],
    postcode: '45100',
    city: 'Saint-Aubin-sur-Loire',
  });
  await api(admin, 'POST', `/organisations/${centre.id}/members`, {
    email: ACCOUNTS.newcomer,
    name: 'Julien Marchand',
    role: 'admin',
    password: NEWCOMER_PASSWORD,
  });
  ids = await findIds();
}, 180_000); // the server, then the demo network (four programmes over 18 months: seconds when quiet, more when busy)

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (temporary && outDir) await rm(outDir, { recursive: true, force: true });
});

describe('the user guide on the demo network', () => {
  const accounts = [...new Set(SCREENS.map((screen) => screen.account))];
  for (const account of accounts) {
    it(`walks the guide's screens as ${account}, in French then in English`, async () => {
      const { context, page } = await windowFor(account);
      try {
        const screens = SCREENS.filter((screen) => screen.account === account);
        for (const lang of LANGUAGES) {
          if (lang === 'en') {
            if (account === 'visitor') {
              await page.evaluate(() => localStorage.setItem('seconde-vie.language', 'en'));
            } else {
              // The interface's own language switch (kept for the next pages).
              await page.getByRole('button', { name: 'English', exact: true }).click();
              await inLanguage(page, 'en');
            }
          }
          let checked = ''; // the screen on view, already checked (another part of it is photographed)
          for (const screen of screens) {
            const address = screen.path(ids);
            if (address !== checked || screen.press) {
              await page.goto(server.baseUrl + address);
              await settled(page);
              await inLanguage(page, lang);
              if (screen.press) {
                await page.getByRole('button', { name: screen.press[lang], exact: true }).click();
              }
              if (screen.waitFor) await page.locator(`#${screen.waitFor}`).waitFor();
              await checkA11y(page, `${screen.page}-${screen.n} (${lang})`);
              checked = screen.press ? '' : address;
            }
            await photograph(page, screen, lang);
          }
        }
        if (account !== 'visitor') {
          // Back to French, as the account was.
          await page.getByRole('button', { name: 'Français', exact: true }).click();
        }
      } finally {
        await context.close();
      }
    }, 180_000); // a few screens, each checked by axe-core: seconds on a quiet laptop, longer on a busy one
  }

  it('serves the guide: a page with its screenshots passes axe-core in both languages', async () => {
    const { context, page } = await newPage(browser, VIEWPORT);
    try {
      for (const lang of LANGUAGES) {
        await page.goto(`${server.baseUrl}/aide/${lang}/recevoir-un-lot`);
        await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
        await page.locator('main h1').waitFor();
        await checkA11y(page, `guide recevoir-un-lot (${lang})`);
        const images = page.locator('main img');
        expect(await images.count()).toBeGreaterThan(0);
        for (const image of await images.all()) {
          expect(await image.getAttribute('alt')).toBeTruthy();
          await image.scrollIntoViewIfNeeded();
          await expect
            .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
            .toBe(true);
        }
      }
      await page.getByRole('link', { name: 'Back to the app' }).click();
      await page.locator('main h1').first().waitFor();
    } finally {
      await context.close();
    }
  });
});
