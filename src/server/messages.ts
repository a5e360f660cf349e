/**
 * Wording of the messages of the HTTP layer's own defences (cross-site writes, time limits, health), merged
 * into the app's message table. French is the source; the English table has exactly the same keys.
 */
export const serverMessagesFr = {
  'errors.title.CSRF_REJECTED': 'Requête d’un autre site refusée',
  'errors.title.QUERY_TIMEOUT': 'Opération trop longue',
  'errors.csrf_rejected':
    'Cette modification vient d’une page d’un autre site : elle est refusée pour protéger votre compte. Faites-la depuis Seconde Vie même (rechargez la page si besoin).',
  'errors.query_timeout':
    'L’opération a pris plus de {seconds} secondes et a été interrompue ; rien n’a été enregistré. Réessayez avec moins de données (une période plus courte, un filtre).',
  'errors.too_many_requests_minutes':
    'Trop de tentatives depuis votre adresse. Réessayez dans {minutes} minute(s).',
  'errors.database_unavailable':
    'La base de données ne répond pas : le service est indisponible pour l’instant. Réessayez dans un moment.',
};

export const serverMessagesEn: Record<keyof typeof serverMessagesFr, string> = {
  'errors.title.CSRF_REJECTED': 'Request from another site refused',
  'errors.title.QUERY_TIMEOUT': 'Operation took too long',
  'errors.csrf_rejected':
    'This change comes from a page of another website: it is refused to protect your account. Make it from Seconde Vie itself (reload the page if needed).',
  'errors.query_timeout':
    'The operation took more than {seconds} seconds and was stopped; nothing was recorded. Try again with less data (a shorter period, a filter).',
  'errors.too_many_requests_minutes':
    'Too many attempts from your address. Try again in {minutes} minute(s).',
  'errors.database_unavailable':
    'The database does not answer: the service is unavailable for now. Try again in a moment.',
};
