/** Wording of the workforce messages, merged into the app's table (French source, same keys in English). */
export const workforceMessagesFr = {
  'workforce.not_member':
    'Cette personne n’est pas membre de l’organisation : invitez-la d’abord dans l’équipe.',
  'workforce.ends_before_start': 'La date de fin doit être le jour du début ou après.',
  'workforce.contract_overlap':
    'Cette personne a déjà un contrat du {startsOn} au {endsOn} : terminez-le avant d’en commencer un autre.',
  'workforce.contract_has_hours':
    'Semaines de ce contrat avec des heures saisies : {count}. Supprimez ces heures d’abord, ou terminez le contrat à une date.',
  'workforce.not_monday': 'Une semaine commence un lundi : le {day} est un autre jour.',
  'workforce.week_in_future':
    'Cette semaine n’a pas encore commencé : les heures se saisissent une fois faites.',
  'workforce.no_contract_that_week':
    'Cette personne n’a pas de contrat couvrant la semaine du {week} : ajoutez ou prolongez son contrat d’abord.',
  'workforce.clause_not_insertion':
    'Seules les heures d’un contrat d’insertion (CDDI, PEC, CDD tremplin) comptent pour une clause : le contrat de cette semaine est un autre type.',
  'workforce.clause_outside_week':
    'La clause « {clause} » court du {startsOn} au {endsOn} : cette semaine n’en fait pas partie.',
  'workforce.unknown_clause': 'Cette clause n’existe pas dans votre organisation.',
  'workforce.unknown_programme':
    'Ce programme n’est ni à votre organisation ni un programme dont elle est le reconditionneur partenaire.',
  'workforce.clause_hours_outside':
    'Semaines d’heures saisies pour cette clause qui tomberaient hors du {startsOn} au {endsOn} : {count}. Changez d’abord la clause de ces semaines, ou gardez des dates qui les couvrent.',
  'workforce.unknown_skill': 'Cette compétence ne fait pas partie de la grille de l’organisation.',
  'workforce.level_out_of_range': 'Le niveau va de 0 à {max}.',
  'workforce.assessed_in_future': 'La date d’évaluation ne peut pas être dans le futur.',
  'workforce.skill_has_levels':
    'La compétence « {skill} » a déjà des niveaux enregistrés : elle ne peut pas être retirée (renommez-la si besoin).',
  'workforce.max_below_levels':
    'Des niveaux jusqu’à {level} sont déjà enregistrés : le niveau maximal ne peut pas descendre en dessous.',
  'workforce.skill_duplicate': 'Deux compétences portent le même nom ou le même code : « {label} ».',
  'workforce.period_invalid': 'La fin de la période doit venir après son début, sur deux ans au plus.',
} as const;

export const workforceMessagesEn: Record<keyof typeof workforceMessagesFr, string> = {
  'workforce.not_member': 'This person is not a member of the organisation: invite them to the team first.',
  'workforce.ends_before_start': 'The end date must be the start date or later.',
  'workforce.contract_overlap':
    'This person already has a contract from {startsOn} to {endsOn}: end it before starting another one.',
  'workforce.contract_has_hours':
    'Weeks of this contract with hours entered: {count}. Delete those hours first, or end the contract on a date.',
  'workforce.not_monday': 'A week starts on a Monday: {day} is another day.',
  'workforce.week_in_future': 'This week has not started yet: hours are entered once worked.',
  'workforce.no_contract_that_week':
    'This person has no contract covering the week of {week}: add or extend their contract first.',
  'workforce.clause_not_insertion':
    'Only the hours of an insertion contract (CDDI, PEC, CDD tremplin) count for a clause: this week’s contract is another type.',
  'workforce.clause_outside_week':
    'The clause “{clause}” runs from {startsOn} to {endsOn}: this week is not part of it.',
  'workforce.unknown_clause': 'This clause does not exist in your organisation.',
  'workforce.unknown_programme':
    'This programme is neither your organisation’s nor one it is the refurbishing partner of.',
  'workforce.clause_hours_outside':
    'Weeks of hours entered for this clause that would fall outside {startsOn} to {endsOn}: {count}. Move those weeks to another clause first, or keep dates that cover them.',
  'workforce.unknown_skill': 'This skill is not part of the organisation’s grid.',
  'workforce.level_out_of_range': 'The level goes from 0 to {max}.',
  'workforce.assessed_in_future': 'The assessment date cannot be in the future.',
  'workforce.skill_has_levels':
    'The skill “{skill}” already has levels recorded: it cannot be removed (rename it if needed).',
  'workforce.max_below_levels':
    'Levels up to {level} are already recorded: the maximum level cannot go below that.',
  'workforce.skill_duplicate': 'Two skills have the same name or code: “{label}”.',
  'workforce.period_invalid': 'The period’s end must come after its start, over two years at most.',
};
