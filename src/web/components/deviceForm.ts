/** Checks and conversions shared by the device forms (intake, edit). */
import type { DeviceFields } from '../api.ts';
import { i18n } from '../i18n/index.ts';
import { parseDecimal } from './forms.tsx';

export interface NumberRule {
  max: number;
  integer?: boolean;
}

/** The numeric device fields, with the server's bounds. */
export const NUMBER_RULES = {
  ramGb: { max: 4096 },
  storageGb: { max: 1_000_000 },
  screenSizeInches: { max: 100 },
  batteryHealthPercent: { max: 100, integer: true },
  weightKg: { max: 500 },
} as const satisfies Record<string, NumberRule>;

export type NumberFieldName = keyof typeof NUMBER_RULES;

/** What is wrong with a typed number (empty is fine), or null. */
export function numberProblem(text: string, rule: NumberRule): string | null {
  const value = parseDecimal(text);
  if (value === undefined) return null;
  if (Number.isNaN(value)) return i18n.t('validation.number');
  if (rule.integer && !Number.isInteger(value)) return i18n.t('validation.wholeNumber');
  if (value < 0 || value > rule.max) return i18n.t('validation.numberRange', { max: rule.max });
  return null;
}

/** The text fields of a device, trimmed, without the empty ones. */
export function textFields(
  values: Partial<Record<'brand' | 'model' | 'serialNumber' | 'cpu' | 'notes', string>>,
) {
  const out: Pick<DeviceFields, 'brand' | 'model' | 'serialNumber' | 'cpu' | 'notes'> = {};
  for (const [key, value] of Object.entries(values) as [keyof typeof out, string | undefined][]) {
    const trimmed = value?.trim();
    if (trimmed) out[key] = trimmed;
  }
  return out;
}

/** The numeric fields of a device, converted, without the empty ones (call after `numberProblem`). */
export function numberFields(values: Partial<Record<NumberFieldName, string>>) {
  const out: Pick<DeviceFields, NumberFieldName> = {};
  for (const [key, text] of Object.entries(values) as [NumberFieldName, string | undefined][]) {
    const value = parseDecimal(text ?? '');
    if (value !== undefined && !Number.isNaN(value)) out[key] = value;
  }
  return out;
}
