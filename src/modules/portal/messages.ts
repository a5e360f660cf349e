import type { Locale } from '../../lib/messages.ts';
import { deviceTypeLabel } from '../distribution/documents/texts.ts';
import type { DeviceType } from '../inventory/device-fields.ts';
import type { OrderStatus, RegistrationStatus } from './schema.ts';

/** Wording of the association portal's messages, merged into the app's table (French source, same keys in English). */
export const portalMessagesFr = {
  'portal.closed':
    'Le programme « {programme} » ne prend pas de commande d’association en ce moment (portail fermé ou programme clos).',
  'portal.identifier_required':
    'Indiquez le numéro RNA (W suivi de 9 caractères) ou le SIRET (14 chiffres) de l’association.',
  'portal.activity_length': 'Décrivez l’activité de l’association en 10 à 2 000 caractères.',
  'portal.honeypot': 'Laissez ce champ vide.',
  'portal.confirmation_unknown':
    'Ce lien de confirmation n’existe pas : vérifiez qu’il a été copié en entier, ou inscrivez-vous à nouveau.',
  'portal.confirmation_expired':
    'Ce lien de confirmation a expiré (il vaut 48 heures) : rien n’a été enregistré. Inscrivez-vous à nouveau depuis la page du programme.',
  'portal.registration_not_pending':
    'Cette inscription est « {status} » : seule une inscription confirmée et en attente peut être validée ou refusée.',
  'portal.not_eligible':
    'L’association ne remplit pas les conditions du programme « {programme} » : {reasons}. Refusez l’inscription avec ce motif, ou modifiez les conditions.',
  'portal.organisation_exists':
    'Une organisation porte déjà ce numéro {identifier}, et {email} n’en est pas membre : demandez à son administrateur d’ajouter ce contact, puis validez.',
  'portal.organisation_already_registered':
    'L’organisation « {organisation} » est déjà inscrite et vérifiée dans ce programme : rien n’a été enregistré. Refusez cette seconde inscription ; ses membres commandent depuis leur portail.',
  'portal.orders.max_per_year':
    'L’association a déjà commandé {count} appareil(s) cette année dans ce programme : avec {quantity} de plus, elle dépasserait le maximum de {max} par an.',
  'portal.orders.max_open':
    'L’association a déjà {count} commande(s) en cours, le maximum permis ({max}). Attendez la remise ou annulez-en une.',
  'portal.orders.more_than_available':
    '{quantity} × {device} demandé(s), {available} disponible(s) au catalogue : réduisez la quantité.',
  'portal.orders.approve_more_than_available':
    'La commande {number} demande {quantity} × {device} : il n’en reste que {available} de disponible(s), le reste étant promis à d’autres commandes acceptées. Refusez-la, ou attendez que du stock soit prêt.',
  'portal.orders.allocations_missing':
    'La commande {number} attend {expected} appareil(s) mis de côté, il n’y en a que {reserved} (réservations annulées entre-temps) : préparez la commande à nouveau avant de la remettre.',
  'portal.orders.already_prepared':
    'La commande {number} a déjà tous ses appareils mis de côté : il n’y a rien à préparer à nouveau, elle peut être remise.',
  'portal.orders.illegal_transition':
    'La commande {number} est « {status} » : cette étape n’est plus possible (elle l’est depuis : {allowed}).',
  'portal.orders.not_enough_devices':
    'Pas assez d’appareils prêts pour la commande {number} : il manque {missing} × {device}.',
  'portal.orders.devices_mismatch':
    'Les appareils choisis ne correspondent pas aux lignes de la commande {number} ({expected} appareil(s) attendu(s), par type et grade).',
  'portal.orders.device_not_handed_over':
    'Cet appareil n’est pas encore remis (statut : {status}) : le problème se signale après la remise.',
} as const;

