/**
 * The user guide's pages (`docs/guide/{fr,en}/<slug>.md`), one per task, named the same in both
 * languages. The server serves them at `/aide/<lang>/<slug>`; screens link to theirs (« Aide »).
 */
export const GUIDE_PAGES = [
  'index',
  'premiers-pas',
  'recevoir-un-lot',
  'effacer-et-certifier',
  'orienter-une-personne',
  'animer-un-atelier',
  'remettre-les-ordinateurs',
  'renouveler-un-pret',
  'rapport-annuel',
  'inscrire-une-association',
] as const;

export type GuidePage = (typeof GUIDE_PAGES)[number];

export const GUIDE_LANGUAGES = ['fr', 'en'] as const;
export type GuideLanguage = (typeof GUIDE_LANGUAGES)[number];

/** The address of a guide page in the running app. */
export function guideHref(page: GuidePage, language: string): string {
  const lang: GuideLanguage = language.startsWith('en') ? 'en' : 'fr';
  return page === 'index' ? `/aide/${lang}/` : `/aide/${lang}/${page}`;
}

export function isGuidePage(value: string): value is GuidePage {
  return (GUIDE_PAGES as readonly string[]).includes(value);
}
