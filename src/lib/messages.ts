import { z } from 'zod';
import { en as zodEn, fr as zodFr } from 'zod/locales';
import { backupMessagesEn, backupMessagesFr } from '../db/backup-messages.ts';
import { budgetMessagesEn, budgetMessagesFr } from '../modules/budgets/messages.ts';
import { censusMessagesEn, censusMessagesFr } from '../modules/census/messages.ts';
import { chequeMessagesEn, chequeMessagesFr } from '../modules/cheques/messages.ts';
import { distributionMessagesEn, distributionMessagesFr } from '../modules/distribution/messages.ts';
import { followUpMessagesEn, followUpMessagesFr } from '../modules/followup/messages.ts';
import { importMessagesEn, importMessagesFr } from '../modules/inventory/import/messages.ts';
import { portalMessagesEn, portalMessagesFr } from '../modules/portal/messages.ts';
import { peopleMessagesEn, peopleMessagesFr } from '../modules/programmes/messages.ts';
import {
  reportMessagesEn,
  reportMessagesFr,
  reportsMessagesEn,
  reportsMessagesFr,
} from '../modules/reports/messages.ts';
import { trainingMessagesEn, trainingMessagesFr } from '../modules/training/messages.ts';
import { workforceMessagesEn, workforceMessagesFr } from '../modules/workforce/messages.ts';
import { serverMessagesEn, serverMessagesFr } from '../server/messages.ts';
import { formatDay } from './dates.ts';

/**
 * Messages the server itself sends (problem+json titles and details, field errors). French is the
 * source; the English table must have exactly the same keys, which the compiler checks.
 */
