import type { Locale } from '../../../lib/messages.ts';

/**
 * The words of the programme documents (the information notice, the export of a person's record). French is
 * the source; the English table must have exactly the same keys, which the compiler checks. The notice is
 * read by the people themselves: short sentences, « vous », no jargon without its explanation.
 */
const fr = {
  'common.none': '—',
  'common.yes': 'Oui',
  'common.no': 'Non',

  'notice.title': 'Vos données personnelles',
  'notice.subtitle': 'Information sur l’utilisation de vos données (article 13 du RGPD)',
  'notice.version': 'Version du {date}',
  'notice.intro':
    '{organisation} vous aide à accéder au numérique : un ordinateur reconditionné, une formation, une aide pour internet. Pour cela, nous notons quelques informations sur vous. Ce document explique lesquelles, pourquoi, et quels sont vos droits.',
  'notice.controller_heading': 'Qui garde vos données ?',
  'notice.controller': '{organisation} est responsable de vos données.',
  'notice.town': 'Commune : {town}',
  'notice.email': 'E-mail : {email}',
  'notice.phone': 'Téléphone : {phone}',
  'notice.dpo': 'Délégué à la protection des données : {contact}',
  'notice.no_contact': 'Pour nous joindre, adressez-vous à la personne qui vous accompagne.',
  'notice.purposes_heading': 'Pourquoi ?',
  'notice.purposes_intro': 'Nous utilisons vos données pour :',
  'notice.purpose_eligibility': 'vérifier si vous pouvez entrer dans un programme ;',
  'notice.purpose_path': 'suivre votre parcours : la formation, la remise du matériel, le suivi ;',
  'notice.purpose_statistics':
    'faire des statistiques anonymes pour les financeurs : elles ne permettent pas de vous reconnaître.',
  'notice.programmes_intro': 'Les programmes qui peuvent vous être proposés :',
  'notice.basis_heading': 'Sur quelle base ?',
  'notice.basis':
    'Sur votre accord (votre consentement). Vous pouvez le retirer à tout moment, sans donner de raison. Ce qui a été fait avant reste valable. Sans votre accord, nous ne pouvons pas vous orienter vers un programme.',
  'notice.data_heading': 'Quelles informations ?',
  'notice.data_identity': 'votre identité : nom, prénom, année de naissance ;',
  'notice.data_household': 'votre foyer (seul, en couple, avec des enfants) et votre commune ;',
  'notice.data_situation':
    'votre situation (emploi, études, retraite…) et le matériel dont vous avez besoin ;',
  'notice.data_income':
    'vos revenus (par exemple le RSA) et votre quotient familial, seulement si un programme en a besoin ;',
  'notice.data_contact': 'vos coordonnées : téléphone, e-mail ;',
  'notice.data_evaluation': 'l’avis de la personne qui vous accompagne (l’évaluation sociale).',
  'notice.data_never':
    'Nous ne demandons jamais votre numéro de sécurité sociale. Nous ne notons rien sur votre santé : seulement, si vous le voulez, que vous avez besoin d’une adaptation (par exemple pour un handicap).',
  'notice.recipients_heading': 'Qui peut les voir ?',
  'notice.recipient_referrer': 'la structure qui vous oriente ;',
  'notice.recipient_programme': 'la structure qui organise le programme qui vous est proposé ;',
  'notice.recipient_trainers': 'les formateurs : seulement votre nom ;',
  'notice.recipient_funders': 'les donateurs et les financeurs : seulement des chiffres anonymes.',
  'notice.retention_heading': 'Combien de temps ?',
  'notice.retention':
    'Nous gardons vos données {duration} après notre dernier contact avec vous. Ensuite, elles sont rendues anonymes : plus rien ne permet de vous reconnaître.',
  'notice.retention_cnil':
    'Cette durée suit la règle de la CNIL : 2 ans au plus après le dernier contact (délibération n° 2023-095).',
  'notice.duration_months': '{months} mois',
  'notice.duration_one_year': '{months} mois (1 an)',
  'notice.duration_years': '{months} mois ({years} ans)',
  'notice.rights_heading': 'Vos droits',
  'notice.rights_intro': 'À tout moment, vous pouvez :',
  'notice.right_access': 'voir les informations que nous avons sur vous ;',
  'notice.right_copy': 'en recevoir une copie, dans un format que vous pouvez réutiliser ;',
  'notice.right_correction': 'les faire corriger si elles sont fausses ;',
  'notice.right_erasure': 'les faire effacer ;',
  'notice.right_objection': 'refuser que nous les utilisions ;',
  'notice.right_withdrawal': 'retirer votre accord.',
  'notice.rights_how':
    'Comment faire ? Demandez-le à la personne qui vous accompagne, ou écrivez-nous (voir « Qui garde vos données ? »). Nous vous répondons dans un délai d’un mois.',
  'notice.complaint':
    'Si vous pensez que vos droits ne sont pas respectés, vous pouvez vous plaindre à la CNIL : www.cnil.fr, ou par courrier à CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07.',
  'notice.handed_on': 'Remis le',
  'notice.handed_to': 'à',
  'notice.signature': 'Signature :',
  'notice.footer': '{organisation} — information sur vos données personnelles',

  'export.title': 'Export des données du dossier',
  'export.generated_at': 'Export du',
  'export.organisation': 'Organisation',
  'export.intro':
    'Ce document rassemble toutes les informations que l’organisation ci-dessus garde dans ce dossier (droit d’accès, article 15 du RGPD). Si une information est fausse, vous pouvez demander qu’elle soit corrigée.',
  'export.footer': 'Dossier de {name} — export du {date}',
  'export.unnamed': 'Dossier sans nom',

  'export.identity': 'Identité et situation',
  'field.id': 'Référence du dossier',
  'field.kind': 'Type de dossier',
  'field.first_name': 'Prénom',
  'field.last_name': 'Nom',
  'field.name': 'Nom de l’association',
  'field.birth_year': 'Année de naissance',
  'field.household_type': 'Composition du foyer',
  'field.children_count': 'Nombre d’enfants',
  'field.postcode': 'Code postal',
  'field.city': 'Commune',
  'field.country': 'Pays',
  'field.priority_zone': 'Habite un quartier prioritaire (QPV)',
  'field.income_situation': 'Situation de revenus',
  'field.family_quotient': 'Quotient familial',
  'field.employment_situation': 'Situation professionnelle',
  'field.target_group': 'Public',
  'field.phone': 'Téléphone',
  'field.email': 'E-mail',
  'field.accessibility_needs': 'Besoin d’une adaptation',
  'field.device_need': 'Matériel souhaité',
  'field.rna': 'N° RNA',
  'field.siret': 'N° SIRET',
  'field.contact_name': 'Personne à contacter',
  'field.people_served': 'Nombre de personnes accompagnées',
  'field.created_at': 'Dossier créé le',
  'field.last_activity_on': 'Dernière activité le',

  'kind.person': 'Personne',
  'kind.association': 'Association',

  'household.single': 'Personne seule',
  'household.single_parent': 'Parent seul avec enfant(s)',
  'household.couple': 'Couple sans enfant',
  'household.couple_with_children': 'Couple avec enfant(s)',
  'household.other': 'Autre',

  'income.rsa': 'Revenu de solidarité active (RSA)',
  'income.aah': 'Allocation aux adultes handicapés (AAH)',
  'income.aspa': 'Allocation de solidarité aux personnes âgées (ASPA)',
  'income.minimum_income_other': 'Autre minimum social',
  'income.low_income': 'Revenus modestes',
  'income.scholarship': 'Bourse d’études',
  'income.none': 'Aucune de ces situations',

  'employment.employed': 'En emploi',
  'employment.job_seeker': 'En recherche d’emploi',
  'employment.student': 'En études',
  'employment.retired': 'À la retraite',
  'employment.inactive': 'Sans activité professionnelle',
  'employment.other': 'Autre',

  'target.pupil': 'Élève',
  'target.job_seeker': 'Personne en recherche d’emploi',
  'target.senior': 'Personne âgée',
  'target.household': 'Foyer',
  'target.association': 'Association',

  'device.laptop': 'Ordinateur portable',
  'device.desktop': 'Ordinateur fixe',
  'device.tablet': 'Tablette',

  'export.consents': 'Consentements',
  'export.no_consents': 'Aucun consentement enregistré.',
  'consent.given_on': 'Donné le',
  'consent.collected_by': 'Recueilli par',
  'consent.covers': 'Porte sur',
  'consent.withdrawn_on': 'Retiré le',
  'consent.in_force': 'Non retiré',
  'covers.referral': 'l’orientation vers un programme',
  'covers.follow_up': 'le suivi du parcours',
  'covers.partners': 'le partage avec les structures partenaires',

  'export.referrals': 'Orientations vers un programme',
  'export.no_referrals': 'Aucune orientation enregistrée.',
  'referral.referred_on': 'Orienté le',
  'referral.referred_by': 'Par',
  'referral.status': 'Étape',
  'referral.priority': 'Prioritaire',
  'referral.priority_with_reason': 'Oui : {reason}',
  'referral.exit': 'Sortie du programme',
  'referral.exit_on': '{reason}, le {date}',
  'referral.reasons': 'Motifs (éligibilité)',
  'referral.social_evaluation': 'Évaluation sociale',

  'status.eligible': 'Éligible',
  'status.ineligible': 'Non éligible',
  'status.in_training': 'En formation',
  'status.trained': 'Formation terminée',
  'status.equipped': 'Matériel remis',
  'status.followed_up': 'Suivi fait',
  'status.exited': 'Sorti du programme',

  'exit.completed': 'Parcours terminé',
  'exit.withdrew': 'A renoncé',
  'exit.unreachable': 'Injoignable',
  'exit.moved_away': 'A déménagé',
  'exit.equipped_elsewhere': 'Équipé par ailleurs',
  'exit.not_eligible': 'Non éligible',
  'exit.duplicate': 'Dossier en double',
  'exit.other': 'Autre raison',

  'export.timeline': 'Historique',
  'export.no_timeline': 'Aucun événement enregistré.',
  'timeline.at': 'Date',
  'timeline.what': 'Ce qui s’est passé',
  'timeline.programme': 'Programme',
  'timeline.by': 'Par',
  'timeline.transition': '{what} : {from} → {to}',
  'timeline.to': '{what} : {to}',

  'event.created': 'Dossier créé',
  'event.updated': 'Dossier modifié',
  'event.consent_given': 'Consentement donné',
  'event.consent_withdrawn': 'Consentement retiré',
  'event.referred': 'Orientation vers un programme',
  'event.re_evaluated': 'Éligibilité vérifiée à nouveau',
  'event.status_changed': 'Changement d’étape',
  'event.priority_changed': 'Priorité modifiée',
  'event.merged': 'Dossier en double fusionné',
  'event.exported': 'Dossier exporté',

  'export.accesses': 'Qui a consulté le dossier',
  'export.no_accesses': 'Aucune consultation enregistrée.',
  'access.at': 'Date et heure',
  'access.action': 'Action',
  'access.by': 'Par',

  'audit.beneficiary.read': 'Consultation du dossier',
  'audit.beneficiary.export': 'Export du dossier',
  'audit.beneficiary.create': 'Création du dossier',
  'audit.beneficiary.update': 'Modification du dossier',
  'audit.beneficiary.merge': 'Fusion d’un dossier en double',
  'audit.beneficiary.merged_into': 'Dossier fusionné dans un autre',
  'audit.beneficiary.erase': 'Effacement des données',
  'audit.referral.create': 'Orientation vers un programme',
  'audit.referral.update': 'Modification d’une orientation',
  'audit.referral.evaluate': 'Éligibilité vérifiée à nouveau',
  'audit.referral.status': 'Changement d’étape',
  'audit.consent.create': 'Consentement enregistré',
  'audit.consent.withdraw': 'Retrait du consentement',
} as const;

