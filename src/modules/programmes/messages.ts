/**
 * Wording of the messages about programmes, beneficiaries and referrals, merged into the app's table.
 * French is the source; the English table must have exactly the same keys, which the compiler checks.
 */
export const peopleMessagesFr = {
  'eligibility.city_missing': 'La commune n’est pas renseignée : le programme couvre certaines communes.',
  'eligibility.city_not_covered': 'La commune {city} n’est pas parmi celles du programme ({accepted}).',
  'programmes.period_invalid': 'La fin du programme ({endsOn}) précède son début ({startsOn}).',
  'programmes.age_range_invalid': 'L’âge minimum ({minAge}) dépasse l’âge maximum ({maxAge}).',
  'programmes.postcode_rule_invalid':
    '« {value} » : indiquez un code postal de 5 chiffres, ou le début d’un code suivi de * (45* pour tout le Loiret).',
  'programmes.loan_months_required': 'Un programme de prêt indique la durée du prêt en mois.',
  'programmes.funder_twice': 'Ce financeur figure deux fois : regroupez ses montants sur une ligne.',
  'programmes.partner_twice': 'Cette organisation figure deux fois avec le même rôle.',
  'referrals.programme_closed': 'Le programme « {programme} » est clos : il n’accepte plus d’orientation.',
  'referrals.outside_period':
    'Le {referredOn} est hors de la période du programme « {programme} » (du {startsOn} au {endsOn}).',
  'referrals.prescriber_not_partner':
    '{organisation} n’est pas prescripteur partenaire du programme « {programme} » : son organisateur peut l’ajouter aux partenaires.',
  'referrals.consent_missing':
    'Aucun consentement en cours à cette date ne couvre l’orientation : enregistrez d’abord l’accord de la personne.',
  'referrals.prescriber_quota':
    'Votre organisation a déjà {count} orientation(s) en cours dans ce programme, le maximum fixé par le programme ({max}).',
  'referrals.already_referred': 'Cette personne est déjà orientée vers ce programme (statut : {status}).',
  'referrals.illegal_move':
    'Passage de « {from} » à « {to} » impossible à la main. Depuis « {from} » : {allowed}.',
  'referrals.exited': 'Cette orientation est close : elle ne change plus.',
  'referrals.not_evaluable':
    'Seule une orientation « éligible » ou « non éligible » est réévaluée : celle-ci est « {status} ».',
  'referrals.exit_before_referral': 'La sortie ne peut pas précéder l’orientation ({referredOn}).',
  'referrals.evaluation_owner_only':
    'L’évaluation sociale appartient à l’organisation qui oriente : elle seule la modifie.',
  'referrals.priority_owner_only': 'La priorité est fixée par l’organisateur du programme.',
  'beneficiaries.erased':
    'Les données de cette personne ont été effacées le {on} : le dossier ne peut plus être modifié.',
  'beneficiaries.merged': 'Ce dossier a été fusionné avec un autre : ouvrez le dossier qui le remplace.',
  'beneficiaries.merge_self': 'Choisissez un autre dossier que celui-ci pour la fusion.',
  'beneficiaries.merge_other_organisation':
    'Seuls deux dossiers de la même organisation peuvent être fusionnés.',
  'beneficiaries.kind_fixed':
    'Une personne ne devient pas une association (ni l’inverse) : créez un autre dossier.',
  'consents.already_withdrawn': 'Ce consentement a déjà été retiré le {on}.',
  'consents.withdrawn_before_given': 'Le retrait ne peut pas précéder le consentement, donné le {givenOn}.',
  'referrals.partners_consent_missing':
    'Le programme est mené par une autre organisation : il faut l’accord de la personne pour lui transmettre son dossier (« partage de son dossier avec l’organisation qui mène le programme »).',
  'validation.birth_year_range': 'Année de naissance entre 1900 et {max}.',
  'validation.not_negative': 'La valeur ne peut pas être négative.',
  'validation.day_in_future': 'Cette date est dans le futur : indiquez le jour où c’est arrivé.',
  'validation.consent_required':
    'Le consentement de la personne est obligatoire : indiquez le jour où elle l’a donné.',
  'validation.country_invalid': 'Code pays invalide : deux lettres (FR, BE…).',
  'validation.person_name_required': 'Le prénom et le nom d’une personne sont obligatoires.',
  'validation.association_name_required': 'Le nom de l’association est obligatoire.',
  'validation.exit_reason_required': 'Indiquez le motif de sortie.',
  'validation.exit_reason_only_on_exit':
    'Un motif de sortie ne s’indique que pour une sortie (statut « exited »).',
} as const;

