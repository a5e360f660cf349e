import type { Locale } from '../../lib/messages.ts';
import type { FundingStatus } from './figures.ts';
import type { BudgetCategory } from './schema.ts';

/** « Budget des années 2025–2026 », or of one year; null when nothing is covered (no line, no period). */
export function coveredYears(locale: Locale, from: number | null, to: number | null): string | null {
  if (from === null || to === null) return null;
  return from === to
    ? bt(locale, 'covered_year', { year: String(from) })
    : bt(locale, 'covered_years', { from: String(from), to: String(to) });
}

/** Words of the budget's documents: the report's « Budget » section and the financial statement. */
const fr = {
  section_budget: 'Budget',
  budget_none: 'Aucune ligne de budget n’est enregistrée pour cette période.',
  col_category: 'Poste',
  col_planned: 'Prévu',
  col_committed: 'Engagé',
  col_spent: 'Réalisé',
  col_gap: 'Écart (prévu − réalisé)',
  col_funder: 'Financeur',
  col_requested: 'Demandé',
  col_granted: 'Accordé',
  col_received: 'Reçu',
  col_share_granted: 'Part des financements',
  col_share_planned: 'Part du budget prévu',
  col_status: 'Statut',
  col_reference: 'Convention',
  col_dates: 'Période de la convention',
  handover_subsidies: 'Subventions à la remise (calculées)',
  total: 'Total',
  unfunded: 'Reste à financer (prévu − accordé)',
  overfunded: 'Accordé au-delà du prévu (accordé − prévu)',
  covered_years: 'Budget des années {from}–{to} (années civiles entières)',
  covered_year: 'Budget de l’année {year} (année civile entière)',
  statement_dates_completed:
    'Une date de la convention n’est pas renseignée : elle est complétée par celle du programme.',
  cost_per_person: 'Coût par personne équipée',
  cost_per_device: 'Coût par matériel remis',
  cost_none: 'non calculé',
  people_equipped: 'Bénéficiaires équipés',
  devices_handed_over: 'Matériels remis',
  costs_base: 'Coûts : montant réalisé divisé par les bénéficiaires équipés et par les matériels remis.',
  statement_title: 'État financier',
  statement_agreement_title: 'État financier de la convention',
  statement_programme: 'Programme : {name}',
  statement_owner: 'Porté par {owner}',
  statement_period: 'Période du {from} au {to} (jours inclus)',
  statement_all_time: 'Toute la durée du budget',
  statement_generated: 'Établi le {date} à partir des données enregistrées',
  statement_agreement: 'Convention',
  statement_funder: 'Financeur : {funder}',
  statement_reference: 'Référence : {reference}',
  statement_dates: 'Du {from} au {to}',
  statement_no_reference: 'Référence non renseignée',
  statement_no_dates: 'Dates non renseignées',
  section_spending: 'Dépenses prévues et réalisées par poste',
  section_fundings: 'Cofinancements',
  section_costs: 'Coûts unitaires',
  sheet_statement: 'État financier',
  sheet_spending: 'Dépenses',
  sheet_fundings: 'Cofinancements',
  no_dates: '—',
  overspent_line: 'Dépensé au-delà du prévu : « {label} » ({year}), {spent} dépensés pour {planned} prévus.',
  derived_note:
    'Les lignes « aides internet » et « subventions des remises » sont calculées à partir des aides accordées et des remises enregistrées de l’année.',
  funder_budget: 'Cofinancement et coûts — {programme}',
  funder_share: 'Part de {funder} dans les financements accordés',
  funder_share_planned: 'Part de {funder} dans le budget prévu',
  funder_no_funding: 'Aucune convention de cofinancement enregistrée pour ce financeur.',
  sheet_funder_budget: 'Cofinancement',
  col_programme: 'Programme',
};

export type BudgetTextKey = keyof typeof fr;

