import type { Locale } from '../../../lib/messages.ts';
import type { ProgrammeMode, TargetGroup } from '../../programmes/vocabulary.ts';

/** Words of the network dashboard, funder report and donor summary documents (PDF, CSV, XLSX). */
const fr = {
  'common.period': 'Période',
  'common.from_to': 'du {from} au {to}',
  'common.generated': 'Édité le {date}',
  'common.total': 'Total',
  'common.none': '—',
  'common.kg': '{n} kg',
  'common.section': 'Rubrique',
  'common.item': 'Élément',
  'common.month': 'Mois',
  'common.value': 'Valeur',
  'network.title': 'Tableau de bord du réseau',
  'network.coordinator': 'Coordination',
  'network.organisations': 'Organisations comptées ({count})',
  'network.stock': 'Stock aujourd’hui',
  'network.stock_total': 'Matériels en stock ou suivis',
  'network.by_status': 'Par statut',
  'network.by_type': 'Par type',
  'network.flows': 'Flux par mois',
  'network.received': 'Reçus',
  'network.ready': 'Reconditionnés (prêts)',
  'network.handed_over': 'Remis',
  'network.recycled': 'Recyclés',
  'network.people': 'Personnes équipées',
  'network.equipped': 'Personnes et associations équipées',
  'network.by_group': 'Par public',
  'network.by_mode': 'Par mode de distribution',
  'network.training': 'Formation et médiation',
  'network.sessions_held': 'Séances tenues',
  'network.people_trained': 'Personnes formées (présentes au moins une fois)',
  'network.activities': 'Activités anonymes (cafés numériques…)',
  'network.participants': 'Participants aux activités anonymes',
  'network.impact': 'Impact environnemental (matériels remis dans la période)',
  'network.co2e': 'CO2e évité',
  'network.weee': 'DEEE évités',
  'network.masking':
    'Agrégats uniquement : aucune personne n’est nommée. Tout nombre de personnes entre 1 et 4 est affiché « <5 », car un petit nombre pourrait permettre de reconnaître quelqu’un.',
  'funder.title': 'Bilan financeur',
  'funder.funder': 'Financeur',
  'funder.scope_owner': 'Vue limitée aux programmes de votre organisation.',
  'funder.programmes': 'Programmes financés',
  'funder.programme': 'Programme',
  'funder.owner': 'Porteur',
  'funder.mode': 'Mode',
  'funder.subsidy_per_unit': 'Subvention par unité',
  'funder.units': 'Unités subventionnées',
  'funder.subsidies': 'Subventions',
  'funder.aids_count': 'Aides internet',
  'funder.aids_total': 'Montant des aides internet',
  'funder.total': 'Montant total',
  'funder.reached': 'Personnes touchées',
  'funder.target': 'Objectif',
  'funder.achievement': 'Réalisation',
  'funder.by_group': 'Publics touchés et objectifs',
  'funder.group': 'Public',
  'funder.totals': 'En tout',
  'funder.no_programme': 'Aucun programme financé.',
  'funder.privacy':
    'Ce bilan ne contient que des nombres : aucune personne n’y est nommée. Unités : remises de la période dans les programmes que vous subventionnez ; personnes touchées : équipées avec votre subvention ou aidées par une aide internet que vous payez.',
  'donor.title': 'Merci pour vos dons {year}',
  'donor.intro':
    'En {year}, {donor} a confié {given} matériel(s) à nos reconditionneurs. Voici ce qu’ils sont devenus à ce jour.',
  'donor.given': 'Donnés',
  'donor.reused': 'Réemployés',
  'donor.recycled': 'Recyclés',
  'donor.in_progress': 'En cours',
  'donor.lost': 'Perdus',
  'donor.co2e': 'CO2e évité',
  'donor.weee': 'DEEE évités',
  'donor.donations': 'Vos dons',
  'donor.received_on': 'Reçu le',
  'donor.refurbisher': 'Reconditionneur',
  'donor.type': 'Type',
  'donor.no_donation': 'Aucun don reçu cette année.',
  'donor.thanks':
    'Merci : chaque ordinateur réemployé aide une personne ou une association à accéder au numérique, et évite la fabrication d’un matériel neuf.',
  'donor.privacy': 'Ce document ne contient aucune donnée sur les personnes qui ont reçu les matériels.',
  'group.pupil': 'Élèves',
  'group.job_seeker': 'Demandeurs d’emploi',
  'group.senior': 'Seniors',
  'group.household': 'Ménages',
  'group.association': 'Associations',
  'mode.sale': 'Vente solidaire',
  'mode.loan': 'Prêt',
  'mode.donation': 'Don',
};

export type NetworkTextKey = keyof typeof fr;