export type ProgrammeTextKey = keyof typeof fr;

const en: Record<ProgrammeTextKey, string> = {
  'common.none': '—',
  'common.yes': 'Yes',
  'common.no': 'No',

  'notice.title': 'Your personal data',
  'notice.subtitle': 'How we use your data (article 13 of the GDPR)',
  'notice.version': 'Version of {date}',
  'notice.intro':
    '{organisation} helps you get online: a refurbished computer, training, help paying for internet. To do this, we write down some information about you. This document explains what, why, and what your rights are.',
  'notice.controller_heading': 'Who keeps your data?',
  'notice.controller': '{organisation} is responsible for your data.',
  'notice.town': 'Town: {town}',
  'notice.email': 'E-mail: {email}',
  'notice.phone': 'Phone: {phone}',
  'notice.dpo': 'Data protection officer: {contact}',
  'notice.no_contact': 'To reach us, ask the person who is helping you.',
  'notice.purposes_heading': 'Why?',
  'notice.purposes_intro': 'We use your data to:',
  'notice.purpose_eligibility': 'check whether you can join a programme;',
  'notice.purpose_path': 'follow your path: training, receiving a device, follow-up;',
  'notice.purpose_statistics': 'make anonymous statistics for funders: nobody can recognise you from them.',
  'notice.programmes_intro': 'The programmes you may be offered:',
  'notice.basis_heading': 'On what basis?',
  'notice.basis':
    'Your agreement (your consent). You can withdraw it at any time, without giving a reason. What was done before stays valid. Without your agreement, we cannot refer you to a programme.',
  'notice.data_heading': 'What information?',
  'notice.data_identity': 'who you are: name, first name, year of birth;',
  'notice.data_household': 'your household (alone, in a couple, with children) and your town;',
  'notice.data_situation': 'your situation (work, studies, retirement…) and the device you need;',
  'notice.data_income':
    'your income (for example RSA) and your family quotient, only when a programme needs them;',
  'notice.data_contact': 'how to reach you: phone, e-mail;',
  'notice.data_evaluation': 'the opinion of the person who is helping you (the social evaluation).',
  'notice.data_never':
    'We never ask for your social security number. We write down nothing about your health: only, if you wish, that you need an adaptation (for example because of a disability).',
  'notice.recipients_heading': 'Who can see it?',
  'notice.recipient_referrer': 'the organisation that refers you;',
  'notice.recipient_programme': 'the organisation that runs the programme you are offered;',
  'notice.recipient_trainers': 'trainers: only your name;',
  'notice.recipient_funders': 'donors and funders: only anonymous figures.',
  'notice.retention_heading': 'For how long?',
  'notice.retention':
    'We keep your data for {duration} after our last contact with you. Then it is made anonymous: nothing can identify you any more.',
  'notice.retention_cnil':
    'This follows the rule of the CNIL, the French data protection authority: 2 years at most after the last contact (délibération no. 2023-095).',
  'notice.duration_months': '{months} months',
  'notice.duration_one_year': '{months} months (1 year)',
  'notice.duration_years': '{months} months ({years} years)',
  'notice.rights_heading': 'Your rights',
  'notice.rights_intro': 'At any time, you can:',
  'notice.right_access': 'see the information we hold about you;',
  'notice.right_copy': 'get a copy of it, in a format you can reuse;',
  'notice.right_correction': 'have it corrected if it is wrong;',
  'notice.right_erasure': 'have it deleted;',
  'notice.right_objection': 'object to our using it;',
  'notice.right_withdrawal': 'withdraw your agreement.',
  'notice.rights_how':
    'How? Ask the person who is helping you, or write to us (see “Who keeps your data?”). We answer within one month.',
  'notice.complaint':
    'If you think your rights are not respected, you can complain to the CNIL: www.cnil.fr, or by post to CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, France.',
  'notice.handed_on': 'Handed on',
  'notice.handed_to': 'to',
  'notice.signature': 'Signature:',
  'notice.footer': '{organisation} — information about your personal data',

  'export.title': 'Export of the data held in the record',
  'export.generated_at': 'Exported on',
  'export.organisation': 'Organisation',
  'export.intro':
    'This document gathers all the information the organisation above keeps in this record (right of access, article 15 of the GDPR). If any of it is wrong, you can ask for it to be corrected.',
  'export.footer': 'Record of {name} — exported on {date}',
  'export.unnamed': 'Record without a name',

  'export.identity': 'Identity and situation',
  'field.id': 'Record reference',
  'field.kind': 'Kind of record',
  'field.first_name': 'First name',
  'field.last_name': 'Last name',
  'field.name': 'Name of the association',
  'field.birth_year': 'Year of birth',
  'field.household_type': 'Household',
  'field.children_count': 'Number of children',
  'field.postcode': 'Postcode',
  'field.city': 'Town',
  'field.country': 'Country',
  'field.priority_zone': 'Lives in a priority neighbourhood (QPV)',
  'field.income_situation': 'Income situation',
  'field.family_quotient': 'Family quotient',
  'field.employment_situation': 'Work situation',
  'field.target_group': 'Group',
  'field.phone': 'Phone',
  'field.email': 'E-mail',
  'field.accessibility_needs': 'Needs an adaptation',
  'field.device_need': 'Device needed',
  'field.rna': 'RNA number',
  'field.siret': 'SIRET number',
  'field.contact_name': 'Contact person',
  'field.people_served': 'Number of people supported',
  'field.created_at': 'Record created on',
  'field.last_activity_on': 'Last activity on',

  'kind.person': 'Person',
  'kind.association': 'Association',

  'household.single': 'Single person',
  'household.single_parent': 'Single parent with child(ren)',
  'household.couple': 'Couple without children',
  'household.couple_with_children': 'Couple with child(ren)',
  'household.other': 'Other',

  'income.rsa': 'Active solidarity income (RSA)',
  'income.aah': 'Disabled adult allowance (AAH)',
  'income.aspa': 'Solidarity allowance for the elderly (ASPA)',
  'income.minimum_income_other': 'Other minimum-income benefit',
  'income.low_income': 'Low income',
  'income.scholarship': 'Student grant',
  'income.none': 'None of these',

  'employment.employed': 'In work',
  'employment.job_seeker': 'Looking for work',
  'employment.student': 'Studying',
  'employment.retired': 'Retired',
  'employment.inactive': 'Not working',
  'employment.other': 'Other',

  'target.pupil': 'Pupil',
  'target.job_seeker': 'Job seeker',
  'target.senior': 'Older person',
  'target.household': 'Household',
  'target.association': 'Association',

  'device.laptop': 'Laptop',
  'device.desktop': 'Desktop computer',
  'device.tablet': 'Tablet',

  'export.consents': 'Consents',
  'export.no_consents': 'No consent recorded.',
  'consent.given_on': 'Given on',
  'consent.collected_by': 'Collected by',
  'consent.covers': 'Covers',
  'consent.withdrawn_on': 'Withdrawn on',
  'consent.in_force': 'Not withdrawn',
  'covers.referral': 'referral to a programme',
  'covers.follow_up': 'follow-up of the path',
  'covers.partners': 'sharing with partner organisations',

  'export.referrals': 'Referrals to a programme',
  'export.no_referrals': 'No referral recorded.',
  'referral.referred_on': 'Referred on',
  'referral.referred_by': 'By',
  'referral.status': 'Stage',
  'referral.priority': 'Priority',
  'referral.priority_with_reason': 'Yes: {reason}',
  'referral.exit': 'Left the programme',
  'referral.exit_on': '{reason}, on {date}',
  'referral.reasons': 'Reasons (eligibility)',
  'referral.social_evaluation': 'Social evaluation',

  'status.eligible': 'Eligible',
  'status.ineligible': 'Not eligible',
  'status.in_training': 'In training',
  'status.trained': 'Training completed',
  'status.equipped': 'Device handed over',
  'status.followed_up': 'Followed up',
  'status.exited': 'Left the programme',

  'exit.completed': 'Path completed',
  'exit.withdrew': 'Gave up',
  'exit.unreachable': 'Could not be reached',
  'exit.moved_away': 'Moved away',
  'exit.equipped_elsewhere': 'Equipped elsewhere',
  'exit.not_eligible': 'Not eligible',
  'exit.duplicate': 'Duplicate record',
  'exit.other': 'Other reason',

  'export.timeline': 'History',
  'export.no_timeline': 'No event recorded.',
  'timeline.at': 'Date',
  'timeline.what': 'What happened',
  'timeline.programme': 'Programme',
  'timeline.by': 'By',
  'timeline.transition': '{what}: {from} → {to}',
  'timeline.to': '{what}: {to}',

  'event.created': 'Record created',
  'event.updated': 'Record changed',
  'event.consent_given': 'Consent given',
  'event.consent_withdrawn': 'Consent withdrawn',
  'event.referred': 'Referred to a programme',
  'event.re_evaluated': 'Eligibility checked again',
  'event.status_changed': 'Stage changed',
  'event.priority_changed': 'Priority changed',
  'event.merged': 'Duplicate record merged',
  'event.exported': 'Record exported',

  'export.accesses': 'Who accessed the record',
  'export.no_accesses': 'No access recorded.',
  'access.at': 'Date and time',
  'access.action': 'Action',
  'access.by': 'By',

  'audit.beneficiary.read': 'Record viewed',
  'audit.beneficiary.export': 'Record exported',
  'audit.beneficiary.create': 'Record created',
  'audit.beneficiary.update': 'Record changed',
  'audit.beneficiary.merge': 'Duplicate record merged',
  'audit.beneficiary.merged_into': 'Record merged into another',
  'audit.beneficiary.erase': 'Data erased',
  'audit.referral.create': 'Referred to a programme',
  'audit.referral.update': 'Referral changed',
  'audit.referral.evaluate': 'Eligibility checked again',
  'audit.referral.status': 'Stage changed',
  'audit.consent.create': 'Consent recorded',
  'audit.consent.withdraw': 'Consent withdrawn',
};