const en: Record<BudgetTextKey, string> = {
  section_budget: 'Budget',
  budget_none: 'No budget line is recorded for this period.',
  col_category: 'Item',
  col_planned: 'Planned',
  col_committed: 'Committed',
  col_spent: 'Spent',
  col_gap: 'Gap (planned − spent)',
  col_funder: 'Funder',
  col_requested: 'Requested',
  col_granted: 'Granted',
  col_received: 'Received',
  col_share_granted: 'Share of funding',
  col_share_planned: 'Share of planned budget',
  col_status: 'Status',
  col_reference: 'Agreement',
  col_dates: 'Agreement period',
  handover_subsidies: 'Handover subsidies (computed)',
  total: 'Total',
  unfunded: 'Still to fund (planned − granted)',
  overfunded: 'Granted beyond the plan (granted − planned)',
  cost_per_person: 'Cost per person equipped',
  cost_per_device: 'Cost per device handed over',
  cost_none: 'not computed',
  people_equipped: 'Beneficiaries equipped',
  devices_handed_over: 'Devices handed over',
  costs_base: 'Costs: the amount spent divided by the beneficiaries equipped and by the devices handed over.',
  statement_title: 'Financial statement',
  statement_agreement_title: 'Financial statement of the agreement',
  statement_programme: 'Programme: {name}',
  statement_owner: 'Run by {owner}',
  statement_period: 'Period from {from} to {to} (days included)',
  covered_years: 'Budget of the years {from}–{to} (whole calendar years)',
  covered_year: 'Budget of the year {year} (whole calendar year)',
  statement_dates_completed: 'A date of the agreement is not recorded: the programme’s date is used instead.',
  statement_all_time: 'The whole budget',
  statement_generated: 'Drawn up on {date} from the recorded data',
  statement_agreement: 'Agreement',
  statement_funder: 'Funder: {funder}',
  statement_reference: 'Reference: {reference}',
  statement_dates: 'From {from} to {to}',
  statement_no_reference: 'No reference recorded',
  statement_no_dates: 'No dates recorded',
  section_spending: 'Planned and actual spending per item',
  section_fundings: 'Co-financing',
  section_costs: 'Unit costs',
  sheet_statement: 'Statement',
  sheet_spending: 'Spending',
  sheet_fundings: 'Co-financing',
  no_dates: '—',
  overspent_line: 'Spent beyond the planned amount: “{label}” ({year}), {spent} spent of {planned} planned.',
  derived_note:
    'The “internet aids” and “handover subsidies” lines are computed from the aids granted and the handovers recorded in their year.',
  funder_budget: 'Co-financing and costs — {programme}',
  funder_share: 'Share of {funder} in the funding granted',
  funder_share_planned: 'Share of {funder} in the planned budget',
  funder_no_funding: 'No co-financing agreement recorded for this funder.',
  sheet_funder_budget: 'Co-financing',
  col_programme: 'Programme',
};

const TEXTS: Readonly<Record<Locale, Record<BudgetTextKey, string>>> = { fr, en };

/** The same words as the budget page (src/web/i18n/*-budgets.ts, `budgets.categories` and `budgets.statuses`). */
const CATEGORIES: Record<Locale, Record<BudgetCategory, string>> = {
  fr: {
    equipment: 'Équipement',
    refurbishing: 'Reconditionnement',
    training: 'Heures de formation',
    internet_aid: 'Aide internet',
    events: 'Événements',
    staff: 'Temps de personnel',
    other: 'Autre',
  },
  en: {
    equipment: 'Equipment',
    refurbishing: 'Refurbishing',
    training: 'Training hours',
    internet_aid: 'Internet aid',
    events: 'Events',
    staff: 'Staff time',
    other: 'Other',
  },
};

const STATUSES: Record<Locale, Record<FundingStatus, string>> = {
  fr: {
    requested: 'Demandé',
    granted: 'Accordé',
    refused: 'Refusé',
    partly_received: 'En partie reçu',
    received: 'Reçu',
  },
  en: {
    requested: 'Requested',
    granted: 'Granted',
    refused: 'Refused',
    partly_received: 'Partly received',
    received: 'Received',
  },
};

/** A text of the budget's documents in the reader's language, with `{name}` placeholders filled. */
export function bt(locale: Locale, key: BudgetTextKey, params: Record<string, string | number> = {}): string {
  return TEXTS[locale][key].replace(/\{(\w+)\}/g, (_, name: string) =>
    name in params ? String(params[name]) : `{${name}}`,
  );
}

export const categoryLabel = (locale: Locale, category: BudgetCategory): string =>
  CATEGORIES[locale][category];

export const fundingStatusLabel = (locale: Locale, status: FundingStatus): string => STATUSES[locale][status];
