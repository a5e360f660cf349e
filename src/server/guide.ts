/**
 * The user guide, served by the app: `docs/guide/<lang>/<slug>.md` rendered to a light HTML page at
 * `/aide/<lang>/<slug>` (the index at `/aide/<lang>/`), its screenshots from `docs/guide/images` at
 * `/aide/images/…`, its stylesheet at `/aide/guide.css`. `/aide` sends the reader to the guide in their
 * browser's language. No session is needed (the guide describes screens, it shows no data), and none of
 * these routes is part of the API's document.
 *
 * Raw HTML in the markdown is escaped (markdown-it's `html: false`); links between pages (`x.md`) become
 * `/aide/<lang>/x`, images (`../images/…`) become `/aide/images/…`. Each page is rendered once, then kept.
 */
import { readFileSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply } from 'fastify';
import MarkdownIt from 'markdown-it';

type Markdown = InstanceType<typeof MarkdownIt>;

import {
  GUIDE_LANGUAGES,
  type GuideLanguage,
  type GuidePage,
  guideHref,
  isGuidePage,
} from '../lib/guide-pages.ts';
import { escapeHtml } from '../lib/html.ts';
import { pickLocale } from '../lib/messages.ts';
import type { App } from './http.ts';

/** docs/guide of the package, wherever the process was started from. */
export const GUIDE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/guide');

const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};

const TEXTS = {
  fr: {
    skip: 'Aller au contenu',
    back: 'Retour à l’application',
    contents: 'Sommaire du guide',
    nav: 'Guide',
    other: 'English',
    otherLang: 'en',
    suffix: 'Guide de Seconde Vie',
    notFoundTitle: 'Page introuvable',
    notFound: 'Cette page du guide n’existe pas.',
  },
  en: {
    skip: 'Skip to content',
    back: 'Back to the app',
    contents: 'Guide contents',
    nav: 'Guide',
    other: 'Français',
    otherLang: 'fr',
    suffix: 'Seconde Vie user guide',
    notFoundTitle: 'Page not found',
    notFound: 'This page of the guide does not exist.',
  },
} as const;

function isLanguage(value: string): value is GuideLanguage {
  return (GUIDE_LANGUAGES as readonly string[]).includes(value);
}

