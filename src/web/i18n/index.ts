/**
 * Translations: French is the source language and ships with the app; English loads when chosen.
 * The texts of the inventory pages load with those pages (`loadInventoryTexts`), those of the programmes
 * and people pages likewise (`loadPeopleTexts`), in the current language, so that the login page stays
 * light. The choice is kept in localStorage and mirrored on
 * `<html lang>`.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { fr, type Translation } from './fr.ts';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'seconde-vie.language';

export const i18n = i18next.createInstance();

function readStored(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'fr' || value === 'en' ? value : null;
  } catch {
    return null;
  }
}

/** Whether the person chose a language on this browser (else the account's preference may apply). */
export function hasStoredLanguage(): boolean {
  return readStored() !== null;
}

async function loadBundle(language: Language): Promise<void> {
  if (i18n.hasResourceBundle(language, 'translation')) return;
  const bundle: Translation = language === 'en' ? (await import('./en.ts')).en : fr;
  i18n.addResourceBundle(language, 'translation', bundle, true, true);
}

/** Texts that load with the pages that use them (not with the login page). */
type ExtraBundle =
  | 'inventory'
  | 'people'
  | 'distribution'
  | 'reports'
  | 'training'
  | 'portal'
  | 'followup'
  | 'budgets'
  | 'workforce'
  | 'cheques'
  | 'census';

const extraLoaders: Record<ExtraBundle, (language: Language) => Promise<Record<string, unknown>>> = {
  inventory: async (language) =>
    language === 'en'
      ? (await import('./en-inventory.ts')).enInventory
      : (await import('./fr-inventory.ts')).frInventory,
  people: async (language) =>
    language === 'en' ? (await import('./en-people.ts')).enPeople : (await import('./fr-people.ts')).frPeople,
  distribution: async (language) =>
    language === 'en'
      ? (await import('./en-distribution.ts')).enDistribution
      : (await import('./fr-distribution.ts')).frDistribution,
  reports: async (language) =>
    language === 'en'
      ? (await import('./en-reports.ts')).enReports
      : (await import('./fr-reports.ts')).frReports,
  training: async (language) =>
    language === 'en'
      ? (await import('./en-training.ts')).enTraining
      : (await import('./fr-training.ts')).frTraining,
  portal: async (language) =>
    language === 'en' ? (await import('./en-portal.ts')).enPortal : (await import('./fr-portal.ts')).frPortal,
  followup: async (language) =>
    language === 'en'
      ? (await import('./en-followup.ts')).enFollowUp
      : (await import('./fr-followup.ts')).frFollowUp,
  budgets: async (language) =>
    language === 'en'
      ? (await import('./en-budgets.ts')).enBudgets
      : (await import('./fr-budgets.ts')).frBudgets,
  workforce: async (language) =>
    language === 'en'
      ? (await import('./en-workforce.ts')).enWorkforce
      : (await import('./fr-workforce.ts')).frWorkforce,
  cheques: async (language) =>
    language === 'en'
      ? (await import('./en-cheques.ts')).enCheques
      : (await import('./fr-cheques.ts')).frCheques,
  census: async (language) =>
    language === 'en' ? (await import('./en-census.ts')).enCensus : (await import('./fr-census.ts')).frCensus,
};

const extraWanted = new Set<ExtraBundle>();
const extraLoaded = new Set<string>();

async function loadExtraBundle(bundle: ExtraBundle, language: Language): Promise<void> {
  const key = `${bundle}:${language}`;
  if (extraLoaded.has(key)) return;
  const texts = await extraLoaders[bundle](language);
  // Merged into the language's texts (loaded first), so that `t()` needs no namespace.
  i18n.addResourceBundle(language, 'translation', texts, true, false);
  extraLoaded.add(key);
}

async function loadExtraTexts(bundle: ExtraBundle): Promise<void> {
  extraWanted.add(bundle);
  await loadExtraBundle(bundle, currentLanguage());
}

/** Loads the texts of the inventory pages (once), in the current language and in any chosen later. */
export function loadInventoryTexts(): Promise<void> {
  return loadExtraTexts('inventory');
}

/** Loads the texts of the programmes, beneficiaries and referrals pages, like the inventory ones. */
export function loadPeopleTexts(): Promise<void> {
  return loadExtraTexts('people');
}

/** Loads the texts of allocations, handovers and loans (with the programme page and the loans page). */
export function loadDistributionTexts(): Promise<void> {
  return loadExtraTexts('distribution');
}

/** Loads the texts of the report pages (with them, and with the pages that link to them). */
export function loadReportsTexts(): Promise<void> {
  return loadExtraTexts('reports');
}

/** Loads the texts of workshops, attendance, skills and anonymous activities (and the person's « Formation »). */
export function loadTrainingTexts(): Promise<void> {
  return loadExtraTexts('training');
}

/** Loads the texts of the association portal (registration, catalogue, orders, the owner's side). */
export function loadPortalTexts(): Promise<void> {
  return loadExtraTexts('portal');
}

/** Loads the texts of follow-up questionnaires (the public questionnaire, the lists, the person's page). */
export function loadFollowUpTexts(): Promise<void> {
  return loadExtraTexts('followup');
}

function applyToDocument(language: Language): void {
  document.documentElement.lang = language;
}

/** Switches the interface language (loading its texts first) and remembers the choice. */
export async function changeLanguage(language: Language, remember = true): Promise<void> {
  await loadBundle(language);
  for (const bundle of extraWanted) await loadExtraBundle(bundle, language);
  await i18n.changeLanguage(language);
  applyToDocument(language);
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Private browsing may refuse storage: the choice then lasts for this page only.
    }
  }
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'fr';
}

/** Starts i18next in the remembered language (French by default). */
export async function initI18n(): Promise<void> {
  const language = readStored() ?? 'fr';
  await i18n.use(initReactI18next).init({
    lng: 'fr',
    fallbackLng: 'fr',
    supportedLngs: [...LANGUAGES],
    resources: { fr: { translation: fr } },
    partialBundledLanguages: true,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  if (language !== 'fr') await changeLanguage(language, false);
  else applyToDocument('fr');
}

/** Loads the texts of a programme's budget and co-financing plan (and the financial statement). */
export function loadBudgetsTexts(): Promise<void> {
  return loadExtraTexts('budgets');
}

/** Loads the texts of the insertion workforce pages (contracts, hours, production, skills). */
export function loadWorkforceTexts(): Promise<void> {
  return loadExtraTexts('workforce');
}

/** Loads the texts of the training cheques pages (received, batches, reimbursements). */
export function loadChequesTexts(): Promise<void> {
  return loadExtraTexts('cheques');
}

/** Loads the texts of the needs census (the public page and the staff page). */
export function loadCensusTexts(): Promise<void> {
  return loadExtraTexts('census');
}
