/**
 * The words of training, shared by the server, the web app and the documents. Adding a value here is an
 * API change: add its translations too.
 */
import type { Locale } from '../../lib/messages.ts';

export const WORKSHOP_FORMATS = ['initiation', 'intensive', 'digital_cafe', 'home_coaching'] as const;
export type WorkshopFormat = (typeof WORKSHOP_FORMATS)[number];

export const ENROLMENT_STATUSES = ['enrolled', 'waiting', 'withdrawn'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export const ASSESSMENT_STAGES = ['entry', 'exit'] as const;
export type AssessmentStage = (typeof ASSESSMENT_STAGES)[number];

/** Age bands of anonymous activities, as digital mediators count them (La Coop de la médiation numérique). */
export const ACTIVITY_AGE_BANDS = ['under-12', '12-18', '18-24', '25-39', '40-59', '60-69', '70+'] as const;
export type ActivityAgeBand = (typeof ACTIVITY_AGE_BANDS)[number];

export const ACTIVITY_PLACE_TYPES = ['venue', 'home', 'remote', 'outreach'] as const;
export type ActivityPlaceType = (typeof ACTIVITY_PLACE_TYPES)[number];

/** Themes of a mediation activity (a short list from the mediators' own; more may be added). */
export const ACTIVITY_THEMES = [
  'device_handling',
  'online_procedures',
  'email',
  'internet_browsing',
  'security',
  'job_search',
  'housing',
  'money',
  'health',
  'school',
  'social_networks',
  'office_software',
  'photos',
  'other',
] as const;
export type ActivityTheme = (typeof ACTIVITY_THEMES)[number];

export interface GridArea {
  /** A stable key, the key of an assessment's `levels` (`[a-z0-9_]`). */
  code: string;
  label: string;
}

/** The 5 areas of the Pix framework (docs/reference/france-rules.md), the default grid, levels 0–3. */
export const PIX_AREAS: Record<Locale, GridArea[]> = {
  fr: [
    { code: 'information', label: 'Information et données' },
    { code: 'communication', label: 'Communication et collaboration' },
    { code: 'content', label: 'Création de contenu' },
    { code: 'security', label: 'Protection et sécurité' },
    { code: 'environment', label: 'Environnement numérique' },
  ],
  en: [
    { code: 'information', label: 'Information and data' },
    { code: 'communication', label: 'Communication and collaboration' },
    { code: 'content', label: 'Content creation' },
    { code: 'security', label: 'Protection and security' },
    { code: 'environment', label: 'Digital environment' },
  ],
};
export const DEFAULT_MAX_LEVEL = 3;

export const FORMAT_LABELS: Record<Locale, Record<WorkshopFormat, string>> = {
  fr: {
    initiation: 'Initiation',
    intensive: 'Intensif',
    digital_cafe: 'Café numérique',
    home_coaching: 'Accompagnement à domicile',
  },
  en: {
    initiation: 'Introduction',
    intensive: 'Intensive',
    digital_cafe: 'Digital café',
    home_coaching: 'Home coaching',
  },
};

export const ENROLMENT_STATUS_WORDS: Record<Locale, Record<EnrolmentStatus, string>> = {
  fr: { enrolled: 'inscrite', waiting: 'sur liste d’attente', withdrawn: 'retirée' },
  en: { enrolled: 'enrolled', waiting: 'on the waiting list', withdrawn: 'withdrawn' },
};