export const PROGRAMME_DOCUMENT_TEXTS: Readonly<Record<Locale, Record<ProgrammeTextKey, string>>> = {
  fr,
  en,
};

/** A document text in the locale, with `{name}` placeholders filled. */
export function t(
  locale: Locale,
  key: ProgrammeTextKey,
  params: Record<string, string | number> = {},
): string {
  return PROGRAMME_DOCUMENT_TEXTS[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The words for `prefix.value`; a value without words (added later, unknown) is shown as it is. */
function lookup(locale: Locale, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return key in fr ? PROGRAMME_DOCUMENT_TEXTS[locale][key as ProgrammeTextKey] : value;
}

/** "En formation" for in_training; an unknown status is shown as it is. */
export const referralStatusLabel = (locale: Locale, status: string): string =>
  lookup(locale, 'status', status);

/** "Consentement retiré" for consent_withdrawn; an unknown kind is shown as it is. */
export const timelineKindLabel = (locale: Locale, kind: string): string => lookup(locale, 'event', kind);

/** "Injoignable" for unreachable; an unknown reason is shown as it is. */
export const exitReasonLabel = (locale: Locale, reason: string): string => lookup(locale, 'exit', reason);

/** "le suivi du parcours" for follow_up; an unknown scope is shown as it is. */
export const consentCoverLabel = (locale: Locale, cover: string): string => lookup(locale, 'covers', cover);

/** "Consultation du dossier" for beneficiary.read; an unknown action is shown as it is. */
export const auditActionLabel = (locale: Locale, action: string): string => lookup(locale, 'audit', action);

/** The fields of a record whose values are codes from a fixed list. */
export type ChoiceField = 'kind' | 'household' | 'income' | 'employment' | 'target' | 'device';

/** "Parent seul avec enfant(s)" for household single_parent; an unknown value is shown as it is. */
export const choiceLabel = (locale: Locale, field: ChoiceField, value: string): string =>
  lookup(locale, field, value);
