/** Wording of the budget and co-financing messages, merged into the app's table (French source, same keys in English). */
export const budgetMessagesFr = {
  'budgets.amount_invalid':
    'Indiquez un montant positif ou nul, en centimes entiers (ex. 150000 pour 1 500 €).',
  'budgets.year_outside':
    'L’année {year} est hors du programme, qui court de {from} à {to} : choisissez une année entre {from} et {to}.',
  'budgets.derived_amounts_typed':
    'Cette ligne est « {basis} » : ses montants engagé et dépensé sont calculés à partir de ce qui est enregistré dans le programme. Laissez-les vides, ou choisissez « montants saisis ».',
  'budgets.derived_line_exists':
    'Le budget {year} a déjà une ligne « {basis} » : modifiez-la plutôt que d’en ajouter une seconde (les mêmes faits seraient comptés deux fois).',
  'budgets.too_many_lines':
    'Le budget de ce programme a déjà {max} lignes, le maximum : regroupez des lignes.',
  'budgets.too_many_fundings':
    'Le plan de financement de ce programme a déjà {max} financeurs, le maximum : regroupez des demandes.',
  'budgets.funder_required':
    'Indiquez le financeur : une organisation de l’annuaire, ou son nom (ex. « Fonds européens FSE+ »).',
  'budgets.funder_unknown':
    'Cette organisation n’existe pas dans l’annuaire : choisissez-en une autre, ou saisissez un nom.',
  'budgets.granted_and_refused':
    'Une demande est soit accordée (montant accordé), soit refusée (date de refus), pas les deux : videz l’un des deux.',
  'budgets.granted_over_requested':
    'Le montant accordé ({granted}) dépasse le montant demandé ({requested}) : corrigez l’un ou l’autre.',
  'budgets.granted_below_received':
    'Le financeur a déjà versé {received} : le montant accordé ne peut pas être inférieur. Supprimez d’abord des versements.',
  'budgets.refused_with_payments':
    'Le financeur a déjà versé {received} : la demande ne peut pas être refusée. Supprimez d’abord ses versements.',
  'budgets.granted_on_without_amount': 'Une date d’accord demande un montant accordé : indiquez le montant.',
  'budgets.agreement_dates': 'La convention ne peut pas finir ({end}) avant d’avoir commencé ({start}).',
  'budgets.payment_not_granted':
    'Cette demande est « {status} » : un versement ne s’enregistre que sur une demande accordée. Indiquez d’abord le montant accordé.',
  'budgets.payment_over_granted':
    'Ce versement de {amount} dépasse ce qui reste à recevoir : {remaining} sur {granted} accordés ({received} déjà reçus).',
  'budgets.payment_positive': 'Indiquez un montant reçu supérieur à zéro, en centimes entiers.',
  'budgets.payment_in_future':
    'Un versement s’enregistre une fois reçu : indiquez une date de réception au plus tard aujourd’hui ({today}).',
  'budgets.too_many_payments': 'Cette demande a déjà {max} versements, le maximum.',
  'budgets.funding_has_payments':
    'Ce financement a {count} versement(s) enregistré(s) : supprimez d’abord les versements, puis le financement.',
  'budgets.basis.entered': 'montants saisis',
  'budgets.basis.internet_aids': 'calculé à partir des aides internet accordées',
  'budgets.basis.handover_subsidies': 'calculé à partir des subventions des remises',
  'budgets.status.requested': 'demandé',
  'budgets.status.granted': 'accordé',
  'budgets.status.refused': 'refusé',
  'budgets.status.partly_received': 'en partie reçu',
  'budgets.status.received': 'reçu',
} as const;

export const budgetMessagesEn: Record<keyof typeof budgetMessagesFr, string> = {
  'budgets.amount_invalid': 'Give an amount of zero or more, in whole cents (e.g. 150000 for €1,500).',
  'budgets.year_outside':
    'The year {year} is outside the programme, which runs from {from} to {to}: choose a year between {from} and {to}.',
  'budgets.derived_amounts_typed':
    'This line is “{basis}”: its committed and spent amounts are computed from what the programme records. Leave them empty, or choose “entered amounts”.',
  'budgets.derived_line_exists':
    'The {year} budget already has a “{basis}” line: change it rather than adding a second one (the same facts would be counted twice).',
  'budgets.too_many_lines': 'This programme’s budget already has {max} lines, the maximum: merge some lines.',
  'budgets.too_many_fundings':
    'This programme’s co-financing plan already has {max} funders, the maximum: merge some requests.',
  'budgets.funder_required':
    'Name the funder: an organisation of the directory, or its name (e.g. “European funds ESF+”).',
  'budgets.funder_unknown': 'This organisation is not in the directory: choose another one, or type a name.',
  'budgets.granted_and_refused':
    'A request is either granted (an amount granted) or refused (a refusal date), not both: empty one of them.',
  'budgets.granted_over_requested':
    'The amount granted ({granted}) is more than the amount requested ({requested}): correct one of them.',
  'budgets.granted_below_received':
    'The funder has already paid {received}: the amount granted cannot be lower. Delete payments first.',
  'budgets.refused_with_payments':
    'The funder has already paid {received}: the request cannot be refused. Delete its payments first.',
  'budgets.granted_on_without_amount': 'A date of grant needs an amount granted: give the amount.',
  'budgets.agreement_dates': 'The agreement cannot end ({end}) before it starts ({start}).',
  'budgets.payment_not_granted':
    'This request is “{status}”: a payment is recorded only on a granted request. Give the amount granted first.',
  'budgets.payment_over_granted':
    'This payment of {amount} is more than what remains to be received: {remaining} of {granted} granted ({received} already received).',
  'budgets.payment_positive': 'Give an amount received above zero, in whole cents.',
  'budgets.payment_in_future':
    'A payment is recorded once received: give a date received no later than today ({today}).',
  'budgets.too_many_payments': 'This request already has {max} payments, the maximum.',
  'budgets.funding_has_payments':
    'This funding has {count} payment(s) recorded: delete the payments first, then the funding.',
  'budgets.basis.entered': 'entered amounts',
  'budgets.basis.internet_aids': 'computed from the internet aids granted',
  'budgets.basis.handover_subsidies': 'computed from the subsidies of handovers',
  'budgets.status.requested': 'requested',
  'budgets.status.granted': 'granted',
  'budgets.status.refused': 'refused',
  'budgets.status.partly_received': 'partly received',
  'budgets.status.received': 'received',
};