const fr = {
  ...importMessagesFr,
  ...peopleMessagesFr,
  ...distributionMessagesFr,
  ...trainingMessagesFr,
  ...workforceMessagesFr,
  ...chequeMessagesFr,
  ...reportsMessagesFr,
  ...reportMessagesFr,
  ...followUpMessagesFr,
  ...portalMessagesFr,
  ...budgetMessagesFr,
  ...censusMessagesFr,
  ...serverMessagesFr,
  ...backupMessagesFr,
  'errors.title.INVALID_INPUT': 'Données invalides',
  'errors.title.UNAUTHENTICATED': 'Connexion requise',
  'errors.title.FORBIDDEN': 'Action non autorisée',
  'errors.title.NOT_FOUND': 'Introuvable',
  'errors.title.CONFLICT': 'Conflit',
  'errors.title.GONE': 'Lien plus valable',
  'errors.title.PAYLOAD_TOO_LARGE': 'Envoi trop volumineux',
  'errors.title.UNSUPPORTED_MEDIA_TYPE': 'Type de contenu non accepté',
  'errors.title.RULE_REFUSED': 'Refusé par une règle',
  'errors.title.TOO_MANY_REQUESTS': 'Trop de tentatives',
  'errors.title.INTERNAL': 'Erreur interne',
  'errors.title.UNAVAILABLE': 'Service indisponible',
  'errors.invalid_input': 'Certains champs sont à corriger : {count} erreur(s).',
  'errors.unauthenticated': 'Connectez-vous pour continuer.',
  'errors.forbidden':
    "Votre rôle ne permet pas cette action. Demandez-la à un administrateur de l'organisation.",
  'errors.not_found': "Cette ressource n'existe pas ou vous n'y avez pas accès.",
  'errors.route_not_found': "Cette adresse n'existe pas dans l'API.",
  'errors.internal': "Une erreur inattendue s'est produite. Rien n'a été enregistré ; réessayez.",
  'errors.concurrent_change':
    "Quelqu'un d'autre modifiait les mêmes données au même moment : rien n'a été enregistré, réessayez.",
  'errors.payload_too_large': 'Le contenu envoyé dépasse la taille permise ({limit}).',
  'errors.too_many_requests': 'Trop de requêtes. Réessayez dans {seconds} secondes.',
  'errors.invalid_json': "Le corps de la requête n'est pas du JSON valide.",
  'errors.malformed_request': 'Requête mal formée : vérifiez le contenu envoyé et son type.',
  'errors.invalid_value':
    'Une valeur envoyée est invalide (caractère interdit, nombre hors limites ou texte trop long).',
  'errors.nul_character': 'Le texte envoyé contient un caractère nul (\\u0000), qui n’est pas accepté.',
  'errors.lone_surrogate':
    'Le texte envoyé contient un caractère invalide (une moitié isolée de caractère Unicode) : retapez ce champ.',
  'errors.unsupported_media_type': 'Type de contenu non accepté : envoyez du JSON (application/json).',
  'auth.invalid_credentials': 'Adresse e-mail ou mot de passe incorrect.',
  'auth.too_many_failures': 'Trop de tentatives de connexion. Réessayez dans {minutes} minutes.',
  'auth.invitation_invalid':
    "Ce lien d'invitation n'est plus valable. Demandez un nouveau lien à l'administrateur.",
  'auth.wrong_current_password': 'Le mot de passe actuel est incorrect.',
  'auth.reset_unknown': 'Ce lien de réinitialisation est inconnu. Vérifiez qu’il a été copié en entier.',
  'auth.reset_used': 'Ce lien de réinitialisation a déjà servi. Demandez-en un nouveau si besoin.',
  'auth.reset_expired':
    'Ce lien de réinitialisation a expiré (il ne vaut que {minutes} minutes). Demandez-en un nouveau.',
  'totp.already_enabled': 'La double authentification est déjà activée sur ce compte.',
  'totp.not_started': 'Commencez par configurer la double authentification.',
  'totp.not_enabled': 'La double authentification n’est pas activée sur ce compte.',
  'totp.no_such_account': 'Aucun compte n’a l’adresse {email}.',
  'totp.removed':
    'Double authentification retirée du compte {email} : ses sessions sont fermées, il se connecte avec son seul mot de passe et peut la configurer de nouveau.',
  'totp.code_invalid': 'Ce code ne correspond pas. Saisissez le code à 6 chiffres affiché par l’application.',
  'totp.code_wrong': 'Code incorrect ou déjà utilisé. Essais restants : {remaining}.',
  'totp.challenge_invalid':
    'Cette connexion a expiré ou a reçu trop de codes incorrects : saisissez de nouveau votre mot de passe.',
  'auth.acting_organisation_required':
    'Vous êtes membre de plusieurs organisations (ou d’aucune) : précisez le champ « {field} ».',
  'organisations.siret_taken': 'Une organisation porte déjà ce numéro SIRET.',
  'organisations.logo_invalid': 'Le logo doit être une image PNG ou JPEG.',
  'organisations.logo_too_large':
    'Le logo pèse {size} ko : {max} ko au plus. Réduisez l’image (par exemple à 600 pixels de large) et réessayez.',
  'organisations.rna_taken': 'Une organisation porte déjà ce numéro RNA.',
  'members.already_member': 'Cette personne est déjà membre de l’organisation.',
  'members.last_admin': "L'organisation doit garder au moins un administrateur.",
  'members.already_active': 'Ce membre a déjà activé son compte : il n’a pas besoin de nouvelle invitation.',
  'members.invited_elsewhere':
    'Ce compte attend l’invitation d’une autre organisation : la personne doit d’abord l’accepter (ou demandez à un administrateur de la plateforme).',
  'users.email_taken': 'Un compte existe déjà avec cette adresse e-mail.',
  'users.last_platform_admin': 'L’instance doit garder au moins un administrateur de la plateforme actif.',
  'users.cannot_lock_out_self':
    'Vous ne pouvez pas désactiver votre propre compte ni vous retirer l’administration de la plateforme.',
  'demo.not_empty': 'Les données de démonstration ne se chargent que sur une instance sans organisation.',
  'inventory.serial_taken': 'Le numéro de série {serialNumber} est déjà enregistré dans votre stock.',
  'inventory.serials_taken': '{count} numéro(s) de série déjà enregistré(s) dans votre stock.',
  'inventory.illegal_transition':
    '{assetTag} : passage de « {from} » à « {to} » impossible. Depuis « {from} », statuts possibles : {allowed}.',
  'inventory.erasure_required':
    '{assetTag} ne peut pas être prêt : il faut un effacement des données réussi pour chacun de ses disques depuis sa réception.',
  'inventory.status_changed_meanwhile':
    "{assetTag} vient d'être modifié par quelqu'un d'autre : vérifiez son nouvel état avant de recommencer.",
  'inventory.bulk_refused': "Rien n'a été modifié : {count} appareil(s) ne peuvent pas changer de statut.",
  'inventory.location_taken': 'Un emplacement porte déjà ce nom.',
  'inventory.owner_not_refurbisher':
    'Les appareils d’un don appartiennent à son reconditionneur : laissez « organisationId » vide ou indiquez le reconditionneur.',
  'inventory.storage_found_after_ready':
    '{assetTag} est déjà passé en « prêt » sans stockage : remettez-le en reconditionnement avant d’indiquer un disque, pour l’effacer.',
  'import.no_file': 'Aucun fichier reçu : joignez un fichier CSV ou XLSX.',
  'inventory.no_certificate_yet':
    "{assetTag} n'a pas encore d'effacement enregistré : pas de certificat à produire.",
  'inventory.not_to_recycle':
    '{assetTag} est « {status} » : seuls les appareils « à recycler » partent au recyclage.',
  'import.unsupported_media_type':
    'Envoyez un fichier CSV (text/csv) ou XLSX, directement ou dans un formulaire.',
  'eligibility.kind_not_accepted': 'Ce programme est réservé aux bénéficiaires de type : {accepted}.',
  'eligibility.income_situation_missing':
    'La situation de revenus n’est pas renseignée : le programme en a besoin.',
  'eligibility.income_situation_not_accepted':
    'La situation de revenus ({value}) n’est pas parmi celles du programme : {accepted}.',
  'eligibility.family_quotient_missing':
    'Le quotient familial n’est pas renseigné : le programme fixe un plafond de {ceiling}.',
  'eligibility.family_quotient_above_ceiling':
    'Le quotient familial ({value}) dépasse le plafond du programme ({ceiling}).',
  'eligibility.birth_year_missing':
    'L’année de naissance n’est pas renseignée : le programme a une condition d’âge.',
  'eligibility.age_below_minimum': 'L’âge ({age} ans) est inférieur au minimum du programme ({min} ans).',
  'eligibility.age_above_maximum': 'L’âge ({age} ans) dépasse le maximum du programme ({max} ans).',
  'eligibility.postcode_missing': 'Le code postal n’est pas renseigné : le programme couvre un territoire.',
  'eligibility.postcode_not_covered':
    'Le code postal {postcode} n’est pas dans le territoire du programme ({accepted}).',
  'eligibility.priority_zone_required':
    'Le programme est réservé aux habitants d’un quartier prioritaire (QPV).',
  'validation.required': 'Ce champ est obligatoire.',
  'validation.invalid_type': 'Valeur du mauvais type : {expected} attendu.',
  'validation.siret_invalid': 'Numéro SIRET invalide : 14 chiffres dont le dernier est une clé de contrôle.',
  'validation.rna_invalid': 'Numéro RNA invalide : la lettre W suivie de 9 caractères (ex. W751234567).',
  'validation.postcode_invalid': 'Code postal invalide : 5 chiffres.',
  'validation.password_too_short': 'Le mot de passe doit contenir au moins {minimum} caractères.',
  'validation.email_invalid': 'Adresse e-mail invalide.',
  'validation.kinds_required': "Choisissez au moins un type d'organisation.",
  'validation.blank': 'Ce champ ne peut pas être vide.',
  'validation.uuid': 'Identifiant invalide.',
  'validation.cursor_invalid': 'Curseur de pagination invalide : reprenez la liste depuis le début.',
} as const;