export const peopleMessagesEn: Record<keyof typeof peopleMessagesFr, string> = {
  'eligibility.city_missing': 'The town is missing: the programme covers certain towns.',
  'eligibility.city_not_covered': 'The town {city} is not among the programme’s ({accepted}).',
  'programmes.period_invalid': 'The programme’s end ({endsOn}) is before its start ({startsOn}).',
  'programmes.age_range_invalid': 'The minimum age ({minAge}) is above the maximum age ({maxAge}).',
  'programmes.postcode_rule_invalid':
    '“{value}”: give a 5-digit postcode, or the start of one followed by * (45* for the whole Loiret).',
  'programmes.loan_months_required': 'A loan programme states the loan length in months.',
  'programmes.funder_twice': 'This funder appears twice: put its amounts on one line.',
  'programmes.partner_twice': 'This organisation appears twice with the same role.',
  'referrals.programme_closed': 'The programme “{programme}” is closed: it takes no more referrals.',
  'referrals.outside_period':
    '{referredOn} is outside the period of the programme “{programme}” ({startsOn} to {endsOn}).',
  'referrals.prescriber_not_partner':
    '{organisation} is not a prescribing partner of the programme “{programme}”: its organiser can add it to the partners.',
  'referrals.consent_missing':
    'No consent in force on that day covers referrals: record the person’s agreement first.',
  'referrals.prescriber_quota':
    'Your organisation already has {count} open referral(s) in this programme, the programme’s maximum ({max}).',
  'referrals.already_referred': 'This person is already referred to this programme (status: {status}).',
  'referrals.illegal_move':
    'Moving from “{from}” to “{to}” by hand is not possible. From “{from}”: {allowed}.',
  'referrals.exited': 'This referral is closed: it no longer changes.',
  'referrals.not_evaluable':
    'Only an “eligible” or “not eligible” referral is evaluated again: this one is “{status}”.',
  'referrals.exit_before_referral': 'Leaving cannot come before the referral ({referredOn}).',
  'referrals.evaluation_owner_only':
    'The social evaluation belongs to the referring organisation: only it changes it.',
  'referrals.priority_owner_only': 'Priority is set by the programme’s organiser.',
  'beneficiaries.erased': 'This person’s data were erased on {on}: the record can no longer be changed.',
  'beneficiaries.merged': 'This record was merged into another one: open the record that replaces it.',
  'beneficiaries.merge_self': 'Choose a record other than this one to merge.',
  'beneficiaries.merge_other_organisation': 'Only two records of the same organisation can be merged.',
  'beneficiaries.kind_fixed':
    'A person does not become an association (nor the reverse): create another record.',
  'consents.already_withdrawn': 'This consent was already withdrawn on {on}.',
  'consents.withdrawn_before_given': 'The withdrawal cannot come before the consent, given on {givenOn}.',
  'referrals.partners_consent_missing':
    'The programme is run by another organisation: the person must agree to their record being shared with it (“sharing their record with the organisation running the programme”).',
  'validation.birth_year_range': 'Birth year between 1900 and {max}.',
  'validation.not_negative': 'The value cannot be negative.',
  'validation.day_in_future': 'This day is in the future: give the day it happened.',
  'validation.consent_required': 'The person’s consent is required: give the day they gave it.',
  'validation.country_invalid': 'Invalid country code: two letters (FR, BE…).',
  'validation.person_name_required': 'A person’s first and last names are required.',
  'validation.association_name_required': 'The association’s name is required.',
  'validation.exit_reason_required': 'Give the reason for leaving.',
  'validation.exit_reason_only_on_exit': 'A reason for leaving goes only with leaving (status “exited”).',
};

/** Status words for messages (errors name the statuses in words). */
export const referralStatusWords = {
  fr: {
    eligible: 'éligible',
    ineligible: 'non éligible',
    in_training: 'en formation',
    trained: 'formé·e',
    equipped: 'équipé·e',
    followed_up: 'suivi·e',
    exited: 'sorti·e',
  },
  en: {
    eligible: 'eligible',
    ineligible: 'not eligible',
    in_training: 'in training',
    trained: 'trained',
    equipped: 'equipped',
    followed_up: 'followed up',
    exited: 'left',
  },
} as const;
