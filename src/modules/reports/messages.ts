/** Wording of the reports' messages, merged into the app's table (French source, same keys in English). */
export const reportMessagesFr = {
  'reports.period_reversed': 'La période est inversée : le début ({from}) vient après la fin ({to}).',
};

export const reportMessagesEn: Record<keyof typeof reportMessagesFr, string> = {
  'reports.period_reversed': 'The period is reversed: its start ({from}) comes after its end ({to}).',
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
