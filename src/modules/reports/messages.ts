/** Wording of the reports' messages, merged into the app's table (French source, same keys in English). */
export const reportMessagesFr = {
  'reports.period_reversed': 'La période est inversée : le début ({from}) vient après la fin ({to}).',
  'reports.period_month_start':
    'Le tableau de bord compte par mois entiers : la période commence le 1er d’un mois.',
  'reports.period_month_end':
    'Le tableau de bord compte par mois entiers : la période finit le dernier jour d’un mois.',
  'reports.period_too_long': 'La période dépasse {maxMonths} mois.',
};

export const reportMessagesEn: Record<keyof typeof reportMessagesFr, string> = {
  'reports.period_reversed': 'The period is reversed: its start ({from}) comes after its end ({to}).',
  'reports.period_month_start': 'The dashboard counts whole months: the period starts on the 1st of a month.',
  'reports.period_month_end':
    'The dashboard counts whole months: the period ends on the last day of a month.',
  'reports.period_too_long': 'The period is longer than {maxMonths} months.',
};

/** The network, funder and donor reports' messages. */
export const reportsMessagesFr = {
  'network.not_coordinator':
    '« {name} » n’est pas une organisation coordinatrice : seule une coordinatrice a un réseau.',
  'network.self': 'Une coordinatrice compte déjà ses propres chiffres : inutile de l’ajouter à son réseau.',
  'network.not_party':
    'Seuls les administrateurs de la coordinatrice ou de l’organisation concernée peuvent modifier cette adhésion.',
};

export const reportsMessagesEn: Record<keyof typeof reportsMessagesFr, string> = {
  'network.not_coordinator': '“{name}” is not a coordinating organisation: only a coordinator has a network.',
  'network.self': 'A coordinator already counts its own figures: there is no need to add it to its network.',
  'network.not_party':
    'Only the administrators of the coordinator or of the organisation concerned may change this membership.',
};