export type MessageKey = keyof typeof fr;

const en: Record<MessageKey, string> = {
  ...importMessagesEn,
  ...peopleMessagesEn,
  ...distributionMessagesEn,
  ...trainingMessagesEn,
  ...workforceMessagesEn,
  ...chequeMessagesEn,
  ...reportsMessagesEn,
  ...reportMessagesEn,
  ...followUpMessagesEn,
  ...portalMessagesEn,
  ...budgetMessagesEn,
  ...censusMessagesEn,
  ...serverMessagesEn,
  ...backupMessagesEn,
  'errors.title.INVALID_INPUT': 'Invalid input',
  'errors.title.UNAUTHENTICATED': 'Login required',
  'errors.title.FORBIDDEN': 'Not allowed',
  'errors.title.NOT_FOUND': 'Not found',
  'errors.title.CONFLICT': 'Conflict',
  'errors.title.GONE': 'Link no longer valid',
  'errors.title.PAYLOAD_TOO_LARGE': 'Payload too large',
  'errors.title.UNSUPPORTED_MEDIA_TYPE': 'Unsupported content type',
  'errors.title.RULE_REFUSED': 'Refused by a rule',
  'errors.title.TOO_MANY_REQUESTS': 'Too many attempts',
  'errors.title.INTERNAL': 'Internal error',
  'errors.title.UNAVAILABLE': 'Service unavailable',
  'errors.invalid_input': 'Some fields need correcting: {count} error(s).',
  'errors.unauthenticated': 'Log in to continue.',
  'errors.forbidden': "Your role does not allow this. Ask one of the organisation's administrators.",
  'errors.concurrent_change':
    'Someone else was changing the same data at the same moment: nothing was saved, try again.',
  'errors.not_found': 'This does not exist or you do not have access to it.',
  'errors.route_not_found': 'This address does not exist in the API.',
  'errors.internal': 'Something unexpected went wrong. Nothing was saved; please try again.',
  'errors.payload_too_large': 'What you sent is larger than allowed ({limit}).',
  'errors.too_many_requests': 'Too many requests. Try again in {seconds} seconds.',
  'errors.invalid_json': 'The request body is not valid JSON.',
  'errors.malformed_request': 'Malformed request: check what you sent and its content type.',
  'errors.invalid_value':
    'A value sent is invalid (forbidden character, number out of range or text too long).',
  'errors.nul_character': 'The text sent contains a NUL character (\\u0000), which is not accepted.',
  'errors.lone_surrogate':
    'The text sent contains an invalid character (half of a Unicode character pair): type this field again.',
  'errors.unsupported_media_type': 'Unsupported content type: send JSON (application/json).',
  'auth.invalid_credentials': 'Wrong e-mail address or password.',
  'auth.too_many_failures': 'Too many login attempts. Try again in {minutes} minutes.',
  'auth.invitation_invalid': 'This invitation link is no longer valid. Ask the administrator for a new one.',
  'auth.wrong_current_password': 'The current password is wrong.',
  'auth.reset_unknown': 'This reset link is unknown. Check that it was copied whole.',
  'auth.reset_used': 'This reset link has already been used. Ask for a new one if needed.',
  'auth.reset_expired':
    'This reset link has expired (it only works for {minutes} minutes). Ask for a new one.',
  'totp.already_enabled': 'Two-factor authentication is already on for this account.',
  'totp.not_started': 'Set up two-factor authentication first.',
  'totp.not_enabled': 'Two-factor authentication is not on for this account.',
  'totp.no_such_account': 'No account has the address {email}.',
  'totp.removed':
    'Two-factor authentication removed from {email}: its sessions are closed; it logs in with its password alone and may set it up again.',
  'totp.code_invalid': 'This code does not match. Enter the 6-digit code the app shows.',
  'totp.code_wrong': 'Wrong or already used code. Attempts left: {remaining}.',
  'totp.challenge_invalid':
    'This login has expired or received too many wrong codes: enter your password again.',
  'auth.acting_organisation_required':
    'You belong to several organisations (or none): fill in the "{field}" field.',
  'organisations.siret_taken': 'An organisation already has this SIRET number.',
  'organisations.logo_invalid': 'The logo must be a PNG or JPEG image.',
  'organisations.logo_too_large':
    'The logo weighs {size} kB: {max} kB at most. Make the image smaller (for example 600 pixels wide) and try again.',
  'organisations.rna_taken': 'An organisation already has this RNA number.',
  'members.already_member': 'This person is already a member of the organisation.',
  'members.last_admin': 'The organisation must keep at least one administrator.',
  'members.already_active': 'This member has already activated their account: no new invitation is needed.',
  'members.invited_elsewhere':
    'This account is waiting for another organisation’s invitation: the person must accept it first (or ask a platform administrator).',
  'users.email_taken': 'An account already exists with this e-mail address.',
  'users.last_platform_admin': 'The instance must keep at least one active platform administrator.',
  'users.cannot_lock_out_self':
    'You cannot disable your own account or remove your own platform administration.',
  'demo.not_empty': 'Demo data can only be loaded on an instance without organisations.',
  'inventory.serial_taken': 'Serial number {serialNumber} is already in your stock.',
  'inventory.serials_taken': '{count} serial number(s) already in your stock.',
  'inventory.illegal_transition':
    '{assetTag}: cannot go from "{from}" to "{to}". From "{from}" it can go to: {allowed}.',
  'inventory.erasure_required':
    '{assetTag} cannot be ready: each of its disks needs a passed data erasure since it was received.',
  'inventory.status_changed_meanwhile':
    '{assetTag} was just changed by someone else: check its new state before trying again.',
  'inventory.bulk_refused': 'Nothing was changed: {count} device(s) cannot change status.',
  'inventory.location_taken': 'A location already has this name.',
  'inventory.owner_not_refurbisher':
    'The devices of a donation belong to its refurbisher: leave "organisationId" out or give the refurbisher.',
  'inventory.storage_found_after_ready':
    '{assetTag} already became ready without storage: send it back to refurbishing before adding a disk, so it gets wiped.',
  'import.no_file': 'No file received: attach a CSV or XLSX file.',
  'inventory.no_certificate_yet':
    '{assetTag} has no erasure recorded yet: there is no certificate to produce.',
  'inventory.not_to_recycle': '{assetTag} is "{status}": only devices marked "to recycle" go to recycling.',
  'import.unsupported_media_type': 'Send a CSV (text/csv) or XLSX file, directly or in a form.',
  'eligibility.kind_not_accepted': 'This programme only accepts beneficiaries of kind: {accepted}.',
  'eligibility.income_situation_missing': 'The income situation is not filled in: the programme needs it.',
  'eligibility.income_situation_not_accepted':
    'The income situation ({value}) is not one the programme accepts: {accepted}.',
  'eligibility.family_quotient_missing':
    'The family quotient is not filled in: the programme has a ceiling of {ceiling}.',
  'eligibility.family_quotient_above_ceiling':
    "The family quotient ({value}) is above the programme's ceiling ({ceiling}).",
  'eligibility.birth_year_missing': 'The birth year is not filled in: the programme has an age condition.',
  'eligibility.age_below_minimum': "The age ({age}) is below the programme's minimum ({min}).",
  'eligibility.age_above_maximum': "The age ({age}) is above the programme's maximum ({max}).",
  'eligibility.postcode_missing': 'The postcode is not filled in: the programme covers an area.',
  'eligibility.postcode_not_covered': "Postcode {postcode} is outside the programme's area ({accepted}).",
  'eligibility.priority_zone_required': 'The programme is for residents of a priority neighbourhood (QPV).',
  'validation.required': 'This field is required.',
  'validation.invalid_type': 'Wrong type of value: {expected} expected.',
  'validation.siret_invalid': 'Invalid SIRET number: 14 digits, the last one a check digit.',
  'validation.rna_invalid': 'Invalid RNA number: the letter W followed by 9 characters (e.g. W751234567).',
  'validation.postcode_invalid': 'Invalid postcode: 5 digits.',
  'validation.password_too_short': 'The password must be at least {minimum} characters long.',
  'validation.email_invalid': 'Invalid e-mail address.',
  'validation.kinds_required': 'Choose at least one kind of organisation.',
  'validation.blank': 'This field cannot be blank.',
  'validation.uuid': 'Invalid identifier.',
  'validation.cursor_invalid': 'Invalid pagination cursor: start the list again from the beginning.',
};

