/**
 * Small pieces shared by the inventory pages: status badges, device names, organisation names (fetched
 * once and cached), calendar days, numbers, and the labels' layout preference.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  api,
  type Device,
  type DeviceStatus,
  type Donation,
  LABEL_LAYOUTS,
  type LabelLayout,
} from '../api.ts';
import { i18n } from '../i18n/index.ts';

// ---- Labels ----------------------------------------------------------------------------------------

/** A device's status as a coloured dot and its name. */
export function StatusBadge({ status }: { status: DeviceStatus }) {
  const { t } = useTranslation();
  return <span className={`device-status device-status-${status}`}>{t(`statuses.${status}`)}</span>;
}

/** "Dell Latitude 5490", else the type ("Ordinateur portable"). */
export function deviceName(device: Pick<Device, 'brand' | 'model' | 'type'>): string {
  const name = [device.brand, device.model].filter(Boolean).join(' ');
  return name || i18n.t(`deviceTypes.${device.type}`);
}

/** The fields of a device that have a label (forms, import errors, history). */
export const DEVICE_FIELD_NAMES = [
  'type',
  'brand',
  'model',
  'serialNumber',
  'cpu',
  'ramGb',
  'storageGb',
  'storageType',
  'screenSizeInches',
  'batteryHealthPercent',
  'weightKg',
  'notes',
  'osImage',
  'grade',
  'partsReplaced',
  'qualityCheckPassed',
  'locationId',
] as const;
export type DeviceFieldName = (typeof DEVICE_FIELD_NAMES)[number];

export function isDeviceField(name: string): name is DeviceFieldName {
  return (DEVICE_FIELD_NAMES as readonly string[]).includes(name);
}

/** The label of a device field, or the name itself for a field we do not know. */
export function fieldLabel(name: string): string {
  return isDeviceField(name) ? i18n.t(`deviceFields.${name}`) : name;
}

// ---- Numbers and days --------------------------------------------------------------------------------

function locale(language: string): string {
  return language === 'en' ? 'en-GB' : 'fr-FR';
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 2 }).format(value);
}

/** A calendar day (YYYY-MM-DD) as people write it, without any time-zone shift. */
export function formatDay(day: string, language: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'long' }).format(new Date(y, m - 1, d));
}

let instanceTimeZone: string | null = null;

/**
 * Records the time zone the instance counts days in (from `/setup`), so that a browser set to another
 * zone (a laptop bought abroad, a wrong setting) still proposes the day the server will accept.
 */
export function setInstanceTimeZone(timeZone: string | null): void {
  instanceTimeZone = timeZone;
}

/** Today as a calendar day, in the instance's time zone once known (the browser's until then). */
export function todayDay(now: Date = new Date()): string {
  if (instanceTimeZone) {
    try {
      return new Intl.DateTimeFormat('en-CA', {
        timeZone: instanceTimeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(now);
    } catch {
      // A zone this browser does not know: its own clock's day is the best guess.
    }
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// ---- Organisation names --------------------------------------------------------------------------------

const organisationNames = new Map<string, Promise<string | null>>();

function organisationName(id: string): Promise<string | null> {
  let pending = organisationNames.get(id);
  if (!pending) {
    pending = api
      .organisation(id)
      .then((organisation) => organisation.name)
      .catch(() => {
        organisationNames.delete(id);
        return null;
      });
    organisationNames.set(id, pending);
  }
  return pending;
}

/** Remembers names already known (from a list that carries them), to spare a call. */
export function rememberOrganisationName(id: string, name: string): void {
  if (!organisationNames.has(id)) organisationNames.set(id, Promise.resolve(name));
}

/** The names of these organisations by id, filled in as they arrive (each fetched once per visit). */
export function useOrganisationNames(ids: readonly string[]): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    let cancelled = false;
    for (const id of key ? key.split(',') : []) {
      void organisationName(id).then((name) => {
        if (!cancelled && name)
          setNames((previous) => (previous[id] === name ? previous : { ...previous, [id]: name }));
      });
    }
    return () => {
      cancelled = true;
    };
  }, [key]);
  return names;
}

/** The names of a donation's donor and refurbisher (from the donation when it carries them). */
export function useDonationParties(donation: Donation | undefined): { donor?: string; refurbisher?: string } {
  const missing =
    donation && !(donation.donorName && donation.refurbisherName)
      ? [donation.donorOrganisationId, donation.refurbisherOrganisationId]
      : [];
  const names = useOrganisationNames(missing);
  if (!donation) return {};
  const donor = donation.donorName || names[donation.donorOrganisationId];
  const refurbisher = donation.refurbisherName || names[donation.refurbisherOrganisationId];
  return { ...(donor ? { donor } : {}), ...(refurbisher ? { refurbisher } : {}) };
}

// ---- Preferences ----------------------------------------------------------------------------------------

const LAYOUT_KEY = 'seconde-vie.label-layout';

/** The labels' layout last chosen on this browser (A4 sheets by default: any printer has them). */
export function useLabelLayout(): [LabelLayout, (layout: LabelLayout) => void] {
  const [layout, setLayout] = useState<LabelLayout>(() => {
    try {
      const stored = localStorage.getItem(LAYOUT_KEY);
      return (LABEL_LAYOUTS as readonly string[]).includes(stored ?? '') ? (stored as LabelLayout) : 'a4-3x8';
    } catch {
      return 'a4-3x8';
    }
  });
  const choose = useCallback((value: LabelLayout) => {
    setLayout(value);
    try {
      localStorage.setItem(LAYOUT_KEY, value);
    } catch {
      // Storage refused: the choice lasts for this page only.
    }
  }, []);
  return [layout, choose];
}
