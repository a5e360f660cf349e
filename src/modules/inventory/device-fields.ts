import { z } from 'zod';
import {
  DEVICE_TYPES,
  type DeviceType,
  GRADES,
  STORAGE_TYPES,
  TYPES_WITH_STORAGE,
} from '../../lib/vocabulary.ts';

/**
 * The fields of a device as people enter them (one by one, or one row per device in an import file).
 * Shared by `POST /devices`, the import and the intake form, so all three accept and refuse the same things.
 */

export { DEVICE_TYPES, type DeviceType, GRADES, STORAGE_TYPES, TYPES_WITH_STORAGE };

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  text(max)
    .transform((v) => (v === '' ? undefined : v))
    .optional();
const amount = (max: number) => z.number().min(0).max(max);

export const deviceFieldSchemas = {
  type: z.enum(DEVICE_TYPES),
  brand: optionalText(100),
  model: optionalText(150),
  serialNumber: optionalText(100),
  cpu: optionalText(150),
  ramGb: amount(4096).optional(),
  storageGb: amount(1_000_000)
    .optional()
    .describe('0 when the device arrived without its storage (disks removed)'),
  storageType: z.enum(STORAGE_TYPES).optional(),
  screenSizeInches: amount(100).optional(),
  batteryHealthPercent: z.number().int().min(0).max(100).optional(),
  weightKg: amount(500).optional(),
  notes: optionalText(2000),
};

export type DeviceFieldName = keyof typeof deviceFieldSchemas;

/** Column headers accepted in import files, English field names first, then French labels (compared without accents or case). */
export const DEVICE_FIELD_HEADERS: Record<DeviceFieldName, string[]> = {
  type: ['type', 'type de matériel', 'catégorie', 'categorie'],
  brand: ['brand', 'marque', 'fabricant'],
  model: ['model', 'modèle', 'modele'],
  serialNumber: [
    'serialNumber',
    'serial number',
    'serial',
    'numéro de série',
    'n° de série',
    'no de série',
    'num série',
  ],
  cpu: ['cpu', 'processeur'],
  ramGb: ['ramGb', 'ram', 'ram (go)', 'mémoire (go)', 'mémoire vive (go)', 'ram go'],
  storageGb: ['storageGb', 'stockage (go)', 'disque (go)', 'stockage', 'capacité disque (go)'],
  storageType: ['storageType', 'type de stockage', 'type de disque'],
  screenSizeInches: ['screenSizeInches', 'écran (pouces)', 'taille écran', "taille d'écran (pouces)"],
  batteryHealthPercent: ['batteryHealthPercent', 'batterie (%)', 'santé batterie (%)', 'état batterie (%)'],
  weightKg: ['weightKg', 'poids (kg)', 'poids'],
  notes: ['notes', 'remarques', 'commentaire', 'commentaires'],
};

/** French words accepted for the device type in import files. */
export const DEVICE_TYPE_LABELS_FR: Record<string, DeviceType> = {
  'ordinateur portable': 'laptop',
  portable: 'laptop',
  'pc portable': 'laptop',
  'ordinateur fixe': 'desktop',
  fixe: 'desktop',
  'unité centrale': 'desktop',
  tour: 'desktop',
  écran: 'monitor',
  moniteur: 'monitor',
  tablette: 'tablet',
  téléphone: 'smartphone',
  smartphone: 'smartphone',
  imprimante: 'printer',
  autre: 'other',
};
