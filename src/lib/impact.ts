import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { DEVICE_TYPES, type DeviceType } from './vocabulary.ts';

/**
 * Environmental impact of reusing a device instead of buying a new one, for donor and funder reports.
 * The factors and their sources are in `impact-factors.csv` next to this file (a copy of
 * `docs/reference/impact-factors.csv`).
 */

/** The factors' categories are the device types. */
export type ImpactCategory = DeviceType;

export const IMPACT_CATEGORIES: readonly ImpactCategory[] = DEVICE_TYPES;

/** Share of reused devices that really stand in for a new purchase (The Restart Project's figure). */
export const DISPLACEMENT = 0.5;

export interface ImpactFactor {
  category: ImpactCategory;
  /** ADEME/Arcep cradle-to-gate footprint, when there is one. */
  manufacturingKgCo2e: number | null;
  /** The Restart Project Fixometer category footprint. */
  restartFootprintKgCo2e: number;
  /** The footprint the calculation uses: ADEME/Arcep, else Restart. */
  footprintKgCo2e: number;
  footprintSource: 'ademe' | 'restart';
  typicalWeightKg: number;
}

export interface Impact {
  co2eAvoidedKg: number;
  weeeAvoidedKg: number;
}

export interface ImpactDevice {
  type: ImpactCategory;
  weightKg?: number | null;
}

function parseNumber(value: string, column: string, category: string): number | null {
  if (value.trim() === '') return null;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new Error(`impact-factors.csv: bad ${column} for ${category}: ${value}`);
  return n;
}

function loadFactors(): Record<ImpactCategory, ImpactFactor> {
  const text = readFileSync(new URL('./impact-factors.csv', import.meta.url), 'utf8');
  const rows: Record<string, string>[] = parse(text, {
    columns: true,
    comment: '#',
    comment_no_infix: true,
    skip_empty_lines: true,
    trim: true,
  });
  const factors: Partial<Record<ImpactCategory, ImpactFactor>> = {};
  for (const row of rows) {
    const category = row.category as ImpactCategory;
    if (!IMPACT_CATEGORIES.includes(category)) continue;
    const manufacturing = parseNumber(row.manufacturing_kgco2e ?? '', 'manufacturing_kgco2e', category);
    const restart = parseNumber(row.restart_footprint_kgco2e ?? '', 'restart_footprint_kgco2e', category);
    const weight = parseNumber(row.weight_kg ?? '', 'weight_kg', category);
    if (restart === null || weight === null) {
      throw new Error(`impact-factors.csv: ${category} needs restart_footprint_kgco2e and weight_kg`);
    }
    factors[category] = {
      category,
      manufacturingKgCo2e: manufacturing,
      restartFootprintKgCo2e: restart,
      footprintKgCo2e: manufacturing ?? restart,
      footprintSource: manufacturing === null ? 'restart' : 'ademe',
      typicalWeightKg: weight,
    };
  }
  for (const category of IMPACT_CATEGORIES) {
    if (!factors[category]) throw new Error(`impact-factors.csv: no row for ${category}`);
  }
  return factors as Record<ImpactCategory, ImpactFactor>;
}

export const IMPACT_FACTORS: Readonly<Record<ImpactCategory, ImpactFactor>> = loadFactors();

// Sums are kept in whole grams so that adding many devices does not drift, and rounding happens once.
const grams = (kg: number) => Math.round(kg * 1000);

function impactGrams(device: ImpactDevice): { co2e: number; weee: number } {
  const factor = IMPACT_FACTORS[device.type];
  const weightKg =
    typeof device.weightKg === 'number' && Number.isFinite(device.weightKg) && device.weightKg > 0
      ? device.weightKg
      : factor.typicalWeightKg;
  return { co2e: Math.round(grams(factor.footprintKgCo2e) * DISPLACEMENT), weee: grams(weightKg) };
}

/**
 * What reusing one device avoids: its category's manufacturing footprint × the displacement factor,
 * and its weight as electronic waste (the device's own weight when known, else the category's typical weight).
 */
export function impactOf(device: ImpactDevice): Impact {
  const { co2e, weee } = impactGrams(device);
  return { co2eAvoidedKg: co2e / 1000, weeeAvoidedKg: weee / 1000 };
}

/** The impact of several reused devices, rounded to 0.1 kg once, at the end. */
export function sumImpact(devices: Iterable<ImpactDevice>): Impact {
  let co2e = 0;
  let weee = 0;
  for (const device of devices) {
    const g = impactGrams(device);
    co2e += g.co2e;
    weee += g.weee;
  }
  const tenth = (g: number) => Math.round(g / 100) / 10;
  return { co2eAvoidedKg: tenth(co2e), weeeAvoidedKg: tenth(weee) };
}

/** The method, in one paragraph, for documents that show these figures. */
export const IMPACT_METHOD: { fr: string; en: string } = {
  fr:
    'Méthode : pour chaque matériel réemployé, on compte comme évitée la moitié de l’empreinte carbone de ' +
    'fabrication d’un matériel neuf de la même catégorie (facteur de substitution 0,5, comme The Restart Project : ' +
    'un appareil réemployé ne remplace pas toujours un achat neuf). Empreintes de fabrication (construction, ' +
    'assemblage et distribution) : ADEME/Arcep, via impactco2 (novembre 2025) ; pour les imprimantes et les autres ' +
    'matériels, sans chiffre ADEME, empreinte de catégorie du Fixometer de The Restart Project. Déchets ' +
    'd’équipements électriques et électroniques (DEEE) évités : poids du matériel s’il a été pesé, sinon poids ' +
    'type de sa catégorie (The Restart Project). Totaux arrondis à 0,1 kg.',
  en:
    'Method: for each reused device, half of the carbon footprint of manufacturing a new device of the same ' +
    'category is counted as avoided (displacement factor 0.5, as The Restart Project does: a reused device does ' +
    'not always replace a new purchase). Manufacturing footprints (production, assembly and distribution): ' +
    'ADEME/Arcep, via impactco2 (November 2025); for printers and other equipment, which have no ADEME figure, ' +
    'the category footprint of The Restart Project’s Fixometer. Waste electrical and electronic equipment (WEEE) ' +
    'avoided: the device’s weight when it was weighed, otherwise the typical weight of its category (The Restart ' +
    'Project). Totals rounded to 0.1 kg.',
};
