/** Wording of the training messages, merged into the app's table (French source, same keys in English). */
export const trainingMessagesFr = {
  'workshops.cancelled': 'Cet atelier est annulé : il ne change plus.',
  'workshops.closed': 'Cet atelier est clos : il ne prend plus d’inscriptions.',
  'workshops.capacity_below_enrolled':
    'La capacité ne peut pas être inférieure au nombre de personnes déjà inscrites ({enrolled}).',
  'workshops.not_trainer_of_programme':
    'Cette organisation n’est ni l’organisatrice ni un partenaire formateur du programme « {programme} ».',
  'workshops.trainer_not_member':
    'Le formateur ou la formatrice doit être membre de l’organisation de l’atelier.',
  'sessions.cancelled': 'Cette séance est annulée : elle ne change plus.',
  'sessions.ends_before_start': 'La fin doit venir après le début.',
  'sessions.overlap': 'Ce créneau chevauche la séance du {at} (atelier « {workshop} »).',
  'sessions.recurrence_empty':
    'Aucune séance : aucun des jours choisis ne tombe dans la période (ou ce sont tous des jours fériés).',
  'enrolments.already': 'Cette personne est déjà inscrite à cet atelier (statut : {status}).',
  'enrolments.withdrawn': 'Cette inscription est déjà retirée.',
  'enrolments.withdrawn_before_enrolled': 'Le retrait ne peut pas précéder l’inscription ({enrolledOn}).',
  'attendance.not_enrolled': 'Cette personne n’est pas inscrite à l’atelier.',
  'attendance.future_session':
    'Cette séance n’a pas encore eu lieu : la présence se note le jour même ou après.',
  'skills.unknown_area': 'Ce domaine ne fait pas partie de la grille de compétences de l’organisation.',
  'skills.level_out_of_range': 'Le niveau va de 0 à {max}.',
  'skills.area_duplicate': 'Deux domaines ont le même code.',
  'skills.exit_before_entry':
    'Une évaluation de sortie demande d’abord une évaluation d’entrée (à la même date ou avant).',
  'skills.not_referred': 'Cette personne n’est pas orientée vers le programme « {programme} ».',
  'validation.time_invalid': 'Heure invalide : HH:MM, par exemple 09:30.',
  'validation.code_invalid': 'Code invalide : lettres minuscules, chiffres et _ (40 au plus).',
  'activities.age_bands_exceed':
    'Les tranches d’âge comptent {counted} personnes, plus que les {participants} participants.',
} as const;

export const trainingMessagesEn: Record<keyof typeof trainingMessagesFr, string> = {
  'workshops.cancelled': 'This workshop is cancelled: it no longer changes.',
  'workshops.closed': 'This workshop is closed: it takes no more enrolments.',
  'workshops.capacity_below_enrolled':
    'The capacity cannot be below the number of people already enrolled ({enrolled}).',
  'workshops.not_trainer_of_programme':
    'This organisation is neither the owner nor a trainer partner of the programme “{programme}”.',
  'workshops.trainer_not_member': 'The trainer must be a member of the workshop’s organisation.',
  'sessions.cancelled': 'This session is cancelled: it no longer changes.',
  'sessions.ends_before_start': 'The end must come after the start.',
  'sessions.overlap': 'This time overlaps the session of {at} (workshop “{workshop}”).',
  'sessions.recurrence_empty':
    'No session: none of the chosen days falls in the period (or they are all public holidays).',
  'enrolments.already': 'This person is already enrolled in this workshop (status: {status}).',
  'enrolments.withdrawn': 'This enrolment is already withdrawn.',
  'enrolments.withdrawn_before_enrolled': 'The withdrawal cannot come before the enrolment ({enrolledOn}).',
  'attendance.not_enrolled': 'This person is not enrolled in the workshop.',
  'attendance.future_session':
    'This session has not taken place yet: attendance is taken on the day or after.',
  'skills.unknown_area': 'This area is not part of the organisation’s competence grid.',
  'skills.level_out_of_range': 'The level goes from 0 to {max}.',
  'skills.area_duplicate': 'Two areas have the same code.',
  'skills.exit_before_entry':
    'An exit assessment needs an entry assessment first (on the same day or before).',
  'skills.not_referred': 'This person is not referred to the programme “{programme}”.',
  'validation.time_invalid': 'Invalid time: HH:MM, for example 09:30.',
  'validation.code_invalid': 'Invalid code: lower case letters, digits and _ (40 at most).',
  'activities.age_bands_exceed':
    'The age bands count {counted} people, more than the {participants} participants.',
};
