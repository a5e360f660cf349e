/**
 * The front-end budget: what the login page and the stock page load on a first visit, and how long they
 * take to become usable on an old machine on a slow connection.
 *
 * A real server (`seconde-vie serve`, fresh data directory) serves the built app (dist/web); Debian's
 * Chromium opens each page in a fresh browser context (empty cache) through the DevTools protocol with
 * the network throttled to slow 3G (400 kbit/s each way, 400 ms latency) and the CPU slowed 4×.
 *
 * - First-load JS / CSS: the gzip size (as the build's .gz copy, level 9) of every script and style sheet
 *   the page fetched until it was interactive and the network was idle. Baseline: all of the app's
 *   scripts (or style sheets), so the ratio is the share of the app the first page carries.
 * - Time to interactive: from the start of the navigation until the page's main heading (h1, with the
 *   page's title) is visible and its first text field and a button are visible and enabled, with the
 *   main thread free to run a frame (measured in the page, from the navigation's time origin).
 *   Baseline: a static HTML page with the same heading and form and no script, under the same
 *   throttling (the floor any page pays on that connection). The same page unthrottled is given in words.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from 'playwright-core';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  freePort,
  launchBrowser,
  ROOT,
  startServer,
  type TestServer,
} from '../test/e2e/support.ts';
import type { Bench, BenchLine } from './format.ts';

const WEB = path.join(ROOT, 'dist/web');
const SLOW_3G = {
  offline: false,
  latency: 400,
  downloadThroughput: (400 * 1000) / 8,
  uploadThroughput: (400 * 1000) / 8,
};
const CPU_SLOWDOWN = 4;
const TECHNICIAN = { email: 'bench-technicienne@example.org', password: 'une phrase de passe assez longue' };
const KB = 1024;

/** The gzip size of a built file: its .gz copy when the build wrote one (files ≥ 1 KB), else gzip -9. */
function gzipBytes(file: string): number {
  if (existsSync(`${file}.gz`)) return statSync(`${file}.gz`).size;
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

function allAssets(extension: string): number {
  return readdirSync(path.join(WEB, 'assets'))
    .filter((name) => name.endsWith(extension))
    .reduce((sum, name) => sum + gzipBytes(path.join(WEB, 'assets', name)), 0);
}

/**
 * The in-page test of "usable", as source text (a function passed from here would carry the TypeScript
 * runner's helpers, which the page lacks): the h1 shows the page's title, a text field and a button are
 * visible and enabled. Yields the page's clock (ms since the navigation's time origin) when it holds.
 */
function usable(heading: RegExp): string {
  return `(() => {
    const visible = (element) => element instanceof HTMLElement && element.getClientRects().length > 0 &&
      getComputedStyle(element).visibility !== 'hidden';
    const h1 = document.querySelector('h1');
    if (!visible(h1) || !new RegExp(${JSON.stringify(heading.source)}).test(h1.textContent ?? '')) return false;
    const field = [...document.querySelectorAll('input:not([type=hidden]):not([type=checkbox])')].find(visible);
    const button = [...document.querySelectorAll('button')].find(visible);
    if (!field || field.disabled || !button || button.disabled) return false;
    return performance.now();
  })()`;
}

interface Visit {
  /** ms from the navigation's time origin until usable. */
  interactive: number;
  jsGzip: number;
  cssGzip: number;
  /** Bytes on the wire (the server sends brotli when the browser accepts it). */
  transferred: number;
  scripts: string[];
  errors: string[];
}

/** Visits `url` in a fresh context; throttled or not; measures bytes and time to interactive. */
async function visit(
  browser: Browser,
  url: string,
  heading: RegExp,
  throttled: boolean,
  login?: (context: BrowserContext) => Promise<void>,
): Promise<Visit> {
  // bypassCSP: the usability test runs as source text in the page, which the app's CSP rightly forbids.
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: 1366, height: 768 },
    bypassCSP: true,
  });
  try {
    if (login) await login(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (throttled) {
      await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    }
    const requests = new Map<string, { url: string; type: string }>();
    let transferred = 0;
    // BENCH_WATERFALL=1 prints each request's start, end and bytes on the wire (stderr) to see where
    // the time goes.
    const waterfall = throttled && process.env.BENCH_WATERFALL === '1';
    const started = new Map<string, { url: string; at: number }>();
    let origin = 0;
    cdp.on('Network.requestWillBeSent', (event) => {
      if (!origin) origin = event.timestamp;
      started.set(event.requestId, { url: event.request.url, at: event.timestamp });
    });
    cdp.on('Network.responseReceived', (event) =>
      requests.set(event.requestId, { url: event.response.url, type: event.type ?? '' }),
    );
    cdp.on('Network.loadingFinished', (event) => {
      transferred += event.encodedDataLength;
      const start = started.get(event.requestId);
      if (waterfall && start) {
        const ms = (t: number) => Math.round((t - origin) * 1000);
        process.stderr.write(
          `  ${ms(start.at)}–${ms(event.timestamp)} ms ${(event.encodedDataLength / KB).toFixed(1)} KB ${start.url.replace(/^https?:\/\/[^/]+/, '')}\n`,
        );
      }
    });
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(usable(heading), undefined, { timeout: 60_000 });
    // One more frame: the main thread is free enough to paint and take an event.
    const ready = (await handle.jsonValue()) as number;
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(resolve))');
    await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => undefined);
    let jsGzip = 0;
    let cssGzip = 0;
    const scripts: string[] = [];
    for (const { url: fetched, type } of requests.values()) {
      const { pathname, origin } = new URL(fetched);
      if (origin !== new URL(url).origin || !pathname.startsWith('/assets/')) continue;
      const file = path.join(WEB, pathname);
      if (!existsSync(file)) continue;
      if (type === 'Script' || pathname.endsWith('.js')) {
        jsGzip += gzipBytes(file);
        scripts.push(path.basename(pathname));
      } else if (type === 'Stylesheet' || pathname.endsWith('.css')) cssGzip += gzipBytes(file);
    }
    return { interactive: ready, jsGzip, cssGzip, transferred, scripts, errors };
  } finally {
    await context.close();
  }
}