const en: Record<NetworkTextKey, string> = {
  'common.period': 'Period',
  'common.from_to': 'from {from} to {to}',
  'common.generated': 'Issued on {date}',
  'common.total': 'Total',
  'common.none': '—',
  'common.kg': '{n} kg',
  'common.section': 'Section',
  'common.item': 'Item',
  'common.month': 'Month',
  'common.value': 'Value',
  'network.title': 'Network dashboard',
  'network.coordinator': 'Coordinator',
  'network.organisations': 'Organisations counted ({count})',
  'network.stock': 'Stock today',
  'network.stock_total': 'Devices in stock or followed',
  'network.by_status': 'By status',
  'network.by_type': 'By type',
  'network.flows': 'Flows per month',
  'network.received': 'Received',
  'network.ready': 'Refurbished (ready)',
  'network.handed_over': 'Handed over',
  'network.recycled': 'Recycled',
  'network.people': 'People equipped',
  'network.equipped': 'People and associations equipped',
  'network.by_group': 'By public',
  'network.by_mode': 'By distribution mode',
  'network.training': 'Training and digital mediation',
  'network.sessions_held': 'Sessions held',
  'network.people_trained': 'People trained (present at least once)',
  'network.activities': 'Anonymous activities (digital cafés…)',
  'network.participants': 'Participants in anonymous activities',
  'network.impact': 'Environmental impact (devices handed over in the period)',
  'network.co2e': 'CO2e avoided',
  'network.weee': 'WEEE avoided',
  'network.masking':
    'Aggregates only: no person is named. Any number of people from 1 to 4 is shown as “<5”, because a small number could identify someone.',
  'funder.title': 'Funder report',
  'funder.funder': 'Funder',
  'funder.scope_owner': 'Limited to your organisation’s programmes.',
  'funder.programmes': 'Programmes funded',
  'funder.programme': 'Programme',
  'funder.owner': 'Run by',
  'funder.mode': 'Mode',
  'funder.subsidy_per_unit': 'Subsidy per unit',
  'funder.units': 'Units subsidised',
  'funder.subsidies': 'Subsidies',
  'funder.aids_count': 'Internet aids',
  'funder.aids_total': 'Internet aids amount',
  'funder.total': 'Total amount',
  'funder.reached': 'People reached',
  'funder.target': 'Target',
  'funder.achievement': 'Achievement',
  'funder.by_group': 'Publics reached and targets',
  'funder.group': 'Public',
  'funder.totals': 'In all',
  'funder.no_programme': 'No programme funded.',
  'funder.privacy':
    'This report holds numbers only: no person is named. Units: handovers of the period in the programmes you subsidise; people reached: equipped with your subsidy or helped by an internet aid you pay.',
  'donor.title': 'Thank you for your {year} donations',
  'donor.intro':
    'In {year}, {donor} entrusted {given} device(s) to our refurbishers. Here is what has become of them so far.',
  'donor.given': 'Given',
  'donor.reused': 'Reused',
  'donor.recycled': 'Recycled',
  'donor.in_progress': 'In progress',
  'donor.lost': 'Lost',
  'donor.co2e': 'CO2e avoided',
  'donor.weee': 'WEEE avoided',
  'donor.donations': 'Your donations',
  'donor.received_on': 'Received on',
  'donor.refurbisher': 'Refurbisher',
  'donor.type': 'Type',
  'donor.no_donation': 'No donation received this year.',
  'donor.thanks':
    'Thank you: every reused computer helps a person or an association get online, and avoids making a new device.',
  'donor.privacy': 'This document holds no data about the people who received the devices.',
  'group.pupil': 'Pupils',
  'group.job_seeker': 'Job seekers',
  'group.senior': 'Seniors',
  'group.household': 'Households',
  'group.association': 'Associations',
  'mode.sale': 'Subsidised sale',
  'mode.loan': 'Loan',
  'mode.donation': 'Donation',
};

const TEXTS: Record<Locale, Record<NetworkTextKey, string>> = { fr, en };

/** A text of these documents, `{name}` placeholders filled. */
export function nt(
  locale: Locale,
  key: NetworkTextKey,
  params: Record<string, string | number> = {},
): string {
  return TEXTS[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export const groupLabel = (locale: Locale, group: TargetGroup): string => nt(locale, `group.${group}`);
export const modeLabel = (locale: Locale, mode: ProgrammeMode): string => nt(locale, `mode.${mode}`);

/** Money in cents as a number of euros in the locale's writing, for CSV cells: "616,00" / "616.00". */
export function eurosNumber(cents: number, locale: Locale): string {
  const value = (cents / 100).toFixed(2);
  return locale === 'fr' ? value.replace('.', ',') : value;
}

/** A decimal number for CSV cells, with the locale's decimal mark and no grouping: "455,8" / "455.8". */
export function decimal(value: number, locale: Locale): string {
  const text = String(value);
  return locale === 'fr' ? text.replace('.', ',') : text;
}

/** A share (0..1) as a percentage for documents: "66,7 %" / "66.7%". */
export function percent(share: number | null, locale: Locale): string {
  if (share === null) return '—';
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(share);
}
