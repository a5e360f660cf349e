/**
 * The association portal's e-mails (French and English), registered in the notifications' template table.
 * Kept here so that the portal's wording lives with the portal; `bodies` builds the text and HTML parts.
 */
import { formatDay } from '../../lib/dates.ts';
import type { Locale } from '../../lib/messages.ts';
import type { OrderStatus } from './schema.ts';

type Mail = { subject: string; text: string; html: string };
type Bodies = (paragraphs: string[], signature: string) => { text: string; html: string };

export interface PortalConfirmParams {
  name: string;
  associationName: string;
  programmeName: string;
  organisationName: string;
  url: string;
}

export interface PortalAlreadyRegisteredParams {
  name: string;
  associationName: string;
  programmeName: string;
  organisationName: string;
  /** `pending`: waiting for the owner's verification; `approved`: log in to the portal. */
  status: 'pending' | 'approved';
  url: string;
}

export interface PortalRegistrationPendingParams {
  /** The programme owner's staff member. */
  name: string;
  associationName: string;
  programmeName: string;
  url: string;
}

export interface PortalApprovedParams {
  name: string;
  associationName: string;
  programmeName: string;
  organisationName: string;
  /** `invitation`: a new account, the link sets its password; `login`: the account exists already. */
  kind: 'invitation' | 'login';
  url: string;
  expiresOn: string | null;
}

export interface PortalRefusedParams {
  name: string;
  associationName: string;
  programmeName: string;
  organisationName: string;
  reason: string;
}

export interface PortalOrderStatusParams {
  name: string;
  number: string;
  associationName: string;
  programmeName: string;
  status: OrderStatus;
  /** The reason of a refusal or cancellation, the association's note on submission. */
  note: string | null;
  /** Written to the programme owner's staff (a new or cancelled order) rather than to the association. */
  forOwner: boolean;
  url: string;
}

const STATUS_WORDS: Record<Locale, Record<OrderStatus, string>> = {
  fr: {
    submitted: 'envoyée',
    approved: 'acceptée',
    prepared: 'préparée : les appareils vous attendent',
    handed_over: 'remise',
    refused: 'refusée',
    cancelled: 'annulée',
  },
  en: {
    submitted: 'submitted',
    approved: 'approved',
    prepared: 'prepared: the devices are waiting for you',
    handed_over: 'handed over',
    refused: 'refused',
    cancelled: 'cancelled',
  },
};

export function portalConfirmMail(bodies: Bodies, locale: Locale, p: PortalConfirmParams): Mail {
  if (locale === 'en') {
    return {
      subject: `Confirm the registration of ${p.associationName}`,
      ...bodies(
        [
          `Hello ${p.name},`,
          `You registered ${p.associationName} for the programme “${p.programmeName}” run by ${p.organisationName}. To confirm your e-mail address, open this link:`,
          p.url,
          'The link works for 48 hours. Then the programme checks your registration and writes to you. If you did not register, ignore this e-mail: nothing will be kept.',
        ],
        p.organisationName,
      ),
    };
  }
  return {
    subject: `Confirmez l’inscription de ${p.associationName}`,
    ...bodies(
      [
        `Bonjour ${p.name},`,
        `Vous avez inscrit « ${p.associationName} » au programme « ${p.programmeName} » de ${p.organisationName}. Pour confirmer votre adresse e-mail, ouvrez ce lien :`,
        p.url,
        'Le lien vaut 48 heures. Ensuite, le programme vérifie votre inscription et vous écrit. Si vous ne vous êtes pas inscrit·e, ignorez ce message : rien ne sera gardé.',
      ],
      p.organisationName,
    ),
  };
}

export function portalAlreadyRegisteredMail(
  bodies: Bodies,
  locale: Locale,
  p: PortalAlreadyRegisteredParams,
): Mail {
  if (locale === 'en') {
    return {
      subject: `${p.associationName} is already registered`,
      ...bodies(
        [
          `Hello ${p.name},`,
          p.status === 'approved'
            ? `A registration for the programme “${p.programmeName}” was just made with your e-mail address, but ${p.associationName} is already registered and verified. Log in to the association portal:`
            : `A registration for the programme “${p.programmeName}” was just made with your e-mail address, but a registration is already waiting for verification by ${p.organisationName}. You will get an e-mail once it is checked.`,
          ...(p.status === 'approved' ? [p.url] : []),
          'If you did not do this, ignore this e-mail.',
        ],
        p.organisationName,
      ),
    };
  }
  return {
    subject: `« ${p.associationName} » est déjà inscrite`,
    ...bodies(
      [
        `Bonjour ${p.name},`,
        p.status === 'approved'
          ? `Une inscription au programme « ${p.programmeName} » vient d’être faite avec votre adresse, mais « ${p.associationName} » est déjà inscrite et vérifiée. Connectez-vous au portail des associations :`
          : `Une inscription au programme « ${p.programmeName} » vient d’être faite avec votre adresse, mais une inscription attend déjà la vérification de ${p.organisationName}. Vous recevrez un e-mail dès qu’elle sera examinée.`,
        ...(p.status === 'approved' ? [p.url] : []),
        'Si ce n’est pas vous, ignorez ce message.',
      ],
      p.organisationName,
    ),
  };
}

