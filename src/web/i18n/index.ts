/**
 * Translations: French is the source language and ships with the app; English loads when chosen.
 * The texts of the inventory pages load with those pages (`loadInventoryTexts`), in the current
 * language, so that the login page stays light. The choice is kept in localStorage and mirrored on
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

let inventoryWanted = false;
const inventoryLoaded = new Set<Language>();

async function loadInventoryBundle(language: Language): Promise<void> {
  if (inventoryLoaded.has(language)) return;
  const bundle =
    language === 'en'
      ? (await import('./en-inventory.ts')).enInventory
      : (await import('./fr-inventory.ts')).frInventory;
  // Merged into the language's texts (loaded first), so that `t()` needs no namespace.
  i18n.addResourceBundle(language, 'translation', bundle, true, false);
  inventoryLoaded.add(language);
}

/** Loads the texts of the inventory pages (once), in the current language and in any chosen later. */
export async function loadInventoryTexts(): Promise<void> {
  inventoryWanted = true;
  await loadInventoryBundle(currentLanguage());
}

function applyToDocument(language: Language): void {
  document.documentElement.lang = language;
}

/** Switches the interface language (loading its texts first) and remembers the choice. */
export async function changeLanguage(language: Language, remember = true): Promise<void> {
  await loadBundle(language);
  if (inventoryWanted) await loadInventoryBundle(language);
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
