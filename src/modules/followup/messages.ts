/** Wording of the follow-up messages, merged into the app's table (French source, same keys in English). */
export const followUpMessagesFr = {
  'followUps.already_answered': 'Ce questionnaire a déjà été rempli. Merci pour vos réponses !',
  'followUps.link_expired':
    'Ce lien ne marche plus : il a expiré le {on}. Demandez un nouveau lien à la personne qui vous suit.',
  'followUps.closed': 'Ce questionnaire n’est plus ouvert. Vous n’avez rien à faire.',
  'followUps.answered': 'Ce suivi a déjà ses réponses (le {on}) : elles ne changent plus.',
  'followUps.cancelled': 'Ce suivi est annulé (remise reprise ou personne effacée) : rien à remplir.',
  'followUps.not_due': 'Ce suivi est prévu le {dueOn} : ses réponses se remplissent à partir de ce jour-là.',
  'followUps.no_consent':
    'La personne a retiré son accord pour le suivi : pas de lettre ni de lien. Ses suivis sont annulés.',
  'followUps.months_distinct': 'Indiquez de 1 à 5 durées différentes, de 1 à 36 mois.',
  'followUps.help_ticket':
    'Demande d’aide pour l’ordinateur, exprimée dans le questionnaire de suivi à {months} mois.',
} as const;

export const followUpMessagesEn: Record<keyof typeof followUpMessagesFr, string> = {
  'followUps.already_answered': 'This questionnaire has already been answered. Thank you for your answers!',
  'followUps.link_expired':
    'This link no longer works: it expired on {on}. Ask the person who follows you for a new link.',
  'followUps.closed': 'This questionnaire is no longer open. You have nothing to do.',
  'followUps.answered': 'This follow-up already has its answers (on {on}): they no longer change.',
  'followUps.cancelled':
    'This follow-up is cancelled (handover taken back or person erased): nothing to fill in.',
  'followUps.not_due': 'This follow-up is planned on {dueOn}: its answers can be filled in from that day.',
  'followUps.no_consent':
    'The person withdrew their consent to follow-ups: no letter or link. Their follow-ups are cancelled.',
  'followUps.months_distinct': 'Give 1 to 5 different durations, from 1 to 36 months.',
  'followUps.help_ticket': 'Help asked with the computer in the follow-up questionnaire at {months} months.',
};