export function portalRegistrationPendingMail(
  bodies: Bodies,
  locale: Locale,
  p: PortalRegistrationPendingParams,
): Mail {
  if (locale === 'en') {
    return {
      subject: `New association to verify: ${p.associationName}`,
      ...bodies(
        [
          `Hello ${p.name},`,
          `${p.associationName} registered for the programme “${p.programmeName}” and confirmed its e-mail address. Check its details (RNA or SIRET, activity), then approve or refuse it:`,
          p.url,
        ],
        'Seconde Vie',
      ),
    };
  }
  return {
    subject: `Nouvelle association à vérifier : ${p.associationName}`,
    ...bodies(
      [
        `Bonjour ${p.name},`,
        `« ${p.associationName} » s’est inscrite au programme « ${p.programmeName} » et a confirmé son adresse e-mail. Vérifiez ses informations (RNA ou SIRET, activité), puis validez ou refusez :`,
        p.url,
      ],
      'Seconde Vie',
    ),
  };
}

export function portalApprovedMail(bodies: Bodies, locale: Locale, p: PortalApprovedParams): Mail {
  const until = p.expiresOn ? formatDay(p.expiresOn, locale) : null;
  if (locale === 'en') {
    return {
      subject: `${p.associationName} is verified: welcome to the programme`,
      ...bodies(
        [
          `Hello ${p.name},`,
          `${p.organisationName} has verified ${p.associationName} for the programme “${p.programmeName}”. You can now see the devices available and order them.`,
          p.kind === 'invitation'
            ? 'To choose your password, open this link:'
            : 'Log in with your usual account:',
          p.url,
          ...(p.kind === 'invitation' && until ? [`The link works once, until ${until}.`] : []),
        ],
        p.organisationName,
      ),
    };
  }
  return {
    subject: `« ${p.associationName} » est vérifiée : bienvenue dans le programme`,
    ...bodies(
      [
        `Bonjour ${p.name},`,
        `${p.organisationName} a vérifié « ${p.associationName} » pour le programme « ${p.programmeName} ». Vous pouvez maintenant voir les appareils disponibles et les commander.`,
        p.kind === 'invitation'
          ? 'Pour choisir votre mot de passe, ouvrez ce lien :'
          : 'Connectez-vous avec votre compte habituel :',
        p.url,
        ...(p.kind === 'invitation' && until ? [`Le lien ne sert qu’une fois, jusqu’au ${until}.`] : []),
      ],
      p.organisationName,
    ),
  };
}

export function portalRefusedMail(bodies: Bodies, locale: Locale, p: PortalRefusedParams): Mail {
  if (locale === 'en') {
    return {
      subject: `Registration of ${p.associationName} not accepted`,
      ...bodies(
        [
          `Hello ${p.name},`,
          `${p.organisationName} could not accept ${p.associationName} in the programme “${p.programmeName}”. The reason given:`,
          p.reason,
          `For any question, contact ${p.organisationName}.`,
        ],
        p.organisationName,
      ),
    };
  }
  return {
    subject: `Inscription de « ${p.associationName} » non retenue`,
    ...bodies(
      [
        `Bonjour ${p.name},`,
        `${p.organisationName} n’a pas pu retenir « ${p.associationName} » dans le programme « ${p.programmeName} ». Le motif indiqué :`,
        p.reason,
        `Pour toute question, contactez ${p.organisationName}.`,
      ],
      p.organisationName,
    ),
  };
}

export function portalOrderStatusMail(bodies: Bodies, locale: Locale, p: PortalOrderStatusParams): Mail {
  const status = STATUS_WORDS[locale][p.status];
  if (locale === 'en') {
    const line = p.forOwner
      ? p.status === 'submitted'
        ? `${p.associationName} has sent order ${p.number} in the programme “${p.programmeName}”.`
        : `${p.associationName}’s order ${p.number} in the programme “${p.programmeName}” is ${status}.`
      : `Your order ${p.number} in the programme “${p.programmeName}” is ${status}.`;
    return {
      subject: `Order ${p.number}: ${status}`,
      ...bodies(
        [`Hello ${p.name},`, line, ...(p.note ? [`Note: ${p.note}`] : []), 'See the order:', p.url],
        'Seconde Vie',
      ),
    };
  }
  const line = p.forOwner
    ? p.status === 'submitted'
      ? `« ${p.associationName} » a envoyé la commande ${p.number} dans le programme « ${p.programmeName} ».`
      : `La commande ${p.number} de « ${p.associationName} » dans le programme « ${p.programmeName} » est ${status}.`
    : `Votre commande ${p.number} dans le programme « ${p.programmeName} » est ${status}.`;
  return {
    subject: `Commande ${p.number} : ${status}`,
    ...bodies(
      [`Bonjour ${p.name},`, line, ...(p.note ? [`Note : ${p.note}`] : []), 'Voir la commande :', p.url],
      'Seconde Vie',
    ),
  };
}
