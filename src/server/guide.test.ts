/**
 * The user guide: every page of GUIDE_PAGES written in French and in English, every screenshot a page shows
 * on disk (and every screenshot on disk shown by a page), every link between pages leading to a page and a
 * heading that exist; the pages served at /aide with their language and title, the redirect by
 * Accept-Language, 404 for an unknown page or language, raw HTML escaped, and images served only from
 * inside docs/guide/images.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { GUIDE_LANGUAGES, GUIDE_PAGES } from '../lib/guide-pages.ts';
import { GUIDE_ROOT, guideImagePath, headingSlug, headingText, renderGuidePage } from './guide.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const md = new MarkdownIt({ html: false });

interface Reference {
  kind: 'link' | 'image';
  url: string;
  alt: string;
}

/** The links and images of a markdown page, as written. */
function references(source: string): Reference[] {
  const found: Reference[] = [];
  const visit = (tokens: ReturnType<typeof md.parse>) => {
    for (const token of tokens) {
      if (token.type === 'link_open')
        found.push({ kind: 'link', url: String(token.attrGet('href') ?? ''), alt: '' });
      if (token.type === 'image')
        found.push({ kind: 'image', url: String(token.attrGet('src') ?? ''), alt: token.content });
      if (token.children) visit(token.children);
    }
  };
  visit(md.parse(source, {}));
  return found;
}

function headings(source: string): string[] {
  const tokens = md.parse(source, {});
  return tokens.flatMap((token, index) =>
    token.type === 'heading_open' ? [headingSlug(headingText(tokens[index + 1]))] : [],
  );
}

const read = (lang: string, page: string) => readFile(path.join(GUIDE_ROOT, lang, `${page}.md`), 'utf8');

