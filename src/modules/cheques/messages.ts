/** Wording of the training cheques' messages, merged into the app's table (French source, same keys in English). */
export const chequeMessagesFr = {
  'cheques.future_session':
    'Cette séance n’a pas encore eu lieu : les chèques se reçoivent le jour de la séance ou après.',
  'cheques.cancelled_session': 'Cette séance est annulée : elle ne reçoit pas de chèque.',
  'cheques.not_enrolled': 'Cette personne n’est pas inscrite à l’atelier : inscrivez-la d’abord.',
  'cheques.not_present':
    'La présence a été notée et cette personne était absente à cette séance : elle ne peut pas y remettre de chèque.',
  'cheques.pass_value': 'Un chèque pass numérique vaut 10 € : laissez la valeur à 10 €.',
  'cheques.value_required': 'Indiquez la valeur du chèque (en euros).',
  'cheques.issuer_name_required': 'Nommez l’émetteur du chèque (par exemple « Région Centre-Val de Loire »).',
  'cheques.pass_cap':
    'Au plus {cap} chèque(s) pass numérique par personne pour cette séance de {minutes} minutes (un par tranche de 2 heures) ; {already} déjà reçu(s).',
  'cheques.expired_on_session':
    'Ce chèque n’était plus valable le jour de la séance ({sessionDay}) : fin de validité le {expiresOn}. Un chèque périmé ne se reçoit pas.',
  'cheques.pass_validity_too_long':
    'Un chèque pass numérique est valable un an : sa fin de validité ne peut pas dépasser le {max}. Vérifiez la date imprimée.',
  'cheques.number_taken': 'Le chèque n° {number} de cet émetteur est déjà enregistré.',
  'cheques.number_repeated': 'Le numéro {number} figure deux fois dans la liste.',
  'cheques.number_invalid': 'Numéro invalide : lettres, chiffres, tirets et espaces (40 caractères au plus).',
  'cheques.already_sent':
    'Ce chèque est déjà parti dans un lot envoyé le {sentOn} : il ne se modifie plus et ne se supprime plus.',
  'cheques.batch_issuer_mixed':
    'Le chèque n° {number} n’est pas de l’émetteur du lot : un lot ne contient que les chèques d’un seul émetteur.',
  'cheques.batch_not_pending': 'Le chèque n° {number} est déjà dans un lot.',
  'cheques.batch_issuer_name_mixed':
    'Le chèque n° {number} est de « {name} », pas du même émetteur que les autres chèques choisis : faites un lot par émetteur.',
  'cheques.sent_in_future':
    'Un lot ne peut pas être envoyé après aujourd’hui ({today}) : indiquez le jour où il est parti.',
  'cheques.reimbursed_in_future':
    'Le remboursement ne peut pas être daté après aujourd’hui ({today}) : indiquez le jour où il a été reçu.',
  'cheques.batch_unknown_cheque': 'Ce chèque n’existe pas ou n’appartient pas à cette organisation.',
  'cheques.batch_sent_before_receipt':
    'Le lot ne peut pas partir ({sentOn}) avant la réception du chèque n° {number} ({receivedOn}).',
  'cheques.reimbursement_too_high':
    'Le remboursement ({amount}) dépasse la valeur des chèques acceptés du lot ({max}).',
  'cheques.reimbursed_before_sent': 'Le remboursement ne peut pas précéder l’envoi du lot ({sentOn}).',
  'cheques.rejected_not_in_batch': 'Ce chèque ne fait pas partie de ce lot.',
  'cheques.warning_expired':
    'Le chèque n° {number} a expiré le {expiresOn} : envoyez-le sans attendre, l’émetteur peut le refuser.',
  'cheques.warning_expiring': 'Le chèque n° {number} expire le {expiresOn} : à envoyer avant cette date.',
} as const;

export const chequeMessagesEn: Record<keyof typeof chequeMessagesFr, string> = {
  'cheques.future_session':
    'This session has not taken place yet: cheques are received on the day of the session or after.',
  'cheques.cancelled_session': 'This session is cancelled: it takes no cheque.',
  'cheques.not_enrolled': 'This person is not enrolled in the workshop: enrol them first.',
  'cheques.not_present':
    'Attendance was taken and this person was absent from this session: they cannot hand in a cheque for it.',
  'cheques.pass_value': 'A pass numérique cheque is worth €10: leave the value at €10.',
  'cheques.value_required': 'Give the cheque’s value (in euros).',
  'cheques.issuer_name_required': 'Name the cheque’s issuer (for example “Région Centre-Val de Loire”).',
  'cheques.pass_cap':
    'At most {cap} pass numérique cheque(s) per person for this {minutes}-minute session (one per 2 hours); {already} already received.',
  'cheques.expired_on_session':
    'This cheque was no longer valid on the day of the session ({sessionDay}): it expired on {expiresOn}. An expired cheque is not received.',
  'cheques.pass_validity_too_long':
    'A pass numérique cheque is valid for one year: its expiry cannot be after {max}. Check the printed date.',
  'cheques.number_taken': 'Cheque no. {number} of this issuer is already recorded.',
  'cheques.number_repeated': 'Number {number} appears twice in the list.',
  'cheques.number_invalid': 'Invalid number: letters, digits, hyphens and spaces (40 characters at most).',
  'cheques.already_sent':
    'This cheque already left in a batch sent on {sentOn}: it can no longer be changed or deleted.',
  'cheques.batch_issuer_mixed':
    'Cheque no. {number} is not from the batch’s issuer: a batch holds one issuer’s cheques only.',
  'cheques.batch_not_pending': 'Cheque no. {number} is already in a batch.',
  'cheques.batch_issuer_name_mixed':
    'Cheque no. {number} is from “{name}”, not the same issuer as the other cheques chosen: make one batch per issuer.',
  'cheques.sent_in_future': 'A batch cannot be sent after today ({today}): give the day it left.',
  'cheques.reimbursed_in_future':
    'The reimbursement cannot be dated after today ({today}): give the day it was received.',
  'cheques.batch_unknown_cheque': 'This cheque does not exist or does not belong to this organisation.',
  'cheques.batch_sent_before_receipt':
    'The batch cannot leave ({sentOn}) before cheque no. {number} was received ({receivedOn}).',
  'cheques.reimbursement_too_high':
    'The reimbursement ({amount}) is more than the value of the batch’s accepted cheques ({max}).',
  'cheques.reimbursed_before_sent': 'The reimbursement cannot come before the batch was sent ({sentOn}).',
  'cheques.rejected_not_in_batch': 'This cheque is not part of this batch.',
  'cheques.warning_expired':
    'Cheque no. {number} expired on {expiresOn}: send it at once, the issuer may refuse it.',
  'cheques.warning_expiring': 'Cheque no. {number} expires on {expiresOn}: send it before then.',
};