/** Where a link or an image of a guide page points in the running app (`null`: leave it as written). */
export function rewriteGuideUrl(url: string, lang: GuideLanguage): string | null {
  const page = /^(?:\.\/)?([a-z0-9-]+)\.md(#\S*)?$/.exec(url);
  if (page?.[1] && isGuidePage(page[1])) return guideHref(page[1], lang) + (page[2] ?? '');
  const other = /^\.\.\/(fr|en)\/([a-z0-9-]+)\.md(#\S*)?$/.exec(url);
  if (other?.[1] && other[2] && isGuidePage(other[2])) {
    return guideHref(other[2], other[1]) + (other[3] ?? '');
  }
  const image = /^\.\.\/images\/((?:fr|en)\/[\w.-]+)$/.exec(url);
  if (image?.[1]) return `/aide/images/${image[1]}`;
  return null;
}

/** A heading's anchor as GitHub writes it (lower case, punctuation dropped, spaces to hyphens), so that the
 * guide's `page.md#anchor` links work on the forge and in the app alike. */
export function headingSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** A heading's words from its inline token: the text and the code, without emphasis markers, link targets
 * or images. The anchors and the titles are made from it. */
export function headingText(
  inline: { children: ReadonlyArray<{ type: string; content: string }> | null } | undefined,
): string {
  return (inline?.children ?? [])
    .filter((child) => child.type === 'text' || child.type === 'code_inline')
    .map((child) => child.content)
    .join('');
}

function markdown(lang: GuideLanguage): Markdown {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.core.ruler.push('guide_anchors', (state) => {
    state.tokens.forEach((token, index) => {
      const inline = state.tokens[index + 1];
      if (token.type !== 'heading_open' || !inline) return;
      token.attrSet('id', headingSlug(headingText(inline)));
    });
  });
  // Links and images are rewritten on the tokens, before rendering (so the renderer still escapes them).
  md.core.ruler.push('guide_urls', (state) => {
    const visit = (tokens: typeof state.tokens) => {
      for (const token of tokens) {
        if (token.type === 'link_open' || token.type === 'image') {
          const name = token.type === 'image' ? 'src' : 'href';
          const url = token.attrGet(name);
          const rewritten = url === null ? null : rewriteGuideUrl(String(url), lang);
          if (rewritten) token.attrSet(name, rewritten);
        }
        if (token.children) visit(token.children);
      }
    };
    visit(state.tokens);
  });
  return md;
}

const renderers = { fr: markdown('fr'), en: markdown('en') };

/** The text of the page's first level-1 heading (its title). */
function firstHeading(md: Markdown, source: string): string {
  const tokens = md.parse(source, {});
  const open = tokens.findIndex((token) => token.type === 'heading_open' && token.tag === 'h1');
  const inline = open >= 0 ? tokens[open + 1] : undefined;
  return headingText(inline).trim();
}

function layout(options: { lang: GuideLanguage; title: string; body: string; otherHref: string }): string {
  const t = TEXTS[options.lang];
  return `<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} — ${t.suffix}</title>
<link rel="stylesheet" href="/aide/guide.css">
</head>
<body>
<a class="skip-link" href="#contenu">${t.skip}</a>
<header class="guide-header">
<nav aria-label="${t.nav}">
<ul>
<li><a href="/">${t.back}</a></li>
<li><a href="${guideHref('index', options.lang)}">${t.contents}</a></li>
<li><a href="${options.otherHref}" lang="${t.otherLang}" hreflang="${t.otherLang}">${t.other}</a></li>
</ul>
</nav>
</header>
<main id="contenu" tabindex="-1">
${options.body}</main>
</body>
</html>
`;
}

/** Renders one page of the guide from its markdown file. */
export function renderGuidePage(page: GuidePage, lang: GuideLanguage, root = GUIDE_ROOT): string {
  const source = readFileSync(path.join(root, lang, `${page}.md`), 'utf8');
  const md = renderers[lang];
  const other = lang === 'fr' ? 'en' : 'fr';
  return layout({
    lang,
    title: firstHeading(md, source) || TEXTS[lang].suffix,
    body: md.render(source),
    otherHref: guideHref(page, other),
  });
}

function notFoundPage(lang: GuideLanguage): string {
  const t = TEXTS[lang];
  return layout({
    lang,
    title: t.notFoundTitle,
    body: `<h1>${t.notFoundTitle}</h1>\n<p>${t.notFound} <a href="${guideHref('index', lang)}">${t.contents}</a></p>\n`,
    otherHref: guideHref('index', lang === 'fr' ? 'en' : 'fr'),
  });
}

/** The file under `root/images` that `relative` names, or null (outside the folder, not an image, missing). */
export async function guideImagePath(relative: string, root = GUIDE_ROOT): Promise<string | null> {
  if (!(path.extname(relative).toLowerCase() in IMAGE_TYPES)) return null;
  const folder = path.join(root, 'images');
  const candidate = path.resolve(folder, relative);
  if (!candidate.startsWith(folder + path.sep)) return null;
  try {
    // A link inside the folder pointing elsewhere is refused too.
    const [real, realFolder] = await Promise.all([realpath(candidate), realpath(folder)]);
    return real.startsWith(realFolder + path.sep) ? real : null;
  } catch {
    return null;
  }
}

/** The guide's routes (outside /api: no session needed, hidden from the API's document). */
export function guideRoutes(app: App, root = GUIDE_ROOT): void {
  const cache = new Map<string, string>();
  const hidden = { schema: { hide: true } };

  const sendHtml = (reply: FastifyReply, html: string, status = 200) =>
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  const notFound = (reply: FastifyReply, lang: GuideLanguage) => sendHtml(reply, notFoundPage(lang), 404);

  const toGuide = async (request: { headers: { 'accept-language'?: string } }, reply: FastifyReply) =>
    reply
      .header('vary', 'Accept-Language')
      .redirect(guideHref('index', pickLocale(request.headers['accept-language'])), 302);
  app.get('/aide', hidden, toGuide);
  app.get('/aide/', hidden, toGuide);

  app.get('/aide/guide.css', hidden, async (_request, reply) => {
    const css = cache.get('guide.css') ?? (await readFile(path.join(root, 'guide.css'), 'utf8'));
    cache.set('guide.css', css);
    return reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(css);
  });

  app.get<{ Params: { '*': string } }>('/aide/images/*', hidden, async (request, reply) => {
    const file = await guideImagePath(request.params['*'], root);
    if (!file) return notFound(reply, request.locale);
    const type = IMAGE_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return reply
      .type(type)
      .header('cache-control', 'public, max-age=3600')
      .send(await readFile(file));
  });

  app.get<{ Params: { lang: string } }>('/aide/:lang', hidden, async (request, reply) => {
    const { lang } = request.params;
    if (!isLanguage(lang)) return notFound(reply, request.locale);
    return reply.redirect(guideHref('index', lang), 301);
  });

  const page = (lang: string, slug: string, reply: FastifyReply, locale: GuideLanguage) => {
    if (!isLanguage(lang)) return notFound(reply, locale);
    if (!isGuidePage(slug)) return notFound(reply, lang);
    const key = `${lang}/${slug}`;
    let html = cache.get(key);
    if (html === undefined) {
      html = renderGuidePage(slug, lang, root);
      cache.set(key, html);
    }
    return sendHtml(reply, html);
  };
  app.get<{ Params: { lang: string } }>('/aide/:lang/', hidden, async (request, reply) =>
    page(request.params.lang, 'index', reply, request.locale),
  );
  app.get<{ Params: { lang: string; slug: string } }>('/aide/:lang/:slug', hidden, async (request, reply) => {
    const { lang, slug } = request.params;
    // `/aide/fr/index` is the index too: one address for it.
    if (slug === 'index' && isLanguage(lang)) return reply.redirect(guideHref('index', lang), 301);
    return page(lang, slug, reply, request.locale);
  });
}