/** A page with the same heading and form as the login page, no script, served on 127.0.0.1. */
async function staticPage(): Promise<{ url: string; server: Server }> {
  const css = readdirSync(path.join(WEB, 'assets')).find((name) => /^index-.*\.css$/.test(name));
  const html =
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Se connecter</title>${
      css ? `<style>${readFileSync(path.join(WEB, 'assets', css), 'utf8')}</style>` : ''
    }</head><body><main><h1>Se connecter</h1><form><label for="e">Adresse e-mail</label><input id="e" type="email">` +
    '<label for="p">Mot de passe</label><input id="p" type="password"><button type="submit">Se connecter</button></form></main></body></html>';
  const body = gzipSync(html);
  const port = await freePort();
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}/`, server };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function prepareTechnician(server: TestServer): Promise<void> {
  const call = async (pathname: string, body: unknown, cookie = '') => {
    const response = await fetch(`${server.baseUrl}/api/v1${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(
        `POST ${pathname}: ${response.status} ${await response.text()}\n${server.output().slice(-2000)}`,
      );
    return response;
  };
  const login = await call('/session', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const organisation = (await (
    await call('/organisations', { name: 'Atelier (bench)', kinds: ['refurbisher'] }, cookie)
  ).json()) as { id: string };
  await call(
    `/organisations/${organisation.id}/members`,
    { email: TECHNICIAN.email, name: 'Technicienne', role: 'technician', password: TECHNICIAN.password },
    cookie,
  );
}

interface PageSpec {
  key: 'login' | 'stock';
  path: string;
  heading: RegExp;
  login?: (context: BrowserContext) => Promise<void>;
}

/** The login page and the stock page, first visit, slow 3G and a 4× slower CPU. */
export const frontend: Bench = async ({ scale }) => {
  // Builds dist/web when missing or older than its sources (as `npm start` does).
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/ensure-web-build.mjs')], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0 || !existsSync(path.join(WEB, 'index.html')))
    throw new Error('dist/web could not be built: run `npm run build`');
  const runs = scale === 'full' ? 3 : 1;
  // The page's server runs on a fresh embedded database: the browser's figures must not depend on the
  // database, and DATABASE_URL (inherited by the child) names a server for the database benches only.
  const databaseUrl = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  let server: TestServer;
  try {
    server = await startServer();
  } finally {
    if (databaseUrl !== undefined) process.env.DATABASE_URL = databaseUrl;
  }
  const browser = await launchBrowser();
  const reference = await staticPage();
  const lines: BenchLine[] = [];
  try {
    await prepareTechnician(server);
    const signIn = async (context: BrowserContext) => {
      const response = await context.request.post(`${server.baseUrl}/api/v1/session`, {
        data: { email: TECHNICIAN.email, password: TECHNICIAN.password },
      });
      if (!response.ok()) throw new Error(`technician login: ${response.status()}`);
    };
    const pages: PageSpec[] = [
      { key: 'login', path: '/connexion', heading: /^Se connecter$/ },
      { key: 'stock', path: '/stock', heading: /^Stock$/, login: signIn },
    ];
    const staticTimes: number[] = [];
    for (let i = 0; i < runs; i++)
      staticTimes.push((await visit(browser, reference.url, /^Se connecter$/, true)).interactive);
    const staticTime = median(staticTimes);
    const allJs = allAssets('.js');
    const allCss = allAssets('.css');
    for (const spec of pages) {
      const url = `${server.baseUrl}${spec.path}`;
      const throttled: Visit[] = [];
      const free: Visit[] = [];
      let failure = '';
      for (let i = 0; i < runs; i++) {
        try {
          throttled.push(await visit(browser, url, spec.heading, true, spec.login));
          free.push(await visit(browser, url, spec.heading, false, spec.login));
        } catch (error) {
          failure = (error as Error).message.split('\n')[0] ?? 'failed';
        }
      }
      const first = throttled[0];
      if (!first) {
        lines.push({
          name: `frontend-${spec.key}-interactive`,
          backend: 'browser',
          value: 0,
          unit: 'ms',
          baseline: staticTime,
          ratio: null,
          target: '≤ 3000 ms',
          correctness: { ok: false, detail: `the page never became usable: ${failure}` },
        });
        continue;
      }
      const errors = [...new Set(throttled.flatMap((v) => v.errors))];
      const interactive = median(throttled.map((v) => v.interactive));
      const unthrottled = median(free.map((v) => v.interactive));
      lines.push(
        {
          name: `frontend-${spec.key}-first-load-js`,
          backend: 'browser',
          value: first.jsGzip / KB,
          unit: 'KB',
          baseline: allJs / KB,
          ratio: first.jsGzip / allJs,
          target: '≤ 150 KB gzip',
          comparison: `gzip size of the scripts ${spec.path} loads on a first visit (${first.scripts.length} files: ${first.scripts.join(', ')}) / all of the app's scripts; ${(first.transferred / KB).toFixed(0)} KB on the wire in all (brotli)`,
        },
        {
          name: `frontend-${spec.key}-first-load-css`,
          backend: 'browser',
          value: first.cssGzip / KB,
          unit: 'KB',
          baseline: allCss / KB,
          ratio: first.cssGzip / allCss,
          comparison: `gzip size of the style sheets ${spec.path} loads on a first visit / all of the app's style sheets`,
        },
        {
          name: `frontend-${spec.key}-interactive`,
          backend: 'browser',
          value: interactive,
          unit: 'ms',
          baseline: staticTime,
          ratio: interactive / staticTime,
          target: '≤ 3000 ms',
          comparison: `navigation start → h1 "${spec.heading.source.replace(/[\^$]/g, '')}" visible with a text field and a button enabled and a frame run, slow 3G (400 kbit/s, 400 ms) and CPU ÷${CPU_SLOWDOWN}, median of ${throttled.length}; baseline: a static HTML page with the same heading and form, no script, same throttling; unthrottled the page takes ${unthrottled.toFixed(0)} ms`,
          correctness: {
            ok: errors.length === 0 && throttled.length === runs,
            detail: errors.length
              ? `script errors: ${errors.join(' / ')}`
              : throttled.length < runs
                ? `only ${throttled.length} of ${runs} visits succeeded: ${failure}`
                : 'the page became usable with no script error',
          },
        },
      );
    }
  } finally {
    await browser.close();
    await server.stop();
    reference.server.close();
  }
  return lines;
};
