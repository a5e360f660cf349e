/** Wording of the distribution messages, merged into the app's table (French source, same keys in English). */
export const distributionMessagesFr = {
  'allocations.not_eligible':
    'Cette personne n’a pas d’orientation éligible en cours dans ce programme : orientez-la d’abord (ou réévaluez son orientation).',
  'allocations.training_not_completed':
    'Le programme demande d’avoir suivi la formation : la personne ne l’a pas encore terminée (statut : {status}).',
  'allocations.max_devices':
    'Cette personne a déjà {count} appareil(s) de ce programme, le maximum prévu ({max}).',
  'allocations.device_not_in_programme':
    'Cet appareil n’est ni dans le stock de l’organisateur du programme ni dans celui d’un reconditionneur partenaire.',
  'allocations.device_not_ready': '{assetTag} est « {status} » : seul un appareil prêt peut être attribué.',
  'allocations.device_taken':
    '{assetTag} vient d’être attribué par quelqu’un d’autre : choisissez-en un autre.',
  'allocations.not_reserved':
    'Cette attribution est « {status} » : elle ne peut plus être remise ni annulée.',
  'allocations.outside_period':
    'Le {day} est hors de la période du programme « {programme} » (du {startsOn} au {endsOn}).',
  'allocations.payment_note_required':
    'Le montant payé ({paid}) diffère de la participation prévue ({expected}) : indiquez pourquoi dans une note.',
  'allocations.referral_closed':
    'L’orientation de cette personne est « {status} » : la remise n’est plus possible. Annulez la réservation.',
  'allocations.before_referral': 'La remise ne peut pas précéder l’orientation ({referredOn}).',
  'loans.return_day_invalid': 'Le retour se situe entre le début du prêt ({startedOn}) et aujourd’hui.',
  'documents.not_handed_over':
    'L’appareil n’est pas encore remis (statut : {status}) : le document viendra avec la remise.',
  'documents.not_for_mode': 'Ce document ne correspond pas à ce programme (mode : {mode}).',
  'documents.period_invalid': 'La fin de la période précède son début ({from}).',
  'handoverEvents.completed': 'Les remises de cette journée sont déjà enregistrées : elle ne change plus.',
  'handoverEvents.not_in_programme': 'Cette attribution n’est pas une réservation de ce programme.',
  'handoverEvents.on_another_event': 'Cette attribution est déjà prévue pour une autre journée de remise.',
  'handoverEvents.not_yet':
    'La journée de remise est prévue le {heldOn} : ses remises s’enregistrent ce jour-là ou après.',
  'handoverEvents.empty':
    'Aucune remise n’est prévue pour cette journée : ajoutez d’abord des attributions réservées.',
  'tickets.not_handed_over':
    'Cet appareil n’est pas remis (statut : {status}) : pas de maintenance à suivre.',
  'tickets.resolved':
    'Ce signalement est résolu : il ne change plus. Ouvrez-en un nouveau si le problème revient.',
  'tickets.device_changed': 'L’appareil de cette remise a changé entre-temps : rechargez la page.',
  'allocations.not_handed_over':
    'Cet appareil n’est pas remis (statut : {status}) : il n’y a pas de remise à annuler.',
  'allocations.loan_moved_on':
    'Le prêt a déjà été prolongé ou rendu : la remise ne peut plus être annulée. Enregistrez plutôt un retour.',
  'loans.not_renewable': 'Ce programme ne prévoit pas de renouvellement des prêts.',
  'loans.renewal_cap_reached':
    'Ce prêt a atteint le nombre de renouvellements prévu par le programme ({count} au plus) : l’appareil doit être rendu à la date prévue.',
  'allocations.signature_invalid':
    'La signature dessinée n’a pas pu être lue (une image PNG de {max} ko au plus est attendue) : effacez-la et signez de nouveau.',
  'tickets.too_many_open':
    '{count} problèmes signalés sont déjà en cours pour cet appareil : {organisation} vous recontactera. Pour un nouveau problème urgent, appelez-les.',
  'loans.returned': 'Ce prêt est terminé : l’appareil a été rendu le {on}.',
  'internetAids.funder_not_of_programme':
    'Ce financeur ne finance pas « {programme} » : choisissez le financeur de l’aide internet ou un financeur des subventions du programme (ou aucun).',
  'internetAids.no_referral':
    'Cette personne n’a pas d’orientation en cours dans ce programme : l’aide à la connexion ne peut pas lui être accordée.',
} as const;

