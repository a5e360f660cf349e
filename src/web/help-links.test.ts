import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GUIDE_PAGES } from '../lib/guide-pages.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string {
  return readdirSync(path.join(here, dir))
    .filter((name) => name.endsWith('.tsx'))
    .map((name) => readFileSync(path.join(here, dir, name), 'utf8'))
    .join('\n');
}

describe('« Aide » links', () => {
  it('link every page of the user guide from at least one screen, and the contents from the footer', () => {
    const pages = sources('pages');
    const components = sources('components');
    const linked = new Set(
      [...`${pages}\n${components}`.matchAll(/(?:help|page)=["{]'?"?([a-z-]+)/g)].map((m) => m[1]),
    );
    for (const page of GUIDE_PAGES.filter((p) => p !== 'index')) expect(linked, page).toContain(page);
    expect(components).toContain("guideHref('index'");
  });
});