export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];

const tables: Record<Locale, Record<MessageKey, string>> = { fr, en };

export function isMessageKey(key: string): key is MessageKey {
  return key in fr;
}

/** Translates a message key, filling `{name}` placeholders; an unknown key is returned as it is. */
export function translate(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
  const template = isMessageKey(key) ? tables[locale][key] : key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) return `{${name}}`;
    const value = String(params[name]);
    // Calendar days read as people write them: « le 25 novembre 2026 », not 2026-11-25.
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDay(value, locale) : value;
  });
}

/** Picks fr or en from an Accept-Language header; French when nothing matches. */
export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'fr';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) if (lang === 'fr' || lang === 'en') return lang;
  return 'fr';
}

const zodLocales = { fr: zodFr(), en: zodEn() };

/**
 * Translates one zod issue (as fastify-type-provider-zod hands it over: code + params). Our own
 * refinements carry a message key; zod's built-in checks are worded by zod's own locale.
 */
export function translateZodIssue(
  locale: Locale,
  issue: { code: string; message?: string } & Record<string, unknown>,
): string {
  if (issue.message && isMessageKey(issue.message)) return translate(locale, issue.message, issue);
  const localeError = zodLocales[locale].localeError as (
    iss: unknown,
  ) => string | { message: string } | undefined;
  const result = localeError(issue);
  if (typeof result === 'string') return result;
  return result?.message ?? issue.message ?? translate(locale, 'errors.invalid_input', { count: 1 });
}

/**
 * zod's issues do not carry the input by default, so a missing field and a wrong type are told apart
 * here, where the input is known, and given message keys that `translateZodIssue` words per request.
 */
z.config({
  customError: (issue) => {
    // A missing value of an enum is reported as invalid_value: it is still "required" to a person.
    if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
      return 'validation.required';
    }
    return issue.code === 'invalid_type' ? 'validation.invalid_type' : undefined;
  },
});