export const distributionMessagesEn: Record<keyof typeof distributionMessagesFr, string> = {
  'allocations.not_eligible':
    'This person has no eligible referral in progress in this programme: refer them first (or evaluate their referral again).',
  'allocations.training_not_completed':
    'The programme requires the training: the person has not completed it yet (status: {status}).',
  'allocations.max_devices':
    'This person already has {count} device(s) from this programme, the maximum ({max}).',
  'allocations.device_not_in_programme':
    'This device is neither in the programme organiser’s stock nor in a partner refurbisher’s.',
  'allocations.device_not_ready': '{assetTag} is “{status}”: only a ready device can be allocated.',
  'allocations.device_taken': 'This device has just been allocated by someone else: choose another one.',
  'allocations.not_reserved': 'This allocation is “{status}”: it can no longer be handed over or cancelled.',
  'allocations.outside_period':
    '{day} is outside the period of the programme “{programme}” ({startsOn} to {endsOn}).',
  'allocations.payment_note_required':
    'The amount paid ({paid}) differs from the expected contribution ({expected}): say why in a note.',
  'allocations.referral_closed':
    'This person’s referral is “{status}”: the handover is no longer possible. Cancel the reservation.',
  'allocations.before_referral': 'The handover cannot come before the referral ({referredOn}).',
  'loans.return_day_invalid': 'The return falls between the start of the loan ({startedOn}) and today.',
  'documents.not_handed_over':
    'The device is not handed over yet (status: {status}): the document comes with the handover.',
  'documents.not_for_mode': 'This document does not belong to this programme (mode: {mode}).',
  'documents.period_invalid': 'The end of the period is before its start ({from}).',
  'handoverEvents.completed': 'This day’s handovers are already recorded: it no longer changes.',
  'handoverEvents.not_in_programme': 'This allocation is not a reservation of this programme.',
  'handoverEvents.on_another_event': 'This allocation is already planned for another handover day.',
  'handoverEvents.not_yet':
    'The handover day is on {heldOn}: its handovers are recorded on that day or after.',
  'handoverEvents.empty': 'No handover is planned for this day: add reserved allocations first.',
  'tickets.not_handed_over': 'This device is not handed over (status: {status}): no maintenance to follow.',
  'tickets.resolved':
    'This report is resolved: it no longer changes. Open a new one if the problem comes back.',
  'tickets.device_changed': 'The device of this handover changed meanwhile: reload the page.',
  'allocations.not_handed_over':
    'This device is not handed over (status: {status}): there is no handover to take back.',
  'allocations.loan_moved_on':
    'The loan was already renewed or returned: the handover can no longer be taken back. Record a return instead.',
  'loans.not_renewable': 'This programme does not renew loans.',
  'loans.renewal_cap_reached':
    'This loan has reached the number of renewals the programme allows ({count} at most): the device must be returned on its due date.',
  'allocations.signature_invalid':
    'The drawn signature could not be read (a PNG image of at most {max} kB is expected): clear it and sign again.',
  'tickets.too_many_open':
    '{count} reported problems are already being handled for this device: {organisation} will get back to you. For an urgent new problem, call them.',
  'loans.returned': 'This loan is over: the device was returned on {on}.',
  'internetAids.funder_not_of_programme':
    'This funder does not fund « {programme} »: choose the programme’s internet-aid funder or one of its subsidy funders (or none).',
  'internetAids.no_referral':
    'This person has no referral in progress in this programme: the internet aid cannot be granted.',
};