export const portalMessagesEn: Record<keyof typeof portalMessagesFr, string> = {
  'portal.closed':
    'The programme “{programme}” takes no association orders at the moment (portal closed or programme closed).',
  'portal.identifier_required':
    'Give the association’s RNA number (W then 9 characters) or its SIRET (14 digits).',
  'portal.activity_length': 'Describe what the association does in 10 to 2,000 characters.',
  'portal.honeypot': 'Leave this field empty.',
  'portal.confirmation_unknown':
    'This confirmation link does not exist: check that it was copied whole, or register again.',
  'portal.confirmation_expired':
    'This confirmation link has expired (it works for 48 hours): nothing was recorded. Register again from the programme’s page.',
  'portal.registration_not_pending':
    'This registration is “{status}”: only a confirmed registration waiting for verification can be approved or refused.',
  'portal.not_eligible':
    'The association does not meet the conditions of the programme “{programme}”: {reasons}. Refuse the registration with this reason, or change the conditions.',
  'portal.organisation_exists':
    'An organisation already has this {identifier} number, and {email} is not one of its members: ask its administrator to add this contact, then approve.',
  'portal.organisation_already_registered':
    'The organisation “{organisation}” is already registered and verified in this programme: nothing was recorded. Refuse this second registration; its members order from their portal.',
  'portal.orders.max_per_year':
    'The association has already ordered {count} device(s) this year in this programme: {quantity} more would exceed the maximum of {max} a year.',
  'portal.orders.max_open':
    'The association already has {count} open order(s), the maximum allowed ({max}). Wait for the handover or cancel one.',
  'portal.orders.more_than_available':
    '{quantity} × {device} asked for, {available} available in the catalogue: lower the quantity.',
  'portal.orders.approve_more_than_available':
    'Order {number} asks for {quantity} × {device}: only {available} left available, the rest being promised to other approved orders. Refuse it, or wait for more stock to be ready.',
  'portal.orders.allocations_missing':
    'Order {number} expects {expected} device(s) set aside, there are only {reserved} (reservations cancelled meanwhile): prepare the order again before handing it over.',
  'portal.orders.already_prepared':
    'Order {number} already has all its devices set aside: there is nothing to prepare again, it can be handed over.',
  'portal.orders.illegal_transition':
    'Order {number} is “{status}”: this step is no longer possible (it is from: {allowed}).',
  'portal.orders.not_enough_devices':
    'Not enough ready devices for order {number}: {missing} × {device} missing.',
  'portal.orders.devices_mismatch':
    'The devices chosen do not match the lines of order {number} ({expected} device(s) expected, by type and grade).',
  'portal.orders.device_not_handed_over':
    'This device is not handed over yet (status: {status}): problems are reported after the handover.',
};

/** Order statuses in words, for messages (errors name statuses in words, never codes). */
export const orderStatusWords: Record<Locale, Record<OrderStatus, string>> = {
  fr: {
    submitted: 'envoyée',
    approved: 'acceptée',
    prepared: 'préparée',
    handed_over: 'remise',
    refused: 'refusée',
    cancelled: 'annulée',
  },
  en: {
    submitted: 'submitted',
    approved: 'approved',
    prepared: 'prepared',
    handed_over: 'handed over',
    refused: 'refused',
    cancelled: 'cancelled',
  },
};

/** Registration statuses in words, for messages. */
export const registrationStatusWords: Record<Locale, Record<RegistrationStatus, string>> = {
  fr: {
    unconfirmed: 'adresse non confirmée',
    pending: 'en attente de vérification',
    approved: 'acceptée',
    refused: 'refusée',
  },
  en: {
    unconfirmed: 'e-mail not confirmed',
    pending: 'waiting for verification',
    approved: 'approved',
    refused: 'refused',
  },
};

/** "ordinateur portable (grade A)", "laptop (any grade)": a device type and grade as an order line reads. */
export function deviceWords(locale: Locale, deviceType: DeviceType, grade: string | null): string {
  const type = deviceTypeLabel(locale, deviceType).toLowerCase();
  if (grade) return `${type} (grade ${grade})`;
  return locale === 'fr' ? `${type} (tout grade)` : `${type} (any grade)`;
}

/** Statuses joined in words: « envoyée, acceptée ». */
export function orderStatusList(locale: Locale, statuses: readonly OrderStatus[]): string {
  return statuses.map((s) => orderStatusWords[locale][s]).join(', ');
}