describe('the guide’s files', () => {
  it('are found from the package, not from the working directory', () => {
    expect(GUIDE_ROOT).toBe(path.join(ROOT, 'docs/guide'));
  });

  it('has every page in French and in English, each with a title', async () => {
    for (const lang of GUIDE_LANGUAGES) {
      for (const page of GUIDE_PAGES) {
        const file = path.join(GUIDE_ROOT, lang, `${page}.md`);
        expect(existsSync(file), file).toBe(true);
        expect((await readFile(file, 'utf8')).startsWith('# '), file).toBe(true);
      }
    }
  });

  it('shows 1 to 3 screenshots on each task page, each on disk, in its language, with a text alternative', async () => {
    const shown = new Set<string>();
    for (const lang of GUIDE_LANGUAGES) {
      for (const page of GUIDE_PAGES) {
        const images = references(await read(lang, page)).filter((r) => r.kind === 'image');
        if (page !== 'index') {
          expect(images.length, `${lang}/${page}`).toBeGreaterThanOrEqual(1);
          expect(images.length, `${lang}/${page}`).toBeLessThanOrEqual(3);
        }
        for (const image of images) {
          expect(image.url, `${lang}/${page}`).toMatch(
            new RegExp(`^\\.\\./images/${lang}/${page}-\\d\\.(jpg|png)$`),
          );
          const file = path.join(GUIDE_ROOT, lang, image.url);
          expect(existsSync(file), `${lang}/${page}: ${image.url}`).toBe(true);
          expect(image.alt.length, `${lang}/${page}: alt of ${image.url}`).toBeGreaterThan(20);
          shown.add(path.relative(GUIDE_ROOT, file));
        }
      }
    }
    // No screenshot left over in the folder (it stays light).
    for (const lang of GUIDE_LANGUAGES) {
      for (const name of await readdir(path.join(GUIDE_ROOT, 'images', lang))) {
        expect(shown.has(path.join('images', lang, name)), `images/${lang}/${name} is shown by no page`).toBe(
          true,
        );
      }
    }
  });

  it('keeps its screenshots under 3 MB in all', async () => {
    let total = 0;
    for (const lang of GUIDE_LANGUAGES) {
      const folder = path.join(GUIDE_ROOT, 'images', lang);
      for (const name of await readdir(folder)) total += (await readFile(path.join(folder, name))).length;
    }
    expect(total).toBeLessThan(3 * 1024 * 1024);
  });

  it('links only to pages and headings that exist', async () => {
    for (const lang of GUIDE_LANGUAGES) {
      for (const page of GUIDE_PAGES) {
        for (const link of references(await read(lang, page)).filter((r) => r.kind === 'link')) {
          if (/^https?:/.test(link.url)) continue;
          const match = /^(?:([a-z0-9-]+)\.md)?(?:#(.+))?$/.exec(link.url);
          expect(match, `${lang}/${page}: ${link.url}`).not.toBeNull();
          const target = match?.[1] ?? page;
          expect(GUIDE_PAGES as readonly string[], `${lang}/${page}: ${link.url}`).toContain(target);
          const anchor = match?.[2];
          if (anchor) {
            expect(headings(await read(lang, target)), `${lang}/${page}: ${link.url}`).toContain(
              decodeURIComponent(anchor),
            );
          }
        }
      }
    }
  });

  it('links the index to every task page', async () => {
    for (const lang of GUIDE_LANGUAGES) {
      const linked = references(await read(lang, 'index')).map((r) => r.url.replace(/#.*$/, ''));
      for (const page of GUIDE_PAGES.filter((p) => p !== 'index')) {
        expect(linked, `${lang}/index`).toContain(`${page}.md`);
      }
    }
  });
});

describe('rendering', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'guide-'));
    await mkdir(path.join(root, 'fr'), { recursive: true });
    await mkdir(path.join(root, 'images', 'fr'), { recursive: true });
    await writeFile(
      path.join(root, 'fr', 'premiers-pas.md'),
      '# Titre <b>gras</b>\n\n<script>alert(1)</script>\n\n[Lot](recevoir-un-lot.md#pour-le-donateur) ' +
        '[Index](index.md) [Ailleurs](https://example.org/) ![Écran](../images/fr/premiers-pas-1.jpg)\n\n## Le réseau\n',
    );
    await writeFile(path.join(root, 'images', 'fr', 'a.jpg'), 'jpg');
    await writeFile(path.join(root, 'secret.jpg'), 'secret');
    await symlink(path.join(root, 'secret.jpg'), path.join(root, 'images', 'fr', 'link.jpg'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('escapes raw HTML, rewrites links and images, anchors headings', () => {
    const html = renderGuidePage('premiers-pas', 'fr', root);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<title>Titre &lt;b&gt;gras&lt;/b&gt; — Guide de Seconde Vie</title>');
    expect(html).toContain('href="/aide/fr/recevoir-un-lot#pour-le-donateur"');
    expect(html).toContain('href="/aide/fr/"');
    expect(html).toContain('href="https://example.org/"');
    expect(html).toContain('src="/aide/images/fr/premiers-pas-1.jpg"');
    expect(html).toContain('<h2 id="le-réseau">');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('href="/aide/en/premiers-pas"');
  });

  it('gives images only from inside the images folder', async () => {
    expect(await guideImagePath('fr/a.jpg', root)).toBe(path.join(await realRoot(root), 'images/fr/a.jpg'));
    expect(await guideImagePath('../secret.jpg', root)).toBeNull();
    expect(await guideImagePath('fr/../../secret.jpg', root)).toBeNull();
    expect(await guideImagePath(path.join(root, 'secret.jpg'), root)).toBeNull();
    expect(await guideImagePath('fr/link.jpg', root)).toBeNull(); // a link pointing out of the folder
    expect(await guideImagePath('fr/missing.jpg', root)).toBeNull();
    expect(await guideImagePath('../fr/premiers-pas.md', root)).toBeNull(); // not an image
  });
});

async function realRoot(root: string): Promise<string> {
  const { realpath } = await import('node:fs/promises');
  return realpath(root);
}

describe('GET /aide', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });

  it('sends the reader to the guide in their browser’s language', async () => {
    const en = await get('/aide', { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' });
    expect(en.statusCode).toBe(302);
    expect(en.headers.location).toBe('/aide/en/');
    const fr = await get('/aide', { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' });
    expect(fr.headers.location).toBe('/aide/fr/');
    expect((await get('/aide')).headers.location).toBe('/aide/fr/');
    expect((await get('/aide/', { 'accept-language': 'de, en;q=0.5' })).headers.location).toBe('/aide/en/');
    expect((await get('/aide/en')).headers.location).toBe('/aide/en/');
    expect((await get('/aide/fr/index')).headers.location).toBe('/aide/fr/');
  });

  it('answers every page in both languages with its language, its title and its links rewritten', async () => {
    for (const lang of GUIDE_LANGUAGES) {
      for (const page of GUIDE_PAGES) {
        const url = page === 'index' ? `/aide/${lang}/` : `/aide/${lang}/${page}`;
        const response = await get(url);
        expect(response.statusCode, url).toBe(200);
        expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(response.headers['content-security-policy']).toContain("script-src 'self'");
        const source = await read(lang, page);
        const title = source.split('\n')[0]?.slice(2) ?? '';
        expect(response.body).toContain(`<html lang="${lang}">`);
        expect(response.body).toContain(`<h1 id="${headingSlug(title)}">`);
        expect(response.body).toMatch(
          /<title>[^<]+ — (Guide de Seconde Vie|Seconde Vie user guide)<\/title>/,
        );
        expect(response.body).toContain(lang === 'fr' ? 'Retour à l’application' : 'Back to the app');
        expect(response.body).not.toMatch(/href="[^"]*\.md/);
        expect(response.body).not.toContain('src="../images');
        expect(response.body).not.toMatch(/ style=|<script/);
      }
    }
  });

  it('serves the screenshots and the stylesheet', async () => {
    const page = await get('/aide/fr/recevoir-un-lot');
    const src = /src="(\/aide\/images\/fr\/[^"]+)"/.exec(page.body)?.[1];
    expect(src).toBeDefined();
    const image = await get(src as string);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toMatch(/^image\/(jpeg|png)$/);
    const css = await get('/aide/guide.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('answers 404 for an unknown page or language, in the page’s language', async () => {
    const page = await get('/aide/en/no-such-page');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('Page not found');
    const lang = await get('/aide/de/premiers-pas', { 'accept-language': 'fr' });
    expect(lang.statusCode).toBe(404);
    expect(lang.body).toContain('Page introuvable');
    expect((await get('/aide/de/')).statusCode).toBe(404);
    expect((await get('/aide/de')).statusCode).toBe(404);
  });

  it('refuses to serve files outside the images folder', async () => {
    for (const url of [
      '/aide/images/../../package.json',
      '/aide/images/..%2F..%2Fpackage.json',
      '/aide/images/%2e%2e/%2e%2e/README.md',
      '/aide/images/fr/..%2F..%2Ffr%2Findex.md',
      '/aide/images/..%2f..%2f..%2fsrc%2fserver%2fguide.ts',
      '/aide/images/fr/%2e%2e%2f%2e%2e%2fguide.css',
      '/aide/images/fr/missing.jpg',
    ]) {
      const response = await get(url);
      expect([400, 404], url).toContain(response.statusCode);
      expect(response.body, url).not.toContain('"name": "seconde-vie"');
      expect(response.body, url).not.toContain('guideRoutes');
    }
  });

  it('checks where an image path leads once decoded, not how it is written', async () => {
    // An image that exists outside docs/guide/images (one the app's dependencies ship), reached with encoded
    // dots: refused on the path, not on the extension nor because it is missing.
    const outside = 'node_modules/@fastify/swagger-ui/static/favicon-32x32.png';
    expect(existsSync(path.join(ROOT, outside))).toBe(true);
    const leaving = await get(`/aide/images/..%2F..%2F..%2F${outside.replaceAll('/', '%2F')}`);
    expect(leaving.statusCode).toBe(404);
    expect(leaving.headers['content-type']).toMatch(/^text\/html/);
    // A detour that leaves the folder and comes back to a screenshot inside it is that screenshot.
    expect(existsSync(path.join(GUIDE_ROOT, 'images/fr/premiers-pas-1.jpg'))).toBe(true);
    const detour = await get('/aide/images/fr%2F..%2F..%2Fimages%2Ffr%2Fpremiers-pas-1.jpg');
    expect(detour.statusCode).toBe(200);
    expect(detour.headers['content-type']).toBe('image/jpeg');
  });

  it('stays out of the API’s document', () => {
    const document = t.app.swagger() as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths).filter((p) => p.startsWith('/aide'))).toEqual([]);
  });
});
