/** Wording of the needs census's messages, merged into the app's table (French source, same keys in English). */
export const censusMessagesFr = {
  'census.consent_required':
    'Pour laisser votre nom ou vos coordonnées, cochez la case d’accord. Sinon, videz ces champs : le besoin sera anonyme.',
  'census.name_required_when_named':
    'Indiquez le prénom et le nom (ou le nom de l’association) : des coordonnées seules ne suffisent pas pour orienter la personne.',
  'census.phone_invalid':
    'Numéro de téléphone non valable : 6 à 20 chiffres, espaces, points ou tirets (ex. 06 12 34 56 78).',
  'census.reason_too_long': 'Expliquez le besoin en 500 caractères au plus.',
  'census.town_required': 'Indiquez la commune.',
  'census.need_not_registered':
    'Ce besoin est « {status} » : seul un besoin enregistré peut être complété, orienté ou retiré.',
  'census.need_anonymous':
    'Ce besoin est anonyme : demandez d’abord le nom de la personne et son accord (« Compléter »), puis orientez-la.',
  'census.programme_over':
    'Le programme « {programme} » est terminé ou clos : il ne recense plus de besoins.',
  'census.organisation_not_prescriber':
    'L’organisation choisie n’oriente pas vers le programme « {programme} » : choisissez son organisation porteuse ou un prescripteur partenaire.',
  'census.closes_before_today':
    'La date de fermeture est passée : choisissez aujourd’hui ou un jour à venir.',
  'census.possible_duplicates':
    '{count} fiche(s) de votre organisation ressemble(nt) à cette personne : choisissez « C’est la même personne » (existingBeneficiaryId) ou « Créer une nouvelle fiche » (createNew).',
  'census.existing_or_new':
    'Choisissez soit une fiche existante (existingBeneficiaryId), soit une nouvelle fiche (createNew), pas les deux.',
  'census.existing_other_organisation':
    'La fiche choisie n’appartient pas à l’organisation qui porte ce besoin : choisissez une fiche de cette organisation.',
  'census.consent_again':
    'Le nom ou les coordonnées changent : cochez l’accord de la personne pour ces nouvelles données.',
  'census.need_already_referred':
    'Ce besoin a déjà été orienté : rien n’a été refait. Ouvrez la fiche de la personne depuis la liste des besoins.',
  'census.email_differs': 'Le courriel du besoin diffère de celui de la fiche : vérifiez la fiche.',
  'census.phone_differs': 'Le téléphone du besoin diffère de celui de la fiche : vérifiez la fiche.',
  'census.status.registered': 'Enregistré',
  'census.status.referred': 'Orienté',
  'census.status.withdrawn': 'Retiré',
} as const;

export const censusMessagesEn: Record<keyof typeof censusMessagesFr, string> = {
  'census.consent_required':
    'To leave your name or contact details, tick the consent box. Otherwise empty these fields: the need will be anonymous.',
  'census.name_required_when_named':
    'Give the first and last name (or the association’s name): contact details alone are not enough to refer the person.',
  'census.phone_invalid':
    'Invalid phone number: 6 to 20 digits, spaces, dots or dashes (e.g. 06 12 34 56 78).',
  'census.reason_too_long': 'Explain the need in 500 characters at most.',
  'census.town_required': 'Give the town.',
  'census.need_not_registered':
    'This need is “{status}”: only a registered need can be completed, referred or withdrawn.',
  'census.need_anonymous':
    'This need is anonymous: first ask for the person’s name and consent (“Complete”), then refer them.',
  'census.programme_over': 'The programme “{programme}” has ended or is closed: it no longer takes needs.',
  'census.organisation_not_prescriber':
    'The organisation chosen does not refer people to the programme “{programme}”: choose its owner or a prescribing partner.',
  'census.closes_before_today': 'The closing day has passed: choose today or a day to come.',
  'census.possible_duplicates':
    '{count} record(s) of your organisation look like this person: choose “Same person” (existingBeneficiaryId) or “Create a new record” (createNew).',
  'census.existing_or_new':
    'Choose either an existing record (existingBeneficiaryId) or a new one (createNew), not both.',
  'census.existing_other_organisation':
    'The record chosen does not belong to the organisation holding this need: choose one of that organisation’s records.',
  'census.consent_again':
    'The name or contact details change: tick the person’s consent for these new details.',
  'census.need_already_referred':
    'This need has already been referred: nothing was done again. Open the person’s record from the list of needs.',
  'census.email_differs': 'The need’s e-mail differs from the record’s: check the record.',
  'census.phone_differs': 'The need’s phone differs from the record’s: check the record.',
  'census.status.registered': 'Registered',
  'census.status.referred': 'Referred',
  'census.status.withdrawn': 'Withdrawn',
};
